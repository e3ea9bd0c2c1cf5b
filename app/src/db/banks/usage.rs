//! Which bank questions published guides and scorecards still use, so an
//! import never deletes one of them without being told to.

use crate::model::{GuideQuestion, PublishedGuide, ScorecardContent};
use sqlx::{Any, Row, Transaction};
use std::collections::{BTreeMap, HashMap};

/// Bank question id → what uses it, as shown to people
/// (`published guide "Support lead" v2`, `3 scorecards`).
pub(super) async fn question_usage(
    tx: &mut Transaction<'static, Any>,
    org_id: &str,
) -> Result<HashMap<String, Vec<String>>, sqlx::Error> {
    let guides = sqlx::query("SELECT snapshot_json FROM guide_versions WHERE org_id = $1")
        .bind(org_id)
        .fetch_all(&mut **tx)
        .await?;
    let mut usage: HashMap<String, Vec<String>> = HashMap::new();
    // Guide version id → (guide question id → bank question id).
    let mut bank_ids: HashMap<String, HashMap<String, String>> = HashMap::new();
    for row in &guides {
        let guide: PublishedGuide = decode(&row.try_get::<String, _>("snapshot_json")?)?;
        let questions = guide
            .stages
            .iter()
            .flat_map(|stage| &stage.sections)
            .flat_map(|section| &section.questions)
            .chain(&guide.reference_questions);
        let mut by_guide_question = HashMap::new();
        for GuideQuestion { id, bank_id, .. } in questions {
            let Some(bank_id) = bank_id else { continue };
            by_guide_question.insert(id.clone(), bank_id.clone());
            let label = format!(
                "published guide \"{}\" v{}",
                guide.role_title, guide.version
            );
            let users = usage.entry(bank_id.clone()).or_default();
            if !users.contains(&label) {
                users.push(label);
            }
        }
        bank_ids.insert(guide.id, by_guide_question);
    }

    let scorecards = sqlx::query(
        "SELECT i.guide_version_id, s.content_json
         FROM scorecards s JOIN interviews i ON i.org_id = s.org_id AND i.id = s.interview_id
         WHERE s.org_id = $1",
    )
    .bind(org_id)
    .fetch_all(&mut **tx)
    .await?;
    let mut scorecard_counts: BTreeMap<String, usize> = BTreeMap::new();
    for row in &scorecards {
        let version: String = row.try_get("guide_version_id")?;
        let content: ScorecardContent = decode(&row.try_get::<String, _>("content_json")?)?;
        let Some(questions) = bank_ids.get(&version) else {
            continue;
        };
        for (question, notes) in &content.questions {
            let written = !notes.notes.trim().is_empty() || notes.rating.is_some();
            if let Some(bank_id) = questions.get(question).filter(|_| written) {
                *scorecard_counts.entry(bank_id.clone()).or_default() += 1;
            }
        }
    }
    for (bank_id, count) in scorecard_counts {
        let plural = if count == 1 { "" } else { "s" };
        usage
            .entry(bank_id)
            .or_default()
            .push(format!("notes in {count} scorecard{plural}"));
    }
    Ok(usage)
}

fn decode<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, sqlx::Error> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}
