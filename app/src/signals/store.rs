//! Signals as inspectors review them: the list, and the three decisions. Excluding takes
//! a signal's ratings out of every published figure (they count under the signal's
//! reason instead, [`crate::reports::rollups::move_rating`]); restoring puts them back;
//! leaving them marks the signal reviewed. Each decision carries a reason, is audited in
//! its own transaction, and is refused once a month it touches is published: published
//! figures never change.

use super::*;
use crate::accounts::Role;
use crate::audit::{AuditKey, Entry};
use crate::calendar::format_local_time;
use crate::db::Db;
use crate::reports::Month;
use crate::staff::StaffMember;
use sqlx::{Any, AnyPool, Transaction};
use std::collections::{HashMap, HashSet};

#[derive(Debug, thiserror::Error)]
pub enum DecisionError {
    /// 404: no such signal, or one about the inspector's own officer record.
    #[error("no such signal")]
    NotFound,
    /// 403: only inspectors review signals.
    #[error("only inspectors review signals")]
    Forbidden,
    /// 422: refused, with the reason shown.
    #[error("refused")]
    Refused(Text),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Why `station`'s `month` cannot be published yet, if it cannot: the signals job has
/// not read the whole month and the day after it, or inspectors have not reviewed a signal about its ratings.
/// A month is published from reviewed inputs, and is frozen once it is.
pub async fn publication_blocked<'e, E>(
    executor: E,
    station_id: i64,
    month: Month,
) -> Result<Option<crate::reports::publish_form::PublishError>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    use crate::reports::publish_form::PublishError;
    let (checked, open): (Option<i64>, i64) = sqlx::query_as(&format!(
        "SELECT (SELECT position FROM job_cursors WHERE name = '{}'),
                (SELECT COUNT(*) FROM rating_signals
                 WHERE station_id = $1 AND reviewed_at IS NULL AND kind <> '{}'
                   AND first_at < $3 AND last_at >= $2)",
        super::detect::CURSOR,
        SignalKind::LowRedemption.code()
    ))
    .bind(station_id)
    .bind(month.start_millis())
    .bind(month.end_millis())
    .fetch_one(executor)
    .await?;
    // A day past the month's end: a burst that began on its last day has been read whole
    // (the rules' longest window is a day).
    Ok(
        if checked.is_none_or(|at| at < month.end_millis() + DAY_MILLIS) {
            Some(PublishError::SignalsNotChecked)
        } else if open > 0 {
            Some(PublishError::SignalsOpen)
        } else {
            None
        },
    )
}

/// Inspectors review signals; nobody at the station being judged does.
pub fn may_review(member: &StaffMember) -> bool {
    member.holds_anywhere(Role::Inspector)
}

#[derive(sqlx::FromRow)]
struct SignalRow {
    id: i64,
    #[sqlx(try_from = "String")]
    kind: SignalKind,
    station_id: i64,
    month: String,
    first_at: i64,
    last_at: i64,
    detail: String,
    reviewed_at: Option<i64>,
    review_note: String,
    station_zh: String,
    station_en: String,
    officer_zh: Option<String>,
    officer_en: Option<String>,
    badge: Option<String>,
    reviewer: Option<String>,
}

const SIGNAL_SELECT: &str = "SELECT g.id, g.kind, g.station_id, g.month, g.first_at, g.last_at,
        g.detail, g.reviewed_at, g.review_note, s.name_zh AS station_zh, s.name_en AS station_en,
        o.name_zh AS officer_zh, o.name_en AS officer_en, o.badge, a.display_name AS reviewer
 FROM rating_signals g JOIN stations s ON s.id = g.station_id
 LEFT JOIN officers o ON o.id = g.officer_id
 LEFT JOIN staff_accounts a ON a.id = g.reviewed_by";

/// Keeps the signals that are not about officer `$1` (0 for none): neither the signal's
/// officer nor any rating it names (a station-wide signal names its officers' ratings).
const NOT_ABOUT_ME: &str = "(g.officer_id IS NULL OR g.officer_id <> $1)
    AND NOT EXISTS (SELECT 1 FROM rating_signal_members m JOIN ratings r ON r.id = m.rating_id
                    WHERE m.signal_id = g.id AND r.officer_id = $1)";

/// The most signals one page lists of each part.
const OPEN_SHOWN: i64 = 200;
const REVIEWED_SHOWN: i64 = 50;

/// The inspector's page; a signal about `member`'s own officer record is not on it.
pub async fn page(pool: &AnyPool, member: &StaffMember) -> Result<SignalsPage, sqlx::Error> {
    let own = member.officer_id.unwrap_or(0);
    let open: Vec<SignalRow> = sqlx::query_as(&format!(
        "{SIGNAL_SELECT} WHERE g.reviewed_at IS NULL AND {NOT_ABOUT_ME}
         ORDER BY g.created_at, g.id LIMIT {OPEN_SHOWN}"
    ))
    .bind(own)
    .fetch_all(pool)
    .await?;
    let (open_total,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM rating_signals g WHERE g.reviewed_at IS NULL AND {NOT_ABOUT_ME}"
    ))
    .bind(own)
    .fetch_one(pool)
    .await?;
    let reviewed: Vec<SignalRow> = sqlx::query_as(&format!(
        "{SIGNAL_SELECT} WHERE g.reviewed_at IS NOT NULL AND {NOT_ABOUT_ME}
         ORDER BY g.reviewed_at DESC, g.id DESC LIMIT {REVIEWED_SHOWN}"
    ))
    .bind(own)
    .fetch_all(pool)
    .await?;
    // Three more queries for the whole page, however many signals it lists.
    let ids: Vec<i64> = open.iter().chain(&reviewed).map(|row| row.id).collect();
    let mut levels: HashMap<i64, [i64; 5]> = HashMap::new();
    let mut excluded: HashMap<i64, i64> = HashMap::new();
    if !ids.is_empty() {
        let list = (1..=ids.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT m.signal_id, r.level, COUNT(*) FROM rating_signal_members m JOIN ratings r ON r.id = m.rating_id
             WHERE m.signal_id IN ({list}) GROUP BY m.signal_id, r.level"
        );
        let mut query = sqlx::query_as::<_, (i64, i64, i64)>(&sql);
        for id in &ids {
            query = query.bind(id);
        }
        for (id, level, n) in query.fetch_all(pool).await? {
            let slot = usize::try_from(level - 1).ok();
            if let Some(slot) = slot.and_then(|i| levels.entry(id).or_default().get_mut(i)) {
                *slot = n;
            }
        }
        let sql = format!(
            "SELECT signal_id, COUNT(*) FROM rating_exclusions WHERE signal_id IN ({list}) GROUP BY signal_id"
        );
        let mut query = sqlx::query_as::<_, (i64, i64)>(&sql);
        for id in &ids {
            query = query.bind(id);
        }
        excluded.extend(query.fetch_all(pool).await?);
    }
    let earliest = open
        .iter()
        .chain(&reviewed)
        .map(|row| row.month.clone())
        .min()
        .unwrap_or_default();
    let published: HashSet<(i64, String)> = sqlx::query_as(
        "SELECT DISTINCT station_id, month FROM published_reports WHERE month >= $1",
    )
    .bind(earliest)
    .fetch_all(pool)
    .await?
    .into_iter()
    .collect();
    let shown = |row: SignalRow| {
        let frozen = published.contains(&(row.station_id, row.month.clone()));
        let levels = levels.get(&row.id).copied().unwrap_or_default();
        let excluded = excluded.get(&row.id).copied().unwrap_or(0);
        view(row, levels, excluded, frozen)
    };
    Ok(SignalsPage {
        open_total,
        open: open.into_iter().map(shown).collect(),
        reviewed: reviewed.into_iter().map(shown).collect(),
    })
}

fn view(row: SignalRow, levels: [i64; 5], excluded: i64, frozen: bool) -> SignalView {
    let codes = (row.kind == SignalKind::LowRedemption)
        .then(|| serde_json::from_str::<serde_json::Value>(&row.detail).ok())
        .flatten()
        .map(|d| {
            let n = |field: &str| d.get(field).and_then(|v| v.as_i64()).unwrap_or(0);
            (
                n("issued"),
                n("redeemed"),
                n("station_issued"),
                n("station_redeemed"),
            )
        });
    SignalView {
        id: row.id,
        kind: row.kind,
        station_zh: row.station_zh,
        station_en: row.station_en,
        officer: row
            .officer_zh
            .zip(row.badge)
            .map(|(zh, badge)| (zh, row.officer_en.unwrap_or_default(), badge)),
        month: row.month,
        first_at: format_local_time(row.first_at),
        last_at: format_local_time(row.last_at),
        levels,
        excluded,
        codes,
        frozen,
        reviewed: row.reviewed_at.map(|at| {
            (
                row.reviewer.unwrap_or_default(),
                format_local_time(at),
                row.review_note,
            )
        }),
    }
}

async fn published<'e, E>(executor: E, station_id: i64, month: &str) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM published_reports WHERE station_id = $1 AND month = $2",
    )
    .bind(station_id)
    .bind(month)
    .fetch_one(executor)
    .await?;
    Ok(n > 0)
}

/// What a decision is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Take the signal's ratings out of the published figures.
    Exclude,
    /// Put the ratings excluded through it back.
    Restore,
    /// Leave its ratings counted: reviewed, nothing found.
    Leave,
}

impl Decision {
    fn action(self) -> &'static str {
        match self {
            Decision::Exclude => "signal.exclude",
            Decision::Restore => "signal.restore",
            Decision::Leave => "signal.leave",
        }
    }
}

const FROZEN: Text = Text::new(
    "这些评价所在月份的报告已发布，发布后的数字不再更改。",
    "The report for these ratings' month is published: published figures do not change.",
);

/// Applies `decision` to signal `id` with `note`, as `member`. Returns how many ratings
/// it excluded or restored.
#[tracing::instrument(skip_all, fields(signal = id, ?decision))]
pub async fn decide(
    db: &Db,
    key: &AuditKey,
    member: &StaffMember,
    id: i64,
    decision: Decision,
    note: &str,
    now: i64,
) -> Result<usize, DecisionError> {
    if !may_review(member) {
        return Err(DecisionError::Forbidden);
    }
    let mut tx = db.begin_write().await?;
    let row: Option<(String, i64, Option<i64>)> =
        sqlx::query_as("SELECT kind, station_id, officer_id FROM rating_signals WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let (kind, station_id, officer_id) = row.ok_or(DecisionError::NotFound)?;
    // An inspector who is also the officer it is about, or whom one of its ratings names,
    // never decides it.
    if let Some(own) = member.officer_id {
        let (named,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM rating_signal_members m JOIN ratings r ON r.id = m.rating_id
             WHERE m.signal_id = $1 AND r.officer_id = $2",
        )
        .bind(id)
        .bind(own)
        .fetch_one(&mut *tx)
        .await?;
        if officer_id == Some(own) || named > 0 {
            return Err(DecisionError::NotFound);
        }
    }
    // On PostgreSQL, a decision and a publication of the station's month take turns on
    // the station's row, so that neither misses the other (SQLite has one writer).
    if db.backend() == crate::db::Backend::Postgres {
        sqlx::query("SELECT id FROM stations WHERE id = $1 FOR UPDATE")
            .bind(station_id)
            .execute(&mut *tx)
            .await?;
    }
    let kind: SignalKind = crate::db::decode::code("kind", kind)?;
    let moved = match decision {
        Decision::Exclude => {
            let reason = kind.exclusion().ok_or(DecisionError::Refused(Text::new(
                "这条信号说的是未兑换的服务码，没有可排除的评价。",
                "This signal is about codes never redeemed: there are no ratings to exclude.",
            )))?;
            let ratings: Vec<(i64, i64)> = sqlx::query_as(
                "SELECT r.id, r.created_at FROM rating_signal_members m JOIN ratings r ON r.id = m.rating_id
                 LEFT JOIN rating_exclusions e ON e.rating_id = r.id
                 WHERE m.signal_id = $1 AND e.rating_id IS NULL
                   AND NOT (r.channel = 'visit' AND r.verified = 0)
                 ORDER BY r.id",
            )
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
            refuse_frozen(&mut tx, station_id, &ratings).await?;
            for (rating_id, _) in &ratings {
                sqlx::query(
                    "INSERT INTO rating_exclusions (rating_id, signal_id, reason, note, excluded_by, excluded_at)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(rating_id)
                .bind(id)
                .bind(reason.code())
                .bind(note)
                .bind(member.account_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                crate::reports::rollups::move_rating(&mut tx, *rating_id, "", reason.code())
                    .await?;
            }
            ratings.len()
        }
        Decision::Restore => {
            let ratings: Vec<(i64, i64, String)> = sqlx::query_as(
                "SELECT r.id, r.created_at, e.reason FROM rating_exclusions e JOIN ratings r ON r.id = e.rating_id
                 WHERE e.signal_id = $1 ORDER BY r.id",
            )
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
            let times: Vec<(i64, i64)> = ratings.iter().map(|(r, at, _)| (*r, *at)).collect();
            refuse_frozen(&mut tx, station_id, &times).await?;
            let mut restored = 0;
            for (rating_id, _, reason) in &ratings {
                // Two restores racing: only the one that deletes the row moves the count.
                let deleted = sqlx::query(
                    "DELETE FROM rating_exclusions WHERE rating_id = $1 AND signal_id = $2",
                )
                .bind(rating_id)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if deleted == 1 {
                    crate::reports::rollups::move_rating(&mut tx, *rating_id, reason, "").await?;
                    restored += 1;
                }
            }
            restored
        }
        Decision::Leave => 0,
    };
    sqlx::query(
        "UPDATE rating_signals SET reviewed_by = $1, reviewed_at = $2, review_note = $3 WHERE id = $4",
    )
    .bind(member.account_id)
    .bind(now)
    .bind(note)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let detail = format!("{moved} ratings; {note}");
    let object_id = id.to_string();
    let entry = Entry {
        actor_account_id: Some(member.account_id),
        actor: &member.username,
        action: decision.action(),
        object_type: "rating_signal",
        object_id: &object_id,
        detail: &detail,
        ..Entry::default()
    };
    crate::audit::append(&mut tx, db.backend(), key, entry, now).await?;
    tx.commit().await?;
    Ok(moved)
}

/// Refuses when any of `ratings` (id, created at) falls in a month `station` published.
async fn refuse_frozen(
    tx: &mut Transaction<'_, Any>,
    station_id: i64,
    ratings: &[(i64, i64)],
) -> Result<(), DecisionError> {
    let mut months: Vec<String> = ratings
        .iter()
        .map(|(_, at)| Month::of(*at).to_string())
        .collect();
    months.dedup();
    for month in months {
        if published(&mut **tx, station_id, &month).await? {
            return Err(DecisionError::Refused(FROZEN));
        }
    }
    Ok(())
}
