//! The autosave state of a document and the line that shows it.

use crate::model::WriteConflict;
use leptos::prelude::*;

/// Where the page's changes stand with the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing saved yet and nothing changed.
    Untouched,
    /// Everything on the page is saved; `at` is the last save (UTC ms).
    Saved {
        /// When, if known.
        at: Option<i64>,
    },
    /// Changes are being sent (or about to be).
    Saving {
        /// Fields changed since the last save.
        changes: usize,
    },
    /// The browser is offline; changes wait on this device.
    Offline {
        /// Fields changed since the last save.
        changes: usize,
    },
    /// The server did not answer; the save is retried.
    Retrying {
        /// Fields changed since the last save.
        changes: usize,
        /// Seconds until the next attempt.
        in_secs: u32,
    },
    /// Another tab or window wrote first.
    Conflict(WriteConflict),
    /// The session ended; changes wait on this device.
    SignedOut {
        /// Fields changed since the last save.
        changes: usize,
    },
    /// The server refused the change for a reason retrying cannot fix.
    Failed(String),
}

impl SaveState {
    /// A class for styling: `ok`, `busy`, `warn` or `bad`.
    pub fn tone(&self) -> &'static str {
        match self {
            SaveState::Untouched | SaveState::Saved { .. } => "ok",
            SaveState::Saving { .. } => "busy",
            SaveState::Offline { .. }
            | SaveState::Retrying { .. }
            | SaveState::SignedOut { .. } => "warn",
            SaveState::Conflict(_) | SaveState::Failed(_) => "bad",
        }
    }

    /// The words shown; `clock` formats a UTC ms time as local HH:MM (the
    /// server cannot know the reader's time zone, so it passes `None`).
    pub fn text(&self, clock: Option<&dyn Fn(i64) -> String>) -> String {
        let queued = |n: usize| match n {
            0 => "nothing waiting".to_owned(),
            1 => "1 change queued on this device".to_owned(),
            n => format!("{n} changes queued on this device"),
        };
        match self {
            SaveState::Untouched => "Nothing saved yet".to_owned(),
            SaveState::Saved { at: Some(at) } if clock.is_some() => {
                format!("Saved at {}", clock.map(|c| c(*at)).unwrap_or_default())
            }
            SaveState::Saved { .. } => "All changes saved".to_owned(),
            SaveState::Saving { .. } => "Saving…".to_owned(),
            SaveState::Offline { changes } => format!("Offline · {}", queued(*changes)),
            SaveState::Retrying { changes, in_secs } => {
                format!(
                    "Not saved yet, retrying in {in_secs} s · {}",
                    queued(*changes)
                )
            }
            SaveState::Conflict(c) => format!("Conflict: {}", c.message()),
            SaveState::SignedOut { changes } => {
                format!(
                    "Signed out · {}. Sign in again in another tab, then retry.",
                    queued(*changes)
                )
            }
            SaveState::Failed(message) => format!("Not saved: {message}"),
        }
    }
}

/// The autosave line: polite live region, so screen readers hear changes
/// without being interrupted on every keystroke.
#[component]
pub fn SaveStatus(
    /// The state to show.
    #[prop(into)]
    state: Signal<SaveState>,
    /// Retries now (shown while retrying or signed out).
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    // The local time is only known in the browser; render it after hydration
    // so the server's HTML and the first client render agree.
    let (mounted, set_mounted) = signal(false);
    Effect::new(move |_| set_mounted.set(true));
    let text = move || {
        let s = state.get();
        if mounted.get() {
            s.text(Some(&local_hh_mm))
        } else {
            s.text(None)
        }
    };
    let can_retry = move || {
        matches!(
            state.get(),
            SaveState::Retrying { .. } | SaveState::SignedOut { .. }
        )
    };
    view! {
        <div class=move || format!("save-status tone-{}", state.get().tone()) data-testid="save-status">
            <span class="dot" aria-hidden="true"></span>
            <span role="status" aria-live="polite">{text}</span>
            <Show when=can_retry>
                <button type="button" class="link-button" on:click=move |_| on_retry.run(())>"Retry now"</button>
            </Show>
        </div>
    }
    .into_any()
}

/// UTC milliseconds as local HH:MM (in the browser; UTC on the server).
pub fn local_hh_mm(ms: i64) -> String {
    #[cfg(feature = "hydrate")]
    {
        let d = web_sys::js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
        format!("{:02}:{:02}", d.get_hours(), d.get_minutes())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let minutes = ms.div_euclid(60_000);
        format!(
            "{:02}:{:02}",
            minutes.div_euclid(60).rem_euclid(24),
            minutes.rem_euclid(60)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_read_as_sentences() {
        assert_eq!(
            SaveState::Offline { changes: 2 }.text(None),
            "Offline · 2 changes queued on this device"
        );
        assert_eq!(
            SaveState::Offline { changes: 1 }.text(None),
            "Offline · 1 change queued on this device"
        );
        assert_eq!(
            SaveState::Saved { at: Some(0) }.text(None),
            "All changes saved"
        );
        let clock = |_| "09:30".to_owned();
        assert_eq!(
            SaveState::Saved { at: Some(0) }.text(Some(&clock)),
            "Saved at 09:30"
        );
    }

    #[test]
    fn server_clock_is_utc() {
        assert_eq!(local_hh_mm(((13 * 60) + 5) * 60_000), "13:05");
    }
}
