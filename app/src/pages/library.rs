//! The question library: every competency, and a search over all questions
//! by words, competency, key element and question type.

use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::model::{CompetencyOutline, QuestionFilter, QuestionHit};
use crate::server_fns::library::{list_competencies, search_library};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The library's landing page and search.
#[component]
pub fn LibraryPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        QuestionFilter {
            text: q.get("q"),
            competency_id: q.get("competency"),
            key_element_id: q.get("element"),
            kind: q.get("type"),
        }
    };
    let outlines = Resource::new(|| (), |_| list_competencies());
    let hits = Resource::new(filter, search_library);

    view! {
        <PageTitle text="Question library" />
        <h1>"Question library"</h1>
        <Loaded resource=outlines let:outlines>
            <CompetencyCards outlines=outlines.clone() />
            <SearchForm outlines filter=filter() />
            <Loaded resource=hits loading="Searching…" let:hits>
                <QuestionResults hits />
            </Loaded>
        </Loaded>
    }
}

#[component]
fn CompetencyCards(outlines: Vec<CompetencyOutline>) -> impl IntoView {
    let interview: usize = outlines.iter().map(|o| o.interview_questions).sum();
    let reference: usize = outlines.iter().map(|o| o.reference_questions).sum();
    view! {
        <p class="lede">
            {format!(
                "{} competencies · {interview} interview questions · {reference} reference-check questions",
                outlines.len()
            )}
        </p>
        <ul class="competency-cards">
            {outlines.into_iter().map(|o| view! {
                <li class="card">
                    <a href=format!("/library/{}", o.id)><strong>{o.name}</strong></a>
                    <span class="muted">
                        {format!("{} key elements · {} interview · {} reference",
                            o.key_elements.len(), o.interview_questions, o.reference_questions)}
                    </span>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn SearchForm(outlines: Vec<CompetencyOutline>, filter: QuestionFilter) -> impl IntoView {
    let selected = |current: &Option<String>, value: &str| current.as_deref() == Some(value);
    view! {
        <h2 id="find">"Find questions"</h2>
        <form method="get" action="/library" class="filters" aria-labelledby="find">
            <div class="field grow">
                <label for="q">"Words"</label>
                <input id="q" name="q" type="search" placeholder="e.g. complaint, deadline, feedback"
                    value=filter.text.clone().unwrap_or_default() />
            </div>
            <div class="field">
                <label for="competency">"Competency"</label>
                <select id="competency" name="competency">
                    <option value="">"All competencies"</option>
                    {outlines.iter().map(|o| view! {
                        <option value=o.id.clone() selected=selected(&filter.competency_id, &o.id)>{o.name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="element">"Key element"</label>
                <select id="element" name="element">
                    <option value="">"All key elements"</option>
                    {outlines.iter().map(|o| view! {
                        <optgroup label=o.name.clone()>
                            {o.key_elements.iter().map(|(id, name)| view! {
                                <option value=id.clone() selected=selected(&filter.key_element_id, id)>{name.clone()}</option>
                            }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="type">"Question type"</label>
                <select id="type" name="type">
                    <option value="">"All types"</option>
                    {[("behavioral", "Behavioral (past)"), ("situational", "Situational (hypothetical)"), ("reference", "Reference check")]
                        .into_iter()
                        .map(|(value, label)| view! {
                            <option value=value selected=selected(&filter.kind, value)>{label}</option>
                        }).collect_view()}
                </select>
            </div>
            <div class="field actions">
                <button type="submit" class="primary">"Search"</button>
                <a href="/library" class="button-link">"Clear"</a>
            </div>
        </form>
    }
}

#[component]
fn QuestionResults(hits: Vec<QuestionHit>) -> impl IntoView {
    let count = hits.len();
    view! {
        <p class="result-count" role="status">
            {match count { 0 => "No questions match.".to_owned(), 1 => "1 question".to_owned(), n => format!("{n} questions") }}
        </p>
        <ol class="question-list">
            {hits.into_iter().map(|hit| view! {
                <li class="card question" data-question-id=hit.id.clone()>
                    <div class="badges">
                        <a class="badge" href=format!("/library/{}", hit.competency_id)>{hit.competency_id.clone()}</a>
                        <span class=format!("badge kind-{}", hit.kind)>{kind_label(&hit.kind)}</span>
                    </div>
                    <h3>{hit.title}</h3>
                    <div class="prose" inner_html=hit.text></div>
                </li>
            }).collect_view()}
        </ol>
    }
}

/// How a question type is named to people.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "behavioral" => "Behavioral",
        "situational" => "Situational",
        "reference" => "Reference check",
        _ => "Question",
    }
}
