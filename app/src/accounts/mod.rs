//! Staff accounts and roles.

#[cfg(feature = "ssr")]
pub mod server;

use serde::{Deserialize, Serialize};

/// A staff sign-in name: 3 to 32 lower-case ASCII letters, digits, `.`, `-` or `_`,
/// starting with a letter (`leader.qishan`, `officer.100001`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Username(String);

impl Username {
    pub fn parse(value: &str) -> Result<Username, String> {
        let value = value.trim();
        if !(3..=32).contains(&value.len()) {
            return Err("a username has 3 to 32 characters".into());
        }
        if !value.starts_with(|c: char| c.is_ascii_lowercase()) {
            return Err("a username starts with a lower-case letter".into());
        }
        if !value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
        {
            return Err("a username has only lower-case letters, digits, '.', '-' and '_'".into());
        }
        Ok(Username(value.to_string()))
    }
}

crate::string_newtype!(Username);

/// What a staff member may do; see PRODUCT.md "Organisation and roles".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Officer,
    Clerk,
    Leader,
    Inspector,
    Admin,
    /// Bureau intake (公安局受理): owns requests filed without a station until placed.
    Intake,
    /// A counter tablet (窗口终端): a device at one station's window, not a person. It
    /// shows service codes for counter services and does nothing else; its codes rate
    /// the station, never an officer.
    Window,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Officer,
        Role::Clerk,
        Role::Leader,
        Role::Window,
        Role::Intake,
        Role::Inspector,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Clerk => "clerk",
            Role::Leader => "leader",
            Role::Inspector => "inspector",
            Role::Admin => "admin",
            Role::Intake => "intake",
            Role::Window => "window",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == value)
    }

    pub fn label(self) -> crate::i18n::Text {
        use crate::i18n::Text;
        match self {
            Role::Officer => Text::new("民警", "Officer"),
            Role::Clerk => Text::new("内勤", "Clerk"),
            Role::Leader => Text::new("所长", "Station leader"),
            Role::Inspector => Text::new("督察", "Inspector"),
            Role::Admin => Text::new("系统管理员", "Administrator"),
            Role::Intake => Text::new("公安局受理", "Bureau intake"),
            Role::Window => Text::new("窗口终端", "Counter tablet"),
        }
    }

    /// Roles only a sworn officer holds: their account must be linked to the officer.
    pub fn is_sworn(self) -> bool {
        matches!(self, Role::Officer | Role::Leader)
    }

    /// Roles that oversee or route the stations' work: never held beside a station role.
    pub fn oversees_stations(self) -> bool {
        matches!(self, Role::Inspector | Role::Intake)
    }

    /// A device's role: held alone, on an account that belongs to no officer. A tablet
    /// left signed in on a counter without a second factor must open nothing but the
    /// code it shows.
    pub fn stands_alone(self) -> bool {
        self == Role::Window
    }

    /// Inspectors, admins and bureau intake work bureau-wide; the others at one station.
    pub fn is_bureau_wide(self) -> bool {
        matches!(self, Role::Inspector | Role::Admin | Role::Intake)
    }
}

/// Strict decoding of a stored role: an unknown one is an error, not "no role".
impl TryFrom<String> for Role {
    type Error = crate::UnknownCode;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        Role::parse(&code).ok_or(crate::UnknownCode { kind: "Role", code })
    }
}

/// The smallest password we accept for a staff account.
pub const MIN_PASSWORD_CHARS: usize = 12;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_demo_usernames() {
        for ok in [
            "admin",
            "inspector",
            "leader.qishan",
            "clerk.dadongmen",
            "officer.100001",
        ] {
            assert!(Username::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_bad_usernames() {
        for bad in [
            "",
            "ab",
            "Admin",
            "1admin",
            "ad min",
            "管理员",
            "a;drop",
            &"a".repeat(33),
        ] {
            assert!(Username::parse(bad).is_err(), "{bad}");
        }
    }
}
