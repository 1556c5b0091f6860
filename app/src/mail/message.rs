//! What a message says, as data: stored in the outbox as JSON and rendered when it is
//! sent, so links use the public URL the worker is configured with.

use super::kinds::MessageKind;
use crate::cases::CaseKind;
use serde::{Deserialize, Serialize};

/// A case's subject as staff mail may carry it: never a tip's, which stays inside the
/// workspace (only the leader and the assigned officer may read it there).
pub fn staff_subject(kind: CaseKind, subject: String) -> String {
    if kind == CaseKind::Tip {
        String::new()
    } else {
        subject
    }
}

/// One notification. Resident messages carry only the resident's own case; staff
/// messages only what the recipient may see in the workspace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Message {
    /// To a resident: confirm this address before anything else is sent to it.
    ConfirmAddress { token: String, reference: String },
    /// To a resident: the receipt of their request, with its access code.
    Receipt {
        reference: String,
        access_code: String,
        case_kind: String,
        subject: String,
        due_on: String,
    },
    /// To a resident: a public reply on their case.
    Reply { reference: String, body: String },
    /// To a resident: the case is resolved; asks for the 回访 answer.
    Resolved {
        reference: String,
        outcome: String,
        summary: String,
    },
    /// To a resident: the case was referred to another department.
    Referred {
        reference: String,
        department: String,
        contact: String,
        summary: String,
    },
    /// To an officer: a case was assigned to them.
    Assigned {
        reference: String,
        case_kind: String,
        subject: String,
        due_on: String,
    },
    /// To the assigned officer: the case is due on the next working day.
    DueTomorrow {
        reference: String,
        subject: String,
        due_on: String,
    },
    /// To the assigned officer: the case is past its due date and escalated.
    Overdue {
        reference: String,
        subject: String,
        due_on: String,
    },
    /// To a station leader, each morning.
    Digest {
        station_zh: String,
        station_en: String,
        date: String,
        open: i64,
        overdue: i64,
        new_bad_ratings: i64,
        officer_complaints: i64,
    },
    /// To a station leader: a month has ended and its report's draft waits for review.
    ReportReady {
        station_zh: String,
        station_en: String,
        station_slug: String,
        month: String,
    },
}

impl Message {
    /// The code stored in the outbox's `kind` column.
    pub fn kind(&self) -> MessageKind {
        match self {
            Message::ConfirmAddress { .. } => MessageKind::ConfirmAddress,
            Message::Receipt { .. } => MessageKind::Receipt,
            Message::Reply { .. } => MessageKind::Reply,
            Message::Resolved { .. } => MessageKind::Resolved,
            Message::Referred { .. } => MessageKind::Referred,
            Message::Assigned { .. } => MessageKind::Assigned,
            Message::DueTomorrow { .. } => MessageKind::DueTomorrow,
            Message::Overdue { .. } => MessageKind::Overdue,
            Message::Digest { .. } => MessageKind::Digest,
            Message::ReportReady { .. } => MessageKind::ReportReady,
        }
    }

    /// Messages to residents carry an unsubscribe link and wait for consent.
    pub fn to_resident(&self) -> bool {
        matches!(
            self,
            Message::ConfirmAddress { .. }
                | Message::Receipt { .. }
                | Message::Reply { .. }
                | Message::Resolved { .. }
                | Message::Referred { .. }
        )
    }
}
