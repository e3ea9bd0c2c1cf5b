//! The server's answer to a save: acknowledged, refused as a conflict,
//! signed out, or unreachable (then retried with backoff).

use super::*;

/// Handles the server's answer to a save.
pub(super) fn on_answer(s: Scoring, write: ScorecardWrite, answer: Result<WriteOutcome, AppError>) {
    if s.content.is_disposed() {
        // The page is gone; the queue still holds the write for next time.
        return;
    }
    s.engine.update_value(|e| e.inner.in_flight = false);
    match answer {
        Ok(WriteOutcome::Saved(ack)) => {
            s.engine.update_value(|e| {
                e.inner.sending = None;
                e.inner.attempts = 0;
                e.inner.last_saved_at = Some(ack.saved_at);
            });
            let newer_on_server = ack.version < s.version.get_untracked();
            if !newer_on_server {
                s.version.set(ack.version);
                s.acked.set(write.content.clone());
            }
            persist(s);
            let more = s.content.with_untracked(|c| *c != write.content);
            if more && newer_on_server {
                // A replayed write the server has since moved past (another
                // tab saved after it): the edits made on top of it conflict.
                s.save.set(SaveState::Conflict(WriteConflict {
                    current_version: s.version.get_untracked(),
                    status: ScorecardStatus::Draft,
                    updated_at: None,
                }));
            } else if more {
                s.save.set(SaveState::Saving {
                    changes: changes(s),
                });
                schedule(s, 0);
            } else {
                s.save.set(SaveState::Saved {
                    at: Some(ack.saved_at),
                });
                if let Some(busy) = s
                    .engine
                    .try_update_value(|e| e.inner.submit_after_save.take())
                    .flatten()
                {
                    crate::pages::scoring::submit::submit(s, busy);
                }
            }
        }
        Ok(WriteOutcome::Conflict(c)) => {
            persist(s);
            s.save.set(SaveState::Conflict(c));
            release_submit(s);
        }
        Err(AppError::Transport(_) | AppError::Internal) => {
            let attempts = s.engine.try_update_value(|e| {
                e.inner.attempts += 1;
                e.inner.attempts
            });
            let secs = 2u32
                .saturating_pow(attempts.unwrap_or(1).saturating_sub(1))
                .min(MAX_BACKOFF_SECS);
            let changes = changes(s).max(1);
            s.save.set(if online() {
                SaveState::Retrying {
                    changes,
                    in_secs: secs,
                }
            } else {
                SaveState::Offline { changes }
            });
            schedule(s, u64::from(secs) * 1000);
            release_submit(s);
        }
        Err(AppError::Unauthenticated) => {
            s.save.set(SaveState::SignedOut {
                changes: changes(s).max(1),
            });
            release_submit(s);
        }
        Err(e) => {
            // Retrying the same write cannot help; the next edit sends a new one.
            s.engine.update_value(|e| e.inner.sending = None);
            persist(s);
            s.save.set(SaveState::Failed(e.to_string()));
            release_submit(s);
        }
    }
}

/// A waiting submission gives up (its save did not go through).
fn release_submit(s: Scoring) {
    if let Some(busy) = s
        .engine
        .try_update_value(|e| e.inner.submit_after_save.take())
        .flatten()
    {
        busy.set(false);
        s.problems.set(vec![
            "Not submitted: the latest changes could not be saved first (see the top of the page)."
                .to_owned(),
        ]);
    }
}
