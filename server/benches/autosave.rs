//! Autosave under load: the release `panelkit` binary under 100 concurrent
//! connections, each an interviewer autosaving their own scorecard as fast
//! as answers come back (through the group commit), next to the ceiling of
//! one write transaction per save run in process without HTTP
//! (`write_alone`), on the same database; on SQLite, and on PostgreSQL when
//! `PANELKIT_BENCH_POSTGRES_URL` is set. After the HTTP run every stored
//! version is checked against the last one acknowledged: nothing
//! acknowledged may be missing.
//!
//! `cargo bench -p server --bench autosave` (`PANELKIT_BENCH_SECS`, default
//! 10, sets the length of each run). The load generator is in this process
//! and not `wrk`: every writer must send the version its last save returned,
//! which needs a client that keeps state per connection.

use app::db::Db;
use app::db::scorecards::WriteKind;
use app::db::users::{DEFAULT_ORG, NewUser};
use app::model::{GuideDraft, Role, ScorecardWrite, WriteOutcome};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_panelkit");
const PASSWORD: &str = "correct horse battery";
/// Concurrent writers (connections).
const WRITERS: usize = 100;
/// Interviewers per panel (the most a panel may have).
const PANEL: usize = 8;

/// One interviewer's seat: whom they score, and their session.
#[derive(Clone)]
struct Seat {
    user_id: String,
    interview_id: String,
    candidate_id: String,
    token: String,
}

#[path = "../tests/support/process.rs"]
mod process;
mod support;
use process::ServerProcess as Server;
use support::Engine;
use support::http::call;

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(WRITERS)
        .build()
        .unwrap()
}

async fn start(database_url: &str) -> Server {
    Server::start(BIN, database_url, &[("PANELKIT_LOGIN_RATE", "100000")]).await
}

async fn login(base: &str, email: &str) -> String {
    support::http::login(base, email, PASSWORD).await
}

/// 100 interviewers on 13 panels of one role.
async fn set_up(database_url: &str) -> Vec<Seat> {
    let db = server::startup::open_database(database_url).await.unwrap();
    let hash = app::password::hash_password(PASSWORD.to_owned())
        .await
        .unwrap();
    let mut emails = vec![("rita@example.org".to_owned(), Role::Recruiter)];
    emails.extend((0..WRITERS).map(|i| (format!("i{i}@example.org"), Role::Interviewer)));
    for (email, role) in &emails {
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
    let users = app::db::users::list_users(&db, DEFAULT_ORG).await.unwrap();
    db.close().await;
    let id_of = |email: &str| users.iter().find(|u| u.email == email).unwrap().id.clone();

    let server = start(database_url).await;
    let (c, base) = (client(), server.base.clone());
    let rita = login(&base, "rita@example.org").await;
    let role_id: String = call(
        &c,
        &base,
        "create_role",
        &rita,
        &json!({"input": {"title": "Bench", "department": "", "description": ""}}),
    )
    .await;
    let _: Value = call(
        &c,
        &base,
        "set_role_profile",
        &rita,
        &json!({"role_id": role_id, "entries": [{"competency_id": "customer-focus", "required_level": 3, "weight": 3}]}),
    )
    .await;
    let guide = json!({"stages": [{"id": "panel", "name": "Panel", "sections": [{"id": "s1", "competency_id": "customer-focus",
        "minutes": 30, "questions": [{"id": "q1", "bank_id": null, "kind": "Custom", "competency_id": "customer-focus",
        "title": "A customer", "text": "Tell me about a customer.", "probes": [], "listen_for": []}]}]}], "reference_questions": []});
    let draft: GuideDraft = call(
        &c,
        &base,
        "get_guide_draft",
        &rita,
        &json!({"role_id": role_id}),
    )
    .await;
    let revision: i64 = call(
        &c,
        &base,
        "save_guide_draft",
        &rita,
        &json!({"role_id": role_id, "revision": draft.revision, "guide": guide}),
    )
    .await;
    let _: i64 = call(
        &c,
        &base,
        "publish_guide",
        &rita,
        &json!({"role_id": role_id, "revision": revision}),
    )
    .await;
    let mut seats = Vec::new();
    for (panel_no, chunk) in (0..WRITERS).collect::<Vec<_>>().chunks(PANEL).enumerate() {
        let candidate_id: String = call(
            &c,
            &base,
            "add_candidate",
            &rita,
            &json!({"role_id": role_id, "input": {"name": format!("Candidate {panel_no}"), "email": format!("c{panel_no}@example.org"), "notes": ""}}),
        )
        .await;
        let panel: Vec<Value> = chunk
            .iter()
            .map(|i| json!([id_of(&format!("i{i}@example.org")), []]))
            .collect();
        let scheduled: Value = call(
            &c,
            &base,
            "schedule_interview",
            &rita,
            &json!({"input": {"candidate_id": candidate_id, "stage_id": "panel", "scheduled_at": null, "panel": panel}}),
        )
        .await;
        for i in chunk {
            let email = format!("i{i}@example.org");
            seats.push(Seat {
                user_id: id_of(&email),
                interview_id: scheduled["interview_id"].as_str().unwrap().to_owned(),
                candidate_id: candidate_id.clone(),
                token: login(&base, &email).await,
            });
        }
    }
    seats
}

/// A realistic autosave document: a few notes and ratings.
fn content(n: u64) -> Value {
    json!({
        "questions": {"q1": {"notes": format!("Autosave {n}: the candidate described the refund, the call back a week later and what they changed in the process afterwards."), "rating": "Independent"}},
        "competencies": {"customer-focus": {"assessment": {"rated": "Independent"}, "evidence": "Owned the complaint; followed up.", "behaviors": ["cf-empathizes:0"]}},
        "recommendation": "yes",
        "summary": "Solid on customers."
    })
}

struct Stats {
    saves: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
    /// Each writer's last acknowledged version.
    last: Vec<i64>,
}

impl Stats {
    fn per_sec(&self) -> f64 {
        self.saves as f64 / self.elapsed.as_secs_f64()
    }

    fn pct(&mut self, p: f64) -> f64 {
        self.latencies.sort_unstable();
        let i =
            ((self.latencies.len() as f64 * p).ceil() as usize).clamp(1, self.latencies.len()) - 1;
        self.latencies[i].as_secs_f64() * 1000.0
    }
}

/// Runs `WRITERS` closed-loop writers for `secs`; `save(seat, version, n)`
/// returns the new version.
async fn run<F, Fut>(seats: &[Seat], versions: Vec<i64>, secs: u64, save: F) -> Stats
where
    F: Fn(Seat, i64, u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = i64> + Send,
{
    let save = Arc::new(save);
    let deadline = Instant::now() + Duration::from_secs(secs);
    let started = Instant::now();
    let tasks: Vec<_> = seats
        .iter()
        .cloned()
        .zip(versions)
        .map(|(seat, mut version)| {
            let save = save.clone();
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut n = 0;
                while Instant::now() < deadline {
                    let t = Instant::now();
                    version = save(seat.clone(), version, n).await;
                    latencies.push(t.elapsed());
                    n += 1;
                }
                (latencies, version)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut last = Vec::new();
    for t in tasks {
        let (mine, version) = t.await.unwrap();
        latencies.extend(mine);
        last.push(version);
    }
    Stats {
        saves: latencies.len(),
        elapsed: started.elapsed(),
        latencies,
        last,
    }
}

async fn current_versions(database_url: &str, seats: &[Seat]) -> Vec<i64> {
    let db = Db::connect(database_url).await.unwrap();
    let mut versions = Vec::new();
    for s in seats {
        let own = app::db::scorecards::load_own(&db, DEFAULT_ORG, &s.interview_id, &s.user_id)
            .await
            .unwrap();
        versions.push(own.map_or(0, |o| o.version));
    }
    db.close().await;
    versions
}

fn saved_version(outcome: WriteOutcome) -> i64 {
    match outcome {
        WriteOutcome::Saved(ack) => ack.version,
        WriteOutcome::Conflict(c) => panic!("a writer conflicted with itself: {c:?}"),
    }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let secs: u64 = std::env::var("PANELKIT_BENCH_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10);
    for engine in support::engines() {
        measure(&engine, secs).await;
    }
}

async fn measure(engine: &Engine, secs: u64) {
    let database_url = engine.fresh("autosave").await;
    let seats = set_up(&database_url).await;

    // The ceiling: one transaction per save, in process, same concurrency.
    let db = Db::connect(&database_url).await.unwrap();
    let versions = current_versions(&database_url, &seats).await;
    let raw = {
        let db = db.clone();
        run(&seats, versions, secs, move |seat, version, n| {
            let db = db.clone();
            async move {
                let write = ScorecardWrite {
                    interview_id: seat.interview_id.clone(),
                    base_version: version,
                    idempotency_key: format!("raw-{}-{n}", seat.user_id),
                    content: serde_json::from_value(content(n)).unwrap(),
                };
                let outcome = app::db::scorecards::write_alone(
                    &db,
                    DEFAULT_ORG,
                    &seat.user_id,
                    &seat.candidate_id,
                    WriteKind::Save,
                    &write,
                )
                .await
                .unwrap();
                saved_version(outcome)
            }
        })
        .await
    };
    db.close().await;

    // Through HTTP: session, caller check, validation, the group commit.
    let server = start(&database_url).await;
    let before = current_versions(&database_url, &seats).await;
    let base = server.base.clone();
    let c = client();
    let http = run(&seats, before.clone(), secs, move |seat, version, n| {
        let (c, base) = (c.clone(), base.clone());
        async move {
            let body = json!({"write": {"interview_id": seat.interview_id, "base_version": version,
                "idempotency_key": format!("http-{}-{n}", seat.user_id), "content": content(n)}});
            saved_version(call(&c, &base, "save_scorecard", &seat.token, &body).await)
        }
    })
    .await;
    drop(server);
    // Every acknowledged save is stored: each scorecard is at the version
    // its writer last heard, and the versions grew by the saves answered.
    let after = current_versions(&database_url, &seats).await;
    let lost = after
        .iter()
        .zip(&http.last)
        .filter(|(stored, acked)| stored < acked)
        .count();
    let grown: i64 = after.iter().zip(&before).map(|(a, b)| a - b).sum();
    assert_eq!(lost, 0, "acknowledged saves are missing");
    assert_eq!(
        grown as usize, http.saves,
        "stored versions do not match the acknowledged saves"
    );

    let (mut raw, mut http) = (raw, http);
    let name = engine.name();
    let durability = match engine {
        Engine::Sqlite => "WAL, synchronous=NORMAL",
        Engine::Postgres(_) => "synchronous_commit on",
    };
    println!(
        "\nAutosave on {name} ({durability}), {WRITERS} concurrent writers, {secs} s each, release build"
    );
    println!(
        "{:<48} {:>10} {:>10} {:>10}",
        "", "saves/s", "p50 ms", "p99 ms"
    );
    let raw_rate = raw.per_sec();
    let http_rate = http.per_sec();
    let (raw_p50, raw_p99) = (raw.pct(0.50), raw.pct(0.99));
    let (http_p50, http_p99) = (http.pct(0.50), http.pct(0.99));
    println!(
        "{:<48} {:>10.0} {:>10.2} {:>10.2}",
        "ceiling: one transaction per save, no HTTP", raw_rate, raw_p50, raw_p99
    );
    println!(
        "{:<48} {:>10.0} {:>10.2} {:>10.2}",
        "HTTP save_scorecard, group commit", http_rate, http_p50, http_p99
    );
    println!(
        "HTTP / ceiling: {:.2} ({} and {} saves); none of the {} acknowledged saves lost",
        http_rate / raw_rate,
        http.saves,
        raw.saves,
        http.saves
    );
    support::at_most(
        &format!("autosave p99, {WRITERS} writers over HTTP, {name}"),
        http_p99,
        25.0,
        "ms",
    );
    support::at_least(
        &format!("autosave HTTP saves/s ÷ one-transaction ceiling, {name}"),
        http_rate / raw_rate,
        1.0,
        "×",
    );
    support::report(
        &format!("autosave acknowledged saves lost, {name}"),
        &format!("0 of {}", http.saves),
        "0",
        0.0,
        true,
    );
    engine.drop_database("autosave").await;
}
