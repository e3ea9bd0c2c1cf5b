//! The referee's steps inside the flow: the request explained with its
//! consent, declining, and the answers with their draft saved as they go.

use super::Step;
use crate::components::reference_form::{ReferenceAnswerForm, initial_answers, summary_message};
use crate::components::text_area::TextArea;
use crate::components::unsaved::guard_unsaved;
use crate::model::{RefereeForm, ReferenceAnswer, Relationship, format_day};
use crate::server_fns::referee::{
    referee_consent, referee_decline, referee_save_draft, referee_submit,
};
use leptos::prelude::*;

/// What the referee was to the candidate, as a phrase after "as".
fn relationship_phrase(r: Relationship) -> &'static str {
    match r {
        Relationship::Manager => "their manager",
        Relationship::Peer => "a peer",
        Relationship::DirectReport => "their direct report",
        Relationship::Client => "a client",
    }
}

/// Who asks about whom, and how the answers are used.
#[component]
fn AboutRequest(form: StoredValue<RefereeForm>) -> impl IntoView {
    form.with_value(|f| {
        let candidate = f.candidate_name.clone();
        view! {
            <p class="ref-who">
                <strong>{f.requester_name.clone()}</strong>{format!(" at {} asks for your view of ", f.org_name)}
                <strong>{candidate.clone()}</strong>{format!(", who has applied for the role of {}. ", f.role_title)}
                {format!("{candidate} named you as a referee who worked with them as {}.", relationship_phrase(f.relationship))}
            </p>
            <h2>"How your answers are used"</h2>
            <ul class="ref-use">
                <li>"The hiring team for this role (the recruiter and the hiring managers) reads your name and your answers."</li>
                <li>{format!("They are compared with {candidate}'s interviews on the same competencies. \
                    Ratings from references are combined only once at least {} referees have answered.",
                    f.aggregate_threshold)}</li>
                <li>{format!("Your answers are not shown to {candidate} here.")}</li>
                <li>{format!("Your draft is saved as you go, and you can come back through this link until {}. \
                    Once you submit, your answers are final and cannot be viewed through this link again.",
                    format_day(f.expires_at))}</li>
                <li>"You may answer \"I can't say\" to any question, or decline altogether."</li>
            </ul>
            <p class="muted">
                "Questions? Write to "<a href=format!("mailto:{}", f.requester_email)>{f.requester_email.clone()}</a>"."
            </p>
        }
    })
}

#[component]
pub(super) fn Intro(
    form: StoredValue<RefereeForm>,
    token: StoredValue<String>,
    step: RwSignal<Step>,
) -> impl IntoView {
    let agreed = RwSignal::new(false);
    let consent = Action::new(move |_: &()| referee_consent(token.get_value()));
    Effect::new(move |_| {
        if let Some(Ok(())) = consent.value().get() {
            step.set(Step::Answering);
        }
    });
    let error = Signal::derive(move || consent.value().get().and_then(Result::err));
    let (candidate, count) = form.with_value(|f| (f.candidate_name.clone(), f.questions.len()));
    view! {
        <div class="card referee-card">
            <h1>{format!("Reference for {candidate}")}</h1>
            <AboutRequest form />
            <section class="ref-data" aria-labelledby="ref-data-title">
                <h2 id="ref-data-title">"What we keep and who reads it"</h2>
                {form.with_value(|f| f.consent_text.split("\n\n").map(|p| p.trim().to_owned())
                    .filter(|p| !p.is_empty())
                    .map(|p| view! { <p class="ref-data-text">{p}</p> }).collect_view())}
            </section>
            <p>{format!("There {} {count} question{}; most people need about ten minutes.",
                if count == 1 { "is" } else { "are" }, if count == 1 { "" } else { "s" })}</p>
            <label class="ref-consent">
                <input type="checkbox" prop:checked=move || agreed.get()
                    on:change=move |ev| agreed.set(event_target_checked(&ev)) />
                <span>{format!("I agree to give a reference about {candidate}, and for my answers to be used as described above.")}</span>
            </label>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e.to_string()}</p> })}
            <div class="ref-actions">
                <button type="button" class="primary" disabled=move || !agreed.get() || consent.pending().get()
                    on:click=move |_| { consent.dispatch(()); }>
                    "Start"
                </button>
                <button type="button" class="link-button" on:click=move |_| step.set(Step::Declining)>
                    "I'd rather not give a reference"
                </button>
            </div>
        </div>
    }
}

#[component]
pub(super) fn Declining(
    form: StoredValue<RefereeForm>,
    token: StoredValue<String>,
    step: RwSignal<Step>,
) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let decline =
        Action::new(move |reason: &String| referee_decline(token.get_value(), reason.clone()));
    Effect::new(move |_| {
        if let Some(Ok(())) = decline.value().get() {
            step.set(Step::Declined);
        }
    });
    let error = Signal::derive(move || decline.value().get().and_then(Result::err));
    let back = form.with_value(|f| {
        if f.consented {
            Step::Answering
        } else {
            Step::Intro
        }
    });
    view! {
        <div class="card referee-card">
            <h1>"Decline this request"</h1>
            <p>{form.with_value(|f| format!(
                "{} will see that you declined. Saying why is optional.", f.requester_name))}</p>
            <label for="decline-reason">"Reason (optional)"</label>
            <TextArea value=reason on_input=Callback::new(move |t| reason.set(t))
                attr:id="decline-reason" attr:rows="3" attr:maxlength="2000" />
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e.to_string()}</p> })}
            <div class="ref-actions">
                <button type="button" class="primary" disabled=move || decline.pending().get()
                    on:click=move |_| { decline.dispatch(reason.get()); }>
                    "Decline"
                </button>
                <button type="button" class="secondary" on:click=move |_| step.set(back)>"Go back"</button>
            </div>
        </div>
    }
}

/// The state of the draft, as the referee sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum DraftState {
    Unchanged,
    Saving,
    Saved,
    Failed(String),
}

#[component]
pub(super) fn Answering(
    form: StoredValue<RefereeForm>,
    token: StoredValue<String>,
    step: RwSignal<Step>,
) -> impl IntoView {
    let (questions, candidate) =
        form.with_value(|f| (f.questions.clone(), f.candidate_name.clone()));
    let answers = RwSignal::new(form.with_value(|f| initial_answers(&f.questions, &f.draft)));
    let draft = RwSignal::new(DraftState::Unchanged);
    // One save at a time, so an older draft never lands after a newer one;
    // a change during a save is saved right after it.
    let dirty = RwSignal::new(false);
    // What the server holds, to warn before unsaved answers are left behind.
    let stored = RwSignal::new(answers.get_untracked());
    guard_unsaved(Signal::derive(move || {
        answers.with(|a| stored.with(|s| a != s))
    }));
    let save = Action::new(move |answers: &Vec<ReferenceAnswer>| {
        let answers = answers.clone();
        async move {
            referee_save_draft(token.get_value(), answers.clone())
                .await
                .map(|()| answers)
        }
    });
    let save_now = move || {
        if save.pending().get_untracked() {
            dirty.set(true);
        } else {
            draft.set(DraftState::Saving);
            save.dispatch(answers.get_untracked());
        }
    };
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) if dirty.get_untracked() => {
            stored.set(saved);
            dirty.set(false);
            save.dispatch(answers.get_untracked());
        }
        Some(Ok(saved)) => {
            stored.set(saved);
            draft.set(DraftState::Saved);
        }
        Some(Err(e)) => draft.set(DraftState::Failed(e.to_string())),
        None => {}
    });
    let submit = Action::new(move |answers: &Vec<ReferenceAnswer>| {
        referee_submit(token.get_value(), answers.clone())
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = submit.value().get() {
            step.set(Step::Submitted);
        }
    });
    let submit_error = Signal::derive(move || submit.value().get().and_then(Result::err));
    let confirming = RwSignal::new(false);
    let total = questions.len();
    let unanswered = move || answers.with(|a| a.iter().filter(|x| !x.is_answered()).count());

    view! {
        <div class="referee-head">
            <h1>{format!("Reference for {candidate}")}</h1>
            <details class="ref-about">
                <summary>"About this request"</summary>
                <AboutRequest form />
            </details>
        </div>
        <form class="ref-form" on:submit=move |ev| ev.prevent_default()>
            <ReferenceAnswerForm
                questions
                answers
                legend=format!("Your rating of {candidate}")
                id_prefix="ref".to_owned()
                on_change=Callback::new(move |()| save_now())
                error=submit_error
            />
            <p class="ref-savebar" class:failed=move || matches!(draft.get(), DraftState::Failed(_)) role="status">
                {move || match draft.get() {
                    DraftState::Unchanged => "Your answers are saved as a draft as you go.".to_owned(),
                    DraftState::Saving => "Saving draft…".to_owned(),
                    DraftState::Saved => "Draft saved.".to_owned(),
                    DraftState::Failed(e) => format!("The draft was not saved: {e}"),
                }}
            </p>
            <div class="card ref-submit">
                <p class="muted">{move || match unanswered() {
                    0 => format!("All {total} questions answered."),
                    n => format!("{n} of {total} questions still need a rating or \"I can't say\"."),
                }}</p>
                {move || submit_error.get().map(|e| view! { <p class="error" role="alert">{summary_message(&e)}</p> })}
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <div class="ref-actions">
                            <button type="button" class="secondary" on:click=move |_| save_now()>"Save draft"</button>
                            <button type="button" class="primary" on:click=move |_| confirming.set(true)>"Review and submit"</button>
                        </div>
                    }
                >
                    <p class="ref-final"><strong>"Submitting is final."</strong>
                        " You cannot change or view your answers afterwards."</p>
                    <div class="ref-actions">
                        <button type="button" class="primary" disabled=move || submit.pending().get()
                            on:click=move |_| { submit.dispatch(answers.get_untracked()); }>
                            "Submit final answers"
                        </button>
                        <button type="button" class="secondary" on:click=move |_| confirming.set(false)>"Keep editing"</button>
                    </div>
                </Show>
            </div>
        </form>
        <p class="ref-decline">
            <button type="button" class="link-button" on:click=move |_| step.set(Step::Declining)>
                "Decline this request instead"
            </button>
        </p>
    }
}
