//! The page frame: header, role-dependent navigation and sign-out.

use crate::model::{CurrentUser, Role};
use crate::server_fns::session::session_user;
use leptos::prelude::*;

/// One link of the main navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavItem {
    /// Where it goes.
    pub href: &'static str,
    /// What it says.
    pub label: &'static str,
}

impl NavItem {
    const fn new(href: &'static str, label: &'static str) -> Self {
        Self { href, label }
    }
}

const HOME: NavItem = NavItem::new("/", "Home");
const USERS: NavItem = NavItem::new("/users", "Users");
const LIBRARY: NavItem = NavItem::new("/library", "Question library");
const ROLES: NavItem = NavItem::new("/roles", "Roles");
// Anyone can sit on a panel; interviewers and hiring managers usually do.
const INTERVIEWS: NavItem = NavItem::new("/interviews", "My interviews");
const AUDIT: NavItem = NavItem::new("/audit", "Audit log");
const DATA: NavItem = NavItem::new("/data", "Data");
// Admins and recruiters compare every interviewer (themselves included);
// everyone else sees only their own figures.
const RATERS: NavItem = NavItem::new("/raters", "Raters");
const MY_RATING: NavItem = NavItem::new("/me/rating", "My rating");
// Anyone who scores interviews can calibrate.
const CALIBRATION: NavItem = NavItem::new("/calibration", "Calibration");

/// The navigation a role gets: only the screens that role may use.
pub fn nav_items(role: Role) -> Vec<NavItem> {
    match role {
        Role::Admin => vec![HOME, ROLES, LIBRARY, USERS, RATERS, AUDIT, DATA],
        Role::Recruiter => vec![HOME, ROLES, LIBRARY, RATERS, CALIBRATION, AUDIT],
        Role::HiringManager => vec![HOME, INTERVIEWS, MY_RATING, CALIBRATION, ROLES, LIBRARY],
        Role::Interviewer => vec![HOME, INTERVIEWS, MY_RATING, CALIBRATION],
    }
}

/// Frames a signed-in page. The server only renders these pages for a live
/// session; if the session ends meanwhile the frame offers to sign in again.
///
/// The page is made once, outside the header's `Suspense`: a view made
/// inside a reactive closure there is made anew each time the closure runs,
/// and server rendering runs it three times (to find the resources, to
/// await them, to write the HTML). Inside it, every page's resources and
/// server function calls ran three times per request.
#[component]
pub fn AppShell(children: Children) -> impl IntoView {
    let user = Resource::new_blocking(|| (), |_| session_user());
    provide_context(user);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || {
                user.get().map(|result| match result {
                    Ok(Some(user)) => view! { <Header user /> }.into_any(),
                    _ => view! {
                        <div class="page narrow">
                            <h1>"Signed out"</h1>
                            <p>"Your session has ended. " <a href="/login">"Sign in again"</a> "."</p>
                        </div>
                    }
                    .into_any(),
                })
            }}
        </Suspense>
        <main id="main" class="page">
            <crate::components::time_zone::ZoneNotice />
            {children()}
        </main>
    }
}

#[component]
fn Header(user: CurrentUser) -> impl IntoView {
    let items = nav_items(user.role);
    view! {
        <header class="topbar">
            <a class="brand" href="/">"Panelkit"</a>
            <nav aria-label="Main">
                <ul>
                    {items
                        .into_iter()
                        .map(|item| view! { <li><a href=item.href>{item.label}</a></li> })
                        .collect_view()}
                </ul>
            </nav>
            <div class="account">
                <a class="who" data-testid="who" href="/account" title="Your account">{user.name.clone()}</a>
                <span class="role-badge" data-testid="role">{user.role.label()}</span>
                // A plain form: the response tells the browser to clear
                // what it keeps for the site (`Clear-Site-Data`), scorecard
                // changes queued offline included.
                <form method="post" action="/auth/logout">
                    <button type="submit" class="link-button">"Sign out"</button>
                </form>
            </div>
        </header>
    }
}

/// The signed-in account, from the frame's resource (None while loading or
/// signed out). Server-rendered parts only: islands are hydrated without
/// the frame's context.
pub fn use_current_user() -> Signal<Option<CurrentUser>> {
    let user = use_context::<Resource<Result<Option<CurrentUser>, crate::errors::AppError>>>();
    Signal::derive(move || user.and_then(|u| u.get()).and_then(|r| r.ok().flatten()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interviewers_do_not_browse_the_library() {
        for role in Role::ALL {
            let has_library = nav_items(role).iter().any(|i| i.href == "/library");
            assert_eq!(has_library, role != Role::Interviewer, "{role:?}");
        }
    }

    #[test]
    fn interviewers_and_hiring_managers_find_their_interviews() {
        for role in Role::ALL {
            let has_interviews = nav_items(role).iter().any(|i| i.href == "/interviews");
            let expected = matches!(role, Role::Interviewer | Role::HiringManager);
            assert_eq!(has_interviews, expected, "{role:?}");
        }
    }

    #[test]
    fn managers_compare_raters_and_everyone_else_finds_their_own() {
        for role in Role::ALL {
            let items = nav_items(role);
            let manager = matches!(role, Role::Admin | Role::Recruiter);
            assert_eq!(
                items.iter().any(|i| i.href == "/raters"),
                manager,
                "{role:?}"
            );
            assert_eq!(
                items.iter().any(|i| i.href == "/me/rating"),
                !manager,
                "{role:?}"
            );
        }
    }

    #[test]
    fn only_admins_get_the_users_screen() {
        for role in Role::ALL {
            let has_users = nav_items(role).iter().any(|i| i.href == "/users");
            assert_eq!(has_users, role == Role::Admin, "{role:?}");
        }
    }
}
