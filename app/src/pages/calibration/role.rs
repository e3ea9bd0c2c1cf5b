//! `/roles/:id/calibration`: whether the role asks its interviewers to pass
//! calibration before scoring, for which competencies, and who has.

use crate::components::form::FormStatus;
use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::errors::AppError;
use crate::model::{RoleCalibration, format_day};
use crate::server_fns::calibration::{get_role_calibration, set_role_calibration};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The role calibration page.
#[component]
pub fn RoleCalibrationPage() -> impl IntoView {
    let params = use_params_map();
    let role_id = move || params.read().get("id").unwrap_or_default();
    let data = Resource::new(role_id, get_role_calibration);
    view! {
        <PageTitle text="Interviewer calibration" />
        <Loaded resource=data let:status>
            <RoleCalibrationView status />
        </Loaded>
    }
}

/// The role's calibration rule and who passed: an island, hydrated with
/// the status the server rendered.
#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]
#[cfg_attr(feature = "referee-bundle", component)]
fn RoleCalibrationView(status: RoleCalibration) -> impl IntoView {
    let status = RwSignal::new(status);
    let error = RwSignal::new(None::<AppError>);
    let notice = RwSignal::new(None::<String>);
    let required = RwSignal::new(status.get_untracked().required);
    let role_id = status.get_untracked().role_id;
    let save = Action::new(move |on: &bool| {
        let (role_id, on) = (role_id.clone(), *on);
        async move { set_role_calibration(role_id, on).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => {
            notice.set(Some(if saved.required {
                "Interviewers must now pass calibration before scoring for this role.".into()
            } else {
                "Interviewers may score for this role without calibration.".into()
            }));
            status.set(saved);
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let s = status.get_untracked();
    let role_href = format!("/roles/{}", s.role_id);
    view! {
        <nav class="breadcrumb" aria-label="Breadcrumb"><a href="/roles">"Roles"</a>" / "<a href=role_href>{s.role_title.clone()}</a></nav>
        <h1>{format!("Interviewer calibration: {}", s.role_title)}</h1>
        <p class="lede">"Interviewers calibrate by rating written samples against the anchors and comparing with the experts' levels at /calibration. A role can ask for a pass on each of its profile competencies that has an exercise before anyone scores its interviews."</p>
        {if s.competencies.is_empty() {
            view! { <p class="muted">"None of this role's profile competencies has calibration samples."</p> }.into_any()
        } else {
            view! {
                <p>{format!("Competencies with an exercise: {}.", s.competencies.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join(", "))}</p>
            }.into_any()
        }}
        {s.can_manage.then(|| view! {
            <form class="card form-card" on:submit=move |ev| {
                ev.prevent_default();
                error.set(None);
                notice.set(None);
                save.dispatch(required.get());
            }>
                <label class="checkbox">
                    <input type="checkbox" id="calibration-required" bind:checked=required />
                    " Require a passed calibration before scoring for this role"
                </label>
                <FormStatus error=error notice=notice />
                <button type="submit" class="primary" disabled=move || save.pending().get()>"Save"</button>
            </form>
        })}
        {move || {
            let s = status.get();
            let state = if s.required { "Required" } else { "Not required" };
            view! {
                <p class="calibration-requirement"><strong>"Calibration: "</strong>{state}</p>
                <CalibrationTable status=s />
            }
        }}
    }
}

#[component]
fn CalibrationTable(status: RoleCalibration) -> impl IntoView {
    if status.interviewers.is_empty() {
        return view! { <p class="muted">"No interviewers on this role's team or panels yet."</p> }
            .into_any();
    }
    view! {
        <table class="data-table role-calibration">
            <thead><tr>
                <th scope="col">"Interviewer"</th>
                {status.competencies.iter().map(|(_, name)| view! { <th scope="col">{name.clone()}</th> }).collect_view()}
                <th scope="col">"Calibrated"</th>
            </tr></thead>
            <tbody>
                {status.interviewers.into_iter().map(|i| {
                    let calibrated = i.calibrated();
                    view! {
                        <tr>
                            <th scope="row">{i.name.clone()}</th>
                            {i.passed_at.iter().map(|at| view! {
                                <td>{at.map_or_else(|| "Not yet".to_owned(), |at| format!("Passed {}", format_day(at)))}</td>
                            }).collect_view()}
                            <td class:calibrated=calibrated>{if calibrated { "Yes" } else { "No" }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
