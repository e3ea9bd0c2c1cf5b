//! Autosave: versions, reloads, stale bases, retries and two tabs.

use super::*;

#[tokio::test]
async fn a_save_is_acknowledged_with_the_next_version_and_reloads() {
    for backend in backends() {
        let f = fixture(&backend).await;
        let sheet = f.sheet("ivan", &f.panel_id).await;
        assert_eq!(sheet.scorecard.version, 0, "{backend:?}");
        assert_eq!(sheet.candidate_name, "Carla Candidate");
        assert_eq!(sheet.sections.len(), 2);
        let focus: Vec<_> = sheet
            .competencies
            .iter()
            .map(|c| (c.id.as_str(), c.focus))
            .collect();
        assert_eq!(focus, [("customer-focus", true), ("teamwork", false)]);
        assert_eq!(sheet.competencies[0].anchors.len(), 5);
        assert!(
            sheet.sections[0].questions[0]
                .text_html
                .contains("<strong>q1</strong>")
        );

        let first = saved(
            f.save(
                "ivan",
                &f.panel_id,
                0,
                "key-first-0001",
                notes("Started well"),
            )
            .await,
        );
        assert_eq!(first.version, 1);
        let second = saved(
            f.save(
                "ivan",
                &f.panel_id,
                1,
                "key-second-002",
                notes("Started well, then stalled"),
            )
            .await,
        );
        assert_eq!(second.version, 2);

        let again = f.sheet("ivan", &f.panel_id).await;
        assert_eq!(again.scorecard.version, 2);
        assert_eq!(again.scorecard.status, ScorecardStatus::Draft);
        assert_eq!(
            again.scorecard.content.question("q1").notes,
            "Started well, then stalled"
        );
        assert_eq!(again.scorecard.updated_at, Some(second.saved_at));
    }
}

#[tokio::test]
async fn the_scoring_page_is_rendered_with_the_saved_scorecard() {
    let f = fixture(&Backend::Sqlite).await;
    saved(
        f.save(
            "ivan",
            &f.panel_id,
            0,
            "key-render-001",
            notes("Mentioned the refund policy"),
        )
        .await,
    );
    let res = f
        .app
        .get(
            &format!("/interviews/{}", f.panel_id),
            Some(f.token("ivan")),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    for expected in [
        "Carla Candidate",
        "Mentioned the refund policy",
        "Rate Customer Focus",
        "Question q3",
    ] {
        assert!(html.contains(expected), "the page lacks {expected:?}");
    }
}

#[tokio::test]
async fn a_save_on_a_stale_version_is_refused_as_a_conflict() {
    for backend in backends() {
        let f = fixture(&backend).await;
        saved(
            f.save(
                "ivan",
                &f.panel_id,
                0,
                "tab-one-0001",
                notes("From tab one"),
            )
            .await,
        );
        // Tab two opened before tab one saved.
        let c = conflict(
            f.save(
                "ivan",
                &f.panel_id,
                0,
                "tab-two-0001",
                notes("From tab two"),
            )
            .await,
        );
        assert_eq!(
            (c.current_version, c.status),
            (1, ScorecardStatus::Draft),
            "{backend:?}"
        );
        assert!(c.message().contains("another tab"));
        let c = conflict(
            f.save(
                "ivan",
                &f.panel_id,
                7,
                "tab-two-0002",
                notes("From the future"),
            )
            .await,
        );
        assert_eq!(c.current_version, 1);
        let sheet = f.sheet("ivan", &f.panel_id).await;
        assert_eq!(
            sheet.scorecard.content.question("q1").notes,
            "From tab one",
            "{backend:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_save_sent_ten_times_bumps_the_version_once() {
    for backend in backends() {
        let f = fixture(&backend).await;
        let mut acks = Vec::new();
        for _ in 0..10 {
            acks.push(saved(
                f.save("ivan", &f.panel_id, 0, "retried-key-01", notes("Once"))
                    .await,
            ));
        }
        assert!(
            acks.iter().all(|a| *a == acks[0]),
            "every retry answers the same: {acks:?} on {backend:?}"
        );
        assert_eq!(acks[0].version, 1);
        assert_eq!(f.sheet("ivan", &f.panel_id).await.scorecard.version, 1);

        // The same again, ten at once.
        let sends =
            (0..10).map(|_| f.save("ivan", &f.panel_id, 1, "retried-key-02", notes("Twice")));
        let acks: Vec<WriteAck> = futures_join_all(sends)
            .await
            .into_iter()
            .map(saved)
            .collect();
        assert!(
            acks.iter().all(|a| *a == acks[0]),
            "{acks:?} on {backend:?}"
        );
        assert_eq!(acks[0].version, 2);
        assert_eq!(
            f.sheet("ivan", &f.panel_id).await.scorecard.version,
            2,
            "{backend:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_saves_from_two_tabs_let_exactly_one_win() {
    for backend in backends() {
        let f = fixture(&backend).await;
        let keys: Vec<String> = (0..10).map(|i| format!("tab-key-{i:04}")).collect();
        let sends = keys
            .iter()
            .map(|key| f.save("ivan", &f.panel_id, 0, key, notes(key)));
        let outcomes = futures_join_all(sends).await;
        let wins = outcomes
            .iter()
            .filter(|o| matches!(o, WriteOutcome::Saved(_)))
            .count();
        assert_eq!(wins, 1, "{outcomes:?} on {backend:?}");
        assert_eq!(f.sheet("ivan", &f.panel_id).await.scorecard.version, 1);
    }
}

/// Saves sent at once share a transaction (the group commit): one refused
/// or invalid write in it must not cost the others theirs.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_refused_save_among_concurrent_ones_leaves_the_others_stored() {
    for backend in backends() {
        let f = fixture(&backend).await;
        saved(
            f.save("ivan", &f.panel_id, 0, "batch-key-first", notes("First"))
                .await,
        );
        let sends = [
            // A reused key: refused with 422.
            (
                "ivan",
                write(&f.panel_id, 1, "batch-key-first", notes("Other")),
            ),
            // A stale version: a conflict.
            (
                "ivan",
                write(&f.panel_id, 0, "batch-key-stale", notes("Stale")),
            ),
            (
                "ivan",
                write(&f.panel_id, 1, "batch-key-next1", notes("Next")),
            ),
            (
                "ivan",
                write(&f.screen_id, 0, "batch-key-screen", notes("Screen")),
            ),
            (
                "iris",
                write(&f.panel_id, 0, "batch-key-iris01", notes("Iris")),
            ),
        ];
        let sends = sends.map(|(who, write)| (who, SaveScorecard { write }));
        let responses =
            futures_join_all(sends.iter().map(|(who, save)| f.attempt(who, save))).await;
        let mut outcomes = Vec::new();
        for res in responses {
            let status = res.status();
            outcomes.push((status, res.text().await.unwrap()));
        }
        assert_eq!(
            outcomes[0].0,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{outcomes:?} on {backend:?}"
        );
        let parsed: Vec<WriteOutcome> = outcomes[1..]
            .iter()
            .map(|(status, text)| {
                assert!(status.is_success(), "{status} {text} on {backend:?}");
                serde_json::from_str(text).unwrap()
            })
            .collect();
        // Before or after the next save, depending on the order they came in.
        assert!((1..=2).contains(&conflict(parsed[0]).current_version));
        assert_eq!(saved(parsed[1]).version, 2);
        assert_eq!(saved(parsed[2]).version, 1);
        assert_eq!(saved(parsed[3]).version, 1);
        let sheet = f.sheet("ivan", &f.panel_id).await;
        assert_eq!(sheet.scorecard.version, 2, "{backend:?}");
        assert_eq!(sheet.scorecard.content.questions["q1"].notes, "Next");
        assert_eq!(f.sheet("ivan", &f.screen_id).await.scorecard.version, 1);
        assert_eq!(f.sheet("iris", &f.panel_id).await.scorecard.version, 1);
    }
}

#[tokio::test]
async fn a_key_reused_for_a_different_save_is_refused() {
    for backend in backends() {
        let f = fixture(&backend).await;
        saved(
            f.save("ivan", &f.panel_id, 0, "one-key-0001", notes("First"))
                .await,
        );
        let second = SaveScorecard {
            write: write(&f.panel_id, 1, "one-key-0001", notes("Second")),
        };
        let res = f.attempt("ivan", &second).await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend:?}"
        );
        let err: app::errors::AppError = res.json().await.unwrap();
        assert!(
            matches!(err, app::errors::AppError::Invalid { ref field, .. } if field == "idempotency_key"),
            "{err:?}"
        );
        let bad_key = SaveScorecard {
            write: write(&f.panel_id, 1, "bad key", notes("x")),
        };
        let res = f.attempt("ivan", &bad_key).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}
