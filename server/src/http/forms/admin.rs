//! POST `/staff/admin/{action}`: the admin page's forms. Accepted: 303 back to the page.
//! Refused: the page again with the error above the form (422), or 403 for anyone but
//! an admin.

use super::{read_request, render_page_at, see_other, staff_or_answer};
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
        };
        render_page_at(&state, &parts, "/staff/admin", page, status)
    };
    if !is_admin(&member) {
        return refused(None, StatusCode::FORBIDDEN).await;
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
            tracing::error!(%error, "an admin change failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
