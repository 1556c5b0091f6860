//! The resident's side of a case on the server: opening it with reference and access
//! code, its public timeline, the 回访 answer, and resolving (staff, or a fixture).

use super::server::{add_event, deadline_days};
use super::tracking::{TimelineEntry, TrackedCase};
use super::{
    AccessCode, CaseKind, CaseStatus, Escalation, EventKind, FeedbackEffect, Outcome, Reference,
    Satisfaction, feedback_effect,
};
use crate::calendar::{WorkCalendar, format_date, format_local_time, local_date, parse_date};
use crate::db::Db;
use crate::reports::case_rollups::Tally;
use crate::stations::Names;
use sqlx::AnyPool;

#[derive(sqlx::FromRow)]
struct CaseRow {
    id: i64,
    access_code_hash: String,
    kind: String,
    status: String,
    subject: String,
    station_zh: Option<String>,
    station_en: Option<String>,
    created_at: i64,
    due_on: String,
    outcome: Option<String>,
    outcome_summary: Option<String>,
    referral_department: Option<String>,
    referral_contact: Option<String>,
    satisfaction: Option<String>,
}

/// Compares two hashes without stopping at the first difference.
fn same_hash(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The case's id when the reference and access code match, else `None`: an unknown
/// reference and a wrong code look the same from outside (both also hash the code).
pub async fn authenticate(
    pool: &AnyPool,
    reference: &Reference,
    code: &AccessCode,
) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT id, access_code_hash FROM cases WHERE reference = $1")
            .bind(reference.as_ref())
            .fetch_optional(pool)
            .await?;
    let given = code.hash();
    Ok(row.and_then(|(id, stored)| same_hash(&stored, &given).then_some(id)))
}

/// The public side of a case, for the resident holding its access code.
pub async fn tracked_case(
    pool: &AnyPool,
    calendar: &WorkCalendar,
    reference: &Reference,
    code: &AccessCode,
    now: i64,
) -> Result<Option<TrackedCase>, sqlx::Error> {
    let row: Option<CaseRow> = sqlx::query_as(
        "SELECT c.id, c.access_code_hash, c.kind, c.status, c.subject, s.name_zh AS station_zh,
                s.name_en AS station_en, c.created_at, c.due_on, c.outcome, c.outcome_summary,
                c.referral_department, c.referral_contact, c.satisfaction
         FROM cases c LEFT JOIN stations s ON s.id = c.station_id
         WHERE c.reference = $1",
    )
    .bind(reference.as_ref())
    .fetch_optional(pool)
    .await?;
    let given = code.hash();
    let Some(row) = row.filter(|row| same_hash(&row.access_code_hash, &given)) else {
        return Ok(None);
    };
    let events: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT at, event_type, body FROM case_events WHERE case_id = $1 AND public = 1
         ORDER BY at, id",
    )
    .bind(row.id)
    .fetch_all(pool)
    .await?;
    let today = local_date(now);
    let due = parse_date(&row.due_on).unwrap_or(today);
    Ok(Some(TrackedCase {
        reference: reference.to_string(),
        kind: CaseKind::parse(&row.kind).unwrap_or(CaseKind::Question),
        status: CaseStatus::parse(&row.status).unwrap_or(CaseStatus::New),
        subject: row.subject,
        station: row.station_zh.map(|zh| Names {
            zh,
            en: row.station_en.unwrap_or_default(),
        }),
        filed_on: format_date(local_date(row.created_at)),
        due_on: row.due_on,
        working_days_left: calendar.working_days_between(today, due),
        outcome: row.outcome.as_deref().and_then(Outcome::parse),
        outcome_summary: row.outcome_summary,
        referral_department: row.referral_department,
        referral_contact: row.referral_contact,
        satisfaction: row.satisfaction.as_deref().and_then(Satisfaction::parse),
        events: events
            .into_iter()
            .filter_map(|(at, kind, body)| {
                Some(TimelineEntry {
                    at: format_local_time(at),
                    kind: EventKind::parse(&kind)?,
                    body,
                })
            })
            .collect(),
    }))
}

#[derive(Debug, thiserror::Error)]
pub enum FeedbackError {
    /// The case is not waiting for an answer (not resolved, or answered already).
    #[error("this case is not waiting for an answer")]
    NotAwaitingAnswer,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Records the resident's 回访 answer on a resolved case. 满意 and 基本满意 close it;
/// the first 不满意 reopens it with the leader, the second with the inspectors, with a new
/// deadline; a third is recorded and closes it.
#[tracing::instrument(skip(db, calendar, key))]
pub async fn record_feedback(
    db: &Db,
    key: &crate::audit::AuditKey,
    calendar: &WorkCalendar,
    case_id: i64,
    answer: Satisfaction,
    now: i64,
) -> Result<FeedbackEffect, FeedbackError> {
    let mut tx = db.writer().begin().await?;
    let row: Option<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT kind, status, reopen_count, escalation_level FROM cases WHERE id = $1",
    )
    .bind(case_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((kind, status, reopen_count, escalation_level)) = row else {
        return Err(FeedbackError::NotAwaitingAnswer);
    };
    if status != CaseStatus::Resolved.code() {
        return Err(FeedbackError::NotAwaitingAnswer);
    }
    let effect = feedback_effect(answer, reopen_count);
    let tally = Tally::read(&mut tx, db.backend(), case_id).await?;
    // Guarded by the status: of two racing answers, one counts.
    let updated = match effect {
        FeedbackEffect::Close => sqlx::query(
            "UPDATE cases SET status = 'closed', satisfaction = $1, closed_at = $2, updated_at = $2
             WHERE id = $3 AND status = 'resolved'",
        )
        .bind(answer.code())
        .bind(now)
        .bind(case_id)
        .execute(&mut *tx)
        .await?,
        FeedbackEffect::ReopenWith(escalation) => {
            let kind = CaseKind::parse(&kind).unwrap_or(CaseKind::Question);
            let (_, resolve_days) = deadline_days(&mut tx, kind).await?;
            let due_on = calendar.add_working_days(local_date(now), resolve_days);
            let level = (escalation as i64).max(escalation_level);
            sqlx::query(
                // The earlier answer stays in the timeline; the case has no outcome until
                // it is resolved again.
                "UPDATE cases SET status = 'reopened', satisfaction = NULL, reopen_count = reopen_count + 1,
                        escalation_level = $1, due_on = $2, overdue = 0, resolved_at = NULL, outcome = NULL,
                        outcome_summary = NULL, referral_department = NULL, referral_contact = NULL, updated_at = $3
                 WHERE id = $4 AND status = 'resolved'",
            )
            .bind(level)
            .bind(format_date(due_on))
            .bind(now)
            .bind(case_id)
            .execute(&mut *tx)
            .await?
        }
    };
    if updated.rows_affected() != 1 {
        return Err(FeedbackError::NotAwaitingAnswer);
    }
    // An answer counts under the month of the resolution; a reopened case leaves it.
    tally.settle(&mut tx).await?;
    add_event(
        &mut tx,
        case_id,
        EventKind::Feedback,
        true,
        answer.code(),
        now,
    )
    .await?;
    match effect {
        FeedbackEffect::Close => {
            add_event(&mut tx, case_id, EventKind::Closed, true, "", now).await?;
        }
        FeedbackEffect::ReopenWith(escalation) => {
            add_event(&mut tx, case_id, EventKind::Reopened, true, "", now).await?;
            let escalated = match escalation {
                Escalation::Inspector => EventKind::EscalatedToInspector,
                _ => EventKind::EscalatedToLeader,
            };
            add_event(&mut tx, case_id, escalated, true, "", now).await?;
        }
    }
    let detail = match effect {
        FeedbackEffect::Close => format!("{}; closed", answer.code()),
        FeedbackEffect::ReopenWith(escalation) => {
            format!("{}; reopened, escalated to {escalation:?}", answer.code())
        }
    };
    let object_id = case_id.to_string();
    let entry = crate::audit::Entry {
        actor: "resident",
        action: "case_feedback",
        object_type: "case",
        object_id: &object_id,
        detail: &detail,
        ..Default::default()
    };
    crate::audit::append(&mut tx, db.backend(), key, entry, now).await?;
    tx.commit().await?;
    Ok(effect)
}

#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("there is no case {0}")]
    UnknownCase(String),
    #[error("case {0} is already resolved or closed")]
    NotOpen(String),
    #[error("{0}")]
    Invalid(&'static str),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// How a case is resolved.
pub struct Resolution<'a> {
    pub outcome: Outcome,
    /// The public answer to the resident.
    pub summary: &'a str,
    /// For a referral: the responsible department and how to reach it.
    pub referral: Option<(&'a str, &'a str)>,
}

/// Resolves an open case with a public summary; the resident is then asked for their
/// answer on the tracking page. `opendoor resolve-case` calls this (tests use it as a
/// fixture); the staff workspace calls [`resolve_in`] inside its own transaction.
#[tracing::instrument(skip(db, by, resolution))]
pub async fn resolve_case(
    db: &Db,
    by: crate::audit::Actor<'_>,
    reference: &Reference,
    resolution: Resolution<'_>,
    now: i64,
) -> Result<(), ResolveError> {
    let mut tx = db.writer().begin().await?;
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM cases WHERE reference = $1")
        .bind(reference.as_ref())
        .fetch_optional(&mut *tx)
        .await?;
    let (case_id,) = row.ok_or_else(|| ResolveError::UnknownCase(reference.to_string()))?;
    resolve_in(
        &mut tx,
        db.backend(),
        by,
        case_id,
        reference,
        resolution,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Resolves the case `case_id` (known as `reference`) inside the caller's transaction:
/// status, outcome, the public timeline entry and the audit entry.
pub async fn resolve_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    backend: crate::db::Backend,
    by: crate::audit::Actor<'_>,
    case_id: i64,
    reference: &Reference,
    resolution: Resolution<'_>,
    now: i64,
) -> Result<(), ResolveError> {
    let summary = resolution.summary.trim();
    if summary.is_empty() || summary.chars().count() > 4200 {
        return Err(ResolveError::Invalid(
            "a resolution needs a summary of 1 to 4,000 characters",
        ));
    }
    if (resolution.outcome == Outcome::Referred) != resolution.referral.is_some() {
        return Err(ResolveError::Invalid(
            "a referral, and only a referral, names a department",
        ));
    }
    let (department, contact) = resolution.referral.unzip();
    let tally = Tally::read(tx, backend, case_id).await?;
    let updated = sqlx::query(
        "UPDATE cases SET status = 'resolved', outcome = $1, outcome_summary = $2,
                referral_department = $3, referral_contact = $4, resolved_at = $5,
                first_answer_at = COALESCE(first_answer_at, $5), extension_days = NULL,
                extension_reason = NULL, updated_at = $5
         WHERE id = $6 AND status NOT IN ('resolved', 'closed') AND merged_into_id IS NULL",
    )
    .bind(resolution.outcome.code())
    .bind(summary)
    .bind(department)
    .bind(contact)
    .bind(now)
    .bind(case_id)
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Err(ResolveError::NotOpen(reference.to_string()));
    }
    tally.settle(tx).await?;
    match by.account_id {
        Some(account) => {
            super::server::add_staff_event(
                tx,
                case_id,
                EventKind::Resolved,
                true,
                summary,
                account,
                now,
            )
            .await?
        }
        None => add_event(tx, case_id, EventKind::Resolved, true, summary, now).await?,
    }
    let entry = crate::audit::Entry {
        actor_account_id: by.account_id,
        actor: by.name,
        action: "case_resolved",
        object_type: "case",
        object_id: reference.as_ref(),
        detail: resolution.outcome.code(),
        client: "",
    };
    crate::audit::append(tx, backend, by.key, entry, now).await?;
    let message = match resolution.referral {
        Some((department, contact)) => crate::mail::Message::Referred {
            reference: reference.to_string(),
            department: department.to_string(),
            contact: contact.to_string(),
            summary: summary.to_string(),
        },
        None => crate::mail::Message::Resolved {
            reference: reference.to_string(),
            outcome: resolution.outcome.code().to_string(),
            summary: summary.to_string(),
        },
    };
    crate::mail::outbox::to_resident(tx, case_id, &message, now).await?;
    Ok(())
}
