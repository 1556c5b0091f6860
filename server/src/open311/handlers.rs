//! The HTTP side of Open311: `/open311/v2/{resource}.{json|xml}`. Unknown resources and
//! requests answer with the specification's error list (404), a bad or missing API key
//! with 403, refused input with 400: never a bare 500.

use super::format::{self, Error, Format, Node, json, xml_document};
use super::store::{self, DEFAULT_DAYS, PublicRequest, Query};
use app::cases::request_form::{MAX_SUBJECT_CHARS, RequestForm, STATION_NOT_SURE};
use app::cases::requests::{RequestError, file_request};
use app::cases::{CaseKind, Reference};
use app::db::now_millis;
use app::state::AppState;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

/// When the interface last changed, for service discovery.
const CHANGESET: &str = "2026-11-27 00:00";
const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/open311/v2/{file}", get(resource).post(post_request))
        .route("/open311/v2/requests/{file}", get(one_request))
}

fn answer(format: Format, status: StatusCode, body: Vec<u8>) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    response
}

fn error(format: Format, status: StatusCode, description: &str) -> Response {
    let body = format::errors(
        format,
        &[Error {
            code: status.as_u16(),
            description: description.to_string(),
        }],
    );
    answer(format, status, body)
}

/// 503 for a database outage, 500 for a fault (logged either way), in the
/// specification's error format.
fn unavailable(state: &AppState, format: Format, error: sqlx::Error) -> Response {
    let failure = state.db.failed(&error, "an Open311 query");
    let description = match failure {
        app::db::Failure::Outage(_) => "the service is unavailable, try again later",
        app::db::Failure::Conflict | app::db::Failure::Refused => "the request was refused",
        app::db::Failure::Fault => "internal error",
    };
    self::error(format, failure.status(), description)
}

/// The answer to a resource without `.json` or `.xml` (in JSON, the format unknown).
fn unknown_format() -> Response {
    error(
        Format::Json,
        StatusCode::NOT_FOUND,
        "unknown resource: use .json or .xml",
    )
}

async fn resource(
    State(state): State<AppState>,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let Some((stem, format)) = Format::split(&file) else {
        return unknown_format();
    };
    match stem {
        "discovery" => discovery(&state, format, &headers).await,
        "services" => services(format),
        "requests" => list_requests(&state, format, query.as_deref().unwrap_or("")).await,
        _ => error(format, StatusCode::NOT_FOUND, "unknown resource"),
    }
}

async fn discovery(state: &AppState, format: Format, headers: &HeaderMap) -> Response {
    let base = state.public_url.clone().unwrap_or_else(|| {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("localhost");
        format!("http://{host}")
    });
    let url = format!("{}/open311/v2", base.trim_end_matches('/'));
    let bureau = match store::bureau_name(state.db.reader()).await {
        Ok(name) => name,
        Err(e) => return unavailable(state, format, e),
    };
    let contact = format!("{bureau}：请通过网站 {base} 联系 / Contact the bureau through {base}");
    let key_service = "API keys for POST requests are issued by the bureau's administrators / 提交诉求所需的 API key 由公安局系统管理员发放";
    let body = match format {
        Format::Json => json(&serde_json::json!({
            "changeset": CHANGESET,
            "contact": contact,
            "key_service": key_service,
            "endpoints": [{
                "specification": SPECIFICATION,
                "url": url,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }],
        })),
        Format::Xml => xml_document(
            "discovery",
            vec![
                ("changeset", Node::text(CHANGESET)),
                ("contact", Node::text(contact)),
                ("key_service", Node::text(key_service)),
                (
                    "endpoints",
                    Node::Children(vec![(
                        "endpoint",
                        Node::Children(vec![
                            ("specification", Node::text(SPECIFICATION)),
                            ("url", Node::text(url)),
                            ("changeset", Node::text(CHANGESET)),
                            ("type", Node::text("production")),
                            (
                                "formats",
                                Node::Children(vec![
                                    ("format", Node::text("text/xml")),
                                    ("format", Node::text("application/json")),
                                ]),
                            ),
                        ]),
                    )]),
                ),
            ],
        ),
    };
    answer(format, StatusCode::OK, body)
}

/// One service per kind of request residents file.
fn services(format: Format) -> Response {
    let services: Vec<serde_json::Value> = CaseKind::FILED_BY_RESIDENTS
        .iter()
        .map(|kind| {
            serde_json::json!({
                "service_code": kind.code(),
                "service_name": kind.label().zh,
                "description": format!("{} / {}", kind.label().zh, kind.label().en),
                "metadata": false,
                "type": "realtime",
                "keywords": kind.label().en.to_lowercase(),
                "group": "派出所 / police station",
            })
        })
        .collect();
    let body = match format {
        Format::Json => json(&services),
        Format::Xml => xml_document(
            "services",
            services
                .iter()
                .map(|s| {
                    let field = |name: &str| {
                        Node::text(
                            s[name]
                                .as_str()
                                .map(str::to_string)
                                .unwrap_or_else(|| s[name].to_string()),
                        )
                    };
                    (
                        "service",
                        Node::Children(vec![
                            ("service_code", field("service_code")),
                            ("service_name", field("service_name")),
                            ("description", field("description")),
                            ("metadata", field("metadata")),
                            ("type", field("type")),
                            ("keywords", field("keywords")),
                            ("group", field("group")),
                        ]),
                    )
                })
                .collect(),
        ),
    };
    answer(format, StatusCode::OK, body)
}

fn request_node(r: &PublicRequest) -> (&'static str, Node) {
    (
        "request",
        Node::Children(vec![
            ("service_request_id", Node::text(&r.service_request_id)),
            ("status", Node::text(r.status)),
            ("status_notes", Node::opt(r.status_notes.as_ref())),
            ("service_name", Node::text(&r.service_name)),
            ("service_code", Node::text(&r.service_code)),
            ("description", Node::opt(r.description.as_ref())),
            ("agency_responsible", Node::text(&r.agency_responsible)),
            ("service_notice", Node::opt(r.service_notice.as_ref())),
            ("requested_datetime", Node::text(&r.requested_datetime)),
            ("updated_datetime", Node::text(&r.updated_datetime)),
            ("expected_datetime", Node::text(&r.expected_datetime)),
            ("address", Node::opt(r.address.as_ref())),
            ("address_id", Node::opt(r.address_id.as_ref())),
            ("zipcode", Node::opt(r.zipcode.as_ref())),
            ("lat", Node::opt(r.lat)),
            ("long", Node::opt(r.long)),
            ("media_url", Node::opt(r.media_url.as_ref())),
        ]),
    )
}

fn requests_body(format: Format, requests: &[PublicRequest]) -> Vec<u8> {
    match format {
        Format::Json => json(&requests),
        Format::Xml => xml_document(
            "service_requests",
            requests.iter().map(request_node).collect(),
        ),
    }
}

/// A W3C date-time (`2026-10-01T08:00:00+08:00`, `…Z`) as Unix milliseconds.
fn parse_datetime(value: &str) -> Option<i64> {
    let t =
        time::OffsetDateTime::parse(value.trim(), &time::format_description::well_known::Rfc3339)
            .ok()?;
    Some((t.unix_timestamp_nanos() / 1_000_000) as i64)
}

/// The comma-separated values of a query parameter.
fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

async fn list_requests(state: &AppState, format: Format, raw: &str) -> Response {
    let params: Vec<(String, String)> = serde_html_form::from_str(raw).unwrap_or_default();
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let now = now_millis();
    let mut query = Query::default();
    if let Some(ids) = get("service_request_id") {
        query.references = list(ids);
    }
    if let Some(codes) = get("service_code") {
        query.kinds = list(codes);
        if let Some(bad) = query.kinds.iter().find(|k| {
            !CaseKind::FILED_BY_RESIDENTS
                .iter()
                .any(|kind| kind.code() == k.as_str())
        }) {
            return error(
                format,
                StatusCode::BAD_REQUEST,
                &format!("unknown service_code {bad}"),
            );
        }
    }
    if let Some(statuses) = get("status") {
        for status in list(statuses) {
            match status.as_str() {
                "open" => query.statuses.push("open"),
                "closed" => query.statuses.push("closed"),
                _ => {
                    return error(
                        format,
                        StatusCode::BAD_REQUEST,
                        "status must be open or closed",
                    );
                }
            }
        }
    }
    let date = |name: &str| -> Result<Option<i64>, String> {
        match get(name) {
            None | Some("") => Ok(None),
            Some(value) => parse_datetime(value).map(Some).ok_or_else(|| {
                format!("{name} must be a W3C date-time such as 2026-10-01T00:00:00+08:00")
            }),
        }
    };
    let (start, end) = match (date("start_date"), date("end_date")) {
        (Ok(start), Ok(end)) => (start, end),
        (Err(message), _) | (_, Err(message)) => {
            return error(format, StatusCode::BAD_REQUEST, &message);
        }
    };
    query.to = end.unwrap_or(now + 1);
    query.from = start.unwrap_or(query.to - DEFAULT_DAYS * 86_400_000);
    if let Some(slug) = get("jurisdiction_id").filter(|s| !s.is_empty()) {
        match store::station_id(state.db.reader(), slug).await {
            Ok(Some(id)) => query.station_id = Some(id),
            Ok(None) => return error(format, StatusCode::NOT_FOUND, "unknown jurisdiction_id"),
            Err(e) => return unavailable(state, format, e),
        }
    }
    match store::requests(state.db.reader(), &query).await {
        Ok(requests) => answer(format, StatusCode::OK, requests_body(format, &requests)),
        Err(e) => unavailable(state, format, e),
    }
}

async fn one_request(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some((stem, format)) = Format::split(&file) else {
        return unknown_format();
    };
    let not_found = || error(format, StatusCode::NOT_FOUND, "no such service request");
    let Some(reference) = Reference::parse(stem) else {
        return not_found();
    };
    match store::request(state.db.reader(), reference.as_ref()).await {
        Ok(Some(request)) => answer(format, StatusCode::OK, requests_body(format, &[request])),
        Ok(None) => not_found(),
        Err(e) => unavailable(&state, format, e),
    }
}

/// POST `requests`: the specification's fields that OpenDoor uses.
#[derive(Debug, Default, Deserialize)]
struct PostForm {
    #[serde(default)]
    api_key: String,
    #[serde(default)]
    service_code: String,
    #[serde(default)]
    jurisdiction_id: String,
    #[serde(default)]
    lat: String,
    #[serde(default)]
    long: String,
    #[serde(default)]
    address_string: String,
    #[serde(default)]
    address_id: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    description: String,
}

/// The subject the web form asks for: the description's first line, shortened.
fn subject_of(description: &str) -> String {
    let first = description.trim().lines().next().unwrap_or_default().trim();
    let mut subject: String = first.chars().take(MAX_SUBJECT_CHARS - 1).collect();
    if first.chars().count() > MAX_SUBJECT_CHARS - 1 {
        subject.push('…');
    }
    subject
}

async fn post_request(
    State(state): State<AppState>,
    Path(file): Path<String>,
    body: Bytes,
) -> Response {
    let Some((stem, format)) = Format::split(&file) else {
        return unknown_format();
    };
    if stem != "requests" {
        return error(
            format,
            StatusCode::METHOD_NOT_ALLOWED,
            "only requests may be posted",
        );
    }
    let Some(form) = crate::http::edge::parse_form::<PostForm>(&body) else {
        return error(
            format,
            StatusCode::BAD_REQUEST,
            "the form could not be read",
        );
    };
    match app::admin::api_keys::check(&state.db, form.api_key.trim()).await {
        Ok(Some(client)) => tracing::info!(client, "Open311 request received"),
        Ok(None) => {
            return error(
                format,
                StatusCode::FORBIDDEN,
                "Invalid api_key received -- can't submit requests",
            );
        }
        Err(e) => return unavailable(&state, format, e),
    }
    if !CaseKind::FILED_BY_RESIDENTS
        .iter()
        .any(|k| k.code() == form.service_code)
    {
        return error(
            format,
            StatusCode::BAD_REQUEST,
            "service_code is missing or unknown: see services",
        );
    }
    let coordinates = match (
        form.lat.trim().parse::<f64>(),
        form.long.trim().parse::<f64>(),
    ) {
        (Ok(lat), Ok(long))
            if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&long) =>
        {
            Some(format!("{lat},{long}"))
        }
        _ => None,
    };
    let place = [form.address_string.trim(), form.address_id.trim()]
        .into_iter()
        .find(|s| !s.is_empty())
        .map(str::to_string)
        .or(coordinates);
    let Some(place) = place else {
        return error(
            format,
            StatusCode::BAD_REQUEST,
            "a location is required: lat and long, address_string or address_id",
        );
    };
    let name = format!("{} {}", form.last_name.trim(), form.first_name.trim())
        .trim()
        .to_string();
    let web_form = RequestForm {
        kind: form.service_code.clone(),
        station: if form.jurisdiction_id.trim().is_empty() {
            STATION_NOT_SURE.to_string()
        } else {
            form.jurisdiction_id.trim().to_string()
        },
        place,
        subject: subject_of(&form.description),
        description: form.description.clone(),
        badge: String::new(),
        anonymous: name.is_empty().then(|| "on".to_string()),
        // Open311 names no officer, and so asks no consent.
        publish_name: None,
        contact_name: name,
        contact_phone: form.phone.trim().to_string(),
        contact_email: form.email.trim().to_string(),
        token: app::submissions::new_form_token(),
    };
    let submission = match web_form.validate() {
        Ok(submission) => submission,
        Err(errors) => {
            let errors: Vec<Error> = errors
                .into_iter()
                .map(|e| Error {
                    code: 400,
                    description: format!("{}: {}", e.field().id(), e.text().en),
                })
                .collect();
            return answer(
                format,
                StatusCode::BAD_REQUEST,
                format::errors(format, &errors),
            );
        }
    };
    let calendar = match state.calendar.get(state.db.reader()).await {
        Ok(calendar) => calendar,
        Err(e) => return unavailable(&state, format, e),
    };
    let filed = match file_request(&state.cases(&calendar), &submission, app::i18n::Lang::Zh).await
    {
        Ok(filed) => filed,
        Err(RequestError::UnknownStation) => {
            return error(format, StatusCode::NOT_FOUND, "unknown jurisdiction_id");
        }
        Err(
            RequestError::UnknownBadge | RequestError::StaleForm | RequestError::AlreadyFiled(_),
        ) => {
            return error(
                format,
                StatusCode::BAD_REQUEST,
                "the request could not be filed",
            );
        }
        Err(RequestError::Database(e)) => return unavailable(&state, format, e),
    };
    let notice = format!(
        "请保存查询码 {code}：凭编号和查询码在 /track 查看办理进度。/ Keep the access code {code}: with the reference it opens /track.",
        code = filed.access_code.display()
    );
    let reference = filed.reference.to_string();
    let body = match format {
        Format::Json => json(
            &serde_json::json!([{ "service_request_id": reference, "service_notice": notice, "account_id": null }]),
        ),
        Format::Xml => xml_document(
            "service_requests",
            vec![(
                "request",
                Node::Children(vec![
                    ("service_request_id", Node::text(&reference)),
                    ("service_notice", Node::text(&notice)),
                    ("account_id", Node::Empty),
                ]),
            )],
        ),
    };
    answer(format, StatusCode::CREATED, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_are_the_first_line_within_the_limit() {
        assert_eq!(subject_of("路灯坏了\n详细情况"), "路灯坏了");
        let long = "字".repeat(150);
        let subject = subject_of(&long);
        assert_eq!(subject.chars().count(), MAX_SUBJECT_CHARS);
        assert!(subject.ends_with('…'));
    }

    #[test]
    fn datetimes_are_w3c() {
        assert_eq!(parse_datetime("1970-01-01T08:00:00+08:00"), Some(0));
        assert_eq!(parse_datetime("1970-01-01T00:00:01Z"), Some(1000));
        assert_eq!(parse_datetime("2026-10-01"), None);
    }
}
