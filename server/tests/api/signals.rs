//! Fraud signals for inspectors (issue 13, item 6): each signal fires on a constructed
//! burst and stays silent on a normal month; an inspector excludes a signal's ratings
//! from the published figures with a reason, audited, and restores them, until the month
//! is published; nobody else decides, and no inspector decides about themselves.

use crate::actors::Page;
use crate::helpers::{TestApp, count, fresh_token, post_form_as, spawn_app, staff_session};
use crate::reports::{DAY, HOUR, download, hand_made_month, oct, publish};
use app::codes::ServiceCode;
use app::ratings::form::RatingSubmission;
use app::ratings::server::{CodeBatch, RatingTarget, issue_service_codes, record_rating};
use app::ratings::{RatingLevel, ServiceType};
use app::reports::model::MonthReport;
use app::signals::detect;
use app::stations::{BadgeNumber, StationSlug};
use reqwest::StatusCode;
use std::collections::BTreeMap;

const MINUTE: i64 = 60_000;

/// Stores a rating of `target` at `level` from `source` at `at`, as the rating form does.
async fn rate(app: &TestApp, n: &mut u32, target: RatingTarget, level: i64, source: &str, at: i64) {
    *n += 1;
    let submission = RatingSubmission {
        level: RatingLevel::from_score(level).unwrap(),
        service_type: Some(ServiceType::Counter),
        problems: Vec::new(),
        praise: Vec::new(),
        comment: String::new(),
        contact: None,
        token: format!("signals-test-{n:08}"),
        source: Some(source.to_string()),
    };
    let calendar = app::calendar::server::load(app.db.reader()).await.unwrap();
    record_rating(
        &app.cases(&calendar, at),
        &target,
        &submission,
        app::i18n::Lang::Zh,
    )
    .await
    .unwrap();
}

fn officer(badge: &str) -> RatingTarget {
    RatingTarget::Officer(BadgeNumber::parse(badge).unwrap())
}

fn station(slug: &str) -> RatingTarget {
    RatingTarget::Station(StationSlug::parse(slug).unwrap())
}

/// `count` codes tied to `badge` at qishan, issued now from `issued_source`.
async fn codes(app: &TestApp, badge: &str, count: u32) -> Vec<ServiceCode> {
    let station = StationSlug::parse("qishan").unwrap();
    let badge = BadgeNumber::parse(badge).unwrap();
    let batch = CodeBatch {
        station: &station,
        officer: Some(&badge),
        service_type: ServiceType::Household,
        count,
        valid_days: 30,
        issued_source: Some("station-desk"),
    };
    issue_service_codes(&app.db, batch, None, app::db::now_millis())
        .await
        .unwrap()
}

/// The signals recorded: kind → (how many, ratings named).
async fn signals(app: &TestApp) -> BTreeMap<String, (i64, i64)> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT g.kind, COUNT(DISTINCT g.id), COUNT(m.rating_id) FROM rating_signals g
         LEFT JOIN rating_signal_members m ON m.signal_id = g.id GROUP BY g.kind",
    )
    .fetch_all(app.db.reader())
    .await
    .unwrap();
    rows.into_iter()
        .map(|(kind, n, members)| (kind, (n, members)))
        .collect()
}

#[tokio::test]
async fn a_normal_month_fires_nothing() {
    let app = spawn_app().await;
    let start = app::db::now_millis() - 20 * DAY;
    let mut n = 0;
    // A month of good ratings for one officer, each from its own network; four from one
    // network in a day, nine within ten minutes, four bad ones from one network.
    for day in 0..20 {
        let source = format!("home-{day}");
        rate(
            &app,
            &mut n,
            officer("100001"),
            5,
            &source,
            start + day * DAY,
        )
        .await;
    }
    for i in 0..4 {
        let at = start + 3 * DAY + 2 * HOUR + i * HOUR;
        rate(&app, &mut n, officer("100002"), 5, "cafe", at).await;
    }
    for i in 0..9 {
        let at = start + 5 * DAY + i * MINUTE;
        rate(
            &app,
            &mut n,
            station("qishan"),
            4,
            &format!("event-{i}"),
            at,
        )
        .await;
    }
    for i in 0..4 {
        let at = start + 6 * DAY + i * HOUR;
        rate(&app, &mut n, station("qishan"), 1, "angry", at).await;
    }
    // Codes redeemed an hour after issue from residents' own networks; an officer's
    // 19 codes unredeemed are too few to judge.
    let now = app::db::now_millis();
    for (i, code) in codes(&app, "100003", 3).await.into_iter().enumerate() {
        let source = format!("resident-{i}");
        rate(
            &app,
            &mut n,
            RatingTarget::Code(code),
            5,
            &source,
            now + HOUR,
        )
        .await;
    }
    codes(&app, "100004", 19).await;

    let ran = detect::run(&app.db, now + 2 * HOUR).await.unwrap();
    assert!(ran.ratings_read >= 40, "{ran:?}");
    assert_eq!(signals(&app).await, BTreeMap::new());
    // A second run reads from where the first left off.
    let again = detect::run(&app.db, now + 2 * HOUR + 10 * MINUTE)
        .await
        .unwrap();
    assert_eq!(again.days, 1, "{again:?}");
    assert_eq!(signals(&app).await, BTreeMap::new());
}

#[tokio::test]
async fn each_signal_fires_on_its_burst() {
    let app = spawn_app().await;
    let mut n = 0;
    let start = app::db::now_millis() - 10 * DAY;
    // Five good ratings of one officer from one network in four hours.
    for i in 0..5 {
        rate(
            &app,
            &mut n,
            officer("100001"),
            5,
            "net-a",
            start + i * HOUR,
        )
        .await;
    }
    // Ten good ratings of a station within nine minutes, each from its own network.
    for i in 0..10 {
        let at = start + DAY + i * MINUTE;
        rate(
            &app,
            &mut n,
            station("yuewang"),
            4,
            &format!("phone-{i}"),
            at,
        )
        .await;
    }
    // Five bad ratings of one station's officers from one network in two hours.
    for i in 0..5 {
        let badge = if i % 2 == 0 { "100005" } else { "100006" };
        let at = start + 2 * DAY + i * 20 * MINUTE;
        rate(&app, &mut n, officer(badge), 1, "net-b", at).await;
    }

    // Through the real routes: an officer's phone shows a code and the same network
    // redeems it (an hour later); another code is redeemed seconds after it was shown.
    let cookie = staff_session(&app, "officer.100003").await;
    let mut shown = Vec::new();
    for ip in ["10.20.0.1", "10.20.0.2"] {
        let response = post_form_as(
            &app,
            "/staff/code",
            "service_type=household".into(),
            Some(&cookie),
            ip,
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK);
        let page = Page::new(StatusCode::OK, response.text().await.unwrap());
        shown.push(page.text("#shown-code").expect("the code"));
    }
    sqlx::query(
        "UPDATE service_codes SET created_at = created_at - $1 WHERE id =
             (SELECT MIN(id) FROM service_codes WHERE officer_id = (SELECT id FROM officers WHERE badge = '100003'))",
    )
    .bind(HOUR)
    .execute(app.db.writer())
    .await
    .unwrap();
    for (code, ip) in shown.iter().zip(["10.20.0.1", "10.20.0.3"]) {
        let path = format!("/rate/{code}");
        let token = fresh_token(&app, &path).await;
        let body = format!("level=5&token={token}");
        let response = post_form_as(&app, &path, body, None, ip).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    // An officer whose 20 codes nobody redeemed, at a station whose residents redeem
    // most of theirs.
    codes(&app, "100004", 20).await;
    let now = app::db::now_millis();
    for (i, code) in codes(&app, "100008", 10)
        .await
        .into_iter()
        .enumerate()
        .take(8)
    {
        let source = format!("resident-{i}");
        rate(
            &app,
            &mut n,
            RatingTarget::Code(code),
            5,
            &source,
            now + HOUR,
        )
        .await;
    }

    // The networks the real routes stored (the two codes shown, the two ratings made
    // with them) are keyed hashes: no address can be read back.
    let sources: Vec<(Option<String>,)> = sqlx::query_as(
        "SELECT r.source FROM ratings r JOIN service_codes c ON c.id = r.service_code_id
         WHERE c.issued_by IS NOT NULL
         UNION ALL SELECT issued_source FROM service_codes WHERE issued_by IS NOT NULL",
    )
    .fetch_all(app.db.reader())
    .await
    .unwrap();
    assert_eq!(sources.len(), 4);
    for (source,) in sources {
        let source = source.expect("stored with its network");
        assert!(!source.contains("10.20"), "{source}");
        assert!(
            source.len() == 16 && source.chars().all(|c| c.is_ascii_hexdigit()),
            "{source}"
        );
    }
    detect::run(&app.db, now + 2 * HOUR).await.unwrap();
    let found = signals(&app).await;
    let expected: BTreeMap<String, (i64, i64)> = [
        ("burst_source", (1, 5)),
        ("burst_minutes", (1, 10)),
        ("bad_from_source", (1, 5)),
        ("code_at_issuer", (1, 1)),
        ("code_too_fast", (1, 1)),
        ("low_redemption", (1, 0)),
    ]
    .into_iter()
    .map(|(kind, v)| (kind.to_string(), v))
    .collect();
    assert_eq!(found, expected);
    // Nothing is excluded, deleted or moved by a signal.
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM rating_exclusions").await,
        0
    );
    // Running again finds the same signals, not new ones.
    detect::run(&app.db, now + 3 * HOUR).await.unwrap();
    assert_eq!(signals(&app).await, expected);

    // The inspector sees every one of them, with what fired.
    let inspector = app.staff("inspector").await;
    let page = inspector.open("/staff/inspector/signals").await;
    assert_eq!(page.status, StatusCode::OK);
    let kinds = page.attrs("[data-kind]", "data-kind");
    for kind in expected.keys() {
        assert!(kinds.contains(kind), "{kind} on the page: {kinds:?}");
    }
    assert!(page.visible_text().contains("20 秒内"));
    assert_eq!(
        page.text("[data-figure='signals-open']").as_deref(),
        Some("6"),
        "every open signal is counted"
    );
}

/// October's hand-made month with a burst of five good ratings of officer 100001 from one
/// network, checked as the scheduler would on 25 October: the signal's id.
async fn october_with_a_burst(app: &TestApp) -> i64 {
    hand_made_month(app).await;
    let mut n = 100;
    for i in 0..5 {
        rate(
            app,
            &mut n,
            officer("100001"),
            5,
            "net-x",
            oct(20, 9) + i * HOUR,
        )
        .await;
    }
    detect::run(&app.db, oct(25, 0)).await.unwrap();
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM rating_signals WHERE kind = 'burst_source'")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    id
}

/// (unverified, excluded by reason) in the leader's October draft.
async fn draft(app: &TestApp) -> (i64, Vec<(String, i64)>) {
    use app::reports::draft::{compute, station_by_slug};
    let mut conn = app.db.reader().acquire().await.unwrap();
    let station = station_by_slug(&mut conn, "qishan").await.unwrap().unwrap();
    let october = app::reports::Month::parse("2026-10").unwrap();
    let report = compute(&mut conn, &station, october).await.unwrap();
    excluded_of(&report)
}

fn excluded_of(report: &MonthReport) -> (i64, Vec<(String, i64)>) {
    (
        report.unverified.n,
        report
            .excluded
            .iter()
            .map(|c| (c.code.clone(), c.n))
            .collect(),
    )
}

async fn decide(app: &TestApp, cookie: &str, id: i64, body: &str) -> StatusCode {
    let path = format!("/staff/inspector/signals/{id}");
    post_form_as(app, &path, body.to_string(), Some(cookie), "10.30.0.1")
        .await
        .status()
}

#[tokio::test]
async fn an_inspector_excludes_a_burst_until_the_month_is_published() {
    let app = spawn_app().await;
    let id = october_with_a_burst(&app).await;
    let on_behalf = ("on_behalf".to_string(), 1);
    assert_eq!(draft(&app).await, (13, vec![on_behalf.clone()]));

    // The month cannot be published before the job has read all of it, nor while a
    // signal about it waits for the inspectors.
    let leader = staff_session(&app, "leader.qishan").await;
    let path = "/staff/reports/qishan/2026-10";
    let response = crate::helpers::post_form(&app, path, String::new(), Some(&leader)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("异常检查尚未完成"));
    let response = publish(&app, &leader, "qishan", "2026-10", "").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("等待督察审查"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM published_reports").await,
        0
    );

    // Nobody but an inspector decides: the station judged, the officer it is about, the
    // admin; and an inspector gives a reason.
    for username in [
        "leader.qishan",
        "clerk.qishan",
        "officer.100001",
        "admin",
        "intake",
    ] {
        let cookie = staff_session(&app, username).await;
        let status = decide(&app, &cookie, id, "decision=exclude&note=x").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{username}");
        let page = app
            .staff(username)
            .await
            .open("/staff/inspector/signals")
            .await;
        assert!(!page.has("[data-signal]"), "{username} sees no signal");
    }
    let inspector = staff_session(&app, "inspector").await;
    assert_eq!(
        decide(&app, &inspector, id, "decision=exclude&note=+").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        decide(&app, &inspector, id, "decision=delete&note=x").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        decide(&app, &inspector, id + 1000, "decision=exclude&note=x").await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM rating_exclusions").await,
        0
    );

    // Excluded: out of the unverified count, counted by reason; the rollups are what a
    // rebuild makes of them.
    let note = "note=%E5%90%8C%E4%B8%80%E7%BD%91%E5%90%A7"; // 同一网吧
    let status = decide(&app, &inspector, id, &format!("decision=exclude&{note}")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let burst = ("burst".to_string(), 5);
    assert_eq!(
        draft(&app).await,
        (8, vec![burst.clone(), on_behalf.clone()])
    );
    let incremental = app::reports::rollups::dump(&app.db).await.unwrap();
    app::reports::rollups::rebuild(&app.db).await.unwrap();
    assert_eq!(
        app::reports::rollups::dump(&app.db).await.unwrap(),
        incremental
    );
    let audited = count(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE action = 'signal.exclude' AND detail LIKE '5 ratings; 同一网吧'",
    )
    .await;
    assert_eq!(audited, 1);

    // Restored, then excluded again.
    let status = decide(&app, &inspector, id, &format!("decision=restore&{note}")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(draft(&app).await, (13, vec![on_behalf.clone()]));
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'signal.restore'"
        )
        .await,
        1
    );
    decide(&app, &inspector, id, &format!("decision=exclude&{note}")).await;

    // Published: the report says how many were excluded and why, and nothing moves.
    assert_eq!(
        publish(&app, &leader, "qishan", "2026-10", "")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let (_, _, json) = download(&app, "/s/qishan/reports/2026-10.json").await;
    let report: MonthReport = serde_json::from_slice(&json).unwrap();
    assert_eq!(excluded_of(&report), (8, vec![burst, on_behalf]));
    assert_eq!(report.verified.n, 2, "the headline is the verified ratings");
    let status = decide(&app, &inspector, id, &format!("decision=restore&{note}")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM rating_exclusions").await,
        5
    );
    let (status, html) = crate::helpers::browse(&app, "/s/qishan/reports/2026-10", None).await;
    let page = Page::new(status, html);
    assert!(page.visible_text().contains("经督察审查为集中刷评"));
    let signals_page = app
        .staff("inspector")
        .await
        .open("/staff/inspector/signals")
        .await;
    assert!(signals_page.visible_text().contains("该月报告已发布"));
}

#[tokio::test]
async fn an_inspector_never_decides_a_signal_about_themselves() {
    let app = spawn_app().await;
    let id = october_with_a_burst(&app).await;
    // The inspector is also officer 100001, whom the burst is about (one officer, one
    // account: the officer's own account is unlinked first).
    for sql in [
        "UPDATE staff_accounts SET officer_id = NULL WHERE username = 'officer.100001'",
        "UPDATE staff_accounts SET officer_id = (SELECT id FROM officers WHERE badge = '100001')
         WHERE username = 'inspector'",
    ] {
        sqlx::query(sql).execute(app.db.writer()).await.unwrap();
    }
    // A station-wide burst of bad ratings, one of which names them; and a burst about a
    // colleague, which is theirs to decide.
    let mut n = 200;
    for i in 0..5 {
        let at = oct(24, 8) + i * MINUTE;
        rate(&app, &mut n, officer("100003"), 5, "net-y", at).await;
    }
    for i in 0..5 {
        let badge = if i == 0 { "100001" } else { "100002" };
        let at = oct(24, 12) + i * 10 * MINUTE;
        rate(&app, &mut n, officer(badge), 1, "net-z", at).await;
    }
    detect::run(&app.db, oct(26, 0)).await.unwrap();
    let (bad,): (i64,) =
        sqlx::query_as("SELECT id FROM rating_signals WHERE kind = 'bad_from_source'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    let inspector = staff_session(&app, "inspector").await;
    let page = app
        .staff("inspector")
        .await
        .open("/staff/inspector/signals")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let (colleague,): (i64,) = sqlx::query_as(
        "SELECT id FROM rating_signals WHERE officer_id = (SELECT id FROM officers WHERE badge = '100003')",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(
        page.attrs("[data-signal]", "data-signal"),
        [colleague.to_string()],
        "only the colleague's signal is on their page"
    );
    for signal in [id, bad] {
        assert_eq!(
            decide(&app, &inspector, signal, "decision=exclude&note=x").await,
            StatusCode::NOT_FOUND
        );
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM rating_exclusions").await,
        0
    );
}

#[tokio::test]
async fn a_signal_about_codes_never_redeemed_excludes_nothing() {
    let app = spawn_app().await;
    codes(&app, "100004", 20).await;
    let now = app::db::now_millis();
    let mut n = 0;
    for code in codes(&app, "100005", 4).await {
        rate(
            &app,
            &mut n,
            RatingTarget::Code(code),
            5,
            "home",
            now + HOUR,
        )
        .await;
    }
    detect::run(&app.db, now + 2 * HOUR).await.unwrap();
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM rating_signals WHERE kind = 'low_redemption'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    let inspector = staff_session(&app, "inspector").await;
    assert_eq!(
        decide(&app, &inspector, id, "decision=exclude&note=x").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        decide(
            &app,
            &inspector,
            id,
            "decision=leave&note=%E5%B7%B2%E6%A0%B8%E5%AE%9E"
        )
        .await,
        StatusCode::SEE_OTHER
    );
    let reviewed = count(
        &app,
        "SELECT COUNT(*) FROM rating_signals WHERE reviewed_at IS NOT NULL",
    )
    .await;
    assert_eq!(reviewed, 1);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'signal.leave'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_burst_across_a_month_end_is_a_signal_in_each_month() {
    let app = spawn_app().await;
    let november = crate::reports::october().end_millis() + 1;
    let mut n = 0;
    for at in [-3 * HOUR, -2 * HOUR, -HOUR, HOUR, 2 * HOUR] {
        rate(&app, &mut n, officer("100001"), 5, "net-m", november + at).await;
    }
    detect::run(&app.db, november + 3 * DAY).await.unwrap();
    let months: Vec<(String, i64)> = sqlx::query_as(
        "SELECT g.month, COUNT(*) FROM rating_signals g JOIN rating_signal_members m ON m.signal_id = g.id
         GROUP BY g.month ORDER BY g.month",
    )
    .fetch_all(app.db.reader())
    .await
    .unwrap();
    assert_eq!(
        months,
        [("2026-10".to_string(), 3), ("2026-11".to_string(), 2)]
    );
}
