//! The audit key's configuration, and `opendoor audit verify`.

use crate::cli::Secret;
use anyhow::Context;
use app::audit::{AuditKey, verify};
use app::db::Db;
use std::path::Path;

/// The key from `OPENDOOR_AUDIT_KEY`, else from the key file, which is created with a
/// random key on first use (readable by its owner only). Keep the key out of the database
/// and its backups: whoever holds both could rewrite the chain.
pub fn load_key(configured: Option<&Secret>, file: &Path) -> anyhow::Result<AuditKey> {
    if let Some(secret) = configured {
        return AuditKey::new(secret.expose()).map_err(anyhow::Error::msg);
    }
    if !file.exists() {
        use rand::RngCore;
        let mut random = [0u8; 32];
        rand::rng().fill_bytes(&mut random);
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        write_private(file, &hex::encode(random))
            .with_context(|| format!("cannot write the audit key file {}", file.display()))?;
        tracing::warn!(file = %file.display(), "created a new audit key: back it up, apart from the database");
    }
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read the audit key file {}", file.display()))?;
    AuditKey::new(&text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))
}

#[cfg(unix)]
fn write_private(file: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(file)?;
    f.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(file: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(file, text)
}

/// `opendoor audit verify`: OK with the count, or the first broken entry (an error, so
/// the exit status is non-zero).
pub async fn verify_command(db: &Db, key: &AuditKey) -> anyhow::Result<u64> {
    let verified = verify(db.reader(), key).await?;
    match verified.first_broken {
        None => Ok(verified.entries),
        Some(id) => anyhow::bail!(
            "audit log broken at entry {id} ({} entries before it verify)",
            verified.entries
        ),
    }
}
