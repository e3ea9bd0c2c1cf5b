//! The group commit: concurrent writes answered from one transaction as
//! each would be on its own.

use super::*;
use app::db::scorecards::WriteError;

/// The group commit applies a batch without savepoints and, when one write
/// conflicts after its key was recorded, rolls that attempt back and runs
/// the batch again behind savepoints. Writes queued in one poll on this
/// single-threaded runtime reach the writer as one batch.
#[tokio::test]
async fn a_conflict_in_a_batch_is_undone_alone_and_its_key_stays_free() {
    use app::db::scorecards::{WriteKind, write as group_write};
    for backend in backends() {
        let f = fixture(&backend).await;
        let users = app::db::users::list_users(&f.app.db, app::db::users::DEFAULT_ORG)
            .await
            .unwrap();
        let id = |name: &str| users.iter().find(|u| u.name == name).unwrap().id.clone();
        let (ivan, iris) = (id("ivan"), id("iris"));
        saved(
            f.save("ivan", &f.panel_id, 0, "group-key-first", notes("First"))
                .await,
        );
        let batch = [
            (
                &ivan,
                write(&f.panel_id, 1, "group-key-next1", notes("Next")),
            ),
            // Stale: refused after its key was recorded.
            (
                &ivan,
                write(&f.panel_id, 0, "group-key-stale", notes("Stale")),
            ),
            // The same write twice: stored once, answered alike.
            (
                &iris,
                write(&f.panel_id, 0, "group-key-iris1", notes("Iris")),
            ),
            (
                &iris,
                write(&f.panel_id, 0, "group-key-iris1", notes("Iris")),
            ),
            (
                &ivan,
                write(&f.screen_id, 0, "group-key-scrn1", notes("Screen")),
            ),
        ];
        let outcomes = futures_join_all(batch.iter().map(|(user, w)| {
            group_write(
                &f.app.db,
                app::db::users::DEFAULT_ORG,
                user,
                &f.candidate_id,
                WriteKind::Save,
                w,
            )
        }))
        .await;
        let outcomes: Vec<WriteOutcome> = outcomes.into_iter().map(Result::unwrap).collect();
        assert_eq!(saved(outcomes[0]).version, 2, "{outcomes:?} on {backend:?}");
        assert_eq!(conflict(outcomes[1]).current_version, 2, "{backend:?}");
        assert_eq!(saved(outcomes[2]), saved(outcomes[3]), "{backend:?}");
        assert_eq!(saved(outcomes[2]).version, 1);
        assert_eq!(saved(outcomes[4]).version, 1);
        let sheet = f.sheet("ivan", &f.panel_id).await;
        assert_eq!(sheet.scorecard.content.questions["q1"].notes, "Next");
        assert_eq!(f.sheet("iris", &f.panel_id).await.scorecard.version, 1);
        // The refused write recorded nothing: its key still takes a write.
        let retry = f
            .save("ivan", &f.panel_id, 2, "group-key-stale", notes("Stale"))
            .await;
        assert_eq!(saved(retry).version, 3, "{backend:?}");
    }
}

/// A batch of saves of distinct scorecards goes in two statements for the
/// whole batch; what those cannot settle is still answered as a write of
/// its own would be: a first save creates its scorecard, a retry gets its
/// recorded answer, a reused key is refused, and a stale save is a
/// conflict that leaves the others stored.
#[tokio::test]
async fn a_batch_of_saves_of_distinct_scorecards_is_answered_as_one_by_one() {
    use app::db::scorecards::{WriteKind, write as group_write};
    for backend in backends() {
        let f = fixture(&backend).await;
        let users = app::db::users::list_users(&f.app.db, app::db::users::DEFAULT_ORG)
            .await
            .unwrap();
        let id = |name: &str| users.iter().find(|u| u.name == name).unwrap().id.clone();
        let (ivan, iris) = (id("ivan"), id("iris"));
        let batch = |writes: Vec<(String, ScorecardWrite)>| {
            let db = f.app.db.clone();
            let candidate = f.candidate_id.clone();
            async move {
                let outcomes = futures_join_all(writes.iter().map(|(user, w)| {
                    group_write(
                        &db,
                        app::db::users::DEFAULT_ORG,
                        user,
                        &candidate,
                        WriteKind::Save,
                        w,
                    )
                }))
                .await;
                outcomes.into_iter().collect::<Vec<_>>()
            }
        };
        let panel = saved(
            f.save("ivan", &f.panel_id, 0, "bulk-panel-001", notes("Panel"))
                .await,
        );
        let screen_write = write(&f.screen_id, 0, "bulk-screen-01", notes("Screen"));
        let screen = saved(
            f.app
                .run(
                    f.token("ivan"),
                    SaveScorecard {
                        write: screen_write.clone(),
                    },
                )
                .await,
        );

        let first = batch(vec![
            (
                ivan.clone(),
                write(&f.panel_id, 1, "bulk-panel-002", notes("Panel, later")),
            ),
            // Iris's first save: no scorecard to update yet.
            (
                iris.clone(),
                write(&f.panel_id, 0, "bulk-iris-0001", notes("Iris")),
            ),
            // A retry of a save already committed.
            (ivan.clone(), screen_write.clone()),
        ])
        .await;
        let first: Vec<WriteOutcome> = first.into_iter().map(Result::unwrap).collect();
        assert_eq!(saved(first[0]).version, 2, "{first:?} on {backend:?}");
        assert_eq!(panel.version, 1);
        assert_eq!(saved(first[1]).version, 1, "{backend:?}");
        assert_eq!(saved(first[2]), screen, "{backend:?}: the retry's answer");

        let second = batch(vec![
            // Iris's key again, for a different save.
            (
                iris.clone(),
                write(&f.panel_id, 1, "bulk-iris-0001", notes("Other")),
            ),
            (
                ivan.clone(),
                write(&f.panel_id, 2, "bulk-panel-003", notes("Panel, third")),
            ),
        ])
        .await;
        assert!(
            matches!(second[0], Err(WriteError::KeyReused)),
            "{:?} on {backend:?}",
            second[0]
        );
        assert_eq!(
            saved(*second[1].as_ref().unwrap()).version,
            3,
            "{backend:?}"
        );

        let third = batch(vec![
            // Stale: refused after its key was recorded.
            (
                ivan.clone(),
                write(&f.panel_id, 1, "bulk-panel-old", notes("Stale")),
            ),
            (
                iris.clone(),
                write(&f.panel_id, 1, "bulk-iris-0002", notes("Iris, later")),
            ),
        ])
        .await;
        let third: Vec<WriteOutcome> = third.into_iter().map(Result::unwrap).collect();
        assert_eq!(
            conflict(third[0]).current_version,
            3,
            "{third:?} on {backend:?}"
        );
        assert_eq!(saved(third[1]).version, 2, "{backend:?}");

        let ivan_sheet = f.sheet("ivan", &f.panel_id).await;
        assert_eq!(ivan_sheet.scorecard.version, 3);
        assert_eq!(
            ivan_sheet.scorecard.content.questions["q1"].notes,
            "Panel, third"
        );
        let iris_sheet = f.sheet("iris", &f.panel_id).await;
        assert_eq!(
            iris_sheet.scorecard.content.questions["q1"].notes,
            "Iris, later"
        );
        assert_eq!(f.sheet("ivan", &f.screen_id).await.scorecard.version, 1);
        // The stale save's key recorded nothing.
        let retry = f
            .save("ivan", &f.panel_id, 3, "bulk-panel-old", notes("Stale"))
            .await;
        assert_eq!(saved(retry).version, 4, "{backend:?}");
    }
}
