//! Rater agreement across a role's candidates: ICC(1) per competency and
//! per question, from the ratings of the role's submitted scorecards.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, LazyLock, Mutex, Weak};

use super::versions;
use crate::db::Db;
use crate::db::summaries::RoleScorecard;
use crate::errors::AppError;
use crate::model::agreement::{AgreementRow, ICC_EXPLANATION, MIN_CANDIDATES, MIN_RATERS};
use crate::model::{Assessment, PublishedGuide, RoleAgreement, RoleCompetency, RoleDetail};

/// ICC(1) per competency and per question across `role`'s candidates,
/// leaving out the candidates in `hidden`.
///
/// Every view of a summary page shows its role's agreement. Computing it
/// loads and decodes the guide version behind every scorecard and groups
/// every rating of the role, which grows with the role's history; yet it
/// changes only when one of the role's submitted scorecards does, or the
/// role's title or profile. So the statistics everyone may see (no
/// candidate hidden) are kept per process beside the scorecards they were
/// computed from, and reused while [`submitted_for_role`] still answers
/// with those very scorecards: it checks the database on every call, so
/// app servers sharing one database stay correct.
///
/// [`submitted_for_role`]: crate::db::summaries::submitted_for_role
pub(super) async fn role_agreement(
    db: &Db,
    org_id: &str,
    role: &RoleDetail,
    hidden: &BTreeSet<String>,
) -> Result<RoleAgreement, AppError> {
    let all = crate::db::summaries::submitted_for_role(db, org_id, &role.id).await?;
    if !hidden.is_empty() {
        return compute(db, org_id, role, &all, hidden).await;
    }
    let key = (org_id.to_owned(), role.id.clone());
    let cached = CACHE.lock().ok().and_then(|c| {
        c.get(&key)
            .filter(|e| Weak::ptr_eq(&e.cards, &Arc::downgrade(&all)) && e.profile.is_of(role))
            .map(|e| e.agreement.clone())
    });
    if let Some(agreement) = cached {
        return Ok(agreement);
    }
    let agreement = compute(db, org_id, role, &all, hidden).await?;
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() >= MAX_ROLES {
            cache.clear();
        }
        cache.insert(
            key,
            Entry {
                cards: Arc::downgrade(&all),
                profile: Profile::of(role),
                agreement: agreement.clone(),
            },
        );
    }
    Ok(agreement)
}

/// Roles whose agreement is kept; beyond that the cache starts over.
const MAX_ROLES: usize = 256;

/// Agreement by (organization, role).
static CACHE: LazyLock<Mutex<HashMap<(String, String), Entry>>> = LazyLock::new(Default::default);

struct Entry {
    /// The scorecards the agreement was computed from: the same allocation
    /// comes back from the scorecard cache only while none changed. Weak, so
    /// that scorecards the cache has let go of are freed; the allocation
    /// itself stays while this points at it, so its address is never reused.
    cards: Weak<[RoleScorecard]>,
    profile: Profile,
    agreement: RoleAgreement,
}

/// What of the role itself the agreement shows.
struct Profile {
    title: String,
    competencies: Vec<RoleCompetency>,
}

impl Profile {
    fn of(role: &RoleDetail) -> Self {
        Self {
            title: role.input.title.clone(),
            competencies: role.competencies.clone(),
        }
    }

    /// Whether `role` still has this title and profile (checked on every
    /// view, so without copying them).
    fn is_of(&self, role: &RoleDetail) -> bool {
        self.title == role.input.title && self.competencies == role.competencies
    }
}

async fn compute(
    db: &Db,
    org_id: &str,
    role: &RoleDetail,
    all: &[RoleScorecard],
    hidden: &BTreeSet<String>,
) -> Result<RoleAgreement, AppError> {
    let cards: Vec<&RoleScorecard> = all
        .iter()
        .filter(|c| !hidden.contains(&c.candidate_id))
        .collect();
    let mut guides: Vec<PublishedGuide> = Vec::new();
    for c in &cards {
        super::load_guide(db, org_id, &c.guide_version_id, &mut guides).await?;
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
    let versions_asked = versions::question_versions(&cards, &guides);
    let mut questions = Vec::new();
    let mut seen = BTreeSet::new();
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
                let mut row = AgreementRow::from_groups(
                    q.id.clone(),
                    q.title.clone(),
                    Some(competency),
                    &groups(by_question.get(&q.id)),
                );
                row.bank_id.clone_from(&q.bank_id);
                if q.bank_id.is_some() {
                    row.competency_id = Some(section.competency_id.clone());
                    row.question_text = versions::newest_text(&guides, &q.id);
                }
                if let Some((_, counts)) = versions_asked.get(&q.id).filter(|(_, c)| c.len() > 1) {
                    row.versions.clone_from(counts);
                }
                questions.push(row);
            }
        }
    }
    let scored: BTreeSet<&str> = cards.iter().map(|c| c.candidate_id.as_str()).collect();
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
        may_act: false,
    })
}
