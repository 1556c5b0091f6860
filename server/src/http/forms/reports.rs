//! POST `/staff/reports/{station}/{month}`: the leader publishes the month (or a
//! correction). Accepted: 303 to the public page of the new version. Refused input: the
//! draft again with what was typed and why (422); not the station's leader: 403.

use super::{failed_status, read_request, render_page, see_other, staff_or_answer};
use app::db::now_millis;
use app::reports::Month;
use app::reports::publish::{PublishRefused, publish};
use app::reports::publish_form::{PublishError, PublishForm, PublishFormState};
use app::state::AppState;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub async fn publish_month(
    State(state): State<AppState>,
    Path((station, month)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (parts, form): (_, PublishForm) = read_request(request).await;
    let member = match staff_or_answer(&state, &parts).await {
        Ok(member) => member,
        Err(answer) => return answer,
    };
    let Some(month) = Month::parse(&month) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let refused = |error, status| {
        let page = PublishFormState {
            form: form.clone(),
            error,
        };
        render_page(&state, &parts, page, status)
    };
    match publish(
        &state.db,
        &state.audit_key,
        &member,
        &station,
        month,
        &form,
        now_millis(),
    )
    .await
    {
        Ok(published) => {
            tracing::info!(station, %month, version = published.version, sha256 = published.sha256, "report published");
            see_other(&format!("/s/{station}/reports/{month}"))
        }
        Err(PublishRefused::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(PublishRefused::Forbidden) => refused(None, StatusCode::FORBIDDEN).await,
        Err(PublishRefused::Invalid(error)) => {
            refused(Some(error), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(PublishRefused::Database(error)) => {
            let status = failed_status(&state, &error, "publishing a report");
            refused(Some(PublishError::SaveFailed), status).await
        }
    }
}
