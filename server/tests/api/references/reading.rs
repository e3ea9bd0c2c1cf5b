//! Who reads references, and combining their ratings once enough answered.

use super::*;

#[tokio::test]
async fn only_recruiters_and_the_roles_hiring_managers_see_references() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let id = fx
            .add_referee("Rhea Stone", "rhea@acme.example", "Peer")
            .await;
        let by_candidate = json!({"candidate_id": fx.candidate_id});
        let by_request = json!({"request_id": id});
        let add = json!({"candidate_id": fx.candidate_id, "input": {
            "name": "X", "email": "x@y.example", "phone": "", "relationship": "Peer", "months_worked": 1}});

        for (name, body) in [
            ("list_references", &by_candidate),
            ("reference_summary", &by_candidate),
            ("add_referee", &add),
            ("send_reference_invitation", &by_request),
            ("reference_questions", &by_request),
        ] {
            let anonymous = fx.app.call_json(name, None, body.clone()).await;
            assert_eq!(
                anonymous.status(),
                StatusCode::UNAUTHORIZED,
                "{name} on {backend:?}"
            );
        }

        let interviewer = fx.app.login("ivan@example.org").await;
        let outsider = fx.app.login("hugo@example.org").await;
        let manager = fx.app.login("hana@example.org").await;
        for (who, session, expected) in [
            ("interviewer", &interviewer, StatusCode::FORBIDDEN),
            (
                "hiring manager off the team",
                &outsider,
                StatusCode::NOT_FOUND,
            ),
            ("the role's hiring manager", &manager, StatusCode::OK),
        ] {
            for name in ["list_references", "reference_summary"] {
                let res = fx
                    .app
                    .call_json(name, Some(session), by_candidate.clone())
                    .await;
                assert_eq!(res.status(), expected, "{who}: {name} on {backend:?}");
            }
        }
        let seen = fx.references(&manager).await;
        assert_eq!(seen.requests[0].referee.name, "Rhea Stone");
        assert!(!seen.can_manage);
        // Reading is not managing.
        for session in [&interviewer, &manager] {
            for (name, body) in [
                ("add_referee", &add),
                ("send_reference_invitation", &by_request),
            ] {
                let res = fx.app.call_json(name, Some(session), body.clone()).await;
                assert_eq!(res.status(), StatusCode::FORBIDDEN, "{name} on {backend:?}");
            }
        }
        assert!(fx.references(&fx.recruiter).await.can_manage);
    }
}

#[tokio::test]
async fn ratings_are_combined_only_once_enough_references_answered() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let (_, first) = fx.invited("Rhea Stone", "rhea@acme.example", "Peer").await;
        let (_, second) = fx.invited("Sam Lee", "sam@other.example", "Client").await;
        fx.answer(&first, [2, 0], "").await;
        let one = fx.references(&fx.recruiter).await.aggregate;
        assert_eq!((one.answered, one.threshold), (1, 2), "{backend:?}");
        assert!(
            one.competencies.is_empty(),
            "one referee's ratings must not be readable"
        );

        fx.answer(&second, [4, 5], "").await;
        let res = fx
            .app
            .call_json(
                "reference_summary",
                Some(&fx.recruiter),
                json!({"candidate_id": fx.candidate_id}),
            )
            .await;
        let two: app::model::ReferenceAggregate = res.json().await.unwrap();
        assert_eq!(two.answered, 2);
        let cf = two
            .competencies
            .iter()
            .find(|c| c.competency_id == "customer-focus")
            .unwrap();
        assert_eq!((cf.references, cf.mean), (2, Some(3.0)), "{backend:?}");
        // Teamwork was rated by one referee only ("I can't say" by the other).
        let tw = two
            .competencies
            .iter()
            .find(|c| c.competency_id == "teamwork")
            .unwrap();
        assert_eq!((tw.references, tw.mean), (1, None));
    }
}

#[tokio::test]
async fn the_threshold_is_configurable() {
    let fx = setup(
        &Backend::Sqlite,
        ReferenceConfig {
            reference_threshold: 3,
            ..roomy()
        },
    )
    .await;
    for (name, email) in [("A", "a@one.example"), ("B", "b@two.example")] {
        let (_, token) = fx.invited(name, email, "Peer").await;
        fx.answer(&token, [3, 3], "").await;
    }
    let agg = fx.references(&fx.recruiter).await.aggregate;
    assert_eq!((agg.answered, agg.threshold), (2, 3));
    assert!(agg.competencies.is_empty());
}
