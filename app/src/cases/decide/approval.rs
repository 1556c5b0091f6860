//! Approvals: who must agree before an action takes effect, the proposal that waits on
//! the case meanwhile, and the decision on it (approved: made as proposed; returned: with
//! a note).

use super::{Inputs, Refusal, act};
use crate::calendar::WorkCalendar;
use crate::cases::Finding;
use crate::cases::change::{Change, NewEvent, Set};
use crate::cases::proposal::{Awaiting, Pending, Proposed};
use crate::cases::record::CaseRecord;
use crate::cases::{CaseStatus, EventKind};
use crate::workspace::access::CaseRights;
use crate::workspace::actions::{ActionError, CaseAction};

/// Whose approval `action` needs before it takes effect, given who asks.
pub fn approval_needed(
    action: &CaseAction,
    case: &CaseRecord,
    rights: &CaseRights,
) -> Option<Awaiting> {
    let needed = needs(action, case, rights)?;
    // Waiting for a leader when the case has no station yet: nobody would decide it.
    Some(if case.station_id.is_none() {
        Awaiting::Inspector
    } else {
        needed
    })
}

fn needs(action: &CaseAction, case: &CaseRecord, rights: &CaseRights) -> Option<Awaiting> {
    let inspector = rights.approve_as_inspector;
    let leader = rights.approve_as_leader;
    match action {
        // Each would take a case under oversight out of the inspectors' queue or view.
        CaseAction::Classify { .. } | CaseAction::Hide { .. } | CaseAction::Merge { .. }
            if case.oversight && !inspector =>
        {
            Some(Awaiting::Inspector)
        }
        CaseAction::Resolve { .. } if case.oversight && !inspector => {
            if leader || case.names_leader {
                Some(Awaiting::Inspector)
            } else {
                Some(Awaiting::Leader)
            }
        }
        // Closing a complaint or a 差评核实 is the leader's to approve, whichever way it
        // closes: resolved, referred, reclassified away, closed as not genuine, merged.
        CaseAction::Resolve { .. }
        | CaseAction::Classify { .. }
        | CaseAction::Hide { .. }
        | CaseAction::Merge { .. }
            if case.kind.accuses() && !leader && !inspector =>
        {
            Some(Awaiting::Leader)
        }
        _ => None,
    }
}

/// The action waits on the case for approval; checked now as if it were made, so a
/// proposal that could not be made is refused at once.
pub(super) fn propose(
    action: &CaseAction,
    awaiting: Awaiting,
    case: &CaseRecord,
    inputs: &Inputs,
    calendar: &WorkCalendar,
    now: i64,
) -> Result<Change, Refusal> {
    if case.pending.is_some() {
        return Err(ActionError::ProposalPending.into());
    }
    act(action, case, inputs, calendar, now)?;
    let pending = Pending {
        proposed: Proposed::Act {
            action: action.clone(),
        },
        awaiting,
        by: inputs.account_id,
        at: now,
    };
    Ok(Change::audited(
        "change_proposed",
        format!("{} awaiting {}", action.audit_name(), awaiting.code()),
    )
    .set(Set::Pending(Some(pending)))
    .event(NewEvent::internal(
        EventKind::Proposed,
        proposal_summary(action),
    )))
}

/// How a proposal reads in the timeline and on the case page.
pub fn proposal_summary(action: &CaseAction) -> String {
    match action {
        CaseAction::Resolve {
            outcome, summary, ..
        } => format!("{} · {summary}", outcome.label().zh),
        CaseAction::Classify { kind } => format!("更正为 {}", kind.label().zh),
        CaseAction::Hide { reason } => format!("作为非有效诉求关闭 · {reason}"),
        CaseAction::Merge { into } => format!("并入 {into}"),
        other => other.audit_name().to_string(),
    }
}

/// The leader's or the inspectors' decision on the change waiting on the case.
pub(super) fn decide_pending(
    case: &CaseRecord,
    inputs: &Inputs,
    approve: bool,
    note: &str,
    finding: Option<Finding>,
    calendar: &WorkCalendar,
    now: i64,
) -> Result<Change, Refusal> {
    let Some(pending) = &case.pending else {
        return Err(ActionError::NoProposal.into());
    };
    let rights = &inputs.rights;
    let may = match pending.awaiting {
        Awaiting::Leader => rights.approve_as_leader,
        Awaiting::Inspector => rights.approve_as_inspector,
    };
    // Nobody approves their own proposal, whatever roles they hold.
    if !may || (pending.by.is_some() && pending.by == inputs.account_id) {
        return Err(ActionError::NoProposal.into());
    }
    if !approve {
        let mut change = Change::audited("proposal_returned", note)
            .set(Set::Pending(None))
            .event(NewEvent::internal(EventKind::ProposalReturned, note));
        if pending.proposed == Proposed::Restore {
            // The resident asked: they hear the answer.
            change = change.event(NewEvent::public(EventKind::ObjectionRefused, note));
        }
        return Ok(change);
    }
    let proposed = match &pending.proposed {
        Proposed::Restore => return Ok(restore(note)),
        Proposed::Act { action } => {
            // Approving the closing of a complaint or a 差评核实 is finding: the
            // approver's own word, never the proposer's suggestion taken over unseen.
            let resolves = matches!(action, CaseAction::Resolve { .. });
            if resolves && case.kind.accuses() && finding.is_none() {
                return Err(ActionError::ChooseFinding.into());
            }
            with_finding(action, finding)
        }
    };
    // A leader's yes to a change under oversight goes on to the inspectors.
    if pending.awaiting == Awaiting::Leader && case.oversight && !rights.approve_as_inspector {
        let forwarded = Pending {
            proposed: Proposed::Act { action: proposed },
            awaiting: Awaiting::Inspector,
            ..pending.clone()
        };
        return Ok(Change::audited("proposal_forwarded", note)
            .set(Set::Pending(Some(forwarded)))
            .event(NewEvent::internal(EventKind::ProposalForwarded, note)));
    }
    if !case.is_open() {
        return Err(ActionError::NotOpen.into());
    }
    let mut change = act(&proposed, case, inputs, calendar, now)?;
    if let Some(audit) = &mut change.audit {
        audit.detail = format!("{}; approved ({})", audit.detail, pending.awaiting.code());
    }
    Ok(change
        .set(Set::Pending(None))
        .event(NewEvent::internal(EventKind::ProposalApproved, note)))
}

/// The approver's finding replaces the proposer's suggestion.
fn with_finding(action: &CaseAction, finding: Option<Finding>) -> CaseAction {
    match (action, finding) {
        (
            CaseAction::Resolve {
                outcome,
                summary,
                referral,
                ..
            },
            Some(finding),
        ) => CaseAction::Resolve {
            outcome: *outcome,
            summary: summary.clone(),
            referral: referral.clone(),
            finding: Some(finding),
        },
        _ => action.clone(),
    }
}

/// The inspectors uphold a resident's objection: the case is worked again.
fn restore(note: &str) -> Change {
    Change::audited("case_restored", note)
        .set(Set::Hidden(false))
        .set(Set::HiddenBecause(None))
        .set(Set::Status(CaseStatus::Reopened))
        .set(Set::ClosedAt(None))
        .set(Set::Pending(None))
        .event(NewEvent::public(EventKind::Restored, note))
}
