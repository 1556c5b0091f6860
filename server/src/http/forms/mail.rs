//! POST `/mail/confirm/{token}` and `/mail/unsubscribe/{token}`: the buttons behind the
//! links in residents' mail (and RFC 8058 one-click unsubscribe, which posts to the
//! link itself). An unknown token re-renders the page with a message, 404.

use super::{accepted, render_page};
use app::db::now_millis;
use app::mail::consent;
use app::pages::mail_links::MailLinkInvalid;
use app::state::AppState;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Tokens are 32 hex digits; anything else is not looked up.
fn well_formed(token: &str) -> bool {
    token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

pub async fn confirm(
    State(state): State<AppState>,
    Path(token): Path<String>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let outcome = if well_formed(&token) {
        consent::confirm(&state.db, &token, now_millis()).await
    } else {
        Ok(false)
    };
    match outcome {
        Ok(true) => accepted(&parts, "/mail/confirmed"),
        Ok(false) => render_page(&state, &parts, MailLinkInvalid, StatusCode::NOT_FOUND).await,
        Err(error) => {
            tracing::error!(%error, "confirming an address failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

pub async fn unsubscribe(
    State(state): State<AppState>,
    Path(token): Path<String>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let outcome = if well_formed(&token) {
        consent::unsubscribe(&state.db, &token, now_millis()).await
    } else {
        Ok(false)
    };
    match outcome {
        Ok(true) => accepted(&parts, "/mail/unsubscribed"),
        Ok(false) => render_page(&state, &parts, MailLinkInvalid, StatusCode::NOT_FOUND).await,
        Err(error) => {
            tracing::error!(%error, "unsubscribing failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
