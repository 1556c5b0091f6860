//! Signing in: Argon2id off the async threads, the same work for unknown users (against a
//! dummy hash) so timing does not tell which usernames exist, and a lock-out that grows
//! with each further wrong password.

use super::LoginError;
use crate::accounts::Username;
use crate::db::Db;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordVerifier};
use std::sync::OnceLock;

/// Wrong passwords allowed before the account locks.
const FREE_ATTEMPTS: i64 = 5;
/// The first lock-out; each further wrong password doubles it, up to an hour.
const FIRST_LOCK_MILLIS: i64 = 60_000;
const MAX_LOCK_MILLIS: i64 = 3_600_000;

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("refused")]
    Refused(LoginError),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// A hash of a random password, to verify against when the user does not exist.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"no account has this password", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

async fn verify(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let hash = hash.unwrap_or_else(|| dummy_hash().to_string());
        let Ok(parsed) = PasswordHash::new(&hash) else {
            return false;
        };
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
    .await
    .unwrap_or(false)
}

/// How long an account locks after `failures` wrong passwords in a row.
pub fn lock_millis(failures: i64) -> Option<i64> {
    (failures >= FREE_ATTEMPTS).then(|| {
        let doublings = (failures - FREE_ATTEMPTS).min(10) as u32;
        (FIRST_LOCK_MILLIS << doublings).min(MAX_LOCK_MILLIS)
    })
}

/// Checks a username and password; on success returns the account id.
#[tracing::instrument(skip_all)]
pub async fn check_password(
    db: &Db,
    username: &str,
    password: String,
    now: i64,
) -> Result<i64, SignInError> {
    let username = Username::parse(username).ok();
    let row: Option<(i64, String, i64, i64, Option<i64>)> = match &username {
        Some(username) => {
            sqlx::query_as(
                "SELECT id, password_hash, disabled, failed_attempts, locked_until
                 FROM staff_accounts WHERE username = $1",
            )
            .bind(username.as_ref())
            .fetch_optional(db.reader())
            .await?
        }
        None => None,
    };
    if let Some((_, _, _, _, Some(until))) = &row
        && *until > now
    {
        let minutes = ((until - now) as u64).div_ceil(60_000);
        return Err(SignInError::Refused(LoginError::Locked { minutes }));
    }
    let hash = row.as_ref().map(|(_, hash, ..)| hash.clone());
    let matches = verify(password, hash).await;
    let Some((id, _, disabled, failures, _)) = row else {
        return Err(SignInError::Refused(LoginError::Wrong));
    };
    if !matches {
        record_failure(db, id, now).await?;
        return Err(SignInError::Refused(LoginError::Wrong));
    }
    if disabled == 1 {
        return Err(SignInError::Refused(LoginError::Wrong));
    }
    if failures > 0 {
        sqlx::query(
            "UPDATE staff_accounts SET failed_attempts = 0, locked_until = NULL WHERE id = $1",
        )
        .bind(id)
        .execute(db.writer())
        .await?;
    }
    Ok(id)
}

/// Counts a wrong password or code against the account, locking it when there were too
/// many in a row.
async fn record_failure(db: &Db, account_id: i64, now: i64) -> Result<(), sqlx::Error> {
    let (failures,): (i64,) = sqlx::query_as(
        "UPDATE staff_accounts SET failed_attempts = failed_attempts + 1 WHERE id = $1 RETURNING failed_attempts",
    )
    .bind(account_id)
    .fetch_one(db.writer())
    .await?;
    if let Some(ms) = lock_millis(failures) {
        sqlx::query("UPDATE staff_accounts SET locked_until = $1 WHERE id = $2")
            .bind(now + ms)
            .bind(account_id)
            .execute(db.writer())
            .await?;
    }
    tracing::warn!(account = account_id, failures, "wrong password or code");
    Ok(())
}

/// Checks the TOTP code of an account whose password was right. A wrong code counts
/// towards the lock-out like a wrong password.
pub async fn check_code(db: &Db, account_id: i64, code: &str, now: i64) -> Result<(), SignInError> {
    let row: Option<(String, Option<String>, i64, Option<i64>)> = sqlx::query_as(
        "SELECT username, totp_secret, totp_enabled, locked_until FROM staff_accounts WHERE id = $1",
    )
    .bind(account_id)
    .fetch_optional(db.reader())
    .await?;
    let Some((username, Some(secret), _, locked_until)) = row else {
        return Err(SignInError::Refused(LoginError::WrongCode));
    };
    if let Some(until) = locked_until
        && until > now
    {
        let minutes = ((until - now) as u64).div_ceil(60_000);
        return Err(SignInError::Refused(LoginError::Locked { minutes }));
    }
    if super::totp::check(&secret, &username, code, (now / 1000) as u64) {
        sqlx::query(
            "UPDATE staff_accounts SET failed_attempts = 0, locked_until = NULL WHERE id = $1",
        )
        .bind(account_id)
        .execute(db.writer())
        .await?;
        Ok(())
    } else {
        record_failure(db, account_id, now).await?;
        Err(SignInError::Refused(LoginError::WrongCode))
    }
}

/// The account's pending TOTP secret, created when there is none; `None` once TOTP is on.
pub async fn enrolment_secret(db: &Db, account_id: i64) -> Result<Option<String>, sqlx::Error> {
    let (secret, enabled): (Option<String>, i64) =
        sqlx::query_as("SELECT totp_secret, totp_enabled FROM staff_accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(db.reader())
            .await?;
    if enabled == 1 {
        return Ok(None);
    }
    if let Some(secret) = secret {
        return Ok(Some(secret));
    }
    let secret = super::totp::new_secret();
    // Guarded: two tabs opening enrolment at once keep one secret.
    sqlx::query("UPDATE staff_accounts SET totp_secret = $1 WHERE id = $2 AND totp_secret IS NULL")
        .bind(&secret)
        .bind(account_id)
        .execute(db.writer())
        .await?;
    let (secret,): (Option<String>,) =
        sqlx::query_as("SELECT totp_secret FROM staff_accounts WHERE id = $1")
            .bind(account_id)
            .fetch_one(db.writer())
            .await?;
    Ok(secret)
}

/// Turns TOTP on after the first right code.
pub async fn enable_totp(db: &Db, account_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff_accounts SET totp_enabled = 1, updated_at = $1 WHERE id = $2")
        .bind(crate::db::now_millis())
        .bind(account_id)
        .execute(db.writer())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::lock_millis;

    #[test]
    fn the_lock_out_grows_and_is_capped() {
        assert_eq!(lock_millis(4), None);
        assert_eq!(lock_millis(5), Some(60_000));
        assert_eq!(lock_millis(6), Some(120_000));
        assert_eq!(lock_millis(7), Some(240_000));
        assert_eq!(lock_millis(50), Some(3_600_000));
    }
}
