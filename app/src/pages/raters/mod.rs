//! Rater analytics: the list of interviewers for admins and recruiters
//! (`/raters`, this file), one interviewer's figures (`/raters/:id`) and
//! your own (`/me/rating`), both in [`report`].

mod figures;
mod report;

pub use report::{MyRatingPage, RaterPage};

use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::model::date_label;
use crate::model::rater::RaterSummary;
use crate::server_fns::raters::list_raters;
use leptos::prelude::*;

/// `/raters`: every interviewer with a submitted scorecard.
#[component]
pub fn RatersPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| list_raters());
    view! {
        <PageTitle text="Raters" />
        <h1>"Raters"</h1>
        <p class="lede">
            "How each interviewer applies the rating scale, compared with the other interviewers \
             on the same candidates. Structured interviews stay fair when everyone reads the \
             anchors the same way; these figures show who rates higher or lower than their \
             panels, who uses only part of the scale, and whether that changes over time. \
             Only submitted scorecards count."
        </p>
        <Loaded resource=list let:list>
            {view! { <RaterList list /> }.into_any()}
        </Loaded>
    }
}

#[component]
fn RaterList(list: Vec<RaterSummary>) -> impl IntoView {
    if list.is_empty() {
        return view! {
            <p class="empty">"No scorecard has been submitted yet, so there is nothing to compare."</p>
        }
        .into_any();
    }
    view! {
        <table class="data rater-list">
            <thead>
                <tr>
                    <th scope="col">"Interviewer"</th>
                    <th scope="col">"Submitted scorecards"</th>
                    <th scope="col">"Latest"</th>
                </tr>
            </thead>
            <tbody>
                {list.into_iter().map(|r| view! {
                    <tr>
                        <td><a href=format!("/raters/{}", r.id)>{r.name}</a></td>
                        <td>{r.scorecards}</td>
                        <td>{date_label(r.last_submitted_at)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
