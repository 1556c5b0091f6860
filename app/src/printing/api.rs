//! Server functions of the printing pages. Leaders and clerks print for their stations,
//! admins for every station, and an officer may print their own card.

use super::{PrintableStation, PrintedCard};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// May `member` print cards and codes for `station`?
#[cfg(feature = "ssr")]
pub fn may_print_for(member: &crate::staff::StaffMember, station: &str) -> bool {
    use crate::accounts::Role;
    member.holds(Role::Leader, Some(station))
        || member.holds(Role::Clerk, Some(station))
        || member.holds_anywhere(Role::Admin)
}

/// The stations the caller may print for, with their officers.
#[server(input = GetUrl)]
pub async fn printable_stations() -> Result<Vec<PrintableStation>, AppError> {
    let (state, member) = crate::workspace::api::require_staff().await?;
    let stations: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, slug, name_zh, name_en FROM stations WHERE active = 1 ORDER BY id",
    )
    .fetch_all(state.db.reader())
    .await
    .map_err(AppError::from)?;
    let mut printable = Vec::new();
    for (id, slug, zh, en) in stations {
        if !may_print_for(&member, &slug) {
            continue;
        }
        let officers: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT badge, name_zh, name_en FROM officers WHERE station_id = $1 AND active = 1 ORDER BY badge",
        )
        .bind(id)
        .fetch_all(state.db.reader())
        .await
        .map_err(AppError::from)?;
        printable.push(PrintableStation {
            slug,
            name: crate::stations::Names { zh, en },
            officers: officers
                .into_iter()
                .map(|(badge, zh, en)| (badge, crate::stations::Names { zh, en }))
                .collect(),
        });
    }
    if printable.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(printable)
}

/// An officer's printable card with its QR code.
#[server(input = GetUrl)]
pub async fn officer_qr_card(badge: String) -> Result<PrintedCard, AppError> {
    let (state, member) = crate::workspace::api::require_staff().await?;
    let parts = use_context::<http::request::Parts>().ok_or(AppError::Internal)?;
    let badge = crate::stations::BadgeNumber::parse(badge.trim()).ok_or(AppError::NotFound)?;
    let officer = crate::stations::server::officer_card(state.db.reader(), &badge)
        .await
        .map_err(AppError::from)?
        .ok_or(AppError::NotFound)?;
    let own: Option<(i64,)> = sqlx::query_as(
        "SELECT a.id FROM staff_accounts a JOIN officers o ON o.id = a.officer_id
         WHERE a.id = $1 AND o.badge = $2",
    )
    .bind(member.account_id)
    .bind(badge.as_ref())
    .fetch_optional(state.db.reader())
    .await
    .map_err(AppError::from)?;
    if own.is_none() && !may_print_for(&member, &officer.station_slug) {
        return Err(AppError::Forbidden);
    }
    let url = format!("{}/o/{}", state.public_base(&parts), officer.badge);
    let qr_svg = crate::qr::svg(&url, 240).ok_or(AppError::Internal)?;
    Ok(PrintedCard {
        officer,
        url,
        qr_svg,
    })
}
