//! One interviewer's rater figures: `/raters/:id` for admins and
//! recruiters, `/me/rating` for anyone about themselves.

use super::figures::{FigureCards, QuarterTable};
use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::model::rater::{MIN_RATINGS, MIN_SCORECARDS, MIN_SHARED_RATINGS, RaterReport};
use crate::server_fns::raters::get_rater_figures;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/raters/:id`.
#[component]
pub fn RaterPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let report = Resource::new(id, |id| get_rater_figures(Some(id)));
    view! {
        <Loaded resource=report let:report>
            {view! { <ReportView report /> }.into_any()}
        </Loaded>
    }
}

/// `/me/rating`: the caller's own figures.
#[component]
pub fn MyRatingPage() -> impl IntoView {
    let report = Resource::new(|| (), |_| get_rater_figures(None));
    view! {
        <Loaded resource=report let:report>
            {view! { <ReportView report /> }.into_any()}
        </Loaded>
    }
}

#[component]
fn ReportView(report: RaterReport) -> impl IntoView {
    let (title, who) = if report.is_self {
        ("How you rate".to_owned(), "your")
    } else {
        (format!("How {} rates", report.rater_name), "their")
    };
    let overall = report.overall.clone();
    let basis = format!(
        "Based on {who} {} submitted scorecards with {} competency ratings.",
        overall.scorecards, overall.ratings
    );
    view! {
        <PageTitle text=title.clone() />
        {(!report.is_self).then(|| view! {
            <nav class="breadcrumb" aria-label="Breadcrumb"><a href="/raters">"Raters"</a></nav>
        })}
        <h1>{title}</h1>
        <p class="lede" data-testid="rater-basis">{basis}</p>
        <details class="card rater-method">
            <summary>"What these figures mean"</summary>
            <ul>
                <li>"Only submitted scorecards count: a draft is neither shown nor compared with, "
                    "and neither is another interviewer's rating until their scorecard is submitted."</li>
                <li>"A shared rating is one where at least one other interviewer rated the same \
                     candidate on the same competency, in any interview stage."</li>
                <li>"Severity and agreement need "{MIN_SHARED_RATINGS}" shared ratings, the use of \
                     the scale "{MIN_RATINGS}" ratings, the unrated share "{MIN_SCORECARDS}
                    " scorecards. Below that a figure says too little and is left out."</li>
                <li>"Candidates whose panel you sit on and still owe a scorecard for are left out \
                     of others' figures until you submit, so nothing here hints at how they were rated."</li>
            </ul>
        </details>
        <h2>"Overall"</h2>
        <FigureCards figures=overall who />
        <h2>"Over time"</h2>
        <p class="muted">"The same figures per calendar quarter (UTC) of submission, so a drift shows."</p>
        <QuarterTable quarters=report.quarters />
    }
}
