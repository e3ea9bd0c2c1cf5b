//! Settings the server reads from its configuration and hands to the app
//! through [`crate::state::AppState`]; services read them here.

use leptos::prelude::*;

/// How reference checks behave on this install; the server provides it in
/// [`crate::state::AppState`].
#[derive(Debug, Clone)]
pub struct ReferenceSettings {
    /// Days a referee's link works.
    pub expiry_days: i64,
    /// References that must have answered before ratings are combined.
    pub aggregate_threshold: usize,
    /// Calls to referee endpoints allowed per client address per minute.
    pub referee_rate_per_minute: i64,
    /// The address people reach the app at, for links in mail, e.g.
    /// `https://hire.example.org`; else taken from the recruiter's request.
    pub public_url: Option<String>,
    /// Sends invitations; without it the recruiter is shown the link.
    pub mailer: Option<std::sync::Arc<dyn crate::mail::Mailer>>,
}

impl Default for ReferenceSettings {
    fn default() -> Self {
        Self {
            expiry_days: 7,
            aggregate_threshold: 2,
            referee_rate_per_minute: 120,
            public_url: None,
            mailer: None,
        }
    }
}

/// The reference settings from the server function's context (the
/// defaults outside a request, e.g. in unit tests).
pub fn references() -> ReferenceSettings {
    use_context::<crate::state::AppState>()
        .map(|s| s.references.clone())
        .unwrap_or_default()
}

/// When reminders go out; the server provides them to its reminder round
/// (`services::reminders::run`). Zero turns a kind of reminder off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReminderSettings {
    /// Hours after an interview ends before a panel member whose scorecard
    /// is not submitted is reminded (once).
    pub scorecard_after_hours: i64,
    /// Days after an invitation without an answer before a referee is
    /// reminded, and again between the first and the second (last)
    /// reminder.
    pub referee_after_days: i64,
}

impl Default for ReminderSettings {
    /// 18 hours: an afternoon interview's reminder arrives the next
    /// morning, before the recruiters' list calls the scorecard overdue
    /// (a day after the interview). 3 days: when the references panel
    /// starts calling a referee overdue; with the 7-day link, the second
    /// reminder still leaves a day to answer.
    fn default() -> Self {
        Self {
            scorecard_after_hours: 18,
            referee_after_days: 3,
        }
    }
}
