//! Reference-check rules (server only): the questions a referee is asked,
//! checking their answers, combining ratings per competency, and the fraud
//! signals worth a second look.

pub mod aggregate;
pub mod answers;
pub mod invitation;
pub mod requests;
pub mod signals;

use crate::db::Db;
use crate::db::candidates::CandidateRecord;
use crate::db::references::RequestRecord;
use crate::errors::AppError;
use crate::model::{PublishedGuide, ReferenceAggregate, ReferenceQuestionView};

/// A candidate's requests with the questions each was asked.
pub struct Loaded {
    pub records: Vec<RequestRecord>,
    /// Per record, the questions of its guide (empty if none yet).
    pub questions: Vec<Vec<ReferenceQuestionView>>,
    pub latest: Option<PublishedGuide>,
}

impl Loaded {
    /// The combined ratings of the submitted references.
    pub fn aggregate(&self, threshold: usize) -> ReferenceAggregate {
        let submitted: Vec<aggregate::Answered<'_>> = self
            .records
            .iter()
            .zip(&self.questions)
            .filter(|(r, _)| r.times.submitted_at.is_some())
            .map(|(r, q)| (q.as_slice(), r.answers.as_slice()))
            .collect();
        aggregate::aggregate(&submitted, threshold)
    }
}

/// The requests of `candidate`, each with the questions of its guide.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn load(db: &Db, org_id: &str, candidate: &CandidateRecord) -> Result<Loaded, AppError> {
    let records =
        crate::db::references::list_for_candidate(db, org_id, &candidate.summary.id).await?;
    let latest = crate::db::guides::latest_version(db, org_id, &candidate.summary.role_id).await?;
    let mut guides: Vec<PublishedGuide> = latest.iter().cloned().collect();
    let mut questions = Vec::with_capacity(records.len());
    for r in &records {
        let Some(version) = &r.guide_version_id else {
            questions.push(Vec::new());
            continue;
        };
        if !guides.iter().any(|g| &g.id == version)
            && let Some(g) = crate::db::guides::find_version(db, org_id, version).await?
        {
            guides.push(g);
        }
        questions.push(
            guides
                .iter()
                .find(|g| &g.id == version)
                .map(|g| answers::question_views(g, &candidate.summary.name))
                .unwrap_or_default(),
        );
    }
    Ok(Loaded {
        records,
        questions,
        latest,
    })
}

/// The candidate's combined reference ratings, for screens (e.g. the panel
/// summary) that have already checked the caller.
#[tracing::instrument(level = "debug", skip_all, fields(candidate_id = %candidate_id))]
pub async fn aggregate_for_candidate(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
    threshold: usize,
) -> Result<ReferenceAggregate, AppError> {
    let candidate = crate::db::candidates::find_candidate(db, org_id, candidate_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(load(db, org_id, &candidate).await?.aggregate(threshold))
}
