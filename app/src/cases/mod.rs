//! Cases: residents' requests (诉求) and the 差评核实 reviews that bad ratings open.

pub mod api;
#[cfg(feature = "ssr")]
pub mod deadlines;
mod reference;
pub mod request_form;
#[cfg(feature = "ssr")]
pub mod requests;
#[cfg(feature = "ssr")]
pub mod server;
mod status;
pub mod tracking;
#[cfg(feature = "ssr")]
pub mod tracking_server;

pub use crate::codes::AccessCode;
pub use reference::Reference;
pub use status::{
    CaseStatus, Escalation, EventKind, FeedbackEffect, Outcome, Satisfaction, feedback_effect,
};

use crate::i18n::Text;
use serde::{Deserialize, Serialize};

/// What kind of matter a case is. Residents file the first six; a 差评 opens the last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CaseKind {
    Help,
    Complaint,
    Suggestion,
    Question,
    Commendation,
    Tip,
    RatingReview,
}

impl CaseKind {
    /// The kinds a resident may choose on the request form, in its order.
    pub const FILED_BY_RESIDENTS: [CaseKind; 6] = [
        CaseKind::Help,
        CaseKind::Complaint,
        CaseKind::Suggestion,
        CaseKind::Question,
        CaseKind::Commendation,
        CaseKind::Tip,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CaseKind::Help => "help",
            CaseKind::Complaint => "complaint",
            CaseKind::Suggestion => "suggestion",
            CaseKind::Question => "question",
            CaseKind::Commendation => "commendation",
            CaseKind::Tip => "tip",
            CaseKind::RatingReview => "rating_review",
        }
    }

    pub fn parse(code: &str) -> Option<CaseKind> {
        [CaseKind::RatingReview]
            .into_iter()
            .chain(CaseKind::FILED_BY_RESIDENTS)
            .find(|kind| kind.code() == code)
    }

    pub fn label(self) -> Text {
        match self {
            CaseKind::Help => Text::new("求助", "Help"),
            CaseKind::Complaint => Text::new("投诉", "Complaint"),
            CaseKind::Suggestion => Text::new("建议", "Suggestion"),
            CaseKind::Question => Text::new("咨询", "Question"),
            CaseKind::Commendation => Text::new("表扬", "Commendation"),
            CaseKind::Tip => Text::new("线索", "Tip"),
            CaseKind::RatingReview => Text::new("差评核实", "Review of a bad rating"),
        }
    }

    /// Tips are confidential: only the leader and the assigned officer see them.
    pub fn is_confidential(self) -> bool {
        self == CaseKind::Tip
    }
}

#[cfg(test)]
mod tests {
    use super::CaseKind;

    #[test]
    fn kinds_round_trip_and_match_the_brief() {
        for kind in CaseKind::FILED_BY_RESIDENTS
            .into_iter()
            .chain([CaseKind::RatingReview])
        {
            assert_eq!(CaseKind::parse(kind.code()), Some(kind));
        }
        let labels: Vec<&str> = CaseKind::FILED_BY_RESIDENTS
            .iter()
            .map(|k| k.label().zh)
            .collect();
        assert_eq!(labels, ["求助", "投诉", "建议", "咨询", "表扬", "线索"]);
        assert_eq!(CaseKind::parse("spam"), None);
    }
}
