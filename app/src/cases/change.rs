//! What a decision about a case changes, as data: the columns to set, the timeline
//! entries, the mail and the audit line. [`super::decide`] makes one, pure; the pipeline's
//! persist step alone writes it, with the monthly counts, in the caller's transaction.

use super::proposal::Pending;
use super::{CaseKind, CaseStatus, EventKind, FeedbackEffect, Finding, Outcome, Satisfaction};
use crate::mail::Message;

/// A column of `cases` and its new value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Set {
    Status(CaseStatus),
    Kind(CaseKind),
    Station(i64),
    Office(i64),
    Assignee(i64),
    AckDueOn(String),
    DueOn(String),
    Overdue(bool),
    FirstAnswerAt(i64),
    ResolvedAt(Option<i64>),
    ClosedAt(Option<i64>),
    Outcome(Option<Outcome>),
    OutcomeSummary(Option<String>),
    /// The department and how to reach it, for a referral.
    Referral(Option<(String, String)>),
    /// A pending extension request: working days and the reason.
    Extension(Option<(i64, String)>),
    MergedInto(i64),
    Hidden(bool),
    Satisfaction(Option<Satisfaction>),
    ReopenCount(i64),
    EscalationLevel(i64),
    /// Under the inspectors' oversight until closed (set once, never cleared).
    Oversight,
    AcknowledgedAt(i64),
    AckOverdue(bool),
    /// Hidden as not genuine: the reason and who hid it (`None` when restored).
    HiddenBecause(Option<(String, Option<i64>)>),
    ObjectedAt(i64),
    Finding(Option<Finding>),
    /// The change waiting for approval, or none.
    Pending(Option<Pending>),
    /// A detail's column (from [`super::details::DETAILS`]) and its value, or none.
    Detail {
        column: &'static str,
        value: Option<String>,
    },
}

/// Which case a timeline entry goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum On {
    /// The case the command is about.
    This,
    /// Another case (the one a merge continues in).
    Case(i64),
}

/// Who a timeline entry is by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    /// Whoever gave the command (a staff member, the resident, the clock).
    Actor,
    /// The system, as a consequence (a reopening after a 不满意).
    System,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEvent {
    pub on: On,
    pub kind: EventKind,
    /// Shown to the resident on `/track`.
    pub public: bool,
    pub body: String,
    pub by: By,
}

impl NewEvent {
    pub fn public(kind: EventKind, body: impl Into<String>) -> NewEvent {
        NewEvent {
            on: On::This,
            kind,
            public: true,
            body: body.into(),
            by: By::Actor,
        }
    }

    pub fn internal(kind: EventKind, body: impl Into<String>) -> NewEvent {
        NewEvent {
            public: false,
            ..NewEvent::public(kind, body)
        }
    }

    pub fn by_system(self) -> NewEvent {
        NewEvent {
            by: By::System,
            ..self
        }
    }

    pub fn on(self, on: On) -> NewEvent {
        NewEvent { on, ..self }
    }
}

/// A message the change sends, through the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mail {
    /// To the resident of the case, if they gave and confirmed an address.
    Resident(Message),
    /// To a staff account.
    Staff { account_id: i64, message: Message },
}

/// The audit log's line for a change: what was done, and a detail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Audited {
    pub action: &'static str,
    pub detail: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    pub set: Vec<Set>,
    pub events: Vec<NewEvent>,
    pub mails: Vec<Mail>,
    pub audit: Option<Audited>,
    /// What a 回访 answer did, for the answer's page.
    pub effect: Option<FeedbackEffect>,
}

impl Change {
    pub fn audited(action: &'static str, detail: impl Into<String>) -> Change {
        Change {
            audit: Some(Audited {
                action,
                detail: detail.into(),
            }),
            ..Change::default()
        }
    }

    pub fn set(mut self, set: Set) -> Change {
        self.set.push(set);
        self
    }

    pub fn event(mut self, event: NewEvent) -> Change {
        self.events.push(event);
        self
    }

    pub fn mail(mut self, mail: Mail) -> Change {
        self.mails.push(mail);
        self
    }

    /// The value this change gives the status, if it sets one.
    pub fn status(&self) -> Option<CaseStatus> {
        self.set.iter().rev().find_map(|set| match set {
            Set::Status(status) => Some(*status),
            _ => None,
        })
    }
}
