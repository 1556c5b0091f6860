//! What a command does to a case, decided without touching the database: the case as
//! loaded, what the pipeline looked up for this command (the caller's rights on the case
//! among it), the calendar and the time go in; a [`Change`] or a refusal comes out.
//! Unit-tested command by command, rule by rule.
//!
//! Approvals: closing a complaint or a 差评核实 needs the station leader's approval, and
//! anything that would take a case under oversight out of the inspectors' hands
//! (reclassifying, hiding, merging, closing it) needs the inspectors'. Whoever may not
//! decide alone proposes; the change waits on the case until it is approved (and then
//! made, as proposed) or sent back with a note. Both are in the timeline.

use super::Finding;
use super::change::{Change, Mail, NewEvent, On, Set};
use super::proposal::{Awaiting, Pending, Proposed};
use super::record::CaseRecord;
use super::{CaseKind, CaseStatus, Escalation, EventKind, FeedbackEffect, Outcome, Satisfaction};
use crate::calendar::{WorkCalendar, format_date, local_date, parse_date};
use crate::mail::{Message, staff_subject};
use crate::workspace::access::{CaseRights, may_be_assigned};
use crate::workspace::actions::{ActionError, CaseAction};

/// What someone asks of a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// A staff action from the case page (or the command line's `resolve-case`).
    Act(CaseAction),
    /// The resident's 回访 answer on a resolved case.
    Answer(Satisfaction),
    /// The resident objects, once, to their case being closed as not genuine.
    Object,
    /// The deadline clock: the case's due date has passed.
    MarkOverdue,
    /// The deadline clock: nobody took the case up within its acknowledgement deadline.
    MarkAckOverdue,
}

/// What the pipeline looked up for the command before deciding.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inputs {
    /// The caller's rights on the case (staff; empty for anyone else).
    pub rights: CaseRights,
    /// The caller's account (staff).
    pub account_id: Option<i64>,
    /// Assign: the account if it holds the officer role where the case may go.
    pub assignee: Option<Assignee>,
    /// Classify: the new kind's working days (to acknowledge, to resolve); an answer
    /// that reopens: the case kind's.
    pub deadline_days: Option<(u32, u32)>,
    /// Merge: the case named, if it exists and the caller may triage it.
    pub merge_target: Option<CaseRecord>,
    /// Place: the station's id and name, if it exists.
    pub station: Option<(i64, String)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Assignee {
    pub station_id: i64,
    pub officer_id: Option<i64>,
    pub office_id: Option<i64>,
}

/// Why a command changes nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The action's input or the case's state does not allow it (shown on its form).
    Action(ActionError),
    /// A 回访 answer on a case that does not wait for one (not resolved, or answered).
    NotAwaitingAnswer,
    /// An objection to a case that was not hidden, or objected to already.
    NotObjectable,
    /// Nothing to do (already overdue, already finished).
    Nothing,
}

impl From<ActionError> for Refusal {
    fn from(error: ActionError) -> Self {
        Refusal::Action(error)
    }
}

/// Longest resolution summary: the form's 4,000 characters and a reason.
const MAX_SUMMARY_CHARS: usize = 4_200;

pub fn decide(
    command: &Command,
    case: &CaseRecord,
    inputs: &Inputs,
    calendar: &WorkCalendar,
    now: i64,
) -> Result<Change, Refusal> {
    match command {
        Command::Act(CaseAction::Decide {
            approve,
            note,
            finding,
        }) => decide_pending(case, inputs, *approve, note, *finding, calendar, now),
        Command::Act(action) => {
            // Notes may still be added to a finished case; nothing else changes it.
            if !case.is_open() && !matches!(action, CaseAction::Note { .. }) {
                return Err(ActionError::NotOpen.into());
            }
            match approval_needed(action, case, &inputs.rights) {
                Some(awaiting) => propose(action, awaiting, case, inputs, calendar, now),
                None => act(action, case, inputs, calendar, now),
            }
        }
        Command::Answer(answer) => answer_feedback(*answer, case, inputs, calendar, now),
        Command::Object => object(case, now),
        Command::MarkOverdue => mark_overdue(case),
        Command::MarkAckOverdue => mark_ack_overdue(case),
    }
}

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
fn propose(
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
fn decide_pending(
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

/// Makes the action, as allowed (directly, or as approved).
fn act(
    action: &CaseAction,
    case: &CaseRecord,
    inputs: &Inputs,
    calendar: &WorkCalendar,
    now: i64,
) -> Result<Change, Refusal> {
    let name = action.audit_name();
    let acknowledged = |change: Change| match case.acknowledged_at {
        None => change.set(Set::AcknowledgedAt(now)),
        Some(_) => change,
    };
    Ok(match action {
        CaseAction::Assign { account_id } => {
            // A case naming the station's leader is the inspectors' own work, not for
            // the leader's officers.
            let assignee = inputs
                .assignee
                .filter(|a| may_be_assigned(&case.facts(), a.officer_id) && !case.names_leader)
                .ok_or(ActionError::NotAssignable)?;
            let mut change = Change::audited(name, format!("to account {account_id}"))
                .set(Set::Assignee(*account_id))
                .set(Set::Station(assignee.station_id));
            if let Some(office) = assignee.office_id {
                change = change.set(Set::Office(office));
            }
            if case.status == CaseStatus::New {
                change = change.set(Set::Status(CaseStatus::Assigned));
            }
            acknowledged(change)
                .event(NewEvent::public(EventKind::Assigned, ""))
                .mail(Mail::Staff {
                    account_id: *account_id,
                    message: Message::Assigned {
                        reference: case.reference.to_string(),
                        case_kind: case.kind.code().to_string(),
                        subject: staff_subject(case.kind, case.subject.clone()),
                        due_on: case.due_on.clone(),
                    },
                })
        }
        CaseAction::Classify { kind } => {
            // The deadlines follow the kind, counted from the day the case was filed.
            let (ack_days, resolve_days) = inputs.deadline_days.unwrap_or((1, 15));
            let filed = local_date(case.created_at);
            let mut change =
                Change::audited(name, format!("{} -> {}", case.kind.code(), kind.code()))
                    .set(Set::Kind(*kind))
                    .set(Set::AckDueOn(format_date(
                        calendar.add_working_days(filed, ack_days),
                    )))
                    .set(Set::DueOn(format_date(
                        calendar.add_working_days(filed, resolve_days),
                    )));
            // Made a complaint about the officer it names: under oversight from now on.
            if case.named_officer_id.is_some() && kind.accuses() && !case.oversight {
                change = change.set(Set::Oversight);
            }
            change.event(NewEvent::public(EventKind::Classified, kind.code()))
        }
        CaseAction::Reply { body } => {
            let mut change = Change::audited(name, "");
            if case.first_answer_at.is_none() {
                change = change.set(Set::FirstAnswerAt(now));
            }
            if matches!(case.status, CaseStatus::New | CaseStatus::Assigned) {
                change = change.set(Set::Status(CaseStatus::InProgress));
            }
            acknowledged(change)
                .event(NewEvent::public(EventKind::Reply, body.clone()))
                .mail(Mail::Resident(Message::Reply {
                    reference: case.reference.to_string(),
                    body: body.clone(),
                }))
        }
        CaseAction::Note { body } => {
            Change::audited(name, "").event(NewEvent::internal(EventKind::Note, body.clone()))
        }
        CaseAction::Resolve {
            outcome,
            summary,
            referral,
            finding,
        } => {
            // A complaint or a 差评核实 closes with the finding of whoever has the last
            // word on it (the leader, or the inspectors); an officer may only suggest one.
            let last_word = inputs.account_id.is_some()
                && (inputs.rights.approve_as_leader || inputs.rights.approve_as_inspector);
            if case.kind.accuses() && last_word && finding.is_none() {
                return Err(ActionError::ChooseFinding.into());
            }
            let mut change =
                acknowledged(resolve(case, *outcome, summary, referral.as_ref(), now)?)
                    .set(Set::Finding(*finding));
            // A proposal still waiting is moot once the case is resolved.
            if case.pending.is_some() {
                change = change.set(Set::Pending(None));
            }
            change
        }
        CaseAction::RequestExtension { days, reason } => {
            if case.extension_days.is_some() {
                return Err(ActionError::ExtensionPending.into());
            }
            Change::audited(name, format!("{days} working days"))
                .set(Set::Extension(Some((i64::from(*days), reason.clone()))))
                .event(NewEvent::internal(
                    EventKind::ExtensionRequested,
                    format!("{days} · {reason}"),
                ))
        }
        CaseAction::DecideExtension { approve } => {
            let Some(days) = case.extension_days else {
                return Err(ActionError::NoExtensionPending.into());
            };
            if *approve {
                let today = local_date(now);
                let due = parse_date(&case.due_on).unwrap_or(today).max(today);
                let new_due = format_date(calendar.add_working_days(due, days.clamp(1, 30) as u32));
                Change::audited(name, format!("approved: due {new_due}"))
                    .set(Set::DueOn(new_due.clone()))
                    .set(Set::Overdue(false))
                    .set(Set::Extension(None))
                    .event(NewEvent::public(EventKind::ExtensionGranted, new_due))
            } else {
                Change::audited(name, "refused")
                    .set(Set::Extension(None))
                    .event(NewEvent::internal(EventKind::ExtensionRefused, ""))
            }
        }
        CaseAction::Merge { into } => {
            // Never into a tip or a case under oversight: the resident would then follow
            // somebody else's confidential case.
            let target = inputs
                .merge_target
                .as_ref()
                .filter(|target| target.id != case.id && target.is_open())
                .filter(|target| target.kind != CaseKind::Tip && !target.oversight)
                .ok_or(ActionError::MergeTarget)?;
            // The resident's own code then shows where their request carries on.
            Change::audited(name, format!("into {into}"))
                .set(Set::MergedInto(target.id))
                .set(Set::Status(CaseStatus::Closed))
                .set(Set::ClosedAt(Some(now)))
                .set(Set::Pending(None))
                .event(NewEvent::public(EventKind::Merged, into.to_string()))
                .event(
                    NewEvent::internal(EventKind::Merged, format!("{} → {into}", case.reference))
                        .on(On::Case(target.id)),
                )
        }
        CaseAction::Hide { reason } => Change::audited(name, reason.clone())
            .set(Set::Hidden(true))
            .set(Set::HiddenBecause(Some((
                reason.clone(),
                inputs.account_id,
            ))))
            .set(Set::Status(CaseStatus::Closed))
            .set(Set::ClosedAt(Some(now)))
            .set(Set::Pending(None))
            .event(NewEvent::public(EventKind::Hidden, reason.clone())),
        CaseAction::Place { station } => {
            if case.station_id.is_some() {
                return Err(ActionError::ChooseStation.into());
            }
            let (station_id, name_zh) = inputs.station.clone().ok_or(ActionError::ChooseStation)?;
            Change::audited(name, station.to_string())
                .set(Set::Station(station_id))
                .event(NewEvent::public(EventKind::Placed, name_zh))
        }
        CaseAction::Decide { .. } => return Err(ActionError::NoProposal.into()),
    })
}

/// Resolves with a public summary; the resident is then asked for their answer.
fn resolve(
    case: &CaseRecord,
    outcome: Outcome,
    summary: &str,
    referral: Option<&(String, String)>,
    now: i64,
) -> Result<Change, Refusal> {
    let summary = summary.trim();
    if summary.is_empty() || summary.chars().count() > MAX_SUMMARY_CHARS {
        return Err(ActionError::SummaryRequired.into());
    }
    if (outcome == Outcome::Referred) != referral.is_some() {
        return Err(ActionError::DepartmentRequired.into());
    }
    let mut change = Change::audited("case_resolved", outcome.code())
        .set(Set::Status(CaseStatus::Resolved))
        .set(Set::Outcome(Some(outcome)))
        .set(Set::OutcomeSummary(Some(summary.to_string())))
        .set(Set::Referral(referral.cloned()))
        .set(Set::ResolvedAt(Some(now)))
        .set(Set::Extension(None));
    if case.first_answer_at.is_none() {
        change = change.set(Set::FirstAnswerAt(now));
    }
    let reference = case.reference.to_string();
    let message = match referral {
        Some((department, contact)) => Message::Referred {
            reference,
            department: department.clone(),
            contact: contact.clone(),
            summary: summary.to_string(),
        },
        None => Message::Resolved {
            reference,
            outcome: outcome.code().to_string(),
            summary: summary.to_string(),
        },
    };
    Ok(change
        .event(NewEvent::public(EventKind::Resolved, summary))
        .mail(Mail::Resident(message)))
}

/// 满意 and 基本满意 close the case; the first 不满意 reopens it with the leader, the
/// second with the inspectors, with a new deadline; a third is recorded and closes it.
fn answer_feedback(
    answer: Satisfaction,
    case: &CaseRecord,
    inputs: &Inputs,
    calendar: &WorkCalendar,
    now: i64,
) -> Result<Change, Refusal> {
    if case.status != CaseStatus::Resolved {
        return Err(Refusal::NotAwaitingAnswer);
    }
    let effect = super::feedback_effect(answer, case.reopen_count);
    let mut change = match effect {
        FeedbackEffect::Close => {
            Change::audited("case_feedback", format!("{}; closed", answer.code()))
                .set(Set::Status(CaseStatus::Closed))
                .set(Set::Satisfaction(Some(answer)))
                .set(Set::ClosedAt(Some(now)))
                .event(NewEvent::public(EventKind::Feedback, answer.code()))
                .event(NewEvent::public(EventKind::Closed, "").by_system())
        }
        FeedbackEffect::ReopenWith(escalation) => {
            let (_, resolve_days) = inputs.deadline_days.unwrap_or((1, 15));
            let due_on = calendar.add_working_days(local_date(now), resolve_days);
            let escalated = match escalation {
                Escalation::Inspector => EventKind::EscalatedToInspector,
                _ => EventKind::EscalatedToLeader,
            };
            // The earlier answer stays in the timeline; the case has no outcome until it
            // is resolved again.
            Change::audited(
                "case_feedback",
                format!("{}; reopened, escalated to {escalation:?}", answer.code()),
            )
            .set(Set::Status(CaseStatus::Reopened))
            .set(Set::Satisfaction(None))
            .set(Set::ReopenCount(case.reopen_count + 1))
            .set(Set::EscalationLevel(
                (escalation as i64).max(case.escalation_level),
            ))
            .set(Set::DueOn(format_date(due_on)))
            .set(Set::Overdue(false))
            .set(Set::ResolvedAt(None))
            .set(Set::Outcome(None))
            .set(Set::OutcomeSummary(None))
            .set(Set::Referral(None))
            .event(NewEvent::public(EventKind::Feedback, answer.code()))
            .event(NewEvent::public(EventKind::Reopened, "").by_system())
            .event(NewEvent::public(escalated, "").by_system())
        }
    };
    change.effect = Some(effect);
    Ok(change)
}

/// The resident's one objection to their case being closed as not genuine: it goes to
/// the inspectors, who restore it or keep it closed.
fn object(case: &CaseRecord, now: i64) -> Result<Change, Refusal> {
    if !case.hidden || case.objected_at.is_some() || case.pending.is_some() {
        return Err(Refusal::NotObjectable);
    }
    let pending = Pending {
        proposed: Proposed::Restore,
        awaiting: Awaiting::Inspector,
        by: None,
        at: now,
    };
    Ok(Change::audited("case_objection", "to the inspectors")
        .set(Set::ObjectedAt(now))
        .set(Set::EscalationLevel(case.escalation_level.max(2)))
        .set(Set::Pending(Some(pending)))
        .event(NewEvent::public(EventKind::Objected, "")))
}

/// Not taken up (assigned or answered) by its acknowledgement deadline: flagged, and a
/// placed case goes to its leader like an overdue one; an unplaced one waits on bureau
/// intake's overdue list.
fn mark_ack_overdue(case: &CaseRecord) -> Result<Change, Refusal> {
    if case.acknowledged_at.is_some() || case.ack_overdue || !case.is_open() {
        return Err(Refusal::Nothing);
    }
    let mut change = Change::audited("case_ack_overdue", "not taken up in time")
        .set(Set::AckOverdue(true))
        .event(NewEvent::public(EventKind::AckOverdue, ""));
    if case.station_id.is_some() {
        change = change.set(Set::EscalationLevel(case.escalation_level.max(1)));
    }
    Ok(change)
}

/// Past its due date and still open: overdue, and the leader supervises (督办).
fn mark_overdue(case: &CaseRecord) -> Result<Change, Refusal> {
    if case.overdue || matches!(case.status, CaseStatus::Resolved | CaseStatus::Closed) {
        return Err(Refusal::Nothing);
    }
    let mut change = Change::audited("case_overdue", "escalated to the station leader")
        .set(Set::Overdue(true))
        .set(Set::EscalationLevel(case.escalation_level.max(1)))
        .event(NewEvent::public(EventKind::Overdue, ""));
    if let Some(account_id) = case.assignee_account_id {
        change = change.mail(Mail::Staff {
            account_id,
            message: Message::Overdue {
                reference: case.reference.to_string(),
                subject: staff_subject(case.kind, case.subject.clone()),
                due_on: case.due_on.clone(),
            },
        });
    }
    Ok(change)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::change::{Audited, By};
    use crate::cases::{CaseKind, Reference};

    /// 2026-11-30 10:00 in Beijing, a Monday.
    const NOW: i64 = 1_796_004_000_000;

    fn case() -> CaseRecord {
        CaseRecord {
            id: 7,
            reference: Reference::new(2026, 7),
            kind: CaseKind::Help,
            status: CaseStatus::New,
            station_id: Some(1),
            station_slug: Some("qishan".into()),
            office_id: None,
            named_officer_id: None,
            assignee_account_id: None,
            rating_id: None,
            merged_into_id: None,
            hidden: false,
            escalation_level: 0,
            reopen_count: 0,
            extension_days: None,
            ack_due_on: "2026-12-01".into(),
            due_on: "2026-12-07".into(),
            overdue: false,
            first_answer_at: None,
            resolved_at: None,
            outcome: None,
            satisfaction: None,
            subject: "楼道灯坏了".into(),
            created_at: NOW,
            oversight: false,
            names_leader: false,
            channel: crate::cases::proposal::Channel::Web,
            acknowledged_at: None,
            ack_overdue: false,
            hidden_reason: None,
            objected_at: None,
            finding: None,
            pending: None,
        }
    }

    fn run(command: Command, case: &CaseRecord, inputs: &Inputs) -> Result<Change, Refusal> {
        decide(&command, case, inputs, &WorkCalendar::default(), NOW)
    }

    fn act(action: CaseAction, case: &CaseRecord) -> Result<Change, Refusal> {
        run(Command::Act(action), case, &Inputs::default())
    }

    fn assignee(officer_id: i64) -> Inputs {
        Inputs {
            assignee: Some(Assignee {
                station_id: 2,
                officer_id: Some(officer_id),
                office_id: Some(5),
            }),
            ..Inputs::default()
        }
    }

    #[test]
    fn assigning_places_the_case_with_the_officer_and_tells_them() {
        let change = run(
            Command::Act(CaseAction::Assign { account_id: 40 }),
            &case(),
            &assignee(400),
        )
        .unwrap();
        assert_eq!(
            change.set,
            vec![
                Set::Assignee(40),
                Set::Station(2),
                Set::Office(5),
                Set::Status(CaseStatus::Assigned),
                Set::AcknowledgedAt(NOW)
            ]
        );
        assert!(matches!(
            &change.mails[..],
            [Mail::Staff {
                account_id: 40,
                message: Message::Assigned { .. }
            }]
        ));
        assert_eq!(change.events[0].kind, EventKind::Assigned);
    }

    #[test]
    fn the_named_officer_cannot_be_assigned_and_nobody_outside_the_rules_either() {
        let named = CaseRecord {
            kind: CaseKind::Complaint,
            named_officer_id: Some(400),
            ..case()
        };
        let refused = |inputs: &Inputs| {
            run(
                Command::Act(CaseAction::Assign { account_id: 40 }),
                &named,
                inputs,
            )
        };
        assert_eq!(
            refused(&assignee(400)),
            Err(Refusal::Action(ActionError::NotAssignable))
        );
        assert_eq!(
            refused(&Inputs::default()),
            Err(Refusal::Action(ActionError::NotAssignable))
        );
        assert!(refused(&assignee(401)).is_ok());
    }

    #[test]
    fn reclassifying_moves_the_deadlines_from_the_filing_day() {
        let inputs = Inputs {
            deadline_days: Some((1, 3)),
            ..Inputs::default()
        };
        let change = run(
            Command::Act(CaseAction::Classify {
                kind: CaseKind::Question,
            }),
            &case(),
            &inputs,
        )
        .unwrap();
        assert_eq!(
            change.set,
            vec![
                Set::Kind(CaseKind::Question),
                Set::AckDueOn("2026-12-01".into()),
                Set::DueOn("2026-12-03".into()),
            ]
        );
        assert_eq!(
            change.audit,
            Some(Audited {
                action: "case_classified",
                detail: "help -> question".into()
            })
        );
    }

    #[test]
    fn the_first_reply_is_the_first_answer_and_reaches_the_resident() {
        let change = act(
            CaseAction::Reply {
                body: "已派人查看".into(),
            },
            &case(),
        )
        .unwrap();
        assert_eq!(
            change.set,
            vec![
                Set::FirstAnswerAt(NOW),
                Set::Status(CaseStatus::InProgress),
                Set::AcknowledgedAt(NOW)
            ]
        );
        assert!(change.events[0].public);
        assert!(matches!(
            &change.mails[..],
            [Mail::Resident(Message::Reply { .. })]
        ));
        let answered = CaseRecord {
            first_answer_at: Some(1),
            acknowledged_at: Some(1),
            status: CaseStatus::InProgress,
            ..case()
        };
        let again = act(
            CaseAction::Reply {
                body: "又一次".into(),
            },
            &answered,
        )
        .unwrap();
        assert!(again.set.is_empty());
    }

    #[test]
    fn a_note_stays_internal_and_may_follow_the_end() {
        let closed = CaseRecord {
            status: CaseStatus::Closed,
            ..case()
        };
        let change = act(
            CaseAction::Note {
                body: "备注".into(),
            },
            &closed,
        )
        .unwrap();
        assert!(change.set.is_empty() && change.mails.is_empty());
        assert!(!change.events[0].public);
        assert_eq!(
            act(CaseAction::Reply { body: "x".into() }, &closed),
            Err(Refusal::Action(ActionError::NotOpen))
        );
    }

    #[test]
    fn resolving_needs_a_summary_and_a_department_only_for_a_referral() {
        let resolve = |outcome, summary: &str, referral: Option<(&str, &str)>| {
            act(
                CaseAction::Resolve {
                    outcome,
                    summary: summary.into(),
                    referral: referral.map(|(d, c)| (d.into(), c.into())),
                    finding: None,
                },
                &case(),
            )
        };
        assert_eq!(
            resolve(Outcome::Resolved, "  ", None),
            Err(Refusal::Action(ActionError::SummaryRequired))
        );
        assert_eq!(
            resolve(Outcome::Referred, "转供电所", None),
            Err(Refusal::Action(ActionError::DepartmentRequired))
        );
        assert_eq!(
            resolve(Outcome::Resolved, "已修好", Some(("供电所", "0000"))),
            Err(Refusal::Action(ActionError::DepartmentRequired))
        );
        let change = resolve(Outcome::Referred, "转供电所", Some(("供电所", "0000"))).unwrap();
        assert_eq!(change.status(), Some(CaseStatus::Resolved));
        assert!(
            change
                .set
                .contains(&Set::Referral(Some(("供电所".into(), "0000".into()))))
        );
        assert!(change.set.contains(&Set::FirstAnswerAt(NOW)));
        assert!(matches!(
            &change.mails[..],
            [Mail::Resident(Message::Referred { .. })]
        ));
        assert_eq!(change.audit.unwrap().action, "case_resolved");
    }

    #[test]
    fn one_extension_request_at_a_time_and_approval_moves_the_due_date() {
        let asked = act(
            CaseAction::RequestExtension {
                days: 5,
                reason: "等待鉴定".into(),
            },
            &case(),
        )
        .unwrap();
        assert_eq!(
            asked.set,
            vec![Set::Extension(Some((5, "等待鉴定".into())))]
        );
        let pending = CaseRecord {
            extension_days: Some(5),
            overdue: true,
            ..case()
        };
        assert_eq!(
            act(
                CaseAction::RequestExtension {
                    days: 2,
                    reason: "x".into()
                },
                &pending
            ),
            Err(Refusal::Action(ActionError::ExtensionPending))
        );
        let approved = act(CaseAction::DecideExtension { approve: true }, &pending).unwrap();
        // Due 7 December (a Monday) + 5 working days.
        assert_eq!(
            approved.set,
            vec![
                Set::DueOn("2026-12-14".into()),
                Set::Overdue(false),
                Set::Extension(None)
            ]
        );
        assert_eq!(
            act(CaseAction::DecideExtension { approve: false }, &case()),
            Err(Refusal::Action(ActionError::NoExtensionPending))
        );
    }

    #[test]
    fn a_merge_closes_the_case_and_notes_it_on_the_one_that_continues() {
        let target = CaseRecord {
            id: 8,
            reference: Reference::new(2026, 8),
            ..case()
        };
        let into = target.reference.clone();
        let inputs = Inputs {
            merge_target: Some(target),
            ..Inputs::default()
        };
        let change = run(
            Command::Act(CaseAction::Merge { into: into.clone() }),
            &case(),
            &inputs,
        )
        .unwrap();
        assert!(change.set.contains(&Set::MergedInto(8)));
        assert_eq!(change.status(), Some(CaseStatus::Closed));
        assert_eq!(change.events[1].on, On::Case(8));
        // Into itself, or into nothing the caller may triage: refused.
        let itself = Inputs {
            merge_target: Some(case()),
            ..Inputs::default()
        };
        assert_eq!(
            run(Command::Act(CaseAction::Merge { into }), &case(), &itself),
            Err(Refusal::Action(ActionError::MergeTarget))
        );
    }

    #[test]
    fn hiding_closes_the_case_with_a_reason_the_resident_sees() {
        let change = act(
            CaseAction::Hide {
                reason: "广告".into(),
            },
            &case(),
        )
        .unwrap();
        assert_eq!(change.status(), Some(CaseStatus::Closed));
        assert!(change.set.contains(&Set::Hidden(true)));
        assert!(
            change
                .set
                .contains(&Set::HiddenBecause(Some(("广告".into(), None))))
        );
        assert_eq!(change.events[0].kind, EventKind::Hidden);
        assert!(change.events[0].public && change.events[0].body == "广告");
    }

    #[test]
    fn answers_close_or_reopen_a_resolved_case_and_nothing_else() {
        let resolved = CaseRecord {
            status: CaseStatus::Resolved,
            outcome: Some(Outcome::Resolved),
            resolved_at: Some(NOW),
            ..case()
        };
        let inputs = Inputs {
            deadline_days: Some((1, 5)),
            ..Inputs::default()
        };
        let answer = |a, c: &CaseRecord| run(Command::Answer(a), c, &inputs);
        let closed = answer(Satisfaction::Satisfied, &resolved).unwrap();
        assert_eq!(closed.status(), Some(CaseStatus::Closed));
        assert_eq!(closed.effect, Some(FeedbackEffect::Close));
        assert_eq!(closed.events[1].by, By::System);
        let reopened = answer(Satisfaction::Dissatisfied, &resolved).unwrap();
        assert_eq!(reopened.status(), Some(CaseStatus::Reopened));
        assert!(reopened.set.contains(&Set::EscalationLevel(1)));
        assert!(reopened.set.contains(&Set::DueOn("2026-12-07".into())));
        assert!(reopened.set.contains(&Set::Outcome(None)));
        let twice = CaseRecord {
            reopen_count: 1,
            ..resolved.clone()
        };
        let to_inspectors = answer(Satisfaction::Dissatisfied, &twice).unwrap();
        assert_eq!(
            to_inspectors.events[2].kind,
            EventKind::EscalatedToInspector
        );
        assert_eq!(
            answer(Satisfaction::Satisfied, &case()),
            Err(Refusal::NotAwaitingAnswer)
        );
    }

    #[test]
    fn the_clock_marks_an_open_case_once_and_tells_its_officer() {
        let assigned = CaseRecord {
            assignee_account_id: Some(40),
            ..case()
        };
        let change = run(Command::MarkOverdue, &assigned, &Inputs::default()).unwrap();
        assert_eq!(
            change.set,
            vec![Set::Overdue(true), Set::EscalationLevel(1)]
        );
        assert!(matches!(
            &change.mails[..],
            [Mail::Staff {
                account_id: 40,
                message: Message::Overdue { .. }
            }]
        ));
        let marked = CaseRecord {
            overdue: true,
            ..assigned
        };
        assert_eq!(
            run(Command::MarkOverdue, &marked, &Inputs::default()),
            Err(Refusal::Nothing)
        );
    }

    /// What each kind of caller may do, as the access rules grant it.
    fn officer() -> Inputs {
        Inputs {
            rights: CaseRights {
                view: true,
                work: true,
                note: true,
                ..CaseRights::default()
            },
            account_id: Some(30),
            ..Inputs::default()
        }
    }

    fn leader() -> Inputs {
        Inputs {
            rights: CaseRights {
                view: true,
                triage: true,
                work: true,
                note: true,
                decide_extension: true,
                approve_as_leader: true,
                ..CaseRights::default()
            },
            account_id: Some(10),
            ..Inputs::default()
        }
    }

    fn inspector() -> Inputs {
        Inputs {
            rights: CaseRights {
                view: true,
                triage: true,
                work: true,
                note: true,
                approve_as_inspector: true,
                ..CaseRights::default()
            },
            account_id: Some(50),
            ..Inputs::default()
        }
    }

    fn resolution(finding: Option<Finding>) -> CaseAction {
        CaseAction::Resolve {
            outcome: Outcome::Explained,
            summary: "经核实".into(),
            referral: None,
            finding,
        }
    }

    /// A complaint about officer 9, under oversight.
    fn complaint() -> CaseRecord {
        CaseRecord {
            kind: crate::cases::CaseKind::Complaint,
            named_officer_id: Some(9),
            oversight: true,
            ..case()
        }
    }

    fn pending_of(change: &Change) -> Option<Awaiting> {
        change.set.iter().find_map(|set| match set {
            Set::Pending(Some(pending)) => Some(pending.awaiting),
            _ => None,
        })
    }

    fn with_pending(case: CaseRecord, action: CaseAction, awaiting: Awaiting) -> CaseRecord {
        CaseRecord {
            pending: Some(Pending {
                proposed: Proposed::Act { action },
                awaiting,
                by: Some(30),
                at: NOW,
            }),
            ..case
        }
    }

    #[test]
    fn an_officer_proposes_the_closing_of_a_complaint_and_the_leader_decides() {
        let station_complaint = CaseRecord {
            kind: crate::cases::CaseKind::Complaint,
            ..case()
        };
        let proposed = run(
            Command::Act(resolution(None)),
            &station_complaint,
            &officer(),
        )
        .unwrap();
        assert_eq!(pending_of(&proposed), Some(Awaiting::Leader));
        assert_eq!(proposed.status(), None, "nothing is resolved yet");
        assert!(proposed.mails.is_empty(), "the resident hears nothing yet");
        // The leader closes it directly, but only with a finding.
        assert_eq!(
            run(
                Command::Act(resolution(None)),
                &station_complaint,
                &leader()
            ),
            Err(Refusal::Action(ActionError::ChooseFinding))
        );
        let closed = run(
            Command::Act(resolution(Some(Finding::Partly))),
            &station_complaint,
            &leader(),
        )
        .unwrap();
        assert_eq!(closed.status(), Some(CaseStatus::Resolved));
        assert!(closed.set.contains(&Set::Finding(Some(Finding::Partly))));
        // A request for help is the officer's to close.
        let help = run(Command::Act(resolution(None)), &case(), &officer()).unwrap();
        assert_eq!(help.status(), Some(CaseStatus::Resolved));
    }

    #[test]
    fn under_oversight_the_leaders_ways_out_all_wait_for_the_inspectors() {
        let actions = [
            CaseAction::Classify {
                kind: crate::cases::CaseKind::Help,
            },
            CaseAction::Hide {
                reason: "重复".into(),
            },
            CaseAction::Merge {
                into: Reference::new(2026, 8),
            },
            resolution(Some(Finding::Unsubstantiated)),
        ];
        let target = CaseRecord {
            id: 8,
            reference: Reference::new(2026, 8),
            ..case()
        };
        for action in actions {
            let inputs = Inputs {
                merge_target: Some(target.clone()),
                deadline_days: Some((1, 5)),
                ..leader()
            };
            let change = run(Command::Act(action.clone()), &complaint(), &inputs).unwrap();
            assert_eq!(pending_of(&change), Some(Awaiting::Inspector), "{action:?}");
            assert!(
                !change.set.iter().any(|s| matches!(
                    s,
                    Set::Kind(_) | Set::Hidden(_) | Set::MergedInto(_) | Set::Status(_)
                )),
                "{action:?} took effect"
            );
            // The inspectors' own is made at once.
            let inputs = Inputs {
                merge_target: Some(target.clone()),
                deadline_days: Some((1, 5)),
                ..inspector()
            };
            let made = run(Command::Act(action.clone()), &complaint(), &inputs).unwrap();
            assert_eq!(pending_of(&made), None, "{action:?}");
        }
        // A case naming the leader: an officer's resolution goes to the inspectors.
        let about_the_leader = CaseRecord {
            names_leader: true,
            ..complaint()
        };
        let proposed = run(
            Command::Act(resolution(None)),
            &about_the_leader,
            &officer(),
        )
        .unwrap();
        assert_eq!(pending_of(&proposed), Some(Awaiting::Inspector));
    }

    #[test]
    fn one_proposal_at_a_time_decided_only_by_whom_it_waits_for() {
        let waiting = with_pending(complaint(), resolution(None), Awaiting::Leader);
        assert_eq!(
            run(
                Command::Act(CaseAction::Classify {
                    kind: crate::cases::CaseKind::Help
                }),
                &waiting,
                &leader()
            ),
            Err(Refusal::Action(ActionError::ProposalPending))
        );
        let decide = |approve: bool, finding| {
            Command::Act(CaseAction::Decide {
                approve,
                note: "意见".into(),
                finding,
            })
        };
        // Waiting for the leader: the inspectors cannot skip them, an officer cannot.
        assert_eq!(
            run(decide(true, None), &waiting, &officer()),
            Err(Refusal::Action(ActionError::NoProposal))
        );
        // The leader's yes on a case under oversight goes on to the inspectors.
        let forwarded = run(
            decide(true, Some(Finding::Substantiated)),
            &waiting,
            &leader(),
        )
        .unwrap();
        assert_eq!(pending_of(&forwarded), Some(Awaiting::Inspector));
        assert_eq!(forwarded.status(), None);
        // The inspectors' yes makes it, with their finding.
        let at_inspectors = with_pending(complaint(), resolution(None), Awaiting::Inspector);
        assert_eq!(
            run(decide(true, None), &at_inspectors, &inspector()),
            Err(Refusal::Action(ActionError::ChooseFinding))
        );
        let made = run(
            decide(true, Some(Finding::Unsubstantiated)),
            &at_inspectors,
            &inspector(),
        )
        .unwrap();
        assert_eq!(made.status(), Some(CaseStatus::Resolved));
        assert!(made.set.contains(&Set::Pending(None)));
        assert!(
            made.set
                .contains(&Set::Finding(Some(Finding::Unsubstantiated)))
        );
        // A no clears it, and says so in the timeline.
        let returned = run(decide(false, None), &at_inspectors, &inspector()).unwrap();
        assert_eq!(returned.set, vec![Set::Pending(None)]);
        assert_eq!(returned.events[0].kind, EventKind::ProposalReturned);
    }

    #[test]
    fn a_hidden_case_takes_one_objection_which_the_inspectors_decide() {
        let hidden = CaseRecord {
            hidden: true,
            status: CaseStatus::Closed,
            hidden_reason: Some("广告".into()),
            ..case()
        };
        let objected = run(Command::Object, &hidden, &Inputs::default()).unwrap();
        assert_eq!(pending_of(&objected), Some(Awaiting::Inspector));
        assert!(objected.set.contains(&Set::EscalationLevel(2)));
        assert!(objected.events[0].public);
        let twice = CaseRecord {
            objected_at: Some(NOW),
            ..hidden.clone()
        };
        assert_eq!(
            run(Command::Object, &twice, &Inputs::default()),
            Err(Refusal::NotObjectable)
        );
        assert_eq!(
            run(Command::Object, &case(), &Inputs::default()),
            Err(Refusal::NotObjectable)
        );
        let waiting = CaseRecord {
            pending: Some(Pending {
                proposed: Proposed::Restore,
                awaiting: Awaiting::Inspector,
                by: None,
                at: NOW,
            }),
            ..twice
        };
        let restore = Command::Act(CaseAction::Decide {
            approve: true,
            note: "确属真实诉求".into(),
            finding: None,
        });
        let restored = run(restore, &waiting, &inspector()).unwrap();
        assert!(restored.set.contains(&Set::Hidden(false)));
        assert_eq!(restored.status(), Some(CaseStatus::Reopened));
        let keep = Command::Act(CaseAction::Decide {
            approve: false,
            note: "确为广告".into(),
            finding: None,
        });
        let kept = run(keep, &waiting, &inspector()).unwrap();
        assert!(
            kept.events
                .iter()
                .any(|e| e.kind == EventKind::ObjectionRefused && e.public)
        );
    }

    #[test]
    fn a_case_not_taken_up_in_time_is_flagged_once_and_a_placed_one_escalated() {
        let flagged = run(Command::MarkAckOverdue, &case(), &Inputs::default()).unwrap();
        assert!(flagged.set.contains(&Set::AckOverdue(true)));
        assert!(flagged.set.contains(&Set::EscalationLevel(1)));
        let unplaced = CaseRecord {
            station_id: None,
            station_slug: None,
            ..case()
        };
        let flagged = run(Command::MarkAckOverdue, &unplaced, &Inputs::default()).unwrap();
        assert!(
            !flagged
                .set
                .iter()
                .any(|s| matches!(s, Set::EscalationLevel(_)))
        );
        let taken = CaseRecord {
            acknowledged_at: Some(NOW),
            ..case()
        };
        assert_eq!(
            run(Command::MarkAckOverdue, &taken, &Inputs::default()),
            Err(Refusal::Nothing)
        );
    }

    #[test]
    fn reclassifying_into_a_complaint_about_the_officer_it_names_puts_it_under_oversight() {
        let commendation = CaseRecord {
            kind: crate::cases::CaseKind::Commendation,
            named_officer_id: Some(9),
            ..case()
        };
        let inputs = Inputs {
            deadline_days: Some((1, 15)),
            ..leader()
        };
        let change = run(
            Command::Act(CaseAction::Classify {
                kind: crate::cases::CaseKind::Complaint,
            }),
            &commendation,
            &inputs,
        )
        .unwrap();
        assert!(change.set.contains(&Set::Oversight));
    }

    #[test]
    fn a_clerk_cannot_close_a_complaint_any_other_way_either() {
        let clerk = Inputs {
            rights: CaseRights {
                view: true,
                triage: true,
                note: true,
                ..CaseRights::default()
            },
            account_id: Some(20),
            deadline_days: Some((1, 3)),
            merge_target: Some(CaseRecord {
                id: 8,
                reference: Reference::new(2026, 8),
                ..case()
            }),
            ..Inputs::default()
        };
        // A complaint about the station itself: not under oversight, still the leader's.
        let complaint = CaseRecord {
            kind: crate::cases::CaseKind::Complaint,
            ..case()
        };
        for action in [
            CaseAction::Classify {
                kind: crate::cases::CaseKind::Question,
            },
            CaseAction::Hide {
                reason: "无效".into(),
            },
            CaseAction::Merge {
                into: Reference::new(2026, 8),
            },
            CaseAction::Resolve {
                outcome: Outcome::Referred,
                summary: "转市场监管".into(),
                referral: Some(("市场监管局".into(), "12315".into())),
                finding: None,
            },
        ] {
            let change = run(Command::Act(action.clone()), &complaint, &clerk).unwrap();
            assert_eq!(pending_of(&change), Some(Awaiting::Leader), "{action:?}");
        }
    }

    #[test]
    fn nobody_approves_their_own_proposal_and_an_approval_brings_its_own_finding() {
        // A leader who also holds the inspectors' right (two roles on one account).
        let both = Inputs {
            rights: CaseRights {
                approve_as_leader: true,
                approve_as_inspector: true,
                ..leader().rights
            },
            account_id: Some(30),
            ..Inputs::default()
        };
        let waiting = with_pending(complaint(), resolution(None), Awaiting::Inspector);
        let approve = |finding| {
            Command::Act(CaseAction::Decide {
                approve: true,
                note: String::new(),
                finding,
            })
        };
        assert_eq!(
            run(approve(Some(Finding::Partly)), &waiting, &both),
            Err(Refusal::Action(ActionError::NoProposal)),
            "proposed by account 30"
        );
        // The proposer's suggested finding is not taken over unseen.
        let suggested = with_pending(
            complaint(),
            resolution(Some(Finding::Unsubstantiated)),
            Awaiting::Inspector,
        );
        assert_eq!(
            run(approve(None), &suggested, &inspector()),
            Err(Refusal::Action(ActionError::ChooseFinding))
        );
    }

    #[test]
    fn merges_stay_out_of_tips_and_cases_under_oversight_and_the_leaders_complaint_stays_with_the_inspectors()
     {
        for target in [
            CaseRecord {
                id: 8,
                kind: crate::cases::CaseKind::Tip,
                ..case()
            },
            CaseRecord {
                id: 8,
                ..complaint()
            },
        ] {
            let inputs = Inputs {
                merge_target: Some(target),
                ..leader()
            };
            assert_eq!(
                run(
                    Command::Act(CaseAction::Merge {
                        into: Reference::new(2026, 8)
                    }),
                    &case(),
                    &inputs
                ),
                Err(Refusal::Action(ActionError::MergeTarget))
            );
        }
        let about_the_leader = CaseRecord {
            names_leader: true,
            ..complaint()
        };
        let inputs = Inputs {
            assignee: Some(Assignee {
                station_id: 1,
                officer_id: Some(31),
                office_id: None,
            }),
            ..inspector()
        };
        assert_eq!(
            run(
                Command::Act(CaseAction::Assign { account_id: 31 }),
                &about_the_leader,
                &inputs
            ),
            Err(Refusal::Action(ActionError::NotAssignable))
        );
    }

    #[test]
    fn resolving_directly_clears_a_proposal_left_waiting() {
        let waiting = with_pending(complaint(), resolution(None), Awaiting::Leader);
        let change = run(
            Command::Act(resolution(Some(Finding::Substantiated))),
            &waiting,
            &inspector(),
        )
        .unwrap();
        assert_eq!(change.status(), Some(CaseStatus::Resolved));
        assert!(change.set.contains(&Set::Pending(None)));
    }
}
