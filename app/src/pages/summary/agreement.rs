//! How much the role's raters agree, per competency and question.

use super::question_actions::QuestionActions;
use crate::model::RoleAgreement;
use leptos::prelude::*;

#[component]
pub(super) fn AgreementView(a: RoleAgreement) -> impl IntoView {
    let explanation = a.explanation.clone();
    let may_act = a.may_act;
    let row = move |r: crate::model::AgreementRow| {
        let versions = r.versions_note();
        let actions = r.bank_id.clone().filter(|_| may_act).map(|bank_id| {
            let name = r.name.clone();
            let text = r.question_text.clone().unwrap_or_default();
            view! { <QuestionActions bank_id name text /> }
        });
        let icc = r
            .icc
            .map(|i| format!("{i:.2} ({})", crate::model::agreement::icc_label(i)))
            .unwrap_or_else(|| "not enough data".into());
        view! {
            <tr>
                <th scope="row">{r.name.clone()}{r.competency.clone().map(|c| view! { <span class="muted">{format!(" · {c}")}</span> })}</th>
                <td>{r.candidates}</td>
                <td>{r.mean.map(|m| format!("{m:.1}")).unwrap_or_else(|| "–".into())}</td>
                <td>{icc}</td>
                <td>
                    {r.health.join(" ")}
                    {versions.map(|v| view! { <p class="versions-note">{v}</p> })}
                    {actions}
                </td>
            </tr>
        }
    };
    view! {
        <section class="card agreement" aria-labelledby="agreement-h">
            <h2 id="agreement-h">"Rater agreement across "{a.role_title.clone()}</h2>
            <p class="muted">
                {format!("{} candidate{} scored. ", a.candidates_scored, if a.candidates_scored == 1 { "" } else { "s" })}
                {if a.enough_data { "" } else { "Agreement is reported once 3 candidates each have 2 or more ratings." }}
            </p>
            <table class="data">
                <thead><tr>
                    <th scope="col">"Competency or question"</th>
                    <th scope="col">"Candidates"</th>
                    <th scope="col">"Mean"</th>
                    <th scope="col"><abbr title=explanation tabindex="0" class="tooltip">"ICC(1)"</abbr></th>
                    <th scope="col">"Notes"</th>
                </tr></thead>
                <tbody>{a.competencies.into_iter().map(row).collect_view()}</tbody>
                <tbody>{a.questions.into_iter().map(row).collect_view()}</tbody>
            </table>
        </section>
    }
}
