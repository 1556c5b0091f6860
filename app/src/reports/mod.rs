//! Monthly satisfaction (PRODUCT.md "Publishing"). The figures come from rollups kept up
//! to date as ratings arrive ([`rollups`]) and as cases change ([`case_rollups`]), so a
//! month costs the same at 10 million ratings as at 10 thousand. A leader publishes a month once it is over: the figures
//! are frozen as a JSON snapshot with its SHA-256 ([`publish`]); a correction is a new
//! version beside the old.

pub mod api;
pub mod bureau;
pub mod counting;
pub mod method;
pub mod model;
mod month;
pub mod officers;
pub mod publish_form;
mod wilson;

#[cfg(feature = "ssr")]
pub mod case_rollups;
#[cfg(feature = "ssr")]
pub mod draft;
#[cfg(feature = "ssr")]
pub mod open_data;
#[cfg(feature = "ssr")]
pub mod publish;
#[cfg(feature = "ssr")]
pub mod rollups;
#[cfg(feature = "ssr")]
pub mod trend;

pub use month::Month;
pub use wilson::{Proportion, wilson_95};
