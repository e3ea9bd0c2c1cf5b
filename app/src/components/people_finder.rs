//! Finding people by name or email in an organisation too large to list
//! whole: the hiring team editor and the panel picker show a page of
//! accounts, and this search box replaces that page with what matches.

use crate::model::{PeoplePage, UserSummary};
use crate::server_fns::roles::find_people;
use leptos::prelude::*;

/// A search box over the organisation's accounts. Each answer replaces
/// `found`; an answer to an older search than the latest is dropped.
/// Shown only where the first page did not hold everyone (`page.more`).
#[component]
pub fn PeopleFinder(
    /// The first page, as the page was rendered with it.
    page: PeoplePage,
    /// The accounts to list: the first page, then each search's answer.
    found: RwSignal<Vec<UserSummary>>,
    /// The search box's element id.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let status = RwSignal::new(status_of(&page));
    let asked = StoredValue::new(0u32);
    let search = move |query: String| {
        let seen = asked.get_value().wrapping_add(1);
        asked.set_value(seen);
        leptos::task::spawn_local(async move {
            let answer = find_people(query).await;
            if asked.try_get_value() != Some(seen) {
                return;
            }
            match answer {
                Ok(page) => {
                    status.set(status_of(&page));
                    found.set(page.people);
                }
                Err(e) => status.set(e.to_string()),
            }
        });
    };
    page.more.then(|| {
        view! {
            <div class="people-finder">
                <label for=id.clone()>"Find people"</label>
                <input id=id type="search" placeholder="Name or email" autocomplete="off"
                    maxlength=crate::model::PEOPLE_QUERY_MAX
                    on:input=move |ev| search(event_target_value(&ev)) />
                <p class="muted" aria-live="polite">{status}</p>
            </div>
        }
    })
}

/// What a picker lists: those of `picked` still chosen that the search did
/// not find (so that a pick stays listed whatever is searched for next),
/// then what was found.
pub fn picked_then_found(
    picked: &[UserSummary],
    chosen: impl Fn(&str) -> bool,
    found: Vec<UserSummary>,
) -> Vec<UserSummary> {
    let mut rows: Vec<UserSummary> = picked
        .iter()
        .filter(|p| chosen(&p.id) && !found.iter().any(|f| f.id == p.id))
        .cloned()
        .collect();
    rows.extend(found);
    rows
}

/// What is said under the search box about `page`.
fn status_of(page: &PeoplePage) -> String {
    match (page.more, page.people.len()) {
        (true, n) => format!("Showing the first {n}: type more of a name or email to find others."),
        (false, 0) => "Nobody matches.".to_owned(),
        (false, _) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    fn person(id: &str) -> UserSummary {
        UserSummary {
            id: id.into(),
            email: format!("{id}@example.org"),
            name: id.into(),
            role: Role::Interviewer,
        }
    }

    #[test]
    fn picks_stay_listed_once_before_what_was_found() {
        let picked = [person("ana"), person("bo"), person("cy")];
        // Ana is still chosen and not found; Bo was unpicked; Cy was found.
        let chosen = |id: &str| id != "bo";
        let rows = picked_then_found(&picked, chosen, vec![person("cy"), person("di")]);
        let ids: Vec<&str> = rows.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["ana", "cy", "di"]);
    }
}
