//! Email (issue 5), against a real SMTP server speaking over TCP (the sink in
//! `opendoor_server::mail::sink`): consent, messages and their links, an SMTP outage,
//! a worker killed mid-batch, two workers side by side, dead letters.

use crate::helpers::{
    AUDIT_KEY, TestApp, count, enc, fresh_token, post_form, set_cookie, spawn_app, staff_session,
};
use app::db::now_millis;
use opendoor_server::mail::sink::{Behaviour, Received, Sink};
use opendoor_server::mail::{Sender, Worker, WorkerSettings};
use reqwest::StatusCode;
use std::collections::HashSet;
use std::time::Duration;

const LEASE_MS: i64 = 2_000;

fn settings(app: &TestApp, max_attempts: i64) -> WorkerSettings {
    WorkerSettings {
        base_url: app.address.clone(),
        from: "开门评警 <noreply@opendoor.test>".parse().unwrap(),
        max_attempts,
        retry_base_ms: 1_000,
        lease_ms: LEASE_MS,
        batch: 10,
        concurrency: 4,
        poll: Duration::from_millis(20),
    }
}

fn worker(app: &TestApp, port: u16) -> Worker {
    Worker::new(
        app.db.clone(),
        Sender::plain_smtp("127.0.0.1", port),
        settings(app, 8),
    )
}

/// Runs passes at `now` until one finds nothing to do.
async fn drain(worker: &Worker, now: i64) {
    for _ in 0..100 {
        if worker.run_once(now).await.unwrap().claimed == 0 {
            return;
        }
    }
    panic!("the outbox did not drain");
}

/// A received message, decoded.
struct Mail {
    to: String,
    subject: String,
    message_id: String,
    language: String,
    list_unsubscribe: Option<String>,
    text: String,
    html: String,
}

fn parse(received: &Received) -> Mail {
    use mailparse::MailHeaderMap;
    let parsed = mailparse::parse_mail(&received.data).expect("a MIME message");
    let header = |name: &str| parsed.headers.get_first_value(name);
    let part = |mime: &str| {
        parsed
            .subparts
            .iter()
            .find(|p| p.ctype.mimetype == mime)
            .map(|p| p.get_body().unwrap())
            .unwrap_or_default()
    };
    Mail {
        to: received.to.join(","),
        subject: header("Subject").unwrap_or_default(),
        message_id: header("Message-ID").unwrap_or_default(),
        language: header("Content-Language").unwrap_or_default(),
        list_unsubscribe: header("List-Unsubscribe"),
        text: part("text/plain"),
        html: part("text/html"),
    }
}

/// The first link in `text` that starts with `prefix`.
fn link(text: &str, prefix: &str) -> String {
    let start = text
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} link in {text}"));
    text[start..]
        .split(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
        .next()
        .unwrap()
        .to_string()
}

/// Files a request with an email address, in `lang`: (reference, access code).
async fn file_with_email(app: &TestApp, email: &str, lang: &str) -> (String, String) {
    let token = fresh_token(app, "/request/new").await;
    let body = format!(
        "kind=help&station=qishan&place={}&subject={}&description={}&contact_email={}&token={token}",
        enc("东街 12 号"),
        enc("Street light <b>out</b>"),
        enc("The light on our stairs has been out for a week."),
        enc(email),
    );
    let cookie = format!("od_lang={lang}");
    let response = post_form(app, "/request/new", body, Some(&cookie)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let receipt = set_cookie(&response, "od_receipt").expect("the receipt cookie");
    let html = app
        .get_with_cookie("/request/receipt", &format!("{receipt}; {cookie}"))
        .await
        .text()
        .await
        .unwrap();
    let text_of = |attribute: &str| {
        let from = html.find(attribute).unwrap();
        let rest = &html[from..];
        rest[rest.find('>').unwrap() + 1..]
            .split('<')
            .next()
            .unwrap()
            .to_string()
    };
    (
        text_of(r#"id="receipt-reference""#),
        text_of(r#"id="receipt-code""#),
    )
}

/// Sends the confirmation request waiting in the outbox and follows its link.
async fn confirm_address(app: &TestApp, sink: &Sink, worker: &Worker) {
    drain(worker, now_millis()).await;
    let confirmation = parse(&sink.wait_for(1, Duration::from_secs(5)).await[0]);
    let url = link(
        &confirmation.text,
        &format!("{}/mail/confirm/", app.address),
    );
    assert_eq!(follow(app, &url).await.status(), StatusCode::SEE_OTHER);
}

/// POSTs to a link from a message (the button on its page).
async fn follow(app: &TestApp, url: &str) -> reqwest::Response {
    let path = url.strip_prefix(&app.address).expect("a link to this site");
    let (status, page) = app.get_page(path).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains(&format!(r#"action="{path}""#)), "{page}");
    post_form(app, path, String::new(), None).await
}

#[tokio::test]
async fn a_resident_confirms_their_address_then_gets_the_receipt_in_their_language() {
    let app = spawn_app().await;
    let sink = Sink::start("127.0.0.1:0", Behaviour::default())
        .await
        .unwrap();
    let worker = worker(&app, sink.addr.port());
    let (reference, code) = file_with_email(&app, "Li.Lei@Example.cn", "en").await;

    // Only the confirmation goes: the receipt waits for consent.
    drain(&worker, now_millis()).await;
    let received = sink.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(received.len(), 1);
    let confirmation = parse(&received[0]);
    assert_eq!(confirmation.to, "li.lei@example.cn");
    assert_eq!(
        confirmation.subject,
        "[OpenDoor] Please confirm your email address"
    );
    assert_eq!(confirmation.language, "en");
    assert!(confirmation.text.contains(&reference));
    assert!(confirmation.list_unsubscribe.is_some());
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM outbox WHERE status = 'held'").await,
        1
    );

    let response = follow(
        &app,
        &link(
            &confirmation.text,
            &format!("{}/mail/confirm/", app.address),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/mail/confirmed");

    drain(&worker, now_millis()).await;
    let received = sink.wait_for(2, Duration::from_secs(5)).await;
    assert_eq!(received.len(), 2);
    let receipt = parse(&received[1]);
    assert_eq!(
        receipt.subject,
        format!("[OpenDoor] We received your request {reference}")
    );
    assert!(
        receipt.text.contains(&format!("Access code: {code}")),
        "{}",
        receipt.text
    );
    assert!(receipt.text.contains("Kind: Help"));
    // What the resident typed is escaped in the HTML part.
    assert!(
        receipt.html.contains("Street light &lt;b&gt;out&lt;/b&gt;"),
        "{}",
        receipt.html
    );
    assert_ne!(receipt.message_id, confirmation.message_id);
    // The link opens the tracking page, where reference and emailed code open the case.
    let track = link(&receipt.text, &format!("{}/track/", app.address));
    let path = track.strip_prefix(&app.address).unwrap();
    assert_eq!(app.get(path).await.status(), StatusCode::OK);
    let opened = post_form(
        &app,
        "/track",
        format!("reference={reference}&code={}", enc(&code)),
        None,
    )
    .await;
    assert_eq!(opened.status(), StatusCode::SEE_OTHER);
    // Sent messages keep no body (the access code was in it).
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND payload = '{}'"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn nothing_reaches_an_address_that_was_never_confirmed_and_at_most_one_request_a_day() {
    let app = spawn_app().await;
    let sink = Sink::start("127.0.0.1:0", Behaviour::default())
        .await
        .unwrap();
    let worker = worker(&app, sink.addr.port());
    file_with_email(&app, "victim@example.cn", "zh").await;
    file_with_email(&app, "victim@example.cn", "zh").await;
    drain(&worker, now_millis()).await;
    let received = sink.wait_for(1, Duration::from_secs(2)).await;
    // One confirmation for two requests; both receipts held.
    assert_eq!(received.len(), 1);
    assert_eq!(
        parse(&received[0]).subject,
        "【开门评警】请确认您的邮箱地址"
    );
    let mailbox = app.mailbox();
    let waiting = |mail: &Vec<crate::actors::Mail>, status: &str| {
        mail.iter()
            .filter(|m| m.kind == "receipt" && m.status == status)
            .count()
    };
    assert_eq!(waiting(&mailbox.to("victim@example.cn").await, "held"), 2);
    // A week later the scheduler drops the held receipts, their bodies with them.
    app::mail::consent::drop_unconfirmed(&app.db, now_millis() + 8 * 24 * 3600 * 1000)
        .await
        .unwrap();
    let mail = mailbox.to("victim@example.cn").await;
    assert_eq!(waiting(&mail, "dropped"), 2);
    assert!(
        mail.iter()
            .filter(|m| m.status == "dropped")
            .all(|m| m.payload == "{}")
    );
}

#[tokio::test]
async fn unsubscribing_stops_everything_at_once_without_signing_in() {
    let app = spawn_app().await;
    let sink = Sink::start("127.0.0.1:0", Behaviour::default())
        .await
        .unwrap();
    let worker = worker(&app, sink.addr.port());
    let (reference, _) = file_with_email(&app, "wang@example.cn", "zh").await;
    confirm_address(&app, &sink, &worker).await;
    drain(&worker, now_millis()).await;
    let receipt = parse(&sink.wait_for(2, Duration::from_secs(5)).await[1]);
    assert_eq!(
        receipt.subject,
        format!("【开门评警】已收到您的诉求 {reference}")
    );

    let unsubscribe = link(&receipt.text, &format!("{}/mail/unsubscribe/", app.address));
    assert_eq!(
        receipt.list_unsubscribe.as_deref(),
        Some(format!("<{unsubscribe}>").as_str())
    );
    let response = follow(&app, &unsubscribe).await;
    assert_eq!(response.headers()["location"], "/mail/unsubscribed");
    // A resolution afterwards writes nothing for this address.
    let db = app.db.clone();
    let key = app::audit::AuditKey::new(AUDIT_KEY).unwrap();
    let args = opendoor_server::cli::ResolveCaseArgs {
        reference: reference.clone(),
        outcome: "resolved".into(),
        summary: "灯已修好".into(),
        referral_department: None,
        referral_contact: None,
    };
    opendoor_server::resolve_case::resolve(&db, &key, &args)
        .await
        .unwrap();
    drain(&worker, now_millis()).await;
    assert_eq!(sink.received().len(), 2);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM outbox WHERE kind = 'resolved'").await,
        0
    );
    // A made-up token changes nothing and says so.
    let bogus = format!("/mail/unsubscribe/{}", "0".repeat(32));
    assert_eq!(
        post_form(&app, &bogus, String::new(), None).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn replies_and_resolutions_reach_a_confirmed_resident_and_assignments_the_officer() {
    let app = spawn_app().await;
    let sink = Sink::start("127.0.0.1:0", Behaviour::default())
        .await
        .unwrap();
    let worker = worker(&app, sink.addr.port());
    let (reference, _) = file_with_email(&app, "zhao@example.cn", "zh").await;
    confirm_address(&app, &sink, &worker).await;

    let clerk = staff_session(&app, "clerk.qishan").await;
    let (officer_id,): (i64,) =
        sqlx::query_as("SELECT id FROM staff_accounts WHERE username = 'officer.100001'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    let assign = post_form(
        &app,
        &format!("/staff/cases/{reference}/assign"),
        format!("assignee={officer_id}"),
        Some(&clerk),
    )
    .await;
    assert_eq!(assign.status(), StatusCode::SEE_OTHER);
    let officer = staff_session(&app, "officer.100001").await;
    for (action, body) in [
        (
            "reply",
            format!("body={}", enc("我们已联系物业，周五前修好。")),
        ),
        (
            "resolve",
            format!("outcome=resolved&summary={}", enc("灯已修好。")),
        ),
    ] {
        let response = post_form(
            &app,
            &format!("/staff/cases/{reference}/{action}"),
            body,
            Some(&officer),
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{action}");
    }
    drain(&worker, now_millis()).await;
    let mails: Vec<Mail> = sink
        .wait_for(5, Duration::from_secs(5))
        .await
        .iter()
        .map(parse)
        .collect();
    let subjects: Vec<&str> = mails.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(mails.len(), 5, "{subjects:?}");
    let to_officer: Vec<&Mail> = mails
        .iter()
        .filter(|m| m.to == "officer.100001@demo.opendoor.test")
        .collect();
    assert_eq!(to_officer.len(), 1, "{subjects:?}");
    assert_eq!(
        to_officer[0].subject,
        format!("【开门评警】新分派给您的案件 {reference}")
    );
    assert!(
        to_officer[0]
            .text
            .contains(&format!("{}/staff/cases/{reference}", app.address))
    );
    assert!(to_officer[0].list_unsubscribe.is_none());
    let reply = mails
        .iter()
        .find(|m| m.subject.contains("新的答复"))
        .expect("the reply");
    assert_eq!(reply.to, "zhao@example.cn");
    assert!(reply.text.contains("我们已联系物业，周五前修好。"));
    let resolved = mails
        .iter()
        .find(|m| m.subject.contains("已办结"))
        .expect("the resolution");
    assert!(resolved.text.contains("办理结果: 已解决"));
    assert!(
        resolved
            .text
            .contains(&format!("{}/track/{reference}", app.address))
    );
    // No message carries another person's data: the officer's has no resident contact.
    assert!(!to_officer[0].text.contains("zhao@example.cn"));
}

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
