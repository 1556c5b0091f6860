//! Writing messages to the outbox, inside the transaction of the event that causes
//! them: if the event is rolled back, so is its mail; if it commits, the mail will go.

use super::{Message, OutboxStatus, canonical_address};
use crate::calendar::{format_date, local_date};
use crate::db::decode::code;
use crate::i18n::Lang;
use sqlx::{Any, Transaction};

/// A random token for links and message ids: 128 bits, hex.
pub fn random_token() -> String {
    use rand::RngCore;
    let mut random = [0u8; 16];
    rand::rng().fill_bytes(&mut random);
    hex::encode(random)
}

/// Whether a message may go now or waits for the resident to confirm their address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Release {
    Now,
    OnConfirmation,
}

/// One message to write.
pub struct Outgoing<'a> {
    pub message: &'a Message,
    pub recipient: &'a str,
    pub lang: Lang,
    pub address_id: Option<i64>,
    pub case_id: Option<i64>,
    pub release: Release,
    /// A message that must go only once (a daily digest, a deadline warning): a second
    /// one with the same key is not written.
    pub dedupe_key: Option<String>,
}

/// Writes one message; false when its de-duplication key was already used.
pub async fn enqueue(
    tx: &mut Transaction<'_, Any>,
    outgoing: Outgoing<'_>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let payload =
        serde_json::to_string(outgoing.message).map_err(|e| sqlx::Error::Encode(e.into()))?;
    let status = match outgoing.release {
        Release::Now => OutboxStatus::Pending,
        Release::OnConfirmation => OutboxStatus::Held,
    };
    let written = sqlx::query(
        "INSERT INTO outbox (kind, recipient, address_id, case_id, lang, payload, message_id,
                             status, next_attempt_at, dedupe_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9)
         ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(outgoing.message.kind().code())
    .bind(outgoing.recipient)
    .bind(outgoing.address_id)
    .bind(outgoing.case_id)
    .bind(outgoing.lang.code())
    .bind(payload)
    .bind(random_token())
    .bind(status.code())
    .bind(now)
    .bind(outgoing.dedupe_key)
    .execute(&mut **tx)
    .await?;
    Ok(written.rows_affected() == 1)
}

/// Mails the resident of a case, if they gave an address and have not unsubscribed;
/// until they confirm it, the message is held.
pub async fn to_resident(
    tx: &mut Transaction<'_, Any>,
    case_id: i64,
    message: &Message,
    now: i64,
) -> Result<(), sqlx::Error> {
    let case: Option<(Option<String>, String)> =
        sqlx::query_as("SELECT contact_email, lang FROM cases WHERE id = $1")
            .bind(case_id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((Some(email), lang)) = case else {
        return Ok(());
    };
    let address = canonical_address(&email);
    let consent: Option<(i64, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT id, confirmed_at, unsubscribed_at FROM mail_addresses WHERE address = $1",
    )
    .bind(&address)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((address_id, confirmed_at, None)) = consent else {
        return Ok(());
    };
    // A language this version cannot read is a fault in the data; it costs the resident
    // this message (logged), not the staff member their action.
    let lang: Lang = match code("lang", lang) {
        Ok(lang) => lang,
        Err(error) => {
            tracing::error!(case_id, %error, "a resident's message not written");
            return Ok(());
        }
    };
    let outgoing = Outgoing {
        message,
        recipient: &address,
        lang,
        address_id: Some(address_id),
        case_id: Some(case_id),
        release: if confirmed_at.is_some() {
            Release::Now
        } else {
            Release::OnConfirmation
        },
        dedupe_key: None,
    };
    enqueue(tx, outgoing, now).await?;
    Ok(())
}

/// Mails a staff member at the address on their account, if there is one.
pub async fn to_staff(
    tx: &mut Transaction<'_, Any>,
    account_id: i64,
    message: &Message,
    dedupe_key: Option<String>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let email: Option<(Option<String>,)> =
        sqlx::query_as("SELECT email FROM staff_accounts WHERE id = $1 AND disabled = 0")
            .bind(account_id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((Some(email),)) = email else {
        return Ok(());
    };
    let outgoing = Outgoing {
        message,
        recipient: &email,
        lang: Lang::Zh,
        address_id: None,
        case_id: None,
        release: Release::Now,
        dedupe_key,
    };
    enqueue(tx, outgoing, now).await?;
    Ok(())
}

/// The key of a message that goes at most once a day per subject.
pub fn daily_key(what: &str, subject: impl std::fmt::Display, now: i64) -> String {
    format!("{what}:{subject}:{}", format_date(local_date(now)))
}
