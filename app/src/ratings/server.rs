//! Rating storage: one-time service codes for now; ratings themselves follow.

use super::ServiceType;
use crate::codes::ServiceCode;
use crate::db::{Db, now_millis};
use crate::stations::{BadgeNumber, StationSlug};

const DAY_MILLIS: i64 = 24 * 3600 * 1000;

#[derive(Debug, thiserror::Error)]
pub enum ServiceCodeError {
    #[error("there is no station {0}")]
    UnknownStation(String),
    #[error("there is no officer with badge {0} at station {1}")]
    UnknownOfficer(String, String),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// What a batch of service codes is for.
pub struct CodeBatch<'a> {
    pub station: &'a StationSlug,
    pub officer: Option<&'a BadgeNumber>,
    pub service_type: ServiceType,
    pub count: u32,
    pub valid_days: u32,
}

/// The most codes one batch may hold: a printed sheet, not a database dump.
pub const MAX_BATCH: u32 = 1000;

/// Issues `count` fresh codes, stored only as hashes, all in one transaction.
#[tracing::instrument(skip_all, fields(station = %batch.station, count = batch.count))]
pub async fn issue_service_codes(
    db: &Db,
    batch: CodeBatch<'_>,
) -> Result<Vec<ServiceCode>, ServiceCodeError> {
    if !(1..=MAX_BATCH).contains(&batch.count) {
        return Err(ServiceCodeError::Invalid(format!(
            "a batch holds 1 to {MAX_BATCH} codes"
        )));
    }
    if !(1..=366).contains(&batch.valid_days) {
        return Err(ServiceCodeError::Invalid(
            "codes are valid for 1 to 366 days".into(),
        ));
    }
    let Some((station_id,)): Option<(i64,)> =
        sqlx::query_as("SELECT id FROM stations WHERE slug = $1 AND active")
            .bind(batch.station.as_ref())
            .fetch_optional(db.reader())
            .await?
    else {
        return Err(ServiceCodeError::UnknownStation(batch.station.to_string()));
    };
    let officer_id = match batch.officer {
        None => None,
        Some(badge) => {
            let row: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM officers WHERE badge = $1 AND station_id = $2 AND active",
            )
            .bind(badge.as_ref())
            .bind(station_id)
            .fetch_optional(db.reader())
            .await?;
            Some(
                row.ok_or_else(|| {
                    ServiceCodeError::UnknownOfficer(badge.to_string(), batch.station.to_string())
                })?
                .0,
            )
        }
    };
    let now = now_millis();
    let expires_at = now + i64::from(batch.valid_days) * DAY_MILLIS;
    let batch_id = batch_name(now);
    let mut codes = Vec::with_capacity(batch.count as usize);
    let mut tx = db.writer().begin().await?;
    while codes.len() < batch.count as usize {
        let code = ServiceCode::generate();
        // 50 random bits: a collision is astronomically unlikely, but never fatal.
        let inserted = sqlx::query(
            "INSERT INTO service_codes (code_hash, station_id, officer_id, service_type, batch, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code_hash) DO NOTHING",
        )
        .bind(code.hash())
        .bind(station_id)
        .bind(officer_id)
        .bind(batch.service_type.code())
        .bind(&batch_id)
        .bind(now)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 1 {
            codes.push(code);
        }
    }
    tx.commit().await?;
    Ok(codes)
}

/// Batches are named by when they were issued, for the admin's list of printed sheets.
fn batch_name(now: i64) -> String {
    format!("batch-{now}")
}
