//! The deadline clock, with time moved by the test, and the lease that keeps one instance
//! at a time on it.

use crate::helpers::{AUDIT_KEY, TestApp, count, spawn_app};
use app::audit::AuditKey;
use app::cases::deadlines::mark_overdue;
use app::cases::request_form::RequestForm;
use app::cases::requests::file_request;
use app::leases::try_acquire;

/// 2026-09-24 10:00 in Beijing, a Thursday before 中秋 and 国庆.
const SEPT_24: i64 = 1_790_215_200_000;
const DAY: i64 = 24 * 3600 * 1000;

async fn file_help(app: &TestApp, token: &str, now: i64) -> String {
    let form = RequestForm {
        kind: "help".into(),
        station: "qishan".into(),
        subject: "门锁坏了".into(),
        description: "单元门的锁坏了。".into(),
        token: format!("deadline-test-{token:0>8}"),
        ..RequestForm::default()
    };
    let calendar = app::calendar::server::load(app.db.reader()).await.unwrap();
    file_request(
        &app.cases(&calendar, now),
        &form.validate().unwrap(),
        app::i18n::Lang::Zh,
    )
    .await
    .unwrap()
    .reference
    .to_string()
}

#[tokio::test]
async fn a_case_past_its_working_day_deadline_becomes_overdue_once() {
    let app = spawn_app().await;
    let key = AuditKey::new(AUDIT_KEY).unwrap();
    let reference = file_help(&app, "1", SEPT_24).await;
    let (due,): (String,) = sqlx::query_as("SELECT due_on FROM cases")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    // 求助: five working days, and 中秋/国庆 are not working days.
    assert_eq!(due, "2026-10-09");

    // On the due date it is not late; the day after (a Saturday, a make-up workday) it is.
    assert_eq!(
        mark_overdue(&app.db, &key, SEPT_24 + 15 * DAY)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        mark_overdue(&app.db, &key, SEPT_24 + 16 * DAY)
            .await
            .unwrap(),
        1
    );
    let (overdue, escalation): (i64, i64) =
        sqlx::query_as("SELECT overdue, escalation_level FROM cases")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!((overdue, escalation), (1, 1), "overdue, with the leader");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM case_events WHERE event_type = 'overdue' AND public = 1"
        )
        .await,
        1
    );
    let (object,): (String,) =
        sqlx::query_as("SELECT object_id FROM audit_log WHERE action = 'case_overdue'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(object, reference);
    // Running again changes nothing.
    assert_eq!(
        mark_overdue(&app.db, &key, SEPT_24 + 17 * DAY)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM case_events WHERE event_type = 'overdue'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn resolved_and_closed_cases_are_never_overdue() {
    let app = spawn_app().await;
    let key = AuditKey::new(AUDIT_KEY).unwrap();
    file_help(&app, "2", SEPT_24).await;
    file_help(&app, "3", SEPT_24).await;
    sqlx::query("UPDATE cases SET status = 'resolved' WHERE idempotency_key LIKE '%2'")
        .execute(app.db.writer())
        .await
        .unwrap();
    sqlx::query("UPDATE cases SET status = 'closed' WHERE idempotency_key LIKE '%3'")
        .execute(app.db.writer())
        .await
        .unwrap();
    assert_eq!(
        mark_overdue(&app.db, &key, SEPT_24 + 60 * DAY)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn one_instance_at_a_time_holds_the_lease() {
    let app = spawn_app().await;
    let now = SEPT_24;
    assert!(
        try_acquire(&app.db, "deadlines", "instance-a", 90_000, now)
            .await
            .unwrap()
    );
    assert!(
        !try_acquire(&app.db, "deadlines", "instance-b", 90_000, now + 1_000)
            .await
            .unwrap()
    );
    // The holder renews it.
    assert!(
        try_acquire(&app.db, "deadlines", "instance-a", 90_000, now + 60_000)
            .await
            .unwrap()
    );
    assert!(
        !try_acquire(&app.db, "deadlines", "instance-b", 90_000, now + 120_000)
            .await
            .unwrap()
    );
    // A holder that stopped renewing loses it.
    assert!(
        try_acquire(&app.db, "deadlines", "instance-b", 90_000, now + 151_000)
            .await
            .unwrap()
    );
    assert!(
        !try_acquire(&app.db, "deadlines", "instance-a", 90_000, now + 152_000)
            .await
            .unwrap()
    );
}
