//! The Panelkit server: configuration, database start-up, sessions, routes
//! and the command line. `main.rs` only boots [`cli::run`].

pub mod cli;
pub mod config;
pub mod demo;
pub mod routes;
pub mod security;
pub mod session;
pub mod startup;
pub mod telemetry;
