//! An officer's badge number (警号), as in `/o/100001`.

use serde::{Deserialize, Serialize};

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

crate::string_newtype!(BadgeNumber);

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
