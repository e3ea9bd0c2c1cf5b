//! The invitation a referee receives: its link, its words, and sending it
//! (by mail when configured, else back to the recruiter), kept in the outbox.

use crate::auth::{invalid, not_found};
use crate::db::Db;
use crate::errors::AppError;
use crate::model::{CurrentUser, InviteResult};
use crate::settings::ReferenceSettings;

/// What stands in the outbox in place of a one-time link.
pub const LINK_WITHHELD: &str = "[one-time link withheld]";

/// Who invites whom to say what about whom.
#[derive(Debug, Clone)]
pub struct Invitation<'a> {
    /// The referee.
    pub referee_name: &'a str,
    /// The candidate.
    pub candidate_name: &'a str,
    /// The role applied for.
    pub role_title: &'a str,
    /// The organization.
    pub org_name: &'a str,
    /// The recruiter sending it.
    pub requester_name: &'a str,
    /// Days until the link expires.
    pub expiry_days: i64,
}

/// The one-time link for `token` under `base` (e.g. `https://hire.example.org`).
pub fn link(base: &str, token: &str) -> String {
    format!("{}/r/{token}", base.trim_end_matches('/'))
}

/// Subject and body of the invitation carrying `link`.
pub fn compose(inv: &Invitation<'_>, link: &str) -> (String, String) {
    let subject = format!(
        "Reference request: {} for {}",
        inv.candidate_name, inv.role_title
    );
    let days = if inv.expiry_days == 1 {
        "1 day".to_owned()
    } else {
        format!("{} days", inv.expiry_days)
    };
    let body = format!(
        "Hello {referee},\n\n\
         {requester} at {org} is asking for a reference about {candidate}, who has applied for the role \
         of {role} and named you as a referee.\n\n\
         The questions take about ten minutes. The link below explains who will read your answers and \
         how they are used; you can answer, save a draft and come back, or decline:\n\n\
         {link}\n\n\
         The link works for {days} and only for you, so please do not forward it. You need no account.\n\n\
         Thank you,\n{requester}\n{org}\n",
        referee = inv.referee_name,
        requester = inv.requester_name,
        org = inv.org_name,
        candidate = inv.candidate_name,
        role = inv.role_title,
    );
    (subject, body)
}

/// Gives request `request_id` a new link (the old one stops working) and
/// sends it, or returns it when there is no mailer or sending failed.
#[tracing::instrument(level = "debug", skip_all, fields(request_id = %request_id))]
pub async fn invite(
    db: &Db,
    user: &CurrentUser,
    settings: &ReferenceSettings,
    request_id: &str,
) -> Result<InviteResult, AppError> {
    use crate::db::outbox::{OutboxEntry, OutboxStatus};
    use crate::mail::OutgoingMail;
    let request = crate::db::references::find_request(db, &user.org_id, request_id)
        .await?
        .ok_or_else(not_found)?;
    if request.times.submitted_at.is_some() || request.times.declined_at.is_some() {
        return Err(AppError::Conflict(
            "This referee has already answered or declined; there is nothing to send.".into(),
        ));
    }
    let candidate = crate::db::candidates::find_candidate(db, &user.org_id, &request.candidate_id)
        .await?
        .ok_or_else(not_found)?;
    // A (re)invitation asks the questions of the latest published guide.
    let guide = crate::db::guides::latest_version(db, &user.org_id, &candidate.summary.role_id)
        .await?
        .filter(|g| !g.reference_questions.is_empty())
        .ok_or_else(|| {
            invalid(
                "guide",
                "publish the role's guide with reference-check questions first",
            )
        })?;
    let token = crate::db::ids::new_token();
    let expires_at = crate::db::now_ms() + settings.expiry_days * 24 * 60 * 60 * 1000;
    let new_link = crate::db::references::NewLink {
        token_hash: &crate::db::ids::token_hash(&token),
        guide_version_id: &guide.id,
        expires_at,
        actor_id: &user.id,
    };
    if !crate::db::references::set_link(db, &user.org_id, request_id, &new_link).await? {
        return Err(AppError::Conflict(
            "This referee answered or declined meanwhile; reload to see it.".into(),
        ));
    }
    let org_name = crate::db::references::org_name(db, &user.org_id).await?;
    let link = link(&base_url(settings), &token);
    let (subject, body) = compose(
        &Invitation {
            referee_name: &request.referee.name,
            candidate_name: &candidate.summary.name,
            role_title: &candidate.role_title,
            org_name: &org_name,
            requester_name: &user.name,
            expiry_days: settings.expiry_days,
        },
        &link,
    );
    let mut mail = OutgoingMail {
        to: request.referee.email.clone(),
        to_name: request.referee.name.clone(),
        reply_to: Some(user.email.clone()),
        subject,
        body,
        attachments: Vec::new(),
    };
    let sent = match &settings.mailer {
        Some(mailer) => Some(mailer.send(&mail).await),
        None => None,
    };
    let message = std::mem::take(&mut mail.body);
    mail.body = message.replace(&link, LINK_WITHHELD);
    let (status, error) = match &sent {
        Some(Ok(())) => (OutboxStatus::Sent, String::new()),
        Some(Err(e)) => {
            tracing::warn!(request = %request_id, error = %e, "a reference invitation could not be mailed");
            (OutboxStatus::Failed, e.to_string())
        }
        None => (OutboxStatus::Manual, String::new()),
    };
    crate::db::outbox::record(
        db,
        &OutboxEntry {
            org_id: &user.org_id,
            kind: "reference.invitation",
            subject_id: request_id,
            mail: &mail,
            status,
            error: &error,
            created_by: &user.id,
        },
    )
    .await?;
    let emailed = status == OutboxStatus::Sent;
    Ok(InviteResult {
        emailed,
        link: (!emailed).then_some(link),
        message: if emailed { String::new() } else { message },
        mail_error: (status == OutboxStatus::Failed).then_some(error),
        expires_at,
    })
}

/// Where people reach the app: the configured address, else the origin
/// the recruiter's browser used.
pub(crate) fn base_url(settings: &ReferenceSettings) -> String {
    if let Some(url) = &settings.public_url {
        return url.clone();
    }
    let parts = leptos::prelude::use_context::<http::request::Parts>();
    let header = |name: http::HeaderName| {
        parts
            .as_ref()
            .and_then(|p| p.headers.get(name))
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    header(http::header::ORIGIN)
        .filter(|o| o != "null")
        .or_else(|| header(http::header::HOST).map(|h| format!("http://{h}")))
        .unwrap_or_else(|| "http://localhost:3000".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_names_everyone_and_carries_the_link_once() {
        let inv = Invitation {
            referee_name: "Rhea",
            candidate_name: "Zoë Park",
            role_title: "Support Lead",
            org_name: "Acme",
            requester_name: "Rita",
            expiry_days: 7,
        };
        let link = link("https://hire.example.org/", "abc");
        assert_eq!(link, "https://hire.example.org/r/abc");
        let (subject, body) = compose(&inv, &link);
        assert_eq!(subject, "Reference request: Zoë Park for Support Lead");
        assert_eq!(body.matches(&link).count(), 1);
        for part in ["Hello Rhea", "Rita at Acme", "Zoë Park", "7 days"] {
            assert!(body.contains(part), "{part}: {body}");
        }
        assert!(!body.replace(&link, LINK_WITHHELD).contains("abc"));
    }
}
