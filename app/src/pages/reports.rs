//! The public report pages: `/reports` (the bureau's stations side by side for a month),
//! `/s/{station}/reports` (a station's archive) and `/s/{station}/reports/{YYYY-MM}`
//! (a published month, any version). They show published snapshots only.

use super::not_found::Notice;
use super::status::set_not_found_status;
use crate::components::charts::{interval, percent};
use crate::components::description::Description;
use crate::components::report_view::{ReportBody, month_label};
use crate::i18n::{Lang, messages as m, use_lang};
use crate::reports::api::{bureau_report, station_archive, station_month};
use crate::reports::model::{BureauMonth, PublishedReport, StationRef};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn no_such_report(lang: Lang) -> AnyView {
    set_not_found_status();
    view! {
        <Notice title=m::REPORTS_NO_SUCH_TITLE body=m::REPORTS_NO_SUCH_BODY lang />
        <p><a class="button" href={crate::paths::REPORTS.as_str()}>{m::REPORTS_TITLE.get(lang)}</a></p>
    }
    .into_any()
}

#[component]
pub fn BureauReportsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let params = use_params_map();
    // `/reports/2026-10`, or the month picker's `/reports?month=2026-10`.
    let month = move || {
        params
            .read()
            .get("month")
            .or_else(|| query.read().get("month"))
    };
    let data = Resource::new(month, bureau_report);
    view! {
        <Description text=m::DESC_REPORTS lang />
        <Title text=m::REPORTS_TITLE.get(lang) />
        <h1>{m::REPORTS_TITLE.get(lang)}</h1>
        <p>{m::REPORTS_INTRO.get(lang)} " " <a href={crate::paths::REPORTS_METHOD.as_str()}>{m::METHOD_TITLE.get(lang)}</a></p>
        <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
            {move || Suspend::new(async move {
                // `/reports/{month}` names a month, or nothing.
                let named = params.read_untracked().get("month");
                if named.is_some_and(|m| crate::reports::Month::parse(&m).is_none()) {
                    return no_such_report(lang);
                }
                match data.await {
                    Ok(bureau) => view! { <BureauView bureau lang /> }.into_any(),
                    Err(error) => super::status::load_failed(&error, lang),
                }
            })}
        </Suspense>
    }
}

#[component]
fn BureauView(bureau: BureauMonth, lang: Lang) -> AnyView {
    if bureau.months.is_empty() {
        return view! { <p>{m::REPORTS_NONE_PUBLISHED.get(lang)}</p> }.into_any();
    }
    let month = bureau.month.clone();
    let stations = bureau.stations.len();
    let summed = bureau.summed;
    let report = bureau.report.clone();
    let downloads = report.is_some();
    view! {
        <form method="get" action={crate::paths::REPORTS.as_str()} class="month-picker">
            <label for="month">{m::REPORTS_MONTH.get(lang)}</label>
            <select id="month" name="month">
                {bureau.months.iter().map(|m| view! {
                    <option value=m.clone() selected=*m == month>{month_label(m, lang)}</option>
                }).collect_view()}
            </select>
            <button type="submit">{m::REPORTS_SHOW.get(lang)}</button>
        </form>
        <h2>{month_label(&bureau.month, lang)}</h2>
        <div class="table-scroll">
            <table class="figures-table" id="bureau-table">
                <thead>
                    <tr>
                        <th scope="col">{m::REPORTS_STATION.get(lang)}</th>
                        <th scope="col">{m::REPORTS_VERIFIED_N.get(lang)}</th>
                        <th scope="col">{m::REPORTS_VERIFIED_RATE.get(lang)}</th>
                        <th scope="col">{m::REPORTS_INTERVAL.get(lang)}</th>
                        <th scope="col">{m::REPORTS_UNVERIFIED_N.get(lang)}</th>
                        <th scope="col">{m::REPORTS_UNVERIFIED_RATE.get(lang)}</th>
                        <th scope="col">{m::REPORT_CASES_FILED.get(lang)}</th>
                        <th scope="col">{m::REPORT_ON_TIME.get(lang)}</th>
                    </tr>
                </thead>
                <tbody>
                    {bureau.stations.iter().map(|s| {
                        let name = lang.pick(&s.station.name_zh, &s.station.name_en).to_string();
                        match (&s.verified, &s.unverified, &s.cases) {
                                (Some(v), Some(u), Some(c)) => view! {
                                <tr>
                                    <th scope="row"><a href=crate::paths::STATION_MONTH.to(&[&s.station.slug, &bureau.month])>{name}</a></th>
                                    <td>{v.n}</td>
                                    <td>{percent(v.good_rate)}</td>
                                    <td>{interval(v.good_rate_low, v.good_rate_high)}</td>
                                    <td>{u.n}</td>
                                    <td>{percent(u.good_rate)}</td>
                                    <td>{c.filed}</td>
                                    <td>{percent(c.on_time_rate)}</td>
                                </tr>
                            }.into_any(),
                            _ => view! {
                                <tr>
                                    <th scope="row"><a href=crate::paths::STATION_REPORTS.to(&[&s.station.slug])>{name}</a></th>
                                    <td colspan="7">{m::REPORTS_NOT_PUBLISHED.get(lang)}</td>
                                </tr>
                            }.into_any(),
                        }
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{m::REPORTS_BUREAU_TOTAL.get(lang)}</th>
                        <td data-figure="bureau-verified">{bureau.total_verified.n}</td>
                        <td data-figure="bureau-good-rate">{percent(bureau.total_verified.good_rate)}</td>
                        <td>{interval(bureau.total_verified.good_rate_low, bureau.total_verified.good_rate_high)}</td>
                        <td data-figure="bureau-unverified">{bureau.total_unverified.n}</td>
                        <td>{percent(bureau.total_unverified.good_rate)}</td>
                        <td colspan="2"></td>
                    </tr>
                </tfoot>
            </table>
        </div>
        {downloads.then(|| view! {
            <p class="downloads">
                {m::REPORT_DOWNLOADS.get(lang)} ": "
                <a href=format!("{}.csv", crate::paths::REPORTS_MONTH.to(&[&month])) download="" data-download="bureau-csv">{m::REPORT_DOWNLOAD_CSV.get(lang)}</a>
                " · "
                <a href=format!("{}.json", crate::paths::REPORTS_MONTH.to(&[&month])) download="" data-download="bureau-json">{m::REPORTS_BUREAU_JSON.get(lang)}</a>
            </p>
        })}
        {report.map(|report| view! {
            <section class="bureau-report" aria-labelledby="bureau-report-heading">
                <h2 id="bureau-report-heading">{m::REPORTS_BUREAU_REPORT.get(lang)}</h2>
                <p data-figure="bureau-summed">{m::REPORTS_BUREAU_REPORT_NOTE.get(lang)} " " {summed} " / " {stations}</p>
                <ReportBody report lang />
            </section>
        })}
    }
    .into_any()
}

#[component]
pub fn StationArchivePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let slug = move || params.read().get("station").unwrap_or_default();
    let data = Resource::new(slug, station_archive);
    view! {
        <Description text=m::DESC_STATION_REPORTS lang />
        <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some((station, entries))) => {
                        let name = lang.pick(&station.name_zh, &station.name_en).to_string();
                        let title = format!("{name} · {}", m::REPORTS_ARCHIVE_TITLE.get(lang));
                        view! {
                            <Title text=title.clone() />
                            <h1>{title}</h1>
                            {entries.is_empty().then(|| view! { <p>{m::REPORTS_NONE_PUBLISHED.get(lang)}</p> })}
                            <ul class="archive">
                                {entries.into_iter().map(|e| view! {
                                    <li>
                                        <a href=crate::paths::STATION_MONTH.to(&[&station.slug, &e.month])>{month_label(&e.month, lang)}</a>
                                        " · " {m::REPORTS_VERIFIED_N.get(lang)} " " {e.verified.n}
                                        " · " {m::REPORTS_VERIFIED_RATE.get(lang)} " " {percent(e.verified.good_rate)}
                                        " · " {m::REPORTS_UNVERIFIED_N.get(lang)} " " {e.unverified.n}
                                        {(e.version > 1).then(|| format!(" · {} {}", m::REPORTS_VERSION.get(lang), e.version))}
                                    </li>
                                }).collect_view()}
                            </ul>
                            <p><a href=crate::paths::STATION.to(&[&station.slug])>{name}</a> " · " <a href={crate::paths::REPORTS.as_str()}>{m::REPORTS_TITLE.get(lang)}</a></p>
                        }.into_any()
                    }
                    Ok(None) => no_such_report(lang),
                    Err(error) => super::status::load_failed(&error, lang),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn StationMonthPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let p = params.read();
        let version = query.read().get("v").and_then(|v| v.parse::<i64>().ok());
        (
            p.get("station").unwrap_or_default(),
            p.get("month").unwrap_or_default(),
            version,
        )
    };
    let data = Resource::new(key, |(slug, month, version)| {
        station_month(slug, month, version)
    });
    view! {
        <Description text=m::DESC_STATION_MONTH lang />
        <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(published)) => view! { <PublishedView published lang /> }.into_any(),
                    Ok(None) => no_such_report(lang),
                    Err(error) => super::status::load_failed(&error, lang),
                }
            })}
        </Suspense>
    }
}

/// The station's name and the month, as a report's heading.
pub fn report_heading(station: &StationRef, month: &str, lang: Lang) -> String {
    format!(
        "{} · {} {}",
        lang.pick(&station.name_zh, &station.name_en),
        month_label(month, lang),
        m::REPORT_HEADING_SUFFIX.get(lang)
    )
}

#[component]
fn PublishedView(published: PublishedReport, lang: Lang) -> impl IntoView {
    let report = published.report;
    let heading = report_heading(&report.station, &report.month, lang);
    let base = crate::paths::STATION_MONTH.to(&[&report.station.slug, &report.month]);
    let latest = published
        .versions
        .last()
        .map(|v| v.version)
        .unwrap_or(report.version);
    let shown = report.version;
    let download = |ext: &str| {
        if shown == latest {
            format!("{base}.{ext}")
        } else {
            format!("{base}.{ext}?v={shown}")
        }
    };
    view! {
        <Title text=heading.clone() />
        <article class="report">
            <h1>{heading}</h1>
            <dl class="report-meta">
                <dt>{m::REPORTS_VERSION.get(lang)}</dt>
                <dd data-figure="version">{report.version}</dd>
                <dt>{m::REPORT_PUBLISHED_AT.get(lang)}</dt>
                <dd>{report.published_at.get(..16).unwrap_or(&report.published_at).replace('T', " ")}</dd>
                <dt>"SHA-256"</dt>
                <dd><code class="hash" data-figure="sha256">{published.sha256.clone()}</code></dd>
            </dl>
            <p class="hint">{m::REPORT_HASH_HELP.get(lang)}</p>
            {(!report.note.is_empty()).then(|| view! {
                <section class="correction" aria-labelledby="correction">
                    <h2 id="correction">{m::REPORT_CORRECTION_NOTE.get(lang)}</h2>
                    <p>{report.note.clone()}</p>
                </section>
            })}
            {(published.versions.len() > 1).then(|| view! {
                <nav class="versions" aria-labelledby="versions">
                    <h2 id="versions">{m::REPORT_VERSIONS.get(lang)}</h2>
                    <ol>
                        {published.versions.iter().map(|v| {
                            let href = if v.version == latest { base.clone() } else { format!("{base}?v={}", v.version) };
                            let current = (v.version == shown).then_some("page");
                            view! {
                                <li>
                                    <a href=href aria-current=current>{m::REPORTS_VERSION.get(lang)} " " {v.version}</a>
                                    " · " {v.published_at.get(..10).unwrap_or(&v.published_at).to_string()}
                                    {(v.version == latest).then(|| lang.bracket(m::REPORT_LATEST.get(lang)))}
                                    {(!v.note.is_empty()).then(|| format!(" · {}", v.note))}
                                    <br /><code class="hash">{v.sha256.clone()}</code>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </nav>
            })}
            <ReportBody report=report.clone() lang />
            <section class="downloads" aria-labelledby="downloads">
                <h2 id="downloads">{m::REPORT_DOWNLOADS.get(lang)}</h2>
                <ul>
                    <li><a href=download("csv") download="">{m::REPORT_DOWNLOAD_CSV.get(lang)}</a></li>
                    <li><a href=download("json") download="">{m::REPORT_DOWNLOAD_JSON.get(lang)}</a></li>
                </ul>
                <p>
                    <a href=crate::paths::STATION_REPORTS.to(&[&report.station.slug])>{m::REPORTS_ARCHIVE_TITLE.get(lang)}</a>
                    " · " <a href=format!("{}?month={}", crate::paths::REPORTS, report.month)>{m::REPORTS_TITLE.get(lang)}</a>
                </p>
            </section>
        </article>
    }
}
