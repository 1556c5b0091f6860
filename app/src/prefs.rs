//! Display preferences (language and large text), remembered in cookies so that they
//! work without JavaScript: the switch is a link to `/prefs`, which sets the cookie and
//! redirects back.

use crate::i18n::lang::Lang;

/// Cookie holding the language code.
pub const LANG_COOKIE: &str = "od_lang";
/// Cookie holding `large` when large-text mode is on.
pub const TEXT_COOKIE: &str = "od_text";
/// The class on `<html>` that turns large-text mode on in the stylesheet.
pub const LARGE_TEXT_CLASS: &str = "large-text";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prefs {
    pub lang: Lang,
    pub large_text: bool,
}

impl Prefs {
    /// Reads the preferences from a `Cookie` request header.
    pub fn from_cookie_header(header: &str) -> Prefs {
        let mut prefs = Prefs::default();
        for pair in header.split(';') {
            let Some((name, value)) = pair.trim().split_once('=') else {
                continue;
            };
            match name {
                LANG_COOKIE => prefs.lang = Lang::parse(value).unwrap_or_default(),
                TEXT_COOKIE => prefs.large_text = value == "large",
                _ => {}
            }
        }
        prefs
    }

    /// The preferences of the page being rendered: from the request's cookies on the
    /// server, from the server-rendered `<html>` element in the browser.
    pub fn detect() -> Prefs {
        #[cfg(feature = "ssr")]
        {
            leptos::prelude::use_context::<http::request::Parts>()
                .and_then(|parts| {
                    parts
                        .headers
                        .get(http::header::COOKIE)
                        .and_then(|value| value.to_str().ok())
                        .map(Prefs::from_cookie_header)
                })
                .unwrap_or_default()
        }
        #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
        {
            let root = leptos::prelude::document().document_element();
            Prefs {
                lang: root
                    .as_ref()
                    .and_then(|el| el.get_attribute("lang"))
                    .and_then(|tag| Lang::parse(&tag))
                    .unwrap_or_default(),
                large_text: root
                    .map(|el| el.class_list().contains(LARGE_TEXT_CLASS))
                    .unwrap_or(false),
            }
        }
        #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
        {
            Prefs::default()
        }
    }
}

/// Where the switch links point: `/prefs?lang=en&next=/s/qishan`.
pub fn switch_href(setting: &str, value: &str, next: &str) -> String {
    format!("/prefs?{setting}={value}&next={}", encode_path(next))
}

/// Percent-encodes what a path may not carry inside a query value.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_to_chinese_and_normal_text() {
        assert_eq!(Prefs::from_cookie_header(""), Prefs::default());
        assert_eq!(Prefs::default().lang, Lang::Zh);
    }

    #[test]
    fn reads_both_cookies_among_others() {
        let prefs = Prefs::from_cookie_header("a=1; od_lang=en; od_text=large; b=2");
        assert_eq!(
            prefs,
            Prefs {
                lang: Lang::En,
                large_text: true
            }
        );
    }

    #[test]
    fn ignores_unknown_values() {
        let prefs = Prefs::from_cookie_header("od_lang=xx; od_text=huge");
        assert_eq!(prefs, Prefs::default());
    }

    #[test]
    fn switch_href_encodes_the_return_path() {
        assert_eq!(
            switch_href("lang", "en", "/s/qishan"),
            "/prefs?lang=en&next=/s/qishan"
        );
        assert_eq!(
            switch_href("text", "large", "/track?ref=a&b"),
            "/prefs?text=large&next=/track%3Fref%3Da%26b"
        );
    }
}
