//! Case storage shared by every way a case is opened.

use super::{AccessCode, CaseKind, Reference};
use crate::calendar::{WorkCalendar, format_date, local_date};
use sqlx::{Any, Transaction};

/// A case to open, inside the caller's transaction.
pub struct NewCase<'a> {
    pub kind: CaseKind,
    pub channel: super::proposal::Channel,
    pub station_id: Option<i64>,
    pub named_officer_id: Option<i64>,
    pub rating_id: Option<i64>,
    pub subject: &'a str,
    pub description: &'a str,
    pub place: &'a str,
    pub contact: Contact<'a>,
    pub anonymous: bool,
    pub lang: &'a str,
    pub access_code: &'a AccessCode,
    /// The form token: a repeat of the same submission finds this case.
    pub idempotency_key: Option<&'a str>,
}

/// How to reach the resident, each part optional.
#[derive(Clone, Copy, Debug, Default)]
pub struct Contact<'a> {
    pub name: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
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

/// Working days to the first answer and to the resolution, for a kind of case.
pub async fn deadline_days(
    tx: &mut Transaction<'_, Any>,
    kind: CaseKind,
) -> Result<(u32, u32), sqlx::Error> {
    let (ack_days, resolve_days): (i64, i64) =
        sqlx::query_as("SELECT ack_days, resolve_days FROM deadline_rules WHERE kind = $1")
            .bind(kind.code())
            .fetch_optional(&mut **tx)
            .await?
            .unwrap_or((1, 15));
    Ok((
        ack_days.clamp(0, 365) as u32,
        resolve_days.clamp(0, 365) as u32,
    ))
}

/// Appends an entry to a case's timeline, by the resident (a 回访 answer) or the system.
pub async fn add_event(
    tx: &mut Transaction<'_, Any>,
    case_id: i64,
    kind: super::EventKind,
    public: bool,
    body: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let actor = match kind {
        super::EventKind::Feedback => "resident",
        _ => "system",
    };
    insert_event(tx, case_id, kind, public, body, (actor, None), now).await
}

/// Appends an entry to a case's timeline by `(actor kind, staff account)`.
pub(crate) async fn insert_event(
    tx: &mut Transaction<'_, Any>,
    case_id: i64,
    kind: super::EventKind,
    public: bool,
    body: &str,
    (actor, account_id): (&str, Option<i64>),
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO case_events (case_id, at, actor_kind, actor_account_id, event_type, public, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(case_id)
    .bind(now)
    .bind(actor)
    .bind(account_id)
    .bind(kind.code())
    .bind(i64::from(public))
    .bind(body)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Opens a case with its deadlines in working days (from `deadline_rules`) and a first
/// timeline entry.
#[tracing::instrument(skip_all, fields(kind = case.kind.code()))]
pub async fn open_case(
    tx: &mut Transaction<'_, Any>,
    calendar: &WorkCalendar,
    case: NewCase<'_>,
    now: i64,
) -> Result<OpenedCase, sqlx::Error> {
    let today = local_date(now);
    let (ack_days, resolve_days) = deadline_days(tx, case.kind).await?;
    let ack_due_on = calendar.add_working_days(today, ack_days);
    let due_on = calendar.add_working_days(today, resolve_days);
    let reference = next_reference(tx, today.year()).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO cases (reference, access_code_hash, kind, status, station_id, named_officer_id, rating_id,
                            subject, description, place, contact_name, contact_phone, contact_email, anonymous,
                            lang, ack_due_on, due_on, idempotency_key, created_at, updated_at, channel, oversight)
         VALUES ($1, $2, $3, 'new', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18, $19, $20)
         RETURNING id",
    )
    .bind(reference.as_ref())
    .bind(case.access_code.hash())
    .bind(case.kind.code())
    .bind(case.station_id)
    .bind(case.named_officer_id)
    .bind(case.rating_id)
    .bind(case.subject)
    .bind(case.description)
    .bind(case.place)
    .bind(case.contact.name)
    .bind(case.contact.phone)
    .bind(case.contact.email)
    .bind(i64::from(case.anonymous))
    .bind(case.lang)
    .bind(format_date(ack_due_on))
    .bind(format_date(due_on))
    .bind(case.idempotency_key)
    .bind(now)
    .bind(case.channel.code())
    // A complaint about an officer, or the review of a bad rating of one, stays under
    // the inspectors' oversight until it is closed.
    .bind(i64::from(
        case.named_officer_id.is_some() && case.kind.accuses(),
    ))
    .fetch_one(&mut **tx)
    .await?;
    add_event(tx, id, super::EventKind::Opened, true, "", now).await?;
    crate::reports::case_rollups::Tally::new_case(id)
        .settle(tx)
        .await?;
    Ok(OpenedCase {
        id,
        reference,
        due_on,
    })
}
