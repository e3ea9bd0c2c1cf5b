//! The candidate slate: the weighted overall by its stated formula, the
//! orderings, splits, and blind rating (a reader who owes a scorecard on a
//! candidate's panel does not see that candidate).

use crate::fixtures::*;
use crate::helpers::*;
use app::model::{Role, ScorecardContent, ScorecardWrite, Slate, TeamRole};
use app::server_fns::scorecards::SubmitScorecard;
use app::server_fns::slate::GetSlate;
use serde_json::json;

const LEVELS: [&str; 5] = ["Entry", "Developing", "Independent", "Advanced", "Expert"];

/// A complete scorecard rating Customer Focus `cf` and Teamwork `tw` (1–5).
fn rated(cf: usize, tw: usize) -> ScorecardContent {
    let (cf, tw) = (LEVELS[cf - 1], LEVELS[tw - 1]);
    serde_json::from_value(json!({
        "questions": {
            "q1": {"notes": "Specific example.", "rating": cf},
            "q2": {"notes": "Specific example.", "rating": tw}
        },
        "competencies": {
            "customer-focus": {"assessment": {"rated": cf}, "evidence": "Followed up."},
            "teamwork": {"assessment": {"rated": tw}, "evidence": "Shared the load."}
        },
        "recommendation": "yes",
        "summary": "Seen."
    }))
    .unwrap()
}

async fn slate(app: &TestApp, token: &str, role_id: &str, sort: Option<&str>) -> Slate {
    let args = GetSlate {
        role_id: role_id.into(),
        sort: sort.map(str::to_owned),
    };
    app.run(token, args).await
}

fn names(s: &Slate) -> Vec<&str> {
    s.rows.iter().map(|r| r.name.as_str()).collect()
}

#[tokio::test]
async fn the_slate_weighs_medians_sorts_and_withholds_what_the_reader_owes() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        server::banks::import_shipped(&app.db).await.unwrap();
        let (_, rita) = person(&app, "rita", "Rita Recruiter", Role::Recruiter).await;
        let (hana_id, hana) = person(&app, "hana", "Hana Manager", Role::HiringManager).await;
        let (_, hank) = person(&app, "hank", "Hank Elsewhere", Role::HiringManager).await;
        let (ivan_id, ivan) = person(&app, "ivan", "Ivan", Role::Interviewer).await;
        let (ines_id, ines) = person(&app, "ines", "Ines", Role::Interviewer).await;
        let r = app.recruiter(&rita);
        let role_id = r.role("Support lead").await;
        r.profile(&role_id, &[("customer-focus", 3, 3), ("teamwork", 3, 1)])
            .await;
        r.team(&role_id, &[(hana_id.as_str(), TeamRole::HiringManager)])
            .await;
        r.publish(&role_id, panel_guide(&["customer-focus", "teamwork"]))
            .await;

        // (name, [(ivan's cf, tw), (ines's cf, tw)]).
        let panels = [
            ("Ada", [(4, 2), (4, 2)]),
            ("Ben", [(3, 4), (3, 4)]),
            ("Cal", [(5, 3), (3, 3)]),
        ];
        let at = app::db::now_ms() - 3_600_000;
        for (name, ratings) in panels {
            let email = format!("{}@cand.example", name.to_lowercase());
            let id = r.candidate(&role_id, name, &email).await;
            let panel: [(&str, &[&str]); 2] = [(&ivan_id, &[]), (&ines_id, &[])];
            let interview = r.schedule(&id, "panel", at, &panel).await.interview_id;
            for ((token, who), (cf, tw)) in
                [(&ivan, "ivan"), (&ines, "ines")].into_iter().zip(ratings)
            {
                let write = ScorecardWrite {
                    interview_id: interview.clone(),
                    base_version: 0,
                    idempotency_key: format!("slate-{name}-{who}"),
                    content: rated(cf, tw),
                };
                let _ = app.run(token, SubmitScorecard { write }).await;
            }
        }
        r.candidate(&role_id, "Dee", "dee@cand.example").await;
        // Hana sits on Cleo's panel and has not submitted.
        let cleo = r.candidate(&role_id, "Cleo", "cleo@cand.example").await;
        let panel: [(&str, &[&str]); 2] = [(&ivan_id, &[]), (&hana_id, &[])];
        r.schedule(&cleo, "panel", at, &panel).await;

        let s = slate(&app, &rita, &role_id, None).await;
        assert_eq!(s.columns.len(), 2);
        assert_eq!((s.columns[0].weight, s.columns[1].weight), (3, 1));
        // Cal (3×4 + 1×3)/4 = 3.75, Ada (3×4 + 1×2)/4 = 3.5,
        // Ben (3×3 + 1×4)/4 = 3.25; Cleo and Dee have no ratings.
        assert_eq!(names(&s), ["Cal", "Ada", "Ben", "Cleo", "Dee"]);
        let overall: Vec<Option<f64>> = s.rows.iter().map(|r| r.overall).collect();
        assert_eq!(overall, [Some(3.75), Some(3.5), Some(3.25), None, None]);
        let cal = &s.rows[0];
        assert_eq!(cal.cells[0].median, Some(4.0));
        assert!(cal.cells[0].split, "5 and 3 are two levels apart");
        assert!(!cal.cells[1].split);
        assert_eq!(cal.cells[0].raters, 2);
        assert_eq!(cal.scorecards, 2);
        assert_eq!(s.withheld, 0);

        let by_teamwork = slate(&app, &rita, &role_id, Some("teamwork")).await;
        assert_eq!(names(&by_teamwork), ["Ben", "Cal", "Ada", "Cleo", "Dee"]);
        let by_name = slate(&app, &rita, &role_id, Some("name")).await;
        assert_eq!(names(&by_name), ["Ada", "Ben", "Cal", "Cleo", "Dee"]);

        // Blind rating: Hana owes a scorecard on Cleo's panel.
        let s = slate(&app, &hana, &role_id, None).await;
        assert_eq!(names(&s), ["Cal", "Ada", "Ben", "Dee"]);
        assert_eq!(s.withheld, 1);

        // Neither another role's manager nor an interviewer reads the slate.
        for token in [&hank, &ivan] {
            let args = GetSlate {
                role_id: role_id.clone(),
                sort: None,
            };
            let res = app.attempt(Some(token), &args).await;
            assert_eq!(res.status(), reqwest::StatusCode::NOT_FOUND, "{backend:?}");
        }
    }
}

#[tokio::test]
async fn the_slate_pdf_prints_every_candidate_and_the_formula() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        server::banks::import_shipped(&app.db).await.unwrap();
        let (_, rita) = person(&app, "rita", "Rita Recruiter", Role::Recruiter).await;
        let (ivan_id, ivan) = person(&app, "ivan", "Ivan", Role::Interviewer).await;
        let r = app.recruiter(&rita);
        let role_id = r.role("Support lead").await;
        r.profile(&role_id, &[("customer-focus", 3, 3), ("teamwork", 3, 1)])
            .await;
        r.publish(&role_id, panel_guide(&["customer-focus", "teamwork"]))
            .await;
        let ada = r
            .candidate(&role_id, "Ada Lovelace", "ada@cand.example")
            .await;
        r.candidate(&role_id, "Bo Unrated", "bo@cand.example").await;
        let panel: [(&str, &[&str]); 1] = [(&ivan_id, &[])];
        let at = app::db::now_ms() - 3_600_000;
        let interview = r.schedule(&ada, "panel", at, &panel).await.interview_id;
        let write = ScorecardWrite {
            interview_id: interview,
            base_version: 0,
            idempotency_key: "slate-pdf-ivan".into(),
            content: rated(4, 2),
        };
        let _ = app.run(&ivan, SubmitScorecard { write }).await;

        let res = app
            .get(&format!("/roles/{role_id}/slate.pdf"), Some(&rita))
            .await;
        assert_eq!(res.status(), reqwest::StatusCode::OK, "{backend:?}");
        assert_eq!(res.headers()["content-type"], "application/pdf");
        let text = pdf_text(&res.bytes().await.unwrap());
        for expected in [
            "Candidate slate: Support lead",
            "Ada Lovelace",
            "Bo Unrated",
            "Σ",
        ] {
            assert!(
                text.contains(expected),
                "{expected:?} missing from:\n{text}"
            );
        }
        // (3×4 + 1×2) / 4 = 3.50, and Ada comes before the unrated Bo.
        assert!(text.contains("3.50"), "{text}");
        assert!(
            text.find("Ada Lovelace") < text.find("Bo Unrated"),
            "{text}"
        );
    }
}
