//! Issue 20: a write is acknowledged only once it is on disk. The database fills up and
//! is freed again while residents and staff keep submitting: on SQLite through a page
//! cap on the writer (SQLITE_FULL, as from a full disk, after a VACUUM so no free page is
//! left), on PostgreSQL by turning the database read-only and dropping its connections
//! (25006). An acknowledged write is stored, a refused one answers 503 with what was
//! typed and stores nothing, and writes resume by themselves.

use crate::helpers::{
    DEMO_PASSWORD, TestApp, enc, fresh_token, post_form_as, spawn_app, staff_session,
};
use crate::workspace::{act, file};
use app::db::{Backend, DatabaseUrl, Db};
use reqwest::StatusCode;

/// Makes every write that needs room fail, as a full disk does.
pub async fn fill(app: &TestApp) {
    match app.db.backend() {
        Backend::Sqlite => {
            sqlx::query("VACUUM")
                .execute(app.db.writer())
                .await
                .unwrap();
            let (pages,): (i64,) = sqlx::query_as("PRAGMA page_count")
                .fetch_one(app.db.writer())
                .await
                .unwrap();
            app.db.cap_sqlite_pages(Some(pages as u32)).await.unwrap();
        }
        Backend::Postgres => read_only(app, true).await,
    }
}

/// Room again.
pub async fn free(app: &TestApp) {
    match app.db.backend() {
        Backend::Sqlite => app.db.cap_sqlite_pages(None).await.unwrap(),
        Backend::Postgres => read_only(app, false).await,
    }
}

async fn read_only(app: &TestApp, on: bool) {
    let url = app.database_url();
    let name = url.rsplit('/').next().unwrap();
    let admin_url = std::env::var("OPENDOOR_TEST_POSTGRES_URL").unwrap();
    let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin_url)
        .await
        .unwrap();
    let setting = if on {
        format!("ALTER DATABASE {name} SET default_transaction_read_only = on")
    } else {
        format!("ALTER DATABASE {name} RESET default_transaction_read_only")
    };
    sqlx::Executor::execute(&mut admin, setting.as_str())
        .await
        .unwrap();
    // New sessions take the setting: end the app's current ones.
    let terminate = format!(
        "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
         WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    );
    sqlx::Executor::execute(&mut admin, terminate.as_str())
        .await
        .unwrap();
}

/// Rates one of the demo officers with a comment naming `n`; every third a 差评, which also opens
/// a review case. Each from a client of its own, so no rate limit is met.
pub async fn rate(app: &TestApp, n: usize) -> (StatusCode, String) {
    // Spread over the 24 demo officers, so the per-officer limit is never met.
    let badge = format!("{}0000{}", n / 8 % 3 + 1, n % 8 + 1);
    let path = format!("/o/{badge}");
    let token = fresh_token(app, &path).await;
    let level = if n.is_multiple_of(3) {
        "1&problems=rude"
    } else {
        "4"
    };
    let body = format!(
        "token={token}&level={level}&service_type=counter&comment={}",
        enc(&comment(n))
    );
    let ip = format!("10.20.{}.{}", n / 200, n % 200 + 1);
    let response = post_form_as(app, &path, body, None, &ip).await;
    (response.status(), response.text().await.unwrap())
}

pub fn comment(n: usize) -> String {
    format!("disk-full rating {n}")
}

/// What was acknowledged and what was refused, by the text that identifies each.
#[derive(Default)]
pub struct Ledger {
    pub acknowledged: Vec<String>,
    pub refused: Vec<String>,
}

impl Ledger {
    /// Books an answer: 303 acknowledged, 503 refused with `text` still on the page.
    /// Anything else fails the test.
    pub fn book(&mut self, what: &str, text: String, status: StatusCode, body: &str) {
        match status {
            StatusCode::SEE_OTHER => self.acknowledged.push(text),
            StatusCode::SERVICE_UNAVAILABLE => {
                assert!(
                    body.contains(&text) || body.contains(&html_escaped(&text)),
                    "the refused {what} page lost what was typed ({text})"
                );
                self.refused.push(text);
            }
            other => panic!("{what} {text}: answered {other}"),
        }
    }
}

fn html_escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

/// Submits with `submit(n)` until `refusals` were refused (at most `max` in all): the
/// database is full for this kind of write. Some may still fit (a page with room left);
/// each is booked either way.
async fn until_refused<F, Fut>(
    ledger: &mut Ledger,
    what: &str,
    max: usize,
    refusals: usize,
    submit: F,
) where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = (String, StatusCode, String)>,
{
    let mut n = 0;
    while ledger.refused.len() < refusals {
        assert!(
            n < max,
            "{what}: {max} accepted while the database was full"
        );
        let (text, status, body) = submit(n).await;
        ledger.book(what, text, status, &body);
        n += 1;
    }
}

async fn count_where(db: &Db, sql: &str, text: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql)
        .bind(text)
        .fetch_one(db.reader())
        .await
        .unwrap();
    n
}

/// Every acknowledged write is there once, and no refused one left a trace.
async fn check(db: &Db, what: &str, sql: &str, ledger: &Ledger) {
    for text in &ledger.acknowledged {
        assert_eq!(
            count_where(db, sql, text).await,
            1,
            "acknowledged {what} {text}"
        );
    }
    for text in &ledger.refused {
        assert_eq!(count_where(db, sql, text).await, 0, "refused {what} {text}");
    }
}

const RATINGS: &str = "SELECT COUNT(*) FROM ratings WHERE comment = $1";
const REQUESTS: &str = "SELECT COUNT(*) FROM cases WHERE subject = $1";
const NOTES: &str = "SELECT COUNT(*) FROM case_events WHERE body = $1";

#[tokio::test]
async fn submissions_while_the_disk_is_full_are_refused_and_what_was_acknowledged_is_kept() {
    let app = spawn_app().await;
    let clerk = staff_session(&app, "clerk.qishan").await;
    let (case, _) = file(&app, "help", None, "10.9.0.1").await;
    fill(&app).await;

    let mut ratings = Ledger::default();
    until_refused(&mut ratings, "rating", 400, 4, |n| {
        let app = &app;
        async move {
            let (status, body) = rate(app, n).await;
            (comment(n), status, body)
        }
    })
    .await;

    let mut requests = Ledger::default();
    until_refused(&mut requests, "request", 200, 3, |n| {
        let app = &app;
        async move {
            let subject = format!("disk-full request {n}");
            let token = fresh_token(app, "/request/new").await;
            let body = format!(
                "kind=help&station=qishan&subject={}&description={}&token={token}",
                enc(&subject),
                enc("楼道灯坏了。")
            );
            let ip = format!("10.30.{}.{}", n / 200, n % 200 + 1);
            let response = post_form_as(app, "/request/new", body, None, &ip).await;
            (subject, response.status(), response.text().await.unwrap())
        }
    })
    .await;

    let mut notes = Ledger::default();
    until_refused(&mut notes, "note", 400, 3, |n| {
        let (app, clerk, case) = (&app, &clerk, &case);
        async move {
            let text = format!("disk-full note {n}");
            let response = act(app, clerk, case, "note", &format!("body={}", enc(&text))).await;
            (text, response.status(), response.text().await.unwrap())
        }
    })
    .await;

    // Signing in writes a session and its audit entry: both or neither.
    let mut sign_ins = Ledger::default();
    until_refused(&mut sign_ins, "sign-in", 400, 2, |n| {
        let app = &app;
        async move {
            let body = format!("username=officer.100002&password={}", enc(DEMO_PASSWORD));
            let ip = format!("10.40.{}.{}", n / 200, n % 200 + 1);
            let response = post_form_as(app, "/staff/login", body, None, &ip).await;
            let status = response.status();
            // The sign-in page keeps the name typed.
            (
                String::from("officer.100002"),
                status,
                response.text().await.unwrap(),
            )
        }
    })
    .await;

    eprintln!(
        "while full: ratings {}/{}, requests {}/{}, notes {}/{}, sign-ins {}/{} (acknowledged/refused)",
        ratings.acknowledged.len(),
        ratings.refused.len(),
        requests.acknowledged.len(),
        requests.refused.len(),
        notes.acknowledged.len(),
        notes.refused.len(),
        sign_ins.acknowledged.len(),
        sign_ins.refused.len()
    );
    // Space again: every write is taken, without a restart.
    free(&app).await;
    let mut after = Ledger::default();
    for n in 1000..1012 {
        let (status, body) = rate(&app, n).await;
        assert_eq!(
            status,
            StatusCode::SEE_OTHER,
            "rating {n} after space returned"
        );
        after.book("rating", comment(n), status, &body);
    }
    let response = act(&app, &clerk, &case, "note", "body=after").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // What a reader sees now, and after a restart (new connections to the same file or
    // database, as a restarted server opens).
    let acknowledged_sign_ins = sign_ins.acknowledged.len() as i64;
    let check_all = |db: Db| {
        let (ratings, requests, notes, after) = (&ratings, &requests, &notes, &after);
        async move {
            check(&db, "rating", RATINGS, ratings).await;
            check(&db, "rating", RATINGS, after).await;
            check(&db, "request", REQUESTS, requests).await;
            check(&db, "note", NOTES, notes).await;
            let sessions = count_where(
                &db,
                "SELECT COUNT(*) FROM staff_sessions s JOIN staff_accounts a ON a.id = s.account_id WHERE a.username = $1",
                "officer.100002",
            )
            .await;
            let audited = count_where(
                &db,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in' AND actor = $1",
                "officer.100002",
            )
            .await;
            assert_eq!(
                (sessions, audited),
                (acknowledged_sign_ins, acknowledged_sign_ins)
            );
        }
    };
    check_all(app.db.clone()).await;
    let url = DatabaseUrl::parse(&app.database_url()).unwrap();
    app.db.close().await;
    let reopened = Db::connect(&url).await.unwrap();
    check_all(reopened.clone()).await;
    if reopened.backend() == Backend::Sqlite {
        let (integrity,): (String,) = sqlx::query_as("PRAGMA integrity_check")
            .fetch_one(reopened.reader())
            .await
            .unwrap();
        assert_eq!(integrity, "ok");
    }
    reopened.close().await;
}

#[tokio::test]
async fn readyz_and_metrics_say_writes_fail_and_recover_by_themselves() {
    let app = spawn_app().await;
    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);
    fill(&app).await;
    // `/readyz` writes to check at most once a second; the check above was just now.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (status, body) = app.get_page("/readyz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    let reason = match app.db.backend() {
        Backend::Sqlite => "disk_full",
        Backend::Postgres => "read_only",
    };
    assert!(
        body.starts_with(&format!("writes failing: {reason}")),
        "{body}"
    );
    // Reads still work: residents can look at pages while nothing can be stored.
    assert_eq!(app.get("/s/qishan").await.status(), StatusCode::OK);
    let (_, metrics) = app.get_page("/metrics").await;
    assert!(
        metrics.contains("opendoor_database_writable 0"),
        "{metrics}"
    );
    assert!(
        metrics.contains(&format!(
            "opendoor_database_write_failures_total{{reason=\"{reason}\"}}"
        )),
        "{metrics}"
    );

    free(&app).await;
    let mut status = StatusCode::SERVICE_UNAVAILABLE;
    for _ in 0..40 {
        status = app.get("/readyz").await.status();
        if status == StatusCode::OK {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, StatusCode::OK, "writes did not recover");
    let (_, metrics) = app.get_page("/metrics").await;
    assert!(
        metrics.contains("opendoor_database_writable 1"),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_commit_that_fails_leaves_the_connection_clean_for_the_next_write() {
    let app = spawn_app().await;
    // A deferred foreign key fails at COMMIT, not at the INSERT: the transaction the
    // driver tried to commit must not linger under the next writes.
    sqlx::query(
        "CREATE TABLE deferred_probe (id INTEGER PRIMARY KEY, parent INTEGER
         REFERENCES deferred_probe (id) DEFERRABLE INITIALLY DEFERRED)",
    )
    .execute(app.db.writer())
    .await
    .unwrap();
    let mut tx = app.db.writer().begin().await.unwrap();
    sqlx::query("INSERT INTO deferred_probe (id, parent) VALUES (1, 99)")
        .execute(&mut *tx)
        .await
        .unwrap();
    assert!(tx.commit().await.is_err(), "the deferred key should fail");
    let mut acknowledged = Ledger::default();
    for n in 0..4 {
        let (status, body) = rate(&app, n).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        acknowledged.book("rating", comment(n), status, &body);
    }
    let url = DatabaseUrl::parse(&app.database_url()).unwrap();
    app.db.close().await;
    let reopened = Db::connect(&url).await.unwrap();
    check(&reopened, "rating", RATINGS, &acknowledged).await;
    assert_eq!(
        count_where(
            &reopened,
            "SELECT COUNT(*) FROM deferred_probe WHERE $1 = $1",
            "x"
        )
        .await,
        0
    );
    reopened.close().await;
}

#[tokio::test]
async fn mail_sent_while_the_disk_is_full_goes_exactly_once() {
    use opendoor_server::mail::sink::{Behaviour, Sink};
    use opendoor_server::mail::{Sender, Worker, WorkerSettings};
    let app = spawn_app().await;
    opendoor_server::mail::bench::enqueue_assignments(&app.db, 6, "example.cn")
        .await
        .unwrap();
    let sink = Sink::start("127.0.0.1:0", Behaviour::default())
        .await
        .unwrap();
    let settings = WorkerSettings {
        base_url: app.address.clone(),
        from: "开门评警 <noreply@opendoor.test>".parse().unwrap(),
        max_attempts: 8,
        retry_base_ms: 1_000,
        lease_ms: 2_000,
        batch: 3,
        concurrency: 2,
        poll: std::time::Duration::from_millis(20),
    };
    let worker = Worker::new(
        app.db.clone(),
        Sender::plain_smtp("127.0.0.1", sink.addr.port()),
        settings,
    );
    let now = app::db::now_millis();
    fill(&app).await;
    // A pass either claims, sends and marks its batch, or fails before it sends.
    let during = worker.run_once(now).await;
    free(&app).await;
    for pass in 1..20 {
        if worker
            .run_once(now + pass * 10 * 60 * 1000)
            .await
            .unwrap()
            .claimed
            == 0
        {
            break;
        }
    }
    let received = sink.wait_for(6, std::time::Duration::from_secs(5)).await;
    let ids: std::collections::HashSet<Vec<u8>> = received
        .iter()
        .map(|r| {
            let data = String::from_utf8_lossy(&r.data).to_string();
            let line = data
                .lines()
                .find(|l| l.starts_with("Message-ID:"))
                .unwrap_or_default();
            line.as_bytes().to_vec()
        })
        .collect();
    assert_eq!(received.len(), 6, "sent during: {during:?}");
    assert_eq!(ids.len(), 6, "a message went twice");
    let (sent,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE status = 'sent'")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(sent, 6);
}
