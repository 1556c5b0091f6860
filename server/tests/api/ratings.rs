//! The rating rules, through the storage layer (the pages and forms come next).

use crate::helpers::{TestApp, spawn_app};
use app::calendar::WorkCalendar;
use app::codes::ServiceCode;
use app::i18n::Lang;
use app::ratings::ServiceType;
use app::ratings::form::{RatingForm, RatingSubmission};
use app::ratings::server::{
    CodeBatch, RatingError, RatingTarget, Recorded, issue_service_codes, record_rating,
};
use app::stations::{BadgeNumber, StationSlug};

/// 2026-09-24 10:00 in Beijing (02:00 UTC), a Thursday before 中秋 and 国庆.
const SEPT_24: i64 = 1_790_215_200_000;
const DAY: i64 = 24 * 3600 * 1000;

fn submission(level: &str, token: &str) -> RatingSubmission {
    RatingForm {
        level: level.into(),
        service_type: "counter".into(),
        problems: vec!["rude".into()],
        comment: "窗口等了两个小时".into(),
        token: format!("test-token-{token:0>8}"),
        ..RatingForm::default()
    }
    .validate(false)
    .unwrap()
}

async fn calendar(app: &TestApp) -> WorkCalendar {
    app::calendar::server::load(app.db.reader()).await.unwrap()
}

async fn rate(
    app: &TestApp,
    target: &RatingTarget,
    submission: &RatingSubmission,
    now: i64,
) -> Result<Recorded, RatingError> {
    let calendar = calendar(app).await;
    record_rating(&app.cases(&calendar, now), target, submission, Lang::Zh).await
}

fn officer(badge: &str) -> RatingTarget {
    RatingTarget::Officer(BadgeNumber::parse(badge).unwrap())
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    n
}

async fn issue_code(app: &TestApp, valid_days: u32) -> ServiceCode {
    let station = StationSlug::parse("yuewang").unwrap();
    let badge = BadgeNumber::parse("200003").unwrap();
    let batch = CodeBatch {
        station: &station,
        officer: Some(&badge),
        service_type: ServiceType::Household,
        count: 1,
        valid_days,
        issued_source: None,
    };
    issue_service_codes(&app.db, batch, None, app::db::now_millis())
        .await
        .unwrap()
        .remove(0)
}

#[tokio::test]
async fn a_bad_rating_opens_a_verification_case_due_in_15_working_days() {
    let app = spawn_app().await;
    let recorded = rate(&app, &officer("100001"), &submission("1", "a"), SEPT_24)
        .await
        .unwrap();
    assert!(!recorded.verified);
    let reference = recorded.review_case.expect("a 差评 opens a case");
    assert_eq!(reference.as_ref(), "KM-2026-000001");

    let (kind, status, due_on, badge, slug): (String, String, String, String, String) =
        sqlx::query_as(
            "SELECT c.kind, c.status, c.due_on, o.badge, s.slug FROM cases c
         JOIN officers o ON o.id = c.named_officer_id JOIN stations s ON s.id = c.station_id
         WHERE c.reference = $1",
        )
        .bind(reference.as_ref())
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!((kind.as_str(), status.as_str()), ("rating_review", "new"));
    // 15 working days from Thursday 2026-09-24, across 中秋 and 国庆 and their make-up days.
    assert_eq!(due_on, "2026-10-22");
    assert_eq!((badge.as_str(), slug.as_str()), ("100001", "qishan"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM case_events").await, 1);

    let second = rate(&app, &officer("100002"), &submission("2", "b"), SEPT_24)
        .await
        .unwrap();
    assert_eq!(second.review_case.unwrap().as_ref(), "KM-2026-000002");
}

#[tokio::test]
async fn good_and_middle_ratings_open_no_case() {
    let app = spawn_app().await;
    for (level, token) in [("5", "a"), ("4", "b"), ("3", "c")] {
        let recorded = rate(&app, &officer("300001"), &submission(level, token), SEPT_24)
            .await
            .unwrap();
        assert!(recorded.review_case.is_none(), "level {level}");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ratings").await, 3);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 0);
    // 基本满意 keeps its what-went-wrong tag; 好评 drop it.
    assert_eq!(count(&app, "SELECT COUNT(*) FROM rating_tags").await, 1);
}

#[tokio::test]
async fn a_station_rating_names_no_officer() {
    let app = spawn_app().await;
    let target = RatingTarget::Station(StationSlug::parse("dadongmen").unwrap());
    rate(&app, &target, &submission("4", "a"), SEPT_24)
        .await
        .unwrap();
    let (officer, channel): (Option<i64>, String) =
        sqlx::query_as("SELECT officer_id, channel FROM ratings")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!((officer, channel.as_str()), (None, "station_qr"));
}

#[tokio::test]
async fn a_service_code_makes_one_verified_rating_and_only_one() {
    let app = spawn_app().await;
    let code = issue_code(&app, 30).await;
    let target = RatingTarget::Code(code.clone());
    let mut first = submission("5", "a");
    first.service_type = None;
    let recorded = rate(&app, &target, &first, SEPT_24).await.unwrap();
    assert!(recorded.verified);
    let (verified, service_type, badge): (i64, String, String) = sqlx::query_as(
        "SELECT r.verified, r.service_type, o.badge FROM ratings r JOIN officers o ON o.id = r.officer_id",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(verified, 1);
    assert_eq!(
        (service_type.as_str(), badge.as_str()),
        ("household", "200003")
    );

    let again = rate(
        &app,
        &RatingTarget::Code(code),
        &submission("1", "b"),
        SEPT_24 + 1000,
    )
    .await;
    assert!(matches!(again, Err(RatingError::CodeUsed)), "{again:?}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ratings").await, 1);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM cases").await,
        0,
        "a refused rating opened a case"
    );
}

#[tokio::test]
async fn an_expired_code_is_refused_and_stays_unused() {
    let app = spawn_app().await;
    let code = issue_code(&app, 1).await;
    let issued_at = app::db::now_millis();
    let late = rate(
        &app,
        &RatingTarget::Code(code.clone()),
        &submission("4", "a"),
        issued_at + 2 * DAY,
    )
    .await;
    assert!(matches!(late, Err(RatingError::CodeExpired)), "{late:?}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ratings").await, 0);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM service_codes WHERE redeemed_at IS NOT NULL"
        )
        .await,
        0
    );
    // Within its time the same code still works.
    assert!(
        rate(
            &app,
            &RatingTarget::Code(code),
            &submission("4", "b"),
            issued_at + 1000
        )
        .await
        .is_ok()
    );
}

#[tokio::test]
async fn the_same_form_sent_twice_stores_one_rating_and_one_case() {
    let app = spawn_app().await;
    let form = submission("1", "double-tap");
    let first = rate(&app, &officer("100004"), &form, SEPT_24)
        .await
        .unwrap();
    let second = rate(&app, &officer("100004"), &form, SEPT_24 + 300)
        .await
        .unwrap();
    assert_eq!(first.rating_id, second.rating_id);
    assert_eq!(first.review_case, second.review_case);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ratings").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 1);
}

#[tokio::test]
async fn unknown_officers_stations_and_codes_are_refused() {
    let app = spawn_app().await;
    let targets = [
        officer("999999"),
        RatingTarget::Station(StationSlug::parse("nowhere").unwrap()),
        RatingTarget::Code(ServiceCode::parse("ABCDE-FGHJK").unwrap()),
    ];
    for (index, target) in targets.iter().enumerate() {
        let result = rate(&app, target, &submission("1", &index.to_string()), SEPT_24).await;
        assert!(
            matches!(result, Err(RatingError::UnknownTarget)),
            "{result:?}"
        );
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ratings").await, 0);
}
