//! Calibration rules (server only): which competencies have an exercise,
//! the exercise as the interviewer rates it (blind: no expert level leaves
//! the server before the attempt is stored), scoring and keeping an
//! attempt, its results, and a role's requirement that interviewers pass
//! before they score.

use crate::auth::invalid;
use crate::db::Db;
use crate::db::calibration::{NewAttempt, StoredAnswer, StoredAttempt};
use crate::errors::AppError;
use crate::markdown::to_safe_html;
use crate::model::calibration::passes;
use crate::model::{
    CalibrationExercise, CalibrationOverview, CalibrationResult, CurrentUser, ExerciseSample,
    ResultSample, SampleRating, SheetAnchor,
};
use question_bank::{CalibrationSample, Competency, Level, SampleKind};
use std::collections::HashMap;

mod roles;
pub use roles::{missing_for_role, require_calibrated, role_status, set_required};

/// How a sample's kind reads on the page.
fn kind_label(kind: SampleKind) -> &'static str {
    match kind {
        SampleKind::InterviewAnswer => "Interview answer",
        SampleKind::RefereeStatement => "Referee statement",
    }
}

fn anchors(c: &Competency) -> Vec<SheetAnchor> {
    c.anchors
        .iter()
        .map(|a| SheetAnchor {
            level: a.level,
            html: to_safe_html(&a.text),
        })
        .collect()
}

/// A stable 64-bit FNV-1a hash: the same on every server and version.
fn fnv(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The samples in the order `user_id` rates them: fixed per person, and not
/// the bank's order, which runs from Entry to Expert and would give the
/// levels away.
pub fn exercise_order<'c>(
    samples: &'c [CalibrationSample],
    user_id: &str,
) -> Vec<&'c CalibrationSample> {
    let mut ordered: Vec<&CalibrationSample> = samples.iter().collect();
    ordered.sort_by_key(|s| (fnv(&[user_id, s.id.as_str()]), s.id.clone()));
    ordered
}

/// A competency with samples, or 404.
async fn competency_with_samples(
    db: &Db,
    org_id: &str,
    competency_id: &str,
) -> Result<Competency, AppError> {
    crate::db::banks::find_competency(db, org_id, competency_id)
        .await
        .map_err(bank_error)?
        .filter(|c| !c.calibration_samples.is_empty())
        .ok_or(AppError::NotFound)
}

fn bank_error(e: crate::db::banks::BankStoreError) -> AppError {
    match e {
        crate::db::banks::BankStoreError::Db(e) => e.into(),
        other => {
            tracing::error!(error = %other, "a stored bank cannot be read");
            AppError::Internal
        }
    }
}

/// Every competency with an exercise, with the caller's latest attempt.
pub async fn overview(db: &Db, user: &CurrentUser) -> Result<Vec<CalibrationOverview>, AppError> {
    let competencies = crate::db::banks::list_competencies(db, &user.org_id)
        .await
        .map_err(bank_error)?;
    let attempts = crate::db::calibration::attempts_of(db, &user.org_id, &user.id).await?;
    Ok(competencies
        .into_iter()
        .filter(|c| !c.calibration_samples.is_empty())
        .map(|c| {
            let mine = attempts.iter().filter(|(id, _)| *id == c.id);
            CalibrationOverview {
                samples: u32::try_from(c.calibration_samples.len()).unwrap_or(u32::MAX),
                latest: mine.clone().next().map(|(_, a)| a.clone()),
                passed_at: mine
                    .filter(|(_, a)| a.passed)
                    .map(|(_, a)| a.submitted_at)
                    .max(),
                competency_id: c.id,
                name: c.name,
            }
        })
        .collect())
}

/// The exercise of `competency_id` for the caller: anchors and samples, no
/// levels and no reasoning.
pub async fn exercise(
    db: &Db,
    user: &CurrentUser,
    competency_id: &str,
) -> Result<CalibrationExercise, AppError> {
    let c = competency_with_samples(db, &user.org_id, competency_id).await?;
    Ok(CalibrationExercise {
        samples: exercise_order(&c.calibration_samples, &user.id)
            .into_iter()
            .map(|s| ExerciseSample {
                id: s.id.clone(),
                kind: kind_label(s.kind).to_owned(),
                text_html: to_safe_html(&s.text),
            })
            .collect(),
        anchors: anchors(&c),
        competency_id: c.id,
        name: c.name,
    })
}

/// Scores and keeps an attempt: every sample rated exactly once, 1–5.
/// Returns the attempt's id.
pub async fn submit(
    db: &Db,
    user: &CurrentUser,
    competency_id: &str,
    ratings: &[SampleRating],
) -> Result<String, AppError> {
    let c = competency_with_samples(db, &user.org_id, competency_id).await?;
    let given: HashMap<&str, u8> = ratings
        .iter()
        .map(|r| (r.sample_id.as_str(), r.level))
        .collect();
    if given.len() != ratings.len() {
        return Err(invalid("ratings", "each sample is rated once"));
    }
    if let Some(unknown) = ratings
        .iter()
        .find(|r| !c.calibration_samples.iter().any(|s| s.id == r.sample_id))
    {
        return Err(invalid(
            "ratings",
            format!("sample {} is not in this exercise", unknown.sample_id),
        ));
    }
    let mut answers = Vec::with_capacity(c.calibration_samples.len());
    for sample in exercise_order(&c.calibration_samples, &user.id) {
        let Some(&level) = given.get(sample.id.as_str()) else {
            return Err(invalid("ratings", "rate every sample before you submit"));
        };
        if Level::try_from(level).is_err() {
            return Err(invalid("ratings", "a level is 1 to 5"));
        }
        answers.push(StoredAnswer {
            sample_id: sample.id.clone(),
            level,
            expert: sample.level.as_u8(),
        });
    }
    let agreed = answers
        .iter()
        .filter(|a| a.level.abs_diff(a.expert) <= 1)
        .count();
    let agreed = u32::try_from(agreed).unwrap_or(0);
    let total = u32::try_from(answers.len()).unwrap_or(u32::MAX);
    let id = crate::db::calibration::insert_attempt(
        db,
        &NewAttempt {
            org_id: &user.org_id,
            user_id: &user.id,
            competency_id: &c.id,
            bank_hash: &question_bank::model_hash(&c),
            answers: &answers,
            agreed,
            total,
            passed: passes(agreed, total),
        },
    )
    .await?;
    Ok(id)
}

/// The caller's own attempt `attempt_id` with every sample's result; anyone
/// else's attempt does not exist for them.
pub async fn result(
    db: &Db,
    user: &CurrentUser,
    attempt_id: &str,
) -> Result<CalibrationResult, AppError> {
    let attempt = crate::db::calibration::find_attempt(db, &user.org_id, attempt_id)
        .await?
        .filter(|a| a.user_id == user.id)
        .ok_or(AppError::NotFound)?;
    let c = crate::db::banks::find_competency(db, &user.org_id, &attempt.competency_id)
        .await
        .map_err(bank_error)?
        .ok_or(AppError::NotFound)?;
    Ok(assemble(attempt, &c))
}

/// An attempt beside the bank as it is now; a sample removed since reads
/// as such, with the levels stored in the attempt.
fn assemble(attempt: StoredAttempt, c: &Competency) -> CalibrationResult {
    let samples = attempt
        .answers
        .iter()
        .filter_map(|a| {
            let rated = Level::try_from(a.level).ok()?;
            let expert = Level::try_from(a.expert).ok()?;
            let sample = c.calibration_samples.iter().find(|s| s.id == a.sample_id);
            Some(match sample {
                Some(s) => ResultSample {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    kind: kind_label(s.kind).to_owned(),
                    text_html: to_safe_html(&s.text),
                    rated,
                    expert,
                    why_html: to_safe_html(&s.why),
                    key_points: s.key_points.clone(),
                },
                None => ResultSample {
                    id: a.sample_id.clone(),
                    title: "A sample no longer in the bank".to_owned(),
                    kind: String::new(),
                    text_html: String::new(),
                    rated,
                    expert,
                    why_html: String::new(),
                    key_points: Vec::new(),
                },
            })
        })
        .collect();
    CalibrationResult {
        id: attempt.summary.id.clone(),
        competency_id: c.id.clone(),
        name: c.name.clone(),
        summary: attempt.summary,
        anchors: anchors(c),
        samples,
    }
}

/// The calibration key points the interviewer packet prints for
/// `competency_ids` (in that order; those without samples or key points are
/// left out): (competency name, "Level: point" lines).
pub async fn packet_key_points(
    db: &Db,
    org_id: &str,
    competency_ids: &[String],
) -> Result<Vec<(String, Vec<String>)>, AppError> {
    let mut out = Vec::new();
    for id in competency_ids {
        let Some(c) = crate::db::banks::find_competency(db, org_id, id)
            .await
            .map_err(bank_error)?
        else {
            continue;
        };
        let points: Vec<String> = c
            .calibration_samples
            .iter()
            .flat_map(|s| {
                s.key_points
                    .iter()
                    .map(move |p| format!("{}: {p}", s.level.name()))
            })
            .collect();
        if !points.is_empty() {
            out.push((c.name, points));
        }
    }
    Ok(out)
}
