//! The rater figures as cards (one period) and as a table (per quarter),
//! each figure with what it rests on or "too few … to say".

use crate::model::rater::{
    Figure, QuarterFigures, RaterFigures, ScaleUse, Unrated, percent, severity_words,
    signed_levels, too_few,
};
use leptos::prelude::*;
use question_bank::Level;

/// The four figures of one period, each on a card with its explanation.
#[component]
pub fn FigureCards(figures: RaterFigures, who: &'static str) -> impl IntoView {
    let RaterFigures {
        severity,
        scale,
        agreement,
        unrated,
        ..
    } = figures;
    view! {
        <div class="rater-figures">
            <section class="card rater-figure" data-testid="figure-severity">
                <h3>"Severity or leniency"</h3>
                {silent_or(&severity, "shared ratings", |d| view! {
                    <p class="figure-value">{signed_levels(*d)}" levels"</p>
                    <p>{severity_words(*d)}</p>
                }.into_any())}
                <p class="muted">{format!(
                    "The average of {who} rating minus the mean of the other interviewers' ratings \
                     of the same candidate on the same competency. On {} shared ratings.",
                    severity.basis
                )}</p>
            </section>
            <section class="card rater-figure" data-testid="figure-agreement">
                <h3>"Agreement with the panel"</h3>
                {silent_or(&agreement, "shared ratings", |share| view! {
                    <p class="figure-value">{percent(*share)}</p>
                    <p>"within one level of the rest of the panel"</p>
                }.into_any())}
                <p class="muted">{format!(
                    "The share of {who} shared ratings at most one level from the median of the other \
                     interviewers' ratings of the same candidate and competency. On {} shared ratings.",
                    agreement.basis
                )}</p>
            </section>
            <section class="card rater-figure wide" data-testid="figure-scale">
                <h3>"Use of the scale"</h3>
                {silent_or(&scale, "ratings", |s| view! { <ScaleBars scale=s.clone() /> }.into_any())}
                <p class="muted">{format!(
                    "How often each of the five levels was given. On {} ratings.",
                    scale.basis
                )}</p>
            </section>
            <section class="card rater-figure" data-testid="figure-unrated">
                <h3>"Left unrated"</h3>
                {silent_or(&unrated, "scorecards", |u| view! {
                    <p class="figure-value">{percent(u.share())}</p>
                    <p>{format!("{} of {} competencies asked for", u.unrated, u.asked)}</p>
                }.into_any())}
                <p class="muted">{format!(
                    "Competencies a scorecard asked for ({who} focus on the panel, or the whole \
                     stage) that were marked not assessed. On {} scorecards.",
                    unrated.basis
                )}</p>
            </section>
        </div>
    }
}

/// The figure's view, or the "too few" line.
fn silent_or<T>(figure: &Figure<T>, unit: &str, show: impl FnOnce(&T) -> AnyView) -> AnyView {
    match &figure.value {
        Some(value) => show(value),
        None => {
            view! { <p class="too-few">{too_few(figure.basis, figure.needed, unit)}</p> }.into_any()
        }
    }
}

#[component]
fn ScaleBars(scale: ScaleUse) -> impl IntoView {
    view! {
        <p>{if scale.lowest == scale.highest {
            format!("Uses only {}", Level::numbered(scale.lowest))
        } else {
            format!(
                "Uses {} to {}",
                Level::numbered(scale.lowest),
                Level::numbered(scale.highest)
            )
        }}</p>
        <table class="scale-bars">
            <tbody>
                {(1..=5_u8).map(|level| {
                    let share = scale.share(level);
                    let n = scale.counts[usize::from(level) - 1];
                    view! {
                        <tr>
                            <th scope="row">{Level::numbered(level)}</th>
                            <td class="bar"><meter min="0" max="1" value=share.to_string()>{percent(share)}</meter></td>
                            <td class="muted">{format!("{} ({n})", percent(share))}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// One row per quarter: each figure or "too few", with its basis.
#[component]
pub fn QuarterTable(quarters: Vec<QuarterFigures>) -> impl IntoView {
    if quarters.is_empty() {
        return view! { <p class="empty">"No submitted scorecards yet."</p> }.into_any();
    }
    view! {
        <table class="data rater-quarters">
            <thead>
                <tr>
                    <th scope="col">"Quarter"</th>
                    <th scope="col">"Scorecards"</th>
                    <th scope="col">"Severity"</th>
                    <th scope="col">"Agreement"</th>
                    <th scope="col">"Range used"</th>
                    <th scope="col">"Left unrated"</th>
                </tr>
            </thead>
            <tbody>
                {quarters.into_iter().map(|q| {
                    let f = q.figures;
                    view! {
                        <tr>
                            <th scope="row">{q.label}</th>
                            <td>{f.scorecards}</td>
                            <td>{cell(&f.severity, signed_levels)}</td>
                            <td>{cell(&f.agreement, percent)}</td>
                            <td>{cell(&f.scale, |s: ScaleUse| format!("{}–{}", s.lowest, s.highest))}</td>
                            <td>{cell(&f.unrated, |u: Unrated| percent(u.share()))}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// A table cell: the figure and its basis, or "too few" and its basis.
fn cell<T: Clone>(figure: &Figure<T>, text: impl Fn(T) -> String) -> String {
    match &figure.value {
        Some(v) => format!("{} (n={})", text(v.clone()), figure.basis),
        None => format!("too few (n={})", figure.basis),
    }
}
