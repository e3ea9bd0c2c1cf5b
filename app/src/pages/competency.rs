//! One competency in full: definition, key elements and behaviors, the five
//! level anchors, the reference levels referees rate against, interview and
//! reference questions, development activities, recruiting notes, provenance.
//! A question revised or retired from the question-health notes shows its
//! history: every version with who wrote it, when and why.

use crate::components::page_title::PageTitle;
use crate::model::{QuestionHistory, RenderedCompetency, format_day};
use crate::pages::library::kind_label;
use crate::server_fns::library::get_competency;
use crate::server_fns::questions::get_question_histories;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use question_bank::Competency;

/// `/library/:id`.
#[component]
pub fn CompetencyPage() -> impl IntoView {
    let params = use_params_map();
    // One resource for the page's data (see `pages` on hydration).
    let competency = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        |id| async move {
            let c = get_competency(id.clone()).await?;
            // Secondary: without it the questions show without history.
            let histories = get_question_histories(id).await.unwrap_or_default();
            Ok::<_, crate::errors::AppError>((c, histories))
        },
    );
    view! {
        <nav class="breadcrumb" aria-label="Breadcrumb"><a href="/library">"Question library"</a></nav>
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || competency.get().map(|result| match result {
                Ok((RenderedCompetency(c), histories)) => view! { <CompetencyView c histories /> }.into_any(),
                Err(err) => view! { <PageTitle text="Not found" /><p class="error" role="alert">{err.to_string()}</p> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn CompetencyView(c: Competency, histories: Vec<QuestionHistory>) -> impl IntoView {
    let element_name = {
        let elements = c.key_elements.clone();
        move |id: &str| {
            elements
                .iter()
                .find(|k| k.id == id)
                .map(|k| k.name.clone())
                .unwrap_or_else(|| id.to_owned())
        }
    };
    let targets = {
        let element_name = element_name.clone();
        move |ids: &[String]| {
            ids.iter()
                .map(|id| element_name(id))
                .collect::<Vec<_>>()
                .join(" · ")
        }
    };
    let export_href = format!("/export/competency/{}", c.id);
    view! {
        <PageTitle text=c.name.clone() />
        <header class="page-head">
            <h1>{c.name.clone()}</h1>
            <a class="button-link" href=export_href download>"Export as Markdown"</a>
        </header>
        <section class="two-col">
            <div>
                <h2>"Definition"</h2>
                <div class="prose" inner_html=c.definition.clone()></div>
            </div>
            <div>
                <h2>"Why it matters"</h2>
                <div class="prose" inner_html=c.importance.clone()></div>
            </div>
        </section>

        <h2>"Key elements"</h2>
        <div class="element-grid">
            {c.key_elements.iter().map(|k| view! {
                <section class="card" id=k.id.clone()>
                    <h3>{k.name.clone()}</h3>
                    <ul>{k.behaviors.iter().map(|b| view! { <li>{b.clone()}</li> }).collect_view()}</ul>
                </section>
            }).collect_view()}
        </div>

        <h2 id="levels">"Proficiency levels"</h2>
        <table class="data anchors" aria-labelledby="levels">
            <thead><tr><th scope="col">"Level"</th><th scope="col">"What an answer at this level sounds like"</th></tr></thead>
            <tbody>
                {c.anchors.iter().map(|a| view! {
                    <tr>
                        <th scope="row"><span class="level-num">{a.level.as_u8()}</span>" "{a.level.name()}</th>
                        <td class="prose" inner_html=a.text.clone()></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>

        <h2 id="reference-levels">"Reference levels"</h2>
        <table class="data anchors" aria-labelledby="reference-levels">
            <thead><tr><th scope="col">"Level"</th><th scope="col">"What a referee would have seen, and how often"</th></tr></thead>
            <tbody>
                {c.reference_anchors.iter().map(|a| view! {
                    <tr>
                        <th scope="row"><span class="level-num">{a.level.as_u8()}</span>" "{a.level.name()}</th>
                        <td class="prose" inner_html=a.text.clone()></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>

        <h2>"Interview questions"</h2>
        {c.interview_questions.iter().map(|q| {
            let kind = q.kind.as_str();
            let history = histories.iter().find(|h| h.question_id == q.id).cloned();
            let retired = history.as_ref().is_some_and(|h| h.retired.is_some());
            view! {
                <article class="card question" class:retired=retired id=q.id.clone()>
                    <div class="badges">
                        {retired.then(|| view! { <span class="badge retired">"Retired"</span> })}
                        {history.as_ref().filter(|h| !h.versions.is_empty()).map(|h| view! {
                            <span class="badge">{format!("Version {}", h.current_version())}</span>
                        })}
                        <span class=format!("badge kind-{kind}")>{kind_label(kind)}</span>
                        <span class="muted">{format!("Targets: {}", targets(&q.targets))}</span>
                    </div>
                    <h3>{q.title.clone()}</h3>
                    <div class="prose question-text" inner_html=q.text.clone()></div>
                    <div class="two-col">
                        <div>
                            <h4>"Probes"</h4>
                            <ul>{q.probes.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
                        </div>
                        <div>
                            <h4>"Listen for"</h4>
                            <ul>{q.listen_for.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
                        </div>
                    </div>
                    {history.map(|h| view! { <QuestionHistoryView h /> })}
                </article>
            }
        }).collect_view()}

        <h2>"Reference-check questions"</h2>
        {c.reference_questions.iter().map(|q| view! {
            <article class="card question" id=q.id.clone()>
                <div class="badges">
                    <span class="badge kind-reference">"Reference check"</span>
                    <span class="muted">{format!("Targets: {}", targets(&q.targets))}</span>
                </div>
                <h3>{q.title.clone()}</h3>
                <div class="prose question-text" inner_html=q.text.clone()></div>
            </article>
        }).collect_view()}

        {(!c.development_activities.is_empty()).then(|| view! {
            <h2>"Development activities"</h2>
            <ul>{c.development_activities.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul>
        })}

        {(!c.qualification_statement.is_empty() || !c.outreach_ideas.is_empty()).then(|| view! {
            <h2>"Recruiting notes"</h2>
            <div class="two-col">
                <div>
                    <h3>"Qualification statement"</h3>
                    <div class="prose" inner_html=c.qualification_statement.clone()></div>
                </div>
                <div>
                    <h3>"Outreach ideas"</h3>
                    <ul>{c.outreach_ideas.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul>
                </div>
            </div>
        })}

        {(!c.provenance.is_empty()).then(|| view! {
            <h2>"Provenance"</h2>
            <div class="prose muted" inner_html=c.provenance.clone()></div>
        })}
    }
}

/// A question's retirement and versions, newest first.
#[component]
fn QuestionHistoryView(h: QuestionHistory) -> impl IntoView {
    let who = |by: &Option<String>| by.clone().unwrap_or_else(|| "the bank file".to_owned());
    view! {
        <section class="question-history" aria-label="History">
            <h4>"History"</h4>
            {h.retired.map(|r| view! {
                <p class="retired-note">
                    {format!("Retired by {} on {}: {}", r.retired_by, format_day(r.retired_at), r.reason)}
                    " It is left out of new guide versions; guides that asked it keep it."
                </p>
            })}
            <ol class="versions">
                {h.versions.iter().rev().map(|v| view! {
                    <li>
                        <strong>{format!("Version {}", v.version)}</strong>
                        {format!(" — {}, {}: {}", who(&v.created_by), format_day(v.created_at), v.reason)}
                        <blockquote class="version-text">{v.text.clone()}</blockquote>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
