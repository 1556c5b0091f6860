//! `/track`: reference and access code open a case; `/track/{reference}` shows its public
//! timeline, the dates it is to be taken up and answered by, and the outcome; after a
//! resolution it asks for the resident's answer. A case closed as not genuine shows the
//! reason and lets the resident object once; a merged one shows the request it continues
//! in, with that one's public progress.

use crate::cases::api::get_tracked_case;
use crate::cases::tracking::{ContinuedCase, TimelineEntry, TrackError, TrackedCase};
use crate::cases::{EventKind, Satisfaction};
use crate::components::description::Description;
use crate::components::track_form::{FeedbackForm, TrackFormState, TrackFormView};
use crate::i18n::{Lang, messages as m, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn TrackPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Description text=m::DESC_TRACK lang />
        <Title text=m::TRACK_TITLE.get(lang) />
        <h1>{m::TRACK_TITLE.get(lang)}</h1>
        <p>{m::TRACK_INTRO.get(lang)}</p>
        <TrackFormView lang />
    }
}

#[component]
pub fn TrackedCasePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let reference = move || params.read().get("reference").unwrap_or_default();
    let case = Resource::new(reference, get_tracked_case);
    view! {
        <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
            {move || Suspend::new(async move {
                match case.await {
                    Ok(Some(case)) => view! {
                        <Description text=m::DESC_TRACK lang />
                        <CaseView case lang />
                    }
                    .into_any(),
                    // No valid cookie: the form, with the reference filled in.
                    Ok(None) => {
                        provide_context(TrackFormState {
                            form: crate::cases::tracking::TrackForm {
                                reference: reference(),
                                code: String::new(),
                            },
                            error: Some(TrackError::SignInAgain),
                            problem: None,
                        });
                        view! { <TrackPage /> }.into_any()
                    }
                    Err(error) => crate::pages::status::load_failed(&error, lang),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseView(case: TrackedCase, lang: Lang) -> impl IntoView {
    let awaits_answer = case.awaits_answer();
    let due = if case.working_days_left >= 0 {
        format!(
            "{} ({}{}{})",
            case.due_on,
            m::TRACK_DAYS_LEFT_BEFORE.get(lang),
            case.working_days_left,
            m::TRACK_DAYS_LEFT_AFTER.get(lang)
        )
    } else {
        format!(
            "{} ({}{}{})",
            case.due_on,
            m::TRACK_OVERDUE_BEFORE.get(lang),
            -case.working_days_left,
            m::TRACK_DAYS_LEFT_AFTER.get(lang)
        )
    };
    let open = case.satisfaction.is_none() && case.status != crate::cases::CaseStatus::Closed;
    let status = match (&case.hidden, &case.continues_in) {
        (Some(_), _) => m::TRACK_CLOSED_HIDDEN.get(lang).to_string(),
        _ => case.status.label().get(lang).to_string(),
    };
    view! {
        <Title text=case.reference.clone() />
        <h1>{m::TRACK_CASE_TITLE.get(lang)} " " <span class="reference">{case.reference.clone()}</span></h1>
        <dl class="facts">
            <dt>{m::TRACK_KIND.get(lang)}</dt>
            <dd>{case.kind.label().get(lang)}</dd>
            <dt>{m::REQUEST_SUBJECT_LABEL.get(lang)}</dt>
            <dd>{case.subject.clone()}</dd>
            <dt>{m::TRACK_STATION.get(lang)}</dt>
            <dd>{case.station.as_ref().map(|s| s.get(lang).to_string()).unwrap_or_else(|| m::TRACK_BUREAU.get(lang).to_string())}</dd>
            <dt>{m::TRACK_FILED.get(lang)}</dt>
            <dd>{case.filed_on.clone()}</dd>
            <dt>{m::TRACK_STATUS.get(lang)}</dt>
            <dd class="status" data-status=case.status.code() data-answer=case.satisfaction.map(|s| s.code())>{status}</dd>
            {case.ack_due_on.clone().map(|day| view! {
                <dt>{m::TRACK_ACK_DUE.get(lang)}</dt>
                <dd data-ack-due=day.clone()>{day.clone()}{m::TRACK_ACK_DUE_AFTER.get(lang)}</dd>
            })}
            {case.hidden.clone().map(|hidden| view! {
                <dt>{m::TRACK_CLOSED_REASON.get(lang)}</dt>
                <dd>{hidden.reason}</dd>
            })}
            {open.then(|| view! {
                <dt>{m::TRACK_DUE.get(lang)}</dt>
                <dd>{due}</dd>
            })}
            {case.outcome.map(|outcome| view! {
                <dt>{m::TRACK_OUTCOME.get(lang)}</dt>
                <dd>{outcome.label().get(lang)}</dd>
            })}
            {case.referral_department.clone().map(|department| view! {
                <dt>{m::TRACK_REFERRAL.get(lang)}</dt>
                <dd>{department} " · " {case.referral_contact.clone().unwrap_or_default()}</dd>
            })}
            {case.satisfaction.map(|answer| view! {
                <dt>{m::TRACK_YOUR_ANSWER.get(lang)}</dt>
                <dd>{answer.label().get(lang)}</dd>
            })}
        </dl>
        {case.outcome_summary.clone().map(|summary| view! {
            <section class="answer" aria-labelledby="answer-heading">
                <h2 id="answer-heading">{m::TRACK_ANSWER.get(lang)}</h2>
                <p class="answer__body">{summary}</p>
            </section>
        })}
        {awaits_answer.then(|| view! { <FeedbackForm reference=case.reference.clone() lang /> })}
        {case.hidden.clone().map(|hidden| objection(&case.reference, hidden.objected, lang))}
        {case.continues_in.clone().map(|continued| view! { <Continued continued lang /> })}
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{m::TRACK_TIMELINE.get(lang)}</h2>
            <Timeline events=case.events lang />
        </section>
    }
}

/// A case closed as not genuine: the resident may object once.
fn objection(reference: &str, objected: bool, lang: Lang) -> AnyView {
    if objected {
        return view! { <p class="notice" role="status">{m::TRACK_OBJECTED.get(lang)}</p> }
            .into_any();
    }
    view! {
        <form class="form" method="post" action=crate::paths::TRACK_OBJECT.to(&[reference])>
            <p>{m::TRACK_OBJECT_INTRO.get(lang)}</p>
            <button type="submit" class="button button--secondary">{m::TRACK_OBJECT_SUBMIT.get(lang)}</button>
        </form>
    }
    .into_any()
}

/// The request a merged case continues in, and its public progress.
#[component]
fn Continued(continued: ContinuedCase, lang: Lang) -> impl IntoView {
    view! {
        <section class="answer" aria-labelledby="continues-heading">
            <h2 id="continues-heading">{m::TRACK_CONTINUES.get(lang)}</h2>
            <p>
                {m::TRACK_MERGED.get(lang)} " "
                <span class="reference" data-continues-in=continued.reference.clone()>{continued.reference.clone()}</span>
                " · " {continued.status.label().get(lang)}
            </p>
            {continued.outcome_summary.clone().map(|summary| view! { <p class="answer__body">{summary}</p> })}
            <Timeline events=continued.events lang />
        </section>
    }
}

#[component]
fn Timeline(events: Vec<TimelineEntry>, lang: Lang) -> impl IntoView {
    view! {
        <ol class="timeline">
            {events.into_iter().map(|event| {
                // A 回访 answer is stored as its code and shown in the page's language.
                let body = match event.kind {
                    EventKind::Feedback => Satisfaction::parse(&event.body)
                        .map(|answer| answer.label().get(lang).to_string())
                        .unwrap_or_default(),
                    _ => event.body,
                };
                view! {
                    <li class="timeline__entry">
                        <time class="timeline__at">{event.at}</time>
                        <span class="timeline__kind">{event.kind.label().get(lang)}</span>
                        {(!body.is_empty()).then(|| view! { <p class="timeline__body">{body}</p> })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
