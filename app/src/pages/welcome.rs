//! `/welcome/:token`: choosing a password through a one-time link (an
//! invitation or a reset). No account is signed in; the link's token is
//! the only credential, and it works once.

use crate::components::page_title::PageTitle;
use crate::errors::AppError;
use crate::model::PasswordLinkFor;
use crate::server_fns::accounts::{password_link_info, set_password_by_link};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

/// The set-password form, or why the link no longer works.
#[component]
pub fn WelcomePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let info = Resource::new(token, password_link_info);
    view! {
        <Meta name="referrer" content="no-referrer" />
        <Meta name="robots" content="noindex" />
        <PageTitle text="Choose your password" />
        <main id="main" class="login">
            <div class="card login-card">
                <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                    {move || info.get().map(|result| match result {
                        Err(err) => view! {
                            <h1>"This link does not work"</h1>
                            <p class="error" role="alert">{err.to_string()}</p>
                            <p><a href="/login">"Go to sign in"</a></p>
                        }.into_any(),
                        Ok(info) => {
                            let heading = if info.invitation { "Welcome to Panelkit" } else { "Choose a new password" };
                            view! {
                                <h1>{heading}</h1>
                                <PasswordForm token=token() info />
                            }.into_any()
                        }
                    })}
                </Suspense>
            </div>
        </main>
    }
}

/// The form, then its outcome: an island, the only part of the page the
/// browser runs.
#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]
#[cfg_attr(feature = "referee-bundle", component)]
fn PasswordForm(token: String, info: PasswordLinkFor) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let set = Action::new(move |(token, password): &(String, String)| {
        let (token, password) = (token.clone(), password.clone());
        async move { set_password_by_link(token, password).await }
    });
    Effect::new(move |_| {
        if let Some(Err(e)) = set.value().get() {
            error.set(Some(e));
        }
    });
    let done = move || set.value().get().and_then(Result::ok);
    view! {
        <Show when=move || done().is_none() fallback=move || view! {
            <p role="status">{format!("Your password is set. Sign in as {}.", done().unwrap_or_default())}</p>
            <p><a class="button primary" href="/login">"Sign in"</a></p>
        }>
            <p>{format!("Choose a password for {} ({}). At least 10 characters.", info.name, info.email)}</p>
            <form on:submit={
                let token = token.clone();
                move |ev| {
                    ev.prevent_default();
                    error.set(None);
                    set.dispatch((token.clone(), password.get()));
                }
            }>
                <label for="new-password">"Password"</label>
                <input id="new-password" type="password" autocomplete="new-password" required
                    minlength="10" bind:value=password />
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e.to_string()}</p> })}
                <button type="submit" class="primary" disabled=move || set.pending().get()>"Set password"</button>
            </form>
        </Show>
    }
}
