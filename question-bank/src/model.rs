//! The typed model of one competency file: key elements, anchors and questions.
//!
//! Fields documented as *Markdown* keep the Markdown source as written in the
//! bank (trimmed, line endings normalized), so rendering stays with the caller
//! and exporting writes it back unchanged. All other text is plain text.

use crate::level::Level;
use serde::{Deserialize, Serialize};

/// The placeholder that reference questions use for the candidate's name.
pub const CANDIDATE_PLACEHOLDER: &str = "{candidate}";

/// One competency: the content of one bank file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Competency {
    /// Stable id, e.g. `customer-focus`.
    pub id: String,
    /// Display name, e.g. `Customer Focus` (plain text).
    pub name: String,
    /// What the competency is (Markdown).
    pub definition: String,
    /// Why it matters for the work (Markdown; the `Why it matters` section).
    pub importance: String,
    /// The key elements, in file order (at least one).
    pub key_elements: Vec<KeyElement>,
    /// Behavioral anchors: exactly five, Entry to Expert, in order.
    pub anchors: Vec<Anchor>,
    /// Reference anchors: what a referee would have seen at each level, and
    /// how often; five, Entry to Expert, or none when the bank has no
    /// `Reference levels` section (then [`Level::reference_anchor`] applies).
    /// Defaults to none so that models stored before the section existed
    /// still read.
    #[serde(default)]
    pub reference_anchors: Vec<Anchor>,
    /// Interview questions, in file order (at least one).
    pub interview_questions: Vec<InterviewQuestion>,
    /// Reference-check questions, in file order (at least one).
    pub reference_questions: Vec<ReferenceQuestion>,
    /// Development activities (plain text, one per item; may be empty).
    pub development_activities: Vec<String>,
    /// How the competency is phrased in a job posting (Markdown; may be empty).
    pub qualification_statement: String,
    /// Where and how to find candidates strong in it (plain text; may be empty).
    pub outreach_ideas: Vec<String>,
    /// Where the bank's content comes from (Markdown; may be empty).
    #[serde(default)]
    pub provenance: String,
    /// Calibration samples: answers or referee statements with the level
    /// experts gave them and why (may be empty). Defaults to none so that
    /// models stored before the section existed still read.
    #[serde(default)]
    pub calibration_samples: Vec<CalibrationSample>,
}

impl Competency {
    /// The derived id of this competency's anchor at `level`, e.g.
    /// `customer-focus.level-3` (anchors carry no id in the file; the dot keeps
    /// derived ids out of the kebab-case namespace of written ids).
    pub fn anchor_id(&self, level: Level) -> String {
        format!("{}.level-{}", self.id, level.as_u8())
    }

    /// The anchor for `level`, if present.
    pub fn anchor(&self, level: Level) -> Option<&Anchor> {
        self.anchors.iter().find(|anchor| anchor.level == level)
    }

    /// What a referee reads beside rating `level` (Markdown): the bank's
    /// reference anchor, or the generic one when the bank has none.
    pub fn reference_anchor(&self, level: Level) -> &str {
        self.reference_anchors
            .iter()
            .find(|anchor| anchor.level == level)
            .map_or_else(|| level.reference_anchor(), |anchor| anchor.text.as_str())
    }
}

/// Whether a calibration sample is a candidate's answer or a referee's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SampleKind {
    /// What a candidate said in an interview.
    InterviewAnswer,
    /// What a referee said about a candidate.
    RefereeStatement,
}

impl SampleKind {
    /// Both kinds, in the order messages list them.
    pub const ALL: [SampleKind; 2] = [SampleKind::InterviewAnswer, SampleKind::RefereeStatement];

    /// The words on the `Kind:` line (`interview answer`, `referee statement`).
    pub fn as_str(self) -> &'static str {
        match self {
            SampleKind::InterviewAnswer => "interview answer",
            SampleKind::RefereeStatement => "referee statement",
        }
    }
}

/// A calibration sample: a written answer (or referee statement) with the
/// level experts gave it and their reasoning in terms of the anchors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalibrationSample {
    /// Stable id, e.g. `cf-cal-billing-script`.
    pub id: String,
    /// Short title (plain text).
    pub title: String,
    /// Interview answer or referee statement.
    pub kind: SampleKind,
    /// The level experts gave it.
    pub level: Level,
    /// The answer or statement (Markdown).
    pub text: String,
    /// Why that level, in terms of the anchors (Markdown).
    pub why: String,
    /// What an interviewer should take away (plain text; may be empty).
    pub key_points: Vec<String>,
}

/// A key element of a competency and the behaviors that show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyElement {
    /// Stable id, e.g. `cf-builds-relationships`.
    pub id: String,
    /// Display name (plain text).
    pub name: String,
    /// Distinguishing behaviors (plain text, at least one).
    pub behaviors: Vec<String>,
}

/// The anchor for one proficiency level: what an answer at that level sounds
/// like (a behavioral anchor), or what a referee saw (a reference anchor).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The level this anchor describes.
    pub level: Level,
    /// The anchor (Markdown, non-empty).
    pub text: String,
}

/// Whether a question asks about the past or about a hypothetical situation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    /// "Tell me about a time…": past behavior.
    Behavioral,
    /// "What would you do if…": a hypothetical situation.
    Situational,
}

impl QuestionKind {
    /// The keyword used on the `Type:` line (`behavioral`, `situational`).
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::Behavioral => "behavioral",
            QuestionKind::Situational => "situational",
        }
    }
}

/// A question for the candidate, with probes and what to listen for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterviewQuestion {
    /// Stable id, e.g. `cf-q-unhappy-customer`.
    pub id: String,
    /// Short title (plain text).
    pub title: String,
    /// Behavioral or situational.
    pub kind: QuestionKind,
    /// Ids of the key elements (of the same competency) it gives evidence on.
    pub targets: Vec<String>,
    /// The question as asked (Markdown).
    pub text: String,
    /// Follow-up probes (plain text, at least one).
    pub probes: Vec<String>,
    /// What a strong answer contains (plain text; may be empty).
    pub listen_for: Vec<String>,
}

/// A question for a referee about the candidate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceQuestion {
    /// Stable id, e.g. `cf-r-responsiveness`.
    pub id: String,
    /// Short title (plain text).
    pub title: String,
    /// Ids of the key elements (of the same competency) it gives evidence on;
    /// may be empty.
    pub targets: Vec<String>,
    /// The question (Markdown), containing [`CANDIDATE_PLACEHOLDER`] at least once.
    pub text: String,
}

impl ReferenceQuestion {
    /// The question text with every `{candidate}` replaced by `candidate_name`.
    ///
    /// The text is Markdown, so the name is inserted with Markdown punctuation
    /// backslash-escaped and line breaks turned into spaces: a name such as
    /// `Ann *Lee*` or `[x](javascript:…)` renders literally and cannot add
    /// formatting, links or blocks.
    pub fn text_for(&self, candidate_name: &str) -> String {
        self.text
            .replace(CANDIDATE_PLACEHOLDER, &escape_name(candidate_name))
    }
}

/// Escapes a name for insertion into Markdown inline text.
fn escape_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.trim().chars() {
        match c {
            '\r' | '\n' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '!' | '{' | '}' | '#' | '~'
            | '|' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(text: &str) -> ReferenceQuestion {
        ReferenceQuestion {
            id: "x-r".into(),
            title: "T".into(),
            targets: vec![],
            text: text.into(),
        }
    }

    #[test]
    fn text_for_replaces_every_placeholder() {
        let question = reference("How did {candidate} respond? Would you hire {candidate} again?");
        assert_eq!(
            question.text_for("Ana Lima"),
            "How did Ana Lima respond? Would you hire Ana Lima again?"
        );
    }

    #[test]
    fn text_for_escapes_markdown_in_the_name() {
        let question = reference("Describe {candidate}.");
        assert_eq!(
            question.text_for("Ann *Lee* [x](y)\n# h"),
            r"Describe Ann \*Lee\* \[x\](y) \# h."
        );
        assert_eq!(
            question.text_for("O'Brien-Smith"),
            "Describe O'Brien-Smith."
        );
    }

    #[test]
    fn anchor_ids_are_derived_from_the_competency_id() {
        let competency = Competency {
            id: "customer-focus".into(),
            name: String::new(),
            definition: String::new(),
            importance: String::new(),
            key_elements: vec![],
            anchors: vec![],
            reference_anchors: vec![],
            interview_questions: vec![],
            reference_questions: vec![],
            development_activities: vec![],
            qualification_statement: String::new(),
            outreach_ideas: vec![],
            provenance: String::new(),
            calibration_samples: vec![],
        };
        assert_eq!(
            competency.anchor_id(Level::Independent),
            "customer-focus.level-3"
        );
    }
}
