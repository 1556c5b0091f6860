//! `/staff/dashboard`: the leader's view of each station they lead — open and overdue
//! cases, what they supervise (督办), new 差评, complaints about officers, extension
//! requests waiting for them, and the workload per officer.

use crate::components::case_list::CaseList;
use crate::components::staff_frame::{StaffNav, after_sign_in, load_error, signed_in};
use crate::i18n::{Lang, Text, messages as m, use_lang};
use crate::staff::api::current_staff;
use crate::workspace::api::leader_dashboard;
use crate::workspace::{CaseSummary, Dashboard};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn StaffDashboardPage() -> impl IntoView {
    let lang = use_lang();
    let staff = Resource::new(|| (), |_| current_staff());
    let boards = Resource::new(|| (), |_| after_sign_in(leader_dashboard()));
    view! {
        <Meta name="robots" content="noindex" />
        <Title text=m::STAFF_DASHBOARD_TITLE.get(lang) />
        <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
            {move || Suspend::new(async move {
                let member = match signed_in(staff.await, lang) {
                    Ok(member) => member,
                    Err(view) => return view,
                };
                let body = match boards.await {
                    Ok(boards) => boards
                        .into_iter()
                        .map(|board| view! { <Board board lang /> })
                        .collect_view()
                        .into_any(),
                    Err(error) => load_error(error, lang),
                };
                view! {
                    <StaffNav member lang />
                    <h1>{m::STAFF_DASHBOARD_TITLE.get(lang)}</h1>
                    {body}
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn Board(board: Dashboard, lang: Lang) -> AnyView {
    let section = |id: &'static str, title: Text, cases: Vec<CaseSummary>| {
        view! {
            <section aria-labelledby=format!("{}-{id}", board.slug)>
                <h3 id=format!("{}-{id}", board.slug)>{title.get(lang)} " (" {cases.len()} ")"</h3>
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
                                <th scope="row">{w.name.clone()} " (" {w.badge.clone()} ")"</th>
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
