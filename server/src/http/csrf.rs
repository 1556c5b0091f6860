//! Cross-site request forgery defence: a state change (any method but GET, HEAD and
//! OPTIONS) is refused when the browser says it comes from another site, by
//! `Sec-Fetch-Site` or by an `Origin` that is neither this host nor the public URL. Staff
//! session cookies are also `SameSite=Strict`; this covers the resident forms, which
//! have no session, and browsers that ignore SameSite. Requests that carry neither header
//! (command-line clients, very old browsers) are not browsers acting for someone else.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The origins, besides the request's own host, that may post: the public URL's.
#[derive(Clone, Debug, Default)]
pub struct AllowedOrigins(Arc<Vec<String>>);

impl AllowedOrigins {
    /// From `OPENDOOR_PUBLIC_URL` (`https://feedback.example.gov.cn/...` → its origin).
    pub fn from_public_url(public_url: Option<&str>) -> AllowedOrigins {
        let origin = public_url.and_then(|url| {
            let (scheme, rest) = url.split_once("://")?;
            let authority = rest.split('/').next()?;
            Some(format!("{scheme}://{authority}").to_ascii_lowercase())
        });
        AllowedOrigins(Arc::new(origin.into_iter().collect()))
    }
}

pub async fn same_origin_only(
    State(allowed): State<AllowedOrigins>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || !is_cross_site(request.headers(), &allowed) {
        return next.run(request).await;
    }
    tracing::warn!(
        origin = ?request.headers().get(header::ORIGIN),
        path = request.uri().path(),
        "cross-site request refused"
    );
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "请求来自其他网站，已拒绝。请在本站页面上重新提交。\n\
         This request came from another site and was refused. Please submit it again from our own page.\n",
    )
        .into_response()
}

fn is_cross_site(headers: &HeaderMap, allowed: &AllowedOrigins) -> bool {
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if matches!(fetch_site, Some("cross-site" | "same-site")) {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    let Ok(origin) = origin.to_str() else {
        return true;
    };
    let origin = origin.to_ascii_lowercase();
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_ascii_lowercase);
    let same_host = origin
        .split_once("://")
        .is_some_and(|(_, authority)| Some(authority) == host.as_deref());
    !(same_host || allowed.0.contains(&origin))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn decides_by_fetch_metadata_and_origin() {
        let none = AllowedOrigins::default();
        let public = AllowedOrigins::from_public_url(Some("https://Feedback.Example.cn/portal"));
        assert!(!is_cross_site(&headers(&[]), &none));
        assert!(!is_cross_site(
            &headers(&[("sec-fetch-site", "same-origin")]),
            &none
        ));
        assert!(is_cross_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            &none
        ));
        assert!(!is_cross_site(
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ]),
            &none
        ));
        assert!(is_cross_site(
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "127.0.0.1:3000")
            ]),
            &none
        ));
        assert!(is_cross_site(
            &headers(&[("origin", "null"), ("host", "127.0.0.1:3000")]),
            &none
        ));
        // Behind a proxy the Host may be internal; the public URL's origin is allowed.
        assert!(!is_cross_site(
            &headers(&[
                ("origin", "https://feedback.example.cn"),
                ("host", "10.0.0.5:3000")
            ]),
            &public
        ));
    }
}
