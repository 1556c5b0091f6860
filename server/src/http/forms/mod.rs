//! The forms' POST handlers. They work without JavaScript: an accepted submission is
//! answered with 303 to the next page (a reload does not resubmit); a refused one renders
//! the same page again with what was typed and the errors inline (422), or with a
//! friendly note when the client is over a rate limit (429) or the database cannot
//! serve (503). The enhanced form island sends the same POSTs and gets the same answers.
//! Each handler takes its form and caller through the extractors of [`super::edge`] and
//! answers `Result<Accepted, Refusal<State>>`.

pub mod admin;
pub mod cases;
pub mod mail;
pub mod printing;
pub mod ratings;
pub mod reports;
pub mod requests;
pub mod show_code;
pub mod signals;
pub mod staff;
pub mod tracking;
pub mod visits;

use app::i18n::Lang;
use app::prefs::Prefs;
use axum::http::header;
use axum::http::request::Parts;

/// The page language from the preference cookie.
pub fn lang_of(parts: &Parts) -> Lang {
    parts
        .headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(Prefs::from_cookie_header)
        .unwrap_or_default()
        .lang
}
