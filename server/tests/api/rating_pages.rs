//! Rating an officer through the page and its plain HTML form (no JavaScript).

use crate::actors::Page;
use crate::helpers::{count, enc, fresh_token, post_form, spawn_app};
use reqwest::StatusCode;

#[tokio::test]
async fn the_officer_page_introduces_the_officer_and_offers_the_scale() {
    let app = spawn_app().await;
    let page = app.resident().open("/o/100001", None).await;
    assert_eq!(page.status, StatusCode::OK);
    let text = page.visible_text();
    for expected in [
        "张伟",
        "100001",
        "祁山派出所",
        "祁山路警务室",
        "非常满意",
        "满意",
        "基本满意",
        "不满意",
        "非常不满意",
        "门难进",
        "户籍/身份证",
    ] {
        assert!(text.contains(expected), "{expected} missing");
    }
    assert!(
        page.forms()
            .contains(&("post".to_string(), "/o/100001".to_string()))
    );
    assert_ne!(
        fresh_token(&app, "/o/100001").await,
        page.field("token").expect("a token field"),
        "tokens repeat between renders"
    );
}

#[tokio::test]
async fn an_unknown_badge_is_a_404_that_leads_to_the_stations() {
    let app = spawn_app().await;
    for path in ["/o/999999", "/o/abc"] {
        let page = app.resident().open(path, None).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert!(page.visible_text().contains("找不到这位民警"));
        assert!(page.has("a[href='/s/qishan']"));
    }
    let response = post_form(&app, "/o/999999", "level=5".into(), None).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_rating_posts_without_javascript_and_redirects_to_thanks() {
    let app = spawn_app().await;
    let token = fresh_token(&app, "/o/100002").await;
    let body = format!(
        "token={token}&level=5&service_type=counter&praise=attitude&praise=efficiency&comment=&contact="
    );
    let response = post_form(&app, "/o/100002", body, None).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/rated");
    let (level, channel, verified, badge): (i64, String, i64, String) = sqlx::query_as(
        "SELECT r.level, r.channel, r.verified, o.badge FROM ratings r JOIN officers o ON o.id = r.officer_id",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(
        (level, channel.as_str(), verified, badge.as_str()),
        (5, "officer_qr", 0, "100002")
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM rating_tags").await, 2);
    let page = app.resident().open("/rated", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.visible_text().contains("感谢您的评价"));
}

#[tokio::test]
async fn a_bad_rating_leads_to_its_review_reference() {
    let app = spawn_app().await;
    let token = fresh_token(&app, "/o/200005").await;
    let body =
        format!("token={token}&level=1&service_type=emergency&problems=rude&contact=13800000000");
    let response = post_form(&app, "/o/200005", body, None).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/rated?review=KM-"), "{location}");
    let page = app.resident().open(&location, None).await;
    let reference = location.trim_start_matches("/rated?review=");
    assert_eq!(page.text("#review-reference").as_deref(), Some(reference));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM cases WHERE kind = 'rating_review'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn missing_fields_come_back_inline_keeping_what_was_typed() {
    let app = spawn_app().await;
    let token = fresh_token(&app, "/o/100003").await;
    let comment = "等了很久</textarea><script>alert(1)</script>";
    let body = format!(
        "token={token}&problems=hard_to_reach&comment={}&contact=13900000000",
        enc(comment)
    );
    let response = post_form(&app, "/o/100003", body, None).await;
    let status = response.status();
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::new(status, response.text().await.unwrap());
    let text = page.visible_text();
    assert!(text.contains("请选择满意程度。"));
    assert!(text.contains("请选择服务类型。"));
    // Raw markup: the comment is kept escaped, so it cannot close the textarea.
    assert!(
        page.html
            .contains("等了很久&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the comment was not kept, escaped: {:?}",
        page.field("comment")
    );
    assert!(!page.html.contains("<script>alert(1)"));
    assert_eq!(page.field("contact").as_deref(), Some("13900000000"));
    assert_eq!(
        page.field("token").as_deref(),
        Some(token.as_str()),
        "the token changed"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ratings").await, 0);

    // In English when the resident chose English.
    let response = post_form(
        &app,
        "/o/100003",
        format!("token={token}"),
        Some("od_lang=en"),
    )
    .await;
    let page = Page::new(response.status(), response.text().await.unwrap());
    assert!(
        page.visible_text()
            .contains("Please choose how satisfied you are.")
    );
}

#[tokio::test]
async fn bad_bodies_are_refused_field_by_field_never_with_a_500() {
    let app = spawn_app().await;
    let token = fresh_token(&app, "/o/100004").await;
    let long = "很".repeat(1001);
    let overlong = post_form(
        &app,
        "/o/100004",
        format!("token={token}&level=4&service_type=other&comment={long}"),
        None,
    )
    .await;
    assert_eq!(overlong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::new(overlong.status(), overlong.text().await.unwrap());
    assert!(page.visible_text().contains("意见最多 1000 字。"));

    let invalid_utf8 = app
        .client
        .post(app.url("/o/100004"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'l', b'e', b'v', b'e', b'l', b'=', 0xff, 0xfe])
        .send()
        .await
        .unwrap();
    // Unreadable, not wrong: 400, and nothing of it is kept.
    assert_eq!(invalid_utf8.status(), StatusCode::BAD_REQUEST);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ratings").await, 0);
}

#[tokio::test]
async fn a_double_tap_stores_one_rating() {
    let app = spawn_app().await;
    let token = fresh_token(&app, "/o/300002").await;
    let body = format!("token={token}&level=2&service_type=patrol");
    let first = post_form(&app, "/o/300002", body.clone(), None).await;
    let second = post_form(&app, "/o/300002", body, None).await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    assert_eq!(second.status(), StatusCode::SEE_OTHER);
    assert_eq!(first.headers()["location"], second.headers()["location"]);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ratings").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 1);
}
