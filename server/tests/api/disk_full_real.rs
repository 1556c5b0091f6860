//! Issue 20 on a real full disk: the SQLite database on a 24 MB tmpfs that a filler file
//! fills up, then frees. Needs root (to mount); CI runs as root and sets
//! `OPENDOOR_REQUIRE_TMPFS=1`, which turns "cannot mount" into a failure instead of a
//! skip. `make chaos` runs the longer version against a release build.

use crate::disk_full::{Ledger, comment, rate};
use crate::helpers::{Options, spawn_app_with};
use app::db::{DatabaseUrl, Db};
use reqwest::StatusCode;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A tmpfs mounted for the test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(megabytes: u32) -> Option<Tmpfs> {
        let dir = std::env::temp_dir().join(format!("opendoor-full-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).ok()?;
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(&dir)
            .status()
            .is_ok_and(|status| status.success());
        if !mounted {
            let _ = std::fs::remove_dir(&dir);
            return None;
        }
        Some(Tmpfs(dir))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        let _ = std::fs::remove_dir(&self.0);
    }
}

/// Writes a file until the file system has no byte left; returns its path.
fn fill_up(folder: &Path) -> PathBuf {
    let path = folder.join("filler");
    let mut file = std::fs::File::create(&path).unwrap();
    let chunk = vec![0u8; 4096];
    while file.write_all(&chunk).and_then(|()| file.flush()).is_ok() {}
    let _ = file.sync_all();
    path
}

#[tokio::test]
async fn on_a_full_tmpfs_every_acknowledged_rating_is_stored_and_writes_resume() {
    if std::env::var("OPENDOOR_TEST_DB").as_deref() == Ok("postgres") {
        // PostgreSQL's own files are not ours to fill here; the read-only database in
        // disk_full.rs is its counterpart, and `make chaos` fills a tablespace.
        return;
    }
    let Some(tmpfs) = Tmpfs::mount(24) else {
        assert!(
            std::env::var("OPENDOOR_REQUIRE_TMPFS").as_deref() != Ok("1"),
            "OPENDOOR_REQUIRE_TMPFS=1 but mounting a tmpfs failed (not root?)"
        );
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    };
    let app = spawn_app_with(Options {
        sqlite_folder: Some(tmpfs.0.clone()),
        ..Options::default()
    })
    .await;
    let mut ledger = Ledger::default();
    for n in 0..3 {
        let (status, body) = rate(&app, n).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        ledger.book("rating", comment(n), status, &body);
    }

    let filler = fill_up(&tmpfs.0);
    for n in 3..123 {
        let (status, body) = rate(&app, n).await;
        ledger.book("rating", comment(n), status, &body);
        if ledger.refused.len() == 6 {
            break;
        }
    }
    let (ready_while_full, body) = app.get_page("/readyz").await;

    std::fs::remove_file(filler).unwrap();
    for n in 1000..1004 {
        let (status, body) = rate(&app, n).await;
        assert_eq!(
            status,
            StatusCode::SEE_OTHER,
            "rating {n} once space was back"
        );
        ledger.book("rating", comment(n), status, &body);
    }

    eprintln!(
        "tmpfs: {} ratings acknowledged, {} refused with 503",
        ledger.acknowledged.len(),
        ledger.refused.len()
    );
    // A graceful stop closes every connection; a restart opens the file again.
    let url = DatabaseUrl::parse(&app.database_url()).unwrap();
    app.db.close().await;
    let db = Db::connect(&url).await.unwrap();
    for text in &ledger.acknowledged {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM ratings WHERE comment = $1")
            .bind(text)
            .fetch_one(db.reader())
            .await
            .unwrap();
        assert_eq!(n, 1, "acknowledged, then lost: {text}");
    }
    for text in &ledger.refused {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM ratings WHERE comment = $1")
            .bind(text)
            .fetch_one(db.reader())
            .await
            .unwrap();
        assert_eq!(n, 0, "refused, yet stored: {text}");
    }
    let (integrity,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(db.reader())
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
    // Checked last, so that a lost write is reported as such first.
    assert_eq!(
        ledger.refused.len(),
        6,
        "the full disk never refused a rating"
    );
    assert_eq!(ready_while_full, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    db.close().await;
    drop(app);
}
