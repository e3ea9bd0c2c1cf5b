//! Retiring and revising bank questions from the question-health notes:
//! guides get the change in a new version, interviews not yet started move
//! to it, rated interviews and their summaries stay as they were, and the
//! summary and statistics say when candidates were asked different versions.

mod acting;
mod revising;

use crate::fixtures::{People, people, scorecard_write};
use crate::helpers::*;
use app::db::users::DEFAULT_ORG;
use app::model::{
    Assessment, CompetencyScore, Guide, GuideQuestion, GuideQuestionKind, PanelSummary,
    QuestionActionReport, QuestionNotes, Recommendation, RetireQuestionInput, ReviseQuestionInput,
    Role, ScorecardContent, ScoringSheet, Section, Stage, TeamRole,
};
use app::server_fns::questions::{RetireQuestion, ReviseQuestion};
use app::server_fns::scorecards::{LoadScorecard, SaveScorecard, SubmitScorecard};
use app::server_fns::summaries::GetCandidateSummary;
use question_bank::Level;
use std::collections::HashMap;

/// The bank question the tests revise.
pub(super) const REVISED: &str = "cf-q-learning-customer-needs";
/// The bank question the tests retire.
pub(super) const RETIRED: &str = "cf-q-overcommitment";

/// A role whose published guide (v1) asks two Customer Focus bank
/// questions (`g1` = [`REVISED`], `g2` = [`RETIRED`]) and one custom
/// Teamwork question; Ana interviewed and rated by two raters, Ben
/// scheduled and not started, Cleo scheduled with a draft saved.
pub(super) struct World {
    pub(super) app: TestApp,
    pub(super) tokens: HashMap<&'static str, String>,
    pub(super) role_id: String,
    /// Candidate → (candidate id, interview id).
    pub(super) candidates: HashMap<&'static str, (String, String)>,
}

pub(super) async fn world(backend: &Backend) -> World {
    let app = spawn_app(backend).await;
    server::banks::import_shipped(&app.db).await.unwrap();
    let cast: [(&'static str, &str, Role); 8] = [
        ("rita", "Rita Recruiter", Role::Recruiter),
        ("ada", "Ada Admin", Role::Admin),
        ("hana", "Hana Hiring", Role::HiringManager),
        ("ivan", "Ivan Interviewer", Role::Interviewer),
        ("r1", "Rater One", Role::Interviewer),
        ("r2", "Rater Two", Role::Interviewer),
        ("r3", "Rater Three", Role::Interviewer),
        ("r4", "Rater Four", Role::Interviewer),
    ];
    let People { ids, tokens } = people(&app, &cast).await;
    let recruiter = app.recruiter(&tokens["rita"]);
    let role_id = recruiter.role("Support Lead").await;
    recruiter
        .profile(&role_id, &[("customer-focus", 3, 3), ("teamwork", 3, 2)])
        .await;
    recruiter
        .team(&role_id, &[(&ids["hana"], TeamRole::HiringManager)])
        .await;
    recruiter.publish(&role_id, guide(&app).await).await;
    let mut candidates = HashMap::new();
    let panels: [(&'static str, &[&str]); 3] =
        [("Ana", &["r1", "r2"]), ("Ben", &["r3"]), ("Cleo", &["r4"])];
    for (i, (name, panel)) in panels.into_iter().enumerate() {
        let candidate = recruiter
            .candidate(
                &role_id,
                name,
                &format!("{}@example.org", name.to_lowercase()),
            )
            .await;
        let panel: Vec<(&str, &[&str])> = panel
            .iter()
            .map(|login| (ids[login].as_str(), &[][..]))
            .collect();
        let interview = recruiter
            .schedule(&candidate, "panel", 1_900_000_000_000 + i as i64, &panel)
            .await
            .interview_id;
        candidates.insert(name, (candidate, interview));
    }
    let w = World {
        app,
        tokens,
        role_id,
        candidates,
    };
    w.submit("Ana", "r1", Level::Independent).await;
    w.submit("Ana", "r2", Level::Advanced).await;
    let draft = ScorecardContent {
        summary: "Started".into(),
        ..Default::default()
    };
    let write = scorecard_write(&w.interview("Cleo"), 0, "cleo-draft", draft);
    w.app.run(w.token("r4"), SaveScorecard { write }).await;
    w
}

/// Copies of two Customer Focus bank questions and a custom Teamwork one.
async fn guide(app: &TestApp) -> Guide {
    let cf = app::db::banks::find_competency(&app.db, DEFAULT_ORG, "customer-focus")
        .await
        .unwrap()
        .unwrap();
    let from_bank = |guide_id: &str, bank_id: &str| {
        let q = cf
            .interview_questions
            .iter()
            .find(|q| q.id == bank_id)
            .unwrap();
        GuideQuestion {
            id: guide_id.into(),
            bank_id: Some(bank_id.into()),
            bank_version: None,
            kind: GuideQuestionKind::Behavioral,
            competency_id: "customer-focus".into(),
            title: q.title.clone(),
            text: q.text.clone(),
            probes: q.probes.clone(),
            listen_for: q.listen_for.clone(),
        }
    };
    let custom = GuideQuestion {
        title: "Helping a colleague".into(),
        ..crate::fixtures::question("g3", "teamwork", GuideQuestionKind::Custom)
    };
    Guide {
        stages: vec![Stage {
            id: "panel".into(),
            name: "Panel".into(),
            sections: vec![
                Section {
                    id: "s1".into(),
                    competency_id: "customer-focus".into(),
                    minutes: 20,
                    questions: vec![from_bank("g1", REVISED), from_bank("g2", RETIRED)],
                },
                Section {
                    id: "s2".into(),
                    competency_id: "teamwork".into(),
                    minutes: 10,
                    questions: vec![custom],
                },
            ],
        }],
        reference_questions: vec![crate::fixtures::question(
            "r1",
            "customer-focus",
            GuideQuestionKind::Reference,
        )],
    }
}

/// A complete scorecard rating every competency and the questions of the
/// sheet at `level`.
pub(super) fn content(sheet: &ScoringSheet, level: Level) -> ScorecardContent {
    let questions = sheet
        .sections
        .iter()
        .flat_map(|s| &s.questions)
        .map(|q| {
            let notes = QuestionNotes {
                notes: format!("Notes on {}", q.title),
                rating: Some(level),
            };
            (q.id.clone(), notes)
        })
        .collect();
    let competencies = sheet
        .competencies
        .iter()
        .map(|c| {
            let score = CompetencyScore {
                assessment: Assessment::Rated(level),
                evidence: format!("Evidence on {}", c.name),
                ..Default::default()
            };
            (c.id.clone(), score)
        })
        .collect();
    ScorecardContent {
        questions,
        competencies,
        recommendation: Some(Recommendation::Yes),
        summary: "A clear communicator.".into(),
    }
}

impl World {
    pub(super) fn token(&self, who: &str) -> &str {
        &self.tokens[who]
    }

    pub(super) fn interview(&self, candidate: &str) -> String {
        self.candidates[candidate].1.clone()
    }

    pub(super) fn candidate(&self, candidate: &str) -> String {
        self.candidates[candidate].0.clone()
    }

    /// The scoring sheet `who` sees for `candidate`'s interview.
    pub(super) async fn sheet(&self, candidate: &str, who: &str) -> ScoringSheet {
        let interview_id = self.interview(candidate);
        self.app
            .run(self.token(who), LoadScorecard { interview_id })
            .await
    }

    /// `who` submits a complete scorecard on `candidate` at `level`.
    pub(super) async fn submit(&self, candidate: &str, who: &str, level: Level) {
        let sheet = self.sheet(candidate, who).await;
        let key = format!("submit-{candidate}-{who}");
        let write = scorecard_write(&self.interview(candidate), 0, &key, content(&sheet, level));
        self.app
            .run(self.token(who), SubmitScorecard { write })
            .await;
    }

    /// `candidate`'s summary as Hana (the hiring manager) reads it, with
    /// the time it was assembled cleared so two readings compare.
    pub(super) async fn summary(&self, candidate: &str) -> PanelSummary {
        let candidate_id = self.candidate(candidate);
        let mut s: PanelSummary = self
            .app
            .run(self.token("hana"), GetCandidateSummary { candidate_id })
            .await;
        s.generated_at = 0;
        s
    }

    /// The text of `candidate`'s summary PDF.
    pub(super) async fn pdf_text(&self, candidate: &str) -> String {
        let path = format!(
            "/candidates/{}/summary.pdf?paper=a4",
            self.candidate(candidate)
        );
        let res = self.app.get(&path, Some(self.token("hana"))).await;
        assert!(res.status().is_success(), "{}", res.status());
        pdf_text(&res.bytes().await.unwrap())
    }

    pub(super) async fn retire(
        &self,
        who: &str,
        question: &str,
        reason: &str,
    ) -> reqwest::Response {
        let input = RetireQuestionInput {
            question_id: question.into(),
            reason: reason.into(),
        };
        self.app
            .attempt(Some(self.token(who)), &RetireQuestion { input })
            .await
    }

    pub(super) async fn revise(
        &self,
        who: &str,
        question: &str,
        text: &str,
        reason: &str,
    ) -> reqwest::Response {
        let input = ReviseQuestionInput {
            question_id: question.into(),
            text: text.into(),
            reason: reason.into(),
        };
        self.app
            .attempt(Some(self.token(who)), &ReviseQuestion { input })
            .await
    }
}

/// The report of a successful action.
pub(super) async fn report(res: reqwest::Response) -> QuestionActionReport {
    let status = res.status();
    let text = res.text().await.unwrap();
    assert!(status.is_success(), "{status}: {text}");
    serde_json::from_str(&text).unwrap()
}

/// Asserts a 422 naming `field`.
pub(super) async fn assert_invalid(res: reqwest::Response, field: &str) {
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, reqwest::StatusCode::UNPROCESSABLE_ENTITY, "{text}");
    assert!(
        text.contains(&format!(r#""field":"{field}""#)),
        "{field}: {text}"
    );
}

/// The bank question ids the sheet asks.
pub(super) fn asked(sheet: &ScoringSheet) -> Vec<String> {
    sheet
        .sections
        .iter()
        .flat_map(|s| &s.questions)
        .map(|q| q.id.clone())
        .collect()
}
