//! Submitting: every focus competency rated, then locked; amendments with
//! their reasons.

use super::*;
use app::server_fns::scorecards::AmendScorecard;
use serde_json::Value;

#[tokio::test]
async fn submitting_checks_every_focus_competency_and_rating() {
    for backend in backends() {
        let f = fixture(&backend).await;
        let out_of_time = || scores([("customer-focus", not_assessed("Ran out of time"))]);
        let cases = [
            (
                "nothing rated",
                ScorecardContent {
                    recommendation: Some(Recommendation::Yes),
                    ..Default::default()
                },
                "Customer Focus: rate it",
            ),
            (
                "a rating without evidence",
                ScorecardContent {
                    competencies: scores([("customer-focus", rated(Level::Advanced, ""))]),
                    recommendation: Some(Recommendation::Yes),
                    ..Default::default()
                },
                "evidence note",
            ),
            (
                "not assessed without a reason",
                ScorecardContent {
                    competencies: scores([("customer-focus", not_assessed(""))]),
                    recommendation: Some(Recommendation::No),
                    ..Default::default()
                },
                "why it was not assessed",
            ),
            (
                "a rated answer without notes",
                ScorecardContent {
                    questions: [(
                        "q2".to_owned(),
                        QuestionNotes {
                            notes: String::new(),
                            rating: Some(Level::Entry),
                        },
                    )]
                    .into(),
                    competencies: out_of_time(),
                    recommendation: Some(Recommendation::No),
                    ..Default::default()
                },
                "add notes",
            ),
            (
                "no recommendation",
                ScorecardContent {
                    competencies: out_of_time(),
                    ..Default::default()
                },
                "recommendation",
            ),
            (
                "a question of another stage",
                ScorecardContent {
                    questions: [("q0".to_owned(), fixtures::notes("x"))].into(),
                    ..Default::default()
                },
                "q0 is not in this interview",
            ),
            (
                "a behavior of another competency",
                ScorecardContent {
                    competencies: scores([(
                        "customer-focus",
                        CompetencyScore {
                            behaviors: ["tw-supports-colleagues:0".to_owned()].into(),
                            ..Default::default()
                        },
                    )]),
                    ..Default::default()
                },
                "is not one of customer-focus's",
            ),
        ];
        for (i, (case, content, expected)) in cases.into_iter().enumerate() {
            let submit = SubmitScorecard {
                write: write(&f.panel_id, 0, &format!("submit-case-{i}"), content),
            };
            let res = f.attempt("ivan", &submit).await;
            assert_eq!(
                res.status(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "{case} on {backend:?}"
            );
            let err = res
                .json::<app::errors::AppError>()
                .await
                .unwrap()
                .to_string();
            assert!(err.contains(expected), "{case}: {err}");
        }
        assert_eq!(
            f.sheet("ivan", &f.panel_id).await.scorecard.version,
            0,
            "refused submissions store nothing"
        );

        // Not assessed with a reason is complete; Teamwork is not Ivan's focus.
        let content = ScorecardContent {
            competencies: out_of_time(),
            recommendation: Some(Recommendation::No),
            ..Default::default()
        };
        let ack = saved(
            f.submit("ivan", write(&f.panel_id, 0, "submit-ok-001", content))
                .await,
        );
        assert_eq!(ack.version, 1, "{backend:?}");
    }
}

#[tokio::test]
async fn submitting_locks_the_scorecard() {
    for backend in backends() {
        let f = fixture(&backend).await;
        saved(
            f.save("ivan", &f.panel_id, 0, "draft-save-01", notes("Draft"))
                .await,
        );
        let submit = write(&f.panel_id, 1, "submit-lock-01", complete());
        let ack = saved(f.submit("ivan", submit.clone()).await);
        assert_eq!(ack.version, 2);
        // A lost answer retried: the same result, nothing applied twice.
        assert_eq!(saved(f.submit("ivan", submit).await), ack, "{backend:?}");

        let sheet = f.sheet("ivan", &f.panel_id).await;
        assert_eq!(sheet.scorecard.status, ScorecardStatus::Submitted);
        assert_eq!(sheet.scorecard.submitted_at, Some(ack.saved_at));
        assert_eq!(
            sheet
                .scorecard
                .content
                .competency("customer-focus")
                .evidence,
            "Clear story, owned the outcome."
        );

        let c = conflict(
            f.save(
                "ivan",
                &f.panel_id,
                2,
                "after-submit-1",
                notes("Sneaky edit"),
            )
            .await,
        );
        assert_eq!(c.status, ScorecardStatus::Submitted, "{backend:?}");
        assert!(c.message().contains("submitted"));
        let c = conflict(
            f.submit("ivan", write(&f.panel_id, 2, "resubmit-0001", complete()))
                .await,
        );
        assert_eq!(c.current_version, 2);
        assert_eq!(f.sheet("ivan", &f.panel_id).await.scorecard.version, 2);

        let mine = f.my_interviews("ivan").await;
        let panel = mine.iter().find(|i| i.interview_id == f.panel_id).unwrap();
        assert_eq!(panel.status, Some(ScorecardStatus::Submitted));
        // The submission closed the seat itself: it is listed once, in the
        // history, with when it was submitted.
        assert_eq!(
            mine.iter().filter(|i| i.interview_id == f.panel_id).count(),
            1
        );
        assert!(panel.submitted_at.is_some(), "{panel:?}");
        assert_eq!(
            mine[0].interview_id, f.screen_id,
            "what is still to submit comes first"
        );
    }
}

/// During a rolling upgrade a server from before seats knew their
/// submission time submits without closing the seat; housekeeping closes it.
#[tokio::test]
async fn housekeeping_closes_a_seat_an_older_server_left_open() {
    for backend in backends() {
        let f = fixture(&backend).await;
        let ack = saved(
            f.submit("ivan", write(&f.panel_id, 0, "old-server-01", complete()))
                .await,
        );
        let pool = f.app.raw_pool().await;
        sqlx::query("UPDATE interview_panel SET submitted_at = NULL WHERE interview_id = $1")
            .bind(&f.panel_id)
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
        let seat = |mine: Vec<MyInterview>| {
            let of_panel: Vec<_> = mine
                .into_iter()
                .filter(|i| i.interview_id == f.panel_id)
                .collect();
            assert_eq!(of_panel.len(), 1, "{backend:?}: {of_panel:?}");
            of_panel[0].submitted_at
        };
        assert_eq!(seat(f.my_interviews("ivan").await), None, "{backend:?}");

        let policy = app::db::sessions::SessionPolicy::default();
        let round = server::housekeeping::run_once(&f.app.db, "server-a", &policy)
            .await
            .unwrap()
            .expect("the lease is free");
        assert_eq!(round.seats_closed, 1, "{backend:?}");
        assert_eq!(
            seat(f.my_interviews("ivan").await),
            Some(ack.saved_at),
            "{backend:?}"
        );
        let again = server::housekeeping::run_once(&f.app.db, "server-a", &policy)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(again.seats_closed, 0, "{backend:?}");
    }
}

#[tokio::test]
async fn an_amendment_records_a_new_version_with_its_reason_and_an_audit_entry() {
    for backend in backends() {
        let f = fixture(&backend).await;
        let amend = |base: i64, key: &str, reason: &str| {
            let content = ScorecardContent {
                summary: "Solid; checked references on the refund story.".into(),
                ..complete()
            };
            AmendScorecard {
                write: write(&f.panel_id, base, key, content),
                reason: reason.into(),
            }
        };
        let ivan = f.token("ivan");
        // Nothing to amend before submission.
        let c = conflict(f.app.run(ivan, amend(0, "amend-early-1", "Typo")).await);
        assert_eq!(c.current_version, 0, "{backend:?}");
        saved(
            f.submit("ivan", write(&f.panel_id, 0, "submit-amend-1", complete()))
                .await,
        );

        let res = f.attempt("ivan", &amend(1, "amend-noreason", "  ")).await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend:?}"
        );
        let amended = amend(1, "amend-ok-0001", "Added what the reference said");
        let ack = saved(f.app.run(ivan, amended).await);
        assert_eq!(ack.version, 2);
        let others: Vec<SubmittedScorecard> = f.submitted("rita", None).await.json().await.unwrap();
        assert_eq!(
            (others.len(), others[0].amendments, others[0].version),
            (1, 1, 2),
            "{backend:?}"
        );
        assert!(others[0].content.summary.contains("checked references"));

        let pool = f.app.raw_pool().await;
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT action, detail FROM audit_log WHERE org_id = 'default' AND action LIKE 'scorecard.%' ORDER BY at, action",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let actions: Vec<&str> = rows.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(
            actions,
            ["scorecard.submit", "scorecard.amend"],
            "{backend:?}"
        );
        let detail: Value = serde_json::from_str(&rows[1].1).unwrap();
        assert_eq!(detail["version"], 2);
        // The reason is kept with the version, where an erasure can reach
        // it; the append-only log holds no free text.
        assert!(detail.get("reason").is_none(), "{detail}");
        let reasons: Vec<(String,)> = sqlx::query_as(
            "SELECT reason FROM scorecard_versions WHERE org_id = 'default' AND kind = 'amend'",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        assert_eq!(reasons, [("Added what the reference said".to_owned(),)]);
        let kept: Vec<(i64, String)> =
            sqlx::query_as("SELECT version, content_json FROM scorecard_versions WHERE org_id = 'default' ORDER BY version")
                .fetch_all(&pool)
                .await
                .unwrap();
        assert_eq!(kept.len(), 2);
        assert!(
            kept[0].1.contains("Solid.") && !kept[0].1.contains("checked references"),
            "the submitted text is kept"
        );
        pool.close().await;
    }
}
