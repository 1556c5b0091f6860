//! The resident forms' POST handlers. They work without JavaScript: an accepted
//! submission is answered with 303 to the next page (a reload does not resubmit); a
//! refused one renders the same page again with what was typed and the errors inline
//! (422), or with a friendly note when the client is over a rate limit (429). The
//! enhanced form island sends the same POSTs and swaps in the same answers.

pub mod admin;
pub mod cases;
pub mod mail;
pub mod printing;
pub mod ratings;
pub mod reports;
pub mod requests;
pub mod staff;
pub mod tracking;
pub mod visits;

use app::app::shell;
use app::i18n::Lang;
use app::limits::Limited;
use app::prefs::Prefs;
use app::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

/// Reads an `application/x-www-form-urlencoded` body with repeated keys (checkboxes). A
/// body that does not parse (bad encoding, invalid UTF-8) is an empty form, which the
/// validation then refuses field by field.
pub fn parse_form<T: DeserializeOwned + Default>(body: &Bytes) -> T {
    if !decodes_to_utf8(body) {
        return T::default();
    }
    serde_html_form::from_bytes(body).unwrap_or_default()
}

/// Whether a urlencoded body decodes to valid UTF-8. The form parser would quietly turn
/// `%FF` into U+FFFD; such a body is refused instead, like raw invalid bytes.
fn decodes_to_utf8(body: &[u8]) -> bool {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut decoded = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        match body[i] {
            b'%' if i + 2 < body.len() => match (hex(body[i + 1]), hex(body[i + 2])) {
                (Some(high), Some(low)) => {
                    decoded.push(high << 4 | low);
                    i += 3;
                    continue;
                }
                _ => decoded.push(b'%'),
            },
            b'+' => decoded.push(b' '),
            byte => decoded.push(byte),
        }
        i += 1;
    }
    std::str::from_utf8(&decoded).is_ok()
}

/// Splits a request into its parts and its form body (empty when unreadable).
pub async fn read_request<T: DeserializeOwned + Default>(request: Request) -> (Parts, T) {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, crate::http::BODY_LIMIT_BYTES)
        .await
        .unwrap_or_default();
    (parts, parse_form(&body))
}

/// The page language from the preference cookie.
pub fn lang_of(parts: &Parts) -> Lang {
    parts
        .headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(Prefs::from_cookie_header)
        .unwrap_or_default()
        .lang
}

/// Sent by the enhanced form island with its `fetch`.
const ENHANCED_HEADER: &str = "x-opendoor-enhanced";
/// Where the island should go next: the answer to an enhanced POST instead of a 303,
/// because `fetch` would follow a 303 itself, and a page that must be fetched once
/// (the receipt) would then be gone when the browser goes there.
const REDIRECT_HEADER: &str = "x-opendoor-redirect";

/// The answer to an accepted POST: 303 to `location`, or for the enhanced form 204 naming
/// it.
pub fn accepted(parts: &Parts, location: &str) -> Response {
    if !parts.headers.contains_key(ENHANCED_HEADER) {
        return see_other(location);
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(REDIRECT_HEADER, value);
    }
    response
}

pub fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// Adds a `Set-Cookie` header.
pub fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// Renders the page at the request's path as a GET would, with the refused form's state
/// in context (the page reads it back: what was typed, the errors), and answers with
/// `status` (unless the page set an error status of its own, such as 404 for an unknown
/// officer).
pub async fn render_page<S: Clone + Send + Sync + 'static>(
    state: &AppState,
    parts: &Parts,
    form_state: S,
    status: StatusCode,
) -> Response {
    render_page_at(state, parts, parts.uri.path(), form_state, status).await
}

/// [`render_page`] for a form that posts to its own address rather than its page's:
/// renders the page at `path`.
pub async fn render_page_at<S: Clone + Send + Sync + 'static>(
    state: &AppState,
    parts: &Parts,
    path: &str,
    form_state: S,
    status: StatusCode,
) -> Response {
    let mut parts = parts.clone();
    parts.method = Method::GET;
    if let Ok(uri) = path.parse() {
        parts.uri = uri;
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_TYPE);
    let options = state.leptos_options.clone();
    let state = state.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            leptos::prelude::provide_context(state.clone());
            leptos::prelude::provide_context(form_state.clone());
        },
        move || shell(options.clone()),
    );
    let mut response = render(Request::from_parts(parts, Body::empty())).await;
    if response.status().is_success() {
        *response.status_mut() = status;
    }
    response
}

/// The status for a database step that failed (`doing` it): 503 for an outage (a full
/// disk, a database that is down or busy: the page says to try again in a moment and
/// keeps what was typed), 500 for a fault in our code or data. Logged either way; an
/// outage once, by the database's health.
pub fn failed_status(state: &AppState, error: &sqlx::Error, doing: &str) -> StatusCode {
    match state.db.failed(error, doing) {
        Some(_) => StatusCode::SERVICE_UNAVAILABLE,
        None => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// The fully signed-in staff member behind a workspace POST, or the answer to give
/// instead: the sign-in page (no session, or the second factor still to come) or 503.
pub async fn staff_or_answer(
    state: &AppState,
    parts: &Parts,
) -> Result<app::staff::StaffMember, Response> {
    match state.staff_member(parts).await {
        Ok(Some(member)) if member.fully_signed_in() => Ok(member),
        Ok(_) => Err(see_other("/staff/login")),
        Err(error) => Err(failed_status(state, &error, "loading the session").into_response()),
    }
}

/// 429 with `Retry-After`, on a page that explains it.
pub fn too_many(mut response: Response, limited: Limited) -> Response {
    *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from(limited.retry_after.as_secs().max(1)),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::decodes_to_utf8;

    #[test]
    fn percent_encoded_bytes_must_decode_to_utf8() {
        assert!(decodes_to_utf8(b"body=%E4%BD%A0%E5%A5%BD+ok&x=100%"));
        assert!(decodes_to_utf8(b"a=%zz"));
        assert!(!decodes_to_utf8(b"body=%FF%FE"));
        assert!(!decodes_to_utf8(b"body=%E4%BD"));
        assert!(!decodes_to_utf8(&[b'a', b'=', 0xff]));
    }
}
