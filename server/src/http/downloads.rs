//! `/s/{station}/reports/{YYYY-MM}.csv` and `.json`: the downloads of a published month.
//! The page `/s/{station}/reports/{YYYY-MM}` has the same shape as a route, so the
//! downloads are answered here, before routing, by their file extension. The JSON is the
//! stored snapshot byte for byte, so its SHA-256 is the one the page shows.

use app::reports::Month;
use app::reports::open_data::to_csv;
use app::reports::publish::published_snapshot;
use app::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
}

/// `(station, month, format)` of a download path; `None` for anything else.
fn download_path(path: &str) -> Option<(&str, &str, Format)> {
    let rest = path.strip_prefix("/s/")?;
    let (station, file) = rest.split_once("/reports/")?;
    if station.is_empty() || station.contains('/') {
        return None;
    }
    if let Some(month) = file.strip_suffix(".csv") {
        Some((station, month, Format::Csv))
    } else {
        file.strip_suffix(".json")
            .map(|month| (station, month, Format::Json))
    }
}

fn version_of(query: Option<&str>) -> Option<i64> {
    query?
        .split('&')
        .find_map(|pair| pair.strip_prefix("v="))
        .and_then(|v| v.parse().ok())
        .filter(|v| *v > 0)
}

pub async fn reports(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some((station, month, format)) = download_path(request.uri().path()) else {
        return next.run(request).await;
    };
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let Some(month) = Month::parse(month) else {
        return not_found();
    };
    let version = version_of(request.uri().query());
    let found = match published_snapshot(state.db.reader(), station, month, version).await {
        Ok(found) => found,
        Err(error) => {
            return crate::http::forms::failed_status(&state, &error, "loading a published report")
                .into_response();
        }
    };
    let Some((json, sha256, report)) = found else {
        return not_found();
    };
    let filename = format!("{station}-{month}-v{}", report.version);
    let (body, content_type, filename) = match format {
        Format::Json => (
            json.into_bytes(),
            "application/json",
            format!("{filename}.json"),
        ),
        Format::Csv => match to_csv(&report) {
            Ok(csv) => (csv, "text/csv; charset=utf-8", format!("{filename}.csv")),
            Err(error) => {
                tracing::error!(%error, "writing a report's CSV failed");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        },
    };
    let mut response = Body::from(body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    // The snapshot's hash, for the JSON (the bytes hashed) and the CSV (derived from them).
    if let Ok(value) = HeaderValue::from_str(&format!("\"{sha256}\"")) {
        headers.insert(header::ETAG, value);
    }
    // A version never changes, but "the latest" does when a correction is published.
    let cache = if version.is_some() {
        "public, max-age=86400, immutable"
    } else {
        "public, max-age=300"
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "no such published report\n",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_report_files_are_downloads() {
        assert_eq!(
            download_path("/s/qishan/reports/2026-10.csv"),
            Some(("qishan", "2026-10", Format::Csv))
        );
        assert_eq!(
            download_path("/s/qishan/reports/2026-10.json"),
            Some(("qishan", "2026-10", Format::Json))
        );
        assert_eq!(download_path("/s/qishan/reports/2026-10"), None);
        assert_eq!(download_path("/s/qishan/reports"), None);
        assert_eq!(download_path("/s/a/b/reports/2026-10.csv"), None);
        assert_eq!(version_of(Some("v=2")), Some(2));
        assert_eq!(version_of(Some("x=1&v=0")), None);
        assert_eq!(version_of(None), None);
    }
}
