//! POST `/mail/confirm/{token}` and `/mail/unsubscribe/{token}`: the buttons behind the
//! links in residents' mail (and RFC 8058 one-click unsubscribe, which posts to the
//! link itself). An unknown token re-renders the page with a message, 404.

use super::{accepted, failed_status, render_page};
use app::db::{Db, now_millis};
use app::mail::consent;
use app::pages::mail_links::{MailLinkFailed, MailLinkInvalid};
use app::state::AppState;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use std::future::Future;

pub async fn confirm(state: State<AppState>, token: Path<String>, request: Request) -> Response {
    follow(
        state,
        token,
        request,
        "/mail/confirmed",
        |db, token, now| async move { consent::confirm(&db, &token, now).await },
    )
    .await
}

pub async fn unsubscribe(
    state: State<AppState>,
    token: Path<String>,
    request: Request,
) -> Response {
    follow(
        state,
        token,
        request,
        "/mail/unsubscribed",
        |db, token, now| async move { consent::unsubscribe(&db, &token, now).await },
    )
    .await
}

/// Applies a link's change; `done` is where a known token leads.
async fn follow<F, Fut>(
    State(state): State<AppState>,
    Path(token): Path<String>,
    request: Request,
    done: &str,
    change: F,
) -> Response
where
    F: FnOnce(Db, String, i64) -> Fut,
    Fut: Future<Output = Result<bool, sqlx::Error>>,
{
    let (parts, _) = request.into_parts();
    // Tokens are 32 hex digits; anything else is not looked up.
    let well_formed = token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit());
    let outcome = if well_formed {
        change(state.db.clone(), token, now_millis()).await
    } else {
        Ok(false)
    };
    match outcome {
        Ok(true) => accepted(&parts, done),
        Ok(false) => render_page(&state, &parts, MailLinkInvalid, StatusCode::NOT_FOUND).await,
        Err(error) => {
            let status = failed_status(&state, &error, "following a mail link");
            render_page(&state, &parts, MailLinkFailed, status).await
        }
    }
}
