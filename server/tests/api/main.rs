//! Server integration tests: one binary, a fresh database per test, on
//! SQLite and, when `PANELKIT_TEST_POSTGRES_URL` is set, on PostgreSQL too.

mod auth;
mod concurrency;
mod helpers;
mod library;
mod processes;
mod references;
mod roles;
mod scorecards;
mod server_fns;
mod summaries;
