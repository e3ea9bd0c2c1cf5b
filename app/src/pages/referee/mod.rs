//! `/r/:token`: the referee's page. No account: the one-time link's token is
//! the only key. It says who asks about whom and how the answers are used,
//! asks for consent, then shows the reference questions with a draft that
//! saves itself; submitting is final, declining is possible.

use crate::components::island_script::PreloadOwnBundle;
use crate::components::page_title::PageTitle;
use crate::errors::AppError;
use crate::model::{RefereeForm, RefereeFormState};
use crate::server_fns::referee::load_referee_form;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;
use steps::{Answering, Declining, Intro};

mod steps;

/// Sets an HTTP header and status on the server-rendered page.
#[cfg(feature = "ssr")]
fn set_response(status: Option<u16>) {
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        // The address holds the token: no page or request from here may send it on.
        res.insert_header(
            http::header::REFERRER_POLICY,
            http::HeaderValue::from_static("no-referrer"),
        );
        if let Some(status) = status.and_then(|s| http::StatusCode::from_u16(s).ok()) {
            res.set_status(status);
        }
    }
}

/// The referee's page.
#[component]
pub fn RefereePage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_response(None);
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let form = Resource::new(token, load_referee_form);
    view! {
        <Meta name="referrer" content="no-referrer" />
        <Meta name="robots" content="noindex" />
        <PreloadOwnBundle island="RefereeFlow" />
        <PageTitle text="Reference request" />
        <main id="main" class="referee-page">
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || form.get().map(|result| {
                    #[cfg(feature = "ssr")]
                    set_response(match &result {
                        Err(err) => Some(err.status_code()),
                        Ok(f) if f.state == RefereeFormState::Expired => Some(410),
                        _ => None,
                    });
                    match result {
                        Ok(f) => view! { <RefereeFlow form=f token=token() /> }.into_any(),
                        Err(AppError::NotFound) => view! { <InvalidLink /> }.into_any(),
                        Err(err) => view! {
                            <div class="card referee-card">
                                <h1>"Reference request"</h1>
                                <p class="error" role="alert">{err.to_string()}</p>
                            </div>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn InvalidLink() -> impl IntoView {
    view! {
        <div class="card referee-card">
            <h1>"This link does not work"</h1>
            <p>
                "It may have been replaced by a newer invitation: please use the link in the most recent
                message you received. If you need help, reply to the person who asked you for the reference."
            </p>
        </div>
    }
}

/// Where the referee is in the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Intro,
    Answering,
    Declining,
    Submitted,
    Declined,
    Expired,
}

/// The referee's steps: an island, hydrated with the form the server
/// rendered; the rest of the page is static.
// Its own bundle (`referee-bundle`), built with no other island in it;
// never in the main one.
#[cfg_attr(any(feature = "ssr", feature = "referee-bundle"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "referee-bundle")), component)]
fn RefereeFlow(form: RefereeForm, token: String) -> impl IntoView {
    let step = RwSignal::new(match form.state {
        RefereeFormState::Open if form.consented => Step::Answering,
        RefereeFormState::Open => Step::Intro,
        RefereeFormState::Submitted => Step::Submitted,
        RefereeFormState::Declined => Step::Declined,
        RefereeFormState::Expired => Step::Expired,
    });
    let form = StoredValue::new(form);
    let token = StoredValue::new(token);
    move || {
        match step.get() {
        Step::Intro => view! { <Intro form token step /> }.into_any(),
        Step::Answering => view! { <Answering form token step /> }.into_any(),
        Step::Declining => view! { <Declining form token step /> }.into_any(),
        Step::Submitted => form.with_value(|f| view! {
            <div class="card referee-card" role="status">
                <h1>"Thank you"</h1>
                <p>{format!(
                    "Your reference for {} has been sent to {} at {}. Your answers are final and are not shown \
                     through this link again. You can close this page.",
                    f.candidate_name, f.requester_name, f.org_name
                )}</p>
            </div>
        }.into_any()),
        Step::Declined => form.with_value(|f| view! {
            <div class="card referee-card" role="status">
                <h1>"You declined this request"</h1>
                <p>{format!(
                    "Thank you for letting {} know. Nothing about {} was recorded from you.",
                    f.requester_name, f.candidate_name
                )}</p>
            </div>
        }.into_any()),
        Step::Expired => form.with_value(|f| view! {
            <div class="card referee-card">
                <h1>"This link has expired"</h1>
                <p>
                    {format!("If you would still like to give a reference about {}, ask {} for a new link: ",
                        f.candidate_name, f.requester_name)}
                    <a href=format!("mailto:{}", f.requester_email)>{f.requester_email.clone()}</a>"."
                </p>
            </div>
        }.into_any()),
    }
    }
}
