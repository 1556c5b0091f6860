use crate::helpers::spawn_app;
use app::db::Backend;

#[tokio::test]
async fn an_acknowledged_write_is_on_disk() {
    let app = spawn_app().await;
    match app.db.backend() {
        Backend::Sqlite => {
            let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
                .fetch_one(app.db.reader())
                .await
                .unwrap();
            assert_eq!(mode, "wal");
            for pool in [app.db.reader(), app.db.writer()] {
                let (synchronous,): (i64,) = sqlx::query_as("PRAGMA synchronous")
                    .fetch_one(pool)
                    .await
                    .unwrap();
                assert_eq!(synchronous, 2, "synchronous is not FULL");
            }
        }
        Backend::Postgres => {
            let (setting,): (String,) = sqlx::query_as("SHOW synchronous_commit")
                .fetch_one(app.db.writer())
                .await
                .unwrap();
            assert_eq!(setting, "on");
        }
    }
}

#[tokio::test]
async fn foreign_keys_are_enforced() {
    let app = spawn_app().await;
    let result = sqlx::query(
        "INSERT INTO offices (station_id, name_zh, name_en, created_at) VALUES (999999, 'x', 'x', 0)",
    )
    .execute(app.db.writer())
    .await;
    assert!(
        result.is_err(),
        "an office of a station that does not exist was stored"
    );
}

#[tokio::test]
async fn the_demo_data_matches_the_brief() {
    let app = spawn_app().await;
    let pool = app.db.reader().clone();
    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&pool).await.unwrap();
            n
        }
    };
    assert_eq!(count("SELECT COUNT(*) FROM stations").await, 3);
    assert_eq!(count("SELECT COUNT(*) FROM offices").await, 6);
    assert_eq!(count("SELECT COUNT(*) FROM officers").await, 24);
    // admin, inspector, intake; per station a clerk, a counter tablet and eight
    // officers' accounts, the seventh officer's being the leader's.
    assert_eq!(count("SELECT COUNT(*) FROM staff_accounts").await, 33);
    let badges: Vec<(String,)> = sqlx::query_as("SELECT badge FROM officers ORDER BY badge")
        .fetch_all(app.db.reader())
        .await
        .unwrap();
    let expected: Vec<String> = [100, 200, 300]
        .iter()
        .flat_map(|prefix| (1..=8).map(move |n| format!("{prefix}{n:03}")))
        .collect();
    assert_eq!(
        badges.into_iter().map(|(b,)| b).collect::<Vec<_>>(),
        expected
    );
    // Each leader is the account of the station's officer x00007 (the conflict rule
    // hangs on that link), leader and officer there.
    for (station, badge) in [
        ("qishan", "100007"),
        ("yuewang", "200007"),
        ("dadongmen", "300007"),
    ] {
        let roles: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT r.role, s.slug, o.badge FROM staff_accounts a
             JOIN staff_roles r ON r.account_id = a.id JOIN stations s ON s.id = r.station_id
             JOIN officers o ON o.id = a.officer_id
             WHERE a.username = $1 ORDER BY r.role",
        )
        .bind(format!("leader.{station}"))
        .fetch_all(app.db.reader())
        .await
        .unwrap();
        let expected: Vec<(String, String, String)> = ["leader", "officer"]
            .iter()
            .map(|role| (role.to_string(), station.to_string(), badge.to_string()))
            .collect();
        assert_eq!(roles, expected);
    }
    // Bureau intake is bureau-wide; every station account is linked to its officer or
    // marked as not a sworn officer.
    assert_eq!(
        count("SELECT COUNT(*) FROM staff_roles r JOIN staff_accounts a ON a.id = r.account_id WHERE a.username = 'intake' AND r.role = 'intake' AND r.station_id IS NULL").await,
        1
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM staff_accounts a JOIN staff_roles r ON r.account_id = a.id
               WHERE r.station_id IS NOT NULL AND a.officer_id IS NULL AND a.not_sworn = 0"
        )
        .await,
        0
    );
    let (hash,): (String,) = sqlx::query_as(
        "SELECT password_hash FROM staff_accounts WHERE username = 'officer.300008'",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
}

#[tokio::test]
async fn the_2026_holiday_calendar_ships_with_the_project() {
    let app = spawn_app().await;
    let calendar = app::calendar::server::load(app.db.reader()).await.unwrap();
    let day = |s: &str| app::calendar::parse_date(s).unwrap();
    // 国庆节 on a weekday is a day off; its Saturday make-up day is worked.
    assert!(!calendar.is_working_day(day("2026-10-05")));
    assert!(calendar.is_working_day(day("2026-10-10")));
    assert!(calendar.is_working_day(day("2026-01-04")));
    // 15 working days from Thursday 2026-09-24, across 中秋 and 国庆.
    assert_eq!(
        calendar.add_working_days(day("2026-09-24"), 15),
        day("2026-10-22")
    );
}
