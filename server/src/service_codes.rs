//! `opendoor service-codes`: fresh one-time codes for rating slips, before the admin pages
//! that print them exist.

use crate::cli::ServiceCodesArgs;
use app::codes::ServiceCode;
use app::db::Db;
use app::ratings::ServiceType;
use app::ratings::server::{CodeBatch, issue_service_codes};
use app::stations::{BadgeNumber, StationSlug};

pub async fn issue(db: &Db, args: &ServiceCodesArgs) -> anyhow::Result<Vec<ServiceCode>> {
    let station = StationSlug::parse(&args.station).ok_or_else(|| {
        anyhow::anyhow!(
            "invalid station {:?}: expected a name like qishan",
            args.station
        )
    })?;
    let officer = match &args.officer {
        None => None,
        Some(badge) => Some(BadgeNumber::parse(badge).ok_or_else(|| {
            anyhow::anyhow!("invalid badge number {badge:?}: expected six digits")
        })?),
    };
    let service_type = ServiceType::parse(&args.service_type).ok_or_else(|| {
        let known: Vec<&str> = ServiceType::ALL.iter().map(|s| s.code()).collect();
        anyhow::anyhow!(
            "unknown service type {:?}: expected one of {}",
            args.service_type,
            known.join(", ")
        )
    })?;
    let batch = CodeBatch {
        station: &station,
        officer: officer.as_ref(),
        service_type,
        count: args.count,
        valid_days: args.valid_days,
        issued_source: None,
    };
    Ok(issue_service_codes(db, batch, None, app::db::now_millis()).await?)
}
