//! POST `/request/new`: file a request, then show its receipt once.

use super::lang_of;
use crate::http::edge::{Accepted, Form, Refusal};
use app::cases::request_form::{RequestFieldError, RequestForm};
use app::cases::requests::{RequestError, file_request};
use app::components::form_errors::FormProblem;
use app::components::request_form::RequestFormState;
use app::cookies::{RECEIPT_COOKIE, RECEIPT_PATH, RECEIPT_SECONDS, set_case};
use app::state::AppState;
use axum::extract::State;
use axum::http::request::Parts;

type Refused = Refusal<RequestFormState>;

pub async fn file(
    State(state): State<AppState>,
    parts: Parts,
    Form(form): Form<RequestForm>,
) -> Result<Accepted, Refused> {
    let lang = lang_of(&parts);
    let with_errors = |form: RequestForm, errors: Vec<RequestFieldError>| {
        Refusal::invalid(RequestFormState {
            form,
            errors,
            problem: None,
        })
    };
    let with_problem = |form: &RequestForm, problem: FormProblem| RequestFormState {
        form: form.clone(),
        errors: Vec::new(),
        problem: Some(problem),
    };
    let mut submission = match form.validate() {
        Ok(submission) => submission,
        Err(errors) => return Err(with_errors(form, errors)),
    };
    // A commendation is a resident's word about an officer, published by name: never
    // from a staff session (an officer commending himself or a colleague).
    if submission.kind == app::cases::CaseKind::Commendation {
        match state.staff_member(&parts).await {
            Ok(None) => {}
            Ok(Some(_)) => {
                return Err(Refusal::forbidden(with_problem(
                    &form,
                    FormProblem::StaffCannotCommend,
                )));
            }
            Err(error) => {
                let page = with_problem(&form, FormProblem::SaveFailed);
                return Err(Refusal::failed(&state, &error, "reading the session", page));
            }
        }
    }
    // Stored under this browser's key for this form and content (see app::submissions).
    submission.token = app::submissions::browser_submission_key(
        &submission.token,
        &parts.headers,
        &submission.content(),
    );
    let station_key = submission
        .station
        .as_ref()
        .map_or("bureau".to_string(), |slug| slug.to_string());
    state
        .limits
        .request(state.client_ip(&parts), &station_key)
        .map_err(|limited| {
            let minutes = limited.minutes();
            Refusal::limited(
                with_problem(&form, FormProblem::RateLimited { minutes }),
                limited,
            )
        })?;
    let failed = |error: &sqlx::Error| {
        let page = with_problem(&form, FormProblem::SaveFailed);
        Refusal::failed(&state, error, "filing a request", page)
    };
    let calendar = state
        .calendar
        .get(state.db.reader())
        .await
        .map_err(|error| failed(&error))?;
    match file_request(&state.cases(&calendar), &submission, lang).await {
        Ok(filed) => Ok(Accepted::to(RECEIPT_PATH).with_cookie(set_case(
            RECEIPT_COOKIE,
            RECEIPT_PATH,
            Some((&filed.reference, &filed.access_code)),
            RECEIPT_SECONDS,
            state.https,
        ))),
        // The same browser sent the same request again: it was received once.
        Err(RequestError::AlreadyFiled(reference)) => {
            Ok(Accepted::to(format!("{RECEIPT_PATH}?already={reference}")))
        }
        Err(RequestError::UnknownStation) => {
            Err(with_errors(form, vec![RequestFieldError::UnknownStation]))
        }
        Err(RequestError::UnknownBadge) => {
            Err(with_errors(form, vec![RequestFieldError::UnknownBadge]))
        }
        Err(RequestError::StaleForm) => {
            // A fresh token comes with the page; what was typed stays.
            let form = RequestForm {
                token: String::new(),
                ..form
            };
            Err(with_errors(form, vec![RequestFieldError::StaleForm]))
        }
        Err(RequestError::Database(error)) => Err(failed(&error)),
    }
}
