//! POST `/o/{badge}`, `/s/{station}` and `/rate/{code}`: store a rating and send the
//! resident to the thank-you page, or show the form again.

use super::{
    accepted, failed_status, lang_of, read_request, render_page, see_other, too_many, with_cookie,
};
use app::cases::pipeline::Executor;
use app::codes::ServiceCode;
use app::components::form_errors::FormProblem;
use app::cookies::{RECEIPT_SECONDS, REVIEW_COOKIE, REVIEW_PATH, set_case};
use app::db::now_millis;
use app::ratings::form::{RatingFieldError, RatingForm, RatingFormState};
use app::ratings::server::{RatingError, RatingTarget, record_rating};
use app::state::AppState;
use app::stations::{BadgeNumber, StationSlug};
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use serde::Deserialize;

pub async fn rate_officer(
    State(state): State<AppState>,
    Path(badge): Path<String>,
    request: Request,
) -> Response {
    rate(
        state,
        BadgeNumber::parse(&badge).map(RatingTarget::Officer),
        request,
    )
    .await
}

pub async fn rate_station(
    State(state): State<AppState>,
    Path(station): Path<String>,
    request: Request,
) -> Response {
    rate(
        state,
        StationSlug::parse(&station).map(RatingTarget::Station),
        request,
    )
    .await
}

pub async fn rate_with_code(
    State(state): State<AppState>,
    Path(code): Path<String>,
    request: Request,
) -> Response {
    rate(
        state,
        ServiceCode::parse(&code).map(RatingTarget::Code),
        request,
    )
    .await
}

#[derive(Deserialize)]
pub struct CodeQuery {
    #[serde(default)]
    code: String,
}

/// GET `/rate/go?code=…`: the code entry form's target. Sends a well-formed code to its
/// page (`/rate/ABCDE12345`), anything else back to the form.
pub async fn go_to_code(Query(query): Query<CodeQuery>) -> Response {
    match ServiceCode::parse(&query.code) {
        Some(code) => see_other(&format!("/rate/{}", code.expose())),
        None => see_other("/rate/unknown"),
    }
}

async fn rate(state: AppState, target: Option<RatingTarget>, request: Request) -> Response {
    let (parts, form): (Parts, RatingForm) = read_request(request).await;
    let lang = lang_of(&parts);
    let again = |form_state: RatingFormState, status: StatusCode| {
        render_page(&state, &parts, form_state, status)
    };
    let Some(target) = target else {
        // The page itself answers 404 for an unknown badge, station or code.
        return again(RatingFormState::default(), StatusCode::NOT_FOUND).await;
    };
    let verified = matches!(target, RatingTarget::Code(_));
    let mut submission = match form.validate(verified) {
        Ok(submission) => submission,
        Err(errors) => {
            let refused = RatingFormState {
                form,
                errors,
                problem: None,
            };
            return again(refused, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    // Stored under this browser's key for this form, target and content.
    let mut content = submission.content();
    content.push(limit_key(&target).unwrap_or_default());
    let content: Vec<&str> = content.iter().map(String::as_str).collect();
    submission.token = app::submissions::submission_key(
        &submission.token,
        app::submissions::browser_of(&parts.headers).as_deref(),
        &content,
    );
    if let Some(key) = limit_key(&target)
        && let Err(limited) = state
            .limits
            .unverified_rating(state.client_ip(&parts), &key)
    {
        let refused = RatingFormState {
            form,
            errors: Vec::new(),
            problem: Some(FormProblem::RateLimited {
                minutes: limited.minutes(),
            }),
        };
        return too_many(again(refused, StatusCode::TOO_MANY_REQUESTS).await, limited);
    }
    let recorded = match state.calendar.get(state.db.reader()).await {
        Ok(calendar) => {
            let cases = Executor {
                db: &state.db,
                key: &state.audit_key,
                calendar: &calendar,
                now: now_millis(),
            };
            record_rating(&cases, &target, &submission, lang).await
        }
        Err(error) => Err(RatingError::Database(error)),
    };
    match recorded {
        Ok(recorded) => match (recorded.review_case, recorded.review_code) {
            // The review's code goes to the thank-you page once, never in a URL.
            (Some(reference), Some(code)) => with_cookie(
                accepted(&parts, &format!("/rated?review={reference}")),
                &set_case(
                    REVIEW_COOKIE,
                    REVIEW_PATH,
                    Some((&reference, &code)),
                    RECEIPT_SECONDS,
                    state.https,
                ),
            ),
            (Some(reference), None) => accepted(&parts, &format!("/rated?review={reference}")),
            (None, _) => accepted(&parts, "/rated"),
        },
        Err(RatingError::UnknownTarget) => {
            again(RatingFormState::default(), StatusCode::NOT_FOUND).await
        }
        // The page now says the code is used or expired.
        Err(RatingError::CodeUsed | RatingError::CodeExpired) => {
            again(RatingFormState::default(), StatusCode::GONE).await
        }
        Err(RatingError::MissingServiceType) => {
            let refused = RatingFormState {
                form,
                errors: vec![RatingFieldError::ChooseAService],
                problem: None,
            };
            again(refused, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(RatingError::Database(error)) => {
            let status = failed_status(&state, &error, "storing a rating");
            let refused = RatingFormState {
                form,
                errors: Vec::new(),
                problem: Some(FormProblem::SaveFailed),
            };
            again(refused, status).await
        }
    }
}

/// What an unverified rating is limited against; verified ratings carry a one-time code
/// and need no limit.
fn limit_key(target: &RatingTarget) -> Option<String> {
    match target {
        RatingTarget::Officer(badge) => Some(format!("officer:{badge}")),
        RatingTarget::Station(slug) => Some(format!("station:{slug}")),
        // Visit ratings come from signed-in officers, never through this form.
        RatingTarget::Code(_) | RatingTarget::Visit(_) => None,
    }
}
