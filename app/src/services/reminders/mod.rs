//! Reminders (server only): a panel member whose scorecard is not submitted
//! some hours after the interview ends gets one reminder; a referee who has
//! not answered some days after the invitation gets up to two. Never after
//! the scorecard is submitted, nor after the referee answered or declined,
//! nor once the link has expired or is about to.
//!
//! `panelkit serve` runs [`run`] on an interval on one app server at a time
//! (a lease), but the lease only saves work: each reminder is first
//! recorded under a unique key ([`crate::db::reminders::claim`]) and only
//! the server whose insert won sends it, so a reminder goes out once however
//! many servers run the round at the same moment. A reminder whose server
//! stopped between the record and the mail stays unsent rather than risking
//! a second copy.
//!
//! With SMTP configured the reminder is mailed and kept in the outbox like
//! an invitation; without, it is recorded as `manual` and waits on the
//! recruiters' home page, with whom to reach and what to say
//! ([`views::to_pass_on`]).
//!
//! A referee's reminder carries no link: links are stored only as hashes, so
//! the original cannot be repeated, and minting a new one would silently
//! break the link in the invitation the referee may already have open (with
//! a draft in progress). The reminder points to the earlier mail, says until
//! when its link works, and asks the referee to reply to the recruiter for a
//! new one if it is lost; the recruiter's "Resend with a new link" does that
//! deliberately.

pub mod messages;
pub mod views;

use crate::db::Db;
use crate::db::outbox::{OutboxEntry, OutboxStatus};
use crate::db::reminders::{self, NewReminder, OpenReference, ReminderKind, ReminderStatus};
use crate::errors::AppError;
use crate::mail::{Mailer, OutgoingMail};
use crate::model::REFEREE_REMINDERS_MAX;
use crate::settings::{ReferenceSettings, ReminderSettings};
use std::sync::Arc;

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;

/// A referee is not reminded when their link stops working within this
/// long: the reminder would arrive too late to act on.
pub const REFEREE_MIN_LINK_LEFT_MS: i64 = 12 * HOUR_MS;

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RunReport {
    /// Mailed.
    pub sent: usize,
    /// Left for a recruiter to pass on (no mail configured).
    pub manual: usize,
    /// The mail server refused them; also left for a recruiter.
    pub failed: usize,
    /// Due, but another server (or round) recorded them first, or the work
    /// was done meanwhile.
    pub skipped: usize,
}

impl RunReport {
    /// Reminders this round recorded.
    pub fn recorded(&self) -> usize {
        self.sent + self.manual + self.failed
    }
}

/// When referee reminder number `seq` (1 or 2) is due for `r`, if it is
/// due by `now`: the first `after_ms` after the latest invitation, the
/// second `after_ms` after the first (or after a newer invitation).
pub fn next_referee_reminder(r: &OpenReference, after_ms: i64, now: i64) -> Option<(i64, i64)> {
    if r.reminders >= REFEREE_REMINDERS_MAX {
        return None;
    }
    let since = r
        .last_reminded_at
        .map_or(r.sent_at, |last| last.max(r.sent_at));
    let due = since + after_ms;
    (due <= now).then_some((r.reminders + 1, due))
}

/// One round at `now` (UTC ms; the caller's clock, so tests can move it):
/// records and sends every reminder due in every organization. `mail`
/// provides the mailer and the public address for links.
pub async fn run(
    db: &Db,
    mail: &ReferenceSettings,
    settings: &ReminderSettings,
    now: i64,
) -> Result<RunReport, AppError> {
    let mut report = RunReport::default();
    for org_id in crate::db::retention::organizations(db).await? {
        let org_name = crate::db::references::org_name(db, &org_id).await?;
        let out = Out {
            db,
            org_id: &org_id,
            mailer: mail.mailer.as_ref(),
            now,
        };
        if settings.scorecard_after_hours > 0 {
            let ended_by = now - settings.scorecard_after_hours * HOUR_MS;
            for seat in reminders::due_scorecards(db, &org_id, ended_by, now).await? {
                let message = messages::scorecard(&seat, &org_name, mail.public_url.as_deref());
                let reminder = NewReminder {
                    org_id: &org_id,
                    kind: ReminderKind::Scorecard,
                    subject_id: &seat.interview_id,
                    interviewer_id: &seat.interviewer_id,
                    seq: 1,
                    recipient: &seat.interviewer_email,
                    status: ReminderStatus::Sending,
                    due_at: seat.ended_at + settings.scorecard_after_hours * HOUR_MS,
                    now,
                    works_past: now,
                };
                out.deliver(reminder, &message, &mut report).await?;
            }
        }
        if settings.referee_after_days > 0 {
            let works_past = now + REFEREE_MIN_LINK_LEFT_MS;
            let after_ms = settings.referee_after_days * DAY_MS;
            for r in reminders::open_references(db, &org_id, works_past).await? {
                let Some((seq, due_at)) = next_referee_reminder(&r, after_ms, now) else {
                    continue;
                };
                let message = messages::referee(&r, &org_name, seq);
                let reminder = NewReminder {
                    org_id: &org_id,
                    kind: ReminderKind::Reference,
                    subject_id: &r.request_id,
                    interviewer_id: "",
                    seq,
                    recipient: &r.referee_email,
                    status: ReminderStatus::Sending,
                    due_at,
                    now,
                    works_past,
                };
                out.deliver(reminder, &message, &mut report).await?;
            }
        }
    }
    Ok(report)
}

/// Where one organization's reminders go.
struct Out<'a> {
    db: &'a Db,
    org_id: &'a str,
    mailer: Option<&'a Arc<dyn Mailer>>,
    now: i64,
}

impl Out<'_> {
    /// Records `reminder` and, if this call recorded it, mails `mail` (or
    /// leaves it to the recruiter) and keeps it in the outbox.
    async fn deliver(
        &self,
        mut reminder: NewReminder<'_>,
        mail: &OutgoingMail,
        report: &mut RunReport,
    ) -> Result<(), AppError> {
        reminder.status = if self.mailer.is_some() {
            ReminderStatus::Sending
        } else {
            ReminderStatus::Manual
        };
        let Some(id) = reminders::claim(self.db, &reminder).await? else {
            report.skipped += 1;
            return Ok(());
        };
        let sent = match self.mailer {
            Some(mailer) => Some(mailer.send(mail).await),
            None => None,
        };
        let (status, outbox_status, error) = match sent {
            Some(Ok(())) => (ReminderStatus::Sent, OutboxStatus::Sent, String::new()),
            Some(Err(e)) => {
                tracing::warn!(reminder = %id, error = %e, "a reminder could not be mailed");
                (ReminderStatus::Failed, OutboxStatus::Failed, e.to_string())
            }
            None => (ReminderStatus::Manual, OutboxStatus::Manual, String::new()),
        };
        let kind = match reminder.kind {
            ReminderKind::Scorecard => "reminder.scorecard",
            ReminderKind::Reference => "reminder.reference",
        };
        let outbox_id = crate::db::outbox::record(
            self.db,
            &OutboxEntry {
                org_id: self.org_id,
                kind,
                subject_id: reminder.subject_id,
                mail,
                status: outbox_status,
                error: &error,
                created_by: "reminders",
            },
        )
        .await?;
        reminders::finish(self.db, self.org_id, &id, status, &outbox_id).await?;
        match status {
            ReminderStatus::Sent | ReminderStatus::Sending => report.sent += 1,
            ReminderStatus::Manual => report.manual += 1,
            ReminderStatus::Failed => report.failed += 1,
        }
        tracing::debug!(reminder = %id, now = self.now, "reminder recorded");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(sent_at: i64, reminders: i64, last: Option<i64>) -> OpenReference {
        OpenReference {
            request_id: "q".into(),
            candidate_name: "C".into(),
            role_title: "R".into(),
            referee_name: "Rhea".into(),
            referee_email: "rhea@example.org".into(),
            sent_at,
            expires_at: sent_at + 7 * DAY_MS,
            has_draft: false,
            requester_name: "Rita".into(),
            requester_email: "rita@example.org".into(),
            reminders,
            last_reminded_at: last,
        }
    }

    #[test]
    fn referee_reminders_follow_the_invitation_then_each_other_and_stop_at_two() {
        let after = 3 * DAY_MS;
        let r = open(0, 0, None);
        assert_eq!(next_referee_reminder(&r, after, after - 1), None);
        assert_eq!(next_referee_reminder(&r, after, after), Some((1, after)));
        // The first went out a day late: the second counts from it.
        let r = open(0, 1, Some(4 * DAY_MS));
        assert_eq!(next_referee_reminder(&r, after, 6 * DAY_MS), None);
        assert_eq!(
            next_referee_reminder(&r, after, 7 * DAY_MS),
            Some((2, 7 * DAY_MS))
        );
        // A new link after the first reminder: the second counts from it.
        let r = open(5 * DAY_MS, 1, Some(3 * DAY_MS));
        assert_eq!(next_referee_reminder(&r, after, 7 * DAY_MS), None);
        assert_eq!(
            next_referee_reminder(&r, after, 8 * DAY_MS),
            Some((2, 8 * DAY_MS))
        );
        let r = open(0, 2, Some(6 * DAY_MS));
        assert_eq!(next_referee_reminder(&r, after, 100 * DAY_MS), None);
    }
}
