//! Calibration exercises: the list (`/calibration`), an exercise rated
//! blind with the scoring page's rating scale and keys ([`exercise`]), an
//! attempt's results beside the experts' levels ([`results`]), and a role's
//! requirement with who is calibrated ([`role`]).

pub mod exercise;
pub mod results;
pub mod role;

use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::model::calibration::PASS_PERCENT;
use crate::model::{CalibrationOverview, format_day};
use crate::server_fns::calibration::list_calibrations;
use leptos::prelude::*;

/// `/calibration`: every competency with an exercise and the caller's
/// latest attempt at it.
#[component]
pub fn CalibrationListPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_calibrations());
    view! {
        <PageTitle text="Calibration exercises" />
        <h1>"Calibration exercises"</h1>
        <p class="lede">{format!(
            "Rate written answers and referee statements against the anchors, then compare your levels with the experts'. An attempt passes when at least {PASS_PERCENT}% of your levels are within one level of theirs. Some roles ask for a pass before you score their interviews."
        )}</p>
        <Loaded resource=data let:list>
            {if list.is_empty() {
                view! { <p class="muted">"No competency in the library has calibration samples yet."</p> }.into_any()
            } else {
                view! { <OverviewTable list /> }.into_any()
            }}
        </Loaded>
    }
}

#[component]
fn OverviewTable(list: Vec<CalibrationOverview>) -> impl IntoView {
    view! {
        <table class="data-table calibration-list">
            <thead><tr>
                <th scope="col">"Competency"</th>
                <th scope="col">"Samples"</th>
                <th scope="col">"Your latest attempt"</th>
                <th scope="col">"Passed"</th>
                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
            </tr></thead>
            <tbody>
                {list.into_iter().map(|c| {
                    let take = format!("/calibration/{}", c.competency_id);
                    let latest = c.latest.clone().map(|a| {
                        let href = format!("/calibration/{}/results/{}", c.competency_id, a.id);
                        let verdict = if a.passed { "passed" } else { "not passed" };
                        view! {
                            <a href=href>{format!("{} of {} within one level, {verdict}", a.agreed, a.total)}</a>
                            <span class="muted">{format!(" ({})", format_day(a.submitted_at))}</span>
                        }
                    });
                    let passed = c.passed_at.map_or_else(|| "Not yet".to_owned(), format_day);
                    let action = if c.latest.is_some() { "Take it again" } else { "Take the exercise" };
                    view! {
                        <tr>
                            <th scope="row">{c.name.clone()}</th>
                            <td>{c.samples}</td>
                            <td>{latest.map_or_else(|| view! { <span class="muted">"None yet"</span> }.into_any(), IntoAny::into_any)}</td>
                            <td>{passed}</td>
                            <td><a class="button-link" href=take aria-label=format!("{action}: {}", c.name)>{action}</a></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
