use crate::helpers::spawn_app;
use reqwest::StatusCode;

#[tokio::test]
async fn the_language_switch_sets_a_cookie_and_returns_to_the_page() {
    let app = spawn_app().await;
    let response = app.get("/prefs?lang=en&next=/s/qishan").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/s/qishan");
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("od_lang=en;"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax") && cookie.contains("Path=/"));
}

#[tokio::test]
async fn the_large_text_switch_sets_its_cookie() {
    let app = spawn_app().await;
    let response = app.get("/prefs?text=large&next=/").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        response.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("od_text=large;")
    );
}

#[tokio::test]
async fn the_switch_never_redirects_off_site() {
    let app = spawn_app().await;
    for next in [
        "//evil.example/",
        "https://evil.example/",
        "/%5Cevil.example",
    ] {
        let response = app.get(&format!("/prefs?lang=zh&next={next}")).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers()["location"], "/", "next={next}");
    }
}

#[tokio::test]
async fn unknown_preference_values_are_a_400() {
    let app = spawn_app().await;
    assert_eq!(
        app.get("/prefs?lang=xx").await.status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get("/prefs?text=huge").await.status(),
        StatusCode::BAD_REQUEST
    );
}
