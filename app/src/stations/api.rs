//! Public server functions for stations. They read public data only, so they need no
//! caller check beyond input validation.

use super::{StationDetail, StationSummary};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The active stations, in display order.
#[server(input = GetUrl)]
pub async fn list_stations() -> Result<Vec<StationSummary>, AppError> {
    let state = crate::state::AppState::from_context()?;
    super::server::list_stations(state.db.reader())
        .await
        .map_err(AppError::from)
}

/// One station's public page, or `None` when there is no such station.
#[server(input = GetUrl)]
pub async fn get_station(slug: String) -> Result<Option<StationDetail>, AppError> {
    let Some(slug) = super::StationSlug::parse(&slug) else {
        return Ok(None);
    };
    let state = crate::state::AppState::from_context()?;
    super::server::station_detail(state.db.reader(), &slug)
        .await
        .map_err(AppError::from)
}

/// The officer a rating page is about, or `None` for an unknown badge.
#[server(input = GetUrl)]
pub async fn get_officer(badge: String) -> Result<Option<super::OfficerCard>, AppError> {
    let Some(badge) = super::BadgeNumber::parse(&badge) else {
        return Ok(None);
    };
    let state = crate::state::AppState::from_context()?;
    super::server::officer_card(state.db.reader(), &badge)
        .await
        .map_err(AppError::from)
}
