//! Fills a database with a large hiring history for the growth benchmark:
//! many roles, candidates, interviewers and about a million ratings in
//! submitted scorecards, on top of the demo data (`panelkit demo`), whose
//! people and candidate stay the ones measured.
//!
//! Rows are written with multi-row inserts in large transactions (straight
//! SQL: this is a test fixture, not a unit of work of the app). Every
//! generated role copies the demo role's competency profile and published
//! guide, so generated scorecards are as valid as real ones. The demo role
//! gets its share of generated candidates too, so its summary page has a
//! long history behind its agreement statistics, and the demo interviewer
//! sits on `HEAVY_PANELS` generated panels, so "my interviews" has a long
//! submitted history.

#![allow(dead_code, reason = "only the growth benchmark generates")]

use app::model::{Assessment, CompetencyScore, QuestionNotes, Recommendation, ScorecardContent};
use question_bank::Level;
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Row};
use std::time::Instant;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    /// Ratings to reach (competency assessments plus question ratings).
    pub ratings: usize,
    /// Roles, the demo role included.
    pub roles: usize,
    /// Interviewers besides the demo ones.
    pub interviewers: usize,
    /// Interviewers per panel.
    pub panel: usize,
    /// Interviews per candidate.
    pub interviews_per_candidate: usize,
}

impl Scale {
    /// The growth benchmark's database: a million ratings.
    pub const MILLION: Scale = Scale {
        ratings: 1_000_000,
        roles: 200,
        interviewers: 600,
        panel: 3,
        interviews_per_candidate: 2,
    };
}

/// Generated panels the demo interviewer sits on (all submitted).
pub const HEAVY_PANELS: usize = 900;

/// Generated candidates still in the pipeline: the latest ones, every
/// panel submitted and no decision yet (two per role at a million ratings,
/// a backlog for the home pages' lists). Every earlier candidate was
/// decided on and closed, as a history grown in use is: hired or rejected,
/// with the decision recorded.
pub const OPEN_PIPELINE: usize = 400;

/// What was written, and how long it took.
#[derive(Debug, Default, Clone, Copy)]
pub struct Generated {
    pub roles: usize,
    pub users: usize,
    pub candidates: usize,
    pub interviews: usize,
    pub scorecards: usize,
    pub decisions: usize,
    pub ratings: usize,
    pub seconds: f64,
}

/// A value to bind.
#[derive(Debug, Clone)]
enum V {
    S(String),
    I(i64),
    Null,
}

/// Collects rows of one table and inserts them many per statement.
struct Batch {
    table: &'static str,
    columns: &'static [&'static str],
    rows: Vec<Vec<V>>,
}

impl Batch {
    fn new(table: &'static str, columns: &'static [&'static str]) -> Batch {
        Batch {
            table,
            columns,
            rows: Vec::new(),
        }
    }

    fn push(&mut self, row: Vec<V>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    async fn flush(&mut self, conn: &mut sqlx::AnyConnection) {
        // SQLite allows 32,766 parameters a statement.
        let per_statement = 30_000 / self.columns.len();
        for chunk in self.rows.chunks(per_statement) {
            let mut sql = format!(
                "INSERT INTO {} ({}) VALUES ",
                self.table,
                self.columns.join(", ")
            );
            let mut n = 0;
            for (r, _) in chunk.iter().enumerate() {
                if r > 0 {
                    sql.push(',');
                }
                sql.push('(');
                for c in 0..self.columns.len() {
                    if c > 0 {
                        sql.push(',');
                    }
                    n += 1;
                    sql.push_str(&format!("${n}"));
                }
                sql.push(')');
            }
            let mut q = sqlx::query(&sql);
            for row in chunk {
                for v in row {
                    q = match v {
                        V::S(s) => q.bind(s.clone()),
                        V::I(i) => q.bind(*i),
                        V::Null => q.bind(Option::<i64>::None),
                    };
                }
            }
            q.execute(&mut *conn).await.expect(self.table);
        }
        self.rows.clear();
    }
}

fn s(v: impl Into<String>) -> V {
    V::S(v.into())
}

/// A small deterministic generator, so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A submitted scorecard's content: every competency and question rated,
/// short notes, a recommendation.
fn content(rng: &mut Rng, competencies: &[String], questions: &[String]) -> ScorecardContent {
    let level =
        |rng: &mut Rng| Level::try_from(1 + rng.below(5) as u8).unwrap_or(Level::Independent);
    let mut c = ScorecardContent::default();
    for id in questions {
        c.questions.insert(
            id.clone(),
            QuestionNotes {
                notes: "Gave a specific example with numbers; followed up.".into(),
                rating: Some(level(rng)),
            },
        );
    }
    for id in competencies {
        c.competencies.insert(
            id.clone(),
            CompetencyScore {
                assessment: Assessment::Rated(level(rng)),
                evidence: "Clear story, owned the outcome.".into(),
                ..CompetencyScore::default()
            },
        );
    }
    c.recommendation = Some(Recommendation::ALL[rng.below(4)]);
    c.summary = "Solid.".into();
    c
}

/// Adds `scale` worth of history to the demo database at `url`.
pub async fn generate(url: &str, scale: Scale) -> Generated {
    let started = Instant::now();
    let db = server::startup::open_database(url).await.unwrap();
    let org = app::db::users::DEFAULT_ORG;
    let pool: AnyPool = AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .unwrap();
    let mut conn = pool.acquire().await.unwrap();
    if url.starts_with("sqlite:") {
        sqlx::query("PRAGMA journal_mode = WAL")
            .execute(&mut *conn)
            .await
            .unwrap();
        sqlx::query("PRAGMA synchronous = OFF")
            .execute(&mut *conn)
            .await
            .unwrap();
    }
    let one = |sql: &'static str| sqlx::query(sql).bind(org);
    let demo_role: String =
        one("SELECT id FROM roles WHERE org_id = $1 ORDER BY created_at LIMIT 1")
            .fetch_one(&mut *conn)
            .await
            .unwrap()
            .try_get("id")
            .unwrap();
    let version_id: String =
        one("SELECT id FROM guide_versions WHERE org_id = $1 ORDER BY published_at LIMIT 1")
            .fetch_one(&mut *conn)
            .await
            .unwrap()
            .try_get("id")
            .unwrap();
    let guide = app::db::guides::find_version(&db, org, &version_id)
        .await
        .unwrap()
        .unwrap();
    let stage = guide.stage("panel").expect("the demo guide's panel stage");
    let questions: Vec<String> = stage
        .sections
        .iter()
        .flat_map(|s| s.questions.iter().map(|q| q.id.clone()))
        .collect();
    let mut competencies: Vec<String> = stage
        .sections
        .iter()
        .map(|s| s.competency_id.clone())
        .collect();
    competencies.dedup();
    let per_card = questions.len() + competencies.len();
    let users = sqlx::query("SELECT id, email, password_hash FROM users WHERE org_id = $1")
        .bind(org)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    let find = |email: &str| -> (String, String) {
        let row = users
            .iter()
            .find(|r| r.try_get::<String, _>("email").unwrap() == email)
            .unwrap();
        (
            row.try_get("id").unwrap(),
            row.try_get("password_hash").unwrap(),
        )
    };
    let (ivan, hash) = find("interviewer@demo.panelkit.test");
    let (rita, _) = find("recruiter@demo.panelkit.test");
    let (manager, _) = find("manager@demo.panelkit.test");
    let now = app::db::now_ms();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = Generated::default();

    sqlx::query("BEGIN").execute(&mut *conn).await.unwrap();
    // Interviewers.
    let mut batch = Batch::new(
        "users",
        &[
            "org_id",
            "id",
            "email",
            "name",
            "role",
            "password_hash",
            "created_at",
        ],
    );
    let interviewers: Vec<String> = (0..scale.interviewers)
        .map(|i| format!("gen-user-{i:05}"))
        .collect();
    for (i, id) in interviewers.iter().enumerate() {
        batch.push(vec![
            s(org),
            s(id.clone()),
            s(format!("interviewer{i}@generated.panelkit.test")),
            s(format!("Interviewer {i}")),
            s("interviewer"),
            s(hash.clone()),
            V::I(now),
        ]);
    }
    batch.flush(&mut conn).await;
    out.users = interviewers.len();

    // Roles, each with the demo role's profile and guide.
    let mut roles = vec![(demo_role.clone(), version_id.clone())];
    for r in 1..scale.roles {
        let role_id = format!("gen-role-{r:04}");
        let guide_id = format!("gen-guide-{r:04}");
        for sql in [
            "INSERT INTO roles (org_id, id, title, department, description, created_by, created_at, updated_at)
             SELECT org_id, $3, title || ' ' || $4, department, description, created_by, created_at, updated_at
             FROM roles WHERE org_id = $1 AND id = $2",
            "INSERT INTO role_competencies (org_id, role_id, competency_id, required_level, weight, position)
             SELECT org_id, $3, competency_id, required_level, weight, position
             FROM role_competencies WHERE org_id = $1 AND role_id = $2 AND $4 <> ''",
            "INSERT INTO role_team (org_id, role_id, user_id, member_role)
             SELECT org_id, $3, user_id, member_role
             FROM role_team WHERE org_id = $1 AND role_id = $2 AND $4 <> ''",
        ] {
            sqlx::query(sql)
                .bind(org)
                .bind(&demo_role)
                .bind(&role_id)
                .bind(r.to_string())
                .execute(&mut *conn)
                .await
                .unwrap();
        }
        sqlx::query(
            "INSERT INTO guide_versions (org_id, id, role_id, version, snapshot_json, published_by, published_at)
             SELECT org_id, $3, $4, version, snapshot_json, published_by, published_at
             FROM guide_versions WHERE org_id = $1 AND id = $2",
        )
        .bind(org)
        .bind(&version_id)
        .bind(&guide_id)
        .bind(&role_id)
        .execute(&mut *conn)
        .await
        .unwrap();
        roles.push((role_id, guide_id));
    }
    out.roles = roles.len();
    sqlx::query("COMMIT").execute(&mut *conn).await.unwrap();

    // Candidates, interviews, panels and submitted scorecards, a
    // transaction per few thousand candidates.
    let scorecards = scale.ratings.div_ceil(per_card);
    let interviews = scorecards.div_ceil(scale.panel);
    let candidates = interviews.div_ceil(scale.interviews_per_candidate);
    let mut cands = Batch::new(
        "candidates",
        &[
            "org_id",
            "id",
            "role_id",
            "name",
            "email",
            "notes",
            "status",
            "created_at",
            "updated_at",
        ],
    );
    let mut ivs = Batch::new(
        "interviews",
        &[
            "org_id",
            "id",
            "candidate_id",
            "guide_version_id",
            "stage_id",
            "stage_name",
            "scheduled_at",
            "created_by",
            "created_at",
        ],
    );
    let mut panel = Batch::new(
        "interview_panel",
        &["org_id", "interview_id", "user_id", "focus", "submitted_at"],
    );
    let mut cards = Batch::new(
        "scorecards",
        &[
            "org_id",
            "id",
            "interview_id",
            "interviewer_id",
            "candidate_id",
            "version",
            "status",
            "content_json",
            "created_at",
            "updated_at",
            "submitted_at",
        ],
    );
    let mut decisions = Batch::new(
        "decisions",
        &[
            "org_id",
            "id",
            "candidate_id",
            "decision",
            "rationale",
            "decided_by",
            "decided_at",
        ],
    );
    let mut keys = Batch::new(
        "scorecard_writes",
        &[
            "org_id",
            "user_id",
            "idempotency_key",
            "interview_id",
            "request_hash",
            "result_version",
            "written_at",
        ],
    );
    let day = 24 * 60 * 60 * 1000;
    let mut heavy = 0;
    let mut interview_no = 0;
    sqlx::query("BEGIN").execute(&mut *conn).await.unwrap();
    for c in 0..candidates {
        let (role_id, guide_id) = &roles[c % roles.len()];
        let cand = format!("gen-cand-{c:06}");
        let created = now - (2 * 365 * day) + (c as i64 * 1_000);
        // One hire in eight.
        let outcome = if c % 8 == 0 {
            ("hired", "hire")
        } else {
            ("rejected", "no_hire")
        };
        let decided = (c + OPEN_PIPELINE < candidates).then_some(outcome);
        cands.push(vec![
            s(org),
            s(cand.clone()),
            s(role_id.clone()),
            s(format!("Candidate {c}")),
            s(format!("candidate{c}@generated.panelkit.test")),
            s(""),
            s(decided.map_or("interviewing", |(status, _)| status)),
            V::I(created),
            V::I(created),
        ]);
        if let Some((_, decision)) = decided {
            decisions.push(vec![
                s(org),
                s(format!("gen-decision-{c:06}")),
                s(cand.clone()),
                s(decision),
                s("Decided on the panel's summary."),
                s(manager.clone()),
                V::I(created + 3 * day),
            ]);
            out.decisions += 1;
        }
        for _ in 0..scale.interviews_per_candidate {
            let iv = format!("gen-iv-{interview_no:07}");
            interview_no += 1;
            let when = created + day;
            ivs.push(vec![
                s(org),
                s(iv.clone()),
                s(cand.clone()),
                s(guide_id.clone()),
                s("panel"),
                s("Panel interview"),
                V::I(when),
                s(rita.clone()),
                V::I(created),
            ]);
            let start = rng.below(interviewers.len());
            for p in 0..scale.panel {
                let who = if p == 0 && heavy < HEAVY_PANELS && interview_no % 40 == 0 {
                    heavy += 1;
                    ivan.clone()
                } else {
                    interviewers[(start + p * 7) % interviewers.len()].clone()
                };
                // Every generated seat is submitted, as its scorecard is.
                panel.push(vec![
                    s(org),
                    s(iv.clone()),
                    s(who.clone()),
                    s(""),
                    V::I(when),
                ]);
                let json =
                    serde_json::to_string(&content(&mut rng, &competencies, &questions)).unwrap();
                let card = format!("gen-card-{}-{p}", interview_no);
                cards.push(vec![
                    s(org),
                    s(card),
                    s(iv.clone()),
                    s(who.clone()),
                    s(cand.clone()),
                    V::I(3),
                    s("submitted"),
                    s(json),
                    V::I(when),
                    V::I(when),
                    V::I(when),
                ]);
                // A database grown in use holds the keys of the last week
                // of writes only: housekeeping prunes older ones as it
                // goes. Keys from years back had the first server started
                // on this file delete them all while its pages were
                // measured.
                if when >= now - server::housekeeping::IDEMPOTENCY_KEY_AGE_MS {
                    keys.push(vec![
                        s(org),
                        s(who),
                        s(format!("gen-key-{interview_no}-{p}")),
                        s(iv.clone()),
                        s("0".repeat(64)),
                        V::I(3),
                        V::I(when),
                    ]);
                }
                out.scorecards += 1;
            }
        }
        if cards.rows.len() >= 5_000 || c + 1 == candidates {
            cands.flush(&mut conn).await;
            ivs.flush(&mut conn).await;
            panel.flush(&mut conn).await;
            cards.flush(&mut conn).await;
            decisions.flush(&mut conn).await;
            keys.flush(&mut conn).await;
            sqlx::query("COMMIT").execute(&mut *conn).await.unwrap();
            sqlx::query("BEGIN").execute(&mut *conn).await.unwrap();
        }
    }
    sqlx::query("COMMIT").execute(&mut *conn).await.unwrap();
    // PostgreSQL's autovacuum would have analysed tables this size; SQLite
    // keeps no statistics unless asked, and the app never asks.
    if !url.starts_with("sqlite:") {
        sqlx::query("ANALYZE").execute(&mut *conn).await.unwrap();
    } else {
        // The bulk load leaves a write-ahead log of its last transactions;
        // a running server checkpoints it as it goes. Without this, the
        // first pages measured shared the machine with that checkpoint.
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&mut *conn)
            .await
            .unwrap();
    }
    drop(conn);
    pool.close().await;
    db.close().await;
    // The load ran with synchronous writes off: the file is written out
    // now, or the pages measured next share the machine with the kernel
    // writing back a quarter of a gigabyte.
    if let Some(path) = url.strip_prefix("sqlite://") {
        let path = path.split('?').next().unwrap_or(path);
        std::fs::File::open(path)
            .and_then(|file| file.sync_all())
            .unwrap();
    }
    out.candidates = candidates;
    out.interviews = interview_no;
    out.ratings = out.scorecards * per_card;
    out.seconds = started.elapsed().as_secs_f64();
    out
}
