//! One page per file.

pub mod home;
pub mod not_found;
pub mod rate_officer;
pub mod rated;
pub mod station;
