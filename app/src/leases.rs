//! Leases in the database, so that with several instances a periodic job runs on one at a
//! time: whoever holds an unexpired lease runs it, and renews it while running.

use crate::db::Db;

/// Takes or renews the lease `name` for `owner` until `now + ttl_millis`. True when this
/// owner holds it now; false while another owner's lease is still valid.
pub async fn try_acquire(
    db: &Db,
    name: &str,
    owner: &str,
    ttl_millis: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO leases (name, owner, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
         WHERE leases.expires_at < $4 OR leases.owner = $2",
    )
    .bind(name)
    .bind(owner)
    .bind(now + ttl_millis)
    .bind(now)
    .execute(db.writer())
    .await?;
    Ok(done.rows_affected() == 1)
}
