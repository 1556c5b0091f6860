//! The staff member behind a workspace POST.

use app::staff::StaffMember;
use app::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};

/// The fully signed-in staff member (password and, where required, the second factor).
/// Anyone else goes to the sign-in page; a database failure answers its status.
pub struct Staff(pub StaffMember);

impl FromRequestParts<AppState> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match state.staff_member(parts).await {
            Ok(Some(member)) if member.fully_signed_in() => Ok(Staff(member)),
            Ok(_) => Err(Redirect::to(app::paths::STAFF_LOGIN.as_str()).into_response()),
            Err(error) => Err(state
                .db
                .failed(&error, "loading the session")
                .status()
                .into_response()),
        }
    }
}
