//! The admin page's server function.

use super::AdminOverview;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Everything the admin page lists (admins only).
#[server(input = GetUrl)]
pub async fn get_admin_overview() -> Result<AdminOverview, AppError> {
    let (state, member) = crate::workspace::api::require_staff().await?;
    if !super::store::is_admin(&member) {
        return Err(AppError::Forbidden);
    }
    super::store::overview(state.db.reader())
        .await
        .map_err(AppError::from)
}
