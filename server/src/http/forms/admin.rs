//! POST `/staff/admin/{action}`: the admin page's forms. Accepted: 303 back to the page.
//! Refused: the page again with the error above the form (422), or 403 for anyone but
//! an admin.

use crate::http::edge::{Accepted, Form, Refusal, Shown, Staff, nothing_here};
use app::admin::store::{AdminError, apply, is_admin};
use app::admin::{AdminAction, AdminPageState, parse};
use app::db::now_millis;
use app::i18n::Text;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;

const PAGE: &str = app::paths::STAFF_ADMIN.as_str();

type Refused = Refusal<AdminPageState>;

pub async fn act(
    State(state): State<AppState>,
    Staff(member): Staff,
    Path(action): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, Refused> {
    let page = |error: Option<Text>| AdminPageState {
        action: action.clone(),
        error,
        issued_key: None,
    };
    if !is_admin(&member) {
        return Err(Refusal::forbidden(page(None)).at(PAGE));
    }
    if action == "api-key" || action == "api-key-revoke" {
        return api_key(&state, &member, &action, &form).await;
    }
    let change =
        parse(&action, &form).map_err(|error| Refusal::invalid(page(Some(error))).at(PAGE))?;
    let holidays = matches!(change, AdminAction::Holidays(_));
    apply(&state.db, &state.audit_key, &member, change, now_millis())
        .await
        .map_err(|error| {
            match error {
                AdminError::Forbidden => Refusal::forbidden(page(None)),
                AdminError::Refused(error) => Refusal::invalid(page(Some(error))),
                AdminError::Database(error) => {
                    Refusal::failed(&state, &error, "an admin change", page(Some(save_failed())))
                }
            }
            .at(PAGE)
        })?;
    if holidays {
        state.calendar.invalidate();
    }
    Ok(Accepted::to(PAGE).into_response())
}

/// Issues an Open311 key (the answer is the admin page showing it, once, `no-store`) or
/// revokes one (303 back).
async fn api_key(
    state: &AppState,
    member: &app::staff::StaffMember,
    action: &str,
    form: &HashMap<String, String>,
) -> Result<Response, Refused> {
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
        // Not a number names no key: the same answer as an unknown one.
        let Some(id) = form.get("id").and_then(|id| id.trim().parse().ok()) else {
            return Ok(nothing_here());
        };
        revoke_key(&state.db, &state.audit_key, actor, id, now_millis())
            .await
            .map(|()| None)
    };
    match outcome {
        Ok(Some(key)) => Ok(Shown::once(page(None, Some(key))).at(PAGE).into_response()),
        Ok(None) => Ok(Accepted::to(PAGE).into_response()),
        Err(ApiKeyError::BadName) => {
            let error = Text::new(
                "请填写使用方名称（100 字以内）。",
                "Name who the key is for (up to 100 characters).",
            );
            Err(Refusal::invalid(page(Some(error), None)).at(PAGE))
        }
        Err(ApiKeyError::NotFound) => Ok(nothing_here()),
        Err(ApiKeyError::Database(error)) => {
            let page = page(Some(save_failed()), None);
            Err(Refusal::failed(state, &error, "an API key change", page).at(PAGE))
        }
    }
}

/// The note above a form whose change could not be stored.
fn save_failed() -> Text {
    app::i18n::messages::SAVE_FAILED
}
