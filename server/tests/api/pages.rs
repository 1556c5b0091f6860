use crate::helpers::spawn_app;
use reqwest::StatusCode;

#[tokio::test]
async fn home_page_lists_the_demo_stations_in_chinese_by_default() {
    let app = spawn_app().await;
    let (status, html) = app.get_page("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(r#"<html lang="zh-CN""#),
        "not Chinese: {html}"
    );
    for (name, slug) in [
        ("祁山派出所", "qishan"),
        ("月望派出所", "yuewang"),
        ("大东门派出所", "dadongmen"),
    ] {
        assert!(html.contains(name), "{name} missing");
        assert!(
            html.contains(&format!(r#"href="/s/{slug}""#)),
            "link to {slug} missing"
        );
    }
    // Rendered completely on the server: no loading placeholder is left for JavaScript.
    assert!(!html.contains("正在加载"));
}

#[tokio::test]
async fn the_language_cookie_switches_the_page_to_english() {
    let app = spawn_app().await;
    let html = app
        .get_with_cookie("/", "od_lang=en")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("Qishan Police Station"));
    assert!(html.contains("Police stations"));
    assert!(
        !html.contains("派出所</span>"),
        "Chinese station names shown in English mode"
    );
}

#[tokio::test]
async fn the_large_text_cookie_marks_the_document() {
    let app = spawn_app().await;
    let html = app
        .get_with_cookie("/", "od_text=large")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"class="large-text""#));
    let html = app.get_page("/").await.1;
    assert!(!html.contains(r#"class="large-text""#));
}

#[tokio::test]
async fn station_page_lists_offices_and_officers() {
    let app = spawn_app().await;
    let (status, html) = app.get_page("/s/qishan").await;
    assert_eq!(status, StatusCode::OK);
    for text in [
        "祁山派出所",
        "祁山路警务室",
        "南坪警务室",
        "张伟",
        "100001",
        "100008",
    ] {
        assert!(html.contains(text), "{text} missing");
    }
    assert!(
        !html.contains("200001"),
        "another station's officer is listed"
    );
}

#[tokio::test]
async fn unknown_station_is_a_404_that_offers_the_real_ones() {
    let app = spawn_app().await;
    let (status, html) = app.get_page("/s/nowhere").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("找不到这个派出所"));
    assert!(html.contains(r#"href="/s/qishan""#));
    let (status, _) = app.get_page("/s/..%2F..%2Fetc").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn unknown_path_is_a_real_404_page() {
    let app = spawn_app().await;
    let response = app.get("/no/such/page").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = response.text().await.unwrap();
    assert!(html.contains("页面不存在"));
    assert!(html.contains(r#"href="/""#));
}

#[tokio::test]
async fn pages_load_the_hydration_bundle() {
    let app = spawn_app().await;
    let html = app.get_page("/").await.1;
    assert!(
        html.contains(r#"<script type="module""#),
        "no hydration script"
    );
    assert!(html.contains("/pkg/opendoor"), "bundle not referenced");
    assert!(html.contains(r#"rel="stylesheet""#));
}
