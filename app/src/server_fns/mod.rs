//! Server functions: thin wrappers that check the caller, call the data
//! layer and map its errors. Grouped by resource.

pub mod accounts;
pub mod calibration;
pub mod candidates;
pub mod codec;
pub mod data;
pub mod guides;
pub mod home;
pub mod library;
pub mod questions;
pub mod raters;
pub mod referee;
pub mod references;
pub mod roles;
pub mod scorecards;
pub mod session;
pub mod slate;
pub mod summaries;
pub mod time_zones;
pub mod users;
