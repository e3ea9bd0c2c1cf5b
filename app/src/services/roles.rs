//! Roles as the rules see them: one that must exist.

use crate::db::Db;
use crate::errors::AppError;
use crate::model::RoleDetail;

/// Role `role_id` of organization `org_id`, or 404 when there is none.
/// Whether the caller may read it is [`super::access`]'s question.
pub async fn existing(db: &Db, org_id: &str, role_id: &str) -> Result<RoleDetail, AppError> {
    crate::db::roles::find_role(db, org_id, role_id)
        .await?
        .ok_or(AppError::NotFound)
}
