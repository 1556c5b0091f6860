//! A station's URL name, as in `/s/qishan`.

/// Lower-case ASCII letters, digits and inner hyphens, 2 to 32 characters, starting with a
/// letter.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StationSlug(String);

impl TryFrom<String> for StationSlug {
    type Error = &'static str;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        StationSlug::parse(&value).ok_or("not a station code")
    }
}

impl From<StationSlug> for String {
    fn from(slug: StationSlug) -> String {
        slug.0
    }
}

impl StationSlug {
    pub fn parse(value: &str) -> Option<StationSlug> {
        let ok_len = (2..=32).contains(&value.len());
        let ok_start = value.starts_with(|c: char| c.is_ascii_lowercase());
        let ok_chars = value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        let ok_end = !value.ends_with('-');
        (ok_len && ok_start && ok_chars && ok_end).then(|| StationSlug(value.to_string()))
    }
}

crate::string_newtype!(StationSlug);

#[cfg(test)]
mod tests {
    use super::StationSlug;

    #[test]
    fn accepts_station_names() {
        for ok in ["qishan", "yuewang", "dadongmen", "no-2", "ab"] {
            assert!(StationSlug::parse(ok).is_some(), "{ok}");
        }
    }

    #[test]
    fn rejects_everything_else() {
        for bad in [
            "",
            "a",
            "Qishan",
            "2nd",
            "qi shan",
            "qishan-",
            "../etc",
            "祁山",
            &"a".repeat(33),
        ] {
            assert!(StationSlug::parse(bad).is_none(), "{bad}");
        }
    }
}
