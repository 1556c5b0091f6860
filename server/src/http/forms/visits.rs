//! POST `/staff/visits`, `/staff/visits/opinions/{id}/case`,
//! `/staff/visits/opinions/{id}/rating` and `/staff/campaigns`.

use super::{failed_status, read_request, render_page_at, see_other, staff_or_answer};
use app::calendar::local_date;
use app::db::now_millis;
use app::i18n::Text;
use app::state::AppState;
use app::visits::store::{
    VisitError, create_campaign, log_visit, opinion_to_case, opinion_to_rating,
};
use app::visits::{CampaignForm, CampaignPageState, VisitForm, VisitPageState, opinion_case_kind};
use axum::extract::{Path, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// A refused visit form, or an error that belongs to no form, on the visits page.
async fn visits_page(
    state: &AppState,
    parts: &Parts,
    page: VisitPageState,
    status: StatusCode,
) -> Response {
    render_page_at(state, parts, "/staff/visits", page, status).await
}

/// The status for a refused visit action; a database failure is logged here.
fn status_of(state: &AppState, error: &VisitError) -> StatusCode {
    match error {
        VisitError::NotFound => StatusCode::NOT_FOUND,
        VisitError::Forbidden => StatusCode::FORBIDDEN,
        VisitError::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY,
        VisitError::Database(error) => failed_status(state, error, "a visit action"),
    }
}

fn text_of(error: &VisitError) -> Text {
    match error {
        VisitError::Refused(text) => *text,
        VisitError::NotFound => Text::new("找不到这条记录。", "That record does not exist."),
        VisitError::Forbidden => Text::new(
            "只有民警本人可以记录走访。",
            "Only officers log their visits.",
        ),
        VisitError::Database(_) => app::i18n::messages::SAVE_FAILED,
    }
}

pub async fn log(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form): (_, VisitForm) = read_request(request).await;
    let member = match staff_or_answer(&state, &parts).await {
        Ok(member) => member,
        Err(response) => return response,
    };
    let now = now_millis();
    let refused = |error: Text, status| {
        let page = VisitPageState {
            form: form.clone(),
            error: Some(error),
            opened_case: None,
        };
        visits_page(&state, &parts, page, status)
    };
    let visit = match form.validate(local_date(now)) {
        Ok(visit) => visit,
        Err(error) => return refused(error, StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    match log_visit(&state.db, &state.audit_key, &member, &visit, now).await {
        Ok(_) => see_other("/staff/visits"),
        Err(error) => refused(text_of(&error), status_of(&state, &error)).await,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct OpinionForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    level: String,
}

pub async fn opinion(
    State(state): State<AppState>,
    Path((id, target)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (parts, form): (_, OpinionForm) = read_request(request).await;
    let member = match staff_or_answer(&state, &parts).await {
        Ok(member) => member,
        Err(response) => return response,
    };
    let Ok(id) = id.parse::<i64>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let calendar = match state.calendar.get(state.db.reader()).await {
        Ok(calendar) => calendar,
        Err(error) => {
            let status = failed_status(&state, &error, "loading the calendar");
            let page = VisitPageState {
                error: Some(app::i18n::messages::SAVE_FAILED),
                ..VisitPageState::default()
            };
            return visits_page(&state, &parts, page, status).await;
        }
    };
    let now = now_millis();
    let refused = |error: VisitError| {
        let page = VisitPageState {
            error: Some(text_of(&error)),
            ..VisitPageState::default()
        };
        visits_page(&state, &parts, page, status_of(&state, &error))
    };
    match target.as_str() {
        "case" => {
            let Some(kind) = opinion_case_kind(&form.kind) else {
                let error = Text::new("请选择诉求类型。", "Please choose a kind.");
                return refused(VisitError::Refused(error)).await;
            };
            match opinion_to_case(
                &state.db,
                &state.audit_key,
                &calendar,
                &member,
                id,
                kind,
                now,
            )
            .await
            {
                // The access code exists in the clear only in this answer.
                Ok((reference, code)) => {
                    let page = VisitPageState {
                        opened_case: Some((reference.to_string(), code.display())),
                        ..VisitPageState::default()
                    };
                    let mut response = visits_page(&state, &parts, page, StatusCode::OK).await;
                    response
                        .headers_mut()
                        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                    response
                }
                Err(error) => refused(error).await,
            }
        }
        "rating" => {
            let Some(level) = form
                .level
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(app::ratings::RatingLevel::from_score)
            else {
                let error = Text::new("请选择满意程度。", "Please choose a level.");
                return refused(VisitError::Refused(error)).await;
            };
            match opinion_to_rating(
                &state.db,
                &state.audit_key,
                &calendar,
                &member,
                id,
                level,
                now,
            )
            .await
            {
                Ok(()) => see_other("/staff/visits"),
                Err(error) => refused(error).await,
            }
        }
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

pub async fn campaign(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form): (_, CampaignForm) = read_request(request).await;
    let member = match staff_or_answer(&state, &parts).await {
        Ok(member) => member,
        Err(response) => return response,
    };
    let refused = |error: Text, status| {
        let page = CampaignPageState {
            form: form.clone(),
            error: Some(error),
        };
        render_page_at(&state, &parts, "/staff/campaigns", page, status)
    };
    let campaign = match form.validate() {
        Ok(campaign) => campaign,
        Err(error) => return refused(error, StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    match create_campaign(
        &state.db,
        &state.audit_key,
        &member,
        &campaign,
        now_millis(),
    )
    .await
    {
        Ok(_) => see_other("/staff/campaigns"),
        Err(VisitError::Forbidden) => {
            let error = Text::new(
                "只有本所所长可以发起活动。",
                "Only the station's leader starts a campaign.",
            );
            refused(error, StatusCode::FORBIDDEN).await
        }
        Err(error) => refused(text_of(&error), status_of(&state, &error)).await,
    }
}
