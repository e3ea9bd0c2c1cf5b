//! `/audit`: the audit log, filtered by candidate, role, person, action and
//! dates, a page at a time, with the same selection as CSV.

use super::encode;
use crate::components::page_title::PageTitle;
use crate::model::{AuditFilter, AuditPage, format_utc};
use crate::server_fns::data::list_audit;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The filter the address asks for.
fn filter_from(query: &leptos_router::params::ParamsMap) -> AuditFilter {
    let get = |k: &str| query.get(k).unwrap_or_default();
    AuditFilter {
        candidate_id: get("candidate_id"),
        role_id: get("role_id"),
        actor_id: get("actor_id"),
        action: get("action"),
        from: get("from"),
        to: get("to"),
        page: get("page").parse().unwrap_or(1),
    }
}

/// The query string for `filter` on `page`.
fn query_of(filter: &AuditFilter, page: i64) -> String {
    let mut parts: Vec<String> = [
        ("candidate_id", &filter.candidate_id),
        ("role_id", &filter.role_id),
        ("actor_id", &filter.actor_id),
        ("action", &filter.action),
        ("from", &filter.from),
        ("to", &filter.to),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}", encode(v)))
    .collect();
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    parts.join("&")
}

/// The audit log page.
#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || query.with(filter_from);
    let entries = Resource::new(filter, list_audit);
    view! {
        <PageTitle text="Audit log" />
        <h1>"Audit log"</h1>
        <p class="lede">"Who read and changed what. Entries cannot be changed or removed."</p>
        {move || view! { <FilterForm filter=filter() /> }}
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || entries.get().map(|result| match result {
                Ok(page) => view! { <Entries page filter=filter() /> }.into_any(),
                Err(err) => view! { <p class="error" role="alert">{err.to_string()}</p> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn FilterForm(filter: AuditFilter) -> impl IntoView {
    view! {
        <form class="card filters audit-filters" method="get" action="/audit">
            <div class="filter-grid">
                <label>"Candidate id"<input name="candidate_id" value=filter.candidate_id.clone() /></label>
                <label>"Role id"<input name="role_id" value=filter.role_id.clone() /></label>
                <label>"Person (account id)"<input name="actor_id" value=filter.actor_id.clone() /></label>
                <label>"Action starts with"<input name="action" value=filter.action.clone() placeholder="e.g. candidate." /></label>
                <label>"From (YYYY-MM-DD)"<input name="from" type="date" value=filter.from.clone() /></label>
                <label>"To (YYYY-MM-DD)"<input name="to" type="date" value=filter.to.clone() /></label>
            </div>
            <button type="submit" class="primary">"Filter"</button>
            " "
            <a href="/audit">"Clear"</a>
        </form>
    }
}

#[component]
fn Entries(page: AuditPage, filter: AuditFilter) -> impl IntoView {
    let last = ((page.total + page.per_page - 1) / page.per_page).max(1);
    let csv = format!("/audit.csv?{}", query_of(&filter, 1));
    let link = move |p: i64| format!("/audit?{}", query_of(&filter, p));
    view! {
        <p class="muted">
            {format!("{} entries · page {} of {last} · ", page.total, page.page)}
            <a href=csv download="audit-log.csv" rel="external">"Download as CSV"</a>
        </p>
        {if page.rows.is_empty() {
            view! { <p class="empty">"No entries match."</p> }.into_any()
        } else {
            view! {
                <table class="data audit-log">
                    <thead><tr>
                        <th scope="col">"When"</th><th scope="col">"Who"</th><th scope="col">"Action"</th>
                        <th scope="col">"Subject"</th><th scope="col">"Detail"</th><th scope="col">"From"</th>
                    </tr></thead>
                    <tbody>
                        {page.rows.into_iter().map(|r| {
                            let who = if r.actor_id.is_empty() {
                                "System or command line".to_owned()
                            } else if r.actor_name.is_empty() {
                                r.actor_id.clone()
                            } else {
                                r.actor_name.clone()
                            };
                            let actor_link = format!("/audit?actor_id={}", encode(&r.actor_id));
                            view! {
                                <tr>
                                    <td>{format_utc(r.at)}</td>
                                    <td>{if r.actor_id.is_empty() {
                                        view! { <span>{who}</span> }.into_any()
                                    } else {
                                        view! { <a href=actor_link>{who}</a> }.into_any()
                                    }}</td>
                                    <td><code>{r.action}</code></td>
                                    <td><code>{r.subject}</code></td>
                                    <td class="detail"><code>{r.detail}</code></td>
                                    <td>{r.client_addr}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <nav class="pager" aria-label="Pages">
            {(page.page > 1).then(|| view! { <a href=link(page.page - 1) rel="prev">"Newer"</a> })}
            " "
            {(page.page < last).then(|| view! { <a href=link(page.page + 1) rel="next">"Older"</a> })}
        </nav>
    }
}
