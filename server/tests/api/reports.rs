//! Monthly reports (issue 6): the figures of a hand-made month against values computed
//! by hand (the Wilson interval included). The fixtures here serve
//! `reports_publishing.rs` too.

use crate::actors::Page;
use crate::helpers::{TestApp, browse, enc, post_form, spawn_app, staff_session};
use app::ratings::form::RatingSubmission;
use app::ratings::server::{RatingTarget, record_rating};
use app::ratings::{PraiseTag, ProblemTag, RatingLevel, ServiceType};
use app::reports::Month;
use app::reports::model::MonthReport;
use app::stations::{BadgeNumber, StationSlug};
use reqwest::StatusCode;
use sha2::{Digest, Sha256};

pub(crate) const HOUR: i64 = 3_600_000;
pub(crate) const DAY: i64 = 24 * HOUR;

pub(crate) fn october() -> Month {
    Month::parse("2026-10").unwrap()
}

/// Day `day` of October 2026 at `hour`, China Standard Time.
pub(crate) fn oct(day: i64, hour: i64) -> i64 {
    october().start_millis() + (day - 1) * DAY + hour * HOUR
}

pub(crate) enum Via<'a> {
    Officer(&'a str),
    Station(&'a str),
    Code(&'a str, &'a str),
    /// A code an officer showed on a household visit: a visit rating.
    VisitCode(&'a str, &'a str),
}

pub(crate) async fn rate(
    app: &TestApp,
    n: &mut u32,
    via: Via<'_>,
    level: i64,
    problems: &[ProblemTag],
    praise: &[PraiseTag],
    at: i64,
) {
    *n += 1;
    let target = match via {
        Via::Officer(badge) => RatingTarget::Officer(BadgeNumber::parse(badge).unwrap()),
        Via::Station(slug) => RatingTarget::Station(StationSlug::parse(slug).unwrap()),
        Via::Code(station, badge) | Via::VisitCode(station, badge) => {
            let service = match via {
                Via::VisitCode(..) => "community_visit",
                _ => "household",
            };
            let args = opendoor_server::cli::ServiceCodesArgs {
                station: station.into(),
                officer: Some(badge.into()),
                count: 1,
                service_type: service.into(),
                valid_days: 365,
            };
            let code = opendoor_server::service_codes::issue(&app.db, &args)
                .await
                .unwrap()
                .remove(0);
            RatingTarget::Code(code)
        }
    };
    let submission = RatingSubmission {
        level: RatingLevel::from_score(level).unwrap(),
        service_type: Some(ServiceType::Counter),
        problems: problems.to_vec(),
        praise: praise.to_vec(),
        comment: String::new(),
        contact: None,
        token: format!("report-test-{n}"),
        source: None,
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

pub(crate) struct Case<'a> {
    kind: &'a str,
    station: &'a str,
    created: i64,
    first_answer: Option<i64>,
    resolved: Option<i64>,
    due_on: &'a str,
    outcome: Option<&'a str>,
    department: Option<&'a str>,
    satisfaction: Option<&'a str>,
    hidden: bool,
    named: Option<&'a str>,
    finding: Option<&'a str>,
    /// A commendation the resident agreed to publish with the officer's name.
    consent: bool,
}

pub(crate) const CASE: Case<'static> = Case {
    kind: "help",
    station: "qishan",
    created: 0,
    first_answer: None,
    resolved: None,
    due_on: "2026-12-31",
    outcome: None,
    department: None,
    satisfaction: None,
    hidden: false,
    named: None,
    finding: None,
    consent: false,
};

pub(crate) async fn insert_case(app: &TestApp, n: &mut u32, case: Case<'_>) {
    *n += 1;
    let status = if case.resolved.is_some() {
        "closed"
    } else {
        "new"
    };
    sqlx::query(
        "INSERT INTO cases (reference, access_code_hash, kind, status, station_id, named_officer_id, subject, description,
                            hidden, ack_due_on, due_on, outcome, referral_department, satisfaction, first_answer_at,
                            resolved_at, created_at, updated_at, finding, publish_consent)
         VALUES ($1, 'x', $2, $3, (SELECT id FROM stations WHERE slug = $4), (SELECT id FROM officers WHERE badge = $5),
                 '一件事', '具体情况', $6, $7, $7, $8, $9, $10, $11, $12, $13, $13, $14, $15)",
    )
    .bind(format!("KM-2026-9{n:05}"))
    .bind(case.kind)
    .bind(status)
    .bind(case.station)
    .bind(case.named)
    .bind(i64::from(case.hidden))
    .bind(case.due_on)
    .bind(case.outcome)
    .bind(case.department)
    .bind(case.satisfaction)
    .bind(case.first_answer)
    .bind(case.resolved)
    .bind(case.created)
    .bind(case.finding)
    .bind(i64::from(case.consent))
    .execute(app.db.writer())
    .await
    .unwrap();
}

/// The hand-made month: October 2026 at qishan, with ratings and cases just outside it
/// (September, November, another station) that must not count.
pub(crate) async fn hand_made_month(app: &TestApp) {
    use PraiseTag::Attitude;
    use ProblemTag::{HardToReach, Rude, Runaround};
    let mut n = 0;
    let officer = || Via::Officer("100001");
    rate(app, &mut n, officer(), 5, &[], &[Attitude], oct(2, 9)).await;
    rate(app, &mut n, officer(), 5, &[], &[], oct(3, 9)).await;
    rate(app, &mut n, officer(), 4, &[], &[], oct(4, 9)).await;
    rate(app, &mut n, officer(), 4, &[], &[], oct(5, 9)).await;
    rate(app, &mut n, officer(), 3, &[HardToReach], &[], oct(6, 9)).await;
    rate(
        app,
        &mut n,
        officer(),
        2,
        &[Rude, Runaround],
        &[],
        oct(10, 10),
    )
    .await;
    rate(app, &mut n, Via::Station("qishan"), 5, &[], &[], oct(7, 9)).await;
    rate(
        app,
        &mut n,
        Via::Station("qishan"),
        1,
        &[Rude],
        &[],
        oct(12, 9),
    )
    .await;
    rate(
        app,
        &mut n,
        Via::Code("qishan", "100002"),
        5,
        &[],
        &[],
        oct(15, 9),
    )
    .await;
    rate(
        app,
        &mut n,
        Via::Code("qishan", "100002"),
        4,
        &[],
        &[],
        oct(16, 9),
    )
    .await;
    // A household visit rated on the resident's phone with the officer's code: apart.
    rate(
        app,
        &mut n,
        Via::VisitCode("qishan", "100001"),
        5,
        &[],
        &[],
        oct(18, 15),
    )
    .await;
    // A rating an officer typed for a resident before that was removed: stored, in no
    // figure (counted by the rebuild below).
    sqlx::query(
        "INSERT INTO ratings (station_id, officer_id, level, service_type, channel, verified, created_at)
         VALUES ((SELECT id FROM stations WHERE slug = 'qishan'), (SELECT id FROM officers WHERE badge = '100001'),
                 5, 'community_visit', 'visit', 0, $1)",
    )
    .bind(oct(11, 9))
    .execute(app.db.writer())
    .await
    .unwrap();
    // Outside: the last millisecond of September, the first of November, another station.
    rate(
        app,
        &mut n,
        Via::Station("qishan"),
        5,
        &[],
        &[],
        october().start_millis() - 1,
    )
    .await;
    rate(
        app,
        &mut n,
        Via::Station("qishan"),
        1,
        &[],
        &[],
        october().end_millis(),
    )
    .await;
    rate(
        app,
        &mut n,
        Via::Station("yuewang"),
        1,
        &[],
        &[],
        oct(15, 9),
    )
    .await;

    // Two more printed codes that nobody used; every code is dated an hour before its
    // rating, the unused ones 20 October: 5 issued in October, 3 redeemed.
    let args = opendoor_server::cli::ServiceCodesArgs {
        station: "qishan".into(),
        officer: None,
        count: 2,
        service_type: "counter".into(),
        valid_days: 365,
    };
    opendoor_server::service_codes::issue(&app.db, &args)
        .await
        .unwrap();
    sqlx::query(
        "UPDATE service_codes SET created_at = COALESCE(
             (SELECT r.created_at - 3600000 FROM ratings r WHERE r.service_code_id = service_codes.id), $1)",
    )
    .bind(oct(20, 9))
    .execute(app.db.writer())
    .await
    .unwrap();

    // The 差评 of 10 October opened a review; it is answered and dealt with 20 hours later:
    // found 属实 and put right.
    sqlx::query(
        "UPDATE cases SET status = 'closed', outcome = 'resolved', finding = 'substantiated', resolved_at = $1,
                          first_answer_at = $1
         WHERE kind = 'rating_review' AND created_at = $2",
    )
    .bind(oct(10, 10) + 20 * HOUR)
    .bind(oct(10, 10))
    .execute(app.db.writer())
    .await
    .unwrap();

    let mut n = 0;
    let cases = [
        // On time, 满意.
        Case {
            created: oct(3, 9),
            first_answer: Some(oct(3, 11)),
            resolved: Some(oct(5, 9)),
            due_on: "2026-10-10",
            outcome: Some("resolved"),
            satisfaction: Some("satisfied"),
            ..CASE
        },
        // Late, and the resident never answered: no answer, not satisfied.
        Case {
            kind: "complaint",
            created: oct(8, 9),
            first_answer: Some(oct(8, 19)),
            resolved: Some(oct(30, 9)),
            due_on: "2026-10-29",
            outcome: Some("explained"),
            ..CASE
        },
        // Open, never answered.
        Case {
            kind: "suggestion",
            created: oct(20, 9),
            ..CASE
        },
        // A commendation naming 100001, resolved on time, 基本满意.
        Case {
            kind: "commendation",
            created: oct(21, 9),
            first_answer: Some(oct(21, 13)),
            resolved: Some(oct(22, 9)),
            due_on: "2026-11-10",
            outcome: Some("resolved"),
            satisfaction: Some("basically_satisfied"),
            named: Some("100001"),
            ..CASE
        },
        // Filed in September, referred in October after its due date, 不满意.
        Case {
            kind: "question",
            created: oct(1, 0) - 3 * DAY,
            first_answer: Some(oct(2, 9)),
            resolved: Some(oct(2, 9)),
            due_on: "2026-10-01",
            outcome: Some("referred"),
            department: Some("市场监管局"),
            satisfaction: Some("dissatisfied"),
            ..CASE
        },
        // Spam: hidden, counted apart, its commendation not counted.
        Case {
            kind: "commendation",
            created: oct(9, 9),
            hidden: true,
            named: Some("100001"),
            ..CASE
        },
        // Three more reviews filed in October and dealt with in November: 部分属实 but only
        // explained (not rectified), 不属实, and one closed before findings were required.
        Case {
            kind: "rating_review",
            created: oct(25, 9),
            resolved: Some(october().end_millis() + DAY),
            outcome: Some("explained"),
            finding: Some("partly"),
            ..CASE
        },
        Case {
            kind: "rating_review",
            created: oct(26, 9),
            resolved: Some(october().end_millis() + DAY),
            outcome: Some("explained"),
            finding: Some("unsubstantiated"),
            ..CASE
        },
        Case {
            kind: "rating_review",
            created: oct(27, 9),
            resolved: Some(october().end_millis() + DAY),
            outcome: Some("resolved"),
            ..CASE
        },
        // A commendation of 100002 the resident agreed to publish (100001's was not).
        Case {
            kind: "commendation",
            created: oct(28, 9),
            named: Some("100002"),
            consent: true,
            ..CASE
        },
        // Another station, and November.
        Case {
            station: "yuewang",
            created: oct(9, 9),
            first_answer: Some(oct(9, 10)),
            resolved: Some(oct(9, 12)),
            outcome: Some("resolved"),
            ..CASE
        },
        Case {
            created: october().end_millis(),
            first_answer: Some(october().end_millis()),
            resolved: Some(october().end_millis() + HOUR),
            outcome: Some("resolved"),
            ..CASE
        },
    ];
    for case in cases {
        insert_case(app, &mut n, case).await;
    }
    // The cases above were written straight into the table, past the transactions that
    // keep the case rollups: count them the way `opendoor rollups rebuild` does.
    app::reports::rollups::rebuild(&app.db).await.unwrap();
}

/// The leader publishes `month`, once the signals job has read it (as the server's
/// scheduler does every 10 minutes).
pub(crate) async fn publish(
    app: &TestApp,
    cookie: &str,
    station: &str,
    month: &str,
    body: &str,
) -> reqwest::Response {
    app::signals::detect::run(&app.db, app::db::now_millis())
        .await
        .unwrap();
    post_form(
        app,
        &format!("/staff/reports/{station}/{month}"),
        body.to_string(),
        Some(cookie),
    )
    .await
}

pub(crate) async fn download(
    app: &TestApp,
    path: &str,
) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
    let response = app.get(path).await;
    let status = response.status();
    let headers = response.headers().clone();
    (status, headers, response.bytes().await.unwrap().to_vec())
}

/// The text of the element marked `data-figure="{name}"`.
pub(crate) fn figure(page: &Page, name: &str) -> String {
    page.text(&format!("[data-figure='{name}']"))
        .unwrap_or_else(|| panic!("no {name} figure"))
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test]
async fn a_hand_made_month_has_the_figures_computed_by_hand() {
    let app = spawn_app().await;
    hand_made_month(&app).await;
    let leader = staff_session(&app, "leader.qishan").await;
    let items = format!(
        "said={}&did={}&said=&did=",
        enc("路口没有路灯"),
        enc("已协调安装两盏路灯")
    );
    let response = publish(&app, &leader, "qishan", "2026-10", &items).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/s/qishan/reports/2026-10");

    let (status, headers, json) = download(&app, "/s/qishan/reports/2026-10.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let r: MonthReport = serde_json::from_slice(&json).unwrap();
    assert_eq!(
        (r.station.slug.as_str(), r.month.as_str(), r.version),
        ("qishan", "2026-10", 1)
    );

    // Counted ratings: 5 5 5 5 5 · 4 4 4 · 3 · 2 · 1 → 好评 8 of 11, the visit among them;
    // the two service codes are the verified ones, the headline. The rating an officer
    // typed is in none of them.
    assert_eq!(r.format, 2);
    let all = &r.ratings;
    assert_eq!(
        (
            all.n,
            all.very_satisfied,
            all.satisfied,
            all.fairly_satisfied,
            all.dissatisfied,
            all.very_dissatisfied,
            all.good
        ),
        (11, 5, 3, 1, 1, 1, 8)
    );
    // Counted, never merged into one rate. Wilson, 95 %: 2/2 → 0.3424–1; 5/8 →
    // 0.3057–0.8632.
    assert_eq!(
        (all.good_rate, all.good_rate_low, all.good_rate_high),
        (None, None, None)
    );
    let v = &r.verified;
    assert_eq!(
        (v.n, v.good, v.good_rate, v.good_rate_low, v.good_rate_high),
        (2, 2, Some(1.0), Some(0.3424), Some(1.0))
    );
    let u = &r.unverified;
    assert_eq!(
        (u.n, u.good, u.good_rate, u.good_rate_low, u.good_rate_high),
        (8, 5, Some(0.625), Some(0.3057), Some(0.8632))
    );
    let visits = &r.visits;
    assert_eq!((visits.n, visits.good, visits.good_rate), (1, 1, Some(1.0)));
    let counts = |list: &[app::reports::model::Count]| -> Vec<(String, i64)> {
        list.iter().map(|c| (c.code.clone(), c.n)).collect()
    };
    assert_eq!(
        counts(&r.by_channel),
        [
            ("officer_qr".to_string(), 6),
            ("service_code".into(), 2),
            ("station_qr".into(), 2),
            ("visit".into(), 1)
        ]
    );
    assert_eq!(counts(&r.excluded), [("on_behalf".to_string(), 1)]);
    assert_eq!(
        (
            r.codes.issued,
            r.codes.printed,
            r.codes.redeemed,
            r.codes.redemption_rate
        ),
        (5, 5, 3, Some(0.6))
    );
    // By service: verified, and the unverified beside them; the visit is apart.
    let services: Vec<(String, i64, i64, i64, i64)> = r
        .by_service
        .iter()
        .map(|s| {
            (
                s.service_type.clone(),
                s.figures.n,
                s.figures.good,
                s.unverified.n,
                s.unverified.good,
            )
        })
        .collect();
    assert_eq!(
        services,
        [
            ("household".to_string(), 2, 2, 0, 0),
            ("counter".into(), 0, 0, 8, 5)
        ]
    );
    let problems: Vec<(String, i64)> = counts(&r.problem_tags)
        .into_iter()
        .filter(|c| c.1 > 0)
        .collect();
    assert_eq!(
        problems,
        [
            ("hard_to_reach".to_string(), 1),
            ("rude".into(), 2),
            ("runaround".into(), 1)
        ]
    );
    assert_eq!(counts(&r.praise_tags)[0], ("attitude".to_string(), 1));
    assert_eq!(r.trend.len(), 12);
    assert_eq!(r.trend[0].month, "2025-11");
    let trend: Vec<(&str, i64, i64)> = r
        .trend
        .iter()
        .filter(|t| t.n > 0)
        .map(|t| (t.month.as_str(), t.n, t.good))
        .collect();
    // Verified ratings only: September's one was a station QR code's.
    assert_eq!(trend, [("2026-10", 2, 2)]);
    assert_eq!(
        r.trend[1].good_rate, None,
        "no ratings is no rate, not 100 %"
    );

    // Cases filed in October: help, complaint, suggestion, two commendations and five 差评
    // reviews; the spam apart.
    let c = &r.cases;
    assert_eq!((c.filed, c.hidden_as_spam), (10, 1));
    assert_eq!(
        counts(&c.by_kind),
        [
            ("help".to_string(), 1),
            ("complaint".into(), 1),
            ("suggestion".into(), 1),
            ("question".into(), 0),
            ("commendation".into(), 2),
            ("tip".into(), 0),
            ("rating_review".into(), 5)
        ]
    );
    // First answers after 2, 10, 4 and 20 hours: the median is 7.
    assert_eq!((c.answered, c.median_hours_to_first_answer), (4, Some(7.0)));
    // Resolved in October: help (on time), complaint (late), commendation (on time),
    // the September question (late), the review (on time).
    assert_eq!(
        (c.resolved, c.resolved_on_time, c.on_time_rate),
        (5, 3, Some(0.6))
    );
    assert_eq!(
        (
            c.feedback_satisfied,
            c.feedback_basically_satisfied,
            c.feedback_dissatisfied,
            c.feedback_none
        ),
        (1, 1, 1, 2)
    );
    assert_eq!(
        c.feedback_satisfied_rate,
        Some(0.4),
        "silence stays in the denominator"
    );
    assert_eq!(
        (c.referred, counts(&c.referral_departments)),
        (1, vec![("市场监管局".to_string(), 1)])
    );
    assert_eq!(
        (
            c.bad_rating_reviews,
            c.bad_rating_reviews_resolved,
            c.bad_rating_review_rate
        ),
        (5, 4, Some(0.8))
    );
    // 差评整改率: of the reviews found 属实 (put right) or 部分属实 (only explained), one
    // was rectified; 不属实 and the review without a finding are apart.
    assert_eq!(
        (
            c.reviews_substantiated,
            c.reviews_partly,
            c.reviews_unsubstantiated,
            c.reviews_no_finding,
            c.reviews_rectified,
            c.rectification_rate
        ),
        (1, 1, 1, 1, 1, Some(0.5))
    );
    let commended: Vec<(&str, i64)> = r
        .commendations
        .iter()
        .map(|c| (c.badge.as_str(), c.n))
        .collect();
    assert_eq!(
        commended,
        [("100002", 1)],
        "only the commendation whose resident agreed names its officer"
    );
    assert_eq!(r.you_said_we_did.len(), 1);
    assert_eq!(r.you_said_we_did[0].did, "已协调安装两盏路灯");

    // The page shows the same figures, the hash of the bytes downloaded, both charts
    // and their tables.
    let (status, html) = browse(&app, "/s/qishan/reports/2026-10", None).await;
    let page = Page::new(status, html);
    assert_eq!(page.status, StatusCode::OK);
    let hash = sha256_hex(&json);
    assert_eq!(
        figure(&page, "sha256"),
        hash,
        "the page shows the JSON's SHA-256"
    );
    assert_eq!(headers["etag"].to_str().unwrap(), format!("\"{hash}\""));
    // The headline is the verified 好评率; the unverified, visit and excluded ratings
    // are beside it, never merged.
    assert_eq!(figure(&page, "good-rate"), "100.0%");
    assert_eq!(figure(&page, "good-rate-interval"), "34.2–100.0%");
    assert_eq!(
        (
            figure(&page, "verified"),
            figure(&page, "unverified"),
            figure(&page, "unverified-good-rate"),
            figure(&page, "visits"),
            figure(&page, "excluded"),
            figure(&page, "ratings"),
            figure(&page, "on-time")
        ),
        (
            "2".into(),
            "8".into(),
            "62.5%".into(),
            "1".into(),
            "1".into(),
            "11".into(),
            "60.0%".into()
        )
    );
    assert!(page.visible_text().contains("民警代录的走访评价"));
    assert_eq!(
        (
            figure(&page, "codes-redeemed-rate"),
            figure(&page, "codes-redeemed"),
            figure(&page, "codes-issued")
        ),
        ("60.0%".into(), "3".into(), "5".into())
    );
    assert_eq!(figure(&page, "bad-reviews"), "50.0%");
    let findings = page.text("#findings-table").unwrap_or_default();
    assert!(
        findings.contains("部分属实") && findings.contains("未记录结论"),
        "{findings}"
    );
    let commendations = page
        .text("section[aria-labelledby='commendations']")
        .unwrap_or_default();
    assert!(
        commendations.contains("100002") && !commendations.contains("100001"),
        "{commendations}"
    );
    assert!(
        page.has("svg[role='img']") && page.has("#trend-table") && page.has("#distribution-table")
    );
    let said_did = page
        .text("section[aria-labelledby='said-did']")
        .unwrap_or_default();
    assert!(said_did.contains("路口没有路灯"), "{said_did}");
}
