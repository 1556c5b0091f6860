//! `/staff/visits` (an officer logs household visits, turns what they heard into cases,
//! and shows the household a service code to rate the visit on their own phone) and `/staff/campaigns` (a leader starts a 开门评警 campaign; everyone at the
//! station sees its progress).

use crate::accounts::Role;
use crate::cases::CaseKind;
use crate::components::form_errors::refusal_summary;
use crate::components::rating_form::textarea_text;
use crate::components::staff_frame::{after_sign_in, staff_page};
use crate::i18n::{Lang, messages as m};
use crate::visits::api::{get_campaigns, get_my_visits};
use crate::visits::{
    CampaignPageState, CampaignProgress, MyVisits, OpinionView, VisitPageState, VisitView,
};
use leptos::prelude::*;

#[component]
pub fn VisitsPage() -> impl IntoView {
    let visits = Resource::new(|| (), |_| after_sign_in(get_my_visits()));
    let state = use_context::<VisitPageState>().unwrap_or_default();
    staff_page(m::VISITS_TITLE, visits, move |_, mine, lang| {
        view! { <Visits mine state=state.clone() lang /> }.into_any()
    })
}

#[component]
fn Visits(mine: MyVisits, state: VisitPageState, lang: Lang) -> AnyView {
    let form = state.form.clone();
    let day = if form.visited_on.is_empty() {
        mine.today.clone()
    } else {
        form.visited_on.clone()
    };
    view! {
        {state.opened_case.clone().map(|(reference, code)| view! {
            <div class="notice notice--success no-print" role="status">
                <h2>{m::VISITS_CASE_OPENED.get(lang)}</h2>
                <p>{m::VISITS_CASE_OPENED_HINT.get(lang)}</p>
            </div>
            <section class="slip visit-slip" aria-labelledby="slip-heading">
                <h2 id="slip-heading">{m::VISITS_SLIP_TITLE.get(lang)}</h2>
                <p>{m::VISITS_SLIP_BODY.get(lang)}</p>
                <dl class="facts receipt__codes">
                    <dt>{m::TRACK_REFERENCE_LABEL.get(lang)}</dt>
                    <dd><strong class="reference" id="slip-reference">{reference}</strong></dd>
                    <dt>{m::TRACK_CODE_LABEL.get(lang)}</dt>
                    <dd><strong class="reference" id="slip-code">{code}</strong></dd>
                </dl>
            </section>
        })}
        <form class="form" method="post" action={crate::paths::STAFF_SHOW_CODE.as_str()}>
            <h2>{m::VISITS_RATE_TITLE.get(lang)}</h2>
            <p class="field__hint">{m::VISITS_RATE_HINT.get(lang)}</p>
            <input type="hidden" name="service_type" value=crate::ratings::ServiceType::CommunityVisit.code() />
            <button type="submit" class="button button--secondary">{m::VISITS_RATE_BUTTON.get(lang)}</button>
        </form>
        <form class="form" method="post" action={crate::paths::STAFF_VISITS.as_str()} novalidate>
            <h2>{m::VISITS_LOG.get(lang)}</h2>
            {refusal_summary(state.error, lang)}
            <div class="field">
                <label for="visited_on">{m::VISITS_DAY.get(lang)}</label>
                <input id="visited_on" name="visited_on" type="date" value=day />
            </div>
            <div class="field">
                <label for="household">{m::VISITS_HOUSEHOLD.get(lang)}</label>
                <input id="household" name="household" type="text" maxlength="200" value=form.household.clone() />
            </div>
            <div class="field">
                <label for="opinions">{m::VISITS_OPINIONS.get(lang)}</label>
                <p class="field__hint">{m::VISITS_OPINIONS_HINT.get(lang)}</p>
                <textarea id="opinions" name="opinions" rows="5">{textarea_text(&form.opinions)}</textarea>
            </div>
            <div class="field">
                <label for="notes">{m::VISITS_NOTES.get(lang)}</label>
                <textarea id="notes" name="notes" rows="3" maxlength="2000">{textarea_text(&form.notes)}</textarea>
            </div>
            {(!mine.campaigns.is_empty()).then(|| view! {
                <div class="field">
                    <label for="campaign">{m::VISITS_CAMPAIGN.get(lang)}</label>
                    <select id="campaign" name="campaign">
                        <option value="">{m::VISITS_NO_CAMPAIGN.get(lang)}</option>
                        {mine.campaigns.iter().map(|(id, title)| view! {
                            <option value=id.to_string() selected=form.campaign == id.to_string()>{title.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
            })}
            <button type="submit" class="button">{m::VISITS_SAVE.get(lang)}</button>
        </form>
        <h2>{m::VISITS_MINE.get(lang)}</h2>
        {if mine.visits.is_empty() {
            view! { <p class="empty">{m::VISITS_NONE.get(lang)}</p> }.into_any()
        } else {
            view! {
                <ul class="case-list">
                    {mine.visits.into_iter().map(|visit| view! { <Visit visit lang /> }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
    .into_any()
}

#[component]
fn Visit(visit: VisitView, lang: Lang) -> AnyView {
    view! {
        <li class="case-card">
            <p class="case-card__head">
                <strong>{visit.visited_on.clone()}</strong> " · " {visit.household.clone()}
                {visit.campaign.clone().map(|title| view! { <span class="tag">{title}</span> })}
            </p>
            {(!visit.notes.is_empty()).then(|| view! { <p class="case-card__meta">{visit.notes.clone()}</p> })}
            <ul class="opinions">
                {visit.opinions.into_iter().map(|opinion| view! { <Opinion opinion lang /> }).collect_view()}
            </ul>
        </li>
    }
    .into_any()
}

#[component]
fn Opinion(opinion: OpinionView, lang: Lang) -> AnyView {
    let id = opinion.id;
    let outcome = match (&opinion.case_reference, opinion.rating) {
        (Some(reference), _) => Some(view! {
            <span class="tag">{m::VISITS_BECAME_CASE.get(lang)} " "
                <a href=crate::paths::STAFF_CASE.to(&[reference])>{reference.clone()}</a>
            </span>
        }.into_any()),
        (None, Some(level)) => Some(view! {
            <span class="tag">{m::VISITS_BECAME_RATING.get(lang)} " " {level.label().get(lang)} {lang.bracket(m::VISITS_RATING_EXCLUDED.get(lang))}</span>
        }.into_any()),
        (None, None) => None,
    };
    let open = outcome.is_none();
    view! {
        <li class="opinion">
            <p>{opinion.text.clone()} " " {outcome}</p>
            {open.then(|| view! {
                <div class="opinion__actions">
                    <form method="post" action=crate::paths::STAFF_VISIT_OPINION.to(&[&id.to_string(), "case"])>
                        <label for=format!("kind-{id}")>{m::VISITS_AS_CASE.get(lang)}</label>
                        <select id=format!("kind-{id}") name="kind">
                            {CaseKind::FILED_BY_RESIDENTS.iter().map(|k| view! {
                                <option value=k.code()>{k.label().get(lang)}</option>
                            }).collect_view()}
                        </select>
                        <button type="submit" class="button button--secondary">{m::VISITS_MAKE_CASE.get(lang)}</button>
                    </form>
                </div>
            })}
        </li>
    }
    .into_any()
}

#[component]
pub fn CampaignsPage() -> impl IntoView {
    let campaigns = Resource::new(|| (), |_| after_sign_in(get_campaigns()));
    let state = use_context::<CampaignPageState>().unwrap_or_default();
    staff_page(m::CAMPAIGNS_TITLE, campaigns, move |member, list, lang| {
        let led = member.stations_as(Role::Leader);
        view! {
            {(!led.is_empty()).then(|| view! { <CampaignForm stations=led.clone() state=state.clone() lang /> })}
            {list.into_iter().map(|c| view! { <Campaign campaign=c lang /> }).collect_view()}
        }
        .into_any()
    })
}

#[component]
fn CampaignForm(stations: Vec<String>, state: CampaignPageState, lang: Lang) -> AnyView {
    let form = state.form.clone();
    view! {
        <form class="form" method="post" action={crate::paths::STAFF_CAMPAIGNS.as_str()} novalidate>
            <h2>{m::CAMPAIGNS_NEW.get(lang)}</h2>
            {refusal_summary(state.error, lang)}
            <div class="field">
                <label for="station">{m::REQUEST_STATION_LABEL.get(lang)}</label>
                <select id="station" name="station">
                    {stations.into_iter().map(|slug| view! {
                        <option value=slug.clone() selected=form.station == slug>{slug.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="title">{m::CAMPAIGNS_NAME.get(lang)}</label>
                <input id="title" name="title" type="text" maxlength="100" value=form.title.clone() />
            </div>
            <div class="field">
                <label for="starts_on">{m::CAMPAIGNS_STARTS.get(lang)}</label>
                <input id="starts_on" name="starts_on" type="date" value=form.starts_on.clone() />
            </div>
            <div class="field">
                <label for="ends_on">{m::CAMPAIGNS_ENDS.get(lang)}</label>
                <input id="ends_on" name="ends_on" type="date" value=form.ends_on.clone() />
            </div>
            <div class="field">
                <label for="target">{m::CAMPAIGNS_TARGET.get(lang)}</label>
                <input id="target" name="target" type="number" inputmode="numeric" min="1" max="1000" value=form.target.clone() />
            </div>
            <button type="submit" class="button">{m::CAMPAIGNS_CREATE.get(lang)}</button>
        </form>
    }
    .into_any()
}

#[component]
fn Campaign(campaign: CampaignProgress, lang: Lang) -> AnyView {
    let heading = format!("campaign-{}", campaign.id);
    let labelled_by = heading.clone();
    view! {
        <section class="dashboard" aria-labelledby=labelled_by>
            <h2 id=heading>{campaign.title.clone()}</h2>
            <p>{campaign.station.clone()} " · " {campaign.starts_on.clone()} " – " {campaign.ends_on.clone()}
               " · " {m::CAMPAIGNS_TARGET.get(lang)} " " {campaign.target}</p>
            <table class="workload">
                <thead>
                    <tr>
                        <th scope="col">{m::STAFF_OFFICER.get(lang)}</th>
                        <th scope="col">{m::CAMPAIGNS_DONE.get(lang)}</th>
                    </tr>
                </thead>
                <tbody>
                    {campaign.officers.iter().map(|(name, badge, visits)| view! {
                        <tr class:met={*visits >= campaign.target}>
                            <th scope="row">{name.clone()} {lang.bracket(badge.clone())}</th>
                            <td data-badge=badge.clone()>{format!("{visits} / {}", campaign.target)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
    .into_any()
}
