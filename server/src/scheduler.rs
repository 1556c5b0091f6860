//! Background jobs of `opendoor serve`. Each instance ticks every minute; the database
//! lease makes one instance at a time do the work: the deadline clock, dropping mail
//! nobody confirmed, and from 08:00 the day's deadline warnings and leaders' digests.

use app::audit::AuditKey;
use app::calendar::local_date;
use app::calendar::server::CalendarCache;
use app::cases::deadlines::{mark_not_taken_up, mark_overdue};
use app::db::{Db, now_millis};
use app::leases::try_acquire;
use std::time::Duration;

async fn daily_mail(db: &Db, calendar: &CalendarCache, now: i64) -> Result<usize, sqlx::Error> {
    let calendar = calendar.get(db.reader()).await?;
    app::mail::daily::write_daily_mail(db, &calendar, now).await
}

/// The hour of day in China Standard Time.
fn local_hour(now: i64) -> u8 {
    let offset = time::macros::offset!(+8);
    time::OffsetDateTime::from_unix_timestamp(now / 1000)
        .map(|t| t.to_offset(offset).hour())
        .unwrap_or(0)
}

/// The morning mail (deadline warnings, leaders' digests) goes from 08:00 CST.
const DAILY_MAIL_HOUR: u8 = 8;

const TICK: Duration = Duration::from_secs(60);
/// How often the fraud signals job reads the new ratings, and how long its lease lasts
/// (longer than that, so the holder renews it; a first run reads 40 days).
const SIGNALS_EVERY: std::time::Duration = std::time::Duration::from_secs(10 * 60);
const SIGNALS_LEASE_MILLIS: i64 = 15 * 60_000;

/// Aborts a task when dropped: a child task that ends with its parent.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The fraud signals job, on whichever instance holds the `signals` lease; its cursor and
/// keys make a run by another instance find what this one found, not add to it.
async fn signals(db: Db, owner: String) {
    let mut tick = tokio::time::interval(SIGNALS_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        tick.tick().await;
        let now = now_millis();
        match try_acquire(&db, "signals", &owner, SIGNALS_LEASE_MILLIS, now).await {
            Ok(true) => match app::signals::detect::run(&db, now).await {
                Ok(ran) => tracing::info!(?ran, "rating signals checked"),
                Err(error) => {
                    db.failed(&error, "checking rating signals");
                }
            },
            Ok(false) => {}
            Err(error) => {
                db.failed(&error, "taking the signals lease");
            }
        }
    }
}

/// Longer than a tick, so the holder renews it before anyone else may take it.
const LEASE_MILLIS: i64 = 90_000;

/// Starts the deadline clock; abort the handle to stop it.
pub fn spawn(db: Db, key: AuditKey) -> tokio::task::JoinHandle<()> {
    let owner = uuid::Uuid::new_v4().to_string();
    tokio::spawn(async move {
        let calendar = CalendarCache::default();
        // Once a day per instance; the messages' keys make a second instance's run, or
        // a restart's, write nothing new.
        let mut last_daily = None;
        // The signals job runs beside the clock, so a long first run never holds up the
        // deadlines; it stops with this task.
        let _signals = AbortOnDrop(tokio::spawn(signals(db.clone(), owner.clone())));
        let mut tick = tokio::time::interval(TICK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            tick.tick().await;
            let now = now_millis();
            match try_acquire(&db, "deadlines", &owner, LEASE_MILLIS, now).await {
                Ok(true) => {
                    if let Err(error) = mark_overdue(&db, &key, now).await {
                        db.failed(&error, "marking overdue cases");
                    }
                    if let Err(error) = mark_not_taken_up(&db, &key, now).await {
                        db.failed(&error, "flagging cases not taken up");
                    }
                    if let Err(error) = app::mail::consent::drop_unconfirmed(&db, now).await {
                        db.failed(&error, "dropping unconfirmed mail");
                    }
                    let today = local_date(now);
                    if last_daily != Some(today) && local_hour(now) >= DAILY_MAIL_HOUR {
                        match daily_mail(&db, &calendar, now).await {
                            Ok(count) => {
                                tracing::info!(count, "daily mail written");
                                last_daily = Some(today);
                            }
                            Err(error) => {
                                db.failed(&error, "writing the daily mail");
                            }
                        }
                    }
                }
                Ok(false) => {}
                Err(error) => {
                    db.failed(&error, "taking the deadlines lease");
                }
            }
        }
    })
}
