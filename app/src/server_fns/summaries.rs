//! Panel summaries: a candidate's summary, the decision on them, and rater
//! agreement across a role.
//!
//! Thin: who may read what is decided in `services::access` (admins,
//! recruiters and the role's hiring managers, never before they submitted
//! their own scorecard when they sit on the panel); assembly lives in
//! `services::summary`. Summaries hold submitted scorecards only.

use crate::errors::AppError;
use crate::model::{Decision, DecisionInput, PanelSummary, RoleAgreement};
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The panel summary of a candidate.
#[server(prefix = "/api", endpoint = "get_candidate_summary", input = Json, output = TextJson)]
pub async fn get_candidate_summary(candidate_id: String) -> Result<PanelSummary, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    let threshold = crate::settings::references().aggregate_threshold;
    let summary =
        crate::services::summary::summary_for(&db, &user, &candidate_id, threshold).await?;
    // Reading a panel's ratings is recorded.
    crate::services::audit_log::record_read(&db, &user, "summary.view", &candidate_id).await?;
    Ok(summary)
}

/// Records a decision (hire, no hire, hold) with its rationale; decisions
/// are kept as a history and each is written to the audit log, naming who.
/// Only the role's hiring managers and admins decide, and only once they may
/// read the panel's ratings.
#[server(prefix = "/api", endpoint = "record_decision", input = Json, output = TextJson)]
pub async fn record_decision(input: DecisionInput) -> Result<Decision, AppError> {
    use crate::services::{access, summary};
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    let candidate = summary::readable_candidate(&db, &user, &input.candidate_id).await?;
    if !access::may_decide(&db, &user, &candidate.summary.role_id).await? {
        return Err(AppError::Forbidden);
    }
    access::require_not_erased(&candidate)?;
    let rationale = input.rationale.trim();
    if rationale.is_empty() {
        return Err(crate::auth::invalid(
            "rationale",
            "say why, so the panel and the candidate's file can follow the decision",
        ));
    }
    if rationale.chars().count() > crate::model::summary::MAX_RATIONALE_CHARS {
        return Err(crate::auth::invalid(
            "rationale",
            format!(
                "at most {} characters",
                crate::model::summary::MAX_RATIONALE_CHARS
            ),
        ));
    }
    let decided_at = crate::db::summaries::insert_decision(
        &db,
        &user.org_id,
        &candidate.summary.id,
        &user.id,
        input.decision,
        rationale,
    )
    .await?;
    Ok(Decision {
        decision: input.decision,
        rationale: rationale.to_owned(),
        decided_by: user.name,
        decided_at,
    })
}

/// Rater agreement across a role's candidates: ICC(1) per competency and
/// per question once enough candidates are scored, with question-health notes.
#[server(prefix = "/api", endpoint = "get_role_agreement", input = Json, output = TextJson)]
pub async fn get_role_agreement(role_id: String) -> Result<RoleAgreement, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    crate::services::summary::role_agreement_for(&db, &user, &role_id).await
}
