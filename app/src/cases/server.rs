//! Case storage shared by every way a case is opened.

use super::{AccessCode, CaseKind, Reference};
use crate::calendar::{WorkCalendar, format_date, local_date};
use sqlx::{Any, Transaction};

/// A case to open, inside the caller's transaction.
pub struct NewCase<'a> {
    pub kind: CaseKind,
    pub station_id: Option<i64>,
    pub named_officer_id: Option<i64>,
    pub rating_id: Option<i64>,
    pub subject: &'a str,
    pub description: &'a str,
    pub lang: &'a str,
    pub access_code: &'a AccessCode,
}

pub struct OpenedCase {
    pub id: i64,
    pub reference: Reference,
    pub due_on: time::Date,
}

/// The next reference of the year: a counter row per year, incremented in the caller's
/// transaction, so references never repeat and gaps mean nothing was committed.
async fn next_reference(
    tx: &mut Transaction<'_, Any>,
    year: i32,
) -> Result<Reference, sqlx::Error> {
    let (number,): (i64,) = sqlx::query_as(
        "INSERT INTO reference_counters (year, last) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last = reference_counters.last + 1
         RETURNING last",
    )
    .bind(i64::from(year))
    .fetch_one(&mut **tx)
    .await?;
    Ok(Reference::new(year, number))
}

/// Opens a case with its deadlines in working days (from `deadline_rules`) and a first,
/// internal timeline entry.
#[tracing::instrument(skip_all, fields(kind = case.kind.code()))]
pub async fn open_case(
    tx: &mut Transaction<'_, Any>,
    calendar: &WorkCalendar,
    case: NewCase<'_>,
    now: i64,
) -> Result<OpenedCase, sqlx::Error> {
    let today = local_date(now);
    let (ack_days, resolve_days): (i64, i64) =
        sqlx::query_as("SELECT ack_days, resolve_days FROM deadline_rules WHERE kind = $1")
            .bind(case.kind.code())
            .fetch_optional(&mut **tx)
            .await?
            .unwrap_or((1, 15));
    let ack_due_on = calendar.add_working_days(today, ack_days.clamp(0, 365) as u32);
    let due_on = calendar.add_working_days(today, resolve_days.clamp(0, 365) as u32);
    let reference = next_reference(tx, today.year()).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO cases (reference, access_code_hash, kind, status, station_id, named_officer_id, rating_id,
                            subject, description, lang, ack_due_on, due_on, created_at, updated_at)
         VALUES ($1, $2, $3, 'new', $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
    )
    .bind(reference.as_ref())
    .bind(case.access_code.hash())
    .bind(case.kind.code())
    .bind(case.station_id)
    .bind(case.named_officer_id)
    .bind(case.rating_id)
    .bind(case.subject)
    .bind(case.description)
    .bind(case.lang)
    .bind(format_date(ack_due_on))
    .bind(format_date(due_on))
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO case_events (case_id, at, actor_kind, event_type, public, body)
         VALUES ($1, $2, 'system', 'opened', 1, '')",
    )
    .bind(id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(OpenedCase {
        id,
        reference,
        due_on,
    })
}
