//! Scorecards: what an interviewer records during one interview
//! ([`content`]), the versioned, idempotent writes that store it
//! ([`writes`]), and the scoring page's sheet and the lists around it
//! ([`sheet`]).

mod content;
mod sheet;
mod writes;

pub use content::*;
pub use sheet::{
    MyInterview, SUBMITTED_PER_PAGE, ScoringSheet, SheetAnchor, SheetCompetency, SheetKeyElement,
    SheetQuestion, SheetSection, SubmittedScorecard, sort_my_interviews,
};
pub use writes::*;

use question_bank::Level;
use serde::{Deserialize, Serialize};

/// Longest note, evidence, reason or summary, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Longest amendment reason, in characters.
pub const MAX_REASON_CHARS: usize = 2_000;

/// The overall recommendation, on a four-point scale with no middle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    /// Strong no.
    StrongNo,
    /// No.
    No,
    /// Yes.
    Yes,
    /// Strong yes.
    StrongYes,
}

impl Recommendation {
    /// Every recommendation, from strong no to strong yes (keys 1–4).
    pub const ALL: [Recommendation; 4] = [
        Recommendation::StrongNo,
        Recommendation::No,
        Recommendation::Yes,
        Recommendation::StrongYes,
    ];

    /// Shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Recommendation::StrongNo => "Strong no",
            Recommendation::No => "No",
            Recommendation::Yes => "Yes",
            Recommendation::StrongYes => "Strong yes",
        }
    }

    /// The recommendation a number key picks: 1 strong no … 4 strong yes.
    pub fn from_key(n: u8) -> Option<Recommendation> {
        n.checked_sub(1)
            .and_then(|i| Recommendation::ALL.get(usize::from(i)))
            .copied()
    }

    /// Stable spelling for element ids and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Recommendation::StrongNo => "strong_no",
            Recommendation::No => "no",
            Recommendation::Yes => "yes",
            Recommendation::StrongYes => "strong_yes",
        }
    }
}

/// How a competency was assessed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Assessment {
    /// Not decided yet.
    #[default]
    Pending,
    /// Observed at this proficiency level.
    Rated(Level),
    /// Deliberately not assessed (the reason is required to submit).
    NotAssessed,
}

/// Notes and the optional rating of one question.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionNotes {
    /// What the candidate said (Markdown).
    #[serde(default)]
    pub notes: String,
    /// Optional rating of this answer on the five levels.
    #[serde(default)]
    pub rating: Option<Level>,
}
