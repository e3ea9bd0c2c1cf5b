//! The end of the scoring page: the recommendation and summary, submitting
//! and amending, and (once submitted) the panel's scorecards.

use super::{Scoring, submit};
use crate::components::notes_field::NotesField;
use crate::components::text_area::TextArea;
use crate::errors::AppError;
use crate::model::{Assessment, Recommendation, ScorecardStatus, SubmittedScorecard};
use leptos::prelude::*;

/// Recommendation, summary, what is missing, and the submit or amend controls.
#[component]
pub fn OverallCard(s: Scoring) -> impl IntoView {
    let recommendation = Memo::new(move |_| s.content.with(|c| c.recommendation));
    let summary = Memo::new(move |_| s.content.with(|c| c.summary.clone()));
    let read_only = Signal::derive(move || !s.editable());
    let no_choice = Signal::derive(move || !s.choosable());
    let submitted = move || s.status.get() == ScorecardStatus::Submitted;
    let (reason, set_reason) = signal(String::new());
    let busy = RwSignal::new(false);
    let initial = recommendation.get_untracked();
    view! {
        <section class="scoring-section overall" id="overall" data-section="overall" aria-labelledby="overall-title">
            <article class="card item overall-item" tabindex="-1" data-item="overall" data-id="overall" aria-labelledby="overall-title">
                <h2 id="overall-title">"Recommendation"</h2>
                <fieldset class="recommendation">
                    <legend>"Overall recommendation"</legend>
                    <div class="segments wide">
                        {Recommendation::ALL.into_iter().enumerate().map(|(i, r)| {
                            let checked = move || recommendation.get() == Some(r);
                            view! {
                                <label class=format!("segment rec-{}", r.as_str()) class:selected=checked>
                                    <input
                                        type="radio"
                                        name="recommendation"
                                        value=r.as_str()
                                        aria-label=r.label()
                                        checked=initial == Some(r)
                                        prop:checked=checked
                                        disabled=move || no_choice.get()
                                        on:change=move |_| s.recommend(Some(r))
                                    />
                                    <span aria-hidden="true"><kbd>{i + 1}</kbd>" "{r.label()}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <NotesField
                    id="summary".to_owned()
                    label="Summary".to_owned()
                    value=summary
                    on_input=Callback::new(move |text| s.set_summary(text))
                    disabled=read_only
                    placeholder="The strongest evidence for and against, in a few lines.".to_owned()
                    rows=5
                />
                <Checklist s />
                {move || s.problems.with(|p| (!p.is_empty()).then(|| view! {
                    <div class="error problems" role="alert">
                        <p>"Before submitting:"</p>
                        <ul>{p.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
                    </div>
                }))}
                <Show
                    when=submitted
                    fallback=move || view! {
                        <div class="submit-row">
                            <button
                                type="button"
                                class="primary"
                                disabled=move || busy.get()
                                on:click=move |_| submit::submit(s, busy)
                            >
                                "Submit scorecard"
                            </button>
                            <span class="muted">"Submitting locks it; later changes are recorded as amendments."</span>
                        </div>
                    }
                >
                    <Show
                        when=move || s.amending.get()
                        fallback=move || view! {
                            <div class="submit-row">
                                <button type="button" class="secondary" on:click=move |_| s.amending.set(true)>
                                    "Amend…"
                                </button>
                            </div>
                        }
                    >
                        <div class="amend-box">
                            <p class="muted">
                                "Change what needs changing above. Nothing is saved until you save the amendment; the submitted version is kept."
                            </p>
                            <label for="amend-reason">"Reason for the amendment"</label>
                            <TextArea
                                value=reason
                                on_input=Callback::new(move |t| set_reason.set(t))
                                attr:id="amend-reason"
                                attr:rows="2"
                            />
                            <div class="submit-row">
                                <button
                                    type="button"
                                    class="primary"
                                    disabled=move || busy.get()
                                    on:click=move |_| submit::amend(s, reason.get_untracked(), busy)
                                >
                                    "Save amendment"
                                </button>
                                <button
                                    type="button"
                                    class="secondary"
                                    on:click=move |_| {
                                        s.content.set(s.acked.get_untracked());
                                        s.problems.set(Vec::new());
                                        s.amending.set(false);
                                    }
                                >
                                    "Cancel"
                                </button>
                            </div>
                        </div>
                    </Show>
                </Show>
            </article>
        </section>
    }
    .into_any()
}

/// What is done and what is left, live, before submitting.
#[component]
fn Checklist(s: Scoring) -> impl IntoView {
    let left = Memo::new(move |_| {
        s.sheet
            .with_value(|sheet| s.content.with(|c| sheet.submission_problems(c)))
    });
    view! {
        <Show when=move || s.status.get() == ScorecardStatus::Draft>
            <div class="muted checklist">
                {move || left.with(|left| match left.len() {
                    0 => view! { <p>"Everything required is done."</p> }.into_any(),
                    n => view! {
                        <p>{if n == 1 { "1 thing left before you can submit:".to_owned() } else { format!("{n} things left before you can submit:") }}</p>
                        <ul>{left.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
                    }
                    .into_any(),
                })}
            </div>
        </Show>
    }
    .into_any()
}

/// The panel's submitted scorecards for this interview, side by side:
/// `initial` as loaded with the page, then fetched again in the browser
/// after each submission or amendment. No resource here: one created inside
/// the page's Suspense hydrates out of step with the server (see `pages`).
#[component]
pub fn PanelScorecards(
    s: Scoring,
    /// Loaded with the page, if the scorecard was submitted then.
    initial: Option<Result<Vec<SubmittedScorecard>, AppError>>,
) -> impl IntoView {
    let cards = RwSignal::new(initial);
    #[cfg(feature = "hydrate")]
    {
        let (candidate_id, interview_id) = s
            .sheet
            .with_value(|sh| (sh.candidate_id.clone(), sh.interview_id.clone()));
        Effect::new(move |seen: Option<i64>| {
            let version = s.version.get();
            if seen.is_some() || cards.with_untracked(Option::is_none) {
                let (candidate_id, interview_id) = (candidate_id.clone(), interview_id.clone());
                leptos::task::spawn_local(async move {
                    let result = crate::server_fns::scorecards::list_submitted_scorecards(
                        candidate_id,
                        Some(interview_id),
                    )
                    .await;
                    cards.set(Some(result));
                });
            }
            version
        });
    }
    view! {
        <section class="panel-scorecards" aria-labelledby="panel-title">
            <h2 id="panel-title">"The panel's scorecards"</h2>
            {move || match cards.get() {
                None => view! { <p class="loading">"Loading…"</p> }.into_any(),
                Some(Ok(cards)) => view! { <PanelTable s cards /> }.into_any(),
                Some(Err(AppError::Forbidden)) => view! {
                    <p class="muted">"You will see the others' scorecards once you have submitted all of yours for this candidate."</p>
                }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
            }}
        </section>
    }
    .into_any()
}

#[component]
fn PanelTable(s: Scoring, cards: Vec<SubmittedScorecard>) -> impl IntoView {
    let competencies = s.sheet.with_value(|sh| sh.competencies.clone());
    view! {
        <table class="data panel-table">
            <caption class="visually-hidden">"Levels by competency and interviewer"</caption>
            <thead>
                <tr>
                    <th scope="col">"Competency"</th>
                    {cards.iter().map(|c| view! { <th scope="col">{c.interviewer_name.clone()}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {competencies.iter().map(|comp| view! {
                    <tr>
                        <th scope="row">
                            {comp.name.clone()}
                            <span class="muted">{format!(" (required {})", comp.required_level.as_u8())}</span>
                        </th>
                        {cards.iter().map(|c| {
                            let cell = match c.content.competency(&comp.id).assessment {
                                Assessment::Rated(l) => format!("{} {}", l.as_u8(), l.name()),
                                Assessment::NotAssessed => "Not assessed".to_owned(),
                                Assessment::Pending => "–".to_owned(),
                            };
                            view! { <td>{cell}</td> }
                        }).collect_view()}
                    </tr>
                }).collect_view()}
                <tr>
                    <th scope="row">"Recommendation"</th>
                    {cards.iter().map(|c| view! {
                        <td>{c.content.recommendation.map(Recommendation::label).unwrap_or("–")}</td>
                    }).collect_view()}
                </tr>
            </tbody>
        </table>
    }
    .into_any()
}
