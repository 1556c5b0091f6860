//! A list of cases for the workspace: one card per case, readable on a phone, each
//! linking to the case page.

use crate::i18n::{Lang, messages as m};
use crate::workspace::CaseSummary;
use leptos::prelude::*;

#[component]
pub fn CaseList(cases: Vec<CaseSummary>, lang: Lang) -> impl IntoView {
    if cases.is_empty() {
        return view! { <p class="empty">{m::STAFF_NO_CASES.get(lang)}</p> }.into_any();
    }
    view! {
        <ul class="case-list">
            {cases.into_iter().map(|case| view! { <CaseCard case lang /> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn CaseCard(case: CaseSummary, lang: Lang) -> impl IntoView {
    let station = case
        .station
        .as_ref()
        .map(|s| s.get(lang).to_string())
        .unwrap_or_else(|| m::STAFF_BUREAU_TRIAGE.get(lang).to_string());
    view! {
        <li class="case-card" class:case-card--overdue=case.overdue>
            <p class="case-card__head">
                <a class="reference" href=crate::paths::STAFF_CASE.to(&[case.reference.as_ref()])>{case.reference.clone()}</a>
                <span class="tag">{case.kind.label().get(lang)}</span>
                <span class="tag tag--status">{case.status.label().get(lang)}</span>
                {case.overdue.then(|| view! { <span class="tag tag--alert">{m::STAFF_OVERDUE.get(lang)}</span> })}
                {(case.escalation_level >= 1).then(|| view! {
                    <span class="tag tag--alert">{m::STAFF_SUPERVISED.get(lang)}</span>
                })}
                {case.ack_overdue.then(|| view! { <span class="tag tag--alert">{m::STAFF_INTAKE_OVERDUE.get(lang)}</span> })}
                {case.oversight.then(|| view! { <span class="tag">{m::STAFF_OVERSIGHT.get(lang)}</span> })}
                {case.awaiting.map(|awaiting| view! { <span class="tag tag--status">{awaiting.label().get(lang)}</span> })}
            </p>
            <p class="case-card__subject">{case.subject.clone()}</p>
            <p class="case-card__meta">
                {station} " · " {m::STAFF_FILED.get(lang)} " " {case.filed_on.clone()}
                {lang.bracket(format!("{}{}", case.age_days, m::STAFF_DAYS_AGO.get(lang)))} " · "
                {m::STAFF_DUE.get(lang)} " " {case.due_on.clone()}
                {case.named_badge.clone().map(|badge| format!(" · {}{badge}", m::STAFF_ABOUT_OFFICER.get(lang)))}
                {case.assignee.clone().map(|name| format!(" · {}{name}", m::STAFF_ASSIGNEE.get(lang)))}
            </p>
        </li>
    }
}
