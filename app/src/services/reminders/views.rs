//! Reminders as pages show them: "last reminded" notes on a candidate's
//! references and panel, on an interviewer's own scorecards to finish, and
//! the recruiters' list of reminders to pass on by hand.

use crate::db::Db;
use crate::db::reminders::{PassOn, ReminderKind, ReminderRow};
use crate::errors::AppError;
use crate::model::{
    CurrentUser, PanelReminder, REFEREE_REMINDERS_MAX, ReminderNote, TodoItem, TodoKind,
    TodoSection, format_utc,
};
use std::collections::HashMap;

/// The latest reminder of each subject, keyed by (subject id, interviewer
/// id); `rows` oldest first.
fn latest(rows: &[ReminderRow]) -> HashMap<(String, String), ReminderNote> {
    let mut out: HashMap<(String, String), ReminderNote> = HashMap::new();
    for r in rows {
        let of = if r.kind == ReminderKind::Reference.as_str() {
            REFEREE_REMINDERS_MAX
        } else {
            1
        };
        let note = ReminderNote {
            at: r.created_at,
            count: r.seq,
            of,
            mailed: matches!(r.status.as_str(), "sent" | "sending"),
        };
        let key = (r.subject_id.clone(), r.interviewer_id.clone());
        match out.get(&key) {
            Some(old) if old.count > note.count => {}
            _ => {
                out.insert(key, note);
            }
        }
    }
    out
}

/// Latest reminders about candidate `candidate_id`: keyed by (reference
/// request id, "") and by (interview id, interviewer id).
pub async fn for_candidate(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
) -> Result<HashMap<(String, String), ReminderNote>, AppError> {
    let rows = crate::db::reminders::for_candidate(db, org_id, candidate_id).await?;
    Ok(latest(&rows))
}

/// The latest reminder of each panel seat of candidate `candidate_id`, for
/// recruiters and admins (empty for anyone else).
pub async fn panel_reminders(
    db: &Db,
    user: &CurrentUser,
    candidate_id: &str,
) -> Result<Vec<PanelReminder>, AppError> {
    if !user.has_role(crate::services::access::MANAGERS) {
        return Ok(Vec::new());
    }
    let rows = crate::db::reminders::for_candidate(db, &user.org_id, candidate_id).await?;
    let mut out: Vec<PanelReminder> = latest(&rows)
        .into_iter()
        .filter(|((_, user_id), _)| !user_id.is_empty())
        .map(|((interview_id, user_id), note)| PanelReminder {
            interview_id,
            user_id,
            note,
        })
        .collect();
    out.sort_by(|a, b| (&a.interview_id, &a.user_id).cmp(&(&b.interview_id, &b.user_id)));
    Ok(out)
}

/// Adds "reminded …" to the caller's own scorecards to finish (items
/// linking to `/interviews/{id}`).
pub async fn mark_own_scorecards(
    db: &Db,
    org_id: &str,
    user_id: &str,
    items: &mut [TodoItem],
) -> Result<(), AppError> {
    let rows = crate::db::reminders::for_interviewer(db, org_id, user_id).await?;
    if rows.is_empty() {
        return Ok(());
    }
    let notes = latest(&rows);
    for item in items {
        let Some(interview_id) = item.href.strip_prefix("/interviews/") else {
            continue;
        };
        let key = (interview_id.to_owned(), user_id.to_owned());
        if let Some(note) = notes.get(&key) {
            item.detail = format!("{} · reminded {}", item.detail, format_utc(note.at));
        }
    }
    Ok(())
}

/// The recruiters' list of reminders to pass on (not mailed, work still
/// open at `now`), or `None` when there are none: the list only shows
/// while there is something on it.
pub async fn to_pass_on(db: &Db, org_id: &str, now: i64) -> Result<Option<TodoSection>, AppError> {
    let rows = crate::db::reminders::to_pass_on(db, org_id, now).await?;
    if rows.is_empty() {
        return Ok(None);
    }
    let items: Vec<TodoItem> = rows.iter().map(pass_on_item).collect();
    Ok(Some(TodoSection::new(TodoKind::RemindersToPassOn, items)))
}

/// "Remind Ivan (ivan@…) to submit their scorecard …": whom to reach, how,
/// and what to say.
fn pass_on_item(p: &PassOn) -> TodoItem {
    let contact = if p.person_phone.is_empty() {
        p.person_email.clone()
    } else {
        format!("{}, {}", p.person_email, p.person_phone)
    };
    let detail = match p.kind {
        ReminderKind::Scorecard => format!(
            "{role} · remind {name} ({contact}) to submit their scorecard for the {stage} \
             interview of {at}",
            role = p.role_title,
            name = p.person_name,
            stage = p.stage_name,
            at = format_utc(p.since),
        ),
        ReminderKind::Reference => format!(
            "{role} · remind referee {name} ({contact}) to answer: the link sent {sent} works \
             until {until} · reminder {seq} of {max}",
            role = p.role_title,
            name = p.person_name,
            sent = format_utc(p.since),
            until = format_utc(p.until),
            seq = p.seq,
            max = REFEREE_REMINDERS_MAX,
        ),
    };
    TodoItem {
        title: p.candidate_name.clone(),
        detail,
        href: format!("/candidates/{}", p.candidate_id),
        at: Some(p.reminded_at),
        overdue: false,
        badge: Some(
            if p.status == "failed" {
                "Mail failed"
            } else {
                "Remind by hand"
            }
            .to_owned(),
        ),
        links: Vec::new(),
    }
}
