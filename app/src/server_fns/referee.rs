//! Reference checks, the referee's side: public endpoints authenticated by
//! the one-time link's token alone.
//!
//! Every call is rate limited per client address and answers with
//! `Referrer-Policy: no-referrer`. Reading the form never uses the token up;
//! only submitting or declining closes it, each exactly once. Tokens are
//! never logged: they are hashed at once and only the hash is used.

use crate::errors::AppError;
use crate::model::{RefereeForm, ReferenceAnswer};
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The referee's form: who asks about whom, and, while it is open, the
/// questions and the saved draft. Opening it (but not a HEAD request) is
/// noted as the first visit.
#[server(prefix = "/api", endpoint = "load_referee_form", input = Json, output = TextJson)]
pub async fn load_referee_form(token: String) -> Result<RefereeForm, AppError> {
    use crate::model::RefereeFormState;
    let (db, hash) = ssr::guard(&token).await?;
    let link = crate::db::references::find_by_token(&db, &hash)
        .await?
        .ok_or_else(crate::auth::not_found)?;
    let now = crate::db::now_ms();
    let request = &link.request;
    let state = if request.times.submitted_at.is_some() {
        RefereeFormState::Submitted
    } else if request.times.declined_at.is_some() {
        RefereeFormState::Declined
    } else if !request.is_open(now) {
        RefereeFormState::Expired
    } else {
        RefereeFormState::Open
    };
    let (mut questions, mut draft) = (Vec::new(), Vec::new());
    if state == RefereeFormState::Open {
        let is_head =
            use_context::<http::request::Parts>().is_some_and(|p| p.method == http::Method::HEAD);
        if !is_head && request.times.opened_at.is_none() {
            crate::db::references::mark_opened(&db, &hash).await?;
        }
        questions = ssr::questions(&db, &link).await?;
        draft = request
            .answers
            .iter()
            .filter(|a| questions.iter().any(|q| q.id == a.question_id))
            .cloned()
            .collect();
    }
    Ok(RefereeForm {
        state,
        org_name: link.org_name,
        requester_name: link.requester_name,
        requester_email: link.requester_email,
        candidate_name: link.candidate_name,
        role_title: link.role_title,
        referee_name: link.request.referee.name.clone(),
        relationship: link.request.referee.relationship,
        consented: link.request.consented_at.is_some(),
        expires_at: link.request.times.expires_at.unwrap_or_default(),
        consent_text: crate::services::retention::consent_text(&db, &link.org_id).await?,
        aggregate_threshold: crate::settings::references().aggregate_threshold,
        questions,
        draft,
    })
}

/// The referee agrees to the consent statement and starts answering.
#[server(prefix = "/api", endpoint = "referee_consent", input = Json, output = TextJson)]
pub async fn referee_consent(token: String) -> Result<(), AppError> {
    let (db, hash) = ssr::guard(&token).await?;
    if crate::db::references::consent(&db, &hash).await? {
        Ok(())
    } else {
        Err(ssr::why_closed(&db, &hash).await)
    }
}

/// Saves the referee's draft; questions may be left unanswered.
#[server(prefix = "/api", endpoint = "referee_save_draft", input = Json, output = TextJson)]
pub async fn referee_save_draft(
    token: String,
    answers: Vec<ReferenceAnswer>,
) -> Result<(), AppError> {
    let (db, hash) = ssr::guard(&token).await?;
    let answers = ssr::checked(&db, &hash, &answers, false).await?;
    if crate::db::references::save_draft(&db, &hash, &answers).await? {
        Ok(())
    } else {
        Err(ssr::why_closed(&db, &hash).await)
    }
}

/// Submits the answers. Final: accepted once, however many submissions race;
/// afterwards the link only says thank you.
#[server(prefix = "/api", endpoint = "referee_submit", input = Json, output = TextJson)]
pub async fn referee_submit(token: String, answers: Vec<ReferenceAnswer>) -> Result<(), AppError> {
    let (db, hash) = ssr::guard(&token).await?;
    let link = crate::db::references::find_by_token(&db, &hash)
        .await?
        .ok_or_else(crate::auth::not_found)?;
    let answers = ssr::checked(&db, &hash, &answers, true).await?;
    let ip_hash = crate::db::ids::token_hash(&format!(
        "{}|{}",
        link.request.candidate_id,
        ssr::client_ip()
    ));
    if crate::db::references::submit(&db, &hash, &answers, &ip_hash).await? {
        Ok(())
    } else {
        Err(ssr::why_closed(&db, &hash).await)
    }
}

/// The referee declines to give a reference, optionally saying why.
#[server(prefix = "/api", endpoint = "referee_decline", input = Json, output = TextJson)]
pub async fn referee_decline(token: String, reason: String) -> Result<(), AppError> {
    let (db, hash) = ssr::guard(&token).await?;
    if reason.chars().count() > 2_000 {
        return Err(crate::auth::invalid("reason", "at most 2,000 characters"));
    }
    if crate::db::references::decline(&db, &hash, &reason).await? {
        Ok(())
    } else {
        Err(ssr::why_closed(&db, &hash).await)
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::auth::not_found;
    use crate::db::Db;
    use crate::db::references::RefereeLink;
    use crate::errors::AppError;
    use crate::model::{ReferenceAnswer, ReferenceQuestionView};
    use crate::services::references::answers;
    use leptos::prelude::*;

    /// Sets the referrer policy, counts the call against the client's rate
    /// limit, and returns the pool and the token's hash. A token of the
    /// wrong shape is simply not found.
    pub async fn guard(token: &str) -> Result<(Db, String), AppError> {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            // The page's address holds the token: never send it on.
            res.insert_header(
                http::header::REFERRER_POLICY,
                http::HeaderValue::from_static("no-referrer"),
            );
        }
        let db = crate::state::db()?;
        let limit = crate::settings::references().referee_rate_per_minute;
        if !crate::db::rate_limits::hit(&db, &format!("referee:{}", client_ip()), limit, 60_000)
            .await?
        {
            return Err(AppError::TooManyRequests {
                retry_after_secs: crate::db::rate_limits::retry_after_secs(60_000),
            });
        }
        if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(not_found());
        }
        Ok((db, crate::db::ids::token_hash(&token.to_ascii_lowercase())))
    }

    /// The caller's network address (behind a trusted proxy, the client's), or `unknown`.
    pub fn client_ip() -> String {
        crate::state::client_addr().map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
    }

    /// The questions of the link's guide, the candidate's name filled in.
    pub async fn questions(
        db: &Db,
        link: &RefereeLink,
    ) -> Result<Vec<ReferenceQuestionView>, AppError> {
        let Some(version) = &link.request.guide_version_id else {
            return Ok(Vec::new());
        };
        let guide = crate::db::guides::find_version(db, &link.org_id, version).await?;
        Ok(guide
            .map(|g| answers::question_views(&g, &link.candidate_name))
            .unwrap_or_default())
    }

    /// `answers` checked against the link's questions.
    pub async fn checked(
        db: &Db,
        hash: &str,
        answers: &[ReferenceAnswer],
        complete: bool,
    ) -> Result<Vec<ReferenceAnswer>, AppError> {
        let link = crate::db::references::find_by_token(db, hash)
            .await?
            .ok_or_else(not_found)?;
        if !link.request.is_open(crate::db::now_ms()) {
            return Err(closed(&link));
        }
        let questions = questions(db, &link).await?;
        Ok(answers::check_answers(&questions, answers, complete)?)
    }

    /// Why a change to the link was refused.
    pub async fn why_closed(db: &Db, hash: &str) -> AppError {
        match crate::db::references::find_by_token(db, hash).await {
            Ok(Some(link)) => closed(&link),
            Ok(None) => not_found(),
            Err(e) => e.into(),
        }
    }

    fn closed(link: &RefereeLink) -> AppError {
        let times = &link.request.times;
        let message = if times.submitted_at.is_some() {
            "These answers were already submitted. Thank you!"
        } else if times.declined_at.is_some() {
            "You declined this reference request."
        } else if !link.request.is_open(crate::db::now_ms()) {
            "This link has expired."
        } else {
            return crate::auth::invalid(
                "consent",
                "please read and accept the consent statement first",
            );
        };
        AppError::Conflict(message.into())
    }
}
