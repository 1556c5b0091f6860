//! 好评率 over twelve months, from the rating rollups: a station's for its report (verified
//! ratings, as its headline), an officer's for their own page (no visit ratings).

use super::model::{RatingFigures, TrendPoint};
use super::{Month, counting};
use crate::db::decode::scored;
use sqlx::AnyConnection;

/// Whose ratings a trend counts.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    Station(i64),
    Officer(i64),
}

/// 好评率 for the twelve months ending with `month`, oldest first; a month without
/// ratings has no rate (a gap in the chart, not 0 %).
pub async fn last_twelve(
    conn: &mut AnyConnection,
    scope: Scope,
    month: Month,
) -> Result<Vec<TrendPoint>, sqlx::Error> {
    let months = month.last_twelve();
    let (column, id, counted) = match scope {
        Scope::Station(id) => ("station_id", id, counting::VERIFIED_SQL),
        Scope::Officer(id) => ("officer_id", id, counting::OFFICER_OWN_SQL),
    };
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(&format!(
        "SELECT month, level, CAST(SUM(ratings) AS BIGINT) FROM rating_rollups
         WHERE month >= $1 AND month <= $2 AND {column} = $3 AND {counted} GROUP BY month, level"
    ))
    .bind(months[0].to_string())
    .bind(month.to_string())
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    months
        .iter()
        .map(|m| {
            let key = m.to_string();
            let mut figures = RatingFigures::default();
            for (_, level, n) in rows.iter().filter(|(row_month, _, _)| *row_month == key) {
                figures.add(scored("level", *level)?, *n);
            }
            Ok(TrendPoint::of(key, &figures.finish()))
        })
        .collect()
}
