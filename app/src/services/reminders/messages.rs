//! The words of reminders: to a panel member about their scorecard, and to
//! a referee about the reference they were asked for. Neither carries a
//! one-time link, so the outbox copy holds no usable token.

use crate::db::reminders::{DueScorecard, OpenReference};
use crate::mail::OutgoingMail;
use crate::model::{REFEREE_REMINDERS_MAX, format_utc};
use crate::services::time;

/// The reminder to the panel member of `seat`; `public_url` makes the link
/// to the scorecard absolute (a path without it).
pub fn scorecard(seat: &DueScorecard, org_name: &str, public_url: Option<&str>) -> OutgoingMail {
    let base = public_url.unwrap_or_default().trim_end_matches('/');
    let link = format!("{base}/interviews/{}", seat.interview_id);
    let body = format!(
        "Hello {name},\n\n\
         your scorecard for {candidate} ({role}, {stage}, {at}) is not submitted yet. The panel's \
         summary waits for every scorecard, and notes are most accurate while the interview is \
         fresh.\n\n\
         You can finish and submit it here:\n\n{link}\n\n\
         This is the only reminder about this interview.\n\n{org}\n",
        name = seat.interviewer_name,
        candidate = seat.candidate_name,
        role = seat.role_title,
        stage = seat.stage_name,
        at = time::format_span(
            seat.scheduled_at,
            Some(seat.ended_at),
            &time::Zone::of(seat.interviewer_time_zone.as_deref()),
        ),
        org = org_name,
    );
    OutgoingMail {
        attachments: Vec::new(),
        to: seat.interviewer_email.clone(),
        to_name: seat.interviewer_name.clone(),
        reply_to: None,
        subject: format!(
            "Reminder: your scorecard for {} ({})",
            seat.candidate_name, seat.stage_name
        ),
        body,
    }
}

/// Reminder number `seq` to the referee of `r`. It points to the link in
/// the invitation rather than carrying one (see the module above), and
/// replies go to the recruiter who sent the invitation.
pub fn referee(r: &OpenReference, org_name: &str, seq: i64) -> OutgoingMail {
    let requester = if r.requester_name.is_empty() {
        org_name.to_owned()
    } else {
        format!("{} at {org_name}", r.requester_name)
    };
    let draft = if r.has_draft {
        "Your draft is saved: the same link takes you back to it.\n\n"
    } else {
        ""
    };
    let last = if seq >= REFEREE_REMINDERS_MAX {
        "This is the last reminder; we will not write again about this reference."
    } else {
        "You can also decline through the link; then we will not write again."
    };
    let body = format!(
        "Hello {referee},\n\n\
         on {sent} {requester} asked you for a reference about {candidate}, who has applied for \
         the role of {role}. We have not received your answer yet.\n\n\
         Please use the link in that mail (subject \"Reference request: {candidate} for {role}\"); \
         it works until {expires} and only for you. The questions take about ten minutes.\n\n\
         {draft}\
         If you cannot find that mail, reply to this one and you will be sent a new link. {last}\n\n\
         Thank you,\n{signature}\n",
        referee = r.referee_name,
        sent = format_utc(r.sent_at),
        candidate = r.candidate_name,
        role = r.role_title,
        expires = format_utc(r.expires_at),
        signature = if r.requester_name.is_empty() {
            org_name.to_owned()
        } else {
            format!("{}\n{org_name}", r.requester_name)
        },
    );
    OutgoingMail {
        attachments: Vec::new(),
        to: r.referee_email.clone(),
        to_name: r.referee_name.clone(),
        reply_to: (!r.requester_email.is_empty()).then(|| r.requester_email.clone()),
        subject: format!(
            "Reminder: reference request for {} ({})",
            r.candidate_name, r.role_title
        ),
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_referee_reminder_points_to_the_invitation_and_replies_reach_the_recruiter() {
        let r = OpenReference {
            request_id: "q".into(),
            candidate_name: "Zoë Park".into(),
            role_title: "Support Lead".into(),
            referee_name: "Rhea".into(),
            referee_email: "rhea@example.org".into(),
            sent_at: 0,
            expires_at: 7 * 86_400_000,
            has_draft: true,
            requester_name: "Rita".into(),
            requester_email: "rita@acme.example".into(),
            reminders: 1,
            last_reminded_at: Some(3 * 86_400_000),
        };
        let mail = referee(&r, "Acme", 2);
        assert_eq!(mail.reply_to.as_deref(), Some("rita@acme.example"));
        for part in [
            "Hello Rhea",
            "Rita at Acme",
            "Reference request: Zoë Park for Support Lead",
            "works until 1970-01-08 00:00 UTC",
            "draft is saved",
            "last reminder",
        ] {
            assert!(mail.body.contains(part), "{part}: {}", mail.body);
        }
        assert!(!mail.body.contains("/r/"), "no link: {}", mail.body);
    }

    #[test]
    fn the_scorecard_reminder_links_to_the_interview() {
        let seat = DueScorecard {
            interview_id: "i1".into(),
            candidate_name: "Zoë Park".into(),
            role_title: "Support Lead".into(),
            stage_name: "Onsite".into(),
            scheduled_at: 0,
            ended_at: 3_600_000,
            interviewer_time_zone: None,
            interviewer_id: "u1".into(),
            interviewer_name: "Ivan".into(),
            interviewer_email: "ivan@acme.example".into(),
        };
        let mail = scorecard(&seat, "Acme", Some("https://hire.example.org/"));
        assert_eq!(mail.to, "ivan@acme.example");
        assert!(mail.body.contains("https://hire.example.org/interviews/i1"));
        assert!(mail.subject.contains("Zoë Park (Onsite)"));
    }
}
