//! One module per screen.
//!
//! # Islands: what the browser runs
//!
//! Pages are rendered on the server only. The parts a person interacts
//! with are islands (`#[island]`): components whose props the server
//! writes into the page as JSON, and which the browser hydrates from
//! them; the bundle holds their code and nothing else. A page that only
//! shows data (home, library, lists, reports) ships no code at all.
//! What follows from it:
//! - An island's props are data (serde), never signals or callbacks; it
//!   reads no router hooks and no context from outside itself (the browser
//!   hydrates it alone), and goes to another page with
//!   [`crate::components::navigate::go_to`]. A page component reads its
//!   route's parameters and passes them in.
//! - Islands do not nest: the browser would hydrate the inner one twice.
//! - A page whose parts reload their data together after a change is one
//!   island holding its resource (the users and data pages); the others
//!   load on the server and hand the data to islands. An island whose
//!   change alters what the server rendered around it loads the page again
//!   ([`crate::components::navigate::reload_page`]; the candidate page).
//! - Every link loads a new document, so unsaved work is guarded by the
//!   browser's `beforeunload` question (`components::unsaved`).
//! - The referee's form (`RefereeFlow`) is built into a bundle of its own
//!   (feature `referee-bundle`), so a referee downloads no other code. In
//!   that build every other island is a plain component: each carries the
//!   pair `#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]`,
//!   `#[cfg_attr(feature = "referee-bundle", component)]`, and so must a
//!   new one.
//! - An island is `#[island(lazy)]`: its code is fetched with its download
//!   group when a page shows it, and a page without islands loads no code
//!   at all. The one exception is the sign-in page's password field, too
//!   small to be worth a file of its own. What can work without
//!   code does: signing out is a plain form (the response clears what the
//!   browser keeps), and the time zone offer is on a page only while its
//!   reader has no zone, which the server knows. A new lazy
//!   island needs a group in `.ci/group_islands.mjs` (the build stops
//!   without one): the group of the pages it is on, since a page downloads
//!   the whole of each group it shows.
//!
//! # Server and browser must render the same tree
//!
//! An island is rendered on the server, then hydrated: the browser walks the
//! server's HTML expecting exactly the tree it would render itself. Any
//! difference is a hydration error, a panic and a dead page. Three ways to
//! cause one, and the rule against each:
//!
//! - **Resources created inside `Suspense`/`Transition` children.** Resources
//!   are numbered in the order they are created, and their server values are
//!   matched to the browser's resources by that number. On the server a
//!   Suspense runs its children several times (to find what to wait for),
//!   and every run creates the resources inside again, so the numbers drift
//!   and the browser reads another resource's value (this crashed the summary
//!   and submitted scorecards on every direct load). Rule: a page's data is
//!   loaded by resources created in the page component's own body, before
//!   any `Suspense`/`Transition`; for related data, one resource that awaits
//!   all of it. Components rendered inside take data as props. Data fetched
//!   later in the browser (after a click) goes through actions or
//!   `spawn_local`, never a resource created during rendering. The test
//!   below fails on a resource anywhere else.
//! - **Output that depends on the time, time zone or locale.** Format times
//!   in UTC with the shared helpers (`format_day`, `date_label`, …); show local
//!   times only after mounting (see `components::autosave_status`).
//! - **Markup that depends on browser-only state before hydration** (storage,
//!   window size, "is hydrated"): render what the server can know, then
//!   change it in an effect, which runs only after hydration.
//!
//! A page's data load that awaits several server functions in turn calls
//! [`still_wanted`] before each.
//!
//! The route sweep (`end2end/tests/sweep_routes.spec.ts`) loads every page
//! directly and fails on any hydration error.

use crate::errors::AppError;

/// Call before each server function a page's data load awaits in turn.
/// The server renders Suspense children more than once (see above) and the
/// loads of the discarded renders run on after the response has gone, when
/// the request's context no longer exists; such a load stops here instead of
/// failing inside the server function (which logs an error). Always `Ok` in
/// the browser.
pub fn still_wanted() -> Result<(), AppError> {
    #[cfg(feature = "ssr")]
    if leptos::prelude::use_context::<crate::state::AppState>().is_none() {
        return Err(AppError::Internal);
    }
    Ok(())
}

pub mod account;
pub mod admin;
pub mod calibration;
pub mod candidate;
pub mod competency;
pub mod guide_builder;
pub mod guide_preview;
pub mod home;
pub mod library;
pub mod login;
pub mod my_interviews;
pub mod not_found;
pub mod raters;
pub mod referee;
pub mod role;
pub mod roles;
pub mod scoring;
pub mod slate;
pub mod summary;
pub mod users;
pub mod welcome;

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Components allowed to create a resource although they are not a
    /// page's top-level component, with why.
    const ALLOWED: &[(&str, &str)] = &[
        // The frame around every page, created once per route, before any Suspense.
        ("components/nav.rs", "AppShell"),
        // In that frame, outside any Suspense: whether to offer a time zone.
        ("components/time_zone.rs", "ZoneNotice"),
        // The body of a page, given the route's parameter by the page's
        // component and creating the page's one resource before any Suspense.
        ("pages/candidate/mod.rs", "CandidateContent"),
        ("pages/summary/mod.rs", "SummaryContent"),
        // Created when the recruiter opens the form (a click), never while rendering a page.
        ("components/reference_review.rs", "PhoneCheckForm"),
    ];

    /// (file, component) of every `Resource::new…` under `src/`, by the
    /// nearest `fn` above it.
    fn resources(dir: &Path, root: &Path, found: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("read src") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                resources(&path, root, found);
                continue;
            }
            // This module names what it looks for in its own text.
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("pages/mod.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read module");
            let file = path
                .strip_prefix(root)
                .expect("under src")
                .display()
                .to_string();
            let mut current = String::new();
            for line in text.lines() {
                let trimmed = line.trim_start();
                if let Some(rest) = trimmed
                    .strip_prefix("pub fn ")
                    .or_else(|| trimmed.strip_prefix("fn "))
                {
                    current = rest
                        .split(|c: char| !c.is_alphanumeric() && c != '_')
                        .next()
                        .unwrap_or_default()
                        .to_owned();
                }
                if trimmed.contains("Resource::new") && !trimmed.starts_with("//") {
                    found.push((file.clone(), current.clone()));
                }
            }
        }
    }

    #[test]
    fn resources_are_created_only_at_the_top_of_pages() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        resources(&root.join("pages"), &root, &mut found);
        resources(&root.join("components"), &root, &mut found);
        assert!(
            found.iter().any(|(_, f)| f == "ScoringPage"),
            "the scan sees the pages' resources: {found:?}"
        );
        let misplaced: Vec<_> = found
            .iter()
            .filter(|(file, component)| {
                let top_of_page = file.starts_with("pages/") && component.ends_with("Page");
                let allowed = ALLOWED.iter().any(|(f, c)| f == file && c == component);
                !(top_of_page || allowed)
            })
            .collect();
        assert!(
            misplaced.is_empty(),
            "resources outside a page's top-level component hydrate out of step \
             with the server (see the module doc): {misplaced:?}"
        );
    }
}
