//! The question library as the browser sees it.

use serde::{Deserialize, Serialize};

/// What to look for in the question library. Empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionFilter {
    /// Only questions of this competency.
    pub competency_id: Option<String>,
    /// Only questions targeting this key element.
    pub key_element_id: Option<String>,
    /// `behavioral`, `situational` or `reference`.
    pub kind: Option<String>,
    /// Words that must all appear in the title, text, probes or listen-for points.
    pub text: Option<String>,
}

/// A question found in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionHit {
    /// Question id.
    pub id: String,
    /// Its competency.
    pub competency_id: String,
    /// `behavioral`, `situational` or `reference`.
    pub kind: String,
    /// Short title.
    pub title: String,
    /// The question: Markdown as stored; sanitised HTML once a server
    /// function has returned it to the browser.
    pub text: String,
    /// Key element ids it targets.
    pub targets: Vec<String>,
}

/// A competency's name and key elements, for the library's filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetencyOutline {
    /// Competency id.
    pub id: String,
    /// Competency name.
    pub name: String,
    /// Its key elements as (id, name).
    pub key_elements: Vec<(String, String)>,
    /// How many interview questions it has.
    pub interview_questions: usize,
    /// How many reference questions it has.
    pub reference_questions: usize,
}

/// A competency ready to show: the model, with every Markdown field already
/// rendered to sanitised HTML by the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedCompetency(pub question_bank::Competency);
