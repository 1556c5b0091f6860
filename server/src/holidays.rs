//! The holiday calendars that ship with OpenDoor, loaded into an empty year at start-up.

use anyhow::Context;
use app::calendar::server::{has_year, parse_csv, store_days};
use app::db::Db;

/// One data file per year (official 国务院办公厅 schedule, with its make-up workdays).
const BUNDLED: &[(i32, &str)] = &[(2026, include_str!("../holidays/cn-2026.csv"))];

/// Loads each bundled year that has no days stored yet; a year an admin has loaded or
/// edited is left alone.
pub async fn load_bundled(db: &Db) -> anyhow::Result<()> {
    for (year, text) in BUNDLED {
        if has_year(db.reader(), *year).await? {
            continue;
        }
        let days = parse_csv(text)
            .map_err(anyhow::Error::msg)
            .with_context(|| format!("bundled holidays {year}"))?;
        let mut tx = db.begin_write().await?;
        store_days(&mut tx, &days).await?;
        tx.commit().await?;
        tracing::info!(
            year,
            days = days.len(),
            "loaded the bundled holiday calendar"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::BUNDLED;
    use app::calendar::DayKind;
    use time::Weekday;

    #[test]
    fn bundled_files_parse_and_make_up_days_fall_on_weekends() {
        for (year, text) in BUNDLED {
            let days = app::calendar::server::parse_csv(text).unwrap();
            assert!(days.iter().all(|d| d.day.year() == *year));
            for day in days.iter().filter(|d| d.kind == DayKind::Workday) {
                assert!(
                    matches!(day.day.weekday(), Weekday::Saturday | Weekday::Sunday),
                    "{:?}",
                    day.day
                );
            }
        }
    }
}
