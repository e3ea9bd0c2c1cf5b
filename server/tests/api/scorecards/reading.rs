//! Whose scorecards each person may read or write, and the interview list.

use super::*;

#[tokio::test]
async fn nobody_reads_or_writes_another_persons_scorecard() {
    for backend in backends() {
        let f = fixture(&backend).await;
        saved(
            f.save(
                "ivan",
                &f.panel_id,
                0,
                "ivan-draft-01",
                notes("Ivan's private draft"),
            )
            .await,
        );
        // Iris sits on the same panel: she gets her own, empty scorecard.
        let iris = f.sheet("iris", &f.panel_id).await;
        assert_eq!(iris.scorecard.version, 0, "{backend:?}");
        assert!(
            iris.competencies.iter().all(|c| c.focus),
            "an empty focus means every competency"
        );
        // Off the panel, the interview does not exist, for admins too.
        for who in ["ada", "rita", "otto", "hana", "hugo"] {
            let load = LoadScorecard {
                interview_id: f.panel_id.clone(),
            };
            let res = f.attempt(who, &load).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{who} on {backend:?}");
            let save = SaveScorecard {
                write: write(&f.panel_id, 0, "not-mine-0001", notes("x")),
            };
            let res = f.attempt(who, &save).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{who} on {backend:?}");
        }
        let save = SaveScorecard {
            write: write(&f.panel_id, 0, "anonymous-01", notes("x")),
        };
        let res = f.app.attempt(None, &save).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        // Drafts never appear among submitted scorecards.
        for who in ["ada", "rita", "hana"] {
            let res = f.submitted(who, None).await;
            assert_eq!(res.status(), StatusCode::OK, "{who}");
            let list: Vec<SubmittedScorecard> = res.json().await.unwrap();
            assert!(list.is_empty(), "{who} sees no draft on {backend:?}");
        }
        let page = f
            .app
            .get(&format!("/interviews/{}", f.panel_id), Some(f.token("ada")))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            !page.contains("Ivan&#x27;s private draft") && !page.contains("Ivan's private draft")
        );
    }
}

#[tokio::test]
async fn visibility_of_submitted_scorecards_for_every_role() {
    for backend in backends() {
        let f = fixture(&backend).await;
        saved(
            f.save(
                "ivan",
                &f.panel_id,
                0,
                "ivan-draft-02",
                notes("Ivan's draft"),
            )
            .await,
        );
        // Before submitting, a panel member sees nobody else's.
        assert_eq!(
            f.submitted("iris", None).await.status(),
            StatusCode::FORBIDDEN,
            "{backend:?}"
        );
        let iris_content = ScorecardContent {
            competencies: scores([
                ("customer-focus", rated(Level::Advanced, "Strong.")),
                ("teamwork", rated(Level::Developing, "Blamed others.")),
            ]),
            recommendation: Some(Recommendation::StrongYes),
            ..Default::default()
        };
        saved(
            f.submit("iris", write(&f.panel_id, 0, "iris-submit-1", iris_content))
                .await,
        );

        let names = |list: Vec<SubmittedScorecard>| {
            list.into_iter()
                .map(|s| s.interviewer_name)
                .collect::<Vec<_>>()
        };
        // Iris has submitted all of hers: she sees the submitted ones (Ivan's is a draft).
        let list: Vec<SubmittedScorecard> = f.submitted("iris", None).await.json().await.unwrap();
        assert_eq!(names(list), ["iris"], "{backend:?}");
        // Ivan has not: refused, also for the one interview filter.
        assert_eq!(
            f.submitted("ivan", None).await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            f.submitted("ivan", Some(&f.panel_id)).await.status(),
            StatusCode::FORBIDDEN
        );
        saved(
            f.submit("ivan", write(&f.panel_id, 1, "ivan-submit-1", complete()))
                .await,
        );
        // Still refused: his screen scorecard for the same candidate is not submitted.
        assert_eq!(
            f.submitted("ivan", Some(&f.panel_id)).await.status(),
            StatusCode::FORBIDDEN,
            "{backend:?}"
        );
        let screen = ScorecardContent {
            competencies: scores([("customer-focus", rated(Level::Independent, "Fine."))]),
            recommendation: Some(Recommendation::Yes),
            ..Default::default()
        };
        saved(
            f.submit("ivan", write(&f.screen_id, 0, "ivan-screen-1", screen))
                .await,
        );
        let list: Vec<SubmittedScorecard> = f
            .submitted("ivan", Some(&f.panel_id))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(names(list), ["iris", "ivan"], "{backend:?}");

        let cases = [
            ("admin", "ada", StatusCode::OK),
            ("recruiter", "rita", StatusCode::OK),
            ("the role's hiring manager", "hana", StatusCode::OK),
            (
                "another role's hiring manager",
                "hugo",
                StatusCode::NOT_FOUND,
            ),
            (
                // Hidden, like any candidate the caller may not read.
                "an interviewer on no panel of the candidate",
                "otto",
                StatusCode::NOT_FOUND,
            ),
        ];
        for (case, who, expected) in cases {
            let res = f.submitted(who, None).await;
            assert_eq!(res.status(), expected, "{case} on {backend:?}");
            if expected == StatusCode::OK {
                let list: Vec<SubmittedScorecard> = res.json().await.unwrap();
                assert_eq!(
                    list.len(),
                    3,
                    "{case}: both interviews' submitted scorecards"
                );
            }
        }
        assert_eq!(
            f.app.attempt(None, &f.submitted_of(None)).await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
}

#[tokio::test]
async fn my_interviews_lists_only_the_callers_panels() {
    for backend in backends() {
        let f = fixture(&backend).await;
        let ivan = f.my_interviews("ivan").await;
        let iris = f.my_interviews("iris").await;
        let otto = f.my_interviews("otto").await;
        assert_eq!(
            (ivan.len(), iris.len(), otto.len()),
            (2, 1, 0),
            "{backend:?}"
        );
        assert!(
            ivan.iter()
                .all(|i| i.status.is_none() && i.candidate_name == "Carla Candidate")
        );
        assert_eq!(iris[0].stage_name, "Panel");
    }
}
