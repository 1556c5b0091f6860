//! POST `/request/new`: file a request, then show its receipt once.

use super::{accepted, failed_status, lang_of, read_request, render_page, too_many, with_cookie};
use app::cases::pipeline::Executor;
use app::cases::request_form::{RequestFieldError, RequestForm};
use app::cases::requests::{RequestError, file_request};
use app::components::form_errors::FormProblem;
use app::components::request_form::RequestFormState;
use app::cookies::{RECEIPT_COOKIE, RECEIPT_PATH, RECEIPT_SECONDS, set_case};
use app::db::now_millis;
use app::state::AppState;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;

pub async fn file(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form): (Parts, RequestForm) = read_request(request).await;
    let lang = lang_of(&parts);
    let again = |form_state: RequestFormState, status: StatusCode| {
        render_page(&state, &parts, form_state, status)
    };
    let refuse = |form: RequestForm, errors: Vec<RequestFieldError>| RequestFormState {
        form,
        errors,
        problem: None,
    };
    let mut submission = match form.validate() {
        Ok(submission) => submission,
        Err(errors) => {
            return again(refuse(form, errors), StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    // Stored under this browser's key for this form and content (see app::submissions).
    let content = submission.content();
    let content: Vec<&str> = content.iter().map(String::as_str).collect();
    submission.token = app::submissions::submission_key(
        &submission.token,
        app::submissions::browser_of(&parts.headers).as_deref(),
        &content,
    );
    let station_key = submission
        .station
        .as_ref()
        .map_or("bureau".to_string(), |slug| slug.to_string());
    if let Err(limited) = state.limits.request(state.client_ip(&parts), &station_key) {
        let refused = RequestFormState {
            form,
            errors: Vec::new(),
            problem: Some(FormProblem::RateLimited {
                minutes: limited.minutes(),
            }),
        };
        return too_many(again(refused, StatusCode::TOO_MANY_REQUESTS).await, limited);
    }
    let filed = match state.calendar.get(state.db.reader()).await {
        Ok(calendar) => {
            let cases = Executor {
                db: &state.db,
                key: &state.audit_key,
                calendar: &calendar,
                now: now_millis(),
            };
            file_request(&cases, &submission, lang).await
        }
        Err(error) => Err(RequestError::Database(error)),
    };
    match filed {
        Ok(filed) => with_cookie(
            accepted(&parts, RECEIPT_PATH),
            &set_case(
                RECEIPT_COOKIE,
                RECEIPT_PATH,
                Some((&filed.reference, &filed.access_code)),
                RECEIPT_SECONDS,
                state.https,
            ),
        ),
        // The same browser sent the same request again: it was received once.
        Err(RequestError::AlreadyFiled(reference)) => {
            accepted(&parts, &format!("{RECEIPT_PATH}?already={reference}"))
        }
        Err(RequestError::UnknownStation) => {
            let errors = vec![RequestFieldError::UnknownStation];
            again(refuse(form, errors), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(RequestError::UnknownBadge) => {
            let errors = vec![RequestFieldError::UnknownBadge];
            again(refuse(form, errors), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(RequestError::StaleForm) => {
            // A fresh token comes with the page; what was typed stays.
            let form = RequestForm {
                token: String::new(),
                ..form
            };
            let errors = vec![RequestFieldError::StaleForm];
            again(refuse(form, errors), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(RequestError::Database(error)) => {
            let status = failed_status(&state, &error, "filing a request");
            let refused = RequestFormState {
                form,
                errors: Vec::new(),
                problem: Some(FormProblem::SaveFailed),
            };
            again(refused, status).await
        }
    }
}
