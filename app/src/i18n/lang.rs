//! The interface language, apart from the catalogue so that the preferences (which pick
//! it) and the catalogue (which reads them) do not depend on each other.

use serde::{Deserialize, Serialize};

/// An interface language. Simplified Chinese is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The short code used in cookies, URLs and the database.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Parses a short code or an HTML tag; anything else is `None`.
    pub fn parse(value: &str) -> Option<Lang> {
        match value.trim() {
            "zh" | "zh-CN" | "zh-Hans" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The colon after a label: full-width in Chinese text, `": "` in English.
    pub fn colon(self) -> &'static str {
        match self {
            Lang::Zh => "：",
            Lang::En => ": ",
        }
    }

    /// `inner` in brackets after a word: full-width in Chinese text, ` (…)` in English.
    pub fn bracket(self, inner: impl std::fmt::Display) -> String {
        match self {
            Lang::Zh => format!("（{inner}）"),
            Lang::En => format!(" ({inner})"),
        }
    }

    /// Picks the right one of a pair of localised values (e.g. a station's two names).
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En if en.is_empty() => zh,
            Lang::En => en,
        }
    }
}

/// Strict decoding of a stored language (a case's, an outbox message's): an unknown
/// code is an error, not Chinese by default.
impl TryFrom<String> for Lang {
    type Error = crate::UnknownCode;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        Lang::parse(&code).ok_or(crate::UnknownCode { kind: "Lang", code })
    }
}

/// The months' English names, January first.
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A `YYYY-MM-DD` date as a resident reads it: `12 月 4 日` / `4 December`; anything
/// else as it is.
pub fn month_day(date: &str, lang: Lang) -> String {
    let mut parts = date.splitn(3, '-').skip(1).map(str::parse::<usize>);
    match (parts.next(), parts.next()) {
        (Some(Ok(month @ 1..=12)), Some(Ok(day @ 1..=31))) => match lang {
            Lang::Zh => format!("{month} 月 {day} 日"),
            Lang::En => format!("{day} {}", MONTHS_EN[month - 1]),
        },
        _ => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_tags() {
        assert_eq!(Lang::parse("zh"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn pick_falls_back_to_chinese_when_english_is_missing() {
        assert_eq!(Lang::En.pick("祁山", ""), "祁山");
        assert_eq!(Lang::En.pick("祁山", "Qishan"), "Qishan");
        assert_eq!(Lang::Zh.pick("祁山", "Qishan"), "祁山");
    }

    #[test]
    fn a_date_reads_as_residents_say_it() {
        assert_eq!(month_day("2026-12-04", Lang::Zh), "12 月 4 日");
        assert_eq!(month_day("2026-12-04", Lang::En), "4 December");
        assert_eq!(month_day("soon", Lang::En), "soon");
    }
}
