//! Question banks: importing them and browsing the library.

use crate::helpers::*;
use app::model::{CompetencyOutline, QuestionFilter, QuestionHit, RenderedCompetency, Role};
use app::server_fns::library::{GetCompetency, ListCompetencies, SearchLibrary};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;

fn competency(id: &str) -> GetCompetency {
    GetCompetency { id: id.into() }
}

async fn import_shipped(app: &TestApp) -> app::db::banks::ImportReport {
    server::banks::import_shipped(&app.db).await.unwrap()
}

#[tokio::test]
async fn importing_the_same_banks_twice_changes_nothing() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let first = import_shipped(&app).await;
        assert_eq!(
            first.added.len(),
            server::banks::SHIPPED.len(),
            "{backend:?}"
        );
        let second = import_shipped(&app).await;
        assert!(
            second.added.is_empty() && second.changed.is_empty(),
            "{backend:?}: {second:?}"
        );
        assert_eq!(second.unchanged.len(), server::banks::SHIPPED.len());
    }
}

#[tokio::test]
async fn an_edited_bank_is_reported_as_changed() {
    let app = spawn_app(&Backend::Sqlite).await;
    import_shipped(&app).await;
    let mut banks = server::banks::shipped().unwrap();
    banks.retain(|b| b.competency.id == "teamwork");
    banks[0].competency.name = "Teamwork and Collaboration".into();
    banks[0].content_hash = "edited".into();
    let report = server::banks::import(&app.db, &banks).await.unwrap();
    assert_eq!(report.changed, vec!["teamwork".to_owned()]);
    let stored = app::db::banks::find_competency(&app.db, "default", "teamwork")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.name, "Teamwork and Collaboration");
}

#[tokio::test]
async fn recruiters_find_every_customer_focus_question() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        import_shipped(&app).await;
        app.add_user("rita@example.org", Role::Recruiter).await;
        let token = app.login("rita@example.org").await;

        let filter = QuestionFilter {
            competency_id: Some("customer-focus".into()),
            ..Default::default()
        };
        let res = app.attempt(Some(&token), &SearchLibrary { filter }).await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?}");
        let hits: Vec<QuestionHit> = res.json().await.unwrap();
        let bank = server::banks::shipped()
            .unwrap()
            .into_iter()
            .find(|b| b.competency.id == "customer-focus")
            .unwrap();
        let expected =
            bank.competency.interview_questions.len() + bank.competency.reference_questions.len();
        assert_eq!(hits.len(), expected, "{backend:?}");
        assert!(hits.iter().all(|h| h.competency_id == "customer-focus"));
        assert!(hits.iter().filter(|h| h.kind == "reference").count() >= 4);
    }
}

#[tokio::test]
async fn library_filters_combine() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        import_shipped(&app).await;
        app.add_user("hana@example.org", Role::HiringManager).await;
        let token = app.login("hana@example.org").await;
        let (app, token) = (&app, token.as_str());
        let search = move |filter: QuestionFilter| app.run(token, SearchLibrary { filter });

        let situational = search(QuestionFilter {
            kind: Some("situational".into()),
            ..Default::default()
        })
        .await;
        assert!(
            !situational.is_empty() && situational.iter().all(|h| h.kind == "situational"),
            "{backend:?}"
        );

        let banks = server::banks::shipped().unwrap();
        let cf = &banks
            .iter()
            .find(|b| b.competency.id == "customer-focus")
            .unwrap()
            .competency;
        let element = &cf.key_elements[0].id;
        let by_element = search(QuestionFilter {
            key_element_id: Some(element.clone()),
            ..Default::default()
        })
        .await;
        assert!(!by_element.is_empty(), "{backend:?}");
        assert!(
            by_element.iter().all(|h| h.targets.contains(element)),
            "{backend:?}"
        );

        // Words are matched case-insensitively, all of them, and % is literal.
        let words = search(QuestionFilter {
            text: Some("CANDIDATE complaint".into()),
            ..Default::default()
        })
        .await;
        assert!(
            !words.is_empty() && words.iter().all(|h| h.kind == "reference"),
            "{backend:?}: {words:?}"
        );
        let wildcard = search(QuestionFilter {
            text: Some("%".into()),
            ..Default::default()
        })
        .await;
        assert!(wildcard.is_empty(), "{backend:?}");
    }
}

/// What each library function answers the holder of `token` (none:
/// anonymous), by function.
async fn library_calls(app: &TestApp, token: Option<&str>) -> Vec<(&'static str, StatusCode)> {
    let search = SearchLibrary {
        filter: QuestionFilter::default(),
    };
    vec![
        (
            ListCompetencies::PATH,
            app.attempt(token, &ListCompetencies {}).await.status(),
        ),
        (
            SearchLibrary::PATH,
            app.attempt(token, &search).await.status(),
        ),
        (
            GetCompetency::PATH,
            app.attempt(token, &competency("customer-focus"))
                .await
                .status(),
        ),
    ]
}

#[tokio::test]
async fn interviewers_and_strangers_cannot_browse_the_library() {
    let app = spawn_app(&Backend::Sqlite).await;
    import_shipped(&app).await;
    app.add_user("ivan@example.org", Role::Interviewer).await;
    let token = app.login("ivan@example.org").await;
    let as_interviewer = library_calls(&app, Some(&token)).await;
    let anonymous = library_calls(&app, None).await;
    for ((name, interviewer), (_, nobody)) in as_interviewer.into_iter().zip(anonymous) {
        assert_eq!(interviewer, StatusCode::FORBIDDEN, "{name}");
        assert_eq!(nobody, StatusCode::UNAUTHORIZED, "{name}");
    }
    let export = app
        .get("/export/competency/customer-focus", Some(&token))
        .await;
    assert_eq!(export.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_competency_page_has_everything_and_no_script() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        import_shipped(&app).await;
        app.add_user("ada@example.org", Role::Admin).await;
        let token = app.login("ada@example.org").await;

        let outlines: Vec<CompetencyOutline> = app.run(&token, ListCompetencies {}).await;
        assert!(outlines.len() >= 8, "{backend:?}");
        let cf = outlines.iter().find(|o| o.id == "customer-focus").unwrap();
        assert_eq!(cf.key_elements.len(), 10);

        let RenderedCompetency(c) = app.run(&token, competency("customer-focus")).await;
        assert_eq!(c.anchors.len(), 5);
        // The referee levels are shown, rendered, beside the interview ones.
        assert_eq!(c.reference_anchors.len(), 5);
        assert!(
            c.reference_anchors[0]
                .text
                .starts_with("<p>You saw them help customers"),
            "{}",
            c.reference_anchors[0].text
        );
        assert!(
            c.provenance.contains("state government"),
            "{}",
            c.provenance
        );
        assert!(
            c.definition.starts_with("<p>"),
            "rendered: {}",
            c.definition
        );

        let missing = app
            .attempt(Some(&token), &competency("no-such-thing"))
            .await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn html_in_a_bank_never_reaches_the_page_as_markup() {
    let app = spawn_app(&Backend::Sqlite).await;
    let mut banks = server::banks::shipped().unwrap();
    banks.truncate(1);
    let evil =
        "Hello <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))";
    banks[0].competency.definition = evil.into();
    banks[0].competency.reference_anchors[0].text = evil.into();
    banks[0].competency.provenance = evil.into();
    server::banks::import(&app.db, &banks).await.unwrap();
    app.add_user("ada@example.org", Role::Admin).await;
    let token = app.login("ada@example.org").await;
    let id = banks[0].competency.id.clone();
    let RenderedCompetency(c) = app.run(&token, competency(&id)).await;
    // Tags are shown as the text they are; nothing of them is markup.
    for forbidden in ["<script", "<img", "javascript:"] {
        assert!(
            !c.definition.contains(forbidden),
            "{forbidden} in {}",
            c.definition
        );
    }
    for shown in [&c.reference_anchors[0].text, &c.provenance] {
        for forbidden in ["<script", "<img", "javascript:"] {
            assert!(!shown.contains(forbidden), "{forbidden} in {shown}");
        }
    }
    assert!(c.definition.contains("&lt;script&gt;"), "{}", c.definition);
    let page = app
        .get(&format!("/library/{id}"), Some(&token))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains("<script>alert(1)"),
        "the server-rendered page carries the script"
    );
}

#[tokio::test]
async fn an_exported_competency_parses_back_to_the_same_model() {
    let app = spawn_app(&Backend::Sqlite).await;
    import_shipped(&app).await;
    app.add_user("rita@example.org", Role::Recruiter).await;
    let token = app.login("rita@example.org").await;
    let res = app
        .get("/export/competency/customer-focus", Some(&token))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("customer-focus.md")
    );
    let markdown = res.text().await.unwrap();
    let parsed = question_bank::parse_str("export.md", &markdown).unwrap();
    let stored = app::db::banks::find_competency(&app.db, "default", "customer-focus")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(parsed, stored);
}
