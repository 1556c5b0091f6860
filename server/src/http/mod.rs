//! The HTTP stack: Leptos pages and server functions, plus health, metrics, preferences
//! and static files, wrapped in request ids, tracing, metrics, limits and security headers.

mod assets;
mod browser;
pub mod csrf;
mod downloads;
pub(crate) mod edge;
pub(crate) mod forms;
mod health;
pub mod metrics;
mod prefs;
mod security;

use crate::cli::ServeArgs;
use app::app::{App, shell};
use app::db::Db;
use app::paths::{self, Path};
use app::state::AppState;
use axum::Router;
use axum::http::{HeaderName, Request, StatusCode};
use axum::middleware;
use axum::routing::{MethodRouter, get, post};
use leptos::config::LeptosOptions;
use leptos_axum::LeptosRoutes;
use std::path::PathBuf;
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

/// Requests larger than this are refused with 413; routes that need more raise it.
pub const BODY_LIMIT_BYTES: usize = 64 * 1024;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

#[derive(Clone, Debug)]
pub struct HttpConfig {
    pub site_root: PathBuf,
    /// Served over HTTPS (by the public URL): send HSTS.
    pub https: bool,
    pub request_timeout: Duration,
    /// Origins besides the request's host that may post (the public URL's).
    pub allowed_origins: csrf::AllowedOrigins,
    /// Behind our own reverse proxy: client addresses come from `X-Forwarded-For`.
    pub trust_forwarded_for: bool,
    /// Off only to load-test the storage path (`make bench`).
    pub rate_limits: bool,
    /// How long staff sessions last.
    pub sessions: app::staff::sessions::SessionPolicy,
    /// The audit log's chain key.
    pub audit_key: app::audit::AuditKey,
    /// The public base URL (`https://feedback.example.cn`), for links that leave the
    /// site: QR codes on printed cards. Without it, the request's own host is used.
    pub public_url: Option<String>,
}

impl HttpConfig {
    pub fn from_args(args: &ServeArgs, audit_key: app::audit::AuditKey) -> HttpConfig {
        HttpConfig {
            site_root: args.site_root.clone(),
            https: args
                .public_url
                .as_deref()
                .is_some_and(|url| url.starts_with("https://")),
            request_timeout: Duration::from_secs(args.request_timeout_secs),
            allowed_origins: csrf::AllowedOrigins::from_public_url(args.public_url.as_deref()),
            trust_forwarded_for: args.trust_forwarded_for,
            rate_limits: !args.no_rate_limits,
            sessions: app::staff::sessions::SessionPolicy {
                idle: Duration::from_secs(args.session_idle_minutes * 60),
                absolute: Duration::from_secs(args.session_max_hours * 3600),
            },
            audit_key,
            public_url: args.public_url.clone(),
        }
    }
}

/// The whole application as one axum router.
pub fn router(config: HttpConfig, db: Db) -> anyhow::Result<Router> {
    let leptos_options = leptos_options(&config);
    if !config.rate_limits {
        tracing::warn!("rate limits are OFF: for load tests only");
    }
    let state = AppState {
        leptos_options: leptos_options.clone(),
        db,
        calendar: Default::default(),
        limits: std::sync::Arc::new(app::limits::RateLimits::new(config.rate_limits)),
        trust_forwarded_for: config.trust_forwarded_for,
        https: config.https,
        sessions: config.sessions,
        audit_key: config.audit_key.clone(),
        public_url: config.public_url.clone(),
    };
    let metrics = metrics::install_recorder();

    let render_shell = move || shell(leptos_options.clone());
    let provide_state = {
        let state = state.clone();
        move || leptos::prelude::provide_context(state.clone())
    };
    // Unknown paths render the app too, whose fallback route answers 404.
    let not_found = leptos_axum::render_app_async_with_context(provide_state, render_shell.clone());

    // A month's page shares its route with its downloads (`downloads::month`, and the
    // bureau's `downloads::bureau`).
    let routes: Vec<_> = leptos_axum::generate_route_list(App)
        .into_iter()
        .filter(|route| {
            route.path() != paths::STATION_MONTH.axum()
                && route.path() != paths::REPORTS_MONTH.axum()
        })
        .collect();
    let router = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route(
            "/metrics",
            get(metrics::render).with_state((metrics, state.db.clone())),
        )
        .route("/prefs", get(prefs::switch))
        .route(&paths::RATE_GO.axum(), get(forms::ratings::go_to_code))
        .merge(form_router(&state))
        .route(&paths::STATION_MONTH.axum(), get(downloads::month))
        .route(&paths::REPORTS_MONTH.axum(), get(downloads::bureau))
        .merge(crate::open311::routes())
        .merge(assets::routes(&config.site_root))
        .leptos_routes(&state, routes, render_shell)
        .fallback(not_found)
        .with_state(state);

    // Each `layer` wraps what came before: the last one added sees a request first.
    let router = router
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, config.request_timeout))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            config.allowed_origins.clone(),
            csrf::same_origin_only,
        ))
        .layer(middleware::from_fn_with_state(config.https, security::headers))
        .layer(middleware::from_fn_with_state(
            config.https,
            browser::ensure_cookie,
        ))
        .layer(middleware::from_fn(metrics::track))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<_>| {
                    let id = request
                        .headers()
                        .get(REQUEST_ID)
                        .and_then(|value| value.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("request", id, method = %request.method(), path = request.uri().path())
                })
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid));
    Ok(router)
}

/// Every form's POST route: the address (declared in `app::paths`) and its handler.
pub fn form_routes() -> Vec<(Path, MethodRouter<AppState>)> {
    vec![
        (paths::OFFICER, post(forms::ratings::rate_officer)),
        (paths::STATION, post(forms::ratings::rate_station)),
        (paths::RATE_CODE, post(forms::ratings::rate_with_code)),
        (paths::REQUEST_NEW, post(forms::requests::file)),
        (paths::TRACK, post(forms::tracking::open)),
        (paths::MAIL_CONFIRM, post(forms::mail::confirm)),
        (paths::MAIL_UNSUBSCRIBE, post(forms::mail::unsubscribe)),
        (paths::TRACK_FEEDBACK, post(forms::tracking::answer)),
        (paths::TRACK_OBJECT, post(forms::tracking::object)),
        (paths::STAFF_LOGIN, post(forms::staff::login)),
        (paths::STAFF_LOGIN_CODE, post(forms::staff::code)),
        (paths::STAFF_TOTP, post(forms::staff::enrol)),
        (paths::STAFF_LOGOUT, post(forms::staff::logout)),
        (
            paths::STAFF_LOGOUT_EVERYWHERE,
            post(forms::staff::logout_everywhere),
        ),
        (paths::STAFF_CASE_ACTION, post(forms::cases::act)),
        (paths::STAFF_SERVICE_CODES, post(forms::printing::issue)),
        (paths::STAFF_SHOW_CODE, post(forms::show_code::show)),
        (paths::STAFF_VISITS, post(forms::visits::log)),
        (paths::STAFF_VISIT_OPINION, post(forms::visits::opinion)),
        (paths::STAFF_CAMPAIGNS, post(forms::visits::campaign)),
        (paths::STAFF_SIGNAL, post(forms::signals::decide_signal)),
        (paths::STAFF_ADMIN_ACTION, post(forms::admin::act)),
        (
            paths::STAFF_REPORT_DRAFT,
            post(forms::reports::publish_month),
        ),
    ]
}

/// The addresses forms post to, for the test that every form has its route and every
/// route its form.
pub fn post_paths() -> Vec<Path> {
    form_routes().into_iter().map(|(path, _)| path).collect()
}

/// The forms' routes, their refusals rendered as the page again ([`edge::answers`]).
fn form_router(state: &AppState) -> Router<AppState> {
    form_routes()
        .into_iter()
        .fold(Router::new(), |router, (path, route)| {
            router.route(&path.axum(), route)
        })
        .layer(middleware::from_fn_with_state(state.clone(), edge::answers))
}

/// Leptos settings from our own configuration, so that the binary runs from the
/// repository root without cargo-leptos' environment variables.
fn leptos_options(config: &HttpConfig) -> LeptosOptions {
    // cargo-leptos writes `hash.txt` beside a release binary built with hashed file
    // names; without it (tests, plain `cargo build`) names are unhashed.
    let hash_files = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt").exists()))
        .unwrap_or(false);
    LeptosOptions::builder()
        .output_name("opendoor")
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .hash_files(hash_files)
        .env(leptos::config::Env::PROD)
        .build()
}
