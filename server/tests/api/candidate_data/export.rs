//! The export of everything held about one candidate, in the browser and
//! on the command line.

use super::{BIN, count, decide, hold, raw};
use crate::access_matrix::world::World;
use crate::helpers::*;
use app::model::{DecisionKind, HoldScope};
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::BTreeMap;

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
        decide(app, ada, c, DecisionKind::Hold, "Waiting.").await;
        app.run(ada, hold(HoldScope::Candidate, c, "Claim filed"))
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
