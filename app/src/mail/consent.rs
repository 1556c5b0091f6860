//! A resident's consent to mail: an address is used only after its owner follows the
//! confirmation link, and every resident message carries a link that stops all mail to
//! the address, without signing in.

use super::outbox::{Outgoing, Release, daily_key, enqueue, random_token};
use super::{Message, OutboxStatus, canonical_address, log_address};
use crate::db::Db;
use crate::i18n::Lang;
use sqlx::{Any, Transaction};

/// Held mail that nobody confirmed within this time is dropped.
pub const HOLD_MILLIS: i64 = 7 * 24 * 60 * 60 * 1000;

/// (id, confirm token, confirmed at, unsubscribed at)
type AddressRow = (i64, Option<String>, Option<i64>, Option<i64>);

/// Where a resident's address stands after they gave it with a request.
#[derive(Debug)]
pub struct Registered {
    pub address_id: i64,
    pub confirmed: bool,
}

/// Records an address given with a request (case `case_id`, reference `reference`) and,
/// unless it is confirmed already, asks its owner to confirm it: at most one such
/// message a day per address, so typing someone else's address cannot flood them.
pub async fn register(
    tx: &mut Transaction<'_, Any>,
    email: &str,
    case_id: i64,
    reference: &str,
    lang: Lang,
    now: i64,
) -> Result<Registered, sqlx::Error> {
    let address = canonical_address(email);
    let existing: Option<AddressRow> = sqlx::query_as(
        "SELECT id, confirm_token, confirmed_at, unsubscribed_at FROM mail_addresses
         WHERE address = $1",
    )
    .bind(&address)
    .fetch_optional(&mut **tx)
    .await?;
    let (address_id, token) = match existing {
        Some((id, _, Some(_), None)) => {
            return Ok(Registered {
                address_id: id,
                confirmed: true,
            });
        }
        Some((id, Some(token), _, _)) => (id, token),
        Some((id, None, _, _)) => {
            // Unsubscribed earlier: typing the address again asks again.
            let token = random_token();
            sqlx::query(
                "UPDATE mail_addresses SET confirm_token = $1, updated_at = $2 WHERE id = $3",
            )
            .bind(&token)
            .bind(now)
            .bind(id)
            .execute(&mut **tx)
            .await?;
            (id, token)
        }
        None => {
            let token = random_token();
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO mail_addresses (address, confirm_token, unsubscribe_token, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $4) RETURNING id",
            )
            .bind(&address)
            .bind(&token)
            .bind(random_token())
            .bind(now)
            .fetch_one(&mut **tx)
            .await?;
            (id, token)
        }
    };
    let message = Message::ConfirmAddress {
        token,
        reference: reference.to_string(),
    };
    let outgoing = Outgoing {
        message: &message,
        recipient: &address,
        lang,
        address_id: Some(address_id),
        case_id: Some(case_id),
        release: Release::Now,
        dedupe_key: Some(daily_key("confirm", address_id, now)),
    };
    if !enqueue(tx, outgoing, now).await? {
        tracing::info!(to = %log_address(&address), "confirmation already sent today");
    }
    Ok(Registered {
        address_id,
        confirmed: false,
    })
}

enum Token {
    Confirm,
    Unsubscribe,
}

/// The address a link's token belongs to.
async fn address_by(
    tx: &mut Transaction<'_, Any>,
    kind: Token,
    token: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let sql = match kind {
        Token::Confirm => "SELECT id FROM mail_addresses WHERE confirm_token = $1",
        Token::Unsubscribe => "SELECT id FROM mail_addresses WHERE unsubscribe_token = $1",
    };
    let found: Option<(i64,)> = sqlx::query_as(sql)
        .bind(token)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(found.map(|(id,)| id))
}

/// Follows a confirmation link: the address may be used, and the mail held for it goes.
/// False for an unknown token.
pub async fn confirm(db: &Db, token: &str, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let Some(id) = address_by(&mut tx, Token::Confirm, token).await? else {
        return Ok(false);
    };
    sqlx::query(
        "UPDATE mail_addresses SET confirmed_at = $1, unsubscribed_at = NULL, confirm_token = NULL,
                updated_at = $1
         WHERE id = $2",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let released = sqlx::query(
        "UPDATE outbox SET status = $1, next_attempt_at = $2
         WHERE address_id = $3 AND status = $4",
    )
    .bind(OutboxStatus::Pending.code())
    .bind(now)
    .bind(id)
    .bind(OutboxStatus::Held.code())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(released = released.rows_affected(), "address confirmed");
    Ok(true)
}

/// Follows an unsubscribe link: nothing more goes to the address, including what is
/// waiting in the outbox. False for an unknown token.
pub async fn unsubscribe(db: &Db, token: &str, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let Some(id) = address_by(&mut tx, Token::Unsubscribe, token).await? else {
        return Ok(false);
    };
    sqlx::query(
        "UPDATE mail_addresses SET unsubscribed_at = $1, confirmed_at = NULL, confirm_token = NULL,
                updated_at = $1
         WHERE id = $2",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE outbox SET status = $1, payload = '{}'
         WHERE address_id = $2 AND status IN ($3, $4)",
    )
    .bind(OutboxStatus::Dropped.code())
    .bind(id)
    .bind(OutboxStatus::Held.code())
    .bind(OutboxStatus::Pending.code())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Drops what waited longer than [`HOLD_MILLIS`] for a confirmation that never came,
/// and erases its bodies (a receipt holds an access code). Run by the scheduler.
pub async fn drop_unconfirmed(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    let dropped = sqlx::query(
        "UPDATE outbox SET status = $1, payload = '{}'
         WHERE status = $2 AND created_at < $3",
    )
    .bind(OutboxStatus::Dropped.code())
    .bind(OutboxStatus::Held.code())
    .bind(now - HOLD_MILLIS)
    .execute(db.writer())
    .await?;
    Ok(dropped.rows_affected())
}
