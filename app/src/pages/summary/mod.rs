//! The panel summary of one candidate, for hiring managers and recruiters:
//! the competency × rater grid ([`grid`]), disagreements with evidence side
//! by side, references and recommendations ([`testimony`]), the decision
//! ([`decision`]), and rater agreement across the role ([`agreement`]).

mod grid;
mod testimony;

use agreement::AgreementView;
use decision::DecisionPanel;
use grid::{Behaviors, Disagreements, Grid};
use testimony::{Recommendations, References};
mod agreement;
mod decision;
mod question_actions;

use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::errors::AppError;
use crate::model::{PanelSummary, RoleAgreement};
use crate::server_fns::summaries::{get_candidate_summary, get_role_agreement};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/candidates/:id/summary`.
#[component]
pub fn SummaryPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.read_untracked().get("id").unwrap_or_default();
    view! { <SummaryContent id /> }
}

/// Rendered on the server only; the decision form and the question actions
/// are islands of their own.
#[component]
fn SummaryContent(id: String) -> impl IntoView {
    // One resource for all the page's data: the agreement section once had
    // its own resource inside this Transition, which was created in a
    // different order on each rendering pass (see `pages` on hydration).
    let data = Resource::new(
        move || id.clone(),
        |id| async move {
            let summary = get_candidate_summary(id).await?;
            crate::pages::still_wanted()?;
            // Secondary: if it fails, only its section is left out.
            let agreement = get_role_agreement(summary.role_id.clone()).await.ok();
            Ok::<_, AppError>((summary, agreement))
        },
    );
    view! {
        <Loaded resource=data let:value>
            {
                let (s, agreement) = value;
                view! { <SummaryView s agreement /> }.into_any()
            }
        </Loaded>
    }
}

#[component]
fn SummaryView(s: PanelSummary, agreement: Option<RoleAgreement>) -> impl IntoView {
    let pdf = format!("/candidates/{}/summary.pdf", s.candidate_id);
    let stages = if s.stages.is_empty() {
        "no scorecard submitted yet".to_owned()
    } else {
        s.stages.join(", ")
    };
    let n = s.raters.len();
    view! {
        <PageTitle text=format!("Summary: {}", s.candidate_name) />
        <nav class="breadcrumb" aria-label="Breadcrumb">
            <a href="/roles">"Roles"</a>" / "
            <a href=format!("/roles/{}", s.role_id)>{s.role_title.clone()}</a>" / "
            <a href=format!("/candidates/{}", s.candidate_id)>{s.candidate_name.clone()}</a>
        </nav>
        <header class="page-head summary-head">
            <div>
                <h1>{s.candidate_name.clone()}": panel summary"</h1>
                <p class="lede">
                    {s.role_title.clone()}" · "{stages}" · "
                    {format!("{n} submitted scorecard{}", if n == 1 { "" } else { "s" })}
                </p>
            </div>
            <div class="pdf-links">
                <a class="button-link" id="download-pdf" href=format!("{pdf}?paper=a4") download>"Download PDF"</a>
                <a class="muted" href=format!("{pdf}?paper=letter") download>"US Letter"</a>
            </div>
        </header>
        <p class="muted">"Only submitted scorecards are shown. Levels: 1 Entry, 2 Developing, 3 Independent, 4 Advanced, 5 Expert."</p>
        {(!s.version_notes.is_empty()).then(|| view! {
            <section class="card question-versions" aria-labelledby="versions-h">
                <h2 id="versions-h">"Question versions"</h2>
                <ul>{s.version_notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
            </section>
        })}
        <Grid s=s.clone() />
        <Disagreements s=s.clone() />
        <Behaviors s=s.clone() />
        <References s=s.clone() />
        <Recommendations s=s.clone() />
        <DecisionPanel candidate_id=s.candidate_id.clone() decisions=s.decisions.clone() may_decide=s.may_decide />
        {agreement.map(|a| view! { <AgreementView a /> })}
    }
}
