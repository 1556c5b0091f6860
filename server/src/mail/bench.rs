//! `opendoor bench-outbox`: how fast the outbox drains into a local SMTP sink over TCP,
//! every message rendered, sent and marked sent one by one as in production.

use super::sink::{Behaviour, Sink};
use super::{Sender, Worker, WorkerSettings};
use crate::cli::BenchOutboxArgs;
use app::db::{Db, now_millis};
use app::i18n::Lang;
use app::mail::Message;
use app::mail::outbox::{Outgoing, Release, enqueue};
use std::collections::HashSet;
use std::time::{Duration, Instant};

pub async fn run(db: &Db, args: &BenchOutboxArgs) -> anyhow::Result<String> {
    let sink = Sink::start("127.0.0.1:0", Behaviour::default()).await?;
    let count = args.messages as usize;
    enqueue_assignments(db, count, "bench.test").await?;
    let settings = WorkerSettings {
        base_url: "http://127.0.0.1:3000".into(),
        from: "开门评警 <noreply@bench.test>".parse()?,
        max_attempts: 5,
        retry_base_ms: 1000,
        lease_ms: 60_000,
        batch: 50,
        concurrency: 8,
        poll: Duration::from_millis(10),
    };
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..args.workers.max(1) {
        let worker = Worker::new(
            db.clone(),
            Sender::plain_smtp("127.0.0.1", sink.addr.port()),
            settings.clone(),
        );
        workers.spawn(async move {
            loop {
                let batch = worker.run_once(now_millis()).await?;
                if batch.claimed == 0 {
                    return Ok::<_, sqlx::Error>(());
                }
            }
        });
    }
    while let Some(done) = workers.join_next().await {
        done??;
    }
    let elapsed = started.elapsed();
    let received = sink.wait_for(count, Duration::from_secs(10)).await;
    let distinct: HashSet<&[u8]> = received
        .iter()
        .filter_map(|r| message_id(&r.data))
        .collect();
    let (unsent,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE status <> $1")
        .bind(app::mail::OutboxStatus::Sent.code())
        .fetch_one(db.reader())
        .await?;
    anyhow::ensure!(
        received.len() == count && distinct.len() == count && unsent == 0,
        "expected {count} messages once each; the sink got {} ({} distinct), {unsent} unsent",
        received.len(),
        distinct.len()
    );
    Ok(format!(
        "outbox -> SMTP sink: {count} messages in {:.2} s = {:.0} messages/s ({} worker(s), {}); each arrived once",
        elapsed.as_secs_f64(),
        count as f64 / elapsed.as_secs_f64(),
        args.workers.max(1),
        match db.backend() {
            app::db::Backend::Sqlite => "SQLite",
            app::db::Backend::Postgres => "PostgreSQL",
        },
    ))
}

/// Writes `count` assignment messages to `officer{i}@{domain}`, due now.
pub async fn enqueue_assignments(db: &Db, count: usize, domain: &str) -> Result<(), sqlx::Error> {
    let now = now_millis();
    for chunk in (0..count).collect::<Vec<_>>().chunks(500) {
        let mut tx = db.begin_write().await?;
        for i in chunk {
            let message = Message::Assigned {
                reference: format!("KM-2026-{:06}", i + 1),
                case_kind: "help".into(),
                subject: format!("基准测试 benchmark {i}"),
                due_on: "2026-12-31".into(),
            };
            let recipient = format!("officer{i}@{domain}");
            let outgoing = Outgoing {
                message: &message,
                recipient: &recipient,
                lang: Lang::Zh,
                address_id: None,
                case_id: None,
                release: Release::Now,
                dedupe_key: None,
            };
            enqueue(&mut tx, outgoing, now).await?;
        }
        tx.commit().await?;
    }
    Ok(())
}

/// The Message-ID header's value in raw message bytes.
pub fn message_id(data: &[u8]) -> Option<&[u8]> {
    data.split(|b| *b == b'\n')
        .find(|line| line.len() > 11 && line[..11].eq_ignore_ascii_case(b"message-id:"))
        .map(|line| line[11..].trim_ascii())
}
