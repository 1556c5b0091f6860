//! Staff sign-in: who is signed in, with which roles, and the sign-in form.

pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod sessions;
#[cfg(feature = "ssr")]
pub mod totp;

use crate::accounts::Role;
use crate::i18n::Text;
use serde::{Deserialize, Serialize};

/// A role held by the signed-in staff member, at a station or bureau-wide.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleGrant {
    pub role: Role,
    /// The station's slug; `None` for bureau-wide roles (inspector, admin).
    pub station: Option<String>,
}

/// Where a session stands with the TOTP second factor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SecondFactor {
    /// The code was given at sign-in.
    Done,
    /// The account has no TOTP and its roles do not require one.
    NotRequired,
    /// The password was right; the code is still to come.
    CodeNeeded,
    /// A leader, inspector or admin without TOTP: enrolment comes first.
    MustEnrol,
}

/// The signed-in staff member, as pages see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub account_id: i64,
    pub username: String,
    pub display_name: String,
    /// The officer this account belongs to, if any: the conflict rule compares it with
    /// the officer a case names.
    pub officer_id: Option<i64>,
    pub roles: Vec<RoleGrant>,
    pub second_factor: SecondFactor,
}

impl StaffMember {
    /// Password and, where it is needed, the TOTP code: the staff member may work.
    pub fn fully_signed_in(&self) -> bool {
        matches!(
            self.second_factor,
            SecondFactor::Done | SecondFactor::NotRequired
        )
    }

    /// Holds `role` at `station` (a bureau-wide role matches any station).
    pub fn holds(&self, role: Role, station: Option<&str>) -> bool {
        self.roles.iter().any(|grant| {
            grant.role == role && (grant.station.is_none() || grant.station.as_deref() == station)
        })
    }

    /// Holds `role` anywhere.
    pub fn holds_anywhere(&self, role: Role) -> bool {
        self.roles.iter().any(|grant| grant.role == role)
    }

    /// The stations where this member holds `role`.
    pub fn stations_as(&self, role: Role) -> Vec<String> {
        self.roles
            .iter()
            .filter(|grant| grant.role == role)
            .filter_map(|grant| grant.station.clone())
            .collect()
    }

    /// Whether this member may switch a second factor on: not a counter tablet, whose
    /// account would then belong to whoever's phone holds the key.
    pub fn may_enrol_second_factor(&self) -> bool {
        !self.holds_anywhere(Role::Window)
    }

    /// Where this staff member goes next: the workspace, or the second factor.
    pub fn next_page(&self) -> &'static str {
        match self.second_factor {
            // A counter tablet opens on the one page it has.
            SecondFactor::Done | SecondFactor::NotRequired if self.holds_anywhere(Role::Window) => {
                crate::paths::STAFF_SHOW_CODE.as_str()
            }
            SecondFactor::Done | SecondFactor::NotRequired => crate::paths::STAFF.as_str(),
            SecondFactor::CodeNeeded => crate::paths::STAFF_LOGIN_CODE.as_str(),
            SecondFactor::MustEnrol => crate::paths::STAFF_TOTP.as_str(),
        }
    }
}

/// Leaders, inspectors, admins and bureau intake must use a second factor.
pub fn requires_second_factor(roles: &[RoleGrant]) -> bool {
    roles.iter().any(|grant| {
        matches!(
            grant.role,
            Role::Leader | Role::Inspector | Role::Admin | Role::Intake
        )
    })
}

/// The sign-in form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub password: String,
}

/// Why a sign-in was refused. A wrong password and an unknown user read the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LoginError {
    Wrong,
    /// The TOTP code did not match.
    WrongCode,
    /// Too many wrong passwords for this account: wait this many minutes.
    Locked {
        minutes: u64,
    },
    /// The session ended (signed out elsewhere, idle, or the account changed).
    SignInAgain,
}

impl LoginError {
    pub fn text(self) -> Text {
        match self {
            LoginError::Wrong => Text::new(
                "用户名或密码不正确。",
                "The username or password is not right.",
            ),
            LoginError::WrongCode => Text::new(
                "验证码不正确，请输入验证器应用中当前显示的 6 位数字。",
                "The code is not right. Enter the six digits your authenticator app shows now.",
            ),
            LoginError::Locked { .. } => Text::new(
                "密码错误次数过多，账号已暂时锁定。",
                "Too many wrong passwords: the account is locked for a while.",
            ),
            LoginError::SignInAgain => Text::new("请重新登录。", "Please sign in again."),
        }
    }
}

/// What `/staff/login` shows after a refused sign-in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoginFormState {
    pub username: String,
    pub error: Option<LoginError>,
    pub problem: Option<crate::components::form_errors::FormProblem>,
}
