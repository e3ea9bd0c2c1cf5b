//! What people see of reminders: when someone was last reminded, and how
//! many reminders of how many allowed were sent.

use super::format_utc;
use serde::{Deserialize, Serialize};

/// Reminders a referee gets at most, however long the link works.
pub const REFEREE_REMINDERS_MAX: i64 = 2;

/// The latest reminder about one piece of work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderNote {
    /// When (UTC milliseconds).
    pub at: i64,
    /// Reminders so far (this one included).
    pub count: i64,
    /// Reminders allowed in all.
    pub of: i64,
    /// False when it was not mailed (no mail configured, or the mail server
    /// refused it) and so waits on a recruiter's to-do list.
    pub mailed: bool,
}

/// The latest reminder to one panel member about one interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelReminder {
    /// The interview.
    pub interview_id: String,
    /// The panel member's account.
    pub user_id: String,
    /// When and how.
    pub note: ReminderNote,
}

impl ReminderNote {
    /// E.g. "Reminded 2026-12-02 09:00 UTC (2 of 2)".
    pub fn label(&self) -> String {
        let count = if self.of > 1 {
            format!(" ({} of {})", self.count, self.of)
        } else {
            String::new()
        };
        let how = if self.mailed {
            ""
        } else {
            ", not mailed: on the recruiters' to-do list"
        };
        format!("Reminded {}{count}{how}", format_utc(self.at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_label_says_when_how_many_and_whether_mailed() {
        let note = ReminderNote {
            at: 0,
            count: 2,
            of: 2,
            mailed: true,
        };
        assert_eq!(note.label(), "Reminded 1970-01-01 00:00 UTC (2 of 2)");
        let single = ReminderNote {
            of: 1,
            count: 1,
            mailed: false,
            ..note
        };
        assert_eq!(
            single.label(),
            "Reminded 1970-01-01 00:00 UTC, not mailed: on the recruiters' to-do list"
        );
    }
}
