//! The table: who may call what, and with which body.
//!
//! Letters per caller: anonymous, seated+submitted, seated+draft, unseated
//! interviewer, recruiter, team hiring manager, other hiring manager, admin,
//! referee. See the module docs of `access_matrix` for their meaning.

use super::world::{Caller, World, complete_content, question};
use crate::fixtures::{Encoded, Wire, answer, decision, notes, referee_input, scorecard_write};
use app::model::{
    AuditFilter, CandidateInput, DataSettings, DecisionKind, Guide, GuideQuestionKind, HoldScope,
    InviteInput, PhoneCheckInput, PipelineStatus, ProfileEntry, QuestionFilter, RefereeInput,
    ReferenceAnswer, Relationship, RetentionRule, RetireQuestionInput, ReviseQuestionInput, Role,
    RoleInput, ScheduleInput, ScorecardContent, ScorecardWrite, Section, Stage, TeamRole,
};
use app::server_fns::accounts::{
    ChangeOwnPassword, InviteUser, ListAccounts, PasswordLinkInfo, ResetPasswordLink,
    SetPasswordByLink, SetUserActive, SetUserRole,
};
use app::server_fns::calibration::{
    CalibrationGate, GetRoleCalibration, ListCalibrations, LoadCalibrationExercise,
    LoadCalibrationResult, SetRoleCalibration, SubmitCalibration,
};
use app::server_fns::candidates::{
    AddCandidate, GetCandidate, ListCandidates, ScheduleInterview, SetCandidateStatus,
};
use app::server_fns::data::{
    EraseCandidate, GetDataSettings, LiftHold, ListAudit, ListHolds, PlaceHold, SaveDataSettings,
};
use app::server_fns::guides::{
    GetBankCompetencies, GetGuideDraft, GetPublishedGuide, PreviewGuide, PreviewMarkdown,
    PublishGuide, SaveGuideDraft,
};
use app::server_fns::home::GetHome;
use app::server_fns::library::{GetCompetency, ListCompetencies, SearchLibrary};
use app::server_fns::questions::{GetQuestionHistories, RetireQuestion, ReviseQuestion};
use app::server_fns::raters::{GetRaterFigures, ListRaters};
use app::server_fns::referee::{
    LoadRefereeForm, RefereeConsent, RefereeDecline, RefereeSaveDraft, RefereeSubmit,
};
use app::server_fns::references::{
    AddReferee, ListReferences, RecordPhoneCheck, ReferenceQuestions, ReferenceSummary,
    ReviewReferenceSignal, SendReferenceInvitation,
};
use app::server_fns::roles::{
    CreateRole, FindPeople, GetRole, ListPeople, ListRoles, SetRoleProfile, SetRoleTeam, UpdateRole,
};
use app::server_fns::scorecards::{
    AmendScorecard, ListMyInterviews, ListSubmittedScorecards, LoadScorecard, SaveScorecard,
    SubmitScorecard,
};
use app::server_fns::session::SessionUser;
use app::server_fns::slate::GetSlate;
use app::server_fns::summaries::{GetCandidateSummary, GetRoleAgreement};
use app::server_fns::time_zones::{MyTimeZone, SetMyTimeZone, TimeZoneNames};
use app::server_fns::users::ListUsers;
use leptos::server_fn::ServerFn;
use serde::Serialize;

/// The call a caller makes to a server function, encoded.
type Body = Box<dyn Fn(&World, Caller) -> Encoded>;

/// One endpoint and what each caller gets.
pub enum Row {
    /// A server function at `/api/{name}`, with the call each caller makes.
    Fn {
        name: &'static str,
        call: Body,
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

/// The row of server function `F`, called with the arguments `body` makes.
fn f<F, B>(expected: &'static str, body: B) -> Row
where
    F: ServerFn + Serialize,
    F::Protocol: Wire,
    B: Fn(&World, Caller) -> F + 'static,
{
    Row::Fn {
        name: F::PATH.trim_start_matches("/api/"),
        call: Box::new(move |w, c| Encoded::of(&body(w, c))),
        expected,
    }
}

fn role_id(w: &World) -> String {
    w.role_id.clone()
}
fn candidate_id(w: &World) -> String {
    w.candidate_id.clone()
}
fn referee_answers() -> Vec<ReferenceAnswer> {
    vec![answer("r1", Some(4), "Helpful.")]
}
fn role_input(title: &str, department: &str, description: &str) -> RoleInput {
    RoleInput {
        title: title.into(),
        department: department.into(),
        description: description.into(),
    }
}
fn write(w: &World, c: Caller, content: ScorecardContent) -> ScorecardWrite {
    let key = format!("matrix-{c:?}");
    scorecard_write(&w.interview_id, w.own_version(c), &key, content)
}
fn more_notes() -> ScorecardContent {
    ScorecardContent {
        questions: [("q1".to_owned(), notes("More."))].into(),
        ..Default::default()
    }
}

/// Every server function. Keep in the order of `app/src/server_fns/`.
pub fn server_fns() -> Vec<Row> {
    vec![
        // Sessions and accounts.
        f("OOOOOOOOO", |_, _| SessionUser {}),
        f("UFFFFFFOU", |_, _| ListUsers {}),
        // Account administration: admins only; anyone signed in changes
        // their own password; set-password links answer only their holder.
        f("UFFFFFFOU", |_, _| ListAccounts {}),
        f("UFFFFFFOU", |_, _| InviteUser {
            input: InviteInput {
                email: "new@example.org".into(),
                name: "New".into(),
                role: Role::Interviewer,
            },
        }),
        f("UFFFFFFOU", |w, _| SetUserRole {
            user_id: w.user_ids["ivan"].clone(),
            role: Role::Recruiter,
        }),
        f("UFFFFFFOU", |w, _| SetUserActive {
            user_id: w.user_ids["ivan"].clone(),
            active: false,
        }),
        f("UFFFFFFOU", |w, _| ResetPasswordLink {
            user_id: w.user_ids["ivan"].clone(),
        }),
        f("UOOOOOOOU", |_, _| ChangeOwnPassword {
            current: crate::helpers::PASSWORD.into(),
            new_password: "another good password".into(),
        }),
        f("AAAAAAAAA", |_, _| PasswordLinkInfo {
            token: "0".repeat(64),
        }),
        f("AAAAAAAAA", |_, _| SetPasswordByLink {
            token: "0".repeat(64),
            password: "a good password".into(),
        }),
        // Candidate data: the audit log for admins and recruiters; holds,
        // erasure and data settings for admins.
        f("UFFFOFFOU", |_, _| ListAudit {
            filter: AuditFilter::default(),
        }),
        f("UFFFFFFOU", |_, _| GetDataSettings {}),
        f("UFFFFFFOU", |_, _| SaveDataSettings {
            settings: DataSettings {
                retention_rule: RetentionRule::AfterDecision,
                retention_days: 90,
                referee_consent_text: "Kept 90 days.".into(),
            },
        }),
        f("UFFFFFFOU", |_, _| ListHolds { subject_ids: None }),
        f("UFFFFFFOU", |w, _| PlaceHold {
            scope: HoldScope::Candidate,
            subject_id: candidate_id(w),
            reason: "Claim filed.".into(),
        }),
        f("UFFFFFFNU", |_, _| LiftHold {
            hold_id: "no-such-hold".into(),
            reason: "Settled.".into(),
        }),
        f("UFFFFFFOU", |w, _| EraseCandidate {
            candidate_id: candidate_id(w),
            reason: "Erasure request.".into(),
        }),
        // The competency library: people who build or read guides.
        f("UFFFOOOOU", |_, _| ListCompetencies {}),
        f("UFFFOOOOU", |_, _| SearchLibrary {
            filter: QuestionFilter::default(),
        }),
        f("UFFFOOOOU", |_, _| GetCompetency {
            id: "customer-focus".into(),
        }),
        // Retiring and revising bank questions: recruiters and admins (the
        // second of them meets the question already retired or revised).
        f("UFFFOOOOU", |_, _| GetQuestionHistories {
            competency_id: "customer-focus".into(),
        }),
        f("UFFFAFFAU", |_, _| RetireQuestion {
            input: RetireQuestionInput {
                question_id: "cf-q-overcommitment".into(),
                reason: "Read as a trick question.".into(),
            },
        }),
        f("UFFFAFFAU", |_, _| ReviseQuestion {
            input: ReviseQuestionInput {
                question_id: "cf-q-learning-customer-needs".into(),
                text: "Tell me about a customer whose real need you found.".into(),
                reason: "Ask for a real case.".into(),
            },
        }),
        // Calibration: anyone signed in takes exercises and reads their own
        // attempts; a role's requirement is read by its readers and set by
        // managers; the gate answers panel members.
        f("UOOOOOOOU", |_, _| ListCalibrations {}),
        f("UOOOOOOOU", |_, _| LoadCalibrationExercise {
            competency_id: "customer-focus".into(),
        }),
        f("UAAAAAAAU", |_, _| SubmitCalibration {
            competency_id: "customer-focus".into(),
            ratings: Vec::new(),
        }),
        f("UNNNNNNNU", |_, _| LoadCalibrationResult {
            attempt_id: "no-such-attempt".into(),
        }),
        f("UNNNOONOU", |w, _| GetRoleCalibration {
            role_id: role_id(w),
        }),
        f("UFFFOFFOU", |w, _| SetRoleCalibration {
            role_id: role_id(w),
            required: false,
        }),
        f("UOONNNNNU", |w, _| CalibrationGate {
            interview_id: w.interview_id.clone(),
        }),
        // Roles: managers change them; hiring managers read their own.
        f("UFFFOOOOU", |_, _| ListRoles {}),
        f("UFFFOFFOU", |_, _| CreateRole {
            input: role_input("Another role", "", ""),
        }),
        f("UFFFOONOU", |w, _| GetRole {
            role_id: role_id(w),
        }),
        f("UFFFOFFOU", |w, _| UpdateRole {
            role_id: role_id(w),
            input: role_input("Support Lead", "Care", "Edited."),
        }),
        f("UFFFOFFOU", |w, _| SetRoleProfile {
            role_id: role_id(w),
            entries: vec![ProfileEntry {
                competency_id: "customer-focus".into(),
                required_level: 4,
                weight: 1,
            }],
        }),
        f("UFFFOFFOU", |w, _| SetRoleTeam {
            role_id: role_id(w),
            members: vec![(w.user_ids["hana"].clone(), TeamRole::HiringManager)],
        }),
        f("UFFFOFFOU", |_, _| ListPeople {}),
        f("UFFFOFFOU", |_, _| FindPeople { query: "iv".into() }),
        // Guides.
        f("UFFFOONOU", |w, _| GetGuideDraft {
            role_id: role_id(w),
        }),
        // The second manager's save carries a revision the first one used up.
        f("UFFFOFFAU", |w, _| SaveGuideDraft {
            role_id: role_id(w),
            revision: w.revision,
            guide: Guide {
                stages: vec![Stage {
                    id: "panel".into(),
                    name: "Panel".into(),
                    sections: vec![Section {
                        id: "s1".into(),
                        competency_id: "customer-focus".into(),
                        minutes: 25,
                        questions: vec![question(
                            "q1",
                            "customer-focus",
                            GuideQuestionKind::Custom,
                        )],
                    }],
                }],
                reference_questions: vec![question(
                    "r1",
                    "customer-focus",
                    GuideQuestionKind::Reference,
                )],
            },
        }),
        f("UFFFAFFAU", |w, _| PublishGuide {
            role_id: role_id(w),
            revision: w.revision,
        }),
        f("UFFFOFFOU", |w, _| GetBankCompetencies {
            role_id: role_id(w),
        }),
        f("UFFFOONOU", |w, _| PreviewGuide {
            role_id: role_id(w),
        }),
        f("UFFFOONOU", |w, _| GetPublishedGuide {
            role_id: role_id(w),
        }),
        f("UOOOOOOOU", |_, _| PreviewMarkdown {
            markdown: "**hi**".into(),
        }),
        // Candidates and interviews.
        f("UFFFOONOU", |w, _| ListCandidates {
            role_id: role_id(w),
        }),
        // The second manager repeats the first one's add or schedule: a 409.
        f("UFFFOFFAU", |w, _| AddCandidate {
            role_id: role_id(w),
            input: CandidateInput {
                name: "Ann Other".into(),
                email: "ann@cand.example".into(),
                notes: String::new(),
            },
        }),
        f("UFFFOONOU", |w, _| GetCandidate {
            candidate_id: candidate_id(w),
        }),
        f("UFFFOFFOU", |w, _| SetCandidateStatus {
            candidate_id: candidate_id(w),
            status: PipelineStatus::Interviewing,
        }),
        f("UFFFOFFAU", |w, _| ScheduleInterview {
            input: ScheduleInput {
                candidate_id: candidate_id(w),
                stage_id: "panel".into(),
                scheduled_at: Some(1_900_000_000_000),
                panel: vec![(w.user_ids["ivan"].clone(), Vec::new())],
                ..Default::default()
            },
        }),
        // Scorecards: only the seat's interviewer touches a scorecard.
        f("UOOOOOOOU", |_, _| ListMyInterviews { page: None }),
        f("UOOOOOOOU", |_, _| GetHome {}),
        f("UOONNNNNU", |w, _| LoadScorecard {
            interview_id: w.interview_id.clone(),
        }),
        f("UAONNNNNU", |w, c| SaveScorecard {
            write: write(w, c, more_notes()),
        }),
        f("UAONNNNNU", |w, c| SubmitScorecard {
            write: write(w, c, complete_content()),
        }),
        f("UOANNNNNU", |w, c| AmendScorecard {
            write: write(w, c, complete_content()),
            reason: "Typo in evidence.".into(),
        }),
        // Blind rating: the drafting panel member is told to submit first.
        f("UOSNOONOU", |w, _| ListSubmittedScorecards {
            candidate_id: candidate_id(w),
            interview_id: None,
        }),
        // Summaries: readers of the role who owe no scorecard on the panel.
        f("UNNNOONOU", |w, _| GetCandidateSummary {
            candidate_id: candidate_id(w),
        }),
        f("UNNNFONOU", |w, _| {
            decision(
                &w.candidate_id,
                DecisionKind::Hold,
                "Waiting for references.",
            )
        }),
        f("UNNNOONOU", |w, _| GetRoleAgreement {
            role_id: role_id(w),
        }),
        // Time zones: each person their own.
        f("UOOOOOOOU", |_, _| MyTimeZone {}),
        f("UOOOOOOOU", |_, _| TimeZoneNames {}),
        f("UOOOOOOOU", |_, _| SetMyTimeZone {
            time_zone: "Europe/Berlin".into(),
        }),
        // Rater analytics: managers read every interviewer; anyone else only
        // their own (another's is not found).
        f("UFFFOFFOU", |_, _| ListRaters {}),
        f("UONNONNOU", |w, _| GetRaterFigures {
            rater_id: Some(w.user_ids["sam"].clone()),
        }),
        f("UNNNOONOU", |w, _| GetSlate {
            role_id: role_id(w),
            sort: None,
        }),
        // Reference checks, recruiter side.
        f("UFFFOONOU", |w, _| ListReferences {
            candidate_id: candidate_id(w),
        }),
        f("UFFFOONOU", |w, _| ReferenceSummary {
            candidate_id: candidate_id(w),
        }),
        f("UFFFOFFOU", |w, _| AddReferee {
            candidate_id: candidate_id(w),
            input: RefereeInput {
                relationship: Relationship::Peer,
                months_worked: 6,
                ..referee_input("Nia", "nia@ref.example", "")
            },
        }),
        f("UFFFOFFOU", |w, _| SendReferenceInvitation {
            request_id: w.pending_request_id.clone(),
        }),
        f("UFFFOFFOU", |w, _| ReferenceQuestions {
            request_id: w.pending_request_id.clone(),
        }),
        f("UFFFOFFAU", |w, _| RecordPhoneCheck {
            request_id: w.pending_request_id.clone(),
            input: PhoneCheckInput {
                called_by: "Rita".into(),
                called_at: String::new(),
                answers: vec![answer("r1", Some(3), "Fine.")],
            },
        }),
        // No such signal: a manager gets past the check and is told so.
        f("UFFFAFFAU", |w, _| ReviewReferenceSignal {
            candidate_id: candidate_id(w),
            signal_key: "none".into(),
            note: "Checked.".into(),
        }),
        // The referee's form: only the link's holder gets anywhere.
        f("NNNNNNNNO", |w, c| LoadRefereeForm {
            token: w.referee_token_for(c),
        }),
        f("NNNNNNNNO", |w, c| RefereeConsent {
            token: w.referee_token_for(c),
        }),
        f("NNNNNNNNO", |w, c| RefereeSaveDraft {
            token: w.referee_token_for(c),
            answers: referee_answers(),
        }),
        f("NNNNNNNNO", |w, c| RefereeSubmit {
            token: w.referee_token_for(c),
            answers: referee_answers(),
        }),
        f("NNNNNNNNO", |w, c| RefereeDecline {
            token: w.referee_token_for(c),
            reason: "I barely knew them.".into(),
        }),
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
            name: "GET /interviews/{id}/invite.ics",
            path: |w| format!("/interviews/{}/invite.ics", w.interview_id),
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
        Row::Get {
            name: "GET /roles/{id}/slate.pdf",
            path: |w| format!("/roles/{}/slate.pdf?sort=name", w.role_id),
            expected: "UNNNOONOU",
        },
        Row::Post {
            name: "POST /auth/logout",
            path: "/auth/logout",
            expected: "OOOOOOOOO",
        },
    ]
}
