//! `opendoor create-admin`: the first administrator account.

use crate::cli::CreateAdminArgs;
use app::accounts::server::{NewAccount, check_password_strength, hash_password, insert_account};
use app::accounts::{Role, Username};
use app::db::Db;
use rand::distr::{Alphanumeric, SampleString};

/// What `create-admin` made: the password is returned only when we generated it.
pub struct Created {
    pub generated_password: Option<String>,
}

pub async fn create_admin(db: &Db, args: &CreateAdminArgs) -> anyhow::Result<Created> {
    let username =
        Username::parse(&args.username).map_err(|e| anyhow::anyhow!("invalid username: {e}"))?;
    let display_name = args.display_name.trim();
    if display_name.is_empty() || display_name.chars().count() > 64 {
        anyhow::bail!("invalid display name: it needs 1 to 64 characters");
    }
    let (password, generated) = match &args.password {
        Some(secret) => (secret.expose().to_string(), false),
        None => (random_password(), true),
    };
    check_password_strength(&password)?;
    let hash = hash_password(password.clone()).await?;
    let mut tx = db.begin_write().await?;
    insert_account(
        &mut tx,
        NewAccount {
            not_sworn: false,
            username: &username,
            display_name,
            password_hash: &hash,
            officer_id: None,
            role: Role::Admin,
            station_id: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Created {
        generated_password: generated.then_some(password),
    })
}

pub fn report_created(username: &str, created: &Created) {
    println!("created administrator {username}");
    if let Some(password) = &created.generated_password {
        println!("password (shown once, change it after signing in): {password}");
    }
}

/// 20 alphanumeric characters: about 119 bits.
pub fn random_password() -> String {
    Alphanumeric.sample_string(&mut rand::rng(), 20)
}
