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

/// Entry point of the wasm bundle: attaches the client to the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
