//! What every form shows above its fields after a refused submission: a summary that
//! links each error to its field, and problems that belong to no field (too many
//! submissions, a used code, the database unavailable).

use crate::i18n::{Lang, Text, messages as m};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A problem with the submission as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormProblem {
    /// The database was unavailable; nothing was stored.
    SaveFailed,
    /// The database was unavailable: the session could not be ended, and still holds.
    SignOutFailed,
    /// Too many submissions from here (or to this target); try again after this long.
    RateLimited { minutes: u64 },
    /// A rating from a browser signed in as staff: nobody rates as staff, least of all
    /// themselves.
    StaffSignedIn,
    /// A commendation from a browser signed in as staff.
    StaffCannotCommend,
}

impl FormProblem {
    pub fn message(self, lang: Lang) -> String {
        match self {
            FormProblem::SaveFailed => m::SAVE_FAILED.get(lang).to_string(),
            FormProblem::SignOutFailed => m::SIGN_OUT_FAILED.get(lang).to_string(),
            FormProblem::StaffSignedIn => m::RATE_STAFF_SIGNED_IN.get(lang).to_string(),
            FormProblem::StaffCannotCommend => m::COMMEND_STAFF_SIGNED_IN.get(lang).to_string(),
            FormProblem::RateLimited { minutes } => {
                format!(
                    "{}{minutes}{}",
                    m::RATE_LIMITED_BEFORE.get(lang),
                    m::RATE_LIMITED_AFTER.get(lang)
                )
            }
        }
    }
}

/// The summary at the top of a refused form. `errors` pairs each field's id with its
/// message; the links move focus to the field. Focusable, so the enhanced form can move
/// focus here after an answer comes back.
#[component]
pub fn ErrorSummary(
    problem: Option<FormProblem>,
    errors: Vec<(&'static str, Text)>,
    lang: Lang,
) -> impl IntoView {
    (problem.is_some() || !errors.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" tabindex="-1">
                <h2>{m::FORM_ERRORS_HEADING.get(lang)}</h2>
                <ul>
                    {problem.map(|p| view! { <li>{p.message(lang)}</li> })}
                    {errors
                        .into_iter()
                        .map(|(id, text)| {
                            view! {
                                <li>
                                    <a href=format!("#{id}")>{text.get(lang)}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// The summary at the top of a workspace form refused for one reason, or nothing.
pub fn refusal_summary(error: Option<Text>, lang: Lang) -> impl IntoView {
    error.map(|error| {
        view! {
            <div class="error-summary" role="alert" tabindex="-1">
                <h2>{m::FORM_ERRORS_HEADING.get(lang)}</h2>
                <p>{error.get(lang)}</p>
            </div>
        }
    })
}

/// The inline error under a field's label, or nothing.
pub fn field_error(id: &'static str, text: Option<Text>, lang: Lang) -> AnyView {
    text.map(|text| view! { <p class="field__error" id=format!("{id}-error")>{text.get(lang)}</p> })
        .into_any()
}

/// A fresh form token on the server, or the one the refused submission carried: one
/// per rendered form, so a double tap stores one record. A page that carries one is
/// never stored by a browser or a proxy (`no-store`): Back on a shared phone must not
/// bring the last resident's form, token and all, back.
pub fn form_token(previous: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            response.insert_header(
                http::header::CACHE_CONTROL,
                http::HeaderValue::from_static("no-store"),
            );
        }
        if previous.is_empty() {
            return crate::submissions::new_form_token();
        }
    }
    previous.to_string()
}
