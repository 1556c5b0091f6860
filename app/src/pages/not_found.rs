//! The 404 page: says what happened and offers a way forward.

use super::home::StationList;
use super::status::set_not_found_status;

use crate::components::description::Description;
use crate::i18n::{Lang, Text, messages as m, use_lang};
use crate::stations::api::list_stations;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    set_not_found_status();
    let lang = use_lang();
    view! {
        <Description text=m::DESC_NOT_FOUND lang />
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
