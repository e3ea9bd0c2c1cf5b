//! Who may read and do what: one function per question, used by every path
//! (server functions, PDF routes, exports) so a rule cannot drift between them.
//!
//! Blind rating has no exceptions. Whoever sits on a candidate's panel and has
//! not submitted every scorecard they owe for that candidate sees no other
//! rater's ratings, notes or recommendation, whatever their account role:
//! admins, recruiters and hiring managers included. Seeing colleagues' scores
//! first anchors a rater on them, which is exactly what independent rating
//! exists to prevent.

use crate::db::Db;
use crate::db::candidates::CandidateRecord;
use crate::db::scorecards::PanelSeat;
use crate::errors::AppError;
use crate::model::{CurrentUser, Role, ScorecardStatus, TeamRole};
use std::collections::BTreeSet;

/// Account roles that manage roles, guides and candidates.
pub const MANAGERS: &[Role] = &[Role::Admin, Role::Recruiter];

/// Whether `user` may read role `role_id` and its candidates: admins and
/// recruiters every role of their organization, hiring managers the roles
/// whose team they are on.
#[tracing::instrument(level = "debug", skip_all, fields(role_id = %role_id))]
pub async fn may_read_role(db: &Db, user: &CurrentUser, role_id: &str) -> Result<bool, AppError> {
    if user.has_role(MANAGERS) {
        return Ok(true);
    }
    if !user.has_role(&[Role::HiringManager]) {
        return Ok(false);
    }
    let parts = crate::db::roles::team_roles_of(db, &user.org_id, role_id, &user.id).await?;
    Ok(parts.contains(&TeamRole::HiringManager))
}

/// [`may_read_role`], or a 404: a role the caller may not see is reported as
/// not found, so its existence does not leak.
pub async fn require_role_reader(
    db: &Db,
    user: &CurrentUser,
    role_id: &str,
) -> Result<(), AppError> {
    if may_read_role(db, user, role_id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether `user` may record a hiring decision on role `role_id`'s
/// candidates: the role's hiring managers, and admins.
pub async fn may_decide(db: &Db, user: &CurrentUser, role_id: &str) -> Result<bool, AppError> {
    if user.has_role(&[Role::Admin]) {
        return Ok(true);
    }
    if !user.has_role(&[Role::HiringManager]) {
        return Ok(false);
    }
    let parts = crate::db::roles::team_roles_of(db, &user.org_id, role_id, &user.id).await?;
    Ok(parts.contains(&TeamRole::HiringManager))
}

/// Whether `user` may see the list of interviewers with rater figures:
/// admins and recruiters. Recruiters read every role of their organization
/// ([`may_read_role`]), so they see every interviewer; hiring managers read
/// only their own roles' candidates, and figures about colleagues are not
/// part of that, so they see only their own ([`may_read_rater_figures`]).
pub fn may_list_raters(user: &CurrentUser) -> bool {
    user.has_role(MANAGERS)
}

/// Whether `user` may see the rater figures of interviewer `rater_id`:
/// those who may list raters see everyone's, anyone else only their own.
/// The figures themselves still leave out every other rater's ratings of a
/// candidate `user` owes a scorecard for (blind rating).
pub fn may_read_rater_figures(user: &CurrentUser, rater_id: &str) -> bool {
    may_list_raters(user) || user.id == rater_id
}

/// `user`'s seat on the panel of `interview_id`: only the seat's interviewer
/// reads or writes its scorecard (admins included), so anyone else is told
/// the interview does not exist.
#[tracing::instrument(level = "debug", skip_all, fields(interview_id = %interview_id))]
pub async fn require_seat(
    db: &Db,
    user: &CurrentUser,
    interview_id: &str,
) -> Result<PanelSeat, AppError> {
    crate::db::scorecards::find_seat(db, &user.org_id, interview_id, &user.id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Refuses to record anything more about a candidate whose personal data
/// was erased (a decision, a referee, an interview, a review note): the
/// erasure would be undone piece by piece. What was kept (ratings, the
/// decisions taken) stays readable.
pub fn require_not_erased(candidate: &CandidateRecord) -> Result<(), AppError> {
    if candidate.erased {
        return Err(erased());
    }
    Ok(())
}

/// The answer to a write about a candidate whose personal data was erased.
pub fn erased() -> AppError {
    AppError::Conflict(
        "This candidate's personal data was erased: nothing more can be recorded about them."
            .into(),
    )
}

/// [`require_seat`] for an autosave, from the seats checked moments ago
/// (`db::scorecards::find_seat_to_save`).
pub async fn require_seat_to_save(
    db: &Db,
    user: &CurrentUser,
    interview_id: &str,
) -> Result<PanelSeat, AppError> {
    crate::db::scorecards::find_seat_to_save(db, &user.org_id, interview_id, &user.id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Whether `user` may see an interview of role `role_id` (its time, panel
/// and calendar file, none of which carries a rating): its panel
/// (`on_panel`), managers, and the role's hiring managers, as for its
/// interviewer packet.
pub async fn may_see_interview(
    db: &Db,
    user: &CurrentUser,
    role_id: &str,
    on_panel: bool,
) -> Result<bool, AppError> {
    if on_panel || user.has_role(MANAGERS) {
        return Ok(true);
    }
    let parts = crate::db::roles::team_roles_of(db, &user.org_id, role_id, &user.id).await?;
    Ok(parts.contains(&TeamRole::HiringManager))
}

/// What `user` may see of the panel's ratings of a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingsAccess {
    /// Every submitted scorecard: a role reader off the panel, or a panel
    /// member who has submitted all of their own.
    Panel,
    /// Only their own scorecard: they sit on the panel and owe a submission.
    OwnOnly,
    /// Nothing, not even that the candidate exists.
    None,
}

/// What `user` may see of the ratings, notes and recommendations given to
/// `candidate`. The one rule behind the summary page and its PDF, the
/// submitted-scorecards list, role-level agreement and any export.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn ratings_access(
    db: &Db,
    user: &CurrentUser,
    candidate: &CandidateRecord,
) -> Result<RatingsAccess, AppError> {
    let own = crate::db::scorecards::own_statuses_for_candidate(
        db,
        &user.org_id,
        &candidate.summary.id,
        &user.id,
    )
    .await?;
    if own.iter().any(|s| *s != Some(ScorecardStatus::Submitted)) {
        return Ok(RatingsAccess::OwnOnly);
    }
    if !own.is_empty() || may_read_role(db, user, &candidate.summary.role_id).await? {
        Ok(RatingsAccess::Panel)
    } else {
        Ok(RatingsAccess::None)
    }
}

/// [`ratings_access`] as a gate: `Ok` for [`RatingsAccess::Panel`], a
/// "submit your own scorecard first" refusal for a panel member who still
/// owes one, and a 404 for everyone else.
pub async fn require_ratings_reader(
    db: &Db,
    user: &CurrentUser,
    candidate: &CandidateRecord,
) -> Result<(), AppError> {
    match ratings_access(db, user, candidate).await? {
        RatingsAccess::Panel => Ok(()),
        RatingsAccess::OwnOnly => Err(AppError::SubmitOwnFirst),
        RatingsAccess::None => Err(AppError::NotFound),
    }
}

/// The candidates of role `role_id` whose ratings `user` may not read yet
/// because they owe a scorecard on their panel; role-level statistics leave
/// these candidates out for this caller.
#[tracing::instrument(level = "debug", skip_all, fields(role_id = %role_id))]
pub async fn blinded_candidates(
    db: &Db,
    user: &CurrentUser,
    role_id: &str,
) -> Result<BTreeSet<String>, AppError> {
    let seats = crate::db::scorecards::seats_in_role(db, &user.org_id, &user.id, role_id).await?;
    Ok(seats
        .into_iter()
        .filter(|s| s.status != Some(ScorecardStatus::Submitted))
        .map(|s| s.candidate_id)
        .collect())
}
