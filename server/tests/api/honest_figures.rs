//! Honest figures (issue 13): the station page shows the published verified headline,
//! how we count is one page that every report and download names, a commendation names
//! its officer in public only with the resident's consent, and visit ratings never enter
//! an officer's own figures.

use crate::actors::Page;
use crate::helpers::{browse, enc, fresh_token, post_form_as, spawn_app, staff_session};
use crate::reports::{download, figure, hand_made_month, october, publish};
use crate::requests::request_body;
use app::reports::model::MonthReport;
use reqwest::StatusCode;

#[tokio::test]
async fn the_station_page_shows_its_published_headline_and_what_it_did() {
    let app = spawn_app().await;
    hand_made_month(&app).await;
    let (status, html) = browse(&app, "/s/qishan", None).await;
    let before = Page::new(status, html);
    assert_eq!(before.status, StatusCode::OK);
    assert!(
        !before.has("[data-figure='station-good-rate']"),
        "nothing before the first publication"
    );

    let leader = staff_session(&app, "leader.qishan").await;
    let items = format!(
        "said={}&did={}",
        enc("路口没有路灯"),
        enc("已协调安装两盏路灯")
    );
    let response = publish(&app, &leader, "qishan", "2026-10", &items).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, html) = browse(&app, "/s/qishan", None).await;
    let page = Page::new(status, html);
    assert_eq!(
        (
            figure(&page, "station-good-rate"),
            figure(&page, "station-verified"),
            figure(&page, "station-unverified")
        ),
        ("100.0%".into(), "2".into(), "8".into()),
        "the verified headline, the unverified beside it"
    );
    assert!(page.visible_text().contains("34.2–100.0%"));
    let said = page.text("#station-said-did").unwrap_or_default();
    assert!(said.contains("已协调安装两盏路灯"), "{said}");
    let praised = page.text("#station-commendations").unwrap_or_default();
    assert!(
        praised.contains("100002") && !praised.contains("100001"),
        "only the consented commendation: {praised}"
    );
    assert!(page.has("a[href='/s/qishan/reports/2026-10']"));
    assert!(page.has("a[href='/reports/method']"));
    // Another station's page shows nothing of qishan's.
    let (status, html) = browse(&app, "/s/yuewang", None).await;
    assert!(!Page::new(status, html).has("[data-figure='station-good-rate']"));
}

#[tokio::test]
async fn how_we_count_is_one_page_named_by_every_report_and_download() {
    let app = spawn_app().await;
    for (lang, heading, must) in [
        ("zh", "统计方法", ["差评整改率", "Wilson", "不计入"]),
        (
            "en",
            "How we count",
            ["Bad ratings rectified", "Wilson", "not counted"],
        ),
    ] {
        let cookie = format!("od_lang={lang}");
        let (status, html) = browse(&app, "/reports/method", Some(&cookie)).await;
        let page = Page::new(status, html);
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.text("h1").as_deref(), Some(heading));
        let text = page.visible_text();
        for word in must {
            assert!(text.contains(word), "{lang}: {word}");
        }
        assert!(page.has("section#good-rate") && page.has("section#rectified"));
    }

    hand_made_month(&app).await;
    let leader = staff_session(&app, "leader.qishan").await;
    publish(&app, &leader, "qishan", "2026-10", "").await;
    let (_, _, json) = download(&app, "/s/qishan/reports/2026-10.json").await;
    let report: MonthReport = serde_json::from_slice(&json).unwrap();
    let method = report.method.expect("the snapshot names its method");
    assert_eq!(
        (method.url.as_str(), method.version),
        ("/reports/method", 2)
    );
    let (status, html) = browse(&app, "/s/qishan/reports/2026-10", None).await;
    assert!(Page::new(status, html).has("a[href='/reports/method']"));
    let (status, html) = browse(&app, "/reports", None).await;
    assert!(Page::new(status, html).has("a[href='/reports/method']"));
}

#[tokio::test]
async fn a_commendation_is_published_with_the_officers_name_only_by_consent() {
    let app = spawn_app().await;
    let cases = [
        ("commendation", "&badge=100001&publish_name=on", 1),
        ("commendation", "&badge=100001", 0),
        // Consent without an officer, or on another kind, means nothing.
        ("commendation", "&publish_name=on", 0),
        ("complaint", "&badge=100001&publish_name=on", 0),
    ];
    for (n, (kind, extra, _)) in cases.iter().enumerate() {
        let token = fresh_token(&app, "/request/new").await;
        let body = format!("{}{extra}", request_body(kind, "qishan", &token));
        let response = post_form_as(
            &app,
            "/request/new",
            body,
            None,
            &format!("10.9.0.{}", n + 1),
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{kind}{extra}");
    }
    let stored: Vec<(String, i64)> =
        sqlx::query_as("SELECT kind, publish_consent FROM cases ORDER BY id")
            .fetch_all(app.db.reader())
            .await
            .unwrap();
    let expected: Vec<(String, i64)> = cases
        .iter()
        .map(|(kind, _, consent)| (kind.to_string(), *consent))
        .collect();
    assert_eq!(stored, expected);
    // The form asks, unticked.
    let (status, html) = browse(&app, "/request/new", None).await;
    let page = Page::new(status, html);
    assert!(page.has("input[name='publish_name'][type='checkbox']:not([checked])"));
}

#[tokio::test]
async fn visit_ratings_and_ratings_typed_by_officers_stay_out_of_an_officers_own_figures() {
    let app = spawn_app().await;
    hand_made_month(&app).await;
    let (officer_id,): (i64,) = sqlx::query_as("SELECT id FROM officers WHERE badge = '100001'")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let own =
        app::reports::officers::officers_month(app.db.reader(), None, Some(officer_id), october())
            .await
            .unwrap();
    // 100001 has six QR ratings in October, a visit rating from his code and one he
    // typed: only the six are his.
    assert_eq!((own[0].ratings.n, own[0].ratings.good), (6, 4));
    assert_eq!(
        own[0].commendations, 1,
        "his unconsented commendation still counts, internally"
    );
    assert_eq!((own[0].codes_issued, own[0].codes_redeemed), (1, 1));
    let trend = app::reports::officers::officer_trend(app.db.reader(), officer_id, october())
        .await
        .unwrap();
    assert_eq!(trend.last().map(|p| p.n), Some(6));
}
