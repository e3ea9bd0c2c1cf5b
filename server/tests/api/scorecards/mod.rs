//! Scorecards: autosave with versions and idempotency keys, submission and
//! its lock, amendments in the audit log, and who may see what.

mod batches;
mod erasure;
mod history;
mod pages;
mod reading;
mod saving;
mod submitting;

use crate::fixtures::{self, People, Wire, people};
use crate::helpers::*;
use app::model::{
    Assessment, CompetencyScore, Guide, GuideQuestion, GuideQuestionKind, MyInterview,
    QuestionNotes, Recommendation, Role, ScorecardContent, ScorecardStatus, ScorecardWrite,
    ScoringSheet, Section, Stage, SubmittedScorecard, TeamRole, WriteAck, WriteConflict,
    WriteOutcome,
};
use app::server_fns::scorecards::{
    ListMyInterviews, ListSubmittedScorecards, LoadScorecard, SaveScorecard, SubmitScorecard,
};
use leptos::server_fn::ServerFn;
use question_bank::Level;
use reqwest::StatusCode;
use std::collections::{BTreeMap, HashMap};

/// A published guide with a screen and a panel stage, one candidate, and
/// two interviews: the screen (Ivan) and the panel (Ivan on Customer Focus,
/// Iris on everything). Otto is an interviewer on neither; Hana is the
/// role's hiring manager, Hugo a hiring manager of other roles.
pub(super) struct Fixture {
    pub(super) app: TestApp,
    pub(super) tokens: HashMap<&'static str, String>,
    pub(super) candidate_id: String,
    pub(super) screen_id: String,
    pub(super) panel_id: String,
}

pub(super) fn question(id: &str, competency: &str) -> GuideQuestion {
    GuideQuestion {
        text: format!("Tell me about **{id}**."),
        probes: vec!["What did you do next?".into()],
        listen_for: vec!["Specifics".into()],
        ..fixtures::question(id, competency, GuideQuestionKind::Custom)
    }
}

fn section(id: &str, competency: &str, minutes: u32, questions: &[&str]) -> Section {
    Section {
        id: id.into(),
        competency_id: competency.into(),
        minutes,
        questions: questions.iter().map(|q| question(q, competency)).collect(),
    }
}

pub(super) async fn fixture(backend: &Backend) -> Fixture {
    let app = spawn_app(backend).await;
    server::banks::import_shipped(&app.db).await.unwrap();
    let cast = [
        ("rita", "rita", Role::Recruiter),
        ("ada", "ada", Role::Admin),
        ("ivan", "ivan", Role::Interviewer),
        ("iris", "iris", Role::Interviewer),
        ("otto", "otto", Role::Interviewer),
        ("hana", "hana", Role::HiringManager),
        ("hugo", "hugo", Role::HiringManager),
    ];
    let People { ids, tokens } = people(&app, &cast).await;
    let recruiter = app.recruiter(&tokens["rita"]);
    let role_id = recruiter.role("Support Lead").await;
    recruiter
        .profile(&role_id, &[("customer-focus", 3, 3), ("teamwork", 4, 2)])
        .await;
    recruiter
        .team(&role_id, &[(&ids["hana"], TeamRole::HiringManager)])
        .await;
    let guide = Guide {
        stages: vec![
            Stage {
                id: "screen".into(),
                name: "Phone screen".into(),
                sections: vec![section("s0", "customer-focus", 10, &["q0"])],
            },
            Stage {
                id: "panel".into(),
                name: "Panel".into(),
                sections: vec![
                    section("s1", "customer-focus", 20, &["q1", "q2"]),
                    section("s2", "teamwork", 15, &["q3"]),
                ],
            },
        ],
        reference_questions: Vec::new(),
    };
    recruiter.publish(&role_id, guide).await;
    let candidate_id = recruiter
        .candidate(&role_id, "Carla Candidate", "carla@example.org")
        .await;
    let at = 1_900_000_000_000;
    let screen = recruiter
        .schedule(&candidate_id, "screen", at, &[(&ids["ivan"], &[])])
        .await;
    let panel = recruiter
        .schedule(
            &candidate_id,
            "panel",
            at,
            &[(&ids["ivan"], &["customer-focus"]), (&ids["iris"], &[])],
        )
        .await;
    Fixture {
        app,
        tokens,
        candidate_id,
        screen_id: screen.interview_id,
        panel_id: panel.interview_id,
    }
}

/// A complete scorecard for someone focused on Customer Focus only.
pub(super) fn complete() -> ScorecardContent {
    let q1 = QuestionNotes {
        rating: Some(Level::Advanced),
        ..fixtures::notes("Calmed an angry customer, *then* fixed the root cause.")
    };
    let cf = CompetencyScore {
        behaviors: ["cf-empathizes:0".to_owned()].into(),
        ..rated(Level::Independent, "Clear story, owned the outcome.")
    };
    ScorecardContent {
        questions: [("q1".to_owned(), q1)].into(),
        competencies: [("customer-focus".to_owned(), cf)].into(),
        recommendation: Some(Recommendation::Yes),
        summary: "Solid.".into(),
    }
}

/// A competency rated at `level` with `evidence`.
pub(super) fn rated(level: Level, evidence: &str) -> CompetencyScore {
    CompetencyScore {
        assessment: Assessment::Rated(level),
        evidence: evidence.into(),
        ..Default::default()
    }
}

/// A competency deliberately not assessed, for `reason`.
pub(super) fn not_assessed(reason: &str) -> CompetencyScore {
    CompetencyScore {
        assessment: Assessment::NotAssessed,
        not_assessed_reason: reason.into(),
        ..Default::default()
    }
}

/// Scores by competency id.
pub(super) fn scores<const N: usize>(
    entries: [(&str, CompetencyScore); N],
) -> BTreeMap<String, CompetencyScore> {
    entries
        .into_iter()
        .map(|(id, score)| (id.to_owned(), score))
        .collect()
}

pub(super) fn write(
    interview_id: &str,
    base_version: i64,
    key: &str,
    content: ScorecardContent,
) -> ScorecardWrite {
    fixtures::scorecard_write(interview_id, base_version, key, content)
}

/// Notes on the first question and nothing else.
pub(super) fn notes(text: &str) -> ScorecardContent {
    ScorecardContent {
        questions: [("q1".to_owned(), fixtures::notes(text))].into(),
        ..Default::default()
    }
}

impl Fixture {
    pub(super) fn token(&self, who: &str) -> &str {
        &self.tokens[who]
    }

    /// Calls server function `F` as `who` and returns the raw response.
    pub(super) async fn attempt<F>(&self, who: &str, args: &F) -> reqwest::Response
    where
        F: ServerFn + serde::Serialize,
        F::Protocol: Wire,
    {
        self.app.attempt(Some(self.token(who)), args).await
    }

    pub(super) async fn save(
        &self,
        who: &str,
        interview: &str,
        base: i64,
        key: &str,
        content: ScorecardContent,
    ) -> WriteOutcome {
        let write = write(interview, base, key, content);
        self.app.run(self.token(who), SaveScorecard { write }).await
    }

    pub(super) async fn submit(&self, who: &str, write: ScorecardWrite) -> WriteOutcome {
        self.app
            .run(self.token(who), SubmitScorecard { write })
            .await
    }

    pub(super) async fn sheet(&self, who: &str, interview: &str) -> ScoringSheet {
        let interview_id = interview.into();
        self.app
            .run(self.token(who), LoadScorecard { interview_id })
            .await
    }

    pub(super) async fn my_interviews(&self, who: &str) -> Vec<MyInterview> {
        self.app
            .run(self.token(who), ListMyInterviews { page: None })
            .await
    }

    pub(super) fn submitted_of(&self, interview: Option<&str>) -> ListSubmittedScorecards {
        ListSubmittedScorecards {
            candidate_id: self.candidate_id.clone(),
            interview_id: interview.map(str::to_owned),
        }
    }

    pub(super) async fn submitted(&self, who: &str, interview: Option<&str>) -> reqwest::Response {
        self.attempt(who, &self.submitted_of(interview)).await
    }
}

pub(super) fn saved(outcome: WriteOutcome) -> WriteAck {
    match outcome {
        WriteOutcome::Saved(ack) => ack,
        WriteOutcome::Conflict(c) => panic!("expected a save, got {c:?}"),
    }
}

pub(super) fn conflict(outcome: WriteOutcome) -> WriteConflict {
    match outcome {
        WriteOutcome::Conflict(c) => c,
        WriteOutcome::Saved(ack) => panic!("expected a conflict, got {ack:?}"),
    }
}

/// Runs the futures concurrently (a tiny `join_all`, to need no extra crate).
pub(super) async fn futures_join_all<F: Future>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<F::Output> {
    let mut set = Vec::new();
    for f in futures {
        set.push(f);
    }
    let mut pinned: Vec<std::pin::Pin<Box<F>>> = set.into_iter().map(Box::pin).collect();
    let mut out: Vec<Option<F::Output>> = pinned.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in pinned.iter_mut().enumerate() {
            if out[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => out[i] = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    out.into_iter().map(|o| o.unwrap()).collect()
}
