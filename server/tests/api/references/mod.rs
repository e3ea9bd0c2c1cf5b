//! Reference checks: the one-time link's life, who may see what, the
//! combined ratings, fraud signals, phone checks and mail.

mod checks;
pub(crate) mod intake;
mod link;
mod reading;

use crate::fixtures::{Wire, answer, referee_input};
use crate::helpers::*;
use app::db::users::DEFAULT_ORG;
use app::model::{
    CandidateInput, CandidateReferences, CompetencySnapshot, GuideQuestion, GuideQuestionKind,
    InviteResult, ProfileEntry, PublishedGuide, RefereeForm, RefereeFormState, RefereeInput,
    ReferenceAnswer, ReferenceStatus, Relationship, Role, RoleInput, SignalKind, TeamRole,
};
use app::server_fns::referee::{LoadRefereeForm, RefereeConsent, RefereeSubmit};
use app::server_fns::references::{AddReferee, ListReferences, SendReferenceInvitation};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;
use server::config::{ReferenceConfig, ServeConfig, SmtpSecurity};
use std::sync::{Arc, Mutex};

/// A role with a published guide of two reference questions, a candidate,
/// and one account of each kind.
pub(super) struct Fixture {
    pub(super) app: TestApp,
    pub(super) recruiter: String,
    pub(super) candidate_id: String,
}

pub(super) fn config_with(references: ReferenceConfig) -> ServeConfig {
    ServeConfig {
        references,
        ..ServeConfig::default()
    }
}

/// Generous limits, so tests that make many calls are not rate limited.
pub(super) fn roomy() -> ReferenceConfig {
    ReferenceConfig {
        referee_rate_per_minute: 100_000,
        ..ReferenceConfig::default()
    }
}

pub(super) async fn setup(backend: &Backend, references: ReferenceConfig) -> Fixture {
    let app = spawn_app_with(backend, config_with(references)).await;
    server::banks::import_shipped(&app.db).await.unwrap();
    for (email, role) in [
        ("rita@example.org", Role::Recruiter),
        ("hana@example.org", Role::HiringManager),
        ("hugo@example.org", Role::HiringManager),
        ("ivan@example.org", Role::Interviewer),
    ] {
        app.add_user(email, role).await;
    }
    let db = &app.db;
    let people = app::db::users::list_users(db, DEFAULT_ORG).await.unwrap();
    let id_of = |email: &str| people.iter().find(|p| p.email == email).unwrap().id.clone();
    let role_input = RoleInput {
        title: "Support Lead".into(),
        department: "Customer Care".into(),
        description: String::new(),
    };
    let role_id =
        app::db::roles::insert_role(db, DEFAULT_ORG, &id_of("rita@example.org"), &role_input)
            .await
            .unwrap();
    let competencies = ["customer-focus", "teamwork"];
    let profile: Vec<ProfileEntry> = competencies
        .iter()
        .map(|c| ProfileEntry {
            competency_id: (*c).into(),
            required_level: 3,
            weight: 1,
        })
        .collect();
    app::db::roles::set_profile(
        db,
        DEFAULT_ORG,
        &id_of("rita@example.org"),
        &role_id,
        &profile,
    )
    .await
    .unwrap();
    app::db::roles::set_team(
        db,
        DEFAULT_ORG,
        &id_of("rita@example.org"),
        &role_id,
        &[(id_of("hana@example.org"), TeamRole::HiringManager)],
    )
    .await
    .unwrap();
    let mut snapshots = Vec::new();
    let mut questions = Vec::new();
    for id in competencies {
        let c = app::db::banks::find_competency(db, DEFAULT_ORG, id)
            .await
            .unwrap()
            .unwrap();
        let q = &c.reference_questions[1];
        questions.push(GuideQuestion {
            id: format!("g-{}", q.id),
            bank_id: Some(q.id.clone()),
            bank_version: None,
            kind: GuideQuestionKind::Reference,
            competency_id: c.id.clone(),
            title: q.title.clone(),
            text: q.text.clone(),
            probes: Vec::new(),
            listen_for: Vec::new(),
        });
        snapshots.push(CompetencySnapshot {
            id: c.id.clone(),
            name: c.name.clone(),
            required_level: 3,
            weight: 1,
            anchors: c.anchors.clone(),
            reference_anchors: c.reference_anchors.clone(),
            key_elements: c.key_elements.clone(),
        });
    }
    let guide = PublishedGuide {
        id: String::new(),
        role_id: role_id.clone(),
        role_title: role_input.title.clone(),
        version: 0,
        published_at: 0,
        competencies: snapshots,
        stages: Vec::new(),
        reference_questions: questions,
    };
    app::db::guides::publish(db, DEFAULT_ORG, guide, 1, &id_of("rita@example.org"))
        .await
        .unwrap();
    let candidate = CandidateInput {
        name: "Zoë Park".into(),
        email: "zoe@cand.example".into(),
        notes: String::new(),
    };
    let candidate_id =
        app::db::candidates::insert_candidate(db, DEFAULT_ORG, None, &role_id, &candidate)
            .await
            .unwrap();
    let recruiter = app.login("rita@example.org").await;
    Fixture {
        app,
        recruiter,
        candidate_id,
    }
}

impl Fixture {
    pub(super) async fn add_referee(
        &self,
        name: &str,
        email: &str,
        relationship: Relationship,
    ) -> String {
        let input = RefereeInput {
            relationship,
            months_worked: 30,
            ..referee_input(name, email, "+44 20 7946 0000")
        };
        let add = AddReferee {
            candidate_id: self.candidate_id.clone(),
            input,
        };
        self.app.run(&self.recruiter, add).await
    }

    pub(super) async fn invite(&self, request_id: &str) -> InviteResult {
        let request_id = request_id.into();
        self.app
            .run(&self.recruiter, SendReferenceInvitation { request_id })
            .await
    }

    /// Adds and invites a referee; returns the request id and the link's token.
    pub(super) async fn invited(
        &self,
        name: &str,
        email: &str,
        relationship: Relationship,
    ) -> (String, String) {
        let id = self.add_referee(name, email, relationship).await;
        let link = self.invite(&id).await.link.expect("a link to send");
        (id, token_of(&link))
    }

    /// The request for the candidate's references.
    pub(super) fn by_candidate(&self) -> ListReferences {
        ListReferences {
            candidate_id: self.candidate_id.clone(),
        }
    }

    /// The candidate's references as the holder of `session` reads them.
    pub(super) async fn references(&self, session: &str) -> CandidateReferences {
        self.app.run(session, self.by_candidate()).await
    }

    /// Calls a referee's server function: no session, only the link's token.
    pub(super) async fn referee<F>(&self, args: F) -> reqwest::Response
    where
        F: ServerFn + serde::Serialize,
        F::Protocol: Wire,
    {
        self.app.attempt(None, &args).await
    }

    pub(super) async fn form(&self, token: &str) -> RefereeForm {
        self.app.run_anonymous(load_form(token)).await
    }

    /// Consents and submits ratings `levels` (one per question; 0 = can't say).
    pub(super) async fn answer(
        &self,
        token: &str,
        levels: [u8; 2],
        text: &str,
    ) -> reqwest::Response {
        let consent = self.referee(give_consent(token)).await;
        assert_eq!(consent.status(), StatusCode::OK);
        let answers = answers_for(&self.form(token).await, levels, text);
        self.referee(submit(token, answers)).await
    }
}

pub(super) fn load_form(token: &str) -> LoadRefereeForm {
    LoadRefereeForm {
        token: token.into(),
    }
}

pub(super) fn give_consent(token: &str) -> RefereeConsent {
    RefereeConsent {
        token: token.into(),
    }
}

pub(super) fn submit(token: &str, answers: Vec<ReferenceAnswer>) -> RefereeSubmit {
    RefereeSubmit {
        token: token.into(),
        answers,
    }
}

pub(super) fn answers_for(form: &RefereeForm, levels: [u8; 2], text: &str) -> Vec<ReferenceAnswer> {
    form.questions
        .iter()
        .zip(levels)
        .map(|(q, level)| ReferenceAnswer {
            cant_say: level == 0,
            ..answer(&q.id, (level > 0).then_some(level), text)
        })
        .collect()
}

pub(super) fn token_of(link: &str) -> String {
    link.rsplit_once("/r/").expect("a /r/ link").1.to_owned()
}

pub(super) fn error_field(body: &str) -> String {
    match serde_json::from_str::<app::errors::AppError>(body) {
        Ok(app::errors::AppError::Invalid { field, .. }) => field,
        other => panic!("expected a field error, got {other:?} from {body}"),
    }
}
