//! POST `/track` (reference and access code open a case) and POST
//! `/track/{reference}/feedback` (the resident's 回访 answer).

use crate::http::edge::{Accepted, Form, Refusal};
use app::cases::tracking::{TrackError, TrackForm};
use app::cases::tracking_server::{FeedbackError, authenticate, record_feedback};
use app::cases::{AccessCode, Reference, Satisfaction};
use app::components::form_errors::FormProblem;
use app::components::track_form::{FeedbackFailed, TrackFormState};
use app::cookies::{TRACK_COOKIE, TRACK_PATH, TRACK_SECONDS, parse_case, read, set_case};
use app::db::now_millis;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

type Refused = Refusal<TrackFormState>;

pub async fn open(
    State(state): State<AppState>,
    parts: Parts,
    Form(form): Form<TrackForm>,
) -> Result<Accepted, Refused> {
    // The code is never echoed back.
    let without_code = |form: &TrackForm| TrackForm {
        code: String::new(),
        ..form.clone()
    };
    // Every attempt counts, right or wrong: probing needs many.
    state
        .limits
        .tracking(state.client_ip(&parts))
        .map_err(|limited| {
            let minutes = limited.minutes();
            let page = TrackFormState {
                form: form.clone(),
                error: None,
                problem: Some(FormProblem::RateLimited { minutes }),
            };
            Refusal::limited(page, limited)
        })?;
    let parsed = Reference::parse(&form.reference).zip(AccessCode::parse(&form.code));
    let found = match &parsed {
        Some((reference, code)) => authenticate(state.db.reader(), reference, code)
            .await
            .map_err(|error| {
                let page = TrackFormState {
                    form: without_code(&form),
                    error: None,
                    problem: Some(FormProblem::SaveFailed),
                };
                Refusal::failed(&state, &error, "looking up a case", page)
            })?,
        // Malformed input gets the same answer as a wrong code.
        None => None,
    };
    match (found, parsed) {
        (Some(_), Some((reference, code))) => Ok(Accepted::to(
            app::paths::TRACKED.to(&[reference.as_ref()]),
        )
        .with_cookie(set_case(
            TRACK_COOKIE,
            TRACK_PATH,
            Some((&reference, &code)),
            TRACK_SECONDS,
            state.https,
        ))),
        _ => Err(Refusal::invalid(TrackFormState {
            form: without_code(&form),
            error: Some(TrackError::NoMatch),
            problem: None,
        })),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct FeedbackBody {
    #[serde(default)]
    answer: String,
}

/// The case the tracking cookie opens, for a POST about `reference` (whose page is
/// `page`); or the answer to give instead: back to the case's page, which asks for the
/// code (429 there when this address is over its limit), or the database failure.
async fn cookie_case(state: &AppState, parts: &Parts, reference: &str) -> Result<i64, Response> {
    let page = case_page(reference);
    // The tracking cookie is the resident's proof: without it the page asks for the code.
    let Some((cookie_reference, code)) = read(&parts.headers, TRACK_COOKIE)
        .and_then(|v| parse_case(&v))
        .filter(|(r, _)| r.as_ref() == reference.trim())
    else {
        return Err(Accepted::to(page).into_response());
    };
    match authenticate(state.db.reader(), &cookie_reference, &code).await {
        Ok(Some(id)) => Ok(id),
        Ok(None) => match state.limits.tracking(state.client_ip(parts)) {
            Err(limited) => Err(Refusal::limited((), limited).at(page).into_response()),
            Ok(()) => Err(Accepted::to(page).into_response()),
        },
        Err(error) => {
            let refused = Refusal::failed(state, &error, "looking up a case", FeedbackFailed);
            Err(refused.at(page).into_response())
        }
    }
}

fn case_page(reference: &str) -> String {
    app::paths::TRACKED.to(&[reference.trim()])
}

pub async fn answer(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    parts: Parts,
    Form(body): Form<FeedbackBody>,
) -> Result<Accepted, Response> {
    let case_id = cookie_case(&state, &parts, &reference).await?;
    let page = case_page(&reference);
    let Some(answer) = Satisfaction::parse(body.answer.trim()) else {
        return Err(Refusal::invalid(()).at(page).into_response());
    };
    let failed = |error: &sqlx::Error| {
        let refused = Refusal::failed(&state, error, "recording an answer", FeedbackFailed);
        refused.at(page.clone()).into_response()
    };
    let calendar = state
        .calendar
        .get(state.db.reader())
        .await
        .map_err(|error| failed(&error))?;
    let recorded = record_feedback(
        &state.db,
        &state.audit_key,
        &calendar,
        case_id,
        answer,
        now_millis(),
    )
    .await;
    match recorded {
        // Answered now, or answered already by a first tap: the page shows where it stands.
        Ok(_) | Err(FeedbackError::NotAwaitingAnswer) => Ok(Accepted::to(page)),
        Err(FeedbackError::Database(error)) => Err(failed(&error)),
    }
}

/// POST `/track/{reference}/object`: the resident objects, once, to their case being
/// closed as not genuine; the inspectors review it. Back to the case's page either way
/// (it says the objection was received, or that there is nothing to object to).
pub async fn object(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    parts: Parts,
    Form(_): Form<FeedbackBody>,
) -> Result<Accepted, Response> {
    let case_id = cookie_case(&state, &parts, &reference).await?;
    let page = case_page(&reference);
    let failed = |error: &sqlx::Error| {
        let refused = Refusal::failed(&state, error, "recording an objection", FeedbackFailed);
        refused.at(page.clone()).into_response()
    };
    let calendar = state
        .calendar
        .get(state.db.reader())
        .await
        .map_err(|error| failed(&error))?;
    app::cases::tracking_server::object(
        &state.db,
        &state.audit_key,
        &calendar,
        case_id,
        now_millis(),
    )
    .await
    .map_err(|error| failed(&error))?;
    Ok(Accepted::to(page))
}
