//! What every request handler and server function can reach, provided through the axum
//! state and Leptos context rather than globals.

use crate::calendar::server::CalendarCache;
use crate::db::Db;
use crate::error::AppError;
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
    /// How long staff sessions last.
    #[from_ref(skip)]
    pub sessions: crate::staff::sessions::SessionPolicy,
    /// The audit log's chain key.
    pub audit_key: crate::audit::AuditKey,
    /// The configured public base URL, if any (see [`AppState::public_base`]).
    #[from_ref(skip)]
    pub public_url: Option<String>,
}

impl AppState {
    /// The case pipeline for this request, at the current time, with `calendar` (from
    /// [`AppState::calendar`]'s cache) counting its working days.
    pub fn cases<'a>(
        &'a self,
        calendar: &'a crate::calendar::WorkCalendar,
    ) -> crate::cases::pipeline::Executor<'a> {
        crate::cases::pipeline::Executor {
            db: &self.db,
            key: &self.audit_key,
            calendar,
            now: crate::db::now_millis(),
        }
    }

    /// The state of the request being handled, from Leptos context.
    pub fn from_context() -> Result<AppState, crate::error::AppError> {
        leptos::prelude::use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState missing from context");
            crate::error::AppError::Internal
        })
    }

    /// The state and request of a server function whose answer belongs to its caller
    /// alone (a receipt, a case, a session): the answer is marked `no-store`.
    pub fn for_private_answer() -> Result<(AppState, http::request::Parts), crate::error::AppError>
    {
        use leptos::prelude::use_context;
        let state = AppState::from_context()?;
        let parts =
            use_context::<http::request::Parts>().ok_or(crate::error::AppError::Internal)?;
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.insert_header(
                http::header::CACHE_CONTROL,
                http::HeaderValue::from_static("no-store"),
            );
        }
        Ok((state, parts))
    }

    /// The signed-in staff member of a request, from the session cookie.
    pub async fn staff_member(
        &self,
        parts: &http::request::Parts,
    ) -> Result<Option<crate::staff::StaffMember>, sqlx::Error> {
        use crate::staff::sessions::{SESSION_COOKIE, load};
        let Some(token) = crate::cookies::read(&parts.headers, SESSION_COOKIE) else {
            return Ok(None);
        };
        load(&self.db, &token, self.sessions, crate::db::now_millis()).await
    }

    /// Appends an audit entry in a transaction of its own. An audit failure is logged,
    /// not shown to the user: the action it records already happened or was refused.
    pub async fn audit(&self, entry: crate::audit::Entry<'_>) {
        if let Err(error) =
            crate::audit::record(&self.db, &self.audit_key, entry, crate::db::now_millis()).await
        {
            tracing::error!(%error, action = entry.action, "writing the audit log failed");
        }
    }

    /// The base of absolute links to this site: the configured public URL, else the
    /// scheme and host the request came to.
    pub fn public_base(&self, parts: &http::request::Parts) -> String {
        if let Some(url) = &self.public_url {
            return url.trim_end_matches('/').to_string();
        }
        let host = parts
            .headers
            .get(http::header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| {
                h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
            })
            .unwrap_or("localhost");
        let scheme = if self.https { "https" } else { "http" };
        format!("{scheme}://{host}")
    }

    /// The address rate limits apply to, for a request.
    pub fn client_ip(&self, parts: &http::request::Parts) -> IpAddr {
        crate::limits::client_ip(parts, self.trust_forwarded_for)
    }
}

/// A database outage (full disk, server down, lock held too long) is 503, anything else
/// a logged 500. Noted in the write health of the request's database (here, beside the
/// state that holds it, so the error type needs no state).
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        use crate::db::Failure;
        let failure = match leptos::prelude::use_context::<AppState>() {
            Some(state) => state.db.failed(&error, "a database query"),
            None => {
                let failure = Failure::of(&error);
                if failure == Failure::Fault {
                    tracing::error!(%error, "a database query failed");
                }
                failure
            }
        };
        match failure {
            Failure::Outage(_) => AppError::Unavailable,
            Failure::Conflict => AppError::Conflict,
            Failure::Refused => AppError::Invalid("refused by the database".into()),
            Failure::Fault => AppError::Internal,
        }
    }
}
