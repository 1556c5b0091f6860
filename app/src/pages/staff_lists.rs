//! The workspace's case lists: the intake queue (`/staff/intake`), "my cases"
//! (`/staff/cases`) and the inspectors' queue (`/staff/inspector`).

use crate::cases::CaseKind;
use crate::components::case_list::CaseList;
use crate::components::staff_frame::{after_sign_in, staff_page};
use crate::error::AppError;
use crate::i18n::{Lang, Text, messages as m};
use crate::workspace::CaseSummary;
use crate::workspace::api::{inspector_queue, intake_queue, my_cases};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A list page: an introduction, an optional filter and the cases.
fn list_page(
    title: Text,
    intro: Text,
    // The intake queue's kind filter, with the chosen kind.
    filter: Option<String>,
    cases: Resource<Result<Vec<CaseSummary>, AppError>>,
) -> impl IntoView {
    staff_page(title, cases, move |_, cases, lang| {
        view! {
            <p>{intro.get(lang)}</p>
            {filter.clone().map(|chosen| kind_filter(chosen, lang))}
            <CaseList cases lang />
        }
        .into_any()
    })
}

#[component]
pub fn IntakePage() -> impl IntoView {
    let query = use_query_map();
    let kind = move || query.read().get("kind").filter(|k| !k.is_empty());
    let cases = Resource::new(kind, |kind| after_sign_in(intake_queue(kind)));
    list_page(
        m::STAFF_INTAKE_TITLE,
        m::STAFF_INTAKE_INTRO,
        Some(kind().unwrap_or_default()),
        cases,
    )
}

/// A plain GET form over the intake queue: works without JavaScript.
fn kind_filter(chosen: String, lang: Lang) -> impl IntoView {
    view! {
        <form class="filter" method="get" action="/staff/intake">
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
    list_page(
        m::STAFF_MY_CASES_TITLE,
        m::STAFF_MY_CASES_INTRO,
        None,
        cases,
    )
}

#[component]
pub fn InspectorPage() -> impl IntoView {
    let cases = Resource::new(|| (), |_| after_sign_in(inspector_queue()));
    list_page(
        m::STAFF_INSPECTOR_TITLE,
        m::STAFF_INSPECTOR_INTRO,
        None,
        cases,
    )
}
