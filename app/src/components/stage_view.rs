//! A guide stage as an interviewer reads it: per section, the competency and
//! its planned minutes, each question with probes and what to listen for,
//! and the five behavioral anchors the answers are rated against.

use crate::model::{CompetencySnapshot, GuideQuestion, PublishedGuide, Stage};
use leptos::prelude::*;

/// One stage of `guide`, with Markdown already rendered to safe HTML.
#[component]
pub fn StageView(guide: PublishedGuide, stage: Stage) -> impl IntoView {
    let minutes = stage.minutes();
    view! {
        <section class="stage-view" aria-label=format!("Stage: {}", stage.name)>
            <header class="stage-view-head">
                <h2>{stage.name.clone()}</h2>
                <span class="muted">{format!("{} sections · {minutes} minutes", stage.sections.len())}</span>
            </header>
            {stage.sections.into_iter().enumerate().map(|(i, section)| {
                let competency = guide.competency(&section.competency_id).cloned();
                let name = competency.as_ref().map(|c| c.name.clone()).unwrap_or_else(|| section.competency_id.clone());
                view! {
                    <article class="card section-view">
                        <header class="section-view-head">
                            <h3>{format!("{}. {name}", i + 1)}</h3>
                            <span class="badge">{format!("{} min", section.minutes)}</span>
                            {competency.as_ref().map(|c| view! {
                                <span class="muted">{format!("Required level: {}", question_bank::Level::numbered(c.required_level))}</span>
                            })}
                        </header>
                        {section.questions.into_iter().map(|q| view! { <QuestionView q /> }).collect_view()}
                        {competency.map(|c| view! { <AnchorScale competency=c /> })}
                    </article>
                }
            }).collect_view()}
        </section>
    }
}

/// A question with its probes and listen-for points.
#[component]
pub fn QuestionView(q: GuideQuestion) -> impl IntoView {
    view! {
        <div class="question-view">
            <div class="badges">
                <span class=format!("badge kind-{}", format!("{:?}", q.kind).to_lowercase())>{q.kind.label()}</span>
                <strong>{q.title.clone()}</strong>
            </div>
            <div class="prose question-text" inner_html=q.text.clone()></div>
            <div class="two-col">
                {(!q.probes.is_empty()).then(|| view! {
                    <div><h4>"Probes"</h4><ul>{q.probes.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul></div>
                })}
                {(!q.listen_for.is_empty()).then(|| view! {
                    <div><h4>"Listen for"</h4><ul>{q.listen_for.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul></div>
                })}
            </div>
        </div>
    }
}

/// The five levels of a competency with their anchors.
#[component]
pub fn AnchorScale(competency: CompetencySnapshot) -> impl IntoView {
    view! {
        <details class="anchor-scale">
            <summary>{format!("Rating scale for {}", competency.name)}</summary>
            <table class="data anchors">
                <tbody>
                    {competency.anchors.into_iter().map(|a| view! {
                        <tr class=if a.level.as_u8() == competency.required_level { "required" } else { "" }>
                            <th scope="row"><span class="level-num">{a.level.as_u8()}</span>" "{a.level.name()}</th>
                            <td class="prose" inner_html=a.text></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}
