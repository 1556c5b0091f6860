//! Cases: residents' requests (诉求) and the 差评核实 reviews that bad ratings open.

pub mod api;
#[cfg(feature = "ssr")]
pub mod change;
#[cfg(feature = "ssr")]
pub mod deadlines;
#[cfg(feature = "ssr")]
pub mod decide;
pub mod details;
#[cfg(feature = "ssr")]
pub mod opening;
#[cfg(feature = "ssr")]
pub mod persist;
#[cfg(feature = "ssr")]
pub mod pipeline;
pub mod proposal;
#[cfg(feature = "ssr")]
pub mod record;
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
    CaseStatus, Escalation, EventKind, FeedbackEffect, Finding, Outcome, Satisfaction,
    feedback_effect,
};

coded_enum! {
    /// What kind of matter a case is. Residents file the first six; a 差评 opens the last.
    CaseKind {
        Help => ("help", "求助", "Help"),
        Complaint => ("complaint", "投诉", "Complaint"),
        Suggestion => ("suggestion", "建议", "Suggestion"),
        Question => ("question", "咨询", "Question"),
        Commendation => ("commendation", "表扬", "Commendation"),
        Tip => ("tip", "线索", "Tip"),
        RatingReview => ("rating_review", "差评核实", "Bad-rating review"),
    }
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

    /// Tips are confidential: only the leader and the assigned officer see them.
    pub fn is_confidential(self) -> bool {
        self == CaseKind::Tip
    }

    /// Kinds that hold an officer to account when they name one: a complaint, or the
    /// review of a bad rating of that officer.
    pub fn accuses(self) -> bool {
        matches!(self, CaseKind::Complaint | CaseKind::RatingReview)
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
