//! Parts of the references panel: adding a referee, recording a phone
//! check, fraud signals with their reviews, and the combined ratings.

use crate::components::reference_form::{ReferenceAnswerForm, summary_message};
use crate::components::text_area::TextArea;
use crate::components::unsaved::guard_unsaved;
use crate::errors::AppError;
use crate::model::{
    FraudSignal, PhoneCheckInput, RefereeInput, ReferenceAggregate, ReferenceAnswer, Relationship,
    format_utc,
};
use crate::server_fns::references::{
    add_referee, record_phone_check, reference_questions, review_reference_signal,
};
use crate::server_fns::session::session_user;
use leptos::prelude::*;

fn field_error(
    error: Signal<Option<AppError>>,
    field: &'static str,
) -> impl Fn() -> Option<String> {
    move || match error.get() {
        Some(AppError::Invalid { field: f, message }) if f == field => Some(message),
        _ => None,
    }
}

/// Adds a referee to the candidate.
#[component]
pub fn AddRefereeForm(candidate_id: String, reload: RwSignal<u32>) -> impl IntoView {
    let candidate_id = StoredValue::new(candidate_id);
    let (name, email, phone) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let relationship = RwSignal::new(Relationship::Manager);
    let months = RwSignal::new(String::from("12"));
    guard_unsaved(Signal::derive(move || {
        [name, email, phone]
            .iter()
            .any(|f| !f.with(String::is_empty))
    }));
    let add = Action::new(move |input: &RefereeInput| {
        add_referee(candidate_id.get_value(), input.clone())
    });
    let error = RwSignal::new(None::<AppError>);
    Effect::new(move |_| match add.value().get() {
        Some(Ok(_)) => {
            error.set(None);
            name.set(String::new());
            email.set(String::new());
            phone.set(String::new());
            reload.update(|n| *n += 1);
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(months_worked) = months.get_untracked().trim().parse::<u32>() else {
            error.set(Some(AppError::invalid(
                "months_worked",
                "a whole number of months",
            )));
            return;
        };
        add.dispatch(RefereeInput {
            name: name.get_untracked(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
            relationship: relationship.get_untracked(),
            months_worked,
        });
    };
    let error_signal: Signal<Option<AppError>> = error.into();
    let input = |id: &'static str,
                 label: &'static str,
                 kind: &'static str,
                 value: RwSignal<String>,
                 required: bool| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type=kind required=required prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev)) />
                <p class="field-error">{field_error(error_signal, id.strip_prefix("referee-").unwrap_or(id))}</p>
            </div>
        }
    };
    view! {
        <details class="card add-referee">
            <summary>"Add a referee"</summary>
            <form on:submit=on_submit>
                <div class="form-grid">
                    {input("referee-name", "Name", "text", name, true)}
                    {input("referee-email", "Email", "email", email, true)}
                    {input("referee-phone", "Phone (optional)", "tel", phone, false)}
                    <div class="field">
                        <label for="referee-relationship">"Relationship to the candidate"</label>
                        <select id="referee-relationship" on:change=move |ev| {
                            if let Some(r) = Relationship::parse(&event_target_value(&ev)) {
                                relationship.set(r);
                            }
                        }>
                            {Relationship::ALL.map(|r| view! {
                                <option value=r.as_str() selected=move || relationship.get() == r>{r.label()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="referee-months">"Worked together (months)"</label>
                        <input id="referee-months" type="number" min="0" max="600" inputmode="numeric"
                            prop:value=move || months.get() on:input=move |ev| months.set(event_target_value(&ev)) />
                        <p class="field-error">{field_error(error_signal, "months_worked")}</p>
                    </div>
                </div>
                {move || error.get().filter(|e| !matches!(e, AppError::Invalid { .. }))
                    .map(|e| view! { <p class="error" role="alert">{e.to_string()}</p> })}
                <button type="submit" class="primary" disabled=move || add.pending().get()>"Add referee"</button>
            </form>
        </details>
    }
}

/// Records a reference taken by phone on the referee's own questions.
#[component]
pub fn PhoneCheckForm(
    request_id: String,
    reload: RwSignal<u32>,
    open: RwSignal<bool>,
) -> impl IntoView {
    let request_id = StoredValue::new(request_id);
    let questions = Resource::new(move || request_id.get_value(), reference_questions);
    // Opened by a click, in the browser: whoever is signed in made the call,
    // unless the recruiter types another name first.
    let called_by = RwSignal::new(String::new());
    leptos::task::spawn_local(async move {
        if let Ok(Some(user)) = session_user().await {
            called_by.update(|name| {
                if name.is_empty() {
                    *name = user.name;
                }
            });
        }
    });
    let called_at = RwSignal::new(String::new());
    let answers = RwSignal::new(Vec::<ReferenceAnswer>::new());
    guard_unsaved(Signal::derive(move || {
        !called_at.with(String::is_empty)
            || answers.with(|a| a.iter().any(|x| x.is_answered() || !x.text.is_empty()))
    }));
    let record = Action::new(move |input: &PhoneCheckInput| {
        record_phone_check(request_id.get_value(), input.clone())
    });
    let error = RwSignal::new(None::<AppError>);
    Effect::new(move |_| match record.value().get() {
        Some(Ok(())) => {
            open.set(false);
            reload.update(|n| *n += 1);
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let error_signal: Signal<Option<AppError>> = error.into();
    let prefix = format!("phone-{}", request_id.get_value());
    view! {
        <form class="phone-check" on:submit=move |ev| {
            ev.prevent_default();
            record.dispatch(PhoneCheckInput {
                called_by: called_by.get_untracked(),
                called_at: called_at.get_untracked(),
                answers: answers.get_untracked(),
            });
        }>
            <h4>"Phone check"</h4>
            <div class="form-grid">
                <div class="field">
                    <label for=format!("{prefix}-by")>"Who called"</label>
                    <input id=format!("{prefix}-by") type="text" required prop:value=move || called_by.get()
                        on:input=move |ev| called_by.set(event_target_value(&ev)) />
                    <p class="field-error">{field_error(error_signal, "called_by")}</p>
                </div>
                <div class="field">
                    <label for=format!("{prefix}-at")>"When (UTC; empty for now)"</label>
                    <input id=format!("{prefix}-at") type="datetime-local" prop:value=move || called_at.get()
                        on:input=move |ev| called_at.set(event_target_value(&ev)) />
                    <p class="field-error">{field_error(error_signal, "called_at")}</p>
                </div>
            </div>
            <Suspense fallback=|| view! { <p class="loading">"Loading questions…"</p> }>
                {move || questions.get().map(|result| match result {
                    Ok(list) => view! {
                        <ReferenceAnswerForm questions=list answers legend="The referee's rating".to_owned()
                            id_prefix=prefix.clone() error=error_signal />
                    }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                })}
            </Suspense>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{summary_message(&e)}</p> })}
            <div class="ref-actions">
                <button type="submit" class="primary" disabled=move || record.pending().get()>"Save phone check"</button>
                <button type="button" class="secondary" on:click=move |_| open.set(false)>"Cancel"</button>
            </div>
        </form>
    }
}

/// Fraud signals with their innocent explanations and reviews.
#[component]
pub fn SignalList(
    signals: Vec<FraudSignal>,
    candidate_id: String,
    can_manage: bool,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let candidate_id = StoredValue::new(candidate_id);
    view! {
        <h3>"Signals to check"</h3>
        {if signals.is_empty() {
            view! { <p class="empty">"Nothing unusual in these references."</p> }.into_any()
        } else {
            view! {
                <p class="muted">"These facts may deserve a question. Each has innocent explanations; nothing is decided from them."</p>
                <ul class="signal-list">
                    {signals.into_iter().map(|s| view! {
                        <SignalItem s candidate_id=candidate_id.get_value() can_manage reload />
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn SignalItem(
    s: FraudSignal,
    candidate_id: String,
    can_manage: bool,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let key = StoredValue::new(s.key.clone());
    let candidate_id = StoredValue::new(candidate_id);
    let note = RwSignal::new(String::new());
    guard_unsaved(Signal::derive(move || !note.with(|n| n.trim().is_empty())));
    let review = Action::new(move |note: &String| {
        review_reference_signal(candidate_id.get_value(), key.get_value(), note.clone())
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = review.value().get() {
            reload.update(|n| *n += 1);
        }
    });
    let error = move || review.value().get().and_then(Result::err);
    let note_id = format!("note-{}", s.key.replace([':', '+'], "-"));
    let reviewed = s.review.is_some();
    view! {
        <li class="card signal" class:reviewed=reviewed data-signal=s.key.clone()>
            <p class="signal-summary">{s.summary.clone()}</p>
            <p class="muted">"Likely innocent explanations:"</p>
            <ul>{s.explanations.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}</ul>
            {s.review.clone().map(|r| view! {
                <p class="signal-review">
                    <strong>"Reviewed"</strong>{format!(" by {} on {}: ", r.reviewed_by, format_utc(r.reviewed_at))}{r.note}
                </p>
            })}
            {(can_manage && !reviewed).then(|| view! {
                <form class="signal-review-form" on:submit=move |ev| {
                    ev.prevent_default();
                    review.dispatch(note.get_untracked());
                }>
                    <label for=note_id.clone()>"What did you check?"</label>
                    <TextArea value=note on_input=Callback::new(move |t| note.set(t))
                        attr:id=note_id attr:rows="2" attr:maxlength="2000" />
                    {move || error().map(|e| view! { <p class="error" role="alert">{e.to_string()}</p> })}
                    <button type="submit" class="secondary" disabled=move || review.pending().get()>"Mark reviewed"</button>
                </form>
            })}
        </li>
    }
}

/// The references' ratings per competency, once enough answered.
#[component]
pub fn AggregateTable(aggregate: ReferenceAggregate) -> impl IntoView {
    view! {
        <h3>"Reference ratings by competency"</h3>
        {if aggregate.answered < aggregate.threshold {
            view! {
                <p class="empty">{format!(
                    "Shown once at least {} references have answered ({} so far), so that no referee's ratings can be singled out.",
                    aggregate.threshold, aggregate.answered
                )}</p>
            }.into_any()
        } else {
            view! {
                <table class="data ref-aggregate">
                    <thead><tr><th scope="col">"Competency"</th><th scope="col">"References"</th><th scope="col">"Mean level"</th></tr></thead>
                    <tbody>
                        {aggregate.competencies.iter().map(|c| view! {
                            <tr>
                                <th scope="row">{c.name.clone()}</th>
                                <td>{c.references}</td>
                                <td>{match c.mean {
                                    Some(m) => format!("{m:.1}"),
                                    None => format!("fewer than {} ratings", aggregate.threshold),
                                }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}
