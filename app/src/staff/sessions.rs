//! Staff sessions in the database, so several instances share them. The cookie carries a
//! random 256-bit token; the table keeps its SHA-256. A session ends after it has been
//! idle too long, when it is too old, when the account is disabled or holds no role any
//! more (checked on every request, not at the next sign-in), or on sign-out.

use super::{RoleGrant, SecondFactor, StaffMember, requires_second_factor};
use crate::accounts::Role;
use crate::audit::{AuditKey, Entry};
use crate::db::Db;
use std::time::Duration;

pub const SESSION_COOKIE: &str = "od_staff";

/// Only touch `last_seen_at` this often: a page load should not always be a write.
const TOUCH_EVERY_MILLIS: i64 = 60_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionPolicy {
    /// Ends a session nobody used for this long.
    pub idle: Duration,
    /// Ends every session this long after sign-in.
    pub absolute: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle: Duration::from_secs(30 * 60),
            absolute: Duration::from_secs(12 * 3600),
        }
    }
}

fn hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Starts a session after a sign-in and returns the token for the cookie: in one
/// transaction, ends the session `replaces` (a session id planted before sign-in is
/// dropped), stores the new one and appends `audited`, so the log says "signed in"
/// exactly when a session exists.
pub async fn create(
    db: &Db,
    account_id: i64,
    client: &str,
    replaces: Option<&str>,
    audited: (&AuditKey, Entry<'_>),
    now: i64,
) -> Result<String, sqlx::Error> {
    use rand::RngCore;
    let mut random = [0u8; 32];
    rand::rng().fill_bytes(&mut random);
    let token = hex::encode(random);
    let mut tx = db.begin_write().await?;
    if let Some(old) = replaces {
        sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
            .bind(hash(old))
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO staff_sessions (token_hash, account_id, created_at, last_seen_at, client)
         VALUES ($1, $2, $3, $3, $4)",
    )
    .bind(hash(&token))
    .bind(account_id)
    .bind(now)
    .bind(client)
    .execute(&mut *tx)
    .await?;
    let (key, entry) = audited;
    crate::audit::append(&mut tx, db.backend(), key, entry, now).await?;
    tx.commit().await?;
    Ok(token)
}

/// The staff member a session token belongs to, or `None` when it does not (any more).
pub async fn load(
    db: &Db,
    token: &str,
    policy: SessionPolicy,
    now: i64,
) -> Result<Option<StaffMember>, sqlx::Error> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let token_hash = hash(token);
    #[derive(sqlx::FromRow)]
    struct Row {
        account_id: i64,
        created_at: i64,
        last_seen_at: i64,
        second_factor: i64,
        username: String,
        display_name: String,
        disabled: i64,
        totp_enabled: i64,
        officer_id: Option<i64>,
        not_sworn: i64,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT s.account_id, s.created_at, s.last_seen_at, s.second_factor, a.username, a.display_name,
                a.disabled, a.totp_enabled, a.officer_id, a.not_sworn
         FROM staff_sessions s JOIN staff_accounts a ON a.id = s.account_id WHERE s.token_hash = $1",
    )
    .bind(&token_hash)
    .fetch_optional(db.reader())
    .await?;
    let Some(Row {
        account_id,
        created_at,
        last_seen_at,
        second_factor,
        username,
        display_name,
        disabled,
        totp_enabled,
        officer_id,
        not_sworn,
    }) = row
    else {
        return Ok(None);
    };
    let idle = now - last_seen_at > policy.idle.as_millis() as i64;
    let too_old = now - created_at > policy.absolute.as_millis() as i64;
    if idle || too_old || disabled == 1 {
        end(db, token).await?;
        return Ok(None);
    }
    let roles = roles_of(db, account_id).await?;
    let roles: Vec<RoleGrant> = roles
        .into_iter()
        // The conflict rule hangs on the account's link to its officer: a sworn role
        // counts only on a linked account, a clerk's on a linked or civilian one. An
        // account that is neither works nowhere until an admin links or marks it.
        .filter(|grant| match grant.role {
            Role::Officer | Role::Leader => officer_id.is_some(),
            Role::Clerk => officer_id.is_some() || not_sworn == 1,
            // A counter tablet's account is no officer's.
            Role::Window => officer_id.is_none() && not_sworn == 1,
            Role::Inspector | Role::Admin | Role::Intake => true,
        })
        .collect();
    // A device's role stands alone: beside a person's roles it counts for nothing, so an
    // account given both by hand works as the person, with the person's second factor.
    let roles = if roles.len() > 1 {
        roles
            .into_iter()
            .filter(|grant| !grant.role.stands_alone())
            .collect()
    } else {
        roles
    };
    if roles.is_empty() {
        return Ok(None);
    }
    if now - last_seen_at > TOUCH_EVERY_MILLIS {
        let touched =
            sqlx::query("UPDATE staff_sessions SET last_seen_at = $1 WHERE token_hash = $2")
                .bind(now)
                .bind(&token_hash)
                .execute(db.writer())
                .await;
        // While writes fail (a full disk) staff can still read their pages: the session
        // is just not extended this time. Any other failure is a fault.
        if let Err(error) = touched
            && db.failed(&error, "extending a session").outage().is_none()
        {
            return Err(error);
        }
    }
    let second_factor = match (totp_enabled == 1, second_factor == 1) {
        (true, true) => SecondFactor::Done,
        (true, false) => SecondFactor::CodeNeeded,
        (false, _) if requires_second_factor(&roles) => SecondFactor::MustEnrol,
        (false, _) => SecondFactor::NotRequired,
    };
    Ok(Some(StaffMember {
        account_id,
        username,
        display_name,
        officer_id,
        roles,
        second_factor,
    }))
}

/// The roles granted to an account, as stored (before the conflict rule of [`load`]).
pub async fn roles_of(db: &Db, account_id: i64) -> Result<Vec<RoleGrant>, sqlx::Error> {
    let roles: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT r.role, s.slug FROM staff_roles r LEFT JOIN stations s ON s.id = r.station_id
         WHERE r.account_id = $1 ORDER BY r.id",
    )
    .bind(account_id)
    .fetch_all(db.reader())
    .await?;
    roles
        .into_iter()
        .map(|(role, station)| {
            Ok(RoleGrant {
                role: crate::db::decode::code("role", role)?,
                station,
            })
        })
        .collect()
}

/// Records that this session's TOTP code was given.
pub async fn second_factor_done(db: &Db, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff_sessions SET second_factor = 1 WHERE token_hash = $1")
        .bind(hash(token))
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Ends one session.
pub async fn end(db: &Db, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
        .bind(hash(token))
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Ends every session of an account ("sign out everywhere").
pub async fn end_all(db: &Db, account_id: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM staff_sessions WHERE account_id = $1")
        .bind(account_id)
        .execute(db.writer())
        .await?;
    Ok(done.rows_affected())
}

/// `Set-Cookie` for a session token (`None` clears it). A browser-session cookie: it
/// ends with the browser too, and the server ends it after the policy's limits.
pub fn cookie(token: Option<&str>, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    match token {
        Some(token) => {
            format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}")
        }
        None => format!("{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict{secure}"),
    }
}
