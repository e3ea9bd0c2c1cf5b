//! Acting on the question-health notes: retiring and revising bank
//! questions, and reading their history. Thin: the rules are in
//! `services::question_revisions`.

use crate::errors::AppError;
use crate::model::{
    QuestionActionReport, QuestionHistory, RetireQuestionInput, ReviseQuestionInput,
};
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Retires a bank question from future guide versions (admins and
/// recruiters), with a reason.
#[server(prefix = "/api", endpoint = "retire_question", input = Json, output = TextJson)]
pub async fn retire_question(input: RetireQuestionInput) -> Result<QuestionActionReport, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    crate::services::question_revisions::retire(&db, &user, &input).await
}

/// Revises a bank question's text (admins and recruiters), with a reason:
/// a new version in the bank's history.
#[server(prefix = "/api", endpoint = "revise_question", input = Json, output = TextJson)]
pub async fn revise_question(input: ReviseQuestionInput) -> Result<QuestionActionReport, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    crate::services::question_revisions::revise(&db, &user, &input).await
}

/// The versions and retirements of a competency's questions.
#[server(prefix = "/api", endpoint = "get_question_histories", input = Json, output = TextJson)]
pub async fn get_question_histories(
    competency_id: String,
) -> Result<Vec<QuestionHistory>, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    crate::services::question_revisions::histories_for(&db, &user, &competency_id).await
}
