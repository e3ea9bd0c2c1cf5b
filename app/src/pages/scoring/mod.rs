//! The scoring page: one interviewer × one interview. Per section the
//! questions with probes and what to listen for, notes, optional answer
//! ratings, the competency rating against its anchors with evidence and the
//! behaviors observed; then the recommendation, submit and amend.
//!
//! The server renders the saved scorecard; in the browser, `autosave` keeps
//! it saved (and queued on the device while offline) and `keys` adds the
//! keyboard shortcuts.

mod autosave;
mod conflict;
mod items;
mod keys;
mod layout;
mod overall;
pub mod queue;
mod submit;

use crate::components::autosave_status::SaveState;
use crate::components::page_title::PageTitle;
use crate::components::section_timer::TimerState;
use crate::components::shortcuts_help::Shortcut;
use crate::model::{Assessment, Recommendation, ScorecardContent, ScorecardStatus, ScoringSheet};
use crate::server_fns::scorecards::{list_submitted_scorecards, load_scorecard};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use question_bank::Level;
use std::collections::HashMap;

/// The keyboard shortcuts, as the help dialog lists them.
pub const SHORTCUTS: &[Shortcut] = &[
    ("j k", "Next or previous question, rating or recommendation"),
    ("n p", "Next or previous section"),
    (
        "1 2 3 4 5",
        "Rate the current question or competency; 1–4 choose the recommendation",
    ),
    ("0", "Competency: not assessed. Question: no rating"),
    (
        "e",
        "Write notes, evidence or the summary of the current item",
    ),
    ("b", "Go to the behaviors observed"),
    ("Esc", "Leave a text field and return to its item"),
    ("t", "Start or pause the timer of the current section"),
    ("?", "Show or hide these shortcuts"),
];

/// The scoring page of the interview in the URL.
#[component]
pub fn ScoringPage() -> impl IntoView {
    let params = use_params_map();
    let interview_id = move || params.read().get("id").unwrap_or_default();
    // One resource for all the page's data (see `pages` on hydration): the
    // panel's scorecards once had their own resource inside this Suspense,
    // and every direct load of a submitted scorecard crashed in hydration.
    let data = Resource::new(interview_id, |id| async move {
        let sheet = load_scorecard(id).await?;
        let panel = if sheet.scorecard.status == ScorecardStatus::Submitted {
            crate::pages::still_wanted()?;
            Some(
                list_submitted_scorecards(
                    sheet.candidate_id.clone(),
                    Some(sheet.interview_id.clone()),
                )
                .await,
            )
        } else {
            None
        };
        Ok::<_, crate::errors::AppError>((sheet, panel))
    });
    view! {
        <PageTitle text="Scoring" />
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || data.get().map(|result| match result {
                Ok((sheet, panel)) => view! { <layout::ScoringView sheet panel /> }.into_any(),
                Err(err) => view! {
                    <p class="breadcrumb"><a href="/interviews">"My interviews"</a></p>
                    <h1>"Scoring"</h1>
                    <p class="error" role="alert">{err.to_string()}</p>
                    {matches!(&err, crate::errors::AppError::Invalid { field, .. } if field == "calibration")
                        .then(|| view! { <p><a class="button-link primary-link" href="/calibration">"Go to the calibration exercises"</a></p> })}
                }.into_any(),
            })}
        </Suspense>
    }
    .into_any()
}

/// The state of the page: the sheet, the scorecard being edited and where
/// it stands with the server. Every field is a reactive handle, so the whole
/// struct is `Copy` and goes into every event handler.
#[derive(Clone, Copy)]
pub struct Scoring {
    /// The stage and the scorecard as loaded.
    pub sheet: StoredValue<ScoringSheet>,
    /// The content on the page.
    pub content: RwSignal<ScorecardContent>,
    /// The content the server last acknowledged.
    pub acked: RwSignal<ScorecardContent>,
    /// The version the server last acknowledged.
    pub version: RwSignal<i64>,
    /// Draft or submitted.
    pub status: RwSignal<ScorecardStatus>,
    /// Editing a submitted scorecard for an amendment.
    pub amending: RwSignal<bool>,
    /// Amendments so far.
    pub amendments: RwSignal<i64>,
    /// The autosave line.
    pub save: RwSignal<SaveState>,
    /// Grows with every edit of a draft; autosave watches it.
    pub edits: RwSignal<u64>,
    /// Problems that stop submission, or the last submit error.
    pub problems: RwSignal<Vec<String>>,
    /// Per section id, its stopwatch.
    pub timers: StoredValue<HashMap<String, RwSignal<TimerState>>>,
    /// The browser clock for the timers.
    pub clock: RwSignal<f64>,
    /// Whether the shortcuts dialog is open.
    pub help_open: RwSignal<bool>,
    /// What a shortcut just did, for screen readers.
    pub announcement: RwSignal<String>,
    /// The section being worked on (where the focus or last click is).
    pub current_section: RwSignal<String>,
    /// The page is interactive (hydrated). Until then choices are disabled:
    /// a click before hydration would be undone by it without a word.
    pub live: RwSignal<bool>,
    /// Autosave's bookkeeping (browser only).
    #[cfg_attr(
        not(feature = "hydrate"),
        expect(dead_code, reason = "autosave runs in the browser only")
    )]
    engine: StoredValue<autosave::Engine>,
}

impl Scoring {
    fn new(sheet: ScoringSheet) -> Scoring {
        let state = &sheet.scorecard;
        let save = if state.version == 0 {
            SaveState::Untouched
        } else {
            SaveState::Saved {
                at: state.updated_at,
            }
        };
        let timers = sheet
            .sections
            .iter()
            .map(|s| (s.id.clone(), RwSignal::new(TimerState::default())))
            .collect();
        Scoring {
            content: RwSignal::new(state.content.clone()),
            acked: RwSignal::new(state.content.clone()),
            version: RwSignal::new(state.version),
            status: RwSignal::new(state.status),
            amending: RwSignal::new(false),
            amendments: RwSignal::new(state.amendments),
            save: RwSignal::new(save),
            edits: RwSignal::new(0),
            problems: RwSignal::new(Vec::new()),
            timers: StoredValue::new(timers),
            clock: RwSignal::new(0.0),
            help_open: RwSignal::new(false),
            announcement: RwSignal::new(String::new()),
            live: RwSignal::new(false),
            current_section: RwSignal::new(
                sheet
                    .sections
                    .first()
                    .map(|s| s.id.clone())
                    .unwrap_or_default(),
            ),
            // Thread-safe storage: a local (SendWrapper) value created while
            // rendering on the server panics when dropped on another worker.
            engine: StoredValue::new(autosave::Engine::default()),
            sheet: StoredValue::new(sheet),
        }
    }

    /// Whether the controls accept changes (a draft, or an amendment).
    pub fn editable(&self) -> bool {
        self.status.get() == ScorecardStatus::Draft || self.amending.get()
    }

    /// Whether ratings, checkboxes and the recommendation accept input: only
    /// once the page is live (text fields keep what is typed before that).
    pub fn choosable(&self) -> bool {
        self.live.get() && self.editable()
    }

    /// Applies `change` if the scorecard is editable; drafts are then autosaved.
    pub fn edit(&self, change: impl FnOnce(&mut ScorecardContent)) {
        let draft = self.status.get_untracked() == ScorecardStatus::Draft;
        if !draft && !self.amending.get_untracked() {
            return;
        }
        self.content.update(change);
        if !self.problems.with_untracked(Vec::is_empty) {
            self.problems.set(Vec::new());
        }
        if draft {
            self.edits.update(|n| *n += 1);
        }
    }

    /// Sets a question's notes.
    pub fn set_notes(&self, question_id: &str, notes: String) {
        self.edit(|c| c.questions.entry(question_id.to_owned()).or_default().notes = notes);
    }

    /// Sets or clears a question's rating.
    pub fn rate_question(&self, question_id: &str, rating: Option<Level>) {
        self.edit(|c| {
            c.questions
                .entry(question_id.to_owned())
                .or_default()
                .rating = rating;
        });
    }

    /// Sets a competency's assessment.
    pub fn assess(&self, competency_id: &str, assessment: Assessment) {
        self.edit(|c| {
            c.competencies
                .entry(competency_id.to_owned())
                .or_default()
                .assessment = assessment;
        });
    }

    /// Sets why a competency was not assessed.
    pub fn set_reason(&self, competency_id: &str, reason: String) {
        self.edit(|c| {
            c.competencies
                .entry(competency_id.to_owned())
                .or_default()
                .not_assessed_reason = reason;
        });
    }

    /// Sets a competency's evidence note.
    pub fn set_evidence(&self, competency_id: &str, evidence: String) {
        self.edit(|c| {
            c.competencies
                .entry(competency_id.to_owned())
                .or_default()
                .evidence = evidence;
        });
    }

    /// Ticks or unticks an observed behavior.
    pub fn set_behavior(&self, competency_id: &str, behavior_id: &str, observed: bool) {
        self.edit(|c| {
            let set = &mut c
                .competencies
                .entry(competency_id.to_owned())
                .or_default()
                .behaviors;
            if observed {
                set.insert(behavior_id.to_owned());
            } else {
                set.remove(behavior_id);
            }
        });
    }

    /// Sets the overall recommendation.
    pub fn recommend(&self, recommendation: Option<Recommendation>) {
        self.edit(|c| c.recommendation = recommendation);
    }

    /// Sets the overall summary.
    pub fn set_summary(&self, summary: String) {
        self.edit(|c| c.summary = summary);
    }

    /// Tells screen readers what a shortcut did.
    pub fn announce(&self, text: String) {
        self.announcement.set(text);
    }

    /// The stopwatch of a section.
    pub fn timer(&self, section_id: &str) -> Option<RwSignal<TimerState>> {
        self.timers.with_value(|t| t.get(section_id).copied())
    }
}
