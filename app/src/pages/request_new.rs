//! `/request/new`: file a request (诉求). `?station=qishan` preselects a station.

use crate::components::description::Description;
use crate::components::request_form::{RequestFormState, RequestFormView};
use crate::i18n::{messages as m, use_lang};
use crate::stations::api::list_stations;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RequestNewPage() -> impl IntoView {
    let lang = use_lang();
    // A link from a station's page chooses that station, unless the form is coming back
    // with what the resident chose.
    if use_context::<RequestFormState>().is_none()
        && let Some(station) = use_query_map().read_untracked().get("station")
    {
        let mut state = RequestFormState::default();
        state.form.station = station;
        provide_context(state);
    }
    let stations = Resource::new(|| (), |_| list_stations());
    view! {
        <Description text=m::DESC_REQUEST_NEW lang />
        <Title text=m::REQUEST_TITLE.get(lang) />
        <h1>{m::REQUEST_TITLE.get(lang)}</h1>
        <p>{m::REQUEST_INTRO.get(lang)}</p>
        <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
            {move || Suspend::new(async move {
                match stations.await {
                    Ok(stations) => view! { <RequestFormView stations lang /> }.into_any(),
                    Err(error) => crate::pages::status::load_failed(&error, lang),
                }
            })}
        </Suspense>
    }
}
