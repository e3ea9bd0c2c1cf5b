//! The calendar invitation of one interview: the `.ics` a person who may
//! see the interview downloads, and the invitations mailed to the panel.
//!
//! What an invitation says: candidate, role, stage, time, the panel's names
//! and the scoring page. Never a rating, note or recommendation: nothing
//! from any scorecard is read here.

use super::ics::{self, Event, Method, Person};
use crate::db::Db;
use crate::db::interviews::InterviewRecord;
use crate::errors::AppError;
use crate::model::{CurrentUser, PanelMember};
use crate::services::time::{Zone, format_span, zone_of};
use crate::settings::ReferenceSettings;

/// Length assumed for an interview scheduled without an end.
const DEFAULT_MS: i64 = 3_600_000;

/// What an invitation is made of, read once.
struct Gathered {
    interview: InterviewRecord,
    candidate: String,
    role_title: String,
    panel: Vec<PanelMember>,
    addresses: Vec<(String, String)>,
    organizer: Person,
}

impl Gathered {
    fn address(&self, user_id: &str) -> String {
        self.addresses
            .iter()
            .find(|(id, _)| id == user_id)
            .map(|(_, email)| email.clone())
            .unwrap_or_default()
    }

    fn scoring_link(&self, base: &str) -> String {
        format!(
            "{}/interviews/{}",
            base.trim_end_matches('/'),
            self.interview.id
        )
    }

    fn summary(&self) -> String {
        format!(
            "Interview: {} ({}, {})",
            self.candidate, self.role_title, self.interview.stage_name
        )
    }

    fn panel_names(&self) -> String {
        let names: Vec<&str> = self.panel.iter().map(|p| p.name.as_str()).collect();
        names.join(", ")
    }

    /// The event text; `reader` adds their own focus when they sit on the panel.
    fn event(&self, base: &str, start: i64, reader: Option<&PanelMember>) -> Event {
        let link = self.scoring_link(base);
        let mut description = format!(
            "Candidate: {}\nRole: {}\nStage: {}\nPanel: {}\n",
            self.candidate,
            self.role_title,
            self.interview.stage_name,
            self.panel_names()
        );
        if let Some(me) = reader.filter(|m| !m.focus_names.is_empty()) {
            description.push_str(&format!("Your focus: {}\n", me.focus_names.join(", ")));
        }
        description.push_str(&format!("Scoring page: {link}\n"));
        Event {
            uid: format!("interview-{}@{}", self.interview.id, host(base)),
            sequence: 0,
            stamp: crate::db::now_ms(),
            start,
            end: self.interview.ends_at.unwrap_or(start + DEFAULT_MS),
            summary: self.summary(),
            description,
            url: link,
            organizer: self.organizer.clone(),
            attendees: self
                .panel
                .iter()
                .map(|p| Person {
                    name: p.name.clone(),
                    email: self.address(&p.user_id),
                })
                .collect(),
        }
    }
}

/// The host part of `base` (`hire.example.org` of `https://hire.example.org:8443`).
fn host(base: &str) -> String {
    let rest = base.split_once("://").map_or(base, |(_, r)| r);
    let host = rest.split(['/', ':']).next().unwrap_or_default();
    if host.is_empty() {
        "panelkit".to_owned()
    } else {
        host.to_owned()
    }
}

async fn gather(db: &Db, org_id: &str, interview_id: &str) -> Result<Option<Gathered>, AppError> {
    let Some(interview) = crate::db::interviews::find_interview(db, org_id, interview_id).await?
    else {
        return Ok(None);
    };
    let Some(candidate) =
        crate::db::candidates::find_candidate(db, org_id, &interview.candidate_id).await?
    else {
        return Ok(None);
    };
    let panel = crate::db::interviews::panel(db, org_id, interview_id).await?;
    let addresses = crate::db::calendar::panel_addresses(db, org_id, interview_id).await?;
    let (name, email) = crate::db::calendar::organizer(db, org_id, interview_id)
        .await?
        .unwrap_or_default();
    Ok(Some(Gathered {
        interview,
        candidate: candidate.summary.name,
        role_title: candidate.role_title,
        panel,
        addresses,
        organizer: Person { name, email },
    }))
}

/// The `.ics` of `interview_id` for `user`, with links under `base`: the
/// file's name (without `.ics`) and its text. The panel, managers and the
/// role's hiring managers get it; to anyone else the interview does not
/// exist. An interview without a time has nothing to put in a calendar.
#[tracing::instrument(level = "debug", skip_all, fields(interview_id = %interview_id))]
pub async fn ics_for(
    db: &Db,
    user: &CurrentUser,
    base: &str,
    interview_id: &str,
) -> Result<(String, String), AppError> {
    let g = gather(db, &user.org_id, interview_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let me = g.panel.iter().find(|p| p.user_id == user.id);
    if !crate::services::access::may_see_interview(db, user, &g.interview.role_id, me.is_some())
        .await?
    {
        return Err(AppError::NotFound);
    }
    let Some(start) = g.interview.scheduled_at else {
        return Err(AppError::Conflict(
            "This interview has no time yet, so there is nothing to add to a calendar.".into(),
        ));
    };
    crate::services::audit_log::record_read(db, user, "interview.ics", interview_id).await?;
    let text = ics::calendar(&g.event(base, start, me), Method::Publish);
    Ok((
        format!("interview {} {}", g.candidate, g.interview.stage_name),
        text,
    ))
}

/// Mails each panel member of `interview_id` an invitation with its `.ics`
/// attached (`method=REQUEST`), its time in their own zone, and keeps each in
/// the outbox. Without a mailer nothing is sent: the panel downloads the
/// file from the page. Returns how many were handed to the mail server.
#[tracing::instrument(level = "debug", skip_all, fields(interview_id = %interview_id))]
pub async fn mail_invitations(
    db: &Db,
    user: &CurrentUser,
    settings: &ReferenceSettings,
    interview_id: &str,
) -> Result<usize, AppError> {
    use crate::db::outbox::{OutboxEntry, OutboxStatus};
    use crate::mail::{MailAttachment, OutgoingMail};
    let Some(mailer) = &settings.mailer else {
        return Ok(0);
    };
    let Some(g) = gather(db, &user.org_id, interview_id).await? else {
        return Ok(0);
    };
    let Some(start) = g.interview.scheduled_at else {
        return Ok(0);
    };
    let base = crate::services::references::invitation::base_url(settings);
    let mut sent = 0;
    for member in &g.panel {
        let reader = CurrentUser {
            id: member.user_id.clone(),
            org_id: user.org_id.clone(),
            email: g.address(&member.user_id),
            name: member.name.clone(),
            role: user.role,
        };
        let zone = zone_of(db, &reader).await?;
        let event = g.event(&base, start, Some(member));
        let mail = OutgoingMail {
            to: reader.email.clone(),
            to_name: member.name.clone(),
            reply_to: (!g.organizer.email.is_empty()).then(|| g.organizer.email.clone()),
            subject: g.summary(),
            body: body(&g, member, &zone, &event),
            attachments: vec![MailAttachment {
                filename: "invite.ics".to_owned(),
                content_type: "text/calendar; charset=UTF-8; method=REQUEST".to_owned(),
                content: ics::calendar(&event, Method::Request).into_bytes(),
            }],
        };
        let result = mailer.send(&mail).await;
        let (status, error) = match &result {
            Ok(()) => (OutboxStatus::Sent, String::new()),
            Err(e) => {
                tracing::warn!(interview = %interview_id, error = %e, "an interview invitation could not be mailed");
                (OutboxStatus::Failed, e.to_string())
            }
        };
        sent += usize::from(result.is_ok());
        crate::db::outbox::record(
            db,
            &OutboxEntry {
                org_id: &user.org_id,
                kind: "interview.invitation",
                subject_id: interview_id,
                mail: &mail,
                status,
                error: &error,
                created_by: &user.id,
            },
        )
        .await?;
    }
    Ok(sent)
}

/// The words of one panel member's invitation, the time in their zone.
fn body(g: &Gathered, member: &PanelMember, zone: &Zone, event: &Event) -> String {
    let mut focus = String::new();
    if !member.focus_names.is_empty() {
        focus = format!("Your focus: {}\n", member.focus_names.join(", "));
    }
    format!(
        "Hello {name},\n\n\
         You are on the interview panel for {candidate} ({role}), stage {stage}:\n\n\
         {when}\n\n\
         Panel: {panel}\n{focus}\n\
         Your scoring page: {link}\n\n\
         The calendar invitation is attached; rate independently and submit your scorecard after the interview.\n\n\
         {organizer}\n",
        name = member.name,
        candidate = g.candidate,
        role = g.role_title,
        stage = g.interview.stage_name,
        when = format_span(event.start, g.interview.ends_at, zone),
        panel = g.panel_names(),
        link = event.url,
        organizer = g.organizer.name,
    )
}
