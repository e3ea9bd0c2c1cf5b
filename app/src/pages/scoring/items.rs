//! The sections of the scoring page: their questions and competency ratings.
//! Every question, rating and the overall card is an "item" (`data-item`)
//! the keyboard moves between.

use super::Scoring;
use crate::components::notes_field::NotesField;
use crate::components::rating_scale::{AnchorScale, QuickRating};
use crate::model::{Assessment, SheetCompetency, SheetQuestion, SheetSection};
use leptos::prelude::*;

/// The section list beside the page, with what is rated.
#[component]
pub fn SectionNav(s: Scoring) -> impl IntoView {
    let sheet = s.sheet.get_value();
    view! {
        <nav class="section-nav" aria-label="Sections">
            <ol>
                {sheet.sections.iter().enumerate().map(|(i, section)| {
                    let cid = section.competency_id.clone();
                    let name = sheet.competency(&cid).map(|c| c.name.clone()).unwrap_or_else(|| cid.clone());
                    let done = Memo::new(move |_| s.content.with(|c| c.competency(&cid).assessment != Assessment::Pending));
                    view! {
                        <li class:done=move || done.get()>
                            <a href=format!("#section-{}", section.id)>
                                <span class="nav-num">{i + 1}</span>
                                <span class="nav-name">{name}</span>
                                <span class="nav-state">
                                    {move || if done.get() { "✓" } else { "" }}
                                    <span class="visually-hidden">{move || if done.get() { " (rated)" } else { " (to rate)" }}</span>
                                </span>
                            </a>
                        </li>
                    }
                }).collect_view()}
                <li><a href="#overall"><span class="nav-num">"✱"</span><span class="nav-name">"Recommendation"</span></a></li>
            </ol>
        </nav>
    }
    .into_any()
}

/// Every section in order; a competency's rating follows its last section.
#[component]
pub fn Sections(s: Scoring) -> impl IntoView {
    let sheet = s.sheet.get_value();
    let count = sheet.sections.len();
    sheet
        .sections
        .iter()
        .enumerate()
        .map(|(i, section)| {
            let is_last_of_competency = !sheet.sections[i + 1..]
                .iter()
                .any(|later| later.competency_id == section.competency_id);
            let competency = sheet.competency(&section.competency_id).cloned();
            view! {
                <SectionBlock
                    s
                    number=i + 1
                    count
                    section=section.clone()
                    competency
                    rate_here=is_last_of_competency
                />
            }
        })
        .collect_view()
}

#[component]
fn SectionBlock(
    s: Scoring,
    number: usize,
    count: usize,
    section: SheetSection,
    competency: Option<SheetCompetency>,
    rate_here: bool,
) -> impl IntoView {
    let name = competency
        .as_ref()
        .map(|c| c.name.clone())
        .unwrap_or_else(|| section.competency_id.clone());
    let title_id = format!("section-{}-title", section.id);
    let focus = competency.as_ref().is_some_and(|c| c.focus);
    let required = competency.as_ref().map(|c| c.required_level);
    view! {
        <section
            class="scoring-section"
            id=format!("section-{}", section.id)
            data-section=section.id.clone()
            aria-labelledby=title_id.clone()
        >
            <header class="section-head">
                <div>
                    <p class="muted section-count">{format!("Section {number} of {count}")}</p>
                    <h2 id=title_id.clone()>{name.clone()}</h2>
                    <div class="badges">
                        {if focus {
                            view! { <span class="badge focus">"Your focus"</span> }.into_any()
                        } else {
                            view! { <span class="badge">"Not your focus: rating optional"</span> }.into_any()
                        }}
                        {required.map(|l| view! {
                            <span class="badge">{format!("Required level {} · {}", l.as_u8(), l.name())}</span>
                        })}
                    </div>
                </div>
<span class="muted planned">{format!("{} min planned", section.minutes)}</span>
            </header>
            {section.questions.into_iter().map(|q| view! { <QuestionCard s q /> }).collect_view()}
            {competency.filter(|_| rate_here).map(|c| view! { <CompetencyCard s c /> })}
        </section>
    }
    .into_any()
}

#[component]
fn QuestionCard(s: Scoring, q: SheetQuestion) -> impl IntoView {
    let id = q.id.clone();
    let notes = {
        let id = id.clone();
        Memo::new(move |_| {
            s.content.with(|c| {
                c.questions
                    .get(&id)
                    .map(|q| q.notes.clone())
                    .unwrap_or_default()
            })
        })
    };
    let rating = {
        let id = id.clone();
        Memo::new(move |_| {
            s.content
                .with(|c| c.questions.get(&id).and_then(|q| q.rating))
        })
    };
    let read_only = Signal::derive(move || !s.editable());
    let no_choice = Signal::derive(move || !s.choosable());
    let title_id = format!("q-{id}-title");
    let kind_class = format!("badge kind-{}", q.kind.to_lowercase());
    view! {
        <article
            class="card item question-item"
            tabindex="-1"
            data-item="question"
            data-id=id.clone()
            aria-labelledby=title_id.clone()
        >
            <div class="badges"><span class=kind_class>{q.kind.clone()}</span></div>
            <h3 id=title_id.clone()>{q.title.clone()}</h3>
            <div class="prose question-text" inner_html=q.text_html.clone()></div>
            <div class="two-col guide-hints">
                {(!q.probes.is_empty()).then(|| view! {
                    <div><h4>"Probes"</h4><ul>{q.probes.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul></div>
                })}
                {(!q.listen_for.is_empty()).then(|| view! {
                    <div><h4>"Listen for"</h4><ul>{q.listen_for.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul></div>
                })}
            </div>
            <NotesField
                id=format!("notes-{id}")
                label="Notes".to_owned()
                value=notes
                on_input={
                    let id = id.clone();
                    Callback::new(move |text| s.set_notes(&id, text))
                }
                disabled=read_only
                placeholder="What did they do, say, decide? Markdown works.".to_owned()
            />
            <QuickRating
                name=format!("rating-{id}")
                legend=q.title.clone()
                value=rating
                on_change={
                    let id = id.clone();
                    Callback::new(move |r| s.rate_question(&id, r))
                }
                disabled=no_choice
            />
        </article>
    }
    .into_any()
}

#[component]
fn CompetencyCard(s: Scoring, c: SheetCompetency) -> impl IntoView {
    let id = c.id.clone();
    let score = {
        let id = id.clone();
        Memo::new(move |_| s.content.with(|content| content.competency(&id)))
    };
    let assessment = Signal::derive(move || score.with(|sc| sc.assessment));
    let reason = Signal::derive(move || score.with(|sc| sc.not_assessed_reason.clone()));
    let evidence = Signal::derive(move || score.with(|sc| sc.evidence.clone()));
    let read_only = Signal::derive(move || !s.editable());
    let no_choice = Signal::derive(move || !s.choosable());
    let title_id = format!("rate-{id}-title");
    let reason_id = format!("reason-{id}");
    let initial_reason = reason.get_untracked();
    let reason_of = id.clone();
    view! {
        <article
            class="card item competency-item"
            class:focus=c.focus
            tabindex="-1"
            data-item="competency"
            data-id=id.clone()
            aria-labelledby=title_id.clone()
        >
            <h3 id=title_id.clone()>{format!("Rate {}", c.name)}</h3>
            <p class="muted">
                {if c.focus { "Required to submit: a level with evidence, or not assessed with a reason." }
                 else { "Optional: not one of your focus competencies." }}
            </p>
            <AnchorScale
                name=format!("level-{id}")
                legend=c.name.clone()
                anchors=c.anchors.clone()
                required=c.required_level
                value=assessment
                on_change={
                    let id = id.clone();
                    Callback::new(move |a| s.assess(&id, a))
                }
                disabled=no_choice
            />
            <Show when=move || assessment.get() == Assessment::NotAssessed>
                <label for=reason_id.clone()>"Why was it not assessed?"</label>
                <input
                    id=reason_id.clone()
                    type="text"
                    class="reason"
                    value=initial_reason.clone()
                    prop:value=move || reason.get()
                    disabled=move || no_choice.get()
                    on:input={
                        let id = reason_of.clone();
                        move |ev| s.set_reason(&id, event_target_value(&ev))
                    }
                />
            </Show>
            <NotesField
                id=format!("evidence-{id}")
                label="Evidence for the rating".to_owned()
                value=evidence
                on_input={
                    let id = id.clone();
                    Callback::new(move |text| s.set_evidence(&id, text))
                }
                disabled=read_only
                placeholder="What you saw or heard that places them at this level.".to_owned()
                rows=3
            />
            <fieldset class="behaviors">
                <legend>"Behaviors observed"</legend>
                {c.key_elements.into_iter().map(|k| {
                    let cid = id.clone();
                    let ids: Vec<String> = k.behaviors.iter().map(|(b, _)| b.clone()).collect();
                    let ticked = Memo::new(move |_| score.with(|sc| ids.iter().filter(|b| sc.behaviors.contains(*b)).count()));
                    view! {
                        <details class="key-element" open=ticked.get_untracked() != 0>
                            <summary>
                                {k.name.clone()}
                                <span class="count">{move || match ticked.get() { 0 => String::new(), n => format!(" · {n} observed") }}</span>
                            </summary>
                            <ul>
                                {k.behaviors.into_iter().map(|(bid, text)| {
                                    let cid = cid.clone();
                                    let input_id = format!("b-{cid}-{}", bid.replace(':', "-"));
                                    let checked = {
                                        let bid = bid.clone();
                                        move || score.with(|sc| sc.behaviors.contains(&bid))
                                    };
                                    view! {
                                        <li>
                                            <input
                                                type="checkbox"
                                                id=input_id.clone()
                                                checked=score.with_untracked(|sc| sc.behaviors.contains(&bid))
                                                prop:checked=checked
                                                disabled=move || no_choice.get()
                                                on:change=move |ev| s.set_behavior(&cid, &bid, event_target_checked(&ev))
                                            />
                                            <label for=input_id class="behavior">{text}</label>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </details>
                    }
                }).collect_view()}
            </fieldset>
        </article>
    }
    .into_any()
}
