//! The database: one binary speaks SQLite and PostgreSQL through sqlx's `Any` driver,
//! chosen at run time by the URL scheme. Queries use `$1` placeholders, which both accept;
//! timestamps are Unix milliseconds and dates `YYYY-MM-DD` text, which both store alike.

mod clean;
pub mod decode;
mod health;
mod outage;
mod url;

pub use health::{Failing, WriteHealth};
pub use outage::{Failure, Outage};
pub use url::{DatabaseUrl, InvalidDatabaseUrl};

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Connection pools. SQLite allows one writer at a time, so writes go through a
/// single-connection pool there instead of contending for the file lock; on PostgreSQL
/// both are the same pool. Every pool takes back only connections with no transaction
/// open (`clean.rs`).
#[derive(Clone, Debug)]
pub struct Db {
    backend: Backend,
    reader: AnyPool,
    writer: AnyPool,
    health: Arc<WriteHealth>,
    /// SQLite's `max_page_count` for writer connections, 0 for none: the disk-full tests
    /// fill a database without filling a disk.
    page_cap: Arc<AtomicU32>,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot create the data folder {path}: {source}")]
    CreateFolder {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot open the database {url}: {source}")]
    Connect { url: String, source: sqlx::Error },
    #[error("cannot migrate the database {url}: {source}")]
    Migrate {
        url: String,
        source: sqlx::migrate::MigrateError,
    },
}

/// When a commit reaches the disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    /// Before it is acknowledged: every pool the server and the command line use.
    Acknowledged,
    /// Never waited for (SQLite's `synchronous = OFF`, PostgreSQL's
    /// `synchronous_commit = off`): only for a scratch database that is thrown away
    /// unless its work completes, and whose rows then reach the real one in one
    /// acknowledged transaction (the demo's past year).
    Scratch,
}

impl Db {
    /// Opens the pools. Creates the SQLite file and its folder when missing; fails with a
    /// message naming the location when that, or reaching PostgreSQL, is impossible.
    pub async fn connect(url: &DatabaseUrl) -> Result<Db, DbError> {
        Db::connect_with(url, Durability::Acknowledged).await
    }

    /// [`Db::connect`] with commits reaching the disk as `durability` says.
    pub async fn connect_with(url: &DatabaseUrl, durability: Durability) -> Result<Db, DbError> {
        install_default_drivers();
        let connect_error = |source| DbError::Connect {
            url: url.to_string(),
            source,
        };
        let health = Arc::new(WriteHealth::default());
        let page_cap = Arc::new(AtomicU32::new(0));
        match url {
            DatabaseUrl::Sqlite { path } => {
                if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(folder).map_err(|source| DbError::CreateFolder {
                        path: folder.display().to_string(),
                        source,
                    })?;
                }
                let writer = sqlite_pool(1, &health, true, &page_cap, durability)
                    .connect(&url.connect_url())
                    .await
                    .map_err(connect_error)?;
                // WAL is a property of the file: set once, before readers open it.
                writer
                    .execute("PRAGMA journal_mode = WAL")
                    .await
                    .map_err(connect_error)?;
                let reader = sqlite_pool(8, &health, false, &page_cap, durability)
                    .connect(&url.connect_url())
                    .await
                    .map_err(connect_error)?;
                Ok(Db {
                    backend: Backend::Sqlite,
                    reader,
                    writer,
                    health,
                    page_cap,
                })
            }
            DatabaseUrl::Postgres { url: raw } => {
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(5))
                    .after_connect(move |conn, _| {
                        Box::pin(async move {
                            // Acknowledged means on disk, whatever the server's default.
                            conn.execute(match durability {
                                Durability::Acknowledged => "SET synchronous_commit = on",
                                Durability::Scratch => "SET synchronous_commit = off",
                            })
                            .await?;
                            // A lock held too long (a stuck writer) answers 503 in seconds
                            // instead of holding the request until its timeout.
                            conn.execute("SET lock_timeout = '10s'").await?;
                            Ok(())
                        })
                    })
                    .after_release(release_check(Backend::Postgres, &health, false))
                    .connect(raw)
                    .await
                    .map_err(connect_error)?;
                Ok(Db {
                    backend: Backend::Postgres,
                    reader: pool.clone(),
                    writer: pool,
                    health,
                    page_cap,
                })
            }
        }
    }

    /// Brings the schema up to date. Safe to run from several instances at once on
    /// PostgreSQL (sqlx takes an advisory lock).
    pub async fn migrate(&self, url: &DatabaseUrl) -> Result<(), DbError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator
            .run(&self.writer)
            .await
            .map_err(|source| DbError::Migrate {
                url: url.to_string(),
                source,
            })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The pool for queries that only read.
    pub fn reader(&self) -> &AnyPool {
        &self.reader
    }

    /// The pool for transactions that write.
    pub fn writer(&self) -> &AnyPool {
        &self.writer
    }

    /// Begins a transaction that writes. On SQLite it takes the write lock first
    /// (`BEGIN IMMEDIATE`), waiting up to the busy timeout while another process writes
    /// (the command line beside a running server): a transaction begun as a reader cannot
    /// take the lock once another commit has moved on from what it read, and fails at
    /// once with "database is locked".
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.writer.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.writer.begin().await,
        }
    }

    /// True when the database answers a trivial query.
    pub async fn is_ready(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.reader).await.is_ok()
    }

    /// Whether writes are failing now, and what failed since start.
    pub fn health(&self) -> &WriteHealth {
        &self.health
    }

    /// What a failed query (`doing` something) means ([`Failure`]: its status is the
    /// answer's), logged in the request's span: a fault as an error, a constraint as a
    /// warning. A storage outage is noted in [`Db::health`], which logs it once, so each
    /// refused request adds only a debug line.
    pub fn failed(&self, error: &sqlx::Error, doing: &str) -> Failure {
        let failure = Failure::of(error);
        match failure {
            Failure::Outage(outage) if outage.is_storage() => {
                self.health.failed(outage, error);
                tracing::debug!(reason = outage.label(), %error, "{doing} failed");
            }
            Failure::Outage(outage) => {
                tracing::warn!(reason = outage.label(), %error, "{doing} failed");
            }
            Failure::Conflict | Failure::Refused => {
                tracing::warn!(%error, "{doing} refused by the database");
            }
            Failure::Fault => tracing::error!(%error, "{doing} failed"),
        }
        failure
    }

    /// Writes and deletes a row of about 8 KB in one transaction, as a submission would
    /// write: the check behind `/readyz`. Notes the outcome in [`Db::health`].
    pub async fn check_writes(&self) -> Result<(), sqlx::Error> {
        let probe = async {
            let id = i64::from(rand::random::<u32>());
            let mut tx = self.begin_write().await?;
            sqlx::query("INSERT INTO write_probe (id, checked_at, padding) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(now_millis())
                .bind("-".repeat(8192))
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM write_probe WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        };
        match probe.await {
            Ok(()) => {
                self.health.succeeded();
                Ok(())
            }
            Err(error) => {
                self.failed(&error, "checking that writes work");
                Err(error)
            }
        }
    }

    /// Why writes are failing, if they are, after a write check when the last one is
    /// older than `every`.
    pub async fn write_failure(&self, every: Duration) -> Option<Failing> {
        if self.health.check_due(every) {
            // The outcome is in the health state, read below.
            let _ = self.check_writes().await;
        }
        self.health.failing()
    }

    /// Caps SQLite writer connections, the open one and later ones, at `pages` pages of
    /// database file (`None`: no cap), as a full disk would. For the disk-full tests.
    #[doc(hidden)]
    pub async fn cap_sqlite_pages(&self, pages: Option<u32>) -> Result<(), sqlx::Error> {
        self.page_cap.store(pages.unwrap_or(0), Ordering::SeqCst);
        let sql = format!("PRAGMA max_page_count = {}", pages.unwrap_or(u32::MAX - 1));
        sqlx::query(&sql).execute(&self.writer).await.map(|_| ())
    }

    /// Closes every connection; later queries fail with `PoolClosed`.
    pub async fn close(&self) {
        self.writer.close().await;
        self.reader.close().await;
    }
}

fn sqlite_pool(
    max_connections: u32,
    health: &Arc<WriteHealth>,
    writer: bool,
    page_cap: &Arc<AtomicU32>,
    durability: Durability,
) -> AnyPoolOptions {
    let page_cap = page_cap.clone();
    AnyPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(move |conn, _| {
            let cap = page_cap.load(Ordering::SeqCst);
            Box::pin(async move {
                // FULL: a commit is on disk before we acknowledge it, even in WAL mode.
                conn.execute(match durability {
                    Durability::Acknowledged => "PRAGMA synchronous = FULL",
                    Durability::Scratch => "PRAGMA synchronous = OFF",
                })
                .await?;
                conn.execute("PRAGMA foreign_keys = ON").await?;
                conn.execute("PRAGMA busy_timeout = 5000").await?;
                if writer && cap > 0 {
                    conn.execute(format!("PRAGMA max_page_count = {cap}").as_str())
                        .await?;
                }
                Ok(())
            })
        })
        .after_release(release_check(Backend::Sqlite, health, writer))
}

/// What the `after_release` hook returns: keep the connection (true) or close it.
type Check<'c> = Pin<Box<dyn Future<Output = Result<bool, sqlx::Error>> + Send + 'c>>;

/// The pool's `after_release` hook: keep a connection only when it is clean.
fn release_check(
    backend: Backend,
    health: &Arc<WriteHealth>,
    ask_database: bool,
) -> impl Fn(&mut sqlx::AnyConnection, sqlx::pool::PoolConnectionMetadata) -> Check<'_>
+ Send
+ Sync
+ 'static {
    let health = health.clone();
    move |conn, _| {
        let health = health.clone();
        Box::pin(async move { Ok(clean::is_clean(conn, backend, ask_database, &health).await) })
    }
}

/// The current time as stored in the database: Unix milliseconds.
pub fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

/// True when `error` is a violation of the named unique constraint. PostgreSQL reports
/// the constraint's name; SQLite reports only the columns (`table.column, …`), so both are
/// given.
pub fn is_unique_violation(error: &sqlx::Error, constraint: &str, sqlite_columns: &str) -> bool {
    let sqlx::Error::Database(error) = error else {
        return false;
    };
    error.is_unique_violation()
        && (error.constraint() == Some(constraint)
            || error.message().strip_prefix("UNIQUE constraint failed: ") == Some(sqlite_columns))
}
