//! Scorecards: the interviewer's list, the scoring sheet, autosave, submit,
//! amend, and reading submitted scorecards under the independence rules:
//! - only the interviewer ever reads or writes their own draft (admins
//!   included: a draft is reached only through the caller's panel seat);
//! - someone on a candidate's panel sees the other scorecards for that
//!   candidate only once they have submitted all of their own;
//! - recruiters, admins and the role's hiring managers see submitted
//!   scorecards only.

use crate::errors::AppError;
use crate::model::{MyInterview, ScorecardWrite, ScoringSheet, SubmittedScorecard, WriteOutcome};
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use crate::services::scorecards as rules;

/// The interviews the caller sits on the panel of: on the first page
/// everything still to submit (upcoming before past), then the submitted
/// ones, latest first, [`SUBMITTED_PER_PAGE`](crate::model::SUBMITTED_PER_PAGE)
/// per page; later pages (from 1) hold only submitted ones. A page of fewer
/// submitted interviews than that is the last.
#[server(prefix = "/api", endpoint = "list_my_interviews", input = Json, output = TextJson)]
pub async fn list_my_interviews(
    #[server(default)] page: Option<u32>,
) -> Result<Vec<MyInterview>, AppError> {
    use crate::model::SUBMITTED_PER_PAGE;
    let user = crate::auth::require_user()?;
    let db = crate::state::db()?;
    let page = page.unwrap_or(1);
    if page == 0 || page > 100_000 {
        return Err(crate::auth::invalid("page", "a page number from 1"));
    }
    let mut list = if page == 1 {
        crate::db::scorecards::to_submit_for_interviewer(&db, &user.org_id, &user.id).await?
    } else {
        Vec::new()
    };
    let per_page = SUBMITTED_PER_PAGE as i64;
    list.extend(
        crate::db::scorecards::submitted_for_interviewer(
            &db,
            &user.org_id,
            &user.id,
            per_page,
            i64::from(page - 1) * per_page,
        )
        .await?,
    );
    crate::model::sort_my_interviews(&mut list, crate::db::now_ms());
    let zone = crate::services::time::zone_of(&db, &user).await?;
    for i in &mut list {
        i.when = i
            .scheduled_at
            .map(|at| crate::services::time::format_span(at, i.ends_at, &zone))
            .unwrap_or_default();
    }
    Ok(list)
}

/// The scoring sheet of one interview for the caller: the stage's questions
/// and anchors, and the caller's own scorecard. Only panel members get one;
/// to anyone else the interview does not exist.
#[server(prefix = "/api", endpoint = "load_scorecard", input = Json, output = TextJson)]
pub async fn load_scorecard(interview_id: String) -> Result<ScoringSheet, AppError> {
    let user = crate::auth::require_user()?;
    let db = crate::state::db()?;
    let seat = crate::services::access::require_seat(&db, &user, &interview_id).await?;
    crate::services::calibration::require_calibrated(&db, &user, &seat).await?;
    let guide = rules::published_guide(&db, &user.org_id, &seat.guide_version_id).await?;
    let scorecard = crate::db::scorecards::load_own(&db, &user.org_id, &interview_id, &user.id)
        .await?
        .unwrap_or_else(crate::model::ScorecardState::empty);
    let mut sheet = rules::sheet(&seat, &guide, &user.id, scorecard)?;
    let zone = crate::services::time::zone_of(&db, &user).await?;
    sheet.when = seat
        .scheduled_at
        .map(|at| crate::services::time::format_span(at, seat.ends_at, &zone))
        .unwrap_or_default();
    Ok(sheet)
}

/// Autosaves the caller's draft. Refused as a conflict when `base_version`
/// is not the stored version (another tab saved meanwhile) or the scorecard
/// was submitted; a retry with the same idempotency key is applied once and
/// answered the same way. Answers only after the write is committed.
#[server(prefix = "/api", endpoint = "save_scorecard", input = Json, output = TextJson)]
pub async fn save_scorecard(write: ScorecardWrite) -> Result<WriteOutcome, AppError> {
    use crate::db::scorecards::WriteKind;
    let user = crate::auth::require_user()?;
    rules::check_shape(&write)?;
    let db = crate::state::db()?;
    let seat =
        crate::services::access::require_seat_to_save(&db, &user, &write.interview_id).await?;
    crate::services::calibration::require_calibrated(&db, &user, &seat).await?;
    rules::apply(&db, &user, &seat, WriteKind::Save, &write).await
}

/// Stores the content and locks the scorecard, if every focus competency is
/// rated with an evidence note or marked not assessed with a reason, every
/// rated question has notes, and a recommendation is chosen.
#[server(prefix = "/api", endpoint = "submit_scorecard", input = Json, output = TextJson)]
pub async fn submit_scorecard(write: ScorecardWrite) -> Result<WriteOutcome, AppError> {
    use crate::db::scorecards::WriteKind;
    let user = crate::auth::require_user()?;
    rules::check_shape(&write)?;
    let db = crate::state::db()?;
    let seat = crate::services::access::require_seat(&db, &user, &write.interview_id).await?;
    crate::services::calibration::require_calibrated(&db, &user, &seat).await?;
    rules::check_complete(&db, &user, &seat, &write).await?;
    rules::apply(&db, &user, &seat, WriteKind::Submit, &write).await
}

/// Changes a submitted scorecard: a new version with the reason, kept with
/// the submitted content in the version history and the audit log.
#[server(prefix = "/api", endpoint = "amend_scorecard", input = Json, output = TextJson)]
pub async fn amend_scorecard(
    write: ScorecardWrite,
    reason: String,
) -> Result<WriteOutcome, AppError> {
    use crate::db::scorecards::WriteKind;
    let user = crate::auth::require_user()?;
    rules::check_shape(&write)?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > crate::model::MAX_REASON_CHARS {
        return Err(crate::auth::invalid(
            "reason",
            "say why you are amending a submitted scorecard (at most 2,000 characters)",
        ));
    }
    let db = crate::state::db()?;
    let seat = crate::services::access::require_seat(&db, &user, &write.interview_id).await?;
    crate::services::calibration::require_calibrated(&db, &user, &seat).await?;
    rules::check_complete(&db, &user, &seat, &write).await?;
    rules::apply(&db, &user, &seat, WriteKind::Amend { reason }, &write).await
}

/// The submitted scorecards of a candidate (of one interview when
/// `interview_id` is given). Never a draft. Who may read them is
/// `services::access::ratings_access`: someone on the candidate's panel
/// only after submitting all of their own, anyone else only if they may read
/// the role.
#[server(prefix = "/api", endpoint = "list_submitted_scorecards", input = Json, output = TextJson)]
pub async fn list_submitted_scorecards(
    candidate_id: String,
    #[server(default)] interview_id: Option<String>,
) -> Result<Vec<SubmittedScorecard>, AppError> {
    let user = crate::auth::require_user()?;
    let db = crate::state::db()?;
    let candidate = crate::db::candidates::find_candidate(&db, &user.org_id, &candidate_id)
        .await?
        .ok_or_else(crate::auth::not_found)?;
    crate::services::access::require_ratings_reader(&db, &user, &candidate).await?;
    Ok(crate::db::scorecards::submitted_for_candidate(
        &db,
        &user.org_id,
        &candidate_id,
        interview_id.as_deref(),
    )
    .await?)
}
