//! The page for an unknown address.

use crate::components::page_title::PageTitle;
use leptos::prelude::*;

/// Shown for any path no route matches.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <PageTitle text="Not found" />
        <main id="main" class="page narrow">
            <h1>"Page not found"</h1>
            <p><a href="/">"Go to the home page"</a></p>
        </main>
    }
}
