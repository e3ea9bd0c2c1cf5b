//! Submitting and amending: complete scorecards only, never racing an
//! autosave, retried with the same idempotency key when nothing changed.

use super::Scoring;
use crate::components::autosave_status::SaveState;
use leptos::prelude::*;

#[cfg(feature = "hydrate")]
use {
    super::autosave::{cancel_timer, flush, new_key, queue_key},
    crate::errors::AppError,
    crate::model::{ScorecardStatus, ScorecardWrite, WriteOutcome},
    crate::pages::scoring::queue,
};

/// Submits the scorecard if nothing required is missing; waits for a save
/// under way first, since the submission is based on its version.
pub fn submit(s: Scoring, busy: RwSignal<bool>) {
    let problems = s
        .sheet
        .with_value(|sheet| s.content.with_untracked(|c| sheet.submission_problems(c)));
    if !problems.is_empty() {
        s.problems.set(problems);
        return;
    }
    if matches!(s.save.get_untracked(), SaveState::Conflict(_)) {
        s.problems.set(vec![
            "Resolve the conflict at the top of the page first.".to_owned(),
        ]);
        return;
    }
    #[cfg(feature = "hydrate")]
    {
        busy.set(true);
        let waiting = s
            .engine
            .with_value(|e| e.inner.in_flight || e.inner.sending.is_some());
        if waiting {
            s.engine
                .update_value(|e| e.inner.submit_after_save = Some(busy));
            flush(s);
            return;
        }
        cancel_timer(s);
        let write = final_write(s, "");
        leptos::task::spawn_local(async move {
            let answer = crate::server_fns::scorecards::submit_scorecard(write.clone()).await;
            if s.content.is_disposed() {
                return;
            }
            busy.set(false);
            if finished(s, &write, answer) {
                s.status.set(ScorecardStatus::Submitted);
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = busy;
}

/// Saves an amendment of a submitted scorecard, with its reason.
pub fn amend(s: Scoring, reason: String, busy: RwSignal<bool>) {
    let mut problems = s
        .sheet
        .with_value(|sheet| s.content.with_untracked(|c| sheet.submission_problems(c)));
    if reason.trim().is_empty() {
        problems.insert(0, "Give the reason for the amendment.".to_owned());
    }
    if !problems.is_empty() {
        s.problems.set(problems);
        return;
    }
    #[cfg(feature = "hydrate")]
    {
        busy.set(true);
        let write = final_write(s, &reason);
        leptos::task::spawn_local(async move {
            let answer =
                crate::server_fns::scorecards::amend_scorecard(write.clone(), reason).await;
            if s.content.is_disposed() {
                return;
            }
            busy.set(false);
            if finished(s, &write, answer) {
                s.amending.set(false);
                s.amendments.update(|n| *n += 1);
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = busy;
}

/// The write of a submission or amendment (`reason` tells them apart): the
/// last one again when nothing changed, so a retry keeps its key.
#[cfg(feature = "hydrate")]
fn final_write(s: Scoring, reason: &str) -> ScorecardWrite {
    let content = s.content.get_untracked();
    let base_version = s.version.get_untracked();
    let tag = format!("{}:{reason}", s.status.get_untracked().as_str());
    let reuse = s.engine.with_value(|e| {
        e.inner
            .last_final
            .clone()
            .filter(|(t, w)| *t == tag && w.base_version == base_version && w.content == content)
            .map(|(_, w)| w)
    });
    let write = reuse.unwrap_or_else(|| ScorecardWrite {
        interview_id: s.sheet.with_value(|sh| sh.interview_id.clone()),
        base_version,
        idempotency_key: new_key(),
        content,
    });
    s.engine
        .update_value(|e| e.inner.last_final = Some((tag, write.clone())));
    write
}

/// Handles the answer to a submission or amendment; true when it was saved.
#[cfg(feature = "hydrate")]
fn finished(s: Scoring, write: &ScorecardWrite, answer: Result<WriteOutcome, AppError>) -> bool {
    match answer {
        Ok(WriteOutcome::Saved(ack)) => {
            s.engine.update_value(|e| {
                e.inner.sending = None;
                e.inner.last_final = None;
                e.inner.last_saved_at = Some(ack.saved_at);
            });
            s.version.set(ack.version);
            s.acked.set(write.content.clone());
            s.problems.set(Vec::new());
            s.save.set(SaveState::Saved {
                at: Some(ack.saved_at),
            });
            let _ = queue::store(&queue_key(s), &queue::QueueRecord::default());
            true
        }
        Ok(WriteOutcome::Conflict(c)) => {
            s.save.set(SaveState::Conflict(c));
            false
        }
        Err(AppError::Invalid { message, .. }) => {
            s.problems.set(vec![message]);
            false
        }
        Err(e) => {
            s.problems.set(vec![format!(
                "Not submitted: {e} Your scorecard is kept on this page; try again."
            )]);
            false
        }
    }
}
