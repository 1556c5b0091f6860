//! The middleware around the form routes: a refusal becomes its page, rendered as a GET
//! of that page would be with the form's state in context; an accepted POST from the
//! enhanced form island becomes 204 naming the next page.

use super::refusal::RenderAgain;
use app::app::shell;
use app::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Sent by the enhanced form island with its `fetch`.
const ENHANCED_HEADER: &str = "x-opendoor-enhanced";
/// Where the island should go next: the answer to an enhanced POST instead of a 303,
/// because `fetch` would follow a 303 itself, and a page that must be fetched once
/// (the receipt) would then be gone when the browser goes there.
const REDIRECT_HEADER: &str = "x-opendoor-redirect";

/// Headers of a refusal that the rendered page keeps.
const KEPT: [header::HeaderName; 3] = [
    header::RETRY_AFTER,
    header::CACHE_CONTROL,
    header::SET_COOKIE,
];

pub async fn answers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() == Method::GET || request.method() == Method::HEAD {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let asked = parts.clone();
    let response = next.run(Request::from_parts(parts, body)).await;
    if let Some(again) = response.extensions().get::<RenderAgain>().cloned() {
        let page = again.page.unwrap_or_else(|| asked.uri.path().to_string());
        let mut rendered =
            render_page_at(&state, &asked, &page, again.provide, response.status()).await;
        for name in KEPT {
            for value in response.headers().get_all(&name) {
                rendered.headers_mut().append(name.clone(), value.clone());
            }
        }
        return rendered;
    }
    if response.status() == StatusCode::SEE_OTHER && asked.headers.contains_key(ENHANCED_HEADER) {
        return for_the_island(response);
    }
    response
}

/// 204 naming where a 303 would have sent the browser, with the same cookies.
fn for_the_island(see_other: Response) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Some(location) = see_other.headers().get(header::LOCATION) {
        response
            .headers_mut()
            .insert(REDIRECT_HEADER, location.clone());
    }
    for cookie in see_other.headers().get_all(header::SET_COOKIE) {
        response
            .headers_mut()
            .append(header::SET_COOKIE, cookie.clone());
    }
    response
}

/// Renders the page at `path` as a GET would, with `provide` adding the form's state to
/// the render's context, and answers with `status` (unless the page set an error status
/// of its own, such as 404 for an unknown officer).
pub async fn render_page_at(
    state: &AppState,
    parts: &Parts,
    path: &str,
    provide: Arc<dyn Fn() + Send + Sync>,
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
            provide();
        },
        move || shell(options.clone()),
    );
    let mut response = render(Request::from_parts(parts, Body::empty())).await;
    if response.status().is_success() {
        *response.status_mut() = status;
    }
    response
}
