//! The frame of the scoring page: title, the sticky bar with the current
//! section's timer and the autosave state, the section list and the cards.

use super::{Scoring, autosave, conflict, items, keys, overall};
use crate::components::autosave_status::{SaveState, SaveStatus};
use crate::components::page_title::PageTitle;
use crate::components::section_timer::SectionTimer;
use crate::components::shortcuts_help::ShortcutsHelp;
use crate::components::unsaved::guard_unsaved;
use crate::errors::AppError;
use crate::model::{ScorecardStatus, ScoringSheet, SubmittedScorecard};
use leptos::prelude::*;

/// The whole page for one loaded sheet: an island, hydrated in the
/// browser with the sheet the server rendered it from.
#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]
#[cfg_attr(feature = "referee-bundle", component)]
pub fn ScoringView(
    sheet: ScoringSheet,
    /// The panel's submitted scorecards, loaded with a submitted sheet.
    panel: Option<Result<Vec<SubmittedScorecard>, AppError>>,
) -> impl IntoView {
    let s = Scoring::new(sheet.clone());
    autosave::start(s);
    keys::install(s);
    Effect::new(move |_| s.live.set(true));
    // A draft is queued on the device at every edit, so a reload loses
    // nothing; an amendment is not saved until asked, and a conflict or a
    // refused save needs the interviewer's decision.
    guard_unsaved(Signal::derive(move || {
        (s.amending.get() && s.content.with(|c| s.acked.with(|a| c != a)))
            || matches!(s.save.get(), SaveState::Conflict(_) | SaveState::Failed(_))
    }));
    // The server formats the time in the interviewer's zone; a sheet kept
    // on the device from before that falls back to UTC.
    let when = sheet.scheduled_at.map(|t| {
        if sheet.when.is_empty() {
            format!(" · {}", crate::model::date_label(t))
        } else {
            format!(" · {}", sheet.when)
        }
    });
    let submitted = move || s.status.get() == ScorecardStatus::Submitted;
    view! {
        <PageTitle text=format!("Scoring {}", sheet.candidate_name) />
        <div class="scoring">
            <div class="scoring-title">
                <p class="breadcrumb"><a href="/interviews">"My interviews"</a></p>
                <h1>{sheet.candidate_name.clone()}</h1>
                <p class="muted">{format!("{} · {}", sheet.role_title, sheet.stage_name)}{when}</p>
            </div>
            <ScoringBar s />
            <conflict::ConflictBanner s />
            <Show when=submitted>
                <p class="notice submitted-note" role="status">
                    {move || format!(
                        "Submitted and locked{}.",
                        match s.amendments.get() { 0 => String::new(), 1 => ", amended once".into(), n => format!(", amended {n} times") }
                    )}
                </p>
            </Show>
            <div class="scoring-layout">
                <items::SectionNav s />
                <div class="scoring-main">
                    <p class="keyboard-hint muted">
                        "Press " <kbd>"j"</kbd> " and " <kbd>"k"</kbd> " to move, " <kbd>"1"</kbd> "–" <kbd>"5"</kbd>
                        " to rate, " <kbd>"?"</kbd> " for all shortcuts."
                    </p>
                    <items::Sections s />
                    <overall::OverallCard s />
                    <Show when=submitted>
                        <overall::PanelScorecards s initial=panel.clone() />
                    </Show>
                </div>
            </div>
            <ShortcutsHelp open=s.help_open shortcuts=super::SHORTCUTS.to_vec() />
            <p class="visually-hidden" role="status" aria-live="polite">{move || s.announcement.get()}</p>
        </div>
    }
    .into_any()
}

/// Stays at the top while scrolling: where the interview is (the current
/// section and its timer) and whether everything is saved.
#[component]
fn ScoringBar(s: Scoring) -> impl IntoView {
    let sections = s.sheet.with_value(|sh| {
        sh.sections
            .iter()
            .enumerate()
            .map(|(i, sec)| {
                let name = sh
                    .competency(&sec.competency_id)
                    .map_or(sec.competency_id.clone(), |c| c.name.clone());
                (sec.id.clone(), i + 1, name, sec.minutes)
            })
            .collect::<Vec<_>>()
    });
    let count = sections.len();
    let current = move || {
        let id = s.current_section.get();
        sections.iter().find(|(sid, ..)| *sid == id).cloned()
    };
    view! {
        <div class="scoring-bar">
            <div class="current-section">
                {move || match current() {
                    Some((id, n, name, minutes)) => view! {
                        <span class="current-name">
                            <span class="muted">{format!("Section {n} of {count} · ")}</span>{name.clone()}
                        </span>
                        {s.timer(&id).map(|state| view! { <SectionTimer minutes state now=s.clock label=name /> })}
                    }
                    .into_any(),
                    None => view! { <span class="current-name">"Recommendation"</span> }.into_any(),
                }}
            </div>
            <div class="head-tools">
                <SaveStatus state=s.save on_retry=Callback::new(move |_| autosave::retry_now(s)) />
                <button type="button" class="secondary small" aria-keyshortcuts="?" on:click=move |_| s.help_open.set(true)>
                    "Shortcuts "<kbd>"?"</kbd>
                </button>
            </div>
        </div>
    }
    .into_any()
}
