//! Building the snapshot a published version holds.

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

/// The role's profile (with each competency's behavioral and reference
/// anchors and key elements as
/// they stand now) and `guide`, as one snapshot (id and version unset).
#[tracing::instrument(level = "debug", skip_all)]
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
            reference_anchors: c.reference_anchors,
            key_elements: c.key_elements,
        })
        .collect();
    let mut stages = guide.stages;
    mark_bank_versions(db, org_id, &mut stages).await?;
    Ok(PublishedGuide {
        id: String::new(),
        role_id: role.id.clone(),
        role_title: role.input.title.clone(),
        version: 0,
        published_at: 0,
        competencies,
        stages,
        reference_questions: guide.reference_questions,
    })
}

/// Marks each copy of a revised bank question with the version whose text
/// it holds (`services::question_revisions`), so statistics can tell
/// versions apart; a copy whose text matches no version keeps its mark.
async fn mark_bank_versions(
    db: &Db,
    org_id: &str,
    stages: &mut [crate::model::Stage],
) -> Result<(), AppError> {
    let texts = crate::db::question_versions::version_texts(db, org_id).await?;
    if texts.is_empty() {
        return Ok(());
    }
    let questions = stages
        .iter_mut()
        .flat_map(|s| s.sections.iter_mut())
        .flat_map(|s| s.questions.iter_mut());
    for q in questions {
        let Some(versions) = q.bank_id.as_ref().and_then(|id| texts.get(id)) else {
            continue;
        };
        if let Some((version, _)) = versions.iter().rev().find(|(_, text)| *text == q.text) {
            q.bank_version = Some(*version);
        }
    }
    Ok(())
}

/// Renders every Markdown field of `guide` to safe HTML, for display.
pub fn render_html(guide: &mut PublishedGuide) {
    for c in &mut guide.competencies {
        for a in c.anchors.iter_mut().chain(&mut c.reference_anchors) {
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
