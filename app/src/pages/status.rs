//! A page's HTTP status, set while it renders on the server: the page decides it from
//! what it found (404 for an unknown station) or the error it could not load past.

use crate::i18n::{Lang, messages as m};
use leptos::prelude::*;

/// Sets the response status when rendered on the server.
pub fn set_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(status),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// What a page shows when its data could not be loaded, at the status the error carries
/// (503 while the database cannot serve, 500 for a fault).
pub fn load_failed(error: &crate::error::AppError, lang: Lang) -> AnyView {
    set_status(error.http_status());
    view! { <p class="error">{m::LOAD_FAILED.get(lang)}</p> }.into_any()
}

/// Sets the response status to 404 when rendered on the server.
pub fn set_not_found_status() {
    set_status(404);
}
