//! `/staff/dashboard`: the leader's view of each station they lead — open and overdue
//! cases, what they supervise (督办), new 差评, complaints about officers, extension
//! requests waiting for them, and the workload per officer.

use crate::components::case_list::CaseList;
use crate::components::staff_frame::{after_sign_in, staff_page};
use crate::i18n::{Lang, Text, messages as m};
use crate::workspace::api::leader_dashboard;
use crate::workspace::{CaseSummary, Dashboard};
use leptos::prelude::*;

#[component]
pub fn StaffDashboardPage() -> impl IntoView {
    let boards = Resource::new(|| (), |_| after_sign_in(leader_dashboard()));
    staff_page(m::STAFF_DASHBOARD_TITLE, boards, |_, boards, lang| {
        boards
            .into_iter()
            .map(|board| view! { <Board board lang /> })
            .collect_view()
            .into_any()
    })
}

#[component]
fn Board(board: Dashboard, lang: Lang) -> AnyView {
    let section = |id: &'static str, title: Text, cases: Vec<CaseSummary>| {
        view! {
            <section aria-labelledby=format!("{}-{id}", board.slug)>
                <h3 id=format!("{}-{id}", board.slug)>{title.get(lang)} {lang.bracket(cases.len())}</h3>
                <CaseList cases lang />
            </section>
        }
    };
    view! {
        <section class="dashboard" aria-labelledby=format!("{}-heading", board.slug)>
            <h2 id=format!("{}-heading", board.slug)>{board.station.get(lang).to_string()}</h2>
            <dl class="figures">
                <div><dt>{m::STAFF_OPEN.get(lang)}</dt><dd class="figure" data-figure="open">{board.open}</dd></div>
                <div><dt>{m::STAFF_OVERDUE.get(lang)}</dt><dd class="figure" data-figure="overdue">{board.overdue}</dd></div>
                <div><dt>{m::STAFF_UNASSIGNED.get(lang)}</dt><dd class="figure" data-figure="unassigned">{board.unassigned}</dd></div>
            </dl>
            {section("approvals", m::STAFF_APPROVALS, board.approvals.clone())}
            {section("supervised", m::STAFF_SUPERVISED_CASES, board.supervised.clone())}
            {section("extensions", m::STAFF_EXTENSION_REQUESTS, board.extension_requests.clone())}
            {section("bad-ratings", m::STAFF_BAD_RATINGS, board.bad_ratings.clone())}
            {section("complaints", m::STAFF_COMPLAINTS_ABOUT_OFFICERS, board.complaints_about_officers.clone())}
            <section aria-labelledby=format!("{}-workload", board.slug)>
                <h3 id=format!("{}-workload", board.slug)>{m::STAFF_WORKLOAD.get(lang)}</h3>
                <table class="workload">
                    <thead>
                        <tr>
                            <th scope="col">{m::STAFF_OFFICER.get(lang)}</th>
                            <th scope="col">{m::STAFF_OPEN.get(lang)}</th>
                            <th scope="col">{m::STAFF_OVERDUE.get(lang)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {board.workload.iter().map(|w| view! {
                            <tr>
                                <th scope="row">{w.name.clone()} {lang.bracket(w.badge.clone())}</th>
                                <td>{w.open}</td>
                                <td>{w.overdue}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        </section>
    }
    .into_any()
}
