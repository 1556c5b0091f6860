//! Printing: `/staff/officers` (the officers whose cards the caller may print),
//! `/staff/officers/{badge}/card` (one card, QR code to `/o/{badge}`) and
//! `/staff/service-codes` (issue a sheet of one-time codes, shown once, to print).

use crate::components::form_errors::refusal_summary;
use crate::components::staff_frame::{StaffNav, after_sign_in, load_error, signed_in, staff_page};
use crate::i18n::{Lang, messages as m, use_lang};
use crate::printing::api::{officer_qr_card, printable_stations};
use crate::printing::{CodeBatchState, IssuedSheet, PrintableStation};
use crate::ratings::ServiceType;
use crate::staff::api::current_staff;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn OfficersPage() -> impl IntoView {
    let stations = Resource::new(|| (), |_| after_sign_in(printable_stations()));
    staff_page(m::PRINT_OFFICERS_TITLE, stations, |_, stations, lang| {
        view! {
            <p>{m::PRINT_OFFICERS_INTRO.get(lang)}</p>
            <p><a class="button button--secondary" href={crate::paths::STAFF_SERVICE_CODES.as_str()}>{m::PRINT_CODES_TITLE.get(lang)}</a></p>
            {stations.into_iter().map(|station| view! {
                <section aria-labelledby=format!("officers-{}", station.slug)>
                    <h2 id=format!("officers-{}", station.slug)>{station.name.get(lang).to_string()}</h2>
                    <ul class="officer-links">
                        {station.officers.into_iter().map(|(badge, name)| view! {
                            <li>
                                <a href=crate::paths::STAFF_OFFICER_CARD.to(&[&badge])>
                                    {name.get(lang).to_string()} " · " {badge.clone()}
                                </a>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }).collect_view()}
        }
        .into_any()
    })
}

#[component]
pub fn OfficerCardPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let card = Resource::new(
        move || params.read().get("badge").unwrap_or_default(),
        |badge| after_sign_in(officer_qr_card(badge)),
    );
    let staff = Resource::new(|| (), |_| current_staff());
    view! {
        <Meta name="robots" content="noindex" />
        <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
            {move || Suspend::new(async move {
                if let Err(view) = signed_in(staff.await, lang) {
                    return view;
                }
                match card.await {
                    Ok(card) => view! {
                        <Title text=format!("{} {}", m::PRINT_CARD_TITLE.get(lang), card.officer.badge) />
                        <article class="print-card">
                            <h1 class="print-card__title">{m::PRINT_CARD_HEADING.get(lang)}</h1>
                            <p class="print-card__name">{card.officer.name.get(lang).to_string()}</p>
                            <p>{m::PRINT_BADGE.get(lang)} " " <strong>{card.officer.badge.clone()}</strong></p>
                            <p>{card.officer.station_name.get(lang).to_string()}</p>
                            <div class="qr" role="img" aria-label=m::PRINT_QR_LABEL.get(lang) inner_html=card.qr_svg></div>
                            <p class="print-card__url">{card.url}</p>
                        </article>
                        <p class="no-print"><a href={crate::paths::STAFF_OFFICERS.as_str()}>{m::PRINT_OFFICERS_TITLE.get(lang)}</a></p>
                    }
                    .into_any(),
                    Err(error) => load_error(error, lang),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ServiceCodesPage() -> impl IntoView {
    let lang = use_lang();
    let staff = Resource::new(|| (), |_| current_staff());
    let stations = Resource::new(|| (), |_| after_sign_in(printable_stations()));
    let state = use_context::<CodeBatchState>().unwrap_or_default();
    view! {
        <Meta name="robots" content="noindex" />
        <Title text=m::PRINT_CODES_TITLE.get(lang) />
        <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
            {move || {
                let state = state.clone();
                Suspend::new(async move {
                    let member = match signed_in(staff.await, lang) {
                        Ok(member) => member,
                        Err(view) => return view,
                    };
                    if let Some(sheet) = state.issued.clone() {
                        return view! { <Sheet sheet lang /> }.into_any();
                    }
                    let body = match stations.await {
                        Ok(stations) => view! { <BatchForm stations state lang /> }.into_any(),
                        Err(error) => load_error(error, lang),
                    };
                    view! {
                        <StaffNav member lang />
                        <h1>{m::PRINT_CODES_TITLE.get(lang)}</h1>
                        <p>{m::PRINT_CODES_INTRO.get(lang)}</p>
                        {body}
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}

#[component]
fn BatchForm(stations: Vec<PrintableStation>, state: CodeBatchState, lang: Lang) -> AnyView {
    let form = state.form.clone();
    let count = if form.count.is_empty() {
        "20".to_string()
    } else {
        form.count.clone()
    };
    let days = if form.valid_days.is_empty() {
        "30".to_string()
    } else {
        form.valid_days.clone()
    };
    view! {
        <form class="form" method="post" action={crate::paths::STAFF_SERVICE_CODES.as_str()} novalidate>
            {refusal_summary(state.error, lang)}
            <div class="field">
                <label for="station">{m::REQUEST_STATION_LABEL.get(lang)}</label>
                <select id="station" name="station">
                    {stations.iter().map(|s| view! {
                        <option value=s.slug.clone() selected=form.station == s.slug>{s.name.get(lang).to_string()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="officer">{m::PRINT_CODES_OFFICER.get(lang)}</label>
                <select id="officer" name="officer">
                    <option value="">{m::PRINT_CODES_ANY_OFFICER.get(lang)}</option>
                    {stations.iter().flat_map(|s| s.officers.clone()).map(|(badge, name)| view! {
                        <option value=badge.clone() selected=form.officer == badge>
                            {format!("{} · {badge}", name.get(lang))}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="service_type">{m::RATE_SERVICE_LABEL.get(lang)}</label>
                <select id="service_type" name="service_type">
                    {ServiceType::ALL.iter().map(|t| view! {
                        <option value=t.code() selected=form.service_type == t.code()>{t.label().get(lang)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="count">{m::PRINT_CODES_COUNT.get(lang)}</label>
                <input id="count" name="count" type="number" inputmode="numeric" min="1" max="200" value=count />
            </div>
            <div class="field">
                <label for="valid_days">{m::PRINT_CODES_DAYS.get(lang)}</label>
                <input id="valid_days" name="valid_days" type="number" inputmode="numeric" min="1" max="31" value=days />
            </div>
            <button type="submit" class="button">{m::PRINT_CODES_SUBMIT.get(lang)}</button>
        </form>
    }
    .into_any()
}

#[component]
fn Sheet(sheet: IssuedSheet, lang: Lang) -> AnyView {
    view! {
        <Title text=m::PRINT_CODES_TITLE.get(lang) />
        <div class="no-print notice notice--success" role="status">
            <h1>{m::PRINT_CODES_ISSUED.get(lang)}</h1>
            <p>{m::PRINT_CODES_ONCE.get(lang)}</p>
        </div>
        <ul class="slips">
            {sheet.slips.into_iter().map(|slip| view! {
                <li class="slip">
                    <div class="qr" role="img" aria-label=m::PRINT_QR_LABEL.get(lang) inner_html=slip.qr_svg></div>
                    <p class="slip__text">
                        {m::PRINT_SLIP_TEXT.get(lang)}<br />
                        <strong class="slip__code">{slip.code}</strong><br />
                        <span class="slip__meta">
                            {sheet.station.clone()}
                            {sheet.officer.clone().map(|badge| format!(" · {badge}"))}
                            " · " {sheet.service_type.label().get(lang)}
                            " · " {m::PRINT_VALID_UNTIL.get(lang)} " " {sheet.expires_on.clone()}
                        </span>
                    </p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
