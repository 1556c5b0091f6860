//! What every request handler and server function can reach, provided through the axum
//! state and Leptos context rather than globals.

use crate::db::Db;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
}

impl AppState {
    /// The state of the request being handled, from Leptos context.
    pub fn from_context() -> Result<AppState, crate::error::AppError> {
        leptos::prelude::use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState missing from context");
            crate::error::AppError::Internal
        })
    }
}
