//! My interviews: the interviews the signed-in person sits on the panel of,
//! what is still to submit first.

use crate::components::loaded::Loaded;
use crate::model::date_label;
use crate::model::{MyInterview, ScorecardStatus};
use crate::server_fns::scorecards::list_my_interviews;
use leptos::prelude::*;
use leptos_meta::Title;

/// The caller's interviews, upcoming and to-submit first.
#[component]
pub fn MyInterviewsPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| list_my_interviews());
    view! {
        <Title text="My interviews" />
        <h1>"My interviews"</h1>
        <Loaded resource=list let:list>
            {
                view! { <InterviewList list /> }.into_any()
            }
        </Loaded>
    }
    .into_any()
}

#[component]
fn InterviewList(list: Vec<MyInterview>) -> impl IntoView {
    if list.is_empty() {
        return view! {
            <p class="lede">"No interviews are assigned to you yet. When a recruiter puts you on a panel, it appears here."</p>
        }
        .into_any();
    }
    let to_submit = list.iter().filter(|i| i.to_submit()).count();
    view! {
        <p class="lede" role="status">
            {match to_submit {
                0 => "All your scorecards are submitted.".to_owned(),
                1 => "1 scorecard to submit.".to_owned(),
                n => format!("{n} scorecards to submit."),
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
                            <span class="muted">{i.scheduled_at.map(date_label).unwrap_or_else(|| "Not scheduled".to_owned())}</span>
                            <span class=format!("badge {class}")>{label}</span>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
