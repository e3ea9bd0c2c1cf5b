//! The HTML shell, the router and the page frame around every screen.

use crate::components::island_script::IslandScripts;
use crate::components::nav::AppShell;
use crate::components::page_title::page_title;
use crate::pages::calibration::CalibrationListPage;
use crate::pages::calibration::exercise::CalibrationExercisePage;
use crate::pages::calibration::results::CalibrationResultPage;
use crate::pages::calibration::role::RoleCalibrationPage;
use crate::pages::raters::{MyRatingPage, RaterPage, RatersPage};
use crate::pages::referee::RefereePage;
use crate::pages::{
    account::AccountPage, admin::audit::AuditPage, admin::data::DataPage, welcome::WelcomePage,
};
use crate::pages::{
    candidate::CandidatePage, competency::CompetencyPage, guide_builder::GuideBuilderPage,
    guide_preview::GuidePreviewPage, home::HomePage, library::LibraryPage, login::LoginPage,
    not_found::NotFound, role::RolePage, roles::RolesPage, users::UsersPage,
};
use crate::pages::{
    my_interviews::MyInterviewsPage, scoring::ScoringPage, slate::SlatePage, summary::SummaryPage,
};
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// Where the stylesheet is served. The server provides it to every render:
/// production builds name it after its content (`/pkg/panelkit.<hash>.css`),
/// so browsers may keep it for good.
#[derive(Debug, Clone)]
pub struct StylesheetHref(pub std::sync::Arc<str>);

/// The document the server sends; the body is [`App`]. The island scripts
/// and the stylesheet are addressed by the names
/// [`crate::components::island_script::BundleHrefs`] and [`StylesheetHref`]
/// give (content-hashed in production builds).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let stylesheet = use_context::<StylesheetHref>()
        .map(|href| href.0.to_string())
        .unwrap_or_else(|| format!("/{}/{}.css", options.site_pkg_dir, options.output_name));
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                // public/ holds it (and favicon.ico, for clients that ask for that).
                <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
                <link rel="stylesheet" id="panelkit" href=stylesheet />
                <IslandScripts />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: every route, inside the shell whose navigation depends
/// on the signed-in role. Rendered on the server only: the browser hydrates
/// just the islands (`#[island]` components) inside it, and every link
/// loads a new document.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    view! {
        <Title formatter=page_title />
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=LoginPage />
                // A referee's one-time link: no account and no app frame. Rendered
                // whole before sending, so the status (404, 410) can follow the token.
                <Route path=path!("/r/:token") view=RefereePage ssr=leptos_router::SsrMode::Async />
                // A one-time link to choose a password: no account signed in yet.
                <Route path=path!("/welcome/:token") view=WelcomePage ssr=leptos_router::SsrMode::Async />
                <Route path=path!("/") view=|| view! { <AppShell><HomePage /></AppShell> } />
                <Route path=path!("/account") view=|| view! { <AppShell><AccountPage /></AppShell> } />
                <Route path=path!("/audit") view=|| view! { <AppShell><AuditPage /></AppShell> } />
                <Route path=path!("/data") view=|| view! { <AppShell><DataPage /></AppShell> } />
                <Route path=path!("/users") view=|| view! { <AppShell><UsersPage /></AppShell> } />
                <Route path=path!("/roles") view=|| view! { <AppShell><RolesPage /></AppShell> } />
                <Route path=path!("/candidates/:id") view=|| view! { <AppShell><CandidatePage /></AppShell> } />
                <Route path=path!("/candidates/:id/summary") view=|| view! { <AppShell><SummaryPage /></AppShell> } />
                <Route path=path!("/roles/:id") view=|| view! { <AppShell><RolePage /></AppShell> } />
                <Route path=path!("/roles/:id/slate") view=|| view! { <AppShell><SlatePage /></AppShell> } />
                <Route path=path!("/roles/:id/calibration") view=|| view! { <AppShell><RoleCalibrationPage /></AppShell> } />
                <Route path=path!("/roles/:id/guide") view=|| view! { <AppShell><GuideBuilderPage /></AppShell> } />
                <Route path=path!("/roles/:id/guide/preview") view=|| view! { <AppShell><GuidePreviewPage /></AppShell> } />
                <Route path=path!("/library") view=|| view! { <AppShell><LibraryPage /></AppShell> } />
                <Route path=path!("/library/:id") view=|| view! { <AppShell><CompetencyPage /></AppShell> } />
                <Route path=path!("/interviews") view=|| view! { <AppShell><MyInterviewsPage /></AppShell> } />
                <Route path=path!("/interviews/:id") view=|| view! { <AppShell><ScoringPage /></AppShell> } />
                <Route path=path!("/raters") view=|| view! { <AppShell><RatersPage /></AppShell> } />
                <Route path=path!("/raters/:id") view=|| view! { <AppShell><RaterPage /></AppShell> } />
                <Route path=path!("/me/rating") view=|| view! { <AppShell><MyRatingPage /></AppShell> } />
                <Route path=path!("/calibration") view=|| view! { <AppShell><CalibrationListPage /></AppShell> } />
                <Route path=path!("/calibration/:competency") view=|| view! { <AppShell><CalibrationExercisePage /></AppShell> } />
                <Route path=path!("/calibration/:competency/results/:attempt") view=|| view! { <AppShell><CalibrationResultPage /></AppShell> } />
            </Routes>
        </Router>
    }
}
