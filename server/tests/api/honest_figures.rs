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

#[tokio::test]
async fn the_bureau_month_sums_every_published_station_report() {
    use app::reports::bureau::BureauReport;
    let app = spawn_app().await;
    hand_made_month(&app).await;
    assert_eq!(
        download(&app, "/reports/2026-10.json").await.0,
        StatusCode::NOT_FOUND,
        "nothing published, nothing to sum"
    );
    // qishan and yuewang publish October; dadongmen has not.
    for (leader, station) in [("leader.qishan", "qishan"), ("leader.yuewang", "yuewang")] {
        let cookie = staff_session(&app, leader).await;
        let response = publish(&app, &cookie, station, "2026-10", "").await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{station}");
    }
    let (status, headers, json) = download(&app, "/reports/2026-10.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/json");
    let bureau: BureauReport = serde_json::from_slice(&json).unwrap();
    let parts: Vec<(&str, Option<i64>)> = bureau
        .stations
        .iter()
        .map(|p| (p.slug.as_str(), p.version))
        .collect();
    assert_eq!(
        parts,
        [
            ("qishan", Some(1)),
            ("yuewang", Some(1)),
            ("dadongmen", None)
        ]
    );
    // Each part names the hash of the snapshot it summed.
    let (_, _, qishan) = download(&app, "/s/qishan/reports/2026-10.json").await;
    assert_eq!(
        bureau.stations[0].sha256.as_deref(),
        Some(crate::reports::sha256_hex(&qishan).as_str())
    );
    // qishan's hand-made month (verified 2 of 2, unverified 5 of 8, one excluded) and
    // yuewang's one unverified 非常不满意 of 15 October: the rates come from the sums.
    let t = &bureau.total;
    assert_eq!((t.verified.n, t.verified.good_rate), (2, Some(1.0)));
    assert_eq!(
        (t.unverified.n, t.unverified.good, t.unverified.good_rate),
        (9, 5, Some(0.5556))
    );
    assert_eq!(t.excluded.len(), 1);
    // All ratings are counted, never merged into one rate, as on each station's report.
    assert_eq!((t.ratings.n, t.ratings.good_rate), (12, None));
    assert!(t.you_said_we_did.is_empty());
    assert_eq!(t.cases.median_hours_to_first_answer, None);
    assert_eq!(
        t.method.as_ref().map(|m| m.url.as_str()),
        Some("/reports/method")
    );

    // The CSV says the same, as the bureau's.
    let (status, _, csv) = download(&app, "/reports/2026-10.csv").await;
    assert_eq!(status, StatusCode::OK);
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.lines().nth(1).unwrap().starts_with("bureau,2026-10,0,"),
        "{csv}"
    );
    // Which station reports it sums: qishan's version 1, none from dadongmen.
    assert!(
        csv.contains("bureau,2026-10,0,station_report,qishan,1,1,,"),
        "{csv}"
    );
    assert!(
        csv.contains("bureau,2026-10,0,station_report,dadongmen,0,0,,"),
        "{csv}"
    );

    // The page: the month's canonical address, its table, the summed report, downloads.
    let (status, html) = browse(&app, "/reports/2026-10", None).await;
    let page = Page::new(status, html);
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.text("[data-figure='bureau-unverified']").as_deref(),
        Some("9")
    );
    assert!(page.has("#bureau-report-heading"));
    assert!(page.visible_text().contains("2 / 3"));
    assert!(
        page.has("a[href='/reports/2026-10.csv']") && page.has("a[href='/reports/2026-10.json']")
    );
    assert_eq!(
        page.text("[data-figure='unverified']").as_deref(),
        Some("9")
    );
    // The method page keeps its own address.
    let (status, html) = browse(&app, "/reports/method", None).await;
    assert_eq!(
        Page::new(status, html).text("h1").as_deref(),
        Some("统计方法")
    );
    for missing in ["/reports/2026-09.json", "/reports/nonsense.csv"] {
        assert_eq!(
            download(&app, missing).await.0,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
}
