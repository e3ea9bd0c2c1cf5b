//! `/data`: the organization's data settings (when candidates are
//! anonymised, what referees are told) and its legal holds.

use crate::components::form::FormStatus;
use crate::components::page_title::PageTitle;
use crate::components::text_area::TextArea;
use crate::errors::AppError;
use crate::model::{
    DEFAULT_CONSENT_TEXT, DataSettings, HoldScope, LegalHold, RetentionRule, RoleSummary,
    format_utc,
};
use crate::server_fns::data::{
    get_data_settings, lift_hold, list_holds, place_hold, save_data_settings,
};
use crate::server_fns::roles::list_roles;
use leptos::prelude::*;

/// Everything the page shows, loaded together.
async fn load() -> Result<(DataSettings, Vec<LegalHold>, Vec<RoleSummary>), AppError> {
    crate::pages::still_wanted()?;
    let settings = get_data_settings().await?;
    crate::pages::still_wanted()?;
    let holds = list_holds(None).await?;
    crate::pages::still_wanted()?;
    let roles = list_roles().await?;
    Ok((settings, holds, roles))
}

/// The data settings page. The whole page is an island: changing a hold
/// reloads its data.
#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]
#[cfg_attr(feature = "referee-bundle", component)]
pub fn DataPage() -> impl IntoView {
    let version = RwSignal::new(0_u32);
    let data = Resource::new(move || version.get(), |_| load());
    let reload = Callback::new(move |()| version.update(|v| *v += 1));
    view! {
        <PageTitle text="Data settings" />
        <h1>"Data settings"</h1>
        <p class="lede">"How long candidates' data is kept, what referees are told, and the legal holds that keep data from being erased."</p>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || data.get().map(|result| match result {
                Ok((settings, holds, roles)) => view! {
                    <SettingsForm settings />
                    <Holds holds roles reload />
                }.into_any(),
                Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn SettingsForm(settings: DataSettings) -> impl IntoView {
    let rule = RwSignal::new(settings.retention_rule);
    let days = RwSignal::new(settings.retention_days.to_string());
    let consent = RwSignal::new(settings.referee_consent_text.clone());
    let error = RwSignal::new(None::<AppError>);
    let notice = RwSignal::new(None::<String>);
    let save = Action::new(move |s: &DataSettings| {
        let s = s.clone();
        async move { save_data_settings(s).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => notice.set(Some("Saved.".into())),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        notice.set(None);
        let Ok(n) = days.get().trim().parse::<i64>() else {
            error.set(Some(AppError::invalid(
                "retention_days",
                "a whole number of days",
            )));
            return;
        };
        save.dispatch(DataSettings {
            retention_rule: rule.get(),
            retention_days: n,
            referee_consent_text: consent.get(),
        });
    };
    let rules = [
        RetentionRule::Off,
        RetentionRule::AfterDecision,
        RetentionRule::AfterInactivity,
    ];
    view! {
        <section class="card form-card" aria-labelledby="retention">
            <h2 id="retention">"Retention"</h2>
            <form on:submit=submit>
                <label for="retention-rule">"Anonymise candidates"</label>
                <select id="retention-rule" on:change=move |ev| {
                    if let Some(r) = RetentionRule::parse(&event_target_value(&ev)) { rule.set(r); }
                }>
                    {rules.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=move || rule.get() == r>{r.label()}</option>
                    }).collect_view()}
                </select>
                <label for="retention-days">"N (days)"</label>
                <input id="retention-days" type="number" min="1" max="3650" bind:value=days />
                <p class="muted">"Applied once a day; candidates under a legal hold are left alone. \
                    `panelkit retention run --dry-run` lists who is due."</p>
                <h2 id="consent">"What referees are told"</h2>
                <label for="consent-text">"Shown on the consent page: what is stored, for how long, who reads it. Empty uses the text below."</label>
                <TextArea value=consent on_input=Callback::new(move |t| consent.set(t)) attr:id="consent-text" attr:rows="6" />
                <p class="muted">{format!("Built-in text: {DEFAULT_CONSENT_TEXT}")}</p>
                <FormStatus error=error notice=notice />
                <button type="submit" class="primary" disabled=move || save.pending().get()>"Save"</button>
            </form>
        </section>
    }
}

#[component]
fn Holds(holds: Vec<LegalHold>, roles: Vec<RoleSummary>, reload: Callback<()>) -> impl IntoView {
    let role_id = RwSignal::new(roles.first().map(|r| r.id.clone()).unwrap_or_default());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let place = Action::new(move |(id, why): &(String, String)| {
        let (id, why) = (id.clone(), why.clone());
        async move { place_hold(HoldScope::Role, id, why).await }
    });
    Effect::new(move |_| match place.value().get() {
        Some(Ok(_)) => reload.run(()),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    view! {
        <section class="card" aria-labelledby="holds">
            <h2 id="holds">"Legal holds"</h2>
            <p class="muted">"A hold on a candidate (placed from their page) or a role blocks erasure and retention until it is lifted."</p>
            <HoldTable holds reload />
            <form class="inline-form" on:submit=move |ev| {
                ev.prevent_default();
                error.set(None);
                place.dispatch((role_id.get(), reason.get()));
            }>
                <label for="hold-role">"Hold a role"</label>
                <select id="hold-role" on:change=move |ev| role_id.set(event_target_value(&ev))>
                    {roles.into_iter().map(|r| view! { <option value=r.id.clone()>{r.title}</option> }).collect_view()}
                </select>
                <label for="hold-role-reason">"Reason"</label>
                <input id="hold-role-reason" required bind:value=reason />
                <FormStatus error=error />
                <button type="submit" class="secondary" disabled=move || place.pending().get()>"Place hold"</button>
            </form>
        </section>
    }
}

/// Holds with a form to lift each one in force.
#[component]
pub fn HoldTable(holds: Vec<LegalHold>, reload: Callback<()>) -> impl IntoView {
    if holds.is_empty() {
        return view! { <p class="empty">"No legal holds."</p> }.into_any();
    }
    view! {
        <table class="data holds">
            <thead><tr>
                <th scope="col">"On"</th><th scope="col">"Reason"</th><th scope="col">"Placed"</th>
                <th scope="col">"State"</th>
            </tr></thead>
            <tbody>
                {holds.into_iter().map(|h| view! { <HoldRow hold=h reload /> }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn HoldRow(hold: LegalHold, reload: Callback<()>) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let id = StoredValue::new(hold.id.clone());
    let lift = Action::new(move |why: &String| {
        let why = why.clone();
        async move { lift_hold(id.get_value(), why).await }
    });
    Effect::new(move |_| match lift.value().get() {
        Some(Ok(())) => reload.run(()),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let on = match hold.scope {
        HoldScope::Candidate => format!("Candidate {}", hold.subject_label),
        HoldScope::Role => format!("Role {}", hold.subject_label),
    };
    let input_id = format!("lift-{}", hold.id);
    view! {
        <tr>
            <td>{on}</td>
            <td>{hold.reason.clone()}</td>
            <td>{format!("{} by {}", format_utc(hold.placed_at), hold.placed_by)}</td>
            <td>{match hold.lifted_at {
                Some(at) => view! { <span>{format!("Lifted {}: {}", format_utc(at), hold.lift_reason)}</span> }.into_any(),
                None => view! {
                    <form class="inline-form" on:submit=move |ev| {
                        ev.prevent_default();
                        error.set(None);
                        lift.dispatch(reason.get());
                    }>
                        <label for=input_id.clone()>"Reason to lift"</label>
                        <input id=input_id.clone() required bind:value=reason />
                        <FormStatus error=error />
                        <button type="submit" class="secondary" disabled=move || lift.pending().get()>"Lift hold"</button>
                    </form>
                }.into_any(),
            }}</td>
        </tr>
    }
}
