//! The guide builder: stages of sections per competency, questions picked
//! from the bank or written here, minutes per section, reference-check
//! questions; save (with a revision check) and publish.
//!
//! [`state`] holds the editable copy of the guide, [`stages`] the stage and
//! section editors, [`questions`] the question lists and the picker.

mod questions;
mod stages;
mod state;

use crate::components::form::{FormStatus, new_local_id};
use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::components::unsaved::guard_unsaved;
use crate::errors::AppError;
use crate::model::{Guide, GuideDraft, RoleDetail, Stage};
use crate::pages::still_wanted;
use crate::server_fns::guides::{
    get_bank_competencies, get_guide_draft, publish_guide, save_guide_draft,
};
use crate::server_fns::roles::get_role;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use question_bank::Competency;
use questions::{AddQuestion, QuestionList};
use stages::StageEditor;
use state::StageEd;

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
        <PageTitle text="Guide builder" />
        <Loaded resource=data let:value>
            {
                let (role, draft, bank) = value;
                view! { <GuideEditor role draft bank /> }.into_any()
            }
        </Loaded>
    }
}

/// The editor: an island, hydrated with the draft the server rendered.
#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]
#[cfg_attr(feature = "referee-bundle", component)]
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
            }));
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
