//! The Panelkit server: configuration, database start-up, sessions, routes
//! and the command line. `main.rs` only boots [`cli::run`].

// The app's deeply nested views make deeply nested types here too.
#![recursion_limit = "256"]

pub mod api_errors;
pub mod archive;
pub mod banks;
pub mod candidate_export;
pub mod cli;
pub mod config;
pub mod demo;
pub mod housekeeping;
pub mod mail;
pub mod page_cache;
pub mod pdf;
pub mod proxy;
pub mod routes;
pub mod security;
pub mod session;
pub mod startup;
pub mod telemetry;
