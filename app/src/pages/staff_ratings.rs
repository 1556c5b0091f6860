//! `/staff/ratings`: per-officer figures, internal only. An officer sees their own month
//! and its 12-month trend; a leader every officer of the station. Never public.

use crate::components::charts::{TrendChart, interval, percent};
use crate::components::report_view::month_label;
use crate::components::staff_frame::{after_sign_in, staff_page};
use crate::i18n::{Lang, messages as m};
use crate::reports::api::officer_figures;
use crate::reports::officers::{OfficerFigures, OfficerMonth};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffRatingsPage() -> impl IntoView {
    let query = use_query_map();
    let month = move || query.read().get("month");
    let data = Resource::new(month, |month| after_sign_in(officer_figures(month)));
    staff_page(
        m::STAFF_RATINGS_TITLE,
        data,
        |_, figures: OfficerFigures, lang| view! { <Figures figures lang /> }.into_any(),
    )
}

#[component]
fn OfficerTable(officers: Vec<OfficerMonth>, lang: Lang) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="figures-table">
                <thead>
                    <tr>
                        <th scope="col">{m::STAFF_OFFICER.get(lang)}</th>
                        <th scope="col">{m::REPORTS_RATINGS.get(lang)}</th>
                        <th scope="col">{m::REPORTS_VERIFIED.get(lang)}</th>
                        <th scope="col">{m::REPORTS_GOOD_RATE.get(lang)}</th>
                        <th scope="col">{m::REPORTS_INTERVAL.get(lang)}</th>
                        <th scope="col">{m::STAFF_RATINGS_BAD.get(lang)}</th>
                        <th scope="col">{m::REPORT_COMMENDATIONS.get(lang)}</th>
                        <th scope="col">{m::REPORT_CODES_DETAIL.get(lang)}</th>
                    </tr>
                </thead>
                <tbody>
                    {officers.into_iter().map(|o| view! {
                        <tr data-badge=o.badge.clone()>
                            <th scope="row">{lang.pick(&o.name_zh, &o.name_en).to_string()} {lang.bracket(o.badge.clone())}</th>
                            <td>{o.ratings.n}</td>
                            <td>{o.verified}</td>
                            <td>{percent(o.ratings.good_rate)}</td>
                            <td>{interval(o.ratings.good_rate_low, o.ratings.good_rate_high)}</td>
                            <td>{o.ratings.dissatisfied + o.ratings.very_dissatisfied}</td>
                            <td>{o.commendations}</td>
                            <td data-figure="codes">{o.codes_redeemed} " / " {o.codes_issued}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Figures(figures: OfficerFigures, lang: Lang) -> impl IntoView {
    let shown = figures.month.clone();
    let months = figures.months.clone();
    view! {
        <p class="hint">{m::STAFF_RATINGS_INTRO.get(lang)}</p>
        <form method="get" action={crate::paths::STAFF_RATINGS.as_str()} class="month-picker">
            <label for="month">{m::REPORTS_MONTH.get(lang)}</label>
            <select id="month" name="month">
                {months.into_iter().map(|m| view! { <option value=m.clone() selected=m == shown>{month_label(&m, lang)}</option> }).collect_view()}
            </select>
            <button type="submit">{m::REPORTS_SHOW.get(lang)}</button>
        </form>
        <h2>{month_label(&figures.month, lang)}</h2>
        {figures.own.map(|(own, trend)| view! {
            <section aria-labelledby="own">
                <h3 id="own">{m::STAFF_RATINGS_OWN.get(lang)}</h3>
                <OfficerTable officers=vec![own] lang />
                <figure>
                    <TrendChart points=trend.clone() title=m::REPORT_TREND.get(lang).to_string() description=m::REPORT_TREND_DESC.get(lang).to_string() id="own-trend" />
                </figure>
                <table class="figures-table">
                    <caption>{m::REPORT_TREND.get(lang)}</caption>
                    <tbody>
                        {trend.into_iter().map(|p| view! {
                            <tr><th scope="row">{month_label(&p.month, lang)}</th><td>{p.n}</td><td>{percent(p.good_rate)}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        })}
        {figures.stations.into_iter().map(|(zh, en, officers)| view! {
            <section>
                <h3>{lang.pick(&zh, &en).to_string()}</h3>
                <OfficerTable officers lang />
            </section>
        }).collect_view()}
    }
}
