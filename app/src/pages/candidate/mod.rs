//! One candidate: details, pipeline status, interviews and scheduling.

use crate::components::form::FormStatus;
use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::errors::AppError;
use crate::model::{
    CandidateDetail, InterviewSummary, PanelReminder, PeoplePage, PipelineStatus, PublishedGuide,
};
use crate::pages::still_wanted;
use crate::server_fns::candidates::{get_candidate, set_candidate_status};
use crate::server_fns::data::list_holds;
use crate::server_fns::guides::get_published_guide;
use crate::server_fns::roles::find_people;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

mod data;
mod schedule;

use data::CandidateData;
use schedule::ScheduleForm;

/// `/candidates/:id`.
#[component]
pub fn CandidatePage() -> impl IntoView {
    let params = use_params_map();
    let id = params.read_untracked().get("id").unwrap_or_default();
    view! { <CandidateContent id /> }
}

/// Rendered on the server only: the status picker, the scheduling form, the
/// references panel and the admin's data section are islands of their own,
/// and a change to what the server rendered here loads the page again.
#[component]
fn CandidateContent(id: String) -> impl IntoView {
    // One resource for the page: nested resources inside its Transition
    // would be created out of step between rendering passes.
    let candidate = Resource::new(
        move || id.clone(),
        |id| async move {
            let c = get_candidate(id).await?;
            let (guide, people, holds) = if c.viewer_can_manage {
                still_wanted()?;
                let guide = get_published_guide(c.role_id.clone()).await?;
                still_wanted()?;
                let people = find_people(String::new()).await?;
                still_wanted()?;
                // Holds, export and erasure are for admins.
                let holds = if c.viewer_is_admin {
                    still_wanted()?;
                    Some(list_holds(Some(vec![c.id.clone(), c.role_id.clone()])).await?)
                } else {
                    None
                };
                (guide, people, holds)
            } else {
                (None, PeoplePage::default(), None)
            };
            Ok::<_, AppError>((c, guide, people, holds))
        },
    );
    view! {
        <Loaded resource=candidate let:value>
            {
                let (c, guide, people, holds) = value;
                let erased = c.erased;
                let data = holds.map(|holds| view! {
                    <CandidateData candidate_id=c.id.clone() holds erased />
                });
                view! { <CandidateView c guide people /> {data} }.into_any()
            }
        </Loaded>
    }
}

#[component]
fn CandidateView(
    c: CandidateDetail,
    guide: Option<PublishedGuide>,
    people: PeoplePage,
) -> impl IntoView {
    let may_schedule = c.viewer_can_manage && !c.erased;
    view! {
        <PageTitle text=c.input.name.clone() />
        <nav class="breadcrumb" aria-label="Breadcrumb">
            <a href="/roles">"Roles"</a>" / "<a href=format!("/roles/{}", c.role_id)>{c.role_title.clone()}</a>
        </nav>
        <header class="page-head">
            <div>
                <h1>{c.input.name.clone()}</h1>
                <p class="lede">{
                    // An erased candidate has no email left to show.
                    if c.input.email.is_empty() { c.role_title.clone() } else { format!("{} · {}", c.input.email, c.role_title) }
                }</p>
                <p><a class="button-link" href=format!("/candidates/{}/summary", c.id)>"Panel summary"</a></p>
            </div>
            <StatusPicker candidate_id=c.id.clone() status=c.status enabled=c.viewer_can_manage && !c.erased />
        </header>
        {c.erased.then(|| view! {
            <p class="notice erased" role="status">
                "This candidate's personal data was erased. Their ratings stay, de-identified; nothing more can be recorded about them."
            </p>
        })}
        {(!c.input.notes.is_empty()).then(|| view! {
            <section class="card"><h2>"Notes"</h2><div class="prose" inner_html=c.notes_html.clone()></div></section>
        })}
        <section aria-labelledby="interviews-h">
            <h2 id="interviews-h">"Interviews"</h2>
            {if c.interviews.is_empty() {
                view! { <p class="empty">"No interviews scheduled yet."</p> }.into_any()
            } else {
                view! {
                    <table class="data interviews">
                        <thead><tr><th scope="col">"Stage"</th><th scope="col">"When"</th><th scope="col">"Panel"</th><th scope="col">"Guide"</th><th scope="col">"Paper"</th></tr></thead>
                        <tbody>
                            {c.interviews.iter().map(|i| {
                                let reminded = panel_reminded(&c.panel_reminders, i);
                                view! {
                                <tr>
                                    <td>{i.stage_name.clone()}</td>
                                    <td>{if i.when.is_empty() { "Not set".to_owned() } else { i.when.clone() }}</td>
                                    <td>{i.panel.iter().map(|p| if p.focus.is_empty() { p.name.clone() } else { format!("{} (focus: {})", p.name, p.focus_names.join(", ")) }).collect::<Vec<_>>().join("; ")}</td>
                                    <td>{format!("Version {}", i.guide_version)}</td>
                                    <td>
                                        <a href=format!("/interviews/{}/packet.pdf", i.id) download>"Packet (PDF)"</a>
                                        {i.scheduled_at.is_some().then(|| view! {
                                            " · "<a href=format!("/interviews/{}/invite.ics", i.id) download>"Calendar (.ics)"</a>
                                        })}
                                    </td>
                                </tr>
                                {(!reminded.is_empty()).then(|| view! {
                                    <tr class="panel-reminders"><td></td><td colspan="4" class="muted">{reminded.join("; ")}</td></tr>
                                })}
                            }}).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        {may_schedule.then(|| view! {
            <ScheduleForm candidate_id=c.id.clone() guide people time_zone=c.viewer_time_zone.clone() />
        })}
        {(!c.erased).then(|| view! {
            <crate::components::references::ReferencesPanel candidate_id=c.id.clone() />
        })}
    }
}

/// The pipeline status, saved as soon as it is changed.
#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]
#[cfg_attr(feature = "referee-bundle", component)]
fn StatusPicker(
    /// The candidate.
    candidate_id: String,
    /// Their status now.
    status: PipelineStatus,
    /// Whether the reader may change it.
    enabled: bool,
) -> impl IntoView {
    let error = RwSignal::new(None::<AppError>);
    let set_status = Action::new(|args: &(String, PipelineStatus)| {
        let (id, status) = args.clone();
        async move { set_candidate_status(id, status).await }
    });
    Effect::new(move |_| {
        if let Some(Err(e)) = set_status.value().get() {
            error.set(Some(e));
        }
    });
    view! {
        <div>
            <label for="status">"Pipeline status"</label>
            <select id="status" disabled=!enabled
                on:change=move |ev| {
                    if let Some(s) = PipelineStatus::parse(&event_target_value(&ev)) {
                        set_status.dispatch((candidate_id.clone(), s));
                    }
                }>
                {PipelineStatus::ALL.map(|s| view! { <option value=s.as_str() selected=s == status>{s.label()}</option> }).collect_view()}
            </select>
            <FormStatus error />
        </div>
    }
}

/// "Ines Interviewer: Reminded …" for each member of `interview`'s panel
/// who was reminded about their scorecard.
fn panel_reminded(reminders: &[PanelReminder], interview: &InterviewSummary) -> Vec<String> {
    reminders
        .iter()
        .filter(|r| r.interview_id == interview.id)
        .map(|r| {
            let name = interview
                .panel
                .iter()
                .find(|p| p.user_id == r.user_id)
                .map_or("A former panel member", |p| p.name.as_str());
            format!("{name}: {}", r.note.label())
        })
        .collect()
}
