//! Autosave durability: the real `panelkit` binary is killed with SIGKILL
//! while interviewers autosave concurrently; after a restart on the same
//! database every acknowledged save is there, and the save that was in
//! flight at the kill, resent with its idempotency key, is applied once.
//!
//! Short by default (one kill after about a second). The long run:
//! `PANELKIT_DURABILITY_ROUNDS=20 PANELKIT_DURABILITY_MS=3000 cargo test -p server --release --test durability -- --nocapture`
//! (rounds of kill and restart, milliseconds of saving before each kill).
//! With `PANELKIT_TEST_POSTGRES_URL` set it runs on PostgreSQL too.

use app::db::users::{DEFAULT_ORG, NewUser};
use app::model::{GuideDraft, Role, ScoringSheet, WriteOutcome};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_panelkit");
const PASSWORD: &str = "correct horse battery";
/// Interviewers saving at once: a full panel.
const WRITERS: usize = 8;

#[path = "support/client.rs"]
mod client;
#[path = "support/process.rs"]
mod process;
use process::ServerProcess as Server;

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(WRITERS * 2)
        .build()
        .unwrap()
}

async fn start(database_url: &str) -> Server {
    Server::start(BIN, database_url, &[("PANELKIT_LOGIN_RATE", "1000")]).await
}

async fn call(
    base: &str,
    name: &str,
    token: &str,
    body: &Value,
) -> reqwest::Result<reqwest::Response> {
    client::send(&client(), base, name, token, body).await
}

async fn ok<T: serde::de::DeserializeOwned>(base: &str, name: &str, token: &str, body: Value) -> T {
    client::call(&client(), base, name, token, &body).await
}

async fn login(base: &str, email: &str) -> String {
    client::login(base, email, PASSWORD).await
}

async fn database_urls() -> Vec<String> {
    let unique = format!("d{}", app::db::ids::new_id());
    let dir = std::env::temp_dir().join("panelkit-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let mut urls = vec![format!(
        "sqlite://{}",
        dir.join(format!("{unique}.db")).display()
    )];
    if let Ok(url) = std::env::var("PANELKIT_TEST_POSTGRES_URL")
        && !url.is_empty()
    {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(&url)
            .await
            .expect("connect to PostgreSQL");
        sqlx::raw_sql(&format!("CREATE SCHEMA {unique}"))
            .execute(&mut conn)
            .await
            .unwrap();
        let sep = if url.contains('?') { '&' } else { '?' };
        urls.push(format!("{url}{sep}options=-c%20search_path%3D{unique}"));
    }
    urls
}

/// Accounts straight into the database, then a role, guide, candidate and
/// one interview with a full panel through the server; returns the
/// interview id and each interviewer's session.
async fn set_up(database_url: &str, server: &Server) -> (String, Vec<String>) {
    let base = &server.base;
    let rita = login(base, "rita@example.org").await;
    let role_id: String = ok(
        base,
        "create_role",
        &rita,
        json!({"input": {"title": "Support", "department": "", "description": ""}}),
    )
    .await;
    let _: Value = ok(
        base,
        "set_role_profile",
        &rita,
        json!({"role_id": role_id, "entries": [{"competency_id": "customer-focus", "required_level": 3, "weight": 3}]}),
    )
    .await;
    let guide = json!({"stages": [{"id": "panel", "name": "Panel", "sections": [{"id": "s1", "competency_id": "customer-focus",
        "minutes": 30, "questions": [{"id": "q1", "bank_id": null, "kind": "Custom", "competency_id": "customer-focus",
        "title": "A customer", "text": "Tell me about a customer.", "probes": [], "listen_for": []}]}]}], "reference_questions": []});
    let draft: GuideDraft = ok(base, "get_guide_draft", &rita, json!({"role_id": role_id})).await;
    let revision: i64 = ok(
        base,
        "save_guide_draft",
        &rita,
        json!({"role_id": role_id, "revision": draft.revision, "guide": guide}),
    )
    .await;
    let _: i64 = ok(
        base,
        "publish_guide",
        &rita,
        json!({"role_id": role_id, "revision": revision}),
    )
    .await;
    let candidate_id: String = ok(
        base,
        "add_candidate",
        &rita,
        json!({"role_id": role_id, "input": {"name": "Dana", "email": "dana@example.org", "notes": ""}}),
    )
    .await;
    let db = app::db::Db::connect(database_url).await.unwrap();
    let users = app::db::users::list_users(&db, DEFAULT_ORG).await.unwrap();
    db.close().await;
    let panel: Vec<Value> = (0..WRITERS)
        .map(|i| {
            let id = &users
                .iter()
                .find(|u| u.email == format!("i{i}@example.org"))
                .unwrap()
                .id;
            json!([id, []])
        })
        .collect();
    let scheduled: Value = ok(
        base,
        "schedule_interview",
        &rita,
        json!({"input": {"candidate_id": candidate_id, "stage_id": "panel", "scheduled_at": null, "panel": panel}}),
    )
    .await;
    let mut tokens = Vec::new();
    for i in 0..WRITERS {
        tokens.push(login(base, &format!("i{i}@example.org")).await);
    }
    (
        scheduled["interview_id"].as_str().unwrap().to_owned(),
        tokens,
    )
}

fn save_body(interview_id: &str, base_version: i64, key: &str, n: u64) -> Value {
    json!({"write": {"interview_id": interview_id, "base_version": base_version, "idempotency_key": key,
                     "content": {"questions": {"q1": {"notes": format!("note {n}")}}}}})
}

/// One interviewer's autosaves: acknowledged ones, and the one in flight
/// when the server died.
#[derive(Debug, Default, Clone)]
struct Log {
    version: i64,
    acked: Vec<(String, i64, u64, i64)>,
    in_flight: Option<(String, i64, u64)>,
}

/// Saves as fast as answers come back until the server stops answering.
async fn autosave_until_killed(
    base: String,
    interview_id: String,
    token: String,
    writer: usize,
    mut log: Log,
    round: usize,
) -> Log {
    let mut n = log.acked.last().map_or(0, |a| a.2 + 1);
    loop {
        let key = format!("w{writer}-r{round}-n{n}");
        let body = save_body(&interview_id, log.version, &key, n);
        let answer = match call(&base, "save_scorecard", &token, &body).await {
            Ok(res) if res.status() == StatusCode::OK => res.json::<WriteOutcome>().await.ok(),
            _ => None,
        };
        match answer {
            Some(WriteOutcome::Saved(ack)) => {
                assert_eq!(
                    ack.version,
                    log.version + 1,
                    "writer {writer}: one save, one version"
                );
                log.version = ack.version;
                log.acked.push((key, ack.version, n, ack.saved_at));
                n += 1;
            }
            Some(WriteOutcome::Conflict(c)) => panic!("writer {writer}: unexpected conflict {c:?}"),
            None => {
                log.in_flight = Some((key, log.version, n));
                return log;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_autosave_survives_a_kill_9() {
    let rounds: usize = std::env::var("PANELKIT_DURABILITY_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let save_ms: u64 = std::env::var("PANELKIT_DURABILITY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    for database_url in database_urls().await {
        let db = server::startup::open_database(&database_url).await.unwrap();
        let hash = app::password::hash_password(PASSWORD.to_owned())
            .await
            .unwrap();
        let mut people = vec![("rita@example.org".to_owned(), Role::Recruiter)];
        people.extend((0..WRITERS).map(|i| (format!("i{i}@example.org"), Role::Interviewer)));
        for (email, role) in &people {
            let user = NewUser {
                email,
                name: email,
                role: *role,
                password_hash: &hash,
            };
            app::db::users::insert_user(&db, DEFAULT_ORG, &user)
                .await
                .unwrap();
        }
        db.close().await;

        let mut server = start(&database_url).await;
        let (interview_id, tokens) = set_up(&database_url, &server).await;
        let mut logs = vec![Log::default(); WRITERS];
        let mut total_acked = 0;
        for round in 0..rounds {
            let started = Instant::now();
            let writers: Vec<_> = logs
                .iter()
                .cloned()
                .enumerate()
                .map(|(w, log)| {
                    tokio::spawn(autosave_until_killed(
                        server.base.clone(),
                        interview_id.clone(),
                        tokens[w].clone(),
                        w,
                        log,
                        round,
                    ))
                })
                .collect();
            tokio::time::sleep(Duration::from_millis(save_ms)).await;
            server.kill9();
            let saving = started.elapsed();
            for (w, handle) in writers.into_iter().enumerate() {
                logs[w] = handle.await.unwrap();
            }
            let acked_now: usize = logs.iter().map(|l| l.acked.len()).sum::<usize>() - total_acked;
            total_acked += acked_now;

            server = start(&database_url).await;
            let base = server.base.clone();
            for (w, log) in logs.iter_mut().enumerate() {
                let sheet: ScoringSheet = ok(
                    &base,
                    "load_scorecard",
                    &tokens[w],
                    json!({"interview_id": interview_id}),
                )
                .await;
                let stored = sheet.scorecard.version;
                // Every acknowledged save is there: the stored version is at
                // least the last acknowledged one, and each acknowledged key
                // still answers with its own version and time.
                assert!(
                    stored >= log.version,
                    "writer {w}: stored version {stored} < acknowledged {}",
                    log.version
                );
                assert!(
                    stored <= log.version + 1,
                    "writer {w}: only the save in flight may have landed unacknowledged"
                );
                for (key, version, n, saved_at) in log.acked.iter().rev().take(50) {
                    let replay = save_body(&interview_id, version - 1, key, *n);
                    let again: WriteOutcome = ok(&base, "save_scorecard", &tokens[w], replay).await;
                    assert_eq!(
                        again,
                        WriteOutcome::Saved(app::model::WriteAck {
                            version: *version,
                            saved_at: *saved_at
                        }),
                        "writer {w}: acknowledged save {key} is missing after the kill"
                    );
                }
                if stored == log.version
                    && let Some((_, _, n, _)) = log.acked.last()
                {
                    assert_eq!(
                        sheet.scorecard.content.question("q1").notes,
                        format!("note {n}"),
                        "writer {w}"
                    );
                }
                // The page resends the write that was in flight, with its key:
                // applied now or replayed, never twice, never a conflict.
                let (key, base_version, n) =
                    log.in_flight.take().expect("the kill interrupted a save");
                let resent: WriteOutcome = ok(
                    &base,
                    "save_scorecard",
                    &tokens[w],
                    save_body(&interview_id, base_version, &key, n),
                )
                .await;
                let WriteOutcome::Saved(ack) = resent else {
                    panic!("writer {w}: resending {key} conflicted: {resent:?}")
                };
                assert_eq!(ack.version, base_version + 1, "writer {w}");
                log.version = ack.version;
                log.acked.push((key, ack.version, n, ack.saved_at));
            }
            println!(
                "round {} on {}: {acked_now} saves acknowledged in {:?} before SIGKILL, all present after restart",
                round + 1,
                database_url.split(':').next().unwrap_or_default(),
                saving
            );
            assert!(acked_now > 0, "the writers saved nothing before the kill");
        }
    }
}
