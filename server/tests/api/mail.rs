//! Email (issue 5), against a real SMTP server speaking over TCP (the sink in
//! `opendoor_server::mail::sink`): consent, messages and their links. The worker and
//! sink helpers here serve `mail_delivery.rs` too.

use crate::helpers::{
    AUDIT_KEY, TestApp, count, enc, fresh_token, post_form, set_cookie, spawn_app, staff_session,
};
use app::db::now_millis;
use opendoor_server::mail::sink::{Behaviour, Received, Sink};
use opendoor_server::mail::{Sender, Worker, WorkerSettings};
use reqwest::StatusCode;
use std::time::Duration;

pub(crate) const LEASE_MS: i64 = 2_000;

pub(crate) fn settings(app: &TestApp, max_attempts: i64) -> WorkerSettings {
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

pub(crate) fn worker(app: &TestApp, port: u16) -> Worker {
    Worker::new(
        app.db.clone(),
        Sender::plain_smtp("127.0.0.1", port),
        settings(app, 8),
    )
}

/// Runs passes at `now` until one finds nothing to do.
pub(crate) async fn drain(worker: &Worker, now: i64) {
    for _ in 0..100 {
        if worker.run_once(now).await.unwrap().claimed == 0 {
            return;
        }
    }
    panic!("the outbox did not drain");
}

/// A received message, decoded.
pub(crate) struct Mail {
    pub to: String,
    pub subject: String,
    pub message_id: String,
    pub language: String,
    pub list_unsubscribe: Option<String>,
    pub text: String,
    pub html: String,
}

pub(crate) fn parse(received: &Received) -> Mail {
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
pub(crate) fn link(text: &str, prefix: &str) -> String {
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
pub(crate) async fn file_with_email(app: &TestApp, email: &str, lang: &str) -> (String, String) {
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
pub(crate) async fn confirm_address(app: &TestApp, sink: &Sink, worker: &Worker) {
    drain(worker, now_millis()).await;
    let confirmation = parse(&sink.wait_for(1, Duration::from_secs(5)).await[0]);
    let url = link(
        &confirmation.text,
        &format!("{}/mail/confirm/", app.address),
    );
    assert_eq!(follow(app, &url).await.status(), StatusCode::SEE_OTHER);
}

/// POSTs to a link from a message (the button on its page).
pub(crate) async fn follow(app: &TestApp, url: &str) -> reqwest::Response {
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
async fn a_request_waiting_in_bureau_intake_is_signed_by_the_bureau_with_its_phone() {
    let app = spawn_app().await;
    let sink = Sink::start("127.0.0.1:0", Behaviour::default())
        .await
        .unwrap();
    let worker = worker(&app, sink.addr.port());
    let token = fresh_token(&app, "/request/new").await;
    let body = format!(
        "kind=question&station={}&subject={}&description={}&contact_email={}&token={token}",
        app::cases::request_form::STATION_NOT_SURE,
        enc("办证地点"),
        enc("请问在哪里办居住证？"),
        enc("wang@example.cn"),
    );
    let response = post_form(&app, "/request/new", body, None).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    drain(&worker, now_millis()).await;
    let confirmation = parse(&sink.wait_for(1, Duration::from_secs(5)).await[0]);
    assert!(confirmation.text.starts_with("您好，"));
    let signature = &confirmation.text[confirmation.text.rfind("-- ").unwrap()..];
    assert!(
        signature.contains("演示市公安局　电话：0000-1100000"),
        "{signature}"
    );
    assert!(!confirmation.text.contains("派出所　电话"));
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
        format!("【开门评警】新分派给您的诉求 {reference}")
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
    assert!(resolved.text.contains("办理结果：已解决"));
    // A resident's mail greets them and ends with the station handling the request and
    // its phone (from the demo data), before the line that stops the mails.
    for mail in [reply, resolved] {
        assert!(mail.text.starts_with("您好，"), "{}", mail.text);
        let signature = &mail.text[mail.text.rfind("-- ").expect("a signature")..];
        assert!(
            signature.contains("祁山派出所　电话：0000-1100001"),
            "{signature}"
        );
    }
    assert!(
        resolved
            .text
            .contains(&format!("{}/track/{reference}", app.address))
    );
    // No message carries another person's data: the officer's has no resident contact.
    assert!(!to_officer[0].text.contains("zhao@example.cn"));
}
