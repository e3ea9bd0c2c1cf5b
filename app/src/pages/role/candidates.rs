//! The role's candidates, and adding one.

use crate::components::form::FormStatus;
use crate::components::text_area::TextArea;
use crate::components::unsaved::guard_unsaved;
use crate::errors::AppError;
use crate::model::{CandidateInput, CandidateSummary};
use crate::server_fns::candidates::{add_candidate, list_candidates};
use leptos::prelude::*;

#[component]
pub(super) fn CandidatesSection(
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
