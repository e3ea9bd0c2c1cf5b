//! Home pages as to-do lists: each item appears when there is work and goes
//! away when the work is done, and each person sees only their own lists.

use crate::fixtures::*;
use crate::helpers::*;
use app::model::{DecisionInput, DecisionKind, HomeTodo, Role, ScorecardWrite, TeamRole, TodoKind};
use app::server_fns::home::GetHome;
use app::server_fns::scorecards::SubmitScorecard;
use app::server_fns::summaries::RecordDecision;

const HOUR: i64 = 3_600_000;

async fn home(app: &TestApp, token: &str) -> HomeTodo {
    app.run(token, GetHome {}).await
}

/// The titles of the items in list `kind`; panics if the caller has no
/// such list.
fn titles(todo: &HomeTodo, kind: TodoKind) -> Vec<String> {
    todo.section(kind)
        .unwrap_or_else(|| panic!("no {kind:?} list in {todo:?}"))
        .items
        .iter()
        .map(|i| i.title.clone())
        .collect()
}

async fn submit(app: &TestApp, token: &str, interview_id: &str, key: &str) {
    let content = crate::access_matrix::world::complete_content();
    let write = ScorecardWrite {
        interview_id: interview_id.into(),
        base_version: 0,
        idempotency_key: key.into(),
        content,
    };
    let _ = app.run(token, SubmitScorecard { write }).await;
}

#[tokio::test]
async fn each_list_follows_the_work_from_role_to_decision() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        server::banks::import_shipped(&app.db).await.unwrap();
        let (_, rita) = person(&app, "rita", "Rita Recruiter", Role::Recruiter).await;
        let (hana_id, hana) = person(&app, "hana", "Hana Manager", Role::HiringManager).await;
        let (_, hank) = person(&app, "hank", "Hank Elsewhere", Role::HiringManager).await;
        let (ivan_id, ivan) = person(&app, "ivan", "Ivan Interviewer", Role::Interviewer).await;
        let (ines_id, ines) = person(&app, "ines", "Ines Interviewer", Role::Interviewer).await;
        let r = app.recruiter(&rita);

        // A new role: its guide is to do.
        let role_id = r.role("Care lead").await;
        r.profile(&role_id, &[("customer-focus", 3, 1)]).await;
        r.team(
            &role_id,
            &[
                (hana_id.as_str(), TeamRole::HiringManager),
                (ivan_id.as_str(), TeamRole::Interviewer),
                (ines_id.as_str(), TeamRole::Interviewer),
            ],
        )
        .await;
        let todo = home(&app, &rita).await;
        assert_eq!(titles(&todo, TodoKind::RolesWithoutGuide), ["Care lead"]);
        assert!(
            todo.section(TodoKind::ScorecardsToFinish).is_none(),
            "a recruiter without a seat has no panel lists"
        );
        r.publish(&role_id, panel_guide(&["customer-focus"])).await;
        let cara = r
            .candidate(&role_id, "Cara Candidate", "cara@cand.example")
            .await;
        let dan = r
            .candidate(&role_id, "Dan Candidate", "dan@cand.example")
            .await;
        let todo = home(&app, &rita).await;
        assert!(titles(&todo, TodoKind::RolesWithoutGuide).is_empty());
        assert_eq!(
            titles(&todo, TodoKind::CandidatesToSchedule),
            ["Cara Candidate", "Dan Candidate"]
        );

        // Cara was interviewed 30 hours ago; Dan is interviewed in 2 hours.
        let now = app::db::now_ms();
        let past = r
            .schedule(
                &cara,
                "panel",
                now - 30 * HOUR,
                &[(&ivan_id, &[]), (&ines_id, &[])],
            )
            .await;
        r.schedule(&dan, "panel", now + 2 * HOUR, &[(&ivan_id, &[])])
            .await;
        let todo = home(&app, &rita).await;
        assert!(titles(&todo, TodoKind::CandidatesToSchedule).is_empty());
        let overdue = &todo.section(TodoKind::OverdueScorecards).unwrap().items;
        assert_eq!(overdue.len(), 2, "{overdue:?}");
        assert!(
            overdue
                .iter()
                .all(|i| i.overdue && i.title == "Cara Candidate")
        );
        assert!(
            overdue
                .iter()
                .any(|i| i.detail.starts_with("Ivan Interviewer owes"))
        );

        let todo = home(&app, &ivan).await;
        assert_eq!(
            titles(&todo, TodoKind::ScorecardsToFinish),
            ["Cara Candidate"]
        );
        let owed = &todo.section(TodoKind::ScorecardsToFinish).unwrap().items[0];
        assert!(owed.overdue);
        assert_eq!(owed.href, format!("/interviews/{}", past.interview_id));
        assert_eq!(
            titles(&todo, TodoKind::UpcomingInterviews),
            ["Dan Candidate"]
        );
        assert_eq!(todo.overdue_count(), 1);
        assert!(
            todo.section(TodoKind::RolesWithoutGuide).is_none()
                && todo.section(TodoKind::AwaitingDecision).is_none(),
            "an interviewer sees only their own work"
        );

        // Ivan submits: his item goes, Rita's overdue list shrinks; Hana
        // still waits for Ines.
        submit(&app, &ivan, &past.interview_id, "home-ivan-submit").await;
        let todo = home(&app, &ivan).await;
        assert!(titles(&todo, TodoKind::ScorecardsToFinish).is_empty());
        let todo = home(&app, &rita).await;
        assert_eq!(
            todo.section(TodoKind::OverdueScorecards)
                .unwrap()
                .items
                .len(),
            1
        );
        assert!(titles(&home(&app, &hana).await, TodoKind::AwaitingDecision).is_empty());

        // The panel is complete: the hiring manager decides, from the
        // summary or its PDF; a manager of other roles sees nothing.
        submit(&app, &ines, &past.interview_id, "home-ines-submit").await;
        let todo = home(&app, &hana).await;
        let waiting = &todo.section(TodoKind::AwaitingDecision).unwrap().items;
        assert_eq!(waiting.len(), 1);
        assert_eq!(waiting[0].href, format!("/candidates/{cara}/summary"));
        assert_eq!(
            waiting[0].links[0].href,
            format!("/candidates/{cara}/summary.pdf")
        );
        assert!(titles(&home(&app, &hank).await, TodoKind::AwaitingDecision).is_empty());
        assert!(titles(&home(&app, &rita).await, TodoKind::OverdueScorecards).is_empty());

        let input = DecisionInput {
            candidate_id: cara.clone(),
            decision: DecisionKind::Hire,
            rationale: "Strong on every competency.".into(),
        };
        let _ = app.run(&hana, RecordDecision { input }).await;
        assert!(titles(&home(&app, &hana).await, TodoKind::AwaitingDecision).is_empty());
    }
}

#[tokio::test]
async fn the_home_lists_need_a_session() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let res = app.attempt(None, &GetHome {}).await;
        assert_eq!(
            res.status(),
            reqwest::StatusCode::UNAUTHORIZED,
            "{backend:?}"
        );
    }
}

#[tokio::test]
async fn references_to_follow_up_say_why_and_go_when_answered_or_declined() {
    use app::model::{RefereeInput, Relationship};
    use app::server_fns::referee::RefereeDecline;
    use app::server_fns::references::{AddReferee, SendReferenceInvitation};
    for backend in backends() {
        let app = spawn_app(&backend).await;
        server::banks::import_shipped(&app.db).await.unwrap();
        let (_, rita) = person(&app, "rita", "Rita Recruiter", Role::Recruiter).await;
        let r = app.recruiter(&rita);
        let role_id = r.role("Care lead").await;
        r.profile(&role_id, &[("customer-focus", 3, 1)]).await;
        r.publish(&role_id, panel_guide(&["customer-focus"])).await;
        let cara = r
            .candidate(&role_id, "Cara Candidate", "cara@cand.example")
            .await;
        let input = RefereeInput {
            name: "Lea Referee".into(),
            email: "lea@work.example".into(),
            phone: String::new(),
            relationship: Relationship::Manager,
            months_worked: 24,
        };
        let request_id: String = app
            .run(
                &rita,
                AddReferee {
                    candidate_id: cara.clone(),
                    input,
                },
            )
            .await;
        let pending = |todo: &HomeTodo| {
            todo.section(TodoKind::PendingReferences)
                .unwrap()
                .items
                .clone()
        };
        assert!(
            pending(&home(&app, &rita).await).is_empty(),
            "not invited yet: nothing to follow up"
        );
        let invite = app
            .run(
                &rita,
                SendReferenceInvitation {
                    request_id: request_id.clone(),
                },
            )
            .await;
        let items = pending(&home(&app, &rita).await);
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].title, "Cara Candidate");
        assert!(items[0].detail.contains("Lea Referee"), "{:?}", items[0]);
        assert_eq!(items[0].badge.as_deref(), Some("Sent"));
        assert!(!items[0].overdue);

        // The link is about to expire, then expires.
        let pool = app.raw_pool().await;
        let set_expiry = |at: i64| {
            sqlx::query("UPDATE reference_requests SET expires_at = $1 WHERE id = $2")
                .bind(at)
                .bind(request_id.clone())
                .execute(&pool)
        };
        set_expiry(app::db::now_ms() + HOUR).await.unwrap();
        let items = pending(&home(&app, &rita).await);
        assert_eq!(items[0].badge.as_deref(), Some("Expiring"));
        assert!(items[0].overdue);
        set_expiry(app::db::now_ms() - HOUR).await.unwrap();
        let items = pending(&home(&app, &rita).await);
        assert_eq!(items[0].badge.as_deref(), Some("Expired: send a new link"));

        // A new link, then the referee declines: nothing left to do.
        let invite2 = app
            .run(
                &rita,
                SendReferenceInvitation {
                    request_id: request_id.clone(),
                },
            )
            .await;
        assert_ne!(invite.link, invite2.link);
        let link = invite2.link.expect("no mailer: the link is shown");
        let token = link.rsplit('/').next().unwrap().to_owned();
        let reason = "I only worked with them briefly.".to_owned();
        let _ = app.run_anonymous(RefereeDecline { token, reason }).await;
        assert!(pending(&home(&app, &rita).await).is_empty());
    }
}

/// A long list awaiting a decision shows the first candidates by name, byte
/// by byte as the page sorts them, and counts the rest without reading
/// them.
#[tokio::test]
async fn a_long_list_awaiting_a_decision_shows_the_first_by_name_and_counts_the_rest() {
    use app::model::TODO_SHOWN;
    for backend in backends() {
        let app = spawn_app(&backend).await;
        server::banks::import_shipped(&app.db).await.unwrap();
        let (_, rita) = person(&app, "rita", "Rita Recruiter", Role::Recruiter).await;
        let (_, ada) = person(&app, "ada", "Ada Admin", Role::Admin).await;
        let (ivan_id, _) = person(&app, "ivan", "Ivan Interviewer", Role::Interviewer).await;
        let r = app.recruiter(&rita);
        let role_id = r.role("Care lead").await;
        r.profile(&role_id, &[("customer-focus", 3, 1)]).await;
        r.team(&role_id, &[(ivan_id.as_str(), TeamRole::Interviewer)])
            .await;
        r.publish(&role_id, panel_guide(&["customer-focus"])).await;
        // Added in reverse order of name. A lower-case and an accented
        // initial sort after every capital byte by byte, but among the
        // first in a case-blind locale.
        let mut names: Vec<String> = (0..52)
            .map(|i| format!("Candidate {:02}", 51 - i))
            .collect();
        names.extend(["adam Lower".to_owned(), "Émile Accent".to_owned()]);
        for (i, name) in names.iter().enumerate() {
            let id = r
                .candidate(&role_id, name, &format!("c{i}@cand.example"))
                .await;
            r.schedule(&id, "panel", 1_900_000_000_000, &[(&ivan_id, &[])])
                .await;
        }
        // Every seat submitted: each candidate awaits a decision.
        sqlx::query("UPDATE interview_panel SET submitted_at = 1")
            .execute(&app.raw_pool().await)
            .await
            .unwrap();
        let todo = home(&app, &ada).await;
        let mut first = names.clone();
        first.sort();
        first.truncate(TODO_SHOWN);
        assert_eq!(
            titles(&todo, TodoKind::AwaitingDecision),
            first,
            "{backend:?}"
        );
        let list = todo.section(TodoKind::AwaitingDecision).unwrap();
        assert_eq!(list.more, names.len() - TODO_SHOWN, "{backend:?}");
        assert_eq!(list.overdue, 0);
    }
}
