//! `/roles/:id/slate`: the role's candidates side by side on its
//! competencies, sortable by overall, name or any competency (the sort is
//! in the address, so a bookmark or reload keeps it).

use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::model::{OVERALL_FORMULA, Slate, SlateCell, SlateColumn, SlateSort, median_text};
use crate::server_fns::slate::get_slate;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The slate page.
#[component]
pub fn SlatePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let role_id = move || params.read().get("id").unwrap_or_default();
    let sort = move || SlateSort::parse(query.read().get("sort").as_deref());
    let slate = Resource::new(
        move || (role_id(), sort()),
        |(role_id, sort)| get_slate(role_id, Some(sort.as_query().to_owned())),
    );
    view! {
        <PageTitle text="Candidate slate" />
        <Loaded resource=slate let:slate>
            <SlateView slate sort=sort() />
        </Loaded>
    }
}

#[component]
fn SlateView(slate: Slate, sort: SlateSort) -> impl IntoView {
    let base = format!("/roles/{}/slate", slate.role_id);
    let sort_link = {
        let base = base.clone();
        move |key: SlateSort, label: String| {
            let current = key == sort;
            view! {
                <a href=format!("{base}?sort={}", key.as_query())
                   aria-current=current.then_some("true")
                   class=if current { "sort-link current" } else { "sort-link" }>
                    {label}{if current { " ▼" } else { "" }}
                </a>
            }
        }
    };
    let withheld = slate.withheld;
    let columns = slate.columns.clone();
    view! {
        <nav class="breadcrumb" aria-label="Breadcrumb">
            <a href="/roles">"Roles"</a> " / "
            <a href=format!("/roles/{}", slate.role_id)>{slate.role_title.clone()}</a>
        </nav>
        <h1>"Candidate slate: " {slate.role_title.clone()}</h1>
        <p class="lede">
            "Panel medians per competency (1 Entry … 5 Expert) against the level the role requires, "
            "with splits (raters two or more levels apart) and the references' mean. "
            <a href=format!("{base}.pdf") rel="external">"Slate PDF"</a>
        </p>
        <p class="formula">{OVERALL_FORMULA}</p>
        {(withheld > 0).then(|| view! {
            <p class="notice">{format!(
                "{withheld} candidate{} left out: submit your own scorecard on their panel to see the others' ratings.",
                if withheld == 1 { " is" } else { "s are" }
            )}</p>
        })}
        {if slate.rows.is_empty() {
            view! { <p class="muted">"No candidates to compare yet."</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll">
                    <table class="slate">
                        <thead>
                            <tr>
                                <th scope="col">{sort_link(SlateSort::Name, "Candidate".to_owned())}</th>
                                {columns.iter().map(|c| view! {
                                    <th scope="col">
                                        {sort_link(SlateSort::Competency(c.id.clone()), c.name.clone())}
                                        <span class="column-note">{format!("needs {} · weight {}", c.required_level, c.weight)}</span>
                                    </th>
                                }).collect_view()}
                                <th scope="col">{sort_link(SlateSort::Overall, "Overall".to_owned())}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {slate.rows.into_iter().map(|row| {
                                let cells = columns.iter().zip(row.cells).map(|(col, cell)| view! { <Cell col=col.clone() cell /> }).collect_view();
                                view! {
                                    <tr>
                                        <th scope="row">
                                            <a href=format!("/candidates/{}/summary", row.candidate_id)>{row.name}</a>
                                            <span class="column-note">{format!(
                                                "{} · {} scorecard{}{}",
                                                row.status.label(),
                                                row.scorecards,
                                                if row.scorecards == 1 { "" } else { "s" },
                                                row.decision.map(|d| format!(" · {}", d.label())).unwrap_or_default()
                                            )}</span>
                                        </th>
                                        {cells}
                                        <td class="overall">{row.overall.map(|o| format!("{o:.2}")).unwrap_or_else(|| "–".to_owned())}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
    }
}

#[component]
fn Cell(col: SlateColumn, cell: SlateCell) -> impl IntoView {
    let below = cell
        .median
        .is_some_and(|m| m < f32::from(col.required_level));
    let class = match (cell.median.is_some(), below) {
        (false, _) => "unrated",
        (true, true) => "below",
        (true, false) => "meets",
    };
    view! {
        <td class=class>
            <span class="median">{median_text(cell.median)}</span>
            {cell.split.then(|| view! { <span class="badge split" title="Raters are two or more levels apart">"split"</span> })}
            {(cell.raters > 0).then(|| view! { <span class="column-note">{format!("{} rater{}", cell.raters, if cell.raters == 1 { "" } else { "s" })}</span> })}
            {cell.reference_mean.map(|m| view! { <span class="column-note">{format!("references {m:.1}")}</span> })}
        </td>
    }
}
