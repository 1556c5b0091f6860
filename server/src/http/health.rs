//! Liveness and readiness probes for load balancers and orchestrators.

use app::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;

/// The process is up and serving HTTP.
pub async fn healthz() -> &'static str {
    "ok\n"
}

/// The database answers: this instance can take traffic. 503 otherwise.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.db.is_ready().await {
        (StatusCode::OK, "ready\n")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
    }
}
