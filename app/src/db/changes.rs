//! A marker of the database's committed state: a short text that changes
//! whenever any connection, of this process or another, commits a write.
//! Two reads that get the same marker saw the same data, which is what a
//! cache of pages rendered from that data needs to know.
//!
//! - **SQLite**: `PRAGMA data_version` on a connection of its own that
//!   never writes. SQLite changes that number whenever another connection
//!   (of any process) has committed since the connection's last read. The
//!   number restarts with each connection, so the marker also names the
//!   connection it came from.
//! - **PostgreSQL**: the current snapshot (`pg_current_snapshot()`): which
//!   transactions have committed. It changes as soon as any writing
//!   transaction ends, on whichever app server, and is the same for
//!   everyone in between.

use super::{Backend, Db};
use sqlx::any::AnyConnectOptions;
use sqlx::{AnyConnection, ConnectOptions, Row};
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::Mutex;

/// The SQLite connection that reads `data_version`, opened on first use and
/// again after a failure.
#[derive(Debug)]
pub(crate) struct Watch {
    options: Option<AnyConnectOptions>,
    conn: Mutex<Option<(u64, AnyConnection)>>,
    opened: AtomicU64,
}

impl Watch {
    /// For a database opened with `options`; `None` where another
    /// connection would not see the same database (SQLite in memory).
    pub(crate) fn new(options: Option<AnyConnectOptions>) -> Watch {
        Watch {
            options,
            conn: Mutex::new(None),
            opened: AtomicU64::new(0),
        }
    }
}

impl Db {
    /// The marker of what is committed now (see the module docs); `None`
    /// when it cannot be read, and then nothing may be assumed unchanged.
    pub async fn change_marker(&self) -> Option<String> {
        match self.backend {
            Backend::Postgres => sqlx::query("SELECT pg_current_snapshot()::text")
                .fetch_one(self.pool())
                .await
                .and_then(|row| row.try_get::<String, _>(0))
                .map_err(|e| tracing::warn!("cannot read the change marker: {e}"))
                .ok(),
            Backend::Sqlite => self.sqlite_data_version().await,
        }
    }

    async fn sqlite_data_version(&self) -> Option<String> {
        let watch = &self.changes;
        let options = watch.options.as_ref()?;
        let mut conn = watch.conn.lock().await;
        if conn.is_none() {
            let opened = watch.opened.fetch_add(1, Ordering::Relaxed) + 1;
            match options.connect().await {
                Ok(c) => *conn = Some((opened, c)),
                Err(e) => {
                    tracing::warn!("cannot open the change marker's connection: {e}");
                    return None;
                }
            }
        }
        let (opened, c) = conn.as_mut()?;
        let version = sqlx::query("PRAGMA data_version")
            .fetch_one(&mut *c)
            .await
            .and_then(|row| row.try_get::<i64, _>(0));
        match version {
            Ok(v) => Some(format!("{opened}:{v}")),
            Err(e) => {
                tracing::warn!("cannot read the change marker: {e}");
                *conn = None;
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn marker_follows_commits(db: &Db) {
        let before = db.change_marker().await.expect("marker");
        assert_eq!(db.change_marker().await.as_ref(), Some(&before));
        sqlx::query("INSERT INTO organizations (id, name, created_at) VALUES ('m1', 'M', 0)")
            .execute(db.pool())
            .await
            .unwrap();
        let after = db.change_marker().await.expect("marker");
        assert_ne!(before, after);
        assert_eq!(db.change_marker().await.as_ref(), Some(&after));
    }

    #[tokio::test]
    async fn the_sqlite_marker_changes_with_each_commit_and_only_then() {
        let dir = std::env::temp_dir().join(format!("pk-marker-{}", std::process::id()));
        let db = Db::connect(&format!("sqlite://{}/x.db", dir.display()))
            .await
            .unwrap();
        db.migrate().await.unwrap();
        marker_follows_commits(&db).await;
        db.close().await;
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn the_postgres_marker_changes_with_each_commit_and_only_then() {
        let Ok(url) = std::env::var("PANELKIT_TEST_POSTGRES_URL") else {
            return;
        };
        let db = Db::connect(&url).await.unwrap();
        let before = db.change_marker().await.expect("marker");
        // A transaction that writes: another session's commit would do the same.
        let mut tx = db.pool().begin().await.unwrap();
        sqlx::query("SELECT pg_current_xact_id()::text")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_ne!(db.change_marker().await.expect("marker"), before);
        db.close().await;
    }

    #[tokio::test]
    async fn an_in_memory_database_has_no_marker() {
        let db = Db::connect("sqlite::memory:").await.unwrap();
        assert_eq!(db.change_marker().await, None);
    }
}
