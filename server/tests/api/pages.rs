//! The public pages as a resident's browser gets them, read through an HTML parser.

use crate::helpers::spawn_app;
use app::paths;
use reqwest::StatusCode;

#[tokio::test]
async fn home_page_lists_the_demo_stations_in_chinese_by_default() {
    let app = spawn_app().await;
    let page = app.resident().open("/", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.has("html[lang='zh-CN']"), "not Chinese");
    for (name, slug) in [
        ("祁山派出所", "qishan"),
        ("月望派出所", "yuewang"),
        ("大东门派出所", "dadongmen"),
    ] {
        let link = format!("a[href='{}']", paths::STATION.to(&[slug]));
        let text = page
            .text(&link)
            .unwrap_or_else(|| panic!("no link to {slug}"));
        assert!(text.contains(name), "{slug}'s link reads {text}");
    }
    // Rendered completely on the server: no loading placeholder is left for JavaScript.
    assert!(!page.visible_text().contains("正在加载"));
}

#[tokio::test]
async fn the_language_cookie_switches_the_page_to_english() {
    let app = spawn_app().await;
    let page = app.resident().open("/", Some("od_lang=en")).await;
    assert!(page.has("html[lang='en']"));
    let text = page.visible_text();
    assert!(text.contains("Qishan Police Station") && text.contains("Police stations"));
    let station = page
        .text("a[href='/s/qishan']")
        .expect("the station's link");
    assert!(
        !station.contains("派出所"),
        "Chinese station name shown in English mode: {station}"
    );
}

#[tokio::test]
async fn the_large_text_cookie_marks_the_document() {
    let app = spawn_app().await;
    let resident = app.resident();
    let page = resident.open("/", Some("od_text=large")).await;
    assert!(page.has("html.large-text"));
    let page = resident.open("/", None).await;
    assert!(!page.has("html.large-text"));
}

#[tokio::test]
async fn station_page_lists_offices_and_officers() {
    let app = spawn_app().await;
    let page = app.resident().open("/s/qishan", None).await;
    assert_eq!(page.status, StatusCode::OK);
    let text = page.visible_text();
    for expected in [
        "祁山派出所",
        "祁山路警务室",
        "南坪警务室",
        "张伟",
        "100001",
        "100008",
    ] {
        assert!(text.contains(expected), "{expected} missing");
    }
    assert!(
        !text.contains("200001"),
        "another station's officer is listed"
    );
}

#[tokio::test]
async fn unknown_station_is_a_404_that_offers_the_real_ones() {
    let app = spawn_app().await;
    let resident = app.resident();
    let page = resident.open("/s/nowhere", None).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.visible_text().contains("找不到这个派出所"));
    assert!(page.has("a[href='/s/qishan']"));
    let page = resident.open("/s/..%2F..%2Fetc", None).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
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
    let page = app.resident().open("/no/such/page", None).await;
    assert!(page.has("[data-page='not-found']"));
    assert_eq!(
        page.text("[data-page='not-found'] h1").as_deref(),
        Some("页面不存在")
    );
    assert!(page.has("[data-page='not-found'] a[href='/']"));
}

#[tokio::test]
async fn pages_load_the_hydration_bundle() {
    let app = spawn_app().await;
    let page = app.resident().open("/", None).await;
    assert!(page.has("script[type='module']"), "no hydration script");
    assert!(
        page.has("link[rel='stylesheet'][href^='/pkg/opendoor']"),
        "the stylesheet is not the bundle's"
    );
}
