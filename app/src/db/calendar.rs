//! What a calendar invitation needs beyond the interview itself: who
//! scheduled it and the panel's mail addresses.

use super::Db;

/// Name and address of the account that scheduled `interview_id`.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn organizer(
    db: &Db,
    org_id: &str,
    interview_id: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.name, u.email FROM interviews i
         JOIN users u ON u.org_id = i.org_id AND u.id = i.created_by
         WHERE i.org_id = $1 AND i.id = $2",
    )
    .bind(org_id)
    .bind(interview_id)
    .fetch_optional(db.pool())
    .await
}

/// (account id, address) of each panel member of `interview_id`.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn panel_addresses(
    db: &Db,
    org_id: &str,
    interview_id: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.id, u.email FROM interview_panel p
         JOIN users u ON u.org_id = p.org_id AND u.id = p.user_id
         WHERE p.org_id = $1 AND p.interview_id = $2",
    )
    .bind(org_id)
    .bind(interview_id)
    .fetch_all(db.pool())
    .await
}
