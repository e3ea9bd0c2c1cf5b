//! Candidate data from start to end: accounts administered in the browser,
//! the audit log, export, erasure, legal holds and retention.

use crate::access_matrix::world::{World, complete_scorecard};
use crate::helpers::*;
use crate::process::ServerProcess;
use app::model::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::BTreeMap;

const BIN: &str = env!("CARGO_BIN_EXE_panelkit");

/// A connection pool of the test's own on `url`.
async fn raw(url: &str) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::any::AnyPoolOptions::new()
        .max_connections(2)
        .connect(url)
        .await
        .expect("connect")
}

async fn exec(pool: &sqlx::AnyPool, sql: &str) -> Result<u64, sqlx::Error> {
    sqlx::query(sql)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
}

async fn count(pool: &sqlx::AnyPool, sql: &str, bind: &str) -> i64 {
    sqlx::query_scalar(sql)
        .bind(bind)
        .fetch_one(pool)
        .await
        .expect(sql)
}

fn token_of(link: &Value) -> String {
    link["link"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned()
}

async fn account_id(app: &TestApp, admin: &str, email: &str) -> String {
    let accounts: Vec<Value> = app.ok("list_accounts", admin, json!({})).await;
    accounts.iter().find(|a| a["email"] == email).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn invitation_links_work_once_expire_and_give_way_to_newer_ones() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let pool = raw(&app.database_url).await;
        app.add_user("ada@example.org", Role::Admin).await;
        let ada = app.login("ada@example.org").await;
        let link: Value = app
            .ok(
                "invite_user",
                &ada,
                json!({"input": {"email": "Nia@Example.org", "name": "Nia New", "role": "Interviewer"}}),
            )
            .await;
        assert!(
            link["link"].as_str().unwrap().contains("/welcome/"),
            "{link}"
        );
        let token = token_of(&link);
        let stored = count(
            &pool,
            "SELECT COUNT(*) FROM account_tokens WHERE token_hash = $1",
            &token,
        )
        .await;
        assert_eq!(stored, 0, "only the token's hash is stored");
        // Not signed in yet: the account has no password anyone knows.
        let res = app
            .post_login("nia@example.org", "my own password", None)
            .await;
        assert_ne!(location(res.headers()), "/");
        let info: Value = app
            .ok("password_link_info", "", json!({"token": token}))
            .await;
        assert_eq!(info["email"], "nia@example.org");
        assert_eq!(info["invitation"], true);
        let short = app
            .call_json(
                "set_password_by_link",
                None,
                json!({"token": token, "password": "short"}),
            )
            .await;
        assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(short.text().await.unwrap().contains("password"));
        let email: String = app
            .ok(
                "set_password_by_link",
                "",
                json!({"token": token, "password": "my own password"}),
            )
            .await;
        assert_eq!(email, "nia@example.org");
        app.login_with("nia@example.org", "my own password").await;
        // Single use.
        let again = app
            .call_json(
                "set_password_by_link",
                None,
                json!({"token": token, "password": "another password"}),
            )
            .await;
        assert_eq!(again.status(), StatusCode::CONFLICT, "{backend:?}");
        let page = app.get(&format!("/welcome/{token}"), None).await;
        assert_eq!(page.status(), StatusCode::OK);
        assert!(
            page.text()
                .await
                .unwrap()
                .contains("This link does not work")
        );

        // A reset link replaces the older one, and expires.
        let nia = link["user_id"].as_str().unwrap();
        let first: Value = app
            .ok("reset_password_link", &ada, json!({"user_id": nia}))
            .await;
        let second: Value = app
            .ok("reset_password_link", &ada, json!({"user_id": nia}))
            .await;
        let old = app
            .call_json(
                "set_password_by_link",
                None,
                json!({"token": token_of(&first), "password": "replaced password"}),
            )
            .await;
        assert_eq!(
            old.status(),
            StatusCode::CONFLICT,
            "the older link stopped working"
        );
        exec(
            &pool,
            "UPDATE account_tokens SET expires_at = 1 WHERE used_at IS NULL",
        )
        .await
        .unwrap();
        let expired = app
            .call_json(
                "set_password_by_link",
                None,
                json!({"token": token_of(&second), "password": "expired password"}),
            )
            .await;
        assert_eq!(expired.status(), StatusCode::CONFLICT, "expired");
        app.login_with("nia@example.org", "my own password").await;
        // Only admins invite.
        let nia_session = app.login_with("nia@example.org", "my own password").await;
        let refused = app
            .call_json(
                "invite_user",
                Some(&nia_session),
                json!({"input": {"email": "x@example.org", "name": "X", "role": "Admin"}}),
            )
            .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn deactivation_ends_sessions_at_once_and_own_password_changes_end_the_others() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.add_user("ada@example.org", Role::Admin).await;
        app.add_user("ivan@example.org", Role::Interviewer).await;
        let ada = app.login("ada@example.org").await;
        let ivan = app.login("ivan@example.org").await;
        let ivan_id = account_id(&app, &ada, "ivan@example.org").await;
        let ok = app
            .call_json("list_my_interviews", Some(&ivan), json!({}))
            .await;
        assert_eq!(ok.status(), StatusCode::OK);
        let done: bool = app
            .ok(
                "set_user_active",
                &ada,
                json!({"user_id": ivan_id, "active": false}),
            )
            .await;
        assert!(done);
        let after = app
            .call_json("list_my_interviews", Some(&ivan), json!({}))
            .await;
        assert_eq!(after.status(), StatusCode::UNAUTHORIZED, "{backend:?}");
        let res = app.post_login("ivan@example.org", PASSWORD, None).await;
        assert_ne!(location(res.headers()), "/", "cannot sign in");
        let _: bool = app
            .ok(
                "set_user_active",
                &ada,
                json!({"user_id": ivan_id, "active": true}),
            )
            .await;
        let ivan = app.login("ivan@example.org").await;
        let ivan_elsewhere = app.login("ivan@example.org").await;
        // Own password: the current one is checked; other sessions end.
        let wrong = app
            .call_json(
                "change_own_password",
                Some(&ivan),
                json!({"current": "nope nope nope", "new_password": "a brand new one"}),
            )
            .await;
        assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(wrong.text().await.unwrap().contains("current"));
        let _: Value = app
            .ok(
                "change_own_password",
                &ivan,
                json!({"current": PASSWORD, "new_password": "a brand new one"}),
            )
            .await;
        let here = app
            .call_json("list_my_interviews", Some(&ivan), json!({}))
            .await;
        assert_eq!(here.status(), StatusCode::OK, "the changing session stays");
        let there = app
            .call_json("list_my_interviews", Some(&ivan_elsewhere), json!({}))
            .await;
        assert_eq!(there.status(), StatusCode::UNAUTHORIZED, "the others end");
        app.login_with("ivan@example.org", "a brand new one").await;
    }
}

#[tokio::test]
async fn the_last_active_admin_can_be_neither_demoted_nor_deactivated() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.add_user("ada@example.org", Role::Admin).await;
        let ada = app.login("ada@example.org").await;
        let ada_id = account_id(&app, &ada, "ada@example.org").await;
        for (name, body) in [
            (
                "set_user_role",
                json!({"user_id": ada_id, "role": "Recruiter"}),
            ),
            (
                "set_user_active",
                json!({"user_id": ada_id, "active": false}),
            ),
        ] {
            let res = app.call_json(name, Some(&ada), body).await;
            assert_eq!(res.status(), StatusCode::CONFLICT, "{name} on {backend:?}");
            assert!(res.text().await.unwrap().contains("last active admin"));
        }
        // The command line keeps the rule too.
        let out = std::process::Command::new(BIN)
            .args(["user", "deactivate", "--email", "ada@example.org"])
            .env("DATABASE_URL", &app.database_url)
            .output()
            .unwrap();
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("last active admin"));
        // With a second admin, the first may step down.
        app.add_user("bo@example.org", Role::Admin).await;
        let _: bool = app
            .ok(
                "set_user_role",
                &ada,
                json!({"user_id": ada_id, "role": "Recruiter"}),
            )
            .await;
        let bo = app.login("bo@example.org").await;
        let bo_id = account_id(&app, &bo, "bo@example.org").await;
        let res = app
            .call_json(
                "set_user_active",
                Some(&bo),
                json!({"user_id": bo_id, "active": false}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        // A deactivated admin does not count.
        let _: bool = app
            .ok(
                "set_user_role",
                &bo,
                json!({"user_id": ada_id, "role": "Admin"}),
            )
            .await;
        let _: bool = app
            .ok(
                "set_user_active",
                &bo,
                json!({"user_id": ada_id, "active": false}),
            )
            .await;
        let res = app
            .call_json(
                "set_user_role",
                Some(&bo),
                json!({"user_id": bo_id, "role": "Interviewer"}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
    }
}

#[tokio::test]
async fn the_audit_log_is_append_only_and_records_sensitive_reads() {
    for backend in backends() {
        let w = World::build(&backend).await;
        let app = &w.app;
        let pool = raw(&app.database_url).await;
        let ada = w.token("ada").unwrap();
        let rita = w.token("rita").unwrap();
        let c = &w.candidate_id;
        let _: Value = app
            .ok("get_candidate_summary", ada, json!({"candidate_id": c}))
            .await;
        let pdf = app
            .get(&format!("/candidates/{c}/summary.pdf"), Some(ada))
            .await;
        assert_eq!(pdf.status(), StatusCode::OK);
        let packet = app
            .get(
                &format!("/interviews/{}/packet.pdf", w.interview_id),
                Some(ada),
            )
            .await;
        assert_eq!(packet.status(), StatusCode::OK);
        for action in ["summary.view", "summary.pdf"] {
            let n = count(
                &pool,
                &format!(
                    "SELECT COUNT(*) FROM audit_log WHERE action = '{action}' AND subject = $1"
                ),
                c,
            )
            .await;
            assert_eq!(n, 1, "{action} on {backend:?}");
        }
        // Filters: by candidate (their interviews and scorecards included).
        let page: Value = app
            .ok("list_audit", ada, json!({"filter": {"candidate_id": c}}))
            .await;
        let actions: Vec<&str> = page["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["action"].as_str().unwrap())
            .collect();
        for a in [
            "candidate.add",
            "interview.schedule",
            "scorecard.submit",
            "summary.view",
            "packet.pdf",
        ] {
            assert!(actions.contains(&a), "{a} in {actions:?}");
        }
        let by_action: Value = app
            .ok("list_audit", ada, json!({"filter": {"action": "summary."}}))
            .await;
        assert_eq!(by_action["total"], 2);
        let by_actor: Value = app
            .ok(
                "list_audit",
                ada,
                json!({"filter": {"actor_id": w.user_ids["sam"]}}),
            )
            .await;
        assert!(
            by_actor["rows"]
                .as_array()
                .unwrap()
                .iter()
                .all(|r| r["actor_id"] == w.user_ids["sam"].as_str())
        );
        let future: Value = app
            .ok("list_audit", ada, json!({"filter": {"from": "2999-01-01"}}))
            .await;
        assert_eq!(future["total"], 0);
        let bad = app
            .call_json(
                "list_audit",
                Some(ada),
                json!({"filter": {"to": "yesterday"}}),
            )
            .await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.text().await.unwrap().contains(r#""field":"to""#));
        // Recruiters see entries about roles and candidates only.
        let _: Value = app
            .ok("invite_user", ada, json!({"input": {"email": "new@example.org", "name": "New", "role": "Interviewer"}}))
            .await;
        let all: Value = app
            .ok("list_audit", ada, json!({"filter": {"action": "user."}}))
            .await;
        assert_eq!(all["total"], 1);
        let hers: Value = app
            .ok("list_audit", rita, json!({"filter": {"action": "user."}}))
            .await;
        assert_eq!(hers["total"], 0);
        let sam = app
            .call_json("list_audit", w.token("sam"), json!({"filter": {}}))
            .await;
        assert_eq!(sam.status(), StatusCode::FORBIDDEN);
        // CSV of the same selection, itself recorded.
        let csv = app
            .get(&format!("/audit.csv?candidate_id={c}"), Some(ada))
            .await;
        assert_eq!(csv.status(), StatusCode::OK);
        let text = csv.text().await.unwrap();
        assert!(text.starts_with("id,at,actor_id"), "{text}");
        assert!(text.contains("summary.view"));
        assert_eq!(
            count(
                &pool,
                "SELECT COUNT(*) FROM audit_log WHERE action = $1",
                "audit.export"
            )
            .await,
            1
        );
        // Paginated: 50 to a page.
        let p2: Value = app
            .ok("list_audit", ada, json!({"filter": {"page": 2}}))
            .await;
        assert_eq!(p2["per_page"], 50);
        // The database refuses changes to the log.
        let update = exec(&pool, "UPDATE audit_log SET detail = '{}'").await;
        assert!(update.is_err(), "UPDATE refused on {backend:?}");
        let delete = exec(&pool, "DELETE FROM audit_log").await;
        assert!(delete.is_err(), "DELETE refused on {backend:?}");
        assert!(
            count(
                &pool,
                "SELECT COUNT(*) FROM audit_log WHERE action <> $1",
                ""
            )
            .await
                > 5
        );
    }
}

/// The entries of a stored ZIP archive by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut at = 0;
    while at + 30 <= bytes.len() && bytes[at..at + 4] == [0x50, 0x4b, 0x03, 0x04] {
        let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]) as usize;
        let size = u32::from_le_bytes(bytes[at + 18..at + 22].try_into().unwrap()) as usize;
        let (name_len, extra) = (u16_at(at + 26), u16_at(at + 28));
        let name = String::from_utf8(bytes[at + 30..at + 30 + name_len].to_vec()).unwrap();
        let start = at + 30 + name_len + extra;
        files.insert(name, bytes[start..start + size].to_vec());
        at = start + size;
    }
    files
}

/// (table, column) of every column of every table, from the catalog.
async fn catalog(pool: &sqlx::AnyPool, backend: &Backend) -> Vec<(String, String)> {
    let sql = match backend {
        Backend::Sqlite => {
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'"
        }
        Backend::Postgres(_) => {
            "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%'"
        }
    };
    sqlx::query_as(sql).fetch_all(pool).await.expect("catalog")
}

#[tokio::test]
async fn the_export_covers_every_table_that_holds_candidate_data() {
    for backend in backends() {
        let w = World::build(&backend).await;
        let app = &w.app;
        let pool = raw(&app.database_url).await;
        let ada = w.token("ada").unwrap();
        let c = &w.candidate_id;
        let _: Value = app
            .ok(
                "record_decision",
                ada,
                json!({"input": {"candidate_id": c, "decision": "hold", "rationale": "Waiting."}}),
            )
            .await;
        let _: String = app
            .ok(
                "place_hold",
                ada,
                json!({"scope": "Candidate", "subject_id": c, "reason": "Claim filed"}),
            )
            .await;
        let res = app
            .get(&format!("/candidates/{c}/export.zip"), Some(ada))
            .await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?}");
        assert_eq!(res.headers()["content-type"], "application/zip");
        let files = unzip(&res.bytes().await.unwrap());
        assert!(files.contains_key("README.txt"));
        assert!(pdf_text(&files["summary.pdf"]).contains("Zoë Park"));
        let doc: Value = serde_json::from_slice(&files["candidate.json"]).unwrap();
        assert_eq!(doc["format"], "panelkit-candidate-export");
        let tables = doc["tables"].as_object().unwrap();
        // Every table with a candidate, interview, scorecard or reference
        // column is a section of the export.
        let columns = catalog(&pool, &backend).await;
        let mut about: Vec<String> = columns
            .iter()
            .filter(|(_, col)| {
                ["candidate", "interview", "scorecard", "reference"]
                    .iter()
                    .any(|k| col.contains(k))
            })
            .map(|(t, _)| t.clone())
            .collect();
        about.sort();
        about.dedup();
        assert!(about.len() >= 8, "{about:?}");
        for table in &about {
            assert!(
                tables.contains_key(table),
                "the export does not cover {table}: add it to app::db::export::TABLES"
            );
        }
        // Sections hold every row of the candidate, with every column.
        for (table, col) in columns.iter().filter(|(_, c)| c == "candidate_id") {
            let stored = count(
                &pool,
                &format!("SELECT COUNT(*) FROM {table} WHERE candidate_id = $1"),
                c,
            )
            .await;
            let rows = tables[table].as_array().unwrap();
            assert_eq!(rows.len() as i64, stored, "{table} on {backend:?}");
            assert!(
                stored > 0 || table == "reference_signal_reviews",
                "{table} has rows in the fixture"
            );
            let width = columns.iter().filter(|(t, _)| t == table).count();
            for row in rows {
                let secret =
                    usize::from(row.get("token_hash").is_none() && table == "reference_requests");
                assert_eq!(
                    row.as_object().unwrap().len() + secret,
                    width,
                    "{table}: {col} every column"
                );
            }
        }
        for section in [
            "interview_panel",
            "scorecard_versions",
            "scorecard_writes",
            "outbox",
            "legal_holds",
            "audit_log",
        ] {
            assert!(!tables[section].as_array().unwrap().is_empty(), "{section}");
        }
        let text = files["candidate.json"].clone();
        let text = String::from_utf8(text).unwrap();
        for expected in [
            "Zoë Park",
            "Kind.",
            "Clear example with numbers.",
            "Waiting.",
            "Claim filed",
            "candidate.export",
        ] {
            assert!(text.contains(expected), "{expected} in the export");
        }
        assert!(!text.contains("token_hash"), "link secrets stay out");
        // Only admins export; the command line writes the same archive.
        let rita = app
            .get(&format!("/candidates/{c}/export.zip"), w.token("rita"))
            .await;
        assert_eq!(rita.status(), StatusCode::FORBIDDEN);
        let out = std::env::temp_dir().join(format!("pk-export-{}.zip", app::db::ids::new_id()));
        let cli = std::process::Command::new(BIN)
            .args(["candidate", "export", c, "--out"])
            .arg(&out)
            .env("DATABASE_URL", &app.database_url)
            .output()
            .unwrap();
        assert!(
            cli.status.success(),
            "{}",
            String::from_utf8_lossy(&cli.stderr)
        );
        let files = unzip(&std::fs::read(&out).unwrap());
        assert!(files.contains_key("candidate.json") && files.contains_key("summary.pdf"));
        let _ = std::fs::remove_file(out);
    }
}

const MARKER: &str = "mqx7marker";
/// The referees' phone number (digits only, so it cannot hold the marker).
const PHONE: &str = "+44 20 7946 0917";

/// A candidate of `w`'s role whose every free-text field holds [`MARKER`];
/// returns their id.
async fn marked_candidate(w: &World) -> String {
    let app = &w.app;
    let (rita, ada, sam) = (
        w.token("rita").unwrap(),
        w.token("ada").unwrap(),
        w.token("sam").unwrap(),
    );
    let m = MARKER;
    let c: String = app
        .ok("add_candidate", rita, json!({"role_id": w.role_id, "input": {
            "name": format!("Mia {m}"), "email": format!("{m}@cand.example"), "notes": format!("Notes {m}")}}))
        .await;
    let scheduled: Value = app
        .ok(
            "schedule_interview",
            rita,
            json!({"input": {"candidate_id": c, "stage_id": "panel",
            "scheduled_at": 1_900_000_000_000_i64, "panel": [[w.user_ids["sam"], []]]}}),
        )
        .await;
    let interview = scheduled["interview_id"].as_str().unwrap();
    let content = serde_json::to_string(&complete_scorecard())
        .unwrap()
        .replace("Clear example with numbers.", &format!("Q notes {m}"))
        .replace("Followed up unprompted.", &format!("Evidence {m}"))
        .replace("Solid.", &format!("Summary {m}"));
    let content: Value = serde_json::from_str(&content).unwrap();
    let _: Value = app
        .ok(
            "submit_scorecard",
            sam,
            json!({"write": {"interview_id": interview, "base_version": 0,
            "idempotency_key": "m-submit", "content": content}}),
        )
        .await;
    let _: Value = app
        .ok(
            "amend_scorecard",
            sam,
            json!({"write": {"interview_id": interview, "base_version": 1,
            "idempotency_key": "m-amend-1", "content": content}, "reason": format!("Amended {m}")}),
        )
        .await;
    let _: Value = app
        .ok("record_decision", ada, json!({"input": {"candidate_id": c, "decision": "no_hire", "rationale": format!("Rationale {m}")}}))
        .await;
    let referee = |name: &str| {
        json!({"candidate_id": c, "input": {"name": format!("{name} {m}"), "email": format!("{name}.{m}@ref.example"),
            "phone": PHONE, "relationship": "Manager", "months_worked": 24}})
    };
    let phoned: String = app.ok("add_referee", rita, referee("Rob")).await;
    let _: Value = app
        .ok("record_phone_check", rita, json!({"request_id": phoned, "input": {"called_by": format!("Caller {m}"), "called_at": "",
            "answers": [{"question_id": "r1", "rating": 4, "cant_say": false, "text": format!("Answer {m}")}]}}))
        .await;
    let linked: String = app.ok("add_referee", rita, referee("Lea")).await;
    let invite: Value = app
        .ok(
            "send_reference_invitation",
            rita,
            json!({"request_id": linked}),
        )
        .await;
    let token = token_of(&invite);
    let _: Value = app
        .ok("referee_consent", rita, json!({"token": token}))
        .await;
    let _: Value = app
        .ok("referee_save_draft", rita, json!({"token": token,
            "answers": [{"question_id": "r1", "rating": 3, "cant_say": false, "text": format!("Draft {m}")}]}))
        .await;
    let _: Value = app
        .ok(
            "referee_decline",
            rita,
            json!({"token": token, "reason": format!("Declined {m}")}),
        )
        .await;
    c
}

/// Whether `haystack` holds the marker, in any case.
fn holds_marker(haystack: &[u8]) -> bool {
    let needle = MARKER.as_bytes();
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Everything the database holds, as bytes: the SQLite file after a
/// checkpoint and VACUUM, or a full `pg_dump` of the test's schema.
async fn whole_database(pool: &sqlx::AnyPool, backend: &Backend, url: &str) -> Vec<u8> {
    match backend {
        Backend::Sqlite => {
            exec(pool, "PRAGMA wal_checkpoint(TRUNCATE)").await.unwrap();
            exec(pool, "VACUUM").await.unwrap();
            exec(pool, "PRAGMA wal_checkpoint(TRUNCATE)").await.unwrap();
            let path = url.trim_start_matches("sqlite://");
            let mut bytes = std::fs::read(path).unwrap();
            if let Ok(wal) = std::fs::read(format!("{path}-wal")) {
                bytes.extend(wal);
            }
            bytes
        }
        Backend::Postgres(base) => {
            let schema = url.rsplit("search_path%3D").next().unwrap();
            let out = std::process::Command::new("pg_dump")
                .args(["--schema", schema, "--no-owner", "--dbname", base])
                .output()
                .expect("pg_dump (postgresql-client)");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(out.stdout.len() > 10_000, "a whole dump");
            out.stdout
        }
    }
}

#[tokio::test]
async fn an_erased_candidate_leaves_no_trace_in_the_database() {
    for backend in backends() {
        let w = World::build(&backend).await;
        let app = &w.app;
        let pool = raw(&app.database_url).await;
        let c = marked_candidate(&w).await;
        let before = whole_database(&pool, &backend, &app.database_url).await;
        assert!(holds_marker(&before), "the fixture stores the marker");
        let ada = w.token("ada").unwrap();
        let missing = app
            .call_json(
                "erase_candidate",
                Some(ada),
                json!({"candidate_id": c, "reason": " "}),
            )
            .await;
        assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let erased: bool = app
            .ok(
                "erase_candidate",
                ada,
                json!({"candidate_id": c, "reason": "Erasure request of 3 May"}),
            )
            .await;
        assert!(erased);
        let after = whole_database(&pool, &backend, &app.database_url).await;
        assert!(
            !holds_marker(&after),
            "the marker survived erasure on {backend:?}"
        );
        // The other candidate is untouched; ratings stay, de-identified.
        assert!(String::from_utf8_lossy(&after).contains("Zoë Park"));
        let ratings = count(
            &pool,
            "SELECT COUNT(*) FROM scorecards WHERE candidate_id = $1 AND status = 'submitted'",
            &c,
        )
        .await;
        assert_eq!(ratings, 1);
        let decision = count(
            &pool,
            "SELECT COUNT(*) FROM decisions WHERE candidate_id = $1",
            &c,
        )
        .await;
        assert_eq!(decision, 1);
        let mail = count(
            &pool,
            "SELECT COUNT(*) FROM outbox WHERE recipient LIKE $1",
            "%ref.example",
        )
        .await;
        assert_eq!(mail, 1, "only the other candidate's referee's mail is left");
        // Who erased, when and why; again is a no-op.
        let page: Value = app
            .ok(
                "list_audit",
                ada,
                json!({"filter": {"candidate_id": c, "action": "candidate.erase"}}),
            )
            .await;
        assert_eq!(page["total"], 1);
        let row = &page["rows"][0];
        assert_eq!(row["actor_id"], w.user_ids["ada"].as_str());
        assert!(
            row["detail"]
                .as_str()
                .unwrap()
                .contains("Erasure request of 3 May")
        );
        let again: bool = app
            .ok(
                "erase_candidate",
                ada,
                json!({"candidate_id": c, "reason": "Again"}),
            )
            .await;
        assert!(!again);
        let summary = app.get(&format!("/candidates/{c}"), Some(ada)).await;
        assert!(summary.text().await.unwrap().contains("Erased candidate"));
    }
}

#[tokio::test]
async fn legal_holds_block_erasure_and_retention_until_lifted() {
    for backend in backends() {
        let w = World::build(&backend).await;
        let app = &w.app;
        let pool = raw(&app.database_url).await;
        let ada = w.token("ada").unwrap();
        let c = &w.candidate_id;
        let _: Value = app
            .ok(
                "record_decision",
                ada,
                json!({"input": {"candidate_id": c, "decision": "hire", "rationale": "Strong."}}),
            )
            .await;
        let _: Value = app
            .ok("save_data_settings", ada, json!({"settings": {"retention_rule": "AfterDecision", "retention_days": 30, "referee_consent_text": ""}}))
            .await;
        exec(&pool, "UPDATE decisions SET decided_at = 1000")
            .await
            .unwrap();
        let role_hold: String = app
            .ok(
                "place_hold",
                ada,
                json!({"scope": "Role", "subject_id": w.role_id, "reason": "Tribunal claim"}),
            )
            .await;
        let hold: String = app
            .ok(
                "place_hold",
                ada,
                json!({"scope": "Candidate", "subject_id": c, "reason": "Their claim"}),
            )
            .await;
        let refused = app
            .call_json(
                "erase_candidate",
                Some(ada),
                json!({"candidate_id": c, "reason": "Asked"}),
            )
            .await;
        assert_eq!(refused.status(), StatusCode::CONFLICT);
        assert!(refused.text().await.unwrap().contains("legal hold"));
        let due = app::services::retention::run(&app.db, app::db::now_ms(), false)
            .await
            .unwrap();
        assert!(due.is_empty(), "held: {due:?}");
        let _: Value = app
            .ok(
                "lift_hold",
                ada,
                json!({"hold_id": hold, "reason": "Claim withdrawn"}),
            )
            .await;
        let still = app::services::retention::run(&app.db, app::db::now_ms(), false)
            .await
            .unwrap();
        assert!(still.is_empty(), "the role's hold still applies: {still:?}");
        let lift_again = app
            .call_json(
                "lift_hold",
                Some(ada),
                json!({"hold_id": hold, "reason": "Again"}),
            )
            .await;
        assert_eq!(lift_again.status(), StatusCode::NOT_FOUND);
        let _: Value = app
            .ok(
                "lift_hold",
                ada,
                json!({"hold_id": role_hold, "reason": "Settled"}),
            )
            .await;
        let dry = app::services::retention::run(&app.db, app::db::now_ms(), true)
            .await
            .unwrap();
        assert_eq!(dry.len(), 1);
        assert!(!dry[0].erased);
        let done = app::services::retention::run(&app.db, app::db::now_ms(), false)
            .await
            .unwrap();
        assert_eq!(done.len(), 1);
        assert!(done[0].erased);
        let audits = count(
            &pool,
            "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'hold.%' AND subject IN ($1, (SELECT role_id FROM candidates WHERE id = $1))",
            c,
        )
        .await;
        assert_eq!(audits, 4, "placing and lifting both holds");
    }
}

#[tokio::test]
async fn retention_with_two_app_servers_erases_each_due_candidate_once() {
    for backend in backends() {
        let w = World::build(&backend).await;
        let app = &w.app;
        let pool = raw(&app.database_url).await;
        let (ada, rita) = (w.token("ada").unwrap(), w.token("rita").unwrap());
        let mut due = Vec::new();
        for n in 0..4 {
            let id: String = app
                .ok("add_candidate", rita, json!({"role_id": w.role_id, "input": {"name": format!("Due {n}"), "email": format!("due{n}@cand.example"), "notes": ""}}))
                .await;
            let _: Value = app
                .ok("record_decision", ada, json!({"input": {"candidate_id": id, "decision": "no_hire", "rationale": "No."}}))
                .await;
            due.push(id);
        }
        let _: Value = app
            .ok("save_data_settings", ada, json!({"settings": {"retention_rule": "AfterDecision", "retention_days": 1, "referee_consent_text": ""}}))
            .await;
        exec(&pool, "UPDATE decisions SET decided_at = 1000")
            .await
            .unwrap();
        let env = [("PANELKIT_RETENTION_EVERY_SECS", "1")];
        let first = ServerProcess::start(BIN, &app.database_url, &env).await;
        let second = ServerProcess::start(BIN, &app.database_url, &env).await;
        let mut erased = 0;
        for _ in 0..100 {
            erased = count(
                &pool,
                "SELECT COUNT(*) FROM candidates WHERE erased_at IS NOT NULL AND email = $1",
                "",
            )
            .await;
            if erased == due.len() as i64 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(erased, due.len() as i64, "{backend:?}");
        // A few more rounds on both servers change nothing.
        tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
        drop((first, second));
        for id in &due {
            let n = count(
                &pool,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'candidate.erase' AND subject = $1",
                id,
            )
            .await;
            assert_eq!(n, 1, "{id} erased once on {backend:?}");
        }
        let untouched = count(
            &pool,
            "SELECT COUNT(*) FROM candidates WHERE id = $1 AND erased_at IS NULL",
            &w.candidate_id,
        )
        .await;
        assert_eq!(untouched, 1, "no final decision, not due");
        // The command line lists and applies what is due.
        let out = std::process::Command::new(BIN)
            .args(["retention", "run", "--dry-run"])
            .env("DATABASE_URL", &app.database_url)
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("0 candidate(s) due"));
    }
}

#[tokio::test]
async fn referees_read_the_configured_consent_text() {
    for backend in backends() {
        let w = World::build(&backend).await;
        let app = &w.app;
        let form: Value = app
            .ok("load_referee_form", "", json!({"token": w.referee_token}))
            .await;
        assert_eq!(form["consent_text"], app::model::DEFAULT_CONSENT_TEXT);
        let long = "x".repeat(app::model::MAX_CONSENT_CHARS + 1);
        let res = app
            .call_json("save_data_settings", w.token("ada"), json!({"settings": {"retention_rule": "Off", "retention_days": 365, "referee_consent_text": long}}))
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.text().await.unwrap().contains("referee_consent_text"));
        let text = "We keep your answers for 6 months. Only the hiring team reads them.";
        let _: Value = app
            .ok("save_data_settings", w.token("ada").unwrap(), json!({"settings": {"retention_rule": "Off", "retention_days": 365, "referee_consent_text": text}}))
            .await;
        let form: Value = app
            .ok("load_referee_form", "", json!({"token": w.referee_token}))
            .await;
        assert_eq!(form["consent_text"], text);
    }
}
