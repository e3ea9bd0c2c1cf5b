//! Acting on the question-health notes: retiring a bank question from
//! future guide versions, or revising it (a new version in the bank's
//! history). Either reaches every candidate not yet interviewed uniformly:
//! each role whose guide uses the question gets a new guide version with the
//! change, and the role's interviews with no scorecard saved or submitted
//! move to it, while interviews with any rating stay on the version they
//! were asked (`db::question_versions::republish`). Old summaries are
//! untouched: ratings point to the guide version that was asked, and that
//! version is never rewritten.
//!
//! Admins and recruiters act (403 for everyone else); the library's readers
//! see the history.

use crate::db::Db;
use crate::db::question_versions::{self as store, RevisionRecord};
use crate::errors::AppError;
use crate::model::question_version::{MAX_QUESTION_REASON_CHARS, MAX_QUESTION_TEXT_CHARS};
use crate::model::{
    CurrentUser, QuestionActionReport, QuestionChange, QuestionHistory, QuestionVersion,
    RetireQuestionInput, ReviseQuestionInput, Role,
};
use question_bank::Competency;

/// Who may retire and revise bank questions.
pub const ACTING_ROLES: &[Role] = &[Role::Admin, Role::Recruiter];
/// Who may read a question's history (the library's readers).
const READING_ROLES: &[Role] = &[Role::Admin, Role::Recruiter, Role::HiringManager];

/// What version 1 (the text as the bank file had it) records as its reason.
pub const IMPORTED_REASON: &str = "As imported from the bank file";

/// Retires bank question `input.question_id` with a reason: it leaves the
/// guides that use it in their next version.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn retire(
    db: &Db,
    user: &CurrentUser,
    input: &RetireQuestionInput,
) -> Result<QuestionActionReport, AppError> {
    require_actor(user)?;
    let reason = reason(&input.reason)?;
    let (competency, _) = interview_question(db, &user.org_id, &input.question_id).await?;
    if !store::record_retirement(
        db,
        &user.org_id,
        &competency.id,
        &input.question_id,
        reason,
        &user.id,
    )
    .await?
    {
        return Err(AppError::invalid(
            "question_id",
            "this question is already retired",
        ));
    }
    let change = QuestionChange::Retire {
        bank_id: input.question_id.clone(),
    };
    let mut report = apply_to_guides(db, user, &change).await?;
    report.competency_id = competency.id;
    Ok(report)
}

/// Revises bank question `input.question_id`: its new text becomes the next
/// version, asked in the next version of every guide that uses it.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn revise(
    db: &Db,
    user: &CurrentUser,
    input: &ReviseQuestionInput,
) -> Result<QuestionActionReport, AppError> {
    require_actor(user)?;
    let reason = reason(&input.reason)?;
    let text = input.text.trim();
    if text.is_empty() {
        return Err(AppError::invalid(
            "text",
            "write the question as it should be asked",
        ));
    }
    if text.chars().count() > MAX_QUESTION_TEXT_CHARS {
        return Err(AppError::invalid(
            "text",
            format!("at most {MAX_QUESTION_TEXT_CHARS} characters"),
        ));
    }
    if let Some(problem) = question_bank::template_problems(text, false)
        .into_iter()
        .next()
    {
        return Err(AppError::invalid("text", problem));
    }
    // The history is read before the bank: a revision committed in between
    // then shows as a changed text whose baseline version collides with it
    // (a 409), never as a version silently built on stale text.
    let (versions, retired) = store::versions_of(db, &user.org_id, &input.question_id).await?;
    let (mut competency, index) = interview_question(db, &user.org_id, &input.question_id).await?;
    if retired {
        return Err(AppError::invalid(
            "question_id",
            "this question is retired: it is no longer asked, so it cannot be revised",
        ));
    }
    let current = &competency.interview_questions[index];
    if current.text.trim() == text {
        return Err(AppError::invalid(
            "text",
            "this is the text asked now: change it, or cancel",
        ));
    }
    let now = crate::db::now_ms();
    // Version 1 is recorded with the first revision; the text is recorded
    // again if an import changed it since the last version.
    let baseline = match versions.last() {
        Some(last) if last.text == current.text => None,
        last => Some(QuestionVersion {
            version: last.map_or(1, |v| v.version + 1),
            title: current.title.clone(),
            text: current.text.clone(),
            probes: current.probes.clone(),
            listen_for: current.listen_for.clone(),
            reason: IMPORTED_REASON.to_owned(),
            created_by: None,
            created_at: now,
        }),
    };
    let number = baseline
        .as_ref()
        .or(versions.last())
        .map_or(1, |v| v.version)
        + 1;
    let version = QuestionVersion {
        version: number,
        title: current.title.clone(),
        text: text.to_owned(),
        probes: current.probes.clone(),
        listen_for: current.listen_for.clone(),
        reason: reason.to_owned(),
        created_by: Some(user.name.clone()),
        created_at: now,
    };
    competency.interview_questions[index].text = text.to_owned();
    store::record_revision(
        db,
        &user.org_id,
        &RevisionRecord {
            competency: &competency,
            question_id: &input.question_id,
            baseline: baseline.as_ref(),
            version: &version,
            actor_id: &user.id,
        },
    )
    .await?;
    let change = QuestionChange::Revise {
        bank_id: input.question_id.clone(),
        version,
    };
    let mut report = apply_to_guides(db, user, &change).await?;
    report.version = Some(number);
    report.competency_id = competency.id;
    Ok(report)
}

/// The history of the questions of `competency_id` that have one, in the
/// competency's question order.
pub async fn histories_for(
    db: &Db,
    user: &CurrentUser,
    competency_id: &str,
) -> Result<Vec<QuestionHistory>, AppError> {
    if !user.has_role(READING_ROLES) {
        return Err(AppError::Forbidden);
    }
    let competency = crate::db::banks::find_competency(db, &user.org_id, competency_id)
        .await
        .map_err(bank_error)?
        .ok_or(AppError::NotFound)?;
    let mut by_id = store::histories(db, &user.org_id, competency_id).await?;
    Ok(competency
        .interview_questions
        .iter()
        .filter_map(|q| by_id.remove(&q.id))
        .collect())
}

/// Leaves retired questions out of `bank` (for picking questions into a
/// guide).
pub async fn drop_retired(db: &Db, org_id: &str, bank: &mut [Competency]) -> Result<(), AppError> {
    let retired = store::retired_ids(db, org_id).await?;
    if !retired.is_empty() {
        for c in bank {
            c.interview_questions.retain(|q| !retired.contains(&q.id));
        }
    }
    Ok(())
}

fn require_actor(user: &CurrentUser) -> Result<(), AppError> {
    if user.has_role(ACTING_ROLES) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn reason(raw: &str) -> Result<&str, AppError> {
    let reason = raw.trim();
    if reason.is_empty() {
        return Err(AppError::invalid(
            "reason",
            "say why, so the question's history explains the change",
        ));
    }
    if reason.chars().count() > MAX_QUESTION_REASON_CHARS {
        return Err(AppError::invalid(
            "reason",
            format!("at most {MAX_QUESTION_REASON_CHARS} characters"),
        ));
    }
    Ok(reason)
}

/// The competency holding interview question `question_id`, and the
/// question's index in it; 404 when there is none (reference questions
/// have no health notes and are not acted on here).
async fn interview_question(
    db: &Db,
    org_id: &str,
    question_id: &str,
) -> Result<(Competency, usize), AppError> {
    let competencies = crate::db::banks::list_competencies(db, org_id)
        .await
        .map_err(bank_error)?;
    competencies
        .into_iter()
        .find_map(|c| {
            let index = c
                .interview_questions
                .iter()
                .position(|q| q.id == question_id)?;
            Some((c, index))
        })
        .ok_or(AppError::NotFound)
}

/// Republishes every guide using the changed question.
async fn apply_to_guides(
    db: &Db,
    user: &CurrentUser,
    change: &QuestionChange,
) -> Result<QuestionActionReport, AppError> {
    let mut report = QuestionActionReport {
        question_id: change.bank_id().to_owned(),
        competency_id: String::new(),
        version: None,
        guides: Vec::new(),
        interviews_moved: 0,
    };
    for role_id in store::roles_using(db, &user.org_id, change.bank_id()).await? {
        let Some(done) =
            crate::db::question_versions::republish(db, &user.org_id, &role_id, change, &user.id)
                .await?
        else {
            continue;
        };
        if let Some(version) = done.version {
            report
                .guides
                .push(format!("{} v{version}", done.role_title));
        }
        report.interviews_moved += done.interviews_moved;
    }
    Ok(report)
}

fn bank_error(err: crate::db::banks::BankStoreError) -> AppError {
    tracing::error!(error = %err, "cannot read the question banks");
    AppError::Internal
}
