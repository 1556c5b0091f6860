//! `spawn_app()` and the test database.

use app::db::{DatabaseUrl, Db};
use opendoor_server::cli::Secret;
use opendoor_server::http::{HttpConfig, router};
use std::path::PathBuf;
use std::time::Duration;

pub const DEMO_PASSWORD: &str = "demo-password-for-tests";
/// The audit chain key of every test app (and of CLI runs against its database).
pub const AUDIT_KEY: &str = "audit-key-for-tests-0123456789";

/// A database of the backend under test, removed when dropped.
pub struct TestDatabase {
    pub url: String,
    _sqlite_dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    pub async fn new() -> TestDatabase {
        TestDatabase::in_folder(None).await
    }

    /// A database of the backend under test; a SQLite file goes in `sqlite_folder` when
    /// given (a small file system, say), else in a temporary folder of its own.
    pub async fn in_folder(sqlite_folder: Option<&std::path::Path>) -> TestDatabase {
        match std::env::var("OPENDOOR_TEST_DB").as_deref() {
            Ok("postgres") => {
                let admin_url = std::env::var("OPENDOOR_TEST_POSTGRES_URL")
                    .expect("OPENDOOR_TEST_DB=postgres needs OPENDOOR_TEST_POSTGRES_URL");
                let name = format!("opendoor_test_{}", uuid::Uuid::new_v4().simple());
                let mut admin = connect_admin(&admin_url).await;
                sqlx::Executor::execute(&mut admin, format!("CREATE DATABASE {name}").as_str())
                    .await
                    .expect("creating the test database");
                let base = admin_url
                    .rsplit_once('/')
                    .map(|(base, _)| base)
                    .unwrap_or(&admin_url);
                TestDatabase {
                    url: format!("{base}/{name}"),
                    _sqlite_dir: None,
                    postgres: Some((admin_url, name)),
                }
            }
            Ok("sqlite") | Err(_) => {
                let dir = match sqlite_folder {
                    Some(_) => None,
                    None => Some(tempfile::tempdir().expect("temporary folder")),
                };
                let folder = sqlite_folder.unwrap_or_else(|| dir.as_ref().unwrap().path());
                let url = format!("sqlite://{}", folder.join("opendoor.db").display());
                TestDatabase {
                    url,
                    _sqlite_dir: dir,
                    postgres: None,
                }
            }
            Ok(other) => panic!("OPENDOOR_TEST_DB={other}: expected sqlite or postgres"),
        }
    }

    pub fn parsed(&self) -> DatabaseUrl {
        DatabaseUrl::parse(&self.url).expect("test URL parses")
    }
}

async fn connect_admin(url: &str) -> sqlx::AnyConnection {
    sqlx::any::install_default_drivers();
    <sqlx::AnyConnection as sqlx::Connection>::connect(url)
        .await
        .expect("connecting to PostgreSQL for tests")
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs inside the test's runtime: do the async clean-up on a thread of its own.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                let mut admin = connect_admin(&admin_url).await;
                let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                let _ = sqlx::Executor::execute(&mut admin, sql.as_str()).await;
            });
        })
        .join();
    }
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: Db,
    /// The key the server signs the audit chain with.
    pub audit_key: app::audit::AuditKey,
    server: tokio::task::JoinHandle<()>,
    // Last: the database goes after the server that uses it.
    _database: TestDatabase,
}

#[derive(Clone, Debug, Default)]
pub struct Options {
    pub https: bool,
    pub site_root: Option<PathBuf>,
    /// Where the SQLite file goes (by default a temporary folder of its own).
    pub sqlite_folder: Option<PathBuf>,
    /// The demo with its past year, as `seed-demo` loads it (by default bare).
    pub past_year: bool,
}

/// The app with the bare demo data loaded.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(Options::default()).await
}

/// The server's log for this test: captured with the test's output and shown when it
/// fails; `TEST_LOG=1` streams it to the terminal instead (with `--no-capture`).
/// `RUST_LOG` filters it as it does the server's.
fn capture_logs() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use tracing_subscriber::EnvFilter;
        let filter =
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
        let logs = tracing_subscriber::fmt().with_env_filter(filter);
        let _ = if std::env::var_os("TEST_LOG").is_some() {
            logs.with_writer(std::io::stderr).try_init()
        } else {
            logs.with_test_writer().try_init()
        };
    });
}

pub async fn spawn_app_with(options: Options) -> TestApp {
    capture_logs();
    let database = TestDatabase::in_folder(options.sqlite_folder.as_deref()).await;
    let url = database.parsed();
    let db = opendoor_server::open_database(&url)
        .await
        .expect("opening the test database");
    let key = audit_key();
    let past = if options.past_year {
        opendoor_server::demo::Past::Year(&key, &url)
    } else {
        opendoor_server::demo::Past::Bare
    };
    let password = DEMO_PASSWORD.parse::<Secret>().unwrap();
    opendoor_server::demo::load_if_empty(&db, Some(&password), past)
        .await
        .expect("loading demo data")
        .expect("the database was empty");
    let config = HttpConfig {
        site_root: options
            .site_root
            .unwrap_or_else(|| PathBuf::from("target/site")),
        https: options.https,
        request_timeout: Duration::from_secs(30),
        allowed_origins: Default::default(),
        // Tests set X-Forwarded-For to act as many clients.
        trust_forwarded_for: true,
        rate_limits: true,
        sessions: Default::default(),
        audit_key: audit_key(),
        public_url: None,
    };
    let app = router(config, db.clone()).expect("building the router");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binding a free port");
    let address = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .expect("serving");
    });
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestApp {
        address,
        client,
        db,
        audit_key: audit_key(),
        server,
        _database: database,
    }
}

pub fn audit_key() -> app::audit::AuditKey {
    app::audit::AuditKey::new(AUDIT_KEY).unwrap()
}

impl TestApp {
    /// The case pipeline as the server runs it, at `now`: for opening cases the way a
    /// form does, at a chosen time.
    pub fn cases<'a>(
        &'a self,
        calendar: &'a app::calendar::WorkCalendar,
        now: i64,
    ) -> app::cases::pipeline::Executor<'a> {
        app::cases::pipeline::Executor {
            db: &self.db,
            key: &self.audit_key,
            calendar,
            now,
        }
    }

    /// The `DATABASE_URL` of this app's database, for running the CLI against it.
    pub fn database_url(&self) -> String {
        self._database.url.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// GET with a `Cookie` header, as a browser that set preferences would send.
    pub async fn get_with_cookie(&self, path: &str, cookie: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("cookie", cookie)
            .send()
            .await
            .expect("GET")
    }

    pub async fn get_page(&self, path: &str) -> (reqwest::StatusCode, String) {
        let response = self.get(path).await;
        let status = response.status();
        (status, response.text().await.expect("body"))
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// The form token in a rendered page.
pub fn token_in(html: &str) -> String {
    let start = html.find(r#"name="token" value=""#).expect("a token field")
        + r#"name="token" value=""#.len();
    html[start..].split('"').next().unwrap().to_string()
}

pub async fn fresh_token(app: &TestApp, path: &str) -> String {
    token_in(&app.get_page(path).await.1)
}

/// POSTs a urlencoded form, as a browser without JavaScript does.
pub async fn post_form(
    app: &TestApp,
    path: &str,
    body: String,
    cookie: Option<&str>,
) -> reqwest::Response {
    post_form_as(app, path, body, cookie, "127.0.0.1").await
}

/// POSTs a form as the client at `ip` (the test server trusts X-Forwarded-For).
pub async fn post_form_as(
    app: &TestApp,
    path: &str,
    body: String,
    cookie: Option<&str>,
    ip: &str,
) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url(path))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("x-forwarded-for", ip)
        .body(body);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.unwrap()
}

pub async fn count(app: &TestApp, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    n
}

/// The `name=value` part of a response's `Set-Cookie` for `name`.
pub fn set_cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap().to_string())
}

/// Percent-encodes a form value.
pub fn enc(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A TOTP key for tests (base32, 160 bits).
pub const TEST_TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// Signs `username` in all the way and returns the session cookie (`od_staff=…`). For
/// the roles that need a second factor, TOTP is switched on in the database with
/// [`TEST_TOTP_SECRET`] and the current code is given.
pub async fn staff_session(app: &TestApp, username: &str) -> String {
    let needs_code: (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM staff_roles r JOIN staff_accounts a ON a.id = r.account_id
         WHERE a.username = $1 AND r.role IN ('leader', 'inspector', 'admin', 'intake')",
    )
    .bind(username)
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    if needs_code.0 > 0 {
        sqlx::query(
            "UPDATE staff_accounts SET totp_secret = $1, totp_enabled = 1 WHERE username = $2",
        )
        .bind(TEST_TOTP_SECRET)
        .bind(username)
        .execute(app.db.writer())
        .await
        .unwrap();
    }
    let body = format!("username={username}&password={}", enc(DEMO_PASSWORD));
    // Each staff member signs in from an address of their own, as at their own desk: a
    // test that signs many in stays under the per-address sign-in limit.
    let h = username
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    let ip = format!("10.250.{}.{}", h / 250 % 250, h % 250 + 1);
    let response = post_form_as(app, "/staff/login", body, None, &ip).await;
    assert_eq!(
        response.status(),
        reqwest::StatusCode::SEE_OTHER,
        "{username}"
    );
    let cookie = set_cookie(&response, "od_staff").expect("a session cookie");
    if needs_code.0 > 0 {
        let now = (app::db::now_millis() / 1000) as u64;
        let code = app::staff::totp::code_at(TEST_TOTP_SECRET, username, now).unwrap();
        let response = post_form(
            app,
            "/staff/login/code",
            format!("code={code}"),
            Some(&cookie),
        )
        .await;
        assert_eq!(
            response.headers()["location"],
            "/staff",
            "{username}'s code"
        );
    }
    cookie
}

/// GET as a browser does (leptos_axum answers a page's redirect with 302 only to a
/// request that accepts HTML), with an optional cookie: (status, body).
pub async fn browse(
    app: &TestApp,
    path: &str,
    cookie: Option<&str>,
) -> (reqwest::StatusCode, String) {
    let mut request = app.client.get(app.url(path)).header("accept", "text/html");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.text().await.unwrap())
}
