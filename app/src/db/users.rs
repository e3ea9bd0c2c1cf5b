//! Accounts: creating, listing, finding them for sign-in, changing their
//! password and deactivating them (both end the account's sessions).

use super::{Db, ids, now_ms};
use crate::model::{CurrentUser, PeoplePage, Role, UserSummary};
use sqlx::Row;
use sqlx::any::AnyRow;

/// The organization every account belongs to in a single-tenant install.
pub const DEFAULT_ORG: &str = "default";

/// An account to create. The password arrives already hashed.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    /// Sign-in email; stored lower case.
    pub email: &'a str,
    /// Display name.
    pub name: &'a str,
    /// What the account may do.
    pub role: Role,
    /// Argon2id PHC string.
    pub password_hash: &'a str,
}

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum InsertUserError {
    /// Another account of the organization has this email.
    #[error("an account with the email {0} already exists")]
    DuplicateEmail(String),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Creates an account in `org_id` and returns its id.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn insert_user(
    db: &Db,
    org_id: &str,
    user: &NewUser<'_>,
) -> Result<String, InsertUserError> {
    let id = ids::new_id();
    let email = user.email.trim().to_lowercase();
    let result = sqlx::query(
        "INSERT INTO users (org_id, id, email, name, role, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(org_id)
    .bind(&id)
    .bind(&email)
    .bind(user.name.trim())
    .bind(user.role.as_str())
    .bind(user.password_hash)
    .bind(now_ms())
    .execute(db.pool())
    .await;
    match result {
        Ok(_) => Ok(id),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            Err(InsertUserError::DuplicateEmail(email))
        }
        Err(e) => Err(e.into()),
    }
}

/// The active account and password hash for `email`, if there is one.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn find_for_login(
    db: &Db,
    org_id: &str,
    email: &str,
) -> Result<Option<(CurrentUser, String)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, org_id, email, name, role, password_hash FROM users
         WHERE org_id = $1 AND email = $2 AND deactivated_at IS NULL",
    )
    .bind(org_id)
    .bind(email.trim().to_lowercase())
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| Ok((current_user_from_row(&row)?, row.try_get("password_hash")?)))
        .transpose()
}

/// Replaces the password hash of the account with `email` and ends all its
/// sessions, in one transaction. Returns false when there is no such account.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn set_password(
    db: &Db,
    org_id: &str,
    email: &str,
    password_hash: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write(super::Lock::OwnRows).await?;
    let id: Option<String> = sqlx::query_scalar(
        "UPDATE users SET password_hash = $3 WHERE org_id = $1 AND email = $2 RETURNING id",
    )
    .bind(org_id)
    .bind(email.trim().to_lowercase())
    .bind(password_hash)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Ok(false);
    };
    super::sessions::end_sessions_of_user(&mut tx, org_id, &id).await?;
    tx.commit().await?;
    super::sessions::forget_account(db, org_id, &id);
    Ok(true)
}

/// Deactivates (or, with `active`, reactivates) the account with `email`.
/// Deactivating ends all its sessions in the same transaction; a
/// deactivated account cannot sign in. Returns false when there is no such
/// account.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn set_active(
    db: &Db,
    org_id: &str,
    email: &str,
    active: bool,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write(super::Lock::OwnRows).await?;
    let id: Option<String> = sqlx::query_scalar(
        "UPDATE users SET deactivated_at = $3 WHERE org_id = $1 AND email = $2 RETURNING id",
    )
    .bind(org_id)
    .bind(email.trim().to_lowercase())
    .bind((!active).then(now_ms))
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Ok(false);
    };
    if !active {
        super::sessions::end_sessions_of_user(&mut tx, org_id, &id).await?;
    }
    tx.commit().await?;
    super::sessions::forget_account(db, org_id, &id);
    Ok(true)
}

/// Every account of `org_id`, by name.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn list_users(db: &Db, org_id: &str) -> Result<Vec<UserSummary>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, email, name, role FROM users WHERE org_id = $1 ORDER BY name, email",
    )
    .bind(org_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(user_summary).collect()
}

/// Up to `limit` active accounts of the organization whose name or email
/// holds `query` (any case; empty: everyone), interviewers first, then by
/// name, and whether more match.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn find_people(
    db: &Db,
    org_id: &str,
    query: &str,
    limit: usize,
) -> Result<PeoplePage, sqlx::Error> {
    let pattern = format!("%{}%", super::escape_like(&query.trim().to_lowercase()));
    let rows = sqlx::query(
        "SELECT id, email, name, role FROM users
         WHERE org_id = $1 AND deactivated_at IS NULL
           AND (LOWER(name) LIKE $2 ESCAPE '\\' OR email LIKE $2 ESCAPE '\\')
         ORDER BY CASE WHEN role = 'interviewer' THEN 0 ELSE 1 END, LOWER(name), name, email
         LIMIT $3",
    )
    .bind(org_id)
    .bind(pattern)
    // One more than is sent tells whether more match.
    .bind(i64::try_from(limit).unwrap_or(i64::MAX).saturating_add(1))
    .fetch_all(db.pool())
    .await?;
    let mut people = rows
        .iter()
        .map(user_summary)
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let more = people.len() > limit;
    people.truncate(limit);
    Ok(PeoplePage { people, more })
}

/// How many accounts exist across all organizations.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn count_users(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(db.pool())
        .await
}

/// Builds a [`CurrentUser`] from a row holding `id, org_id, email, name, role`.
pub(super) fn current_user_from_row(row: &AnyRow) -> Result<CurrentUser, sqlx::Error> {
    Ok(CurrentUser {
        id: row.try_get("id")?,
        org_id: row.try_get("org_id")?,
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        role: role_from_row(row)?,
    })
}

/// An account's id, email, name and role from a row that selects them.
fn user_summary(row: &AnyRow) -> Result<UserSummary, sqlx::Error> {
    Ok(UserSummary {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        role: role_from_row(row)?,
    })
}

fn role_from_row(row: &AnyRow) -> Result<Role, sqlx::Error> {
    let role: String = row.try_get("role")?;
    role.parse().map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// The IANA time zone `user_id` chose, if any.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn time_zone(
    db: &Db,
    org_id: &str,
    user_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    let zone: Option<Option<String>> =
        sqlx::query_scalar("SELECT time_zone FROM users WHERE org_id = $1 AND id = $2")
            .bind(org_id)
            .bind(user_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(zone.flatten())
}

/// Stores `zone` (an IANA name the caller checked) as `user_id`'s time zone.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn set_time_zone(
    db: &Db,
    org_id: &str,
    user_id: &str,
    zone: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET time_zone = $3 WHERE org_id = $1 AND id = $2")
        .bind(org_id)
        .bind(user_id)
        .bind(zone)
        .execute(db.pool())
        .await?;
    Ok(())
}
