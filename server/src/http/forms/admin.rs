//! POST `/staff/admin/{action}`: the admin page's forms. Accepted: 303 back to the page.
//! Refused: the page again with the error above the form (422), or 403 for anyone but
//! an admin.

use super::{failed_status, read_request, render_page_at, see_other, staff_or_answer};
use app::admin::store::{AdminError, apply, is_admin};
use app::admin::{AdminAction, AdminPageState, parse};
use app::db::now_millis;
use app::i18n::Text;
use app::state::AppState;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;

pub async fn act(
    State(state): State<AppState>,
    Path(action): Path<String>,
    request: Request,
) -> Response {
    let (parts, form): (_, HashMap<String, String>) = read_request(request).await;
    let member = match staff_or_answer(&state, &parts).await {
        Ok(member) => member,
        Err(answer) => return answer,
    };
    let refused = |error: Option<Text>, status: StatusCode| {
        let page = AdminPageState {
            action: action.clone(),
            error,
            issued_key: None,
        };
        render_page_at(&state, &parts, "/staff/admin", page, status)
    };
    if !is_admin(&member) {
        return refused(None, StatusCode::FORBIDDEN).await;
    }
    if action == "api-key" || action == "api-key-revoke" {
        return api_key(&state, &parts, &member, &action, &form).await;
    }
    let change = match parse(&action, &form) {
        Ok(change) => change,
        Err(error) => return refused(Some(error), StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    let holidays = matches!(change, AdminAction::Holidays(_));
    match apply(&state.db, &state.audit_key, &member, change, now_millis()).await {
        Ok(()) => {
            if holidays {
                state.calendar.invalidate();
            }
            see_other("/staff/admin")
        }
        Err(AdminError::Forbidden) => refused(None, StatusCode::FORBIDDEN).await,
        Err(AdminError::Refused(error)) => {
            refused(Some(error), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(AdminError::Database(error)) => {
            let status = failed_status(&state, &error, "an admin change");
            refused(Some(save_failed()), status).await
        }
    }
}

/// Issues an Open311 key (the answer is the admin page showing it, once, `no-store`) or
/// revokes one (303 back).
async fn api_key(
    state: &AppState,
    parts: &axum::http::request::Parts,
    member: &app::staff::StaffMember,
    action: &str,
    form: &HashMap<String, String>,
) -> Response {
    use app::admin::api_keys::{ApiKeyError, issue_key, revoke_key};
    let actor = app::audit::Entry {
        actor_account_id: Some(member.account_id),
        actor: &member.username,
        ..Default::default()
    };
    let page = |error: Option<Text>, issued_key: Option<String>| AdminPageState {
        action: action.to_string(),
        error,
        issued_key,
    };
    let outcome = if action == "api-key" {
        let name = form.get("name").map(String::as_str).unwrap_or_default();
        issue_key(&state.db, &state.audit_key, actor, name, now_millis())
            .await
            .map(Some)
    } else {
        let id = form.get("id").and_then(|id| id.parse().ok()).unwrap_or(0);
        revoke_key(&state.db, &state.audit_key, actor, id, now_millis())
            .await
            .map(|()| None)
    };
    match outcome {
        Ok(Some(key)) => {
            let mut response = render_page_at(
                state,
                parts,
                "/staff/admin",
                page(None, Some(key)),
                StatusCode::OK,
            )
            .await;
            response.headers_mut().insert(
                axum::http::header::CACHE_CONTROL,
                axum::http::HeaderValue::from_static("no-store"),
            );
            response
        }
        Ok(None) => see_other("/staff/admin"),
        Err(ApiKeyError::BadName) => {
            let error = Text::new(
                "请填写使用方名称（100 字以内）。",
                "Name who the key is for (up to 100 characters).",
            );
            render_page_at(
                state,
                parts,
                "/staff/admin",
                page(Some(error), None),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(ApiKeyError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(ApiKeyError::Database(error)) => {
            let status = failed_status(state, &error, "an API key change");
            render_page_at(
                state,
                parts,
                "/staff/admin",
                page(Some(save_failed()), None),
                status,
            )
            .await
        }
    }
}

/// The note above a form whose change could not be stored.
fn save_failed() -> Text {
    app::i18n::messages::SAVE_FAILED
}
