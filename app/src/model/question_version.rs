//! Bank questions acted on from the question-health notes: a revision is a
//! new version of a question in the bank's history, a retirement leaves the
//! question out of future guide versions. [`QuestionChange`] is how either
//! reaches a guide: applied to a copy of the latest published version (and
//! to the draft), it gives the next version every candidate not yet
//! interviewed is asked.

use super::{GuideQuestion, Stage};
use serde::{Deserialize, Serialize};

/// Longest reason for a revision or a retirement, in characters.
pub const MAX_QUESTION_REASON_CHARS: usize = 2_000;
/// Longest revised question text, in characters.
pub const MAX_QUESTION_TEXT_CHARS: usize = 4_000;

/// One version of a bank question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionVersion {
    /// 1 is the text as imported from the bank file.
    pub version: u32,
    /// Short title.
    pub title: String,
    /// The question (Markdown).
    pub text: String,
    /// Follow-up probes.
    pub probes: Vec<String>,
    /// What a good answer contains.
    pub listen_for: Vec<String>,
    /// Why it was written ("Imported from the bank" for version 1).
    pub reason: String,
    /// Who wrote it; `None` for the bank file.
    pub created_by: Option<String>,
    /// UTC milliseconds.
    pub created_at: i64,
}

/// A question's retirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retirement {
    /// Why.
    pub reason: String,
    /// Who (their name).
    pub retired_by: String,
    /// UTC milliseconds.
    pub retired_at: i64,
}

/// What the library shows of one question's life: its versions, newest
/// last, and its retirement. A question never revised has no versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionHistory {
    /// The bank question.
    pub question_id: String,
    /// Its versions, oldest first; empty until the first revision.
    pub versions: Vec<QuestionVersion>,
    /// Set once it is retired.
    pub retired: Option<Retirement>,
}

impl QuestionHistory {
    /// The version asked now: the last one, or 1.
    pub fn current_version(&self) -> u32 {
        self.versions.last().map_or(1, |v| v.version)
    }
}

/// A request to retire a bank question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetireQuestionInput {
    /// The bank question.
    pub question_id: String,
    /// Why (required).
    pub reason: String,
}

/// A request to revise a bank question's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviseQuestionInput {
    /// The bank question.
    pub question_id: String,
    /// The new text (Markdown).
    pub text: String,
    /// Why (required).
    pub reason: String,
}

/// What acting on a question changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionActionReport {
    /// The bank question.
    pub question_id: String,
    /// Its competency (where the library shows its history).
    pub competency_id: String,
    /// The new version, for a revision.
    pub version: Option<u32>,
    /// The guide versions published for it, as "Role title v3".
    pub guides: Vec<String>,
    /// Interviews not yet started that moved to those versions.
    pub interviews_moved: usize,
}

/// A change of one bank question, as it applies to a guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionChange {
    /// Leave the question out.
    Retire {
        /// The bank question.
        bank_id: String,
    },
    /// Ask `version` of it instead.
    Revise {
        /// The bank question.
        bank_id: String,
        /// The new version.
        version: QuestionVersion,
    },
}

impl QuestionChange {
    /// The bank question changed.
    pub fn bank_id(&self) -> &str {
        match self {
            QuestionChange::Retire { bank_id } | QuestionChange::Revise { bank_id, .. } => bank_id,
        }
    }

    /// Applies the change to every copy of the question in `stages` and
    /// `reference_questions`; whether anything changed. A revised question
    /// keeps its id in the guide, so ratings of both versions stay one
    /// question's ratings (told apart by [`GuideQuestion::bank_version`]).
    pub fn apply(
        &self,
        stages: &mut [Stage],
        reference_questions: &mut Vec<GuideQuestion>,
    ) -> bool {
        let mut changed = false;
        let lists = stages
            .iter_mut()
            .flat_map(|s| s.sections.iter_mut())
            .map(|section| &mut section.questions)
            .chain(std::iter::once(reference_questions));
        for questions in lists {
            match self {
                QuestionChange::Retire { bank_id } => {
                    let before = questions.len();
                    questions.retain(|q| q.bank_id.as_deref() != Some(bank_id.as_str()));
                    changed |= questions.len() != before;
                }
                QuestionChange::Revise { bank_id, version } => {
                    // A guide already holding a later version (a concurrent
                    // revision republished first) keeps it.
                    for q in questions.iter_mut().filter(|q| {
                        q.bank_id.as_deref() == Some(bank_id.as_str())
                            && q.bank_version.unwrap_or(1) < version.version
                    }) {
                        q.title.clone_from(&version.title);
                        q.text.clone_from(&version.text);
                        q.probes.clone_from(&version.probes);
                        q.listen_for.clone_from(&version.listen_for);
                        q.bank_version = Some(version.version);
                        changed = true;
                    }
                }
            }
        }
        changed
    }
}

/// How many candidates were asked each version, as people read it:
/// "3 candidates asked v1, 5 asked v2".
pub fn versions_text(counts: &[(u32, usize)]) -> String {
    counts
        .iter()
        .enumerate()
        .map(|(i, (version, n))| {
            let who = match (i, *n) {
                (0, 1) => "1 candidate".to_owned(),
                (0, n) => format!("{n} candidates"),
                (_, n) => n.to_string(),
            };
            format!("{who} asked v{version}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{GuideQuestionKind, Section};

    fn question(id: &str, bank_id: Option<&str>) -> GuideQuestion {
        GuideQuestion {
            id: id.into(),
            bank_id: bank_id.map(Into::into),
            bank_version: None,
            kind: GuideQuestionKind::Behavioral,
            competency_id: "c".into(),
            title: "Old".into(),
            text: "Old text".into(),
            probes: vec!["p".into()],
            listen_for: vec![],
        }
    }

    fn stages() -> Vec<Stage> {
        vec![Stage {
            id: "s".into(),
            name: "Panel".into(),
            sections: vec![Section {
                id: "sec".into(),
                competency_id: "c".into(),
                minutes: 10,
                questions: vec![question("g1", Some("bq")), question("g2", None)],
            }],
        }]
    }

    #[test]
    fn retiring_removes_every_copy_and_nothing_else() {
        let mut s = stages();
        let mut refs = vec![];
        let change = QuestionChange::Retire {
            bank_id: "bq".into(),
        };
        assert!(change.apply(&mut s, &mut refs));
        assert_eq!(s[0].sections[0].questions.len(), 1);
        assert_eq!(s[0].sections[0].questions[0].id, "g2");
        assert!(!change.apply(&mut s, &mut refs), "nothing left to change");
    }

    #[test]
    fn revising_keeps_the_guide_id_and_records_the_version() {
        let mut s = stages();
        let change = QuestionChange::Revise {
            bank_id: "bq".into(),
            version: QuestionVersion {
                version: 2,
                title: "Old".into(),
                text: "New text".into(),
                probes: vec!["p".into()],
                listen_for: vec![],
                reason: "clearer".into(),
                created_by: None,
                created_at: 0,
            },
        };
        assert!(change.apply(&mut s, &mut vec![]));
        let q = &s[0].sections[0].questions[0];
        assert_eq!(
            (q.id.as_str(), q.text.as_str(), q.bank_version),
            ("g1", "New text", Some(2))
        );
        assert_eq!(s[0].sections[0].questions[1].text, "Old text");
    }

    #[test]
    fn version_counts_read_as_a_sentence() {
        assert_eq!(
            versions_text(&[(1, 3), (2, 5)]),
            "3 candidates asked v1, 5 asked v2"
        );
        assert_eq!(
            versions_text(&[(1, 1), (2, 1)]),
            "1 candidate asked v1, 1 asked v2"
        );
    }
}
