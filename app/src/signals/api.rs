//! The signals page's server function.

use super::SignalsPage;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The fraud signals (inspectors only: 403 for everyone else, whatever their station).
#[server(input = GetUrl)]
pub async fn inspector_signals() -> Result<SignalsPage, AppError> {
    let (state, member) = crate::workspace::api::require_staff().await?;
    if !super::store::may_review(&member) {
        return Err(AppError::Forbidden);
    }
    super::store::page(state.db.reader(), &member)
        .await
        .map_err(AppError::from)
}
