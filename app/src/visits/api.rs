//! Server functions of the visits and campaigns pages.

use super::{CampaignProgress, MyVisits};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The caller's own visits (officers only: 403 for anyone without an officer record).
#[server(input = GetUrl)]
pub async fn get_my_visits() -> Result<MyVisits, AppError> {
    let (state, member) = crate::workspace::api::require_staff().await?;
    super::store::my_visits(state.db.reader(), &member, crate::db::now_millis())
        .await
        .map_err(AppError::from)?
        .ok_or(AppError::Forbidden)
}

/// Campaigns and their progress, for leaders and officers of the station.
#[server(input = GetUrl)]
pub async fn get_campaigns() -> Result<Vec<CampaignProgress>, AppError> {
    use crate::accounts::Role;
    let (state, member) = crate::workspace::api::require_staff().await?;
    if !member.holds_anywhere(Role::Leader) && !member.holds_anywhere(Role::Officer) {
        return Err(AppError::Forbidden);
    }
    super::store::campaigns(state.db.reader(), &member)
        .await
        .map_err(AppError::from)
}
