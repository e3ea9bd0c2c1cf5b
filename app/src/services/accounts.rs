//! Account administration rules: who may invite, change roles, deactivate
//! and send reset links (admins), what a one-time password link allows,
//! and that the organization always keeps an active admin.

use crate::db::Db;
use crate::db::accounts::{AccountChange, AccountChangeError, NewLink};
use crate::db::outbox::{OutboxEntry, OutboxStatus};
use crate::db::users::{InsertUserError, NewUser};
use crate::errors::AppError;
use crate::mail::{Mailer, OutgoingMail};
use crate::model::{
    AccountView, CurrentUser, Email, InviteInput, PasswordLink, PasswordLinkFor, Role,
};

/// Days an invitation link works.
pub const INVITE_DAYS: i64 = 7;
/// Hours a password-reset link works.
pub const RESET_HOURS: i64 = 24;

/// Where links point and how they are sent.
#[derive(Debug, Clone, Copy)]
pub struct LinkDelivery<'a> {
    /// The app's public address, e.g. `https://hire.example.org`.
    pub base_url: &'a str,
    /// Sends the link by mail when configured; else the admin passes it on.
    pub mailer: Option<&'a dyn Mailer>,
}

/// The link to a set-password page for `token`.
pub fn link(base: &str, token: &str) -> String {
    format!("{}/welcome/{token}", base.trim_end_matches('/'))
}

fn require_admin(user: &CurrentUser) -> Result<(), AppError> {
    if user.has_role(&[Role::Admin]) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn change_error(err: AccountChangeError) -> AppError {
    match err {
        AccountChangeError::NoAccount => AppError::NotFound,
        AccountChangeError::LastAdmin => AppError::Conflict(
            "This is the last active admin: make another account an admin first.".into(),
        ),
        AccountChangeError::Db(e) => e.into(),
    }
}

/// Every account of the admin's organization.
pub async fn list(db: &Db, admin: &CurrentUser) -> Result<Vec<AccountView>, AppError> {
    require_admin(admin)?;
    Ok(crate::db::accounts::list_accounts(db, &admin.org_id).await?)
}

/// Invites a person: creates their account (which cannot sign in yet) and a
/// one-time link to set their password, mailed when a mailer is set.
pub async fn invite(
    db: &Db,
    admin: &CurrentUser,
    input: &InviteInput,
    delivery: LinkDelivery<'_>,
) -> Result<PasswordLink, AppError> {
    require_admin(admin)?;
    let email =
        Email::parse(&input.email).map_err(|e| AppError::invalid("email", e.to_string()))?;
    let name = input.name.trim();
    if name.is_empty() {
        return Err(AppError::invalid("name", "must not be empty"));
    }
    if name.chars().count() > 200 {
        return Err(AppError::invalid("name", "at most 200 characters"));
    }
    // A password nobody knows until the link is used.
    let placeholder = crate::password::hash_password(crate::db::ids::new_token())
        .await
        .map_err(|_| AppError::Internal)?;
    let token = crate::db::ids::new_token();
    let expires_at = crate::db::now_ms() + INVITE_DAYS * 86_400_000;
    let user = NewUser {
        email: email.as_str(),
        name,
        role: input.role,
        password_hash: &placeholder,
    };
    let hash = crate::db::ids::token_hash(&token);
    let link_to_store = NewLink {
        token_hash: &hash,
        expires_at,
    };
    let user_id =
        match crate::db::accounts::invite(db, &admin.org_id, Some(&admin.id), &user, link_to_store)
            .await
        {
            Ok(id) => id,
            Err(InsertUserError::DuplicateEmail(e)) => {
                return Err(AppError::invalid(
                    "email",
                    format!("an account with the email {e} already exists"),
                ));
            }
            Err(InsertUserError::Db(e)) => return Err(e.into()),
        };
    let link = link(delivery.base_url, &token);
    let body = format!(
        "Hello {name},\n\n{admin} has created a Panelkit account for you ({email}). \
         Choose your password here:\n\n{link}\n\nThe link works once, for {INVITE_DAYS} days.\n",
        admin = admin.name,
    );
    deliver(
        db,
        admin,
        LinkMail {
            user_id,
            kind: "user.invite",
            to: email.as_str(),
            to_name: name,
            subject: "Your Panelkit account".to_owned(),
            body,
            link,
            expires_at,
        },
        delivery,
    )
    .await
}

/// A new one-time link for account `user_id` to set a new password; older
/// unused links stop working.
pub async fn reset_link(
    db: &Db,
    admin: &CurrentUser,
    user_id: &str,
    delivery: LinkDelivery<'_>,
) -> Result<PasswordLink, AppError> {
    require_admin(admin)?;
    let account = crate::db::accounts::list_accounts(db, &admin.org_id)
        .await?
        .into_iter()
        .find(|a| a.id == user_id)
        .ok_or(AppError::NotFound)?;
    let token = crate::db::ids::new_token();
    let expires_at = crate::db::now_ms() + RESET_HOURS * 3_600_000;
    let hash = crate::db::ids::token_hash(&token);
    let stored = crate::db::accounts::create_reset_link(
        db,
        &admin.org_id,
        Some(&admin.id),
        user_id,
        NewLink {
            token_hash: &hash,
            expires_at,
        },
    )
    .await?;
    if !stored {
        return Err(AppError::NotFound);
    }
    let link = link(delivery.base_url, &token);
    let body = format!(
        "Hello {},\n\n{} asked for your Panelkit password to be reset. Choose a new one here:\n\n{link}\n\n\
         The link works once, for {RESET_HOURS} hours.\n",
        account.name, admin.name
    );
    deliver(
        db,
        admin,
        LinkMail {
            user_id: user_id.to_owned(),
            kind: "user.reset",
            to: &account.email,
            to_name: &account.name,
            subject: "Reset your Panelkit password".to_owned(),
            body,
            link,
            expires_at,
        },
        delivery,
    )
    .await
}

/// A message carrying a one-time password link to one account.
struct LinkMail<'a> {
    user_id: String,
    /// The outbox kind (`user.invite`, `user.reset`).
    kind: &'a str,
    to: &'a str,
    to_name: &'a str,
    subject: String,
    body: String,
    link: String,
    expires_at: i64,
}

/// Mails the link when a mailer is set and records the message (without
/// the link) in the outbox; the link for the admin to pass on either way.
async fn deliver(
    db: &Db,
    admin: &CurrentUser,
    m: LinkMail<'_>,
    delivery: LinkDelivery<'_>,
) -> Result<PasswordLink, AppError> {
    let emailed = match delivery.mailer {
        None => false,
        Some(mailer) => {
            let mut mail = OutgoingMail {
                to: m.to.to_owned(),
                to_name: m.to_name.to_owned(),
                reply_to: Some(admin.email.clone()),
                subject: m.subject,
                body: m.body,
                attachments: Vec::new(),
            };
            let sent = mailer.send(&mail).await;
            mail.body = mail.body.replace(
                &m.link,
                crate::services::references::invitation::LINK_WITHHELD,
            );
            let (status, error) = match &sent {
                Ok(()) => (OutboxStatus::Sent, String::new()),
                Err(e) => (OutboxStatus::Failed, e.to_string()),
            };
            crate::db::outbox::record(
                db,
                &OutboxEntry {
                    org_id: &admin.org_id,
                    kind: m.kind,
                    subject_id: &m.user_id,
                    mail: &mail,
                    status,
                    error: &error,
                    created_by: &admin.id,
                },
            )
            .await?;
            sent.is_ok()
        }
    };
    Ok(PasswordLink {
        user_id: m.user_id,
        link: m.link,
        expires_at: m.expires_at,
        emailed,
    })
}

/// Gives account `user_id` `role`.
pub async fn set_role(
    db: &Db,
    admin: &CurrentUser,
    user_id: &str,
    role: Role,
) -> Result<bool, AppError> {
    change_as_admin(db, admin, user_id, AccountChange::Role(role)).await
}

/// Deactivates account `user_id` (its sessions end at once) or reactivates it.
pub async fn set_active(
    db: &Db,
    admin: &CurrentUser,
    user_id: &str,
    active: bool,
) -> Result<bool, AppError> {
    change_as_admin(db, admin, user_id, AccountChange::Active(active)).await
}

/// Applies `change` to account `user_id` on behalf of `admin`.
async fn change_as_admin(
    db: &Db,
    admin: &CurrentUser,
    user_id: &str,
    change: AccountChange,
) -> Result<bool, AppError> {
    require_admin(admin)?;
    crate::db::accounts::change_account(db, &admin.org_id, Some(&admin.id), user_id, change)
        .await
        .map_err(change_error)
}

/// The command line's deactivation and reactivation by email (it acts as
/// nobody, and the last admin is kept all the same). False when there is no
/// such account.
pub async fn set_active_by_email(
    db: &Db,
    org_id: &str,
    email: &str,
    active: bool,
) -> Result<bool, AppError> {
    let Some(id) = crate::db::accounts::id_by_email(db, org_id, email).await? else {
        return Ok(false);
    };
    crate::db::accounts::change_account(db, org_id, None, &id, AccountChange::Active(active))
        .await
        .map_err(change_error)?;
    Ok(true)
}

/// What the live link `token` is for, or `Gone` when it is used, expired,
/// replaced or unknown.
pub async fn link_info(db: &Db, token: &str) -> Result<PasswordLinkFor, AppError> {
    let live = crate::db::accounts::find_live_link(db, &crate::db::ids::token_hash(token))
        .await?
        .ok_or_else(link_gone)?;
    Ok(PasswordLinkFor {
        email: live.email,
        name: live.name,
        invitation: live.purpose == "invite",
    })
}

fn link_gone() -> AppError {
    AppError::Conflict(
        "This link has been used, has expired or was replaced by a newer one. Ask an admin for a new link.".into(),
    )
}

/// Sets the password through the one-time link `token`; the link stops
/// working and every session of the account ends.
pub async fn use_link(db: &Db, token: &str, password: &str) -> Result<String, AppError> {
    let token_hash = crate::db::ids::token_hash(token);
    // Hashing a password is deliberately slow: only for a live link.
    if crate::db::accounts::find_live_link(db, &token_hash)
        .await?
        .is_none()
    {
        return Err(link_gone());
    }
    let hash = crate::password::hash_password(password.to_owned())
        .await
        .map_err(|e| AppError::invalid("password", e.to_string()))?;
    let used = crate::db::accounts::use_link(db, &token_hash, &hash)
        .await?
        .ok_or_else(link_gone)?;
    Ok(used.email)
}

/// Changes `user`'s own password after checking the current one; every
/// other session of the account ends (`keep_session` is the token of the
/// one making the change).
pub async fn change_own_password(
    db: &Db,
    user: &CurrentUser,
    current: &str,
    new: &str,
    keep_session: Option<&str>,
) -> Result<(), AppError> {
    let stored = crate::db::accounts::password_hash_of(db, &user.org_id, &user.id).await?;
    if !crate::password::verify_password(current.to_owned(), stored).await {
        return Err(AppError::invalid(
            "current",
            "this is not your current password",
        ));
    }
    let hash = crate::password::hash_password(new.to_owned())
        .await
        .map_err(|e| AppError::invalid("new_password", e.to_string()))?;
    let keep = keep_session.map(crate::db::ids::token_hash);
    crate::db::accounts::change_own_password(db, &user.org_id, &user.id, &hash, keep.as_deref())
        .await?;
    Ok(())
}
