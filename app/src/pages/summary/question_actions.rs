//! Acting on a question's health notes from the agreement table: retire the
//! bank question from future guide versions, or revise its text (a new
//! version). Each needs a reason and a confirmation, since it changes the
//! next version of every guide that uses the question.

use crate::components::form::FormStatus;
use crate::components::text_area::TextArea;
use crate::errors::AppError;
use crate::model::{QuestionActionReport, RetireQuestionInput, ReviseQuestionInput};
use crate::server_fns::questions::{retire_question, revise_question};
use leptos::prelude::*;

/// Which form is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Closed,
    Retire,
    Revise,
}

/// What the confirmation says before acting.
const EFFECT: &str = "Every guide that uses this question gets a new version with the change; \
     interviews not started yet (no scorecard saved) move to it. Interviews already rated keep \
     the version they were asked, and their summaries stay as they are.";

/// The "Retire" and "Revise" buttons of one bank question and their forms:
/// an island in the server-rendered agreement table.
#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]
#[cfg_attr(feature = "referee-bundle", component)]
pub(super) fn QuestionActions(
    /// The bank question acted on.
    bank_id: String,
    /// Its name in the table, for the form's heading.
    name: String,
    /// Its current text, where the revision starts from.
    text: String,
) -> impl IntoView {
    let mode = RwSignal::new(Mode::Closed);
    let confirming = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let text = RwSignal::new(text);
    let error = RwSignal::new(None::<AppError>);
    let done = RwSignal::new(None::<QuestionActionReport>);
    let act = Action::new(move |m: &Mode| {
        let m = *m;
        let question_id = bank_id.clone();
        let reason = reason.get_untracked();
        let text = text.get_untracked();
        async move {
            match m {
                Mode::Revise => {
                    revise_question(ReviseQuestionInput {
                        question_id,
                        text,
                        reason,
                    })
                    .await
                }
                _ => {
                    retire_question(RetireQuestionInput {
                        question_id,
                        reason,
                    })
                    .await
                }
            }
        }
    });
    Effect::new(move |_| match act.value().get() {
        Some(Ok(report)) => {
            error.set(None);
            confirming.set(false);
            mode.set(Mode::Closed);
            done.set(Some(report));
        }
        Some(Err(e)) => {
            confirming.set(false);
            error.set(Some(e));
        }
        None => {}
    });
    let open = move |m: Mode| {
        move |_: leptos::ev::MouseEvent| {
            error.set(None);
            confirming.set(false);
            mode.set(m);
        }
    };
    let heading = {
        let title = name;
        move || match mode.get() {
            Mode::Revise => format!("Revise “{title}”"),
            _ => format!("Retire “{title}”"),
        }
    };
    view! {
        <div class="question-actions">
            {move || done.get().map(|r| view! { <p class="notice" role="status">{report_text(&r)}" "
                <a href=format!("/library/{}#{}", r.competency_id, r.question_id)>"See its history"</a></p> })}
            <Show when=move || mode.get() == Mode::Closed && done.with(Option::is_none)>
                <button type="button" class="link-button" on:click=open(Mode::Revise)>"Revise"</button>
                " · "
                <button type="button" class="link-button danger" on:click=open(Mode::Retire)>"Retire"</button>
            </Show>
            <Show when=move || mode.get() != Mode::Closed>
                <form class="question-action-form" on:submit=move |ev| {
                    ev.prevent_default();
                    // First submit asks for confirmation, the second acts.
                    if confirming.get_untracked() {
                        act.dispatch(mode.get_untracked());
                    } else {
                        confirming.set(true);
                    }
                }>
                    <h3>{heading.clone()}</h3>
                    <Show when=move || mode.get() == Mode::Revise>
                        <label>"New text"
                            <TextArea value=text on_input=Callback::new(move |t| { confirming.set(false); text.set(t) })
                                attr:name="text" attr:rows="4" />
                        </label>
                    </Show>
                    <label>"Reason"
                        <TextArea value=reason on_input=Callback::new(move |t| { confirming.set(false); reason.set(t) })
                            attr:name="reason" attr:rows="2" />
                    </label>
                    <Show when=move || confirming.get()>
                        <p class="notice confirm" role="status">{EFFECT}</p>
                    </Show>
                    <div class="actions">
                        <button type="submit" class="primary" disabled=move || act.pending().get()>
                            {move || match (mode.get(), confirming.get()) {
                                (Mode::Revise, false) => "Revise…",
                                (Mode::Revise, true) => "Confirm revision",
                                (_, false) => "Retire…",
                                (_, true) => "Confirm retirement",
                            }}
                        </button>
                        <button type="button" on:click=open(Mode::Closed)>"Cancel"</button>
                    </div>
                    <FormStatus error=error />
                </form>
            </Show>
        </div>
    }
}

/// "Revised to version 2. New guide versions: Support Lead v3; 2
/// interviews not yet started moved to them."
fn report_text(r: &QuestionActionReport) -> String {
    let what = match r.version {
        Some(v) => format!("Revised to version {v}."),
        None => "Retired.".to_owned(),
    };
    let guides = if r.guides.is_empty() {
        " No published guide uses it.".to_owned()
    } else {
        format!(" New guide versions: {}.", r.guides.join(", "))
    };
    let moved = match r.interviews_moved {
        0 => String::new(),
        1 => " 1 interview not yet started moved to the new version.".to_owned(),
        n => format!(" {n} interviews not yet started moved to the new versions."),
    };
    format!("{what}{guides}{moved}")
}
