//! What a resident sees at `/track`: the form that opens a case (reference and access
//! code) and the case's public side.

use super::{CaseKind, CaseStatus, EventKind, Outcome, Satisfaction};
use crate::i18n::Text;
use crate::stations::Names;
use serde::{Deserialize, Serialize};

/// The tracking form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackForm {
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub code: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrackError {
    /// Either the reference or the code is wrong; which one is never said.
    NoMatch,
    /// The tracking page was opened without a valid code (expired or missing cookie).
    SignInAgain,
}

impl TrackError {
    pub fn text(self) -> Text {
        match self {
            TrackError::NoMatch => Text::new(
                "编号或查询码不正确，请核对回执上的内容。",
                "The reference or the access code is not right. Please check your receipt.",
            ),
            TrackError::SignInAgain => Text::new(
                "请输入编号和查询码查看进度。",
                "Enter the reference and access code to see the progress.",
            ),
        }
    }
}

/// A case's public side: never contact details, internal notes, or who handles it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackedCase {
    pub reference: String,
    pub kind: CaseKind,
    pub status: CaseStatus,
    pub subject: String,
    /// `None` while the bureau decides which station it belongs to.
    pub station: Option<Names>,
    pub filed_on: String,
    pub due_on: String,
    /// Working days left until the due date; negative when overdue.
    pub working_days_left: i64,
    pub outcome: Option<Outcome>,
    pub outcome_summary: Option<String>,
    pub referral_department: Option<String>,
    pub referral_contact: Option<String>,
    pub satisfaction: Option<Satisfaction>,
    pub events: Vec<TimelineEntry>,
    /// The acknowledgement deadline, while nobody has taken the case up.
    pub ack_due_on: Option<String>,
    /// Closed as not a genuine request.
    pub hidden: Option<HiddenState>,
    /// Merged: the request it continues in, with its public progress.
    pub continues_in: Option<ContinuedCase>,
}

/// A case closed as not genuine, as its resident sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HiddenState {
    pub reason: String,
    /// The resident objected (once; the inspectors review it).
    pub objected: bool,
}

/// The request a merged case continues in: its reference, where it stands, its public
/// timeline and answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContinuedCase {
    pub reference: String,
    pub status: CaseStatus,
    pub outcome_summary: Option<String>,
    pub events: Vec<TimelineEntry>,
}

impl TrackedCase {
    /// The resident may answer 满意 / 基本满意 / 不满意 once a case is resolved.
    pub fn awaits_answer(&self) -> bool {
        self.status == CaseStatus::Resolved
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// Local time, `YYYY-MM-DD HH:MM`.
    pub at: String,
    pub kind: EventKind,
    pub body: String,
}
