//! Autosave in the browser: every edit of a draft is copied to the device
//! queue at once and sent about a second later; a write is retried with the
//! same idempotency key until the server answers, with backoff while the
//! server is unreachable and at once when the browser comes back online; a
//! conflict stops autosave until the interviewer chooses what to keep.
//! A submission waits here for the save under way (see `submit`).

use super::Scoring;

#[cfg(feature = "hydrate")]
mod answer;
#[cfg(feature = "hydrate")]
mod reload;
#[cfg(feature = "hydrate")]
use answer::on_answer;
#[cfg(feature = "hydrate")]
use reload::{listen_to_connectivity, restore};

#[cfg(feature = "hydrate")]
use crate::{
    components::autosave_status::SaveState,
    errors::AppError,
    model::{ScorecardContent, ScorecardStatus, ScorecardWrite, WriteConflict, WriteOutcome},
    pages::scoring::queue,
};
#[cfg(feature = "hydrate")]
use leptos::prelude::*;

/// How long after the last change a save is sent.
#[cfg(feature = "hydrate")]
const DEBOUNCE_MS: u64 = 700;
/// Longest wait between retries.
#[cfg(feature = "hydrate")]
const MAX_BACKOFF_SECS: u32 = 30;

/// Autosave's bookkeeping for one page (browser only).
#[derive(Default)]
pub struct Engine {
    #[cfg(feature = "hydrate")]
    pub(super) inner: Inner,
}

#[cfg(feature = "hydrate")]
#[derive(Default)]
pub(super) struct Inner {
    /// The write sent and not yet acknowledged (mirrored in the queue).
    pub(super) sending: Option<ScorecardWrite>,
    /// A request is under way.
    pub(super) in_flight: bool,
    /// Failed attempts in a row, for the backoff.
    pub(super) attempts: u32,
    /// The next scheduled flush.
    pub(super) timer: Option<TimeoutHandle>,
    /// When the server last acknowledged a write.
    pub(super) last_saved_at: Option<i64>,
    /// A submission waiting for the current save to be acknowledged.
    pub(super) submit_after_save: Option<RwSignal<bool>>,
    /// The last submission or amendment tried (with what it was), reused
    /// when retried unchanged so a lost answer cannot look like a conflict.
    pub(super) last_final: Option<(String, ScorecardWrite)>,
}

/// Starts autosave once the page is interactive: restores what the device
/// queued, sends it, and from then on saves every change.
pub fn start(s: Scoring) {
    #[cfg(feature = "hydrate")]
    {
        // Once, after hydration (it reads nothing reactively, so never reruns).
        Effect::new(move |_| {
            let updated_at = s.sheet.with_value(|sh| sh.scorecard.updated_at);
            s.engine
                .update_value(|e| e.inner.last_saved_at = updated_at);
            listen_to_connectivity(s);
            restore(s);
        });
        Effect::new(move |prev: Option<u64>| {
            let edits = s.edits.get();
            if prev.is_some() {
                changed(s);
            }
            edits
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = s;
}

/// Sends now whatever waits (the "Retry now" button).
pub fn retry_now(s: Scoring) {
    #[cfg(feature = "hydrate")]
    {
        s.engine.update_value(|e| e.inner.attempts = 0);
        if matches!(
            s.save.get_untracked(),
            SaveState::SignedOut { .. } | SaveState::Retrying { .. } | SaveState::Offline { .. }
        ) {
            s.save.set(SaveState::Saving {
                changes: changes(s),
            });
        }
        flush(s);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = s;
}

#[cfg(feature = "hydrate")]
pub(super) fn queue_key(s: Scoring) -> String {
    s.sheet
        .with_value(|sh| queue::key(&sh.interviewer_id, &sh.interview_id))
}

/// Fields changed since the last acknowledged save.
#[cfg(feature = "hydrate")]
pub(super) fn changes(s: Scoring) -> usize {
    s.content
        .with_untracked(|c| s.acked.with_untracked(|a| c.changed_fields(a)))
}

#[cfg(feature = "hydrate")]
fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// A random idempotency key (128 bits, hex).
#[cfg(feature = "hydrate")]
pub(super) fn new_key() -> String {
    let mut buf = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut buf);
    }
    if buf == [0u8; 16] {
        // No crypto: still unique enough for one person's writes.
        let t = web_sys::js_sys::Date::now().to_bits();
        let r = web_sys::js_sys::Math::random().to_bits();
        buf[..8].copy_from_slice(&t.to_le_bytes());
        buf[8..].copy_from_slice(&r.to_le_bytes());
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// Mirrors the engine and the page into the device queue.
#[cfg(feature = "hydrate")]
pub(super) fn persist(s: Scoring) {
    let sending = s.engine.with_value(|e| e.inner.sending.clone());
    let content = s.content.get_untracked();
    let reference: ScorecardContent = match &sending {
        Some(w) => w.content.clone(),
        None => s.acked.get_untracked(),
    };
    let record = queue::QueueRecord {
        pending: (content != reference).then_some(content),
        sending,
        base_version: s.version.get_untracked(),
    };
    let _ = queue::store(&queue_key(s), &record);
}

#[cfg(feature = "hydrate")]
pub(super) fn cancel_timer(s: Scoring) {
    if let Some(t) = s
        .engine
        .try_update_value(|e| e.inner.timer.take())
        .flatten()
    {
        t.clear();
    }
}

#[cfg(feature = "hydrate")]
fn schedule(s: Scoring, ms: u64) {
    cancel_timer(s);
    let handle =
        set_timeout_with_handle(move || flush(s), std::time::Duration::from_millis(ms)).ok();
    s.engine.update_value(|e| e.inner.timer = handle);
}

/// After an edit: queue it on the device, show it, and save soon.
#[cfg(feature = "hydrate")]
fn changed(s: Scoring) {
    persist(s);
    let changes = changes(s);
    match s.save.get_untracked() {
        SaveState::Conflict(_) => {}
        SaveState::SignedOut { .. } => s.save.set(SaveState::SignedOut { changes }),
        SaveState::Offline { .. } if !online() => s.save.set(SaveState::Offline { changes }),
        SaveState::Retrying { in_secs, .. } => s.save.set(SaveState::Retrying { changes, in_secs }),
        _ => {
            s.save.set(SaveState::Saving { changes });
            schedule(s, DEBOUNCE_MS);
        }
    }
}

/// Sends the waiting write, or a new one for the content on the page.
#[cfg(feature = "hydrate")]
pub(super) fn flush(s: Scoring) {
    if s.content.is_disposed() {
        return;
    }
    s.engine.update_value(|e| e.inner.timer = None);
    let (in_flight, sending) = s
        .engine
        .with_value(|e| (e.inner.in_flight, e.inner.sending.clone()));
    if in_flight
        || s.status.get_untracked() != ScorecardStatus::Draft
        || matches!(
            s.save.get_untracked(),
            SaveState::Conflict(_) | SaveState::SignedOut { .. }
        )
    {
        return;
    }
    let write = match sending {
        Some(w) => w,
        None => {
            let content = s.content.get_untracked();
            if content == s.acked.get_untracked() {
                let at = s.engine.with_value(|e| e.inner.last_saved_at);
                if s.version.get_untracked() > 0 {
                    s.save.set(SaveState::Saved { at });
                }
                persist(s);
                if let Some(busy) = s
                    .engine
                    .try_update_value(|e| e.inner.submit_after_save.take())
                    .flatten()
                {
                    super::submit::submit(s, busy);
                }
                return;
            }
            let w = ScorecardWrite {
                interview_id: s.sheet.with_value(|sh| sh.interview_id.clone()),
                base_version: s.version.get_untracked(),
                idempotency_key: new_key(),
                content,
            };
            s.engine.update_value(|e| e.inner.sending = Some(w.clone()));
            persist(s);
            w
        }
    };
    s.engine.update_value(|e| e.inner.in_flight = true);
    if !matches!(
        s.save.get_untracked(),
        SaveState::Retrying { .. } | SaveState::Offline { .. }
    ) {
        s.save.set(SaveState::Saving {
            changes: changes(s),
        });
    }
    leptos::task::spawn_local(async move {
        let answer = crate::server_fns::scorecards::save_scorecard(write.clone()).await;
        on_answer(s, write, answer);
    });
}
