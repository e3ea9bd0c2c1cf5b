//! The panel summary of one candidate, for hiring managers and recruiters:
//! the competency × rater grid, disagreements with evidence side by side,
//! references, recommendations, the decision, and rater agreement across
//! the role.

use crate::components::form::FormStatus;
use crate::components::loaded::Loaded;
use crate::components::text_area::TextArea;
use crate::components::unsaved::guard_unsaved;
use crate::errors::AppError;
use crate::model::{
    CompetencyRow, DecisionInput, DecisionKind, PanelSummary, RoleAgreement, format_day,
};
use crate::server_fns::summaries::{get_candidate_summary, get_role_agreement, record_decision};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/candidates/:id/summary`.
#[component]
pub fn SummaryPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let reload = RwSignal::new(0u32);
    // Outlives the reload that recording a decision triggers, so its notice stays.
    let notice = RwSignal::new(None::<String>);
    // One resource for all the page's data (see `pages` on hydration): the
    // agreement section once had its own resource inside this Transition,
    // which the browser created in a different order from the server and
    // every direct load crashed in hydration.
    let data = Resource::new(
        move || (id(), reload.get()),
        |(id, _)| async move {
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
                view! { <SummaryView s agreement reload notice /> }.into_any()
            }
        </Loaded>
    }
}

#[component]
fn SummaryView(
    s: PanelSummary,
    agreement: Option<RoleAgreement>,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let pdf = format!("/candidates/{}/summary.pdf", s.candidate_id);
    let stages = if s.stages.is_empty() {
        "no scorecard submitted yet".to_owned()
    } else {
        s.stages.join(", ")
    };
    let n = s.raters.len();
    view! {
        <Title text=format!("Summary: {}", s.candidate_name) />
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
        <Grid s=s.clone() />
        <Disagreements s=s.clone() />
        <Behaviors s=s.clone() />
        <References s=s.clone() />
        <Recommendations s=s.clone() />
        <DecisionPanel s=s.clone() reload notice />
        {agreement.map(|a| view! { <AgreementView a /> })}
    }
}

#[component]
fn Grid(s: PanelSummary) -> impl IntoView {
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

fn grid_row(c: &CompetencyRow, cols: usize) -> impl IntoView + use<> {
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
fn Disagreements(s: PanelSummary) -> impl IntoView {
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
fn Behaviors(s: PanelSummary) -> impl IntoView {
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

#[component]
fn References(s: PanelSummary) -> impl IntoView {
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
fn Recommendations(s: PanelSummary) -> impl IntoView {
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
                    <summary>{summary.rater_label(i)}": "<strong>{r.recommendation.map(|x| x.label()).unwrap_or("–")}</strong></summary>
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

#[component]
fn DecisionPanel(
    s: PanelSummary,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let choice = RwSignal::new(None::<DecisionKind>);
    let rationale = RwSignal::new(String::new());
    guard_unsaved(Signal::derive(move || {
        choice.with(Option::is_some) || !rationale.with(|r| r.trim().is_empty())
    }));
    let error = RwSignal::new(None::<AppError>);
    let candidate_id = s.candidate_id.clone();
    let record = Action::new(move |input: &DecisionInput| {
        let input = input.clone();
        async move { record_decision(input).await }
    });
    Effect::new(move |_| match record.value().get() {
        Some(Ok(d)) => {
            error.set(None);
            choice.set(None);
            rationale.set(String::new());
            notice.set(Some(format!("Recorded: {}.", d.decision.label())));
            reload.update(|n| *n += 1);
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let current = s.decision().cloned();
    let history: Vec<_> = s.decisions.iter().skip(1).cloned().collect();
    let may_decide = s.may_decide;
    view! {
        <section class="card decision" aria-labelledby="decision-h">
            <h2 id="decision-h">"Decision"</h2>
            {match current {
                Some(d) => view! {
                    <p class="current-decision">
                        <strong class=format!("decision-{}", d.decision.as_str())>{d.decision.label()}</strong>
                        {format!(" — {}, {}", d.decided_by, format_day(d.decided_at))}
                    </p>
                    <p class="rationale">{d.rationale.clone()}</p>
                }.into_any(),
                None => view! { <p class="muted">"No decision recorded yet."</p> }.into_any(),
            }}
            {(!history.is_empty()).then(|| view! {
                <details><summary>"Earlier decisions"</summary>
                    <ul>{history.into_iter().map(|d| view! {
                        <li>{format!("{} — {}, {}: {}", d.decision.label(), d.decided_by, format_day(d.decided_at), d.rationale)}</li>
                    }).collect_view()}</ul>
                </details>
            })}
            {if may_decide {
                view! {
                <form class="decision-form" on:submit=move |ev| {
                    ev.prevent_default();
                    let Some(decision) = choice.get_untracked() else {
                        error.set(Some(AppError::invalid("decision", "choose hire, no hire or hold")));
                        return;
                    };
                    notice.set(None);
                    record.dispatch(DecisionInput {
                        candidate_id: candidate_id.clone(),
                        decision,
                        rationale: rationale.get_untracked(),
                    });
                }>
                    <fieldset>
                        <legend>"Record a decision"</legend>
                        {DecisionKind::ALL.map(|d| view! {
                            <label class="inline">
                                <input type="radio" name="decision" value=d.as_str()
                                    on:change=move |_| choice.set(Some(d)) />
                                " "{d.label()}
                            </label>
                        }).collect_view()}
                    </fieldset>
                    <label for="rationale">"Rationale"</label>
                    <TextArea value=rationale on_input=Callback::new(move |t| rationale.set(t))
                        attr:id="rationale" attr:rows="4" attr:required=true />
                    <div class="actions">
                        <button type="submit" class="primary" disabled=move || record.pending().get()>"Record decision"</button>
                    </div>
                    <FormStatus error=error notice=notice />
                </form>
                }
                .into_any()
            } else {
                view! {
                    <p class="muted">"Decisions are recorded by the role's hiring managers."</p>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn AgreementView(a: RoleAgreement) -> impl IntoView {
    let explanation = a.explanation.clone();
    let row = move |r: crate::model::AgreementRow| {
        let icc = r
            .icc
            .map(|i| format!("{i:.2} ({})", crate::model::agreement::icc_label(i)))
            .unwrap_or_else(|| "not enough data".into());
        view! {
            <tr>
                <th scope="row">{r.name.clone()}{r.competency.clone().map(|c| view! { <span class="muted">{format!(" · {c}")}</span> })}</th>
                <td>{r.candidates}</td>
                <td>{r.mean.map(|m| format!("{m:.1}")).unwrap_or_else(|| "–".into())}</td>
                <td>{icc}</td>
                <td>{r.health.join(" ")}</td>
            </tr>
        }
    };
    view! {
        <section class="card agreement" aria-labelledby="agreement-h">
            <h2 id="agreement-h">"Rater agreement across "{a.role_title.clone()}</h2>
            <p class="muted">
                {format!("{} candidate{} scored. ", a.candidates_scored, if a.candidates_scored == 1 { "" } else { "s" })}
                {if a.enough_data { "" } else { "Agreement is reported once 3 candidates each have 2 or more ratings." }}
            </p>
            <table class="data">
                <thead><tr>
                    <th scope="col">"Competency or question"</th>
                    <th scope="col">"Candidates"</th>
                    <th scope="col">"Mean"</th>
                    <th scope="col"><abbr title=explanation tabindex="0" class="tooltip">"ICC(1)"</abbr></th>
                    <th scope="col">"Notes"</th>
                </tr></thead>
                <tbody>{a.competencies.into_iter().map(row).collect_view()}</tbody>
                <tbody>{a.questions.into_iter().map(row).collect_view()}</tbody>
            </table>
        </section>
    }
}
