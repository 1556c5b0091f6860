//! POST `/staff/cases/{reference}/{action}`: the case page's forms. The session is read
//! first (none: back to sign-in), the form is parsed into an action, and the action runs
//! with the rights check inside its transaction. Accepted: 303 back to the case page.
//! Refused input: the case page again with what was typed and the error (422). Not the
//! caller's case: 404; theirs to see but not to change: 403. `contact` (with a reason)
//! answers with the case page showing the contact details, once, `no-store`.

use super::{accepted, failed_status, read_request, render_page_at, staff_or_answer};
use app::cases::Reference;
use app::db::now_millis;
use app::state::AppState;
use app::workspace::actions::{ActionError, CaseActionForm, CaseActionState};
use app::workspace::store::{ApplyError, Context, apply};
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub async fn act(
    State(state): State<AppState>,
    Path((reference, action)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (parts, form): (_, CaseActionForm) = read_request(request).await;
    let member = match staff_or_answer(&state, &parts).await {
        Ok(member) => member,
        Err(answer) => return answer,
    };
    let Some(reference) = Reference::parse(reference.trim()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let page = format!("/staff/cases/{reference}");
    let refused = |error: ActionError, status: StatusCode| {
        let form_state = CaseActionState {
            action: action.clone(),
            form: form.clone(),
            error: Some(error),
        };
        render_page_at(&state, &parts, &page, form_state, status)
    };
    if action == "contact" {
        return reveal(&state, &parts, &member, &reference, &page, &form.reason).await;
    }
    let parsed = match form.parse(&action) {
        Ok(parsed) => parsed,
        Err(ActionError::UnknownAction) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return refused(error, StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    let calendar = match state.calendar.get(state.db.reader()).await {
        Ok(calendar) => calendar,
        Err(error) => {
            let status = failed_status(&state, &error, "loading the calendar");
            return refused(ActionError::SaveFailed, status).await;
        }
    };
    let cx = Context {
        db: &state.db,
        key: &state.audit_key,
        calendar: &calendar,
        member: &member,
        now: now_millis(),
    };
    match apply(&cx, &reference, parsed).await {
        Ok(()) => accepted(&parts, &page),
        // The page itself says what is wrong (it renders the 404 notice for a case the
        // caller may not see).
        Err(ApplyError::NotFound) => {
            let nothing = CaseActionState::default();
            render_page_at(&state, &parts, &page, nothing, StatusCode::NOT_FOUND).await
        }
        Err(ApplyError::Forbidden) => {
            let nothing = CaseActionState::default();
            render_page_at(&state, &parts, &page, nothing, StatusCode::FORBIDDEN).await
        }
        Err(ApplyError::Refused(error)) => refused(error, StatusCode::UNPROCESSABLE_ENTITY).await,
        Err(ApplyError::Database(error)) => {
            let status = failed_status(&state, &error, "a case action");
            refused(ActionError::SaveFailed, status).await
        }
    }
}

/// Shows the resident's contact details to a caller who may see them and gave a reason;
/// the look is in the audit log before the page is.
async fn reveal(
    state: &AppState,
    parts: &axum::http::request::Parts,
    member: &app::staff::StaffMember,
    reference: &Reference,
    page: &str,
    reason: &str,
) -> Response {
    use app::pages::staff_case::RevealedContact;
    use app::workspace::store::reveal_contact;
    let calendar = match state.calendar.get(state.db.reader()).await {
        Ok(calendar) => calendar,
        Err(error) => return failed_status(state, &error, "loading the calendar").into_response(),
    };
    let cx = Context {
        db: &state.db,
        key: &state.audit_key,
        calendar: &calendar,
        member,
        now: now_millis(),
    };
    let refused = |error: ActionError| CaseActionState {
        action: "contact".into(),
        form: app::workspace::actions::CaseActionForm {
            reason: reason.to_string(),
            ..Default::default()
        },
        error: Some(error),
    };
    match reveal_contact(&cx, reference, reason).await {
        Ok(details) => {
            let mut response =
                render_page_at(state, parts, page, RevealedContact(details), StatusCode::OK).await;
            response.headers_mut().insert(
                axum::http::header::CACHE_CONTROL,
                axum::http::HeaderValue::from_static("no-store"),
            );
            response
        }
        Err(ApplyError::Refused(error)) => {
            render_page_at(
                state,
                parts,
                page,
                refused(error),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(ApplyError::NotFound) => {
            let nothing = CaseActionState::default();
            render_page_at(state, parts, page, nothing, StatusCode::NOT_FOUND).await
        }
        Err(ApplyError::Forbidden) => {
            let nothing = CaseActionState::default();
            render_page_at(state, parts, page, nothing, StatusCode::FORBIDDEN).await
        }
        Err(ApplyError::Database(error)) => {
            let status = failed_status(state, &error, "showing contact details");
            render_page_at(state, parts, page, refused(ActionError::SaveFailed), status).await
        }
    }
}
