//! `/prefs`: the language and large-text switches. A link sets a cookie and comes back,
//! so the switches work without JavaScript.

use app::i18n::Lang;
use app::prefs::{LANG_COOKIE, TEXT_COOKIE};
use axum::extract::Query;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Switch {
    lang: Option<String>,
    text: Option<String>,
    next: Option<String>,
}

const ONE_YEAR: u32 = 365 * 24 * 3600;

pub async fn switch(Query(switch): Query<Switch>) -> Response {
    let mut headers = HeaderMap::new();
    if let Some(lang) = switch.lang.as_deref() {
        let Some(lang) = Lang::parse(lang) else {
            return bad_request("未知的语言。Unknown language.");
        };
        headers.append(header::SET_COOKIE, cookie(LANG_COOKIE, lang.code()));
    }
    if let Some(text) = switch.text.as_deref() {
        let value = match text {
            "large" => "large",
            "normal" => "normal",
            _ => return bad_request("未知的字号设置。Unknown text size."),
        };
        headers.append(header::SET_COOKIE, cookie(TEXT_COOKIE, value));
    }
    let next = local_path(switch.next.as_deref());
    headers.insert(
        header::LOCATION,
        HeaderValue::from_str(next).unwrap_or(HeaderValue::from_static("/")),
    );
    (StatusCode::SEE_OTHER, headers).into_response()
}

/// Only a hand-made URL gets here: say what is wrong in both languages.
fn bad_request(message: &'static str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

fn cookie(name: &str, value: &str) -> HeaderValue {
    let cookie = format!("{name}={value}; Path=/; Max-Age={ONE_YEAR}; SameSite=Lax");
    HeaderValue::from_str(&cookie).expect("cookie names and values are ASCII")
}

/// Only a path on this site may be a redirect target: never `//other.site` or a scheme.
fn local_path(next: Option<&str>) -> &str {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.chars().any(char::is_control) =>
        {
            path
        }
        _ => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn redirects_only_within_the_site() {
        assert_eq!(local_path(Some("/s/qishan")), "/s/qishan");
        assert_eq!(
            local_path(Some("/track?ref=KM-2026-000001")),
            "/track?ref=KM-2026-000001"
        );
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "",
            "javascript:alert(1)",
            "/a\r\nSet-Cookie: x=1",
        ] {
            assert_eq!(local_path(Some(bad)), "/", "{bad}");
        }
        assert_eq!(local_path(None), "/");
    }
}
