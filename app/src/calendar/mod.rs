//! The working-day clock. Deadlines count working days: Monday to Friday, less the public
//! holidays that fall on them, plus the make-up workdays (调休) that fall on weekends. The
//! exceptions come from a holiday calendar loaded per year from a data file.

#[cfg(feature = "ssr")]
pub mod server;

use std::collections::HashMap;
use time::{Date, Weekday};

/// China Standard Time: the calendar day that deadlines count in (no daylight saving).
pub const LOCAL_OFFSET: time::UtcOffset = time::macros::offset!(+8);

/// Today's date in China Standard Time, given the current time in Unix milliseconds.
pub fn local_date(unix_millis: i64) -> Date {
    time::OffsetDateTime::from_unix_timestamp_nanos(unix_millis as i128 * 1_000_000)
        .map(|t| t.to_offset(LOCAL_OFFSET).date())
        .unwrap_or(Date::MIN)
}

/// The first millisecond of the China Standard Time day that `unix_millis` falls in.
pub fn start_of_local_day(unix_millis: i64) -> i64 {
    const DAY: i64 = 86_400_000;
    const OFFSET: i64 = 8 * 3_600_000;
    (unix_millis + OFFSET).div_euclid(DAY) * DAY - OFFSET
}

/// `YYYY-MM-DD HH:MM` in China Standard Time, for timelines.
pub fn format_local_time(unix_millis: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp_nanos(unix_millis as i128 * 1_000_000)
        .map(|t| {
            let t = t.to_offset(LOCAL_OFFSET);
            format!(
                "{} {:02}:{:02}",
                format_date(t.date()),
                t.hour(),
                t.minute()
            )
        })
        .unwrap_or_default()
}

/// `YYYY-MM-DD`, as dates are stored.
pub fn format_date(day: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        day.year(),
        day.month() as u8,
        day.day()
    )
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(value: &str) -> Option<Date> {
    Date::parse(
        value.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// An exception to the Monday-to-Friday rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayKind {
    /// A day off, even on a weekday.
    Holiday,
    /// A make-up workday, even on a weekend.
    Workday,
}

impl DayKind {
    pub fn parse(value: &str) -> Option<DayKind> {
        match value {
            "holiday" => Some(DayKind::Holiday),
            "workday" => Some(DayKind::Workday),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Workday => "workday",
        }
    }
}

impl TryFrom<String> for DayKind {
    type Error = crate::UnknownCode;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        DayKind::parse(&code).ok_or(crate::UnknownCode {
            kind: "DayKind",
            code,
        })
    }
}

#[derive(Clone, Debug, Default)]
pub struct WorkCalendar {
    exceptions: HashMap<Date, DayKind>,
}

impl WorkCalendar {
    pub fn new(exceptions: impl IntoIterator<Item = (Date, DayKind)>) -> WorkCalendar {
        WorkCalendar {
            exceptions: exceptions.into_iter().collect(),
        }
    }

    pub fn is_working_day(&self, day: Date) -> bool {
        match self.exceptions.get(&day) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday),
        }
    }

    /// The day `n` working days after `start`, not counting `start` itself: a case filed on
    /// a Friday with one working day to answer is due on Monday.
    pub fn add_working_days(&self, start: Date, n: u32) -> Date {
        let mut day = start;
        let mut left = n;
        while left > 0 {
            day = day.next_day().unwrap_or(day);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days after `from` up to and including `to`; negative when `to` is earlier
    /// (that many working days overdue).
    pub fn working_days_between(&self, from: Date, to: Date) -> i64 {
        let (start, end, sign) = if to >= from {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut count = 0;
        let mut day = start;
        while day < end {
            day = day.next_day().unwrap_or(end);
            if self.is_working_day(day) {
                count += 1;
            }
        }
        sign * count
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// The 2026 calendar's exceptions around the Spring Festival and National Day.
    fn calendar() -> WorkCalendar {
        let mut days = vec![
            (date!(2026 - 02 - 14), DayKind::Workday),
            (date!(2026 - 02 - 28), DayKind::Workday),
        ];
        let mut day = date!(2026 - 02 - 15);
        while day <= date!(2026 - 02 - 23) {
            days.push((day, DayKind::Holiday));
            day = day.next_day().unwrap();
        }
        days.push((date!(2026 - 09 - 20), DayKind::Workday));
        days.push((date!(2026 - 09 - 25), DayKind::Holiday));
        let mut day = date!(2026 - 10 - 01);
        while day <= date!(2026 - 10 - 07) {
            days.push((day, DayKind::Holiday));
            day = day.next_day().unwrap();
        }
        days.push((date!(2026 - 10 - 10), DayKind::Workday));
        WorkCalendar::new(days)
    }

    #[test]
    fn local_dates_are_china_standard_time() {
        // 2026-11-27 16:30 UTC is already the 28th in Beijing.
        let millis = time::macros::datetime!(2026-11-27 16:30 UTC).unix_timestamp() * 1000;
        assert_eq!(local_date(millis), date!(2026 - 11 - 28));
        assert_eq!(format_date(date!(2026 - 01 - 04)), "2026-01-04");
        assert_eq!(parse_date("2026-01-04"), Some(date!(2026 - 01 - 04)));
        assert_eq!(parse_date("2026-13-01"), None);
    }

    #[test]
    fn weekends_are_skipped() {
        let calendar = WorkCalendar::default();
        // Friday 2026-11-27 + 1 working day = Monday 2026-11-30.
        assert_eq!(
            calendar.add_working_days(date!(2026 - 11 - 27), 1),
            date!(2026 - 11 - 30)
        );
        assert_eq!(
            calendar.add_working_days(date!(2026 - 11 - 27), 5),
            date!(2026 - 12 - 04)
        );
        // Filed on a Saturday: Monday is the first working day.
        assert_eq!(
            calendar.add_working_days(date!(2026 - 11 - 28), 1),
            date!(2026 - 11 - 30)
        );
        assert_eq!(
            calendar.add_working_days(date!(2026 - 11 - 27), 0),
            date!(2026 - 11 - 27)
        );
    }

    #[test]
    fn holidays_are_skipped_and_make_up_workdays_count() {
        let calendar = calendar();
        // Friday 2026-02-13: Saturday the 14th is a make-up workday.
        assert_eq!(
            calendar.add_working_days(date!(2026 - 02 - 13), 1),
            date!(2026 - 02 - 14)
        );
        // Then the festival runs to Monday the 23rd: the next working day is the 24th.
        assert_eq!(
            calendar.add_working_days(date!(2026 - 02 - 14), 1),
            date!(2026 - 02 - 24)
        );
        // 15 working days from Thursday 2026-09-24, across Mid-Autumn and National Day:
        // Sep 28, 29, 30, Oct 8, 9, 10 (a Saturday, worked), 12–16, 19–22.
        assert_eq!(
            calendar.add_working_days(date!(2026 - 09 - 24), 15),
            date!(2026 - 10 - 22)
        );
        assert!(calendar.is_working_day(date!(2026 - 09 - 20)));
        assert!(!calendar.is_working_day(date!(2026 - 10 - 05)));
    }

    #[test]
    fn counts_working_days_between_dates_both_ways() {
        let calendar = calendar();
        assert_eq!(
            calendar.working_days_between(date!(2026 - 09 - 24), date!(2026 - 10 - 22)),
            15
        );
        assert_eq!(
            calendar.working_days_between(date!(2026 - 10 - 22), date!(2026 - 09 - 24)),
            -15
        );
        assert_eq!(
            calendar.working_days_between(date!(2026 - 11 - 27), date!(2026 - 11 - 27)),
            0
        );
    }
}
