//! Stations (派出所), their community offices (警务室) and officers, as residents see them.

pub mod api;
#[cfg(feature = "ssr")]
pub mod server;

mod badge;
mod duty;
mod slug;

pub use badge::BadgeNumber;
pub use duty::Duty;
pub use slug::StationSlug;

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A name stored in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    pub zh: String,
    pub en: String,
}

impl Names {
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// A station in the public list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StationSummary {
    pub slug: String,
    pub name: Names,
    pub address: Names,
}

/// A station's public page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StationDetail {
    pub slug: String,
    pub name: Names,
    pub address: Names,
    pub phone: String,
    pub offices: Vec<OfficeDetail>,
    /// Officers not attached to a community office (window, patrol).
    pub headquarters_officers: Vec<OfficerSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeDetail {
    pub name: Names,
    pub area: Names,
    pub officers: Vec<OfficerSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerSummary {
    pub badge: String,
    pub name: Names,
}

/// An officer as the rating page introduces them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerCard {
    pub badge: String,
    pub name: Names,
    pub station_slug: String,
    pub station_name: Names,
    pub office_name: Option<Names>,
}
