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

use crate::cases::Finding;
use crate::cases::details::Details;
use crate::cases::proposal::{Awaiting, Channel};
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
    /// Not taken up within its acknowledgement deadline.
    pub ack_overdue: bool,
    /// Under the inspectors' oversight until closed.
    pub oversight: bool,
    /// Whose approval a proposed change waits for, if one does.
    pub awaiting: Option<Awaiting>,
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

/// The resident's contact details, masked unless the caller asked to see them (with a
/// reason) and may. An anonymous resident's name is never in it, masked or not.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDetails {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub masked: bool,
    /// The resident asked not to be named to the station.
    pub anonymous: bool,
}

impl ContactDetails {
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.phone.is_none() && self.email.is_none() && !self.anonymous
    }

    /// Whether there is a phone or an address to reveal.
    pub fn has_means(&self) -> bool {
        self.phone.is_some() || self.email.is_some()
    }
}

/// A change waiting for approval, as the case page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingView {
    /// What is proposed, in a line (the outcome and answer of a resolution).
    pub summary: String,
    pub awaiting: Awaiting,
    /// Who proposed it; `None` for the resident's objection.
    pub by: Option<String>,
    pub at: String,
    /// The caller may approve it or send it back.
    pub may_decide: bool,
    /// Its approval needs a finding (the closing of a complaint or a 差评核实).
    pub needs_finding: bool,
    /// The resident objected to their case being closed as not genuine.
    pub objection: bool,
}

/// A hidden case for the inspectors: who hid it, when, why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HiddenCase {
    pub summary: CaseSummary,
    pub reason: String,
    pub by: Option<String>,
    pub at: String,
    pub objected: bool,
}

/// The intake queue, and for bureau intake its overdue view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntakeWork {
    pub queue: Vec<CaseSummary>,
    /// Unplaced cases not taken up in time or past due (bureau intake only).
    pub overdue: Vec<CaseSummary>,
}

/// The inspectors' queue: what waits for them, what is under their oversight, and every
/// case hidden as not genuine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectorWork {
    pub awaiting: Vec<CaseSummary>,
    pub oversight: Vec<CaseSummary>,
    pub escalated: Vec<CaseSummary>,
    pub hidden: Vec<HiddenCase>,
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
    pub channel: Channel,
    pub ack_due_on: String,
    pub acknowledged: bool,
    pub finding: Option<Finding>,
    pub hidden_reason: Option<String>,
    pub objected: bool,
    pub pending: Option<PendingView>,
    /// Whose approval the caller's resolution would wait for.
    pub resolve_needs: Option<Awaiting>,
    /// Whose approval the caller's reclassifying, merging or hiding would wait for.
    pub triage_needs: Option<Awaiting>,
    /// Stations an unplaced case can be placed at (for bureau intake).
    pub stations: Vec<(String, Names)>,
    /// What staff recorded beside the resident's words.
    pub details: Details,
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
    /// Proposed changes waiting for the leader's approval.
    pub approvals: Vec<CaseSummary>,
    pub workload: Vec<Workload>,
}
