//! A station's public page: address, offices and officers.

use super::not_found::NotFoundWithStations;
use crate::components::description::Description;
use crate::components::rating_form::RatingFormView;
use crate::i18n::{Lang, messages as m, use_lang};
use crate::stations::api::get_station;
use crate::stations::{OfficerSummary, StationDetail};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StationPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.read().get("station").unwrap_or_default();
    let station = Resource::new(slug, get_station);
    view! {
        <Description text=m::DESC_STATION lang />
        <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
            {move || Suspend::new(async move {
                match station.await {
                    Ok(Some(detail)) => view! { <StationView detail lang /> }.into_any(),
                    Ok(None) => {
                        view! {
                            <NotFoundWithStations
                                title=m::STATION_NOT_FOUND_TITLE
                                body=m::STATION_NOT_FOUND_BODY
                                lang
                            />
                        }
                            .into_any()
                    }
                    Err(error) => crate::pages::status::load_failed(&error, lang),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StationView(detail: StationDetail, lang: Lang) -> impl IntoView {
    let name = detail.name.get(lang).to_string();
    let no_officers = detail.offices.iter().all(|o| o.officers.is_empty())
        && detail.headquarters_officers.is_empty();
    view! {
        <Title text=name.clone() />
        <h1>{name}</h1>
        <dl class="facts">
            <dt>{m::STATION_ADDRESS.get(lang)}</dt>
            <dd>{detail.address.get(lang).to_string()}</dd>
            <dt>{m::STATION_PHONE.get(lang)}</dt>
            <dd>
                <a href=format!("tel:{}", detail.phone)>{detail.phone.clone()}</a>
            </dd>
        </dl>
        <nav class="actions" aria-label=m::HOME_ACTIONS.get(lang)>
            <a class="action" href=format!("{}?station={}", crate::paths::REQUEST_NEW, detail.slug)>
                {m::HOME_ACTION_REQUEST.get(lang)}
            </a>
            <a class="action" href={crate::paths::TRACK.as_str()}>{m::HOME_ACTION_TRACK.get(lang)}</a>
            <a class="action" href=crate::paths::STATION_REPORTS.to(&[&detail.slug])>{m::REPORTS_ARCHIVE_LINK.get(lang)}</a>
        </nav>
        <section id="rate" aria-labelledby="rate-heading">
            <h2 id="rate-heading">{m::RATE_STATION_HEADING.get(lang)}</h2>
            <p>{m::RATE_INTRO.get(lang)}</p>
            <RatingFormView action=crate::paths::STATION.to(&[&detail.slug]) lang ask_service=true />
        </section>
        <section aria-labelledby="offices-heading">
            <h2 id="offices-heading">{m::STATION_OFFICES.get(lang)}</h2>
            {no_officers.then(|| view! { <p>{m::STATION_NO_OFFICERS.get(lang)}</p> })}
            {detail
                .offices
                .into_iter()
                .map(|office| {
                    view! {
                        <section class="office">
                            <h3>{office.name.get(lang).to_string()}</h3>
                            <p class="office__area">
                                {m::STATION_AREA.get(lang)} {lang.colon()} {office.area.get(lang).to_string()}
                            </p>
                            <OfficerList officers=office.officers lang />
                        </section>
                    }
                })
                .collect_view()}
            {(!detail.headquarters_officers.is_empty())
                .then(|| {
                    view! {
                        <section class="office">
                            <h3>{m::STATION_UNASSIGNED.get(lang)}</h3>
                            <OfficerList officers=detail.headquarters_officers lang />
                        </section>
                    }
                })}
        </section>
    }
}

#[component]
fn OfficerList(officers: Vec<OfficerSummary>, lang: Lang) -> impl IntoView {
    view! {
        <ul class="officers">
            {officers
                .into_iter()
                .map(|officer| {
                    view! {
                        <li>
                            <span class="officer__name">{officer.name.get(lang).to_string()}</span>
                            <span class="officer__badge">
                                {m::STATION_BADGE.get(lang)} " " {officer.badge}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
