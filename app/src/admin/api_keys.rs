//! The API keys that let a civic tool POST requests through Open311. An admin issues a
//! key (shown once; the database keeps its SHA-256) and may revoke it; both are audited.

use crate::audit::{self, AuditKey};
use crate::db::Db;
use sha2::{Digest, Sha256};

#[derive(Debug, thiserror::Error)]
pub enum ApiKeyError {
    #[error("a key needs a name of 1 to 100 characters")]
    BadName,
    #[error("no such key")]
    NotFound,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

fn hash(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// Issues a key named `name` (who it is for) and returns it; it is never shown again.
pub async fn issue_key(
    db: &Db,
    audit_key: &AuditKey,
    actor: audit::Entry<'_>,
    name: &str,
    now: i64,
) -> Result<String, ApiKeyError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiKeyError::BadName);
    }
    use rand::distr::{Alphanumeric, SampleString};
    let key = format!("od311_{}", Alphanumeric.sample_string(&mut rand::rng(), 40));
    let mut tx = db.begin_write().await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO api_keys (name, key_hash, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(name)
    .bind(hash(&key))
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let id = id.to_string();
    let entry = audit::Entry {
        action: "api_key_issued",
        object_type: "api_key",
        object_id: &id,
        detail: name,
        ..actor
    };
    audit::append(&mut tx, db.backend(), audit_key, entry, now).await?;
    tx.commit().await?;
    Ok(key)
}

pub async fn revoke_key(
    db: &Db,
    audit_key: &AuditKey,
    actor: audit::Entry<'_>,
    id: i64,
    now: i64,
) -> Result<(), ApiKeyError> {
    let mut tx = db.begin_write().await?;
    let changed =
        sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if changed == 0 {
        return Err(ApiKeyError::NotFound);
    }
    let id = id.to_string();
    let entry = audit::Entry {
        action: "api_key_revoked",
        object_type: "api_key",
        object_id: &id,
        ..actor
    };
    audit::append(&mut tx, db.backend(), audit_key, entry, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Every key, newest first, for the admin page.
pub async fn list(pool: &sqlx::AnyPool) -> Result<Vec<super::ApiKeyRow>, sqlx::Error> {
    let rows: Vec<(i64, String, i64, Option<i64>)> =
        sqlx::query_as("SELECT id, name, created_at, revoked_at FROM api_keys ORDER BY id DESC")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, created_at, revoked_at)| super::ApiKeyRow {
            id,
            name,
            created_at: crate::calendar::format_local_time(created_at),
            revoked: revoked_at.is_some(),
        })
        .collect())
}

/// The name of the live key presented, or `None`.
pub async fn check(db: &Db, presented: &str) -> Result<Option<String>, sqlx::Error> {
    if presented.is_empty() || presented.len() > 200 {
        return Ok(None);
    }
    let found: Option<(String,)> =
        sqlx::query_as("SELECT name FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL")
            .bind(hash(presented))
            .fetch_optional(db.reader())
            .await?;
    Ok(found.map(|(name,)| name))
}
