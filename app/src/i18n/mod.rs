//! The two interface languages and the typed message catalogue.
//!
//! Every message is a [`Text`] holding both languages, so a missing translation is a
//! compile error rather than a blank on screen. The language is chosen on the server from
//! a cookie (see [`crate::prefs`]) and switching reloads the page, which is all OpenDoor
//! needs; that is why this is a small module and not leptos_i18n, whose ICU and leptos-use
//! dependencies would cost build time and WASM size for features we do not use.

#[cfg(test)]
mod glossary;
pub mod lang;
pub mod messages;

pub use lang::Lang;

/// A user-facing message in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Text {
    pub const fn new(zh: &'static str, en: &'static str) -> Text {
        Text { zh, en }
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// The language of the current page, from the preferences in context.
pub fn use_lang() -> Lang {
    leptos::prelude::use_context::<crate::prefs::Prefs>()
        .map(|prefs| prefs.lang)
        .unwrap_or_default()
}

/// Translates a message into the current page's language.
pub fn tr(text: Text) -> &'static str {
    text.get(use_lang())
}
