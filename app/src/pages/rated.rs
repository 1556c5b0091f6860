//! `/rated`: the thank-you page after a rating. A 差评 shows the reference of the
//! 差评核实 case it opened (`/rated?review=KM-2026-000123`).

use crate::cases::Reference;
use crate::i18n::{messages as m, use_lang};
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
    view! {
        <Title text=m::RATED_TITLE.get(lang) />
        <section class="notice notice--success">
            <h1>{m::RATED_TITLE.get(lang)}</h1>
            <p>{m::RATED_BODY.get(lang)}</p>
            {review
                .map(|reference| {
                    view! {
                        <p>
                            {m::RATED_REVIEW.get(lang)}
                            <strong class="reference">{reference.to_string()}</strong>
                        </p>
                        <p>{m::RATED_CALLBACK.get(lang)}</p>
                    }
                })}
        </section>
        <p>
            <a class="button" href="/">{m::NOT_FOUND_HOME.get(lang)}</a>
        </p>
    }
}
