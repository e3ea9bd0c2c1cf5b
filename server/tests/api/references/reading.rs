//! Who reads references, and combining their ratings once enough answered.

use super::*;
use app::server_fns::references::{
    AddReferee, ListReferences, ReferenceQuestions, ReferenceSummary, SendReferenceInvitation,
};

#[tokio::test]
async fn only_recruiters_and_the_roles_hiring_managers_see_references() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let id = fx
            .add_referee("Rhea Stone", "rhea@acme.example", Relationship::Peer)
            .await;
        let add = AddReferee {
            candidate_id: fx.candidate_id.clone(),
            input: RefereeInput {
                relationship: Relationship::Peer,
                months_worked: 1,
                ..referee_input("X", "x@y.example", "")
            },
        };
        let invite = SendReferenceInvitation {
            request_id: id.clone(),
        };
        let questions = ReferenceQuestions {
            request_id: id.clone(),
        };
        let summary = ReferenceSummary {
            candidate_id: fx.candidate_id.clone(),
        };

        let anonymous = [
            (
                ListReferences::PATH,
                fx.app.attempt(None, &fx.by_candidate()).await,
            ),
            (ReferenceSummary::PATH, fx.app.attempt(None, &summary).await),
            (AddReferee::PATH, fx.app.attempt(None, &add).await),
            (
                SendReferenceInvitation::PATH,
                fx.app.attempt(None, &invite).await,
            ),
            (
                ReferenceQuestions::PATH,
                fx.app.attempt(None, &questions).await,
            ),
        ];
        for (name, anonymous) in anonymous {
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
            let reads = [
                (
                    ListReferences::PATH,
                    fx.app.attempt(Some(session), &fx.by_candidate()).await,
                ),
                (
                    ReferenceSummary::PATH,
                    fx.app.attempt(Some(session), &summary).await,
                ),
            ];
            for (name, res) in reads {
                assert_eq!(res.status(), expected, "{who}: {name} on {backend:?}");
            }
        }
        let seen = fx.references(&manager).await;
        assert_eq!(seen.requests[0].referee.name, "Rhea Stone");
        assert!(!seen.can_manage);
        // Reading is not managing.
        for session in [&interviewer, &manager] {
            let writes = [
                (AddReferee::PATH, fx.app.attempt(Some(session), &add).await),
                (
                    SendReferenceInvitation::PATH,
                    fx.app.attempt(Some(session), &invite).await,
                ),
            ];
            for (name, res) in writes {
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
        let (_, first) = fx
            .invited("Rhea Stone", "rhea@acme.example", Relationship::Peer)
            .await;
        let (_, second) = fx
            .invited("Sam Lee", "sam@other.example", Relationship::Client)
            .await;
        fx.answer(&first, [2, 0], "").await;
        let one = fx.references(&fx.recruiter).await.aggregate;
        assert_eq!((one.answered, one.threshold), (1, 2), "{backend:?}");
        assert!(
            one.competencies.is_empty(),
            "one referee's ratings must not be readable"
        );

        fx.answer(&second, [4, 5], "").await;
        let summary = ReferenceSummary {
            candidate_id: fx.candidate_id.clone(),
        };
        let two = fx.app.run(&fx.recruiter, summary).await;
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
        let (_, token) = fx.invited(name, email, Relationship::Peer).await;
        fx.answer(&token, [3, 3], "").await;
    }
    let agg = fx.references(&fx.recruiter).await.aggregate;
    assert_eq!((agg.answered, agg.threshold), (2, 3));
    assert!(agg.competencies.is_empty());
}
