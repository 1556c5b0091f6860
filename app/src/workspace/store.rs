//! The workspace's writes. Each action runs in one transaction that reads the case,
//! checks the caller's rights on it as it is now, changes it, and appends its timeline
//! and audit entries: a refused or failed action leaves nothing behind.

use super::ContactDetails;
use super::access::{CaseFacts, CaseRights, case_rights, may_be_assigned};
use super::actions::{ActionError, CaseAction};
use crate::audit::{Actor, AuditKey, Entry, append};
use crate::calendar::{WorkCalendar, format_date, local_date, parse_date};
use crate::cases::server::{add_staff_event, deadline_days};
use crate::cases::tracking_server::{Resolution, ResolveError, resolve_in};
use crate::cases::{CaseKind, EventKind, Reference};
use crate::db::Db;
use crate::mail::{Message, outbox, staff_subject};
use crate::reports::case_rollups::Tally;
use crate::staff::StaffMember;
use sqlx::{Any, Transaction};

#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    /// No such case, or the caller may not know it exists.
    #[error("not found")]
    NotFound,
    /// The caller sees the case but may not do this.
    #[error("forbidden")]
    Forbidden,
    #[error("refused: {0:?}")]
    Refused(ActionError),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl From<ResolveError> for ApplyError {
    fn from(error: ResolveError) -> Self {
        match error {
            ResolveError::Database(error) => ApplyError::Database(error),
            ResolveError::UnknownCase(_) => ApplyError::NotFound,
            ResolveError::NotOpen(_) => ApplyError::Refused(ActionError::NotOpen),
            ResolveError::Invalid(_) => ApplyError::Refused(ActionError::SummaryRequired),
        }
    }
}

/// A case as the rules see it.
#[derive(Debug, sqlx::FromRow)]
pub struct CaseRow {
    pub id: i64,
    pub kind: String,
    pub status: String,
    pub station_id: Option<i64>,
    pub station_slug: Option<String>,
    pub office_id: Option<i64>,
    pub named_officer_id: Option<i64>,
    pub assignee_account_id: Option<i64>,
    pub escalation_level: i64,
    pub merged_into_id: Option<i64>,
    pub hidden: i64,
    pub extension_days: Option<i64>,
    pub due_on: String,
    pub created_at: i64,
    pub subject: String,
}

impl CaseRow {
    pub fn kind(&self) -> CaseKind {
        CaseKind::parse(&self.kind).unwrap_or(CaseKind::Question)
    }

    pub fn facts(&self) -> CaseFacts<'_> {
        CaseFacts {
            station: self.station_slug.as_deref(),
            kind: self.kind(),
            named_officer_id: self.named_officer_id,
            assignee_account_id: self.assignee_account_id,
            escalation_level: self.escalation_level,
        }
    }

    pub fn is_open(&self) -> bool {
        !matches!(self.status.as_str(), "resolved" | "closed")
            && self.merged_into_id.is_none()
            && self.hidden == 0
    }
}

pub const CASE_ROW_SQL: &str =
    "SELECT c.id, c.kind, c.status, c.station_id, s.slug AS station_slug, c.office_id,
        c.named_officer_id, c.assignee_account_id, c.escalation_level, c.merged_into_id, c.hidden,
        c.extension_days, c.due_on, c.created_at, c.subject
     FROM cases c LEFT JOIN stations s ON s.id = c.station_id WHERE c.reference = $1";

async fn load(
    tx: &mut Transaction<'_, Any>,
    reference: &Reference,
) -> Result<Option<CaseRow>, sqlx::Error> {
    sqlx::query_as(CASE_ROW_SQL)
        .bind(reference.as_ref())
        .fetch_optional(&mut **tx)
        .await
}

/// The right an action needs.
fn allowed(rights: CaseRights, action: &CaseAction) -> bool {
    match action {
        CaseAction::Assign { .. }
        | CaseAction::Classify { .. }
        | CaseAction::Merge { .. }
        | CaseAction::Hide => rights.triage,
        // A referral straight from the intake queue is triage; any other ending is work.
        CaseAction::Resolve { referral, .. } => {
            rights.work || (referral.is_some() && rights.triage)
        }
        CaseAction::Reply { .. } | CaseAction::RequestExtension { .. } => rights.work,
        CaseAction::Note { .. } => rights.note,
        CaseAction::DecideExtension { .. } => rights.decide_extension,
    }
}

/// What the deadline clock and the page need from the caller's request.
pub struct Context<'a> {
    pub db: &'a Db,
    pub key: &'a AuditKey,
    pub calendar: &'a WorkCalendar,
    pub member: &'a StaffMember,
    pub now: i64,
}

/// Applies `action` to the case `reference` for `cx.member`.
#[tracing::instrument(skip_all, fields(reference = %reference, action = action.audit_name()))]
pub async fn apply(
    cx: &Context<'_>,
    reference: &Reference,
    action: CaseAction,
) -> Result<(), ApplyError> {
    let mut tx = cx.db.writer().begin().await?;
    let case = load(&mut tx, reference)
        .await?
        .ok_or(ApplyError::NotFound)?;
    let rights = case_rights(cx.member, &case.facts());
    if !rights.view {
        return Err(ApplyError::NotFound);
    }
    if !allowed(rights, &action) {
        return Err(ApplyError::Forbidden);
    }
    // Notes may still be added to a finished case; nothing else changes it.
    if !case.is_open() && !matches!(action, CaseAction::Note { .. }) {
        return Err(ApplyError::Refused(ActionError::NotOpen));
    }
    let account = cx.member.account_id;
    let now = cx.now;
    // Whatever the action changes (station, kind, first answer, due date, hidden), the
    // monthly case counts follow in this transaction.
    let tally = Tally::read(&mut tx, cx.db.backend(), case.id).await?;
    let detail: String = match &action {
        CaseAction::Assign { account_id } => {
            let officer = assignee(&mut tx, &case, *account_id).await?;
            sqlx::query(
                "UPDATE cases SET assignee_account_id = $1, station_id = $2,
                        office_id = COALESCE($3, office_id),
                        status = CASE WHEN status = 'new' THEN 'assigned' ELSE status END, updated_at = $4
                 WHERE id = $5",
            )
            .bind(account_id)
            .bind(officer.station_id)
            .bind(officer.office_id)
            .bind(now)
            .bind(case.id)
            .execute(&mut *tx)
            .await?;
            add_staff_event(
                &mut tx,
                case.id,
                EventKind::Assigned,
                true,
                "",
                account,
                now,
            )
            .await?;
            let message = Message::Assigned {
                reference: reference.to_string(),
                case_kind: case.kind.clone(),
                subject: staff_subject(case.kind(), case.subject.clone()),
                due_on: case.due_on.clone(),
            };
            outbox::to_staff(&mut tx, *account_id, &message, None, now).await?;
            format!("to account {account_id}")
        }
        CaseAction::Classify { kind } => {
            // The deadlines follow the kind, counted from the day the case was filed.
            let (ack_days, resolve_days) = deadline_days(&mut tx, *kind).await?;
            let filed = local_date(case.created_at);
            sqlx::query(
                "UPDATE cases SET kind = $1, ack_due_on = $2, due_on = $3, updated_at = $4 WHERE id = $5",
            )
            .bind(kind.code())
            .bind(format_date(cx.calendar.add_working_days(filed, ack_days)))
            .bind(format_date(cx.calendar.add_working_days(filed, resolve_days)))
            .bind(now)
            .bind(case.id)
            .execute(&mut *tx)
            .await?;
            add_staff_event(
                &mut tx,
                case.id,
                EventKind::Classified,
                true,
                kind.code(),
                account,
                now,
            )
            .await?;
            format!("{} -> {}", case.kind, kind.code())
        }
        CaseAction::Reply { body } => {
            sqlx::query(
                "UPDATE cases SET first_answer_at = COALESCE(first_answer_at, $1),
                        status = CASE WHEN status IN ('new', 'assigned') THEN 'in_progress' ELSE status END,
                        updated_at = $1
                 WHERE id = $2",
            )
            .bind(now)
            .bind(case.id)
            .execute(&mut *tx)
            .await?;
            add_staff_event(&mut tx, case.id, EventKind::Reply, true, body, account, now).await?;
            let message = Message::Reply {
                reference: reference.to_string(),
                body: body.clone(),
            };
            outbox::to_resident(&mut tx, case.id, &message, now).await?;
            String::new()
        }
        CaseAction::Note { body } => {
            add_staff_event(&mut tx, case.id, EventKind::Note, false, body, account, now).await?;
            String::new()
        }
        CaseAction::Resolve {
            outcome,
            summary,
            referral,
        } => {
            let by = Actor {
                key: cx.key,
                account_id: Some(account),
                name: &cx.member.username,
            };
            let resolution = Resolution {
                outcome: *outcome,
                summary,
                referral: referral.as_ref().map(|(d, c)| (d.as_str(), c.as_str())),
            };
            resolve_in(
                &mut tx,
                cx.db.backend(),
                by,
                case.id,
                reference,
                resolution,
                now,
            )
            .await?;
            // resolve_in wrote its own audit entry and settled its own tally.
            drop(tally);
            tx.commit().await?;
            return Ok(());
        }
        CaseAction::RequestExtension { days, reason } => {
            if case.extension_days.is_some() {
                return Err(ApplyError::Refused(ActionError::ExtensionPending));
            }
            sqlx::query(
                "UPDATE cases SET extension_days = $1, extension_reason = $2, updated_at = $3 WHERE id = $4",
            )
            .bind(i64::from(*days))
            .bind(reason)
            .bind(now)
            .bind(case.id)
            .execute(&mut *tx)
            .await?;
            let body = format!("{days} · {reason}");
            add_staff_event(
                &mut tx,
                case.id,
                EventKind::ExtensionRequested,
                false,
                &body,
                account,
                now,
            )
            .await?;
            format!("{days} working days")
        }
        CaseAction::DecideExtension { approve } => {
            let Some(days) = case.extension_days else {
                return Err(ApplyError::Refused(ActionError::NoExtensionPending));
            };
            if *approve {
                let today = local_date(now);
                let due = parse_date(&case.due_on).unwrap_or(today).max(today);
                let new_due =
                    format_date(cx.calendar.add_working_days(due, days.clamp(1, 30) as u32));
                sqlx::query(
                    "UPDATE cases SET due_on = $1, overdue = 0, extension_days = NULL, extension_reason = NULL,
                            updated_at = $2
                     WHERE id = $3",
                )
                .bind(&new_due)
                .bind(now)
                .bind(case.id)
                .execute(&mut *tx)
                .await?;
                add_staff_event(
                    &mut tx,
                    case.id,
                    EventKind::ExtensionGranted,
                    true,
                    &new_due,
                    account,
                    now,
                )
                .await?;
                format!("approved: due {new_due}")
            } else {
                sqlx::query(
                    "UPDATE cases SET extension_days = NULL, extension_reason = NULL, updated_at = $1 WHERE id = $2",
                )
                .bind(now)
                .bind(case.id)
                .execute(&mut *tx)
                .await?;
                add_staff_event(
                    &mut tx,
                    case.id,
                    EventKind::ExtensionRefused,
                    false,
                    "",
                    account,
                    now,
                )
                .await?;
                "refused".to_string()
            }
        }
        CaseAction::Merge { into } => {
            let target = load(&mut tx, into)
                .await?
                .filter(|target| target.id != case.id && target.is_open())
                .filter(|target| case_rights(cx.member, &target.facts()).triage)
                .ok_or(ApplyError::Refused(ActionError::MergeTarget))?;
            sqlx::query(
                "UPDATE cases SET merged_into_id = $1, status = 'closed', closed_at = $2, updated_at = $2
                 WHERE id = $3",
            )
            .bind(target.id)
            .bind(now)
            .bind(case.id)
            .execute(&mut *tx)
            .await?;
            add_staff_event(&mut tx, case.id, EventKind::Merged, true, "", account, now).await?;
            let note = format!("{reference} → {into}");
            add_staff_event(
                &mut tx,
                target.id,
                EventKind::Merged,
                false,
                &note,
                account,
                now,
            )
            .await?;
            format!("into {into}")
        }
        CaseAction::Hide => {
            sqlx::query(
                "UPDATE cases SET hidden = 1, status = 'closed', closed_at = $1, updated_at = $1 WHERE id = $2",
            )
            .bind(now)
            .bind(case.id)
            .execute(&mut *tx)
            .await?;
            add_staff_event(&mut tx, case.id, EventKind::Hidden, false, "", account, now).await?;
            String::new()
        }
    };
    tally.settle(&mut tx).await?;
    let entry = Entry {
        actor_account_id: Some(account),
        actor: &cx.member.username,
        action: action.audit_name(),
        object_type: "case",
        object_id: reference.as_ref(),
        detail: &detail,
        client: "",
    };
    append(&mut tx, cx.db.backend(), cx.key, entry, now).await?;
    tx.commit().await?;
    Ok(())
}

struct Assignee {
    station_id: i64,
    office_id: Option<i64>,
}

/// The account to assign: active, an officer at the case's station (any station while
/// the case waits in the bureau's triage, where assigning also places it), and not the
/// officer the case names.
async fn assignee(
    tx: &mut Transaction<'_, Any>,
    case: &CaseRow,
    account_id: i64,
) -> Result<Assignee, ApplyError> {
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
    match row {
        Some((station_id, officer_id, office_id)) if may_be_assigned(&case.facts(), officer_id) => {
            Ok(Assignee {
                station_id,
                office_id,
            })
        }
        _ => Err(ApplyError::Refused(ActionError::NotAssignable)),
    }
}

/// The resident's contact details, for a caller who may see them; each look is recorded
/// in the audit log before the details are returned.
pub async fn reveal_contact(
    cx: &Context<'_>,
    reference: &Reference,
) -> Result<ContactDetails, ApplyError> {
    let mut tx = cx.db.writer().begin().await?;
    let case = load(&mut tx, reference)
        .await?
        .ok_or(ApplyError::NotFound)?;
    let rights = case_rights(cx.member, &case.facts());
    if !rights.view {
        return Err(ApplyError::NotFound);
    }
    if !rights.unmask_contact {
        return Err(ApplyError::Forbidden);
    }
    let (name, phone, email): (Option<String>, Option<String>, Option<String>) = sqlx::query_as(
        "SELECT contact_name, contact_phone, contact_email FROM cases WHERE id = $1",
    )
    .bind(case.id)
    .fetch_one(&mut *tx)
    .await?;
    let entry = Entry {
        actor_account_id: Some(cx.member.account_id),
        actor: &cx.member.username,
        action: "contact_viewed",
        object_type: "case",
        object_id: reference.as_ref(),
        ..Entry::default()
    };
    append(&mut tx, cx.db.backend(), cx.key, entry, cx.now).await?;
    tx.commit().await?;
    Ok(ContactDetails {
        name,
        phone,
        email,
        masked: false,
    })
}
