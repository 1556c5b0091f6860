//! Issue 21: one map from a database error to a status, for pages, server functions and
//! forms alike. With the database out of reach every one of them answers 503 ("try again
//! in a moment"), never 500.

use crate::helpers::{fresh_token, spawn_app};
use reqwest::StatusCode;

#[tokio::test]
async fn an_unreachable_database_is_503_for_pages_server_functions_and_forms() {
    let app = spawn_app().await;
    let resident = app.resident();
    let clerk = app.staff("clerk.qishan").await;
    let token = fresh_token(&app, "/o/100001").await;
    let (function, method) = leptos::server_fn::axum::server_fn_paths()
        .find(|(path, _)| path.starts_with("/api/list_stations"))
        .expect("the station list's server function");

    // Every connection refused from now on, as when the database server is down.
    app.db.reader().close().await;
    app.db.writer().close().await;

    let page = resident.open("/s/qishan", None).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.has("p.error"), "the page says it could not load");
    // A staff page fails at its sign-in check, and says so the same way.
    let page = clerk.open("/staff/intake").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.has("p.error"));

    let answer = app
        .client
        .request(method, app.url(function))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        answer.text().await.unwrap(),
        r#""Unavailable""#,
        "the error as the client decodes it"
    );

    let comment = "窗口服务很耐心";
    let body = format!(
        "token={token}&level=5&service_type=household&comment={}",
        crate::helpers::enc(comment)
    );
    let refused = resident.post("/o/100001", body, None).await;
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    // The page around the form cannot load either (the disk-full tests, where reads
    // still work, check that what was typed is kept).
    let page = crate::actors::Page::new(refused.status(), refused.text().await.unwrap());
    assert!(page.has("p.error"));
}
