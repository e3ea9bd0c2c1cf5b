//! A section's or the reference check's questions, and adding one from the
//! bank or written here.

use super::state::{bank_question, shift};
use crate::components::form::{lines, new_local_id};
use crate::components::text_area::TextArea;
use crate::model::{GuideQuestion, GuideQuestionKind};
use crate::server_fns::guides::preview_markdown;
use leptos::prelude::*;
use question_bank::Competency;

#[component]
pub(super) fn QuestionList(questions: RwSignal<Vec<GuideQuestion>>) -> impl IntoView {
    view! {
        <ol class="guide-questions">
            <For each=move || questions.get() key=|q| q.id.clone() let:q>
                {
                    let id = q.id.clone();
                    let index = {
                        let id = id.clone();
                        move || questions.with(|l| l.iter().position(|x| x.id == id).unwrap_or(0))
                    };
                    let up = {
                        let index = index.clone();
                        move |_| { let i = index(); questions.update(|l| shift(l, i, -1)); }
                    };
                    let down = move |_| { let i = index(); questions.update(|l| shift(l, i, 1)); };
                    let remove = move |_| questions.update(|l| l.retain(|x| x.id != id));
                    view! {
                        <li class="guide-question">
                            <div class="badges">
                                <span class=format!("badge kind-{}", format!("{:?}", q.kind).to_lowercase())>{q.kind.label()}</span>
                                <strong>{q.title.clone()}</strong>
                            </div>
                            <p class="question-source">{q.text.clone()}</p>
                            {(!q.probes.is_empty()).then(|| view! {
                                <p class="muted">{format!("Probes: {}", q.probes.join(" · "))}</p>
                            })}
                            <div class="row-actions">
                                <button type="button" class="link-button" on:click=up>"Move up"</button>
                                <button type="button" class="link-button" on:click=down>"Move down"</button>
                                <button type="button" class="link-button danger" on:click=remove>"Remove"</button>
                            </div>
                        </li>
                    }
                }
            </For>
        </ol>
    }
}

/// Adds a question from the bank, or a custom one written here with a preview.
#[component]
pub(super) fn AddQuestion(
    questions: RwSignal<Vec<GuideQuestion>>,
    bank: StoredValue<Vec<Competency>>,
    names: StoredValue<Vec<(String, String)>>,
    section_competency: Option<String>,
    reference: bool,
) -> impl IntoView {
    let key = new_local_id("add");
    let picked = RwSignal::new(String::new());
    // Bank questions not yet in this list, as (competency id, question id, label).
    let options = {
        let section_competency = section_competency.clone();
        move || {
            let used: Vec<String> =
                questions.with(|l| l.iter().filter_map(|q| q.bank_id.clone()).collect());
            bank.with_value(|bank| {
                bank.iter()
                    .filter(|c| section_competency.as_ref().is_none_or(|id| *id == c.id))
                    .flat_map(|c| {
                        let items: Vec<(String, String, String)> = if reference {
                            c.reference_questions
                                .iter()
                                .map(|q| {
                                    (
                                        c.id.clone(),
                                        q.id.clone(),
                                        format!("{}: {}", c.name, q.title),
                                    )
                                })
                                .collect()
                        } else {
                            c.interview_questions
                                .iter()
                                .map(|q| {
                                    (
                                        c.id.clone(),
                                        q.id.clone(),
                                        format!("{} ({})", q.title, q.kind.as_str()),
                                    )
                                })
                                .collect()
                        };
                        items
                    })
                    .filter(|(_, qid, _)| !used.contains(qid))
                    .collect::<Vec<_>>()
            })
        }
    };
    let add_picked = move || {
        let qid = picked.get();
        let found = bank.with_value(|bank| bank.iter().find_map(|c| bank_question(c, &qid)));
        if let Some(q) = found {
            questions.update(|l| l.push(q));
        }
        picked.set(String::new());
    };

    let title = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let probes = RwSignal::new(String::new());
    let custom_competency = RwSignal::new(section_competency.clone().unwrap_or_default());
    let preview = Action::new(|md: &String| {
        let md = md.clone();
        async move { preview_markdown(md).await }
    });
    let problem = RwSignal::new(None::<String>);
    let add_custom = move || {
        if title.get().trim().is_empty() || text.get().trim().is_empty() {
            problem.set(Some("A custom question needs a title and its text.".into()));
            return;
        }
        if custom_competency.get().is_empty() {
            problem.set(Some("Choose the competency the question assesses.".into()));
            return;
        }
        problem.set(None);
        questions.update(|l| {
            l.push(GuideQuestion {
                id: new_local_id("q"),
                bank_id: None,
                bank_version: None,
                kind: if reference {
                    GuideQuestionKind::Reference
                } else {
                    GuideQuestionKind::Custom
                },
                competency_id: custom_competency.get(),
                title: title.get().trim().to_owned(),
                text: text.get().trim().to_owned(),
                probes: lines(&probes.get()),
                listen_for: Vec::new(),
            });
        });
        title.set(String::new());
        text.set(String::new());
        probes.set(String::new());
    };
    let what = if reference {
        "reference question"
    } else {
        "question"
    };
    view! {
        <div class="add-question">
            <div class="inline-form">
                <label for=format!("{key}-bank")>{format!("Add a bank {what}")}</label>
                <select id=format!("{key}-bank") prop:value=move || picked.get()
                    on:change=move |ev| picked.set(event_target_value(&ev))>
                    <option value="">"Choose…"</option>
                    {move || options().into_iter().map(|(_, qid, label)| view! { <option value=qid>{label}</option> }).collect_view()}
                </select>
                <button type="button" class="secondary" on:click=move |_| add_picked()>{format!("Add {what}")}</button>
            </div>
            <details class="custom-question">
                <summary>{format!("Write a custom {what}")}</summary>
                {section_competency.is_none().then(|| view! {
                    <label for=format!("{key}-competency")>"Competency"</label>
                    <select id=format!("{key}-competency") prop:value=move || custom_competency.get()
                        on:change=move |ev| custom_competency.set(event_target_value(&ev))>
                        <option value="">"Choose…"</option>
                        {names.get_value().into_iter().map(|(cid, cname)| view! { <option value=cid>{cname}</option> }).collect_view()}
                    </select>
                })}
                <label for=format!("{key}-title")>"Title"</label>
                <input id=format!("{key}-title") bind:value=title />
                <label for=format!("{key}-text")>"Question text (Markdown)"</label>
                <TextArea value=text on_input=Callback::new(move |t| text.set(t)) attr:id=format!("{key}-text")
                    attr:placeholder=if reference { "e.g. How did {candidate} handle…" } else { "e.g. Tell me about a time when…" } />
                {(!reference).then(|| view! {
                    <label for=format!("{key}-probes")>"Probes (one per line)"</label>
                    <TextArea value=probes on_input=Callback::new(move |t| probes.set(t)) attr:id=format!("{key}-probes") attr:class="short" />
                })}
                <div class="row-actions">
                    <button type="button" class="secondary" on:click=move |_| { preview.dispatch(text.get()); }>"Preview"</button>
                    <button type="button" class="primary" on:click=move |_| add_custom()>{format!("Add custom {what}")}</button>
                </div>
                {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
                {move || preview.value().get().map(|r| match r {
                    Ok(html) => view! { <div class="preview prose" aria-label="Preview" inner_html=html></div> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                })}
            </details>
        </div>
    }
}
