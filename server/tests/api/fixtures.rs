//! Fixtures built through the server functions' own types, so a renamed
//! function or field fails to compile rather than at run time: people with
//! sessions, and a recruiter who builds roles, guides, candidates and
//! panels.

use crate::helpers::*;
use app::db::users::{DEFAULT_ORG, NewUser};
use app::model::{
    CandidateInput, CurrentUser, Guide, GuideDraft, GuideQuestion, GuideQuestionKind, ProfileEntry,
    Role, RoleInput, ScheduleInput, ScheduleResult, Section, Stage, TeamRole,
};
use app::server_fns::candidates::{AddCandidate, ScheduleInterview};
use app::server_fns::guides::{GetGuideDraft, PublishGuide, SaveGuideDraft};
use app::server_fns::roles::{CreateRole, SetRoleProfile, SetRoleTeam};
use leptos::server_fn::ServerFn;
use serde::Serialize;
use serde::de::DeserializeOwned;

impl TestApp {
    /// Calls server function `F` with `args` as the holder of `token` (none:
    /// anonymous) and returns the raw response.
    pub async fn attempt<F: ServerFn + Serialize>(
        &self,
        token: Option<&str>,
        args: &F,
    ) -> reqwest::Response {
        let mut req = client().post(self.url(F::PATH)).json(args);
        if let Some(token) = token {
            req = req.header("cookie", session_cookie(token));
        }
        req.send().await.unwrap()
    }

    /// [`TestApp::attempt`], expecting success, decoding the answer.
    pub async fn run<F>(&self, token: &str, args: F) -> F::Output
    where
        F: ServerFn + Serialize,
        F::Output: DeserializeOwned,
    {
        let res = self.attempt(Some(token), &args).await;
        let status = res.status();
        let text = res.text().await.unwrap();
        assert!(status.is_success(), "{}: {status} {text}", F::PATH);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}: {text}", F::PATH))
    }

    /// A recruiter acting with session `token`.
    pub fn recruiter<'a>(&'a self, token: &'a str) -> Recruiter<'a> {
        Recruiter { app: self, token }
    }
}

/// An account `login@example.org` named `name`, with a session made
/// directly in the database; returns its id and session token. (Signing in
/// through the form costs a password hash per person; tests of signing in
/// use [`TestApp::login`].)
pub async fn person(app: &TestApp, login: &str, name: &str, role: Role) -> (String, String) {
    let email = format!("{login}@example.org");
    let id = app::db::users::insert_user(
        &app.db,
        DEFAULT_ORG,
        &NewUser {
            email: &email,
            name,
            role,
            password_hash: password_hash().await,
        },
    )
    .await
    .unwrap();
    let user = CurrentUser {
        id: id.clone(),
        org_id: DEFAULT_ORG.into(),
        email,
        name: name.into(),
        role,
    };
    let token = app::db::sessions::create_session(&app.db, &user, None, &Default::default())
        .await
        .unwrap();
    (id, token)
}

/// The hash of [`PASSWORD`], computed once per test binary.
pub async fn password_hash() -> &'static str {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    HASH.get_or_init(|| async { app::password::hash_password(PASSWORD.into()).await.unwrap() })
        .await
}

/// A question of `kind` on `competency`.
pub fn question(id: &str, competency: &str, kind: GuideQuestionKind) -> GuideQuestion {
    GuideQuestion {
        id: id.into(),
        bank_id: None,
        kind,
        competency_id: competency.into(),
        title: format!("Question {id}"),
        text: if kind == GuideQuestionKind::Reference {
            "How did {candidate} treat unhappy customers?".into()
        } else {
            "Tell me about a time.".into()
        },
        probes: Vec::new(),
        listen_for: Vec::new(),
    }
}

/// A guide with one stage, `panel`, of one section and one custom question
/// (`q1`, `q2`, …) per competency, and one reference question (`r1`) on the
/// first competency.
pub fn panel_guide(competencies: &[&str]) -> Guide {
    let sections = competencies
        .iter()
        .enumerate()
        .map(|(i, c)| Section {
            id: format!("s{}", i + 1),
            competency_id: (*c).into(),
            minutes: 20,
            questions: vec![question(
                &format!("q{}", i + 1),
                c,
                GuideQuestionKind::Custom,
            )],
        })
        .collect();
    Guide {
        stages: vec![Stage {
            id: "panel".into(),
            name: "Panel".into(),
            sections,
        }],
        reference_questions: vec![question(
            "r1",
            competencies[0],
            GuideQuestionKind::Reference,
        )],
    }
}

/// A recruiter (or admin) building the hiring process through the server
/// functions.
pub struct Recruiter<'a> {
    app: &'a TestApp,
    token: &'a str,
}

impl Recruiter<'_> {
    /// A new role titled `title`; returns its id.
    pub async fn role(&self, title: &str) -> String {
        let input = RoleInput {
            title: title.into(),
            department: "Care".into(),
            description: String::new(),
        };
        self.app.run(self.token, CreateRole { input }).await
    }

    /// Sets the role's profile: (competency, required level, weight).
    pub async fn profile(&self, role_id: &str, entries: &[(&str, u8, u8)]) {
        let entries = entries
            .iter()
            .map(|&(id, required_level, weight)| ProfileEntry {
                competency_id: id.into(),
                required_level,
                weight,
            })
            .collect();
        let role_id = role_id.into();
        self.app
            .run(self.token, SetRoleProfile { role_id, entries })
            .await;
    }

    /// Sets the role's hiring team: (account id, part).
    pub async fn team(&self, role_id: &str, members: &[(&str, TeamRole)]) {
        let members = members
            .iter()
            .map(|&(id, part)| (id.to_owned(), part))
            .collect();
        let role_id = role_id.into();
        self.app
            .run(self.token, SetRoleTeam { role_id, members })
            .await;
    }

    /// Saves `guide` as the role's draft; returns the new revision.
    pub async fn save_draft(&self, role_id: &str, guide: Guide) -> i64 {
        let draft: GuideDraft = self
            .app
            .run(
                self.token,
                GetGuideDraft {
                    role_id: role_id.into(),
                },
            )
            .await;
        let save = SaveGuideDraft {
            role_id: role_id.into(),
            revision: draft.revision,
            guide,
        };
        self.app.run(self.token, save).await
    }

    /// Saves and publishes `guide`; returns the draft revision and the
    /// published version.
    pub async fn publish(&self, role_id: &str, guide: Guide) -> (i64, i64) {
        let revision = self.save_draft(role_id, guide).await;
        let publish = PublishGuide {
            role_id: role_id.into(),
            revision,
        };
        (revision, self.app.run(self.token, publish).await)
    }

    /// A candidate for the role; returns their id.
    pub async fn candidate(&self, role_id: &str, name: &str, email: &str) -> String {
        let input = CandidateInput {
            name: name.into(),
            email: email.into(),
            notes: String::new(),
        };
        let role_id = role_id.into();
        self.app
            .run(self.token, AddCandidate { role_id, input })
            .await
    }

    /// Schedules stage `stage_id` for the candidate at `at` (UTC ms) with
    /// `panel` (account ids, no focus competencies).
    pub async fn schedule(
        &self,
        candidate_id: &str,
        stage_id: &str,
        at: i64,
        panel: &[&str],
    ) -> ScheduleResult {
        let input = ScheduleInput {
            candidate_id: candidate_id.into(),
            stage_id: stage_id.into(),
            scheduled_at: Some(at),
            panel: panel
                .iter()
                .map(|id| ((*id).to_owned(), Vec::new()))
                .collect(),
        };
        self.app.run(self.token, ScheduleInterview { input }).await
    }
}
