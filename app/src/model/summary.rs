//! The panel summary of one candidate: required against observed level per
//! competency and rater, disagreements with their evidence, behaviors
//! observed, references on the same competencies, the recommendation tally
//! and the decision. Built only from submitted scorecards.

use super::Recommendation;
use serde::{Deserialize, Serialize};

/// Longest decision rationale, in characters.
pub const MAX_RATIONALE_CHARS: usize = 5_000;

/// What was decided about a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// Make an offer.
    Hire,
    /// Do not proceed.
    NoHire,
    /// Wait (e.g. for another stage or another candidate).
    Hold,
}

impl DecisionKind {
    /// Every decision, in the order offered.
    pub const ALL: [DecisionKind; 3] =
        [DecisionKind::Hire, DecisionKind::NoHire, DecisionKind::Hold];

    /// Stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Hire => "hire",
            DecisionKind::NoHire => "no_hire",
            DecisionKind::Hold => "hold",
        }
    }

    /// Reads the stored spelling.
    pub fn parse(s: &str) -> Option<DecisionKind> {
        DecisionKind::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// Shown to people.
    pub fn label(self) -> &'static str {
        match self {
            DecisionKind::Hire => "Hire",
            DecisionKind::NoHire => "No hire",
            DecisionKind::Hold => "Hold",
        }
    }
}

/// A recorded decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Hire, no hire or hold.
    pub decision: DecisionKind,
    /// Why, as written (Markdown).
    pub rationale: String,
    /// Who decided (their name).
    pub decided_by: String,
    /// When, UTC milliseconds.
    pub decided_at: i64,
}

/// A decision to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionInput {
    /// The candidate.
    pub candidate_id: String,
    /// Hire, no hire or hold.
    pub decision: DecisionKind,
    /// Why (required).
    pub rationale: String,
}

/// One submitted scorecard: a column of the grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rater {
    /// The interviewer.
    pub interviewer_id: String,
    /// Their name.
    pub name: String,
    /// The stage they interviewed in.
    pub stage_name: String,
    /// Submitted, UTC milliseconds.
    pub submitted_at: i64,
    /// Amendments since.
    pub amendments: i64,
    /// Overall recommendation.
    pub recommendation: Option<Recommendation>,
    /// Overall summary (Markdown).
    pub summary: String,
    /// The summary as safe HTML.
    pub summary_html: String,
}

/// One rater's score of one competency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaterScore {
    /// Index into [`PanelSummary::raters`].
    pub rater: usize,
    /// Observed level 1–5; `None` when not assessed.
    pub level: Option<u8>,
    /// Why it was not assessed.
    pub not_assessed_reason: String,
    /// The anchor of the level given, as plain text.
    pub anchor: String,
    /// Evidence (Markdown).
    pub evidence: String,
    /// Evidence as safe HTML.
    pub evidence_html: String,
    /// Behaviors ticked, as their text.
    pub behaviors: Vec<String>,
}

/// One competency: a row of the grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetencyRow {
    /// Competency id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Level the role requires, 1–5.
    pub required_level: u8,
    /// Weight, 1–5.
    pub weight: u8,
    /// The raters who scored it (rated or not assessed), in rater order.
    pub scores: Vec<RaterScore>,
    /// Median of the levels given.
    pub median: Option<f32>,
    /// Lowest and highest level given.
    pub range: Option<(u8, u8)>,
    /// Highest minus lowest.
    pub spread: Option<u8>,
    /// Raters two or more levels apart.
    pub disagreement: bool,
    /// Behaviors observed, with how many raters ticked each, most first.
    pub behaviors: Vec<(String, usize)>,
    /// References' combined rating, when enough references answered.
    pub reference_mean: Option<f64>,
    /// References that rated it.
    pub reference_count: usize,
}

impl CompetencyRow {
    /// The score of rater `rater`, if they scored this competency.
    pub fn score_of(&self, rater: usize) -> Option<&RaterScore> {
        self.scores.iter().find(|s| s.rater == rater)
    }

    /// The levels given, in rater order.
    pub fn levels(&self) -> Vec<u8> {
        self.scores.iter().filter_map(|s| s.level).collect()
    }

    /// Whether the panel median falls below the required level.
    pub fn below_required(&self) -> bool {
        self.median
            .is_some_and(|m| m < f32::from(self.required_level))
    }
}

/// A rater's notes on one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionNote {
    /// Index into [`PanelSummary::raters`].
    pub rater: usize,
    /// Question title.
    pub title: String,
    /// The competency's name.
    pub competency: String,
    /// Optional rating 1–5.
    pub rating: Option<u8>,
    /// Notes (Markdown).
    pub notes: String,
    /// Notes as safe HTML.
    pub notes_html: String,
}

/// One answer of a reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceCommentAnswer {
    /// Competency name.
    pub competency: String,
    /// Question title.
    pub question: String,
    /// 1–5, if rated.
    pub rating: Option<u8>,
    /// "I can't say".
    pub cant_say: bool,
    /// Free text.
    pub text: String,
}

/// One submitted reference, as the summary's readers may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceComment {
    /// Referee's name.
    pub referee: String,
    /// What they were to the candidate.
    pub relationship: String,
    /// Months worked together.
    pub months_worked: u32,
    /// Answered by phone rather than through the link.
    pub by_phone: bool,
    /// The answers.
    pub answers: Vec<ReferenceCommentAnswer>,
}

/// Everything the summary page and PDF show about one candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PanelSummary {
    /// The candidate.
    pub candidate_id: String,
    /// Their name.
    pub candidate_name: String,
    /// The role.
    pub role_id: String,
    /// Role title.
    pub role_title: String,
    /// Stages with a submitted scorecard, in interview order.
    pub stages: Vec<String>,
    /// When this summary was assembled, UTC milliseconds.
    pub generated_at: i64,
    /// Columns of the grid: one per submitted scorecard.
    pub raters: Vec<Rater>,
    /// Rows of the grid, in profile order.
    pub competencies: Vec<CompetencyRow>,
    /// Question notes, by rater then guide order.
    pub question_notes: Vec<QuestionNote>,
    /// How many raters gave each recommendation, strong no first.
    pub tally: Vec<(Recommendation, usize)>,
    /// References that must answer before ratings are combined.
    pub references_threshold: usize,
    /// References answered.
    pub references_answered: usize,
    /// The submitted references.
    pub reference_comments: Vec<ReferenceComment>,
    /// Every decision, newest first; the first is the current one.
    pub decisions: Vec<Decision>,
    /// Whether the reader may record a decision (the role's hiring
    /// managers and admins).
    #[serde(default)]
    pub may_decide: bool,
    /// Questions this candidate's panel was asked in another version than
    /// other candidates of the role, in words ("… this candidate was asked
    /// v1; other candidates of the role: v2").
    #[serde(default)]
    pub version_notes: Vec<String>,
}

impl PanelSummary {
    /// The current decision.
    pub fn decision(&self) -> Option<&Decision> {
        self.decisions.first()
    }

    /// The competencies where raters are two or more levels apart.
    pub fn disagreements(&self) -> impl Iterator<Item = &CompetencyRow> {
        self.competencies.iter().filter(|c| c.disagreement)
    }

    /// "Name (Stage)" of rater `i`.
    pub fn rater_label(&self, i: usize) -> String {
        self.raters
            .get(i)
            .map(|r| format!("{} ({})", r.name, r.stage_name))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_round_trip_their_stored_spelling() {
        for d in DecisionKind::ALL {
            assert_eq!(DecisionKind::parse(d.as_str()), Some(d));
        }
        assert_eq!(DecisionKind::parse("maybe"), None);
    }
}
