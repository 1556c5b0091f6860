//! Administration (`/staff/admin`): stations, offices, officers, staff accounts and their
//! roles, deadlines per kind of case, and holiday calendars. Admins only; every change is
//! one transaction with its audit entry.

pub mod api;
#[cfg(feature = "ssr")]
pub mod api_keys;
#[cfg(feature = "ssr")]
pub mod store;

use crate::accounts::{Role, Username};
use crate::cases::CaseKind;
use crate::i18n::Text;
use crate::stations::{BadgeNumber, Duty, Names, StationSlug};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What the admin page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOverview {
    pub stations: Vec<AdminStation>,
    pub accounts: Vec<AdminAccount>,
    /// (kind, acknowledge within, resolve within), in working days.
    pub deadlines: Vec<(CaseKind, i64, i64)>,
    /// (year, days stored)
    pub holiday_years: Vec<(i64, i64)>,
    pub outbox: OutboxOverview,
    /// The Open311 clients' keys (names only; a key is shown once, when issued).
    pub api_keys: Vec<ApiKeyRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeyRow {
    pub id: i64,
    pub name: String,
    pub created_at: String,
    pub revoked: bool,
}

/// The state of outgoing mail: counts by status, and the messages that gave up.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxOverview {
    pub pending: i64,
    pub held: i64,
    pub sent: i64,
    pub dead: Vec<DeadLetter>,
}

/// A message the worker gave up on. The recipient shows as its domain only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadLetter {
    pub id: i64,
    /// The outbox's `kind`: a dead letter may be one this version cannot read, so it is
    /// kept as stored and labelled when known.
    pub kind: String,
    pub recipient_domain: String,
    pub attempts: i64,
    pub last_error: String,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminStation {
    pub slug: String,
    pub name: Names,
    /// (id, name)
    pub offices: Vec<(i64, Names)>,
    pub officers: Vec<AdminOfficer>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOfficer {
    pub badge: String,
    pub name: Names,
    pub duty: Duty,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminAccount {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub disabled: bool,
    /// Where notifications go.
    pub email: Option<String>,
    /// (role, station slug)
    pub roles: Vec<(Role, Option<String>)>,
    /// The badge of the officer the account belongs to.
    pub badge: Option<String>,
    /// Marked as not a sworn officer.
    pub not_sworn: bool,
}

/// A validated change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AdminAction {
    Station {
        slug: StationSlug,
        name: Names,
    },
    Office {
        station: StationSlug,
        name: Names,
    },
    Officer {
        badge: BadgeNumber,
        name: Names,
        station: StationSlug,
        office: Option<i64>,
        duty: Duty,
    },
    OfficerActive {
        badge: BadgeNumber,
        active: bool,
    },
    Account {
        username: Username,
        display_name: String,
        password: String,
        badge: Option<BadgeNumber>,
        not_sworn: bool,
        role: Role,
        station: Option<StationSlug>,
    },
    /// Links an account to its officer record, or marks it as not a sworn officer.
    AccountOfficer {
        account: i64,
        badge: Option<BadgeNumber>,
        not_sworn: bool,
    },
    RoleAdd {
        account: i64,
        role: Role,
        station: Option<StationSlug>,
    },
    RoleRemove {
        account: i64,
        role: Role,
        station: Option<StationSlug>,
    },
    AccountDisabled {
        account: i64,
        disabled: bool,
    },
    Deadlines(Vec<(CaseKind, i64, i64)>),
    /// A holiday file (checked when stored).
    Holidays(String),
    /// Where a staff member's notifications go; `None` stops them.
    AccountEmail {
        account: i64,
        email: Option<String>,
    },
    /// Send a dead-lettered message again, from a first attempt.
    MailRetry {
        id: i64,
    },
}

impl AdminAction {
    pub fn audit_name(&self) -> &'static str {
        match self {
            AdminAction::Station { .. } => "station_created",
            AdminAction::Office { .. } => "office_created",
            AdminAction::Officer { .. } => "officer_created",
            AdminAction::OfficerActive { .. } => "officer_active_changed",
            AdminAction::Account { .. } => "account_created",
            AdminAction::AccountOfficer { .. } => "account_officer_changed",
            AdminAction::RoleAdd { .. } => "role_granted",
            AdminAction::RoleRemove { .. } => "role_withdrawn",
            AdminAction::AccountDisabled { .. } => "account_disabled_changed",
            AdminAction::Deadlines(_) => "deadlines_changed",
            AdminAction::Holidays(_) => "holidays_loaded",
            AdminAction::AccountEmail { .. } => "account_email_changed",
            AdminAction::MailRetry { .. } => "mail_retried",
        }
    }
}

const fn t(zh: &'static str, en: &'static str) -> Text {
    Text::new(zh, en)
}

fn field<'a>(form: &'a HashMap<String, String>, name: &str) -> &'a str {
    form.get(name).map(|v| v.trim()).unwrap_or("")
}

fn names(form: &HashMap<String, String>) -> Result<Names, Text> {
    let zh = field(form, "name_zh");
    let en = field(form, "name_en");
    if zh.is_empty() || en.is_empty() || zh.chars().count() > 100 || en.chars().count() > 100 {
        return Err(t(
            "请填写中文和英文名称（各 100 字以内）。",
            "Enter the Chinese and English names (up to 100 characters each).",
        ));
    }
    Ok(Names {
        zh: zh.to_string(),
        en: en.to_string(),
    })
}

fn station(form: &HashMap<String, String>) -> Result<StationSlug, Text> {
    StationSlug::parse(field(form, "station")).ok_or(t("请选择派出所。", "Choose a station."))
}

fn badge(form: &HashMap<String, String>) -> Result<BadgeNumber, Text> {
    BadgeNumber::parse(field(form, "badge"))
        .ok_or(t("警号为 6 位数字。", "A badge number has 6 digits."))
}

fn account(form: &HashMap<String, String>) -> Result<i64, Text> {
    field(form, "account")
        .parse()
        .map_err(|_| t("请选择账号。", "Choose an account."))
}

/// The "not a sworn officer" box: ticked, or not, but never beside a badge.
fn not_sworn(form: &HashMap<String, String>, badge: Option<&BadgeNumber>) -> Result<bool, Text> {
    let ticked = !field(form, "not_sworn").is_empty();
    if ticked && badge.is_some() {
        return Err(t(
            "填写了警号就不能同时勾选“非民警”。",
            "An account with a badge cannot also be marked as not a sworn officer.",
        ));
    }
    Ok(ticked)
}

/// A role and its station: station roles need one, bureau-wide roles none.
fn role_at(form: &HashMap<String, String>) -> Result<(Role, Option<StationSlug>), Text> {
    let role = Role::parse(field(form, "role")).ok_or(t("请选择角色。", "Choose a role."))?;
    if role.is_bureau_wide() {
        Ok((role, None))
    } else {
        Ok((role, Some(station(form)?)))
    }
}

/// Parses the admin form posted to `/staff/admin/{action}`.
pub fn parse(action: &str, form: &HashMap<String, String>) -> Result<AdminAction, Text> {
    match action {
        "station" => Ok(AdminAction::Station {
            slug: StationSlug::parse(field(form, "slug")).ok_or(t(
                "派出所代码为小写英文字母，例如 qishan。",
                "The code is lower-case letters, such as qishan.",
            ))?,
            name: names(form)?,
        }),
        "office" => Ok(AdminAction::Office {
            station: station(form)?,
            name: names(form)?,
        }),
        "officer" => {
            let duty =
                Duty::parse(field(form, "duty")).ok_or(t("请选择岗位。", "Choose a duty."))?;
            let office = match field(form, "office") {
                "" => None,
                id => Some(
                    id.parse()
                        .map_err(|_| t("请选择警务室。", "Choose an office."))?,
                ),
            };
            Ok(AdminAction::Officer {
                badge: badge(form)?,
                name: names(form)?,
                station: station(form)?,
                office,
                duty,
            })
        }
        "officer-active" => Ok(AdminAction::OfficerActive {
            badge: badge(form)?,
            active: field(form, "active") == "1",
        }),
        "account" => {
            let username = Username::parse(field(form, "username")).map_err(|_| {
                t("用户名为 3 至 32 位小写字母、数字或 . - _，以字母开头。", "A username has 3 to 32 lower-case letters, digits, '.', '-' or '_', starting with a letter.")
            })?;
            let display_name = field(form, "display_name");
            if display_name.is_empty() || display_name.chars().count() > 100 {
                return Err(t("请填写显示名称。", "Enter a display name."));
            }
            let password = form.get("password").cloned().unwrap_or_default();
            if password.chars().count() < crate::accounts::MIN_PASSWORD_CHARS {
                return Err(t(
                    "初始密码至少 12 位。",
                    "The first password has at least 12 characters.",
                ));
            }
            let badge = match field(form, "badge") {
                "" => None,
                _ => Some(badge(form)?),
            };
            let (role, station) = role_at(form)?;
            Ok(AdminAction::Account {
                username,
                display_name: display_name.to_string(),
                password,
                not_sworn: not_sworn(form, badge.as_ref())?,
                badge,
                role,
                station,
            })
        }
        "account-officer" => {
            let badge = match field(form, "badge") {
                "" => None,
                _ => Some(badge(form)?),
            };
            Ok(AdminAction::AccountOfficer {
                account: account(form)?,
                not_sworn: not_sworn(form, badge.as_ref())?,
                badge,
            })
        }
        "role-add" | "role-remove" => {
            let account = account(form)?;
            let (role, station) = role_at(form)?;
            Ok(if action == "role-add" {
                AdminAction::RoleAdd {
                    account,
                    role,
                    station,
                }
            } else {
                AdminAction::RoleRemove {
                    account,
                    role,
                    station,
                }
            })
        }
        "account-email" => {
            let email = field(form, "email");
            if !email.is_empty() && !crate::cases::request_form::valid_email(email) {
                return Err(t(
                    "这不像是邮箱地址。",
                    "This does not look like an email address.",
                ));
            }
            Ok(AdminAction::AccountEmail {
                account: account(form)?,
                email: (!email.is_empty()).then(|| email.to_string()),
            })
        }
        "mail-retry" => Ok(AdminAction::MailRetry {
            id: field(form, "id")
                .parse()
                .map_err(|_| t("请选择邮件。", "Choose a message."))?,
        }),
        "account-disable" | "account-enable" => Ok(AdminAction::AccountDisabled {
            account: account(form)?,
            disabled: action == "account-disable",
        }),
        "deadlines" => {
            let mut rules = Vec::new();
            for kind in [CaseKind::RatingReview]
                .into_iter()
                .chain(CaseKind::FILED_BY_RESIDENTS)
            {
                let days = |name: String| {
                    field(form, &name)
                        .parse::<i64>()
                        .ok()
                        .filter(|d| (1..=90).contains(d))
                };
                let (Some(ack), Some(resolve)) = (
                    days(format!("ack_{}", kind.code())),
                    days(format!("resolve_{}", kind.code())),
                ) else {
                    return Err(t(
                        "期限为 1 至 90 个工作日。",
                        "Deadlines are 1 to 90 working days.",
                    ));
                };
                if ack > resolve {
                    return Err(t(
                        "受理期限不能长于办结期限。",
                        "Acknowledging cannot take longer than resolving.",
                    ));
                }
                rules.push((kind, ack, resolve));
            }
            Ok(AdminAction::Deadlines(rules))
        }
        "holidays" => {
            let csv = field(form, "csv");
            if csv.is_empty() || csv.len() > 20_000 {
                return Err(HOLIDAY_FORMAT);
            }
            Ok(AdminAction::Holidays(csv.to_string()))
        }
        _ => Err(t("无法执行该操作。", "That action does not exist.")),
    }
}

pub const HOLIDAY_FORMAT: Text = t(
    "节假日文件格式：每行一天，依次为日期、holiday 或 workday、中文名、英文名，以英文逗号分隔。",
    "Holiday file format: one line per day: date,holiday or workday,Chinese name,English name.",
);

/// What the admin page shows after a refused change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AdminPageState {
    pub action: String,
    pub error: Option<Text>,
    /// A key just issued: shown on this one answer, never again.
    pub issued_key: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn station_roles_need_a_station_and_bureau_roles_none() {
        let grant = parse("role-add", &form(&[("account", "3"), ("role", "clerk")]));
        assert!(grant.is_err());
        let grant = parse(
            "role-add",
            &form(&[("account", "3"), ("role", "clerk"), ("station", "qishan")]),
        );
        assert!(matches!(
            grant,
            Ok(AdminAction::RoleAdd {
                station: Some(_),
                ..
            })
        ));
        let grant = parse(
            "role-add",
            &form(&[
                ("account", "3"),
                ("role", "inspector"),
                ("station", "qishan"),
            ]),
        );
        assert!(matches!(
            grant,
            Ok(AdminAction::RoleAdd { station: None, .. })
        ));
    }

    #[test]
    fn deadlines_are_bounded_and_ordered() {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for kind in [CaseKind::RatingReview]
            .into_iter()
            .chain(CaseKind::FILED_BY_RESIDENTS)
        {
            pairs.push((format!("ack_{}", kind.code()), "1".into()));
            pairs.push((format!("resolve_{}", kind.code()), "10".into()));
        }
        let mut map: HashMap<String, String> = pairs.into_iter().collect();
        assert!(
            matches!(parse("deadlines", &map), Ok(AdminAction::Deadlines(rules)) if rules.len() == 7)
        );
        map.insert("ack_help".into(), "20".into());
        assert!(parse("deadlines", &map).is_err());
        map.insert("ack_help".into(), "0".into());
        assert!(parse("deadlines", &map).is_err());
    }

    #[test]
    fn accounts_need_a_strong_first_password() {
        let base = [
            ("username", "clerk.new"),
            ("display_name", "新内勤"),
            ("role", "clerk"),
            ("station", "qishan"),
        ];
        let mut short = form(&base);
        short.insert("password".into(), "short".into());
        assert!(parse("account", &short).is_err());
        let mut fine = form(&base);
        fine.insert("password".into(), "a-long-first-password".into());
        assert!(parse("account", &fine).is_ok());
        assert!(parse("drop-tables", &fine).is_err());
    }
}
