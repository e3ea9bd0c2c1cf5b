//! Several app servers on one database: each reminder is recorded and sent
//! once, however many run the round at the same moment.

use super::*;
use app::db::users::DEFAULT_ORG;
use server::config::ServeConfig;

#[tokio::test]
async fn two_app_servers_running_the_round_at_once_send_each_reminder_once() {
    for backend in backends() {
        let w = world(&backend).await;
        let other = serve_on(&w.app.database_url, &ServeConfig::default()).await;
        let (lea, _, _) = w.referee("Lea Referee", "lea").await;
        // Just after both invitations: both are due from then on.
        let (max, _, sent) = w.referee("Max Referee", "max").await;
        let (first, second) = (Arc::new(Capture::default()), Arc::new(Capture::default()));
        let (mail_a, mail_b) = (mail(Some(&first)), mail(Some(&second)));
        let settings = ReminderSettings::default();
        let mut recorded = 0;
        // Each moment twice, as a later round on either server would.
        for now in [
            w.ended() + 18 * HOUR,
            w.ended() + 18 * HOUR,
            sent + 3 * DAY,
            sent + 3 * DAY,
            sent + 6 * DAY,
            sent + 6 * DAY,
        ] {
            let run = |db: &app::db::Db, mail: &ReferenceSettings| {
                let (db, mail) = (db.clone(), mail.clone());
                tokio::spawn(async move {
                    app::services::reminders::run(&db, &mail, &settings, now).await
                })
            };
            let (a1, b1, a2, b2) = (
                run(&w.app.db, &mail_a),
                run(&other.db, &mail_b),
                run(&w.app.db, &mail_a),
                run(&other.db, &mail_b),
            );
            for done in [a1, b1, a2, b2] {
                recorded += done.await.unwrap().unwrap().recorded();
            }
        }
        let mut mails: Vec<(String, String)> = first
            .mails()
            .into_iter()
            .chain(second.mails())
            .map(|m| (m.to, m.body))
            .collect();
        // Two scorecards (Ivan, Ines) and two reminders to each referee.
        assert_eq!(mails.len(), 6, "{backend:?}: {mails:?}");
        assert_eq!(recorded, 6);
        mails.sort();
        mails.dedup();
        assert_eq!(mails.len(), 6, "no message twice");
        for person in ["ivan@example.org", "ines@example.org"] {
            assert_eq!(mails.iter().filter(|(to, _)| to == person).count(), 1);
        }
        for person in ["lea@work.example", "max@work.example"] {
            assert_eq!(mails.iter().filter(|(to, _)| to == person).count(), 2);
        }
        let rows = app::db::reminders::for_candidate(&w.app.db, DEFAULT_ORG, &w.cara)
            .await
            .unwrap();
        assert_eq!(rows.len(), 6);
        assert!(rows.iter().all(|r| r.status == "sent"));
        for request in [&lea, &max] {
            let outbox = app::db::outbox::list_for_subject(&w.app.db, DEFAULT_ORG, request)
                .await
                .unwrap();
            assert_eq!(
                outbox
                    .iter()
                    .filter(|m| m.subject.starts_with("Reminder"))
                    .count(),
                2
            );
        }
    }
}

#[tokio::test]
async fn the_lease_lets_one_server_work_per_round() {
    for backend in backends() {
        let w = world(&backend).await;
        let other = serve_on(&w.app.database_url, &ServeConfig::default()).await;
        let every = std::time::Duration::from_secs(60);
        let settings = ReminderSettings::default();
        let mail = mail(None);
        let a = server::housekeeping::reminders_once(&w.app.db, "a", every, &mail, &settings)
            .await
            .unwrap();
        let b = server::housekeeping::reminders_once(&other.db, "b", every, &mail, &settings)
            .await
            .unwrap();
        assert!(a.is_some() && b.is_none(), "{backend:?}");
    }
}
