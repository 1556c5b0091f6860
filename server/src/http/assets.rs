//! Static files: the WASM, JS and CSS bundle under `/pkg` and the favicon, served from the
//! site folder with precompressed brotli and gzip variants when present (leptos_axum's
//! fallback file handler served a CSS file 21× slower than an SSR page here).

use app::state::AppState;
use axum::Router;
use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::header::CACHE_CONTROL;
use axum::middleware::{self, Next};
use axum::response::Response;
use std::path::Path;
use tower_http::services::{ServeDir, ServeFile};

pub fn routes(site_root: &Path) -> Router<AppState> {
    let pkg = ServeDir::new(site_root.join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .nest_service("/pkg", pkg)
        .route_service(
            "/favicon.svg",
            ServeFile::new(site_root.join("favicon.svg")),
        )
        .layer(middleware::from_fn(cache_headers))
}

/// Hashed names (`opendoor.<hash>.wasm`) never change content: cache them for a year.
/// Other files must be revalidated.
async fn cache_headers(request: Request, next: Next) -> Response {
    let hashed = is_hashed_name(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() {
        let value = if hashed {
            "public, max-age=31536000, immutable"
        } else {
            "public, no-cache"
        };
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// `opendoor.Ab3x9_Kq2mP0.css` is hashed; `opendoor.css` and `favicon.svg` are not.
fn is_hashed_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && parts[1..parts.len() - 1].iter().any(|part| {
            part.len() >= 8
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use super::is_hashed_name;

    #[test]
    fn recognises_hashed_file_names() {
        assert!(is_hashed_name("/pkg/opendoor.Ab3x9_Kq2mP0zz.css"));
        assert!(is_hashed_name("/pkg/opendoor.4f1c2e9a7b.wasm"));
        assert!(!is_hashed_name("/pkg/opendoor.css"));
        assert!(!is_hashed_name("/pkg/opendoor_bg.wasm"));
        assert!(!is_hashed_name("/favicon.svg"));
    }
}
