//! Monthly reports, publishing (issue 6): the CSV read back by a CSV parser, immutable
//! snapshots and versioned corrections with the JSON's SHA-256, who may publish, the
//! bureau page, and the "report draft ready" mail.

use crate::actors::Page;
use crate::helpers::{TestApp, browse, count, enc, spawn_app, staff_session};
use crate::reports::*;
use app::reports::Month;
use app::reports::model::MonthReport;
use reqwest::StatusCode;

/// The hand-made October, published by qishan's leader: the leader's session.
async fn published_october(app: &TestApp) -> String {
    hand_made_month(app).await;
    let leader = staff_session(app, "leader.qishan").await;
    assert_eq!(
        publish(app, &leader, "qishan", "2026-10", "")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    leader
}

#[tokio::test]
async fn the_csv_reads_back_with_a_csv_parser() {
    let app = spawn_app().await;
    published_october(&app).await;
    let (status, headers, body) = download(&app, "/s/qishan/reports/2026-10.csv").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("qishan-2026-10-v1.csv")
    );
    let body = body
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a byte-order mark for spreadsheets");
    let mut reader = csv::Reader::from_reader(body);
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "station",
            "month",
            "version",
            "section",
            "item",
            "n",
            "value",
            "value_low",
            "value_high"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let find = |section: &str, item: &str| {
        rows.iter()
            .find(|r| &r[3] == section && &r[4] == item)
            .unwrap_or_else(|| panic!("{section} {item}"))
    };
    let all = find("ratings", "all");
    assert_eq!(
        (
            &all[0], &all[1], &all[2], &all[5], &all[6], &all[7], &all[8]
        ),
        ("qishan", "2026-10", "1", "11", "", "", ""),
        "every rating counted, no merged rate"
    );
    assert_eq!(&find("format", "")[5], "2");
    assert_eq!(&find("ratings_level", "all:very_satisfied")[5], "5");
    let verified = find("ratings", "verified");
    assert_eq!((&verified[5], &verified[6]), ("2", "1"));
    assert_eq!(&find("ratings", "visit")[5], "1");
    assert_eq!(&find("excluded", "on_behalf")[5], "1");
    let rectified = find("bad_rating_reviews", "rectified");
    assert_eq!((&rectified[5], &rectified[6]), ("1", "0.5"));
    assert_eq!(&find("review_finding", "unsubstantiated")[5], "1");
    assert_eq!(&find("referral_department", "市场监管局")[5], "1");
    assert_eq!(&find("cases", "median_hours_to_first_answer")[6], "7");
    assert_eq!(&find("feedback", "none")[5], "2");
    assert_eq!(&find("trend", "2026-09")[5], "0", "verified ratings only");
    assert!(rows.iter().all(|r| r.len() == 9));
}

#[tokio::test]
async fn a_published_month_never_changes_and_a_correction_is_a_new_version() {
    let app = spawn_app().await;
    let leader = published_october(&app).await;
    let (_, _, v1) = download(&app, "/s/qishan/reports/2026-10.json").await;

    // The database itself refuses to change or remove a published row.
    for sql in [
        "UPDATE published_reports SET snapshot = '{}'",
        "UPDATE published_reports SET note = 'x'",
        "DELETE FROM published_reports",
    ] {
        assert!(
            sqlx::query(sql).execute(app.db.writer()).await.is_err(),
            "{sql}"
        );
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM published_reports").await,
        1
    );

    // A late-found rating changes the figures; a correction needs a public note.
    let mut n = 100;
    rate(
        &app,
        &mut n,
        Via::Station("qishan"),
        5,
        &[],
        &[],
        oct(31, 9),
    )
    .await;
    let response = publish(&app, &leader, "qishan", "2026-10", "note=").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = Page::new(response.status(), response.text().await.unwrap());
    assert!(refused.visible_text().contains("更正须填写公开说明"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM published_reports").await,
        1
    );
    let note = "补录10月31日纸质评价表一份";
    let response = publish(
        &app,
        &leader,
        "qishan",
        "2026-10",
        &format!("note={}", enc(note)),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let (_, _, v2) = download(&app, "/s/qishan/reports/2026-10.json").await;
    let second: MonthReport = serde_json::from_slice(&v2).unwrap();
    assert_eq!(
        (
            second.version,
            second.note.as_str(),
            second.ratings.n,
            second.ratings.good
        ),
        (2, note, 12, 9)
    );
    // Version 1 is still there, byte for byte.
    let (status, headers, again) = download(&app, "/s/qishan/reports/2026-10.json?v=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again, v1);
    assert!(
        headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let first: MonthReport = serde_json::from_slice(&v1).unwrap();
    assert_eq!((first.version, first.ratings.n), (1, 11));

    // The page shows the latest with its note and both versions with their hashes.
    let (status, html) = browse(&app, "/s/qishan/reports/2026-10", None).await;
    let page = Page::new(status, html);
    let correction = page
        .text("section[aria-labelledby='correction']")
        .unwrap_or_default();
    assert!(correction.contains(note), "{correction}");
    let hashes = page.texts("nav[aria-labelledby='versions'] code.hash");
    assert!(
        hashes.contains(&sha256_hex(&v1)) && hashes.contains(&sha256_hex(&v2)),
        "{hashes:?}"
    );
    assert_eq!(figure(&page, "version"), "2");
    let (status, old) = browse(&app, "/s/qishan/reports/2026-10?v=1", None).await;
    let old = Page::new(status, old);
    assert_eq!(old.status, StatusCode::OK);
    assert_eq!(
        (figure(&old, "version"), figure(&old, "ratings")),
        ("1".into(), "11".into())
    );
    assert_eq!(figure(&old, "sha256"), sha256_hex(&v1));
    let (status, _) = browse(&app, "/s/qishan/reports/2026-10?v=3", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, archive) = browse(&app, "/s/qishan/reports", None).await;
    let archive = Page::new(status, archive);
    assert!(archive.has("a[href='/s/qishan/reports/2026-10']"));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'report_published'"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn only_the_station_leader_publishes_and_only_a_month_that_is_over() {
    let app = spawn_app().await;
    for username in [
        "officer.100001",
        "clerk.qishan",
        "leader.yuewang",
        "inspector",
        "admin",
    ] {
        let cookie = staff_session(&app, username).await;
        let response = publish(&app, &cookie, "qishan", "2026-10", "").await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{username}");
        let (status, _) = browse(&app, "/staff/reports/qishan/2026-10", Some(&cookie)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{username} reads the draft");
    }
    let response = publish(&app, "od_staff=nobody", "qishan", "2026-10", "").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/staff/login");

    let leader = staff_session(&app, "leader.qishan").await;
    let this_month = Month::of(app::db::now_millis()).to_string();
    let response = publish(&app, &leader, "qishan", &this_month, "").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = Page::new(response.status(), response.text().await.unwrap());
    assert!(refused.visible_text().contains("本月尚未结束"));
    assert_eq!(
        publish(&app, &leader, "qishan", "2026-13", "")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        publish(&app, &leader, "nowhere", "2026-10", "")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let half = format!("said={}&did=", enc("路灯"));
    assert_eq!(
        publish(&app, &leader, "qishan", "2026-10", &half)
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM published_reports").await,
        0
    );

    // The leader's draft and list.
    let (status, draft) = browse(&app, "/staff/reports/qishan/2026-10", Some(&leader)).await;
    assert_eq!(status, StatusCode::OK);
    let draft = Page::new(status, draft);
    assert!(draft.forms().contains(&(
        "post".to_string(),
        "/staff/reports/qishan/2026-10".to_string()
    )));
    let (status, list) = browse(&app, "/staff/reports", Some(&leader)).await;
    assert_eq!(status, StatusCode::OK);
    let list = Page::new(status, list);
    assert!(list.has(&format!(
        "a[href='/staff/reports/qishan/{}']",
        Month::of(app::db::now_millis()).previous()
    )));
    let (status, _) = browse(&app, "/s/qishan/reports/2026-10", None).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "nothing public before publishing"
    );
    let (status, _, _) = download(&app, "/s/qishan/reports/2026-10.csv").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_bureau_page_puts_the_stations_side_by_side() {
    let app = spawn_app().await;
    hand_made_month(&app).await;
    let (status, empty) = browse(&app, "/reports", None).await;
    let empty = Page::new(status, empty);
    assert!(empty.visible_text().contains("尚无已发布的月报"));
    let leader = staff_session(&app, "leader.qishan").await;
    assert_eq!(
        publish(&app, &leader, "qishan", "2026-10", "")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let (status, html) = browse(&app, "/reports?month=2026-10", None).await;
    assert_eq!(status, StatusCode::OK);
    let page = Page::new(status, html);
    assert!(page.has("a[href='/s/qishan/reports/2026-10']"));
    assert!(
        page.visible_text().contains("尚未发布"),
        "yuewang and dadongmen have not published"
    );
    assert!(
        page.texts("#bureau-table td")
            .iter()
            .any(|cell| cell == "100.0%"),
        "the verified headline"
    );
    // The yuewang rating is not in the total: only published figures are.
    let bureau = app::reports::publish::bureau(app.db.reader(), Some(october()))
        .await
        .unwrap();
    assert_eq!((bureau.total.n, bureau.total.good), (11, 8));
    assert_eq!(
        (bureau.total_verified.n, bureau.total_unverified.n),
        (2, 8),
        "the headline is verified, the unverified beside it"
    );
    assert_eq!(bureau.months, ["2026-10"]);
}

#[tokio::test]
async fn leaders_hear_once_that_last_months_draft_is_ready() {
    let app = spawn_app().await;
    let calendar = app::calendar::server::load(app.db.reader()).await.unwrap();
    let now = app::db::now_millis();
    sqlx::query("UPDATE staff_accounts SET email = NULL WHERE username <> 'leader.qishan'")
        .execute(app.db.writer())
        .await
        .unwrap();
    for _ in 0..2 {
        app::mail::daily::write_daily_mail(&app.db, &calendar, now)
            .await
            .unwrap();
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE kind = 'report_ready'"
        )
        .await,
        1
    );
    let (body,): (String,) =
        sqlx::query_as("SELECT payload FROM outbox WHERE kind = 'report_ready'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    let last_month = Month::of(now).previous().to_string();
    assert!(
        body.contains(&last_month) && body.contains("qishan"),
        "{body}"
    );
}
