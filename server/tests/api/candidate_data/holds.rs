//! Legal holds and retention: holds block erasure and retention until
//! lifted; retention on two app servers erases each due candidate once.

use super::{BIN, count, decide, decisions_due_after, erase, hold, raw};
use crate::access_matrix::world::World;
use crate::helpers::*;
use crate::process::ServerProcess;
use app::model::{CandidateInput, DecisionKind, HoldScope};
use app::server_fns::candidates::AddCandidate;
use app::server_fns::data::LiftHold;
use reqwest::StatusCode;

fn lift(hold_id: &str, reason: &str) -> LiftHold {
    LiftHold {
        hold_id: hold_id.into(),
        reason: reason.into(),
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
        decide(app, ada, c, DecisionKind::Hire, "Strong.").await;
        decisions_due_after(app, ada, &pool, 30).await;
        let role_hold = app
            .run(ada, hold(HoldScope::Role, &w.role_id, "Tribunal claim"))
            .await;
        let candidate_hold = app
            .run(ada, hold(HoldScope::Candidate, c, "Their claim"))
            .await;
        let refused = app.attempt(Some(ada), &erase(c, "Asked")).await;
        assert_eq!(refused.status(), StatusCode::CONFLICT);
        assert!(refused.text().await.unwrap().contains("legal hold"));
        let due = app::services::retention::run(&app.db, app::db::now_ms(), false)
            .await
            .unwrap();
        assert!(due.is_empty(), "held: {due:?}");
        app.run(ada, lift(&candidate_hold, "Claim withdrawn")).await;
        let still = app::services::retention::run(&app.db, app::db::now_ms(), false)
            .await
            .unwrap();
        assert!(still.is_empty(), "the role's hold still applies: {still:?}");
        let lift_again = app
            .attempt(Some(ada), &lift(&candidate_hold, "Again"))
            .await;
        assert_eq!(lift_again.status(), StatusCode::NOT_FOUND);
        app.run(ada, lift(&role_hold, "Settled")).await;
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
            let add = AddCandidate {
                role_id: w.role_id.clone(),
                input: CandidateInput {
                    name: format!("Due {n}"),
                    email: format!("due{n}@cand.example"),
                    notes: String::new(),
                },
            };
            let id = app.run(rita, add).await;
            decide(app, ada, &id, DecisionKind::NoHire, "No.").await;
            due.push(id);
        }
        decisions_due_after(app, ada, &pool, 1).await;
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
