//! Per-officer figures, internal only: an officer sees their own, a leader every officer
//! of their station. Read from the rating and case rollups (the officer is part of their
//! keys), so they cost the same whatever the number of ratings and cases. Only commendations are ever public.

use super::model::{RatingFigures, TrendPoint};
use serde::{Deserialize, Serialize};

/// One officer's month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfficerMonth {
    pub badge: String,
    pub name_zh: String,
    pub name_en: String,
    pub ratings: RatingFigures,
    pub verified: i64,
    /// Commendations (表扬) naming the officer, filed in the month, with the resident's
    /// consent to publish or not (internal).
    pub commendations: i64,
    /// Service codes tied to the officer issued in the month, and of those redeemed: an
    /// officer far below the station's rate hands codes to some residents only.
    pub codes_issued: i64,
    pub codes_redeemed: i64,
}

/// The page: the caller's own figures with their trend, and the stations they lead.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfficerFigures {
    pub month: String,
    /// The months the page offers, newest first.
    pub months: Vec<String>,
    pub own: Option<(OfficerMonth, Vec<TrendPoint>)>,
    pub stations: Vec<(String, String, Vec<OfficerMonth>)>,
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::db::decode::{number, scored};
    use crate::ratings::RatingLevel;
    use crate::reports::Month;
    use crate::reports::trend::{self, Scope};
    use sqlx::AnyPool;

    /// Every officer of `station_id` (or the one officer `officer_id`) in `month`.
    pub async fn officers_month(
        pool: &AnyPool,
        station_id: Option<i64>,
        officer_id: Option<i64>,
        month: Month,
    ) -> Result<Vec<OfficerMonth>, sqlx::Error> {
        let officers: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT id, badge, name_zh, name_en FROM officers
             WHERE ($1 = 0 OR station_id = $1) AND ($2 = 0 OR id = $2) ORDER BY badge",
        )
        .bind(station_id.unwrap_or(0))
        .bind(officer_id.unwrap_or(0))
        .fetch_all(pool)
        .await?;
        // Visit ratings never enter an officer's own figures: the officer chose the household.
        let rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(&format!(
            "SELECT officer_id, verified, level, CAST(SUM(ratings) AS BIGINT) FROM rating_rollups
             WHERE month = $1 AND ($2 = 0 OR station_id = $2) AND ($3 = 0 OR officer_id = $3) AND officer_id <> 0
               AND {}
             GROUP BY officer_id, verified, level",
            crate::reports::counting::OFFICER_OWN_SQL
        ))
        .bind(month.to_string())
        .bind(station_id.unwrap_or(0))
        .bind(officer_id.unwrap_or(0))
        .fetch_all(pool)
        .await?;
        // Commendations filed in the month, from the case rollups (item: the officer).
        let praised: Vec<(String, i64)> = sqlx::query_as(
            "SELECT item, CAST(SUM(cases) AS BIGINT) FROM case_rollups
             WHERE month = $1 AND measure = 'commendation' AND ($2 = 0 OR station_id = $2)
             GROUP BY item",
        )
        .bind(month.to_string())
        .bind(station_id.unwrap_or(0))
        .fetch_all(pool)
        .await?;
        let praised: Vec<(i64, i64)> = praised
            .into_iter()
            .map(|(officer, n)| Ok((number("item", &officer)?, n)))
            .collect::<Result<_, sqlx::Error>>()?;
        let codes: Vec<(i64, i64, i64)> = sqlx::query_as(
            "SELECT officer_id, COUNT(*), COUNT(redeemed_at) FROM service_codes
             WHERE officer_id IS NOT NULL AND ($1 = 0 OR station_id = $1) AND ($2 = 0 OR officer_id = $2)
               AND created_at >= $3 AND created_at < $4
             GROUP BY officer_id",
        )
        .bind(station_id.unwrap_or(0))
        .bind(officer_id.unwrap_or(0))
        .bind(month.start_millis())
        .bind(month.end_millis())
        .fetch_all(pool)
        .await?;
        let rows: Vec<(i64, i64, RatingLevel, i64)> = rows
            .into_iter()
            .map(|(officer, verified, level, n)| {
                Ok((officer, verified, scored("level", level)?, n))
            })
            .collect::<Result<_, sqlx::Error>>()?;
        Ok(officers
            .into_iter()
            .map(|(id, badge, name_zh, name_en)| {
                let mut figures = RatingFigures::default();
                let mut verified = 0;
                for (_, is_verified, level, n) in rows.iter().filter(|r| r.0 == id) {
                    figures.add(*level, *n);
                    if *is_verified == 1 {
                        verified += n;
                    }
                }
                OfficerMonth {
                    badge,
                    name_zh,
                    name_en,
                    ratings: figures.finish(),
                    verified,
                    commendations: praised.iter().find(|p| p.0 == id).map(|p| p.1).unwrap_or(0),
                    codes_issued: codes.iter().find(|c| c.0 == id).map_or(0, |c| c.1),
                    codes_redeemed: codes.iter().find(|c| c.0 == id).map_or(0, |c| c.2),
                }
            })
            .collect())
    }

    /// One officer's 好评率 over the twelve months ending with `month`.
    pub async fn officer_trend(
        pool: &AnyPool,
        officer_id: i64,
        month: Month,
    ) -> Result<Vec<TrendPoint>, sqlx::Error> {
        let mut conn = pool.acquire().await?;
        trend::last_twelve(&mut conn, Scope::Officer(officer_id), month).await
    }
}
