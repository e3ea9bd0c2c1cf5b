//! The audit log: append-only, recording sensitive reads, filtered,
//! paginated and exported as CSV.

use super::{count, exec, raw};
use crate::access_matrix::world::World;
use app::model::{AuditFilter, InviteInput, Role};
use app::server_fns::accounts::InviteUser;
use app::server_fns::data::ListAudit;
use app::server_fns::summaries::GetCandidateSummary;
use reqwest::StatusCode;

fn audit(filter: AuditFilter) -> ListAudit {
    ListAudit { filter }
}

#[tokio::test]
async fn the_audit_log_is_append_only_and_records_sensitive_reads() {
    for backend in crate::helpers::backends() {
        let w = World::build(&backend).await;
        let app = &w.app;
        let pool = raw(&app.database_url).await;
        let ada = w.token("ada").unwrap();
        let rita = w.token("rita").unwrap();
        let c = &w.candidate_id;
        let summary = GetCandidateSummary {
            candidate_id: c.clone(),
        };
        app.run(ada, summary).await;
        let pdf = app
            .get(&format!("/candidates/{c}/summary.pdf"), Some(ada))
            .await;
        assert_eq!(pdf.status(), StatusCode::OK);
        let packet = app
            .get(
                &format!("/interviews/{}/packet.pdf", w.interview_id),
                Some(ada),
            )
            .await;
        assert_eq!(packet.status(), StatusCode::OK);
        for action in ["summary.view", "summary.pdf"] {
            let n = count(
                &pool,
                &format!(
                    "SELECT COUNT(*) FROM audit_log WHERE action = '{action}' AND subject = $1"
                ),
                c,
            )
            .await;
            assert_eq!(n, 1, "{action} on {backend:?}");
        }
        // The summary page records each view, so none is served from the
        // cache of rendered pages.
        for _ in 0..2 {
            let page = app
                .get(&format!("/candidates/{c}/summary"), Some(ada))
                .await;
            assert_eq!(page.status(), StatusCode::OK);
            assert_ne!(
                page.headers()
                    .get("x-panelkit-cache")
                    .map(reqwest::header::HeaderValue::as_bytes),
                Some(&b"hit"[..]),
                "{backend:?}"
            );
        }
        let views = count(
            &pool,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'summary.view' AND subject = $1",
            c,
        )
        .await;
        assert_eq!(views, 3, "{backend:?}");
        // Filters: by candidate (their interviews and scorecards included).
        let page = app
            .run(
                ada,
                audit(AuditFilter {
                    candidate_id: c.clone(),
                    ..Default::default()
                }),
            )
            .await;
        let actions: Vec<&str> = page.rows.iter().map(|r| r.action.as_str()).collect();
        for a in [
            "candidate.add",
            "interview.schedule",
            "scorecard.submit",
            "summary.view",
            "packet.pdf",
        ] {
            assert!(actions.contains(&a), "{a} in {actions:?}");
        }
        let by_action = app
            .run(
                ada,
                audit(AuditFilter {
                    action: "summary.".into(),
                    ..Default::default()
                }),
            )
            .await;
        // Three views (one read, two pages) and the PDF.
        assert_eq!(by_action.total, 4);
        let sam_id = &w.user_ids["sam"];
        let by_actor = app
            .run(
                ada,
                audit(AuditFilter {
                    actor_id: sam_id.clone(),
                    ..Default::default()
                }),
            )
            .await;
        assert!(by_actor.rows.iter().all(|r| &r.actor_id == sam_id));
        let future = app
            .run(
                ada,
                audit(AuditFilter {
                    from: "2999-01-01".into(),
                    ..Default::default()
                }),
            )
            .await;
        assert_eq!(future.total, 0);
        let yesterday = audit(AuditFilter {
            to: "yesterday".into(),
            ..Default::default()
        });
        let bad = app.attempt(Some(ada), &yesterday).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.text().await.unwrap().contains(r#""field":"to""#));
        // Recruiters see entries about roles and candidates only.
        let input = InviteInput {
            email: "new@example.org".into(),
            name: "New".into(),
            role: Role::Interviewer,
        };
        app.run(ada, InviteUser { input }).await;
        let users = audit(AuditFilter {
            action: "user.".into(),
            ..Default::default()
        });
        let all = app.run(ada, users.clone()).await;
        assert_eq!(all.total, 1);
        let hers = app.run(rita, users).await;
        assert_eq!(hers.total, 0);
        let sam = app
            .attempt(w.token("sam"), &audit(AuditFilter::default()))
            .await;
        assert_eq!(sam.status(), StatusCode::FORBIDDEN);
        // CSV of the same selection, itself recorded.
        let csv = app
            .get(&format!("/audit.csv?candidate_id={c}"), Some(ada))
            .await;
        assert_eq!(csv.status(), StatusCode::OK);
        let text = csv.text().await.unwrap();
        assert!(text.starts_with("id,at,actor_id"), "{text}");
        assert!(text.contains("summary.view"));
        assert_eq!(
            count(
                &pool,
                "SELECT COUNT(*) FROM audit_log WHERE action = $1",
                "audit.export"
            )
            .await,
            1
        );
        // Paginated: 50 to a page.
        let p2 = app
            .run(
                ada,
                audit(AuditFilter {
                    page: 2,
                    ..Default::default()
                }),
            )
            .await;
        assert_eq!(p2.per_page, 50);
        // The database refuses changes to the log.
        let update = exec(&pool, "UPDATE audit_log SET detail = '{}'").await;
        assert!(update.is_err(), "UPDATE refused on {backend:?}");
        let delete = exec(&pool, "DELETE FROM audit_log").await;
        assert!(delete.is_err(), "DELETE refused on {backend:?}");
        assert!(
            count(
                &pool,
                "SELECT COUNT(*) FROM audit_log WHERE action <> $1",
                ""
            )
            .await
                > 5
        );
    }
}
