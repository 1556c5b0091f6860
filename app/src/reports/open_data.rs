//! The downloads of a published month: the snapshot's own bytes as JSON (so its SHA-256
//! can be checked by anyone), and the same figures as CSV in long form, one figure per
//! row, which any spreadsheet or CSV parser reads.

use super::model::{MonthReport, RatingFigures};

/// The CSV's columns: `value` is a rate (0–1) with its 95 % interval, or for
/// `median_hours_to_first_answer` a number of hours.
pub const CSV_HEADER: [&str; 9] = [
    "station",
    "month",
    "version",
    "section",
    "item",
    "n",
    "value",
    "value_low",
    "value_high",
];

struct Rows<'a> {
    report: &'a MonthReport,
    writer: csv::Writer<Vec<u8>>,
}

/// A cell as a spreadsheet shows it, never as a formula. Text that staff typed (what
/// residents said and what the station did, a referral's department) and that begins
/// with `=`, `+`, `-`, `@`, a tab or a carriage return gets an apostrophe in front, as
/// OWASP advises against CSV injection. Our own cells (slugs, codes, months, numbers
/// that are never negative) never begin so, and stay as they are.
pub fn spreadsheet_safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// Writes one row, each cell [`spreadsheet_safe`].
fn write_row<const N: usize>(
    writer: &mut csv::Writer<Vec<u8>>,
    cells: [&str; N],
) -> Result<(), csv::Error> {
    writer.write_record(cells.map(spreadsheet_safe))
}

fn rate(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

impl Rows<'_> {
    fn row(
        &mut self,
        section: &str,
        item: &str,
        n: i64,
        rates: [Option<f64>; 3],
    ) -> Result<(), csv::Error> {
        let version = self.report.version.to_string();
        let n = n.to_string();
        let [value, low, high] = rates.map(rate);
        write_row(
            &mut self.writer,
            [
                self.report.station.slug.as_str(),
                self.report.month.as_str(),
                &version,
                section,
                item,
                &n,
                &value,
                &low,
                &high,
            ],
        )
    }

    fn figures(&mut self, section: &str, item: &str, f: &RatingFigures) -> Result<(), csv::Error> {
        self.row(
            section,
            item,
            f.n,
            [f.good_rate, f.good_rate_low, f.good_rate_high],
        )?;
        let levels = [
            ("very_satisfied", f.very_satisfied),
            ("satisfied", f.satisfied),
            ("fairly_satisfied", f.fairly_satisfied),
            ("dissatisfied", f.dissatisfied),
            ("very_dissatisfied", f.very_dissatisfied),
        ];
        for (level, n) in levels {
            self.row(
                &format!("{section}_level"),
                &format!("{item}:{level}"),
                n,
                [None; 3],
            )?;
        }
        Ok(())
    }
}

/// The month as CSV (UTF-8 with a byte-order mark, so spreadsheet programs on Windows
/// read the Chinese text as such).
pub fn to_csv(report: &MonthReport) -> Result<Vec<u8>, csv::Error> {
    let mut out = Rows {
        report,
        writer: csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec()),
    };
    write_row(&mut out.writer, CSV_HEADER)?;
    out.figures("ratings", "all", &report.ratings)?;
    out.figures("ratings", "verified", &report.verified)?;
    out.figures("ratings", "unverified", &report.unverified)?;
    // What the figures mean: see `model::FORMAT`.
    out.row("format", "", i64::from(report.format), [None; 3])?;
    if let Some(method) = &report.method {
        out.row("method", &method.url, i64::from(method.version), [None; 3])?;
    }
    if report.format >= 2 {
        out.figures("ratings", "visit", &report.visits)?;
        for e in &report.excluded {
            out.row("excluded", &e.code, e.n, [None; 3])?;
        }
    }
    for c in &report.by_channel {
        out.row("channel", &c.code, c.n, [None; 3])?;
    }
    for s in &report.by_service {
        out.figures("service", &s.service_type, &s.figures)?;
        if report.format >= 2 {
            out.figures("service_unverified", &s.service_type, &s.unverified)?;
        }
    }
    for c in &report.problem_tags {
        out.row("problem_tag", &c.code, c.n, [None; 3])?;
    }
    for c in &report.praise_tags {
        out.row("praise_tag", &c.code, c.n, [None; 3])?;
    }
    for t in &report.trend {
        out.row(
            "trend",
            &t.month,
            t.n,
            [t.good_rate, t.good_rate_low, t.good_rate_high],
        )?;
    }
    let c = &report.cases;
    for k in &c.by_kind {
        out.row("case_kind", &k.code, k.n, [None; 3])?;
    }
    let none = [None; 3];
    out.row("cases", "filed", c.filed, none)?;
    out.row("cases", "hidden_as_spam", c.hidden_as_spam, none)?;
    out.row("cases", "resolved", c.resolved, none)?;
    out.row(
        "cases",
        "resolved_on_time",
        c.resolved_on_time,
        [c.on_time_rate, None, None],
    )?;
    out.row("cases", "answered", c.answered, none)?;
    out.row(
        "cases",
        "median_hours_to_first_answer",
        c.answered,
        [c.median_hours_to_first_answer, None, None],
    )?;
    out.row("feedback", "satisfied", c.feedback_satisfied, none)?;
    out.row(
        "feedback",
        "basically_satisfied",
        c.feedback_basically_satisfied,
        none,
    )?;
    out.row("feedback", "dissatisfied", c.feedback_dissatisfied, none)?;
    out.row("feedback", "none", c.feedback_none, none)?;
    out.row("feedback_visit", "resolved", c.feedback_from_visits, none)?;
    out.row(
        "feedback_visit",
        "satisfied_or_basically",
        c.feedback_from_visits_satisfied,
        none,
    )?;
    out.row(
        "feedback",
        "satisfied_or_basically",
        c.feedback_satisfied + c.feedback_basically_satisfied,
        [c.feedback_satisfied_rate, None, None],
    )?;
    out.row("cases", "referred", c.referred, none)?;
    for d in &c.referral_departments {
        out.row("referral_department", &d.code, d.n, none)?;
    }
    out.row("bad_rating_reviews", "opened", c.bad_rating_reviews, none)?;
    out.row(
        "bad_rating_reviews",
        "resolved",
        c.bad_rating_reviews_resolved,
        [c.bad_rating_review_rate, None, None],
    )?;
    if report.format >= 2 {
        out.row(
            "review_finding",
            "substantiated",
            c.reviews_substantiated,
            none,
        )?;
        out.row("review_finding", "partly", c.reviews_partly, none)?;
        out.row(
            "review_finding",
            "unsubstantiated",
            c.reviews_unsubstantiated,
            none,
        )?;
        out.row("review_finding", "none", c.reviews_no_finding, none)?;
        out.row(
            "bad_rating_reviews",
            "rectified",
            c.reviews_rectified,
            [c.rectification_rate, None, None],
        )?;
    }
    // Format 1 named officers without the residents' consent: no longer repeated here.
    for m in report.commendations.iter().filter(|_| report.format >= 2) {
        out.row("commendation", &m.badge, m.n, none)?;
    }
    for (i, item) in report.you_said_we_did.iter().enumerate() {
        out.row("you_said", &item.said, i as i64 + 1, none)?;
        out.row("we_did", &item.did, i as i64 + 1, none)?;
    }
    out.writer.into_inner().map_err(|e| e.into_error().into())
}

/// The bureau's CSV: the summed figures as a station's, then one row per station saying
/// which version of its report was summed (`n`; 0 when none) and whether it was
/// (`value` 1 or 0).
pub fn bureau_to_csv(report: &super::bureau::BureauReport) -> Result<Vec<u8>, csv::Error> {
    let mut bytes = to_csv(&report.total)?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    for part in &report.stations {
        let version = part.version.unwrap_or(0).to_string();
        let summed = if part.summed { "1" } else { "0" };
        write_row(
            &mut writer,
            [
                super::bureau::BUREAU_SLUG,
                report.month.as_str(),
                "0",
                "station_report",
                part.slug.as_str(),
                &version,
                summed,
                "",
                "",
            ],
        )?;
    }
    bytes.extend(writer.into_inner().map_err(|e| e.into_error())?);
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

    #[test]
    fn a_cell_that_would_start_a_formula_is_shown_as_text() {
        for (typed, written) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+86 138", "'+86 138"),
            ("-1+1", "'-1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("已协调安装两盏路灯", "已协调安装两盏路灯"),
            ("0.85", "0.85"),
            ("", ""),
        ] {
            assert_eq!(spreadsheet_safe(typed), written, "{typed:?}");
        }
    }
}
