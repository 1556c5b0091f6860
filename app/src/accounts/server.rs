//! Account storage and password hashing.

use super::{MIN_PASSWORD_CHARS, Role, Username};
use crate::db::{is_unique_violation, now_millis};
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
use sqlx::{Any, Transaction};

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("{0}")]
    Invalid(String),
    #[error("the username {0} is taken")]
    UsernameTaken(String),
    #[error("hashing the password failed: {0}")]
    Hash(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Hashes a password with Argon2id (the crate's default parameters), off the async
/// threads: it takes tens of milliseconds of CPU by design.
pub async fn hash_password(password: String) -> Result<String, AccountError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| AccountError::Hash(e.to_string()))
    })
    .await
    .map_err(|e| AccountError::Hash(e.to_string()))?
}

pub fn check_password_strength(password: &str) -> Result<(), AccountError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::Invalid(format!(
            "a password needs at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    Ok(())
}

/// A new account and its role, inside the caller's transaction.
pub struct NewAccount<'a> {
    pub username: &'a Username,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub officer_id: Option<i64>,
    /// Not a sworn officer (a civilian clerk): no officer record to link.
    pub not_sworn: bool,
    pub role: Role,
    pub station_id: Option<i64>,
}

#[tracing::instrument(skip_all, fields(username = %account.username))]
pub async fn insert_account(
    tx: &mut Transaction<'_, Any>,
    account: NewAccount<'_>,
) -> Result<i64, AccountError> {
    let now = now_millis();
    let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO staff_accounts (username, display_name, password_hash, officer_id, not_sworn, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(account.username.as_ref())
    .bind(account.display_name)
    .bind(account.password_hash)
    .bind(account.officer_id)
    .bind(i64::from(account.not_sworn))
    .bind(now)
    .fetch_one(&mut **tx)
    .await;
    let (id,) = match inserted {
        Err(e)
            if is_unique_violation(
                &e,
                "staff_accounts_username_key",
                "staff_accounts.username",
            ) =>
        {
            return Err(AccountError::UsernameTaken(account.username.to_string()));
        }
        other => other?,
    };
    sqlx::query("INSERT INTO staff_roles (account_id, role, station_id, created_at) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(account.role.as_str())
        .bind(account.station_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(id)
}
