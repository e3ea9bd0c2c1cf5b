//! A conflict (another tab or window wrote first) and the two ways out.

use super::Scoring;
use crate::components::autosave_status::SaveState;
use crate::model::{ScorecardStatus, WriteConflict};
use leptos::prelude::*;

#[cfg(feature = "hydrate")]
use {
    super::autosave::{changes, flush, persist, queue_key},
    crate::pages::scoring::queue,
};

/// The conflict message, with the two ways out: load what was saved, or
/// keep what is on this page and overwrite it.
#[component]
pub fn ConflictBanner(s: Scoring) -> impl IntoView {
    let conflict = move || match s.save.get() {
        SaveState::Conflict(c) => Some(c),
        _ => None,
    };
    view! {
        {move || conflict().map(|c: WriteConflict| view! {
            <div class="conflict" role="alert" data-testid="conflict">
                <p><strong>"Not saved: "</strong>{c.message()}</p>
                <div class="submit-row">
                    <button type="button" class="primary" on:click=move |_| load_saved(s)>
                        "Load the saved version"
                    </button>
                    {(c.status == ScorecardStatus::Draft).then(|| view! {
                        <button type="button" class="secondary" on:click=move |_| keep_mine(s)>
                            "Keep mine and overwrite"
                        </button>
                    })}
                </div>
            </div>
        })}
    }
    .into_any()
}

/// Drops what waits on this device and shows the stored scorecard.
fn load_saved(s: Scoring) {
    #[cfg(feature = "hydrate")]
    {
        let _ = queue::store(&queue_key(s), &queue::QueueRecord::default());
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = s;
}

/// Rebases this page's content on the stored version, so the next save
/// overwrites it (a deliberate choice, never a silent one).
fn keep_mine(s: Scoring) {
    #[cfg(feature = "hydrate")]
    {
        let interview_id = s.sheet.with_value(|sh| sh.interview_id.clone());
        leptos::task::spawn_local(async move {
            match crate::server_fns::scorecards::load_scorecard(interview_id).await {
                Ok(sheet) if !s.content.is_disposed() => {
                    let stored = sheet.scorecard;
                    if stored.status == ScorecardStatus::Submitted {
                        s.save.set(SaveState::Conflict(WriteConflict {
                            current_version: stored.version,
                            status: stored.status,
                            updated_at: stored.updated_at,
                        }));
                        return;
                    }
                    s.version.set(stored.version);
                    s.acked.set(stored.content);
                    s.engine.update_value(|e| {
                        e.inner.sending = None;
                        e.inner.attempts = 0;
                    });
                    s.save.set(SaveState::Saving {
                        changes: changes(s),
                    });
                    persist(s);
                    flush(s);
                }
                Ok(_) => {}
                Err(e) => s
                    .problems
                    .set(vec![format!("Could not reach the server: {e}")]),
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = s;
}
