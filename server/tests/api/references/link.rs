//! The one-time link's life: answering once, reading without using it up,
//! concurrent submissions, resends, expiry, and no usable token at rest.

use super::*;
use crate::fixtures::answer;
use app::server_fns::referee::RefereeSaveDraft;

#[tokio::test]
async fn a_referee_answers_once_and_the_link_then_only_says_thank_you() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let id = fx
            .add_referee("Rhea Stone", "rhea@acme.example", Relationship::Manager)
            .await;
        let invite = fx.invite(&id).await;
        assert!(
            !invite.emailed && invite.mail_error.is_none(),
            "{backend:?}"
        );
        let link = invite.link.unwrap();
        assert!(link.starts_with(&fx.app.url("/r/")), "{link}");
        let token = token_of(&link);
        assert!(token.len() == 64 && invite.message.contains(&link));

        // The page works without an account and sends no referrer.
        let page = fx.app.get(&format!("/r/{token}"), None).await;
        assert_eq!(page.status(), StatusCode::OK, "{backend:?}");
        assert_eq!(page.headers()["referrer-policy"], "no-referrer");
        let html = page.text().await.unwrap();
        assert!(
            html.contains("Reference for Zoë Park") && html.contains("rita@example.org"),
            "{backend:?}"
        );

        let form = fx.form(&token).await;
        assert_eq!(
            (form.state, form.consented),
            (RefereeFormState::Open, false)
        );
        assert_eq!(form.questions.len(), 2);
        assert!(
            form.questions
                .iter()
                .all(|q| q.html.contains("Zoë Park") && !q.html.contains("{candidate}"))
        );
        assert!(form.questions.iter().all(|q| q.anchors.len() == 5));
        // Referees rate against what a colleague saw, written in each bank's
        // Reference levels, never against the interview anchors.
        for q in &form.questions {
            let bank = app::db::banks::find_competency(&fx.app.db, DEFAULT_ORG, &q.competency_id)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(bank.reference_anchors.len(), 5, "{}", q.competency_id);
            for (shown, written) in q.anchors.iter().zip(&bank.reference_anchors) {
                let first_words: String = written.text.chars().take(40).collect();
                assert!(shown.html.contains(&first_words), "{}", shown.html);
                assert!(
                    bank.anchors.iter().all(|a| {
                        let interview: String = a.text.chars().take(40).collect();
                        !shown.html.contains(&interview)
                    }),
                    "{}",
                    shown.html
                );
            }
        }

        // Answers need consent first.
        let answers = answers_for(&form, [4, 0], "Calm with angry customers.");
        let early = fx.referee(submit(&token, answers.clone())).await;
        assert_eq!(early.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error_field(&early.text().await.unwrap()), "consent");

        let consent = fx.referee(give_consent(&token)).await;
        assert_eq!(consent.status(), StatusCode::OK);
        let partial = vec![answer(&form.questions[0].id, Some(4), "Draft")];
        let draft = RefereeSaveDraft {
            token: token.clone(),
            answers: partial.clone(),
        };
        let draft = fx.referee(draft).await;
        assert_eq!(draft.status(), StatusCode::OK);
        let reopened = fx.form(&token).await;
        assert!(
            reopened.consented && reopened.draft[0].text == "Draft",
            "{backend:?}"
        );

        // An incomplete set names the question at fault.
        let incomplete = fx.referee(submit(&token, partial)).await;
        assert_eq!(
            error_field(&incomplete.text().await.unwrap()),
            format!("answers.{}.rating", form.questions[1].id)
        );

        let submitted = fx.referee(submit(&token, answers.clone())).await;
        assert_eq!(submitted.status(), StatusCode::OK, "{backend:?}");

        let after = fx.form(&token).await;
        assert_eq!(after.state, RefereeFormState::Submitted);
        assert!(
            after.questions.is_empty() && after.draft.is_empty(),
            "answers cannot be read back"
        );
        let again = fx.referee(submit(&token, answers)).await;
        assert_eq!(again.status(), StatusCode::CONFLICT);
        let thanks = fx
            .app
            .get(&format!("/r/{token}"), None)
            .await
            .text()
            .await
            .unwrap();
        assert!(thanks.contains("Thank you") && !thanks.contains("Calm with angry customers"));

        let refs = fx.references(&fx.recruiter).await;
        let r = &refs.requests[0];
        assert_eq!(r.status, ReferenceStatus::Submitted, "{backend:?}");
        assert_eq!(r.answers.len(), 2);
        assert_eq!(
            (r.answers[0].answer.rating, r.answers[1].answer.cant_say),
            (Some(4), true)
        );
        assert_eq!(r.answers[0].question.competency_id, "customer-focus");
    }
}

#[tokio::test]
async fn reading_the_link_never_uses_it_up() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let (_, token) = fx
            .invited("Rhea Stone", "rhea@acme.example", Relationship::Peer)
            .await;
        let url = fx.app.url(&format!("/r/{token}"));
        for _ in 0..3 {
            let head = client().head(&url).send().await.unwrap();
            assert_eq!(head.status(), StatusCode::OK, "{backend:?}");
            assert_eq!(head.headers()["referrer-policy"], "no-referrer");
        }
        // Mail scanners send HEAD: that is not an opening.
        assert_eq!(
            fx.references(&fx.recruiter).await.requests[0].status,
            ReferenceStatus::Sent
        );
        for _ in 0..3 {
            assert_eq!(
                fx.app.get(&format!("/r/{token}"), None).await.status(),
                StatusCode::OK
            );
            assert_eq!(fx.form(&token).await.state, RefereeFormState::Open);
        }
        assert_eq!(
            fx.references(&fx.recruiter).await.requests[0].status,
            ReferenceStatus::Opened
        );
        assert_eq!(
            fx.answer(&token, [3, 3], "").await.status(),
            StatusCode::OK,
            "{backend:?}"
        );
    }
}

#[tokio::test]
async fn fifty_concurrent_submissions_are_accepted_exactly_once() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let (_, token) = fx
            .invited("Rhea Stone", "rhea@acme.example", Relationship::Peer)
            .await;
        let consent = fx.referee(give_consent(&token)).await;
        assert_eq!(consent.status(), StatusCode::OK);
        let answers = answers_for(&fx.form(&token).await, [5, 4], "Great");
        let url = fx.app.url(RefereeSubmit::PATH);
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let (url, body) = (url.clone(), submit(&token, answers.clone()));
                tokio::spawn(async move {
                    client()
                        .post(url)
                        .json(&body)
                        .send()
                        .await
                        .unwrap()
                        .status()
                })
            })
            .collect();
        let mut statuses = Vec::new();
        for task in tasks {
            statuses.push(task.await.unwrap());
        }
        let accepted = statuses.iter().filter(|s| **s == StatusCode::OK).count();
        let refused = statuses
            .iter()
            .filter(|s| **s == StatusCode::CONFLICT)
            .count();
        assert_eq!((accepted, refused), (1, 49), "{backend:?}: {statuses:?}");
        let refs = fx.references(&fx.recruiter).await;
        assert_eq!(refs.requests[0].status, ReferenceStatus::Submitted);
    }
}

#[tokio::test]
async fn a_resend_invalidates_the_old_link() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let (id, old) = fx
            .invited("Rhea Stone", "rhea@acme.example", Relationship::Peer)
            .await;
        let new = token_of(&fx.invite(&id).await.link.unwrap());
        assert_ne!(old, new);
        let stale = fx.referee(load_form(&old)).await;
        assert_eq!(stale.status(), StatusCode::NOT_FOUND, "{backend:?}");
        let page = fx.app.get(&format!("/r/{old}"), None).await;
        assert_eq!(page.status(), StatusCode::NOT_FOUND);
        assert!(
            page.text()
                .await
                .unwrap()
                .contains("This link does not work")
        );
        let consent = fx.referee(give_consent(&old)).await;
        assert_eq!(consent.status(), StatusCode::NOT_FOUND);
        assert_eq!(fx.form(&new).await.state, RefereeFormState::Open);
        assert_eq!(fx.references(&fx.recruiter).await.requests[0].send_count, 2);
        // Nonsense tokens are simply not found.
        for bad in ["x", &"g".repeat(64), ""] {
            let res = fx.referee(load_form(bad)).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{bad:?}");
        }
    }
}

#[tokio::test]
async fn an_expired_link_refuses_answers_and_shows_as_overdue() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let (_, token) = fx
            .invited("Rhea Stone", "rhea@acme.example", Relationship::Peer)
            .await;
        let pool = fx.app.raw_pool().await;
        sqlx::query("UPDATE reference_requests SET expires_at = 1")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;

        let page = fx.app.get(&format!("/r/{token}"), None).await;
        assert_eq!(page.status(), StatusCode::GONE, "{backend:?}");
        assert!(page.text().await.unwrap().contains("This link has expired"));
        let form = fx.form(&token).await;
        assert_eq!(form.state, RefereeFormState::Expired);
        assert!(form.questions.is_empty());
        let consent = fx.referee(give_consent(&token)).await;
        assert_eq!(consent.status(), StatusCode::CONFLICT);
        let refs = fx.references(&fx.recruiter).await;
        assert_eq!(
            (refs.requests[0].status, refs.requests[0].overdue),
            (ReferenceStatus::Expired, true)
        );
    }
}

#[tokio::test]
async fn the_database_holds_no_usable_token() {
    for backend in backends() {
        let fx = setup(&backend, roomy()).await;
        let (_, token) = fx
            .invited("Rhea Stone", "rhea@acme.example", Relationship::Peer)
            .await;
        fx.answer(&token, [2, 3], "Fine").await;
        let pool = fx.app.raw_pool().await;
        let hash: String = sqlx::query_scalar("SELECT token_hash FROM reference_requests")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(hash, app::db::ids::token_hash(&token));
        for table in ["reference_requests", "outbox", "audit_log", "rate_limits"] {
            let rows = sqlx::query(&format!("SELECT * FROM {table}"))
                .fetch_all(&pool)
                .await
                .unwrap();
            for row in rows {
                use sqlx::Row;
                for i in 0..row.len() {
                    if let Ok(Some(text)) = row.try_get::<Option<String>, _>(i) {
                        assert!(
                            !text.contains(&token),
                            "{backend:?}: {table} holds the token"
                        );
                    }
                }
            }
        }
        let outbox = app::db::outbox::list_for_subject(
            &fx.app.db,
            DEFAULT_ORG,
            &fx.references(&fx.recruiter).await.requests[0].id,
        )
        .await
        .unwrap();
        assert_eq!(outbox.len(), 1);
        assert_eq!(outbox[0].status, "manual");
        assert!(
            outbox[0].body.contains("[one-time link withheld]"),
            "{}",
            outbox[0].body
        );
        pool.close().await;
    }
}
