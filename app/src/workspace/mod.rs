//! The staff workspace's case work: who may do what ([`access`]), what the lists and the
//! case page show (the types here), the actions staff take ([`actions`]), and the
//! server functions that load it all ([`api`]).

pub mod access;
pub mod actions;
pub mod api;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod store;

use crate::cases::{CaseKind, CaseStatus, EventKind, Outcome};
use crate::stations::Names;
use access::CaseRights;
use serde::{Deserialize, Serialize};

/// A case as lists show it. Never carries contact details.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub reference: String,
    pub kind: CaseKind,
    pub status: CaseStatus,
    pub subject: String,
    /// `None`: waiting in the bureau's triage.
    pub station: Option<Names>,
    pub filed_on: String,
    /// Whole days since it was filed.
    pub age_days: i64,
    pub due_on: String,
    pub overdue: bool,
    pub escalation_level: i64,
    /// The named officer's badge (complaints about an officer).
    pub named_badge: Option<String>,
    pub assignee: Option<String>,
}

/// One entry of the staff timeline: public ones are what the resident sees too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffTimelineEntry {
    pub at: String,
    pub kind: EventKind,
    pub public: bool,
    pub body: String,
    /// The staff member's display name; `None` for the resident and the system.
    pub by: Option<String>,
}

/// An officer the case may be assigned to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignableOfficer {
    pub account_id: i64,
    pub name: String,
    pub badge: String,
    /// The community officer of the case's office: the suggested assignee.
    pub suggested: bool,
}

/// A pending extension request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionRequest {
    pub days: i64,
    pub reason: String,
}

/// The resident's contact details, masked unless the caller asked to see them and may.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDetails {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub masked: bool,
}

impl ContactDetails {
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.phone.is_none() && self.email.is_none()
    }
}

/// Everything the staff case page shows, for one caller (what they may do included).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffCase {
    pub summary: CaseSummary,
    pub description: String,
    pub place: String,
    pub contact: ContactDetails,
    pub outcome: Option<Outcome>,
    pub outcome_summary: Option<String>,
    pub merged_into: Option<String>,
    pub hidden: bool,
    pub extension: Option<ExtensionRequest>,
    pub timeline: Vec<StaffTimelineEntry>,
    pub rights: CaseRights,
    /// Filled for callers who may triage.
    pub assignable: Vec<AssignableOfficer>,
}

impl StaffCase {
    /// Open: not yet resolved or closed, and not merged away.
    pub fn is_open(&self) -> bool {
        !matches!(
            self.summary.status,
            CaseStatus::Resolved | CaseStatus::Closed
        ) && self.merged_into.is_none()
    }
}

/// Open cases per officer, on the leader's dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workload {
    pub name: String,
    pub badge: String,
    pub open: i64,
    pub overdue: i64,
}

/// The leader's dashboard for one station.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub station: Names,
    pub slug: String,
    pub open: i64,
    pub overdue: i64,
    pub unassigned: i64,
    /// Overdue cases and those escalated to the leader (督办).
    pub supervised: Vec<CaseSummary>,
    /// 差评核实 cases still open.
    pub bad_ratings: Vec<CaseSummary>,
    pub complaints_about_officers: Vec<CaseSummary>,
    /// Cases with an extension request waiting for the leader.
    pub extension_requests: Vec<CaseSummary>,
    pub workload: Vec<Workload>,
}
