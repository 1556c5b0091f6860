//! The morning's mail: a warning to each officer whose case is due on the next working
//! day, each station leader's digest, and once a month the leader's "report draft ready". Safe to run again and on several instances:
//! every message has a de-duplication key for its day.

use super::outbox::{daily_key, to_staff};
use super::{Message, staff_subject};
use crate::calendar::{WorkCalendar, format_date, local_date};
use crate::cases::CaseKind;
use crate::db::Db;

const DAY_MILLIS: i64 = 24 * 60 * 60 * 1000;

/// Writes the day's warnings and digests; returns how many messages were considered.
#[tracing::instrument(skip(db, calendar))]
pub async fn write_daily_mail(
    db: &Db,
    calendar: &WorkCalendar,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let today = local_date(now);
    let mut written = 0;
    // On working days only: a Friday warning covers a case due on Monday.
    if calendar.is_working_day(today) {
        let next = format_date(calendar.add_working_days(today, 1));
        let due: Vec<(i64, String, i64, String, String)> = sqlx::query_as(
            "SELECT id, reference, assignee_account_id, kind, subject FROM cases
             WHERE due_on = $1 AND assignee_account_id IS NOT NULL
               AND status NOT IN ('resolved', 'closed') AND hidden = 0 AND merged_into_id IS NULL",
        )
        .bind(&next)
        .fetch_all(db.reader())
        .await?;
        for (id, reference, assignee, kind, subject) in due {
            let kind = CaseKind::try_from(kind).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
            let message = Message::DueTomorrow {
                reference,
                subject: staff_subject(kind, subject),
                due_on: next.clone(),
            };
            let mut tx = db.begin_write().await?;
            to_staff(
                &mut tx,
                assignee,
                &message,
                Some(daily_key("due_tomorrow", id, now)),
                now,
            )
            .await?;
            tx.commit().await?;
            written += 1;
        }
    }
    let leaders: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
        "SELECT a.id, s.id, s.name_zh, s.name_en, s.slug FROM staff_roles r
         JOIN staff_accounts a ON a.id = r.account_id
         JOIN stations s ON s.id = r.station_id
         WHERE r.role = 'leader' AND a.disabled = 0 AND a.email IS NOT NULL
         ORDER BY a.id, s.id",
    )
    .fetch_all(db.reader())
    .await?;
    let last_month = crate::reports::Month::of(now).previous().to_string();
    for (account, station, station_zh, station_en, slug) in leaders {
        // Once per leader, station and month, until the month is published.
        let (published,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM published_reports WHERE station_id = $1 AND month = $2",
        )
        .bind(station)
        .bind(&last_month)
        .fetch_one(db.reader())
        .await?;
        if published == 0 {
            let message = Message::ReportReady {
                station_zh: station_zh.clone(),
                station_en: station_en.clone(),
                station_slug: slug,
                month: last_month.clone(),
            };
            let key = format!("report_ready:{account}:{station}:{last_month}");
            let mut tx = db.begin_write().await?;
            to_staff(&mut tx, account, &message, Some(key), now).await?;
            tx.commit().await?;
            written += 1;
        }
        let (open, overdue, officer_complaints): (i64, i64, i64) = sqlx::query_as(
            // Not counting a case that names the station's leader: that is the
            // inspectors' alone, and its count would tell the leader it exists.
            "SELECT COUNT(*),
                    COALESCE(SUM(CASE WHEN c.overdue = 1 THEN 1 ELSE 0 END), 0),
                    COALESCE(SUM(CASE WHEN c.kind = 'complaint' AND c.named_officer_id IS NOT NULL THEN 1 ELSE 0 END), 0)
             FROM cases c
             WHERE c.station_id = $1 AND c.status NOT IN ('resolved', 'closed')
               AND c.hidden = 0 AND c.merged_into_id IS NULL
               AND NOT EXISTS (
                   SELECT 1 FROM staff_accounts na
                   JOIN staff_roles nr ON nr.account_id = na.id AND nr.role = 'leader'
                   WHERE na.officer_id = c.named_officer_id AND nr.station_id = c.station_id)",
        )
        .bind(station)
        .fetch_one(db.reader())
        .await?;
        let (new_bad_ratings,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM ratings WHERE station_id = $1 AND level <= 2 AND created_at >= $2",
        )
        .bind(station)
        .bind(now - DAY_MILLIS)
        .fetch_one(db.reader())
        .await?;
        let message = Message::Digest {
            station_zh,
            station_en,
            date: format_date(today),
            open,
            overdue,
            new_bad_ratings,
            officer_complaints,
        };
        let key = daily_key("digest", format!("{account}:{station}"), now);
        let mut tx = db.begin_write().await?;
        to_staff(&mut tx, account, &message, Some(key), now).await?;
        tx.commit().await?;
        written += 1;
    }
    Ok(written)
}
