//! The references panel of a candidate's page: referees with their status,
//! invitations and links, phone checks, answers per competency, fraud
//! signals and the combined ratings.

use crate::components::reference_review::{
    AddRefereeForm, AggregateTable, PhoneCheckForm, SignalList,
};
use crate::components::text_area::TextArea;
use crate::errors::AppError;
use crate::model::{
    AnsweredQuestion, CandidateReferences, InviteResult, ReferenceMethod, ReferenceRequestView,
    ReferenceStatus, format_utc,
};
use crate::server_fns::references::{list_references, send_reference_invitation};
use leptos::prelude::*;

/// Everything about a candidate's references, for recruiters and the role's
/// hiring managers: an island on the candidate's server-rendered page.
#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]
#[cfg_attr(feature = "referee-bundle", component)]
pub fn ReferencesPanel(
    /// The candidate.
    candidate_id: String,
) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    // Links shown after an invitation, kept here so a reload of the list keeps them.
    let invites = RwSignal::new(Vec::<(String, InviteResult)>::new());
    let id = StoredValue::new(candidate_id);
    // Loaded in the browser after hydration rather than during server
    // rendering: the panel sits inside the candidate page's own Suspense,
    // and a nested, streamed boundary inside it would not hydrate. A reload keeps the
    // old list on screen until the new one arrives; a stale answer is dropped.
    let data = RwSignal::new(None::<Result<CandidateReferences, AppError>>);
    Effect::new(move |_| {
        let seen = reload.get();
        let id = id.get_value();
        leptos::task::spawn_local(async move {
            let result = list_references(id).await;
            if reload.try_get_untracked() == Some(seen) {
                data.try_set(Some(result));
            }
        });
    });
    view! {
        <section class="references-panel" aria-labelledby="references-h">
            <h2 id="references-h">"References"</h2>
            {move || match data.get() {
                None => view! { <p class="loading">"Loading references…"</p> }.into_any(),
                Some(Ok(refs)) => view! { <PanelBody refs candidate_id=id.get_value() reload invites /> }.into_any(),
                Some(Err(err)) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn PanelBody(
    refs: CandidateReferences,
    candidate_id: String,
    reload: RwSignal<u32>,
    invites: RwSignal<Vec<(String, InviteResult)>>,
) -> impl IntoView {
    let answered = refs
        .requests
        .iter()
        .filter(|r| r.status == ReferenceStatus::Submitted)
        .count();
    let overdue = refs.requests.iter().filter(|r| r.overdue).count();
    let can_manage = refs.can_manage;
    let ctx = CardContext {
        can_manage,
        questions_ready: refs.questions_ready,
        mail_configured: refs.mail_configured,
        reload,
        invites,
    };
    view! {
        <p class="lede">
            {match refs.requests.len() {
                0 => "No referees yet.".to_owned(),
                n => format!("{answered} of {n} answered"),
            }}
            {(overdue > 0).then(|| view! { " · " <span class="overdue-text">{format!("{overdue} overdue")}</span> })}
        </p>
        {(can_manage && !refs.questions_ready).then(|| view! {
            <p class="notice">"Publish the role's guide with reference-check questions before inviting referees."</p>
        })}
        {(can_manage && !refs.mail_configured).then(|| view! {
            <p class="muted">"Mail is not set up on this server: after sending an invitation, copy its link to the referee yourself."</p>
        })}
        <ul class="referee-list">
            {refs.requests.into_iter().map(|r| view! { <RefereeCard r ctx /> }).collect_view()}
        </ul>
        {can_manage.then(|| view! { <AddRefereeForm candidate_id=candidate_id.clone() reload /> })}
        <SignalList signals=refs.signals candidate_id can_manage reload />
        <AggregateTable aggregate=refs.aggregate />
    }
}

/// What every referee card needs from the panel.
#[derive(Debug, Clone, Copy)]
struct CardContext {
    can_manage: bool,
    questions_ready: bool,
    mail_configured: bool,
    reload: RwSignal<u32>,
    invites: RwSignal<Vec<(String, InviteResult)>>,
}

/// "2 years 3 months".
fn duration_label(months: u32) -> String {
    let (y, m) = (months / 12, months % 12);
    let part = |n: u32, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    match (y, m) {
        (0, 0) => "under a month".to_owned(),
        (0, m) => part(m, "month"),
        (y, 0) => part(y, "year"),
        (y, m) => format!("{} {}", part(y, "year"), part(m, "month")),
    }
}

#[component]
fn RefereeCard(r: ReferenceRequestView, ctx: CardContext) -> impl IntoView {
    let request_id = StoredValue::new(r.id.clone());
    let invite = Action::new(move |_: &()| send_reference_invitation(request_id.get_value()));
    Effect::new(move |_| {
        if let Some(Ok(res)) = invite.value().get() {
            let id = request_id.get_value();
            ctx.invites.update(|all| {
                all.retain(|(other, _)| *other != id);
                all.push((id, res));
            });
            ctx.reload.update(|n| *n += 1);
        }
    });
    let result = move || {
        request_id.with_value(|id| {
            ctx.invites.with(|all| {
                all.iter()
                    .find(|(other, _)| other == id)
                    .map(|(_, r)| r.clone())
            })
        })
    };
    let invite_error = move || invite.value().get().and_then(Result::err);
    let phone_open = RwSignal::new(false);
    let status = r.status;
    let open = !status.is_final();
    let t = r.times;
    let mut timeline: Vec<String> = Vec::new();
    if let Some(phone) = &r.phone {
        timeline.push(format!(
            "Phone check by {} on {}",
            phone.called_by,
            format_utc(phone.called_at)
        ));
    } else {
        let mut add = |label: &str, at: Option<i64>| {
            if let Some(at) = at {
                timeline.push(format!("{label} {}", format_utc(at)));
            }
        };
        add(
            if r.send_count > 1 {
                "Last sent"
            } else {
                "Sent"
            },
            t.sent_at,
        );
        add("Opened", t.opened_at);
        add("Started", t.started_at);
        add("Submitted", t.submitted_at);
        add("Declined", t.declined_at);
        if let Some(note) = &r.reminded {
            timeline.push(note.label());
        }
        if open && let Some(e) = t.expires_at {
            timeline.push(format!("Link expires {}", format_utc(e)));
        }
    }
    let contact = [
        Some(r.referee.relationship.label().to_owned()),
        Some(format!(
            "worked together {}",
            duration_label(r.referee.months_worked)
        )),
        Some(r.referee.email.clone()),
        (!r.referee.phone.is_empty()).then(|| r.referee.phone.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let sent_before = r.send_count > 0;
    let name = r.referee.name.clone();
    view! {
        <li class="card referee" data-referee=r.id.clone()>
            <div class="referee-head">
                <h3>{r.referee.name.clone()}</h3>
                <span class=format!("status-badge status-{}", status.as_str())>
                    {if r.phone.is_some() { "Phone check".to_owned() } else { status.label().to_owned() }}
                </span>
                {r.overdue.then(|| view! { <span class="status-badge overdue">"Overdue"</span> })}
            </div>
            <p class="muted">{contact}</p>
            {(!timeline.is_empty()).then(|| view! { <p class="muted timeline">{timeline.join(" · ")}</p> })}
            {(!r.decline_reason.is_empty()).then(|| view! {
                <p class="decline-reason">"Reason given: "{r.decline_reason.clone()}</p>
            })}
            {(ctx.can_manage && open).then(|| view! {
                <div class="ref-actions">
                    <button type="button" class="secondary"
                        disabled=move || invite.pending().get() || !ctx.questions_ready
                        on:click=move |_| { invite.dispatch(()); }>
                        {if sent_before { "Resend with a new link" } else { "Send invitation" }}
                    </button>
                    <button type="button" class="secondary" disabled=!ctx.questions_ready
                        on:click=move |_| phone_open.update(|o| *o = !*o)>
                        "Record phone check"
                    </button>
                </div>
            })}
            {move || invite_error().map(|e| view! { <p class="error" role="alert">{e.to_string()}</p> })}
            {move || result().map(|res| view! { <InviteOutcome res name=name.clone() request_id=request_id.get_value() mail_configured=ctx.mail_configured /> })}
            <Show when=move || phone_open.get()>
                <PhoneCheckForm request_id=request_id.get_value() reload=ctx.reload open=phone_open />
            </Show>
            {(!r.answers.is_empty()).then(|| view! { <AnswersByCompetency answers=r.answers.clone() method=r.phone.as_ref().map_or(ReferenceMethod::Link, |_| ReferenceMethod::Phone) /> })}
        </li>
    }
}

/// The link and message after an invitation, when the recruiter sends it.
#[component]
fn InviteOutcome(
    res: InviteResult,
    name: String,
    request_id: String,
    mail_configured: bool,
) -> impl IntoView {
    let input_id = format!("invite-link-{request_id}");
    let Some(link) = res.link.clone() else {
        return view! {
            <p class="notice" role="status">
                {format!("Emailed to {name}. The link works until {}; any earlier link no longer works.", format_utc(res.expires_at))}
            </p>
        }
        .into_any();
    };
    let copied = RwSignal::new(false);
    let copy_link = link.clone();
    view! {
        <div class="invite-link notice" role="status">
            {res.mail_error.clone().map(|e| view! { <p class="error">{format!("The email was not sent: {e}")}</p> })}
            <p>
                {if mail_configured { "Send this link to " } else { "Mail is not set up. Send this link to " }}
                <strong>{name.clone()}</strong>
                {format!(" yourself; it works until {} and only once. Any earlier link no longer works.", format_utc(res.expires_at))}
            </p>
            <label for=input_id.clone()>"One-time link"</label>
            <div class="copy-row">
                <input id=input_id type="text" readonly value=link data-testid="invite-link" />
                <button type="button" class="secondary" on:click=move |_| {
                    copy_to_clipboard(&copy_link);
                    copied.set(true);
                }>{move || if copied.get() { "Copied" } else { "Copy" }}</button>
            </div>
            <details>
                <summary>"Suggested message"</summary>
                <TextArea value=Signal::stored(res.message.clone()) attr:readonly=true attr:rows="10" attr:aria-label="Suggested message" />
            </details>
        </div>
    }
    .into_any()
}

/// Copies `text` with the asynchronous Clipboard API where the browser has it.
fn copy_to_clipboard(text: &str) {
    #[cfg(feature = "hydrate")]
    {
        // Through Reflect, so the wasm needs no extra web-sys features.
        use wasm_bindgen::{JsCast, JsValue};
        let get = |target: &JsValue, key: &str| {
            web_sys::js_sys::Reflect::get(target, &JsValue::from_str(key)).ok()
        };
        let navigator = web_sys::window().and_then(|w| get(&w.into(), "navigator"));
        let clipboard = navigator
            .as_ref()
            .and_then(|n| get(n, "clipboard"))
            .filter(|c| !c.is_undefined());
        if let Some(clipboard) = clipboard
            && let Some(write) = get(&clipboard, "writeText")
                .and_then(|f| f.dyn_into::<web_sys::js_sys::Function>().ok())
        {
            let _ = write.call1(&clipboard, &JsValue::from_str(text));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = text;
}

/// A submitted reference's answers, grouped by competency.
#[component]
fn AnswersByCompetency(answers: Vec<AnsweredQuestion>, method: ReferenceMethod) -> impl IntoView {
    let mut groups: Vec<(String, Vec<AnsweredQuestion>)> = Vec::new();
    for a in answers {
        match groups
            .iter_mut()
            .find(|(name, _)| *name == a.question.competency_name)
        {
            Some((_, list)) => list.push(a),
            None => groups.push((a.question.competency_name.clone(), vec![a])),
        }
    }
    view! {
        <details class="ref-answers" open>
            <summary>{if method == ReferenceMethod::Phone { "Answers (phone check)" } else { "Answers" }}</summary>
            {groups.into_iter().map(|(competency, list)| view! {
                <h4>{competency}</h4>
                <dl>
                    {list.into_iter().map(|a| {
                        let rating = match (a.answer.rating, a.answer.cant_say) {
                            (Some(r), _) => {
                                let name = a.question.anchors.iter().find(|x| x.level == r).map(|x| x.name.clone()).unwrap_or_default();
                                format!("{r} · {name}")
                            }
                            (None, true) => "Can't say".to_owned(),
                            (None, false) => "Not answered".to_owned(),
                        };
                        view! {
                            <dt>{a.question.title.clone()}</dt>
                            <dd>
                                <span class="answer-rating">{rating}</span>
                                {(!a.answer.text.is_empty()).then(|| view! { <p class="answer-text">{a.answer.text.clone()}</p> })}
                            </dd>
                        }
                    }).collect_view()}
                </dl>
            }).collect_view()}
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        let cases = [
            (0, "under a month"),
            (1, "1 month"),
            (12, "1 year"),
            (27, "2 years 3 months"),
        ];
        for (months, text) in cases {
            assert_eq!(duration_label(months), text, "{months}");
        }
    }
}
