//! The outbox worker. It leases a batch of due rows (a random token per batch, so two
//! workers, in one process or many, never take the same row), renders and sends each,
//! and marks it sent, or schedules a retry with exponential back-off and jitter, or
//! dead-letters it after the last attempt. A worker that dies mid-batch leaves its
//! lease to expire; the rows go again with the same Message-ID.

use super::config::{MailArgs, SendError, Sender};
use app::db::{Db, now_millis};
use app::i18n::Lang;
use app::mail::outbox::random_token;
use app::mail::templates::{Handler, Links, render};
use app::mail::{OutboxStatus, log_address};
use futures::stream::{self, StreamExt};
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use rand::Rng;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Longest wait between two attempts.
const MAX_DELAY_MS: i64 = 60 * 60 * 1000;

#[derive(Clone, Debug)]
pub struct WorkerSettings {
    /// The public base URL links point to (no trailing slash).
    pub base_url: String,
    pub from: Mailbox,
    pub max_attempts: i64,
    pub retry_base_ms: i64,
    pub lease_ms: i64,
    pub batch: i64,
    /// Messages in flight at once (lettre's pool keeps up to 10 connections).
    pub concurrency: usize,
    pub poll: Duration,
}

impl WorkerSettings {
    pub fn from_args(args: &MailArgs, base_url: &str) -> anyhow::Result<WorkerSettings> {
        Ok(WorkerSettings {
            base_url: base_url.trim_end_matches('/').to_string(),
            from: args.from_mailbox()?,
            max_attempts: i64::from(args.mail_max_attempts),
            retry_base_ms: args.mail_retry_ms.min(MAX_DELAY_MS as u64) as i64,
            lease_ms: (args.mail_lease_seconds * 1000) as i64,
            batch: 50,
            concurrency: args.mail_concurrency as usize,
            poll: Duration::from_millis(args.mail_poll_ms),
        })
    }

    /// The delay before attempt `attempts + 1`: doubling from the base, capped, and
    /// drawn between half and all of it, so many failed messages do not retry in step.
    pub fn delay_ms(&self, attempts: i64) -> i64 {
        let exponent = attempts.clamp(1, 30) - 1;
        let full = self
            .retry_base_ms
            .saturating_mul(1i64 << exponent)
            .clamp(1, MAX_DELAY_MS);
        rand::rng().random_range(full / 2..=full)
    }
}

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Batch {
    pub claimed: usize,
    pub sent: usize,
    pub retrying: usize,
    pub dead: usize,
}

enum Outcome {
    Sent,
    Retrying,
    Dead,
    /// Not tried: the worker is stopping.
    Skipped,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    recipient: String,
    lang: String,
    payload: String,
    message_id: String,
    attempts: i64,
    unsubscribe_token: Option<String>,
    /// The station handling the case the message is about (the bureau while the case is
    /// unplaced), for the resident's message to end with.
    handler_zh: Option<String>,
    handler_en: Option<String>,
    handler_phone: Option<String>,
}

#[derive(Clone)]
pub struct Worker {
    db: Db,
    sender: Sender,
    settings: Arc<WorkerSettings>,
    stopping: Arc<AtomicBool>,
}

/// A running worker: [`WorkerHandle::stop`] lets it finish the message it is sending.
pub struct WorkerHandle {
    stopping: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<()>,
}

impl WorkerHandle {
    pub async fn stop(self) {
        self.stopping.store(true, Ordering::SeqCst);
        if tokio::time::timeout(Duration::from_secs(30), self.task)
            .await
            .is_err()
        {
            tracing::warn!("the mail worker did not stop in 30 s");
        }
    }
}

impl Worker {
    pub fn new(db: Db, sender: Sender, settings: WorkerSettings) -> Worker {
        Worker {
            db,
            sender,
            settings: Arc::new(settings),
            stopping: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Runs until stopped: a pass, then a pause unless the pass found a full batch.
    pub fn spawn(self) -> WorkerHandle {
        let stopping = self.stopping.clone();
        let task = tokio::spawn(async move {
            tracing::info!(transport = %self.sender.describe(), "mail worker started");
            while !self.stopping.load(Ordering::SeqCst) {
                let full = match self.run_once(now_millis()).await {
                    Ok(batch) => batch.claimed as i64 >= self.settings.batch,
                    Err(error) => {
                        self.db.failed(&error, "a mail worker pass");
                        false
                    }
                };
                if !full {
                    tokio::time::sleep(self.settings.poll).await;
                }
            }
        });
        WorkerHandle { stopping, task }
    }

    /// One pass at time `now`: lease a batch of due rows and send it.
    pub async fn run_once(&self, now: i64) -> Result<Batch, sqlx::Error> {
        let token = random_token();
        let claimed = sqlx::query(
            "UPDATE outbox SET lease_token = $1, leased_until = $2, attempts = attempts + 1
             WHERE id IN (SELECT id FROM outbox
                          WHERE status = $5 AND next_attempt_at <= $3
                            AND (leased_until IS NULL OR leased_until < $3)
                          ORDER BY next_attempt_at, id LIMIT $4)
               AND status = $5 AND (leased_until IS NULL OR leased_until < $3)",
        )
        .bind(&token)
        .bind(now + self.settings.lease_ms)
        .bind(now)
        .bind(self.settings.batch)
        .bind(OutboxStatus::Pending.code())
        .execute(self.db.writer())
        .await?
        .rows_affected();
        let mut batch = Batch {
            claimed: claimed as usize,
            ..Batch::default()
        };
        if claimed == 0 {
            return Ok(batch);
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT o.id, o.kind, o.recipient, o.lang, o.payload, o.message_id, o.attempts,
                    m.unsubscribe_token,
                    COALESCE(s.name_zh, b.name_zh) AS handler_zh,
                    COALESCE(s.name_en, b.name_en) AS handler_en,
                    COALESCE(NULLIF(s.phone, ''), b.phone) AS handler_phone
             FROM outbox o LEFT JOIN mail_addresses m ON m.id = o.address_id
             LEFT JOIN cases c ON c.id = o.case_id
             LEFT JOIN stations s ON s.id = c.station_id
             LEFT JOIN bureau b ON b.id = 1
             WHERE o.lease_token = $1 ORDER BY o.id",
        )
        .bind(&token)
        .fetch_all(self.db.writer())
        .await?;
        // Each SMTP exchange waits on the network; several in flight keep the line busy.
        let outcomes: Vec<Result<Outcome, sqlx::Error>> = stream::iter(rows)
            .map(|row| self.deliver(row, &token, now))
            .buffer_unordered(self.settings.concurrency.max(1))
            .collect()
            .await;
        for outcome in outcomes {
            match outcome? {
                Outcome::Sent => batch.sent += 1,
                Outcome::Retrying => batch.retrying += 1,
                Outcome::Dead => batch.dead += 1,
                Outcome::Skipped => {}
            }
        }
        // Stopped part-way: hand back what was not tried, without counting an attempt.
        sqlx::query(
            "UPDATE outbox SET lease_token = NULL, leased_until = NULL, attempts = attempts - 1
             WHERE lease_token = $1",
        )
        .bind(&token)
        .execute(self.db.writer())
        .await?;
        Ok(batch)
    }

    /// Sends one leased row and records the result, unless the worker is stopping.
    async fn deliver(&self, row: Row, token: &str, now: i64) -> Result<Outcome, sqlx::Error> {
        if self.stopping.load(Ordering::SeqCst) {
            return Ok(Outcome::Skipped);
        }
        match self.send(&row).await {
            Ok(answer) => {
                tracing::info!(id = row.id, kind = %row.kind, to = %log_address(&row.recipient),
                    attempt = row.attempts, %answer, "mail sent");
                sqlx::query(
                    "UPDATE outbox SET status = $4, sent_at = $1, payload = '{}',
                            last_error = NULL, lease_token = NULL, leased_until = NULL
                     WHERE id = $2 AND lease_token = $3",
                )
                .bind(now_millis())
                .bind(row.id)
                .bind(token)
                .bind(OutboxStatus::Sent.code())
                .execute(self.db.writer())
                .await?;
                Ok(Outcome::Sent)
            }
            Err(error) => {
                let dead = error.permanent || row.attempts >= self.settings.max_attempts;
                tracing::warn!(id = row.id, kind = %row.kind, to = %log_address(&row.recipient),
                    attempt = row.attempts, dead, reason = %error.reason, "mail not sent");
                sqlx::query(
                    "UPDATE outbox SET status = $1, next_attempt_at = $2, last_error = $3,
                            lease_token = NULL, leased_until = NULL
                     WHERE id = $4 AND lease_token = $5",
                )
                .bind(
                    if dead {
                        OutboxStatus::Dead
                    } else {
                        OutboxStatus::Pending
                    }
                    .code(),
                )
                .bind(now + self.settings.delay_ms(row.attempts))
                .bind(truncate(&error.reason, 500))
                .bind(row.id)
                .bind(token)
                .execute(self.db.writer())
                .await?;
                Ok(if dead {
                    Outcome::Dead
                } else {
                    Outcome::Retrying
                })
            }
        }
    }

    async fn send(&self, row: &Row) -> Result<String, SendError> {
        let message = self.build(row).map_err(|reason| SendError {
            permanent: true,
            reason,
        })?;
        self.sender.send(message).await
    }

    /// The message as it goes out. Errors here are permanent (a bad address, a payload
    /// this version cannot read).
    fn build(&self, row: &Row) -> Result<lettre::Message, String> {
        let content: app::mail::Message =
            serde_json::from_str(&row.payload).map_err(|e| format!("unreadable payload: {e}"))?;
        // A language this version does not know is a dead letter, not a Chinese mail.
        let lang = Lang::try_from(row.lang.clone()).map_err(|e| e.to_string())?;
        let handler = match (&row.handler_zh, &row.handler_en) {
            (Some(zh), Some(en)) => Some(Handler {
                name: lang.pick(zh, en),
                phone: row.handler_phone.as_deref().unwrap_or_default(),
            }),
            _ => None,
        };
        let links = Links {
            base: &self.settings.base_url,
            unsubscribe: row.unsubscribe_token.as_deref(),
            handler,
        };
        let mail = render(&content, lang, links);
        let to: Mailbox = row
            .recipient
            .parse()
            .map_err(|e| format!("invalid recipient: {e}"))?;
        let domain = self.settings.from.email.domain().to_string();
        let mut builder = lettre::Message::builder()
            .from(self.settings.from.clone())
            .to(to)
            .subject(mail.subject)
            .message_id(Some(format!("<{}@{domain}>", row.message_id)))
            .header(ContentLanguage(lang.html_tag().to_string()));
        if let Some(url) = links.unsubscribe_url() {
            // RFC 8058 one-click unsubscribe: mail clients POST to the same link.
            builder = builder
                .header(ListUnsubscribe(format!("<{url}>")))
                .header(ListUnsubscribePost);
        }
        builder
            .multipart(MultiPart::alternative_plain_html(mail.text, mail.html))
            .map_err(|e| format!("cannot build the message: {e}"))
    }
}

fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

macro_rules! text_header {
    ($name:ident, $header:literal) => {
        #[derive(Clone, Debug)]
        struct $name(String);

        impl Header for $name {
            fn name() -> HeaderName {
                HeaderName::new_from_ascii_str($header)
            }

            fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
                Ok($name(s.to_string()))
            }

            fn display(&self) -> HeaderValue {
                HeaderValue::new(Self::name(), self.0.clone())
            }
        }
    };
}

text_header!(ContentLanguage, "Content-Language");
text_header!(ListUnsubscribe, "List-Unsubscribe");

#[derive(Clone, Debug)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(base: i64) -> WorkerSettings {
        WorkerSettings {
            base_url: "http://x".into(),
            from: "a@b.c".parse().unwrap(),
            max_attempts: 5,
            retry_base_ms: base,
            lease_ms: 1000,
            batch: 10,
            concurrency: 4,
            poll: Duration::from_millis(10),
        }
    }

    #[test]
    fn retries_back_off_exponentially_with_jitter_and_a_cap() {
        let s = settings(1000);
        for _ in 0..100 {
            let first = s.delay_ms(1);
            assert!((500..=1000).contains(&first), "{first}");
            let fourth = s.delay_ms(4);
            assert!((4000..=8000).contains(&fourth), "{fourth}");
            let late = s.delay_ms(40);
            assert!((MAX_DELAY_MS / 2..=MAX_DELAY_MS).contains(&late), "{late}");
        }
    }
}
