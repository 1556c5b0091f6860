//! The resident's side of a case on the server: opening it with reference and access
//! code, its public timeline, the 回访 answer, and resolving (staff, or a fixture).

use super::decide::{Command, Refusal};
use super::persist::Actor;
use super::pipeline::{Executor, RunError};
use super::record::CaseKey;
use super::tracking::{TimelineEntry, TrackedCase};
use super::{
    AccessCode, CaseKind, CaseStatus, EventKind, FeedbackEffect, Outcome, Reference, Satisfaction,
};
use crate::calendar::{WorkCalendar, format_date, format_local_time, local_date, parse_date};
use crate::db::Db;
use crate::stations::Names;
use crate::workspace::actions::{ActionError, CaseAction};
use sqlx::AnyPool;

#[derive(sqlx::FromRow)]
struct CaseRow {
    id: i64,
    access_code_hash: String,
    #[sqlx(try_from = "String")]
    kind: CaseKind,
    #[sqlx(try_from = "String")]
    status: CaseStatus,
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
    ack_due_on: String,
    acknowledged_at: Option<i64>,
    hidden: i64,
    hidden_reason: Option<String>,
    objected_at: Option<i64>,
    merged_into_id: Option<i64>,
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
                c.referral_department, c.referral_contact, c.satisfaction, c.ack_due_on,
                c.acknowledged_at, c.hidden, c.hidden_reason, c.objected_at, c.merged_into_id
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
    let events = public_events(pool, row.id).await?;
    let continues_in = match row.merged_into_id {
        Some(id) => continued_case(pool, id).await?,
        None => None,
    };
    let open = !matches!(row.status, CaseStatus::Resolved | CaseStatus::Closed);
    let today = local_date(now);
    let due = parse_date(&row.due_on).unwrap_or(today);
    Ok(Some(TrackedCase {
        reference: reference.to_string(),
        kind: row.kind,
        status: row.status,
        subject: row.subject,
        station: row.station_zh.map(|zh| Names {
            zh,
            en: row.station_en.unwrap_or_default(),
        }),
        filed_on: format_date(local_date(row.created_at)),
        due_on: row.due_on,
        working_days_left: calendar.working_days_between(today, due),
        outcome: strict(row.outcome)?,
        outcome_summary: row.outcome_summary,
        referral_department: row.referral_department,
        referral_contact: row.referral_contact,
        satisfaction: strict(row.satisfaction)?,
        events,
        ack_due_on: (open && row.acknowledged_at.is_none()).then_some(row.ack_due_on),
        hidden: (row.hidden == 1).then(|| super::tracking::HiddenState {
            reason: row.hidden_reason.unwrap_or_default(),
            objected: row.objected_at.is_some(),
        }),
        continues_in,
    }))
}

/// A case's public timeline, oldest first.
async fn public_events(pool: &AnyPool, case_id: i64) -> Result<Vec<TimelineEntry>, sqlx::Error> {
    let events: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT at, event_type, body FROM case_events WHERE case_id = $1 AND public = 1
         ORDER BY at, id",
    )
    .bind(case_id)
    .fetch_all(pool)
    .await?;
    events
        .into_iter()
        .map(|(at, kind, body)| {
            Ok(TimelineEntry {
                at: format_local_time(at),
                kind: EventKind::try_from(kind).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                body,
            })
        })
        .collect()
}

/// The request a merged case continues in, as its resident may follow it: the public
/// side only, as with their own.
async fn continued_case(
    pool: &AnyPool,
    id: i64,
) -> Result<Option<super::tracking::ContinuedCase>, sqlx::Error> {
    let row: Option<(String, String, Option<String>)> =
        sqlx::query_as("SELECT reference, status, outcome_summary FROM cases WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    let Some((reference, status, outcome_summary)) = row else {
        return Ok(None);
    };
    Ok(Some(super::tracking::ContinuedCase {
        reference,
        status: CaseStatus::try_from(status).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        outcome_summary,
        events: public_events(pool, id).await?,
    }))
}

/// The resident objects to their case being closed as not genuine; it goes to the
/// inspectors. False when it was not hidden, or was objected to already.
#[tracing::instrument(skip(db, calendar, key))]
pub async fn object(
    db: &Db,
    key: &crate::audit::AuditKey,
    calendar: &WorkCalendar,
    case_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let executor = Executor {
        db,
        key,
        calendar,
        now,
    };
    match executor
        .run(Actor::Resident, CaseKey::Id(case_id), Command::Object)
        .await
    {
        Ok(_) => Ok(true),
        Err(RunError::Database(error)) => Err(error),
        Err(_) => Ok(false),
    }
}

/// An optional stored code, decoded strictly.
fn strict<T: TryFrom<String, Error = crate::UnknownCode>>(
    code: Option<String>,
) -> Result<Option<T>, sqlx::Error> {
    code.map(T::try_from)
        .transpose()
        .map_err(|error| sqlx::Error::Decode(Box::new(error)))
}

#[derive(Debug, thiserror::Error)]
pub enum FeedbackError {
    /// The case is not waiting for an answer (not resolved, or answered already).
    #[error("this case is not waiting for an answer")]
    NotAwaitingAnswer,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Records the resident's 回访 answer on a resolved case, through the case pipeline:
/// 满意 and 基本满意 close it; the first 不满意 reopens it with the leader, the second
/// with the inspectors, with a new deadline; a third is recorded and closes it.
#[tracing::instrument(skip(db, calendar, key))]
pub async fn record_feedback(
    db: &Db,
    key: &crate::audit::AuditKey,
    calendar: &WorkCalendar,
    case_id: i64,
    answer: Satisfaction,
    now: i64,
) -> Result<FeedbackEffect, FeedbackError> {
    let executor = Executor {
        db,
        key,
        calendar,
        now,
    };
    match executor
        .run(
            Actor::Resident,
            CaseKey::Id(case_id),
            Command::Answer(answer),
        )
        .await
    {
        Ok(change) => change.effect.ok_or(FeedbackError::NotAwaitingAnswer),
        Err(RunError::Database(error)) => Err(FeedbackError::Database(error)),
        Err(_) => Err(FeedbackError::NotAwaitingAnswer),
    }
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

/// Resolves an open case with a public summary, as the operator `by` (the command line's
/// `opendoor resolve-case`; tests use it as a fixture), through the case pipeline. The
/// resident is then asked for their answer on the tracking page.
#[tracing::instrument(skip(db, key, calendar, resolution))]
pub async fn resolve_case(
    db: &Db,
    key: &crate::audit::AuditKey,
    calendar: &WorkCalendar,
    by: &str,
    reference: &Reference,
    resolution: Resolution<'_>,
    now: i64,
) -> Result<(), ResolveError> {
    let executor = Executor {
        db,
        key,
        calendar,
        now,
    };
    let action = CaseAction::Resolve {
        outcome: resolution.outcome,
        summary: resolution.summary.to_string(),
        referral: resolution
            .referral
            .map(|(department, contact)| (department.to_string(), contact.to_string())),
        finding: None,
    };
    let done = executor
        .run(
            Actor::Operator(by),
            CaseKey::Reference(reference),
            Command::Act(action),
        )
        .await;
    match done {
        Ok(_) => Ok(()),
        Err(RunError::NotFound) => Err(ResolveError::UnknownCase(reference.to_string())),
        Err(RunError::Refused(Refusal::Action(ActionError::DepartmentRequired))) => Err(
            ResolveError::Invalid("a referral, and only a referral, names a department"),
        ),
        Err(RunError::Refused(Refusal::Action(
            ActionError::SummaryRequired | ActionError::SummaryTooLong,
        ))) => Err(ResolveError::Invalid(
            "a resolution needs a summary of 1 to 4,000 characters",
        )),
        Err(RunError::Refused(_) | RunError::Forbidden) => {
            Err(ResolveError::NotOpen(reference.to_string()))
        }
        Err(RunError::Database(error)) => Err(ResolveError::Database(error)),
    }
}
