//! Interview and reference-check guides: the draft a recruiter edits and the
//! published snapshot every candidate of the role goes through.

use question_bank::{Anchor, KeyElement};
use serde::{Deserialize, Serialize};

/// Where a guide question came from and what kind it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GuideQuestionKind {
    /// "Tell me about a time…" from a bank.
    Behavioral,
    /// "What would you do if…" from a bank.
    Situational,
    /// Written by the recruiter.
    Custom,
    /// A reference-check question.
    Reference,
}

impl GuideQuestionKind {
    /// Shown to people.
    pub fn label(self) -> &'static str {
        match self {
            GuideQuestionKind::Behavioral => "Behavioral",
            GuideQuestionKind::Situational => "Situational",
            GuideQuestionKind::Custom => "Custom",
            GuideQuestionKind::Reference => "Reference check",
        }
    }
}

/// One question in a guide: a copy of a bank question's text, or a custom one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideQuestion {
    /// Id within the guide.
    pub id: String,
    /// The bank question it was copied from, if any.
    pub bank_id: Option<String>,
    /// Which version of the bank question this is, once the question has
    /// been revised (`services::question_revisions`); `None` is version 1
    /// or text not from the bank. Left out of the JSON when unset, so
    /// versions published before revisions existed read the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_version: Option<u32>,
    /// Kind.
    pub kind: GuideQuestionKind,
    /// The competency it assesses.
    pub competency_id: String,
    /// Short title.
    pub title: String,
    /// The question (Markdown). Reference questions may hold `{candidate}`.
    pub text: String,
    /// Follow-up probes.
    pub probes: Vec<String>,
    /// What a good answer contains.
    pub listen_for: Vec<String>,
}

/// A block of a stage on one competency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Id within the guide.
    pub id: String,
    /// The competency assessed.
    pub competency_id: String,
    /// Planned minutes.
    pub minutes: u32,
    /// Questions, in order.
    pub questions: Vec<GuideQuestion>,
}

/// One interview of the process, e.g. "Phone screen" or "Panel".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    /// Id within the guide.
    pub id: String,
    /// Name.
    pub name: String,
    /// Sections, in order.
    pub sections: Vec<Section>,
}

impl Stage {
    /// Planned minutes of the whole stage.
    pub fn minutes(&self) -> u32 {
        self.sections.iter().map(|s| s.minutes).sum()
    }
}

/// A role's guide: interview stages and reference-check questions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guide {
    /// Interview stages, in order.
    pub stages: Vec<Stage>,
    /// Reference-check questions, in order.
    pub reference_questions: Vec<GuideQuestion>,
}

/// The draft as stored, with the revision an edit must be based on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideDraft {
    /// The role.
    pub role_id: String,
    /// Grows with every save.
    pub revision: i64,
    /// The content.
    pub guide: Guide,
}

/// A competency as it stood when the guide was published: the scale
/// interviews on this version are rated against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetencySnapshot {
    /// Competency id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Required level, 1–5.
    pub required_level: u8,
    /// Weight, 1–5.
    pub weight: u8,
    /// The five behavioral anchors.
    pub anchors: Vec<Anchor>,
    /// The five reference anchors referees rate against: what a colleague
    /// would have seen at each level. Empty for a bank without reference
    /// levels and in versions published before banks had them; referees then
    /// see the generic ones (`services::references::answers`).
    #[serde(default)]
    pub reference_anchors: Vec<Anchor>,
    /// Key elements and their behaviors (for the observed-behaviors checklist).
    pub key_elements: Vec<KeyElement>,
}

/// A published, immutable guide version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedGuide {
    /// Opaque id of the version.
    pub id: String,
    /// The role.
    pub role_id: String,
    /// Role title at publication.
    pub role_title: String,
    /// 1, 2, …
    pub version: i64,
    /// UTC milliseconds.
    pub published_at: i64,
    /// The competency profile with anchors.
    pub competencies: Vec<CompetencySnapshot>,
    /// Stages, sections and question texts.
    pub stages: Vec<Stage>,
    /// Reference-check questions.
    pub reference_questions: Vec<GuideQuestion>,
}

impl PublishedGuide {
    /// The stage with `id`.
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    /// The competency with `id`.
    pub fn competency(&self, id: &str) -> Option<&CompetencySnapshot> {
        self.competencies.iter().find(|c| c.id == id)
    }

    /// The name of the competency with `id`, as people read it; the id
    /// itself only for a competency this version does not hold.
    pub fn competency_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.competency(id).map_or(id, |c| c.name.as_str())
    }
}

/// Replaces the `{candidate}` placeholder with the candidate's name.
pub fn for_candidate(text: &str, candidate_name: &str) -> String {
    text.replace(question_bank::CANDIDATE_PLACEHOLDER, candidate_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_placeholder_becomes_the_name_everywhere() {
        assert_eq!(
            for_candidate(
                "How did {candidate} cope? Would you hire {candidate} again?",
                "Zoë"
            ),
            "How did Zoë cope? Would you hire Zoë again?"
        );
    }
}
