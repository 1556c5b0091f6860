//! The audit log: append-only and hash-chained. Each entry's hash is an HMAC-SHA256, under
//! a key the database does not hold, of the previous entry's hash and the entry's own
//! fields; editing, deleting or inserting a row breaks the chain at that row, and without
//! the key the chain cannot be recomputed to hide it. `opendoor audit verify` checks it.

use crate::db::{Backend, Db};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::{Any, AnyPool, Transaction};
use std::sync::Arc;

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The server-side key. `Debug` does not show it.
#[derive(Clone)]
pub struct AuditKey(Arc<Vec<u8>>);

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditKey(***)")
    }
}

impl AuditKey {
    /// A key from configuration: at least 16 bytes.
    pub fn new(secret: &str) -> Result<AuditKey, String> {
        let secret = secret.trim();
        if secret.len() < 16 {
            return Err("the audit key needs at least 16 characters".into());
        }
        Ok(AuditKey(Arc::new(secret.as_bytes().to_vec())))
    }

    /// A keyed tag of `value` for `purpose` (16 hex characters): values compare equal
    /// without being stored, and without the key the tag cannot be searched back.
    pub fn tag(&self, purpose: &str, value: &str) -> String {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC takes any key length");
        for part in [purpose, value] {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part.as_bytes());
        }
        hex::encode(&mac.finalize().into_bytes()[..8])
    }
}

/// What happened, by whom, to what.
#[derive(Clone, Copy, Debug, Default)]
pub struct Entry<'a> {
    pub actor_account_id: Option<i64>,
    /// A username, `resident`, `system` or `cli`.
    pub actor: &'a str,
    pub action: &'a str,
    pub object_type: &'a str,
    pub object_id: &'a str,
    pub detail: &'a str,
    /// The client address, for sign-ins.
    pub client: &'a str,
}

#[derive(Clone, Copy)]
struct Fields<'a> {
    prev_hash: &'a str,
    at: i64,
    entry: Entry<'a>,
}

/// HMAC over length-prefixed fields, so no two different entries encode alike.
fn mac(key: &AuditKey, fields: &Fields<'_>) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key.0).expect("HMAC takes any key length");
    let account = fields
        .entry
        .actor_account_id
        .map(|id| id.to_string())
        .unwrap_or_default();
    let at = fields.at.to_string();
    for part in [
        fields.prev_hash,
        &at,
        &account,
        fields.entry.actor,
        fields.entry.action,
        fields.entry.object_type,
        fields.entry.object_id,
        fields.entry.detail,
        fields.entry.client,
    ] {
        mac.update(&(part.len() as u64).to_be_bytes());
        mac.update(part.as_bytes());
    }
    hex::encode(mac.finalize().into_bytes())
}

/// Appends an entry inside the caller's transaction, so it is written exactly when the
/// change it records is.
pub async fn append(
    tx: &mut Transaction<'_, Any>,
    backend: Backend,
    key: &AuditKey,
    entry: Entry<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    // One appender at a time, or two would chain to the same predecessor. SQLite's single
    // writer already serialises; PostgreSQL needs the lock (held to commit).
    if backend == Backend::Postgres {
        sqlx::query("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE")
            .execute(&mut **tx)
            .await?;
    }
    let prev: Option<(String,)> =
        sqlx::query_as("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut **tx)
            .await?;
    let prev_hash = prev.map_or_else(|| GENESIS.to_string(), |(hash,)| hash);
    let hash = mac(
        key,
        &Fields {
            prev_hash: &prev_hash,
            at: now,
            entry,
        },
    );
    sqlx::query(
        "INSERT INTO audit_log (at, actor_account_id, actor, action, object_type, object_id, detail, client, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(now)
    .bind(entry.actor_account_id)
    .bind(entry.actor)
    .bind(entry.action)
    .bind(entry.object_type)
    .bind(entry.object_id)
    .bind(entry.detail)
    .bind(entry.client)
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Appends an entry in a transaction of its own (for events that change nothing else,
/// such as a refused sign-in).
pub async fn record(
    db: &Db,
    key: &AuditKey,
    entry: Entry<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    append(&mut tx, db.backend(), key, entry, now).await?;
    tx.commit().await
}

/// What `verify` found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verified {
    pub entries: u64,
    /// The id of the first entry whose hash does not follow from its predecessor.
    pub first_broken: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    at: i64,
    actor_account_id: Option<i64>,
    actor: String,
    action: String,
    object_type: String,
    object_id: String,
    detail: String,
    client: String,
    prev_hash: String,
    hash: String,
}

/// Walks the chain from the start, a page at a time.
pub async fn verify(pool: &AnyPool, key: &AuditKey) -> Result<Verified, sqlx::Error> {
    let mut expected_prev = GENESIS.to_string();
    let mut entries = 0;
    let mut after = i64::MIN;
    loop {
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, at, actor_account_id, actor, action, object_type, object_id, detail, client, prev_hash, hash
             FROM audit_log WHERE id > $1 ORDER BY id LIMIT 1000",
        )
        .bind(after)
        .fetch_all(pool)
        .await?;
        let Some(last) = rows.last() else {
            return Ok(Verified {
                entries,
                first_broken: None,
            });
        };
        after = last.id;
        for row in &rows {
            let fields = Fields {
                prev_hash: &row.prev_hash,
                at: row.at,
                entry: Entry {
                    actor_account_id: row.actor_account_id,
                    actor: &row.actor,
                    action: &row.action,
                    object_type: &row.object_type,
                    object_id: &row.object_id,
                    detail: &row.detail,
                    client: &row.client,
                },
            };
            if row.prev_hash != expected_prev || mac(key, &fields) != row.hash {
                return Ok(Verified {
                    entries,
                    first_broken: Some(row.id),
                });
            }
            expected_prev = row.hash.clone();
            entries += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_and_the_key_change_the_hash() {
        let key = AuditKey::new("0123456789abcdef-test").unwrap();
        let entry = Entry {
            actor: "admin",
            action: "sign_in",
            ..Entry::default()
        };
        let base = Fields {
            prev_hash: GENESIS,
            at: 1,
            entry,
        };
        let hash = mac(&key, &base);
        assert_eq!(hash.len(), 64);
        assert_ne!(hash, mac(&key, &Fields { at: 2, ..base }));
        assert_ne!(
            hash,
            mac(
                &key,
                &Fields {
                    entry: Entry {
                        detail: "x",
                        ..entry
                    },
                    ..base
                }
            )
        );
        // Moving bytes between fields is a different entry.
        let shifted = Entry {
            actor: "admi",
            action: "nsign_in",
            ..entry
        };
        assert_ne!(
            hash,
            mac(
                &key,
                &Fields {
                    entry: shifted,
                    ..base
                }
            )
        );
        let other = AuditKey::new("another key of 16+ chars").unwrap();
        assert_ne!(hash, mac(&other, &base));
        assert!(AuditKey::new("short").is_err());
        assert_eq!(format!("{key:?}"), "AuditKey(***)");
    }
}
