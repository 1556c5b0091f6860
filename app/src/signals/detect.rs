//! The signals job: a bounded pass over the ratings stored since it last ran, a day at a
//! time (index `ratings_created_idx`), never over all ratings and never on a page view.
//! Each day is read with the day before it, so a burst across midnight is one burst.
//! A signal's key is its kind, its group and its first rating: a second run, or a burst
//! still growing, finds the same signal and adds to it. Run by the scheduler and by
//! `opendoor signals run`.

use super::*;
use crate::db::Db;
use crate::reports::Month;
use std::collections::{BTreeMap, HashMap};

/// Where the job starts when it has never run: far enough back for the month still to
/// be published.
const FIRST_LOOK_BACK_MILLIS: i64 = 40 * DAY_MILLIS;
pub(super) const CURSOR: &str = "signals";
/// A rating is stamped before its transaction commits: the job stops this far short of
/// now, so that a rating still committing is read by the next run, not skipped.
const SETTLE_MILLIS: i64 = 60_000;

/// What a run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ran {
    /// Days read (with the day before each).
    pub days: usize,
    pub ratings_read: usize,
    /// Signals found for the first time, or grown by ratings they did not name.
    pub signals_new_or_grown: usize,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    station_id: i64,
    officer_id: i64,
    level: i64,
    verified: i64,
    channel: String,
    source: Option<String>,
    created_at: i64,
    code_created_at: Option<i64>,
    /// The rating's code was issued at its station: a network the station issued a code
    /// from in the [`ISSUERS_LOOK_BACK_MILLIS`] before.
    #[sqlx(default)]
    at_issuer: bool,
}

/// A run of ratings that fired one rule.
struct Cluster {
    kind: SignalKind,
    group: String,
    station_id: i64,
    officer_id: i64,
    /// Ratings further apart than this are two bursts.
    window: i64,
    members: Vec<(i64, i64)>,
}

/// Reads the ratings from where the last run left off up to `now` and records what fires.
pub async fn run(db: &Db, now: i64) -> Result<Ran, sqlx::Error> {
    let cursor: Option<(i64,)> = sqlx::query_as("SELECT position FROM job_cursors WHERE name = $1")
        .bind(CURSOR)
        .fetch_optional(db.reader())
        .await?;
    let mut start = cursor.map_or(now - FIRST_LOOK_BACK_MILLIS, |(at,)| at);
    let mut ran = Ran::default();
    let horizon = now - SETTLE_MILLIS;
    while start < horizon {
        let end = (start + DAY_MILLIS).min(horizon);
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT r.id, r.station_id, COALESCE(r.officer_id, 0) AS officer_id, r.level, r.verified,
                    r.channel, r.source, r.created_at, c.created_at AS code_created_at
             FROM ratings r LEFT JOIN service_codes c ON c.id = r.service_code_id
             WHERE r.created_at >= $1 AND r.created_at < $2
             ORDER BY r.created_at, r.id",
        )
        .bind(start - DAY_MILLIS)
        .bind(end)
        .fetch_all(db.reader())
        .await?;
        let mut rows = rows;
        mark_at_issuer(db, &mut rows, start - DAY_MILLIS, end).await?;
        ran.days += 1;
        ran.ratings_read += rows.len();
        let clusters = clusters(&rows, end - (start - DAY_MILLIS));
        let mut tx = db.begin_write().await?;
        for cluster in &clusters {
            if record(&mut tx, cluster, now).await? {
                ran.signals_new_or_grown += 1;
            }
        }
        sqlx::query(
            "INSERT INTO job_cursors (name, position) VALUES ($1, $2)
             ON CONFLICT (name) DO UPDATE SET position = $2",
        )
        .bind(CURSOR)
        .bind(end)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        start = end;
    }
    let month = Month::of(now);
    for month in [month.previous(), month] {
        ran.signals_new_or_grown += low_redemption(db, month, now).await?;
    }
    Ok(ran)
}

/// How far back a network a station issued codes from counts as the station's.
const ISSUERS_LOOK_BACK_MILLIS: i64 = 30 * DAY_MILLIS;

/// Marks the code ratings among `rows` (read from `from` to `to`) redeemed from a network
/// their station issued codes from: its computers, its officers' phones. One query per
/// station with code ratings (index `service_codes_station_created`).
async fn mark_at_issuer(db: &Db, rows: &mut [Row], from: i64, to: i64) -> Result<(), sqlx::Error> {
    let mut stations: Vec<i64> = rows
        .iter()
        .filter(|r| r.code_created_at.is_some() && r.source.is_some())
        .map(|r| r.station_id)
        .collect();
    stations.sort_unstable();
    stations.dedup();
    for station_id in stations {
        // The days each network issued codes from (sources × days: bounded).
        let days: Vec<(String, i64)> = sqlx::query_as(&format!(
            "SELECT issued_source, created_at / {DAY_MILLIS} FROM service_codes
             WHERE station_id = $1 AND created_at >= $2 AND created_at < $3 AND issued_source IS NOT NULL
             GROUP BY issued_source, created_at / {DAY_MILLIS}"
        ))
        .bind(station_id)
        .bind(from - ISSUERS_LOOK_BACK_MILLIS)
        .bind(to)
        .fetch_all(db.reader())
        .await?;
        let mut issuers: HashMap<String, Vec<i64>> = HashMap::new();
        for (source, day) in days {
            issuers.entry(source).or_default().push(day);
        }
        for row in rows.iter_mut().filter(|r| r.station_id == station_id) {
            // The station issued a code from this network in the 30 days up to the rating.
            let day = row.created_at / DAY_MILLIS;
            let window = (day - ISSUERS_LOOK_BACK_MILLIS / DAY_MILLIS)..=day;
            row.at_issuer = row.code_created_at.is_some()
                && row
                    .source
                    .as_ref()
                    .and_then(|s| issuers.get(s))
                    .is_some_and(|days| days.iter().any(|d| window.contains(d)));
        }
    }
    Ok(())
}

/// Every rule's clusters among `rows` (in time order), read over `span` milliseconds.
fn clusters(rows: &[Row], span: i64) -> Vec<Cluster> {
    // Ratings an officer once typed for a resident are excluded already, under their own
    // reason: no signal takes them.
    let typed_for = |r: &Row| r.channel == "visit" && r.verified == 0;
    let rows: Vec<&Row> = rows.iter().filter(|r| !typed_for(r)).collect();
    let rows = rows.as_slice();
    let good = |r: &&&Row| r.verified == 0 && r.level >= 4;
    let mut found = Vec::new();
    let target = |r: &Row| (r.station_id, r.officer_id, String::new());
    let by_source = |r: &Row| {
        r.source
            .as_ref()
            .map(|source| (r.station_id, r.officer_id, source.clone()))
    };
    found.extend(fire(
        SignalKind::BurstFromSource,
        rows.iter()
            .filter(good)
            .filter_map(|r| by_source(r).map(|g| (g, *r))),
        DAY_MILLIS,
        &|_| BURST_FROM_SOURCE,
    ));
    found.extend(fire(
        SignalKind::BurstInMinutes,
        rows.iter().filter(good).map(|r| (target(r), *r)),
        MINUTES_WINDOW_MILLIS,
        &|n| burst_in_minutes(n, span),
    ));
    found.extend(fire(
        SignalKind::CodeAtIssuer,
        rows.iter().filter(|r| r.at_issuer).map(|r| (target(r), *r)),
        DAY_MILLIS,
        &|_| 1,
    ));
    found.extend(fire(
        SignalKind::CodeTooFast,
        rows.iter()
            .filter(|r| {
                r.code_created_at
                    .is_some_and(|issued| (0..=TOO_FAST_MILLIS).contains(&(r.created_at - issued)))
            })
            .map(|r| (target(r), *r)),
        DAY_MILLIS,
        &|_| 1,
    ));
    // Bad ratings are about the station, whichever of its officers they name.
    found.extend(fire(
        SignalKind::BadFromSource,
        rows.iter().filter(|r| r.level <= 2).filter_map(|r| {
            r.source
                .as_ref()
                .map(|s| ((r.station_id, 0, s.clone()), *r))
        }),
        DAY_MILLIS,
        &|_| BAD_FROM_SOURCE,
    ));
    found
}

/// How many good ratings of one target within minutes make a burst, when the target had
/// `n` of them over `span`: [`BURST_IN_MINUTES`], or [`PACE_FACTOR`] times its usual pace
/// if that is more (a busy window is busy every day; a burst is unlike the day around it).
fn burst_in_minutes(n: usize, span: i64) -> usize {
    let usual = (n as i64 * MINUTES_WINDOW_MILLIS) as f64 / span.max(1) as f64;
    BURST_IN_MINUTES.max((PACE_FACTOR as f64 * usual).ceil() as usize)
}

/// The clusters of one rule: per group, every rating inside some `window` holding at
/// least `threshold(the group's size)` of the group's ratings, joined while less than
/// `window` apart.
fn fire<'a>(
    kind: SignalKind,
    candidates: impl Iterator<Item = ((i64, i64, String), &'a Row)>,
    window: i64,
    threshold: &dyn Fn(usize) -> usize,
) -> Vec<Cluster> {
    let mut groups: BTreeMap<(i64, i64, String), Vec<&Row>> = BTreeMap::new();
    for (group, row) in candidates {
        groups.entry(group).or_default().push(row);
    }
    let mut found = Vec::new();
    for ((station_id, officer_id, source), rows) in groups {
        let threshold = threshold(rows.len());
        let mut marked = vec![false; rows.len()];
        let mut first = 0;
        for last in 0..rows.len() {
            while rows[last].created_at - rows[first].created_at > window {
                first += 1;
            }
            if last + 1 - first >= threshold {
                marked[first..=last].fill(true);
            }
        }
        let mut current: Option<Cluster> = None;
        for (row, _) in rows.iter().zip(&marked).filter(|(_, m)| **m) {
            let joins = current.as_ref().is_some_and(|c| {
                c.members
                    .last()
                    .is_some_and(|(_, at)| row.created_at - at <= window)
            });
            if !joins {
                found.extend(current.take());
                current = Some(Cluster {
                    kind,
                    group: format!("{station_id}:{officer_id}:{source}"),
                    station_id,
                    officer_id,
                    window,
                    members: Vec::new(),
                });
            }
            if let Some(cluster) = current.as_mut() {
                cluster.members.push((row.id, row.created_at));
            }
        }
        found.extend(current);
    }
    found
}

/// Stores `cluster` as one signal per month it touches (a month is published, and its
/// exclusions frozen, on its own), or adds its new ratings to the signals it already is;
/// a reviewed signal that grows is open again. True when anything was added.
async fn record(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    cluster: &Cluster,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut added = false;
    let mut members = cluster.members.as_slice();
    while let Some(&(_, first_at)) = members.first() {
        let month = Month::of(first_at);
        let split = members
            .iter()
            .position(|(_, at)| Month::of(*at) != month)
            .unwrap_or(members.len());
        let (part, rest) = members.split_at(split);
        added |= record_month(tx, cluster, month, part, now).await?;
        members = rest;
    }
    Ok(added)
}

/// [`record`] for the members of `cluster` in `month`.
async fn record_month(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    cluster: &Cluster,
    month: Month,
    members: &[(i64, i64)],
    now: i64,
) -> Result<bool, sqlx::Error> {
    let (Some(&(first_id, first_at)), Some(&(_, last_at))) = (members.first(), members.last())
    else {
        return Ok(false);
    };
    let group = format!("{}:{}:{month}", cluster.kind.code(), cluster.group);
    // A burst that goes on (or is read again with a day less before it) joins the signal
    // of its group that ended less than a window before it began.
    let joined: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM rating_signals WHERE group_key = $1 AND last_at >= $2
         ORDER BY last_at DESC LIMIT 1",
    )
    .bind(&group)
    .bind(first_at - cluster.window)
    .fetch_optional(&mut **tx)
    .await?;
    let signal_id = match joined {
        Some((id,)) => {
            sqlx::query(
                "UPDATE rating_signals SET
                     last_at = CASE WHEN last_at > $1 THEN last_at ELSE $1 END
                 WHERE id = $2",
            )
            .bind(last_at)
            .bind(id)
            .execute(&mut **tx)
            .await?;
            id
        }
        None => {
            let key = format!("{group}:{first_id}");
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO rating_signals (kind, signal_key, group_key, station_id, officer_id, month,
                                             first_at, last_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                 ON CONFLICT (signal_key) DO UPDATE SET last_at = rating_signals.last_at
                 RETURNING id",
            )
            .bind(cluster.kind.code())
            .bind(&key)
            .bind(&group)
            .bind(cluster.station_id)
            .bind((cluster.officer_id != 0).then_some(cluster.officer_id))
            .bind(month.to_string())
            .bind(first_at)
            .bind(last_at)
            .bind(now)
            .fetch_one(&mut **tx)
            .await?;
            id
        }
    };
    let mut added = 0;
    for (rating_id, _) in members {
        added += sqlx::query(
            "INSERT INTO rating_signal_members (signal_id, rating_id) VALUES ($1, $2)
             ON CONFLICT (signal_id, rating_id) DO NOTHING",
        )
        .bind(signal_id)
        .bind(rating_id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    }
    if added > 0 {
        sqlx::query(
            "UPDATE rating_signals SET reviewed_at = NULL, reviewed_by = NULL WHERE id = $1",
        )
        .bind(signal_id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(added > 0)
}

/// Officers of each station whose codes issued in `month` were redeemed at under half
/// the station's rate (index `service_codes_station_created`, one station at a time).
async fn low_redemption(db: &Db, month: Month, now: i64) -> Result<usize, sqlx::Error> {
    let stations: Vec<(i64,)> = sqlx::query_as("SELECT id FROM stations")
        .fetch_all(db.reader())
        .await?;
    let mut fired = 0;
    for (station_id,) in stations {
        let officers: Vec<(i64, i64, i64)> = sqlx::query_as(
            "SELECT COALESCE(officer_id, 0), COUNT(*), COUNT(redeemed_at) FROM service_codes
             WHERE station_id = $1 AND created_at >= $2 AND created_at < $3
             GROUP BY officer_id",
        )
        .bind(station_id)
        .bind(month.start_millis())
        .bind(month.end_millis())
        .fetch_all(db.reader())
        .await?;
        let issued: i64 = officers.iter().map(|(_, issued, _)| issued).sum();
        let redeemed: i64 = officers.iter().map(|(_, _, redeemed)| redeemed).sum();
        for (officer_id, mine, mine_redeemed) in officers {
            // Under half the station's rate: mine_redeemed / mine < redeemed / issued / 2.
            let low = officer_id != 0
                && mine >= LOW_REDEMPTION_MIN_ISSUED
                && 2 * mine_redeemed * issued < redeemed * mine;
            if !low {
                continue;
            }
            let detail = serde_json::json!({
                "issued": mine, "redeemed": mine_redeemed,
                "station_issued": issued, "station_redeemed": redeemed,
            })
            .to_string();
            let key = format!(
                "{}:{station_id}:{officer_id}:{month}",
                SignalKind::LowRedemption.code()
            );
            let (known,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM rating_signals WHERE signal_key = $1")
                    .bind(&key)
                    .fetch_one(db.reader())
                    .await?;
            sqlx::query(
                "INSERT INTO rating_signals (kind, signal_key, group_key, station_id, officer_id, month, first_at, last_at, detail, created_at)
                 VALUES ($1, $2, $2, $3, $4, $5, $6, $7, $8, $7)
                 ON CONFLICT (signal_key) DO UPDATE SET detail = $8, last_at = $7",
            )
            .bind(SignalKind::LowRedemption.code())
            .bind(&key)
            .bind(station_id)
            .bind(officer_id)
            .bind(month.to_string())
            .bind(month.start_millis())
            .bind(now.min(month.end_millis()))
            .bind(&detail)
            .execute(db.writer())
            .await?;
            fired += usize::from(known == 0);
        }
    }
    Ok(fired)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, at_seconds: i64, level: i64, source: &str) -> Row {
        Row {
            id,
            station_id: 1,
            officer_id: 7,
            level,
            verified: 0,
            channel: "officer_qr".into(),
            source: Some(source.into()),
            created_at: at_seconds * 1000,
            code_created_at: None,
            at_issuer: false,
        }
    }

    fn kinds(rows: &[Row]) -> Vec<(SignalKind, usize)> {
        clusters(rows, 2 * DAY_MILLIS)
            .into_iter()
            .map(|c| (c.kind, c.members.len()))
            .collect()
    }

    #[test]
    fn five_good_ratings_from_one_source_in_a_day_fire_four_do_not() {
        let four: Vec<Row> = (0..4).map(|i| row(i, i * 3600, 5, "a")).collect();
        assert!(kinds(&four).is_empty());
        let five: Vec<Row> = (0..5).map(|i| row(i, i * 3600, 5, "a")).collect();
        assert_eq!(kinds(&five), [(SignalKind::BurstFromSource, 5)]);
        // The same five over five days, or from five sources, are a normal week.
        let spread: Vec<Row> = (0..5).map(|i| row(i, i * 90_000, 5, "a")).collect();
        assert!(kinds(&spread).is_empty());
        let sources: Vec<Row> = (0..5)
            .map(|i| row(i, i * 3600, 5, &i.to_string()))
            .collect();
        assert!(kinds(&sources).is_empty());
    }

    #[test]
    fn a_burst_within_minutes_fires_from_any_sources_and_across_a_window_edge() {
        // Ten in ten minutes from ten sources, starting at 23:55: one signal.
        let burst: Vec<Row> = (0..10)
            .map(|i| row(i, 86_100 + i * 55, 4, &i.to_string()))
            .collect();
        assert_eq!(kinds(&burst), [(SignalKind::BurstInMinutes, 10)]);
        let slow: Vec<Row> = (0..10)
            .map(|i| row(i, i * 120, 5, &i.to_string()))
            .collect();
        assert!(kinds(&slow).is_empty());
    }

    #[test]
    fn a_target_busy_all_day_is_no_burst_but_a_spike_on_it_is() {
        // 1,152 good ratings over two days, from anywhere: four in every ten minutes,
        // all day. Usual; nothing fires.
        let busy: Vec<Row> = (0..1152)
            .map(|i| row(i, i * 150, 5, &i.to_string()))
            .collect();
        assert!(kinds(&busy).is_empty());
        // The same day with 220 more in ten minutes: a burst.
        let mut spiked = busy;
        spiked.extend((0..220).map(|i| row(10_000 + i, 90_000 + i * 2, 5, "x")));
        spiked.sort_by_key(|r| r.created_at);
        let fired = kinds(&spiked);
        assert!(
            fired
                .iter()
                .any(|(kind, _)| *kind == SignalKind::BurstInMinutes),
            "{fired:?}"
        );
    }

    #[test]
    fn bad_ratings_from_one_source_fire_and_verified_good_ratings_do_not() {
        let bad: Vec<Row> = (0..5).map(|i| row(i, i * 60, 1, "b")).collect();
        assert_eq!(kinds(&bad), [(SignalKind::BadFromSource, 5)]);
        let verified: Vec<Row> = (0..12)
            .map(|i| Row {
                verified: 1,
                ..row(i, i * 10, 5, "c")
            })
            .collect();
        assert!(kinds(&verified).is_empty());
    }

    #[test]
    fn codes_redeemed_where_or_just_after_they_were_issued_fire() {
        let at_issuer = Row {
            verified: 1,
            code_created_at: Some(0),
            at_issuer: true,
            ..row(1, 600, 5, "desk")
        };
        let too_fast = Row {
            verified: 1,
            code_created_at: Some(590_000),
            ..row(2, 600, 5, "home")
        };
        let normal = Row {
            verified: 1,
            code_created_at: Some(0),
            ..row(3, 600, 5, "home")
        };
        // A code rating stamped before its code (test data, clock skew) is not "fast".
        let before = Row {
            verified: 1,
            code_created_at: Some(700_000),
            ..row(4, 600, 5, "home")
        };
        assert!(kinds(&[before]).is_empty());
        assert_eq!(kinds(&[at_issuer]), [(SignalKind::CodeAtIssuer, 1)]);
        assert_eq!(kinds(&[too_fast]), [(SignalKind::CodeTooFast, 1)]);
        assert!(kinds(&[normal]).is_empty());
    }
}
