//! My interviews: the interviews the signed-in person sits on the panel of,
//! what is still to submit first; the submitted history a page at a time
//! (`?page=2` and on).

use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::model::date_label;
use crate::model::{MyInterview, SUBMITTED_PER_PAGE, ScorecardStatus};
use crate::server_fns::scorecards::list_my_interviews;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The caller's interviews, upcoming and to-submit first.
#[component]
pub fn MyInterviewsPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| (1..=100_000).contains(p))
            .unwrap_or(1)
    };
    let list = Resource::new(page, |page| list_my_interviews(Some(page)));
    view! {
        <PageTitle text="My interviews" />
        <h1>"My interviews"</h1>
        <Loaded resource=list let:list>
            {
                view! { <InterviewList list page=page() /> }.into_any()
            }
        </Loaded>
    }
    .into_any()
}

#[component]
fn InterviewList(list: Vec<MyInterview>, page: u32) -> impl IntoView {
    let submitted = list.iter().filter(|i| !i.to_submit()).count();
    let pages = view! {
        <nav class="pager" aria-label="Submitted interviews">
            {(page > 1).then(|| view! {
                <a href=format!("/interviews?page={}", page - 1)>"← Newer"</a>
            })}
            {(submitted >= SUBMITTED_PER_PAGE).then(|| view! {
                <a href=format!("/interviews?page={}", page + 1)>"Older submitted interviews →"</a>
            })}
        </nav>
    };
    if page > 1 && list.is_empty() {
        return view! {
            <p class="lede">"No older submitted interviews."</p>
            {pages}
        }
        .into_any();
    }
    if list.is_empty() {
        return view! {
            <p class="lede">"No interviews are assigned to you yet. When a recruiter puts you on a panel, it appears here."</p>
        }
        .into_any();
    }
    let to_submit = list.iter().filter(|i| i.to_submit()).count();
    view! {
        <p class="lede" role="status">
            {match (page, to_submit) {
                (2.., _) => format!("Submitted interviews, page {page}."),
                (_, 0) => "All your scorecards are submitted.".to_owned(),
                (_, 1) => "1 scorecard to submit.".to_owned(),
                (_, n) => format!("{n} scorecards to submit."),
            }}
        </p>
        <ul class="interview-list">
            {list.into_iter().map(|i| {
                let (label, class) = match i.status {
                    None => ("Not started", "status-new"),
                    Some(ScorecardStatus::Draft) => ("Draft saved, to submit", "status-draft"),
                    Some(ScorecardStatus::Submitted) => ("Submitted", "status-done"),
                };
                view! {
                    <li class="card interview-row">
                        <div>
                            <a class="interview-link" href=format!("/interviews/{}", i.interview_id)>
                                <strong>{i.candidate_name.clone()}</strong>
                            </a>
                            <span class="muted">{format!(" · {} · {}", i.role_title, i.stage_name)}</span>
                        </div>
                        <div class="interview-meta">
                            <span class="muted">{match i.scheduled_at {
                                Some(at) if i.when.is_empty() => date_label(at),
                                Some(_) => i.when.clone(),
                                None => "Not scheduled".to_owned(),
                            }}</span>
                            // A calendar entry is for what is still ahead.
                            {(i.scheduled_at.is_some() && i.to_submit()).then(|| view! {
                                <a class="ics-link" href=format!("/interviews/{}/invite.ics", i.interview_id) download>"Add to calendar"</a>
                            })}
                            <span class=format!("badge {class}")>{label}</span>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
        {pages}
    }
    .into_any()
}
