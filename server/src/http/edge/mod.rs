//! The HTTP edge of every form: what a POST handler takes (its form, the staff member)
//! and what it answers (a redirect, or the page again with what was refused), so that a
//! handler reads `-> Result<Accepted, Refusal<State>>` and uses `?`:
//!
//! - [`Form`] reads the body: 413 when too large, 400 when unreadable, never an empty form.
//! - [`Staff`] is the fully signed-in staff member, else the sign-in page (or the status
//!   of the database failure that kept us from knowing).
//! - [`Accepted`] is 303 to the next page (a reload does not resubmit).
//! - [`Refusal`] renders the page again with the refused state and its status; the
//!   database failure's status comes from one map ([`app::db::Failure`]).
//!
//! [`answers`] is the middleware that turns a refusal into the rendered page (rendering
//! is asynchronous and needs the request, which `IntoResponse` has neither of) and
//! answers the enhanced form island's `fetch` with where to go instead of a 303.

mod accepted;
mod answers;
mod form;
mod refusal;
mod staff;

pub use accepted::Accepted;
pub use answers::answers;
pub use form::{Form, parse_form};
pub use refusal::{Refusal, Shown};
pub use staff::Staff;

/// 404 with no page: an address no form posts to (an unknown action, a path parameter
/// that names nothing of the kind).
pub fn nothing_here() -> axum::response::Response {
    axum::response::IntoResponse::into_response(axum::http::StatusCode::NOT_FOUND)
}
