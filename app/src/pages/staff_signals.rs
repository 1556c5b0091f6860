//! `/staff/inspector/signals`: the fraud signals, for inspectors. Each open signal says
//! what fired and on which ratings; the inspector excludes them from the published
//! figures, or keeps them, with a reason; an exclusion is restored the same way, until
//! the month is published. See [`crate::signals`].

use crate::components::form_errors::refusal_summary;
use crate::components::staff_frame::{after_sign_in, staff_page};
use crate::i18n::{Lang, messages as m};
use crate::ratings::RatingLevel;
use crate::signals::api::inspector_signals;
use crate::signals::{SignalKind, SignalView, SignalsPage, SignalsPageState};
use leptos::prelude::*;

#[component]
pub fn SignalsListPage() -> impl IntoView {
    let signals = Resource::new(|| (), |_| after_sign_in(inspector_signals()));
    let state = use_context::<SignalsPageState>().unwrap_or_default();
    staff_page(m::SIGNALS_TITLE, signals, move |_, page, lang| {
        view! { <Signals page state=state.clone() lang /> }.into_any()
    })
}

#[component]
fn Signals(page: SignalsPage, state: SignalsPageState, lang: Lang) -> AnyView {
    view! {
        <p>{m::SIGNALS_INTRO.get(lang)}</p>
        {refusal_summary(state.error, lang)}
        <section aria-labelledby="signals-open">
            <h2 id="signals-open">{m::SIGNALS_OPEN.get(lang)} " (" <span data-figure="signals-open">{page.open_total}</span> ")"</h2>
            {(page.open_total > page.open.len() as i64).then(|| view! {
                <p class="notice" role="status">
                    {m::SIGNALS_MORE.get(lang)} " " {page.open_total - page.open.len() as i64}
                </p>
            })}
            {if page.open.is_empty() {
                view! { <p class="empty">{m::SIGNALS_NONE_OPEN.get(lang)}</p> }.into_any()
            } else {
                view! {
                    <ul class="case-list">
                        {page.open.into_iter().map(|signal| view! { <Signal signal lang /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        <section aria-labelledby="signals-reviewed">
            <h2 id="signals-reviewed">{m::SIGNALS_REVIEWED.get(lang)}</h2>
            {if page.reviewed.is_empty() {
                view! { <p class="empty">{m::SIGNALS_NONE_REVIEWED.get(lang)}</p> }.into_any()
            } else {
                view! {
                    <ul class="case-list">
                        {page.reviewed.into_iter().map(|signal| view! { <Signal signal lang /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
    .into_any()
}

#[component]
fn Signal(signal: SignalView, lang: Lang) -> AnyView {
    let id = signal.id.to_string();
    let about = match &signal.officer {
        Some((zh, en, badge)) => format!(
            "{} · {} {}",
            lang.pick(&signal.station_zh, &signal.station_en),
            lang.pick(zh, en),
            badge
        ),
        None => format!(
            "{} · {}",
            lang.pick(&signal.station_zh, &signal.station_en),
            m::SIGNALS_STATION_WIDE.get(lang)
        ),
    };
    let ratings = signal.ratings();
    let excludable = signal.kind.exclusion().is_some() && !signal.frozen;
    let open = signal.reviewed.is_none();
    let restorable = signal.excluded > 0 && !signal.frozen;
    let decisions: Vec<(&str, &str, crate::i18n::Text)> = [
        (
            excludable && ratings > signal.excluded,
            "exclude",
            "button",
            m::SIGNALS_EXCLUDE,
        ),
        (open, "leave", "button button--secondary", m::SIGNALS_LEAVE),
        (
            restorable,
            "restore",
            "button button--secondary",
            m::SIGNALS_RESTORE,
        ),
    ]
    .into_iter()
    .filter(|(shown, ..)| *shown)
    .map(|(_, decision, class, text)| (decision, class, text))
    .collect();
    let note_id = format!("signal-note-{id}");
    view! {
        <li class="case-card" data-signal=id.clone() data-kind=signal.kind.code()>
            <p class="case-card__head">
                <strong>{signal.kind.label().get(lang)}</strong>
                {signal.frozen.then(|| view! { " " <span class="tag">{m::SIGNALS_FROZEN_TAG.get(lang)}</span> })}
            </p>
            <p class="case-card__meta">{signal.kind.rule().get(lang)}</p>
            <dl class="facts">
                <dt>{m::SIGNALS_TARGET.get(lang)}</dt>
                <dd>{about}</dd>
                <dt>{m::SIGNALS_WHEN.get(lang)}</dt>
                <dd>{signal.first_at.clone()} " – " {signal.last_at.clone()} " (" {signal.month.clone()} ")"</dd>
                {(signal.kind != SignalKind::LowRedemption).then(|| view! {
                    <dt>{m::SIGNALS_RATINGS.get(lang)}</dt>
                    <dd data-figure="ratings">{ratings}</dd>
                    <dd class="figure__note">
                        {RatingLevel::ALL.iter().zip(signal.levels).filter(|(_, n)| *n > 0).map(|(level, n)| view! {
                            <span class="tag">{level.label().get(lang)} {lang.colon()} {n}</span> " "
                        }).collect_view()}
                    </dd>
                    <dt>{m::SIGNALS_EXCLUDED.get(lang)}</dt>
                    <dd data-figure="excluded">{signal.excluded}</dd>
                })}
                {signal.codes.map(|(issued, redeemed, station_issued, station_redeemed)| view! {
                    <dt>{m::SIGNALS_OFFICER_CODES.get(lang)}</dt>
                    <dd>{issued} " / " {redeemed}</dd>
                    <dt>{m::SIGNALS_STATION_CODES.get(lang)}</dt>
                    <dd>{station_issued} " / " {station_redeemed}</dd>
                })}
                {signal.reviewed.clone().map(|(who, when, note)| view! {
                    <dt>{m::SIGNALS_REVIEWED_BY.get(lang)}</dt>
                    <dd>{who} " · " {when}</dd>
                    <dd>{note}</dd>
                })}
            </dl>
            {signal.frozen.then(|| view! { <p class="field__hint">{m::SIGNALS_FROZEN.get(lang)}</p> })}
            {(!decisions.is_empty()).then(|| view! {
                <form class="form" method="post" action=crate::paths::STAFF_SIGNAL.to(&[&id]) novalidate>
                    <div class="field">
                        <label for=note_id.clone()>{m::SIGNALS_NOTE.get(lang)}</label>
                        <p class="field__hint">{m::SIGNALS_NOTE_HINT.get(lang)}</p>
                        <textarea id=note_id.clone() name="note" rows="2" maxlength="300"></textarea>
                    </div>
                    {decisions.into_iter().map(|(decision, class, text)| view! {
                        <button type="submit" class=class name="decision" value=decision>{text.get(lang)}</button> " "
                    }).collect_view()}
                </form>
            })}
        </li>
    }
    .into_any()
}
