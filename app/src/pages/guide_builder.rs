//! The guide builder: stages of sections per competency, questions picked
//! from the bank or written here, minutes per section, reference-check
//! questions; save (with a revision check) and publish.

use crate::components::form::{FormStatus, lines, new_local_id};
use crate::components::loaded::Loaded;
use crate::components::text_area::TextArea;
use crate::components::unsaved::guard_unsaved;
use crate::errors::AppError;
use crate::model::{
    Guide, GuideDraft, GuideQuestion, GuideQuestionKind, RoleDetail, Section, Stage,
};
use crate::pages::still_wanted;
use crate::server_fns::guides::{
    get_bank_competencies, get_guide_draft, preview_markdown, publish_guide, save_guide_draft,
};
use crate::server_fns::roles::get_role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use question_bank::{Competency, QuestionKind};

/// `/roles/:id/guide`.
#[component]
pub fn GuideBuilderPage() -> impl IntoView {
    let params = use_params_map();
    let role_id = move || params.read().get("id").unwrap_or_default();
    let data = Resource::new(role_id, |id| async move {
        let role = get_role(id.clone()).await?;
        still_wanted()?;
        let draft = get_guide_draft(id.clone()).await?;
        still_wanted()?;
        let bank = get_bank_competencies(id).await?;
        Ok::<_, AppError>((role, draft, bank))
    });
    view! {
        <Title text="Guide builder" />
        <Loaded resource=data let:value>
            {
                let (role, draft, bank) = value;
                view! { <GuideEditor role draft bank /> }.into_any()
            }
        </Loaded>
    }
}

/// A stage being edited: fine-grained signals so typing re-renders nothing.
#[derive(Clone)]
struct StageEd {
    id: String,
    name: RwSignal<String>,
    sections: RwSignal<Vec<SectionEd>>,
}

#[derive(Clone)]
struct SectionEd {
    id: String,
    competency_id: String,
    minutes: RwSignal<u32>,
    questions: RwSignal<Vec<GuideQuestion>>,
}

impl StageEd {
    fn from(stage: Stage) -> Self {
        Self {
            id: stage.id,
            name: RwSignal::new(stage.name),
            sections: RwSignal::new(stage.sections.into_iter().map(SectionEd::from).collect()),
        }
    }

    fn to_stage(&self) -> Stage {
        Stage {
            id: self.id.clone(),
            name: self.name.get(),
            sections: self
                .sections
                .get()
                .iter()
                .map(SectionEd::to_section)
                .collect(),
        }
    }
}

impl SectionEd {
    fn from(section: Section) -> Self {
        Self {
            id: section.id,
            competency_id: section.competency_id,
            minutes: RwSignal::new(section.minutes),
            questions: RwSignal::new(section.questions),
        }
    }

    fn to_section(&self) -> Section {
        Section {
            id: self.id.clone(),
            competency_id: self.competency_id.clone(),
            minutes: self.minutes.get(),
            questions: self.questions.get(),
        }
    }
}

/// Moves item `i` of `list` by `delta` places, if that stays in bounds.
fn shift<T>(list: &mut [T], i: usize, delta: isize) {
    let j = i as isize + delta;
    if j >= 0 && (j as usize) < list.len() {
        list.swap(i, j as usize);
    }
}

fn bank_question(c: &Competency, id: &str) -> Option<GuideQuestion> {
    if let Some(q) = c.interview_questions.iter().find(|q| q.id == id) {
        return Some(GuideQuestion {
            id: new_local_id("q"),
            bank_id: Some(q.id.clone()),
            kind: match q.kind {
                QuestionKind::Behavioral => GuideQuestionKind::Behavioral,
                QuestionKind::Situational => GuideQuestionKind::Situational,
            },
            competency_id: c.id.clone(),
            title: q.title.clone(),
            text: q.text.clone(),
            probes: q.probes.clone(),
            listen_for: q.listen_for.clone(),
        });
    }
    c.reference_questions
        .iter()
        .find(|q| q.id == id)
        .map(|q| GuideQuestion {
            id: new_local_id("r"),
            bank_id: Some(q.id.clone()),
            kind: GuideQuestionKind::Reference,
            competency_id: c.id.clone(),
            title: q.title.clone(),
            text: q.text.clone(),
            probes: Vec::new(),
            listen_for: Vec::new(),
        })
}

#[component]
fn GuideEditor(role: RoleDetail, draft: GuideDraft, bank: Vec<Competency>) -> impl IntoView {
    let role_id = role.id.clone();
    let bank = StoredValue::new(bank);
    let names = StoredValue::new(
        role.competencies
            .iter()
            .map(|c| (c.competency_id.clone(), c.name.clone()))
            .collect::<Vec<_>>(),
    );
    let stages = RwSignal::new(
        draft
            .guide
            .stages
            .into_iter()
            .map(StageEd::from)
            .collect::<Vec<_>>(),
    );
    let references = RwSignal::new(draft.guide.reference_questions);
    let revision = RwSignal::new(draft.revision);
    let current = Memo::new(move |_| Guide {
        stages: stages.get().iter().map(StageEd::to_stage).collect(),
        reference_questions: references.get(),
    });
    let saved = RwSignal::new(current.get_untracked());
    let dirty = Memo::new(move |_| current.get() != saved.get());
    guard_unsaved(dirty.into());
    let error = RwSignal::new(None::<AppError>);
    let notice = RwSignal::new(None::<String>);

    let save = Action::new({
        let role_id = role_id.clone();
        move |(rev, guide): &(i64, Guide)| {
            let (role_id, rev, guide) = (role_id.clone(), *rev, guide.clone());
            async move {
                save_guide_draft(role_id, rev, guide.clone())
                    .await
                    .map(|r| (r, guide))
            }
        }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok((rev, guide))) => {
            revision.set(rev);
            saved.set(guide);
            notice.set(Some("Draft saved.".into()));
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let publish = Action::new({
        let role_id = role_id.clone();
        move |rev: &i64| {
            let (role_id, rev) = (role_id.clone(), *rev);
            async move { publish_guide(role_id, rev).await }
        }
    });
    Effect::new(move |_| match publish.value().get() {
        Some(Ok(version)) => notice.set(Some(format!(
            "Version {version} published. Every candidate's interviews will follow it."
        ))),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });

    let new_stage_name = RwSignal::new(String::new());
    let add_stage = move || {
        let name = new_stage_name.get().trim().to_owned();
        let name = if name.is_empty() {
            format!("Stage {}", stages.with(Vec::len) + 1)
        } else {
            name
        };
        stages.update(|s| {
            s.push(StageEd::from(Stage {
                id: new_local_id("st"),
                name,
                sections: Vec::new(),
            }))
        });
        new_stage_name.set(String::new());
    };

    view! {
        <nav class="breadcrumb" aria-label="Breadcrumb">
            <a href="/roles">"Roles"</a>" / "<a href=format!("/roles/{}", role.id)>{role.input.title.clone()}</a>
        </nav>
        <header class="page-head">
            <h1>"Interview guide"</h1>
            <a class="button-link" href=format!("/roles/{}/guide/preview", role.id)>"Preview as an interviewer"</a>
        </header>
        <p class="lede">"Every candidate for this role goes through the same stages and questions. Publishing freezes a version; interviews already held keep theirs."</p>
        {(role.competencies.is_empty()).then(|| view! {
            <p class="notice">"Add competencies to the role's profile first: sections assess one competency each."</p>
        })}

        <div class="builder-toolbar card" role="region" aria-label="Save and publish">
            <span class="save-state" role="status">
                {move || if dirty.get() { "Unsaved changes".to_owned() } else { format!("Saved (revision {})", revision.get()) }}
            </span>
            <button type="button" class="primary" disabled=move || !dirty.get() || save.pending().get()
                on:click=move |_| {
                    error.set(None);
                    notice.set(None);
                    save.dispatch((revision.get(), current.get()));
                }>"Save draft"</button>
            <button type="button" class="secondary" disabled=move || dirty.get() || publish.pending().get()
                title="Save your changes first"
                on:click=move |_| {
                    error.set(None);
                    notice.set(None);
                    publish.dispatch(revision.get());
                }>"Publish"</button>
        </div>
        <FormStatus error=error notice=notice />

        <h2>"Stages"</h2>
        <For each=move || stages.get() key=|s| s.id.clone() let:stage>
            <StageEditor stage stages bank names />
        </For>
        <div class="inline-form card">
            <label for="new-stage">"New stage"</label>
            <input id="new-stage" bind:value=new_stage_name placeholder="e.g. Phone screen, Panel interview" />
            <button type="button" class="secondary" on:click=move |_| add_stage()>"Add stage"</button>
        </div>

        <h2>"Reference-check questions"</h2>
        <p class="muted">"Referees answer these about the candidate by name: {candidate} is replaced by the candidate's name."</p>
        <QuestionList questions=references />
        <AddQuestion questions=references bank names section_competency=None reference=true />
    }
}

#[component]
fn StageEditor(
    stage: StageEd,
    stages: RwSignal<Vec<StageEd>>,
    bank: StoredValue<Vec<Competency>>,
    names: StoredValue<Vec<(String, String)>>,
) -> impl IntoView {
    let id = stage.id.clone();
    let index = {
        let id = id.clone();
        move || stages.with(|s| s.iter().position(|x| x.id == id).unwrap_or(0))
    };
    let sections = stage.sections;
    let name = stage.name;
    let new_competency = RwSignal::new(String::new());
    let new_minutes = RwSignal::new(10u32);
    let add_section = move || {
        let competency_id = new_competency.get();
        if competency_id.is_empty() {
            return;
        }
        sections.update(|s| {
            s.push(SectionEd::from(Section {
                id: new_local_id("sec"),
                competency_id,
                minutes: new_minutes.get().clamp(1, 240),
                questions: Vec::new(),
            }))
        });
        new_competency.set(String::new());
    };
    let total = move || sections.with(|s| s.iter().map(|x| x.minutes.get()).sum::<u32>());
    let name_id = format!("{id}-name");
    let move_by = {
        let index = index.clone();
        move |delta: isize| {
            let i = index();
            stages.update(|s| shift(s, i, delta));
        }
    };
    let move_up = move_by.clone();
    let remove = {
        let id = id.clone();
        move |_| stages.update(|s| s.retain(|x| x.id != id))
    };
    view! {
        <section class="card stage-editor" aria-label=move || format!("Stage {}: {}", index() + 1, name.get())>
            <div class="stage-head">
                <label for=name_id.clone()>{let index = index.clone(); move || format!("Stage {} name", index() + 1)}</label>
                <input id=name_id bind:value=name />
                <span class="muted">{move || format!("{} min planned", total())}</span>
                <div class="row-actions">
                    <button type="button" class="link-button" on:click=move |_| move_up(-1)>"Move up"</button>
                    <button type="button" class="link-button" on:click=move |_| move_by(1)>"Move down"</button>
                    <button type="button" class="link-button danger" on:click=remove>"Remove stage"</button>
                </div>
            </div>
            <For each=move || sections.get() key=|s| s.id.clone() let:section>
                <SectionEditor section sections bank names />
            </For>
            <div class="inline-form">
                <label for=format!("{id}-competency")>"Add a section for"</label>
                <select id=format!("{id}-competency") prop:value=move || new_competency.get()
                    on:change=move |ev| new_competency.set(event_target_value(&ev))>
                    <option value="">"Choose a competency…"</option>
                    {names.get_value().into_iter().map(|(cid, cname)| view! { <option value=cid>{cname}</option> }).collect_view()}
                </select>
                <label for=format!("{id}-minutes")>"Minutes"</label>
                <input id=format!("{id}-minutes") type="number" min="1" max="240" class="narrow"
                    prop:value=move || new_minutes.get().to_string()
                    on:change=move |ev| new_minutes.set(event_target_value(&ev).parse().unwrap_or(10)) />
                <button type="button" class="secondary" on:click=move |_| add_section()>"Add section"</button>
            </div>
        </section>
    }
}

#[component]
fn SectionEditor(
    section: SectionEd,
    sections: RwSignal<Vec<SectionEd>>,
    bank: StoredValue<Vec<Competency>>,
    names: StoredValue<Vec<(String, String)>>,
) -> impl IntoView {
    let id = section.id.clone();
    let competency_name = names
        .get_value()
        .into_iter()
        .find(|(cid, _)| *cid == section.competency_id)
        .map(|(_, n)| n)
        .unwrap_or_else(|| section.competency_id.clone());
    let minutes = section.minutes;
    let index = {
        let id = id.clone();
        move || sections.with(|s| s.iter().position(|x| x.id == id).unwrap_or(0))
    };
    let up = {
        let index = index.clone();
        move |_| {
            let i = index();
            sections.update(|s| shift(s, i, -1));
        }
    };
    let down = move |_| {
        let i = index();
        sections.update(|s| shift(s, i, 1));
    };
    let remove = {
        let id = id.clone();
        move |_| sections.update(|s| s.retain(|x| x.id != id))
    };
    view! {
        <div class="section-editor" aria-label=format!("Section: {competency_name}")>
            <div class="section-head">
                <h3>{competency_name.clone()}</h3>
                <label for=format!("{id}-min")>"Minutes"</label>
                <input id=format!("{id}-min") type="number" min="1" max="240" class="narrow"
                    prop:value=move || minutes.get().to_string()
                    on:change=move |ev| minutes.set(event_target_value(&ev).parse().unwrap_or(10)) />
                <div class="row-actions">
                    <button type="button" class="link-button" on:click=up>"Move up"</button>
                    <button type="button" class="link-button" on:click=down>"Move down"</button>
                    <button type="button" class="link-button danger" on:click=remove>"Remove section"</button>
                </div>
            </div>
            <QuestionList questions=section.questions />
            <AddQuestion questions=section.questions bank names section_competency=Some(section.competency_id.clone()) reference=false />
        </div>
    }
}

#[component]
fn QuestionList(questions: RwSignal<Vec<GuideQuestion>>) -> impl IntoView {
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
fn AddQuestion(
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
            })
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
