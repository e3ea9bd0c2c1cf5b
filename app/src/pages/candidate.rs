//! One candidate: details, pipeline status, interviews and scheduling.

use crate::components::form::FormStatus;
use crate::components::loaded::Loaded;
use crate::components::unsaved::guard_unsaved;
use crate::errors::AppError;
use crate::model::{
    CandidateDetail, PipelineStatus, PublishedGuide, Role, ScheduleInput, ScheduleResult,
    UserSummary, format_utc, parse_utc,
};
use crate::pages::still_wanted;
use crate::server_fns::candidates::{get_candidate, schedule_interview, set_candidate_status};
use crate::server_fns::data::{erase_candidate, list_holds, place_hold};
use crate::server_fns::guides::get_published_guide;
use crate::server_fns::roles::list_people;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/candidates/:id`.
#[component]
pub fn CandidatePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let reload = RwSignal::new(0u32);
    // One resource for the page: nested resources inside its Transition
    // would hydrate out of step with the server's rendering.
    let candidate = Resource::new(
        move || (id(), reload.get()),
        |(id, _)| async move {
            let c = get_candidate(id).await?;
            let (guide, people, holds) = if c.viewer_can_manage {
                still_wanted()?;
                let guide = get_published_guide(c.role_id.clone()).await?;
                still_wanted()?;
                let people = list_people().await?;
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
                (None, Vec::new(), None)
            };
            Ok::<_, AppError>((c, guide, people, holds))
        },
    );
    // Outlives the reload that scheduling triggers, so its notice stays.
    let scheduled = RwSignal::new(None::<ScheduleResult>);
    view! {
        <Loaded resource=candidate let:value>
            {
                let (c, guide, people, holds) = value;
                // From the server's answer, so rendering and hydration agree.
                let can_manage = Signal::stored(c.viewer_can_manage);
                let data = holds.map(|holds| view! {
                    <CandidateData candidate_id=c.id.clone() holds reload />
                });
                view! { <CandidateView c can_manage reload scheduled guide people /> {data} }.into_any()
            }
        </Loaded>
    }
}

#[component]
fn CandidateView(
    c: CandidateDetail,
    can_manage: Signal<bool>,
    reload: RwSignal<u32>,
    scheduled: RwSignal<Option<ScheduleResult>>,
    guide: Option<PublishedGuide>,
    people: Vec<UserSummary>,
) -> impl IntoView {
    let status_error = RwSignal::new(None::<AppError>);
    let set_status = Action::new(|args: &(String, PipelineStatus)| {
        let (id, status) = args.clone();
        async move { set_candidate_status(id, status).await }
    });
    Effect::new(move |_| {
        if let Some(Err(e)) = set_status.value().get() {
            status_error.set(Some(e));
        }
    });
    let cid = c.id.clone();
    let references_for = c.id.clone();
    view! {
        <Title text=c.input.name.clone() />
        <nav class="breadcrumb" aria-label="Breadcrumb">
            <a href="/roles">"Roles"</a>" / "<a href=format!("/roles/{}", c.role_id)>{c.role_title.clone()}</a>
        </nav>
        <header class="page-head">
            <div>
                <h1>{c.input.name.clone()}</h1>
                <p class="lede">{c.input.email.clone()}" · "{c.role_title.clone()}</p>
                <p><a class="button-link" href=format!("/candidates/{}/summary", c.id)>"Panel summary"</a></p>
            </div>
            <div>
                <label for="status">"Pipeline status"</label>
                <select id="status" disabled=move || !can_manage.get()
                    on:change=move |ev| {
                        if let Some(s) = PipelineStatus::parse(&event_target_value(&ev)) {
                            set_status.dispatch((cid.clone(), s));
                        }
                    }>
                    {PipelineStatus::ALL.map(|s| view! { <option value=s.as_str() selected=s == c.status>{s.label()}</option> }).collect_view()}
                </select>
                <FormStatus error=status_error />
            </div>
        </header>
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
                            {c.interviews.iter().map(|i| view! {
                                <tr>
                                    <td>{i.stage_name.clone()}</td>
                                    <td>{i.scheduled_at.map(format_utc).unwrap_or_else(|| "Not set".into())}</td>
                                    <td>{i.panel.iter().map(|p| if p.focus.is_empty() { p.name.clone() } else { format!("{} (focus: {})", p.name, p.focus_names.join(", ")) }).collect::<Vec<_>>().join("; ")}</td>
                                    <td>{format!("Version {}", i.guide_version)}</td>
                                    <td><a href=format!("/interviews/{}/packet.pdf", i.id) download>"Packet (PDF)"</a></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <Show when=move || can_manage.get()>
            <ScheduleForm candidate_id=c.id.clone() guide=guide.clone() people=people.clone() reload scheduled />
        </Show>
        <crate::components::references::ReferencesPanel candidate_id=references_for />
    }
}

#[component]
fn ScheduleForm(
    candidate_id: String,
    guide: Option<PublishedGuide>,
    people: Vec<UserSummary>,
    reload: RwSignal<u32>,
    scheduled: RwSignal<Option<ScheduleResult>>,
) -> impl IntoView {
    view! {
        <section class="card form-card" aria-labelledby="schedule-h">
            <h2 id="schedule-h">"Schedule an interview"</h2>
            {match guide {
                Some(guide) => view! { <ScheduleFields candidate_id guide people reload result=scheduled /> }.into_any(),
                None => view! { <p class="notice">"Publish the role's interview guide first: every interview follows a published version."</p> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ScheduleFields(
    candidate_id: String,
    guide: PublishedGuide,
    people: Vec<UserSummary>,
    reload: RwSignal<u32>,
    result: RwSignal<Option<ScheduleResult>>,
) -> impl IntoView {
    let stage_id = RwSignal::new(
        guide
            .stages
            .first()
            .map(|s| s.id.clone())
            .unwrap_or_default(),
    );
    let when = RwSignal::new(String::new());
    // Panel members in the order chosen, each with their focus competencies.
    let panel = RwSignal::new(Vec::<(String, Vec<String>)>::new());
    guard_unsaved(Signal::derive(move || {
        !when.with(String::is_empty) || !panel.with(Vec::is_empty)
    }));
    let error = RwSignal::new(None::<AppError>);
    let guide = StoredValue::new(guide);
    let stage_competencies = move || {
        guide.with_value(|g| {
            g.stage(&stage_id.get())
                .map(|s| {
                    s.sections
                        .iter()
                        .map(|sec| {
                            let name = g
                                .competency(&sec.competency_id)
                                .map(|c| c.name.clone())
                                .unwrap_or_default();
                            (sec.competency_id.clone(), name)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let schedule = Action::new(|input: &ScheduleInput| {
        let input = input.clone();
        async move { schedule_interview(input).await }
    });
    Effect::new(move |_| match schedule.value().get() {
        Some(Ok(r)) => {
            result.set(Some(r));
            panel.set(Vec::new());
            when.set(String::new());
            reload.update(|n| *n += 1);
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let mut people = people;
    // Interviewers first: they are who panels are usually made of.
    people.sort_by_key(|p| (p.role != Role::Interviewer, p.name.clone()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        result.set(None);
        let raw = when.get();
        let scheduled_at = if raw.is_empty() {
            None
        } else {
            parse_utc(&raw)
        };
        if !raw.is_empty() && scheduled_at.is_none() {
            error.set(Some(AppError::invalid(
                "when",
                "use the date and time picker",
            )));
            return;
        }
        schedule.dispatch(ScheduleInput {
            candidate_id: candidate_id.clone(),
            stage_id: stage_id.get(),
            scheduled_at,
            panel: panel.get(),
        });
    };
    view! {
        <form on:submit=submit>
            <div class="two-col">
                <div>
                    <label for="stage">"Stage"</label>
                    <select id="stage" on:change=move |ev| { stage_id.set(event_target_value(&ev)); panel.update(|p| p.iter_mut().for_each(|(_, f)| f.clear())); }>
                        {guide.with_value(|g| g.stages.iter().map(|s| view! {
                            <option value=s.id.clone()>{format!("{} ({} min)", s.name, s.minutes())}</option>
                        }).collect_view())}
                    </select>
                </div>
                <div>
                    <label for="when">"When (UTC)"</label>
                    <input id="when" type="datetime-local" bind:value=when />
                </div>
            </div>
            <fieldset class="panel-picker">
                <legend>"Panel"</legend>
                <p class="muted">"Two to four interviewers who rate independently; give each a focus if the stage covers many competencies."</p>
                {people.into_iter().map(|p| {
                    let uid = p.id.clone();
                    let on_panel = {
                        let uid = uid.clone();
                        move || panel.with(|l| l.iter().any(|(u, _)| *u == uid))
                    };
                    let toggle = {
                        let uid = uid.clone();
                        move |ev: leptos::ev::Event| {
                            let checked = event_target_checked(&ev);
                            panel.update(|l| {
                                l.retain(|(u, _)| *u != uid);
                                if checked {
                                    l.push((uid.clone(), Vec::new()));
                                }
                            });
                        }
                    };
                    let box_id = format!("panel-{}", p.id);
                    let on_panel_focus = on_panel.clone();
                    view! {
                        <div class="panel-row">
                            <input type="checkbox" id=box_id.clone() prop:checked=on_panel on:change=toggle />
                            <label for=box_id class="inline">{p.name.clone()}" "<span class="muted">{format!("({})", p.role.label())}</span></label>
                            <Show when=on_panel_focus.clone()>
                                <span class="focus-list">
                                    "Focus: "
                                    {
                                        let uid = uid.clone();
                                        move || stage_competencies().into_iter().map(|(cid, cname)| {
                                            let focus_id = format!("focus-{uid}-{cid}");
                                            let checked = {
                                                let (uid, cid) = (uid.clone(), cid.clone());
                                                move || panel.with(|l| l.iter().any(|(u, f)| *u == uid && f.contains(&cid)))
                                            };
                                            let (uid2, cid2) = (uid.clone(), cid.clone());
                                            view! {
                                                <input type="checkbox" id=focus_id.clone() prop:checked=checked
                                                    on:change=move |ev| {
                                                        let on = event_target_checked(&ev);
                                                        panel.update(|l| if let Some((_, f)) = l.iter_mut().find(|(u, _)| *u == uid2) {
                                                            f.retain(|c| *c != cid2);
                                                            if on { f.push(cid2.clone()); }
                                                        });
                                                    } />
                                                <label for=focus_id class="inline">{cname}</label>
                                            }
                                        }).collect_view()
                                    }
                                </span>
                            </Show>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <FormStatus error=error />
            {move || result.get().map(|r| view! {
                <div class="notice" role="status">
                    <p>"Interview scheduled."</p>
                    {(!r.warnings.is_empty()).then(|| view! {
                        <ul class="warnings">{r.warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                    })}
                </div>
            })}
            <button type="submit" class="primary" disabled=move || schedule.pending().get()>"Schedule interview"</button>
        </form>
    }
}

/// For admins: the candidate's export, legal holds and erasure.
#[component]
fn CandidateData(
    candidate_id: String,
    holds: Vec<crate::model::LegalHold>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    use crate::model::HoldScope;
    let id = StoredValue::new(candidate_id.clone());
    let hold_reason = RwSignal::new(String::new());
    let erase_reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let notice = RwSignal::new(None::<String>);
    let held = holds.iter().any(|h| h.lifted_at.is_none());
    let place = Action::new(move |why: &String| {
        let why = why.clone();
        async move { place_hold(HoldScope::Candidate, id.get_value(), why).await }
    });
    let erase = Action::new(move |why: &String| {
        let why = why.clone();
        async move { erase_candidate(id.get_value(), why).await }
    });
    Effect::new(move |_| match place.value().get() {
        Some(Ok(_)) => reload.update(|v| *v += 1),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    Effect::new(move |_| match erase.value().get() {
        Some(Ok(_)) => {
            notice.set(Some("Erased.".into()));
            reload.update(|v| *v += 1);
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let refresh = Callback::new(move |()| reload.update(|v| *v += 1));
    view! {
        <section class="card candidate-data" aria-labelledby="candidate-data">
            <h2 id="candidate-data">"Candidate data"</h2>
            <p>
                <a class="button secondary" href=format!("/candidates/{candidate_id}/export.zip") rel="external" download="">
                    "Export everything (ZIP)"
                </a>
                " "
                <a href=format!("/audit?candidate_id={candidate_id}")>"Audit log for this candidate"</a>
            </p>
            <h3>"Legal holds"</h3>
            <crate::pages::admin::data::HoldTable holds reload=refresh />
            <form class="inline-form" on:submit=move |ev| {
                ev.prevent_default();
                error.set(None);
                place.dispatch(hold_reason.get());
            }>
                <label for="hold-reason">"Reason for a hold"</label>
                <input id="hold-reason" required bind:value=hold_reason />
                <button type="submit" class="secondary" disabled=move || place.pending().get()>"Place hold"</button>
            </form>
            <h3>"Erase"</h3>
            <p class="muted">{if held {
                "A legal hold is in force: this candidate cannot be erased until it is lifted."
            } else {
                "Removes their name, contact details, notes, free text in scorecards, referees and mail. Ratings stay, de-identified. This cannot be undone."
            }}</p>
            <form class="inline-form" on:submit=move |ev| {
                ev.prevent_default();
                error.set(None);
                erase.dispatch(erase_reason.get());
            }>
                <label for="erase-reason">"Reason for erasing"</label>
                <input id="erase-reason" required bind:value=erase_reason />
                <button type="submit" class="danger" disabled=move || erase.pending().get() || held>"Erase personal data"</button>
            </form>
            <FormStatus error=error notice=notice />
        </section>
    }
}
