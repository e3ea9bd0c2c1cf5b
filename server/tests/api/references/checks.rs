//! Fraud signals and their reviews, and phone checks on the same questions.

use super::*;
use app::model::PhoneCheckInput;
use app::model::TodoKind;
use app::server_fns::home::GetHome;
use app::server_fns::references::{RecordPhoneCheck, ReferenceQuestions, ReviewReferenceSignal};

/// What the recruiter's home lists under "signals to review": each item's
/// title and detail.
async fn signals_to_review(fx: &Fixture) -> Vec<(String, String)> {
    let todo = fx.app.run(&fx.recruiter, GetHome {}).await;
    todo.section(TodoKind::SignalsToReview)
        .map(|s| {
            s.items
                .iter()
                .map(|i| (i.title.clone(), i.detail.clone()))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn fraud_signals_are_explained_and_can_be_reviewed() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let (_, colleague) = fx
            .invited("Cole Dean", "cole@cand.example", Relationship::Peer)
            .await;
        let (_, boss) = fx
            .invited("Bo Marsh", "bo.marsh@gmail.com", Relationship::Manager)
            .await;
        // Both answer from this test's one address, and far too fast.
        fx.answer(
            &colleague,
            [4, 4],
            &"A long and detailed answer. ".repeat(20),
        )
        .await;
        fx.answer(&boss, [5, 5], "").await;

        let refs = fx.references(&fx.recruiter).await;
        let kinds: Vec<SignalKind> = refs.signals.iter().map(|s| s.kind).collect();
        for kind in [
            SignalKind::SameAddress,
            SignalKind::CandidateDomain,
            SignalKind::FreeMailManager,
            SignalKind::FastCompletion,
        ] {
            assert!(
                kinds.contains(&kind),
                "{kind:?} missing on {backend:?}: {kinds:?}"
            );
        }
        assert!(
            refs.signals
                .iter()
                .all(|s| !s.explanations.is_empty() && s.review.is_none())
        );
        let same = refs
            .signals
            .iter()
            .find(|s| s.kind == SignalKind::SameAddress)
            .unwrap();
        assert_eq!(same.request_ids.len(), 2);
        // Nothing is decided: both references stand.
        assert!(
            refs.requests
                .iter()
                .all(|r| r.status == ReferenceStatus::Submitted)
        );

        // The recruiter's home counts the signals nobody has reviewed yet.
        let open = refs.signals.len();
        assert_eq!(
            signals_to_review(&fx).await,
            [(
                "Zoë Park".to_owned(),
                format!("Support Lead · {open} signals to review")
            )],
            "{backend:?}"
        );

        let fx = &fx;
        let review = |key: &str, note: &str| {
            let review = ReviewReferenceSignal {
                candidate_id: fx.candidate_id.clone(),
                signal_key: key.into(),
                note: note.into(),
            };
            async move { fx.app.attempt(Some(&fx.recruiter), &review).await }
        };
        assert_eq!(
            error_field(&review(&same.key, "  ").await.text().await.unwrap()),
            "note"
        );
        assert_eq!(
            error_field(&review("made-up", "ok").await.text().await.unwrap()),
            "signal"
        );
        assert_eq!(
            review(&same.key, "Both work at Acme's office.")
                .await
                .status(),
            StatusCode::OK
        );
        let manager = fx.app.login("hana@example.org").await;
        let by_manager = ReviewReferenceSignal {
            candidate_id: fx.candidate_id.clone(),
            signal_key: same.key.clone(),
            note: "x".into(),
        };
        let as_manager = fx.app.attempt(Some(&manager), &by_manager).await;
        assert_eq!(as_manager.status(), StatusCode::FORBIDDEN);

        let after = fx.references(&fx.recruiter).await;
        let reviewed = after
            .signals
            .iter()
            .find(|s| s.key == same.key)
            .unwrap()
            .review
            .clone()
            .unwrap();
        assert_eq!(reviewed.note, "Both work at Acme's office.", "{backend:?}");
        assert_eq!(reviewed.reviewed_by, "rita@example.org");
        let left = signals_to_review(fx).await;
        assert_eq!(left.len(), 1, "{backend:?}: {left:?}");
        assert!(
            left[0]
                .1
                .ends_with(&format!("{} signals to review", open - 1)),
            "{backend:?}: {left:?}"
        );
    }
}

#[tokio::test]
async fn a_phone_check_is_recorded_on_the_same_questions_and_closes_the_link() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let (id, token) = fx
            .invited("Rhea Stone", "rhea@acme.example", Relationship::Manager)
            .await;
        let request_id = id.clone();
        let questions = fx
            .app
            .run(&fx.recruiter, ReferenceQuestions { request_id })
            .await;
        assert_eq!(questions.len(), 2);
        // The phone form shows the referee anchors, as the referee's page does.
        let form = fx.form(&token).await;
        assert_eq!(
            questions.iter().map(|q| &q.anchors).collect::<Vec<_>>(),
            form.questions
                .iter()
                .map(|q| &q.anchors)
                .collect::<Vec<_>>()
        );
        assert!(
            questions[0].anchors[0].html.contains("You saw"),
            "{:?}",
            questions[0].anchors
        );
        let answers: Vec<ReferenceAnswer> = questions
            .iter()
            .map(|q| answer(&q.id, Some(3), "Said so on the phone"))
            .collect();
        let fx = &fx;
        let record = |called_at: &str| {
            let check = RecordPhoneCheck {
                request_id: id.clone(),
                input: PhoneCheckInput {
                    called_by: "Rita".into(),
                    called_at: called_at.into(),
                    answers: answers.clone(),
                },
            };
            async move { fx.app.attempt(Some(&fx.recruiter), &check).await }
        };
        assert_eq!(
            error_field(&record("yesterday").await.text().await.unwrap()),
            "called_at"
        );
        assert_eq!(
            record("2025-03-07T14:05").await.status(),
            StatusCode::OK,
            "{backend:?}"
        );
        assert_eq!(record("").await.status(), StatusCode::CONFLICT);

        let r = fx.references(&fx.recruiter).await.requests.remove(0);
        assert_eq!(r.status, ReferenceStatus::Submitted);
        let phone = r.phone.unwrap();
        assert_eq!(
            (phone.called_by.as_str(), phone.called_at),
            ("Rita", 1_741_356_300_000)
        );
        assert_eq!(r.answers.len(), 2);
        assert_eq!(fx.form(&token).await.state, RefereeFormState::Submitted);
    }
}
