//! Panel summaries and role-level agreement, assembled from submitted
//! scorecards, the guide versions they followed, references and decisions.
//!
//! The `*_for` functions check the caller with [`super::access`] first; the
//! loaders below them assume that check was made (or that the caller is the
//! command line, which acts for the organization).

mod agreement;
mod assemble;
mod versions;

use super::access;

use crate::db::Db;
use crate::db::candidates::CandidateRecord;
use crate::errors::AppError;
use crate::model::{
    CurrentUser, PanelSummary, PublishedGuide, ReferenceComment, ReferenceCommentAnswer,
    RoleAgreement,
};
use assemble::{SummaryInput, build};

/// The candidate, if `user` may read their panel summary: a reader of the
/// candidate's role (404 otherwise) who is not owed a scorecard of their own
/// on the candidate's panel ("submit your own scorecard first").
pub async fn readable_candidate(
    db: &Db,
    user: &CurrentUser,
    candidate_id: &str,
) -> Result<CandidateRecord, AppError> {
    let candidate = crate::db::candidates::find_candidate(db, &user.org_id, candidate_id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::require_role_reader(db, user, &candidate.summary.role_id).await?;
    access::require_ratings_reader(db, user, &candidate).await?;
    Ok(candidate)
}

/// The panel summary of `candidate_id` as `user` may see it: the page, the
/// PDF and any export go through here.
#[tracing::instrument(level = "debug", skip_all, fields(candidate_id = %candidate_id))]
pub async fn summary_for(
    db: &Db,
    user: &CurrentUser,
    candidate_id: &str,
    threshold: usize,
) -> Result<PanelSummary, AppError> {
    let candidate = readable_candidate(db, user, candidate_id).await?;
    let mut summary = load_summary(db, &user.org_id, &candidate, threshold).await?;
    // Nothing more is recorded about an erased candidate (see
    // `access::require_not_erased`): no form for what would be refused.
    summary.may_decide =
        !candidate.erased && access::may_decide(db, user, &candidate.summary.role_id).await?;
    Ok(summary)
}

/// Rater agreement across role `role_id` as `user` may see it: candidates
/// on whose panel the caller still owes a scorecard are left out, so the
/// statistics cannot reveal their colleagues' ratings early.
#[tracing::instrument(level = "debug", skip_all, fields(role_id = %role_id))]
pub async fn role_agreement_for(
    db: &Db,
    user: &CurrentUser,
    role_id: &str,
) -> Result<RoleAgreement, AppError> {
    access::require_role_reader(db, user, role_id).await?;
    let role = crate::services::roles::existing(db, &user.org_id, role_id).await?;
    let hidden = access::blinded_candidates(db, user, role_id).await?;
    let mut agreement = agreement::role_agreement(db, &user.org_id, &role, &hidden).await?;
    agreement.may_act = user.has_role(crate::services::question_revisions::ACTING_ROLES);
    Ok(agreement)
}

/// Assembles the summary of `candidate` from submitted scorecards, the
/// guide versions they followed, references and decisions, for a caller
/// already checked (see [`summary_for`]).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn load_summary(
    db: &Db,
    org_id: &str,
    candidate: &CandidateRecord,
    threshold: usize,
) -> Result<PanelSummary, AppError> {
    let candidate_id = &candidate.summary.id;
    let role_id = &candidate.summary.role_id;
    let scorecards =
        crate::db::scorecards::submitted_for_candidate(db, org_id, candidate_id, None).await?;
    let interview_guides = crate::db::summaries::interview_guides(db, org_id, candidate_id).await?;
    let profile = crate::db::guides::latest_version(db, org_id, role_id).await?;
    let mut guides: Vec<PublishedGuide> = profile.iter().cloned().collect();
    let mut version_of = Vec::with_capacity(scorecards.len());
    for s in &scorecards {
        let version = interview_guides
            .iter()
            .find(|(i, _)| *i == s.interview_id)
            .map(|(_, v)| v.clone())
            .ok_or(AppError::Internal)?;
        load_guide(db, org_id, &version, &mut guides).await?;
        version_of.push(version);
    }
    let paired: Vec<(crate::model::SubmittedScorecard, &PublishedGuide)> = scorecards
        .into_iter()
        .zip(&version_of)
        .filter_map(|(s, v)| guides.iter().find(|g| &g.id == v).map(|g| (s, g)))
        .collect();
    let references =
        crate::services::references::aggregate_for_candidate(db, org_id, candidate_id, threshold)
            .await?;
    let reference_comments = reference_comments(db, org_id, candidate).await?;
    let decisions = crate::db::summaries::decisions_for_candidate(db, org_id, candidate_id).await?;
    let asked: Vec<&PublishedGuide> = paired.iter().map(|(_, g)| *g).collect();
    let version_notes = versions::version_notes(db, org_id, role_id, candidate_id, &asked).await?;
    let mut summary = build(
        SummaryInput {
            candidate_id,
            candidate_name: &candidate.summary.name,
            role_id,
            role_title: &candidate.role_title,
            profile: profile.as_ref(),
            scorecards: &paired,
            references: &references,
            reference_comments,
            decisions,
            now: crate::db::now_ms(),
        },
        &crate::markdown::to_safe_html,
    );
    summary.version_notes = version_notes;
    Ok(summary)
}

async fn load_guide(
    db: &Db,
    org_id: &str,
    version: &str,
    guides: &mut Vec<PublishedGuide>,
) -> Result<(), AppError> {
    if !guides.iter().any(|g| g.id == version)
        && let Some(g) = crate::db::guides::find_version(db, org_id, version).await?
    {
        guides.push(g);
    }
    Ok(())
}

/// The submitted references of `candidate` with their answers.
async fn reference_comments(
    db: &Db,
    org_id: &str,
    candidate: &CandidateRecord,
) -> Result<Vec<ReferenceComment>, AppError> {
    let records =
        crate::db::references::list_for_candidate(db, org_id, &candidate.summary.id).await?;
    let mut guides = Vec::new();
    let mut out = Vec::new();
    for r in records.iter().filter(|r| r.times.submitted_at.is_some()) {
        let Some(version) = &r.guide_version_id else {
            continue;
        };
        load_guide(db, org_id, version, &mut guides).await?;
        let Some(guide) = guides.iter().find(|g| &g.id == version) else {
            continue;
        };
        let questions =
            crate::services::references::answers::question_views(guide, &candidate.summary.name);
        let answers = crate::services::references::answers::answered(&questions, &r.answers)
            .into_iter()
            .map(|a| ReferenceCommentAnswer {
                competency: a.question.competency_name,
                question: a.question.title,
                rating: a.answer.rating,
                cant_say: a.answer.cant_say,
                text: a.answer.text,
            })
            .collect();
        out.push(ReferenceComment {
            referee: r.referee.name.clone(),
            relationship: r.referee.relationship.label().to_owned(),
            months_worked: r.referee.months_worked,
            by_phone: r.phone.is_some(),
            answers,
        });
    }
    Ok(out)
}
