//! HTTP routes that are not pages or server functions.

pub mod assets;
pub mod auth;
pub mod calendar;
pub mod candidate_data;
pub mod download;
pub mod export;
pub mod health;
pub mod packet;
pub mod summary;
