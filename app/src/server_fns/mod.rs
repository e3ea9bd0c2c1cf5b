//! Server functions: thin wrappers that check the caller, call the data
//! layer and map its errors. Grouped by resource.

pub mod session;
pub mod users;
