//! Candidate data from start to end: accounts administered in the browser,
//! the audit log, export, erasure, legal holds and retention, and the
//! referees' consent text.

mod accounts;
mod audit;
mod consent;
mod erasure;
mod export;
mod holds;

use crate::fixtures::decision;
use crate::helpers::*;
use app::model::{AccountView, DataSettings, DecisionKind, HoldScope, RetentionRule};
use app::server_fns::accounts::ListAccounts;
use app::server_fns::data::{EraseCandidate, PlaceHold, SaveDataSettings};

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

/// The id of the account with `email`, as the admin with session `admin`
/// lists it.
async fn account_id(app: &TestApp, admin: &str, email: &str) -> String {
    let accounts: Vec<AccountView> = app.run(admin, ListAccounts {}).await;
    accounts.into_iter().find(|a| a.email == email).unwrap().id
}

/// The organization's data settings: `rule` after `days`, and the text
/// referees read before they answer.
fn data_settings(rule: RetentionRule, days: i64, consent_text: &str) -> SaveDataSettings {
    SaveDataSettings {
        settings: DataSettings {
            retention_rule: rule,
            retention_days: days,
            referee_consent_text: consent_text.into(),
        },
    }
}

/// Records `decision` on `candidate_id` as the holder of `token`.
async fn decide(
    app: &TestApp,
    token: &str,
    candidate_id: &str,
    kind: DecisionKind,
    rationale: &str,
) {
    app.run(token, decision(candidate_id, kind, rationale))
        .await;
}

/// Anonymises candidates `days` after a hire or no-hire decision, and
/// backdates every decision so that they are all due.
async fn decisions_due_after(app: &TestApp, admin: &str, pool: &sqlx::AnyPool, days: i64) {
    app.run(admin, data_settings(RetentionRule::AfterDecision, days, ""))
        .await;
    exec(pool, "UPDATE decisions SET decided_at = 1000")
        .await
        .unwrap();
}

/// A legal hold on the candidate or role `subject_id`.
fn hold(scope: HoldScope, subject_id: &str, reason: &str) -> PlaceHold {
    PlaceHold {
        scope,
        subject_id: subject_id.into(),
        reason: reason.into(),
    }
}

/// Erases candidate `candidate_id`, giving `reason`.
fn erase(candidate_id: &str, reason: &str) -> EraseCandidate {
    EraseCandidate {
        candidate_id: candidate_id.into(),
        reason: reason.into(),
    }
}
