//! POST `/track` (reference and access code open a case) and POST
//! `/track/{reference}/feedback` (the resident's 回访 answer).

use super::{accepted, failed_status, read_request, render_page, too_many, with_cookie};
use app::cases::tracking::{TrackError, TrackForm};
use app::cases::tracking_server::{FeedbackError, authenticate, record_feedback};
use app::cases::{AccessCode, Reference, Satisfaction};
use app::components::form_errors::FormProblem;
use app::components::track_form::{FeedbackFailed, TrackFormState};
use app::cookies::{TRACK_COOKIE, TRACK_PATH, TRACK_SECONDS, parse_case, read, set_case};
use app::db::now_millis;
use app::state::AppState;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use serde::Deserialize;

pub async fn open(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form): (Parts, TrackForm) = read_request(request).await;
    let again = |form_state: TrackFormState, status: StatusCode| {
        render_page(&state, &parts, form_state, status)
    };
    // Every attempt counts, right or wrong: probing needs many.
    if let Err(limited) = state.limits.tracking(state.client_ip(&parts)) {
        let refused = TrackFormState {
            form,
            error: None,
            problem: Some(FormProblem::RateLimited {
                minutes: limited.minutes(),
            }),
        };
        return too_many(again(refused, StatusCode::TOO_MANY_REQUESTS).await, limited);
    }
    let parsed = Reference::parse(&form.reference).zip(AccessCode::parse(&form.code));
    let found = match &parsed {
        Some((reference, code)) => authenticate(state.db.reader(), reference, code).await,
        // Malformed input gets the same answer as a wrong code.
        None => Ok(None),
    };
    match (found, parsed) {
        (Ok(Some(_)), Some((reference, code))) => with_cookie(
            accepted(&parts, &format!("{TRACK_PATH}/{reference}")),
            &set_case(
                TRACK_COOKIE,
                TRACK_PATH,
                Some((&reference, &code)),
                TRACK_SECONDS,
                state.https,
            ),
        ),
        (Ok(_), _) => {
            // The code is never echoed back.
            let refused = TrackFormState {
                form: TrackForm {
                    code: String::new(),
                    ..form
                },
                error: Some(TrackError::NoMatch),
                problem: None,
            };
            again(refused, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        (Err(error), _) => {
            let status = failed_status(&state, &error, "looking up a case");
            let refused = TrackFormState {
                form: TrackForm {
                    code: String::new(),
                    ..form
                },
                error: None,
                problem: Some(FormProblem::SaveFailed),
            };
            again(refused, status).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct FeedbackBody {
    #[serde(default)]
    answer: String,
}

/// The case the tracking cookie opens, for a POST about `reference`; or the answer to
/// give instead (back to the case's page, which asks for the code; 429; 503). The parts
/// then name the case's page, which is what any page rendered from here shows.
async fn cookie_case(
    state: &AppState,
    parts: &mut Parts,
    reference: &str,
) -> Result<i64, Response> {
    let page = format!("{TRACK_PATH}/{}", reference.trim());
    let back = accepted(parts, &page);
    if let Ok(uri) = page.parse() {
        parts.uri = uri;
    }
    // The tracking cookie is the resident's proof: without it the page asks for the code.
    let Some((cookie_reference, code)) = read(&parts.headers, TRACK_COOKIE)
        .and_then(|v| parse_case(&v))
        .filter(|(r, _)| r.as_ref() == reference.trim())
    else {
        return Err(back);
    };
    match authenticate(state.db.reader(), &cookie_reference, &code).await {
        Ok(Some(id)) => Ok(id),
        Ok(None) => match state.limits.tracking(state.client_ip(parts)) {
            Err(limited) => Err(too_many(back, limited)),
            Ok(()) => Err(back),
        },
        Err(error) => {
            let status = failed_status(state, &error, "looking up a case");
            Err(render_page(state, parts, FeedbackFailed, status).await)
        }
    }
}

pub async fn answer(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    request: Request,
) -> Response {
    let (mut parts, body): (Parts, FeedbackBody) = read_request(request).await;
    let case_id = match cookie_case(&state, &mut parts, &reference).await {
        Ok(id) => id,
        Err(answer) => return answer,
    };
    let back = accepted(&parts, parts.uri.path());
    let Some(answer) = Satisfaction::parse(body.answer.trim()) else {
        return render_page(&state, &parts, (), StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let recorded = match state.calendar.get(state.db.reader()).await {
        Ok(calendar) => {
            record_feedback(
                &state.db,
                &state.audit_key,
                &calendar,
                case_id,
                answer,
                now_millis(),
            )
            .await
        }
        Err(error) => Err(FeedbackError::Database(error)),
    };
    match recorded {
        // Answered now, or answered already by a first tap: the page shows where it stands.
        Ok(_) | Err(FeedbackError::NotAwaitingAnswer) => back,
        Err(FeedbackError::Database(error)) => {
            let status = failed_status(&state, &error, "recording an answer");
            render_page(&state, &parts, FeedbackFailed, status).await
        }
    }
}

/// POST `/track/{reference}/object`: the resident objects, once, to their case being
/// closed as not genuine; the inspectors review it. Back to the case's page either way
/// (it says the objection was received, or that there is nothing to object to).
pub async fn object(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    request: Request,
) -> Response {
    let (mut parts, _): (Parts, FeedbackBody) = read_request(request).await;
    let case_id = match cookie_case(&state, &mut parts, &reference).await {
        Ok(id) => id,
        Err(answer) => return answer,
    };
    let back = accepted(&parts, parts.uri.path());
    let objected = match state.calendar.get(state.db.reader()).await {
        Ok(calendar) => {
            app::cases::tracking_server::object(
                &state.db,
                &state.audit_key,
                &calendar,
                case_id,
                now_millis(),
            )
            .await
        }
        Err(error) => Err(error),
    };
    match objected {
        Ok(_) => back,
        Err(error) => {
            let status = failed_status(&state, &error, "recording an objection");
            render_page(&state, &parts, FeedbackFailed, status).await
        }
    }
}
