//! Rating rollups: counts per month, station, officer, channel, verified or not, service
//! type and level (and per tag), added to in the transaction that stores each rating;
//! case rollups are kept by [`super::case_rollups`]. `opendoor rollups rebuild`
//! recomputes both from the raw rows; property tests check that both ways agree.
//!
//! A rating an inspector excluded (`rating_exclusions`) counts under its reason in the
//! `excluded` key column ('' for none): [`move_rating`] moves it there and back, in the
//! transaction that excludes or restores it.

use super::{Month, case_rollups};
use crate::db::{Backend, Db};
use crate::ratings::RatingChannel;
use sqlx::{Any, Transaction};

/// What a rating counts under. `officer_id` 0 is the station itself.
#[derive(Clone, Copy, Debug)]
pub struct RatingKey<'a> {
    pub station_id: i64,
    pub officer_id: Option<i64>,
    pub channel: RatingChannel,
    pub verified: bool,
    pub service_type: &'a str,
    pub level: i64,
    pub created_at: i64,
}

/// Counts one new rating and its tags, in the caller's transaction.
pub async fn add_rating(
    tx: &mut Transaction<'_, Any>,
    key: RatingKey<'_>,
    tags: &[&str],
) -> Result<(), sqlx::Error> {
    let month = Month::of(key.created_at).to_string();
    sqlx::query(
        "INSERT INTO rating_rollups (month, station_id, officer_id, channel, verified, service_type, level, excluded, ratings)
         VALUES ($1, $2, $3, $4, $5, $6, $7, '', 1)
         ON CONFLICT (month, station_id, officer_id, channel, verified, service_type, level, excluded)
         DO UPDATE SET ratings = rating_rollups.ratings + 1",
    )
    .bind(&month)
    .bind(key.station_id)
    .bind(key.officer_id.unwrap_or(0))
    .bind(key.channel.code())
    .bind(i64::from(key.verified))
    .bind(key.service_type)
    .bind(key.level)
    .execute(&mut **tx)
    .await?;
    for tag in tags {
        sqlx::query(
            "INSERT INTO rating_tag_rollups (month, station_id, officer_id, channel, verified, tag, excluded, ratings)
             VALUES ($1, $2, $3, $4, $5, $6, '', 1)
             ON CONFLICT (month, station_id, officer_id, channel, verified, tag, excluded)
             DO UPDATE SET ratings = rating_tag_rollups.ratings + 1",
        )
        .bind(&month)
        .bind(key.station_id)
        .bind(key.officer_id.unwrap_or(0))
        .bind(key.channel.code())
        .bind(i64::from(key.verified))
        .bind(*tag)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Moves rating `rating_id` from the rollups' `from` exclusion key to `to` ('' is
/// counted), with its tags, in the caller's transaction.
pub async fn move_rating(
    tx: &mut Transaction<'_, Any>,
    rating_id: i64,
    from: &str,
    to: &str,
) -> Result<(), sqlx::Error> {
    let (station_id, officer_id, channel, verified, service_type, level, created_at): (
        i64,
        i64,
        String,
        i64,
        String,
        i64,
        i64,
    ) = sqlx::query_as(
        "SELECT station_id, COALESCE(officer_id, 0), channel, verified, service_type, level, created_at
         FROM ratings WHERE id = $1",
    )
    .bind(rating_id)
    .fetch_one(&mut **tx)
    .await?;
    let month = Month::of(created_at).to_string();
    for (excluded, step) in [(from, -1_i64), (to, 1)] {
        sqlx::query(
            "INSERT INTO rating_rollups (month, station_id, officer_id, channel, verified, service_type, level, excluded, ratings)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (month, station_id, officer_id, channel, verified, service_type, level, excluded)
             DO UPDATE SET ratings = rating_rollups.ratings + $9",
        )
        .bind(&month)
        .bind(station_id)
        .bind(officer_id)
        .bind(&channel)
        .bind(verified)
        .bind(&service_type)
        .bind(level)
        .bind(excluded)
        .bind(step)
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "INSERT INTO rating_tag_rollups (month, station_id, officer_id, channel, verified, tag, excluded, ratings)
             SELECT $1, $2, $3, $4, $5, t.tag, $6, $7 FROM rating_tags t WHERE t.rating_id = $8
             ON CONFLICT (month, station_id, officer_id, channel, verified, tag, excluded)
             DO UPDATE SET ratings = rating_tag_rollups.ratings + $7",
        )
        .bind(&month)
        .bind(station_id)
        .bind(officer_id)
        .bind(&channel)
        .bind(verified)
        .bind(excluded)
        .bind(step)
        .bind(rating_id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// `format` (strftime's `%Y`, `%m`, `%d` and `-` only) of `column` (Unix milliseconds)
/// in SQL, China Standard Time.
fn local_sql(backend: Backend, column: &str, format: &str) -> String {
    match backend {
        Backend::Sqlite => format!("strftime('{format}', {column} / 1000 + 28800, 'unixepoch')"),
        Backend::Postgres => {
            let format = format
                .replace("%Y", "YYYY")
                .replace("%m", "MM")
                .replace("%d", "DD");
            format!(
                "to_char(to_timestamp(({column} / 1000 + 28800)::double precision) AT TIME ZONE 'UTC', '{format}')"
            )
        }
    }
}

/// How many rows each table holds after a rebuild.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rebuilt {
    pub rating_rows: i64,
    pub tag_rows: i64,
    pub case_rows: i64,
}

/// Recomputes every rollup from the ratings and the cases, in one transaction (writes
/// arriving meanwhile wait for it on SQLite, and on PostgreSQL for the table locks).
pub async fn rebuild(db: &Db) -> Result<Rebuilt, sqlx::Error> {
    let backend = db.backend();
    let month = local_sql(backend, "r.created_at", "%Y-%m");
    let mut tx = db.begin_write().await?;
    if backend == Backend::Postgres {
        // A rating or a case event committed between the delete and the insert would be
        // lost to both.
        sqlx::query("LOCK TABLE ratings, cases IN SHARE MODE")
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM rating_rollups")
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM rating_tag_rollups")
        .execute(&mut *tx)
        .await?;
    sqlx::query(&format!(
        "INSERT INTO rating_rollups (month, station_id, officer_id, channel, verified, service_type, level, excluded, ratings)
         SELECT {month}, r.station_id, COALESCE(r.officer_id, 0), r.channel, r.verified, r.service_type, r.level,
                COALESCE(e.reason, ''), COUNT(*)
         FROM ratings r LEFT JOIN rating_exclusions e ON e.rating_id = r.id
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"
    ))
    .execute(&mut *tx)
    .await?;
    sqlx::query(&format!(
        "INSERT INTO rating_tag_rollups (month, station_id, officer_id, channel, verified, tag, excluded, ratings)
         SELECT {month}, r.station_id, COALESCE(r.officer_id, 0), r.channel, r.verified, t.tag,
                COALESCE(e.reason, ''), COUNT(*)
         FROM ratings r JOIN rating_tags t ON t.rating_id = r.id
         LEFT JOIN rating_exclusions e ON e.rating_id = r.id
         GROUP BY 1, 2, 3, 4, 5, 6, 7"
    ))
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM case_rollups")
        .execute(&mut *tx)
        .await?;
    let date_of = |column: &str| local_sql(backend, column, "%Y-%m-%d");
    for (measure, item, which, month_of) in case_rollups::rebuild_sources(&date_of) {
        let month = local_sql(backend, month_of, "%Y-%m");
        sqlx::query(&format!(
            "INSERT INTO case_rollups (month, station_id, measure, item, cases)
             SELECT {month}, c.station_id, '{measure}', {item}, COUNT(*) FROM cases c
             WHERE {which}
             GROUP BY 1, 2, 4",
            measure = measure.code(),
        ))
        .execute(&mut *tx)
        .await?;
    }
    let (rating_rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM rating_rollups")
        .fetch_one(&mut *tx)
        .await?;
    let (tag_rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM rating_tag_rollups")
        .fetch_one(&mut *tx)
        .await?;
    let (case_rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM case_rollups")
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Rebuilt {
        rating_rows,
        tag_rows,
        case_rows,
    })
}

/// (month, station, officer, channel, verified, service type, level, excluded, ratings)
type RatingRow = (String, i64, i64, String, i64, String, i64, String, i64);
/// (month, station, officer, channel, verified, tag, excluded, ratings)
type TagRow = (String, i64, i64, String, i64, String, String, i64);

/// Every rollup row in a fixed order, as text: what the rebuild test compares.
pub async fn dump(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    let ratings: Vec<RatingRow> = sqlx::query_as(
        "SELECT month, station_id, officer_id, channel, verified, service_type, level, excluded, ratings
         FROM rating_rollups WHERE ratings <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8",
    )
    .fetch_all(db.reader())
    .await?;
    let tags: Vec<TagRow> = sqlx::query_as(
        "SELECT month, station_id, officer_id, channel, verified, tag, excluded, ratings
         FROM rating_tag_rollups WHERE ratings <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7",
    )
    .fetch_all(db.reader())
    .await?;
    let cases: Vec<(String, i64, String, String, i64)> = sqlx::query_as(
        "SELECT month, station_id, measure, item, cases
         FROM case_rollups WHERE cases <> 0 ORDER BY 1, 2, 3, 4",
    )
    .fetch_all(db.reader())
    .await?;
    Ok(ratings
        .into_iter()
        .map(|r| format!("{r:?}"))
        .chain(tags.into_iter().map(|t| format!("tag {t:?}")))
        .chain(cases.into_iter().map(|c| format!("case {c:?}")))
        .collect())
}
