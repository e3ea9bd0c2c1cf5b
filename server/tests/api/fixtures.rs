//! Fixtures built through the server functions' own types, so a renamed
//! function or field fails to compile rather than at run time: people with
//! sessions, and a recruiter who builds roles, guides, candidates and
//! panels.

use crate::helpers::*;
use app::db::users::{DEFAULT_ORG, NewUser};
use app::model::{
    CandidateInput, CurrentUser, DecisionInput, DecisionKind, Guide, GuideDraft, GuideQuestion,
    GuideQuestionKind, ProfileEntry, QuestionNotes, RefereeInput, ReferenceAnswer, Relationship,
    Role, RoleInput, ScheduleInput, ScheduleResult, ScorecardContent, ScorecardWrite, Section,
    Stage, TeamRole,
};
use app::server_fns::candidates::{AddCandidate, ScheduleInterview};
use app::server_fns::guides::{GetGuideDraft, PublishGuide, SaveGuideDraft};
use app::server_fns::roles::{CreateRole, SetRoleProfile, SetRoleTeam};
use app::server_fns::summaries::RecordDecision;
use leptos::server_fn::codec::{Json, PostUrl};
use leptos::server_fn::{Http, ServerFn};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;

/// How a server function's arguments travel: as JSON, or as a URL-encoded
/// form (`input = Json` or the default in its `#[server]` attribute).
pub trait Wire {
    const FORM: bool;
}

impl<O> Wire for Http<Json, O> {
    const FORM: bool = false;
}

impl<O> Wire for Http<PostUrl, O> {
    const FORM: bool = true;
}

/// A server function call as it travels: the function's path and its
/// arguments, as JSON or as a URL-encoded form.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub path: &'static str,
    form: bool,
    body: serde_json::Value,
}

impl Encoded {
    pub fn of<F>(args: &F) -> Encoded
    where
        F: ServerFn + Serialize,
        F::Protocol: Wire,
    {
        Encoded {
            path: F::PATH,
            form: <F::Protocol as Wire>::FORM,
            body: serde_json::to_value(args).unwrap(),
        }
    }

    /// The request to `app` as the holder of `token` (none: anonymous).
    pub fn request(&self, app: &TestApp, token: Option<&str>) -> reqwest::RequestBuilder {
        let req = client().post(app.url(self.path));
        let req = if self.form {
            let mut pairs = Vec::new();
            form_pairs("", &self.body, &mut pairs);
            req.form(&pairs)
        } else {
            req.json(&self.body)
        };
        match token {
            Some(token) => req.header("cookie", session_cookie(token)),
            None => req,
        }
    }
}

/// `value` as the form pairs the server reads back: nested fields as
/// `outer[inner]`, list items as `list[0]`, absent options left out.
fn form_pairs(prefix: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
    use serde_json::Value;
    let key = |k: &str| {
        if prefix.is_empty() {
            k.to_owned()
        } else {
            format!("{prefix}[{k}]")
        }
    };
    match value {
        Value::Null => {}
        Value::Object(fields) => {
            for (k, v) in fields {
                form_pairs(&key(k), v, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                form_pairs(&key(&i.to_string()), v, out);
            }
        }
        Value::String(s) => out.push((prefix.to_owned(), s.clone())),
        other => out.push((prefix.to_owned(), other.to_string())),
    }
}

impl TestApp {
    /// Calls server function `F` with `args` as the holder of `token` (none:
    /// anonymous) and returns the raw response.
    pub async fn attempt<F>(&self, token: Option<&str>, args: &F) -> reqwest::Response
    where
        F: ServerFn + Serialize,
        F::Protocol: Wire,
    {
        let req = Encoded::of(args).request(self, token);
        req.send().await.unwrap()
    }

    /// [`TestApp::attempt`], expecting success, decoding the answer.
    pub async fn run<F>(&self, token: &str, args: F) -> F::Output
    where
        F: ServerFn + Serialize,
        F::Protocol: Wire,
        F::Output: DeserializeOwned,
    {
        decoded::<F>(self.attempt(Some(token), &args).await).await
    }

    /// [`TestApp::run`] without a session, as a referee or someone holding
    /// a set-password link.
    pub async fn run_anonymous<F>(&self, args: F) -> F::Output
    where
        F: ServerFn + Serialize,
        F::Protocol: Wire,
        F::Output: DeserializeOwned,
    {
        decoded::<F>(self.attempt(None, &args).await).await
    }

    /// A recruiter acting with session `token`.
    pub fn recruiter<'a>(&'a self, token: &'a str) -> Recruiter<'a> {
        Recruiter { app: self, token }
    }
}

/// The successful answer of server function `F`, decoded.
pub async fn decoded<F>(res: reqwest::Response) -> F::Output
where
    F: ServerFn,
    F::Output: DeserializeOwned,
{
    let status = res.status();
    let text = res.text().await.unwrap();
    assert!(status.is_success(), "{}: {status} {text}", F::PATH);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}: {text}", F::PATH))
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

/// Accounts made by [`people`]: ids and session tokens by login.
pub struct People {
    pub ids: HashMap<&'static str, String>,
    pub tokens: HashMap<&'static str, String>,
}

/// An account with a session for each `(login, display name, role)`.
pub async fn people(app: &TestApp, list: &[(&'static str, &str, Role)]) -> People {
    let mut ids = HashMap::new();
    let mut tokens = HashMap::new();
    for &(login, name, role) in list {
        let (id, token) = person(app, login, name, role).await;
        ids.insert(login, id);
        tokens.insert(login, token);
    }
    People { ids, tokens }
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
        bank_version: None,
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
    /// `panel`: account ids with their focus competencies (none: all).
    pub async fn schedule(
        &self,
        candidate_id: &str,
        stage_id: &str,
        at: i64,
        panel: &[(&str, &[&str])],
    ) -> ScheduleResult {
        let input = ScheduleInput {
            candidate_id: candidate_id.into(),
            stage_id: stage_id.into(),
            scheduled_at: Some(at),
            panel: panel
                .iter()
                .map(|(id, focus)| {
                    let focus = focus.iter().map(|c| (*c).to_owned()).collect();
                    ((*id).to_owned(), focus)
                })
                .collect(),
            ..Default::default()
        };
        self.app.run(self.token, ScheduleInterview { input }).await
    }
}

/// A decision on candidate `candidate_id`.
pub fn decision(candidate_id: &str, decision: DecisionKind, rationale: &str) -> RecordDecision {
    RecordDecision {
        input: DecisionInput {
            candidate_id: candidate_id.into(),
            decision,
            rationale: rationale.into(),
        },
    }
}

/// The token at the end of a one-time link (`…/welcome/{token}`,
/// `…/reference/{token}`).
pub fn link_token(link: &str) -> String {
    link.rsplit('/').next().unwrap().to_owned()
}

/// A referee who worked 24 months with the candidate as their manager.
pub fn referee_input(name: &str, email: &str, phone: &str) -> RefereeInput {
    RefereeInput {
        name: name.into(),
        email: email.into(),
        phone: phone.into(),
        relationship: Relationship::Manager,
        months_worked: 24,
    }
}

/// A referee's answer to question `question_id`.
pub fn answer(question_id: &str, rating: Option<u8>, text: &str) -> ReferenceAnswer {
    ReferenceAnswer {
        question_id: question_id.into(),
        rating,
        cant_say: false,
        text: text.into(),
    }
}

/// Notes on one question, unrated.
pub fn notes(text: &str) -> QuestionNotes {
    QuestionNotes {
        notes: text.into(),
        rating: None,
    }
}

/// A scorecard write of `content` on top of `base_version`.
pub fn scorecard_write(
    interview_id: &str,
    base_version: i64,
    idempotency_key: &str,
    content: ScorecardContent,
) -> ScorecardWrite {
    ScorecardWrite {
        interview_id: interview_id.into(),
        base_version,
        idempotency_key: idempotency_key.into(),
        content,
    }
}
