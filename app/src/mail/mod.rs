//! Email notifications (PRODUCT.md "Notifications"). Every message is a row of the
//! outbox written in the transaction of the event that causes it ([`outbox`]); a worker
//! in the server renders it ([`templates`]) and sends it. A resident's address is used
//! only after they confirm it, and every resident message can unsubscribe ([`consent`]).

pub mod kinds;
pub mod message;
pub mod templates;

#[cfg(feature = "ssr")]
pub mod consent;
#[cfg(feature = "ssr")]
pub mod daily;
#[cfg(feature = "ssr")]
pub mod outbox;

pub use kinds::{MessageKind, OutboxStatus};
pub use message::{Message, staff_subject};

/// An address as logs may show it: the domain only (`***@example.cn`).
pub fn log_address(address: &str) -> String {
    match address.rsplit_once('@') {
        Some((_, domain)) => format!("***@{domain}"),
        None => "***".to_string(),
    }
}

/// The canonical form of a resident's address, the key of their consent: trimmed and
/// lower-cased (the local part is case-insensitive at every provider residents use).
pub fn canonical_address(address: &str) -> String {
    address.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logs_show_the_domain_only() {
        assert_eq!(log_address("li.lei@example.cn"), "***@example.cn");
        assert_eq!(log_address("nonsense"), "***");
    }

    #[test]
    fn addresses_are_compared_lower_cased() {
        assert_eq!(
            canonical_address(" Li.Lei@Example.CN "),
            "li.lei@example.cn"
        );
    }
}
