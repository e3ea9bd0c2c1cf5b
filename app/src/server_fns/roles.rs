//! Roles: fields, competency profile and hiring team.

use crate::errors::AppError;
use crate::model::{
    PeoplePage, ProfileEntry, RoleDetail, RoleInput, RoleSummary, TeamRole, UserSummary,
};
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The roles the caller may see: every role for recruiters and admins, the
/// roles whose team they are on for hiring managers.
#[server(prefix = "/api", endpoint = "list_roles", input = Json, output = TextJson)]
pub async fn list_roles() -> Result<Vec<RoleSummary>, AppError> {
    use crate::model::Role;
    let user = crate::auth::require_role(&[Role::Admin, Role::Recruiter, Role::HiringManager])?;
    let db = crate::state::db()?;
    let member = (!user.has_role(crate::auth::MANAGERS)).then_some(user.id.as_str());
    Ok(crate::db::roles::list_roles(&db, &user.org_id, member).await?)
}

/// Creates a role and returns its id.
#[server(prefix = "/api", endpoint = "create_role", input = Json, output = TextJson)]
pub async fn create_role(input: RoleInput) -> Result<String, AppError> {
    let user = crate::auth::require_manager()?;
    validate_role_input(&input)?;
    let db = crate::state::db()?;
    crate::db::roles::insert_role(&db, &user.org_id, &user.id, &input)
        .await
        .map_err(write_error)
}

/// One role with its profile and team.
#[server(prefix = "/api", endpoint = "get_role", input = Json, output = TextJson)]
pub async fn get_role(role_id: String) -> Result<RoleDetail, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_role_reader(&db, &role_id).await?;
    let mut role = crate::services::roles::existing(&db, &user.org_id, &role_id).await?;
    role.viewer_can_manage = user.has_role(crate::auth::MANAGERS);
    Ok(role)
}

/// Changes a role's title, department and description.
#[server(prefix = "/api", endpoint = "update_role", input = Json, output = TextJson)]
pub async fn update_role(role_id: String, input: RoleInput) -> Result<(), AppError> {
    let user = crate::auth::require_manager()?;
    validate_role_input(&input)?;
    let db = crate::state::db()?;
    crate::db::roles::update_role(&db, &user.org_id, &user.id, &role_id, &input)
        .await
        .map_err(write_error)?;
    Ok(())
}

/// Replaces a role's competency profile (required level and weight per
/// competency). Of concurrent replacements the last one stands whole.
#[server(prefix = "/api", endpoint = "set_role_profile", input = Json, output = TextJson)]
pub async fn set_role_profile(role_id: String, entries: Vec<ProfileEntry>) -> Result<(), AppError> {
    use crate::auth::invalid;
    let user = crate::auth::require_manager()?;
    let db = crate::state::db()?;
    crate::services::roles::existing(&db, &user.org_id, &role_id).await?;
    let known = crate::db::banks::list_competencies(&db, &user.org_id)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "cannot read competencies");
            AppError::Internal
        })?;
    if entries.len() > 20 {
        return Err(invalid(
            "competencies",
            "a role can have at most 20 competencies",
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for (i, e) in entries.iter().enumerate() {
        let field = format!("competencies[{i}]");
        if !known.iter().any(|c| c.id == e.competency_id) {
            return Err(invalid(
                &field,
                format!("there is no competency \"{}\"", e.competency_id),
            ));
        }
        if !seen.insert(&e.competency_id) {
            return Err(invalid(
                &field,
                format!("{} is listed twice", e.competency_id),
            ));
        }
        if !(1..=5).contains(&e.required_level) {
            return Err(invalid(
                &format!("{field}.required_level"),
                "the required level must be 1 to 5",
            ));
        }
        if !(1..=5).contains(&e.weight) {
            return Err(invalid(
                &format!("{field}.weight"),
                "the weight must be 1 to 5",
            ));
        }
    }
    crate::db::roles::set_profile(&db, &user.org_id, &user.id, &role_id, &entries)
        .await
        .map_err(write_error)?;
    Ok(())
}

/// Replaces a role's hiring team: (account id, part) pairs. Of concurrent
/// replacements the last one stands whole.
#[server(prefix = "/api", endpoint = "set_role_team", input = Json, output = TextJson)]
pub async fn set_role_team(
    role_id: String,
    members: Vec<(String, TeamRole)>,
) -> Result<(), AppError> {
    let user = crate::auth::require_manager()?;
    let db = crate::state::db()?;
    crate::services::roles::existing(&db, &user.org_id, &role_id).await?;
    let people = crate::db::users::list_users(&db, &user.org_id).await?;
    for (i, (user_id, _)) in members.iter().enumerate() {
        if !people.iter().any(|p| &p.id == user_id) {
            return Err(crate::auth::invalid(
                &format!("team[{i}]"),
                "there is no such account",
            ));
        }
    }
    crate::db::roles::set_team(&db, &user.org_id, &user.id, &role_id, &members)
        .await
        .map_err(write_error)?;
    Ok(())
}

/// The organization's accounts, for choosing a hiring team and panels.
#[server(prefix = "/api", endpoint = "list_people", input = Json, output = TextJson)]
pub async fn list_people() -> Result<Vec<UserSummary>, AppError> {
    let user = crate::auth::require_manager()?;
    let db = crate::state::db()?;
    Ok(crate::db::users::list_users(&db, &user.org_id).await?)
}

/// The organization's active accounts whose name or email holds `query`
/// (empty: everyone), a page at most: whom a hiring team or a panel is
/// picked from.
#[server(prefix = "/api", endpoint = "find_people", input = Json, output = TextJson)]
pub async fn find_people(query: String) -> Result<PeoplePage, AppError> {
    let user = crate::auth::require_manager()?;
    if query.chars().count() > crate::model::PEOPLE_QUERY_MAX {
        return Err(crate::auth::invalid("query", "at most 200 characters"));
    }
    let db = crate::state::db()?;
    Ok(crate::db::users::find_people(&db, &user.org_id, &query, crate::model::PEOPLE_PAGE).await?)
}

/// The answer to a failed write: a missing parent is 404, a write the
/// database refused because of a concurrent one 409, anything else 500.
#[cfg(feature = "ssr")]
pub(crate) fn write_error(err: sqlx::Error) -> AppError {
    match err {
        sqlx::Error::RowNotFound => crate::auth::not_found(),
        // `From` answers a write refused for a concurrent one with a 409.
        e => e.into(),
    }
}

#[cfg(feature = "ssr")]
fn validate_role_input(input: &RoleInput) -> Result<(), AppError> {
    use crate::auth::invalid;
    let title = input.title.trim();
    if title.is_empty() {
        return Err(invalid("title", "a role needs a title"));
    }
    if title.chars().count() > 200 {
        return Err(invalid("title", "at most 200 characters"));
    }
    if input.department.chars().count() > 200 {
        return Err(invalid("department", "at most 200 characters"));
    }
    if input.description.len() > 20_000 {
        return Err(invalid("description", "at most 20,000 characters"));
    }
    crate::markdown::check("description", &input.description)?;
    Ok(())
}
