//! Calibration exercises: the samples an interviewer rates blind, the
//! attempt they submit, its results beside the experts' levels, the pass
//! rule, and a role's calibration requirement with who meets it.

use super::SheetAnchor;
use question_bank::Level;
use serde::{Deserialize, Serialize};

/// Share of samples (in percent) that must be rated within one level of the
/// experts' level for an attempt to pass.
pub const PASS_PERCENT: u32 = 80;

/// Whether `agreed` of `total` samples rated within one level pass: at
/// least [`PASS_PERCENT`] percent, computed in integers so 4 of 5 passes
/// exactly at the boundary.
pub fn passes(agreed: u32, total: u32) -> bool {
    total > 0 && agreed * 100 >= total * PASS_PERCENT
}

/// Whether a rating agrees with the experts' level: within one level.
pub fn within_one(rated: Level, expert: Level) -> bool {
    rated.as_u8().abs_diff(expert.as_u8()) <= 1
}

/// A competency that has an exercise, and the caller's latest attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalibrationOverview {
    /// Competency id.
    pub competency_id: String,
    /// Competency name.
    pub name: String,
    /// Samples in the exercise.
    pub samples: u32,
    /// The caller's latest attempt, if any.
    pub latest: Option<AttemptSummary>,
    /// When the caller last passed, UTC milliseconds.
    pub passed_at: Option<i64>,
}

/// One attempt in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptSummary {
    /// Attempt id.
    pub id: String,
    /// Samples rated within one level of the experts.
    pub agreed: u32,
    /// Samples rated.
    pub total: u32,
    /// Whether it passed.
    pub passed: bool,
    /// When, UTC milliseconds.
    pub submitted_at: i64,
}

/// A sample as the interviewer rates it: no level, no reasoning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseSample {
    /// Sample id.
    pub id: String,
    /// "Interview answer" or "Referee statement".
    pub kind: String,
    /// The answer or statement, rendered to safe HTML.
    pub text_html: String,
}

/// An exercise: the competency's anchors and its samples in the order the
/// caller rates them. Carries nothing of the experts' levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalibrationExercise {
    /// Competency id.
    pub competency_id: String,
    /// Competency name.
    pub name: String,
    /// The five behavioral anchors.
    pub anchors: Vec<SheetAnchor>,
    /// The samples, in a fixed order that does not follow their levels.
    pub samples: Vec<ExerciseSample>,
}

/// One rating in a submitted attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleRating {
    /// Sample id.
    pub sample_id: String,
    /// The level given, 1–5.
    pub level: u8,
}

/// A sample after the attempt: the caller's level beside the experts'.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultSample {
    /// Sample id.
    pub id: String,
    /// Short title.
    pub title: String,
    /// "Interview answer" or "Referee statement".
    pub kind: String,
    /// The answer or statement, rendered to safe HTML.
    pub text_html: String,
    /// The caller's level.
    pub rated: Level,
    /// The experts' level.
    pub expert: Level,
    /// The experts' reasoning, rendered to safe HTML.
    pub why_html: String,
    /// Key points (plain text).
    pub key_points: Vec<String>,
}

impl ResultSample {
    /// Whether the caller's level is within one of the experts'.
    pub fn agrees(&self) -> bool {
        within_one(self.rated, self.expert)
    }
}

/// A submitted attempt with every sample's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalibrationResult {
    /// Attempt id.
    pub id: String,
    /// Competency id.
    pub competency_id: String,
    /// Competency name.
    pub name: String,
    /// Totals and the verdict.
    pub summary: AttemptSummary,
    /// The five behavioral anchors.
    pub anchors: Vec<SheetAnchor>,
    /// The samples, in the order rated.
    pub samples: Vec<ResultSample>,
}

/// One interviewer's calibration on a role's competencies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterviewerCalibration {
    /// User id.
    pub user_id: String,
    /// Name.
    pub name: String,
    /// Per required competency (in the order of
    /// [`RoleCalibration::competencies`]), when they last passed.
    pub passed_at: Vec<Option<i64>>,
}

impl InterviewerCalibration {
    /// Whether they passed every required competency.
    pub fn calibrated(&self) -> bool {
        self.passed_at.iter().all(Option::is_some)
    }
}

/// A role's calibration requirement and who meets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleCalibration {
    /// Role id.
    pub role_id: String,
    /// Role title.
    pub role_title: String,
    /// Whether interviewers must pass before scoring.
    pub required: bool,
    /// The role's profile competencies that have an exercise: (id, name).
    pub competencies: Vec<(String, String)>,
    /// The role's interviewers (team and panels), by name.
    pub interviewers: Vec<InterviewerCalibration>,
    /// Whether the caller may change the requirement.
    pub can_manage: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pass_rule_is_at_least_eighty_percent_within_one_level() {
        let cases = [
            ("4 of 5 is exactly 80%", 4, 5, true),
            ("3 of 5 is 60%", 3, 5, false),
            ("5 of 6 is 83%", 5, 6, true),
            ("4 of 6 is 67%", 4, 6, false),
            ("nothing rated", 0, 0, false),
        ];
        for (name, agreed, total, pass) in cases {
            assert_eq!(passes(agreed, total), pass, "{name}");
        }
    }

    #[test]
    fn within_one_level_counts_as_agreeing() {
        assert!(within_one(Level::Developing, Level::Independent));
        assert!(within_one(Level::Expert, Level::Expert));
        assert!(!within_one(Level::Entry, Level::Independent));
    }
}
