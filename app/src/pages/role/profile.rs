//! The role's competency profile: the required level and weight of each
//! competency, shown and edited.

use crate::components::form::FormStatus;
use crate::components::unsaved::guard_unsaved;
use crate::errors::AppError;
use crate::model::{CompetencyOutline, ProfileEntry, RoleDetail};
use crate::server_fns::roles::set_role_profile;
use leptos::prelude::*;
use question_bank::Level;

#[component]
pub(super) fn ProfileTable(role: RoleDetail) -> impl IntoView {
    view! {
        <table class="data">
            <thead><tr><th scope="col">"Competency"</th><th scope="col">"Required level"</th><th scope="col">"Weight"</th></tr></thead>
            <tbody>
                {role.competencies.into_iter().map(|c| view! {
                    <tr><td>{c.name}</td><td>{Level::numbered(c.required_level)}</td><td>{c.weight}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The profile being edited: (competency id, name, required level, weight).
pub(super) type ProfileRows = Vec<(String, String, u8, u8)>;

#[component]
pub(super) fn ProfileEditor(role: RoleDetail, outlines: Vec<CompetencyOutline>) -> impl IntoView {
    let entries = RwSignal::new(
        role.competencies
            .iter()
            .map(|c| {
                (
                    c.competency_id.clone(),
                    c.name.clone(),
                    c.required_level,
                    c.weight,
                )
            })
            .collect::<Vec<_>>(),
    );
    let saved = RwSignal::new(entries.get_untracked());
    guard_unsaved(Signal::derive(move || {
        entries.with(|e| saved.with(|s| e != s))
    }));
    let adding = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let notice = RwSignal::new(None::<String>);
    let role_id = role.id.clone();
    let save = Action::new(move |args: &(String, ProfileRows)| {
        let (id, rows) = args.clone();
        let list = rows
            .iter()
            .map(|(competency_id, _, required_level, weight)| ProfileEntry {
                competency_id: competency_id.clone(),
                required_level: *required_level,
                weight: *weight,
            })
            .collect();
        async move { set_role_profile(id, list).await.map(|()| rows) }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(rows)) => {
            saved.set(rows);
            notice.set(Some("Profile saved.".into()));
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let add = move |outlines: &[CompetencyOutline]| {
        let id = adding.get();
        if let Some(o) = outlines.iter().find(|o| o.id == id) {
            let name = o.name.clone();
            entries.update(|e| {
                if !e.iter().any(|(eid, ..)| *eid == id) {
                    e.push((id.clone(), name, 3, 3));
                }
            });
        }
        adding.set(String::new());
    };
    view! {
        <table class="data profile">
            <thead><tr>
                <th scope="col">"Competency"</th><th scope="col">"Required level"</th>
                <th scope="col">"Weight"</th><th scope="col"><span class="visually-hidden">"Remove"</span></th>
            </tr></thead>
            <tbody>
                {move || entries.get().into_iter().enumerate().map(|(i, (id, name, level, weight))| view! {
                    <tr>
                        <td>{name.clone()}</td>
                        <td>
                            <select aria-label=format!("Required level for {name}")
                                on:change=move |ev| {
                                    let v: u8 = event_target_value(&ev).parse().unwrap_or(3);
                                    entries.update(|e| e[i].2 = v);
                                }>
                                {(1..=5u8).map(|l| view! { <option value=l.to_string() selected=l == level>{Level::numbered(l)}</option> }).collect_view()}
                            </select>
                        </td>
                        <td>
                            <select aria-label=format!("Weight for {name}")
                                on:change=move |ev| {
                                    let v: u8 = event_target_value(&ev).parse().unwrap_or(3);
                                    entries.update(|e| e[i].3 = v);
                                }>
                                {(1..=5u8).map(|w| view! { <option value=w.to_string() selected=w == weight>{w}</option> }).collect_view()}
                            </select>
                        </td>
                        <td>
                            <button type="button" class="link-button" aria-label=format!("Remove {name}")
                                on:click={
                                    let id = id.clone();
                                    move |_| entries.update(|e| e.retain(|(eid, ..)| *eid != id))
                                }>"Remove"</button>
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {
            let outlines = outlines.clone();
                let options = outlines.clone();
                view! {
                    <div class="inline-form">
                        <label for="add-competency">"Add a competency"</label>
                        <select id="add-competency" on:change=move |ev| adding.set(event_target_value(&ev)) prop:value=move || adding.get()>
                            <option value="">"Choose…"</option>
                            {options.iter().map(|o| view! { <option value=o.id.clone()>{o.name.clone()}</option> }).collect_view()}
                        </select>
                        <button type="button" class="secondary" on:click=move |_| add(&outlines)>"Add"</button>
                    </div>
                }
            }

        <FormStatus error=error notice=notice />
        <button type="button" class="primary" on:click=move |_| {
            error.set(None);
            notice.set(None);
            save.dispatch((role_id.clone(), entries.get()));
        }>"Save profile"</button>
    }
}
