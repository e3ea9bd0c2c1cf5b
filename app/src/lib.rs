//! Panelkit's web application: pages, components, server functions and, behind
//! the `ssr` feature, the data layer. Built twice: `ssr` for the server and
//! `hydrate` (wasm) for the browser.

// Deeply nested views produce deeply nested types when compiled for hydration.
#![recursion_limit = "256"]

pub mod app;
pub mod components;
pub mod errors;
pub mod model;
pub mod pages;
pub mod server_fns;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod services;
#[cfg(feature = "ssr")]
pub mod settings;
#[cfg(feature = "ssr")]
pub mod state;

/// Entry point of the wasm bundle. Pages are rendered on the server only;
/// the island script (`components::island_script`) calls this, then
/// hydrates each island on the page in document order and marks the body
/// `data-hydrated` when all have.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
