//! When reminders fall due, and that none go out once the work is done.

use super::*;
use app::server_fns::references::ListReferences;

#[tokio::test]
async fn reminders_fall_due_on_time_at_most_twice_and_never_after_the_work_is_done() {
    for backend in backends() {
        let w = world(&backend).await;
        let capture = Arc::new(Capture::default());
        let mail = mail(Some(&capture));
        let (lea, _, sent) = w.referee("Lea Referee", "lea").await;
        let (_, rex_token, _) = w.referee("Rex Referee", "rex").await;
        let (_, dee_token, _) = w.referee("Dee Referee", "dee").await;
        let (eve, _, _) = w.referee("Eve Referee", "eve").await;

        // Scorecards: 18 hours after the interview ends, once, and not to
        // Ivan, who submitted.
        let due = w.ended() + 18 * HOUR;
        assert_eq!(round(&w.app, &mail, due - 60_000).await.recorded(), 0);
        w.submit_scorecard(&w.ivan).await;
        let done = round(&w.app, &mail, due).await;
        assert_eq!(
            (done.sent, done.manual, done.failed),
            (1, 0, 0),
            "{backend:?}"
        );
        let mails = capture.mails();
        assert_eq!(mails[0].to, "ines@example.org");
        assert!(
            mails[0].subject.contains("Cara Candidate"),
            "{:?}",
            mails[0]
        );
        let link = format!("https://hire.example.org/interviews/{}", w.interview_id);
        assert!(mails[0].body.contains(&link), "{}", mails[0].body);
        assert_eq!(round(&w.app, &mail, due + 2 * DAY).await.recorded(), 0);
        w.submit_scorecard(&w.ines).await;

        // Referees: Rex answered, Dee declined, Eve's link is about to
        // expire; only Lea is reminded, three days after her invitation.
        w.answer(&rex_token).await;
        w.decline(&dee_token).await;
        let pool = w.app.raw_pool().await;
        sqlx::query("UPDATE reference_requests SET expires_at = $1 WHERE id = $2")
            .bind(sent + 3 * DAY + 6 * HOUR)
            .bind(&eve)
            .execute(&pool)
            .await
            .unwrap();
        let first = sent + 3 * DAY;
        assert_eq!(round(&w.app, &mail, first - 60_000).await.recorded(), 0);
        assert_eq!(round(&w.app, &mail, first).await.sent, 1, "{backend:?}");
        let mails = capture.mails();
        let to_lea = mails.last().unwrap();
        assert_eq!(to_lea.to, "lea@work.example");
        assert_eq!(to_lea.reply_to.as_deref(), Some("rita@example.org"));
        assert!(to_lea.body.contains("Reference request: Cara Candidate"));
        assert!(!to_lea.body.contains("/r/"), "no link in a reminder");

        // The second three days after the first, then no more.
        assert_eq!(round(&w.app, &mail, first + 2 * DAY).await.recorded(), 0);
        assert_eq!(round(&w.app, &mail, first + 3 * DAY).await.sent, 1);
        assert!(
            capture
                .mails()
                .last()
                .unwrap()
                .body
                .contains("last reminder")
        );
        assert_eq!(
            round(&w.app, &mail, first + 3 * DAY + 12 * HOUR)
                .await
                .recorded(),
            0
        );
        assert_eq!(capture.mails().len(), 3, "{backend:?}");

        // What the recruiter sees: Lea reminded twice of two, mailed; the
        // outbox keeps both reminders.
        let refs = w
            .app
            .run(
                &w.rita,
                ListReferences {
                    candidate_id: w.cara.clone(),
                },
            )
            .await;
        let lea_view = refs.requests.iter().find(|r| r.id == lea).unwrap();
        let note = lea_view.reminded.clone().expect("Lea was reminded");
        assert_eq!((note.count, note.of, note.mailed), (2, 2, true));
        assert_eq!(note.at, first + 3 * DAY);
        assert!(note.label().contains("(2 of 2)"));
        assert!(
            refs.requests
                .iter()
                .filter(|r| r.id != lea)
                .all(|r| r.reminded.is_none())
        );
        let outbox =
            app::db::outbox::list_for_subject(&w.app.db, app::db::users::DEFAULT_ORG, &lea)
                .await
                .unwrap();
        let reminders: Vec<_> = outbox
            .iter()
            .filter(|m| m.subject.starts_with("Reminder"))
            .collect();
        assert_eq!(reminders.len(), 2);
        assert!(reminders.iter().all(|m| m.status == "sent"));
    }
}

#[tokio::test]
async fn interviews_without_a_time_or_long_past_get_no_reminder() {
    for backend in backends() {
        let w = world(&backend).await;
        let capture = Arc::new(Capture::default());
        let mail = mail(Some(&capture));
        // A month after the interview nobody is nudged about it any more.
        let stale = w.ended() + app::db::reminders::STALE_AFTER_MS + HOUR;
        assert_eq!(round(&w.app, &mail, stale).await.recorded(), 0);
        let pool = w.app.raw_pool().await;
        sqlx::query("UPDATE interviews SET scheduled_at = NULL WHERE id = $1")
            .bind(&w.interview_id)
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(
            round(&w.app, &mail, w.ended() + 2 * DAY).await.recorded(),
            0
        );
        assert!(capture.mails().is_empty(), "{backend:?}");
    }
}
