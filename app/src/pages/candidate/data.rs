//! For admins, on the candidate page: export, legal holds and erasure.

use crate::components::form::FormStatus;
use crate::components::navigate::reload_page;
use crate::errors::AppError;
use crate::server_fns::data::{erase_candidate, place_hold};
use leptos::prelude::*;

/// For admins: the candidate's export, legal holds and erasure. An island;
/// a hold or an erasure changes the server-rendered page, which loads again.
#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]
#[cfg_attr(feature = "referee-bundle", component)]
pub(super) fn CandidateData(
    /// The candidate.
    candidate_id: String,
    /// Holds on the candidate or their role, lifted ones too.
    holds: Vec<crate::model::LegalHold>,
    /// Already erased: nothing left to erase.
    erased: bool,
) -> impl IntoView {
    use crate::model::HoldScope;
    let id = StoredValue::new(candidate_id.clone());
    let hold_reason = RwSignal::new(String::new());
    let erase_reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let held = holds.iter().any(|h| h.lifted_at.is_none());
    let place = Action::new(move |why: &String| {
        let why = why.clone();
        async move { place_hold(HoldScope::Candidate, id.get_value(), why).await }
    });
    let erase = Action::new(move |why: &String| {
        let why = why.clone();
        async move { erase_candidate(id.get_value(), why).await }
    });
    Effect::new(move |_| match place.value().get() {
        Some(Ok(_)) => reload_page(),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    Effect::new(move |_| match erase.value().get() {
        Some(Ok(_)) => {
            // The page loads again as the erased candidate's.
            reload_page();
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let refresh = Callback::new(move |()| reload_page());
    view! {
        <section class="card candidate-data" aria-labelledby="candidate-data">
            <h2 id="candidate-data">"Candidate data"</h2>
            <p>
                <a class="button secondary" href=format!("/candidates/{candidate_id}/export.zip") rel="external" download="">
                    "Export everything (ZIP)"
                </a>
                " "
                <a href=format!("/audit?candidate_id={candidate_id}")>"Audit log for this candidate"</a>
            </p>
            <h3>"Legal holds"</h3>
            <crate::pages::admin::data::HoldTable holds reload=refresh />
            <form class="inline-form" on:submit=move |ev| {
                ev.prevent_default();
                error.set(None);
                place.dispatch(hold_reason.get());
            }>
                <label for="hold-reason">"Reason for a hold"</label>
                <input id="hold-reason" required bind:value=hold_reason />
                <button type="submit" class="secondary" disabled=move || place.pending().get()>"Place hold"</button>
            </form>
            {(!erased).then(|| view! {
                <h3>"Erase"</h3>
                <p class="muted">{if held {
                    "A legal hold is in force: this candidate cannot be erased until it is lifted."
                } else {
                    "Removes their name, contact details, notes, free text in scorecards, referees and mail. Ratings stay, de-identified. This cannot be undone."
                }}</p>
                <form class="inline-form" on:submit=move |ev| {
                    ev.prevent_default();
                    error.set(None);
                    erase.dispatch(erase_reason.get());
                }>
                    <label for="erase-reason">"Reason for erasing"</label>
                    <input id="erase-reason" required bind:value=erase_reason />
                    <button type="submit" class="danger" disabled=move || erase.pending().get() || held>"Erase personal data"</button>
                </form>
            })}
            <FormStatus error=error />
        </section>
    }
}
