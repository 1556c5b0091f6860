//! A connection goes back to its pool only when no transaction is open on it, in the
//! driver's count and (for the SQLite writer) in SQLite itself; otherwise the pool closes
//! it, which rolls back whatever was open, and opens a fresh one when next needed.
//!
//! Why: after SQLITE_FULL, SQLITE_IOERR and a few other errors SQLite rolls a transaction
//! back on its own, and a COMMIT (or the RELEASE that commits an outermost savepoint) that
//! fails can leave one open. sqlx's transaction count then parts from SQLite's real state:
//! its next `begin()` becomes a SAVEPOINT inside a transaction that never commits, every
//! later "commit" only releases that savepoint, and each write is acknowledged and lost
//! when the connection closes. A connection that starts every transaction clean makes a
//! successful COMMIT a real one.

use super::Backend;
use super::health::WriteHealth;
use sqlx::{AnyConnection, Connection, Executor};

/// Whether `conn` may be handed out again. `ask_database`: also ask SQLite itself (the
/// writer's check; a deferred BEGIN that succeeds proves autocommit mode, and costs no
/// lock). PostgreSQL ends a transaction on every failed COMMIT and sqlx queues the
/// ROLLBACK of an abandoned one, so there the driver's count is checked.
pub(super) async fn is_clean(
    conn: &mut AnyConnection,
    backend: Backend,
    ask_database: bool,
    health: &WriteHealth,
) -> bool {
    if backend == Backend::Sqlite && ask_database {
        // First through SQLite's worker: a ROLLBACK still queued from a dropped
        // transaction runs before this, and only then is the driver's count final.
        let autocommit = match conn.execute("BEGIN").await {
            Ok(_) => conn.execute("ROLLBACK").await.is_ok(),
            Err(_) => false,
        };
        if !autocommit {
            tracing::warn!(
                "closing a SQLite connection left inside a transaction the driver did not \
                 count (after a failed write); a fresh one replaces it"
            );
            health.replaced_connection();
            return false;
        }
    }
    if conn.is_in_transaction() {
        tracing::warn!(
            "closing a database connection that was returned inside a transaction \
             (after a failed write); a fresh one replaces it"
        );
        health.replaced_connection();
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use crate::db::{DatabaseUrl, Db};
    use sqlx::{Acquire, Executor};

    /// A database in a fresh file with one table, and its folder (removed on drop).
    async fn scratch() -> (Db, TempDir) {
        let dir = TempDir::new();
        let url = DatabaseUrl::Sqlite {
            path: dir.0.join("clean.db"),
        };
        let db = Db::connect(&url).await.expect("opening a scratch database");
        db.writer()
            .execute("CREATE TABLE t (x INTEGER NOT NULL)")
            .await
            .unwrap();
        (db, dir)
    }

    async fn rows_seen_by_a_reader(db: &Db) -> i64 {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM t")
            .fetch_one(db.reader())
            .await
            .unwrap();
        n
    }

    #[tokio::test]
    async fn a_connection_returned_inside_a_transaction_is_replaced_and_later_commits_are_real() {
        let (db, _dir) = scratch().await;
        // The state a failed COMMIT left behind: SQLite inside a transaction holding the
        // savepoint `_sqlx_savepoint_1`, and sqlx counting one transaction.
        {
            let mut conn = db.writer().acquire().await.unwrap();
            let mut outer = conn.begin().await.unwrap();
            let inner = outer.begin().await.unwrap();
            inner.rollback().await.unwrap();
            std::mem::forget(outer);
        }
        // Without the check, this commit would only release a nested savepoint.
        let mut tx = db.writer().begin().await.unwrap();
        sqlx::query("INSERT INTO t (x) VALUES (1)")
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(rows_seen_by_a_reader(&db).await, 1);
        assert_eq!(db.health().replaced_connections(), 1);
    }

    #[tokio::test]
    async fn a_transaction_the_driver_did_not_count_is_found_by_asking_sqlite() {
        let (db, _dir) = scratch().await;
        // SQLite inside a transaction that sqlx knows nothing of.
        {
            let mut conn = db.writer().acquire().await.unwrap();
            conn.execute("BEGIN").await.unwrap();
        }
        sqlx::query("INSERT INTO t (x) VALUES (1)")
            .execute(db.writer())
            .await
            .unwrap();
        assert_eq!(rows_seen_by_a_reader(&db).await, 1);
        assert_eq!(db.health().replaced_connections(), 1);
    }

    #[tokio::test]
    async fn a_clean_connection_is_kept() {
        let (db, _dir) = scratch().await;
        for x in 0..3 {
            let mut tx = db.writer().begin().await.unwrap();
            sqlx::query("INSERT INTO t (x) VALUES ($1)")
                .bind(x)
                .execute(&mut *tx)
                .await
                .unwrap();
            tx.commit().await.unwrap();
        }
        assert_eq!(rows_seen_by_a_reader(&db).await, 3);
        assert_eq!(db.health().replaced_connections(), 0);
    }

    #[tokio::test]
    async fn a_transaction_dropped_without_commit_keeps_its_connection() {
        let (db, _dir) = scratch().await;
        for _ in 0..3 {
            // A refused action: the transaction is dropped, its ROLLBACK queued.
            let mut tx = db.writer().begin().await.unwrap();
            sqlx::query("INSERT INTO t (x) VALUES (1)")
                .execute(&mut *tx)
                .await
                .unwrap();
            drop(tx);
        }
        assert_eq!(rows_seen_by_a_reader(&db).await, 0);
        assert_eq!(db.health().replaced_connections(), 0);
    }

    /// A folder of its own under the system's temporary folder.
    struct TempDir(std::path::PathBuf);

    impl TempDir {
        fn new() -> TempDir {
            let path =
                std::env::temp_dir().join(format!("opendoor-clean-{}", rand::random::<u64>()));
            std::fs::create_dir_all(&path).unwrap();
            TempDir(path)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}
