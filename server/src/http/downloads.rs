//! `/s/{station}/reports/{month}` (and the bureau's `/reports/{month}`): a published
//! month's page, and its downloads at the
//! same address with a file extension (`2026-10.csv`, `2026-10.json`). One route answers
//! all three, since the router cannot tell `2026-10` from `2026-10.csv`; the page itself
//! is the application's, rendered as every page is. The JSON is the stored snapshot byte
//! for byte, so its SHA-256 is the one the page shows.

use app::app::shell;
use app::reports::Month;
use app::reports::open_data::{bureau_to_csv, to_csv};
use app::reports::publish::{bureau_month, published_snapshot};
use app::state::AppState;
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
}

/// `(month, format)` of a download's last segment; `None` for the page.
fn download(file: &str) -> Option<(&str, Format)> {
    if let Some(month) = file.strip_suffix(".csv") {
        Some((month, Format::Csv))
    } else {
        file.strip_suffix(".json")
            .map(|month| (month, Format::Json))
    }
}

/// `?v=N`: a version; none (or 0) is the latest.
#[derive(Debug, Default, Deserialize)]
struct Version {
    v: Option<i64>,
}

pub async fn month(
    State(state): State<AppState>,
    Path((station, file)): Path<(String, String)>,
    request: Request,
) -> Response {
    let Some((month, format)) = download(&file) else {
        return page(state, request).await;
    };
    let Ok(Query(Version { v })) = Query::<Version>::try_from_uri(request.uri()) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let version = v.filter(|v| *v > 0);
    let Some(month) = Month::parse(month) else {
        return not_found();
    };
    let found = match published_snapshot(state.db.reader(), &station, month, version).await {
        Ok(found) => found,
        Err(error) => {
            return state
                .db
                .failed(&error, "loading a published report")
                .status()
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
    // A version never changes, but "the latest" does when a correction is published.
    let cache = if version.is_some() {
        "public, max-age=86400, immutable"
    } else {
        "public, max-age=300"
    };
    // The snapshot's hash, for the JSON (the bytes hashed) and the CSV (derived from them).
    attachment(body, content_type, &filename, &sha256, cache)
}

/// `/reports/{month}`: the bureau's month page, or with `.csv` or `.json` its
/// downloads: the sum of the stations' latest published reports, and (JSON) which
/// version of each was summed, with its hash. It changes whenever a station publishes.
pub async fn bureau(
    State(state): State<AppState>,
    Path(file): Path<String>,
    request: Request,
) -> Response {
    let Some((month, format)) = download(&file) else {
        return page(state, request).await;
    };
    let Some(month) = Month::parse(month) else {
        return not_found();
    };
    let found = match bureau_month(state.db.reader(), &month.to_string()).await {
        Ok(found) => found,
        Err(error) => {
            return state
                .db
                .failed(&error, "loading the bureau's month")
                .status()
                .into_response();
        }
    };
    if !found.report.stations.iter().any(|part| part.summed) {
        return not_found();
    }
    let filename = format!("{}-{month}", app::reports::bureau::BUREAU_SLUG);
    let json = match serde_json::to_vec_pretty(&found.report) {
        Ok(json) => json,
        Err(error) => {
            tracing::error!(%error, "writing the bureau's JSON failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let etag = app::reports::publish::sha256_hex(&json);
    let (body, content_type, filename) = match format {
        Format::Json => (json, "application/json", format!("{filename}.json")),
        Format::Csv => match bureau_to_csv(&found.report) {
            Ok(csv) => (csv, "text/csv; charset=utf-8", format!("{filename}.csv")),
            Err(error) => {
                tracing::error!(%error, "writing the bureau's CSV failed");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        },
    };
    attachment(body, content_type, &filename, &etag, "public, max-age=300")
}

/// A download: `body` as `filename`, tagged with `etag`.
fn attachment(
    body: Vec<u8>,
    content_type: &'static str,
    filename: &str,
    etag: &str,
    cache: &'static str,
) -> Response {
    let mut response = Body::from(body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    if let Ok(value) = HeaderValue::from_str(&format!("\"{etag}\"")) {
        headers.insert(header::ETAG, value);
    }
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

/// The month's page, as the application renders it.
async fn page(state: AppState, request: Request) -> Response {
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || leptos::prelude::provide_context(state.clone()),
        move || shell(options.clone()),
    );
    render(request).await.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_extension_makes_a_download() {
        assert_eq!(download("2026-10.csv"), Some(("2026-10", Format::Csv)));
        assert_eq!(download("2026-10.json"), Some(("2026-10", Format::Json)));
        assert_eq!(download("2026-10"), None);
        assert_eq!(download("2026-10.xml"), None);
    }
}
