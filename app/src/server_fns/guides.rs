//! Interview and reference-check guides: editing the draft, previewing,
//! publishing versions.

use crate::errors::AppError;
use crate::model::{Guide, GuideDraft, PublishedGuide};
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The draft guide of a role.
#[server(prefix = "/api", endpoint = "get_guide_draft", input = Json, output = TextJson)]
pub async fn get_guide_draft(role_id: String) -> Result<GuideDraft, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_role_reader(&db, &role_id).await?;
    crate::db::guides::load_draft(&db, &user.org_id, &role_id)
        .await?
        .ok_or_else(crate::auth::not_found)
}

/// Saves the draft if nobody saved since `revision`; returns the new revision.
#[server(prefix = "/api", endpoint = "save_guide_draft", input = Json, output = TextJson)]
pub async fn save_guide_draft(
    role_id: String,
    revision: i64,
    guide: Guide,
) -> Result<i64, AppError> {
    use crate::db::guides::SaveDraftError;
    let user = crate::auth::require_manager()?;
    let db = crate::state::db()?;
    let role = crate::db::roles::find_role(&db, &user.org_id, &role_id)
        .await?
        .ok_or_else(crate::auth::not_found)?;
    let profile: Vec<&str> = role
        .competencies
        .iter()
        .map(|c| c.competency_id.as_str())
        .collect();
    if let Err((field, message)) = rules::check_draft(&guide, &profile) {
        return Err(crate::auth::invalid(&field, message));
    }
    match crate::db::guides::save_draft(&db, &user.org_id, &role_id, revision, &guide, &user.id).await {
        Ok(revision) => Ok(revision),
        Err(SaveDraftError::Conflict) => Err(crate::auth::refuse(AppError::Conflict(
            "Someone else saved this guide since you opened it. Reload to see their changes; your edits are still on this page.".into(),
        ))),
        Err(SaveDraftError::NotFound) => Err(crate::auth::not_found()),
        Err(SaveDraftError::Db(e)) => Err(e.into()),
    }
}

/// Publishes the draft at `revision` as the role's next guide version: the
/// question texts and the competencies' anchors are copied in, so later edits
/// of the draft or the banks never change interviews held on it. Refused
/// with 409 when the draft changed meanwhile, or when nothing changed since
/// the latest version (no new version is made; the message says so).
#[server(prefix = "/api", endpoint = "publish_guide", input = Json, output = TextJson)]
pub async fn publish_guide(role_id: String, revision: i64) -> Result<i64, AppError> {
    let user = crate::auth::require_manager()?;
    let db = crate::state::db()?;
    let role = crate::db::roles::find_role(&db, &user.org_id, &role_id)
        .await?
        .ok_or_else(crate::auth::not_found)?;
    let draft = crate::db::guides::load_draft(&db, &user.org_id, &role_id)
        .await?
        .ok_or_else(crate::auth::not_found)?;
    if draft.revision != revision {
        return Err(crate::auth::refuse(AppError::Conflict(
            "The guide changed since you opened it. Reload, check it, then publish.".into(),
        )));
    }
    let profile: Vec<&str> = role
        .competencies
        .iter()
        .map(|c| c.competency_id.as_str())
        .collect();
    if let Err((field, message)) = rules::check_publishable(&draft.guide, &profile) {
        return Err(crate::auth::invalid(&field, message));
    }
    let snapshot = snapshot::build(&db, &user.org_id, &role, draft.guide).await?;
    use crate::db::guides::PublishError;
    match crate::db::guides::publish(&db, &user.org_id, snapshot, revision, &user.id).await {
        Ok(published) => Ok(published.version),
        Err(PublishError::NotFound) => Err(crate::auth::not_found()),
        Err(PublishError::Stale) => Err(crate::auth::refuse(AppError::Conflict(
            "The guide changed since you opened it. Reload, check it, then publish.".into(),
        ))),
        Err(PublishError::Unchanged(version)) => {
            Err(crate::auth::refuse(AppError::Conflict(format!(
                "Nothing changed since version {version} was published, so no new version was made."
            ))))
        }
        Err(PublishError::Db(e)) => Err(e.into()),
    }
}

/// The competencies of a role's profile as in the bank, with their questions
/// in Markdown, for picking questions into the guide.
#[server(prefix = "/api", endpoint = "get_bank_competencies", input = Json, output = TextJson)]
pub async fn get_bank_competencies(
    role_id: String,
) -> Result<Vec<question_bank::Competency>, AppError> {
    let user = crate::auth::require_manager()?;
    let db = crate::state::db()?;
    let role = crate::db::roles::find_role(&db, &user.org_id, &role_id)
        .await?
        .ok_or_else(crate::auth::not_found)?;
    snapshot::profile_competencies(&db, &user.org_id, &role).await
}

/// The draft guide exactly as an interviewer will see it once published:
/// the same snapshot publishing makes, with Markdown rendered to safe HTML.
#[server(prefix = "/api", endpoint = "preview_guide", input = Json, output = TextJson)]
pub async fn preview_guide(role_id: String) -> Result<PublishedGuide, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_role_reader(&db, &role_id).await?;
    let role = crate::db::roles::find_role(&db, &user.org_id, &role_id)
        .await?
        .ok_or_else(crate::auth::not_found)?;
    let draft = crate::db::guides::load_draft(&db, &user.org_id, &role_id)
        .await?
        .ok_or_else(crate::auth::not_found)?;
    let mut guide = snapshot::build(&db, &user.org_id, &role, draft.guide).await?;
    snapshot::render_html(&mut guide);
    Ok(guide)
}

/// The latest published guide of a role, if any.
#[server(prefix = "/api", endpoint = "get_published_guide", input = Json, output = TextJson)]
pub async fn get_published_guide(role_id: String) -> Result<Option<PublishedGuide>, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_role_reader(&db, &role_id).await?;
    Ok(crate::db::guides::latest_version(&db, &user.org_id, &role_id).await?)
}

/// Renders Markdown to safe HTML, for previews while writing questions and notes.
#[server(prefix = "/api", endpoint = "preview_markdown", input = Json, output = TextJson)]
pub async fn preview_markdown(markdown: String) -> Result<String, AppError> {
    crate::auth::require_user()?;
    if markdown.len() > 100_000 {
        return Err(crate::auth::invalid(
            "markdown",
            "at most 100,000 characters",
        ));
    }
    crate::markdown::check("markdown", &markdown)?;
    Ok(crate::markdown::render(markdown).await)
}

/// Building the snapshot a published version holds.
#[cfg(feature = "ssr")]
pub mod snapshot {
    use crate::db::Db;
    use crate::errors::AppError;
    use crate::markdown::to_safe_html;
    use crate::model::{CompetencySnapshot, Guide, PublishedGuide, RoleDetail};

    /// The bank models of the role's profile competencies, in profile order.
    pub async fn profile_competencies(
        db: &Db,
        org_id: &str,
        role: &RoleDetail,
    ) -> Result<Vec<question_bank::Competency>, AppError> {
        let mut out = Vec::with_capacity(role.competencies.len());
        for rc in &role.competencies {
            let c = crate::db::banks::find_competency(db, org_id, &rc.competency_id)
                .await
                .map_err(|e| {
                    tracing::error!(error = %e, "cannot read a competency");
                    AppError::Internal
                })?
                .ok_or(AppError::Internal)?;
            out.push(c);
        }
        Ok(out)
    }

    /// The role's profile (with each competency's anchors and key elements as
    /// they stand now) and `guide`, as one snapshot (id and version unset).
    pub async fn build(
        db: &Db,
        org_id: &str,
        role: &RoleDetail,
        guide: Guide,
    ) -> Result<PublishedGuide, AppError> {
        let bank = profile_competencies(db, org_id, role).await?;
        let competencies = role
            .competencies
            .iter()
            .zip(bank)
            .map(|(rc, c)| CompetencySnapshot {
                id: c.id,
                name: c.name,
                required_level: rc.required_level,
                weight: rc.weight,
                anchors: c.anchors,
                key_elements: c.key_elements,
            })
            .collect();
        Ok(PublishedGuide {
            id: String::new(),
            role_id: role.id.clone(),
            role_title: role.input.title.clone(),
            version: 0,
            published_at: 0,
            competencies,
            stages: guide.stages,
            reference_questions: guide.reference_questions,
        })
    }

    /// Renders every Markdown field of `guide` to safe HTML, for display.
    pub fn render_html(guide: &mut PublishedGuide) {
        for c in &mut guide.competencies {
            for a in &mut c.anchors {
                a.text = to_safe_html(&a.text);
            }
        }
        for stage in &mut guide.stages {
            for section in &mut stage.sections {
                for q in &mut section.questions {
                    q.text = to_safe_html(&q.text);
                }
            }
        }
        for q in &mut guide.reference_questions {
            q.text = to_safe_html(&q.text);
        }
    }
}

/// What a draft and a publishable guide must satisfy. Errors name the field
/// as people see it ("Stage 2, section 1: minutes").
#[cfg(feature = "ssr")]
pub mod rules {
    use crate::model::{Guide, GuideQuestion};
    use std::collections::HashSet;

    type Problem = (String, String);

    /// Checks sizes, names, ids and that sections assess the role's competencies.
    pub fn check_draft(guide: &Guide, profile: &[&str]) -> Result<(), Problem> {
        let mut ids = HashSet::new();
        if guide.stages.len() > 10 {
            return Err(("stages".into(), "a guide can have at most 10 stages".into()));
        }
        for (si, stage) in guide.stages.iter().enumerate() {
            let at = format!("Stage {}", si + 1);
            unique(&mut ids, &stage.id, &at)?;
            if stage.name.trim().is_empty() || stage.name.chars().count() > 100 {
                return Err((
                    format!("{at}: name"),
                    "a stage needs a name of at most 100 characters".into(),
                ));
            }
            if stage.sections.len() > 20 {
                return Err((at, "a stage can have at most 20 sections".into()));
            }
            for (ci, section) in stage.sections.iter().enumerate() {
                let at = format!("Stage {}, section {}", si + 1, ci + 1);
                unique(&mut ids, &section.id, &at)?;
                if !profile.contains(&section.competency_id.as_str()) {
                    return Err((
                        format!("{at}: competency"),
                        format!(
                            "{} is not in the role's competency profile",
                            section.competency_id
                        ),
                    ));
                }
                if !(1..=240).contains(&section.minutes) {
                    return Err((format!("{at}: minutes"), "minutes must be 1 to 240".into()));
                }
                if section.questions.len() > 20 {
                    return Err((at, "a section can have at most 20 questions".into()));
                }
                for (qi, q) in section.questions.iter().enumerate() {
                    check_question(&mut ids, q, &format!("{at}, question {}", qi + 1))?;
                }
            }
        }
        if guide.reference_questions.len() > 30 {
            return Err((
                "Reference questions".into(),
                "at most 30 reference-check questions".into(),
            ));
        }
        for (qi, q) in guide.reference_questions.iter().enumerate() {
            let at = format!("Reference question {}", qi + 1);
            check_question(&mut ids, q, &at)?;
            if !profile.contains(&q.competency_id.as_str()) {
                return Err((
                    format!("{at}: competency"),
                    format!(
                        "{} is not in the role's competency profile",
                        q.competency_id
                    ),
                ));
            }
        }
        Ok(())
    }

    /// [`check_draft`], plus: at least one stage, and no empty stage or section.
    pub fn check_publishable(guide: &Guide, profile: &[&str]) -> Result<(), Problem> {
        check_draft(guide, profile)?;
        if guide.stages.is_empty() {
            return Err((
                "stages".into(),
                "add at least one stage before publishing".into(),
            ));
        }
        for (si, stage) in guide.stages.iter().enumerate() {
            if stage.sections.is_empty() {
                return Err((
                    format!("Stage {}", si + 1),
                    "add at least one section before publishing".into(),
                ));
            }
            for (ci, section) in stage.sections.iter().enumerate() {
                if section.questions.is_empty() {
                    return Err((
                        format!("Stage {}, section {}", si + 1, ci + 1),
                        "add at least one question before publishing".into(),
                    ));
                }
            }
        }
        Ok(())
    }

    fn unique(ids: &mut HashSet<String>, id: &str, at: &str) -> Result<(), Problem> {
        if id.is_empty() || id.len() > 64 || !ids.insert(id.to_owned()) {
            return Err((
                at.to_owned(),
                "internal id is missing or repeated; reload the page".into(),
            ));
        }
        Ok(())
    }

    fn check_question(
        ids: &mut HashSet<String>,
        q: &GuideQuestion,
        at: &str,
    ) -> Result<(), Problem> {
        unique(ids, &q.id, at)?;
        if q.title.trim().is_empty() || q.title.chars().count() > 200 {
            return Err((
                format!("{at}: title"),
                "a question needs a title of at most 200 characters".into(),
            ));
        }
        if q.text.trim().is_empty() || q.text.len() > 10_000 {
            return Err((
                format!("{at}: text"),
                "a question needs text (at most 10,000 characters)".into(),
            ));
        }
        crate::markdown::check_limits(&q.text)
            .map_err(|e| (format!("{at}: text"), e.to_string()))?;
        if q.probes.len() > 20 || q.listen_for.len() > 20 {
            return Err((
                format!("{at}: probes"),
                "at most 20 probes and 20 listen-for points".into(),
            ));
        }
        Ok(())
    }
}
