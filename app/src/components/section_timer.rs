//! A stopwatch for one interview section, against its planned minutes.

use leptos::prelude::*;

/// A section's stopwatch: time run so far, and since when it is running.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TimerState {
    /// Milliseconds counted before the current run.
    pub elapsed_ms: f64,
    /// When the current run started (browser clock, ms), if running.
    pub running_since: Option<f64>,
}

impl TimerState {
    /// Milliseconds counted at `now`.
    pub fn at(&self, now: f64) -> f64 {
        self.elapsed_ms + self.running_since.map_or(0.0, |t| (now - t).max(0.0))
    }

    /// Starts or pauses at `now`.
    pub fn toggle(&mut self, now: f64) {
        match self.running_since.take() {
            Some(since) => self.elapsed_ms += (now - since).max(0.0),
            None => self.running_since = Some(now),
        }
    }
}

/// `ms` as M:SS.
pub fn mm_ss(ms: f64) -> String {
    let secs = (ms / 1000.0).floor().max(0.0) as u64;
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// The timer of one section: elapsed of planned, a start/pause button, and
/// a warning tone once the planned time is over.
#[component]
pub fn SectionTimer(
    /// Planned minutes.
    minutes: u32,
    /// The stopwatch.
    state: RwSignal<TimerState>,
    /// The browser clock, ticking while any timer runs.
    #[prop(into)]
    now: Signal<f64>,
    /// What the timer is for, for screen readers.
    label: String,
    /// Called after start/pause.
    #[prop(optional)]
    on_toggle: Option<Callback<()>>,
) -> impl IntoView {
    let planned_ms = f64::from(minutes) * 60_000.0;
    let elapsed = move || state.get().at(now.get());
    let running = move || state.get().running_since.is_some();
    view! {
        <div class="section-timer" class:over=move || { elapsed() > planned_ms } class:running=running>
            <span class="timer-readout" aria-label=format!("Time on {label}")>
                {move || mm_ss(elapsed())}" / "{minutes}" min"
            </span>
            <button
                type="button"
                class="secondary small"
                aria-pressed=move || running().to_string()
                aria-label=move || format!("{} the timer for {label}", if running() { "Pause" } else { "Start" })
                on:click=move |_| {
                    state.update(|s| s.toggle(now_ms()));
                    if let Some(cb) = on_toggle {
                        cb.run(());
                    }
                }
            >
                {move || if running() { "Pause" } else { "Start" }}
            </button>
        </div>
    }
    .into_any()
}

/// The browser clock in ms (0 on the server, where timers never run).
pub fn now_ms() -> f64 {
    #[cfg(feature = "hydrate")]
    {
        web_sys::js_sys::Date::now()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paused_timer_keeps_its_time() {
        let mut t = TimerState::default();
        t.toggle(1_000.0);
        assert_eq!(t.at(61_000.0), 60_000.0);
        t.toggle(61_000.0);
        assert_eq!(t.at(500_000.0), 60_000.0);
        assert_eq!(mm_ss(t.at(0.0)), "1:00");
        assert_eq!(mm_ss(754_999.0), "12:34");
    }
}
