//! Rating a station from its page, rating with a one-time service code, and the rate
//! limits on unverified ratings.

use crate::actors::Page;
use crate::helpers::{TestApp, count, fresh_token, post_form, post_form_as, spawn_app};
use app::codes::ServiceCode;
use app::ratings::ServiceType;
use app::ratings::server::{CodeBatch, issue_service_codes};
use app::stations::{BadgeNumber, StationSlug};
use reqwest::StatusCode;

async fn code_for(app: &TestApp, badge: Option<&str>) -> ServiceCode {
    let station = StationSlug::parse("qishan").unwrap();
    let officer = badge.map(|b| BadgeNumber::parse(b).unwrap());
    let batch = CodeBatch {
        station: &station,
        officer: officer.as_ref(),
        service_type: ServiceType::Household,
        count: 1,
        valid_days: 30,
        issued_source: None,
    };
    issue_service_codes(&app.db, batch, None, app::db::now_millis())
        .await
        .unwrap()
        .remove(0)
}

fn location(response: &reqwest::Response) -> &str {
    response.headers()["location"].to_str().unwrap()
}

#[tokio::test]
async fn a_station_is_rated_from_its_own_page() {
    let app = spawn_app().await;
    let page = app.resident().open("/s/qishan", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.forms()
            .contains(&("post".to_string(), "/s/qishan".to_string()))
    );
    assert!(page.visible_text().contains("评价本所"));
    let token = fresh_token(&app, "/s/qishan").await;
    let response = post_form(
        &app,
        "/s/qishan",
        format!("level=4&service_type=patrol&praise=attitude&token={token}"),
        None,
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/rated");
    let stored: (Option<i64>, String, i64) =
        sqlx::query_as("SELECT officer_id, channel, verified FROM ratings")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(stored, (None, "station_qr".to_string(), 0));

    let response = post_form(&app, "/s/nowhere", format!("level=4&token={token}"), None).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_service_code_rates_its_service_once_and_verified() {
    let app = spawn_app().await;
    let code = code_for(&app, Some("100003")).await;
    let path = format!("/rate/{}", code.expose());
    let resident = app.resident();
    let page = resident.open(&path, None).await;
    assert_eq!(page.status, StatusCode::OK);
    let text = page.visible_text();
    assert!(text.contains("户籍/身份证") && text.contains("100003") && text.contains("已核验"));
    assert!(
        !page.has("[name='service_type']"),
        "the code gives the service"
    );

    // Typed as printed, in lower case, with the hyphen: still the same code.
    let typed = code.display().to_lowercase();
    let token = fresh_token(&app, &path).await;
    let response = post_form(
        &app,
        &format!("/rate/{typed}"),
        format!("level=1&problems=hard_to_reach&token={token}"),
        None,
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).starts_with("/rated?review=KM-"));
    let stored: (i64, String, String, i64) = sqlx::query_as(
        "SELECT r.verified, r.channel, r.service_type, o.id FROM ratings r JOIN officers o ON o.id = r.officer_id",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(
        (stored.0, stored.1.as_str(), stored.2.as_str()),
        (1, "service_code", "household")
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM service_codes WHERE redeemed_at IS NOT NULL"
        )
        .await,
        1
    );

    // Used: a clear message, for the page and for another submission.
    let page = resident.open(&path, None).await;
    assert_eq!(page.status, StatusCode::GONE);
    assert!(page.visible_text().contains("这个服务码已经用过了"));
    let again = fresh_token(&app, "/o/100001").await;
    let response = post_form(&app, &path, format!("level=5&token={again}"), None).await;
    assert_eq!(response.status(), StatusCode::GONE);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ratings").await, 1);
}

#[tokio::test]
async fn an_expired_or_unknown_code_is_refused_with_a_message() {
    let app = spawn_app().await;
    let code = code_for(&app, None).await;
    sqlx::query("UPDATE service_codes SET expires_at = 1")
        .execute(app.db.writer())
        .await
        .unwrap();
    let path = format!("/rate/{}", code.expose());
    let resident = app.resident();
    let page = resident.open(&path, None).await;
    assert_eq!(page.status, StatusCode::GONE);
    assert!(page.visible_text().contains("这个服务码已过期"));
    let token = fresh_token(&app, "/o/100001").await;
    let response = post_form(&app, &path, format!("level=5&token={token}"), None).await;
    assert_eq!(response.status(), StatusCode::GONE);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ratings").await, 0);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM service_codes WHERE redeemed_at IS NULL"
        )
        .await,
        1
    );

    for unknown in ["/rate/ZZZZZZZZZZ", "/rate/not-a-code!"] {
        let page = resident.open(unknown, None).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{unknown}");
        assert!(page.visible_text().contains("找不到这个服务码"));
    }
}

#[tokio::test]
async fn the_code_entry_form_leads_to_the_code_page() {
    let app = spawn_app().await;
    let page = app.resident().open("/rate", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.forms()
            .contains(&("get".to_string(), "/rate/go".to_string()))
    );
    let response = app.get("/rate/go?code=abcde-fghjk").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/rate/ABCDEFGHJK");
    let response = app.get("/rate/go?code=%3Cscript%3E").await;
    assert_eq!(location(&response), "/rate/unknown");
}

#[tokio::test]
async fn unverified_ratings_are_limited_per_client_and_not_verified_ones() {
    let app = spawn_app().await;
    let token = fresh_token(&app, "/o/100001").await;
    let rate = |ip: &'static str, n: usize| {
        let app = &app;
        async move {
            post_form_as(
                app,
                "/o/100001",
                format!(
                    "level=5&service_type=counter&token=limit-test-{}-{n:04}",
                    ip.replace('.', "-")
                ),
                None,
                ip,
            )
            .await
        }
    };
    for n in 0..10 {
        assert_eq!(
            rate("10.1.1.1", n).await.status(),
            StatusCode::SEE_OTHER,
            "rating {n}"
        );
    }
    let refused = rate("10.1.1.1", 10).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().contains_key("retry-after"));
    let page = Page::new(refused.status(), refused.text().await.unwrap());
    assert!(
        page.visible_text().contains("提交过于频繁"),
        "a friendly page"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ratings").await, 10);

    // Another address is not affected, and a service code is not limited.
    assert_eq!(rate("10.1.1.2", 0).await.status(), StatusCode::SEE_OTHER);
    let code = code_for(&app, None).await;
    let response = post_form_as(
        &app,
        &format!("/rate/{}", code.expose()),
        format!("level=5&token={token}"),
        None,
        "10.1.1.1",
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn unverified_ratings_are_limited_per_officer() {
    let app = spawn_app().await;
    for n in 0..30 {
        let response = post_form_as(
            &app,
            "/o/100002",
            format!("level=5&service_type=counter&token=target-test-{n:08}"),
            None,
            &format!("10.2.0.{n}"),
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "rating {n}");
    }
    let response = post_form_as(
        &app,
        "/o/100002",
        "level=5&service_type=counter&token=target-test-99999999".into(),
        None,
        "10.2.1.1",
    )
    .await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    // Another officer is still open to that client.
    let response = post_form_as(
        &app,
        "/o/100003",
        "level=5&service_type=counter&token=target-test-other0001".into(),
        None,
        "10.2.1.1",
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}
