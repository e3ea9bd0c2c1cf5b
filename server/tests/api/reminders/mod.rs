//! Reminders: when they fall due (on a clock the tests move), that they
//! stop when the work is done, that several app servers send each one once,
//! and that without mail they wait on the recruiters' home page.

mod manual;
mod servers;
mod timing;

use crate::fixtures::*;
use crate::helpers::*;
use app::mail::{MailError, Mailer, OutgoingMail};
use app::model::{Role, ScorecardWrite, TeamRole};
use app::server_fns::referee::{LoadRefereeForm, RefereeConsent, RefereeDecline, RefereeSubmit};
use app::server_fns::references::{AddReferee, SendReferenceInvitation};
use app::server_fns::scorecards::SubmitScorecard;
use app::settings::{ReferenceSettings, ReminderSettings};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

pub(super) const HOUR: i64 = 3_600_000;
pub(super) const DAY: i64 = 24 * HOUR;

/// A mailer that keeps what it is given.
#[derive(Debug, Default)]
pub(super) struct Capture(Mutex<Vec<OutgoingMail>>);

impl Mailer for Capture {
    fn send<'a>(
        &'a self,
        mail: &'a OutgoingMail,
    ) -> Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>> {
        self.0.lock().unwrap().push(mail.clone());
        Box::pin(async { Ok(()) })
    }
}

impl Capture {
    /// What was sent so far.
    pub(super) fn mails(&self) -> Vec<OutgoingMail> {
        self.0.lock().unwrap().clone()
    }
}

/// Mail settings: through `capture` when given, else none (manual).
pub(super) fn mail(capture: Option<&Arc<Capture>>) -> ReferenceSettings {
    ReferenceSettings {
        public_url: Some("https://hire.example.org".into()),
        mailer: capture.map(|c| Arc::clone(c) as Arc<dyn Mailer>),
        ..ReferenceSettings::default()
    }
}

/// One round at `now` with the default settings.
pub(super) async fn round(
    app: &TestApp,
    mail: &ReferenceSettings,
    now: i64,
) -> app::services::reminders::RunReport {
    app::services::reminders::run(&app.db, mail, &ReminderSettings::default(), now)
        .await
        .unwrap()
}

/// A candidate, Cara, interviewed two hours ago (real time) by Ivan and
/// Ines, for a role whose guide asks one reference question.
pub(super) struct World {
    pub(super) app: TestApp,
    pub(super) rita: String,
    pub(super) ivan: String,
    pub(super) ines: String,
    pub(super) cara: String,
    pub(super) interview_id: String,
    /// When the interview started.
    pub(super) at: i64,
}

pub(super) async fn world(backend: &Backend) -> World {
    let app = spawn_app(backend).await;
    server::banks::import_shipped(&app.db).await.unwrap();
    let (_, rita) = person(&app, "rita", "Rita Recruiter", Role::Recruiter).await;
    let (ivan_id, ivan) = person(&app, "ivan", "Ivan Interviewer", Role::Interviewer).await;
    let (ines_id, ines) = person(&app, "ines", "Ines Interviewer", Role::Interviewer).await;
    let r = app.recruiter(&rita);
    let role_id = r.role("Care lead").await;
    r.profile(&role_id, &[("customer-focus", 3, 1)]).await;
    r.team(
        &role_id,
        &[
            (ivan_id.as_str(), TeamRole::Interviewer),
            (ines_id.as_str(), TeamRole::Interviewer),
        ],
    )
    .await;
    r.publish(&role_id, panel_guide(&["customer-focus"])).await;
    let cara = r
        .candidate(&role_id, "Cara Candidate", "cara@cand.example")
        .await;
    let at = app::db::now_ms() - 2 * HOUR;
    let scheduled = r
        .schedule(&cara, "panel", at, &[(&ivan_id, &[]), (&ines_id, &[])])
        .await;
    World {
        app,
        rita,
        ivan,
        ines,
        cara,
        interview_id: scheduled.interview_id,
        at,
    }
}

impl World {
    /// When the interview ended (the one-hour assumption).
    pub(super) fn ended(&self) -> i64 {
        self.at + HOUR
    }

    /// Submits the scorecard of the holder of `session`.
    pub(super) async fn submit_scorecard(&self, session: &str) {
        let write = ScorecardWrite {
            interview_id: self.interview_id.clone(),
            base_version: 0,
            idempotency_key: app::db::ids::new_id(),
            content: crate::access_matrix::world::complete_content(),
        };
        let _ = self.app.run(session, SubmitScorecard { write }).await;
    }

    /// Adds and invites referee `name` <`login`@work.example>; returns the
    /// request id, the link's token and a moment just after it was sent.
    pub(super) async fn referee(&self, name: &str, login: &str) -> (String, String, i64) {
        let input = referee_input(name, &format!("{login}@work.example"), "");
        let add = AddReferee {
            candidate_id: self.cara.clone(),
            input,
        };
        let request_id: String = self.app.run(&self.rita, add).await;
        let invite = self
            .app
            .run(
                &self.rita,
                SendReferenceInvitation {
                    request_id: request_id.clone(),
                },
            )
            .await;
        // Read after the invitation, so `sent` is at or after its time.
        let sent = app::db::now_ms();
        let token = link_token(&invite.link.expect("no mailer: the link is shown"));
        (request_id, token, sent)
    }

    /// The referee holding `token` declines.
    pub(super) async fn decline(&self, token: &str) {
        let reason = "We never worked closely.".to_owned();
        let token = token.to_owned();
        self.app
            .run_anonymous(RefereeDecline { token, reason })
            .await;
    }

    /// The referee holding `token` consents and answers.
    pub(super) async fn answer(&self, token: &str) {
        let token = token.to_owned();
        self.app
            .run_anonymous(RefereeConsent {
                token: token.clone(),
            })
            .await;
        let form = self
            .app
            .run_anonymous(LoadRefereeForm {
                token: token.clone(),
            })
            .await;
        let answers = vec![answer(&form.questions[0].id, Some(4), "Calm and kind.")];
        self.app
            .run_anonymous(RefereeSubmit { token, answers })
            .await;
    }
}
