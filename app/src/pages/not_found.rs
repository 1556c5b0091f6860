//! The 404 page: says what happened and offers a way forward.

use super::home::StationList;
use crate::i18n::{Lang, Text, messages as m, use_lang};
use crate::stations::api::list_stations;
use leptos::prelude::*;
use leptos_meta::Title;

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

#[component]
pub fn NotFound() -> impl IntoView {
    set_not_found_status();
    let lang = use_lang();
    view! {
        <Title text=m::NOT_FOUND_TITLE.get(lang) />
        <section class="notice" data-page="not-found">
            <h1>{m::NOT_FOUND_TITLE.get(lang)}</h1>
            <p>{m::NOT_FOUND_BODY.get(lang)}</p>
            <p>
                <a class="button" href={crate::paths::HOME.as_str()}>{m::NOT_FOUND_HOME.get(lang)}</a>
            </p>
        </section>
    }
}

/// A page's title and a paragraph saying what happened, as a notice.
#[component]
pub fn Notice(title: Text, body: Text, lang: Lang) -> impl IntoView {
    view! {
        <Title text=title.get(lang) />
        <section class="notice">
            <h1>{title.get(lang)}</h1>
            <p>{body.get(lang)}</p>
        </section>
    }
}

/// A 404 for an unknown station or officer: says what is missing and lists the stations,
/// so a resident with a mistyped address still gets somewhere.
#[component]
pub fn NotFoundWithStations(title: Text, body: Text, lang: Lang) -> impl IntoView {
    set_not_found_status();
    let stations = Resource::new(|| (), |_| list_stations());
    view! {
        <Notice title body lang />
        <Suspense>
            {move || Suspend::new(async move {
                stations.await.ok().map(|list| view! { <StationList stations=list lang /> })
            })}
        </Suspense>
    }
}
