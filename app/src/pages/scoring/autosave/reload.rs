//! After a reload: the device queue comes back and is sent; and the
//! browser's offline and online events pause and resume saving.

use super::*;

/// Comes back from the device queue after a reload: shows what was queued
/// and sends it (the unacknowledged write first, with its original key).
pub(super) fn restore(s: Scoring) {
    let key = queue_key(s);
    let Some(record) = queue::load(&key) else {
        return;
    };
    let stored = s.sheet.with_value(|sh| sh.scorecard.clone());
    let local = record
        .pending
        .clone()
        .or_else(|| record.sending.as_ref().map(|w| w.content.clone()));
    let Some(local) = local else { return };
    s.content.set(local.clone());
    let conflict = WriteConflict {
        current_version: stored.version,
        status: stored.status,
        updated_at: stored.updated_at,
    };
    if stored.status == ScorecardStatus::Submitted {
        if local == stored.content {
            let _ = queue::store(&key, &queue::QueueRecord::default());
        } else {
            s.save.set(SaveState::Conflict(conflict));
        }
        return;
    }
    match record.sending {
        Some(write) => s.engine.update_value(|e| e.inner.sending = Some(write)),
        None if record.base_version != stored.version => {
            s.save.set(SaveState::Conflict(conflict));
            return;
        }
        None => {}
    }
    s.save.set(SaveState::Saving {
        changes: changes(s).max(1),
    });
    flush(s);
}

/// Offline: say so. Online again: send at once.
pub(super) fn listen_to_connectivity(s: Scoring) {
    let offline = window_event_listener(leptos::ev::offline, move |_| {
        if s.content.is_disposed() {
            return;
        }
        let waiting = changes(s) > 0 || s.engine.with_value(|e| e.inner.sending.is_some());
        if waiting
            && !matches!(
                s.save.get_untracked(),
                SaveState::Conflict(_) | SaveState::SignedOut { .. }
            )
        {
            s.save.set(SaveState::Offline {
                changes: changes(s).max(1),
            });
        }
    });
    let online = window_event_listener(leptos::ev::online, move |_| {
        if s.content.is_disposed() {
            return;
        }
        s.engine.update_value(|e| e.inner.attempts = 0);
        if matches!(
            s.save.get_untracked(),
            SaveState::Offline { .. } | SaveState::Retrying { .. }
        ) {
            s.save.set(SaveState::Saving {
                changes: changes(s),
            });
            flush(s);
        }
    });
    on_cleanup(move || {
        offline.remove();
        online.remove();
    });
}
