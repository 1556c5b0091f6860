//! `/o/{badge}`: rate an officer, reached from the QR code on their card.

use super::not_found::NotFoundWithStations;
use crate::components::description::Description;
use crate::components::rating_form::RatingFormView;
use crate::i18n::{Lang, messages as m, use_lang};
use crate::stations::OfficerCard;
use crate::stations::api::get_officer;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RateOfficerPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let badge = move || params.read().get("badge").unwrap_or_default();
    let officer = Resource::new(badge, get_officer);
    view! {
        <Description text=m::DESC_OFFICER lang />
        <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
            {move || Suspend::new(async move {
                match officer.await {
                    Ok(Some(card)) => view! { <OfficerRating card lang /> }.into_any(),
                    Ok(None) => {
                        view! {
                            <NotFoundWithStations
                                title=m::OFFICER_NOT_FOUND_TITLE
                                body=m::OFFICER_NOT_FOUND_BODY
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
fn OfficerRating(card: OfficerCard, lang: Lang) -> impl IntoView {
    let name = card.name.get(lang).to_string();
    let label = name.clone();
    view! {
        <Title text=m::RATE_OFFICER_TITLE.get(lang) />
        <h1>{m::RATE_OFFICER_TITLE.get(lang)}</h1>
        <section class="officer-card" aria-label=label>
            <p class="officer-card__name">{name}</p>
            <dl class="facts">
                <dt>{m::STATION_BADGE.get(lang)}</dt>
                <dd>{card.badge.clone()}</dd>
                <dt>{m::RATE_STATION.get(lang)}</dt>
                <dd>
                    <a href=crate::paths::STATION.to(&[&card.station_slug])>{card.station_name.get(lang).to_string()}</a>
                </dd>
                {card
                    .office_name
                    .as_ref()
                    .map(|office| {
                        view! {
                            <dt>{m::RATE_OFFICE.get(lang)}</dt>
                            <dd>{office.get(lang).to_string()}</dd>
                        }
                    })}
            </dl>
        </section>
        <p>{m::RATE_INTRO.get(lang)}</p>
        <RatingFormView action=crate::paths::OFFICER.to(&[&card.badge]) lang ask_service=true />
    }
}
