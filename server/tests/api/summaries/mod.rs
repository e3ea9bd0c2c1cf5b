//! Panel summaries: the page, the PDF and the decision; what each caller
//! may see; names and notes in any script surviving into the PDF's text.

mod combining;
mod pdf;
mod reading;

use crate::fixtures::{panel_guide, person};
use crate::helpers::*;
use app::model::{Decision, PanelSummary, Role, RoleAgreement, TeamRole};
use reqwest::StatusCode;
use serde_json::{Value, json};
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
    let mut tokens = HashMap::new();
    let mut ids = HashMap::new();
    let people: [(&'static str, &str, Role); 8] = [
        ("rita", "Rita Recruiter", Role::Recruiter),
        ("hana", "Hana Hiring", Role::HiringManager),
        ("hugo", "Hugo Elsewhere", Role::HiringManager),
        ("ivan", "Ivan Interviewer", Role::Interviewer),
        ("otto", "Otto Drafter", Role::Interviewer),
        (RATERS[0].0, RATERS[0].1, Role::Interviewer),
        (RATERS[1].0, RATERS[1].1, Role::Interviewer),
        (RATERS[2].0, RATERS[2].1, Role::Interviewer),
    ];
    for (login, name, role) in people {
        let (id, token) = person(&app, login, name, role).await;
        ids.insert(login, id);
        tokens.insert(login, token);
    }
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
pub(super) fn scorecard(cf: &str, tw: &str, notes: &str, recommendation: &str) -> Value {
    json!({
        "questions": {"q1": {"notes": notes, "rating": cf}},
        "competencies": {
            "customer-focus": {"assessment": {"rated": cf}, "evidence": format!("Evidence for {cf}: {notes}"),
                               "behaviors": ["cf-empathizes:0"]},
            "teamwork": {"assessment": {"rated": tw}, "evidence": "Worked well with the panel exercise."}
        },
        "recommendation": recommendation,
        "summary": "**Overall** a clear communicator."
    })
}

impl Fixture {
    pub(super) fn token(&self, who: &str) -> &str {
        &self.tokens[who]
    }

    pub(super) async fn submit(&self, who: &str, content: Value) {
        let _: Value = self
            .app
            .ok(
                "submit_scorecard",
                self.token(who),
                json!({"write": {"interview_id": self.interview_id, "base_version": 0,
                        "idempotency_key": format!("submit-{who}-key"), "content": content}}),
            )
            .await;
    }

    /// Łukasz rates Customer Focus 2, the others 4 and 3: a split.
    pub(super) async fn submit_panel(&self, notes: [&str; 3]) {
        let _: Value = self
            .app
            .ok(
                "save_scorecard",
                self.token("otto"),
                json!({"write": {"interview_id": self.interview_id, "base_version": 0,
                        "idempotency_key": "otto-draft-key",
                        "content": {"questions": {"q1": {"notes": DRAFT_TEXT}}}}}),
            )
            .await;
        let levels = [
            ("Developing", "Independent", "no"),
            ("Advanced", "Advanced", "strong_yes"),
            ("Independent", "Advanced", "yes"),
        ];
        for (i, (login, _)) in RATERS.iter().enumerate() {
            let (cf, tw, rec) = levels[i];
            self.submit(login, scorecard(cf, tw, notes[i], rec)).await;
        }
    }

    pub(super) async fn summary(&self, who: &str) -> PanelSummary {
        self.app
            .ok(
                "get_candidate_summary",
                self.token(who),
                json!({"candidate_id": self.candidate_id}),
            )
            .await
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
        let request_id: String = self
            .app
            .ok(
                "add_referee",
                rita,
                json!({"candidate_id": self.candidate_id, "input": {
                    "name": name, "email": format!("ref{level}@referee.example"), "phone": "+44 20 7946 0000",
                    "relationship": "Manager", "months_worked": 30}}),
            )
            .await;
        let _: Value = self
            .app
            .ok(
                "record_phone_check",
                rita,
                json!({"request_id": request_id, "input": {"called_by": "Rita", "called_at": "",
                    "answers": [{"question_id": "r1", "rating": level, "cant_say": false, "text": text}]}}),
            )
            .await;
    }
}
