//! Liveness and readiness probes for load balancers and orchestrators.

use app::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use std::time::Duration;

/// How often `/readyz` writes to check that writes work; callers in between share the
/// last answer.
const WRITE_CHECK_EVERY: Duration = Duration::from_secs(1);

/// The process is up and serving HTTP.
pub async fn healthz() -> &'static str {
    "ok\n"
}

/// The database answers reads and takes writes: this instance can take traffic. 503
/// otherwise, with the reason in the body (`database unavailable`, or `writes failing:
/// disk_full …` while the disk is full).
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, String) {
    if !state.db.is_ready().await {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "database unavailable\n".to_string(),
        );
    }
    match state.db.write_failure(WRITE_CHECK_EVERY).await {
        None => (StatusCode::OK, "ready\n".to_string()),
        Some(failing) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "writes failing: {} ({}) for {} s\n",
                failing.outage.label(),
                failing.outage,
                failing.since.elapsed().as_secs()
            ),
        ),
    }
}
