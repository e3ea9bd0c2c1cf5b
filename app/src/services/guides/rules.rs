//! What a draft and a publishable guide must satisfy. Errors name the field
//! as people see it ("Stage 2, section 1: minutes").

use crate::errors::FieldError;
use crate::model::{Guide, GuideQuestion};
use std::collections::HashSet;

/// Checks sizes, names, ids and that sections assess the role's competencies.
pub fn check_draft(guide: &Guide, profile: &[&str]) -> Result<(), FieldError> {
    let mut ids = HashSet::new();
    if guide.stages.len() > 10 {
        return Err(FieldError::new(
            "stages".into(),
            "a guide can have at most 10 stages".into(),
        ));
    }
    for (si, stage) in guide.stages.iter().enumerate() {
        let at = format!("Stage {}", si + 1);
        unique(&mut ids, &stage.id, &at)?;
        if stage.name.trim().is_empty() || stage.name.chars().count() > 100 {
            return Err(FieldError::new(
                format!("{at}: name"),
                "a stage needs a name of at most 100 characters".into(),
            ));
        }
        if stage.sections.len() > 20 {
            return Err(FieldError::new(
                at,
                "a stage can have at most 20 sections".into(),
            ));
        }
        for (ci, section) in stage.sections.iter().enumerate() {
            let at = format!("Stage {}, section {}", si + 1, ci + 1);
            unique(&mut ids, &section.id, &at)?;
            if !profile.contains(&section.competency_id.as_str()) {
                return Err(FieldError::new(
                    format!("{at}: competency"),
                    format!(
                        "{} is not in the role's competency profile",
                        section.competency_id
                    ),
                ));
            }
            if !(1..=240).contains(&section.minutes) {
                return Err(FieldError::new(
                    format!("{at}: minutes"),
                    "minutes must be 1 to 240".into(),
                ));
            }
            if section.questions.len() > 20 {
                return Err(FieldError::new(
                    at,
                    "a section can have at most 20 questions".into(),
                ));
            }
            for (qi, q) in section.questions.iter().enumerate() {
                check_question(&mut ids, q, &format!("{at}, question {}", qi + 1))?;
            }
        }
    }
    if guide.reference_questions.len() > 30 {
        return Err(FieldError::new(
            "Reference questions".into(),
            "at most 30 reference-check questions".into(),
        ));
    }
    for (qi, q) in guide.reference_questions.iter().enumerate() {
        let at = format!("Reference question {}", qi + 1);
        check_question(&mut ids, q, &at)?;
        if !profile.contains(&q.competency_id.as_str()) {
            return Err(FieldError::new(
                format!("{at}: competency"),
                format!(
                    "{} is not in the role's competency profile",
                    q.competency_id
                ),
            ));
        }
    }
    Ok(())
}

/// [`check_draft`], plus: at least one stage, and no empty stage or section.
pub fn check_publishable(guide: &Guide, profile: &[&str]) -> Result<(), FieldError> {
    check_draft(guide, profile)?;
    if guide.stages.is_empty() {
        return Err(FieldError::new(
            "stages".into(),
            "add at least one stage before publishing".into(),
        ));
    }
    for (si, stage) in guide.stages.iter().enumerate() {
        if stage.sections.is_empty() {
            return Err(FieldError::new(
                format!("Stage {}", si + 1),
                "add at least one section before publishing".into(),
            ));
        }
        for (ci, section) in stage.sections.iter().enumerate() {
            if section.questions.is_empty() {
                return Err(FieldError::new(
                    format!("Stage {}, section {}", si + 1, ci + 1),
                    "add at least one question before publishing".into(),
                ));
            }
        }
    }
    Ok(())
}

fn unique(ids: &mut HashSet<String>, id: &str, at: &str) -> Result<(), FieldError> {
    if id.is_empty() || id.len() > 64 || !ids.insert(id.to_owned()) {
        return Err(FieldError::new(
            at.to_owned(),
            "internal id is missing or repeated; reload the page".into(),
        ));
    }
    Ok(())
}

fn check_question(
    ids: &mut HashSet<String>,
    q: &GuideQuestion,
    at: &str,
) -> Result<(), FieldError> {
    unique(ids, &q.id, at)?;
    if q.title.trim().is_empty() || q.title.chars().count() > 200 {
        return Err(FieldError::new(
            format!("{at}: title"),
            "a question needs a title of at most 200 characters".into(),
        ));
    }
    if q.text.trim().is_empty() || q.text.len() > 10_000 {
        return Err(FieldError::new(
            format!("{at}: text"),
            "a question needs text (at most 10,000 characters)".into(),
        ));
    }
    crate::markdown::check_limits(&q.text)
        .map_err(|e| FieldError::new(format!("{at}: text"), e.to_string()))?;
    if q.probes.len() > 20 || q.listen_for.len() > 20 {
        return Err(FieldError::new(
            format!("{at}: probes"),
            "at most 20 probes and 20 listen-for points".into(),
        ));
    }
    Ok(())
}
