//! Reference checks, the recruiter's side: adding referees, inviting them,
//! recording phone checks, reviewing fraud signals and reading the answers.
//!
//! Referee identities and individual answers go only to admins, recruiters
//! and the hiring managers of the candidate's role; combined ratings per
//! competency only once enough references answered (see [`aggregate`]).

use crate::errors::AppError;
use crate::model::{
    CandidateReferences, InviteResult, PhoneCheckInput, RefereeInput, ReferenceAggregate,
    ReferenceQuestionView,
};
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use crate::services::references::{answers, invitation, requests, signals};

/// The referees of a candidate with their status, answers, fraud signals and
/// the combined ratings.
#[server(prefix = "/api", endpoint = "list_references", input = Json, output = TextJson)]
pub async fn list_references(candidate_id: String) -> Result<CandidateReferences, AppError> {
    let db = crate::state::db()?;
    let (user, candidate) = requests::require_candidate_reader(&db, &candidate_id).await?;
    let settings = crate::settings::references();
    let loaded = crate::services::references::load(&db, &user.org_id, &candidate).await?;
    let now = crate::db::now_ms();
    let reviews =
        crate::db::references::latest_signal_reviews(&db, &user.org_id, &candidate_id).await?;
    let mut signals = signals::compute(&candidate.summary.email, &loaded.records);
    for s in &mut signals {
        s.review = reviews
            .iter()
            .find(|(k, _)| *k == s.key)
            .map(|(_, r)| r.clone());
    }
    let mut reminded =
        crate::services::reminders::views::for_candidate(&db, &user.org_id, &candidate_id).await?;
    let requests = loaded
        .records
        .iter()
        .zip(&loaded.questions)
        .map(|(r, questions)| crate::model::ReferenceRequestView {
            id: r.id.clone(),
            referee: r.referee.clone(),
            status: r.times.status(now),
            overdue: r.times.is_overdue(now),
            times: r.times,
            send_count: r.send_count,
            decline_reason: r.decline_reason.clone(),
            phone: r.phone.clone(),
            answers: if r.times.submitted_at.is_some() {
                answers::answered(questions, &r.answers)
            } else {
                Vec::new()
            },
            reminded: reminded.remove(&(r.id.clone(), String::new())),
        })
        .collect();
    Ok(CandidateReferences {
        candidate_name: candidate.summary.name.clone(),
        requests,
        signals,
        aggregate: loaded.aggregate(settings.aggregate_threshold),
        mail_configured: settings.mailer.is_some(),
        questions_ready: loaded
            .latest
            .as_ref()
            .is_some_and(|g| !g.reference_questions.is_empty()),
        can_manage: user.has_role(crate::auth::MANAGERS),
    })
}

/// The candidate's reference ratings per competency, combined; empty until
/// the configured number of references answered.
#[server(prefix = "/api", endpoint = "reference_summary", input = Json, output = TextJson)]
pub async fn reference_summary(candidate_id: String) -> Result<ReferenceAggregate, AppError> {
    let db = crate::state::db()?;
    let (user, candidate) = requests::require_candidate_reader(&db, &candidate_id).await?;
    let loaded = crate::services::references::load(&db, &user.org_id, &candidate).await?;
    Ok(loaded.aggregate(crate::settings::references().aggregate_threshold))
}

/// Adds a referee to a candidate; returns the reference request's id.
#[server(prefix = "/api", endpoint = "add_referee", input = Json, output = TextJson)]
pub async fn add_referee(candidate_id: String, input: RefereeInput) -> Result<String, AppError> {
    let user = crate::auth::require_manager()?;
    input.check()?;
    let db = crate::state::db()?;
    let candidate = crate::db::candidates::find_candidate(&db, &user.org_id, &candidate_id)
        .await?
        .ok_or_else(crate::auth::not_found)?;
    crate::services::access::require_not_erased(&candidate)?;
    let id =
        crate::db::references::insert_request(&db, &user.org_id, &candidate_id, &input, &user.id)
            .await?;
    Ok(id)
}

/// Sends a referee a new one-time link, by mail when configured, else
/// returns it for the recruiter to send. Any earlier link stops working.
#[server(prefix = "/api", endpoint = "send_reference_invitation", input = Json, output = TextJson)]
pub async fn send_reference_invitation(request_id: String) -> Result<InviteResult, AppError> {
    let user = crate::auth::require_manager()?;
    let db = crate::state::db()?;
    invitation::invite(&db, &user, &crate::settings::references(), &request_id).await
}

/// The questions to ask a referee on the phone: those of the guide their
/// link uses, else of the role's latest published guide.
#[server(prefix = "/api", endpoint = "reference_questions", input = Json, output = TextJson)]
pub async fn reference_questions(
    request_id: String,
) -> Result<Vec<ReferenceQuestionView>, AppError> {
    let user = crate::auth::require_manager()?;
    let db = crate::state::db()?;
    let (_, candidate, guide) =
        requests::request_with_guide(&db, &user.org_id, &request_id).await?;
    Ok(answers::question_views(&guide, &candidate.summary.name))
}

/// Records a reference taken by phone, on the same questions and scale as
/// the referee's form. Final, like a submission.
#[server(prefix = "/api", endpoint = "record_phone_check", input = Json, output = TextJson)]
pub async fn record_phone_check(
    request_id: String,
    input: PhoneCheckInput,
) -> Result<(), AppError> {
    use crate::auth::invalid;
    let user = crate::auth::require_manager()?;
    let db = crate::state::db()?;
    let (request, candidate, guide) =
        requests::request_with_guide(&db, &user.org_id, &request_id).await?;
    if request.times.submitted_at.is_some() {
        return Err(AppError::Conflict(
            "This reference was already submitted; it cannot be recorded again.".into(),
        ));
    }
    let called_by = input.called_by.trim();
    if called_by.is_empty() || called_by.chars().count() > 200 {
        return Err(invalid(
            "called_by",
            "say who made the call (at most 200 characters)",
        ));
    }
    let now = crate::db::now_ms();
    let called_at = if input.called_at.trim().is_empty() {
        now
    } else {
        match crate::model::parse_utc(&input.called_at) {
            Some(t) if t <= now + 5 * 60_000 => t,
            Some(_) => return Err(invalid("called_at", "the call cannot be in the future")),
            None => return Err(invalid("called_at", "use the form YYYY-MM-DD HH:MM (UTC)")),
        }
    };
    let questions = answers::question_views(&guide, &candidate.summary.name);
    let answers = answers::check_answers(&questions, &input.answers, true)?;
    let phone = crate::db::references::PhoneRecord {
        guide_version_id: &guide.id,
        called_by,
        called_at,
        answers: &answers,
        actor_id: &user.id,
    };
    if crate::db::references::record_phone_check(&db, &user.org_id, &request_id, &phone).await? {
        Ok(())
    } else {
        Err(AppError::Conflict(
            "This reference was submitted meanwhile; reload to see it.".into(),
        ))
    }
}

/// Marks a fraud signal of a candidate's references as reviewed, with a note
/// on what was checked.
#[server(prefix = "/api", endpoint = "review_reference_signal", input = Json, output = TextJson)]
pub async fn review_reference_signal(
    candidate_id: String,
    signal_key: String,
    note: String,
) -> Result<(), AppError> {
    use crate::auth::invalid;
    let user = crate::auth::require_manager()?;
    let note = note.trim();
    if note.is_empty() || note.chars().count() > 2_000 {
        return Err(invalid(
            "note",
            "write what you checked (at most 2,000 characters)",
        ));
    }
    let db = crate::state::db()?;
    let candidate = crate::db::candidates::find_candidate(&db, &user.org_id, &candidate_id)
        .await?
        .ok_or_else(crate::auth::not_found)?;
    crate::services::access::require_not_erased(&candidate)?;
    let records =
        crate::db::references::list_for_candidate(&db, &user.org_id, &candidate_id).await?;
    if !signals::compute(&candidate.summary.email, &records)
        .iter()
        .any(|s| s.key == signal_key)
    {
        return Err(invalid(
            "signal",
            "there is no such signal for this candidate; reload the page",
        ));
    }
    crate::db::references::add_signal_review(
        &db,
        &user.org_id,
        &candidate_id,
        &signal_key,
        note,
        &user.id,
    )
    .await?;
    Ok(())
}
