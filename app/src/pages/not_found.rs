//! The 404 page: says what happened and offers a way forward.

use crate::i18n::{messages as m, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the response status to 404 when rendered on the server.
pub fn set_not_found_status() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    set_not_found_status();
    let lang = use_lang();
    view! {
        <Title text=m::NOT_FOUND_TITLE.get(lang) />
        <section class="notice">
            <h1>{m::NOT_FOUND_TITLE.get(lang)}</h1>
            <p>{m::NOT_FOUND_BODY.get(lang)}</p>
            <p>
                <a class="button" href="/">{m::NOT_FOUND_HOME.get(lang)}</a>
            </p>
        </section>
    }
}
