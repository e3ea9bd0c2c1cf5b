//! What the references said, and each rater's recommendation.

use crate::model::PanelSummary;
use leptos::prelude::*;

#[component]
pub(super) fn References(s: PanelSummary) -> impl IntoView {
    if s.reference_comments.is_empty() {
        return ().into_any();
    }
    view! {
        <section aria-labelledby="refs-h">
            <h2 id="refs-h">"References' answers"</h2>
            {s.reference_comments.into_iter().map(|r| view! {
                <div class="card reference-comment">
                    <h3>{r.referee.clone()}" "<span class="muted">{format!("{}, {} months{}", r.relationship, r.months_worked, if r.by_phone { ", by phone" } else { "" })}</span></h3>
                    <dl>
                        {r.answers.into_iter().map(|a| {
                            let rating = match (a.rating, a.cant_say) {
                                (Some(l), _) => question_bank::Level::numbered(l),
                                (None, true) => "Can't say".into(),
                                (None, false) => "Not rated".into(),
                            };
                            view! {
                                <dt>{format!("{} · {}", a.competency, a.question)}": "<strong>{rating}</strong></dt>
                                <dd>{a.text}</dd>
                            }
                        }).collect_view()}
                    </dl>
                </div>
            }).collect_view()}
        </section>
    }
    .into_any()
}

#[component]
pub(super) fn Recommendations(s: PanelSummary) -> impl IntoView {
    let summary = s.clone();
    view! {
        <section class="card" aria-labelledby="recs-h">
            <h2 id="recs-h">"Recommendations"</h2>
            <ul class="tally">
                {s.tally.iter().map(|(r, n)| view! {
                    <li class=format!("tally-{}", r.as_str())><span class="count">{*n}</span>" "{r.label()}</li>
                }).collect_view()}
            </ul>
            {s.raters.iter().enumerate().map(|(i, r)| view! {
                <details class="rater-summary">
                    <summary>{summary.rater_label(i)}": "<strong>{r.recommendation.map(crate::model::Recommendation::label).unwrap_or("–")}</strong></summary>
                    <div class="prose" inner_html=r.summary_html.clone()></div>
                    {summary.question_notes.iter().filter(|q| q.rater == i).map(|q| view! {
                        <h4>{q.title.clone()}" "<span class="muted">{format!("({}{})", q.competency, q.rating.map(|l| format!(", rated {l}")).unwrap_or_default())}</span></h4>
                        <div class="prose" inner_html=q.notes_html.clone()></div>
                    }).collect_view()}
                </details>
            }).collect_view()}
        </section>
    }
}
