//! Candidates: adding them, their pipeline, and scheduling interviews.

use crate::errors::AppError;
use crate::model::{
    CandidateDetail, CandidateInput, CandidateSummary, PipelineStatus, ScheduleInput,
    ScheduleResult,
};
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The candidates of a role.
#[server(prefix = "/api", endpoint = "list_candidates", input = Json, output = TextJson)]
pub async fn list_candidates(role_id: String) -> Result<Vec<CandidateSummary>, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_role_reader(&db, &role_id).await?;
    Ok(crate::db::candidates::list_candidates(&db, &user.org_id, &role_id).await?)
}

/// Adds a candidate to a role and returns the candidate's id. A person
/// (by email) is a candidate for a role once; adding them again is a 409.
#[server(prefix = "/api", endpoint = "add_candidate", input = Json, output = TextJson)]
pub async fn add_candidate(role_id: String, input: CandidateInput) -> Result<String, AppError> {
    use crate::auth::invalid;
    let user = crate::auth::require_manager()?;
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(invalid(
            "name",
            "a candidate needs a name of at most 200 characters",
        ));
    }
    if let Err(e) = crate::model::Email::parse(&input.email) {
        return Err(invalid("email", e.to_string()));
    }
    if input.notes.len() > 20_000 {
        return Err(invalid("notes", "at most 20,000 characters"));
    }
    crate::markdown::check("notes", &input.notes)?;
    let db = crate::state::db()?;
    use crate::db::candidates::AddCandidateError;
    match crate::db::candidates::insert_candidate(
        &db,
        &user.org_id,
        Some(&user.id),
        &role_id,
        &input,
    )
    .await
    {
        Ok(id) => Ok(id),
        Err(AddCandidateError::NoRole) => Err(crate::auth::not_found()),
        Err(AddCandidateError::Duplicate(email)) => Err(AppError::Conflict(format!(
            "{email} is already a candidate for this role."
        ))),
        Err(AddCandidateError::Db(e)) => Err(crate::server_fns::roles::write_error(e)),
    }
}

/// One candidate with their interviews.
#[server(prefix = "/api", endpoint = "get_candidate", input = Json, output = TextJson)]
pub async fn get_candidate(candidate_id: String) -> Result<CandidateDetail, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_role(&[
        crate::model::Role::Admin,
        crate::model::Role::Recruiter,
        crate::model::Role::HiringManager,
    ])?;
    let record = crate::db::candidates::find_candidate(&db, &user.org_id, &candidate_id)
        .await?
        .ok_or_else(crate::auth::not_found)?;
    crate::auth::require_role_reader(&db, &record.summary.role_id).await?;
    let mut interviews =
        crate::db::interviews::for_candidate(&db, &user.org_id, &candidate_id).await?;
    let zone = crate::services::time::zone_of(&db, &user).await?;
    for i in &mut interviews {
        i.when = i
            .scheduled_at
            .map(|at| crate::services::time::format_span(at, i.ends_at, &zone))
            .unwrap_or_default();
    }
    let panel_reminders =
        crate::services::reminders::views::panel_reminders(&db, &user, &candidate_id).await?;
    Ok(CandidateDetail {
        id: record.summary.id,
        role_id: record.summary.role_id,
        role_title: record.role_title,
        notes_html: crate::markdown::render(record.notes.clone()).await,
        input: CandidateInput {
            name: record.summary.name,
            email: record.summary.email,
            notes: record.notes,
        },
        status: record.summary.status,
        interviews,
        viewer_can_manage: user.has_role(crate::auth::MANAGERS),
        viewer_is_admin: user.has_role(&[crate::model::Role::Admin]),
        viewer_time_zone: zone.is_chosen().then(|| zone.name().to_owned()),
        panel_reminders,
        erased: record.erased,
    })
}

/// Moves a candidate along the pipeline.
#[server(prefix = "/api", endpoint = "set_candidate_status", input = Json, output = TextJson)]
pub async fn set_candidate_status(
    candidate_id: String,
    status: PipelineStatus,
) -> Result<(), AppError> {
    let user = crate::auth::require_manager()?;
    let db = crate::state::db()?;
    use crate::db::candidates::StatusChange;
    let change =
        crate::db::candidates::set_status(&db, &user.org_id, Some(&user.id), &candidate_id, status)
            .await
            .map_err(crate::server_fns::roles::write_error)?;
    match change {
        StatusChange::Erased => Err(crate::services::access::erased()),
        StatusChange::Changed | StatusChange::Unchanged => Ok(()),
    }
}

/// Schedules one stage of the role's latest published guide with a candidate
/// and a panel. Warns when the panel is outside 2–4 people or differs in size
/// from the same stage with the role's other candidates, since unequal panels
/// make candidates' results less comparable.
#[server(prefix = "/api", endpoint = "schedule_interview", input = Json, output = TextJson)]
pub async fn schedule_interview(input: ScheduleInput) -> Result<ScheduleResult, AppError> {
    use crate::auth::invalid;
    let user = crate::auth::require_manager()?;
    let db = crate::state::db()?;
    let candidate = crate::db::candidates::find_candidate(&db, &user.org_id, &input.candidate_id)
        .await?
        .ok_or_else(crate::auth::not_found)?;
    crate::services::access::require_not_erased(&candidate)?;
    let role_id = candidate.summary.role_id.clone();
    let Some(guide) = crate::db::guides::latest_version(&db, &user.org_id, &role_id).await? else {
        return Err(invalid(
            "stage",
            "publish the role's interview guide before scheduling",
        ));
    };
    let Some(stage) = guide.stage(&input.stage_id) else {
        return Err(invalid("stage", "that stage is not in the published guide"));
    };
    if input.panel.is_empty() {
        return Err(invalid("panel", "choose at least one interviewer"));
    }
    if input.panel.len() > 8 {
        return Err(invalid("panel", "a panel can have at most 8 interviewers"));
    }
    let people = crate::db::users::list_users(&db, &user.org_id).await?;
    let stage_competencies: Vec<&str> = stage
        .sections
        .iter()
        .map(|s| s.competency_id.as_str())
        .collect();
    let mut seen = std::collections::HashSet::new();
    for (i, (user_id, focus)) in input.panel.iter().enumerate() {
        if !people.iter().any(|p| &p.id == user_id) || !seen.insert(user_id) {
            return Err(invalid(
                &format!("panel[{i}]"),
                "unknown or repeated interviewer",
            ));
        }
        if let Some(bad) = focus
            .iter()
            .find(|c| !stage_competencies.contains(&c.as_str()))
        {
            return Err(invalid(
                &format!("panel[{i}].focus"),
                format!("{bad} is not assessed in this stage"),
            ));
        }
    }
    let zone = crate::services::time::zone_of(&db, &user).await?;
    let (scheduled_at, ends_at) = crate::services::calendar::interview_times(&zone, &input)?;
    let others = crate::db::interviews::panel_sizes(&db, &user.org_id, &role_id, &stage.id).await?;
    let warnings = panel_warnings(input.panel.len(), &others);
    use crate::db::interviews::ScheduleError;
    let scheduled = crate::db::interviews::insert_interview(
        &db,
        &user.org_id,
        &user.id,
        &crate::db::interviews::NewInterview {
            candidate_id: &input.candidate_id,
            guide_version_id: &guide.id,
            stage_id: &stage.id,
            stage_name: &stage.name,
            scheduled_at,
            ends_at,
            panel: &input.panel,
        },
    )
    .await;
    let interview_id = match scheduled {
        Ok(id) => id,
        Err(ScheduleError::NoCandidate) => return Err(crate::auth::not_found()),
        Err(ScheduleError::Duplicate) => {
            return Err(AppError::Conflict(
                "This interview is already scheduled: same stage, time and panel.".into(),
            ));
        }
        Err(ScheduleError::Db(e)) => return Err(crate::server_fns::roles::write_error(e)),
    };
    // The interview stands whatever becomes of the mail; failures are in
    // the outbox and the log, and the page offers the .ics either way.
    let settings = crate::settings::references();
    if let Err(e) =
        crate::services::calendar::invite::mail_invitations(&db, &user, &settings, &interview_id)
            .await
    {
        tracing::warn!(error = %e, "interview invitations were not mailed");
    }
    Ok(ScheduleResult {
        interview_id,
        warnings,
    })
}

/// Warnings about a panel of `size` given the sizes of the same stage's other panels.
pub fn panel_warnings(size: usize, others: &[i64]) -> Vec<String> {
    let mut warnings = Vec::new();
    if !(2..=4).contains(&size) {
        warnings.push(format!(
            "This panel has {size} interviewer{}; 2 to 4 independent raters give the most reliable ratings.",
            if size == 1 { "" } else { "s" }
        ));
    }
    let mut differing: Vec<i64> = others
        .iter()
        .copied()
        .filter(|&n| n != size as i64)
        .collect();
    differing.sort_unstable();
    differing.dedup();
    if !differing.is_empty() {
        let sizes: Vec<String> = differing.iter().map(ToString::to_string).collect();
        warnings.push(format!(
            "Other candidates had panels of {} for this stage; equal panels keep candidates comparable.",
            sizes.join(" or ")
        ));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panel_warning_cases() {
        let cases: [(&str, usize, &[i64], usize); 5] = [
            ("typical panel, first candidate", 3, &[], 0),
            ("same as the others", 2, &[2, 2], 0),
            ("a lone interviewer", 1, &[], 1),
            ("too many", 5, &[5], 1),
            ("smaller than the others", 2, &[3, 3], 1),
        ];
        for (name, size, others, expected) in cases {
            assert_eq!(panel_warnings(size, others).len(), expected, "{name}");
        }
        assert!(panel_warnings(6, &[2])[1].contains("panels of 2"));
    }
}
