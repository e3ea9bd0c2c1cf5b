//! The data layer: the only place that holds SQL.
//!
//! One [`Db`] wraps an `sqlx::AnyPool` over either SQLite (the embedded
//! default) or PostgreSQL. Queries are written once in the SQL both accept:
//! `$n` placeholders, TEXT ids, BIGINT millisecond timestamps and 0/1
//! integers for booleans, because `sqlx::Any` cannot decode timestamps, UUIDs
//! or booleans portably.
//!
//! # One write discipline for both engines
//!
//! Every write transaction goes through [`Db::begin_write`], which takes the
//! [`Lock`] the unit of work needs, so no caller can open one without naming
//! it:
//! - on SQLite the transaction is `BEGIN IMMEDIATE`: the database's one write
//!   lock is taken up front, so writers queue (a deferred transaction that
//!   reads then writes fails with SQLITE_BUSY_SNAPSHOT instead);
//! - on PostgreSQL (read committed) the transaction first locks the row of
//!   the parent it changes with `SELECT … FOR NO KEY UPDATE` (the `FOR
//!   UPDATE` that leaves foreign-key checks of unrelated child inserts
//!   alone, since no parent's key ever changes): the role before its
//!   profile, team, guide draft or versions are read and replaced, the
//!   candidate before their interviews or decisions, the organization before
//!   a bank import. Writers of the same parent queue on that row lock, and
//!   since read committed gives each later statement a fresh snapshot, the
//!   winner's committed rows are what the next writer reads and replaces.
//!
//! We chose explicit parent locks over SERIALIZABLE with retries because:
//! - no unit of work has to be re-runnable: some are not idempotent (an
//!   audit entry, a mail sent after commit), and a retried replacement could
//!   silently apply on top of a change its caller never saw;
//! - a lost race is decided by the code, not by the engine: the second writer
//!   waits, then re-checks (revision, "no change", duplicate) and answers 409
//!   or succeeds; nothing depends on how the engine detects conflicts;
//! - it is the same model as SQLite's single writer, only finer, and it keeps
//!   working on a tenant-distributed PostgreSQL (Citus runs row locks on
//!   single-shard rows but not SERIALIZABLE).
//!
//! Rules that keep the locks safe: one parent per transaction (so no two
//! transactions lock in opposite orders), and inside a write transaction
//! every statement goes through the transaction, never the pool (a locked
//! transaction waiting for a second pool connection could starve the pool).
//! A missing parent ends the transaction with `sqlx::Error::RowNotFound`.
//! Should a constraint still catch a race, [`is_write_conflict`] tells it
//! from a failure, so it becomes a 409, never a 500.

pub mod accounts;
pub mod audit;
pub mod banks;
pub mod calendar;
pub mod calibration;
pub mod candidates;
mod changes;
pub mod erasure;
pub mod export;
pub mod guides;
pub mod holds;
pub mod home;
pub mod housekeeping;
pub mod ids;
pub mod interviews;
mod lock;
pub mod outbox;
#[cfg(test)]
mod plans;
pub mod question_versions;
pub mod rate_limits;
pub mod rater_analytics;
pub(crate) mod recent;
pub mod references;
pub mod reminders;
pub mod retention;
pub mod roles;
pub mod scorecards;
pub mod sessions;
mod sqlite_url;
pub mod summaries;
pub mod users;

pub use lock::{Lock, is_write_conflict};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Connection, Executor, Transaction};
use std::str::FromStr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Which database engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A local SQLite file (the embedded default).
    Sqlite,
    /// A PostgreSQL server, possibly shared by several app servers.
    Postgres,
}

/// Failures opening or migrating the database.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The URL is neither `sqlite:` nor `postgres:`.
    #[error("unsupported database URL \"{0}\": expected sqlite://PATH or postgres://…")]
    UnsupportedUrl(String),
    /// The SQLite file's folder could not be created.
    #[error("cannot create the folder for the SQLite database {path}: {source}")]
    CreateDir {
        /// The folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// Connecting failed.
    #[error("cannot connect to the database: {0}")]
    Connect(#[source] sqlx::Error),
    /// A migration failed.
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// A pool of connections to the one database of this install.
#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// The scorecard group commit's writer tasks, started on first use.
    writers: Arc<OnceLock<scorecards::Writers>>,
    /// Sessions resolved moments ago.
    sessions: Arc<sessions::SessionCache>,
    /// Panel seats checked for autosaves moments ago.
    seats: Arc<scorecards::SeatCache>,
    /// Where [`Db::change_marker`] reads SQLite's data version.
    changes: Arc<changes::Watch>,
}

/// How long a pooled connection may sit idle before it is pinged on its way
/// out of the pool.
pub const CHECK_IDLE_AFTER: Duration = Duration::from_secs(5);

/// Each SQLite connection's page cache: 16 MB (the default is 2 MB), so
/// that the pages a connection reads again stay in memory on a large file.
///
/// Not a memory map: in WAL mode, once any connection commits, every other
/// connection starts its next read by unmapping the whole map and faulting
/// in again each page it reads. Every page that records a read in the
/// audit log commits, and a page's queries run on several pooled
/// connections, so the map was torn down several times per request: on a
/// database of a million ratings, 6 `munmap`s of about 160 µs each per
/// summary page, which then took 8–10 ms against 3 ms with this cache
/// (BENCHMARKS.md, "Growth").
const SQLITE_CACHE: &str = "PRAGMA cache_size = -16000";

/// `value` with LIKE's wildcards (and the escape character itself) made
/// literal, for a pattern written with `ESCAPE '\'`: what a person typed
/// is searched for as typed.
pub(crate) fn escape_like(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Current time in UTC milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

impl Db {
    /// Opens a pool for `url` (`sqlite://data/panelkit.db`, `postgres://…`),
    /// creating the SQLite file and its folder when missing.
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(DbError::UnsupportedUrl(url.to_owned()));
        };
        let url = match backend {
            Backend::Sqlite => sqlite_url::prepare(url)?,
            Backend::Postgres => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url).map_err(DbError::Connect)?;
        // A second connection to an in-memory SQLite database opens another
        // database: no change marker there.
        let watched = (backend == Backend::Sqlite
            && !url.contains(":memory:")
            && !url.contains("mode=memory"))
        .then(|| options.clone());
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(10))
            // sqlx pings every pooled connection before handing it out: a
            // round trip to the server (or to SQLite's connection thread)
            // in front of every query. A connection back from use moments
            // ago is known to work (the pool also pings it as it returns);
            // only one that sat idle long enough for the server to restart
            // or a firewall to drop it is checked.
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for >= CHECK_IDLE_AFTER {
                        conn.ping().await?;
                    }
                    Ok(true)
                })
            })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the one writer; the busy
                        // timeout makes writers queue instead of failing; SQLite
                        // leaves foreign keys off unless asked, per connection.
                        // synchronous=NORMAL in WAL survives a process crash
                        // (kill -9); only a power cut can lose the last commits.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        conn.execute(SQLITE_CACHE).await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(DbError::Connect)?;
        Ok(Db {
            pool,
            backend,
            writers: Arc::default(),
            sessions: Arc::default(),
            seats: Arc::default(),
            changes: Arc::new(changes::Watch::new(watched)),
        })
    }

    /// Applies the migrations this build carries that the database lacks.
    pub async fn migrate(&self) -> Result<(), DbError> {
        match self.backend {
            Backend::Sqlite => {
                sqlx::migrate!("./migrations/sqlite")
                    .run(&self.pool)
                    .await?;
            }
            Backend::Postgres => {
                sqlx::migrate!("./migrations/postgres")
                    .run(&self.pool)
                    .await?;
            }
        }
        Ok(())
    }

    /// Which engine this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Closes every connection (used before a process exits).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Starts a write transaction holding `lock` (see the module docs): on
    /// SQLite `BEGIN IMMEDIATE`, on PostgreSQL a row lock on the parent.
    /// There is no other way to start one, so no write can forget its lock.
    /// Fails with `sqlx::Error::RowNotFound` when the parent does not exist.
    pub(crate) async fn begin_write(
        &self,
        lock: Lock<'_>,
    ) -> Result<Transaction<'static, Any>, sqlx::Error> {
        let mut tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        // SQLite has no FOR UPDATE: its one write lock is already held.
        if let Some((sql, keys)) = lock.parent_query(self.backend == Backend::Postgres) {
            let mut query = sqlx::query(sql);
            for key in keys {
                query = query.bind(key);
            }
            if query.fetch_optional(&mut *tx).await?.is_none() {
                tx.rollback().await?;
                return Err(sqlx::Error::RowNotFound);
            }
        }
        Ok(tx)
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// The scorecard writer tasks, started by `start` on first use.
    pub(crate) fn writers(
        &self,
        start: impl FnOnce(&Db) -> scorecards::Writers,
    ) -> &scorecards::Writers {
        self.writers.get_or_init(|| start(self))
    }

    /// The same pool without the writer tasks' queues, for the writer
    /// tasks themselves: a writer holding its own queue would never see it
    /// close.
    pub(crate) fn without_writers(&self) -> Db {
        Db {
            pool: self.pool.clone(),
            backend: self.backend,
            writers: Arc::default(),
            sessions: self.sessions.clone(),
            seats: self.seats.clone(),
            changes: self.changes.clone(),
        }
    }

    /// The sessions this process resolved moments ago.
    pub(crate) fn session_cache(&self) -> &sessions::SessionCache {
        &self.sessions
    }

    /// The panel seats this process checked for autosaves moments ago.
    pub(crate) fn seat_cache(&self) -> &scorecards::SeatCache {
        &self.seats
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::Row;

    #[tokio::test]
    async fn every_sqlite_connection_is_set_up_for_a_shared_file() {
        let dir = std::env::temp_dir().join(format!("pk-pragmas-{}", std::process::id()));
        let url = format!("sqlite://{}/x.db", dir.display());
        let db = Db::connect(&url).await.unwrap();
        // Two connections at once, so the second is not the first reused.
        let (mut a, mut b) = (
            db.pool().acquire().await.unwrap(),
            db.pool().acquire().await.unwrap(),
        );
        for conn in [&mut a, &mut b] {
            let mut settings = Vec::new();
            for pragma in ["journal_mode", "synchronous", "foreign_keys", "cache_size"] {
                let row = sqlx::query(&format!("PRAGMA {pragma}"))
                    .fetch_one(&mut **conn)
                    .await
                    .unwrap();
                let value = row
                    .try_get::<String, _>(0)
                    .or_else(|_| row.try_get::<i64, _>(0).map(|n| n.to_string()))
                    .unwrap();
                settings.push(value);
            }
            // synchronous 1 is NORMAL.
            assert_eq!(settings, ["wal", "1", "1", "-16000"]);
        }
        drop((a, b));
        db.close().await;
        let _ = std::fs::remove_dir_all(dir);
    }
}
