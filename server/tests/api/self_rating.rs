//! Nobody rates as staff (issue 13, "no self-rating"): every route that stores a rating
//! refuses a browser signed in to a staff account, as every role, and stores nothing; a
//! service code is shown only by an officer, tied to that officer (or by the station's
//! counter tablet, tied to no officer: `counter_tablet.rs`); the household of a visit
//! rates on its own phone.

use crate::actors::Page;
use crate::helpers::{count, fresh_token, post_form, spawn_app, staff_session};
use reqwest::StatusCode;

/// Every staff role of the demo data, and an officer rating himself among them.
const STAFF: [&str; 8] = [
    "officer.100001",
    "officer.100002",
    "clerk.qishan",
    "window.qishan",
    "leader.qishan",
    "inspector",
    "intake",
    "admin",
];

#[tokio::test]
async fn no_staff_session_stores_a_rating_by_any_route() {
    let app = spawn_app().await;
    // A code the officer shows, then every rating address, as every role.
    let officer = staff_session(&app, "officer.100001").await;
    let shown = post_form(
        &app,
        "/staff/code",
        "service_type=household".into(),
        Some(&officer),
    )
    .await;
    assert_eq!(shown.status(), StatusCode::OK);
    let code = Page::new(StatusCode::OK, shown.text().await.unwrap())
        .text("#shown-code")
        .expect("the code");
    let targets = [
        "/o/100001".to_string(),
        "/s/qishan".into(),
        format!("/rate/{code}"),
    ];
    for username in STAFF {
        let cookie = staff_session(&app, username).await;
        for target in &targets {
            let token = fresh_token(&app, target).await;
            let response = post_form(
                &app,
                target,
                format!("level=5&service_type=household&token={token}"),
                Some(&cookie),
            )
            .await;
            assert_eq!(
                response.status(),
                StatusCode::FORBIDDEN,
                "{username} rating at {target}"
            );
            let page = Page::new(StatusCode::FORBIDDEN, response.text().await.unwrap());
            assert!(
                page.visible_text().contains("已登录工作人员账号"),
                "{username} is told why"
            );
        }
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ratings").await, 0);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM service_codes WHERE redeemed_at IS NOT NULL"
        )
        .await,
        0,
        "the code is still the resident's to use"
    );

    // Signed out, the same browser is a resident's: the code works once.
    let token = fresh_token(&app, &targets[2]).await;
    let response = post_form(&app, &targets[2], format!("level=5&token={token}"), None).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (channel, verified): (String, i64) =
        sqlx::query_as("SELECT channel, verified FROM ratings")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!((channel.as_str(), verified), ("service_code", 1));
}

#[tokio::test]
async fn only_an_officer_shows_a_code_and_it_is_tied_to_him_for_four_hours() {
    let app = spawn_app().await;
    for username in ["clerk.qishan", "inspector", "intake", "admin"] {
        let cookie = staff_session(&app, username).await;
        let response = post_form(
            &app,
            "/staff/code",
            "service_type=household".into(),
            Some(&cookie),
        )
        .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{username}");
    }
    let response = post_form(&app, "/staff/code", "service_type=household".into(), None).await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "to the sign-in page"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM service_codes").await, 0);

    let officer = staff_session(&app, "officer.100002").await;
    let response = post_form(
        &app,
        "/staff/code",
        "service_type=nonsense".into(),
        Some(&officer),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let before = app::db::now_millis();
    let response = post_form(
        &app,
        "/staff/code",
        "service_type=counter".into(),
        Some(&officer),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let (badge, service, channel, issued_by, lifetime): (String, String, String, String, i64) =
        sqlx::query_as(
            "SELECT o.badge, c.service_type, c.channel, a.username, c.expires_at - c.created_at
             FROM service_codes c JOIN officers o ON o.id = c.officer_id
             JOIN staff_accounts a ON a.id = c.issued_by",
        )
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(
        (
            badge.as_str(),
            service.as_str(),
            channel.as_str(),
            issued_by.as_str()
        ),
        ("100002", "counter", "service_code", "officer.100002")
    );
    assert_eq!(lifetime, 4 * 3_600_000);
    let (created,): (i64,) = sqlx::query_as("SELECT created_at FROM service_codes")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert!(created >= before);
}

#[tokio::test]
async fn an_officer_shows_at_most_his_daily_codes() {
    let app = spawn_app().await;
    let officer = staff_session(&app, "officer.100003").await;
    // The day's codes already shown, written straight into the table.
    shown_today(&app, "officer.100003", "qishan", Some("100003")).await;
    let response = post_form(
        &app,
        "/staff/code",
        "service_type=counter".into(),
        Some(&officer),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        response.text().await.unwrap(),
    );
    assert!(page.visible_text().contains("已达上限"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM service_codes").await,
        app::ratings::show_code::SHOWN_PER_DAY
    );
    // Another officer is not held by his colleague's count.
    let colleague = staff_session(&app, "officer.100004").await;
    let response = post_form(
        &app,
        "/staff/code",
        "service_type=counter".into(),
        Some(&colleague),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn no_staff_session_commends_an_officer() {
    let app = spawn_app().await;
    for username in [
        "officer.100001",
        "officer.100002",
        "leader.qishan",
        "clerk.qishan",
    ] {
        let cookie = staff_session(&app, username).await;
        let token = fresh_token(&app, "/request/new").await;
        let body = format!(
            "{}&badge=100001&publish_name=on",
            crate::requests::request_body("commendation", "qishan", &token)
        );
        let response = post_form(&app, "/request/new", body, Some(&cookie)).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{username}");
        let page = Page::new(StatusCode::FORBIDDEN, response.text().await.unwrap());
        assert!(page.visible_text().contains("不能提交表扬"));
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 0);
}

/// Writes the day's [`app::ratings::show_code::SHOWN_PER_DAY`] codes as shown by
/// `username` at `station` (for `badge`'s officer, or none), straight into the table.
pub(crate) async fn shown_today(
    app: &crate::helpers::TestApp,
    username: &str,
    station: &str,
    badge: Option<&str>,
) {
    let now = app::db::now_millis();
    for n in 0..app::ratings::show_code::SHOWN_PER_DAY {
        sqlx::query(
            "INSERT INTO service_codes (code_hash, station_id, officer_id, service_type, issued_by, created_at, expires_at)
             VALUES ($1, (SELECT id FROM stations WHERE slug = $2),
                     (SELECT id FROM officers WHERE badge = $3), 'counter',
                     (SELECT id FROM staff_accounts WHERE username = $4), $5, $6)",
        )
        .bind(format!("cap-{n}"))
        .bind(station)
        .bind(badge)
        .bind(username)
        .bind(now)
        .bind(now + 3_600_000)
        .execute(app.db.writer())
        .await
        .unwrap();
    }
}
