//! The connection pool: a connection the database server ended while it sat
//! idle in the pool (a restart, a firewall's timeout) is found out before a
//! request gets it.

use crate::helpers::{Backend, backends, fresh_database_url};
use app::db::{CHECK_IDLE_AFTER, Db};
use sqlx::Connection;
use std::time::Duration;

#[tokio::test]
async fn a_connection_ended_by_the_server_while_idle_is_replaced_before_use() {
    for backend in backends() {
        // SQLite's connections are in process: nothing outside can end them.
        let Backend::Postgres(admin_url) = &backend else {
            continue;
        };
        let name = format!("panelkit-pool-{}", app::db::ids::new_id());
        let url = format!(
            "{}&application_name={name}",
            fresh_database_url(&backend).await
        );
        let db = Db::connect(&url).await.unwrap();
        assert!(db.ping().await);

        let mut admin = sqlx::PgConnection::connect(admin_url).await.unwrap();
        let ended: Vec<bool> = sqlx::query_scalar(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
        )
        .bind(&name)
        .fetch_all(&mut admin)
        .await
        .unwrap();
        assert!(
            !ended.is_empty() && ended.iter().all(|e| *e),
            "the pool's connections were not found to end: {ended:?}"
        );

        tokio::time::sleep(CHECK_IDLE_AFTER + Duration::from_millis(300)).await;
        assert!(
            db.ping().await,
            "the pool handed out a connection the server had ended"
        );
        db.close().await;
    }
}
