//! Domain rules (server only), between server functions and the data layer.
//!
//! Server functions, axum routes, the command line and the demo loader call
//! these; each rule has exactly one home here. A service takes the caller as
//! an argument rather than reading it from the request, so the same rule
//! serves a page, a PDF route and a test.

pub mod access;
pub mod accounts;
pub mod audit_log;
pub mod calendar;
pub mod calibration;
pub mod erasure;
pub mod export;
pub mod guides;
pub mod holds;
pub mod home;
pub mod question_revisions;
pub mod rater_analytics;
pub mod references;
pub mod reminders;
pub mod retention;
pub mod roles;
pub mod scorecards;
pub mod slate;
pub mod summary;
pub mod time;
