//! Server integration tests: one binary, a fresh database per test, on
//! SQLite and, when `PANELKIT_TEST_POSTGRES_URL` is set, on PostgreSQL too.

mod access_matrix;
mod assets;
mod auth;
mod blind_rating;
mod calendar;
mod calibration;
mod candidate_data;
mod concurrency;
mod fixtures;
mod headers;
mod helpers;
mod home;
mod library;
mod limits;
mod pool;
#[path = "../support/process.rs"]
mod process;
mod processes;
mod proxies;
mod question_revisions;
mod raters;
mod references;
mod reminders;
mod roles;
mod scorecards;
mod server_fns;
mod sessions;
mod slate;
mod summaries;
