//! Types shared by the server and the browser.

mod email;
mod role;
mod user;

pub use email::{Email, InvalidEmail};
pub use role::{Role, UnknownRole};
pub use user::{CurrentUser, UserSummary};
