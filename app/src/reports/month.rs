//! A calendar month in China Standard Time, the unit every report counts in.

use serde::{Deserialize, Serialize};
use std::fmt;

/// `YYYY-MM`. Ordered by time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month {
    year: i32,
    month: u8,
}

impl Month {
    pub fn new(year: i32, month: u8) -> Option<Month> {
        ((2000..=2999).contains(&year) && (1..=12).contains(&month))
            .then_some(Month { year, month })
    }

    /// Parses exactly `YYYY-MM`; anything else (`2026-1`, `2026-13`, `2026-10.csv`) is `None`.
    pub fn parse(value: &str) -> Option<Month> {
        let (year, month) = value.split_once('-')?;
        if year.len() != 4
            || month.len() != 2
            || !(year.bytes().chain(month.bytes())).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        Month::new(year.parse().ok()?, month.parse().ok()?)
    }

    /// The month a moment (Unix milliseconds) falls in, China Standard Time.
    pub fn of(unix_millis: i64) -> Month {
        let day = crate::calendar::local_date(unix_millis);
        Month {
            year: day.year(),
            month: u8::from(day.month()),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn number(self) -> u8 {
        self.month
    }

    pub fn previous(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// This month and the eleven before it, oldest first.
    pub fn last_twelve(self) -> Vec<Month> {
        let mut months = vec![self];
        for _ in 0..11 {
            let earlier = months[months.len() - 1].previous();
            months.push(earlier);
        }
        months.reverse();
        months
    }

    /// The first millisecond of the month in China Standard Time, as Unix milliseconds.
    pub fn start_millis(self) -> i64 {
        let days = days_from_civil(self.year, self.month, 1);
        (days * 86_400 - 8 * 3600) * 1000
    }

    /// The first millisecond after the month.
    pub fn end_millis(self) -> i64 {
        self.next().start_millis()
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::Month;

    #[test]
    fn parses_only_year_dash_month() {
        assert_eq!(
            Month::parse("2026-10").map(|m| m.to_string()),
            Some("2026-10".into())
        );
        for bad in [
            "2026-1",
            "2026-13",
            "2026-00",
            "26-10",
            "2026-10.csv",
            "2026/10",
            "",
            "abcd-ef",
            "+202-10",
        ] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn months_turn_at_midnight_china_time() {
        // 2026-11-30 15:59:59.999 UTC is 23:59:59.999 on the 30th in Beijing.
        assert_eq!(Month::of(1_796_054_399_999).to_string(), "2026-11");
        assert_eq!(Month::of(1_796_054_400_000).to_string(), "2026-12");
        let december = Month::parse("2026-12").unwrap();
        assert_eq!(december.start_millis(), 1_796_054_400_000);
        assert_eq!(
            Month::parse("2026-11").unwrap().end_millis(),
            1_796_054_400_000
        );
        assert_eq!(december.next().to_string(), "2027-01");
        assert_eq!(Month::parse("2027-01").unwrap().previous(), december);
    }

    #[test]
    fn every_month_starts_where_the_previous_ends() {
        let mut month = Month::parse("2023-01").unwrap();
        for _ in 0..60 {
            assert_eq!(Month::of(month.start_millis()), month);
            assert_eq!(Month::of(month.start_millis() - 1), month.previous());
            assert_eq!(month.end_millis(), month.next().start_millis());
            month = month.next();
        }
    }

    #[test]
    fn the_last_twelve_months_end_with_this_one() {
        let months: Vec<String> = Month::parse("2026-03")
            .unwrap()
            .last_twelve()
            .iter()
            .map(|m| m.to_string())
            .collect();
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], "2025-04");
        assert_eq!(months[11], "2026-03");
    }
}
