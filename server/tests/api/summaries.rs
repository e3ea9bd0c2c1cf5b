//! Panel summaries: the page, the PDF and the decision; what each caller
//! may see; names and notes in any script surviving into the PDF's text.

use crate::fixtures::{panel_guide, person};
use crate::helpers::*;
use app::model::{Decision, PanelSummary, Role, RoleAgreement, TeamRole};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::HashMap;

const CANDIDATE: &str = "Zoë Nguyễn";
/// Rater login → display name; the panel of the candidate.
const RATERS: [(&str, &str); 3] = [
    ("lukasz", "Łukasz Żółć"),
    ("obrien", "O'Brien \"Bob\""),
    ("eleni", "Ελένη Παπαδοπούλου"),
];
/// Text of a draft that must never be shown.
const DRAFT_TEXT: &str = "UNSUBMITTED DRAFT NOTE";

/// A role with Customer Focus (required 3) and Teamwork (required 4), a
/// published one-stage guide, a candidate and a panel of four: three who
/// submit and Otto, who only saves a draft. Hana is the role's hiring
/// manager; Hugo hires for other roles; Ivan is an interviewer on no panel.
struct Fixture {
    app: TestApp,
    tokens: HashMap<&'static str, String>,
    role_id: String,
    candidate_id: String,
    interview_id: String,
}

async fn fixture(backend: &Backend, candidate_name: &str) -> Fixture {
    let app = spawn_app(backend).await;
    server::banks::import_shipped(&app.db).await.unwrap();
    let mut tokens = HashMap::new();
    let mut ids = HashMap::new();
    let people: [(&'static str, &str, Role); 8] = [
        ("rita", "Rita Recruiter", Role::Recruiter),
        ("hana", "Hana Hiring", Role::HiringManager),
        ("hugo", "Hugo Elsewhere", Role::HiringManager),
        ("ivan", "Ivan Interviewer", Role::Interviewer),
        ("otto", "Otto Drafter", Role::Interviewer),
        (RATERS[0].0, RATERS[0].1, Role::Interviewer),
        (RATERS[1].0, RATERS[1].1, Role::Interviewer),
        (RATERS[2].0, RATERS[2].1, Role::Interviewer),
    ];
    for (login, name, role) in people {
        let (id, token) = person(&app, login, name, role).await;
        ids.insert(login, id);
        tokens.insert(login, token);
    }
    let recruiter = app.recruiter(&tokens["rita"]);
    let role_id = recruiter.role("Support Lead").await;
    recruiter
        .profile(&role_id, &[("customer-focus", 3, 3), ("teamwork", 4, 2)])
        .await;
    recruiter
        .team(&role_id, &[(&ids["hana"], TeamRole::HiringManager)])
        .await;
    recruiter
        .publish(&role_id, panel_guide(&["customer-focus", "teamwork"]))
        .await;
    let candidate_id = recruiter
        .candidate(&role_id, candidate_name, "cand@example.org")
        .await;
    let panel = ["otto", RATERS[0].0, RATERS[1].0, RATERS[2].0].map(|login| ids[login].as_str());
    let interview_id = recruiter
        .schedule(&candidate_id, "panel", 1_900_000_000_000, &panel)
        .await
        .interview_id;
    Fixture {
        app,
        tokens,
        role_id,
        candidate_id,
        interview_id,
    }
}

/// A complete scorecard.
fn scorecard(cf: &str, tw: &str, notes: &str, recommendation: &str) -> Value {
    json!({
        "questions": {"q1": {"notes": notes, "rating": cf}},
        "competencies": {
            "customer-focus": {"assessment": {"rated": cf}, "evidence": format!("Evidence for {cf}: {notes}"),
                               "behaviors": ["cf-empathizes:0"]},
            "teamwork": {"assessment": {"rated": tw}, "evidence": "Worked well with the panel exercise."}
        },
        "recommendation": recommendation,
        "summary": "**Overall** a clear communicator."
    })
}

impl Fixture {
    fn token(&self, who: &str) -> &str {
        &self.tokens[who]
    }

    async fn submit(&self, who: &str, content: Value) {
        let _: Value = self
            .app
            .ok(
                "submit_scorecard",
                self.token(who),
                json!({"write": {"interview_id": self.interview_id, "base_version": 0,
                        "idempotency_key": format!("submit-{who}-key"), "content": content}}),
            )
            .await;
    }

    /// Łukasz rates Customer Focus 2, the others 4 and 3: a split.
    async fn submit_panel(&self, notes: [&str; 3]) {
        let _: Value = self
            .app
            .ok(
                "save_scorecard",
                self.token("otto"),
                json!({"write": {"interview_id": self.interview_id, "base_version": 0,
                        "idempotency_key": "otto-draft-key",
                        "content": {"questions": {"q1": {"notes": DRAFT_TEXT}}}}}),
            )
            .await;
        let levels = [
            ("Developing", "Independent", "no"),
            ("Advanced", "Advanced", "strong_yes"),
            ("Independent", "Advanced", "yes"),
        ];
        for (i, (login, _)) in RATERS.iter().enumerate() {
            let (cf, tw, rec) = levels[i];
            self.submit(login, scorecard(cf, tw, notes[i], rec)).await;
        }
    }

    async fn summary(&self, who: &str) -> PanelSummary {
        self.app
            .ok(
                "get_candidate_summary",
                self.token(who),
                json!({"candidate_id": self.candidate_id}),
            )
            .await
    }

    async fn pdf(&self, who: Option<&str>, paper: &str) -> reqwest::Response {
        self.app
            .get(
                &format!(
                    "/candidates/{}/summary.pdf?paper={paper}",
                    self.candidate_id
                ),
                who.map(|w| self.token(w)),
            )
            .await
    }
}

/// Whitespace collapsed, so text wrapped across lines compares equal.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn the_pdf_holds_names_and_notes_in_any_script_exactly() {
    for backend in backends() {
        let f = fixture(&backend, CANDIDATE).await;
        let notes = [
            "Łukasz: Zoë calmed the customer in Hà Nội, then fixed the root cause.",
            "O'Brien \"Bob\": strong ownership, «clear» follow-up — every step written down.",
            "Ελένη: η υποψήφια άκουσε τον πελάτη και πρότεινε λύση.",
        ];
        f.submit_panel(notes).await;

        let res = f.pdf(Some("hana"), "a4").await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?}");
        let headers = res.headers().clone();
        assert_eq!(headers["content-type"], "application/pdf");
        assert_eq!(headers["cache-control"], "no-store");
        assert_eq!(
            headers["content-disposition"],
            "attachment; filename=\"summary-zoe-nguyen.pdf\""
        );
        let bytes = res.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        let text = squash(&pdf_text(&bytes));
        for expected in [CANDIDATE, RATERS[0].1, RATERS[1].1, RATERS[2].1]
            .into_iter()
            .chain(notes)
        {
            assert!(
                text.contains(&squash(expected)),
                "{backend:?}: {expected:?} missing from the PDF text:\n{text}"
            );
        }
        assert!(!text.contains(DRAFT_TEXT), "{backend:?}: a draft leaked");
        assert!(!text.contains('\u{FFFD}'), "{backend:?}: undrawable glyph");
        assert!(text.contains("Page 1 of"), "{backend:?}");

        let letter = f.pdf(Some("rita"), "letter").await;
        assert_eq!(letter.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn names_in_every_script_survive_as_the_candidate_too() {
    let backend = Backend::Sqlite;
    for name in ["Łukasz Żółć", "O'Brien \"Bob\"", "Ελένη Παπαδοπούλου"] {
        let f = fixture(&backend, name).await;
        f.submit_panel(["a", "b", "c"]).await;
        let res = f.pdf(Some("hana"), "a4").await;
        let disposition = res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            disposition.starts_with("attachment; filename=\"") && !disposition.contains('\''),
            "{name}: {disposition}"
        );
        let text = squash(&pdf_text(&res.bytes().await.unwrap()));
        assert!(text.contains(name), "{name} missing:\n{text}");
    }
}

#[tokio::test]
async fn very_long_notes_span_pages_without_losing_text() {
    for backend in backends() {
        let f = fixture(&backend, CANDIDATE).await;
        let long: String = (1..=120)
            .map(|i| format!("Paragraph {i:03}: the candidate described step {i} of the escalation in detail, with *names* and **numbers**.\n\n"))
            .collect();
        f.submit_panel([&long, "short", "short"]).await;
        let bytes = f.pdf(Some("hana"), "a4").await.bytes().await.unwrap();
        let raw = pdf_text(&bytes);
        let pages = raw.matches('\u{c}').count();
        assert!(pages >= 4, "{backend:?}: only {pages} pages");
        let text = squash(&raw);
        for i in 1..=120 {
            let line = format!(
                "Paragraph {i:03}: the candidate described step {i} of the escalation in detail, with names and numbers."
            );
            assert!(text.contains(&line), "{backend:?}: lost {line:?}");
        }
        assert!(
            text.contains(&format!("Page {pages} of {pages}")),
            "{backend:?}"
        );
    }
}

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
        let body = json!({"candidate_id": f.candidate_id});
        for (who, status) in [
            (Some("ivan"), StatusCode::NOT_FOUND),
            (Some(RATERS[0].0), StatusCode::NOT_FOUND),
            (Some("hugo"), StatusCode::NOT_FOUND),
            (None, StatusCode::UNAUTHORIZED),
        ] {
            let token = who.map(|w| f.token(w));
            let res = f
                .app
                .call_json("get_candidate_summary", token, body.clone())
                .await;
            assert_eq!(res.status(), status, "{backend:?} {who:?}: server fn");
            let res = f
                .app
                .call_json("get_role_agreement", token, json!({"role_id": f.role_id}))
                .await;
            assert_eq!(res.status(), status, "{backend:?} {who:?}: agreement");
            let res = f
                .app
                .call_json(
                    "record_decision",
                    token,
                    json!({"input": {"candidate_id": f.candidate_id, "decision": "hire", "rationale": "x"}}),
                )
                .await;
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
        let res = f
            .app
            .call_json(
                "record_decision",
                Some(f.token("hana")),
                json!({"input": {"candidate_id": f.candidate_id, "decision": "hold", "rationale": "  "}}),
            )
            .await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend:?}"
        );
        for (decision, rationale) in [
            ("hold", "Waiting for references."),
            (
                "hire",
                "Strong on **teamwork**; customer focus split discussed.",
            ),
        ] {
            let d: Decision = f
                .app
                .ok(
                    "record_decision",
                    f.token("hana"),
                    json!({"input": {"candidate_id": f.candidate_id, "decision": decision, "rationale": rationale}}),
                )
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

        let pool = sqlx::AnyPool::connect(&f.app.database_url).await.unwrap();
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

impl Fixture {
    /// A reference taken by phone from `name`, rating Customer Focus `level`.
    async fn phone_reference(&self, name: &str, level: u8, text: &str) {
        let rita = self.token("rita");
        let request_id: String = self
            .app
            .ok(
                "add_referee",
                rita,
                json!({"candidate_id": self.candidate_id, "input": {
                    "name": name, "email": format!("ref{level}@referee.example"), "phone": "+44 20 7946 0000",
                    "relationship": "Manager", "months_worked": 30}}),
            )
            .await;
        let _: Value = self
            .app
            .ok(
                "record_phone_check",
                rita,
                json!({"request_id": request_id, "input": {"called_by": "Rita", "called_at": "",
                    "answers": [{"question_id": "r1", "rating": level, "cant_say": false, "text": text}]}}),
            )
            .await;
    }
}

#[tokio::test]
async fn references_join_the_summary_and_are_combined_only_above_the_threshold() {
    for backend in backends() {
        let f = fixture(&backend, CANDIDATE).await;
        f.submit_panel(["one", "two", "three"]).await;
        f.phone_reference(
            "Ελένη Αναφορά",
            5,
            "Always called unhappy customers back the same day.",
        )
        .await;
        let s = f.summary("hana").await;
        let cf = &s.competencies[0];
        assert_eq!((s.references_answered, s.references_threshold), (1, 2));
        assert_eq!(
            cf.reference_mean, None,
            "{backend:?}: one reference is held back"
        );
        assert_eq!(s.reference_comments[0].referee, "Ελένη Αναφορά");

        f.phone_reference(
            "Łucja Referee",
            3,
            "Kept customers informed, **even** with bad news.",
        )
        .await;
        let s = f.summary("hana").await;
        let cf = &s.competencies[0];
        assert_eq!(
            (cf.reference_count, cf.reference_mean),
            (2, Some(4.0)),
            "{backend:?}"
        );
        let text = squash(&pdf_text(
            &f.pdf(Some("hana"), "a4").await.bytes().await.unwrap(),
        ));
        for expected in [
            "Ελένη Αναφορά",
            "Always called unhappy customers back the same day.",
            "Łucja Referee",
            "Kept customers informed, even with bad news.",
        ] {
            assert!(
                text.contains(expected),
                "{backend:?}: {expected:?} missing:\n{text}"
            );
        }
    }
}

#[tokio::test]
async fn role_agreement_waits_for_enough_candidates() {
    let f = fixture(&Backend::Sqlite, CANDIDATE).await;
    f.submit_panel(["one", "two", "three"]).await;
    let a: RoleAgreement = f
        .app
        .ok(
            "get_role_agreement",
            f.token("hana"),
            json!({"role_id": f.role_id}),
        )
        .await;
    assert_eq!(a.candidates_scored, 1);
    assert!(!a.enough_data);
    assert!(a.competencies.iter().all(|c| c.icc.is_none()));
    assert!(a.explanation.contains("ICC(1)"));
}

#[test]
fn the_cli_summary_command_is_known() {
    use clap::Parser;
    let cli = server::cli::Cli::try_parse_from([
        "panelkit",
        "summary",
        "--candidate",
        "abc",
        "--out",
        "x.pdf",
        "--paper",
        "letter",
    ]);
    assert!(cli.is_ok(), "{:?}", cli.err());
}
