//! Scorecards: autosave with versions and idempotency keys, submission and
//! its lock, amendments in the audit log, and who may see what.

use crate::helpers::*;
use app::model::{
    GuideDraft, MyInterview, Role, ScorecardStatus, ScoringSheet, SubmittedScorecard, WriteAck,
    WriteConflict, WriteOutcome,
};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::HashMap;

/// A published guide with a screen and a panel stage, one candidate, and
/// two interviews: the screen (Ivan) and the panel (Ivan on Customer Focus,
/// Iris on everything). Otto is an interviewer on neither; Hana is the
/// role's hiring manager, Hugo a hiring manager of other roles.
struct Fixture {
    app: TestApp,
    tokens: HashMap<&'static str, String>,
    candidate_id: String,
    screen_id: String,
    panel_id: String,
}

async fn post(app: &TestApp, name: &str, token: Option<&str>, body: Value) -> reqwest::Response {
    let mut req = client().post(app.url(&format!("/api/{name}"))).json(&body);
    if let Some(token) = token {
        req = req.header("cookie", format!("panelkit_session={token}"));
    }
    req.send().await.unwrap()
}

async fn ok<T: serde::de::DeserializeOwned>(
    app: &TestApp,
    name: &str,
    token: &str,
    body: Value,
) -> T {
    let res = post(app, name, Some(token), body).await;
    let status = res.status();
    let text = res.text().await.unwrap();
    assert!(status.is_success(), "{name}: {status} {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}: {text}"))
}

fn question(id: &str, competency: &str) -> Value {
    json!({"id": id, "bank_id": null, "kind": "Custom", "competency_id": competency, "title": format!("Question {id}"),
           "text": format!("Tell me about **{id}**."), "probes": ["What did you do next?"], "listen_for": ["Specifics"]})
}

async fn fixture(backend: &Backend) -> Fixture {
    let app = spawn_app(backend).await;
    server::banks::import_shipped(&app.db).await.unwrap();
    let people = [
        ("rita", Role::Recruiter),
        ("ada", Role::Admin),
        ("ivan", Role::Interviewer),
        ("iris", Role::Interviewer),
        ("otto", Role::Interviewer),
        ("hana", Role::HiringManager),
        ("hugo", Role::HiringManager),
    ];
    let mut tokens = HashMap::new();
    for (name, role) in people {
        let email = format!("{name}@example.org");
        app.add_user(&email, role).await;
        tokens.insert(name, app.login(&email).await);
    }
    let users = app::db::users::list_users(&app.db, "default")
        .await
        .unwrap();
    let id_of = |name: &str| {
        users
            .iter()
            .find(|u| u.email == format!("{name}@example.org"))
            .unwrap()
            .id
            .clone()
    };
    let rita = tokens["rita"].clone();

    let role_id: String = ok(
        &app,
        "create_role",
        &rita,
        json!({"input": {"title": "Support Lead", "department": "", "description": ""}}),
    )
    .await;
    let _: Value = ok(
        &app,
        "set_role_profile",
        &rita,
        json!({"role_id": role_id, "entries": [
            {"competency_id": "customer-focus", "required_level": 3, "weight": 3},
            {"competency_id": "teamwork", "required_level": 4, "weight": 2}
        ]}),
    )
    .await;
    let _: Value = ok(
        &app,
        "set_role_team",
        &rita,
        json!({"role_id": role_id, "members": [[id_of("hana"), "HiringManager"]]}),
    )
    .await;
    let guide = json!({
        "stages": [
            {"id": "screen", "name": "Phone screen", "sections": [
                {"id": "s0", "competency_id": "customer-focus", "minutes": 10, "questions": [question("q0", "customer-focus")]}
            ]},
            {"id": "panel", "name": "Panel", "sections": [
                {"id": "s1", "competency_id": "customer-focus", "minutes": 20, "questions": [question("q1", "customer-focus"), question("q2", "customer-focus")]},
                {"id": "s2", "competency_id": "teamwork", "minutes": 15, "questions": [question("q3", "teamwork")]}
            ]}
        ],
        "reference_questions": []
    });
    let draft: GuideDraft = ok(&app, "get_guide_draft", &rita, json!({"role_id": role_id})).await;
    let revision: i64 = ok(
        &app,
        "save_guide_draft",
        &rita,
        json!({"role_id": role_id, "revision": draft.revision, "guide": guide}),
    )
    .await;
    let _: i64 = ok(
        &app,
        "publish_guide",
        &rita,
        json!({"role_id": role_id, "revision": revision}),
    )
    .await;
    let candidate_id: String = ok(
        &app,
        "add_candidate",
        &rita,
        json!({"role_id": role_id, "input": {"name": "Carla Candidate", "email": "carla@example.org", "notes": ""}}),
    )
    .await;
    let schedule = |stage: &str, panel: Value| json!({"input": {"candidate_id": candidate_id, "stage_id": stage, "scheduled_at": 1_900_000_000_000_i64, "panel": panel}});
    let screen: Value = ok(
        &app,
        "schedule_interview",
        &rita,
        schedule("screen", json!([[id_of("ivan"), []]])),
    )
    .await;
    let panel: Value = ok(
        &app,
        "schedule_interview",
        &rita,
        schedule(
            "panel",
            json!([[id_of("ivan"), ["customer-focus"]], [id_of("iris"), []]]),
        ),
    )
    .await;
    Fixture {
        app,
        tokens,
        candidate_id,
        screen_id: screen["interview_id"].as_str().unwrap().to_owned(),
        panel_id: panel["interview_id"].as_str().unwrap().to_owned(),
    }
}

/// A complete scorecard for someone focused on Customer Focus only.
fn complete() -> Value {
    json!({
        "questions": {"q1": {"notes": "Calmed an angry customer, *then* fixed the root cause.", "rating": "Advanced"}},
        "competencies": {"customer-focus": {"assessment": {"rated": "Independent"}, "evidence": "Clear story, owned the outcome.",
                          "behaviors": ["cf-empathizes:0"]}},
        "recommendation": "yes",
        "summary": "Solid."
    })
}

fn write(interview_id: &str, base_version: i64, key: &str, content: Value) -> Value {
    json!({"write": {"interview_id": interview_id, "base_version": base_version, "idempotency_key": key, "content": content}})
}

fn notes(text: &str) -> Value {
    json!({"questions": {"q1": {"notes": text}}})
}

impl Fixture {
    fn token(&self, who: &str) -> &str {
        &self.tokens[who]
    }

    async fn call(&self, name: &str, who: &str, body: Value) -> reqwest::Response {
        post(&self.app, name, Some(self.token(who)), body).await
    }

    async fn write(&self, name: &str, who: &str, body: Value) -> WriteOutcome {
        ok(&self.app, name, self.token(who), body).await
    }

    async fn save(
        &self,
        who: &str,
        interview: &str,
        base: i64,
        key: &str,
        content: Value,
    ) -> WriteOutcome {
        self.write("save_scorecard", who, write(interview, base, key, content))
            .await
    }

    async fn sheet(&self, who: &str, interview: &str) -> ScoringSheet {
        ok(
            &self.app,
            "load_scorecard",
            self.token(who),
            json!({"interview_id": interview}),
        )
        .await
    }

    async fn submitted(&self, who: &str, interview: Option<&str>) -> reqwest::Response {
        self.call(
            "list_submitted_scorecards",
            who,
            json!({"candidate_id": self.candidate_id, "interview_id": interview}),
        )
        .await
    }
}

fn saved(outcome: WriteOutcome) -> WriteAck {
    match outcome {
        WriteOutcome::Saved(ack) => ack,
        WriteOutcome::Conflict(c) => panic!("expected a save, got {c:?}"),
    }
}

fn conflict(outcome: WriteOutcome) -> WriteConflict {
    match outcome {
        WriteOutcome::Conflict(c) => c,
        WriteOutcome::Saved(ack) => panic!("expected a conflict, got {ack:?}"),
    }
}

#[tokio::test]
async fn a_save_is_acknowledged_with_the_next_version_and_reloads() {
    for backend in backends() {
        let f = fixture(&backend).await;
        let sheet = f.sheet("ivan", &f.panel_id).await;
        assert_eq!(sheet.scorecard.version, 0, "{backend:?}");
        assert_eq!(sheet.candidate_name, "Carla Candidate");
        assert_eq!(sheet.sections.len(), 2);
        let focus: Vec<_> = sheet
            .competencies
            .iter()
            .map(|c| (c.id.as_str(), c.focus))
            .collect();
        assert_eq!(focus, [("customer-focus", true), ("teamwork", false)]);
        assert_eq!(sheet.competencies[0].anchors.len(), 5);
        assert!(
            sheet.sections[0].questions[0]
                .text_html
                .contains("<strong>q1</strong>")
        );

        let first = saved(
            f.save(
                "ivan",
                &f.panel_id,
                0,
                "key-first-0001",
                notes("Started well"),
            )
            .await,
        );
        assert_eq!(first.version, 1);
        let second = saved(
            f.save(
                "ivan",
                &f.panel_id,
                1,
                "key-second-002",
                notes("Started well, then stalled"),
            )
            .await,
        );
        assert_eq!(second.version, 2);

        let again = f.sheet("ivan", &f.panel_id).await;
        assert_eq!(again.scorecard.version, 2);
        assert_eq!(again.scorecard.status, ScorecardStatus::Draft);
        assert_eq!(
            again.scorecard.content.question("q1").notes,
            "Started well, then stalled"
        );
        assert_eq!(again.scorecard.updated_at, Some(second.saved_at));
    }
}

#[tokio::test]
async fn the_scoring_page_is_rendered_with_the_saved_scorecard() {
    let f = fixture(&Backend::Sqlite).await;
    saved(
        f.save(
            "ivan",
            &f.panel_id,
            0,
            "key-render-001",
            notes("Mentioned the refund policy"),
        )
        .await,
    );
    let res = f
        .app
        .get(
            &format!("/interviews/{}", f.panel_id),
            Some(f.token("ivan")),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    for expected in [
        "Carla Candidate",
        "Mentioned the refund policy",
        "Rate Customer Focus",
        "Question q3",
    ] {
        assert!(html.contains(expected), "the page lacks {expected:?}");
    }
}

#[tokio::test]
async fn a_save_on_a_stale_version_is_refused_as_a_conflict() {
    for backend in backends() {
        let f = fixture(&backend).await;
        saved(
            f.save(
                "ivan",
                &f.panel_id,
                0,
                "tab-one-0001",
                notes("From tab one"),
            )
            .await,
        );
        // Tab two opened before tab one saved.
        let c = conflict(
            f.save(
                "ivan",
                &f.panel_id,
                0,
                "tab-two-0001",
                notes("From tab two"),
            )
            .await,
        );
        assert_eq!(
            (c.current_version, c.status),
            (1, ScorecardStatus::Draft),
            "{backend:?}"
        );
        assert!(c.message().contains("another tab"));
        let c = conflict(
            f.save(
                "ivan",
                &f.panel_id,
                7,
                "tab-two-0002",
                notes("From the future"),
            )
            .await,
        );
        assert_eq!(c.current_version, 1);
        let sheet = f.sheet("ivan", &f.panel_id).await;
        assert_eq!(
            sheet.scorecard.content.question("q1").notes,
            "From tab one",
            "{backend:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_save_sent_ten_times_bumps_the_version_once() {
    for backend in backends() {
        let f = fixture(&backend).await;
        let mut acks = Vec::new();
        for _ in 0..10 {
            acks.push(saved(
                f.save("ivan", &f.panel_id, 0, "retried-key-01", notes("Once"))
                    .await,
            ));
        }
        assert!(
            acks.iter().all(|a| *a == acks[0]),
            "every retry answers the same: {acks:?} on {backend:?}"
        );
        assert_eq!(acks[0].version, 1);
        assert_eq!(f.sheet("ivan", &f.panel_id).await.scorecard.version, 1);

        // The same again, ten at once.
        let sends =
            (0..10).map(|_| f.save("ivan", &f.panel_id, 1, "retried-key-02", notes("Twice")));
        let acks: Vec<WriteAck> = futures_join_all(sends)
            .await
            .into_iter()
            .map(saved)
            .collect();
        assert!(
            acks.iter().all(|a| *a == acks[0]),
            "{acks:?} on {backend:?}"
        );
        assert_eq!(acks[0].version, 2);
        assert_eq!(
            f.sheet("ivan", &f.panel_id).await.scorecard.version,
            2,
            "{backend:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_saves_from_two_tabs_let_exactly_one_win() {
    for backend in backends() {
        let f = fixture(&backend).await;
        let keys: Vec<String> = (0..10).map(|i| format!("tab-key-{i:04}")).collect();
        let sends = keys
            .iter()
            .map(|key| f.save("ivan", &f.panel_id, 0, key, notes(key)));
        let outcomes = futures_join_all(sends).await;
        let wins = outcomes
            .iter()
            .filter(|o| matches!(o, WriteOutcome::Saved(_)))
            .count();
        assert_eq!(wins, 1, "{outcomes:?} on {backend:?}");
        assert_eq!(f.sheet("ivan", &f.panel_id).await.scorecard.version, 1);
    }
}

#[tokio::test]
async fn a_key_reused_for_a_different_save_is_refused() {
    for backend in backends() {
        let f = fixture(&backend).await;
        saved(
            f.save("ivan", &f.panel_id, 0, "one-key-0001", notes("First"))
                .await,
        );
        let res = f
            .call(
                "save_scorecard",
                "ivan",
                write(&f.panel_id, 1, "one-key-0001", notes("Second")),
            )
            .await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend:?}"
        );
        let err: app::errors::AppError = res.json().await.unwrap();
        assert!(
            matches!(err, app::errors::AppError::Invalid { ref field, .. } if field == "idempotency_key"),
            "{err:?}"
        );
        let res = f
            .call(
                "save_scorecard",
                "ivan",
                write(&f.panel_id, 1, "bad key", notes("x")),
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}

#[tokio::test]
async fn submitting_checks_every_focus_competency_and_rating() {
    for backend in backends() {
        let f = fixture(&backend).await;
        let cases = [
            (
                "nothing rated",
                json!({"recommendation": "yes"}),
                "Customer Focus: rate it",
            ),
            (
                "a rating without evidence",
                json!({"competencies": {"customer-focus": {"assessment": {"rated": "Advanced"}}}, "recommendation": "yes"}),
                "evidence note",
            ),
            (
                "not assessed without a reason",
                json!({"competencies": {"customer-focus": {"assessment": "not_assessed"}}, "recommendation": "no"}),
                "why it was not assessed",
            ),
            (
                "a rated answer without notes",
                json!({"questions": {"q2": {"rating": "Entry"}},
                       "competencies": {"customer-focus": {"assessment": "not_assessed", "not_assessed_reason": "Ran out of time"}},
                       "recommendation": "no"}),
                "add notes",
            ),
            (
                "no recommendation",
                json!({"competencies": {"customer-focus": {"assessment": "not_assessed", "not_assessed_reason": "Ran out of time"}}}),
                "recommendation",
            ),
            (
                "a question of another stage",
                json!({"questions": {"q0": {"notes": "x"}}}),
                "q0 is not in this interview",
            ),
            (
                "a behavior of another competency",
                json!({"competencies": {"customer-focus": {"behaviors": ["tw-supports-colleagues:0"]}}}),
                "is not one of customer-focus's",
            ),
        ];
        for (i, (case, content, expected)) in cases.into_iter().enumerate() {
            let res = f
                .call(
                    "submit_scorecard",
                    "ivan",
                    write(&f.panel_id, 0, &format!("submit-case-{i}"), content),
                )
                .await;
            assert_eq!(
                res.status(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "{case} on {backend:?}"
            );
            let err = res
                .json::<app::errors::AppError>()
                .await
                .unwrap()
                .to_string();
            assert!(err.contains(expected), "{case}: {err}");
        }
        assert_eq!(
            f.sheet("ivan", &f.panel_id).await.scorecard.version,
            0,
            "refused submissions store nothing"
        );

        // Not assessed with a reason is complete; Teamwork is not Ivan's focus.
        let content = json!({"competencies": {"customer-focus": {"assessment": "not_assessed", "not_assessed_reason": "Ran out of time"}},
                             "recommendation": "no"});
        let ack = saved(
            f.write(
                "submit_scorecard",
                "ivan",
                write(&f.panel_id, 0, "submit-ok-001", content),
            )
            .await,
        );
        assert_eq!(ack.version, 1, "{backend:?}");
    }
}

#[tokio::test]
async fn submitting_locks_the_scorecard() {
    for backend in backends() {
        let f = fixture(&backend).await;
        saved(
            f.save("ivan", &f.panel_id, 0, "draft-save-01", notes("Draft"))
                .await,
        );
        let submit = write(&f.panel_id, 1, "submit-lock-01", complete());
        let ack = saved(f.write("submit_scorecard", "ivan", submit.clone()).await);
        assert_eq!(ack.version, 2);
        // A lost answer retried: the same result, nothing applied twice.
        assert_eq!(
            saved(f.write("submit_scorecard", "ivan", submit).await),
            ack,
            "{backend:?}"
        );

        let sheet = f.sheet("ivan", &f.panel_id).await;
        assert_eq!(sheet.scorecard.status, ScorecardStatus::Submitted);
        assert_eq!(sheet.scorecard.submitted_at, Some(ack.saved_at));
        assert_eq!(
            sheet
                .scorecard
                .content
                .competency("customer-focus")
                .evidence,
            "Clear story, owned the outcome."
        );

        let c = conflict(
            f.save(
                "ivan",
                &f.panel_id,
                2,
                "after-submit-1",
                notes("Sneaky edit"),
            )
            .await,
        );
        assert_eq!(c.status, ScorecardStatus::Submitted, "{backend:?}");
        assert!(c.message().contains("submitted"));
        let c = conflict(
            f.write(
                "submit_scorecard",
                "ivan",
                write(&f.panel_id, 2, "resubmit-0001", complete()),
            )
            .await,
        );
        assert_eq!(c.current_version, 2);
        assert_eq!(f.sheet("ivan", &f.panel_id).await.scorecard.version, 2);

        let mine: Vec<MyInterview> =
            ok(&f.app, "list_my_interviews", f.token("ivan"), json!({})).await;
        let panel = mine.iter().find(|i| i.interview_id == f.panel_id).unwrap();
        assert_eq!(panel.status, Some(ScorecardStatus::Submitted));
        assert_eq!(
            mine[0].interview_id, f.screen_id,
            "what is still to submit comes first"
        );
    }
}

#[tokio::test]
async fn an_amendment_records_a_new_version_with_its_reason_and_an_audit_entry() {
    for backend in backends() {
        let f = fixture(&backend).await;
        let amend = |base: i64, key: &str, reason: &str| {
            let mut body = write(&f.panel_id, base, key, complete());
            body["write"]["content"]["summary"] =
                json!("Solid; checked references on the refund story.");
            body["reason"] = json!(reason);
            body
        };
        // Nothing to amend before submission.
        let c = conflict(
            f.write("amend_scorecard", "ivan", amend(0, "amend-early-1", "Typo"))
                .await,
        );
        assert_eq!(c.current_version, 0, "{backend:?}");
        saved(
            f.write(
                "submit_scorecard",
                "ivan",
                write(&f.panel_id, 0, "submit-amend-1", complete()),
            )
            .await,
        );

        let res = f
            .call("amend_scorecard", "ivan", amend(1, "amend-noreason", "  "))
            .await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend:?}"
        );
        let ack = saved(
            f.write(
                "amend_scorecard",
                "ivan",
                amend(1, "amend-ok-0001", "Added what the reference said"),
            )
            .await,
        );
        assert_eq!(ack.version, 2);
        let others: Vec<SubmittedScorecard> = f.submitted("rita", None).await.json().await.unwrap();
        assert_eq!(
            (others.len(), others[0].amendments, others[0].version),
            (1, 1, 2),
            "{backend:?}"
        );
        assert!(others[0].content.summary.contains("checked references"));

        let pool = sqlx::AnyPool::connect(&f.app.database_url).await.unwrap();
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT action, detail FROM audit_log WHERE org_id = 'default' AND action LIKE 'scorecard.%' ORDER BY at, action",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let actions: Vec<&str> = rows.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(
            actions,
            ["scorecard.submit", "scorecard.amend"],
            "{backend:?}"
        );
        let detail: Value = serde_json::from_str(&rows[1].1).unwrap();
        assert_eq!(detail["version"], 2);
        // The reason is kept with the version, where an erasure can reach
        // it; the append-only log holds no free text.
        assert!(detail.get("reason").is_none(), "{detail}");
        let reasons: Vec<(String,)> = sqlx::query_as(
            "SELECT reason FROM scorecard_versions WHERE org_id = 'default' AND kind = 'amend'",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        assert_eq!(reasons, [("Added what the reference said".to_owned(),)]);
        let kept: Vec<(i64, String)> =
            sqlx::query_as("SELECT version, content_json FROM scorecard_versions WHERE org_id = 'default' ORDER BY version")
                .fetch_all(&pool)
                .await
                .unwrap();
        assert_eq!(kept.len(), 2);
        assert!(
            kept[0].1.contains("Solid.") && !kept[0].1.contains("checked references"),
            "the submitted text is kept"
        );
        pool.close().await;
    }
}

#[tokio::test]
async fn nobody_reads_or_writes_another_persons_scorecard() {
    for backend in backends() {
        let f = fixture(&backend).await;
        saved(
            f.save(
                "ivan",
                &f.panel_id,
                0,
                "ivan-draft-01",
                notes("Ivan's private draft"),
            )
            .await,
        );
        // Iris sits on the same panel: she gets her own, empty scorecard.
        let iris = f.sheet("iris", &f.panel_id).await;
        assert_eq!(iris.scorecard.version, 0, "{backend:?}");
        assert!(
            iris.competencies.iter().all(|c| c.focus),
            "an empty focus means every competency"
        );
        // Off the panel, the interview does not exist, for admins too.
        for who in ["ada", "rita", "otto", "hana", "hugo"] {
            let res = f
                .call("load_scorecard", who, json!({"interview_id": f.panel_id}))
                .await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{who} on {backend:?}");
            let res = f
                .call(
                    "save_scorecard",
                    who,
                    write(&f.panel_id, 0, "not-mine-0001", notes("x")),
                )
                .await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{who} on {backend:?}");
        }
        let res = post(
            &f.app,
            "save_scorecard",
            None,
            write(&f.panel_id, 0, "anonymous-01", notes("x")),
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        // Drafts never appear among submitted scorecards.
        for who in ["ada", "rita", "hana"] {
            let res = f.submitted(who, None).await;
            assert_eq!(res.status(), StatusCode::OK, "{who}");
            let list: Vec<SubmittedScorecard> = res.json().await.unwrap();
            assert!(list.is_empty(), "{who} sees no draft on {backend:?}");
        }
        let page = f
            .app
            .get(&format!("/interviews/{}", f.panel_id), Some(f.token("ada")))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            !page.contains("Ivan&#x27;s private draft") && !page.contains("Ivan's private draft")
        );
    }
}

#[tokio::test]
async fn visibility_of_submitted_scorecards_for_every_role() {
    for backend in backends() {
        let f = fixture(&backend).await;
        saved(
            f.save(
                "ivan",
                &f.panel_id,
                0,
                "ivan-draft-02",
                notes("Ivan's draft"),
            )
            .await,
        );
        // Before submitting, a panel member sees nobody else's.
        assert_eq!(
            f.submitted("iris", None).await.status(),
            StatusCode::FORBIDDEN,
            "{backend:?}"
        );
        let iris_content = json!({
            "competencies": {
                "customer-focus": {"assessment": {"rated": "Advanced"}, "evidence": "Strong."},
                "teamwork": {"assessment": {"rated": "Developing"}, "evidence": "Blamed others."}
            },
            "recommendation": "strong_yes"
        });
        saved(
            f.write(
                "submit_scorecard",
                "iris",
                write(&f.panel_id, 0, "iris-submit-1", iris_content),
            )
            .await,
        );

        let names = |list: Vec<SubmittedScorecard>| {
            list.into_iter()
                .map(|s| s.interviewer_name)
                .collect::<Vec<_>>()
        };
        // Iris has submitted all of hers: she sees the submitted ones (Ivan's is a draft).
        let list: Vec<SubmittedScorecard> = f.submitted("iris", None).await.json().await.unwrap();
        assert_eq!(names(list), ["iris@example.org"], "{backend:?}");
        // Ivan has not: refused, also for the one interview filter.
        assert_eq!(
            f.submitted("ivan", None).await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            f.submitted("ivan", Some(&f.panel_id)).await.status(),
            StatusCode::FORBIDDEN
        );
        saved(
            f.write(
                "submit_scorecard",
                "ivan",
                write(&f.panel_id, 1, "ivan-submit-1", complete()),
            )
            .await,
        );
        // Still refused: his screen scorecard for the same candidate is not submitted.
        assert_eq!(
            f.submitted("ivan", Some(&f.panel_id)).await.status(),
            StatusCode::FORBIDDEN,
            "{backend:?}"
        );
        let screen = json!({"competencies": {"customer-focus": {"assessment": {"rated": "Independent"}, "evidence": "Fine."}},
                            "recommendation": "yes"});
        saved(
            f.write(
                "submit_scorecard",
                "ivan",
                write(&f.screen_id, 0, "ivan-screen-1", screen),
            )
            .await,
        );
        let list: Vec<SubmittedScorecard> = f
            .submitted("ivan", Some(&f.panel_id))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            names(list),
            ["iris@example.org", "ivan@example.org"],
            "{backend:?}"
        );

        let cases = [
            ("admin", "ada", StatusCode::OK),
            ("recruiter", "rita", StatusCode::OK),
            ("the role's hiring manager", "hana", StatusCode::OK),
            (
                "another role's hiring manager",
                "hugo",
                StatusCode::NOT_FOUND,
            ),
            (
                // Hidden, like any candidate the caller may not read.
                "an interviewer on no panel of the candidate",
                "otto",
                StatusCode::NOT_FOUND,
            ),
        ];
        for (case, who, expected) in cases {
            let res = f.submitted(who, None).await;
            assert_eq!(res.status(), expected, "{case} on {backend:?}");
            if expected == StatusCode::OK {
                let list: Vec<SubmittedScorecard> = res.json().await.unwrap();
                assert_eq!(
                    list.len(),
                    3,
                    "{case}: both interviews' submitted scorecards"
                );
            }
        }
        assert_eq!(
            post(
                &f.app,
                "list_submitted_scorecards",
                None,
                json!({"candidate_id": f.candidate_id})
            )
            .await
            .status(),
            StatusCode::UNAUTHORIZED
        );
    }
}

#[tokio::test]
async fn my_interviews_lists_only_the_callers_panels() {
    for backend in backends() {
        let f = fixture(&backend).await;
        let ivan: Vec<MyInterview> =
            ok(&f.app, "list_my_interviews", f.token("ivan"), json!({})).await;
        let iris: Vec<MyInterview> =
            ok(&f.app, "list_my_interviews", f.token("iris"), json!({})).await;
        let otto: Vec<MyInterview> =
            ok(&f.app, "list_my_interviews", f.token("otto"), json!({})).await;
        assert_eq!(
            (ivan.len(), iris.len(), otto.len()),
            (2, 1, 0),
            "{backend:?}"
        );
        assert!(
            ivan.iter()
                .all(|i| i.status.is_none() && i.candidate_name == "Carla Candidate")
        );
        assert_eq!(iris[0].stage_name, "Panel");
    }
}

/// Runs the futures concurrently (a tiny `join_all`, to need no extra crate).
async fn futures_join_all<F: std::future::Future>(
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
