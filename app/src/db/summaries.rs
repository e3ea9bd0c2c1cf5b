//! Panel summaries: hiring decisions (append-only, audited) and the reads
//! the summary and the role's rater agreement are assembled from.

use super::{Db, ids, now_ms};
use crate::model::{CompetencyScore, Decision, DecisionKind, QuestionNotes, ScorecardContent};
use sqlx::Row;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// Records a decision on `candidate_id` and its audit entry in one
/// transaction; returns when it was recorded (UTC milliseconds).
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn insert_decision(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
    actor_id: &str,
    decision: DecisionKind,
    rationale: &str,
) -> Result<i64, sqlx::Error> {
    let now = now_ms();
    let id = ids::new_id();
    let mut tx = db
        .begin_write(super::Lock::Candidate {
            org_id,
            candidate_id,
        })
        .await?;
    sqlx::query(
        "INSERT INTO decisions (org_id, id, candidate_id, decision, rationale, decided_by, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(org_id)
    .bind(&id)
    .bind(candidate_id)
    .bind(decision.as_str())
    .bind(rationale)
    .bind(actor_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    // The rationale stays in `decisions`, where an erasure can reach it.
    let detail = serde_json::json!({
        "decision": decision.as_str(),
        "decision_id": id,
    })
    .to_string();
    super::audit::append_in(
        &mut tx,
        &super::audit::AuditEntry {
            org_id,
            actor_id: Some(actor_id),
            action: "candidate.decision",
            subject: candidate_id,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(now)
}

/// Every decision on `candidate_id`, newest first.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn decisions_for_candidate(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
) -> Result<Vec<Decision>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT d.decision, d.rationale, u.name, d.decided_at
         FROM decisions d JOIN users u ON u.org_id = d.org_id AND u.id = d.decided_by
         WHERE d.org_id = $1 AND d.candidate_id = $2
         ORDER BY d.decided_at DESC, d.id DESC",
    )
    .bind(org_id)
    .bind(candidate_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let kind: String = r.try_get("decision")?;
            Ok(Decision {
                decision: DecisionKind::parse(&kind).unwrap_or(DecisionKind::Hold),
                rationale: r.try_get("rationale")?,
                decided_by: r.try_get("name")?,
                decided_at: r.try_get("decided_at")?,
            })
        })
        .collect()
}

/// (interview id, guide version id) of every interview of `candidate_id`.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn interview_guides(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, guide_version_id FROM interviews WHERE org_id = $1 AND candidate_id = $2",
    )
    .bind(org_id)
    .bind(candidate_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("guide_version_id")?)))
        .collect()
}

/// One submitted scorecard of a role, for the agreement statistics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleScorecard {
    /// The candidate scored.
    pub candidate_id: String,
    /// The guide version the interview followed.
    pub guide_version_id: String,
    /// The ratings only: each competency's assessment and each question's
    /// rating, without notes, evidence or summary.
    pub content: ScorecardContent,
}

/// The ratings of every submitted scorecard of `role_id` (drafts are
/// filtered out here, in SQL).
///
/// A role's history grows with every candidate, and decoding all of its
/// scorecards on each view of a summary page is what made that page slow
/// on a large database. So the ratings are kept per process, with what
/// changes whenever a submitted scorecard of the role is added, amended or
/// removed (their count, the sum of their versions and the latest update);
/// a view reads only that (one indexed aggregate) unless it changed. The
/// check runs against the database on every call, so several app servers
/// sharing one database stay correct.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn submitted_for_role(
    db: &Db,
    org_id: &str,
    role_id: &str,
) -> Result<Arc<[RoleScorecard]>, sqlx::Error> {
    /// Ratings by (organization, role), with the fingerprint they match.
    type Cache = Mutex<HashMap<(String, String), (Fingerprint, Arc<[RoleScorecard]>)>>;
    static CACHE: LazyLock<Cache> = LazyLock::new(Default::default);
    /// Roles kept; beyond that the cache starts over.
    const MAX_ROLES: usize = 256;

    let key = (org_id.to_owned(), role_id.to_owned());
    let fingerprint = role_fingerprint(db, org_id, role_id).await?;
    let cached = CACHE
        .lock()
        .ok()
        .and_then(|c| c.get(&key).filter(|(f, _)| *f == fingerprint).cloned());
    if let Some((_, cards)) = cached {
        // Shared, not copied: a role's scorecards are hundreds of decoded
        // contents, and copying them was most of a summary page's time.
        return Ok(cards);
    }
    let cards: Arc<[RoleScorecard]> = load_role_ratings(db, org_id, role_id).await?.into();
    // Stored under the fingerprint read before loading: a scorecard
    // submitted in between changes the fingerprint, so the next view
    // reloads rather than trusting a stale entry.
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() >= MAX_ROLES {
            cache.clear();
        }
        cache.insert(key, (fingerprint, Arc::clone(&cards)));
    }
    Ok(cards)
}

/// What changes when any submitted scorecard of a role does. The role's
/// candidates come first (`CROSS JOIN` fixes that order on SQLite, which
/// keeps no statistics and otherwise walked every scorecard of the
/// organization); the index on scorecards by candidate covers the rest.
type Fingerprint = (i64, i64, i64);

pub(crate) const ROLE_FINGERPRINT: &str =
    "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(s.version), 0) AS BIGINT) AS versions,
       CAST(COALESCE(MAX(s.updated_at), 0) AS BIGINT) AS latest
     FROM candidates c
     CROSS JOIN scorecards s
     WHERE c.org_id = $1 AND c.role_id = $2
       AND s.org_id = c.org_id AND s.candidate_id = c.id AND s.status = 'submitted'";

async fn role_fingerprint(
    db: &Db,
    org_id: &str,
    role_id: &str,
) -> Result<Fingerprint, sqlx::Error> {
    let row = sqlx::query(ROLE_FINGERPRINT)
        .bind(org_id)
        .bind(role_id)
        .fetch_one(db.pool())
        .await?;
    Ok((
        row.try_get("n")?,
        row.try_get("versions")?,
        row.try_get("latest")?,
    ))
}

/// Decodes the ratings of the role's submitted scorecards.
async fn load_role_ratings(
    db: &Db,
    org_id: &str,
    role_id: &str,
) -> Result<Vec<RoleScorecard>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.candidate_id, i.guide_version_id, s.content_json
         FROM candidates c
         CROSS JOIN scorecards s
         JOIN interviews i ON i.org_id = s.org_id AND i.id = s.interview_id
         WHERE c.org_id = $1 AND c.role_id = $2
           AND s.org_id = c.org_id AND s.candidate_id = c.id AND s.status = 'submitted'
         ORDER BY s.candidate_id, s.submitted_at",
    )
    .bind(org_id)
    .bind(role_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let json: String = r.try_get("content_json")?;
            let full: ScorecardContent =
                serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
            Ok(RoleScorecard {
                candidate_id: r.try_get("candidate_id")?,
                guide_version_id: r.try_get("guide_version_id")?,
                content: ratings_only(full),
            })
        })
        .collect()
}

/// `content` without its text: what agreement statistics read.
fn ratings_only(content: ScorecardContent) -> ScorecardContent {
    ScorecardContent {
        questions: content
            .questions
            .into_iter()
            .filter(|(_, q)| q.rating.is_some())
            .map(|(id, q)| {
                let notes = QuestionNotes {
                    rating: q.rating,
                    ..QuestionNotes::default()
                };
                (id, notes)
            })
            .collect(),
        competencies: content
            .competencies
            .into_iter()
            .map(|(id, c)| {
                let score = CompetencyScore {
                    assessment: c.assessment,
                    ..CompetencyScore::default()
                };
                (id, score)
            })
            .collect(),
        ..ScorecardContent::default()
    }
}
