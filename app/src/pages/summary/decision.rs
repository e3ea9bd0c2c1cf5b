//! The hiring decision: its history, and recording one (for those who may).

use crate::components::form::FormStatus;
use crate::components::text_area::TextArea;
use crate::components::unsaved::guard_unsaved;
use crate::errors::AppError;
use crate::model::{Decision, DecisionInput, DecisionKind, format_day};
use crate::server_fns::summaries::record_decision;
use leptos::prelude::*;

/// An island: the rest of the summary is rendered on the server only. A
/// recorded decision is added to the list shown here, so the page needs no
/// reload.
#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]
#[cfg_attr(feature = "referee-bundle", component)]
pub(super) fn DecisionPanel(
    /// The candidate decided on.
    candidate_id: String,
    /// The decisions recorded so far, latest first.
    decisions: Vec<Decision>,
    /// Whether the reader may record one.
    may_decide: bool,
) -> impl IntoView {
    let decisions = RwSignal::new(decisions);
    let notice = RwSignal::new(None::<String>);
    let choice = RwSignal::new(None::<DecisionKind>);
    let rationale = RwSignal::new(String::new());
    guard_unsaved(Signal::derive(move || {
        choice.with(Option::is_some) || !rationale.with(|r| r.trim().is_empty())
    }));
    let error = RwSignal::new(None::<AppError>);
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
            decisions.update(|ds| ds.insert(0, d));
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let current = move || decisions.with(|ds| ds.first().cloned());
    let history = move || decisions.with(|ds| ds.iter().skip(1).cloned().collect::<Vec<_>>());
    view! {
        <section class="card decision" aria-labelledby="decision-h">
            <h2 id="decision-h">"Decision"</h2>
            {move || match current() {
                Some(d) => view! {
                    <p class="current-decision">
                        <strong class=format!("decision-{}", d.decision.as_str())>{d.decision.label()}</strong>
                        {format!(" — {}, {}", d.decided_by, format_day(d.decided_at))}
                    </p>
                    <p class="rationale">{d.rationale.clone()}</p>
                }.into_any(),
                None => view! { <p class="muted">"No decision recorded yet."</p> }.into_any(),
            }}
            {move || {
                let history = history();
                (!history.is_empty()).then(|| view! {
                <details><summary>"Earlier decisions"</summary>
                    <ul>{history.into_iter().map(|d| view! {
                        <li>{format!("{} — {}, {}: {}", d.decision.label(), d.decided_by, format_day(d.decided_at), d.rationale)}</li>
                    }).collect_view()}</ul>
                </details>
                })
            }}
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
