//! Interviewer packet PDFs: a stage of a role's published guide, or one
//! scheduled interview (with the candidate's name and the reader's focus).

use crate::pdf::{PacketFor, Paper, interviewer_packet};
use crate::routes::download::pdf_response;
use app::db::Db;
use app::errors::AppError;
use app::model::{CurrentUser, Role, TeamRole};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use serde::Deserialize;

/// `GET /roles/{id}/packet.pdf?stage=…` and `GET /interviews/{id}/packet.pdf`.
pub fn router(db: Db) -> Router {
    Router::new()
        .route("/roles/{role_id}/packet.pdf", get(stage_packet))
        .route(
            "/interviews/{interview_id}/packet.pdf",
            get(interview_packet),
        )
        .with_state(db)
}

/// Query of the packet routes.
#[derive(Debug, Deserialize)]
pub struct PacketQuery {
    stage: Option<String>,
    paper: Option<String>,
}

fn paper(q: &PacketQuery) -> Paper {
    match q.paper.as_deref() {
        Some("letter") => Paper::Letter,
        _ => Paper::A4,
    }
}

fn internal(err: impl std::fmt::Display) -> Response {
    tracing::error!(error = %err, "cannot make a packet");
    AppError::Internal.into_response()
}

async fn render(packet: PacketFor<'_>, paper: Paper, name: String) -> Response {
    // Layout takes milliseconds of CPU: keep it off the async workers.
    let owned = (
        packet.guide.clone(),
        packet.stage.clone(),
        packet.candidate.map(str::to_owned),
        packet.interviewer.map(str::to_owned),
        packet.focus.to_vec(),
        packet.calibration.to_vec(),
    );
    let generated_at = packet.generated_at;
    let result = tokio::task::spawn_blocking(move || {
        let (guide, stage, candidate, interviewer, focus, calibration) = owned;
        interviewer_packet(
            &PacketFor {
                guide: &guide,
                stage: &stage,
                candidate: candidate.as_deref(),
                interviewer: interviewer.as_deref(),
                focus: &focus,
                generated_at,
                calibration: &calibration,
            },
            paper,
        )
    })
    .await;
    match result {
        Ok(Ok(bytes)) => pdf_response(bytes, &name),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e),
    }
}

async fn stage_packet(
    State(db): State<Db>,
    user: Option<Extension<CurrentUser>>,
    Path(role_id): Path<String>,
    Query(q): Query<PacketQuery>,
) -> Response {
    let Some(Extension(user)) = user else {
        return AppError::Unauthenticated.into_response();
    };
    // Managers, and anyone on the role's hiring team.
    if !user.has_role(&[Role::Admin, Role::Recruiter]) {
        match app::db::roles::team_roles_of(&db, &user.org_id, &role_id, &user.id).await {
            Ok(parts) if !parts.is_empty() => {}
            Ok(_) => return AppError::NotFound.into_response(),
            Err(e) => return internal(e),
        }
    }
    let guide = match app::db::guides::latest_version(&db, &user.org_id, &role_id).await {
        Ok(Some(g)) => g,
        Ok(None) => return AppError::NotFound.into_response(),
        Err(e) => return internal(e),
    };
    let stage_id = q
        .stage
        .clone()
        .or_else(|| guide.stages.first().map(|s| s.id.clone()));
    let Some(stage) = stage_id.and_then(|id| guide.stage(&id).cloned()) else {
        return AppError::NotFound.into_response();
    };
    if let Err(e) = app::services::audit_log::record_read(&db, &user, "packet.pdf", &role_id).await
    {
        return e.into_response();
    }
    let name = format!("packet {} {}", guide.role_title, stage.name);
    render(
        PacketFor {
            guide: &guide,
            stage: &stage,
            candidate: None,
            interviewer: None,
            focus: &[],
            generated_at: app::db::now_ms(),
            calibration: &[],
        },
        paper(&q),
        name,
    )
    .await
}

async fn interview_packet(
    State(db): State<Db>,
    user: Option<Extension<CurrentUser>>,
    Path(interview_id): Path<String>,
    Query(q): Query<PacketQuery>,
) -> Response {
    let Some(Extension(user)) = user else {
        return AppError::Unauthenticated.into_response();
    };
    let interview =
        match app::db::interviews::find_interview(&db, &user.org_id, &interview_id).await {
            Ok(Some(i)) => i,
            Ok(None) => return AppError::NotFound.into_response(),
            Err(e) => return internal(e),
        };
    let panel = match app::db::interviews::panel(&db, &user.org_id, &interview_id).await {
        Ok(p) => p,
        Err(e) => return internal(e),
    };
    let me = panel.iter().find(|p| p.user_id == user.id);
    if me.is_none() && !user.has_role(&[Role::Admin, Role::Recruiter]) {
        // Hiring managers of the role may read it; nobody else.
        match app::db::roles::team_roles_of(&db, &user.org_id, &interview.role_id, &user.id).await {
            Ok(parts) if parts.contains(&TeamRole::HiringManager) => {}
            Ok(_) => return AppError::NotFound.into_response(),
            Err(e) => return internal(e),
        }
    }
    let guide =
        match app::db::guides::find_version(&db, &user.org_id, &interview.guide_version_id).await {
            Ok(Some(g)) => g,
            Ok(None) => return AppError::NotFound.into_response(),
            Err(e) => return internal(e),
        };
    let Some(stage) = guide.stage(&interview.stage_id).cloned() else {
        return AppError::NotFound.into_response();
    };
    let candidate =
        match app::db::candidates::find_candidate(&db, &user.org_id, &interview.candidate_id).await
        {
            Ok(Some(c)) => c.summary.name,
            Ok(None) => return AppError::NotFound.into_response(),
            Err(e) => return internal(e),
        };
    if let Err(e) =
        app::services::audit_log::record_read(&db, &user, "packet.pdf", &interview_id).await
    {
        return e.into_response();
    }
    let focus = me.map(|m| m.focus.clone()).unwrap_or_default();
    // The key points of the reader's focus competencies (all of the stage's
    // when the focus is empty); none for a reader not on the panel.
    let calibration_ids: Vec<String> = match me {
        None => Vec::new(),
        Some(_) if focus.is_empty() => stage.sections.iter().map(|s| s.competency_id.clone()).fold(
            Vec::new(),
            |mut ids, id| {
                if !ids.contains(&id) {
                    ids.push(id);
                }
                ids
            },
        ),
        Some(_) => focus.clone(),
    };
    let calibration =
        match app::services::calibration::packet_key_points(&db, &user.org_id, &calibration_ids)
            .await
        {
            Ok(points) => points,
            Err(e) => return e.into_response(),
        };
    let name = format!("packet {candidate} {}", stage.name);
    render(
        PacketFor {
            guide: &guide,
            stage: &stage,
            candidate: Some(&candidate),
            interviewer: me.map(|m| m.name.as_str()),
            focus: &focus,
            generated_at: app::db::now_ms(),
            calibration: &calibration,
        },
        paper(&q),
        name,
    )
    .await
}
