//! Scorecard rules (server only): the shape and completeness of a write,
//! building the scoring sheet from the published guide, and applying a
//! save, submission or amendment.

use crate::auth::invalid;
use crate::db::Db;
use crate::db::scorecards::{PanelSeat, WriteError, WriteKind};
use crate::errors::AppError;
use crate::model::{
    CurrentUser, PublishedGuide, ScorecardState, ScorecardWrite, ScoringSheet, SheetAnchor,
    SheetCompetency, SheetKeyElement, SheetQuestion, SheetSection, WriteOutcome, behavior_id,
};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock, Mutex};

/// Bounds of a scorecard's maps: far above any real guide, so they only
/// stop abuse.
const MAX_ENTRIES: usize = 400;
/// Largest stored document.
const MAX_JSON_BYTES: usize = 512 * 1024;

/// Cheap checks every write passes before touching the database.
pub fn check_shape(write: &ScorecardWrite) -> Result<(), AppError> {
    let key = &write.idempotency_key;
    if !(8..=64).contains(&key.len())
        || !key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(invalid(
            "idempotency_key",
            "8 to 64 letters, digits, - or _",
        ));
    }
    if write.base_version < 0 {
        return Err(invalid("base_version", "must not be negative"));
    }
    let c = &write.content;
    let behaviors: usize = c.competencies.values().map(|s| s.behaviors.len()).sum();
    if c.questions.len() > MAX_ENTRIES
        || c.competencies.len() > MAX_ENTRIES
        || behaviors > MAX_ENTRIES
    {
        return Err(invalid("content", "more entries than any guide has"));
    }
    if let Some(field) = c.oversized_field() {
        return Err(invalid(
            "content",
            format!(
                "the {field} is longer than {} characters",
                crate::model::MAX_TEXT_CHARS
            ),
        ));
    }
    for (id, q) in &c.questions {
        crate::markdown::check(&format!("notes on question {id}"), &q.notes)?;
    }
    for (id, competency) in &c.competencies {
        crate::markdown::check(&format!("evidence on {id}"), &competency.evidence)?;
    }
    crate::markdown::check("summary", &c.summary)?;
    Ok(())
}

/// Runs the write and maps its errors.
pub async fn apply(
    db: &Db,
    user: &CurrentUser,
    seat: &PanelSeat,
    kind: WriteKind<'_>,
    write: &ScorecardWrite,
) -> Result<WriteOutcome, AppError> {
    match crate::db::scorecards::write(db, &user.org_id, &user.id, &seat.candidate_id, kind, write)
        .await
    {
        Ok(outcome) => Ok(outcome),
        Err(WriteError::KeyReused) => Err(invalid(
            "idempotency_key",
            "this key was already used for a different change; reload the page",
        )),
        Err(WriteError::Db(e)) => Err(e.into()),
    }
}

/// For submissions and amendments: the content names only this stage's
/// questions, competencies and behaviors, fits in the store, and is
/// complete.
pub async fn check_complete(
    db: &Db,
    user: &CurrentUser,
    seat: &PanelSeat,
    write: &ScorecardWrite,
) -> Result<(), AppError> {
    let guide = published_guide(db, &user.org_id, &seat.guide_version_id).await?;
    let sheet = sheet(seat, &guide, &user.id, ScorecardState::empty())?;
    let questions: HashSet<&str> = sheet
        .sections
        .iter()
        .flat_map(|s| s.questions.iter().map(|q| q.id.as_str()))
        .collect();
    if let Some(id) = write
        .content
        .questions
        .keys()
        .find(|id| !questions.contains(id.as_str()))
    {
        return Err(invalid(
            "content",
            format!("question {id} is not in this interview"),
        ));
    }
    for (id, score) in &write.content.competencies {
        let Some(competency) = sheet.competency(id) else {
            return Err(invalid(
                "content",
                format!("competency {id} is not assessed in this interview"),
            ));
        };
        let known: HashSet<&str> = competency
            .key_elements
            .iter()
            .flat_map(|k| k.behaviors.iter().map(|(id, _)| id.as_str()))
            .collect();
        if let Some(b) = score.behaviors.iter().find(|b| !known.contains(b.as_str())) {
            return Err(invalid(
                "content",
                format!("behavior {b} is not one of {id}'s"),
            ));
        }
    }
    if serde_json::to_string(&write.content).map_or(0, |s| s.len()) > MAX_JSON_BYTES {
        return Err(invalid("content", "the scorecard is too large to store"));
    }
    let problems = sheet.submission_problems(&write.content);
    if !problems.is_empty() {
        return Err(invalid("scorecard", problems.join(" ")));
    }
    Ok(())
}

/// A published guide version, parsed once per process: versions never
/// change, and autosave and submit read them often.
pub async fn published_guide(
    db: &Db,
    org_id: &str,
    version_id: &str,
) -> Result<Arc<PublishedGuide>, AppError> {
    /// Parsed versions by (organization, version id).
    type Cache = Mutex<HashMap<(String, String), Arc<PublishedGuide>>>;
    static CACHE: LazyLock<Cache> = LazyLock::new(Default::default);
    let key = (org_id.to_owned(), version_id.to_owned());
    if let Some(found) = CACHE.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return Ok(found);
    }
    let guide = crate::db::guides::find_version(db, org_id, version_id)
        .await?
        .ok_or_else(|| {
            tracing::error!(version_id, "an interview refers to a missing guide version");
            AppError::Internal
        })?;
    let guide = Arc::new(guide);
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() >= 256 {
            cache.clear();
        }
        cache.insert(key, guide.clone());
    }
    Ok(guide)
}

/// The scoring sheet of `seat` on `guide`, with Markdown rendered to safe HTML.
pub fn sheet(
    seat: &PanelSeat,
    guide: &PublishedGuide,
    interviewer_id: &str,
    scorecard: ScorecardState,
) -> Result<ScoringSheet, AppError> {
    use crate::markdown::to_safe_html;
    let stage = guide.stage(&seat.stage_id).ok_or_else(|| {
        tracing::error!(
            stage = seat.stage_id,
            "an interview refers to a missing stage"
        );
        AppError::Internal
    })?;
    let sections: Vec<SheetSection> = stage
        .sections
        .iter()
        .map(|s| SheetSection {
            id: s.id.clone(),
            competency_id: s.competency_id.clone(),
            minutes: s.minutes,
            questions: s
                .questions
                .iter()
                .map(|q| SheetQuestion {
                    id: q.id.clone(),
                    kind: q.kind.label().to_owned(),
                    title: q.title.clone(),
                    text_html: to_safe_html(&crate::model::for_candidate(
                        &q.text,
                        &seat.candidate_name,
                    )),
                    probes: q.probes.clone(),
                    listen_for: q.listen_for.clone(),
                })
                .collect(),
        })
        .collect();
    let mut seen = HashSet::new();
    let competencies = stage
        .sections
        .iter()
        .filter(|s| seen.insert(s.competency_id.as_str()))
        .filter_map(|s| guide.competency(&s.competency_id))
        .map(|c| SheetCompetency {
            id: c.id.clone(),
            name: c.name.clone(),
            required_level: question_bank::Level::try_from(c.required_level)
                .unwrap_or(question_bank::Level::Independent),
            focus: seat.focus.is_empty() || seat.focus.contains(&c.id),
            anchors: c
                .anchors
                .iter()
                .map(|a| SheetAnchor {
                    level: a.level,
                    html: to_safe_html(&a.text),
                })
                .collect(),
            key_elements: c
                .key_elements
                .iter()
                .map(|k| SheetKeyElement {
                    id: k.id.clone(),
                    name: k.name.clone(),
                    behaviors: k
                        .behaviors
                        .iter()
                        .enumerate()
                        .map(|(i, b)| (behavior_id(&k.id, i), b.clone()))
                        .collect(),
                })
                .collect(),
        })
        .collect();
    Ok(ScoringSheet {
        interview_id: seat.interview_id.clone(),
        interviewer_id: interviewer_id.to_owned(),
        candidate_id: seat.candidate_id.clone(),
        candidate_name: seat.candidate_name.clone(),
        role_title: seat.role_title.clone(),
        stage_name: seat.stage_name.clone(),
        scheduled_at: seat.scheduled_at,
        when: String::new(),
        sections,
        competencies,
        scorecard,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ScorecardContent;

    fn write(key: &str) -> ScorecardWrite {
        ScorecardWrite {
            interview_id: "i".into(),
            base_version: 0,
            idempotency_key: key.into(),
            content: ScorecardContent::default(),
        }
    }

    #[test]
    fn idempotency_key_cases() {
        let cases = [
            ("a uuid", "3f2b8c1e-9d4a-4b7e-8f00-123456789abc", true),
            ("too short", "abc", false),
            ("too long", &"x".repeat(65), false),
            ("spaces", "abc def ghi", false),
            ("underscores", "save_0001", true),
        ];
        for (name, key, ok) in cases {
            assert_eq!(check_shape(&write(key)).is_ok(), ok, "{name}");
        }
    }

    #[test]
    fn oversized_notes_are_refused() {
        let mut w = write("key-12345");
        w.content.summary = "x".repeat(crate::model::MAX_TEXT_CHARS + 1);
        assert!(matches!(check_shape(&w), Err(AppError::Invalid { .. })));
    }
}
