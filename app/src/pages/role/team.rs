//! The role's hiring team: who recruits, decides and interviews.

use crate::components::form::FormStatus;
use crate::components::people_finder::{PeopleFinder, picked_then_found};
use crate::components::unsaved::guard_unsaved;
use crate::errors::AppError;
use crate::model::{PeoplePage, RoleDetail, TeamRole, UserSummary};
use crate::server_fns::roles::set_role_team;
use leptos::prelude::*;

#[component]
pub(super) fn TeamEditor(role: RoleDetail, people: PeoplePage) -> impl IntoView {
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
    // Whoever is on the team, saved or just picked, stays listed whatever
    // is searched for next; then the accounts found (a page of everyone at
    // first). The rows are made again only when a search answers, not on
    // every choice (which would take the focus from its select).
    let known = RwSignal::new(
        role.team
            .iter()
            .map(|m| UserSummary {
                id: m.user_id.clone(),
                email: m.email.clone(),
                name: m.name.clone(),
                role: m.account,
            })
            .collect::<Vec<_>>(),
    );
    let found = RwSignal::new(people.people.clone());
    let listed = move || {
        let found = found.get();
        chosen.with_untracked(|chosen| {
            known.with_untracked(|known| {
                picked_then_found(known, |id| chosen.iter().any(|(u, _)| u == id), found)
            })
        })
    };
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
        let person = p.clone();
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
                            if !known.with_untracked(|k| k.iter().any(|k| k.id == uid)) {
                                known.update_untracked(|k| k.push(person.clone()));
                            }
                        }>
                        <option value="">"Not on the team"</option>
                        {TeamRole::ALL.map(|r| view! { <option value=r.as_str()>{r.label()}</option> }).collect_view()}
                    </select>
                </td>
            </tr>
        }
    };
    view! {
        <PeopleFinder page=people found id="team-search" />
        <table class="data team">
            <thead><tr><th scope="col">"Person"</th><th scope="col">"Account"</th><th scope="col">"Part in this role"</th></tr></thead>
            <tbody>{move || listed().into_iter().map(row).collect_view()}</tbody>
        </table>
        <FormStatus error=error notice=notice />
        <button type="button" class="primary" on:click=move |_| {
            error.set(None);
            notice.set(None);
            save.dispatch((role_id.clone(), chosen.get()));
        }>"Save team"</button>
    }
}
