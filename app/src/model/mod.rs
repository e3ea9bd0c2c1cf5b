//! Types shared by the server and the browser.

pub mod agreement;
pub mod calibration;
mod candidate;
mod data_admin;
pub mod datetime;
mod email;
mod guide;
mod hiring_role;
mod home;
mod library;
pub mod question_version;
pub mod rater;
mod reference;
mod reminder;
mod role;
mod scorecard;
mod slate;
pub mod summary;
mod user;

pub use agreement::{AgreementRow, RoleAgreement, median_text};
pub use calibration::{
    AttemptSummary, CalibrationExercise, CalibrationOverview, CalibrationResult, ExerciseSample,
    InterviewerCalibration, ResultSample, RoleCalibration, SampleRating,
};
pub use candidate::{
    CandidateDetail, CandidateInput, CandidateSummary, InterviewSummary, PanelMember,
    PipelineStatus, ScheduleInput, ScheduleResult,
};
pub use data_admin::{
    AUDIT_PAGE_SIZE, AccountView, AuditFilter, AuditPage, AuditRow, DEFAULT_CONSENT_TEXT,
    DataSettings, HoldScope, InviteInput, LegalHold, MAX_CONSENT_CHARS, PasswordLink,
    PasswordLinkFor, RetentionItem, RetentionRule,
};
pub use datetime::{date_label, format_day, format_utc, parse_utc};
pub use email::{Email, InvalidEmail};
pub use guide::{
    CompetencySnapshot, Guide, GuideDraft, GuideQuestion, GuideQuestionKind, PublishedGuide,
    Section, Stage, for_candidate,
};
pub use hiring_role::{
    ProfileEntry, RoleCompetency, RoleDetail, RoleInput, RoleSummary, TeamMember, TeamRole,
};
pub use home::{
    HomeTodo, REFERENCE_EXPIRING_DAYS, SCORECARD_OVERDUE_HOURS, TODO_SHOWN, TodoItem, TodoKind,
    TodoLink, TodoSection, sort_items,
};
pub use library::{CompetencyOutline, QuestionFilter, QuestionHit, RenderedCompetency};
pub use question_version::{
    QuestionActionReport, QuestionChange, QuestionHistory, QuestionVersion, RetireQuestionInput,
    Retirement, ReviseQuestionInput,
};
pub use reference::{
    AnchorView, AnsweredQuestion, CandidateReferences, CompetencyReferenceRating, FraudSignal,
    InviteResult, OVERDUE_AFTER_DAYS, PhoneCheck, PhoneCheckInput, RefereeForm, RefereeFormState,
    RefereeInput, ReferenceAggregate, ReferenceAnswer, ReferenceMethod, ReferenceQuestionView,
    ReferenceRequestView, ReferenceStatus, ReferenceTimes, Relationship, SignalKind, SignalReview,
    answer_field,
};
pub use reminder::{PanelReminder, REFEREE_REMINDERS_MAX, ReminderNote};
pub use role::{Role, UnknownRole};
pub use scorecard::{
    Assessment, CompetencyScore, MAX_REASON_CHARS, MAX_TEXT_CHARS, MyInterview, QuestionNotes,
    Recommendation, SUBMITTED_PER_PAGE, ScorecardContent, ScorecardState, ScorecardStatus,
    ScorecardWrite, ScoringSheet, SheetAnchor, SheetCompetency, SheetKeyElement, SheetQuestion,
    SheetSection, SubmittedScorecard, WriteAck, WriteConflict, WriteOutcome, behavior_id,
    sort_my_interviews,
};
pub use slate::{
    OVERALL_FORMULA, Slate, SlateCell, SlateColumn, SlateRow, SlateSort, sort_rows,
    weighted_overall,
};
pub use summary::{
    CompetencyRow, Decision, DecisionInput, DecisionKind, PanelSummary, QuestionNote, Rater,
    RaterScore, ReferenceComment, ReferenceCommentAnswer,
};
pub use user::{CurrentUser, PEOPLE_PAGE, PEOPLE_QUERY_MAX, PeoplePage, UserSummary};
