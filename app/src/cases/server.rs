//! Case storage the pipeline and its callers share: deadline rules and timeline rows.

use super::CaseKind;
use sqlx::{Any, Transaction};

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
