//! Without mail, reminders wait on the recruiters' home page, with whom to
//! reach and what to say, until the work is done.

use super::*;
use app::model::{HomeTodo, TodoItem, TodoKind};
use app::server_fns::candidates::GetCandidate;
use app::server_fns::home::GetHome;
use app::server_fns::references::ListReferences;

fn to_pass_on(todo: &HomeTodo) -> Vec<TodoItem> {
    todo.section(TodoKind::RemindersToPassOn)
        .map(|s| s.items.clone())
        .unwrap_or_default()
}

#[tokio::test]
async fn without_mail_reminders_wait_on_the_recruiters_home_until_the_work_is_done() {
    for backend in backends() {
        let w = world(&backend).await;
        let mail = mail(None);
        let (lea, lea_token, sent) = w.referee("Lea Referee", "lea").await;
        let home = |session: String| {
            let app = &w.app;
            async move { app.run(&session, GetHome {}).await }
        };
        assert!(to_pass_on(&home(w.rita.clone()).await).is_empty());

        let done = round(&w.app, &mail, w.ended() + 18 * HOUR).await;
        assert_eq!((done.sent, done.manual), (0, 2), "{backend:?}");
        let items = to_pass_on(&home(w.rita.clone()).await);
        assert_eq!(items.len(), 2, "{items:?}");
        assert!(items.iter().all(|i| i.title == "Cara Candidate"
            && i.badge.as_deref() == Some("Remind by hand")
            && i.href == format!("/candidates/{}", w.cara)));
        assert!(items.iter().any(|i| {
            i.detail
                .contains("remind Ivan Interviewer (ivan@example.org) to submit")
        }));
        // The interviewer sees that they were reminded; an interviewer
        // has no list of others' reminders.
        let ivan_home = home(w.ivan.clone()).await;
        assert!(to_pass_on(&ivan_home).is_empty());
        let owed = &ivan_home
            .section(TodoKind::ScorecardsToFinish)
            .unwrap()
            .items;
        assert!(owed[0].detail.contains("reminded"), "{owed:?}");
        // The candidate page shows who was reminded when.
        let page = w
            .app
            .run(
                &w.rita,
                GetCandidate {
                    candidate_id: w.cara.clone(),
                },
            )
            .await;
        assert_eq!(page.panel_reminders.len(), 2);
        assert!(page.panel_reminders.iter().all(|r| !r.note.mailed));

        let done = round(&w.app, &mail, sent + 3 * DAY).await;
        assert_eq!(done.manual, 1, "{backend:?}");
        let items = to_pass_on(&home(w.rita.clone()).await);
        let to_lea = items
            .iter()
            .find(|i| {
                i.detail
                    .contains("remind referee Lea Referee (lea@work.example)")
            })
            .unwrap_or_else(|| panic!("{items:?}"));
        assert!(to_lea.detail.contains("reminder 1 of 2"), "{to_lea:?}");
        let refs = w
            .app
            .run(
                &w.rita,
                ListReferences {
                    candidate_id: w.cara.clone(),
                },
            )
            .await;
        let note = refs.requests[0].reminded.clone().unwrap();
        assert_eq!((note.count, note.mailed), (1, false));
        let outbox =
            app::db::outbox::list_for_subject(&w.app.db, app::db::users::DEFAULT_ORG, &lea)
                .await
                .unwrap();
        assert_eq!(outbox.last().unwrap().status, "manual");

        // Each item goes when its work is done.
        w.submit_scorecard(&w.ivan).await;
        assert_eq!(to_pass_on(&home(w.rita.clone()).await).len(), 2);
        w.decline(&lea_token).await;
        assert_eq!(to_pass_on(&home(w.rita.clone()).await).len(), 1);
        w.submit_scorecard(&w.ines).await;
        let todo = home(w.rita.clone()).await;
        assert!(
            todo.section(TodoKind::RemindersToPassOn).is_none(),
            "the list shows only while it has items"
        );
        // Nothing more is due for done work.
        assert_eq!(round(&w.app, &mail, sent + 6 * DAY).await.recorded(), 0);
    }
}
