//! Changes that wait for someone's approval (a complaint's closing, a reclassification,
//! hiding or merging a case under oversight, a resident's objection), and the coded
//! values that go with them.

use crate::workspace::actions::CaseAction;
use serde::{Deserialize, Serialize};

coded_enum! {
    /// Whose approval a proposed change waits for.
    Awaiting {
        Leader => ("leader", "待所长审批", "Waiting for the station leader"),
        Inspector => ("inspector", "待督察审批", "Waiting for the inspectors"),
    }
}

coded_enum! {
    /// How a case reached the station.
    Channel {
        Web => ("web", "网上提交", "Online"),
        Rating => ("rating", "差评", "A bad rating"),
        Visit => ("visit", "走访", "A visit"),
    }
}

/// A change proposed and not yet decided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "proposed", rename_all = "snake_case")]
pub enum Proposed {
    /// A staff action that needs approval before it takes effect.
    Act { action: CaseAction },
    /// The resident objected to their case being hidden: restore it, or not.
    Restore,
}

/// The proposal a case carries, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    pub proposed: Proposed,
    pub awaiting: Awaiting,
    /// The staff member who proposed it; `None` for the resident's objection.
    pub by: Option<i64>,
    pub at: i64,
}
