//! `opendoor resolve-case`: resolve an open case from the command line.

use crate::cli::ResolveCaseArgs;
use app::cases::tracking_server::{Resolution, resolve_case};
use app::cases::{Outcome, Reference};
use app::db::{Db, now_millis};

pub async fn resolve(
    db: &Db,
    key: &app::audit::AuditKey,
    args: &ResolveCaseArgs,
) -> anyhow::Result<()> {
    let reference = Reference::parse(&args.reference).ok_or_else(|| {
        anyhow::anyhow!(
            "invalid reference {:?}: expected KM-YYYY-NNNNNN",
            args.reference
        )
    })?;
    let outcome = Outcome::parse(&args.outcome).ok_or_else(|| {
        let known: Vec<&str> = Outcome::ALL.iter().map(|o| o.code()).collect();
        anyhow::anyhow!(
            "unknown outcome {:?}: expected one of {}",
            args.outcome,
            known.join(", ")
        )
    })?;
    let referral = match (&args.referral_department, &args.referral_contact) {
        (Some(department), contact) => {
            Some((department.as_str(), contact.as_deref().unwrap_or("")))
        }
        (None, _) => None,
    };
    let resolution = Resolution {
        outcome,
        summary: &args.summary,
        referral,
    };
    let calendar = app::calendar::server::load(db.reader()).await?;
    Ok(resolve_case(
        db,
        key,
        &calendar,
        "cli",
        &reference,
        resolution,
        now_millis(),
    )
    .await?)
}
