//! The competency × rater grid, the disagreements worth discussing, and the
//! behaviours raters saw.

use crate::model::{CompetencyRow, PanelSummary};
use leptos::prelude::*;

#[component]
pub(super) fn Grid(s: PanelSummary) -> impl IntoView {
    if s.raters.is_empty() {
        return view! {
            <section class="card"><h2>"Competency × rater"</h2>
                <p class="empty">"No scorecard has been submitted for this candidate yet."</p></section>
        }
        .into_any();
    }
    let raters = s.raters.clone();
    let cols = raters.len();
    let reached = s.references_answered >= s.references_threshold;
    let reference_rows = s.competencies.clone();
    view! {
        <section aria-labelledby="grid-h" class="summary-grid-wrap">
            <h2 id="grid-h">"Competency × rater"</h2>
            <table class="data summary-grid">
                <thead>
                    <tr>
                        <th scope="col">"Competency"</th>
                        <th scope="col">"Required"</th>
                        {raters.iter().map(|r| view! {
                            <th scope="col" class="rater">{r.name.clone()}<span class="stage">{r.stage_name.clone()}</span></th>
                        }).collect_view()}
                        <th scope="col">"Median"</th>
                        <th scope="col">"Spread"</th>
                    </tr>
                </thead>
                <tbody>
                    {s.competencies.iter().map(|c| grid_row(c, cols)).collect_view()}
                </tbody>
                <tbody class="reference-rows">
                    <tr><th scope="rowgroup" colspan=cols + 4>
                        {format!("References ({} of {} needed answered)", s.references_answered, s.references_threshold)}
                    </th></tr>
                    {reference_rows.into_iter().filter(|c| reached && c.reference_count > 0).map(|c| {
                        let mean = c.reference_mean.map(|m| format!("{m:.1}")).unwrap_or_else(|| "held back: too few references rated it".into());
                        view! {
                            <tr class="reference">
                                <th scope="row">{c.name.clone()}</th>
                                <td>{c.required_level}</td>
                                <td colspan=cols>{format!("Reference mean {mean} ({} reference{})", c.reference_count, if c.reference_count == 1 { "" } else { "s" })}</td>
                                <td colspan="2"></td>
                            </tr>
                        }
                    }).collect_view()}
                    {(!reached).then(|| view! {
                        <tr class="reference"><td colspan=cols + 4 class="muted">
                            {format!("Reference ratings are combined once {} references have answered.", s.references_threshold)}
                        </td></tr>
                    })}
                </tbody>
            </table>
        </section>
    }
    .into_any()
}

pub(super) fn grid_row(c: &CompetencyRow, cols: usize) -> impl IntoView + use<> {
    let cells: Vec<_> = (0..cols)
        .map(|i| match c.score_of(i) {
            Some(score) => match score.level {
                Some(l) => {
                    let below = l < c.required_level;
                    view! {
                        <td class="score" class:below=below title=score.anchor.clone()>
                            <span class="level">{l}</span>" "<span class="level-name">{question_bank::Level::label(l)}</span>
                            <span class="anchor">{score.anchor.clone()}</span>
                        </td>
                    }
                    .into_any()
                }
                None => view! {
                    <td class="score na" title=score.not_assessed_reason.clone()>"Not assessed"
                        <span class="anchor">{score.not_assessed_reason.clone()}</span></td>
                }
                .into_any(),
            },
            None => view! { <td class="score none" title="Not rated by this rater">"–"</td> }.into_any(),
        })
        .collect();
    let flag = c.disagreement;
    view! {
        <tr class:disagree=flag>
            <th scope="row">{c.name.clone()}<span class="weight">{format!("weight {}", c.weight)}</span></th>
            <td>{c.required_level}" "<span class="level-name">{question_bank::Level::label(c.required_level)}</span></td>
            {cells}
            <td class:below=c.below_required()>{crate::model::median_text(c.median)}</td>
            <td>
                {c.spread.map(|s| s.to_string()).unwrap_or_else(|| "–".into())}
                {flag.then(|| view! {
                    " "<a class="flag" href=format!("#split-{}", c.id) title="Raters two or more levels apart">"⚑ Split"</a>
                })}
            </td>
        </tr>
    }
}

#[component]
pub(super) fn Disagreements(s: PanelSummary) -> impl IntoView {
    let split: Vec<CompetencyRow> = s.disagreements().cloned().collect();
    if split.is_empty() {
        return ().into_any();
    }
    let summary = s.clone();
    view! {
        <section aria-labelledby="split-h">
            <h2 id="split-h">"Disagreements"</h2>
            <p class="muted">"Raters two or more levels apart, with their evidence side by side."</p>
            {split.into_iter().map(|c| {
                let rated: Vec<_> = c.scores.iter().filter(|x| x.level.is_some()).cloned().collect();
                let s = summary.clone();
                view! {
                    <div class="card split" id=format!("split-{}", c.id)>
                        <h3>{format!("{}: levels {}–{} (required {})", c.name,
                            c.range.map(|r| r.0).unwrap_or(0), c.range.map(|r| r.1).unwrap_or(0), c.required_level)}</h3>
                        <div class="side-by-side">
                            {rated.into_iter().map(|sc| {
                                let l = sc.level.unwrap_or(0);
                                view! {
                                    <article class="evidence">
                                        <h4>{s.rater_label(sc.rater)}</h4>
                                        <p class="level-line"><span class="level">{l}</span>" "{question_bank::Level::label(l)}</p>
                                        <p class="anchor">{sc.anchor.clone()}</p>
                                        <div class="prose" inner_html=sc.evidence_html.clone()></div>
                                    </article>
                                }
                            }).collect_view()}
                        </div>
                    </div>
                }
            }).collect_view()}
        </section>
    }
    .into_any()
}

#[component]
pub(super) fn Behaviors(s: PanelSummary) -> impl IntoView {
    let rows: Vec<CompetencyRow> = s
        .competencies
        .iter()
        .filter(|c| !c.behaviors.is_empty())
        .cloned()
        .collect();
    if rows.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="card" aria-labelledby="behaviors-h">
            <h2 id="behaviors-h">"Behaviors observed"</h2>
            {rows.into_iter().map(|c| view! {
                <h3>{c.name.clone()}</h3>
                <ul>
                    {c.behaviors.iter().map(|(b, n)| view! {
                        <li>{b.clone()}" "<span class="muted">{format!("({n} rater{})", if *n == 1 { "" } else { "s" })}</span></li>
                    }).collect_view()}
                </ul>
            }).collect_view()}
        </section>
    }
    .into_any()
}
