//! Reference checks: the one-time link's life, who may see what, the
//! combined ratings, fraud signals, phone checks and mail.

use crate::helpers::*;
use app::db::users::DEFAULT_ORG;
use app::model::{
    CandidateInput, CandidateReferences, CompetencySnapshot, GuideQuestion, GuideQuestionKind,
    InviteResult, ProfileEntry, PublishedGuide, RefereeForm, RefereeFormState, ReferenceStatus,
    Role, RoleInput, SignalKind, TeamRole,
};
use reqwest::StatusCode;
use serde_json::{Value, json};
use server::config::{ReferenceConfig, ServeConfig, SmtpSecurity};
use std::sync::{Arc, Mutex};

/// A role with a published guide of two reference questions, a candidate,
/// and one account of each kind.
struct Fixture {
    app: TestApp,
    recruiter: String,
    candidate_id: String,
}

fn config_with(references: ReferenceConfig) -> ServeConfig {
    ServeConfig {
        references,
        ..ServeConfig::default()
    }
}

/// Generous limits, so tests that make many calls are not rate limited.
fn roomy() -> ReferenceConfig {
    ReferenceConfig {
        referee_rate_per_minute: 100_000,
        ..ReferenceConfig::default()
    }
}

async fn setup(backend: &Backend, references: ReferenceConfig) -> Fixture {
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

/// Calls the JSON server function `/api/{name}`.
async fn call_json(
    app: &TestApp,
    name: &str,
    session: Option<&str>,
    body: Value,
) -> reqwest::Response {
    let mut req = client().post(app.url(&format!("/api/{name}"))).json(&body);
    if let Some(token) = session {
        req = req.header("cookie", session_cookie(token));
    }
    req.send().await.unwrap()
}

impl Fixture {
    async fn add_referee(&self, name: &str, email: &str, relationship: &str) -> String {
        let res = call_json(
            &self.app,
            "add_referee",
            Some(&self.recruiter),
            json!({"candidate_id": self.candidate_id, "input": {
                "name": name, "email": email, "phone": "+44 20 7946 0000",
                "relationship": relationship, "months_worked": 30}}),
        )
        .await;
        assert_eq!(
            res.status(),
            StatusCode::OK,
            "{}",
            res.text().await.unwrap()
        );
        res.json().await.unwrap()
    }

    async fn invite(&self, request_id: &str) -> InviteResult {
        let res = call_json(
            &self.app,
            "send_reference_invitation",
            Some(&self.recruiter),
            json!({"request_id": request_id}),
        )
        .await;
        assert_eq!(
            res.status(),
            StatusCode::OK,
            "{}",
            res.text().await.unwrap()
        );
        res.json().await.unwrap()
    }

    /// Adds and invites a referee; returns the request id and the link's token.
    async fn invited(&self, name: &str, email: &str, relationship: &str) -> (String, String) {
        let id = self.add_referee(name, email, relationship).await;
        let link = self.invite(&id).await.link.expect("a link to send");
        (id, token_of(&link))
    }

    async fn references(&self, session: &str) -> CandidateReferences {
        let res = call_json(
            &self.app,
            "list_references",
            Some(session),
            json!({"candidate_id": self.candidate_id}),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        res.json().await.unwrap()
    }

    async fn referee(&self, name: &str, body: Value) -> reqwest::Response {
        call_json(&self.app, name, None, body).await
    }

    async fn form(&self, token: &str) -> RefereeForm {
        let res = self
            .referee("load_referee_form", json!({ "token": token }))
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        res.json().await.unwrap()
    }

    /// Consents and submits ratings `levels` (one per question; 0 = can't say).
    async fn answer(&self, token: &str, levels: [u8; 2], text: &str) -> reqwest::Response {
        let consent = self
            .referee("referee_consent", json!({ "token": token }))
            .await;
        assert_eq!(consent.status(), StatusCode::OK);
        let answers = answers_for(&self.form(token).await, levels, text);
        self.referee(
            "referee_submit",
            json!({ "token": token, "answers": answers }),
        )
        .await
    }
}

fn answers_for(form: &RefereeForm, levels: [u8; 2], text: &str) -> Value {
    Value::Array(
        form.questions
            .iter()
            .zip(levels)
            .map(|(q, level)| {
                json!({"question_id": q.id, "rating": (level > 0).then_some(level),
                       "cant_say": level == 0, "text": text})
            })
            .collect(),
    )
}

fn token_of(link: &str) -> String {
    link.rsplit_once("/r/").expect("a /r/ link").1.to_owned()
}

fn error_field(body: &str) -> String {
    match serde_json::from_str::<app::errors::AppError>(body) {
        Ok(app::errors::AppError::Invalid { field, .. }) => field,
        other => panic!("expected a field error, got {other:?} from {body}"),
    }
}

#[tokio::test]
async fn a_referee_answers_once_and_the_link_then_only_says_thank_you() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let id = fx
            .add_referee("Rhea Stone", "rhea@acme.example", "Manager")
            .await;
        let invite = fx.invite(&id).await;
        assert!(
            !invite.emailed && invite.mail_error.is_none(),
            "{backend:?}"
        );
        let link = invite.link.unwrap();
        assert!(link.starts_with(&fx.app.url("/r/")), "{link}");
        let token = token_of(&link);
        assert!(token.len() == 64 && invite.message.contains(&link));

        // The page works without an account and sends no referrer.
        let page = fx.app.get(&format!("/r/{token}"), None).await;
        assert_eq!(page.status(), StatusCode::OK, "{backend:?}");
        assert_eq!(page.headers()["referrer-policy"], "no-referrer");
        let html = page.text().await.unwrap();
        assert!(
            html.contains("Reference for Zoë Park") && html.contains("rita@example.org"),
            "{backend:?}"
        );

        let form = fx.form(&token).await;
        assert_eq!(
            (form.state, form.consented),
            (RefereeFormState::Open, false)
        );
        assert_eq!(form.questions.len(), 2);
        assert!(
            form.questions
                .iter()
                .all(|q| q.html.contains("Zoë Park") && !q.html.contains("{candidate}"))
        );
        assert!(form.questions.iter().all(|q| q.anchors.len() == 5));

        // Answers need consent first.
        let answers = answers_for(&form, [4, 0], "Calm with angry customers.");
        let early = fx
            .referee(
                "referee_submit",
                json!({"token": token, "answers": answers}),
            )
            .await;
        assert_eq!(early.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error_field(&early.text().await.unwrap()), "consent");

        let consent = fx.referee("referee_consent", json!({"token": token})).await;
        assert_eq!(consent.status(), StatusCode::OK);
        let partial = json!([{"question_id": form.questions[0].id, "rating": 4, "cant_say": false, "text": "Draft"}]);
        let draft = fx
            .referee(
                "referee_save_draft",
                json!({"token": token, "answers": partial}),
            )
            .await;
        assert_eq!(draft.status(), StatusCode::OK);
        let reopened = fx.form(&token).await;
        assert!(
            reopened.consented && reopened.draft[0].text == "Draft",
            "{backend:?}"
        );

        // An incomplete set names the question at fault.
        let incomplete = fx
            .referee(
                "referee_submit",
                json!({"token": token, "answers": partial}),
            )
            .await;
        assert_eq!(
            error_field(&incomplete.text().await.unwrap()),
            format!("answers.{}.rating", form.questions[1].id)
        );

        let submit = fx
            .referee(
                "referee_submit",
                json!({"token": token, "answers": answers}),
            )
            .await;
        assert_eq!(submit.status(), StatusCode::OK, "{backend:?}");

        let after = fx.form(&token).await;
        assert_eq!(after.state, RefereeFormState::Submitted);
        assert!(
            after.questions.is_empty() && after.draft.is_empty(),
            "answers cannot be read back"
        );
        let again = fx
            .referee(
                "referee_submit",
                json!({"token": token, "answers": answers}),
            )
            .await;
        assert_eq!(again.status(), StatusCode::CONFLICT);
        let thanks = fx
            .app
            .get(&format!("/r/{token}"), None)
            .await
            .text()
            .await
            .unwrap();
        assert!(thanks.contains("Thank you") && !thanks.contains("Calm with angry customers"));

        let refs = fx.references(&fx.recruiter).await;
        let r = &refs.requests[0];
        assert_eq!(r.status, ReferenceStatus::Submitted, "{backend:?}");
        assert_eq!(r.answers.len(), 2);
        assert_eq!(
            (r.answers[0].answer.rating, r.answers[1].answer.cant_say),
            (Some(4), true)
        );
        assert_eq!(r.answers[0].question.competency_id, "customer-focus");
    }
}

#[tokio::test]
async fn reading_the_link_never_uses_it_up() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let (_, token) = fx.invited("Rhea Stone", "rhea@acme.example", "Peer").await;
        let url = fx.app.url(&format!("/r/{token}"));
        for _ in 0..3 {
            let head = client().head(&url).send().await.unwrap();
            assert_eq!(head.status(), StatusCode::OK, "{backend:?}");
            assert_eq!(head.headers()["referrer-policy"], "no-referrer");
        }
        // Mail scanners send HEAD: that is not an opening.
        assert_eq!(
            fx.references(&fx.recruiter).await.requests[0].status,
            ReferenceStatus::Sent
        );
        for _ in 0..3 {
            assert_eq!(
                fx.app.get(&format!("/r/{token}"), None).await.status(),
                StatusCode::OK
            );
            assert_eq!(fx.form(&token).await.state, RefereeFormState::Open);
        }
        assert_eq!(
            fx.references(&fx.recruiter).await.requests[0].status,
            ReferenceStatus::Opened
        );
        assert_eq!(
            fx.answer(&token, [3, 3], "").await.status(),
            StatusCode::OK,
            "{backend:?}"
        );
    }
}

#[tokio::test]
async fn fifty_concurrent_submissions_are_accepted_exactly_once() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let (_, token) = fx.invited("Rhea Stone", "rhea@acme.example", "Peer").await;
        let consent = fx.referee("referee_consent", json!({"token": token})).await;
        assert_eq!(consent.status(), StatusCode::OK);
        let answers = answers_for(&fx.form(&token).await, [5, 4], "Great");
        let url = fx.app.url("/api/referee_submit");
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let (url, body) = (url.clone(), json!({"token": token, "answers": answers}));
                tokio::spawn(async move {
                    client()
                        .post(url)
                        .json(&body)
                        .send()
                        .await
                        .unwrap()
                        .status()
                })
            })
            .collect();
        let mut statuses = Vec::new();
        for task in tasks {
            statuses.push(task.await.unwrap());
        }
        let accepted = statuses.iter().filter(|s| **s == StatusCode::OK).count();
        let refused = statuses
            .iter()
            .filter(|s| **s == StatusCode::CONFLICT)
            .count();
        assert_eq!((accepted, refused), (1, 49), "{backend:?}: {statuses:?}");
        let refs = fx.references(&fx.recruiter).await;
        assert_eq!(refs.requests[0].status, ReferenceStatus::Submitted);
    }
}

#[tokio::test]
async fn a_resend_invalidates_the_old_link() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let (id, old) = fx.invited("Rhea Stone", "rhea@acme.example", "Peer").await;
        let new = token_of(&fx.invite(&id).await.link.unwrap());
        assert_ne!(old, new);
        let stale = fx.referee("load_referee_form", json!({"token": old})).await;
        assert_eq!(stale.status(), StatusCode::NOT_FOUND, "{backend:?}");
        let page = fx.app.get(&format!("/r/{old}"), None).await;
        assert_eq!(page.status(), StatusCode::NOT_FOUND);
        assert!(
            page.text()
                .await
                .unwrap()
                .contains("This link does not work")
        );
        let consent = fx.referee("referee_consent", json!({"token": old})).await;
        assert_eq!(consent.status(), StatusCode::NOT_FOUND);
        assert_eq!(fx.form(&new).await.state, RefereeFormState::Open);
        assert_eq!(fx.references(&fx.recruiter).await.requests[0].send_count, 2);
        // Nonsense tokens are simply not found.
        for bad in ["x", &"g".repeat(64), ""] {
            let res = fx.referee("load_referee_form", json!({"token": bad})).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{bad:?}");
        }
    }
}

#[tokio::test]
async fn an_expired_link_refuses_answers_and_shows_as_overdue() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let (_, token) = fx.invited("Rhea Stone", "rhea@acme.example", "Peer").await;
        let pool = sqlx::AnyPool::connect(&fx.app.database_url).await.unwrap();
        sqlx::query("UPDATE reference_requests SET expires_at = 1")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;

        let page = fx.app.get(&format!("/r/{token}"), None).await;
        assert_eq!(page.status(), StatusCode::GONE, "{backend:?}");
        assert!(page.text().await.unwrap().contains("This link has expired"));
        let form = fx.form(&token).await;
        assert_eq!(form.state, RefereeFormState::Expired);
        assert!(form.questions.is_empty());
        let consent = fx.referee("referee_consent", json!({"token": token})).await;
        assert_eq!(consent.status(), StatusCode::CONFLICT);
        let refs = fx.references(&fx.recruiter).await;
        assert_eq!(
            (refs.requests[0].status, refs.requests[0].overdue),
            (ReferenceStatus::Expired, true)
        );
    }
}

#[tokio::test]
async fn the_database_holds_no_usable_token() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let (_, token) = fx.invited("Rhea Stone", "rhea@acme.example", "Peer").await;
        fx.answer(&token, [2, 3], "Fine").await;
        let pool = sqlx::AnyPool::connect(&fx.app.database_url).await.unwrap();
        let hash: String = sqlx::query_scalar("SELECT token_hash FROM reference_requests")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(hash, app::db::ids::token_hash(&token));
        for table in ["reference_requests", "outbox", "audit_log", "rate_limits"] {
            let rows = sqlx::query(&format!("SELECT * FROM {table}"))
                .fetch_all(&pool)
                .await
                .unwrap();
            for row in rows {
                use sqlx::Row;
                for i in 0..row.len() {
                    if let Ok(Some(text)) = row.try_get::<Option<String>, _>(i) {
                        assert!(
                            !text.contains(&token),
                            "{backend:?}: {table} holds the token"
                        );
                    }
                }
            }
        }
        let outbox = app::db::outbox::list_for_subject(
            &fx.app.db,
            DEFAULT_ORG,
            &fx.references(&fx.recruiter).await.requests[0].id,
        )
        .await
        .unwrap();
        assert_eq!(outbox.len(), 1);
        assert_eq!(outbox[0].status, "manual");
        assert!(
            outbox[0].body.contains("[one-time link withheld]"),
            "{}",
            outbox[0].body
        );
        pool.close().await;
    }
}

#[tokio::test]
async fn only_recruiters_and_the_roles_hiring_managers_see_references() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let id = fx
            .add_referee("Rhea Stone", "rhea@acme.example", "Peer")
            .await;
        let by_candidate = json!({"candidate_id": fx.candidate_id});
        let by_request = json!({"request_id": id});
        let add = json!({"candidate_id": fx.candidate_id, "input": {
            "name": "X", "email": "x@y.example", "phone": "", "relationship": "Peer", "months_worked": 1}});

        for (name, body) in [
            ("list_references", &by_candidate),
            ("reference_summary", &by_candidate),
            ("add_referee", &add),
            ("send_reference_invitation", &by_request),
            ("reference_questions", &by_request),
        ] {
            let anonymous = call_json(&fx.app, name, None, body.clone()).await;
            assert_eq!(
                anonymous.status(),
                StatusCode::UNAUTHORIZED,
                "{name} on {backend:?}"
            );
        }

        let interviewer = fx.app.login("ivan@example.org").await;
        let outsider = fx.app.login("hugo@example.org").await;
        let manager = fx.app.login("hana@example.org").await;
        for (who, session, expected) in [
            ("interviewer", &interviewer, StatusCode::FORBIDDEN),
            (
                "hiring manager off the team",
                &outsider,
                StatusCode::NOT_FOUND,
            ),
            ("the role's hiring manager", &manager, StatusCode::OK),
        ] {
            for name in ["list_references", "reference_summary"] {
                let res = call_json(&fx.app, name, Some(session), by_candidate.clone()).await;
                assert_eq!(res.status(), expected, "{who}: {name} on {backend:?}");
            }
        }
        let seen = fx.references(&manager).await;
        assert_eq!(seen.requests[0].referee.name, "Rhea Stone");
        assert!(!seen.can_manage);
        // Reading is not managing.
        for session in [&interviewer, &manager] {
            for (name, body) in [
                ("add_referee", &add),
                ("send_reference_invitation", &by_request),
            ] {
                let res = call_json(&fx.app, name, Some(session), body.clone()).await;
                assert_eq!(res.status(), StatusCode::FORBIDDEN, "{name} on {backend:?}");
            }
        }
        assert!(fx.references(&fx.recruiter).await.can_manage);
    }
}

#[tokio::test]
async fn ratings_are_combined_only_once_enough_references_answered() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let (_, first) = fx.invited("Rhea Stone", "rhea@acme.example", "Peer").await;
        let (_, second) = fx.invited("Sam Lee", "sam@other.example", "Client").await;
        fx.answer(&first, [2, 0], "").await;
        let one = fx.references(&fx.recruiter).await.aggregate;
        assert_eq!((one.answered, one.threshold), (1, 2), "{backend:?}");
        assert!(
            one.competencies.is_empty(),
            "one referee's ratings must not be readable"
        );

        fx.answer(&second, [4, 5], "").await;
        let res = call_json(
            &fx.app,
            "reference_summary",
            Some(&fx.recruiter),
            json!({"candidate_id": fx.candidate_id}),
        )
        .await;
        let two: app::model::ReferenceAggregate = res.json().await.unwrap();
        assert_eq!(two.answered, 2);
        let cf = two
            .competencies
            .iter()
            .find(|c| c.competency_id == "customer-focus")
            .unwrap();
        assert_eq!((cf.references, cf.mean), (2, Some(3.0)), "{backend:?}");
        // Teamwork was rated by one referee only ("I can't say" by the other).
        let tw = two
            .competencies
            .iter()
            .find(|c| c.competency_id == "teamwork")
            .unwrap();
        assert_eq!((tw.references, tw.mean), (1, None));
    }
}

#[tokio::test]
async fn the_threshold_is_configurable() {
    let fx = setup(
        &Backend::Sqlite,
        ReferenceConfig {
            reference_threshold: 3,
            ..roomy()
        },
    )
    .await;
    for (name, email) in [("A", "a@one.example"), ("B", "b@two.example")] {
        let (_, token) = fx.invited(name, email, "Peer").await;
        fx.answer(&token, [3, 3], "").await;
    }
    let agg = fx.references(&fx.recruiter).await.aggregate;
    assert_eq!((agg.answered, agg.threshold), (2, 3));
    assert!(agg.competencies.is_empty());
}

#[tokio::test]
async fn fraud_signals_are_explained_and_can_be_reviewed() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let (_, colleague) = fx.invited("Cole Dean", "cole@cand.example", "Peer").await;
        let (_, boss) = fx
            .invited("Bo Marsh", "bo.marsh@gmail.com", "Manager")
            .await;
        // Both answer from this test's one address, and far too fast.
        fx.answer(
            &colleague,
            [4, 4],
            &"A long and detailed answer. ".repeat(20),
        )
        .await;
        fx.answer(&boss, [5, 5], "").await;

        let refs = fx.references(&fx.recruiter).await;
        let kinds: Vec<SignalKind> = refs.signals.iter().map(|s| s.kind).collect();
        for kind in [
            SignalKind::SameAddress,
            SignalKind::CandidateDomain,
            SignalKind::FreeMailManager,
            SignalKind::FastCompletion,
        ] {
            assert!(
                kinds.contains(&kind),
                "{kind:?} missing on {backend:?}: {kinds:?}"
            );
        }
        assert!(
            refs.signals
                .iter()
                .all(|s| !s.explanations.is_empty() && s.review.is_none())
        );
        let same = refs
            .signals
            .iter()
            .find(|s| s.kind == SignalKind::SameAddress)
            .unwrap();
        assert_eq!(same.request_ids.len(), 2);
        // Nothing is decided: both references stand.
        assert!(
            refs.requests
                .iter()
                .all(|r| r.status == ReferenceStatus::Submitted)
        );

        let review = |key: &str, note: &str| {
            call_json(
                &fx.app,
                "review_reference_signal",
                Some(&fx.recruiter),
                json!({"candidate_id": fx.candidate_id, "signal_key": key, "note": note}),
            )
        };
        assert_eq!(
            error_field(&review(&same.key, "  ").await.text().await.unwrap()),
            "note"
        );
        assert_eq!(
            error_field(&review("made-up", "ok").await.text().await.unwrap()),
            "signal"
        );
        assert_eq!(
            review(&same.key, "Both work at Acme's office.")
                .await
                .status(),
            StatusCode::OK
        );
        let manager = fx.app.login("hana@example.org").await;
        let as_manager = call_json(
            &fx.app,
            "review_reference_signal",
            Some(&manager),
            json!({"candidate_id": fx.candidate_id, "signal_key": same.key, "note": "x"}),
        )
        .await;
        assert_eq!(as_manager.status(), StatusCode::FORBIDDEN);

        let after = fx.references(&fx.recruiter).await;
        let reviewed = after
            .signals
            .iter()
            .find(|s| s.key == same.key)
            .unwrap()
            .review
            .clone()
            .unwrap();
        assert_eq!(reviewed.note, "Both work at Acme's office.", "{backend:?}");
        assert_eq!(reviewed.reviewed_by, "rita@example.org");
    }
}

#[tokio::test]
async fn a_phone_check_is_recorded_on_the_same_questions_and_closes_the_link() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let (id, token) = fx
            .invited("Rhea Stone", "rhea@acme.example", "Manager")
            .await;
        let res = call_json(
            &fx.app,
            "reference_questions",
            Some(&fx.recruiter),
            json!({"request_id": id}),
        )
        .await;
        let questions: Vec<app::model::ReferenceQuestionView> = res.json().await.unwrap();
        assert_eq!(questions.len(), 2);
        let answers: Vec<Value> = questions
            .iter()
            .map(|q| json!({"question_id": q.id, "rating": 3, "cant_say": false, "text": "Said so on the phone"}))
            .collect();
        let record = |called_at: &str| {
            call_json(
                &fx.app,
                "record_phone_check",
                Some(&fx.recruiter),
                json!({"request_id": id, "input": {"called_by": "Rita", "called_at": called_at, "answers": answers}}),
            )
        };
        assert_eq!(
            error_field(&record("yesterday").await.text().await.unwrap()),
            "called_at"
        );
        assert_eq!(
            record("2025-03-07T14:05").await.status(),
            StatusCode::OK,
            "{backend:?}"
        );
        assert_eq!(record("").await.status(), StatusCode::CONFLICT);

        let r = fx.references(&fx.recruiter).await.requests.remove(0);
        assert_eq!(r.status, ReferenceStatus::Submitted);
        let phone = r.phone.unwrap();
        assert_eq!(
            (phone.called_by.as_str(), phone.called_at),
            ("Rita", 1_741_356_300_000)
        );
        assert_eq!(r.answers.len(), 2);
        assert_eq!(fx.form(&token).await.state, RefereeFormState::Submitted);
    }
}

#[tokio::test]
async fn referees_are_checked_field_by_field() {
    let fx = setup(&Backend::Sqlite, roomy()).await;
    let cases = [
        (
            "no name",
            json!({"name": " ", "email": "a@b.example", "phone": "", "relationship": "Peer", "months_worked": 1}),
            "name",
        ),
        (
            "bad email",
            json!({"name": "A", "email": "nope", "phone": "", "relationship": "Peer", "months_worked": 1}),
            "email",
        ),
        (
            "bad phone",
            json!({"name": "A", "email": "a@b.example", "phone": "call me", "relationship": "Peer", "months_worked": 1}),
            "phone",
        ),
        (
            "too long",
            json!({"name": "A", "email": "a@b.example", "phone": "", "relationship": "Peer", "months_worked": 601}),
            "months_worked",
        ),
    ];
    for (case, input, field) in cases {
        let res = call_json(
            &fx.app,
            "add_referee",
            Some(&fx.recruiter),
            json!({"candidate_id": fx.candidate_id, "input": input}),
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{case}");
        assert_eq!(error_field(&res.text().await.unwrap()), field, "{case}");
    }
    let unknown = call_json(
        &fx.app,
        "add_referee",
        Some(&fx.recruiter),
        json!({"candidate_id": "nobody", "input": {"name": "A", "email": "a@b.example", "phone": "",
               "relationship": "Peer", "months_worked": 1}}),
    )
    .await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn referee_endpoints_are_rate_limited_per_address() {
    let fx = setup(
        &Backend::Sqlite,
        ReferenceConfig {
            referee_rate_per_minute: 3,
            ..ReferenceConfig::default()
        },
    )
    .await;
    let (_, token) = fx.invited("Rhea Stone", "rhea@acme.example", "Peer").await;
    for _ in 0..3 {
        assert_eq!(
            fx.referee("load_referee_form", json!({"token": token}))
                .await
                .status(),
            StatusCode::OK
        );
    }
    let limited = fx
        .referee("load_referee_form", json!({"token": token}))
        .await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.headers()["referrer-policy"], "no-referrer");
    let page = fx.app.get(&format!("/r/{token}"), None).await;
    assert_eq!(page.status(), StatusCode::TOO_MANY_REQUESTS);
}

/// Undoes quoted-printable: soft line breaks and `=XX` escapes.
fn decode_quoted_printable(text: &str) -> String {
    let joined = text.replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A minimal SMTP server that accepts every message and keeps its data.
async fn fake_smtp() -> (u16, Arc<Mutex<Vec<String>>>) {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 fake ESMTP\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            store.lock().unwrap().push(data.take().unwrap());
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let verb = line
                        .split(' ')
                        .next()
                        .unwrap_or_default()
                        .to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250 fake\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            break;
                        }
                        _ => b"250 ok\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, received)
}

#[tokio::test]
async fn invitations_are_mailed_and_kept_in_the_outbox_when_smtp_is_set_up() {
    let (port, received) = fake_smtp().await;
    let fx = setup(
        &Backend::Sqlite,
        ReferenceConfig {
            smtp_host: Some("127.0.0.1".into()),
            smtp_port: port,
            smtp_security: SmtpSecurity::None,
            smtp_from: Some("Hiring at Acme <hiring@acme.example>".into()),
            public_url: Some("https://hire.acme.example".into()),
            ..roomy()
        },
    )
    .await;
    let id = fx
        .add_referee("Rhea Stone", "rhea@acme.example", "Peer")
        .await;
    let invite = fx.invite(&id).await;
    assert!(invite.emailed && invite.link.is_none(), "{invite:?}");
    let mails = received.lock().unwrap().clone();
    assert_eq!(mails.len(), 1);
    let mail = &decode_quoted_printable(&mails[0]);
    assert!(
        mail.contains("To: \"Rhea Stone\" <rhea@acme.example>")
            || mail.contains("To: Rhea Stone <rhea@acme.example>"),
        "{mail}"
    );
    let at = mail
        .find("https://hire.acme.example/r/")
        .expect("the link in the mail");
    let token: String = mail[at + "https://hire.acme.example/r/".len()..]
        .chars()
        .take(64)
        .collect();
    assert_eq!(fx.form(&token).await.state, RefereeFormState::Open);

    let outbox = app::db::outbox::list_for_subject(&fx.app.db, DEFAULT_ORG, &id)
        .await
        .unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(
        (outbox[0].status.as_str(), outbox[0].recipient.as_str()),
        ("sent", "rhea@acme.example")
    );
    assert!(!outbox[0].body.contains(&token));
    assert!(fx.references(&fx.recruiter).await.mail_configured);
}
