//! Retention: the organization's rule for anonymising candidates, applied
//! by `panelkit serve` once a day (on one app server at a time) and by
//! `panelkit retention run`; and the organization's data settings, which
//! include the text referees read before they consent.

use crate::db::Db;
use crate::errors::AppError;
use crate::model::{
    CurrentUser, DEFAULT_CONSENT_TEXT, DataSettings, MAX_CONSENT_CHARS, RetentionItem, Role,
};

/// One candidate retention found due, and whether it erased them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionOutcome {
    /// The organization.
    pub org_id: String,
    /// The candidate and why they were due.
    pub item: RetentionItem,
    /// True when this run erased them (false on a dry run, or when another
    /// server or a hold got there first).
    pub erased: bool,
}

/// Finds the candidates due in every organization and, unless `dry_run`,
/// erases them. Each erasure re-checks holds and "not erased yet" under the
/// candidate's lock, so concurrent runs erase each candidate once.
pub async fn run(db: &Db, now: i64, dry_run: bool) -> Result<Vec<RetentionOutcome>, AppError> {
    let mut out = Vec::new();
    for org_id in crate::db::retention::organizations(db).await? {
        let settings = crate::db::holds::settings(db, &org_id).await?;
        let due = crate::db::retention::due(
            db,
            &org_id,
            settings.retention_rule,
            settings.retention_days,
            now,
        )
        .await?;
        for item in due {
            let erased = if dry_run {
                false
            } else {
                match crate::services::erasure::erase_as_operator(
                    db,
                    &org_id,
                    &item.candidate_id,
                    &format!("retention: {}", item.why),
                    "retention",
                )
                .await
                {
                    Ok(done) => done,
                    // Held meanwhile: left for a later run.
                    Err(AppError::Conflict(_)) => false,
                    Err(e) => return Err(e),
                }
            };
            out.push(RetentionOutcome {
                org_id: org_id.clone(),
                item,
                erased,
            });
        }
    }
    Ok(out)
}

/// The organization's data settings, for admins.
pub async fn settings(db: &Db, admin: &CurrentUser) -> Result<DataSettings, AppError> {
    if !admin.has_role(&[Role::Admin]) {
        return Err(AppError::Forbidden);
    }
    Ok(crate::db::holds::settings(db, &admin.org_id).await?)
}

/// Checks and saves the organization's data settings.
pub async fn save_settings(
    db: &Db,
    admin: &CurrentUser,
    settings: &DataSettings,
) -> Result<(), AppError> {
    if !admin.has_role(&[Role::Admin]) {
        return Err(AppError::Forbidden);
    }
    if !(1..=3650).contains(&settings.retention_days) {
        return Err(AppError::invalid(
            "retention_days",
            "between 1 and 3650 days",
        ));
    }
    let text = settings.referee_consent_text.trim();
    if text.chars().count() > MAX_CONSENT_CHARS {
        return Err(AppError::invalid(
            "referee_consent_text",
            format!("at most {MAX_CONSENT_CHARS} characters"),
        ));
    }
    let settings = DataSettings {
        referee_consent_text: text.to_owned(),
        ..settings.clone()
    };
    crate::db::holds::save_settings(db, &admin.org_id, Some(&admin.id), &settings).await?;
    Ok(())
}

/// What referees of `org_id` read before they consent: what is stored, for
/// how long and who reads it.
pub async fn consent_text(db: &Db, org_id: &str) -> Result<String, AppError> {
    let text = crate::db::holds::settings(db, org_id)
        .await?
        .referee_consent_text;
    Ok(if text.trim().is_empty() {
        DEFAULT_CONSENT_TEXT.to_owned()
    } else {
        text
    })
}
