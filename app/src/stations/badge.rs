//! An officer's badge number (警号), as in `/o/100001`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Six digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BadgeNumber(String);

impl BadgeNumber {
    pub fn parse(value: &str) -> Option<BadgeNumber> {
        let value = value.trim();
        (value.len() == 6 && value.bytes().all(|b| b.is_ascii_digit()))
            .then(|| BadgeNumber(value.to_string()))
    }
}

impl AsRef<str> for BadgeNumber {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BadgeNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::BadgeNumber;

    #[test]
    fn six_digits_only() {
        assert!(BadgeNumber::parse("100001").is_some());
        assert_eq!(BadgeNumber::parse(" 300008 ").unwrap().as_ref(), "300008");
        for bad in ["", "10001", "1000011", "10000a", "１００００１", "../etc"] {
            assert!(BadgeNumber::parse(bad).is_none(), "{bad}");
        }
    }
}
