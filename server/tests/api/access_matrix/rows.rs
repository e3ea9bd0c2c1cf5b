//! The table: who may call what, and with which body.
//!
//! Letters per caller: anonymous, seated+submitted, seated+draft, unseated
//! interviewer, recruiter, team hiring manager, other hiring manager, admin,
//! referee. See the module docs of `access_matrix` for their meaning.

use super::world::{Caller, World, complete_scorecard, question};
use serde_json::{Value, json};

type Body = fn(&World, Caller) -> Value;

/// Server functions that take a URL-encoded form rather than JSON; their
/// body's fields are sent as form pairs.
pub const FORM_ENCODED: &[&str] = &[
    "session_user",
    "list_users",
    "list_competencies",
    "search_library",
    "get_competency",
];

/// One endpoint and what each caller gets.
pub enum Row {
    /// A server function at `/api/{name}`.
    Fn {
        name: &'static str,
        body: Body,
        expected: &'static str,
    },
    /// A GET route.
    Get {
        name: &'static str,
        path: fn(&World) -> String,
        expected: &'static str,
    },
    /// A POST route without a body.
    Post {
        name: &'static str,
        path: &'static str,
        expected: &'static str,
    },
}

impl Row {
    pub fn name(&self) -> &'static str {
        match self {
            Row::Fn { name, .. } | Row::Get { name, .. } | Row::Post { name, .. } => name,
        }
    }

    pub fn expected(&self) -> &'static str {
        match self {
            Row::Fn { expected, .. } | Row::Get { expected, .. } | Row::Post { expected, .. } => {
                expected
            }
        }
    }
}

const fn f(name: &'static str, expected: &'static str, body: Body) -> Row {
    Row::Fn {
        name,
        body,
        expected,
    }
}

fn none(_: &World, _: Caller) -> Value {
    json!({})
}
fn role(w: &World, _: Caller) -> Value {
    json!({"role_id": w.role_id})
}
fn candidate(w: &World, _: Caller) -> Value {
    json!({"candidate_id": w.candidate_id})
}
fn interview(w: &World, _: Caller) -> Value {
    json!({"interview_id": w.interview_id})
}
fn request(w: &World, _: Caller) -> Value {
    json!({"request_id": w.pending_request_id})
}
fn referee_token(w: &World, c: Caller) -> Value {
    json!({"token": w.referee_token_for(c)})
}
fn referee_answers(w: &World, c: Caller) -> Value {
    json!({"token": w.referee_token_for(c),
           "answers": [{"question_id": "r1", "rating": 4, "cant_say": false, "text": "Helpful."}]})
}
fn role_input(w: &World, _: Caller) -> Value {
    json!({"role_id": w.role_id, "input": {"title": "Support Lead", "department": "Care", "description": "Edited."}})
}
fn scorecard_write(w: &World, c: Caller, content: Value) -> Value {
    json!({"interview_id": w.interview_id, "base_version": w.own_version(c),
           "idempotency_key": format!("matrix-{c:?}"), "content": content})
}

/// Every server function. Keep in the order of `app/src/server_fns/`.
pub fn server_fns() -> Vec<Row> {
    vec![
        // Sessions and accounts.
        f("session_user", "OOOOOOOOO", none),
        f("list_users", "UFFFFFFOU", none),
        // Account administration: admins only; anyone signed in changes
        // their own password; set-password links answer only their holder.
        f("list_accounts", "UFFFFFFOU", none),
        f(
            "invite_user",
            "UFFFFFFOU",
            |_, _| json!({"input": {"email": "new@example.org", "name": "New", "role": "Interviewer"}}),
        ),
        f(
            "set_user_role",
            "UFFFFFFOU",
            |w, _| json!({"user_id": w.user_ids["ivan"], "role": "Recruiter"}),
        ),
        f(
            "set_user_active",
            "UFFFFFFOU",
            |w, _| json!({"user_id": w.user_ids["ivan"], "active": false}),
        ),
        f(
            "reset_password_link",
            "UFFFFFFOU",
            |w, _| json!({"user_id": w.user_ids["ivan"]}),
        ),
        f(
            "change_own_password",
            "UOOOOOOOU",
            |_, _| json!({"current": crate::helpers::PASSWORD, "new_password": "another good password"}),
        ),
        f(
            "password_link_info",
            "AAAAAAAAA",
            |_, _| json!({"token": "0".repeat(64)}),
        ),
        f(
            "set_password_by_link",
            "AAAAAAAAA",
            |_, _| json!({"token": "0".repeat(64), "password": "a good password"}),
        ),
        // Candidate data: the audit log for admins and recruiters; holds,
        // erasure and data settings for admins.
        f("list_audit", "UFFFOFFOU", |_, _| json!({"filter": {}})),
        f("get_data_settings", "UFFFFFFOU", none),
        f(
            "save_data_settings",
            "UFFFFFFOU",
            |_, _| json!({"settings": {"retention_rule": "AfterDecision", "retention_days": 90, "referee_consent_text": "Kept 90 days."}}),
        ),
        f(
            "list_holds",
            "UFFFFFFOU",
            |_, _| json!({"subject_ids": null}),
        ),
        f(
            "place_hold",
            "UFFFFFFOU",
            |w, _| json!({"scope": "Candidate", "subject_id": w.candidate_id, "reason": "Claim filed."}),
        ),
        f(
            "lift_hold",
            "UFFFFFFNU",
            |_, _| json!({"hold_id": "no-such-hold", "reason": "Settled."}),
        ),
        f(
            "erase_candidate",
            "UFFFFFFOU",
            |w, _| json!({"candidate_id": w.candidate_id, "reason": "Erasure request."}),
        ),
        // The competency library: people who build or read guides.
        f("list_competencies", "UFFFOOOOU", none),
        f("search_library", "UFFFOOOOU", none),
        f(
            "get_competency",
            "UFFFOOOOU",
            |_, _| json!({"id": "customer-focus"}),
        ),
        // Roles: managers change them; hiring managers read their own.
        f("list_roles", "UFFFOOOOU", none),
        f(
            "create_role",
            "UFFFOFFOU",
            |_, _| json!({"input": {"title": "Another role", "department": "", "description": ""}}),
        ),
        f("get_role", "UFFFOONOU", role),
        f("update_role", "UFFFOFFOU", role_input),
        f("set_role_profile", "UFFFOFFOU", |w, _| {
            json!({"role_id": w.role_id, "entries": [
                {"competency_id": "customer-focus", "required_level": 4, "weight": 1}]})
        }),
        f(
            "set_role_team",
            "UFFFOFFOU",
            |w, _| json!({"role_id": w.role_id, "members": [[w.user_ids["hana"], "HiringManager"]]}),
        ),
        f("list_people", "UFFFOFFOU", none),
        // Guides.
        f("get_guide_draft", "UFFFOONOU", role),
        // The second manager's save carries a revision the first one used up.
        f("save_guide_draft", "UFFFOFFAU", |w, _| {
            json!({"role_id": w.role_id, "revision": w.revision, "guide": {
                "stages": [{"id": "panel", "name": "Panel", "sections": [
                    {"id": "s1", "competency_id": "customer-focus", "minutes": 25,
                     "questions": [question("q1", "customer-focus", "Custom")]}]}],
                "reference_questions": [question("r1", "customer-focus", "Reference")]}})
        }),
        f(
            "publish_guide",
            "UFFFAFFAU",
            |w, _| json!({"role_id": w.role_id, "revision": w.revision}),
        ),
        f("get_bank_competencies", "UFFFOFFOU", role),
        f("preview_guide", "UFFFOONOU", role),
        f("get_published_guide", "UFFFOONOU", role),
        f(
            "preview_markdown",
            "UOOOOOOOU",
            |_, _| json!({"markdown": "**hi**"}),
        ),
        // Candidates and interviews.
        f("list_candidates", "UFFFOONOU", role),
        // The second manager repeats the first one's add or schedule: a 409.
        f(
            "add_candidate",
            "UFFFOFFAU",
            |w, _| json!({"role_id": w.role_id, "input": {"name": "Ann Other", "email": "ann@cand.example", "notes": ""}}),
        ),
        f("get_candidate", "UFFFOONOU", candidate),
        f(
            "set_candidate_status",
            "UFFFOFFOU",
            |w, _| json!({"candidate_id": w.candidate_id, "status": "Interviewing"}),
        ),
        f("schedule_interview", "UFFFOFFAU", |w, _| {
            json!({"input": {"candidate_id": w.candidate_id, "stage_id": "panel",
                   "scheduled_at": 1_900_000_000_000_i64, "panel": [[w.user_ids["ivan"], []]]}})
        }),
        // Scorecards: only the seat's interviewer touches a scorecard.
        f("list_my_interviews", "UOOOOOOOU", none),
        f("load_scorecard", "UOONNNNNU", interview),
        f(
            "save_scorecard",
            "UAONNNNNU",
            |w, c| json!({"write": scorecard_write(w, c, json!({"questions": {"q1": {"notes": "More."}}}))}),
        ),
        f(
            "submit_scorecard",
            "UAONNNNNU",
            |w, c| json!({"write": scorecard_write(w, c, complete_scorecard())}),
        ),
        f(
            "amend_scorecard",
            "UOANNNNNU",
            |w, c| json!({"write": scorecard_write(w, c, complete_scorecard()), "reason": "Typo in evidence."}),
        ),
        // Blind rating: the drafting panel member is told to submit first.
        f("list_submitted_scorecards", "UOSNOONOU", candidate),
        // Summaries: readers of the role who owe no scorecard on the panel.
        f("get_candidate_summary", "UNNNOONOU", candidate),
        f(
            "record_decision",
            "UNNNFONOU",
            |w, _| json!({"input": {"candidate_id": w.candidate_id, "decision": "hold", "rationale": "Waiting for references."}}),
        ),
        f("get_role_agreement", "UNNNOONOU", role),
        // Rater analytics: managers read every interviewer; anyone else only
        // their own (another's is not found).
        f("list_raters", "UFFFOFFOU", none),
        f(
            "get_rater_figures",
            "UONNONNOU",
            |w, _| json!({"rater_id": w.user_ids["sam"]}),
        ),
        // Reference checks, recruiter side.
        f("list_references", "UFFFOONOU", candidate),
        f("reference_summary", "UFFFOONOU", candidate),
        f("add_referee", "UFFFOFFOU", |w, _| {
            json!({"candidate_id": w.candidate_id, "input": {"name": "Nia", "email": "nia@ref.example",
                   "phone": "", "relationship": "Peer", "months_worked": 6}})
        }),
        f("send_reference_invitation", "UFFFOFFOU", request),
        f("reference_questions", "UFFFOFFOU", request),
        f("record_phone_check", "UFFFOFFAU", |w, _| {
            json!({"request_id": w.pending_request_id, "input": {"called_by": "Rita", "called_at": "",
                   "answers": [{"question_id": "r1", "rating": 3, "cant_say": false, "text": "Fine."}]}})
        }),
        // No such signal: a manager gets past the check and is told so.
        f(
            "review_reference_signal",
            "UFFFAFFAU",
            |w, _| json!({"candidate_id": w.candidate_id, "signal_key": "none", "note": "Checked."}),
        ),
        // The referee's form: only the link's holder gets anywhere.
        f("load_referee_form", "NNNNNNNNO", referee_token),
        f("referee_consent", "NNNNNNNNO", referee_token),
        f("referee_save_draft", "NNNNNNNNO", referee_answers),
        f("referee_submit", "NNNNNNNNO", referee_answers),
        f(
            "referee_decline",
            "NNNNNNNNO",
            |w, c| json!({"token": w.referee_token_for(c), "reason": "I barely knew them."}),
        ),
    ]
}

/// Every route that is not a page or a server function.
pub fn routes() -> Vec<Row> {
    vec![
        Row::Get {
            name: "GET /healthz",
            path: |_| "/healthz".into(),
            expected: "OOOOOOOOO",
        },
        Row::Get {
            name: "GET /export/competency/{id}",
            path: |_| "/export/competency/customer-focus".into(),
            expected: "UFFFOOOOU",
        },
        Row::Get {
            name: "GET /roles/{id}/packet.pdf",
            path: |w| format!("/roles/{}/packet.pdf?stage=panel", w.role_id),
            expected: "UNNNOONOU",
        },
        Row::Get {
            name: "GET /interviews/{id}/packet.pdf",
            path: |w| format!("/interviews/{}/packet.pdf", w.interview_id),
            expected: "UOONOONOU",
        },
        Row::Get {
            name: "GET /candidates/{id}/export.zip",
            path: |w| format!("/candidates/{}/export.zip", w.candidate_id),
            expected: "UFFFFFFOU",
        },
        Row::Get {
            name: "GET /audit.csv",
            path: |w| format!("/audit.csv?candidate_id={}", w.candidate_id),
            expected: "UFFFOFFOU",
        },
        Row::Get {
            name: "GET /candidates/{id}/summary.pdf",
            path: |w| format!("/candidates/{}/summary.pdf", w.candidate_id),
            expected: "UNNNOONOU",
        },
        Row::Post {
            name: "POST /auth/logout",
            path: "/auth/logout",
            expected: "OOOOOOOOO",
        },
    ]
}
