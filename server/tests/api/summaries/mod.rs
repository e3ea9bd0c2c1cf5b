//! Panel summaries: the page, the PDF and the decision; what each caller
//! may see; names and notes in any script surviving into the PDF's text.

mod combining;
mod pdf;
mod reading;

use crate::fixtures::{
    self, People, answer, decision, panel_guide, people, referee_input, scorecard_write,
};
use crate::helpers::*;
use app::model::{
    Assessment, CompetencyScore, Decision, DecisionKind, PanelSummary, PhoneCheckInput,
    QuestionNotes, Recommendation, RefereeInput, Role, RoleAgreement, ScorecardContent, TeamRole,
};
use app::server_fns::references::{AddReferee, RecordPhoneCheck};
use app::server_fns::scorecards::{SaveScorecard, SubmitScorecard};
use app::server_fns::summaries::{GetCandidateSummary, GetRoleAgreement};
use question_bank::Level;
use reqwest::StatusCode;
use std::collections::HashMap;

pub(super) const CANDIDATE: &str = "Zoë Nguyễn";
/// Rater login → display name; the panel of the candidate.
pub(super) const RATERS: [(&str, &str); 3] = [
    ("lukasz", "Łukasz Żółć"),
    ("obrien", "O'Brien \"Bob\""),
    ("eleni", "Ελένη Παπαδοπούλου"),
];
/// Text of a draft that must never be shown.
pub(super) const DRAFT_TEXT: &str = "UNSUBMITTED DRAFT NOTE";

/// A role with Customer Focus (required 3) and Teamwork (required 4), a
/// published one-stage guide, a candidate and a panel of four: three who
/// submit and Otto, who only saves a draft. Hana is the role's hiring
/// manager; Hugo hires for other roles; Ivan is an interviewer on no panel.
pub(super) struct Fixture {
    pub(super) app: TestApp,
    pub(super) tokens: HashMap<&'static str, String>,
    pub(super) role_id: String,
    pub(super) candidate_id: String,
    pub(super) interview_id: String,
}

pub(super) async fn fixture(backend: &Backend, candidate_name: &str) -> Fixture {
    let app = spawn_app(backend).await;
    server::banks::import_shipped(&app.db).await.unwrap();
    let cast: [(&'static str, &str, Role); 8] = [
        ("rita", "Rita Recruiter", Role::Recruiter),
        ("hana", "Hana Hiring", Role::HiringManager),
        ("hugo", "Hugo Elsewhere", Role::HiringManager),
        ("ivan", "Ivan Interviewer", Role::Interviewer),
        ("otto", "Otto Drafter", Role::Interviewer),
        (RATERS[0].0, RATERS[0].1, Role::Interviewer),
        (RATERS[1].0, RATERS[1].1, Role::Interviewer),
        (RATERS[2].0, RATERS[2].1, Role::Interviewer),
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
    recruiter
        .publish(&role_id, panel_guide(&["customer-focus", "teamwork"]))
        .await;
    let candidate_id = recruiter
        .candidate(&role_id, candidate_name, "cand@example.org")
        .await;
    let panel =
        ["otto", RATERS[0].0, RATERS[1].0, RATERS[2].0].map(|login| (ids[login].as_str(), &[][..]));
    let interview_id = recruiter
        .schedule(&candidate_id, "panel", 1_900_000_000_000, &panel)
        .await
        .interview_id;
    Fixture {
        app,
        tokens,
        role_id,
        candidate_id,
        interview_id,
    }
}

/// A complete scorecard.
pub(super) fn scorecard(
    cf: Level,
    tw: Level,
    notes: &str,
    recommendation: Recommendation,
) -> ScorecardContent {
    let q1 = QuestionNotes {
        notes: notes.into(),
        rating: Some(cf),
    };
    let customer_focus = CompetencyScore {
        assessment: Assessment::Rated(cf),
        evidence: format!("Evidence for {}: {notes}", cf.name()),
        behaviors: ["cf-empathizes:0".to_owned()].into(),
        ..Default::default()
    };
    let teamwork = CompetencyScore {
        assessment: Assessment::Rated(tw),
        evidence: "Worked well with the panel exercise.".into(),
        ..Default::default()
    };
    ScorecardContent {
        questions: [("q1".to_owned(), q1)].into(),
        competencies: [
            ("customer-focus".to_owned(), customer_focus),
            ("teamwork".to_owned(), teamwork),
        ]
        .into(),
        recommendation: Some(recommendation),
        summary: "**Overall** a clear communicator.".into(),
    }
}

impl Fixture {
    pub(super) fn token(&self, who: &str) -> &str {
        &self.tokens[who]
    }

    pub(super) async fn submit(&self, who: &str, content: ScorecardContent) {
        let key = format!("submit-{who}-key");
        let write = scorecard_write(&self.interview_id, 0, &key, content);
        self.app
            .run(self.token(who), SubmitScorecard { write })
            .await;
    }

    /// Łukasz rates Customer Focus 2, the others 4 and 3: a split.
    pub(super) async fn submit_panel(&self, notes: [&str; 3]) {
        let draft = ScorecardContent {
            questions: [("q1".to_owned(), fixtures::notes(DRAFT_TEXT))].into(),
            ..Default::default()
        };
        let write = scorecard_write(&self.interview_id, 0, "otto-draft-key", draft);
        self.app
            .run(self.token("otto"), SaveScorecard { write })
            .await;
        let levels = [
            (Level::Developing, Level::Independent, Recommendation::No),
            (Level::Advanced, Level::Advanced, Recommendation::StrongYes),
            (Level::Independent, Level::Advanced, Recommendation::Yes),
        ];
        for (i, (login, _)) in RATERS.iter().enumerate() {
            let (cf, tw, rec) = levels[i];
            self.submit(login, scorecard(cf, tw, notes[i], rec)).await;
        }
    }

    /// The request for the candidate's summary.
    pub(super) fn summary_of(&self) -> GetCandidateSummary {
        GetCandidateSummary {
            candidate_id: self.candidate_id.clone(),
        }
    }

    pub(super) async fn summary(&self, who: &str) -> PanelSummary {
        self.app.run(self.token(who), self.summary_of()).await
    }

    /// The request for the role's agreement statistics.
    pub(super) fn agreement_of(&self) -> GetRoleAgreement {
        GetRoleAgreement {
            role_id: self.role_id.clone(),
        }
    }

    pub(super) async fn pdf(&self, who: Option<&str>, paper: &str) -> reqwest::Response {
        self.app
            .get(
                &format!(
                    "/candidates/{}/summary.pdf?paper={paper}",
                    self.candidate_id
                ),
                who.map(|w| self.token(w)),
            )
            .await
    }
}

/// Whitespace collapsed, so text wrapped across lines compares equal.
pub(super) fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Fixture {
    /// A reference taken by phone from `name`, rating Customer Focus `level`.
    pub(super) async fn phone_reference(&self, name: &str, level: u8, text: &str) {
        let rita = self.token("rita");
        let email = format!("ref{level}@referee.example");
        let add = AddReferee {
            candidate_id: self.candidate_id.clone(),
            input: RefereeInput {
                months_worked: 30,
                ..referee_input(name, &email, "+44 20 7946 0000")
            },
        };
        let request_id = self.app.run(rita, add).await;
        let phoned = RecordPhoneCheck {
            request_id,
            input: PhoneCheckInput {
                called_by: "Rita".into(),
                called_at: String::new(),
                answers: vec![answer("r1", Some(level), text)],
            },
        };
        self.app.run(rita, phoned).await;
    }
}
