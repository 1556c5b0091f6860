//! The database: one binary speaks SQLite and PostgreSQL through sqlx's `Any` driver,
//! chosen at run time by the URL scheme. Queries use `$1` placeholders, which both accept;
//! timestamps are Unix milliseconds and dates `YYYY-MM-DD` text, which both store alike.

mod url;

pub use url::{DatabaseUrl, InvalidDatabaseUrl};

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};
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
/// both are the same pool.
#[derive(Clone, Debug)]
pub struct Db {
    backend: Backend,
    reader: AnyPool,
    writer: AnyPool,
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

impl Db {
    /// Opens the pools. Creates the SQLite file and its folder when missing; fails with a
    /// message naming the location when that, or reaching PostgreSQL, is impossible.
    pub async fn connect(url: &DatabaseUrl) -> Result<Db, DbError> {
        install_default_drivers();
        let connect_error = |source| DbError::Connect {
            url: url.to_string(),
            source,
        };
        match url {
            DatabaseUrl::Sqlite { path } => {
                if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(folder).map_err(|source| DbError::CreateFolder {
                        path: folder.display().to_string(),
                        source,
                    })?;
                }
                let writer = sqlite_pool(1)
                    .connect(&url.connect_url())
                    .await
                    .map_err(connect_error)?;
                // WAL is a property of the file: set once, before readers open it.
                writer
                    .execute("PRAGMA journal_mode = WAL")
                    .await
                    .map_err(connect_error)?;
                let reader = sqlite_pool(8)
                    .connect(&url.connect_url())
                    .await
                    .map_err(connect_error)?;
                Ok(Db {
                    backend: Backend::Sqlite,
                    reader,
                    writer,
                })
            }
            DatabaseUrl::Postgres { url: raw } => {
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(5))
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            // Acknowledged means on disk, whatever the server's default.
                            conn.execute("SET synchronous_commit = on").await?;
                            Ok(())
                        })
                    })
                    .connect(raw)
                    .await
                    .map_err(connect_error)?;
                Ok(Db {
                    backend: Backend::Postgres,
                    reader: pool.clone(),
                    writer: pool,
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

    /// True when the database answers a trivial query.
    pub async fn is_ready(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.reader).await.is_ok()
    }

    /// Closes every connection; later queries fail with `PoolClosed`.
    pub async fn close(&self) {
        self.writer.close().await;
        self.reader.close().await;
    }
}

fn sqlite_pool(max_connections: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(|conn, _| {
            Box::pin(async move {
                // FULL: a commit is on disk before we acknowledge it, even in WAL mode.
                conn.execute("PRAGMA synchronous = FULL").await?;
                conn.execute("PRAGMA foreign_keys = ON").await?;
                conn.execute("PRAGMA busy_timeout = 5000").await?;
                Ok(())
            })
        })
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
