//! The editors of one stage and of one section within it.

use super::questions::{AddQuestion, QuestionList};
use super::state::{SectionEd, StageEd, shift};
use crate::components::form::new_local_id;
use crate::model::Section;
use leptos::prelude::*;
use question_bank::Competency;

#[component]
pub(super) fn StageEditor(
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
            }));
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
pub(super) fn SectionEditor(
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
