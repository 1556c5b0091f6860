//! `/staff/reports` and `/staff/reports/{station}/{month}`: the leader reviews a month's
//! draft and publishes it, or publishes a correction with a public note. The form posts
//! to the draft's own address; a refused one comes back here with what was typed.

use super::reports::report_heading;
use crate::components::form_errors::ErrorSummary;
use crate::components::rating_form::textarea_text;
use crate::components::report_view::{ReportBody, month_label};
use crate::components::staff_frame::{after_sign_in, staff_page};
use crate::i18n::{Lang, messages as m};
use crate::reports::api::{DraftView, LeaderMonths, leader_report_months, report_draft};
use crate::reports::publish_form::{MAX_ITEMS, PublishFormState};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffReportsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| after_sign_in(leader_report_months()));
    staff_page(
        m::STAFF_REPORTS_TITLE,
        data,
        |_, stations: Vec<LeaderMonths>, lang| {
            view! {
            <p>{m::STAFF_REPORTS_INTRO.get(lang)}</p>
            {stations.into_iter().map(|s| {
                let slug = s.station.slug.clone();
                view! {
                    <section aria-labelledby=format!("{slug}-reports")>
                        <h2 id=format!("{slug}-reports")>{lang.pick(&s.station.name_zh, &s.station.name_en).to_string()}</h2>
                        <ul class="archive">
                            {s.months.into_iter().map(|(month, version)| view! {
                                <li>
                                    <a href=crate::paths::STAFF_REPORT_DRAFT.to(&[&slug, &month])>{month_label(&month, lang)}</a>
                                    " · "
                                    {match version {
                                        Some(v) => format!("{} {v}", m::STAFF_REPORT_PUBLISHED_V.get(lang)),
                                        None => m::STAFF_REPORT_DRAFT.get(lang).to_string(),
                                    }}
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                }
            }).collect_view()}
        }
        .into_any()
        },
    )
}

#[component]
pub fn StaffReportDraftPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("station").unwrap_or_default(),
            p.get("month").unwrap_or_default(),
        )
    };
    let data = Resource::new(key, |(slug, month)| {
        after_sign_in(report_draft(slug, month))
    });
    staff_page(m::STAFF_REPORTS_TITLE, data, |_, draft: DraftView, lang| {
        view! { <Draft draft lang /> }.into_any()
    })
}

#[component]
fn Draft(draft: DraftView, lang: Lang) -> impl IntoView {
    let state = use_context::<PublishFormState>().unwrap_or_default();
    let report = draft.report;
    let slug = report.station.slug.clone();
    let action = crate::paths::STAFF_REPORT_DRAFT.to(&[&slug, &report.month]);
    let latest = draft.versions.last().cloned();
    let correction = latest.is_some();
    let public = crate::paths::STATION_MONTH.to(&[&slug, &report.month]);
    let items = (0..MAX_ITEMS)
        .map(|i| {
            let said = state.form.said.get(i).cloned().unwrap_or_default();
            let did = state.form.did.get(i).cloned().unwrap_or_default();
            let n = (i + 1).to_string();
            view! {
                <fieldset class="said-did-item">
                    <legend>{m::STAFF_REPORT_ITEM.get(lang).replace("{n}", &n)}</legend>
                    <label for=format!("said-{i}")>{m::STAFF_REPORT_SAID_LABEL.get(lang)}</label>
                    <textarea id=format!("said-{i}") name="said" rows="2" maxlength="300">{textarea_text(&said)}</textarea>
                    <label for=format!("did-{i}")>{m::STAFF_REPORT_DID_LABEL.get(lang)}</label>
                    <textarea id=format!("did-{i}") name="did" rows="2" maxlength="300">{textarea_text(&did)}</textarea>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <h2>{report_heading(&report.station, &report.month, lang)}</h2>
        {latest.map(|v| view! {
            <p class="notice">
                {m::STAFF_REPORT_PUBLISHED_V.get(lang)} " " {v.version} " · SHA-256 " <code class="hash">{v.sha256}</code>
                " · " <a href=public.clone()>{m::STAFF_REPORT_VIEW_PUBLIC.get(lang)}</a>
            </p>
        })}
        <p class="hint">{m::STAFF_REPORT_DRAFT_NOTE.get(lang)}</p>
        {if draft.publishable {
            view! {
                <form method="post" action=action class="publish-form">
                    <ErrorSummary problem=None errors=state.error.map(|e| ("publish", e.text())).into_iter().collect() lang />
                    {correction.then(|| view! {
                        <label for="note">{m::STAFF_REPORT_NOTE_LABEL.get(lang)}</label>
                        <textarea id="note" name="note" rows="3" maxlength="500" required>{textarea_text(&state.form.note)}</textarea>
                    })}
                    <h3>{m::REPORT_SAID_DID.get(lang)}</h3>
                    {items}
                    <button type="submit" id="publish">
                        {if correction { m::STAFF_REPORT_CORRECT.get(lang) } else { m::STAFF_REPORT_PUBLISH.get(lang) }}
                    </button>
                </form>
            }.into_any()
        } else {
            view! { <p class="notice">{m::STAFF_REPORT_NOT_OVER.get(lang)}</p> }.into_any()
        }}
        <ReportBody report lang />
    }
}
