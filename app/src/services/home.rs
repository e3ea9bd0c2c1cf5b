//! Who sees which to-do list on their home page, and what each item says.
//!
//! - Everyone who sits on panels: interviews coming up and scorecards to
//!   finish (interviewers and hiring managers always see these lists;
//!   recruiters and admins when they have a seat).
//! - Recruiters and admins (who manage every role of the organisation):
//!   overdue scorecards, references to follow up, unreviewed reference
//!   signals, candidates to schedule and roles without a published guide.
//! - Hiring managers, for the roles whose team they are on, and admins for
//!   every role: candidates whose panel has submitted and who await a
//!   decision, with the summary and its PDF one click away.

use crate::db::Db;
use crate::db::home::{self, CandidateRow};
use crate::errors::AppError;
use crate::model::{
    CurrentUser, HomeTodo, MyInterview, REFERENCE_EXPIRING_DAYS, ReferenceStatus, Role,
    SCORECARD_OVERDUE_HOURS, TODO_SHOWN, TodoItem, TodoKind, TodoLink, TodoSection, date_label,
    format_utc,
};
use crate::services::references::signals;
use crate::services::time::{Zone, format_at, format_span, same_day};

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;

/// The home page of `user` at `now` (UTC ms).
#[tracing::instrument(level = "debug", skip_all, fields(user_id = %user.id))]
pub async fn todo(db: &Db, user: &CurrentUser, now: i64) -> Result<HomeTodo, AppError> {
    let seats =
        crate::db::scorecards::to_submit_for_interviewer(db, &user.org_id, &user.id).await?;
    let zone = crate::services::time::zone_of(db, user).await?;
    let (upcoming, mut to_finish) = own_seats(&seats, now, &zone);
    crate::services::reminders::views::mark_own_scorecards(
        db,
        &user.org_id,
        &user.id,
        &mut to_finish,
    )
    .await?;
    let manages = user.has_role(crate::services::access::MANAGERS);
    let decisions = async {
        if !matches!(user.role, Role::HiringManager | Role::Admin) {
            return Ok::<_, AppError>(None);
        }
        let only_mine = (user.role == Role::HiringManager).then_some(user.id.as_str());
        let (rows, total) =
            home::awaiting_decision(db, &user.org_id, only_mine, TODO_SHOWN).await?;
        Ok(Some(TodoSection::first_of(
            TodoKind::AwaitingDecision,
            rows.iter().map(awaiting_decision).collect(),
            total,
        )))
    };
    let managed = async {
        if manages {
            managers_lists(db, &user.org_id, now, &zone).await
        } else {
            Ok(Vec::new())
        }
    };
    // The two lists that read the whole pipeline (every open candidate's
    // panels) go to the database side by side, on connections of their own.
    let (decisions, managed) = tokio::try_join!(decisions, managed)?;
    let mut sections: Vec<TodoSection> = decisions.into_iter().chain(managed).collect();
    // Panel work: always for those whose job it is; for recruiters and
    // admins only while they owe a scorecard.
    if !manages || !seats.is_empty() {
        sections.push(section(TodoKind::ScorecardsToFinish, to_finish));
        sections.push(section(TodoKind::UpcomingInterviews, upcoming));
    }
    Ok(HomeTodo {
        name: user.name.clone(),
        sections,
    })
}

/// The lists of those who manage every role: overdue scorecards,
/// references, reminders to pass on, signals, candidates to schedule and
/// roles without a guide.
async fn managers_lists(
    db: &Db,
    org_id: &str,
    now: i64,
    zone: &Zone,
) -> Result<Vec<TodoSection>, AppError> {
    let mut sections = vec![
        overdue_scorecards(db, org_id, now, zone).await?,
        pending_references(db, org_id, now).await?,
    ];
    if let Some(s) = crate::services::reminders::views::to_pass_on(db, org_id, now).await? {
        sections.push(s);
    }
    sections.push(signals_to_review(db, org_id).await?);
    let waiting = home::candidates_without_interview(db, org_id).await?;
    sections.push(section(
        TodoKind::CandidatesToSchedule,
        waiting.iter().map(to_schedule).collect(),
    ));
    let roles = home::roles_without_guide(db, org_id).await?;
    sections.push(section(
        TodoKind::RolesWithoutGuide,
        roles
            .into_iter()
            .map(|r| TodoItem {
                title: r.title,
                detail: "Build and publish its interview guide".to_owned(),
                href: format!("/roles/{}/guide", r.id),
                at: None,
                overdue: false,
                badge: None,
                links: Vec::new(),
            })
            .collect(),
    ));
    Ok(sections)
}

fn section(kind: TodoKind, items: Vec<TodoItem>) -> TodoSection {
    TodoSection::new(kind, items)
}

/// The caller's own seats: (interviews not yet started, scorecards owed for
/// interviews that have started). An interview without a time is upcoming.
/// Times are shown, and "today" decided, in the caller's `zone`.
fn own_seats(seats: &[MyInterview], now: i64, zone: &Zone) -> (Vec<TodoItem>, Vec<TodoItem>) {
    let mut upcoming = Vec::new();
    let mut to_finish = Vec::new();
    for s in seats.iter().filter(|s| s.to_submit()) {
        let detail = format!("{} · {}", s.role_title, s.stage_name);
        let href = format!("/interviews/{}", s.interview_id);
        match s.scheduled_at {
            Some(at) if at <= now => {
                let overdue = now - at >= SCORECARD_OVERDUE_HOURS * HOUR_MS;
                to_finish.push(TodoItem {
                    title: s.candidate_name.clone(),
                    detail: format!("{detail} · interviewed {}", format_at(at, zone)),
                    href,
                    at: Some(at),
                    overdue,
                    badge: overdue.then(|| "Overdue".to_owned()),
                    links: Vec::new(),
                });
            }
            at => upcoming.push(TodoItem {
                title: s.candidate_name.clone(),
                detail: match at {
                    Some(at) => format!("{detail} · {}", format_span(at, s.ends_at, zone)),
                    None => format!("{detail} · time not set"),
                },
                links: std::iter::once(TodoLink {
                    label: "Interviewer packet (PDF)".to_owned(),
                    href: format!("/interviews/{}/packet.pdf", s.interview_id),
                })
                .chain(at.map(|_| TodoLink {
                    label: "Add to calendar (.ics)".to_owned(),
                    href: format!("/interviews/{}/invite.ics", s.interview_id),
                }))
                .collect(),
                href,
                at,
                overdue: false,
                badge: at
                    .filter(|at| same_day(*at, now, zone))
                    .map(|_| "Today".to_owned()),
            }),
        }
    }
    (upcoming, to_finish)
}

fn awaiting_decision(c: &CandidateRow) -> TodoItem {
    TodoItem {
        title: c.name.clone(),
        detail: format!("{} · every scorecard is in", c.role_title),
        href: format!("/candidates/{}/summary", c.id),
        at: None,
        overdue: false,
        badge: None,
        links: vec![TodoLink {
            label: "Summary PDF".to_owned(),
            href: format!("/candidates/{}/summary.pdf", c.id),
        }],
    }
}

fn to_schedule(c: &CandidateRow) -> TodoItem {
    TodoItem {
        title: c.name.clone(),
        detail: format!("{} · added {}", c.role_title, date_label(c.created_at)),
        href: format!("/candidates/{}", c.id),
        at: Some(c.created_at),
        overdue: false,
        badge: None,
        links: Vec::new(),
    }
}

async fn overdue_scorecards(
    db: &Db,
    org_id: &str,
    now: i64,
    zone: &Zone,
) -> Result<TodoSection, AppError> {
    let seats =
        home::unsubmitted_seats_before(db, org_id, now - SCORECARD_OVERDUE_HOURS * HOUR_MS).await?;
    Ok(section(
        TodoKind::OverdueScorecards,
        seats
            .into_iter()
            .map(|s| TodoItem {
                title: s.candidate_name,
                detail: format!(
                    "{} owes a scorecard · {} · {} · interviewed {}",
                    s.interviewer_name,
                    s.role_title,
                    s.stage_name,
                    format_at(s.scheduled_at, zone)
                ),
                href: format!("/candidates/{}", s.candidate_id),
                at: Some(s.scheduled_at),
                overdue: true,
                badge: Some("Overdue".to_owned()),
                links: Vec::new(),
            })
            .collect(),
    ))
}

async fn pending_references(db: &Db, org_id: &str, now: i64) -> Result<TodoSection, AppError> {
    let requests = home::unanswered_requests(db, org_id).await?;
    let items = requests
        .into_iter()
        .map(|r| {
            let status = r.times.status(now);
            let overdue = r.times.is_overdue(now);
            let expiring = status != ReferenceStatus::Expired
                && r.times
                    .expires_at
                    .is_some_and(|e| e - now <= REFERENCE_EXPIRING_DAYS * DAY_MS);
            let badge = if status == ReferenceStatus::Expired {
                "Expired: send a new link"
            } else if expiring {
                "Expiring"
            } else if overdue {
                "No answer yet"
            } else {
                status.label()
            };
            TodoItem {
                title: r.candidate_name,
                detail: format!(
                    "{} · referee {} · {}",
                    r.role_title,
                    r.referee_name,
                    match r.times.expires_at {
                        Some(e) if e <= now => format!("link expired {}", format_utc(e)),
                        Some(e) => format!("link works until {}", format_utc(e)),
                        None => "no link".to_owned(),
                    }
                ),
                href: format!("/candidates/{}", r.candidate_id),
                at: r.times.expires_at,
                overdue: overdue || expiring,
                badge: Some(badge.to_owned()),
                links: Vec::new(),
            }
        })
        .collect();
    Ok(section(TodoKind::PendingReferences, items))
}

async fn signals_to_review(db: &Db, org_id: &str) -> Result<TodoSection, AppError> {
    use crate::db::references::{latest_signal_reviews_of, list_for_candidates};
    let candidates = home::candidates_with_references(db, org_id).await?;
    let ids: Vec<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
    let mut references = list_for_candidates(db, org_id, &ids).await?;
    let flagged: Vec<_> = candidates
        .iter()
        .filter_map(|c| {
            let records = references.remove(&c.id).unwrap_or_default();
            let computed = signals::compute(&c.email, &records);
            (!computed.is_empty()).then_some((c, computed))
        })
        .collect();
    let flagged_ids: Vec<&str> = flagged.iter().map(|(c, _)| c.id.as_str()).collect();
    let mut reviews = latest_signal_reviews_of(db, org_id, &flagged_ids).await?;
    let mut items = Vec::new();
    for (c, computed) in flagged {
        let reviews = reviews.remove(&c.id).unwrap_or_default();
        let open = computed
            .iter()
            .filter(|s| !reviews.iter().any(|(key, _)| *key == s.key))
            .count();
        if open == 0 {
            continue;
        }
        items.push(TodoItem {
            title: c.name.clone(),
            detail: format!(
                "{} · {open} signal{} to review",
                c.role_title,
                if open == 1 { "" } else { "s" }
            ),
            href: format!("/candidates/{}", c.id),
            at: None,
            overdue: false,
            badge: None,
            links: Vec::new(),
        });
    }
    Ok(section(TodoKind::SignalsToReview, items))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ScorecardStatus;

    fn seat(id: &str, at: Option<i64>, status: Option<ScorecardStatus>) -> MyInterview {
        MyInterview {
            interview_id: id.to_owned(),
            candidate_name: format!("Candidate {id}"),
            role_title: "Role".to_owned(),
            stage_name: "Stage".to_owned(),
            scheduled_at: at,
            ends_at: None,
            when: String::new(),
            status,
            updated_at: None,
            submitted_at: None,
        }
    }

    #[test]
    fn own_seats_split_by_start_and_mark_overdue_after_a_day() {
        let now = 100 * DAY_MS;
        let seats = [
            seat("future", Some(now + HOUR_MS), None),
            seat("untimed", None, None),
            seat("started", Some(now - HOUR_MS), Some(ScorecardStatus::Draft)),
            seat("late", Some(now - 25 * HOUR_MS), None),
            seat(
                "done",
                Some(now - 48 * HOUR_MS),
                Some(ScorecardStatus::Submitted),
            ),
        ];
        let (upcoming, to_finish) = own_seats(&seats, now, &Zone::utc());
        let ids = |items: &[TodoItem]| {
            items
                .iter()
                .map(|i| i.href.trim_start_matches("/interviews/").to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&upcoming), ["future", "untimed"]);
        assert_eq!(ids(&to_finish), ["started", "late"]);
        assert!(!to_finish[0].overdue);
        assert!(to_finish[1].overdue);
        assert_eq!(upcoming[0].badge.as_deref(), Some("Today"));
    }
}
