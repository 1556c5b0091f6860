//! POST `/mail/confirm/{token}` and `/mail/unsubscribe/{token}`: the buttons behind the
//! links in residents' mail (and RFC 8058 one-click unsubscribe, which posts to the
//! link itself). An unknown token re-renders the page with a message, 404.

use crate::http::edge::{Accepted, Refusal};
use app::db::{Db, now_millis};
use app::mail::consent;
use app::pages::mail_links::{MailLinkFailed, MailLinkInvalid};
use app::paths;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use std::future::Future;

pub async fn confirm(state: State<AppState>, token: Path<String>) -> Result<Accepted, Response> {
    follow(
        state,
        token,
        paths::MAIL_CONFIRMED.as_str(),
        |db, token, now| async move { consent::confirm(&db, &token, now).await },
    )
    .await
}

pub async fn unsubscribe(
    state: State<AppState>,
    token: Path<String>,
) -> Result<Accepted, Response> {
    follow(
        state,
        token,
        paths::MAIL_UNSUBSCRIBED.as_str(),
        |db, token, now| async move { consent::unsubscribe(&db, &token, now).await },
    )
    .await
}

/// Applies a link's change; `done` is where a known token leads. The body (RFC 8058's
/// `List-Unsubscribe=One-Click`) says nothing the path does not.
async fn follow<F, Fut>(
    State(state): State<AppState>,
    Path(token): Path<String>,
    done: &str,
    change: F,
) -> Result<Accepted, Response>
where
    F: FnOnce(Db, String, i64) -> Fut,
    Fut: Future<Output = Result<bool, sqlx::Error>>,
{
    // Tokens are 32 hex digits; anything else is not looked up.
    let well_formed = token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit());
    let outcome = if well_formed {
        change(state.db.clone(), token, now_millis()).await
    } else {
        Ok(false)
    };
    match outcome {
        Ok(true) => Ok(Accepted::to(done)),
        Ok(false) => Err(Refusal::not_found(MailLinkInvalid).into_response()),
        Err(error) => {
            let refused = Refusal::failed(&state, &error, "following a mail link", MailLinkFailed);
            Err(refused.into_response())
        }
    }
}
