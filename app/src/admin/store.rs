//! The admin page's reads and writes. Each change: the admin check, the change, its audit
//! entry, in one transaction. Unique names (station codes, badges, usernames) are checked
//! first, so a duplicate is a clear message rather than a database error.

use super::{
    AdminAccount, AdminAction, AdminOfficer, AdminOverview, AdminStation, DeadLetter,
    HOLIDAY_FORMAT, OutboxOverview,
};
use crate::accounts::Role;
use crate::audit::{AuditKey, Entry, append};
use crate::cases::CaseKind;
use crate::db::Db;
use crate::db::decode::{code, number};
use crate::i18n::Text;
use crate::mail::OutboxStatus;
use crate::staff::StaffMember;
use crate::stations::Names;
use sqlx::{Any, AnyPool, Transaction};

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("forbidden")]
    Forbidden,
    #[error("refused")]
    Refused(Text),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

const fn refused(zh: &'static str, en: &'static str) -> AdminError {
    AdminError::Refused(Text::new(zh, en))
}

fn sworn_role() -> AdminError {
    refused(
        "民警和所长的账号须关联本人的民警记录，不能标记为“非民警”。",
        "An officer's or a station leader's account is linked to their officer's record; it cannot be marked as not sworn.",
    )
}

fn device_role() -> AdminError {
    refused(
        "窗口终端的账号只担任窗口终端这一个角色，不关联任何民警，须勾选“非民警”。",
        "A counter tablet's account holds that one role and belongs to no officer: mark it as not a sworn officer.",
    )
}

fn unlinked() -> AdminError {
    refused(
        "派出所的账号须关联本人的民警记录（填写警号），或勾选“非民警”。",
        "A station account is linked to its officer's record (give the badge), or marked as not a sworn officer.",
    )
}

/// The officer with `badge`, if no account other than `except` is theirs already: one
/// officer, one account.
async fn free_officer(
    tx: &mut Transaction<'_, Any>,
    badge: &crate::stations::BadgeNumber,
    except: Option<i64>,
) -> Result<i64, AdminError> {
    let row: Option<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT o.id, a.id FROM officers o LEFT JOIN staff_accounts a ON a.officer_id = o.id
         WHERE o.badge = $1",
    )
    .bind(badge.as_ref())
    .fetch_optional(&mut **tx)
    .await?;
    match row {
        None => Err(refused("没有这个警号。", "There is no such badge number.")),
        Some((_, Some(holder))) if Some(holder) != except => Err(refused(
            "该民警已有账号：一名民警只能有一个账号。",
            "That officer has an account already: one officer, one account.",
        )),
        Some((id, _)) => Ok(id),
    }
}

pub fn is_admin(member: &StaffMember) -> bool {
    member.fully_signed_in() && member.holds_anywhere(Role::Admin)
}

pub async fn overview(pool: &AnyPool) -> Result<AdminOverview, sqlx::Error> {
    let stations: Vec<(i64, String, String, String)> =
        sqlx::query_as("SELECT id, slug, name_zh, name_en FROM stations ORDER BY id")
            .fetch_all(pool)
            .await?;
    let mut admin_stations = Vec::new();
    for (id, slug, zh, en) in stations {
        let offices: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT id, name_zh, name_en FROM offices WHERE station_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        let officers: Vec<(String, String, String, String, i64)> = sqlx::query_as(
            "SELECT badge, name_zh, name_en, duty, active FROM officers WHERE station_id = $1 ORDER BY badge",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        admin_stations.push(AdminStation {
            slug,
            name: Names { zh, en },
            offices: offices
                .into_iter()
                .map(|(id, zh, en)| (id, Names { zh, en }))
                .collect(),
            officers: officers
                .into_iter()
                .map(|(badge, zh, en, duty, active)| {
                    Ok(AdminOfficer {
                        badge,
                        name: Names { zh, en },
                        duty: code("duty", duty)?,
                        active: active == 1,
                    })
                })
                .collect::<Result<_, sqlx::Error>>()?,
        });
    }
    #[derive(sqlx::FromRow)]
    struct AccountRow {
        id: i64,
        username: String,
        display_name: String,
        disabled: i64,
        email: Option<String>,
        badge: Option<String>,
        not_sworn: i64,
    }
    let accounts: Vec<AccountRow> = sqlx::query_as(
        "SELECT a.id, a.username, a.display_name, a.disabled, a.email, o.badge, a.not_sworn
             FROM staff_accounts a LEFT JOIN officers o ON o.id = a.officer_id ORDER BY a.username",
    )
    .fetch_all(pool)
    .await?;
    let roles: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT r.account_id, r.role, s.slug FROM staff_roles r LEFT JOIN stations s ON s.id = r.station_id
         ORDER BY r.id",
    )
    .fetch_all(pool)
    .await?;
    let roles: Vec<(i64, Role, Option<String>)> = roles
        .into_iter()
        .map(|(account, role, station)| Ok((account, code("role", role)?, station)))
        .collect::<Result<_, sqlx::Error>>()?;
    let deadlines: Vec<(String, i64, i64)> =
        sqlx::query_as("SELECT kind, ack_days, resolve_days FROM deadline_rules")
            .fetch_all(pool)
            .await?;
    let days: Vec<(String,)> = sqlx::query_as("SELECT day FROM holidays")
        .fetch_all(pool)
        .await?;
    let mut years: Vec<(i64, i64)> = Vec::new();
    for (day,) in days {
        let year = number("day", day.get(..4).unwrap_or(&day))?;
        match years.iter_mut().find(|(y, _)| *y == year) {
            Some((_, n)) => *n += 1,
            None => years.push((year, 1)),
        }
    }
    years.sort();
    let order = |kind: &CaseKind| {
        [CaseKind::RatingReview]
            .into_iter()
            .chain(CaseKind::FILED_BY_RESIDENTS)
            .position(|k| k == *kind)
    };
    let mut deadlines: Vec<(CaseKind, i64, i64)> = deadlines
        .into_iter()
        .map(|(kind, ack, resolve)| Ok((code("kind", kind)?, ack, resolve)))
        .collect::<Result<_, sqlx::Error>>()?;
    deadlines.sort_by_key(|(kind, ..)| order(kind));
    Ok(AdminOverview {
        stations: admin_stations,
        accounts: accounts
            .into_iter()
            .map(
                |AccountRow {
                     id,
                     username,
                     display_name,
                     disabled,
                     email,
                     badge,
                     not_sworn,
                 }| AdminAccount {
                    id,
                    username,
                    display_name,
                    disabled: disabled == 1,
                    email,
                    badge,
                    not_sworn: not_sworn == 1,
                    roles: roles
                        .iter()
                        .filter(|(account, ..)| *account == id)
                        .map(|(_, role, station)| (*role, station.clone()))
                        .collect(),
                },
            )
            .collect(),
        deadlines,
        holiday_years: years,
        outbox: outbox_overview(pool).await?,
        api_keys: super::api_keys::list(pool).await?,
    })
}

async fn outbox_overview(pool: &AnyPool) -> Result<OutboxOverview, sqlx::Error> {
    let counts: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, COUNT(*) FROM outbox GROUP BY status")
            .fetch_all(pool)
            .await?;
    let counts: Vec<(OutboxStatus, i64)> = counts
        .into_iter()
        .map(|(status, n)| Ok((code("status", status)?, n)))
        .collect::<Result<_, sqlx::Error>>()?;
    let count = |status: OutboxStatus| {
        counts
            .iter()
            .find(|(s, _)| *s == status)
            .map_or(0, |(_, n)| *n)
    };
    let dead: Vec<(i64, String, String, i64, Option<String>, i64)> = sqlx::query_as(
        "SELECT id, kind, recipient, attempts, last_error, created_at FROM outbox
         WHERE status = $1 ORDER BY id DESC LIMIT 100",
    )
    .bind(OutboxStatus::Dead.code())
    .fetch_all(pool)
    .await?;
    Ok(OutboxOverview {
        pending: count(OutboxStatus::Pending),
        held: count(OutboxStatus::Held),
        sent: count(OutboxStatus::Sent),
        dead: dead
            .into_iter()
            .map(|(id, kind, recipient, attempts, last_error, created_at)| {
                Ok(DeadLetter {
                    id,
                    kind,
                    recipient_domain: crate::mail::log_address(&recipient),
                    attempts,
                    last_error: last_error.unwrap_or_default(),
                    created_at: crate::calendar::format_local_time(created_at),
                })
            })
            .collect::<Result<_, sqlx::Error>>()?,
    })
}

async fn station_id(tx: &mut Transaction<'_, Any>, slug: &str) -> Result<i64, AdminError> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM stations WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|(id,)| id)
        .ok_or(refused("没有这个派出所。", "There is no such station."))
}

async fn exists(
    tx: &mut Transaction<'_, Any>,
    sql: &str,
    value: &str,
) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(sql)
        .bind(value)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.is_some())
}

/// Applies a change for an admin. Account passwords are hashed before the transaction
/// starts (Argon2id is slow on purpose).
pub async fn apply(
    db: &Db,
    key: &AuditKey,
    member: &StaffMember,
    action: AdminAction,
    now: i64,
) -> Result<(), AdminError> {
    if !is_admin(member) {
        return Err(AdminError::Forbidden);
    }
    let password_hash = match &action {
        AdminAction::Account { password, .. } => Some(
            crate::accounts::server::hash_password(password.clone())
                .await
                .map_err(|_| {
                    refused(
                        "暂时无法保存，请稍后再试。",
                        "This could not be saved. Please try again.",
                    )
                })?,
        ),
        _ => None,
    };
    let mut tx = db.begin_write().await?;
    let detail: String = match &action {
        AdminAction::Station { slug, name } => {
            if exists(
                &mut tx,
                "SELECT id FROM stations WHERE slug = $1",
                slug.as_ref(),
            )
            .await?
            {
                return Err(refused(
                    "该派出所代码已被使用。",
                    "That station code is taken.",
                ));
            }
            sqlx::query(
                "INSERT INTO stations (slug, name_zh, name_en, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(slug.as_ref())
            .bind(&name.zh)
            .bind(&name.en)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            slug.to_string()
        }
        AdminAction::Office { station, name } => {
            let station_id = station_id(&mut tx, station.as_ref()).await?;
            let taken: Option<(i64,)> =
                sqlx::query_as("SELECT id FROM offices WHERE station_id = $1 AND name_zh = $2")
                    .bind(station_id)
                    .bind(&name.zh)
                    .fetch_optional(&mut *tx)
                    .await?;
            if taken.is_some() {
                return Err(refused(
                    "该派出所已有同名警务室。",
                    "The station has an office of that name.",
                ));
            }
            sqlx::query(
                "INSERT INTO offices (station_id, name_zh, name_en, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(station_id)
            .bind(&name.zh)
            .bind(&name.en)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            format!("{station}: {}", name.zh)
        }
        AdminAction::Officer {
            badge,
            name,
            station,
            office,
            duty,
        } => {
            let station_id = station_id(&mut tx, station.as_ref()).await?;
            if exists(
                &mut tx,
                "SELECT id FROM officers WHERE badge = $1",
                badge.as_ref(),
            )
            .await?
            {
                return Err(refused(
                    "该警号已存在。",
                    "That badge number exists already.",
                ));
            }
            if let Some(office) = office {
                let ok: Option<(i64,)> =
                    sqlx::query_as("SELECT id FROM offices WHERE id = $1 AND station_id = $2")
                        .bind(office)
                        .bind(station_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                if ok.is_none() {
                    return Err(refused(
                        "警务室不属于该派出所。",
                        "That office is not at the station.",
                    ));
                }
            }
            sqlx::query(
                "INSERT INTO officers (badge, name_zh, name_en, station_id, office_id, duty, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(badge.as_ref())
            .bind(&name.zh)
            .bind(&name.en)
            .bind(station_id)
            .bind(*office)
            .bind(duty.code())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            badge.to_string()
        }
        AdminAction::OfficerActive { badge, active } => {
            let done = sqlx::query("UPDATE officers SET active = $1 WHERE badge = $2")
                .bind(i64::from(*active))
                .bind(badge.as_ref())
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() != 1 {
                return Err(refused("没有这个警号。", "There is no such badge number."));
            }
            format!("{badge}: active {active}")
        }
        AdminAction::Account {
            username,
            display_name,
            badge,
            not_sworn,
            role,
            station,
            ..
        } => {
            // The conflict rule hangs on this link: a station account is its officer's,
            // or says it belongs to no officer.
            if role.stands_alone() && !*not_sworn {
                return Err(device_role());
            }
            if !role.is_bureau_wide() && badge.is_none() && !not_sworn {
                return Err(unlinked());
            }
            if role.is_sworn() && *not_sworn {
                return Err(sworn_role());
            }
            if exists(
                &mut tx,
                "SELECT id FROM staff_accounts WHERE username = $1",
                username.as_ref(),
            )
            .await?
            {
                return Err(refused("该用户名已被使用。", "That username is taken."));
            }
            let station_id = match station {
                Some(slug) => Some(station_id(&mut tx, slug.as_ref()).await?),
                None => None,
            };
            let officer_id = match badge {
                None => None,
                Some(badge) => Some(free_officer(&mut tx, badge, None).await?),
            };
            let account = crate::accounts::server::NewAccount {
                username,
                display_name,
                password_hash: password_hash.as_deref().unwrap_or_default(),
                officer_id,
                not_sworn: *not_sworn,
                role: *role,
                station_id,
            };
            use crate::accounts::server::AccountError;
            match crate::accounts::server::insert_account(&mut tx, account).await {
                Ok(_) => {}
                Err(AccountError::Database(error)) => return Err(AdminError::Database(error)),
                Err(_) => return Err(refused("该用户名已被使用。", "That username is taken.")),
            }
            format!("{username}: {}", role.as_str())
        }
        AdminAction::AccountOfficer {
            account,
            badge,
            not_sworn,
        } => {
            let device: Vec<(String,)> =
                sqlx::query_as("SELECT role FROM staff_roles WHERE account_id = $1 AND role = $2")
                    .bind(account)
                    .bind(Role::Window.as_str())
                    .fetch_all(&mut *tx)
                    .await?;
            if badge.is_some() && !device.is_empty() {
                return Err(device_role());
            }
            let officer_id = match badge {
                Some(badge) => Some(free_officer(&mut tx, badge, Some(*account)).await?),
                None if *not_sworn => {
                    let sworn: Vec<(String,)> = sqlx::query_as(
                        "SELECT role FROM staff_roles WHERE account_id = $1 AND role IN ('officer', 'leader')",
                    )
                    .bind(account)
                    .fetch_all(&mut *tx)
                    .await?;
                    if !sworn.is_empty() {
                        return Err(sworn_role());
                    }
                    None
                }
                None => return Err(unlinked()),
            };
            let changed = sqlx::query(
                "UPDATE staff_accounts SET officer_id = $1, not_sworn = $2, updated_at = $3 WHERE id = $4",
            )
            .bind(officer_id)
            .bind(i64::from(*not_sworn))
            .bind(now)
            .bind(account)
            .execute(&mut *tx)
            .await?;
            if changed.rows_affected() != 1 {
                return Err(refused("没有这个账号。", "There is no such account."));
            }
            match badge {
                Some(badge) => format!("account {account}: officer {badge}"),
                None => format!("account {account}: not a sworn officer"),
            }
        }
        AdminAction::RoleAdd {
            account,
            role,
            station,
        }
        | AdminAction::RoleRemove {
            account,
            role,
            station,
        } => {
            let station_id = match station {
                Some(slug) => Some(station_id(&mut tx, slug.as_ref()).await?),
                None => None,
            };
            let known: Option<(Option<i64>, i64)> =
                sqlx::query_as("SELECT officer_id, not_sworn FROM staff_accounts WHERE id = $1")
                    .bind(account)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some((officer_id, not_sworn)) = known else {
                return Err(refused("没有这个账号。", "There is no such account."));
            };
            if matches!(action, AdminAction::RoleAdd { .. }) {
                if !role.is_bureau_wide() && officer_id.is_none() && not_sworn == 0 {
                    return Err(unlinked());
                }
                if role.is_sworn() && officer_id.is_none() {
                    return Err(sworn_role());
                }
                // Whoever oversees the stations holds no role at one, nor the reverse:
                // one person may not propose a change and approve it.
                let held: Vec<(String,)> =
                    sqlx::query_as("SELECT role FROM staff_roles WHERE account_id = $1")
                        .bind(account)
                        .fetch_all(&mut *tx)
                        .await?;
                let held = held
                    .into_iter()
                    .map(|(role,)| code::<Role>("role", role))
                    .collect::<Result<Vec<_>, _>>()?;
                let clash = held.iter().any(|held| {
                    (role.oversees_stations() && !held.is_bureau_wide())
                        || (!role.is_bureau_wide() && held.oversees_stations())
                });
                if clash {
                    return Err(refused(
                        "督察和公安局受理中心的账号不能同时担任派出所的角色。",
                        "An inspector's or bureau intake's account cannot also hold a role at a station.",
                    ));
                }
                // A device signed in on a counter holds its one role, or none.
                let beside_device = !held.is_empty()
                    && (role.stands_alone() || held.iter().any(|held| held.stands_alone()));
                if beside_device || (role.stands_alone() && officer_id.is_some()) {
                    return Err(device_role());
                }
            }
            let held: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM staff_roles WHERE account_id = $1 AND role = $2 AND COALESCE(station_id, 0) = COALESCE($3, 0)",
            )
            .bind(account)
            .bind(role.as_str())
            .bind(station_id)
            .fetch_optional(&mut *tx)
            .await?;
            let adding = matches!(action, AdminAction::RoleAdd { .. });
            match (adding, held) {
                (true, Some(_)) => {
                    return Err(refused(
                        "该账号已有此角色。",
                        "The account holds that role already.",
                    ));
                }
                (false, None) => {
                    return Err(refused(
                        "该账号没有此角色。",
                        "The account does not hold that role.",
                    ));
                }
                (true, None) => {
                    sqlx::query(
                        "INSERT INTO staff_roles (account_id, role, station_id, created_at) VALUES ($1, $2, $3, $4)",
                    )
                    .bind(account)
                    .bind(role.as_str())
                    .bind(station_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                (false, Some((id,))) => {
                    if *account == member.account_id && *role == Role::Admin {
                        return Err(refused(
                            "不能撤销自己的管理员角色。",
                            "You cannot withdraw your own admin role.",
                        ));
                    }
                    sqlx::query("DELETE FROM staff_roles WHERE id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            format!(
                "account {account}: {} {}",
                role.as_str(),
                station.as_ref().map_or("", |s| s.as_ref())
            )
        }
        AdminAction::AccountDisabled { account, disabled } => {
            if *account == member.account_id && *disabled {
                return Err(refused(
                    "不能停用自己的账号。",
                    "You cannot disable your own account.",
                ));
            }
            let done = sqlx::query(
                "UPDATE staff_accounts SET disabled = $1, updated_at = $2 WHERE id = $3",
            )
            .bind(i64::from(*disabled))
            .bind(now)
            .bind(account)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() != 1 {
                return Err(refused("没有这个账号。", "There is no such account."));
            }
            if *disabled {
                // Signed out at once, everywhere.
                sqlx::query("DELETE FROM staff_sessions WHERE account_id = $1")
                    .bind(account)
                    .execute(&mut *tx)
                    .await?;
            }
            format!("account {account}: disabled {disabled}")
        }
        AdminAction::AccountEmail { account, email } => {
            let done =
                sqlx::query("UPDATE staff_accounts SET email = $1, updated_at = $2 WHERE id = $3")
                    .bind(email)
                    .bind(now)
                    .bind(account)
                    .execute(&mut *tx)
                    .await?;
            if done.rows_affected() != 1 {
                return Err(refused("没有这个账号。", "There is no such account."));
            }
            format!(
                "account {account}: {}",
                email
                    .as_deref()
                    .map_or("no address".to_string(), crate::mail::log_address)
            )
        }
        AdminAction::MailRetry { id } => {
            let done = sqlx::query(
                "UPDATE outbox SET status = $1, attempts = 0, next_attempt_at = $2,
                        last_error = NULL
                 WHERE id = $3 AND status = $4",
            )
            .bind(OutboxStatus::Pending.code())
            .bind(now)
            .bind(id)
            .bind(OutboxStatus::Dead.code())
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() != 1 {
                return Err(refused(
                    "这封邮件不在待重发列表中。",
                    "This message is not among those that gave up.",
                ));
            }
            format!("message {id}")
        }
        AdminAction::Deadlines(rules) => {
            for (kind, ack, resolve) in rules {
                sqlx::query(
                    "INSERT INTO deadline_rules (kind, ack_days, resolve_days) VALUES ($1, $2, $3)
                     ON CONFLICT (kind) DO UPDATE SET ack_days = excluded.ack_days, resolve_days = excluded.resolve_days",
                )
                .bind(kind.code())
                .bind(ack)
                .bind(resolve)
                .execute(&mut *tx)
                .await?;
            }
            rules
                .iter()
                .map(|(k, a, r)| format!("{}={a}/{r}", k.code()))
                .collect::<Vec<_>>()
                .join(" ")
        }
        AdminAction::Holidays(csv) => {
            let text = if csv.starts_with("date") {
                csv.clone()
            } else {
                format!("date,kind,name_zh,name_en\n{csv}")
            };
            let days = crate::calendar::server::parse_csv(&text)
                .map_err(|_| AdminError::Refused(HOLIDAY_FORMAT))?;
            let mut years: Vec<i32> = days.iter().map(|d| d.day.year()).collect();
            years.sort();
            years.dedup();
            // A year's file replaces what was stored for that year.
            for year in &years {
                sqlx::query("DELETE FROM holidays WHERE day >= $1 AND day <= $2")
                    .bind(format!("{year:04}-01-01"))
                    .bind(format!("{year:04}-12-31"))
                    .execute(&mut *tx)
                    .await?;
            }
            crate::calendar::server::store_days(&mut tx, &days).await?;
            format!("{} days for {:?}", days.len(), years)
        }
    };
    let entry = Entry {
        actor_account_id: Some(member.account_id),
        actor: &member.username,
        action: action.audit_name(),
        object_type: "admin",
        detail: &detail,
        ..Entry::default()
    };
    append(&mut tx, db.backend(), key, entry, now).await?;
    tx.commit().await?;
    Ok(())
}
