//! The frame around every page: skip link, header with the display switches, footer.

use crate::i18n::{messages as m, use_lang};
use crate::prefs::{Prefs, switch_href};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = use_lang();
    let prefs = use_context::<Prefs>().unwrap_or_default();
    let location = use_location();
    // The switches are plain links that set a cookie and come back here, so they work
    // without JavaScript; `rel=external` makes the client-side router leave them to the
    // browser (the page must reload in the new language), `nofollow` keeps crawlers off.
    let here = move || {
        let search = location.search.get();
        let path = location.pathname.get();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    };
    let lang_href = move || switch_href("lang", lang.other().code(), &here());
    let text_href = move || {
        switch_href(
            "text",
            if prefs.large_text { "normal" } else { "large" },
            &here(),
        )
    };
    let (text_label, text_aria) = if prefs.large_text {
        (m::LARGE_TEXT_OFF, m::LARGE_TEXT_OFF_LABEL)
    } else {
        (m::LARGE_TEXT_ON, m::LARGE_TEXT_ON_LABEL)
    };

    view! {
        <a class="skip-link" href="#main">{m::SKIP_TO_CONTENT.get(lang)}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <A href={crate::paths::HOME.as_str()} attr:class="site-name">
                    <span class="site-name__title">{m::SITE_NAME.get(lang)}</span>
                    <span class="site-name__tagline">{m::SITE_TAGLINE.get(lang)}</span>
                </A>
                <nav class="prefs" aria-label=m::SETTINGS_NAV.get(lang)>
                    <a
                        href=lang_href
                        rel="external nofollow"
                        hreflang=lang.other().html_tag()
                        lang=lang.other().html_tag()
                        aria-label=m::SWITCH_LANGUAGE_LABEL.get(lang)
                    >
                        {m::SWITCH_LANGUAGE.get(lang)}
                    </a>
                    <a href=text_href rel="external nofollow" aria-label=text_aria.get(lang)>
                        {text_label.get(lang)}
                    </a>
                </nav>
            </div>
        </header>
        <main id="main" class="page" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{m::FOOTER_NOTE.get(lang)}</p>
        </footer>
    }
}
