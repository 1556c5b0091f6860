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

use super::change::{Change, Mail, NewEvent, On, Set};
use super::details::{self, Detail};
use super::proposal::{Awaiting, Pending, Proposed};
use super::record::CaseRecord;
use super::{CaseKind, CaseStatus, Escalation, EventKind, FeedbackEffect, Outcome, Satisfaction};
use crate::calendar::{WorkCalendar, format_date, local_date, parse_date};
use crate::mail::{Message, staff_subject};
use crate::workspace::access::{CaseRights, may_be_assigned};
use crate::workspace::actions::{ActionError, CaseAction};

mod approval;
#[cfg(test)]
mod tests;

pub use approval::{approval_needed, proposal_summary};
use approval::{decide_pending, propose};

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
            // Notes and details may still be added to a finished case; nothing else
            // changes it.
            let describes = matches!(
                action,
                CaseAction::Note { .. } | CaseAction::SetDetail { .. }
            );
            if !case.is_open() && !describes {
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
            // A 差评核实 is counted by 差评整改率 under its kind: reclassifying one would
            // take it out of the denominator with no trace.
            if case.kind == CaseKind::RatingReview || *kind == CaseKind::RatingReview {
                return Err(ActionError::ReviewKindFixed.into());
            }
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
        CaseAction::SetDetail { detail, value } => {
            let detail = Detail::find(detail).ok_or(ActionError::UnknownAction)?;
            // A merged case lives on in another: its details belong there.
            if case.merged_into_id.is_some() {
                return Err(ActionError::NotOpen.into());
            }
            let old = case.details.get(detail.code);
            if old == value.as_ref() {
                return Err(ActionError::DetailUnchanged.into());
            }
            let body = details::timeline_body(detail.code, value.as_deref());
            // The timeline keeps every value in turn; the audit line names the one replaced.
            let audit = match old {
                Some(old) => format!("{body} (was {old})"),
                None => body.clone(),
            };
            Change::audited(name, audit)
                .set(Set::Detail {
                    column: detail.column,
                    value: value.clone(),
                })
                .event(NewEvent::internal(EventKind::DetailRecorded, body))
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
