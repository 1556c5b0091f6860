//! `/rated`: the thank-you page after a rating. A 差评 shows the reference of the
//! 差评核实 case it opened (`/rated?review=KM-2026-000123`) and, once, its access code
//! (carried from the POST in a short-lived cookie, never in the URL), so the resident
//! can follow the review on `/track` and give their feedback on its outcome.

use crate::cases::Reference;
use crate::cases::api::{Receipt, take_review};
use crate::components::description::Description;
use crate::i18n::{Lang, messages as m, use_lang};
use crate::pages::receipt::within;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn RatedPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let review = query
        .read_untracked()
        .get("review")
        .and_then(|r| Reference::parse(&r));
    let code = Resource::new(|| (), |_| take_review());
    view! {
        <Description text=m::DESC_RATED lang />
        <Title text=m::RATED_TITLE.get(lang) />
        <section class="notice notice--success">
            <h1>{m::RATED_TITLE.get(lang)}</h1>
            <p>{m::RATED_BODY.get(lang)}</p>
            {review.map(|reference| view! {
                <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
                    {let reference = reference.clone();
                    move || {
                        let reference = reference.clone();
                        Suspend::new(async move {
                            // The code only with the reference it belongs to.
                            let receipt = code
                                .await
                                .ok()
                                .flatten()
                                .filter(|receipt| receipt.reference == reference.as_ref());
                            review_view(reference, receipt, lang)
                        })
                    }}
                </Suspense>
            })}
        </section>
        <p>
            <a class="button" href={crate::paths::HOME.as_str()}>{m::NOT_FOUND_HOME.get(lang)}</a>
        </p>
    }
}

fn review_view(reference: Reference, receipt: Option<Receipt>, lang: Lang) -> AnyView {
    let deadline = receipt.as_ref().and_then(|r| r.deadline.as_ref());
    let promise = m::RATED_REVIEW
        .get(lang)
        .replace("{within}", &within(deadline, lang));
    let code = receipt.map(|r| r.access_code);
    view! {
        <p>{promise}</p>
        <dl class="facts receipt__codes">
            <dt>{m::TRACK_REFERENCE_LABEL.get(lang)}</dt>
            <dd><strong class="reference" id="review-reference">{reference.to_string()}</strong></dd>
            {code.map(|code| view! {
                <dt>{m::TRACK_CODE_LABEL.get(lang)}</dt>
                <dd><strong class="reference" id="review-code">{code}</strong></dd>
            })}
        </dl>
        <p class="receipt__save"><strong>{m::RATED_SAVE.get(lang)}</strong></p>
        <p>{m::RATED_CALLBACK.get(lang)}</p>
        <p><a class="button button--secondary" href={crate::paths::TRACK.as_str()}>{m::RECEIPT_TRACK.get(lang)}</a></p>
    }
    .into_any()
}
