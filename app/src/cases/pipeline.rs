//! The one way a case changes: load it (its row locked on PostgreSQL) → may this actor
//! give this command? (`workspace/access.rs`) → look up what the command needs →
//! [`decide`] (pure) → [`persist`] (the case, its timeline, the outbox, the audit log
//! and the monthly counts) → commit. Staff actions, `resolve-case`, residents' 回访
//! answers and the deadline clock all come through here; new cases (requests, Open311,
//! 差评 reviews, visit opinions) through [`Executor::open`], decided and persisted alike.

use super::change::Change;
use super::decide::{Assignee, Command, Inputs, Refusal, decide};
use super::opening::{DeadlineDays, NewCase, OpenedCase, Opener, decide_opening};
use super::persist::{Actor, persist, persist_opening};
use super::proposal::{Pending, Proposed};
use super::record::{CaseKey, CaseRecord, load_for_change, load_in};
use super::server::deadline_days;
use crate::audit::AuditKey;
use crate::calendar::WorkCalendar;
use crate::db::Db;
use crate::workspace::access::{CaseRights, case_rights};
use crate::workspace::actions::CaseAction;
use sqlx::{Any, Transaction};

/// What a command needs from its caller besides the command.
pub struct Executor<'a> {
    pub db: &'a Db,
    pub key: &'a AuditKey,
    pub calendar: &'a WorkCalendar,
    pub now: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// No such case, or the actor may not know it exists.
    #[error("not found")]
    NotFound,
    /// The actor sees the case but may not do this.
    #[error("forbidden")]
    Forbidden,
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl Executor<'_> {
    /// Runs `command` on the case `key` for `actor`, in one transaction; returns what
    /// it changed.
    #[tracing::instrument(skip_all, fields(command = ?std::mem::discriminant(&command)))]
    pub async fn run(
        &self,
        actor: Actor<'_>,
        key: CaseKey<'_>,
        command: Command,
    ) -> Result<Change, RunError> {
        let backend = self.db.backend();
        let mut tx = self.db.begin_write().await?;
        let case = load_for_change(&mut tx, backend, key)
            .await?
            .ok_or(RunError::NotFound)?;
        authorize(actor, &case, &command)?;
        let inputs = look_up(&mut tx, actor, &case, &command).await?;
        let change =
            decide(&command, &case, &inputs, self.calendar, self.now).map_err(RunError::Refused)?;
        persist(&mut tx, backend, self.key, actor, &case, &change, self.now).await?;
        tx.commit().await?;
        Ok(change)
    }

    /// Opens `case` for `actor` (the resident, or a staff member turning a visit
    /// opinion into a case) in the caller's transaction, which holds what comes with it:
    /// the rating a review is about, the visit opinion, the receipt.
    #[tracing::instrument(skip_all, fields(kind = case.kind.code()))]
    pub async fn open(
        &self,
        tx: &mut Transaction<'_, Any>,
        actor: Actor<'_>,
        case: NewCase<'_>,
    ) -> Result<OpenedCase, sqlx::Error> {
        let opener = match actor {
            Actor::Staff(_) => Opener::Staff,
            Actor::Resident | Actor::Clock | Actor::Operator(_) => Opener::Resident,
        };
        let (ack, resolve) = deadline_days(tx, case.kind).await?;
        let days = DeadlineDays { ack, resolve };
        let opening = decide_opening(&case, opener, days, self.calendar, self.now);
        persist_opening(
            tx,
            self.db.backend(),
            self.key,
            actor,
            &case,
            &opening,
            self.now,
        )
        .await
    }
}

/// Whether `actor` may give `command` for `case`: staff by the access rules, the
/// resident only their 回访 answer and their objection (their access code was checked
/// before), the clock only its deadlines, an operator only a resolution.
fn authorize(actor: Actor<'_>, case: &CaseRecord, command: &Command) -> Result<(), RunError> {
    match (actor, command) {
        (Actor::Staff(member), Command::Act(action)) => {
            let rights = case_rights(member, &case.facts());
            if !rights.view {
                return Err(RunError::NotFound);
            }
            if !allowed(rights, action) {
                return Err(RunError::Forbidden);
            }
            Ok(())
        }
        (Actor::Resident, Command::Answer(_) | Command::Object)
        | (Actor::Clock, Command::MarkOverdue | Command::MarkAckOverdue)
        | (Actor::Operator(_), Command::Act(CaseAction::Resolve { .. })) => Ok(()),
        _ => Err(RunError::Forbidden),
    }
}

/// The right an action needs.
fn allowed(rights: CaseRights, action: &CaseAction) -> bool {
    match action {
        CaseAction::Assign { .. }
        | CaseAction::Classify { .. }
        | CaseAction::Merge { .. }
        | CaseAction::Hide { .. }
        | CaseAction::Place { .. } => rights.triage,
        // A referral straight from the intake queue is triage; any other ending is work.
        CaseAction::Resolve { referral, .. } => {
            rights.work || (referral.is_some() && rights.triage)
        }
        CaseAction::Reply { .. } | CaseAction::RequestExtension { .. } => rights.work,
        CaseAction::Note { .. } => rights.note,
        CaseAction::SetDetail { .. } => rights.triage || rights.work,
        CaseAction::DecideExtension { .. } => rights.decide_extension,
        CaseAction::Decide { .. } => rights.approve_as_leader || rights.approve_as_inspector,
    }
}

/// What the command needs from the database besides the case itself.
async fn look_up(
    tx: &mut Transaction<'_, Any>,
    actor: Actor<'_>,
    case: &CaseRecord,
    command: &Command,
) -> Result<Inputs, sqlx::Error> {
    let mut inputs = Inputs::default();
    match actor {
        Actor::Staff(member) => {
            inputs.rights = case_rights(member, &case.facts());
            inputs.account_id = Some(member.account_id);
        }
        // The command line resolves as the bureau: nothing waits for approval.
        Actor::Operator(_) => inputs.rights.approve_as_inspector = true,
        Actor::Resident | Actor::Clock => {}
    }
    // A decision makes the change that waits for it: look up what that one needs.
    let action = match command {
        Command::Act(CaseAction::Decide { .. }) => match &case.pending {
            Some(Pending {
                proposed: Proposed::Act { action },
                ..
            }) => Some(action),
            _ => None,
        },
        Command::Act(action) => Some(action),
        _ => None,
    };
    match action {
        Some(CaseAction::Assign { account_id }) => {
            inputs.assignee = assignee(tx, case, *account_id).await?;
        }
        Some(CaseAction::Classify { kind }) => {
            inputs.deadline_days = Some(deadline_days(tx, *kind).await?);
        }
        Some(CaseAction::Merge { into }) => {
            // Not locked: the case a merge continues in only gains a timeline entry. The
            // proposer's right to it was checked when the merge was proposed; deciding
            // it needs only that it still exists (and is one a case may merge into).
            let deciding = matches!(command, Command::Act(CaseAction::Decide { .. }));
            let target = load_in(tx, CaseKey::Reference(into)).await?;
            inputs.merge_target = target.filter(|target| match actor {
                Actor::Staff(_) if deciding => true,
                Actor::Staff(member) => case_rights(member, &target.facts()).triage,
                _ => false,
            });
        }
        Some(CaseAction::Place { station }) => {
            inputs.station =
                sqlx::query_as("SELECT id, name_zh FROM stations WHERE slug = $1 AND active = 1")
                    .bind(station.as_ref())
                    .fetch_optional(&mut **tx)
                    .await?;
        }
        _ => {}
    }
    if let Command::Answer(_) = command {
        inputs.deadline_days = Some(deadline_days(tx, case.kind).await?);
    }
    Ok(inputs)
}

/// The account to assign, if it holds the officer role, is active, and serves at the
/// case's station (at any station while the case waits in the bureau's triage, where
/// assigning also places it). Whether it is the officer the case names is `decide`'s.
async fn assignee(
    tx: &mut Transaction<'_, Any>,
    case: &CaseRecord,
    account_id: i64,
) -> Result<Option<Assignee>, sqlx::Error> {
    let row: Option<(i64, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT r.station_id, a.officer_id, o.office_id
         FROM staff_accounts a JOIN staff_roles r ON r.account_id = a.id AND r.role = 'officer'
         LEFT JOIN officers o ON o.id = a.officer_id
         WHERE a.id = $1 AND a.disabled = 0 AND (r.station_id = $2 OR $2 IS NULL)
         ORDER BY r.id LIMIT 1",
    )
    .bind(account_id)
    .bind(case.station_id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|(station_id, officer_id, office_id)| Assignee {
        station_id,
        officer_id,
        office_id,
    }))
}
