//! Monthly satisfaction (PRODUCT.md "Publishing"). The figures come from rollups kept up
//! to date as ratings arrive ([`rollups`]), so a month costs the same at 10 million
//! ratings as at 10 thousand.

#[cfg(feature = "ssr")]
pub mod rollups;

/// The month a moment falls in, China Standard Time: `YYYY-MM`.
#[cfg(feature = "ssr")]
pub fn month_of(unix_millis: i64) -> String {
    let day = crate::calendar::local_date(unix_millis);
    format!("{:04}-{:02}", day.year(), u8::from(day.month()))
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::month_of;

    #[test]
    fn months_turn_at_midnight_china_time() {
        // 2026-11-30 15:59:59.999 UTC is 23:59:59.999 on the 30th in Beijing.
        assert_eq!(month_of(1_796_054_399_999), "2026-11");
        assert_eq!(month_of(1_796_054_400_000), "2026-12");
    }
}
