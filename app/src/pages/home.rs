//! The home page: what OpenDoor is for, and the stations.

use crate::components::description::Description;
use crate::i18n::{Lang, messages as m, use_lang};
use crate::stations::{StationSummary, api::list_stations};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let stations = Resource::new(|| (), |_| list_stations());
    view! {
        <Description text=m::DESC_HOME lang />
        <Title text="" />
        <section class="intro">
            <h1>{m::HOME_TITLE.get(lang)}</h1>
            <p>{m::HOME_INTRO.get(lang)}</p>
        </section>
        <nav class="actions" aria-label=m::HOME_ACTIONS.get(lang)>
            <a class="action" href={crate::paths::REQUEST_NEW.as_str()}>{m::HOME_ACTION_REQUEST.get(lang)}</a>
            <a class="action" href={crate::paths::TRACK.as_str()}>{m::HOME_ACTION_TRACK.get(lang)}</a>
            <a class="action" href={crate::paths::RATE.as_str()}>{m::HOME_ACTION_CODE.get(lang)}</a>
            <a class="action" href={crate::paths::REPORTS.as_str()}>{m::REPORTS_TITLE.get(lang)}</a>
        </nav>
        <section aria-labelledby="stations-heading">
            <h2 id="stations-heading">{m::HOME_STATIONS.get(lang)}</h2>
            <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
                {move || Suspend::new(async move {
                    match stations.await {
                        Ok(list) => view! { <StationList stations=list lang /> }.into_any(),
                        Err(error) => crate::pages::status::load_failed(&error, lang),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Station cards linking to each station's page.
#[component]
pub fn StationList(stations: Vec<StationSummary>, lang: Lang) -> impl IntoView {
    if stations.is_empty() {
        return view! { <p>{m::HOME_NO_STATIONS.get(lang)}</p> }.into_any();
    }
    view! {
        <ul class="cards">
            {stations
                .into_iter()
                .map(|station| {
                    view! {
                        <li class="card">
                            <a class="card__link" href=crate::paths::STATION.to(&[&station.slug])>
                                <span class="card__title">{station.name.get(lang).to_string()}</span>
                                <span class="card__meta">{station.address.get(lang).to_string()}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
