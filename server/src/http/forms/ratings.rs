//! POST `/o/{badge}`, `/s/{station}` and `/rate/{code}`: store a rating and send the
//! resident to the thank-you page, or show the form again.

use super::lang_of;
use crate::http::edge::{Accepted, Form, Refusal};
use app::codes::ServiceCode;
use app::components::form_errors::FormProblem;
use app::cookies::{RECEIPT_SECONDS, REVIEW_COOKIE, REVIEW_PATH, set_case};
use app::paths;
use app::ratings::form::{RatingFieldError, RatingForm, RatingFormState};
use app::ratings::server::{RatingError, RatingTarget, record_rating};
use app::state::AppState;
use app::stations::{BadgeNumber, StationSlug};
use axum::extract::{Path, Query, State};
use axum::http::request::Parts;
use serde::Deserialize;

type Refused = Refusal<RatingFormState>;

pub async fn rate_officer(
    State(state): State<AppState>,
    Path(badge): Path<String>,
    parts: Parts,
    Form(form): Form<RatingForm>,
) -> Result<Accepted, Refused> {
    let target = BadgeNumber::parse(&badge).map(RatingTarget::Officer);
    rate(state, target, parts, form).await
}

pub async fn rate_station(
    State(state): State<AppState>,
    Path(station): Path<String>,
    parts: Parts,
    Form(form): Form<RatingForm>,
) -> Result<Accepted, Refused> {
    let target = StationSlug::parse(&station).map(RatingTarget::Station);
    rate(state, target, parts, form).await
}

pub async fn rate_with_code(
    State(state): State<AppState>,
    Path(code): Path<String>,
    parts: Parts,
    Form(form): Form<RatingForm>,
) -> Result<Accepted, Refused> {
    let target = ServiceCode::parse(&code).map(RatingTarget::Code);
    rate(state, target, parts, form).await
}

#[derive(Deserialize)]
pub struct CodeQuery {
    #[serde(default)]
    code: String,
}

/// GET `/rate/go?code=…`: the code entry form's target. Sends a well-formed code to its
/// page (`/rate/ABCDE12345`), anything else back to the form.
pub async fn go_to_code(Query(query): Query<CodeQuery>) -> Accepted {
    match ServiceCode::parse(&query.code) {
        Some(code) => Accepted::to(paths::RATE_CODE.to(&[code.expose()])),
        None => Accepted::to(paths::RATE_CODE.to(&["unknown"])),
    }
}

async fn rate(
    state: AppState,
    target: Option<RatingTarget>,
    parts: Parts,
    form: RatingForm,
) -> Result<Accepted, Refused> {
    let lang = lang_of(&parts);
    // The page itself answers 404 for an unknown badge, station or code.
    let target = target.ok_or_else(|| Refusal::not_found(RatingFormState::default()))?;
    let with_problem = |form: &RatingForm, problem: FormProblem| RatingFormState {
        form: form.clone(),
        errors: Vec::new(),
        problem: Some(problem),
    };
    // No rating from a staff session, by any route: an officer may not rate himself, and
    // a counter tablet signed in as staff is not a resident's phone.
    match state.staff_member(&parts).await {
        Ok(None) => {}
        Ok(Some(_)) => {
            return Err(Refusal::forbidden(with_problem(
                &form,
                FormProblem::StaffSignedIn,
            )));
        }
        Err(error) => {
            let page = with_problem(&form, FormProblem::SaveFailed);
            return Err(Refusal::failed(&state, &error, "reading the session", page));
        }
    }
    let verified = matches!(target, RatingTarget::Code(_));
    let mut submission = match form.validate(verified) {
        Ok(submission) => submission,
        Err(errors) => {
            return Err(Refusal::invalid(RatingFormState {
                form,
                errors,
                problem: None,
            }));
        }
    };
    // Stored under this browser's key for this form, target and content.
    let mut content = submission.content();
    content.push(limit_key(&target).unwrap_or_default());
    submission.token =
        app::submissions::browser_submission_key(&submission.token, &parts.headers, &content);
    submission.source = Some(app::signals::source_of(
        &state.audit_key,
        state.client_ip(&parts),
    ));
    if let Some(key) = limit_key(&target) {
        state
            .limits
            .unverified_rating(state.client_ip(&parts), &key)
            .map_err(|limited| {
                let minutes = limited.minutes();
                Refusal::limited(
                    with_problem(&form, FormProblem::RateLimited { minutes }),
                    limited,
                )
            })?;
    }
    let failed = |error: &sqlx::Error| {
        let page = with_problem(&form, FormProblem::SaveFailed);
        Refusal::failed(&state, error, "storing a rating", page)
    };
    let calendar = state
        .calendar
        .get(state.db.reader())
        .await
        .map_err(|error| failed(&error))?;
    match record_rating(&state.cases(&calendar), &target, &submission, lang).await {
        Ok(recorded) => Ok(match (recorded.review_case, recorded.review_code) {
            // The review's code goes to the thank-you page once, never in a URL.
            (Some(reference), Some(code)) => {
                Accepted::to(format!("{}?review={reference}", paths::RATED)).with_cookie(set_case(
                    REVIEW_COOKIE,
                    REVIEW_PATH,
                    Some((&reference, &code)),
                    RECEIPT_SECONDS,
                    state.https,
                ))
            }
            (Some(reference), None) => Accepted::to(format!("{}?review={reference}", paths::RATED)),
            (None, _) => Accepted::to(paths::RATED.as_str()),
        }),
        Err(RatingError::UnknownTarget) => Err(Refusal::not_found(RatingFormState::default())),
        // The page now says the code is used or expired.
        Err(RatingError::CodeUsed | RatingError::CodeExpired) => {
            Err(Refusal::gone(RatingFormState::default()))
        }
        Err(RatingError::MissingServiceType) => Err(Refusal::invalid(RatingFormState {
            form,
            errors: vec![RatingFieldError::ChooseAService],
            problem: None,
        })),
        Err(RatingError::Database(error)) => Err(failed(&error)),
    }
}

/// What an unverified rating is limited against; verified ratings carry a one-time code
/// and need no limit.
fn limit_key(target: &RatingTarget) -> Option<String> {
    match target {
        RatingTarget::Officer(badge) => Some(format!("officer:{badge}")),
        RatingTarget::Station(slug) => Some(format!("station:{slug}")),
        RatingTarget::Code(_) => None,
    }
}
