//! One role: its details, competency profile, hiring team, guide and candidates.
//! Each part saves on its own: saving one never reloads the others, so
//! unsaved edits elsewhere on the page stay; each warns before its unsaved
//! changes are left behind.

use crate::components::form::FormStatus;
use crate::components::loaded::Loaded;
use crate::components::text_area::TextArea;
use crate::components::unsaved::guard_unsaved;
use crate::errors::AppError;
use crate::model::{
    CandidateInput, CandidateSummary, CompetencyOutline, ProfileEntry, RoleDetail, RoleInput,
    TeamRole, UserSummary,
};
use crate::pages::still_wanted;
use crate::server_fns::candidates::{add_candidate, list_candidates};
use crate::server_fns::library::list_competencies;
use crate::server_fns::roles::{
    get_role, list_people, set_role_profile, set_role_team, update_role,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use question_bank::Level;

/// `/roles/:id`.
#[component]
pub fn RolePage() -> impl IntoView {
    let params = use_params_map();
    let role_id = move || params.read().get("id").unwrap_or_default();
    // One resource for the whole page: nested resources inside this
    // Suspense would hydrate out of step with the server's rendering.
    let data = Resource::new(role_id, |id| async move {
        let role = get_role(id.clone()).await?;
        still_wanted()?;
        let candidates = list_candidates(id).await?;
        let (outlines, people) = if role.viewer_can_manage {
            still_wanted()?;
            let outlines = list_competencies().await?;
            still_wanted()?;
            (outlines, list_people().await?)
        } else {
            (Vec::new(), Vec::new())
        };
        Ok::<_, AppError>((role, outlines, people, candidates))
    });
    view! {
        <nav class="breadcrumb" aria-label="Breadcrumb"><a href="/roles">"Roles"</a></nav>
        <Loaded resource=data let:value>
            {
                let (role, outlines, people, candidates) = value;
                // From the server's answer, so rendering and hydration agree.
                let can_manage = Signal::stored(role.viewer_can_manage);
                view! { <RoleView role can_manage outlines people candidates /> }.into_any()
            }
        </Loaded>
    }
}

#[component]
fn RoleView(
    role: RoleDetail,
    can_manage: Signal<bool>,
    outlines: Vec<CompetencyOutline>,
    people: Vec<UserSummary>,
    candidates: Vec<CandidateSummary>,
) -> impl IntoView {
    let id = role.id.clone();
    // The saved details: the heading follows them when the details are saved.
    let details = RwSignal::new(role.input.clone());
    let guide_href = format!("/roles/{}/guide", role.id);
    let guide_status = match role.published_version {
        Some(v) => format!("Version {v} is published; every candidate is interviewed with it."),
        None => "Not published yet: candidates can be added, interviews scheduled once it is."
            .to_owned(),
    };
    view! {
        <Title text=move || details.with(|d| d.title.clone()) />
        <header class="page-head">
            <div>
                <h1>{move || details.with(|d| d.title.clone())}</h1>
                <p class="lede">{move || details.with(|d| d.department.clone())}</p>
            </div>
        </header>
        <Show when=move || can_manage.get()>
            <DetailsForm role_id=id.clone() details />
        </Show>

        <section aria-labelledby="profile-h">
            <h2 id="profile-h">"Competency profile"</h2>
            <p class="muted">"The level each competency must reach for this role, on the five-level scale, and how much it weighs in the decision."</p>
            {if can_manage.get_untracked() {
                view! { <ProfileEditor role=role.clone() outlines=outlines.clone() /> }.into_any()
            } else {
                view! { <ProfileTable role=role.clone() /> }.into_any()
            }}
        </section>

        <section aria-labelledby="team-h">
            <h2 id="team-h">"Hiring team"</h2>
            {if can_manage.get_untracked() {
                view! { <TeamEditor role=role.clone() people=people.clone() /> }.into_any()
            } else {
                view! {
                    <ul>{role.team.iter().map(|m| view! { <li>{format!("{} — {}", m.name, m.team_role.label())}</li> }).collect_view()}</ul>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="guide-h">
            <h2 id="guide-h">"Interview and reference-check guide"</h2>
            <p>{guide_status}</p>
            <p class="actions">
                <Show when=move || can_manage.get()>
                    <a class="button-link primary-link" href=guide_href.clone()>"Edit the guide"</a>
                </Show>
                <a class="button-link" href=format!("/roles/{}/guide/preview", role.id)>"Preview as an interviewer"</a>
            </p>
        </section>

        <CandidatesSection role_id=role.id.clone() can_manage candidates />
    }
}

#[component]
fn DetailsForm(role_id: String, details: RwSignal<RoleInput>) -> impl IntoView {
    let saved = details.get_untracked();
    let title = RwSignal::new(saved.title);
    let department = RwSignal::new(saved.department);
    let description = RwSignal::new(saved.description);
    let entered = move || RoleInput {
        title: title.get(),
        department: department.get(),
        description: description.get(),
    };
    guard_unsaved(Signal::derive(move || details.with(|d| *d != entered())));
    let error = RwSignal::new(None::<AppError>);
    let notice = RwSignal::new(None::<String>);
    let save = Action::new(move |args: &(String, RoleInput)| {
        let (id, input) = args.clone();
        async move { update_role(id, input.clone()).await.map(|()| input) }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(input)) => {
            details.set(input);
            notice.set(Some("Details saved.".into()));
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    view! {
        <details class="card form-card">
            <summary>"Edit title, department and description"</summary>
            <form on:submit=move |ev| {
                ev.prevent_default();
                error.set(None);
                notice.set(None);
                save.dispatch((role_id.clone(), entered()));
            }>
                <label for="edit-title">"Title"</label>
                <input id="edit-title" required bind:value=title />
                <label for="edit-department">"Department"</label>
                <input id="edit-department" bind:value=department />
                <label for="edit-description">"Description"</label>
                <TextArea value=description on_input=Callback::new(move |t| description.set(t)) attr:id="edit-description" />
                <FormStatus error=error notice=notice />
                <button type="submit" class="primary" disabled=move || save.pending().get()>"Save details"</button>
            </form>
        </details>
    }
}

fn level_label(level: u8) -> String {
    Level::try_from(level)
        .map(|l| format!("{level} {}", l.name()))
        .unwrap_or_else(|_| level.to_string())
}

#[component]
fn ProfileTable(role: RoleDetail) -> impl IntoView {
    view! {
        <table class="data">
            <thead><tr><th scope="col">"Competency"</th><th scope="col">"Required level"</th><th scope="col">"Weight"</th></tr></thead>
            <tbody>
                {role.competencies.into_iter().map(|c| view! {
                    <tr><td>{c.name}</td><td>{level_label(c.required_level)}</td><td>{c.weight}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The profile being edited: (competency id, name, required level, weight).
type ProfileRows = Vec<(String, String, u8, u8)>;

#[component]
fn ProfileEditor(role: RoleDetail, outlines: Vec<CompetencyOutline>) -> impl IntoView {
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
                                {(1..=5u8).map(|l| view! { <option value=l.to_string() selected=l == level>{level_label(l)}</option> }).collect_view()}
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

#[component]
fn TeamEditor(role: RoleDetail, people: Vec<UserSummary>) -> impl IntoView {
    let chosen = RwSignal::new(
        role.team
            .iter()
            .map(|m| (m.user_id.clone(), m.team_role))
            .collect::<Vec<_>>(),
    );
    let saved = RwSignal::new(chosen.get_untracked());
    // The order people were picked in does not matter.
    let sorted = |mut list: Vec<(String, TeamRole)>| {
        list.sort_by(|a, b| a.0.cmp(&b.0));
        list
    };
    guard_unsaved(Signal::derive(move || {
        sorted(chosen.get()) != sorted(saved.get())
    }));
    let error = RwSignal::new(None::<AppError>);
    let notice = RwSignal::new(None::<String>);
    let role_id = role.id.clone();
    let save = Action::new(move |args: &(String, Vec<(String, TeamRole)>)| {
        let (id, members) = args.clone();
        async move { set_role_team(id, members.clone()).await.map(|()| members) }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(members)) => {
            saved.set(members);
            notice.set(Some("Team saved.".into()));
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let row = move |p: UserSummary| {
        let uid = p.id.clone();
        let current = move || {
            chosen
                .get()
                .iter()
                .find(|(u, _)| *u == uid)
                .map(|(_, r)| r.as_str().to_owned())
                .unwrap_or_default()
        };
        let uid = p.id.clone();
        view! {
            <tr>
                <td>{p.name.clone()}<br /><span class="muted">{p.email.clone()}</span></td>
                <td>{p.role.label()}</td>
                <td>
                    <select aria-label=format!("Part of {} in this role's hiring", p.name) prop:value=current
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            chosen.update(|c| {
                                c.retain(|(u, _)| *u != uid);
                                if let Some(r) = TeamRole::parse(&v) {
                                    c.push((uid.clone(), r));
                                }
                            });
                        }>
                        <option value="">"Not on the team"</option>
                        {TeamRole::ALL.map(|r| view! { <option value=r.as_str()>{r.label()}</option> }).collect_view()}
                    </select>
                </td>
            </tr>
        }
    };
    view! {
        <table class="data team">
            <thead><tr><th scope="col">"Person"</th><th scope="col">"Account"</th><th scope="col">"Part in this role"</th></tr></thead>
            <tbody>{people.into_iter().map(row).collect_view()}</tbody>
        </table>
        <FormStatus error=error notice=notice />
        <button type="button" class="primary" on:click=move |_| {
            error.set(None);
            notice.set(None);
            save.dispatch((role_id.clone(), chosen.get()));
        }>"Save team"</button>
    }
}

#[component]
fn CandidatesSection(
    role_id: String,
    can_manage: Signal<bool>,
    candidates: Vec<CandidateSummary>,
) -> impl IntoView {
    let list = RwSignal::new(candidates);
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    guard_unsaved(Signal::derive(move || {
        !(name.with(String::is_empty)
            && email.with(String::is_empty)
            && notes.with(String::is_empty))
    }));
    let error = RwSignal::new(None::<AppError>);
    let add = Action::new(move |args: &(String, CandidateInput)| {
        let (id, input) = args.clone();
        // Only the list is fetched again: the rest of the page keeps its edits.
        async move {
            add_candidate(id.clone(), input).await?;
            list_candidates(id).await
        }
    });
    Effect::new(move |_| match add.value().get() {
        Some(Ok(fresh)) => {
            name.set(String::new());
            email.set(String::new());
            notes.set(String::new());
            list.set(fresh);
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    view! {
        <section aria-labelledby="candidates-h">
            <h2 id="candidates-h">"Candidates"</h2>
            {move || match list.get() {
                    list if list.is_empty() => view! { <p class="empty">"No candidates yet."</p> }.into_any(),
                    list => view! {
                        <table class="data candidates">
                            <thead><tr><th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Status"</th><th scope="col">"Interviews"</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|c| view! {
                                    <tr>
                                        <td><a href=format!("/candidates/{}", c.id)>{c.name}</a></td>
                                        <td>{c.email}</td>
                                        <td><span class="badge">{c.status.label()}</span></td>
                                        <td>{c.interviews}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
            }}

            <Show when=move || can_manage.get()>
                <form class="card form-card" on:submit={
                    let role_id = role_id.clone();
                    move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        error.set(None);
                        add.dispatch((role_id.clone(), CandidateInput { name: name.get(), email: email.get(), notes: notes.get() }));
                    }
                }>
                    <h3>"Add a candidate"</h3>
                    <div class="two-col">
                        <div>
                            <label for="candidate-name">"Name"</label>
                            <input id="candidate-name" required bind:value=name />
                        </div>
                        <div>
                            <label for="candidate-email">"Email"</label>
                            <input id="candidate-email" type="email" required bind:value=email />
                        </div>
                    </div>
                    <label for="candidate-notes">"Notes"</label>
                    <TextArea value=notes on_input=Callback::new(move |t| notes.set(t)) attr:id="candidate-notes"
                        attr:placeholder="Source, availability, anything the panel should know (Markdown)" />
                    <FormStatus error=error />
                    <button type="submit" class="primary" disabled=move || add.pending().get()>"Add candidate"</button>
                </form>
            </Show>
        </section>
    }
}
