//! A case's public reference, `KM-2026-000123`: the year it was filed and a number
//! counting up within that year.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Reference(String);

impl Reference {
    pub fn new(year: i32, number: i64) -> Reference {
        Reference(format!("KM-{year:04}-{number:06}"))
    }

    /// Accepts what a resident may type: any case, surrounding spaces.
    pub fn parse(value: &str) -> Option<Reference> {
        let value = value.trim().to_ascii_uppercase();
        let rest = value.strip_prefix("KM-")?;
        let (year, number) = rest.split_once('-')?;
        let digits = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
        (digits(year, 4) && digits(number, 6)).then_some(Reference(value))
    }
}

crate::string_newtype!(Reference);

/// Strict decoding of a stored reference.
impl TryFrom<String> for Reference {
    type Error = crate::UnknownCode;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        Reference::parse(&code).ok_or(crate::UnknownCode {
            kind: "Reference",
            code,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Reference;

    #[test]
    fn formats_year_and_six_digits() {
        assert_eq!(Reference::new(2026, 123).as_ref(), "KM-2026-000123");
    }

    #[test]
    fn parses_what_residents_type() {
        assert_eq!(
            Reference::parse(" km-2026-000123 ").unwrap(),
            Reference::new(2026, 123)
        );
        for bad in [
            "",
            "KM-2026-123",
            "KM-26-000123",
            "XX-2026-000123",
            "KM-2026-00012a",
            "KM-2026-000123-1",
        ] {
            assert!(Reference::parse(bad).is_none(), "{bad}");
        }
    }
}
