//! The home page as a to-do list: what each person has to do next, each
//! item one click from the work.

use serde::{Deserialize, Serialize};

/// Hours after an interview ends before an unsubmitted scorecard counts as
/// overdue. Interviews have no end time yet, so this counts from the start.
pub const SCORECARD_OVERDUE_HOURS: i64 = 24;

/// Days before a referee's link expires when the request counts as expiring.
pub const REFERENCE_EXPIRING_DAYS: i64 = 2;

/// Which list a section is: fixed keys, so pages and tests can find it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TodoKind {
    /// Interviews the caller sits on that have not happened yet.
    UpcomingInterviews,
    /// The caller's scorecards still to submit, overdue first.
    ScorecardsToFinish,
    /// Roles whose interview guide was never published.
    RolesWithoutGuide,
    /// Candidates still in the pipeline with no interview scheduled.
    CandidatesToSchedule,
    /// Other interviewers' scorecards past due.
    OverdueScorecards,
    /// Reference requests waiting for an answer, expiring or expired.
    PendingReferences,
    /// Reference fraud signals nobody has reviewed.
    SignalsToReview,
    /// Candidates whose panel has submitted every scorecard and who have no
    /// decision yet.
    AwaitingDecision,
    /// Reminders that were not mailed (no mail configured, or the mail
    /// server refused them), for a recruiter to pass on.
    RemindersToPassOn,
}

impl TodoKind {
    /// The section's heading.
    pub fn title(self) -> &'static str {
        match self {
            TodoKind::UpcomingInterviews => "Interviews coming up",
            TodoKind::ScorecardsToFinish => "Scorecards to finish",
            TodoKind::RolesWithoutGuide => "Roles without a published guide",
            TodoKind::CandidatesToSchedule => "Candidates to schedule",
            TodoKind::OverdueScorecards => "Overdue scorecards",
            TodoKind::PendingReferences => "References to follow up",
            TodoKind::SignalsToReview => "Reference signals to review",
            TodoKind::AwaitingDecision => "Candidates awaiting your decision",
            TodoKind::RemindersToPassOn => "Reminders to pass on",
        }
    }

    /// What the section says when it is empty.
    pub fn when_empty(self) -> &'static str {
        match self {
            TodoKind::UpcomingInterviews => "No interviews scheduled for you.",
            TodoKind::ScorecardsToFinish => "Every scorecard you owe is submitted.",
            TodoKind::RolesWithoutGuide => "Every role has a published guide.",
            TodoKind::CandidatesToSchedule => "Every active candidate has an interview.",
            TodoKind::OverdueScorecards => "No scorecard is overdue.",
            TodoKind::PendingReferences => "No reference needs following up.",
            TodoKind::SignalsToReview => "No unreviewed signals.",
            TodoKind::AwaitingDecision => "No candidate is waiting for a decision.",
            TodoKind::RemindersToPassOn => "No reminder is waiting to be passed on.",
        }
    }

    /// A stable name for the page's markup (`data-todo`).
    pub fn key(self) -> &'static str {
        match self {
            TodoKind::UpcomingInterviews => "upcoming-interviews",
            TodoKind::ScorecardsToFinish => "scorecards-to-finish",
            TodoKind::RolesWithoutGuide => "roles-without-guide",
            TodoKind::CandidatesToSchedule => "candidates-to-schedule",
            TodoKind::OverdueScorecards => "overdue-scorecards",
            TodoKind::PendingReferences => "pending-references",
            TodoKind::SignalsToReview => "signals-to-review",
            TodoKind::AwaitingDecision => "awaiting-decision",
            TodoKind::RemindersToPassOn => "reminders-to-pass-on",
        }
    }
}

/// A link beside an item's main one (e.g. the summary PDF).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodoLink {
    /// What it says.
    pub label: String,
    /// Where it goes.
    pub href: String,
}

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodoItem {
    /// What it is about, as the link text (a candidate, a role).
    pub title: String,
    /// One line of context (role, stage, who owes what).
    pub detail: String,
    /// Where the work is done.
    pub href: String,
    /// The moment the item is about (interview time, link expiry), UTC ms.
    pub at: Option<i64>,
    /// Past due: listed first and marked.
    pub overdue: bool,
    /// A short status word shown as a badge ("Expired", "Expiring").
    pub badge: Option<String>,
    /// Further links.
    pub links: Vec<TodoLink>,
}

/// Items a home-page list shows; the rest are counted. An organisation
/// with twenty thousand candidates awaiting a decision made a 12 MB page.
pub const TODO_SHOWN: usize = 50;

/// One list of the home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodoSection {
    /// Which list.
    pub kind: TodoKind,
    /// Its first [`TODO_SHOWN`] items, overdue first, then by time.
    pub items: Vec<TodoItem>,
    /// How many more the list holds beyond `items`.
    pub more: usize,
    /// How many of all its items, shown or not, are past due.
    pub overdue: usize,
}

impl TodoSection {
    /// The list `kind` of `items`: sorted, the first [`TODO_SHOWN`] kept.
    pub fn new(kind: TodoKind, mut items: Vec<TodoItem>) -> Self {
        sort_items(&mut items);
        let overdue = items.iter().filter(|i| i.overdue).count();
        let more = items.len().saturating_sub(TODO_SHOWN);
        items.truncate(TODO_SHOWN);
        Self {
            kind,
            items,
            more,
            overdue,
        }
    }

    /// The list `kind` of `total` items, of which `items` are the first
    /// in the list's order (as [`sort_items`] has it), as many as are shown:
    /// for a list whose query counts the rest rather than reading them.
    /// None of the items not read may be past due.
    pub fn first_of(kind: TodoKind, mut items: Vec<TodoItem>, total: usize) -> Self {
        sort_items(&mut items);
        items.truncate(TODO_SHOWN);
        Self {
            kind,
            more: total.saturating_sub(items.len()),
            overdue: items.iter().filter(|i| i.overdue).count(),
            items,
        }
    }

    /// Every item of the list, shown or not.
    pub fn total(&self) -> usize {
        self.items.len() + self.more
    }
}

/// Everything on the caller's home page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeTodo {
    /// The caller's name, for the greeting.
    pub name: String,
    /// The lists, in the order shown.
    pub sections: Vec<TodoSection>,
}

impl HomeTodo {
    /// The section of `kind`, if the caller has it.
    pub fn section(&self, kind: TodoKind) -> Option<&TodoSection> {
        self.sections.iter().find(|s| s.kind == kind)
    }

    /// Items across every list that are past due.
    pub fn overdue_count(&self) -> usize {
        self.sections.iter().map(|s| s.overdue).sum()
    }
}

/// Sorts items overdue first, then by their time (items without one last),
/// then by title, so the list reads the same on every load.
pub fn sort_items(items: &mut [TodoItem]) {
    items.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then_with(|| match (a.at, b.at) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            .then_with(|| a.title.cmp(&b.title))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str, at: Option<i64>, overdue: bool) -> TodoItem {
        TodoItem {
            title: title.to_owned(),
            detail: String::new(),
            href: String::new(),
            at,
            overdue,
            badge: None,
            links: Vec::new(),
        }
    }

    #[test]
    fn overdue_items_come_first_then_by_time_then_untimed() {
        let mut items = vec![
            item("later", Some(300), false),
            item("untimed", None, false),
            item("overdue late", Some(200), true),
            item("sooner", Some(100), false),
            item("overdue early", Some(50), true),
        ];
        sort_items(&mut items);
        let order: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(
            order,
            [
                "overdue early",
                "overdue late",
                "sooner",
                "later",
                "untimed"
            ]
        );
    }

    #[test]
    fn a_long_list_shows_its_most_urgent_and_counts_the_rest() {
        let mut items: Vec<TodoItem> = (0..TODO_SHOWN as i64 + 10)
            .map(|n| item(&format!("c{n}"), Some(1_000 + n), false))
            .collect();
        // Three overdue ones at the end of the input, one of them the latest.
        for n in [7, 8, 9] {
            items.push(item(&format!("late{n}"), Some(5_000 + n), true));
        }
        let section = TodoSection::new(TodoKind::AwaitingDecision, items);
        assert_eq!(section.items.len(), TODO_SHOWN);
        assert_eq!(section.more, 13);
        assert_eq!(section.total(), TODO_SHOWN + 13);
        assert_eq!(section.overdue, 3);
        let first: Vec<&str> = section
            .items
            .iter()
            .take(4)
            .map(|i| i.title.as_str())
            .collect();
        assert_eq!(first, ["late7", "late8", "late9", "c0"]);
        let todo = HomeTodo {
            name: String::new(),
            sections: vec![section],
        };
        assert_eq!(todo.overdue_count(), 3);
    }

    #[test]
    fn a_short_list_is_whole() {
        let section = TodoSection::new(TodoKind::AwaitingDecision, vec![item("one", None, true)]);
        assert_eq!(
            (section.items.len(), section.more, section.overdue),
            (1, 0, 1)
        );
    }
}
