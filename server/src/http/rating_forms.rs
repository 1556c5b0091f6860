//! The rating form's POST, which works without JavaScript: a valid rating is stored and
//! answered with 303 to the thank-you page (so a reload does not resubmit); a refused one
//! renders the same page again with the typed values and inline errors (422).

use app::app::shell;
use app::calendar::server::load as load_calendar;
use app::db::now_millis;
use app::prefs::Prefs;
use app::ratings::form::{RatingForm, RatingFormState};
use app::ratings::server::{RatingError, RatingTarget, record_rating};
use app::state::AppState;
use app::stations::BadgeNumber;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;

/// POST `/o/{badge}`.
pub async fn rate_officer(
    State(state): State<AppState>,
    Path(badge): Path<String>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, crate::http::BODY_LIMIT_BYTES)
        .await
        .unwrap_or_default();
    let form = parse_form(&body);
    let lang = parts
        .headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(Prefs::from_cookie_header)
        .unwrap_or_default()
        .lang;
    let render_again = |form_state: RatingFormState, status: StatusCode| {
        render_page(state.clone(), parts.clone(), form_state, status)
    };
    let Some(badge) = BadgeNumber::parse(&badge) else {
        // The page itself answers 404 for an unknown badge.
        return render_again(RatingFormState::default(), StatusCode::NOT_FOUND).await;
    };
    let submission = match form.validate(false) {
        Ok(submission) => submission,
        Err(errors) => {
            return render_again(
                RatingFormState {
                    form,
                    errors,
                    save_failed: false,
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let recorded = match load_calendar(state.db.reader()).await {
        Ok(calendar) => {
            record_rating(
                &state.db,
                &calendar,
                &RatingTarget::Officer(badge),
                &submission,
                lang,
                now_millis(),
            )
            .await
        }
        Err(error) => Err(RatingError::Database(error)),
    };
    match recorded {
        Ok(recorded) => {
            let location = match recorded.review_case {
                Some(reference) => format!("/rated?review={reference}"),
                None => "/rated".to_string(),
            };
            see_other(&location)
        }
        Err(RatingError::UnknownTarget) => {
            render_again(RatingFormState::default(), StatusCode::NOT_FOUND).await
        }
        Err(error) => {
            tracing::error!(%error, "storing a rating failed");
            render_again(
                RatingFormState {
                    form,
                    errors: Vec::new(),
                    save_failed: true,
                },
                StatusCode::SERVICE_UNAVAILABLE,
            )
            .await
        }
    }
}

/// Reads an `application/x-www-form-urlencoded` body with repeated keys (checkboxes). A
/// body that does not parse (bad encoding, invalid UTF-8) is an empty form, which the
/// validation then refuses field by field.
fn parse_form(body: &Bytes) -> RatingForm {
    serde_html_form::from_bytes(body).unwrap_or_default()
}

fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// Renders the page at the request's path as a GET would, with the form's state in
/// context, and the given status.
async fn render_page(
    state: AppState,
    mut parts: axum::http::request::Parts,
    form_state: RatingFormState,
    status: StatusCode,
) -> Response {
    parts.method = Method::GET;
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_TYPE);
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(state.clone());
            provide_context(form_state.clone());
        },
        move || shell(options.clone()),
    );
    let mut response = render(Request::from_parts(parts, Body::empty())).await;
    if response.status().is_success() {
        *response.status_mut() = status;
    }
    response
}
