//! HTTP routes that are not pages or server functions.

pub mod auth;
pub mod health;
