//! A station's public page: address, offices and officers.

use super::not_found::NotFoundWithStations;
use crate::components::charts::{interval, percent};
use crate::components::description::Description;
use crate::components::rating_form::RatingFormView;
use crate::components::report_view::month_label;
use crate::i18n::{Lang, messages as m, use_lang};
use crate::reports::api::get_station_summary;
use crate::reports::model::StationSummary;
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
    let summary = Resource::new(slug, get_station_summary);
    view! {
        <Description text=m::DESC_STATION lang />
        <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
            {move || Suspend::new(async move {
                match station.await {
                    Ok(Some(detail)) => {
                        // The published figures are a part of the page, not a condition of it.
                        let summary = summary.await.ok().flatten();
                        view! { <StationView detail summary lang /> }.into_any()
                    }
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
fn StationView(
    detail: StationDetail,
    summary: Option<StationSummary>,
    lang: Lang,
) -> impl IntoView {
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
        {summary.map(|summary| view! { <Published summary slug=detail.slug.clone() lang /> })}
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

/// The latest published month's verified headline, and the last three months' "you said,
/// we did" and published commendations.
#[component]
fn Published(summary: StationSummary, slug: String, lang: Lang) -> impl IntoView {
    let v = summary.verified.clone();
    let month = summary.month.clone();
    view! {
        <section aria-labelledby="published-heading" class="station-figures">
            <h2 id="published-heading">{m::STATION_PUBLISHED.get(lang)} {lang.bracket(month_label(&month, lang))}</h2>
            <dl class="figures">
                <div>
                    <dt>{m::REPORTS_VERIFIED_RATE.get(lang)}</dt>
                    <dd class="figure" data-figure="station-good-rate">{percent(v.good_rate)}</dd>
                    <dd class="figure__note">{m::REPORTS_INTERVAL.get(lang)} " " {interval(v.good_rate_low, v.good_rate_high)}</dd>
                </div>
                <div><dt>{m::REPORTS_VERIFIED_N.get(lang)}</dt><dd class="figure" data-figure="station-verified">{v.n}</dd></div>
                <div><dt>{m::REPORTS_UNVERIFIED_N.get(lang)}</dt><dd class="figure" data-figure="station-unverified">{summary.unverified}</dd></div>
            </dl>
            <p>
                <a href=crate::paths::STATION_MONTH.to(&[&slug, &month])>{m::STATION_FULL_REPORT.get(lang)}</a>
                " · " <a href={crate::paths::REPORTS_METHOD.as_str()}>{m::METHOD_TITLE.get(lang)}</a>
            </p>
            {(!summary.said_did.is_empty()).then(|| view! {
                <h3>{m::REPORT_SAID_DID.get(lang)}</h3>
                <ol class="said-did" id="station-said-did">
                    {summary.said_did.iter().map(|(month, item)| view! {
                        <li>
                            <p class="case-card__meta">{month_label(month, lang)}</p>
                            <p><strong>{m::REPORT_SAID.get(lang)} {lang.colon()}</strong>{item.said.clone()}</p>
                            <p><strong>{m::REPORT_DID.get(lang)} {lang.colon()}</strong>{item.did.clone()}</p>
                        </li>
                    }).collect_view()}
                </ol>
            })}
            {(!summary.commendations.is_empty()).then(|| view! {
                <h3>{m::REPORT_COMMENDATIONS.get(lang)}</h3>
                <ul class="commendations" id="station-commendations">
                    {summary.commendations.iter().map(|(month, c)| view! {
                        <li>
                            {lang.pick(&c.name_zh, &c.name_en).to_string()}
                            {lang.bracket(format!("{} {}", m::STATION_BADGE.get(lang), c.badge))}
                            " · " {month_label(month, lang)} {lang.colon()} {c.n}
                        </li>
                    }).collect_view()}
                </ul>
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
