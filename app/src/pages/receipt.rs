//! `/request/receipt`: the reference and access code of the request just filed, shown
//! once. A reload finds nothing and says where to go instead. `?already=KM-…`: the same
//! browser sent the same request again; it says so and names the reference (the access
//! code was shown the first time and is never issued again).

use crate::cases::Reference;
use crate::cases::api::take_receipt;
use crate::components::description::Description;
use crate::i18n::{Lang, messages as m, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let lang = use_lang();
    let receipt = Resource::new(|| (), |_| take_receipt());
    let already = use_query_map()
        .read_untracked()
        .get("already")
        .and_then(|r| Reference::parse(&r));
    view! {
        <Description text=m::DESC_RECEIPT lang />
        <Title text=m::RECEIPT_TITLE.get(lang) />
        <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
            {move || {
                let already = already.clone();
                Suspend::new(async move {
                match receipt.await {
                    Ok(Some(receipt)) => view! {
                        <section class="notice notice--success receipt">
                            <h1>{m::RECEIPT_TITLE.get(lang)}</h1>
                            <p data-due-on=receipt.deadline.as_ref().map(|d| d.due_on.clone())>
                                {m::RECEIPT_BODY.get(lang).replace("{within}", &within(receipt.deadline.as_ref(), lang))}
                            </p>
                            <dl class="facts receipt__codes">
                                <dt>{m::TRACK_REFERENCE_LABEL.get(lang)}</dt>
                                <dd><strong class="reference" id="receipt-reference">{receipt.reference}</strong></dd>
                                <dt>{m::TRACK_CODE_LABEL.get(lang)}</dt>
                                <dd><strong class="reference" id="receipt-code">{receipt.access_code}</strong></dd>
                            </dl>
                            <p class="receipt__save"><strong>{m::RECEIPT_SAVE.get(lang)}</strong></p>
                        </section>
                        <p><a class="button" href={crate::paths::TRACK.as_str()}>{m::RECEIPT_TRACK.get(lang)}</a></p>
                    }
                    .into_any(),
                    Ok(None) if already.is_some() => view! {
                        <section class="notice" data-already="">
                            <h1>{m::RECEIPT_ALREADY_TITLE.get(lang)}</h1>
                            <p>{m::RECEIPT_ALREADY_BODY.get(lang)}</p>
                            <p><strong class="reference" id="receipt-reference">
                                {already.as_ref().map(|r| r.to_string()).unwrap_or_default()}
                            </strong></p>
                            <p><a class="button" href={crate::paths::TRACK.as_str()}>{m::RECEIPT_TRACK.get(lang)}</a></p>
                        </section>
                    }
                    .into_any(),
                    Ok(None) => view! {
                        <section class="notice">
                            <h1>{m::RECEIPT_GONE_TITLE.get(lang)}</h1>
                            <p>{m::RECEIPT_GONE_BODY.get(lang)}</p>
                            <p><a class="button" href={crate::paths::TRACK.as_str()}>{m::RECEIPT_TRACK.get(lang)}</a></p>
                        </section>
                    }
                    .into_any(),
                    Err(error) => crate::pages::status::load_failed(&error, lang),
                }
            })
            }}
        </Suspense>
    }
}

/// `15 个工作日内（12 月 21 日前）`, or the undated promise when the date could not be read.
pub fn within(deadline: Option<&crate::cases::api::Deadline>, lang: Lang) -> String {
    deadline.map_or_else(
        || m::RECEIPT_WITHIN_UNKNOWN.get(lang).to_string(),
        |deadline| deadline.within(lang),
    )
}
