//! Details staff record on a case beside what the resident wrote (a number another
//! system gave the matter, such as a 12345 work order). Each detail is one entry in
//! [`DETAILS`] and one nullable text column of `cases`, added by a migration: the case
//! page's form, the `detail` action and its check, the rights, the record that reads the
//! column, the change that writes it, the timeline and the audit line all follow the
//! table. Adding a detail is an entry here, its label and hint in the catalogue, and the
//! migration.
//!
//! Whoever may triage or work a case records its details, open or finished (a number
//! often arrives after the answer); each change is an internal timeline entry and an
//! audit line, and needs nobody's approval: a detail describes the case, it does not
//! decide it.

use crate::i18n::{Lang, Text, messages as m};
use std::collections::BTreeMap;

/// One detail staff may record on a case.
#[derive(Debug)]
pub struct Detail {
    /// Its name in forms, the timeline and the audit log; never changed once stored.
    pub code: &'static str,
    /// Its column in `cases` (nullable text).
    pub column: &'static str,
    pub label: Text,
    /// Under the field: what it is and what it looks like.
    pub hint: Text,
    pub shape: Shape,
}

/// What a detail's value may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A number another system issued: ASCII letters, digits and `-`, stored in capitals.
    Number { max: usize },
    /// A line of text.
    Line { max: usize },
}

/// Every detail, in the order the case page shows them.
pub const DETAILS: &[Detail] = &[Detail {
    code: "hotline_order",
    column: "hotline_order_no",
    label: m::DETAIL_HOTLINE_ORDER,
    hint: m::DETAIL_HOTLINE_ORDER_HINT,
    shape: Shape::Number { max: 32 },
}];

/// A case's recorded details: code → value, only those that are set.
pub type Details = BTreeMap<String, String>;

/// A value that does not fit its detail's shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Misshapen;

impl Detail {
    pub fn find(code: &str) -> Option<&'static Detail> {
        DETAILS.iter().find(|detail| detail.code == code)
    }

    /// The longest value, in characters.
    pub fn max_chars(&self) -> usize {
        match self.shape {
            Shape::Number { max } | Shape::Line { max } => max,
        }
    }

    /// The value to store, from what was typed: trimmed, `None` (cleared) when empty.
    pub fn parse(&self, typed: &str) -> Result<Option<String>, Misshapen> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(None);
        }
        if typed.chars().count() > self.max_chars() {
            return Err(Misshapen);
        }
        match self.shape {
            Shape::Number { .. } => {
                if typed.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    Ok(Some(typed.to_ascii_uppercase()))
                } else {
                    Err(Misshapen)
                }
            }
            Shape::Line { .. } => {
                if typed.chars().any(char::is_control) {
                    Err(Misshapen)
                } else {
                    Ok(Some(typed.to_string()))
                }
            }
        }
    }
}

/// A timeline entry's body for a detail set to `value` (`None`: cleared).
pub fn timeline_body(code: &str, value: Option<&str>) -> String {
    format!("{code}={}", value.unwrap_or_default())
}

const CLEARED: Text = Text::new("已清除", "cleared");

/// How a detail's timeline entry reads in `lang`: its label and the value.
pub fn describe(body: &str, lang: Lang) -> String {
    let Some((code, value)) = body.split_once('=') else {
        return body.to_string();
    };
    let label = Detail::find(code).map_or(code, |detail| detail.label.get(lang));
    let value = if value.is_empty() {
        CLEARED.get(lang)
    } else {
        value
    };
    match lang {
        Lang::Zh => format!("{label}：{value}"),
        Lang::En => format!("{label}: {value}"),
    }
}

/// The details' columns, each after a comma, for a `SELECT` of cases aliased `c`.
#[cfg(feature = "ssr")]
pub fn select_columns() -> String {
    DETAILS
        .iter()
        .map(|detail| format!(", c.{}", detail.column))
        .collect()
}

/// The details set on a row read with [`select_columns`].
#[cfg(feature = "ssr")]
pub fn read(row: &sqlx::any::AnyRow) -> Result<Details, sqlx::Error> {
    use sqlx::Row;
    let mut details = Details::new();
    for detail in DETAILS {
        if let Some(value) = row.try_get::<Option<String>, _>(detail.column)? {
            details.insert(detail.code.to_string(), value);
        }
    }
    Ok(details)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBER: Detail = Detail {
        code: "number",
        column: "number_no",
        label: Text::new("编号", "Number"),
        hint: Text::new("", ""),
        shape: Shape::Number { max: 12 },
    };

    const LINE: Detail = Detail {
        shape: Shape::Line { max: 5 },
        ..NUMBER
    };

    #[test]
    fn a_number_is_letters_digits_and_dashes_in_capitals() {
        assert_eq!(NUMBER.parse(" gd-2026 "), Ok(Some("GD-2026".into())));
        assert_eq!(NUMBER.parse("   "), Ok(None));
        assert_eq!(NUMBER.parse("GD 2026"), Err(Misshapen));
        assert_eq!(NUMBER.parse("工单2026"), Err(Misshapen));
        assert_eq!(NUMBER.parse("1234567890123"), Err(Misshapen));
        assert_eq!(
            NUMBER.parse("123456789012"),
            Ok(Some("123456789012".into()))
        );
    }

    #[test]
    fn a_line_is_bounded_and_has_no_control_characters() {
        assert_eq!(LINE.parse("信访 12"), Ok(Some("信访 12".into())));
        assert_eq!(LINE.parse("信访 123"), Err(Misshapen));
        assert_eq!(LINE.parse("a\u{7}b"), Err(Misshapen));
    }

    #[test]
    fn every_detail_has_its_own_code_and_column_and_both_languages() {
        for (i, detail) in DETAILS.iter().enumerate() {
            assert!(!detail.label.zh.is_empty() && !detail.label.en.is_empty());
            assert!(!detail.hint.zh.is_empty() && !detail.hint.en.is_empty());
            // Codes and columns go into forms and SQL as they are, and the timeline
            // splits its body at the first '='.
            for name in [detail.code, detail.column] {
                assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
            }
            for other in &DETAILS[i + 1..] {
                assert_ne!(detail.code, other.code);
                assert_ne!(detail.column, other.column);
            }
        }
    }

    #[test]
    fn a_timeline_entry_names_the_detail_in_the_readers_language() {
        let body = timeline_body("unknown", Some("A1"));
        assert_eq!(describe(&body, Lang::Zh), "unknown：A1");
        assert_eq!(
            describe(&timeline_body("unknown", None), Lang::En),
            "unknown: cleared"
        );
        for detail in DETAILS {
            let body = timeline_body(detail.code, Some("A1"));
            assert_eq!(
                describe(&body, Lang::En),
                format!("{}: A1", detail.label.en)
            );
        }
    }
}
