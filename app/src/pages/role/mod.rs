//! One role: its details, competency profile, hiring team, guide and candidates.
//! Each part saves on its own: saving one never reloads the others, so
//! unsaved edits elsewhere on the page stay; each warns before its unsaved
//! changes are left behind. The parts: [`profile`], [`team`], [`candidates`].

mod profile;
mod team;

use candidates::CandidatesSection;
use profile::{ProfileEditor, ProfileTable};
use team::TeamEditor;
mod candidates;

use crate::components::form::FormStatus;
use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::components::text_area::TextArea;
use crate::components::unsaved::guard_unsaved;
use crate::errors::AppError;
use crate::model::{CandidateSummary, CompetencyOutline, PeoplePage, RoleDetail, RoleInput};
use crate::pages::still_wanted;
use crate::server_fns::candidates::list_candidates;
use crate::server_fns::library::list_competencies;
use crate::server_fns::roles::{find_people, get_role, update_role};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

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
            (outlines, find_people(String::new()).await?)
        } else {
            (Vec::new(), PeoplePage::default())
        };
        Ok::<_, AppError>((role, outlines, people, candidates))
    });
    view! {
        <nav class="breadcrumb" aria-label="Breadcrumb"><a href="/roles">"Roles"</a></nav>
        <Loaded resource=data let:value>
            {
                let (role, outlines, people, candidates) = value;
                let can_manage = role.viewer_can_manage;
                view! { <RoleView role can_manage outlines people candidates /> }.into_any()
            }
        </Loaded>
    }
}

/// The role's page once loaded: an island, hydrated in the browser with
/// the data the server rendered it from.
#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]
#[cfg_attr(feature = "referee-bundle", component)]
fn RoleView(
    role: RoleDetail,
    can_manage: bool,
    outlines: Vec<CompetencyOutline>,
    people: PeoplePage,
    candidates: Vec<CandidateSummary>,
) -> impl IntoView {
    // From the server's answer, so rendering and hydration agree.
    let can_manage = Signal::stored(can_manage);
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
        <PageTitle text=move || details.with(|d| d.title.clone()) />
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

        <p class="actions">
            <a class="button-link" href=format!("/roles/{}/slate", role.id)>"Compare candidates (slate)"</a>
            <a class="button-link" href=format!("/roles/{}/calibration", role.id)>"Interviewer calibration"</a>
        </p>
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
