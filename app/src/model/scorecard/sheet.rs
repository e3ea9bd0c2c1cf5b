//! The scoring page's sheet: the stage as its guide version has it, with the
//! caller's scorecard; the interviewer's list; submitted scorecards.

use super::{ScorecardContent, ScorecardState, ScorecardStatus};
use question_bank::Level;
use serde::{Deserialize, Serialize};

/// One question on the scoring page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetQuestion {
    /// Id within the guide.
    pub id: String,
    /// "Behavioral", "Situational", "Custom".
    pub kind: String,
    /// Short title.
    pub title: String,
    /// The question, rendered to safe HTML.
    pub text_html: String,
    /// Follow-up probes.
    pub probes: Vec<String>,
    /// What a good answer contains.
    pub listen_for: Vec<String>,
}

/// One section of the stage on the scoring page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetSection {
    /// Id within the guide.
    pub id: String,
    /// The competency it assesses.
    pub competency_id: String,
    /// Planned minutes.
    pub minutes: u32,
    /// Questions, in order.
    pub questions: Vec<SheetQuestion>,
}

/// A behavioral anchor on the scoring page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetAnchor {
    /// The level.
    pub level: Level,
    /// The anchor, rendered to safe HTML.
    pub html: String,
}

/// A key element and its behaviors, for the observed-behaviors checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetKeyElement {
    /// Key element id.
    pub id: String,
    /// Name.
    pub name: String,
    /// ([`behavior_id`], text) pairs.
    pub behaviors: Vec<(String, String)>,
}

/// A competency assessed in the stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetCompetency {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The level the role requires.
    pub required_level: Level,
    /// Whether this interviewer must rate it to submit.
    pub focus: bool,
    /// The five anchors, Entry first.
    pub anchors: Vec<SheetAnchor>,
    /// Key elements with their behaviors.
    pub key_elements: Vec<SheetKeyElement>,
}

/// Everything the scoring page needs: the stage as the guide version has it,
/// and the caller's own scorecard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoringSheet {
    /// The interview.
    pub interview_id: String,
    /// The scoring interviewer (the caller); scopes the browser's queue.
    pub interviewer_id: String,
    /// Candidate.
    pub candidate_id: String,
    /// Candidate's name.
    pub candidate_name: String,
    /// Role title.
    pub role_title: String,
    /// Stage name.
    pub stage_name: String,
    /// When, UTC milliseconds.
    pub scheduled_at: Option<i64>,
    /// Start and end in the caller's time zone, the zone named; empty
    /// without a time.
    #[serde(default)]
    pub when: String,
    /// Sections in order.
    pub sections: Vec<SheetSection>,
    /// The stage's competencies, in section order.
    pub competencies: Vec<SheetCompetency>,
    /// The caller's scorecard.
    pub scorecard: ScorecardState,
}

impl ScoringSheet {
    /// The competency with `id`.
    pub fn competency(&self, id: &str) -> Option<&SheetCompetency> {
        self.competencies.iter().find(|c| c.id == id)
    }

    /// (id, name) of the competencies this interviewer must rate.
    pub fn focus(&self) -> Vec<(String, String)> {
        self.competencies
            .iter()
            .filter(|c| c.focus)
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect()
    }

    /// (id, title) of every question.
    pub fn question_titles(&self) -> Vec<(String, String)> {
        self.sections
            .iter()
            .flat_map(|s| s.questions.iter().map(|q| (q.id.clone(), q.title.clone())))
            .collect()
    }

    /// What stops `content` from being submitted on this sheet.
    pub fn submission_problems(&self, content: &ScorecardContent) -> Vec<String> {
        content.submission_problems(&self.focus(), &self.question_titles())
    }
}

/// One of the caller's interviews in their list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyInterview {
    /// The interview.
    pub interview_id: String,
    /// Candidate's name.
    pub candidate_name: String,
    /// Role title.
    pub role_title: String,
    /// Stage name.
    pub stage_name: String,
    /// When, UTC milliseconds.
    pub scheduled_at: Option<i64>,
    /// When it ends, UTC milliseconds, if set.
    #[serde(default)]
    pub ends_at: Option<i64>,
    /// Start and end in the caller's time zone, the zone named; empty
    /// without a time.
    #[serde(default)]
    pub when: String,
    /// The caller's scorecard status; `None` before the first save.
    pub status: Option<ScorecardStatus>,
    /// Last save of the caller's scorecard, UTC milliseconds.
    pub updated_at: Option<i64>,
    /// When the caller submitted it, UTC milliseconds.
    #[serde(default)]
    pub submitted_at: Option<i64>,
}

impl MyInterview {
    /// Whether the caller still has to submit a scorecard for it.
    pub fn to_submit(&self) -> bool {
        self.status != Some(ScorecardStatus::Submitted)
    }
}

/// Submitted interviews per page of an interviewer's list: what is still to
/// submit is always shown in full, the submitted history a page at a time.
/// The list is a work queue first: the first page shows the latest few
/// submissions for reference, and its cost does not grow with the history.
pub const SUBMITTED_PER_PAGE: usize = 10;

/// Orders an interviewer's list: what is still to submit first, upcoming
/// before past and unscheduled last; then submitted ones, latest
/// submission first (the order the history is paged in).
pub fn sort_my_interviews(list: &mut [MyInterview], now_ms: i64) {
    // Interviews earlier today still count as upcoming: they are being held.
    let today = now_ms - 12 * 3_600_000;
    list.sort_by_key(|i| {
        let when = i.scheduled_at;
        match (i.to_submit(), when) {
            (true, Some(t)) if t >= today => (0, t),
            (true, Some(t)) => (1, -t),
            (true, None) => (2, 0),
            (false, _) => (3, -i.submitted_at.unwrap_or(0)),
        }
    });
}

/// A submitted scorecard as others may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmittedScorecard {
    /// The interview.
    pub interview_id: String,
    /// Stage name.
    pub stage_name: String,
    /// Who wrote it.
    pub interviewer_id: String,
    /// Their name.
    pub interviewer_name: String,
    /// Current version.
    pub version: i64,
    /// When it was submitted, UTC milliseconds.
    pub submitted_at: i64,
    /// Amendments since.
    pub amendments: i64,
    /// The content.
    pub content: ScorecardContent,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_submit_comes_first_then_upcoming_then_past() {
        let item = |id: &str, at: Option<i64>, status| MyInterview {
            interview_id: id.into(),
            candidate_name: String::new(),
            role_title: String::new(),
            stage_name: String::new(),
            scheduled_at: at,
            ends_at: None,
            when: String::new(),
            status,
            updated_at: None,
            submitted_at: at.filter(|_| status == Some(ScorecardStatus::Submitted)),
        };
        let now = 100 * 86_400_000;
        let day = 86_400_000;
        let mut list = vec![
            item(
                "submitted earlier",
                Some(now - 5 * day),
                Some(ScorecardStatus::Submitted),
            ),
            item(
                "submitted",
                Some(now - day),
                Some(ScorecardStatus::Submitted),
            ),
            item("unscheduled", None, None),
            item("past", Some(now - 3 * day), Some(ScorecardStatus::Draft)),
            item("later", Some(now + 2 * day), None),
            item("soon", Some(now + 3_600_000), None),
        ];
        sort_my_interviews(&mut list, now);
        let order: Vec<&str> = list.iter().map(|i| i.interview_id.as_str()).collect();
        assert_eq!(
            order,
            [
                "soon",
                "later",
                "past",
                "unscheduled",
                "submitted",
                "submitted earlier"
            ]
        );
    }
}
