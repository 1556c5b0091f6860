//! POST `/staff/reports/{station}/{month}`: the leader publishes the month (or a
//! correction). Accepted: 303 to the public page of the new version. Refused input: the
//! draft again with what was typed and why (422); not the station's leader: 403.

use crate::http::edge::{Accepted, Form, Refusal, Staff, nothing_here};
use app::db::now_millis;
use app::paths;
use app::reports::Month;
use app::reports::publish::{PublishRefused, publish};
use app::reports::publish_form::{PublishError, PublishForm, PublishFormState};
use app::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

pub async fn publish_month(
    State(state): State<AppState>,
    Staff(member): Staff,
    Path((station, month)): Path<(String, String)>,
    Form(form): Form<PublishForm>,
) -> Result<Accepted, Response> {
    let Some(month) = Month::parse(&month) else {
        return Err(nothing_here());
    };
    let page = |error| PublishFormState {
        form: form.clone(),
        error,
    };
    let published = publish(
        &state.db,
        &state.audit_key,
        &member,
        &station,
        month,
        &form,
        now_millis(),
    )
    .await
    .map_err(|refused| match refused {
        PublishRefused::NotFound => nothing_here(),
        PublishRefused::Forbidden => Refusal::forbidden(page(None)).into_response(),
        PublishRefused::Invalid(error) => Refusal::invalid(page(Some(error))).into_response(),
        PublishRefused::Database(error) => {
            let page = page(Some(PublishError::SaveFailed));
            Refusal::failed(&state, &error, "publishing a report", page).into_response()
        }
    })?;
    tracing::info!(station, %month, version = published.version, sha256 = published.sha256, "report published");
    Ok(Accepted::to(
        paths::STATION_MONTH.to(&[&station, &month.to_string()]),
    ))
}
