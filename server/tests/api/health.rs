use crate::helpers::spawn_app;
use reqwest::StatusCode;

#[tokio::test]
async fn healthz_answers_while_the_process_runs() {
    let app = spawn_app().await;
    let (status, body) = app.get_page("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body.trim(), "ok");
}

#[tokio::test]
async fn readyz_is_ok_when_the_database_answers() {
    let app = spawn_app().await;
    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn readyz_is_503_when_the_database_is_unreachable() {
    let app = spawn_app().await;
    app.db.close().await;
    assert_eq!(
        app.get("/readyz").await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    // The process itself is still alive.
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn metrics_count_requests_and_latency_by_route() {
    let app = spawn_app().await;
    app.get("/s/qishan").await;
    let response = app.get("/metrics").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let body = response.text().await.unwrap();
    let counted = body.lines().any(|line| {
        line.starts_with("http_requests_total{")
            && line.contains(r#"route="/s/{station}""#)
            && line.contains(r#"status="200""#)
    });
    assert!(
        counted,
        "no request counter for the station route in:\n{body}"
    );
    assert!(body.lines().any(
        |line| line.starts_with("http_request_duration_seconds_bucket{")
            && line.contains(r#"route="/s/{station}""#)
    ));
}
