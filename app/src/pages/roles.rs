//! The list of roles, and creating one.

use crate::components::form::FormStatus;
use crate::components::loaded::Loaded;
use crate::components::nav::use_current_user;
use crate::components::page_title::PageTitle;
use crate::components::text_area::TextArea;
use crate::components::unsaved::guard_unsaved;
use crate::errors::AppError;
use crate::model::{Role, RoleInput};
use crate::server_fns::roles::{create_role, list_roles};
use leptos::prelude::*;

/// `/roles`: every role the caller may see; managers can add one.
#[component]
pub fn RolesPage() -> impl IntoView {
    let roles = Resource::new(|| (), |_| list_roles());
    let user = use_current_user();
    let can_manage = move || {
        user.get()
            .is_some_and(|u| u.has_role(&[Role::Admin, Role::Recruiter]))
    };
    view! {
        <PageTitle text="Roles" />
        <h1>"Roles"</h1>
        <p class="lede">"Each role has a competency profile, an interview guide that every candidate goes through, and a reference-check guide."</p>
        <Loaded resource=roles let:value>
            {match value {
                roles if roles.is_empty() => view! { <p class="empty">"No roles yet."</p> }.into_any(),
                roles => view! {
                    <table class="data">
                        <thead><tr>
                            <th scope="col">"Role"</th><th scope="col">"Department"</th>
                            <th scope="col">"Candidates"</th><th scope="col">"Interview guide"</th>
                        </tr></thead>
                        <tbody>
                            {roles.into_iter().map(|r| view! {
                                <tr>
                                    <td><a href=format!("/roles/{}", r.id)>{r.title}</a></td>
                                    <td>{r.department}</td>
                                    <td>{r.candidates}</td>
                                    <td>{match r.published_version {
                                        Some(v) => format!("Version {v} published"),
                                        None => "Draft, not published".to_owned(),
                                    }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
        </Loaded>
        // The account comes from a resource: read inside a Suspense, so the
        // server waits for it rather than rendering the form's absence.
        <Suspense>
            <Show when=can_manage>
                <NewRoleForm />
            </Show>
        </Suspense>
    }
}

/// An island: the only part of the page the browser runs.
#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]
#[cfg_attr(feature = "referee-bundle", component)]
fn NewRoleForm() -> impl IntoView {
    let title = RwSignal::new(String::new());
    let department = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    guard_unsaved(Signal::derive(move || {
        !(title.with(String::is_empty)
            && department.with(String::is_empty)
            && description.with(String::is_empty))
    }));
    let error = RwSignal::new(None::<AppError>);
    let create = Action::new(move |input: &RoleInput| {
        let input = input.clone();
        async move { create_role(input).await }
    });
    Effect::new(move |_| match create.value().get() {
        Some(Ok(id)) => crate::components::navigate::go_to(&format!("/roles/{id}")),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        create.dispatch(RoleInput {
            title: title.get(),
            department: department.get(),
            description: description.get(),
        });
    };
    view! {
        <section class="card form-card" aria-labelledby="new-role">
            <h2 id="new-role">"New role"</h2>
            <form on:submit=submit>
                <label for="role-title">"Title"</label>
                <input id="role-title" required bind:value=title placeholder="e.g. Customer Service Advisor" />
                <label for="role-department">"Department"</label>
                <input id="role-department" bind:value=department placeholder="e.g. Human Resources" />
                <label for="role-description">"Description"</label>
                <TextArea value=description on_input=Callback::new(move |t| description.set(t)) attr:id="role-description"
                    attr:placeholder="What the role is for and what success looks like (Markdown)" />
                <FormStatus error=error />
                <button type="submit" class="primary" disabled=move || create.pending().get()>"Create role"</button>
            </form>
        </section>
    }
}
