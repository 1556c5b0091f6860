//! The page again: a refused form, with what was typed and why, at the status that says
//! what happened; or a page shown once with state only this answer carries.

use app::limits::Limited;
use app::state::AppState;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// What [`super::answers`] renders: the page at `page` (the request's own path when
/// `None`) with the form's state in the render's context.
#[derive(Clone)]
pub(super) struct RenderAgain {
    pub provide: Arc<dyn Fn() + Send + Sync>,
    pub page: Option<String>,
}

/// A refused form: the page again, with `state` (what was typed, the errors, the problem)
/// and the status of what happened.
#[must_use]
pub struct Refusal<S> {
    status: StatusCode,
    state: S,
    page: Option<String>,
    retry_after: Option<u64>,
}

impl<S> Refusal<S> {
    fn new(status: StatusCode, state: S) -> Refusal<S> {
        Refusal {
            status,
            state,
            page: None,
            retry_after: None,
        }
    }

    /// 422: the input is wrong; the page says where.
    pub fn invalid(state: S) -> Refusal<S> {
        Refusal::new(StatusCode::UNPROCESSABLE_ENTITY, state)
    }

    /// 404: nothing there, or nothing the caller may know of (the page says so).
    pub fn not_found(state: S) -> Refusal<S> {
        Refusal::new(StatusCode::NOT_FOUND, state)
    }

    /// 403: the caller may see this but not change it.
    pub fn forbidden(state: S) -> Refusal<S> {
        Refusal::new(StatusCode::FORBIDDEN, state)
    }

    /// 410: it was there and is not any more (a used or expired code).
    pub fn gone(state: S) -> Refusal<S> {
        Refusal::new(StatusCode::GONE, state)
    }

    /// 429 with `Retry-After`: over a rate limit, or an account locked for a while.
    pub fn limited(state: S, limited: Limited) -> Refusal<S> {
        Refusal {
            retry_after: Some(limited.retry_after.as_secs().max(1)),
            ..Refusal::new(StatusCode::TOO_MANY_REQUESTS, state)
        }
    }

    /// 429 with `Retry-After`: wait `minutes` (an account locked after wrong guesses).
    pub fn wait_minutes(state: S, minutes: u64) -> Refusal<S> {
        Refusal {
            retry_after: Some(minutes.max(1) * 60),
            ..Refusal::new(StatusCode::TOO_MANY_REQUESTS, state)
        }
    }

    /// A database step (`doing` something) failed: 503 for an outage (try again in a
    /// moment, what was typed is kept), 409/422 for a constraint, 500 for a fault; logged
    /// by [`app::db::Db::failed`].
    pub fn failed(app: &AppState, error: &sqlx::Error, doing: &str, state: S) -> Refusal<S> {
        Refusal::new(app.db.failed(error, doing).status(), state)
    }

    /// Renders the page at `page` rather than the request's path (a form that posts to
    /// an address of its own).
    pub fn at(mut self, page: impl Into<String>) -> Refusal<S> {
        self.page = Some(page.into());
        self
    }
}

impl<S: Clone + Send + Sync + 'static> IntoResponse for Refusal<S> {
    fn into_response(self) -> Response {
        let mut response = render_again(self.status, self.state, self.page);
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// A page shown once with what only this answer carries (the contact details asked for
/// with a reason): 200, never stored by the browser.
#[must_use]
pub struct Shown<S> {
    state: S,
    page: Option<String>,
}

impl<S> Shown<S> {
    pub fn once(state: S) -> Shown<S> {
        Shown { state, page: None }
    }

    pub fn at(mut self, page: impl Into<String>) -> Shown<S> {
        self.page = Some(page.into());
        self
    }
}

impl<S: Clone + Send + Sync + 'static> IntoResponse for Shown<S> {
    fn into_response(self) -> Response {
        let mut response = render_again(StatusCode::OK, self.state, self.page);
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

fn render_again<S: Clone + Send + Sync + 'static>(
    status: StatusCode,
    state: S,
    page: Option<String>,
) -> Response {
    let mut response = status.into_response();
    response.extensions_mut().insert(RenderAgain {
        provide: Arc::new(move || leptos::prelude::provide_context(state.clone())),
        page,
    });
    response
}
