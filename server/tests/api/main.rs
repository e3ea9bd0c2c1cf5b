//! Server integration tests: one binary, a fresh database per test, on
//! SQLite and, when `PANELKIT_TEST_POSTGRES_URL` is set, on PostgreSQL too.

mod auth;
mod helpers;
mod processes;
mod server_fns;
