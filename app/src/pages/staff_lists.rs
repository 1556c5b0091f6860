//! The workspace's case lists: the intake queue (`/staff/intake`), "my cases"
//! (`/staff/cases`) and the inspectors' queue (`/staff/inspector`).

use crate::cases::CaseKind;
use crate::components::case_list::CaseList;
use crate::components::staff_frame::{after_sign_in, staff_page};
use crate::error::AppError;
use crate::i18n::{Lang, Text, messages as m};
use crate::workspace::api::{inspector_queue, intake_queue, my_cases};
use crate::workspace::{CaseSummary, HiddenCase};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A list page: an introduction and the cases.
fn list_page(
    title: Text,
    intro: Text,
    cases: Resource<Result<Vec<CaseSummary>, AppError>>,
) -> impl IntoView {
    staff_page(title, cases, move |_, cases, lang| {
        view! {
            <p>{intro.get(lang)}</p>
            <CaseList cases lang />
        }
        .into_any()
    })
}

#[component]
pub fn IntakePage() -> impl IntoView {
    let query = use_query_map();
    let kind = move || query.read().get("kind").filter(|k| !k.is_empty());
    let work = Resource::new(kind, |kind| after_sign_in(intake_queue(kind)));
    let chosen = kind().unwrap_or_default();
    staff_page(m::STAFF_INTAKE_TITLE, work, move |member, work, lang| {
        let intake = member.holds_anywhere(crate::accounts::Role::Intake);
        view! {
            <p>{m::STAFF_INTAKE_INTRO.get(lang)}</p>
            {intake.then(|| view! {
                <section aria-labelledby="intake-overdue-heading">
                    <h2 id="intake-overdue-heading">
                        {m::STAFF_INTAKE_OVERDUE.get(lang)} {lang.bracket(work.overdue.len())}
                    </h2>
                    <CaseList cases=work.overdue.clone() lang />
                </section>
            })}
            {kind_filter(chosen.clone(), lang)}
            <CaseList cases=work.queue lang />
        }
        .into_any()
    })
}

/// A plain GET form over the intake queue: works without JavaScript.
fn kind_filter(chosen: String, lang: Lang) -> impl IntoView {
    view! {
        <form class="filter" method="get" action={crate::paths::STAFF_INTAKE.as_str()}>
            <label for="kind">{m::STAFF_FILTER_KIND.get(lang)}</label>
            <select id="kind" name="kind">
                <option value="">{m::STAFF_ALL_KINDS.get(lang)}</option>
                {[CaseKind::RatingReview]
                    .into_iter()
                    .chain(CaseKind::FILED_BY_RESIDENTS)
                    .map(|k| view! {
                        <option value=k.code() selected=chosen == k.code()>{k.label().get(lang)}</option>
                    })
                    .collect_view()}
            </select>
            <button type="submit" class="button button--secondary">{m::STAFF_FILTER.get(lang)}</button>
        </form>
    }
}

#[component]
pub fn MyCasesPage() -> impl IntoView {
    let cases = Resource::new(|| (), |_| after_sign_in(my_cases()));
    list_page(m::STAFF_MY_CASES_TITLE, m::STAFF_MY_CASES_INTRO, cases)
}

#[component]
pub fn InspectorPage() -> impl IntoView {
    let work = Resource::new(|| (), |_| after_sign_in(inspector_queue()));
    staff_page(m::STAFF_INSPECTOR_TITLE, work, |_, work, lang| {
        let section = |id: &'static str, title: Text, cases: Vec<CaseSummary>| {
            view! {
                <section aria-labelledby=format!("{id}-heading")>
                    <h2 id=format!("{id}-heading")>{title.get(lang)} {lang.bracket(cases.len())}</h2>
                    <CaseList cases lang />
                </section>
            }
        };
        view! {
            <p>{m::STAFF_INSPECTOR_INTRO.get(lang)}</p>
            {section("awaiting", m::STAFF_INSPECTOR_AWAITING, work.awaiting)}
            {section("oversight", m::STAFF_INSPECTOR_OVERSIGHT, work.oversight)}
            {section("escalated", m::STAFF_INSPECTOR_ESCALATED, work.escalated)}
            <section aria-labelledby="hidden-heading">
                <h2 id="hidden-heading">{m::STAFF_INSPECTOR_HIDDEN.get(lang)} {lang.bracket(work.hidden.len())}</h2>
                <HiddenList cases=work.hidden lang />
            </section>
        }
        .into_any()
    })
}

/// Cases closed as not genuine: who closed each, when and why.
#[component]
fn HiddenList(cases: Vec<HiddenCase>, lang: Lang) -> AnyView {
    if cases.is_empty() {
        return view! { <p class="empty">{m::STAFF_NO_CASES.get(lang)}</p> }.into_any();
    }
    view! {
        <table class="hidden-cases">
            <thead>
                <tr>
                    <th scope="col">{m::TRACK_REFERENCE_LABEL.get(lang)}</th>
                    <th scope="col">{m::STAFF_HIDDEN_REASON.get(lang)}</th>
                    <th scope="col">{m::STAFF_CLOSED_BY.get(lang)}</th>
                </tr>
            </thead>
            <tbody>
                {cases.into_iter().map(|case| view! {
                    <tr>
                        <th scope="row">
                            <a class="reference" href=crate::paths::STAFF_CASE.to(&[case.summary.reference.as_ref()])>
                                {case.summary.reference.clone()}
                            </a>
                            {case.objected.then(|| view! { " " <span class="tag tag--alert">{m::STAFF_OBJECTED.get(lang)}</span> })}
                        </th>
                        <td>{case.reason.clone()}</td>
                        <td>{case.by.clone().unwrap_or_default()} " · " {case.at.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
