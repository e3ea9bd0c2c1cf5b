//! Panel summaries: a candidate's summary, the decision on them, and rater
//! agreement across a role.
//!
//! Only admins, recruiters and the hiring managers of the candidate's role
//! may call these; anyone else (interviewers, other hiring managers) is told
//! the candidate does not exist. Summaries hold submitted scorecards only.

use crate::errors::AppError;
use crate::model::{Decision, DecisionInput, PanelSummary, RoleAgreement};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The panel summary of a candidate.
#[server(prefix = "/api", endpoint = "get_candidate_summary", input = Json)]
pub async fn get_candidate_summary(candidate_id: String) -> Result<PanelSummary, AppError> {
    let db = crate::state::db()?;
    let (user, candidate) = ssr::require_reader(&db, &candidate_id).await?;
    let threshold = crate::server_fns::references::settings().aggregate_threshold;
    ssr::load_summary(&db, &user.org_id, &candidate, threshold).await
}

/// Records a decision (hire, no hire, hold) with its rationale; decisions
/// are kept as a history and each is written to the audit log.
#[server(prefix = "/api", endpoint = "record_decision", input = Json)]
pub async fn record_decision(input: DecisionInput) -> Result<Decision, AppError> {
    let db = crate::state::db()?;
    let (user, candidate) = ssr::require_reader(&db, &input.candidate_id).await?;
    let rationale = input.rationale.trim();
    if rationale.is_empty() {
        return Err(crate::auth::invalid(
            "rationale",
            "say why, so the panel and the candidate's file can follow the decision",
        ));
    }
    if rationale.chars().count() > crate::model::summary::MAX_RATIONALE_CHARS {
        return Err(crate::auth::invalid(
            "rationale",
            format!(
                "at most {} characters",
                crate::model::summary::MAX_RATIONALE_CHARS
            ),
        ));
    }
    let decided_at = crate::db::summaries::insert_decision(
        &db,
        &user.org_id,
        &candidate.summary.id,
        &user.id,
        input.decision,
        rationale,
    )
    .await?;
    Ok(Decision {
        decision: input.decision,
        rationale: rationale.to_owned(),
        decided_by: user.name,
        decided_at,
    })
}

/// Rater agreement across a role's candidates: ICC(1) per competency and
/// per question once enough candidates are scored, with question-health notes.
#[server(prefix = "/api", endpoint = "get_role_agreement", input = Json)]
pub async fn get_role_agreement(role_id: String) -> Result<RoleAgreement, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    if !ssr::may_read(&db, &user, &role_id).await? {
        return Err(crate::auth::not_found());
    }
    let role = crate::db::roles::find_role(&db, &user.org_id, &role_id)
        .await?
        .ok_or_else(crate::auth::not_found)?;
    ssr::role_agreement(&db, &user.org_id, &role).await
}

#[cfg(feature = "ssr")]
pub use ssr::{load_summary, may_read};

#[cfg(feature = "ssr")]
mod ssr {
    use crate::db::Db;
    use crate::db::candidates::CandidateRecord;
    use crate::errors::AppError;
    use crate::model::agreement::{AgreementRow, ICC_EXPLANATION, MIN_CANDIDATES, MIN_RATERS};
    use crate::model::summary::{SummaryInput, build};
    use crate::model::{
        Assessment, CurrentUser, PanelSummary, PublishedGuide, ReferenceComment,
        ReferenceCommentAnswer, RoleAgreement, RoleDetail, TeamRole,
    };
    use std::collections::BTreeMap;

    /// The caller and the candidate, if the caller may read the candidate's
    /// summary; a 401 without a session, else a 404 for anything hidden.
    pub async fn require_reader(
        db: &Db,
        candidate_id: &str,
    ) -> Result<(CurrentUser, CandidateRecord), AppError> {
        let user = crate::auth::require_user()?;
        let candidate = crate::db::candidates::find_candidate(db, &user.org_id, candidate_id)
            .await?
            .ok_or_else(crate::auth::not_found)?;
        if !may_read(db, &user, &candidate.summary.role_id).await? {
            return Err(crate::auth::not_found());
        }
        Ok((user, candidate))
    }

    /// Whether `user` may read the summaries of role `role_id`: admins and
    /// recruiters, and hiring managers on the role's team.
    pub async fn may_read(db: &Db, user: &CurrentUser, role_id: &str) -> Result<bool, AppError> {
        if user.has_role(crate::auth::MANAGERS) {
            return Ok(true);
        }
        if !user.has_role(&[crate::model::Role::HiringManager]) {
            return Ok(false);
        }
        let parts = crate::db::roles::team_roles_of(db, &user.org_id, role_id, &user.id).await?;
        Ok(parts.contains(&TeamRole::HiringManager))
    }

    /// Assembles the summary of `candidate` from submitted scorecards, the
    /// guide versions they followed, references and decisions. The caller
    /// must have been checked with [`may_read`].
    pub async fn load_summary(
        db: &Db,
        org_id: &str,
        candidate: &CandidateRecord,
        threshold: usize,
    ) -> Result<PanelSummary, AppError> {
        let candidate_id = &candidate.summary.id;
        let role_id = &candidate.summary.role_id;
        let scorecards =
            crate::db::scorecards::submitted_for_candidate(db, org_id, candidate_id, None).await?;
        let interview_guides =
            crate::db::summaries::interview_guides(db, org_id, candidate_id).await?;
        let profile = crate::db::guides::latest_version(db, org_id, role_id).await?;
        let mut guides: Vec<PublishedGuide> = profile.iter().cloned().collect();
        let mut version_of = Vec::with_capacity(scorecards.len());
        for s in &scorecards {
            let version = interview_guides
                .iter()
                .find(|(i, _)| *i == s.interview_id)
                .map(|(_, v)| v.clone())
                .ok_or(AppError::Internal)?;
            load_guide(db, org_id, &version, &mut guides).await?;
            version_of.push(version);
        }
        let paired: Vec<(crate::model::SubmittedScorecard, &PublishedGuide)> = scorecards
            .into_iter()
            .zip(&version_of)
            .filter_map(|(s, v)| guides.iter().find(|g| &g.id == v).map(|g| (s, g)))
            .collect();
        let references = crate::server_fns::references::aggregate_for_candidate(
            db,
            org_id,
            candidate_id,
            threshold,
        )
        .await?;
        let reference_comments = reference_comments(db, org_id, candidate).await?;
        let decisions =
            crate::db::summaries::decisions_for_candidate(db, org_id, candidate_id).await?;
        Ok(build(
            SummaryInput {
                candidate_id,
                candidate_name: &candidate.summary.name,
                role_id,
                role_title: &candidate.role_title,
                profile: profile.as_ref(),
                scorecards: &paired,
                references: &references,
                reference_comments,
                decisions,
                now: crate::db::now_ms(),
            },
            &crate::markdown::to_safe_html,
        ))
    }

    async fn load_guide(
        db: &Db,
        org_id: &str,
        version: &str,
        guides: &mut Vec<PublishedGuide>,
    ) -> Result<(), AppError> {
        if !guides.iter().any(|g| g.id == version)
            && let Some(g) = crate::db::guides::find_version(db, org_id, version).await?
        {
            guides.push(g);
        }
        Ok(())
    }

    /// The submitted references of `candidate` with their answers.
    async fn reference_comments(
        db: &Db,
        org_id: &str,
        candidate: &CandidateRecord,
    ) -> Result<Vec<ReferenceComment>, AppError> {
        let records =
            crate::db::references::list_for_candidate(db, org_id, &candidate.summary.id).await?;
        let mut guides = Vec::new();
        let mut out = Vec::new();
        for r in records.iter().filter(|r| r.times.submitted_at.is_some()) {
            let Some(version) = &r.guide_version_id else {
                continue;
            };
            load_guide(db, org_id, version, &mut guides).await?;
            let Some(guide) = guides.iter().find(|g| &g.id == version) else {
                continue;
            };
            let questions = crate::server_fns::references::answers::question_views(
                guide,
                &candidate.summary.name,
            );
            let answers = crate::server_fns::references::answers::answered(&questions, &r.answers)
                .into_iter()
                .map(|a| ReferenceCommentAnswer {
                    competency: a.question.competency_name,
                    question: a.question.title,
                    rating: a.answer.rating,
                    cant_say: a.answer.cant_say,
                    text: a.answer.text,
                })
                .collect();
            out.push(ReferenceComment {
                referee: r.referee.name.clone(),
                relationship: r.referee.relationship.label().to_owned(),
                months_worked: r.referee.months_worked,
                by_phone: r.phone.is_some(),
                answers,
            });
        }
        Ok(out)
    }

    /// ICC(1) per competency and per question across `role`'s candidates.
    pub async fn role_agreement(
        db: &Db,
        org_id: &str,
        role: &RoleDetail,
    ) -> Result<RoleAgreement, AppError> {
        let cards = crate::db::summaries::submitted_for_role(db, org_id, &role.id).await?;
        let mut guides: Vec<PublishedGuide> = Vec::new();
        for c in &cards {
            load_guide(db, org_id, &c.guide_version_id, &mut guides).await?;
        }
        // competency or question id → candidate id → levels.
        type Groups = BTreeMap<String, BTreeMap<String, Vec<u8>>>;
        let mut by_competency: Groups = BTreeMap::new();
        let mut by_question: Groups = BTreeMap::new();
        for c in &cards {
            for (id, score) in &c.content.competencies {
                if let Assessment::Rated(level) = score.assessment {
                    by_competency
                        .entry(id.clone())
                        .or_default()
                        .entry(c.candidate_id.clone())
                        .or_default()
                        .push(level.as_u8());
                }
            }
            for (id, q) in &c.content.questions {
                if let Some(level) = q.rating {
                    by_question
                        .entry(id.clone())
                        .or_default()
                        .entry(c.candidate_id.clone())
                        .or_default()
                        .push(level.as_u8());
                }
            }
        }
        let groups = |m: Option<&BTreeMap<String, Vec<u8>>>| -> Vec<Vec<u8>> {
            m.map(|m| m.values().cloned().collect()).unwrap_or_default()
        };
        let competencies: Vec<AgreementRow> = role
            .competencies
            .iter()
            .map(|c| {
                AgreementRow::from_groups(
                    c.competency_id.clone(),
                    c.name.clone(),
                    None,
                    &groups(by_competency.get(&c.competency_id)),
                )
            })
            .collect();
        let mut questions = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for g in &guides {
            for section in g.stages.iter().flat_map(|s| s.sections.iter()) {
                for q in &section.questions {
                    if !by_question.contains_key(&q.id) || !seen.insert(q.id.clone()) {
                        continue;
                    }
                    let competency = g
                        .competency(&section.competency_id)
                        .map(|c| c.name.clone())
                        .unwrap_or_else(|| section.competency_id.clone());
                    questions.push(AgreementRow::from_groups(
                        q.id.clone(),
                        q.title.clone(),
                        Some(competency),
                        &groups(by_question.get(&q.id)),
                    ));
                }
            }
        }
        let scored: std::collections::BTreeSet<&str> =
            cards.iter().map(|c| c.candidate_id.as_str()).collect();
        let enough_data = competencies
            .iter()
            .chain(&questions)
            .any(|r| r.candidates >= MIN_CANDIDATES);
        Ok(RoleAgreement {
            role_id: role.id.clone(),
            role_title: role.input.title.clone(),
            candidates_scored: scored.len(),
            enough_data,
            explanation: format!(
                "{ICC_EXPLANATION} Reported once {MIN_CANDIDATES} candidates have {MIN_RATERS} or more ratings."
            ),
            competencies,
            questions,
        })
    }
}
