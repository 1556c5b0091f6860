//! Email delivery (issue 5), against a real SMTP server speaking over TCP: an SMTP
//! outage, a worker killed mid-batch, two workers side by side, dead letters and their
//! retry, the morning mail, smtp-test.

use crate::helpers::{AUDIT_KEY, TestApp, count, post_form, spawn_app, staff_session};
use crate::mail::*;
use app::db::now_millis;
use opendoor_server::mail::sink::{Behaviour, Received, Sink};
use opendoor_server::mail::{Sender, Worker};
use reqwest::StatusCode;
use std::collections::HashSet;
use std::time::Duration;

async fn enqueue_staff_messages(app: &TestApp, n: usize) {
    opendoor_server::mail::bench::enqueue_assignments(&app.db, n, "example.cn")
        .await
        .unwrap();
}

fn message_ids(received: &[Received]) -> Vec<String> {
    received.iter().map(|r| parse(r).message_id).collect()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn an_smtp_outage_loses_nothing_and_sends_nothing_twice() {
    let app = spawn_app().await;
    enqueue_staff_messages(&app, 12).await;
    let port = free_port();
    let worker = worker(&app, port);
    // The server is down: every pass fails, and the back-off spaces the attempts out.
    let mut now = now_millis();
    for _ in 0..3 {
        let batch = worker.run_once(now).await.unwrap();
        assert_eq!(batch.sent, 0);
        now += 10 * 60 * 1000;
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND attempts >= 1"
        )
        .await,
        12
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM outbox WHERE last_error IS NULL").await,
        0
    );
    // It comes back.
    let sink = Sink::start(&format!("127.0.0.1:{port}"), Behaviour::default())
        .await
        .unwrap();
    drain(&worker, now + 2 * 60 * 60 * 1000).await;
    let received = sink.wait_for(12, Duration::from_secs(5)).await;
    let ids = message_ids(&received);
    assert_eq!(ids.len(), 12);
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        12,
        "a message arrived twice"
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'").await,
        12
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn workers_side_by_side_never_send_the_same_message() {
    let app = spawn_app().await;
    enqueue_staff_messages(&app, 200).await;
    let sink = Sink::start("127.0.0.1:0", Behaviour::default())
        .await
        .unwrap();
    let now = now_millis();
    // Eight workers racing for the same rows, as eight instances would.
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let worker = worker(&app, sink.addr.port());
        workers.spawn(async move { drain(&worker, now).await });
    }
    while let Some(done) = workers.join_next().await {
        done.unwrap();
    }
    let received = sink.wait_for(200, Duration::from_secs(10)).await;
    let ids = message_ids(&received);
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        200,
        "a message was lost"
    );
    assert_eq!(ids.len(), 200, "a message was sent twice");
}

#[tokio::test]
async fn a_worker_killed_mid_batch_loses_nothing_and_repeats_with_the_same_message_id() {
    let app = spawn_app().await;
    enqueue_staff_messages(&app, 6).await;
    // The sink takes the third message and never answers: the worker is mid-send.
    let sink = Sink::start("127.0.0.1:0", Behaviour { stall_on: Some(3) })
        .await
        .unwrap();
    // From 08:00 CST the child's clock would write the morning's mail (digests, "report
    // draft ready") beside the six: another instance holds the clock's lease instead.
    let held = app::leases::try_acquire(&app.db, "deadlines", "the test", 3_600_000, now_millis())
        .await
        .unwrap();
    assert!(held, "the clock's lease is free in a new database");
    let site = tempfile::tempdir().unwrap();
    let mail_dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_opendoor"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("DATABASE_URL", app.database_url())
        .env("OPENDOOR_AUDIT_KEY", AUDIT_KEY)
        .env("LEPTOS_SITE_ROOT", site.path())
        .env("OPENDOOR_SMTP_HOST", "127.0.0.1")
        .env("OPENDOOR_SMTP_PORT", sink.addr.port().to_string())
        .env("OPENDOOR_SMTP_SECURITY", "none")
        // The Message-ID's domain is the sender's: the same in every worker of a site.
        .env("OPENDOOR_MAIL_FROM", "开门评警 <noreply@opendoor.test>")
        .env("OPENDOOR_MAIL_DIR", mail_dir.path())
        .env("OPENDOOR_MAIL_POLL_MS", "50")
        .env("OPENDOOR_MAIL_LEASE_SECONDS", "600")
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // The worker sends several at once: the others get through, the third hangs.
    let received = sink.wait_for(6, Duration::from_secs(30)).await;
    assert_eq!(
        received.len(),
        6,
        "the worker in the child process did not send"
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while count(&app, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'").await < 5 {
        assert!(
            std::time::Instant::now() < deadline,
            "the other five were not marked sent"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.kill().unwrap(); // SIGKILL: no clean-up of any kind
    child.wait().unwrap();
    let stalled = parse(&received[2]).message_id;
    let (status,): (String,) = sqlx::query_as(
        "SELECT status FROM outbox WHERE '<' || message_id || '@opendoor.test>' = $1",
    )
    .bind(&stalled)
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(
        status, "pending",
        "the message in flight was not marked sent"
    );

    // Another worker takes over once the dead one's lease has run out.
    let worker = worker(&app, sink.addr.port());
    assert_eq!(
        worker.run_once(now_millis()).await.unwrap().claimed,
        0,
        "the lease still holds"
    );
    drain(&worker, now_millis() + 601_000).await;
    let received = sink.wait_for(7, Duration::from_secs(5)).await;
    let ids = message_ids(&received);
    assert_eq!(ids.len(), 7, "six messages and one repeat");
    let distinct: HashSet<&String> = ids.iter().collect();
    assert_eq!(distinct.len(), 6, "no message lost");
    // The repeat is the one that was in flight, with the same Message-ID.
    assert_eq!(ids[6], stalled, "{ids:?}");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'").await,
        6
    );
}

#[tokio::test]
async fn a_message_gives_up_after_the_last_attempt_and_an_admin_sends_it_again() {
    let app = spawn_app().await;
    enqueue_staff_messages(&app, 1).await;
    let port = free_port();
    let worker = Worker::new(
        app.db.clone(),
        Sender::plain_smtp("127.0.0.1", port),
        settings(&app, 2),
    );
    let mut now = now_millis();
    for _ in 0..2 {
        worker.run_once(now).await.unwrap();
        now += 60 * 60 * 1000;
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM outbox WHERE status = 'dead'").await,
        1
    );
    let admin = staff_session(&app, "admin").await;
    let (_, page) = crate::helpers::browse(&app, "/staff/admin", Some(&admin)).await;
    assert!(
        page.contains("***@example.cn"),
        "the dead letter, domain only"
    );
    assert!(!page.contains("officer0@example.cn"));
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM outbox")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let response = post_form(
        &app,
        "/staff/admin/mail-retry",
        format!("id={id}"),
        Some(&admin),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // Not for an officer.
    let officer = staff_session(&app, "officer.100001").await;
    let refused = post_form(
        &app,
        "/staff/admin/mail-retry",
        format!("id={id}"),
        Some(&officer),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let sink = Sink::start(&format!("127.0.0.1:{port}"), Behaviour::default())
        .await
        .unwrap();
    drain(&worker, now_millis()).await;
    assert_eq!(sink.wait_for(1, Duration::from_secs(5)).await.len(), 1);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'").await,
        1
    );
}

#[tokio::test]
async fn the_morning_mail_warns_of_tomorrows_deadlines_and_digests_once_a_day() {
    let app = spawn_app().await;
    let (reference, _) = crate::requests::file_one(&app, "10.9.0.1").await;
    let (officer_id,): (i64,) =
        sqlx::query_as("SELECT id FROM staff_accounts WHERE username = 'officer.100001'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    // 2026-12-01 is a Tuesday; the case is due on Wednesday.
    let tuesday = 1_796_094_000_000; // 2026-12-01 11:00 CST
    sqlx::query(
        "UPDATE cases SET assignee_account_id = $1, due_on = '2026-12-02' WHERE reference = $2",
    )
    .bind(officer_id)
    .bind(&reference)
    .execute(app.db.writer())
    .await
    .unwrap();
    let calendar = app::calendar::server::load(app.db.reader()).await.unwrap();
    for _ in 0..2 {
        app::mail::daily::write_daily_mail(&app.db, &calendar, tuesday)
            .await
            .unwrap();
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE kind = 'due_tomorrow'"
        )
        .await,
        1
    );
    // One digest per leader and station, however often it runs that day.
    let leaders = count(
        &app,
        "SELECT COUNT(*) FROM staff_roles WHERE role = 'leader'",
    )
    .await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM outbox WHERE kind = 'digest'").await,
        leaders
    );
    let (recipient,): (String,) =
        sqlx::query_as("SELECT recipient FROM outbox WHERE kind = 'due_tomorrow'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(recipient, "officer.100001@demo.opendoor.test");
    // Overdue: the deadline clock writes the officer's message with the escalation.
    let key = app::audit::AuditKey::new(AUDIT_KEY).unwrap();
    app::cases::deadlines::mark_overdue(&app.db, &key, tuesday + 2 * 24 * 3600 * 1000)
        .await
        .unwrap();
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM outbox WHERE kind = 'overdue'").await,
        1
    );
}

#[tokio::test]
async fn smtp_test_reports_the_servers_answer_or_the_file_written() {
    let sink = Sink::start("127.0.0.1:0", Behaviour::default())
        .await
        .unwrap();
    let port = sink.addr.port().to_string();
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_opendoor"))
            .args([
                "smtp-test",
                "--to",
                "ops@example.cn",
                "--smtp-host",
                "127.0.0.1",
            ])
            .args(["--smtp-port", &port, "--smtp-security", "none"])
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.starts_with("sent: 250 OK queued as 1"), "{stdout}");
    let received = sink.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(received[0].to, vec!["ops@example.cn".to_string()]);

    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_opendoor"))
        .args(["smtp-test", "--to", "ops@example.cn"])
        .env("OPENDOOR_MAIL_DIR", dir.path())
        .env_remove("OPENDOOR_SMTP_HOST")
        .output()
        .unwrap();
    assert!(output.status.success());
    let written: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(written.len(), 1);
    assert!(String::from_utf8_lossy(&output.stdout).contains(".eml"));
}
