//! The HTML shell, the router and the page frame around every screen.

use crate::components::nav::AppShell;
use crate::pages::{home::HomePage, login::LoginPage, not_found::NotFound, users::UsersPage};
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The document the server sends; the body is [`App`].
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: every route, inside the shell whose navigation depends
/// on the signed-in role.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Tests and people can tell when the page has become interactive.
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Stylesheet id="panelkit" href="/pkg/panelkit.css" />
        <Title formatter=|title| format!("{title} · Panelkit") />
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/") view=|| view! { <AppShell><HomePage /></AppShell> } />
                <Route path=path!("/users") view=|| view! { <AppShell><UsersPage /></AppShell> } />
            </Routes>
        </Router>
    }
}
