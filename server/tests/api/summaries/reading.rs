//! What the summary shows, who may see it, and decisions.

use super::*;

#[tokio::test]
async fn the_summary_shows_submitted_scorecards_and_flags_a_split() {
    for backend in backends() {
        let f = fixture(&backend, CANDIDATE).await;
        f.submit_panel(["one", "two", "three"]).await;
        let s = f.summary("hana").await;
        assert_eq!(s.raters.len(), 3, "{backend:?}: drafts must not count");
        let names: Vec<&str> = s.raters.iter().map(|r| r.name.as_str()).collect();
        assert!(!names.contains(&"Otto Drafter"));
        let cf = s
            .competencies
            .iter()
            .find(|c| c.id == "customer-focus")
            .unwrap();
        assert_eq!(cf.required_level, 3);
        assert_eq!(
            (cf.median, cf.spread, cf.disagreement),
            (Some(3.0), Some(2), true)
        );
        assert!(!cf.score_of(0).unwrap().anchor.is_empty(), "anchor text");
        assert_eq!(cf.behaviors.len(), 1);
        let tw = s.competencies.iter().find(|c| c.id == "teamwork").unwrap();
        assert!(!tw.disagreement);
        let tally: Vec<usize> = s.tally.iter().map(|(_, n)| *n).collect();
        assert_eq!(tally, [0, 1, 1, 1]);
        assert!(
            s.question_notes
                .iter()
                .all(|n| !n.notes.contains(DRAFT_TEXT))
        );

        // The page, as the hiring manager sees it.
        let page = f
            .app
            .get(
                &format!("/candidates/{}/summary", f.candidate_id),
                Some(f.token("hana")),
            )
            .await;
        assert_eq!(page.status(), StatusCode::OK);
        let html = page.text().await.unwrap();
        assert!(html.contains("Ελένη Παπαδοπούλου"), "{backend:?}");
        assert!(html.contains("Split"), "{backend:?}: no disagreement flag");
        assert!(!html.contains(DRAFT_TEXT), "{backend:?}: a draft leaked");
    }
}

#[tokio::test]
async fn nobody_else_sees_the_summary_the_page_or_the_pdf() {
    for backend in backends() {
        let f = fixture(&backend, CANDIDATE).await;
        f.submit_panel(["SECRET-EVIDENCE one", "two", "three"])
            .await;
        for (who, status) in [
            (Some("ivan"), StatusCode::NOT_FOUND),
            (Some(RATERS[0].0), StatusCode::NOT_FOUND),
            (Some("hugo"), StatusCode::NOT_FOUND),
            (None, StatusCode::UNAUTHORIZED),
        ] {
            let token = who.map(|w| f.token(w));
            let res = f.app.attempt(token, &f.summary_of()).await;
            assert_eq!(res.status(), status, "{backend:?} {who:?}: server fn");
            let res = f.app.attempt(token, &f.agreement_of()).await;
            assert_eq!(res.status(), status, "{backend:?} {who:?}: agreement");
            let hire = decision(&f.candidate_id, DecisionKind::Hire, "x");
            let res = f.app.attempt(token, &hire).await;
            assert_eq!(res.status(), status, "{backend:?} {who:?}: decision");
            let pdf = f.pdf(who, "a4").await;
            // Pages and downloads send the anonymous to the sign-in page.
            let expected = if who.is_none() {
                StatusCode::SEE_OTHER
            } else {
                status
            };
            assert_eq!(pdf.status(), expected, "{backend:?} {who:?}: pdf");
            let page = f
                .app
                .get(&format!("/candidates/{}/summary", f.candidate_id), token)
                .await;
            let html = page.text().await.unwrap();
            assert!(
                !html.contains("SECRET-EVIDENCE") && !html.contains(CANDIDATE),
                "{backend:?} {who:?}: the page showed the candidate"
            );
        }
        // A candidate that does not exist looks the same as a hidden one.
        let pdf = f
            .app
            .get("/candidates/nope/summary.pdf", Some(f.token("hana")))
            .await;
        assert_eq!(pdf.status(), StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_decision_is_recorded_kept_in_history_and_audited() {
    for backend in backends() {
        let f = fixture(&backend, CANDIDATE).await;
        f.submit_panel(["one", "two", "three"]).await;
        let blank = decision(&f.candidate_id, DecisionKind::Hold, "  ");
        let res = f.app.attempt(Some(f.token("hana")), &blank).await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend:?}"
        );
        for (kind, rationale) in [
            (DecisionKind::Hold, "Waiting for references."),
            (
                DecisionKind::Hire,
                "Strong on **teamwork**; customer focus split discussed.",
            ),
        ] {
            let d: Decision = f
                .app
                .run(f.token("hana"), decision(&f.candidate_id, kind, rationale))
                .await;
            assert_eq!(d.decided_by, "Hana Hiring");
        }
        let s = f.summary("rita").await;
        assert_eq!(s.decisions.len(), 2);
        assert_eq!(s.decision().unwrap().decision.as_str(), "hire");
        let text = squash(&pdf_text(
            &f.pdf(Some("hana"), "a4").await.bytes().await.unwrap(),
        ));
        assert!(
            text.contains("Decision: Hire — Hana Hiring"),
            "{backend:?}: {text}"
        );

        let pool = f.app.raw_pool().await;
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT subject, detail FROM audit_log WHERE action = 'candidate.decision' ORDER BY at",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        assert_eq!(rows.len(), 2, "{backend:?}");
        assert!(rows.iter().all(|(subject, _)| *subject == f.candidate_id));
        assert!(rows[1].1.contains("\"hire\""), "{}", rows[1].1);
    }
}
