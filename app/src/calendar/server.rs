//! The holiday calendar in the database, and the data files it is loaded from.

use super::{DayKind, WorkCalendar, format_date, parse_date};
use crate::db::decode::{code, column_error};
use sqlx::{Any, AnyPool, Transaction};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One exception day, as in the data files (`date,kind,name_zh,name_en`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarDay {
    pub day: time::Date,
    pub kind: DayKind,
    pub name_zh: String,
    pub name_en: String,
}

#[derive(Debug, serde::Deserialize)]
struct CsvRow {
    date: String,
    kind: String,
    name_zh: String,
    name_en: String,
}

/// Parses a holiday data file; the error names the line.
pub fn parse_csv(text: &str) -> Result<Vec<CalendarDay>, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut days = Vec::new();
    for (index, row) in reader.deserialize::<CsvRow>().enumerate() {
        let line = index + 2;
        let row = row.map_err(|e| format!("line {line}: {e}"))?;
        let day = parse_date(&row.date)
            .ok_or_else(|| format!("line {line}: {:?} is not a YYYY-MM-DD date", row.date))?;
        let kind = DayKind::parse(row.kind.trim()).ok_or_else(|| {
            format!(
                "line {line}: kind {:?} is neither holiday nor workday",
                row.kind
            )
        })?;
        days.push(CalendarDay {
            day,
            kind,
            name_zh: row.name_zh,
            name_en: row.name_en,
        });
    }
    Ok(days)
}

/// Stores the days, replacing what was stored for the same dates.
#[tracing::instrument(skip_all, fields(days = days.len()))]
pub async fn store_days(
    tx: &mut Transaction<'_, Any>,
    days: &[CalendarDay],
) -> Result<(), sqlx::Error> {
    for day in days {
        sqlx::query(
            "INSERT INTO holidays (day, kind, name_zh, name_en) VALUES ($1, $2, $3, $4)
             ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name_zh = excluded.name_zh, name_en = excluded.name_en",
        )
        .bind(format_date(day.day))
        .bind(day.kind.as_str())
        .bind(&day.name_zh)
        .bind(&day.name_en)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// True when any day of `year` is stored.
pub async fn has_year(pool: &AnyPool, year: i32) -> Result<bool, sqlx::Error> {
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM holidays WHERE day >= $1 AND day <= $2")
            .bind(format!("{year:04}-01-01"))
            .bind(format!("{year:04}-12-31"))
            .fetch_one(pool)
            .await?;
    Ok(count > 0)
}

/// The whole calendar: a few dozen rows a year.
#[tracing::instrument(skip_all)]
pub async fn load(pool: &AnyPool) -> Result<WorkCalendar, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT day, kind FROM holidays")
        .fetch_all(pool)
        .await?;
    let days = rows
        .into_iter()
        .map(|(day, kind)| {
            let date = parse_date(&day).ok_or_else(|| {
                column_error(
                    "day",
                    crate::UnknownCode {
                        kind: "date",
                        code: day,
                    },
                )
            })?;
            Ok((date, code::<DayKind>("kind", kind)?))
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(WorkCalendar::new(days))
}

/// A loaded calendar and when it was loaded.
type Loaded = Option<(Instant, Arc<WorkCalendar>)>;

/// The calendar as the request handlers see it: loaded once and reloaded after a minute,
/// so a holiday year an admin loads on one instance reaches the others soon after, and a
/// submission does not read the holidays table every time.
#[derive(Clone, Debug, Default)]
pub struct CalendarCache {
    loaded: Arc<Mutex<Loaded>>,
}

impl CalendarCache {
    const FRESH_FOR: Duration = Duration::from_secs(60);

    pub async fn get(&self, pool: &AnyPool) -> Result<Arc<WorkCalendar>, sqlx::Error> {
        if let Some((at, calendar)) = self
            .loaded
            .lock()
            .map_err(|_| sqlx::Error::PoolClosed)?
            .as_ref()
            && at.elapsed() < Self::FRESH_FOR
        {
            return Ok(calendar.clone());
        }
        let calendar = Arc::new(load(pool).await?);
        *self.loaded.lock().map_err(|_| sqlx::Error::PoolClosed)? =
            Some((Instant::now(), calendar.clone()));
        Ok(calendar)
    }

    /// Forgets the loaded calendar: the next request reads the table again (after an
    /// admin loads holidays; other instances catch up within a minute).
    pub fn invalidate(&self) {
        if let Ok(mut loaded) = self.loaded.lock() {
            *loaded = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn parses_the_data_file_format() {
        let days = parse_csv("date,kind,name_zh,name_en\n2026-01-01,holiday,元旦,New Year's Day\n2026-01-04,workday,元旦调休上班,Make-up workday\n").unwrap();
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].day, date!(2026 - 01 - 01));
        assert_eq!(days[1].kind, DayKind::Workday);
        assert_eq!(days[0].name_zh, "元旦");
    }

    #[test]
    fn names_the_bad_line() {
        let err = parse_csv(
            "date,kind,name_zh,name_en\n2026-01-01,holiday,a,b\n2026-02-30,holiday,a,b\n",
        )
        .unwrap_err();
        assert!(err.starts_with("line 3:"), "{err}");
        let err = parse_csv("date,kind,name_zh,name_en\n2026-01-01,vacation,a,b\n").unwrap_err();
        assert!(err.contains("neither holiday nor workday"), "{err}");
    }
}
