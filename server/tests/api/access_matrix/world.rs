//! The world every access-matrix row runs in: one role with a published
//! guide, a candidate interviewed by a panel of two (one submitted, one still
//! drafting), people in every account role on and off the role's team, a
//! submitted reference and a pending one whose one-time link a referee holds.

use crate::fixtures::{
    self, answer, link_token, notes, panel_guide, person, referee_input, scorecard_write,
};
use crate::helpers::*;
use app::model::{
    GuideQuestion, GuideQuestionKind, PhoneCheckInput, Role, ScorecardContent, TeamRole,
};
use app::server_fns::referee::RefereeConsent;
use app::server_fns::references::{AddReferee, RecordPhoneCheck, SendReferenceInvitation};
use app::server_fns::scorecards::{SaveScorecard, SubmitScorecard};
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

pub fn question(id: &str, competency: &str, kind: GuideQuestionKind) -> GuideQuestion {
    GuideQuestion {
        text: "Tell me about a time {candidate} helped.".into(),
        ..fixtures::question(id, competency, kind)
    }
}

/// [`complete_scorecard`], typed.
pub fn complete_content() -> ScorecardContent {
    serde_json::from_value(complete_scorecard()).expect("scorecard content")
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
                &[(&user_ids["sam"], &[]), (&user_ids["otto"], &[])],
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
        let submit = SubmitScorecard {
            write: scorecard_write(&self.interview_id, 0, "sam-submit", complete_content()),
        };
        self.app.run(self.token("sam").unwrap(), submit).await;
        let draft = ScorecardContent {
            questions: [("q1".to_owned(), notes("DRAFT"))].into(),
            ..Default::default()
        };
        let save = SaveScorecard {
            write: scorecard_write(&self.interview_id, 0, "otto-draft", draft),
        };
        self.app.run(self.token("otto").unwrap(), save).await;
    }

    /// One reference answered by phone, one invited and consented to.
    async fn with_references(mut self) -> World {
        let rita = self.token("rita").unwrap().to_owned();
        let referee = |name: &str| AddReferee {
            candidate_id: self.candidate_id.clone(),
            input: referee_input(name, &format!("{}@ref.example", name.to_lowercase()), ""),
        };
        let answered = self.app.run(&rita, referee("Mara")).await;
        let phoned = RecordPhoneCheck {
            request_id: answered,
            input: PhoneCheckInput {
                called_by: "Rita".into(),
                called_at: String::new(),
                answers: vec![answer("r1", Some(4), "Kind.")],
            },
        };
        self.app.run(&rita, phoned).await;
        let pending = self.app.run(&rita, referee("Pavel")).await;
        let request_id = pending.clone();
        let invite = self
            .app
            .run(&rita, SendReferenceInvitation { request_id })
            .await;
        let link = invite.link.expect("a link to send by hand");
        self.referee_token = link_token(&link);
        self.pending_request_id = pending;
        let token = self.referee_token.clone();
        self.app.run(&rita, RefereeConsent { token }).await;
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
