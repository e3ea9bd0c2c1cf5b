//! Scheduling an interview: the stage, its start and end (typed in the
//! scheduler's time zone, read by the server), and a panel of two to four
//! interviewers, each with the competencies they focus on.

use crate::components::form::FormStatus;
use crate::components::navigate::reload_page;
use crate::components::people_finder::{PeopleFinder, picked_then_found};
use crate::components::unsaved::guard_unsaved;
use crate::errors::AppError;
use crate::model::{PeoplePage, PublishedGuide, ScheduleInput, ScheduleResult, UserSummary};
use crate::server_fns::candidates::schedule_interview;
use leptos::prelude::*;

/// An island on the server-rendered candidate page. Scheduling adds a row
/// to the page's table of interviews, so it loads the page again and shows
/// its result there (kept for that load in the tab's session storage).
#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]
#[cfg_attr(feature = "referee-bundle", component)]
pub(super) fn ScheduleForm(
    /// The candidate.
    candidate_id: String,
    /// The role's published guide, whose stages can be scheduled.
    guide: Option<PublishedGuide>,
    /// The first page of people who could sit on the panel.
    people: PeoplePage,
    /// The scheduler's time zone, in which times are typed.
    time_zone: Option<String>,
) -> impl IntoView {
    let result = RwSignal::new(None::<ScheduleResult>);
    {
        let candidate_id = candidate_id.clone();
        // In the browser only, after hydration: the server knows nothing of it.
        Effect::new(move |_| result.set(take_result(&candidate_id)));
    }
    view! {
        <section class="card form-card" aria-labelledby="schedule-h">
            <h2 id="schedule-h">"Schedule an interview"</h2>
            {match guide {
                Some(guide) => view! { <ScheduleFields candidate_id guide people time_zone result /> }.into_any(),
                None => view! { <p class="notice">"Publish the role's interview guide first: every interview follows a published version."</p> }.into_any(),
            }}
            {move || result.get().map(|r| view! {
                <div class="notice" role="status">
                    <p>"Interview scheduled."</p>
                    {(!r.warnings.is_empty()).then(|| view! {
                        <ul class="warnings">{r.warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                    })}
                </div>
            })}
        </section>
    }
}

/// Where a result waits for the next load of the candidate's page.
#[cfg(feature = "hydrate")]
fn result_key(candidate_id: &str) -> String {
    format!("panelkit.scheduled.{candidate_id}")
}

#[cfg(feature = "hydrate")]
fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Keeps `r` for the next load of `candidate_id`'s page.
fn keep_result(candidate_id: &str, r: &ScheduleResult) {
    #[cfg(feature = "hydrate")]
    if let (Some(storage), Ok(json)) = (session_storage(), serde_json::to_string(r)) {
        let _ = storage.set_item(&result_key(candidate_id), &json);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (candidate_id, r);
}

/// The result kept by [`keep_result`], taken so that it shows once.
fn take_result(candidate_id: &str) -> Option<ScheduleResult> {
    #[cfg(feature = "hydrate")]
    {
        let storage = session_storage()?;
        let key = result_key(candidate_id);
        let json = storage.get_item(&key).ok().flatten()?;
        let _ = storage.remove_item(&key);
        serde_json::from_str(&json).ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = candidate_id;
        None
    }
}

#[component]
fn ScheduleFields(
    candidate_id: String,
    guide: PublishedGuide,
    people: PeoplePage,
    time_zone: Option<String>,
    result: RwSignal<Option<ScheduleResult>>,
) -> impl IntoView {
    // Read by the submit handler and, for the result, after the answer.
    let candidate_id = StoredValue::new(candidate_id);
    let stage_id = RwSignal::new(
        guide
            .stages
            .first()
            .map(|s| s.id.clone())
            .unwrap_or_default(),
    );
    let when = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    // The server reads both in the scheduler's zone, named here.
    let zone_label = match &time_zone {
        Some(zone) => zone.clone(),
        None => "UTC; choose your time zone on your account page".to_owned(),
    };
    // Panel members in the order chosen, each with their focus competencies.
    let panel = RwSignal::new(Vec::<(String, Vec<String>)>::new());
    guard_unsaved(Signal::derive(move || {
        !when.with(String::is_empty) || !until.with(String::is_empty) || !panel.with(Vec::is_empty)
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
            // Nothing is left unsaved: the page loads again without asking.
            panel.set(Vec::new());
            when.set(String::new());
            until.set(String::new());
            keep_result(&candidate_id.get_value(), &r);
            reload_page();
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    // The accounts listed (interviewers first, as the server sends them),
    // and those on the panel, who stay listed whatever is searched for
    // next. The rows are made again only when a search answers, not on
    // every tick of a box (which would take the focus from it).
    let found = RwSignal::new(people.people.clone());
    let picked = RwSignal::new(Vec::<UserSummary>::new());
    let listed = move || {
        let found = found.get();
        panel.with_untracked(|panel| {
            picked.with_untracked(|picked| {
                picked_then_found(picked, |id| panel.iter().any(|(u, _)| u == id), found)
            })
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        result.set(None);
        schedule.dispatch(ScheduleInput {
            candidate_id: candidate_id.get_value(),
            stage_id: stage_id.get(),
            starts_local: when.get(),
            ends_local: until.get(),
            panel: panel.get(),
            ..Default::default()
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
            </div>
            <div class="two-col">
                <div>
                    <label for="starts">{format!("Starts ({zone_label})")}</label>
                    <input id="starts" type="datetime-local" bind:value=when />
                </div>
                <div>
                    <label for="ends">"Ends"</label>
                    <input id="ends" type="datetime-local" bind:value=until />
                </div>
            </div>
            <fieldset class="panel-picker">
                <legend>"Panel"</legend>
                <p class="muted">"Two to four interviewers who rate independently; give each a focus if the stage covers many competencies."</p>
                <PeopleFinder page=people found id="panel-search" />
                {move || {
                    listed()
                        .into_iter()
                        .map(|p| panel_row(p, panel, picked, stage_competencies))
                        .collect_view()
                }}
            </fieldset>
            <FormStatus error=error />
            <button type="submit" class="primary" disabled=move || schedule.pending().get()>"Schedule interview"</button>
        </form>
    }
}

/// One account in the panel picker: a box to put them on the panel and,
/// once on it, a box per competency of the stage they could focus on.
fn panel_row(
    p: UserSummary,
    panel: RwSignal<Vec<(String, Vec<String>)>>,
    picked: RwSignal<Vec<UserSummary>>,
    stage_competencies: impl Fn() -> Vec<(String, String)> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let uid = p.id.clone();
    let on_panel = {
        let uid = uid.clone();
        move || panel.with(|l| l.iter().any(|(u, _)| *u == uid))
    };
    let toggle = {
        let person = p.clone();
        move |ev: leptos::ev::Event| {
            let checked = event_target_checked(&ev);
            let uid = &person.id;
            picked.update_untracked(|l| {
                l.retain(|other| other.id != *uid);
                if checked {
                    l.push(person.clone());
                }
            });
            panel.update(|l| {
                l.retain(|(u, _)| u != uid);
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
}
