//! Erasure and autosave: once a candidate's erasure has committed, no
//! scorecard write stores text about them, on whichever server it runs and
//! however the two interleave.

use super::*;

/// The content of every scorecard of the panel.
async fn panel_contents(f: &Fixture) -> Vec<String> {
    sqlx::query_scalar("SELECT content_json FROM scorecards WHERE interview_id = $1")
        .bind(&f.panel_id)
        .fetch_all(&f.app.raw_pool().await)
        .await
        .unwrap()
}

/// An erasure in flight while two autosaves arrive: its transaction has
/// marked the candidate erased and emptied their scorecards, and commits
/// while Ivan (a later version) and Iris (her first save) are being
/// written. Whichever way the writes and the erasure interleave, the saves
/// are conflicts and no text about the candidate is stored: on PostgreSQL
/// the writes wait for the erasure's row lock on the candidate and then
/// see it, rather than writing with a view taken before it committed.
#[tokio::test]
async fn saves_racing_an_erasure_store_nothing_once_it_commits() {
    for backend in backends() {
        let f = fixture(&backend).await;
        saved(
            f.save("ivan", &f.panel_id, 0, "race-key-00001", notes("Before"))
                .await,
        );
        let pool = f.app.raw_pool().await;
        let mut erasure = pool.begin().await.unwrap();
        sqlx::query("UPDATE candidates SET erased_at = 1, name = 'Erased' WHERE id = $1")
            .bind(&f.candidate_id)
            .execute(&mut *erasure)
            .await
            .unwrap();
        sqlx::query("UPDATE scorecards SET content_json = '{}' WHERE candidate_id = $1")
            .bind(&f.candidate_id)
            .execute(&mut *erasure)
            .await
            .unwrap();
        let (ivan, iris, ()) = tokio::join!(
            f.save("ivan", &f.panel_id, 1, "race-key-00002", notes("After")),
            f.save("iris", &f.panel_id, 0, "race-key-00003", notes("After")),
            async {
                // Long enough for both saves to reach the database.
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                erasure.commit().await.unwrap();
            }
        );
        assert!(
            matches!(
                (&ivan, &iris),
                (WriteOutcome::Conflict(_), WriteOutcome::Conflict(_))
            ),
            "{backend:?}: {ivan:?}, {iris:?}"
        );
        let contents = panel_contents(&f).await;
        assert!(
            contents.iter().all(|c| !c.contains("After")),
            "{backend:?}: {contents:?}"
        );
    }
}

/// Another server erases the candidate: this one checked Ivan's seat
/// moments ago and keeps it for a moment, and the write itself still stores
/// no text about someone erased.
#[tokio::test]
async fn an_erasure_on_another_server_stops_autosaves_the_moment_it_commits() {
    for backend in backends() {
        let f = fixture(&backend).await;
        saved(
            f.save("ivan", &f.panel_id, 0, "erase-key-0001", notes("Before"))
                .await,
        );
        // Its own pool, and so its own memory of seats: another server.
        let other = app::db::Db::connect(&f.app.database_url).await.unwrap();
        let erasure = app::db::erasure::Erasure {
            actor_id: None,
            reason: "Asked by the candidate",
            via: "request",
        };
        let erased = app::db::erasure::erase_candidate(
            &other,
            app::db::users::DEFAULT_ORG,
            &f.candidate_id,
            erasure,
        )
        .await
        .unwrap();
        assert!(erased);
        let late = f
            .save("ivan", &f.panel_id, 1, "erase-key-0002", notes("After"))
            .await;
        conflict(late);
        let contents = panel_contents(&f).await;
        assert!(
            contents.iter().all(|c| !c.contains("After")),
            "{backend:?}: {contents:?}"
        );
        other.close().await;
    }
}
