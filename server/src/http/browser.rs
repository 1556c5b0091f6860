//! Gives every browser its random, HttpOnly `od_browser` cookie on its first request, so
//! that a form resent from the same browser is recognised as a repeat and one resent
//! from another browser is not (see `app::submissions`).

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

pub async fn ensure_cookie(State(https): State<bool>, request: Request, next: Next) -> Response {
    let has_one = app::submissions::browser_of(request.headers()).is_some();
    let mut response = next.run(request).await;
    if !has_one && let Ok(value) = HeaderValue::from_str(&app::submissions::browser_cookie(https)) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}
