//! Erasure: an erased candidate leaves no trace in the database, while
//! their ratings stay, de-identified.

use super::{count, decide, erase, exec, raw};
use crate::access_matrix::world::{World, complete_scorecard};
use crate::fixtures::{answer, link_token, referee_input, scorecard_write};
use crate::helpers::*;
use app::model::{
    AuditFilter, CandidateInput, DecisionInput, DecisionKind, MyInterview, PhoneCheckInput,
    PipelineStatus, ScheduleInput, ScorecardContent,
};
use app::server_fns::candidates::{
    AddCandidate, GetCandidate, ScheduleInterview, SetCandidateStatus,
};
use app::server_fns::data::ListAudit;
use app::server_fns::referee::{RefereeConsent, RefereeDecline, RefereeSaveDraft};
use app::server_fns::references::{AddReferee, RecordPhoneCheck, SendReferenceInvitation};
use app::server_fns::scorecards::{
    AmendScorecard, ListMyInterviews, SaveScorecard, SubmitScorecard,
};
use app::server_fns::summaries::{GetCandidateSummary, RecordDecision};
use reqwest::StatusCode;

const MARKER: &str = "mqx7marker";
/// The referees' phone number (digits only, so it cannot hold the marker).
const PHONE: &str = "+44 20 7946 0917";

/// A candidate of `w`'s role whose every free-text field holds [`MARKER`];
/// returns their id.
async fn marked_candidate(w: &World) -> String {
    let app = &w.app;
    let (rita, ada, sam) = (
        w.token("rita").unwrap(),
        w.token("ada").unwrap(),
        w.token("sam").unwrap(),
    );
    let m = MARKER;
    let add = AddCandidate {
        role_id: w.role_id.clone(),
        input: CandidateInput {
            name: format!("Mia {m}"),
            email: format!("{m}@cand.example"),
            notes: format!("Notes {m}"),
        },
    };
    let c = app.run(rita, add).await;
    let scheduled = app
        .recruiter(rita)
        .schedule(&c, "panel", 1_900_000_000_000, &[(&w.user_ids["sam"], &[])])
        .await;
    let interview = &scheduled.interview_id;
    let content = serde_json::to_string(&complete_scorecard())
        .unwrap()
        .replace("Clear example with numbers.", &format!("Q notes {m}"))
        .replace("Followed up unprompted.", &format!("Evidence {m}"))
        .replace("Solid.", &format!("Summary {m}"));
    let content: ScorecardContent = serde_json::from_str(&content).unwrap();
    let write = scorecard_write(interview, 0, "m-submit", content.clone());
    app.run(sam, SubmitScorecard { write }).await;
    let amend = AmendScorecard {
        write: scorecard_write(interview, 1, "m-amend-1", content),
        reason: format!("Amended {m}"),
    };
    app.run(sam, amend).await;
    decide(
        app,
        ada,
        &c,
        DecisionKind::NoHire,
        &format!("Rationale {m}"),
    )
    .await;
    let referee = |name: &str| AddReferee {
        candidate_id: c.clone(),
        input: referee_input(
            &format!("{name} {m}"),
            &format!("{name}.{m}@ref.example"),
            PHONE,
        ),
    };
    let phoned = app.run(rita, referee("Rob")).await;
    let phone_check = RecordPhoneCheck {
        request_id: phoned,
        input: PhoneCheckInput {
            called_by: format!("Caller {m}"),
            called_at: String::new(),
            answers: vec![answer("r1", Some(4), &format!("Answer {m}"))],
        },
    };
    app.run(rita, phone_check).await;
    let request_id = app.run(rita, referee("Lea")).await;
    let invite = app.run(rita, SendReferenceInvitation { request_id }).await;
    let token = link_token(invite.link.as_deref().unwrap());
    app.run(
        rita,
        RefereeConsent {
            token: token.clone(),
        },
    )
    .await;
    let draft = RefereeSaveDraft {
        token: token.clone(),
        answers: vec![answer("r1", Some(3), &format!("Draft {m}"))],
    };
    app.run(rita, draft).await;
    let decline = RefereeDecline {
        token,
        reason: format!("Declined {m}"),
    };
    app.run(rita, decline).await;
    c
}

/// Whether `haystack` holds the marker, in any case.
fn holds_marker(haystack: &[u8]) -> bool {
    let needle = MARKER.as_bytes();
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Everything the database holds, as bytes: the SQLite file after a
/// checkpoint and VACUUM, or a full `pg_dump` of the test's schema.
async fn whole_database(pool: &sqlx::AnyPool, backend: &Backend, url: &str) -> Vec<u8> {
    match backend {
        Backend::Sqlite => {
            exec(pool, "PRAGMA wal_checkpoint(TRUNCATE)").await.unwrap();
            exec(pool, "VACUUM").await.unwrap();
            exec(pool, "PRAGMA wal_checkpoint(TRUNCATE)").await.unwrap();
            let path = url.trim_start_matches("sqlite://");
            let mut bytes = std::fs::read(path).unwrap();
            if let Ok(wal) = std::fs::read(format!("{path}-wal")) {
                bytes.extend(wal);
            }
            bytes
        }
        Backend::Postgres(base) => {
            let schema = url.rsplit("search_path%3D").next().unwrap();
            let out = std::process::Command::new("pg_dump")
                .args(["--schema", schema, "--no-owner", "--dbname", base])
                .output()
                .expect("pg_dump (postgresql-client)");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(out.stdout.len() > 10_000, "a whole dump");
            out.stdout
        }
    }
}

#[tokio::test]
async fn an_erased_candidate_leaves_no_trace_in_the_database() {
    for backend in backends() {
        let w = World::build(&backend).await;
        let app = &w.app;
        let pool = raw(&app.database_url).await;
        let c = marked_candidate(&w).await;
        let before = whole_database(&pool, &backend, &app.database_url).await;
        assert!(holds_marker(&before), "the fixture stores the marker");
        let ada = w.token("ada").unwrap();
        let sam = w.token("sam").unwrap();
        let interview: String =
            sqlx::query_scalar("SELECT id FROM interviews WHERE candidate_id = $1")
                .bind(&c)
                .fetch_one(&pool)
                .await
                .unwrap();
        let marked = || {
            let content = serde_json::to_string(&complete_scorecard())
                .unwrap()
                .replace("Solid.", &format!("Later {MARKER}"));
            serde_json::from_str::<ScorecardContent>(&content).unwrap()
        };
        let late_save = SaveScorecard {
            write: scorecard_write(&interview, 2, "m-late-save", marked()),
        };
        // Sam's seat is checked (and kept a moment) by an autosave, refused
        // only because his scorecard is submitted.
        let res = app.attempt(Some(sam), &late_save).await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?}");
        let missing = app.attempt(Some(ada), &erase(&c, " ")).await;
        assert_eq!(missing.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let erased = app.run(ada, erase(&c, "Erasure request of 3 May")).await;
        assert!(erased);
        // The panel can no longer write text about them, from the seat
        // checked moments ago either.
        let amend = AmendScorecard {
            write: scorecard_write(&interview, 2, "m-late-amend", marked()),
            reason: format!("Late {MARKER}"),
        };
        for res in [
            app.attempt(Some(sam), &late_save).await,
            app.attempt(Some(sam), &amend).await,
        ] {
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{backend:?}");
        }
        // Nor can anyone record more about them: a decision, a referee, an
        // interview.
        let rita = w.token("rita").unwrap();
        let decision = RecordDecision {
            input: DecisionInput {
                candidate_id: c.clone(),
                decision: DecisionKind::Hire,
                rationale: format!("Later {MARKER}"),
            },
        };
        let referee = AddReferee {
            candidate_id: c.clone(),
            input: referee_input(&format!("Late {MARKER}"), "late@ref.example", PHONE),
        };
        let schedule = ScheduleInterview {
            input: ScheduleInput {
                candidate_id: c.clone(),
                stage_id: "panel".into(),
                scheduled_at: None,
                ends_at: None,
                starts_local: String::new(),
                ends_local: String::new(),
                panel: vec![(w.user_ids["sam"].clone(), vec![])],
            },
        };
        let status = SetCandidateStatus {
            candidate_id: c.clone(),
            status: PipelineStatus::Hired,
        };
        for (name, res) in [
            ("record_decision", app.attempt(Some(ada), &decision).await),
            (
                "set_candidate_status",
                app.attempt(Some(rita), &status).await,
            ),
            ("add_referee", app.attempt(Some(rita), &referee).await),
            (
                "schedule_interview",
                app.attempt(Some(rita), &schedule).await,
            ),
        ] {
            assert_eq!(res.status(), StatusCode::CONFLICT, "{name} on {backend:?}");
            assert!(res.text().await.unwrap().contains("erased"), "{name}");
        }
        let after = whole_database(&pool, &backend, &app.database_url).await;
        assert!(
            !holds_marker(&after),
            "the marker survived erasure on {backend:?}"
        );
        // The other candidate is untouched; ratings stay, de-identified.
        assert!(String::from_utf8_lossy(&after).contains("Zoë Park"));
        let ratings = count(
            &pool,
            "SELECT COUNT(*) FROM scorecards WHERE candidate_id = $1 AND status = 'submitted'",
            &c,
        )
        .await;
        assert_eq!(ratings, 1);
        let decision = count(
            &pool,
            "SELECT COUNT(*) FROM decisions WHERE candidate_id = $1",
            &c,
        )
        .await;
        assert_eq!(decision, 1);
        let mail = count(
            &pool,
            "SELECT COUNT(*) FROM outbox WHERE recipient LIKE $1",
            "%ref.example",
        )
        .await;
        assert_eq!(mail, 1, "only the other candidate's referee's mail is left");
        // Who erased, when and why; again is a no-op.
        let filter = AuditFilter {
            candidate_id: c.clone(),
            action: "candidate.erase".into(),
            ..Default::default()
        };
        let page = app.run(ada, ListAudit { filter }).await;
        assert_eq!(page.total, 1);
        let row = &page.rows[0];
        assert_eq!(row.actor_id, w.user_ids["ada"]);
        assert!(row.detail.contains("Erasure request of 3 May"));
        let again = app.run(ada, erase(&c, "Again")).await;
        assert!(!again);
        let summary = app.get(&format!("/candidates/{c}"), Some(ada)).await;
        assert!(summary.text().await.unwrap().contains("Erased candidate"));
    }
}

/// What "my interviews" lists for `who`.
async fn mine(w: &World, who: &str) -> Vec<MyInterview> {
    let list = ListMyInterviews { page: None };
    w.app.run(w.token(who).unwrap(), list).await
}

/// After the erasure, the pages offer nothing the server would refuse: the
/// panel's lists leave out the candidate's interviews (their scoring pages
/// are gone), the candidate page says they were erased, and the summary
/// offers no decision.
#[tokio::test]
async fn an_erased_candidate_leaves_the_lists_and_forms() {
    for backend in backends() {
        let w = World::build(&backend).await;
        let app = &w.app;
        let c = marked_candidate(&w).await;
        let (rita, ada) = (w.token("rita").unwrap(), w.token("ada").unwrap());
        // Otto owes a scorecard; Sam submitted his.
        let open = app
            .recruiter(rita)
            .schedule(
                &c,
                "panel",
                1_900_000_000_000,
                &[(&w.user_ids["otto"], &[])],
            )
            .await
            .interview_id;
        let mine = |who| mine(&w, who);
        let about = |list: Vec<MyInterview>| {
            list.into_iter()
                .filter(|i| i.candidate_name.contains(MARKER))
                .count()
        };
        assert_eq!(
            (about(mine("otto").await), about(mine("sam").await)),
            (1, 1)
        );
        let summary = GetCandidateSummary {
            candidate_id: c.clone(),
        };
        assert!(app.run(ada, summary.clone()).await.may_decide);
        let get = GetCandidate {
            candidate_id: c.clone(),
        };
        assert!(!app.run(rita, get.clone()).await.erased);
        let page = app.get(&format!("/candidates/{c}"), Some(rita)).await;
        let html = page.text().await.unwrap();
        assert!(html.contains("references-h") && html.contains("schedule-h"));

        assert!(app.run(ada, erase(&c, "Asked by the candidate")).await);
        let otto = mine("otto").await;
        assert!(
            otto.iter().all(|i| i.interview_id != open),
            "{backend:?}: {otto:?}"
        );
        let sam = mine("sam").await;
        assert!(
            sam.iter().all(|i| i.candidate_name != "Erased candidate"),
            "{backend:?}: {sam:?}"
        );
        assert!(app.run(rita, get).await.erased);
        assert!(!app.run(ada, summary).await.may_decide, "{backend:?}");
        let page = app.get(&format!("/candidates/{c}"), Some(rita)).await;
        let html = page.text().await.unwrap();
        assert!(html.contains("personal data was erased"), "{backend:?}");
        assert!(
            !html.contains("references-h") && !html.contains("schedule-h"),
            "{backend:?}"
        );
    }
}
