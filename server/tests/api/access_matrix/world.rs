//! The world every access-matrix row runs in: one role with a published
//! guide, a candidate interviewed by a panel of two (one submitted, one still
//! drafting), people in every account role on and off the role's team, a
//! submitted reference and a pending one whose one-time link a referee holds.

use crate::fixtures::{panel_guide, person};
use crate::helpers::*;
use app::model::{Role, TeamRole};
use serde_json::{Value, json};
use std::collections::HashMap;

/// Who calls, in the order of a row's outcome string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// No session, and no referee link.
    Anonymous,
    /// An interviewer on the panel who has submitted.
    SeatedSubmitted,
    /// An interviewer on the panel who has only saved a draft.
    SeatedDraft,
    /// An interviewer on no panel of this candidate.
    Unseated,
    /// A recruiter.
    Recruiter,
    /// A hiring manager on the role's team.
    TeamManager,
    /// A hiring manager of other roles.
    OtherManager,
    /// An admin.
    Admin,
    /// No session, but holding a referee's one-time link.
    Referee,
}

impl Caller {
    pub const ALL: [Caller; 9] = [
        Caller::Anonymous,
        Caller::SeatedSubmitted,
        Caller::SeatedDraft,
        Caller::Unseated,
        Caller::Recruiter,
        Caller::TeamManager,
        Caller::OtherManager,
        Caller::Admin,
        Caller::Referee,
    ];

    fn login(self) -> Option<(&'static str, Role)> {
        Some(match self {
            Caller::Anonymous | Caller::Referee => return None,
            Caller::SeatedSubmitted => ("sam", Role::Interviewer),
            Caller::SeatedDraft => ("otto", Role::Interviewer),
            Caller::Unseated => ("ivan", Role::Interviewer),
            Caller::Recruiter => ("rita", Role::Recruiter),
            Caller::TeamManager => ("hana", Role::HiringManager),
            Caller::OtherManager => ("hugo", Role::HiringManager),
            Caller::Admin => ("ada", Role::Admin),
        })
    }
}

/// The fixture's ids and sessions.
pub struct World {
    pub app: TestApp,
    tokens: HashMap<&'static str, String>,
    pub user_ids: HashMap<&'static str, String>,
    pub role_id: String,
    pub candidate_id: String,
    pub interview_id: String,
    /// A reference request not yet answered, and its link's token.
    pub pending_request_id: String,
    pub referee_token: String,
    /// The guide draft's revision after publishing.
    pub revision: i64,
}

pub fn question(id: &str, competency: &str, kind: &str) -> Value {
    json!({"id": id, "bank_id": null, "kind": kind, "competency_id": competency,
           "title": format!("Question {id}"), "text": "Tell me about a time {candidate} helped.",
           "probes": [], "listen_for": []})
}

/// A scorecard that passes every submit check.
pub fn complete_scorecard() -> Value {
    json!({
        "questions": {"q1": {"notes": "Clear example with numbers.", "rating": "Independent"}},
        "competencies": {
            "customer-focus": {"assessment": {"rated": "Independent"}, "evidence": "Followed up unprompted."}
        },
        "recommendation": "yes",
        "summary": "Solid."
    })
}

impl World {
    /// Builds the world on `backend`.
    pub async fn build(backend: &Backend) -> World {
        let app = spawn_app(backend).await;
        server::banks::import_shipped(&app.db).await.unwrap();
        let mut tokens = HashMap::new();
        let mut user_ids = HashMap::new();
        for caller in Caller::ALL {
            let Some((login, role)) = caller.login() else {
                continue;
            };
            let (id, token) = person(&app, login, login, role).await;
            tokens.insert(login, token);
            user_ids.insert(login, id);
        }
        let rita = tokens["rita"].clone();
        let recruiter = app.recruiter(&rita);
        let role_id = recruiter.role("Support Lead").await;
        recruiter
            .profile(&role_id, &[("customer-focus", 3, 1)])
            .await;
        recruiter
            .team(&role_id, &[(&user_ids["hana"], TeamRole::HiringManager)])
            .await;
        let (revision, _) = recruiter
            .publish(&role_id, panel_guide(&["customer-focus"]))
            .await;
        let candidate_id = recruiter
            .candidate(&role_id, "Zoë Park", "zoe@cand.example")
            .await;
        let interview_id = recruiter
            .schedule(
                &candidate_id,
                "panel",
                1_900_000_000_000,
                &[&user_ids["sam"], &user_ids["otto"]],
            )
            .await
            .interview_id;
        let world = World {
            app,
            tokens,
            user_ids,
            role_id,
            candidate_id,
            interview_id,
            pending_request_id: String::new(),
            referee_token: String::new(),
            revision,
        };
        world.seat_writes().await;
        world.with_references().await
    }

    /// Sam submits; Otto saves a draft.
    async fn seat_writes(&self) {
        let _: Value = self
            .app
            .ok(
                "submit_scorecard",
                self.token("sam").unwrap(),
                json!({"write": {"interview_id": self.interview_id, "base_version": 0,
                        "idempotency_key": "sam-submit", "content": complete_scorecard()}}),
            )
            .await;
        let _: Value = self
            .app
            .ok(
                "save_scorecard",
                self.token("otto").unwrap(),
                json!({"write": {"interview_id": self.interview_id, "base_version": 0,
                        "idempotency_key": "otto-draft",
                        "content": {"questions": {"q1": {"notes": "DRAFT"}}}}}),
            )
            .await;
    }

    /// One reference answered by phone, one invited and consented to.
    async fn with_references(mut self) -> World {
        let rita = self.token("rita").unwrap().to_owned();
        let referee = |name: &str| {
            json!({"candidate_id": self.candidate_id, "input": {"name": name,
                   "email": format!("{}@ref.example", name.to_lowercase()), "phone": "",
                   "relationship": "Manager", "months_worked": 24}})
        };
        let answered: String = self.app.ok("add_referee", &rita, referee("Mara")).await;
        let _: Value = self
            .app
            .ok(
                "record_phone_check",
                &rita,
                json!({"request_id": answered, "input": {"called_by": "Rita", "called_at": "",
                       "answers": [{"question_id": "r1", "rating": 4, "cant_say": false, "text": "Kind."}]}}),
            )
            .await;
        let pending: String = self.app.ok("add_referee", &rita, referee("Pavel")).await;
        let invite: Value = self
            .app
            .ok(
                "send_reference_invitation",
                &rita,
                json!({"request_id": pending}),
            )
            .await;
        let link = invite["link"].as_str().expect("a link to send by hand");
        self.referee_token = link.rsplit('/').next().unwrap().to_owned();
        self.pending_request_id = pending;
        let _: Value = self
            .app
            .ok(
                "referee_consent",
                &rita,
                json!({"token": self.referee_token}),
            )
            .await;
        self
    }

    /// The session of a named account.
    pub fn token(&self, login: &str) -> Option<&str> {
        self.tokens.get(login).map(String::as_str)
    }

    /// The session `caller` sends, if any.
    pub fn session_of(&self, caller: Caller) -> Option<&str> {
        caller.login().and_then(|(login, _)| self.token(login))
    }

    /// The referee token `caller` knows: the real one for the referee, a
    /// well-formed stranger's for everyone else.
    pub fn referee_token_for(&self, caller: Caller) -> String {
        if caller == Caller::Referee {
            self.referee_token.clone()
        } else {
            "x".repeat(self.referee_token.len().max(32))
        }
    }

    /// `caller`'s own scorecard version for the world's interview.
    pub fn own_version(&self, caller: Caller) -> i64 {
        match caller {
            Caller::SeatedSubmitted | Caller::SeatedDraft => 1,
            _ => 0,
        }
    }
}
