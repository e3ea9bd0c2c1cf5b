//! Scorecards: what an interviewer records during one interview and the
//! versioned, idempotent writes that store it (this file); the scoring page's
//! sheet and the lists around it (`sheet`).

mod sheet;

pub use sheet::{
    MyInterview, SUBMITTED_PER_PAGE, ScoringSheet, SheetAnchor, SheetCompetency, SheetKeyElement,
    SheetQuestion, SheetSection, SubmittedScorecard, sort_my_interviews,
};

use question_bank::Level;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

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

/// The rating of one competency with its evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetencyScore {
    /// Rated, not assessed, or not yet decided.
    #[serde(default)]
    pub assessment: Assessment,
    /// Why it was not assessed; kept when the interviewer switches back to a
    /// level, so nothing typed is lost.
    #[serde(default)]
    pub not_assessed_reason: String,
    /// The evidence for the rating (Markdown).
    #[serde(default)]
    pub evidence: String,
    /// Behaviors observed, as [`behavior_id`]s.
    #[serde(default)]
    pub behaviors: BTreeSet<String>,
}

/// Everything an interviewer records in one interview.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorecardContent {
    /// Per question id.
    #[serde(default)]
    pub questions: BTreeMap<String, QuestionNotes>,
    /// Per competency id.
    #[serde(default)]
    pub competencies: BTreeMap<String, CompetencyScore>,
    /// Overall recommendation.
    #[serde(default)]
    pub recommendation: Option<Recommendation>,
    /// Overall summary (Markdown).
    #[serde(default)]
    pub summary: String,
}

/// The id of the `index`th behavior of key element `key_element_id`. A guide
/// version is immutable, so the position identifies the behavior for good.
pub fn behavior_id(key_element_id: &str, index: usize) -> String {
    format!("{key_element_id}:{index}")
}

impl ScorecardContent {
    /// The question's notes, or empty ones.
    pub fn question(&self, id: &str) -> QuestionNotes {
        self.questions.get(id).cloned().unwrap_or_default()
    }

    /// The competency's score, or an empty one.
    pub fn competency(&self, id: &str) -> CompetencyScore {
        self.competencies.get(id).cloned().unwrap_or_default()
    }

    /// How many fields differ from `other` (a note, a rating, a checklist…):
    /// the "N changes" the page reports while they wait to be saved.
    pub fn changed_fields(&self, other: &ScorecardContent) -> usize {
        let mut n = 0;
        let question_ids: BTreeSet<&String> = self
            .questions
            .keys()
            .chain(other.questions.keys())
            .collect();
        for id in question_ids {
            let (a, b) = (self.question(id), other.question(id));
            n += usize::from(a.notes != b.notes) + usize::from(a.rating != b.rating);
        }
        let competency_ids: BTreeSet<&String> = self
            .competencies
            .keys()
            .chain(other.competencies.keys())
            .collect();
        for id in competency_ids {
            let (a, b) = (self.competency(id), other.competency(id));
            n += usize::from(a.assessment != b.assessment)
                + usize::from(a.not_assessed_reason != b.not_assessed_reason)
                + usize::from(a.evidence != b.evidence)
                + usize::from(a.behaviors != b.behaviors);
        }
        n + usize::from(self.recommendation != other.recommendation)
            + usize::from(self.summary != other.summary)
    }

    /// The first text field over [`MAX_TEXT_CHARS`], named for people.
    pub fn oversized_field(&self) -> Option<String> {
        let long = |s: &str| s.chars().count() > MAX_TEXT_CHARS;
        for (id, q) in &self.questions {
            if long(&q.notes) {
                return Some(format!("notes on question {id}"));
            }
        }
        for (id, c) in &self.competencies {
            if long(&c.evidence) || long(&c.not_assessed_reason) {
                return Some(format!("evidence on {id}"));
            }
        }
        long(&self.summary).then(|| "summary".to_owned())
    }

    /// What stops this scorecard from being submitted, in words for the
    /// interviewer: every focus competency (id, name) rated with an evidence
    /// note or marked not assessed with a reason, every rated question with
    /// notes, and an overall recommendation. `questions` names question ids.
    pub fn submission_problems(
        &self,
        focus: &[(String, String)],
        questions: &[(String, String)],
    ) -> Vec<String> {
        let mut problems = Vec::new();
        for (id, name) in focus {
            let score = self.competency(id);
            match score.assessment {
                Assessment::Pending => problems.push(format!(
                    "{name}: rate it, or mark it not assessed with a reason."
                )),
                Assessment::Rated(_) if score.evidence.trim().is_empty() => {
                    problems.push(format!("{name}: add an evidence note for the rating."))
                }
                Assessment::NotAssessed if score.not_assessed_reason.trim().is_empty() => {
                    problems.push(format!("{name}: say why it was not assessed."))
                }
                _ => {}
            }
        }
        for (id, title) in questions {
            let q = self.question(id);
            if q.rating.is_some() && q.notes.trim().is_empty() {
                problems.push(format!("“{title}”: add notes as evidence for its rating."));
            }
        }
        if self.recommendation.is_none() {
            problems.push("Overall: choose a recommendation.".to_owned());
        }
        problems
    }
}

/// Whether a scorecard is still being written or has been submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScorecardStatus {
    /// Being written; only its author ever sees it.
    Draft,
    /// Submitted and locked; changed only by amendments.
    Submitted,
}

impl ScorecardStatus {
    /// Stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ScorecardStatus::Draft => "draft",
            ScorecardStatus::Submitted => "submitted",
        }
    }

    /// Reads the stored spelling.
    pub fn parse(s: &str) -> Option<ScorecardStatus> {
        match s {
            "draft" => Some(ScorecardStatus::Draft),
            "submitted" => Some(ScorecardStatus::Submitted),
            _ => None,
        }
    }
}

/// The caller's own scorecard as stored. Version 0 means nothing saved yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorecardState {
    /// Grows with every accepted write; the base of the next one.
    pub version: i64,
    /// Draft or submitted.
    pub status: ScorecardStatus,
    /// The content.
    pub content: ScorecardContent,
    /// Last write, UTC milliseconds.
    pub updated_at: Option<i64>,
    /// Submission, UTC milliseconds.
    pub submitted_at: Option<i64>,
    /// Amendments since submission.
    pub amendments: i64,
}

impl ScorecardState {
    /// An interviewer's scorecard before anything was saved.
    pub fn empty() -> Self {
        ScorecardState {
            version: 0,
            status: ScorecardStatus::Draft,
            content: ScorecardContent::default(),
            updated_at: None,
            submitted_at: None,
            amendments: 0,
        }
    }
}

/// One write of a scorecard: a save, a submission or an amendment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorecardWrite {
    /// The interview scored.
    pub interview_id: String,
    /// The version this write was made on; a different stored version means
    /// someone else wrote meanwhile and the write is refused.
    pub base_version: i64,
    /// Chosen by the browser (8–64 letters, digits, `-` or `_`); a write
    /// retried with the same key is applied once and answered the same way.
    pub idempotency_key: String,
    /// The whole content (small: a document, not a diff, so a retry is safe).
    pub content: ScorecardContent,
}

/// A write that was committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteAck {
    /// The version the write produced.
    pub version: i64,
    /// When it was committed, UTC milliseconds.
    pub saved_at: i64,
}

/// A write refused because it was not based on the stored version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteConflict {
    /// The version stored now.
    pub current_version: i64,
    /// Its status (a submitted scorecard refuses saves).
    pub status: ScorecardStatus,
    /// When it was last written, UTC milliseconds.
    pub updated_at: Option<i64>,
}

impl WriteConflict {
    /// What the page tells the interviewer.
    pub fn message(&self) -> &'static str {
        match self.status {
            ScorecardStatus::Submitted => {
                "This scorecard was submitted in another tab or window, so this change was not saved. Reload to see what was submitted."
            }
            ScorecardStatus::Draft => {
                "This scorecard was changed in another tab or window, so this change was not saved. Load the saved version, or keep yours and overwrite it."
            }
        }
    }
}

/// The answer to a write. A conflict is an expected outcome of autosave (two
/// tabs, two devices) that carries what the page needs to resolve it, so it
/// is a value here rather than an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WriteOutcome {
    /// Committed (or committed before, for a retried key).
    Saved(WriteAck),
    /// Refused: the stored version moved on.
    Conflict(WriteConflict),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn focus() -> Vec<(String, String)> {
        vec![
            ("cf".into(), "Customer Focus".into()),
            ("tw".into(), "Teamwork".into()),
        ]
    }

    #[test]
    fn an_empty_scorecard_names_every_missing_piece() {
        let problems = ScorecardContent::default().submission_problems(&focus(), &[]);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("Customer Focus"));
        assert!(problems[2].contains("recommendation"));
    }

    #[test]
    fn submission_rule_cases() {
        let rated = |evidence: &str| CompetencyScore {
            assessment: Assessment::Rated(Level::Independent),
            evidence: evidence.into(),
            ..Default::default()
        };
        let not_assessed = |reason: &str| CompetencyScore {
            assessment: Assessment::NotAssessed,
            not_assessed_reason: reason.into(),
            ..Default::default()
        };
        let cases = [
            ("rated with evidence", rated("Told a clear story"), 0),
            ("rated without evidence", rated("  "), 1),
            (
                "not assessed with a reason",
                not_assessed("Ran out of time"),
                0,
            ),
            ("not assessed without a reason", not_assessed(""), 1),
            ("pending", CompetencyScore::default(), 1),
        ];
        for (name, score, expected) in cases {
            let mut content = ScorecardContent {
                recommendation: Some(Recommendation::Yes),
                ..Default::default()
            };
            content.competencies.insert("cf".into(), score);
            let problems = content.submission_problems(&focus()[..1], &[]);
            assert_eq!(problems.len(), expected, "{name}: {problems:?}");
        }
    }

    #[test]
    fn a_rated_question_needs_notes() {
        let mut content = ScorecardContent {
            recommendation: Some(Recommendation::No),
            ..Default::default()
        };
        content.questions.insert(
            "q1".into(),
            QuestionNotes {
                notes: String::new(),
                rating: Some(Level::Entry),
            },
        );
        let titles = [("q1".to_owned(), "Difficult customer".to_owned())];
        assert_eq!(content.submission_problems(&[], &titles).len(), 1);
        content.questions.get_mut("q1").unwrap().notes = "Escalated quickly".into();
        assert!(content.submission_problems(&[], &titles).is_empty());
    }

    #[test]
    fn changed_fields_counts_each_field_once() {
        let before = ScorecardContent::default();
        let mut after = before.clone();
        assert_eq!(after.changed_fields(&before), 0);
        after.questions.insert(
            "q1".into(),
            QuestionNotes {
                notes: "x".into(),
                rating: Some(Level::Expert),
            },
        );
        after.recommendation = Some(Recommendation::StrongYes);
        assert_eq!(after.changed_fields(&before), 3);
        assert_eq!(before.changed_fields(&after), 3);
        // An entry that exists but is empty equals a missing one.
        let mut empty_entry = before.clone();
        empty_entry
            .competencies
            .insert("cf".into(), CompetencyScore::default());
        assert_eq!(empty_entry.changed_fields(&before), 0);
    }

    #[test]
    fn content_round_trips_through_json() {
        let mut content = ScorecardContent::default();
        content.competencies.insert(
            "cf".into(),
            CompetencyScore {
                assessment: Assessment::Rated(Level::Advanced),
                behaviors: [behavior_id("cf-empathizes", 2)].into(),
                ..Default::default()
            },
        );
        let json = serde_json::to_string(&content).unwrap();
        assert!(json.contains(r#""rated":"Advanced""#), "{json}");
        assert_eq!(
            serde_json::from_str::<ScorecardContent>(&json).unwrap(),
            content
        );
        // Older or partial documents fill in defaults.
        assert_eq!(
            serde_json::from_str::<ScorecardContent>("{}").unwrap(),
            ScorecardContent::default()
        );
    }

    #[test]
    fn recommendation_keys_run_from_strong_no_to_strong_yes() {
        assert_eq!(Recommendation::from_key(1), Some(Recommendation::StrongNo));
        assert_eq!(Recommendation::from_key(4), Some(Recommendation::StrongYes));
        assert_eq!(Recommendation::from_key(0), None);
        assert_eq!(Recommendation::from_key(5), None);
    }
}
