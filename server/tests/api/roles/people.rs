//! Finding people for a hiring team or a panel: a page at a time, searched
//! by name or email, active accounts only; the pages that pick people list
//! a small organisation whole and offer a search in a larger one.

use super::*;
use crate::fixtures::password_hash;
use app::db::users::{DEFAULT_ORG, NewUser};
use app::model::{PEOPLE_PAGE, PeoplePage};
use app::server_fns::roles::FindPeople;

/// Adds `n` recruiters named "Pat Person 000" onwards, `pat000@crowd.example`.
async fn crowd(app: &TestApp, n: usize) {
    for i in 0..n {
        let (email, name) = (
            format!("pat{i:03}@crowd.example"),
            format!("Pat Person {i:03}"),
        );
        let user = NewUser {
            email: &email,
            name: &name,
            role: Role::Recruiter,
            password_hash: password_hash().await,
        };
        app::db::users::insert_user(&app.db, DEFAULT_ORG, &user)
            .await
            .unwrap();
    }
}

fn find(query: &str) -> FindPeople {
    FindPeople {
        query: query.into(),
    }
}

#[tokio::test]
async fn people_are_found_a_page_at_a_time_by_name_or_email() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let c = cast(&app).await;
        crowd(&app, PEOPLE_PAGE + 5).await;
        let odd = NewUser {
            email: "odd@crowd.example",
            name: "Zoë 100% Under_score",
            role: Role::Recruiter,
            password_hash: password_hash().await,
        };
        app::db::users::insert_user(&app.db, DEFAULT_ORG, &odd)
            .await
            .unwrap();
        assert!(
            app::db::users::set_active(&app.db, DEFAULT_ORG, "iris@example.org", false)
                .await
                .unwrap()
        );
        let names = |page: &PeoplePage| -> Vec<String> {
            page.people.iter().map(|p| p.name.clone()).collect()
        };

        let first: PeoplePage = app.run(&c.recruiter, find("")).await;
        assert_eq!(first.people.len(), PEOPLE_PAGE, "{backend:?}");
        assert!(first.more);
        // Interviewers first (Iris is deactivated), then by name.
        assert_eq!(
            first.people[0].name,
            "ivan",
            "{backend:?}: {:?}",
            names(&first)
        );
        assert!(first.people.iter().all(|p| p.name != "iris"));
        assert_eq!(first.people[1].name, "ada");

        let some = app.run(&c.recruiter, find("  PAT person 05 ")).await;
        let expected: Vec<String> = (50..PEOPLE_PAGE + 5)
            .map(|i| format!("Pat Person {i:03}"))
            .collect();
        assert_eq!((names(&some), some.more), (expected, false), "{backend:?}");
        let by_email = app.run(&c.recruiter, find("pat007@crowd")).await;
        assert_eq!(names(&by_email), ["Pat Person 007"]);
        // What is typed is searched for as typed: no wildcards.
        for query in ["100%", "%", "r_s", "_"] {
            let page = app.run(&c.recruiter, find(query)).await;
            assert_eq!(
                names(&page),
                ["Zoë 100% Under_score"],
                "{query} on {backend:?}"
            );
        }
        let nobody = app.run(&c.recruiter, find("iris")).await;
        assert_eq!((nobody.people.len(), nobody.more), (0, false));

        let long = app
            .attempt(Some(&c.recruiter), &find(&"x".repeat(201)))
            .await;
        assert_eq!(long.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(long.text().await.unwrap().contains("query"));
    }
}

/// The role page's team editor and the candidate page's panel picker list
/// a small organisation whole, and a larger one a page at a time with a
/// search box; the team's members stay listed, deactivated or not.
#[tokio::test]
async fn pages_list_a_small_organisation_whole_and_search_a_large_one() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let c = cast(&app).await;
        let role_id = published_role(&app, &c).await;
        let candidate = app
            .run(
                &c.recruiter,
                add_candidate(&role_id, "Cy Candidate", "cy@example.org"),
            )
            .await;
        // Hana's row in each: her role on the team, her box on the panel.
        let pages = [
            (format!("/roles/{role_id}"), "Part of hana in".to_owned()),
            (
                format!("/candidates/{candidate}"),
                format!("id=\"panel-{}\"", c.ids["hana"]),
            ),
        ];
        for (page, hana) in &pages {
            let html = app
                .get(page, Some(&c.recruiter))
                .await
                .text()
                .await
                .unwrap();
            assert!(!html.contains("Find people"), "{page} on {backend:?}");
            assert!(html.contains(hana), "{page} on {backend:?}");
        }

        crowd(&app, PEOPLE_PAGE + 5).await;
        app::db::users::set_active(&app.db, DEFAULT_ORG, "iris@example.org", false)
            .await
            .unwrap();
        for (page, hana) in &pages {
            let html = app
                .get(page, Some(&c.recruiter))
                .await
                .text()
                .await
                .unwrap();
            assert!(html.contains("Find people"), "{page} on {backend:?}");
            assert!(html.contains(hana), "{page} on {backend:?}");
            assert!(html.contains("Pat Person 000"), "{page} on {backend:?}");
            assert!(!html.contains("Pat Person 054"), "{page} on {backend:?}");
        }
        let team = app
            .get(&pages[0].0, Some(&c.recruiter))
            .await
            .text()
            .await
            .unwrap();
        assert!(team.contains("Part of iris in this role"), "{backend:?}");
    }
}
