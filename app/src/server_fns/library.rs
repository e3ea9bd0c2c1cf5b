//! The question library: competencies and their questions, for the people
//! who build guides and read summaries.

use crate::errors::AppError;
use crate::model::{CompetencyOutline, QuestionFilter, QuestionHit, RenderedCompetency};
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;

/// Roles that may browse the library.
#[cfg(feature = "ssr")]
const LIBRARY_ROLES: &[crate::model::Role] = &[
    crate::model::Role::Admin,
    crate::model::Role::Recruiter,
    crate::model::Role::HiringManager,
];

/// Every competency with its key elements, for the library's filters.
#[server(prefix = "/api", endpoint = "list_competencies", output = TextJson)]
pub async fn list_competencies() -> Result<Vec<CompetencyOutline>, AppError> {
    let user = crate::auth::require_role(LIBRARY_ROLES)?;
    let db = crate::state::db()?;
    let competencies = crate::db::banks::list_competencies(&db, &user.org_id)
        .await
        .map_err(internal)?;
    Ok(competencies
        .into_iter()
        .map(|c| CompetencyOutline {
            key_elements: c
                .key_elements
                .iter()
                .map(|k| (k.id.clone(), k.name.clone()))
                .collect(),
            interview_questions: c.interview_questions.len(),
            reference_questions: c.reference_questions.len(),
            id: c.id,
            name: c.name,
        })
        .collect())
}

/// The questions matching `filter`, with their text rendered to safe HTML.
#[server(prefix = "/api", endpoint = "search_library", output = TextJson)]
pub async fn search_library(
    #[server(default)] filter: QuestionFilter,
) -> Result<Vec<QuestionHit>, AppError> {
    let user = crate::auth::require_role(LIBRARY_ROLES)?;
    let db = crate::state::db()?;
    let mut hits = crate::db::banks::search_questions(&db, &user.org_id, &filter, 200).await?;
    for hit in &mut hits {
        hit.text = crate::markdown::to_safe_html(&hit.text);
    }
    Ok(hits)
}

/// One competency with every Markdown field rendered to safe HTML.
#[server(prefix = "/api", endpoint = "get_competency", output = TextJson)]
pub async fn get_competency(id: String) -> Result<RenderedCompetency, AppError> {
    use crate::markdown::to_safe_html;
    let user = crate::auth::require_role(LIBRARY_ROLES)?;
    let db = crate::state::db()?;
    let Some(mut c) = crate::db::banks::find_competency(&db, &user.org_id, &id)
        .await
        .map_err(internal)?
    else {
        return Err(AppError::NotFound);
    };
    c.definition = to_safe_html(&c.definition);
    c.importance = to_safe_html(&c.importance);
    c.qualification_statement = to_safe_html(&c.qualification_statement);
    c.provenance = to_safe_html(&c.provenance);
    for anchor in &mut c.anchors {
        anchor.text = to_safe_html(&anchor.text);
    }
    // What referees rate against: the bank's reference levels, or the
    // generic ones it falls back to, so the page shows what referees see.
    c.reference_anchors = question_bank::Level::ALL
        .into_iter()
        .map(|level| question_bank::Anchor {
            level,
            text: to_safe_html(c.reference_anchor(level)),
        })
        .collect();
    for q in &mut c.interview_questions {
        q.text = to_safe_html(&q.text);
    }
    for q in &mut c.reference_questions {
        q.text = to_safe_html(&q.text);
    }
    Ok(RenderedCompetency(c))
}

#[cfg(feature = "ssr")]
fn internal(err: crate::db::banks::BankStoreError) -> AppError {
    tracing::error!(error = %err, "cannot read the question banks");
    AppError::Internal
}
