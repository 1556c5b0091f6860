//! Printed material: officer cards with QR codes and sheets of one-time service codes.

use crate::actors::Page;
use crate::helpers::{browse, count, post_form, spawn_app, staff_session};
use reqwest::StatusCode;

#[tokio::test]
async fn a_clerk_prints_a_sheet_of_codes_that_each_rate_once() {
    let app = spawn_app().await;
    let clerk = staff_session(&app, "clerk.qishan").await;
    let (status, form) = browse(&app, "/staff/service-codes", Some(&clerk)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(Page::new(status, form).has("[name='count']"));

    let body = "station=qishan&officer=100001&service_type=household&count=3&valid_days=10";
    let response = post_form(&app, "/staff/service-codes", body.into(), Some(&clerk)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let sheet = Page::new(response.status(), response.text().await.unwrap());
    assert_eq!(sheet.texts(".slip").len(), 3);
    assert_eq!(sheet.texts("svg").len(), 3, "one QR code per slip");
    assert_eq!(
        sheet.texts(".slip .qr svg").len(),
        3,
        "one QR code per slip"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM service_codes WHERE batch IS NOT NULL"
        )
        .await,
        3
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'service_codes_issued'"
        )
        .await,
        1
    );
    // Each printed code opens the rating page for the officer.
    let code = sheet.text(".slip__code").expect("a printed code");
    let (status, page) = browse(&app, &format!("/rate/{code}"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        Page::new(status, page).visible_text().contains("100001"),
        "the code names its officer"
    );
}

#[tokio::test]
async fn codes_are_issued_only_for_ones_own_station_and_within_bounds() {
    let app = spawn_app().await;
    let clerk = staff_session(&app, "clerk.qishan").await;
    let other = "station=yuewang&officer=&service_type=counter&count=3&valid_days=10";
    let response = post_form(&app, "/staff/service-codes", other.into(), Some(&clerk)).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let too_many = "station=qishan&officer=&service_type=counter&count=500&valid_days=10";
    let response = post_form(&app, "/staff/service-codes", too_many.into(), Some(&clerk)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = Page::new(response.status(), response.text().await.unwrap());
    assert!(refused.visible_text().contains("每批 1 至 200 张"));
    let wrong_officer = "station=qishan&officer=200001&service_type=counter&count=3&valid_days=10";
    let response = post_form(
        &app,
        "/staff/service-codes",
        wrong_officer.into(),
        Some(&clerk),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let officer = staff_session(&app, "officer.100001").await;
    let fine = "station=qishan&officer=&service_type=counter&count=3&valid_days=10";
    let response = post_form(&app, "/staff/service-codes", fine.into(), Some(&officer)).await;
    assert_eq!(
        response.status(),
        StatusCode::FORBIDDEN,
        "officers do not issue codes"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM service_codes").await, 0);
}

#[tokio::test]
async fn an_officer_card_carries_a_qr_code_to_the_rating_page() {
    let app = spawn_app().await;
    let officer = staff_session(&app, "officer.100001").await;
    let (status, card) = browse(&app, "/staff/officers/100001/card", Some(&officer)).await;
    assert_eq!(status, StatusCode::OK);
    let card = Page::new(status, card);
    let url = card.text(".print-card__url").unwrap_or_default();
    assert!(
        card.has(".print-card .qr svg") && url.contains("/o/100001"),
        "own card: {url}"
    );
    let (status, _) = browse(&app, "/staff/officers/100002/card", Some(&officer)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "not a colleague's");
    let leader = staff_session(&app, "leader.qishan").await;
    assert_eq!(
        browse(&app, "/staff/officers/100002/card", Some(&leader))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        browse(&app, "/staff/officers/200002/card", Some(&leader))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        browse(&app, "/staff/officers/999999/card", Some(&leader))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let (status, list) = browse(&app, "/staff/officers", Some(&leader)).await;
    let list = Page::new(status, list);
    assert!(list.has("a[href='/staff/officers/100008/card']"));
    // Raw markup: another station's card is nowhere in the page.
    assert!(!list.html.contains("/staff/officers/200001/card"));
}

#[tokio::test]
async fn a_station_prints_at_most_its_daily_cap_and_the_audit_says_who_printed_how_many() {
    let app = spawn_app().await;
    let clerk = staff_session(&app, "clerk.qishan").await;
    let leader = staff_session(&app, "leader.qishan").await;
    let sheet = |count: u32| {
        format!("station=qishan&officer=&service_type=counter&count={count}&valid_days=10")
    };
    for cookie in [&clerk, &leader] {
        let response = post_form(&app, "/staff/service-codes", sheet(200), Some(cookie)).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM service_codes").await,
        app::ratings::server::PRINTED_PER_DAY
    );
    // The next sheet, by either of them, passes the cap: refused, nothing stored.
    let response = post_form(&app, "/staff/service-codes", sheet(1), Some(&clerk)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = Page::new(response.status(), response.text().await.unwrap());
    assert!(refused.visible_text().contains("每天 400 张"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM service_codes").await, 400);
    // Another station's cap is its own; codes shown on phones are not printed.
    let other = staff_session(&app, "clerk.yuewang").await;
    let response = post_form(
        &app,
        "/staff/service-codes",
        "station=yuewang&officer=&service_type=counter&count=5&valid_days=10".into(),
        Some(&other),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let officer = staff_session(&app, "officer.100001").await;
    let shown = post_form(
        &app,
        "/staff/code",
        "service_type=counter".into(),
        Some(&officer),
    )
    .await;
    assert_eq!(shown.status(), StatusCode::OK);
    let audited: Vec<(String, String)> = sqlx::query_as(
        "SELECT actor, detail FROM audit_log WHERE action = 'service_codes_issued' ORDER BY id",
    )
    .fetch_all(app.db.reader())
    .await
    .unwrap();
    let who: Vec<(&str, bool)> = audited
        .iter()
        .map(|(actor, detail)| {
            (
                actor.as_str(),
                detail.starts_with("200 codes") || detail.starts_with("5 codes"),
            )
        })
        .collect();
    assert_eq!(
        who,
        [
            ("clerk.qishan", true),
            ("leader.qishan", true),
            ("clerk.yuewang", true)
        ]
    );
}

#[tokio::test]
async fn nobody_prints_codes_tied_to_themselves_or_for_longer_than_a_month() {
    let app = spawn_app().await;
    // leader.qishan is officer 100007.
    let leader = staff_session(&app, "leader.qishan").await;
    let own = "station=qishan&officer=100007&service_type=counter&count=5&valid_days=10";
    let response = post_form(&app, "/staff/service-codes", own.into(), Some(&leader)).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let long = "station=qishan&officer=100001&service_type=counter&count=5&valid_days=60";
    let response = post_form(&app, "/staff/service-codes", long.into(), Some(&leader)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM service_codes").await, 0);
    let fine = "station=qishan&officer=100001&service_type=counter&count=5&valid_days=31";
    let response = post_form(&app, "/staff/service-codes", fine.into(), Some(&leader)).await;
    assert_eq!(response.status(), StatusCode::OK);
}
