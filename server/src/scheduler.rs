//! Background jobs of `opendoor serve`. Each instance ticks every minute; the database
//! lease makes one instance at a time do the work.

use app::audit::AuditKey;
use app::cases::deadlines::mark_overdue;
use app::db::{Db, now_millis};
use app::leases::try_acquire;
use std::time::Duration;

const TICK: Duration = Duration::from_secs(60);
/// Longer than a tick, so the holder renews it before anyone else may take it.
const LEASE_MILLIS: i64 = 90_000;

/// Starts the deadline clock; abort the handle to stop it.
pub fn spawn(db: Db, key: AuditKey) -> tokio::task::JoinHandle<()> {
    let owner = uuid::Uuid::new_v4().to_string();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(TICK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            tick.tick().await;
            let now = now_millis();
            match try_acquire(&db, "deadlines", &owner, LEASE_MILLIS, now).await {
                Ok(true) => {
                    if let Err(error) = mark_overdue(&db, &key, now).await {
                        tracing::warn!(%error, "marking overdue cases failed");
                    }
                }
                Ok(false) => {}
                Err(error) => tracing::warn!(%error, "taking the deadlines lease failed"),
            }
        }
    })
}
