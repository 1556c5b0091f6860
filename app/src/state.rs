//! What every request handler and server function can reach, provided through the axum
//! state and Leptos context rather than globals.

use crate::calendar::server::CalendarCache;
use crate::db::Db;
use crate::limits::RateLimits;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::net::IpAddr;
use std::sync::Arc;

#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    /// The working-day calendar, cached (deadlines are counted on every case opened).
    pub calendar: CalendarCache,
    pub limits: Arc<RateLimits>,
    /// Behind our own reverse proxy: take the client address from `X-Forwarded-For`.
    #[from_ref(skip)]
    pub trust_forwarded_for: bool,
    /// Served over HTTPS: cookies get `Secure`.
    #[from_ref(skip)]
    pub https: bool,
}

impl AppState {
    /// The state of the request being handled, from Leptos context.
    pub fn from_context() -> Result<AppState, crate::error::AppError> {
        leptos::prelude::use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState missing from context");
            crate::error::AppError::Internal
        })
    }

    /// The address rate limits apply to, for a request.
    pub fn client_ip(&self, parts: &http::request::Parts) -> IpAddr {
        crate::limits::client_ip(parts, self.trust_forwarded_for)
    }
}
