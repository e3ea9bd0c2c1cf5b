//! The guide as it is being edited: signals per stage and section, so
//! typing re-renders nothing, and turning it back into a [`Guide`].

use crate::components::form::new_local_id;
use crate::model::{GuideQuestion, GuideQuestionKind, Section, Stage};
use leptos::prelude::*;
use question_bank::{Competency, QuestionKind};

/// A stage being edited: fine-grained signals so typing re-renders nothing.
#[derive(Clone)]
pub(super) struct StageEd {
    pub(super) id: String,
    pub(super) name: RwSignal<String>,
    pub(super) sections: RwSignal<Vec<SectionEd>>,
}

#[derive(Clone)]
pub(super) struct SectionEd {
    pub(super) id: String,
    pub(super) competency_id: String,
    pub(super) minutes: RwSignal<u32>,
    pub(super) questions: RwSignal<Vec<GuideQuestion>>,
}

impl StageEd {
    pub(super) fn from(stage: Stage) -> Self {
        Self {
            id: stage.id,
            name: RwSignal::new(stage.name),
            sections: RwSignal::new(stage.sections.into_iter().map(SectionEd::from).collect()),
        }
    }

    pub(super) fn to_stage(&self) -> Stage {
        Stage {
            id: self.id.clone(),
            name: self.name.get(),
            sections: self
                .sections
                .get()
                .iter()
                .map(SectionEd::to_section)
                .collect(),
        }
    }
}

impl SectionEd {
    pub(super) fn from(section: Section) -> Self {
        Self {
            id: section.id,
            competency_id: section.competency_id,
            minutes: RwSignal::new(section.minutes),
            questions: RwSignal::new(section.questions),
        }
    }

    pub(super) fn to_section(&self) -> Section {
        Section {
            id: self.id.clone(),
            competency_id: self.competency_id.clone(),
            minutes: self.minutes.get(),
            questions: self.questions.get(),
        }
    }
}

/// Moves item `i` of `list` by `delta` places, if that stays in bounds.
pub(super) fn shift<T>(list: &mut [T], i: usize, delta: isize) {
    let j = i as isize + delta;
    if j >= 0 && (j as usize) < list.len() {
        list.swap(i, j as usize);
    }
}

pub(super) fn bank_question(c: &Competency, id: &str) -> Option<GuideQuestion> {
    if let Some(q) = c.interview_questions.iter().find(|q| q.id == id) {
        return Some(GuideQuestion {
            id: new_local_id("q"),
            bank_id: Some(q.id.clone()),
            bank_version: None,
            kind: match q.kind {
                QuestionKind::Behavioral => GuideQuestionKind::Behavioral,
                QuestionKind::Situational => GuideQuestionKind::Situational,
            },
            competency_id: c.id.clone(),
            title: q.title.clone(),
            text: q.text.clone(),
            probes: q.probes.clone(),
            listen_for: q.listen_for.clone(),
        });
    }
    c.reference_questions
        .iter()
        .find(|q| q.id == id)
        .map(|q| GuideQuestion {
            id: new_local_id("r"),
            bank_id: Some(q.id.clone()),
            bank_version: None,
            kind: GuideQuestionKind::Reference,
            competency_id: c.id.clone(),
            title: q.title.clone(),
            text: q.text.clone(),
            probes: Vec::new(),
            listen_for: Vec::new(),
        })
}
