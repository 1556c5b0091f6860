use crate::helpers::{Options, spawn_app, spawn_app_with};
use reqwest::StatusCode;

#[tokio::test]
async fn pages_allow_only_our_scripts_and_the_nonce_of_this_response() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let html = response.text().await.unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("the CSP names a nonce");
    assert!(nonce.len() >= 16);
    assert!(csp.contains("script-src 'self'"));
    assert!(!csp.contains("unsafe-inline"));
    assert!(csp.contains("frame-ancestors 'none'"));
    // Every inline script carries this response's nonce.
    let scripts = html.matches("<script").count();
    assert!(scripts > 0);
    assert_eq!(
        html.matches(&format!(r#"nonce="{nonce}""#)).count(),
        scripts,
        "{html}"
    );
    // A new response, a new nonce.
    let again = app.get("/").await.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert_ne!(csp, again);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in ["/", "/healthz", "/no/such/page", "/metrics"] {
        let response = app.get(path).await;
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["referrer-policy"], "same-origin", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert!(
            headers["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert!(
            headers.get("strict-transport-security").is_none(),
            "HSTS over plain HTTP on {path}"
        );
    }
}

#[tokio::test]
async fn hsts_is_sent_when_served_over_https() {
    let app = spawn_app_with(Options {
        https: true,
        ..Options::default()
    })
    .await;
    let response = app.get("/").await;
    assert!(
        response.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .starts_with("max-age=")
    );
}

#[tokio::test]
async fn every_response_has_a_request_id_and_keeps_the_callers() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert!(!response.headers()["x-request-id"].is_empty());
    let response = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "abc-123");
}

#[tokio::test]
async fn request_bodies_over_64_kb_are_refused() {
    let app = spawn_app().await;
    let body = vec![b'x'; 65 * 1024];
    let response = app
        .client
        .post(app.url("/"))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn html_pages_are_compressed_for_clients_that_accept_it() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-encoding"], "gzip");
}

#[tokio::test]
async fn cross_site_posts_are_refused_and_nothing_is_stored() {
    let app = crate::helpers::spawn_app().await;
    let token = crate::helpers::fresh_token(&app, "/o/100001").await;
    let body = format!("level=5&service_type=counter&token={token}");
    let host = app.address.trim_start_matches("http://").to_string();
    let post = |headers: Vec<(&'static str, String)>| {
        let mut request = app
            .client
            .post(app.url("/o/100001"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.clone());
        for (name, value) in headers {
            request = request.header(name, value);
        }
        request.send()
    };
    let evil = post(vec![("origin", "https://evil.example".into())])
        .await
        .unwrap();
    assert_eq!(evil.status(), reqwest::StatusCode::FORBIDDEN);
    assert!(evil.text().await.unwrap().contains("another site"));
    let fetch_meta = post(vec![("sec-fetch-site", "cross-site".into())])
        .await
        .unwrap();
    assert_eq!(fetch_meta.status(), reqwest::StatusCode::FORBIDDEN);
    assert_eq!(
        crate::helpers::count(&app, "SELECT COUNT(*) FROM ratings").await,
        0
    );

    let same = post(vec![
        ("origin", format!("http://{host}")),
        ("sec-fetch-site", "same-origin".into()),
    ])
    .await
    .unwrap();
    assert_eq!(same.status(), reqwest::StatusCode::SEE_OTHER);
    // A cross-site GET is a link, and fine.
    let link = app
        .client
        .get(app.url("/o/100001"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(link.status(), reqwest::StatusCode::OK);
}
