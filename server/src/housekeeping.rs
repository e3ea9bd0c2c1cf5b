//! The periodic task that prunes expired sessions, old idempotency keys and
//! stale rate-limit counters, and closes panel seats left open by a server
//! of an older version.
//!
//! Every app server runs it; a lease in the database lets one of them work
//! per round, and each delete is bounded and idempotent, so servers that
//! race (or a lease that lapses mid-round) only repeat harmless work.

use app::db::sessions::SessionPolicy;
use app::db::{Db, housekeeping, now_ms, rate_limits, sessions};
use std::time::Duration;

/// How often a server tries to take the lease.
pub const EVERY: Duration = Duration::from_secs(5 * 60);

/// Idempotency keys are kept this long: far longer than any retry.
pub const IDEMPOTENCY_KEY_AGE_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// Rows deleted per statement, so no round holds a lock for long.
const BATCH: i64 = 1_000;

/// What one round removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pruned {
    /// Sessions past their expiry or idle timeout.
    pub sessions: u64,
    /// Scorecard idempotency keys older than [`IDEMPOTENCY_KEY_AGE_MS`].
    pub idempotency_keys: u64,
    /// Rate-limit counters of past windows and expired device records.
    pub counters: u64,
    /// Panel seats closed because their scorecard was submitted (see
    /// [`housekeeping::close_submitted_seats`]).
    pub seats_closed: u64,
}

/// One round: takes the lease as `holder` and prunes, or returns `None`
/// when another server holds it.
pub async fn run_once(
    db: &Db,
    holder: &str,
    policy: &SessionPolicy,
) -> Result<Option<Pruned>, sqlx::Error> {
    let lease_ms = i64::try_from(EVERY.as_millis()).unwrap_or(i64::MAX);
    if !housekeeping::try_lease(db, "housekeeping", holder, lease_ms).await? {
        return Ok(None);
    }
    let now = now_ms();
    let mut pruned = Pruned::default();
    loop {
        let n = sessions::delete_expired_sessions(db, policy, now, BATCH).await?;
        pruned.sessions += n;
        if n < BATCH as u64 {
            break;
        }
    }
    loop {
        let n = housekeeping::delete_old_idempotency_keys(db, now - IDEMPOTENCY_KEY_AGE_MS, BATCH)
            .await?;
        pruned.idempotency_keys += n;
        if n < BATCH as u64 {
            break;
        }
    }
    let day_ms = 24 * 60 * 60 * 1000;
    let device_age_ms = crate::session::DEVICE_MAX_AGE_SECS * 1000;
    loop {
        let n = rate_limits::delete_stale(db, now - day_ms, now - device_age_ms, BATCH).await?;
        pruned.counters += n;
        if n < BATCH as u64 {
            break;
        }
    }
    loop {
        let n = housekeeping::close_submitted_seats(db, BATCH).await?;
        pruned.seats_closed += n;
        if n < BATCH as u64 {
            break;
        }
    }
    Ok(Some(pruned))
}

/// Runs [`run_once`] every [`EVERY`] until the process ends.
pub fn spawn(db: Db, policy: SessionPolicy) -> tokio::task::JoinHandle<()> {
    let holder = app::db::ids::new_id();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match run_once(&db, &holder, &policy).await {
                Ok(Some(p)) if p != Pruned::default() => {
                    tracing::info!(
                        sessions = p.sessions,
                        idempotency_keys = p.idempotency_keys,
                        counters = p.counters,
                        seats_closed = p.seats_closed,
                        "housekeeping round"
                    );
                }
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "housekeeping failed; will retry"),
            }
        }
    })
}

/// One round of retention: takes the `retention` lease as `holder` for
/// `every` and applies the organizations' retention rules, or returns
/// `None` when another server holds the lease. Each erasure also re-checks
/// under the candidate's lock, so even servers that race erase a candidate
/// once.
pub async fn retention_once(
    db: &Db,
    holder: &str,
    every: Duration,
) -> Result<Option<Vec<app::services::retention::RetentionOutcome>>, app::errors::AppError> {
    let lease_ms = i64::try_from(every.as_millis()).unwrap_or(i64::MAX);
    if !housekeeping::try_lease(db, "retention", holder, lease_ms).await? {
        return Ok(None);
    }
    app::services::retention::run(db, now_ms(), false)
        .await
        .map(Some)
}

/// Applies retention every `every` (a day in production) until the process
/// ends; the first round runs at start.
pub fn spawn_retention(db: Db, every: Duration) -> tokio::task::JoinHandle<()> {
    let holder = app::db::ids::new_id();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match retention_once(&db, &holder, every).await {
                Ok(Some(done)) => {
                    let erased = done.iter().filter(|o| o.erased).count();
                    if erased > 0 {
                        tracing::info!(erased, "retention anonymised candidates");
                    }
                }
                Ok(None) => {}
                Err(err) => tracing::warn!(error = %err, "retention failed; will retry"),
            }
        }
    })
}

/// One round of reminders: takes the `reminders` lease as `holder` for
/// `every` and sends the reminders due now, or returns `None` when another
/// server holds the lease. The lease only saves work: each reminder is
/// recorded under a unique key before it is sent, so even servers that race
/// send it once.
pub async fn reminders_once(
    db: &Db,
    holder: &str,
    every: Duration,
    mail: &app::settings::ReferenceSettings,
    settings: &app::settings::ReminderSettings,
) -> Result<Option<app::services::reminders::RunReport>, app::errors::AppError> {
    let lease_ms = i64::try_from(every.as_millis()).unwrap_or(i64::MAX);
    if !housekeeping::try_lease(db, "reminders", holder, lease_ms).await? {
        return Ok(None);
    }
    app::services::reminders::run(db, mail, settings, now_ms())
        .await
        .map(Some)
}

/// Sends due reminders every `every` until the process ends; the first
/// round runs at start.
pub fn spawn_reminders(
    db: Db,
    every: Duration,
    mail: app::settings::ReferenceSettings,
    settings: app::settings::ReminderSettings,
) -> tokio::task::JoinHandle<()> {
    let holder = app::db::ids::new_id();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match reminders_once(&db, &holder, every, &mail, &settings).await {
                Ok(Some(done)) if done.recorded() > 0 => {
                    tracing::info!(
                        sent = done.sent,
                        manual = done.manual,
                        failed = done.failed,
                        "reminders recorded"
                    );
                }
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "reminders failed; will retry"),
            }
        }
    })
}
