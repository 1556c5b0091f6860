//! `/reports/method`: how every published figure is computed ([`crate::reports::method`]).

use crate::components::description::Description;
use crate::i18n::{messages as m, use_lang};
use crate::reports::method::SECTIONS;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ReportMethodPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Description text=m::DESC_METHOD lang />
        <Title text=m::METHOD_TITLE.get(lang) />
        <h1>{m::METHOD_TITLE.get(lang)}</h1>
        <p>{m::METHOD_INTRO.get(lang)}</p>
        <nav aria-labelledby="method-contents">
            <h2 id="method-contents">{m::METHOD_CONTENTS.get(lang)}</h2>
            <ul>
                {SECTIONS.iter().map(|(id, heading, _)| view! {
                    <li><a href=format!("#{id}")>{heading.get(lang)}</a></li>
                }).collect_view()}
            </ul>
        </nav>
        {SECTIONS.iter().map(|(id, heading, body)| view! {
            <section id=*id aria-labelledby=format!("{id}-heading")>
                <h2 id=format!("{id}-heading")>{heading.get(lang)}</h2>
                <p>{body.get(lang)}</p>
            </section>
        }).collect_view()}
        <p><a href={crate::paths::REPORTS.as_str()}>{m::REPORTS_TITLE.get(lang)}</a></p>
    }
}
