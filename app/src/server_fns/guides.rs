//! Interview and reference-check guides: editing the draft, previewing,
//! publishing versions.

use crate::errors::AppError;
use crate::model::{Guide, GuideDraft, PublishedGuide};
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use crate::services::guides::{rules, snapshot};

/// The draft guide of a role.
#[server(prefix = "/api", endpoint = "get_guide_draft", input = Json, output = TextJson)]
pub async fn get_guide_draft(role_id: String) -> Result<GuideDraft, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_role_reader(&db, &role_id).await?;
    crate::db::guides::load_draft(&db, &user.org_id, &role_id)
        .await?
        .ok_or_else(crate::auth::not_found)
}

/// Saves the draft if nobody saved since `revision`; returns the new revision.
#[server(prefix = "/api", endpoint = "save_guide_draft", input = Json, output = TextJson)]
pub async fn save_guide_draft(
    role_id: String,
    revision: i64,
    guide: Guide,
) -> Result<i64, AppError> {
    use crate::db::guides::SaveDraftError;
    let user = crate::auth::require_manager()?;
    let db = crate::state::db()?;
    let role = crate::services::roles::existing(&db, &user.org_id, &role_id).await?;
    let profile: Vec<&str> = role
        .competencies
        .iter()
        .map(|c| c.competency_id.as_str())
        .collect();
    rules::check_draft(&guide, &profile)?;
    match crate::db::guides::save_draft(&db, &user.org_id, &role_id, revision, &guide, &user.id).await {
        Ok(revision) => Ok(revision),
        Err(SaveDraftError::Conflict) => Err(AppError::Conflict(
            "Someone else saved this guide since you opened it. Reload to see their changes; your edits are still on this page.".into(),
        )),
        Err(SaveDraftError::NotFound) => Err(crate::auth::not_found()),
        Err(SaveDraftError::Db(e)) => Err(e.into()),
    }
}

/// Publishes the draft at `revision` as the role's next guide version: the
/// question texts and the competencies' anchors are copied in, so later edits
/// of the draft or the banks never change interviews held on it. Refused
/// with 409 when the draft changed meanwhile, or when nothing changed since
/// the latest version (no new version is made; the message says so).
#[server(prefix = "/api", endpoint = "publish_guide", input = Json, output = TextJson)]
pub async fn publish_guide(role_id: String, revision: i64) -> Result<i64, AppError> {
    let user = crate::auth::require_manager()?;
    let db = crate::state::db()?;
    let role = crate::services::roles::existing(&db, &user.org_id, &role_id).await?;
    let draft = crate::db::guides::load_draft(&db, &user.org_id, &role_id)
        .await?
        .ok_or_else(crate::auth::not_found)?;
    if draft.revision != revision {
        return Err(AppError::Conflict(
            "The guide changed since you opened it. Reload, check it, then publish.".into(),
        ));
    }
    let profile: Vec<&str> = role
        .competencies
        .iter()
        .map(|c| c.competency_id.as_str())
        .collect();
    rules::check_publishable(&draft.guide, &profile)?;
    let snapshot = snapshot::build(&db, &user.org_id, &role, draft.guide).await?;
    use crate::db::guides::PublishError;
    match crate::db::guides::publish(&db, &user.org_id, snapshot, revision, &user.id).await {
        Ok(published) => Ok(published.version),
        Err(PublishError::NotFound) => Err(crate::auth::not_found()),
        Err(PublishError::Stale) => Err(AppError::Conflict(
            "The guide changed since you opened it. Reload, check it, then publish.".into(),
        )),
        Err(PublishError::Unchanged(version)) => Err(AppError::Conflict(format!(
            "Nothing changed since version {version} was published, so no new version was made."
        ))),
        Err(PublishError::Db(e)) => Err(e.into()),
    }
}

/// The competencies of a role's profile as in the bank, with their questions
/// in Markdown, for picking questions into the guide.
#[server(prefix = "/api", endpoint = "get_bank_competencies", input = Json, output = TextJson)]
pub async fn get_bank_competencies(
    role_id: String,
) -> Result<Vec<question_bank::Competency>, AppError> {
    let user = crate::auth::require_manager()?;
    let db = crate::state::db()?;
    let role = crate::services::roles::existing(&db, &user.org_id, &role_id).await?;
    let mut bank = snapshot::profile_competencies(&db, &user.org_id, &role).await?;
    // Retired questions are not offered for new guides.
    crate::services::question_revisions::drop_retired(&db, &user.org_id, &mut bank).await?;
    Ok(bank)
}

/// The draft guide exactly as an interviewer will see it once published:
/// the same snapshot publishing makes, with Markdown rendered to safe HTML.
#[server(prefix = "/api", endpoint = "preview_guide", input = Json, output = TextJson)]
pub async fn preview_guide(role_id: String) -> Result<PublishedGuide, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_role_reader(&db, &role_id).await?;
    let role = crate::services::roles::existing(&db, &user.org_id, &role_id).await?;
    let draft = crate::db::guides::load_draft(&db, &user.org_id, &role_id)
        .await?
        .ok_or_else(crate::auth::not_found)?;
    let mut guide = snapshot::build(&db, &user.org_id, &role, draft.guide).await?;
    snapshot::render_html(&mut guide);
    Ok(guide)
}

/// The latest published guide of a role, if any.
#[server(prefix = "/api", endpoint = "get_published_guide", input = Json, output = TextJson)]
pub async fn get_published_guide(role_id: String) -> Result<Option<PublishedGuide>, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_role_reader(&db, &role_id).await?;
    Ok(crate::db::guides::latest_version(&db, &user.org_id, &role_id).await?)
}

/// Renders Markdown to safe HTML, for previews while writing questions and notes.
#[server(prefix = "/api", endpoint = "preview_markdown", input = Json, output = TextJson)]
pub async fn preview_markdown(markdown: String) -> Result<String, AppError> {
    crate::auth::require_user()?;
    if markdown.len() > 100_000 {
        return Err(crate::auth::invalid(
            "markdown",
            "at most 100,000 characters",
        ));
    }
    crate::markdown::check("markdown", &markdown)?;
    Ok(crate::markdown::render(markdown).await)
}
