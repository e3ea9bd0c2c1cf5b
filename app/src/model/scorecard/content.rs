//! The content of a scorecard: notes and ratings per question, the rating
//! and evidence per competency, the recommendation and summary, and what a
//! submission still lacks.

use super::{Assessment, MAX_TEXT_CHARS, QuestionNotes, Recommendation};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

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
                    problems.push(format!("{name}: add an evidence note for the rating."));
                }
                Assessment::NotAssessed if score.not_assessed_reason.trim().is_empty() => {
                    problems.push(format!("{name}: say why it was not assessed."));
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

#[cfg(test)]
mod tests {
    use super::*;
    use question_bank::Level;

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
