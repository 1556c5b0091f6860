//! The `opendoor` binary itself: bad configuration gives one clear line and a non-zero
//! exit, and leaves nothing half-created.

use crate::helpers::{DEMO_PASSWORD, TestDatabase};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn opendoor(database_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_opendoor"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("OPENDOOR_DEMO_PASSWORD", DEMO_PASSWORD)
        .env("OPENDOOR_AUDIT_KEY", crate::helpers::AUDIT_KEY)
        // The bare demo: its past year is tested on its own (demo_year.rs).
        .env("OPENDOOR_DEMO_BARE", "true")
        .env_remove("OPENDOOR_ADMIN_PASSWORD")
        .env("RUST_LOG", "warn")
        .output()
        .expect("running opendoor")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The failure is one line, starting with the program's name, and names `needle`.
fn assert_one_line_failure(output: &Output, needle: &str) {
    assert!(
        !output.status.success(),
        "expected failure, got success: {}",
        stdout(output)
    );
    let err = stderr(output);
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "expected one line, got:\n{err}");
    assert!(lines[0].starts_with("opendoor: "), "{err}");
    assert!(lines[0].contains(needle), "{needle:?} not in {err}");
}

#[test]
fn a_malformed_database_url_is_named() {
    for url in [
        "mysql://localhost/x",
        "data/opendoor.db",
        "postgres://u:secret@host:notaport/db",
    ] {
        let output = opendoor(url, &["migrate"]);
        assert_one_line_failure(&output, "DATABASE_URL");
        assert!(
            !stderr(&output).contains("secret"),
            "password shown: {}",
            stderr(&output)
        );
    }
}

#[test]
fn an_unreachable_postgres_is_named() {
    let started = Instant::now();
    let output = opendoor("postgres://postgres@127.0.0.1:1/opendoor", &["migrate"]);
    assert_one_line_failure(
        &output,
        "cannot open the database postgres://postgres@127.0.0.1:1/opendoor",
    );
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn an_unwritable_data_folder_is_named_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    // A file where a folder should be: not even root can create a folder inside it.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "").unwrap();
    let url = format!("sqlite://{}/data/opendoor.db", blocker.display());
    let output = opendoor(&url, &["migrate"]);
    assert_one_line_failure(&output, "cannot create the data folder");
    let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(entries.len(), 1, "something was created beside the blocker");
}

#[test]
fn a_port_in_use_is_named_before_anything_is_created() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("data/opendoor.db");
    let output = opendoor(
        &format!("sqlite://{}", db_path.display()),
        &["serve", "--addr", &addr],
    );
    assert_one_line_failure(&output, &format!("cannot listen on {addr}"));
    assert!(
        !db_path.exists(),
        "the database was created although the server could not start"
    );
}

#[tokio::test]
async fn seed_demo_loads_once_and_then_says_so() {
    let database = TestDatabase::new().await;
    let first = opendoor(&database.url, &["seed-demo"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stdout(&first).contains("3 stations, 24 officers, 33 staff accounts"),
        "{}",
        stdout(&first)
    );
    assert!(
        !stdout(&first).contains(DEMO_PASSWORD),
        "the password from the environment was echoed"
    );
    let second = opendoor(&database.url, &["seed-demo"]);
    assert!(second.status.success());
    assert!(stdout(&second).contains("already present"));
}

/// Without `--demo-bare`, seed-demo plays the demo's past year (what it holds is
/// demo_year.rs's); the server's first start with `--demo` comes the same way.
#[tokio::test]
async fn seed_demo_plays_the_past_year_unless_bare() {
    let database = TestDatabase::new().await;
    let output = Command::new(env!("CARGO_BIN_EXE_opendoor"))
        .arg("seed-demo")
        .env("DATABASE_URL", &database.url)
        .env("OPENDOOR_DEMO_PASSWORD", DEMO_PASSWORD)
        .env("OPENDOOR_AUDIT_KEY", crate::helpers::AUDIT_KEY)
        .env_remove("OPENDOOR_DEMO_BARE")
        .env("RUST_LOG", "warn")
        .output()
        .expect("running opendoor");
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.contains("demo year: "), "{out}");
    assert!(out.contains("monthly reports published"), "{out}");
    let db = opendoor_server::open_database(&database.parsed())
        .await
        .unwrap();
    let (published,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM published_reports")
        .fetch_one(db.reader())
        .await
        .unwrap();
    db.close().await;
    assert!(published >= 33, "{published} reports published");
}

#[tokio::test]
async fn create_admin_prints_a_generated_password_once_and_refuses_a_taken_name() {
    let database = TestDatabase::new().await;
    let output = opendoor(&database.url, &["create-admin", "--username", "root.admin"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    let password = out
        .lines()
        .find_map(|line| line.strip_prefix("password (shown once, change it after signing in): "))
        .expect("a generated password");
    assert!(password.len() >= 20);

    let again = opendoor(&database.url, &["create-admin", "--username", "root.admin"]);
    assert_one_line_failure(&again, "the username root.admin is taken");

    let bad = opendoor(&database.url, &["create-admin", "--username", "Root Admin"]);
    assert_one_line_failure(&bad, "invalid username");
}

#[test]
fn migrate_creates_the_sqlite_file_and_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("nested/data/opendoor.db");
    let output = opendoor(&format!("sqlite://{}", db_path.display()), &["migrate"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(db_path.exists());
    assert!(stdout(&output).contains("is up to date"));
}

#[test]
fn sigterm_stops_the_server_cleanly_with_json_logs() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_opendoor"))
        .args(["--log-format", "json", "serve", "--addr", &addr])
        .env("OPENDOOR_AUDIT_KEY", crate::helpers::AUDIT_KEY)
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/opendoor.db", dir.path().display()),
        )
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(&addr).is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "exit status {status}");
            break;
        }
        assert!(Instant::now() < deadline, "the server ignored SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_json_logs(child);
}

/// After the server has exited: every log line is a JSON object, and the start and the
/// orderly stop were logged.
fn assert_json_logs(child: std::process::Child) {
    let output = child.wait_with_output().unwrap();
    let logs = String::from_utf8_lossy(&output.stderr);
    let messages: Vec<String> = logs
        .lines()
        .map(|line| {
            let value: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}"));
            value["message"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    assert!(messages.iter().any(|m| m == "listening"), "{logs}");
    assert!(messages.iter().any(|m| m == "stopped"), "{logs}");
}

#[tokio::test]
async fn service_codes_are_printed_once_and_stored_only_as_hashes() {
    let database = TestDatabase::new().await;
    assert!(opendoor(&database.url, &["seed-demo"]).status.success());
    let output = opendoor(
        &database.url,
        &[
            "service-codes",
            "--station",
            "qishan",
            "--officer",
            "100001",
            "--count",
            "5",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = stdout(&output);
    let codes: Vec<&str> = printed.lines().collect();
    assert_eq!(codes.len(), 5, "{printed}");
    let unique: std::collections::HashSet<_> = codes.iter().collect();
    assert_eq!(unique.len(), 5);
    for code in &codes {
        assert!(app::codes::ServiceCode::parse(code).is_some(), "{code}");
    }

    let db = opendoor_server::open_database(&database.parsed())
        .await
        .unwrap();
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT c.code_hash, c.service_type, o.badge FROM service_codes c
         LEFT JOIN officers o ON o.id = c.officer_id",
    )
    .fetch_all(db.reader())
    .await
    .unwrap();
    db.close().await;
    assert_eq!(rows.len(), 5);
    for (hash, service_type, badge) in &rows {
        assert_eq!(service_type, "counter");
        assert_eq!(badge.as_deref(), Some("100001"));
        assert!(
            !codes
                .iter()
                .any(|code| hash.contains(&code.replace('-', "")))
        );
    }
    let expected: std::collections::HashSet<String> = codes
        .iter()
        .map(|code| app::codes::ServiceCode::parse(code).unwrap().hash())
        .collect();
    let stored: std::collections::HashSet<String> =
        rows.into_iter().map(|(hash, _, _)| hash).collect();
    assert_eq!(stored, expected);
}

#[tokio::test]
async fn service_codes_refuse_what_does_not_exist() {
    let database = TestDatabase::new().await;
    assert!(opendoor(&database.url, &["seed-demo"]).status.success());
    let other_station = opendoor(
        &database.url,
        &[
            "service-codes",
            "--station",
            "qishan",
            "--officer",
            "200001",
        ],
    );
    assert_one_line_failure(
        &other_station,
        "no officer with badge 200001 at station qishan",
    );
    let unknown_station = opendoor(&database.url, &["service-codes", "--station", "nowhere"]);
    assert_one_line_failure(&unknown_station, "there is no station nowhere");
    let bad_type = opendoor(
        &database.url,
        &[
            "service-codes",
            "--station",
            "qishan",
            "--service-type",
            "bribe",
        ],
    );
    assert_one_line_failure(&bad_type, "unknown service type");
    let too_many = opendoor(
        &database.url,
        &["service-codes", "--station", "qishan", "--count", "100000"],
    );
    assert_one_line_failure(&too_many, "a batch holds 1 to 1000 codes");
}

#[tokio::test]
async fn resolve_case_resolves_once_and_names_what_is_wrong() {
    let database = TestDatabase::new().await;
    let db = opendoor_server::open_database(&database.parsed())
        .await
        .unwrap();
    opendoor_server::demo::seed(
        &db,
        Some(&DEMO_PASSWORD.parse().unwrap()),
        opendoor_server::demo::Past::Bare,
    )
    .await
    .unwrap();
    let form = app::cases::request_form::RequestForm {
        kind: "question".into(),
        station: "qishan".into(),
        subject: "办证时间".into(),
        description: "周末能办身份证吗？".into(),
        token: "cli-test-token-000001".into(),
        ..Default::default()
    };
    let calendar = app::calendar::server::load(db.reader()).await.unwrap();
    let key = crate::helpers::audit_key();
    let cases = app::cases::pipeline::Executor {
        db: &db,
        key: &key,
        calendar: &calendar,
        now: app::db::now_millis(),
    };
    let filed =
        app::cases::requests::file_request(&cases, &form.validate().unwrap(), app::i18n::Lang::Zh)
            .await
            .unwrap();
    let reference = filed.reference.to_string();

    let resolve = |extra: &[&str]| {
        let mut args = vec![
            "resolve-case",
            "--reference",
            &reference,
            "--summary",
            "周六上午可以办理。",
        ];
        args.extend_from_slice(extra);
        opendoor(&database.url, &args)
    };
    assert_one_line_failure(&resolve(&["--outcome", "fixed"]), "unknown outcome");
    assert_one_line_failure(&resolve(&["--outcome", "referred"]), "names a department");
    let output = resolve(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output).trim(), format!("case {reference} resolved"));
    let (status, outcome): (String, String) =
        sqlx::query_as("SELECT status, outcome FROM cases WHERE reference = $1")
            .bind(&reference)
            .fetch_one(db.reader())
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), outcome.as_str()),
        ("resolved", "resolved")
    );
    assert_one_line_failure(&resolve(&[]), "already resolved");
    let audited: (String, String, String) = sqlx::query_as(
        "SELECT actor, action, object_id FROM audit_log WHERE action = 'case_resolved'",
    )
    .fetch_one(db.reader())
    .await
    .unwrap();
    assert_eq!(
        audited,
        ("cli".into(), "case_resolved".into(), reference.clone())
    );
    let unknown = opendoor(
        &database.url,
        &[
            "resolve-case",
            "--reference",
            "KM-2026-999999",
            "--summary",
            "x",
        ],
    );
    assert_one_line_failure(&unknown, "there is no case");
    db.close().await;
}

#[tokio::test]
async fn the_database_refuses_to_edit_the_audit_log_and_verify_finds_an_edit() {
    use crate::helpers::{AUDIT_KEY, enc, post_form, spawn_app};
    let app = spawn_app().await;
    // A failed and a successful sign-in, and a sign-out everywhere: four entries.
    post_form(
        &app,
        "/staff/login",
        "username=clerk.qishan&password=wrong-password".into(),
        None,
    )
    .await;
    let body = format!("username=clerk.qishan&password={}", enc(DEMO_PASSWORD));
    let response = post_form(&app, "/staff/login", body, None).await;
    let cookie = crate::helpers::set_cookie(&response, "od_staff").unwrap();
    post_form(
        &app,
        "/staff/logout-everywhere",
        String::new(),
        Some(&cookie),
    )
    .await;
    let actions: Vec<(String, String)> =
        sqlx::query_as("SELECT action, actor FROM audit_log ORDER BY id")
            .fetch_all(app.db.reader())
            .await
            .unwrap();
    let actions: Vec<&str> = actions.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(
        actions,
        ["sign_in_failed", "sign_in", "sign_out_everywhere"]
    );

    let url = app.database_url();
    let verify = |key: &str| {
        Command::new(env!("CARGO_BIN_EXE_opendoor"))
            .args(["audit", "verify"])
            .env("DATABASE_URL", &url)
            .env("OPENDOOR_AUDIT_KEY", key)
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    };
    let output = verify(AUDIT_KEY);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output).trim(), "audit log OK: 3 entries");
    // The wrong key cannot vouch for the chain.
    assert_one_line_failure(&verify("some-other-key-0123456789"), "broken at entry");

    // The database refuses to change or remove an entry, whoever asks.
    let (id,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM audit_log")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let mut refused = vec![
        "UPDATE audit_log SET detail = 'nothing happened' WHERE id = $1",
        "DELETE FROM audit_log WHERE id = $1",
    ];
    match app.db.backend() {
        app::db::Backend::Postgres => refused.push("TRUNCATE audit_log"),
        // REPLACE would remove the entry without a delete trigger firing.
        app::db::Backend::Sqlite => refused.push(
            "INSERT OR REPLACE INTO audit_log
               (id, at, actor, action, prev_hash, hash)
             SELECT id, at, actor, action, prev_hash, hash FROM audit_log WHERE id = $1",
        ),
    }
    for statement in refused {
        let mut query = sqlx::query(statement);
        if statement.contains("$1") {
            query = query.bind(id);
        }
        let error = query.execute(app.db.writer()).await.expect_err(statement);
        assert!(
            error.to_string().contains("append-only"),
            "{statement}: {error}"
        );
    }
    assert_eq!(stdout(&verify(AUDIT_KEY)).trim(), "audit log OK: 3 entries");

    // Someone who can drop the triggers rewrites the failed sign-in as a harmless one.
    let drops: &[&str] = match app.db.backend() {
        app::db::Backend::Sqlite => &["DROP TRIGGER audit_log_no_update"],
        app::db::Backend::Postgres => &["DROP TRIGGER audit_log_no_change ON audit_log"],
    };
    for drop in drops {
        sqlx::query(drop).execute(app.db.writer()).await.unwrap();
    }
    sqlx::query("UPDATE audit_log SET detail = 'nothing happened' WHERE id = $1")
        .bind(id)
        .execute(app.db.writer())
        .await
        .unwrap();
    assert_one_line_failure(&verify(AUDIT_KEY), &format!("broken at entry {id}"));
}

#[tokio::test]
async fn signals_run_reads_where_it_left_off() {
    let database = TestDatabase::new().await;
    assert!(opendoor(&database.url, &["seed-demo"]).status.success());
    let first = opendoor(&database.url, &["signals", "run"]);
    assert!(first.status.success(), "{}", stderr(&first));
    // A first run looks back 40 days, a day at a time; the next starts where it stopped.
    assert!(
        stdout(&first).starts_with("signals: read 40 days (0 ratings), 0 signals"),
        "{}",
        stdout(&first)
    );
    let second = opendoor(&database.url, &["signals", "run"]);
    assert!(
        stdout(&second).starts_with("signals: read 1 days"),
        "{}",
        stdout(&second)
    );
}

/// A command run beside a busy server (the deadline clock from cron while residents
/// rate) waits its turn for SQLite's write lock, as long as the busy timeout allows,
/// instead of failing at once with "database is locked" because the server committed
/// between the command's first read and its first write (each case the clock marks is
/// read, then written, in one transaction).
#[tokio::test]
async fn a_command_beside_a_busy_server_waits_its_turn_to_write() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let app = crate::helpers::spawn_app().await;
    for n in 0..30 {
        crate::requests::file_one(&app, &format!("10.66.0.{}", n + 1)).await;
    }
    let busy = Arc::new(AtomicBool::new(true));
    let server = {
        let (db, busy) = (app.db.clone(), busy.clone());
        tokio::spawn(async move {
            let mut writes = 0;
            while busy.load(Ordering::SeqCst) {
                db.check_writes().await.expect("the server writes");
                writes += 1;
            }
            writes
        })
    };
    let url = app.database_url();
    // Two months on, every one of them is late.
    let later = app::calendar::format_date(app::calendar::local_date(
        app::db::now_millis() + 60 * 24 * 3_600_000,
    ));
    let output =
        tokio::task::spawn_blocking(move || opendoor(&url, &["deadlines", "run", "--at", &later]))
            .await
            .unwrap();
    busy.store(false, Ordering::SeqCst);
    let writes = server.await.unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(writes > 10, "the server wrote {writes} times");
    assert_eq!(
        crate::helpers::count(&app, "SELECT COUNT(*) FROM cases WHERE overdue = 1").await,
        30
    );
}
