//! One module per screen.

pub mod candidate;
pub mod competency;
pub mod guide_builder;
pub mod guide_preview;
pub mod home;
pub mod library;
pub mod login;
pub mod my_interviews;
pub mod not_found;
pub mod referee;
pub mod role;
pub mod roles;
pub mod scoring;
pub mod summary;
pub mod users;
