//! The demo's past year (issue 13, item 9): played into the bare demo through the
//! product's own functions, it leaves the figures a newcomer should see (every past
//! month published by every station, a station page with its verified headline, "you
//! said, we did" and consented commendations, the bureau's sum), and nothing a real year
//! would not: nothing dated after the moment it was played, the audit chain verifies and
//! runs forward in time, the rollups equal a rebuild, every closed complaint and 差评核实
//! has a finding, and the fraud signal it planted was reviewed after it was found and
//! before its month was published. Played at fixed moments, so it is the same year on
//! every run: an ordinary day, the first minutes of a month after a leap February, and
//! the 4th while the stations are publishing, in a year without bundled holidays.

use crate::actors::Page;
use crate::helpers::{
    DEMO_PASSWORD, Options, TestApp, TestDatabase, browse, count, spawn_app, spawn_app_with,
    staff_session,
};
use crate::reports::figure;
use crate::requests::file_one;
use app::reports::Month;
use opendoor_server::demo_year::History;
use reqwest::StatusCode;

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// The moment `YYYY-MM-DD HH:MM` China Standard Time.
fn cst(date: &str, hour: i64, minute: i64) -> i64 {
    let day = app::calendar::parse_date(date).unwrap();
    day.midnight().assume_utc().unix_timestamp() * 1000 - 8 * HOUR + hour * HOUR + minute * MINUTE
}

async fn play(now: i64) -> (TestApp, History) {
    let app = spawn_app().await;
    let year = opendoor_server::demo_year::generate(&app.db, &app.audit_key, now, 2026)
        .await
        .expect("the demo year plays without a refusal");
    println!("{year}");
    (app, year)
}

/// Nothing is dated after `now`, the audit log runs forward and verifies, the counts
/// equal a rebuild, and no signal was decided before it was found or after its month
/// was published.
async fn assert_an_honest_timeline(app: &TestApp, now: i64) {
    for (table, column) in [
        ("ratings", "created_at"),
        ("cases", "updated_at"),
        ("case_events", "at"),
        ("audit_log", "at"),
        ("published_reports", "published_at"),
        ("rating_signals", "created_at"),
        ("rating_signals", "reviewed_at"),
        ("visits", "created_at"),
        ("service_codes", "created_at"),
        ("outbox", "created_at"),
    ] {
        let later = count(
            app,
            &format!("SELECT COUNT(*) FROM {table} WHERE {column} > {now}"),
        )
        .await;
        assert_eq!(later, 0, "{table}.{column} after the moment it was played");
    }
    let backwards = count(
        app,
        "SELECT COUNT(*) FROM (SELECT at, LAG(at) OVER (ORDER BY id) AS before FROM audit_log) t
         WHERE at < before",
    )
    .await;
    assert_eq!(backwards, 0, "audit entries out of time order");
    let verified = app::audit::verify(app.db.reader(), &app.audit_key)
        .await
        .unwrap();
    assert_eq!(verified.first_broken, None);
    assert!(verified.entries > 1_000, "{} entries", verified.entries);
    let incremental = app::reports::rollups::dump(&app.db).await.unwrap();
    app::reports::rollups::rebuild(&app.db).await.unwrap();
    assert_eq!(
        incremental,
        app::reports::rollups::dump(&app.db).await.unwrap()
    );
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM rating_signals WHERE reviewed_at < created_at"
        )
        .await,
        0,
        "a signal decided before it was found"
    );
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM rating_signals s JOIN published_reports p
               ON p.station_id = s.station_id AND p.month = s.month
             WHERE s.reviewed_at IS NULL OR s.reviewed_at > p.published_at",
        )
        .await,
        0,
        "a month published before its signals were reviewed"
    );
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'held')"
        )
        .await,
        0,
        "the year's mail waits to go out now"
    );
}

/// How many of the three stations had published `month` by `now`: each on the 4th of
/// the next month, at 10:00, 10:20 and 10:40.
fn stations_published(month: Month, now: i64) -> i64 {
    let fourth = month.next().start_millis() + 3 * DAY;
    (0..3)
        .filter(|s| fourth + 10 * HOUR + s * 20 * MINUTE <= now)
        .count() as i64
}

async fn published(app: &TestApp, month: Month) -> i64 {
    count(
        app,
        &format!("SELECT COUNT(DISTINCT station_id) FROM published_reports WHERE month = '{month}' AND version = 1"),
    )
    .await
}

#[tokio::test]
async fn the_demo_year_publishes_every_past_month_from_its_own_rows() {
    let now = cst("2026-11-07", 12, 0);
    let (app, year) = play(now).await;
    assert!(year.ratings > 2_500, "{year}");
    assert!(year.cases > 300, "{year}");
    assert!(year.visits > 200, "{year}");
    assert_eq!(year.published, 36, "twelve months, three stations");
    assert_eq!(year.signals, 2, "the two planted bursts: {year}");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM ratings").await,
        year.ratings as i64
    );
    assert_an_honest_timeline(&app, now).await;

    // Cases of every kind, through their whole life.
    for kind in app::cases::CaseKind::ALL {
        let closed = count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM cases WHERE kind = '{}' AND status = 'closed'",
                kind.code()
            ),
        )
        .await;
        assert!(closed > 0, "no closed {} case", kind.code());
    }
    for event in [
        "reply",
        "reopened",
        "feedback",
        "proposal_approved",
        "proposal_forwarded",
        "placed",
        "overdue",
    ] {
        let n = count(
            &app,
            &format!("SELECT COUNT(*) FROM case_events WHERE event_type = '{event}'"),
        )
        .await;
        assert!(n > 0, "no {event} in any timeline");
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM cases WHERE kind IN ('complaint', 'rating_review')
             AND status = 'closed' AND finding IS NULL",
        )
        .await,
        0,
        "a closed complaint or 差评核实 without a finding"
    );
    assert!(
        count(
            &app,
            "SELECT COUNT(*) FROM cases WHERE outcome = 'referred'"
        )
        .await
            > 0
    );
    assert!(count(&app, "SELECT COUNT(*) FROM cases WHERE status <> 'closed'").await > 0);
    assert!(
        count(
            &app,
            "SELECT COUNT(*) FROM visits WHERE campaign_id IS NOT NULL"
        )
        .await
            > 0
    );
    for channel in ["officer_qr", "station_qr", "service_code", "visit"] {
        let n = count(
            &app,
            &format!("SELECT COUNT(*) FROM ratings WHERE channel = '{channel}'"),
        )
        .await;
        assert!(n > 0, "no {channel} rating");
    }
    assert!(
        count(
            &app,
            "SELECT COUNT(*) FROM service_codes WHERE batch IS NOT NULL"
        )
        .await
            > 0,
        "no printed slips"
    );
    // The counter tablets show codes too: for the station, no officer's.
    let (tablet_codes, tablet_ratings): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(r.id) FROM service_codes c
         JOIN staff_accounts a ON a.id = c.issued_by
         LEFT JOIN ratings r ON r.service_code_id = c.id
         WHERE a.username LIKE 'window.%' AND c.officer_id IS NULL AND c.service_type = 'counter'",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert!(
        tablet_codes > 0 && tablet_ratings > 0,
        "the counter tablets"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM ratings r JOIN service_codes c ON c.id = r.service_code_id
             JOIN staff_accounts a ON a.id = c.issued_by
             WHERE a.username LIKE 'window.%' AND r.officer_id IS NOT NULL"
        )
        .await,
        0,
        "a tablet's code rates no officer"
    );

    // Every past month is published by every station, once; the burst two months ago
    // was excluded before publication, the one this month waits for the inspector.
    let this_month = Month::of(now);
    let mut month = this_month;
    for _ in 0..12 {
        month = month.previous();
        assert_eq!(published(&app, month).await, 3, "{month}");
    }
    let two_ago = this_month.previous().previous();
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM rating_exclusions e JOIN ratings r ON r.id = e.rating_id
                 WHERE r.created_at >= {} AND r.created_at < {}",
                two_ago.start_millis(),
                two_ago.end_millis()
            ),
        )
        .await,
        6
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM rating_signals WHERE reviewed_at IS NULL"
        )
        .await,
        1
    );

    // What a newcomer sees: the station page's verified headline, "you said, we did"
    // and consented commendations, and the bureau's month with every station summed.
    let (status, html) = browse(&app, "/s/qishan", None).await;
    let page = Page::new(status, html);
    assert_eq!(page.status, StatusCode::OK);
    let verified: i64 = figure(&page, "station-verified").parse().unwrap();
    assert!(
        verified > 20,
        "{verified} verified ratings on the station page"
    );
    assert!(figure(&page, "station-good-rate").ends_with('%'));
    let said = page.text("#station-said-did").unwrap_or_default();
    assert!(said.contains("群众说"), "no 'you said, we did': {said}");
    let praised = page.text("#station-commendations").unwrap_or_default();
    assert!(
        praised.contains("100"),
        "no consented commendation: {praised}"
    );
    let last = this_month.previous();
    let (status, html) = browse(&app, &format!("/reports/{last}"), None).await;
    assert_eq!(status, StatusCode::OK);
    for name in ["祁山派出所", "月望派出所", "大东门派出所"] {
        assert!(
            html.contains(name),
            "{name} missing from the bureau's {last}"
        );
    }
    // The inspector finds this month's signal waiting.
    let cookie = staff_session(&app, "inspector").await;
    let signals = app
        .get_with_cookie("/staff/inspector/signals", &cookie)
        .await;
    assert_eq!(signals.status(), StatusCode::OK);
    assert!(signals.text().await.unwrap().contains("300002"));
}

#[tokio::test]
async fn the_demo_year_plays_on_awkward_days() {
    // The first minutes of March after a leap February, in a year without bundled
    // holidays: February is not over long enough to publish.
    let now = cst("2028-03-01", 0, 20);
    let (app, year) = play(now).await;
    assert_an_honest_timeline(&app, now).await;
    let this_month = Month::of(now);
    assert_eq!(published(&app, this_month.previous()).await, 0);
    assert_eq!(year.published, 33, "{year}");
    drop(app);

    // The 4th while the stations publish: two have, the third has not yet.
    let now = cst("2027-01-04", 10, 25);
    let (app, year) = play(now).await;
    assert_an_honest_timeline(&app, now).await;
    let last = Month::of(now).previous();
    assert_eq!(stations_published(last, now), 2);
    assert_eq!(published(&app, last).await, 2);
    assert_eq!(year.published, 35, "{year}");
}

/// `seed-demo`'s way: the year is played into a scratch database and copied into the
/// empty one in one transaction. The copy is the year (honest timeline, verified chain,
/// rollups equal to a rebuild), its accounts sign in, what residents file next takes ids
/// after the copied ones (PostgreSQL's sequences follow), and a second load adds nothing.
#[tokio::test]
async fn seed_demo_copies_the_played_year_into_the_empty_database() {
    let app = spawn_app_with(Options {
        past_year: true,
        ..Default::default()
    })
    .await;
    let now = app::db::now_millis();
    assert!(count(&app, "SELECT COUNT(*) FROM ratings").await > 2_500);
    assert!(count(&app, "SELECT COUNT(*) FROM published_reports").await >= 33);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM staff_accounts").await, 33);
    assert_an_honest_timeline(&app, now).await;

    let cases = count(&app, "SELECT COUNT(*) FROM cases").await;
    let last_case = count(&app, "SELECT MAX(id) FROM cases").await;
    let last_entry = count(&app, "SELECT MAX(id) FROM audit_log").await;
    let (reference, _) = file_one(&app, "10.77.0.1").await;
    let id: (i64,) = sqlx::query_as("SELECT id FROM cases WHERE reference = $1")
        .bind(&reference)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert!(id.0 > last_case, "the new case took a copied id");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, cases + 1);
    // A sign-in is audited: the chain goes on from the copied head.
    staff_session(&app, "leader.qishan").await;
    assert!(count(&app, "SELECT MAX(id) FROM audit_log").await > last_entry);
    let verified = app::audit::verify(app.db.reader(), &app.audit_key)
        .await
        .unwrap();
    assert_eq!(
        verified.first_broken, None,
        "the chain goes on from the copy"
    );

    let password = DEMO_PASSWORD.parse().unwrap();
    let again = opendoor_server::demo::load_if_empty(
        &app.db,
        Some(&password),
        opendoor_server::demo::Past::Year(
            &app.audit_key,
            &app::db::DatabaseUrl::parse(&app.database_url()).unwrap(),
        ),
    )
    .await
    .unwrap();
    assert!(again.is_none(), "a second load found the bureau");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, cases + 1);
}

/// The demo goes only into a new database. A server that ran on it without the demo
/// (its scheduler's leases) and an admin's own holiday do not make it old: they stay,
/// and the demo loads. A row of anything else (a signals run's cursor, as `opendoor
/// signals run` leaves) does: the load is refused and leaves nothing of the demo behind.
#[tokio::test]
async fn seed_demo_goes_only_into_a_new_database_and_leaves_nothing_when_refused() {
    let key = crate::helpers::audit_key();
    let password = DEMO_PASSWORD.parse().unwrap();
    let load = async |db: &app::db::Db, url: &app::db::DatabaseUrl| {
        opendoor_server::demo::load_if_empty(
            db,
            Some(&password),
            opendoor_server::demo::Past::Year(&key, url),
        )
        .await
    };

    let database = TestDatabase::new().await;
    let db = opendoor_server::open_database(&database.parsed())
        .await
        .unwrap();
    for statement in [
        "INSERT INTO leases (name, owner, expires_at) VALUES ('deadlines', 'an earlier server', 1)",
        "INSERT INTO holidays (day, kind, name_zh) VALUES ('2031-05-06', 'holiday', '建站日')",
    ] {
        sqlx::query(statement).execute(db.writer()).await.unwrap();
    }
    let loaded = load(&db, &database.parsed()).await.unwrap();
    assert!(loaded.is_some(), "the demo loaded");
    assert_eq!(count_in(&db, "bureau").await, 1);
    assert_eq!(count_in(&db, "leases").await, 1);
    assert_eq!(
        count_in(&db, "holidays WHERE day = '2031-05-06'").await,
        1,
        "the admin's holiday stays"
    );
    db.close().await;

    let database = TestDatabase::new().await;
    let db = opendoor_server::open_database(&database.parsed())
        .await
        .unwrap();
    sqlx::query("INSERT INTO job_cursors (name, position) VALUES ('signals', 0)")
        .execute(db.writer())
        .await
        .unwrap();
    let refused = load(&db, &database.parsed())
        .await
        .expect_err("the database holds rows of its own");
    assert!(
        format!("{refused:#}").contains("not new: its table job_cursors holds 1 rows"),
        "{refused:#}"
    );
    for table in ["bureau", "staff_accounts", "ratings", "cases", "audit_log"] {
        assert_eq!(count_in(&db, table).await, 0, "{table}");
    }
    db.close().await;
}

/// A row may refer to a later row of its own table (a case merged into a newer one):
/// the copy sets such references once every row is in, on both databases.
/// (Without that, the first row's statement fails its foreign key.)
#[tokio::test]
async fn the_copy_keeps_a_case_merged_into_a_later_one() {
    let folder = tempfile::tempdir().unwrap();
    let url =
        app::db::DatabaseUrl::parse(&format!("sqlite://{}/scratch.db", folder.path().display()))
            .unwrap();
    let scratch = opendoor_server::open_database(&url).await.unwrap();
    let password = DEMO_PASSWORD.parse().unwrap();
    opendoor_server::demo::seed_if_empty(&scratch, Some(&password))
        .await
        .unwrap();
    // Far enough apart to be copied by different statements on either database.
    let mut tx = scratch.begin_write().await.unwrap();
    for id in 1..=600 {
        sqlx::query(
            "INSERT INTO cases (id, reference, access_code_hash, kind, status, subject,
                                description, ack_due_on, due_on, created_at, updated_at)
             VALUES ($1, $2, 'x', 'help', 'open', 's', 'd', '2026-12-01', '2026-12-20', 1, 1)",
        )
        .bind(id)
        .bind(format!("R-{id}"))
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    sqlx::query("UPDATE cases SET merged_into_id = 600 WHERE id = 1")
        .execute(scratch.writer())
        .await
        .unwrap();

    let database = TestDatabase::new().await;
    let target = opendoor_server::open_database(&database.parsed())
        .await
        .unwrap();
    assert!(
        opendoor_server::demo_year::copy::copy_all(&scratch, &target)
            .await
            .unwrap()
    );
    let merged: Vec<(i64, Option<i64>)> =
        sqlx::query_as("SELECT id, merged_into_id FROM cases WHERE id IN (1, 2, 600) ORDER BY id")
            .fetch_all(target.reader())
            .await
            .unwrap();
    assert_eq!(merged, vec![(1, Some(600)), (2, None), (600, None)]);
    assert_eq!(count_in(&target, "cases").await, 600);
    scratch.close().await;
    target.close().await;
}

async fn count_in(db: &app::db::Db, table: &str) -> i64 {
    let (rows,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(db.reader())
        .await
        .unwrap();
    rows
}
