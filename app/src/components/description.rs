//! A public page's `<meta name="description">`: what the page is for, in the page's
//! language, for search results and link previews (staff pages are `noindex` instead).

use crate::i18n::{Lang, Text};
use leptos::prelude::*;
use leptos_meta::Meta;

#[component]
pub fn Description(text: Text, lang: Lang) -> impl IntoView {
    view! { <Meta name="description" content=text.get(lang) /> }
}
