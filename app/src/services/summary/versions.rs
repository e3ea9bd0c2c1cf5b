//! Saying when candidates of a role were asked different versions of a
//! revised bank question: a note on the candidate's summary, and per
//! question in the agreement statistics, which then mix versions.

use crate::db::Db;
use crate::db::summaries::RoleScorecard;
use crate::errors::AppError;
use crate::model::{GuideQuestion, PublishedGuide};
use std::collections::{BTreeMap, BTreeSet};

/// The bank questions of `guide`'s stages with the version each asks.
fn bank_versions(guide: &PublishedGuide) -> impl Iterator<Item = (&GuideQuestion, &str, u32)> {
    guide
        .stages
        .iter()
        .flat_map(|s| &s.sections)
        .flat_map(move |section| {
            section.questions.iter().filter_map(move |q| {
                let bank_id = q.bank_id.as_deref()?;
                Some((q, bank_id, q.bank_version.unwrap_or(1)))
            })
        })
}

/// One note per question this candidate's panel was asked in another
/// version than other candidates of the role (with a submitted scorecard):
/// "“Title” (Competency): this candidate's panel was asked v1; other
/// candidates of the role were asked v2."
pub(super) async fn version_notes(
    db: &Db,
    org_id: &str,
    role_id: &str,
    candidate_id: &str,
    asked: &[&PublishedGuide],
) -> Result<Vec<String>, AppError> {
    // Bank question → (title, competency, versions this candidate was asked).
    let mut mine: BTreeMap<String, (String, String, BTreeSet<u32>)> = BTreeMap::new();
    for guide in asked {
        for section in guide.stages.iter().flat_map(|s| &s.sections) {
            for q in &section.questions {
                let Some(bank_id) = &q.bank_id else { continue };
                mine.entry(bank_id.clone())
                    .or_insert_with(|| {
                        (
                            q.title.clone(),
                            guide.competency_name(&section.competency_id).to_owned(),
                            BTreeSet::new(),
                        )
                    })
                    .2
                    .insert(q.bank_version.unwrap_or(1));
            }
        }
    }
    if mine.is_empty() {
        return Ok(Vec::new());
    }
    // The guide versions other candidates were asked, from the role's
    // submitted scorecards that the agreement beside this summary keeps
    // anyway: a query of its own walked every interview of the role.
    let cards = crate::db::summaries::submitted_for_role(db, org_id, role_id).await?;
    let ids: BTreeSet<&str> = cards
        .iter()
        .filter(|c| c.candidate_id != candidate_id)
        .map(|c| c.guide_version_id.as_str())
        .collect();
    let mut others: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    for id in ids {
        // Published versions never change: parsed once per process.
        let guide = crate::services::scorecards::published_guide(db, org_id, id).await?;
        for (_, bank_id, version) in bank_versions(&guide) {
            others
                .entry(bank_id.to_owned())
                .or_default()
                .insert(version);
        }
    }
    let list = |versions: &BTreeSet<u32>| {
        versions
            .iter()
            .map(|v| format!("v{v}"))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    Ok(mine
        .iter()
        .filter_map(|(bank_id, (title, competency, versions))| {
            let other = others.get(bank_id)?;
            (other != versions).then(|| {
                format!(
                    "“{title}” ({competency}): this candidate's panel was asked {}; other candidates of the role were asked {}.",
                    list(versions),
                    list(other)
                )
            })
        })
        .collect())
}

/// Guide question id → bank question and the versions its raters were
/// asked, with how many candidates each (for the agreement rows).
pub(super) fn question_versions(
    cards: &[&RoleScorecard],
    guides: &[PublishedGuide],
) -> BTreeMap<String, (String, Vec<(u32, usize)>)> {
    // Guide question id → (bank id, version → candidates).
    let mut seen: BTreeMap<String, (String, BTreeMap<u32, BTreeSet<&str>>)> = BTreeMap::new();
    for card in cards {
        let Some(guide) = guides.iter().find(|g| g.id == card.guide_version_id) else {
            continue;
        };
        for (q, bank_id, version) in bank_versions(guide) {
            let rated = card
                .content
                .questions
                .get(&q.id)
                .is_some_and(|n| n.rating.is_some());
            if rated {
                seen.entry(q.id.clone())
                    .or_insert_with(|| (bank_id.to_owned(), BTreeMap::new()))
                    .1
                    .entry(version)
                    .or_default()
                    .insert(card.candidate_id.as_str());
            }
        }
    }
    seen.into_iter()
        .map(|(id, (bank_id, versions))| {
            let counts = versions.into_iter().map(|(v, c)| (v, c.len())).collect();
            (id, (bank_id, counts))
        })
        .collect()
}

/// The text of guide question `id` in the newest of `guides` holding it.
pub(super) fn newest_text(guides: &[PublishedGuide], id: &str) -> Option<String> {
    guides
        .iter()
        .filter_map(|g| {
            let q = g
                .stages
                .iter()
                .flat_map(|s| &s.sections)
                .flat_map(|s| &s.questions)
                .find(|q| q.id == id)?;
            Some((g.version, q))
        })
        .max_by_key(|(version, _)| *version)
        .map(|(_, q)| q.text.clone())
}
