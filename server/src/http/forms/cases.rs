//! POST `/staff/cases/{reference}/{action}`: the case page's forms. The session is read
//! first (none: back to sign-in), the form is parsed into an action, and the action runs
//! with the rights check inside its transaction. Accepted: 303 back to the case page.
//! Refused input: the case page again with what was typed and the error (422). Not the
//! caller's case: 404; theirs to see but not to change: 403. `contact` (with a reason)
//! answers with the case page showing the contact details, once, `no-store`.

use crate::http::edge::{Accepted, Form, Refusal, Shown, Staff, nothing_here};
use app::cases::Reference;
use app::db::now_millis;
use app::pages::staff_case::RevealedContact;
use app::state::AppState;
use app::workspace::actions::{ActionError, CaseActionForm, CaseActionState};
use app::workspace::store::{ApplyError, Context, apply, reveal_contact};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

type Refused = Refusal<CaseActionState>;

pub async fn act(
    State(state): State<AppState>,
    Staff(member): Staff,
    Path((reference, action)): Path<(String, String)>,
    Form(form): Form<CaseActionForm>,
) -> Result<Response, Refused> {
    // Not a reference: nothing at this address.
    let Some(reference) = Reference::parse(reference.trim()) else {
        return Ok(nothing_here());
    };
    let page = app::paths::STAFF_CASE.to(&[reference.as_ref()]);
    let refused = |error: ActionError| CaseActionState {
        action: action.clone(),
        form: form.clone(),
        error: Some(error),
    };
    let answer = |error: ApplyError, doing: &str| match error {
        // The page itself says what is wrong (it renders the 404 notice for a case the
        // caller may not see).
        ApplyError::NotFound => Refusal::not_found(CaseActionState::default()),
        ApplyError::Forbidden => Refusal::forbidden(CaseActionState::default()),
        ApplyError::Refused(error) => Refusal::invalid(refused(error)),
        ApplyError::Database(error) => {
            Refusal::failed(&state, &error, doing, refused(ActionError::SaveFailed))
        }
    };
    let calendar = state
        .calendar
        .get(state.db.reader())
        .await
        .map_err(|error| answer(ApplyError::Database(error), "loading the calendar").at(&page))?;
    let cx = Context {
        db: &state.db,
        key: &state.audit_key,
        calendar: &calendar,
        member: &member,
        now: now_millis(),
    };
    if action == "contact" {
        return reveal(&cx, &reference, &form.reason)
            .await
            .map(|shown| shown.at(&page).into_response())
            .map_err(|error| answer(error, "showing contact details").at(&page));
    }
    let parsed = match form.parse(&action) {
        Ok(parsed) => parsed,
        // No such form: nothing at this address.
        Err(ActionError::UnknownAction) => return Ok(nothing_here()),
        Err(error) => return Err(Refusal::invalid(refused(error)).at(&page)),
    };
    apply(&cx, &reference, parsed)
        .await
        .map_err(|error| answer(error, "a case action").at(&page))?;
    Ok(Accepted::to(page).into_response())
}

/// Shows the resident's contact details to a caller who may see them and gave a reason;
/// the look is in the audit log before the page is.
async fn reveal(
    cx: &Context<'_>,
    reference: &Reference,
    reason: &str,
) -> Result<Shown<RevealedContact>, ApplyError> {
    let details = reveal_contact(cx, reference, reason).await?;
    Ok(Shown::once(RevealedContact(details)))
}
