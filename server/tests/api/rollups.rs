//! Rating rollups (issue 6): added to with every rating, and `rollups rebuild` from the
//! raw ratings gives exactly the same rows, on random data (property test).

use crate::helpers::spawn_app;
use app::ratings::form::RatingSubmission;
use app::ratings::server::{RatingTarget, record_rating};
use app::ratings::{PraiseTag, ProblemTag, RatingLevel, ServiceType};
use app::stations::{BadgeNumber, StationSlug};
use proptest::prelude::*;

const STATIONS: [&str; 3] = ["qishan", "yuewang", "dadongmen"];
/// 2026-10-15 00:00 CST.
const START: i64 = 1_791_993_600_000;
/// The last millisecond of November in China (2026-11-30 23:59:59.999 CST).
const NOVEMBER_ENDS: i64 = 1_796_054_399_999;

#[derive(Clone, Debug)]
struct Rating {
    /// 0 officer QR, 1 station QR, 2 service code, 3 visit.
    channel: u8,
    officer: usize,
    level: i64,
    service: usize,
    tags: Vec<usize>,
    at: i64,
}

fn rating() -> impl Strategy<Value = Rating> {
    let at = prop_oneof![
        0i64..90 * 24 * 3600 * 1000,
        Just(NOVEMBER_ENDS - START),
        Just(NOVEMBER_ENDS + 1 - START),
    ];
    (
        0u8..4,
        0usize..24,
        1i64..=5,
        0usize..7,
        prop::collection::vec(0usize..6, 0..3),
        at,
    )
        .prop_map(|(channel, officer, level, service, tags, at)| Rating {
            channel,
            officer,
            level,
            service,
            tags,
            at: START + at,
        })
}

async fn record(app: &crate::helpers::TestApp, n: usize, rating: &Rating) {
    let station = STATIONS[rating.officer / 8];
    let badge = format!("{}{:05}", rating.officer / 8 + 1, rating.officer % 8 + 1);
    let target = match rating.channel {
        0 => RatingTarget::Officer(BadgeNumber::parse(&badge).unwrap()),
        1 => RatingTarget::Station(StationSlug::parse(station).unwrap()),
        channel => {
            // 3: a household visit's code, whose rating is of channel `visit`.
            let service = if channel == 3 {
                ServiceType::CommunityVisit
            } else {
                ServiceType::ALL[rating.service]
            };
            let args = opendoor_server::cli::ServiceCodesArgs {
                station: station.into(),
                officer: Some(badge),
                count: 1,
                service_type: service.code().into(),
                valid_days: 365,
            };
            let code = opendoor_server::service_codes::issue(&app.db, &args)
                .await
                .unwrap()
                .remove(0);
            RatingTarget::Code(code)
        }
    };
    let level = RatingLevel::from_score(rating.level).unwrap();
    // Problems from 基本满意 down, praise for 好评, as the form allows; each tag once.
    let mut tags = rating.tags.clone();
    tags.sort();
    tags.dedup();
    let (problems, praise) = if rating.level <= 3 {
        (tags.iter().map(|t| ProblemTag::ALL[*t]).collect(), vec![])
    } else {
        let mut praise: Vec<usize> = tags.iter().map(|t| t % PraiseTag::ALL.len()).collect();
        praise.sort();
        praise.dedup();
        (
            vec![],
            praise.into_iter().map(|t| PraiseTag::ALL[t]).collect(),
        )
    };
    let submission = RatingSubmission {
        level,
        service_type: Some(ServiceType::ALL[rating.service]),
        problems,
        praise,
        comment: String::new(),
        contact: None,
        token: format!("rollup-test-{n:08}"),
        source: None,
    };
    let calendar = app::calendar::server::load(app.db.reader()).await.unwrap();
    record_rating(
        &app.cases(&calendar, rating.at),
        &target,
        &submission,
        app::i18n::Lang::Zh,
    )
    .await
    .unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn rebuilding_gives_exactly_what_the_ratings_added(
        ratings in prop::collection::vec(rating(), 1..40),
        excluded in prop::collection::vec(any::<bool>(), 40),
        restored in any::<bool>(),
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let app = spawn_app().await;
            for (n, rating) in ratings.iter().enumerate() {
                record(&app, n, rating).await;
            }
            // An inspector excludes some of them (and perhaps restores them): they move
            // out of the counted rows and back, tags and all.
            let chosen = exclude(&app, &excluded, restored).await;
            let counted: (i64,) = sqlx::query_as(
                "SELECT CAST(COALESCE(SUM(ratings), 0) AS BIGINT) FROM rating_rollups WHERE excluded = ''",
            )
            .fetch_one(app.db.reader())
            .await
            .unwrap();
            let expected = if restored { 0 } else { chosen };
            assert_eq!(counted.0, ratings.len() as i64 - expected);
            let incremental = app::reports::rollups::dump(&app.db).await.unwrap();
            let rebuilt = app::reports::rollups::rebuild(&app.db).await.unwrap();
            let recomputed = app::reports::rollups::dump(&app.db).await.unwrap();
            assert_eq!(incremental, recomputed);
            assert_eq!(rebuilt.rating_rows + rebuilt.tag_rows + rebuilt.case_rows, recomputed.len() as i64);
            let (total,): (i64,) = sqlx::query_as("SELECT CAST(COALESCE(SUM(ratings), 0) AS BIGINT) FROM rating_rollups")
                .fetch_one(app.db.reader())
                .await
                .unwrap();
            assert_eq!(total, ratings.len() as i64, "every rating counted once");
        });
    }
}

/// A signal naming the ratings `chosen` marks (in id order), excluded by the inspector,
/// then restored if `restored`. Returns how many it named.
async fn exclude(app: &crate::helpers::TestApp, chosen: &[bool], restored: bool) -> i64 {
    use app::signals::store::{Decision, decide};
    use app::staff::{RoleGrant, SecondFactor, StaffMember};
    let ids: Vec<(i64,)> = sqlx::query_as("SELECT id FROM ratings ORDER BY id")
        .fetch_all(app.db.reader())
        .await
        .unwrap();
    let members: Vec<i64> = ids
        .into_iter()
        .zip(chosen)
        .filter(|(_, chosen)| **chosen)
        .map(|((id,), _)| id)
        .collect();
    let (signal,): (i64,) = sqlx::query_as(
        "INSERT INTO rating_signals (kind, signal_key, group_key, station_id, month, first_at, last_at, created_at)
         VALUES ('burst_source', 'property', 'property', (SELECT id FROM stations WHERE slug = 'qishan'),
                 '2026-10', 0, 0, 0) RETURNING id",
    )
    .fetch_one(app.db.writer())
    .await
    .unwrap();
    for id in &members {
        sqlx::query("INSERT INTO rating_signal_members (signal_id, rating_id) VALUES ($1, $2)")
            .bind(signal)
            .bind(id)
            .execute(app.db.writer())
            .await
            .unwrap();
    }
    let (account_id,): (i64,) =
        sqlx::query_as("SELECT id FROM staff_accounts WHERE username = 'inspector'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    let inspector = StaffMember {
        account_id,
        username: "inspector".into(),
        display_name: "inspector".into(),
        officer_id: None,
        roles: vec![RoleGrant {
            role: app::accounts::Role::Inspector,
            station: None,
        }],
        second_factor: SecondFactor::Done,
    };
    let now = app::db::now_millis();
    let mut decisions = vec![Decision::Exclude];
    if restored {
        decisions.push(Decision::Restore);
    }
    for decision in decisions {
        let moved = decide(
            &app.db,
            &app.audit_key,
            &inspector,
            signal,
            decision,
            "property",
            now,
        )
        .await
        .unwrap();
        assert_eq!(moved, members.len());
    }
    members.len() as i64
}

#[tokio::test]
async fn the_cli_rebuilds_the_rollups() {
    let app = spawn_app().await;
    let rating = Rating {
        channel: 0,
        officer: 0,
        level: 1,
        service: 0,
        tags: vec![0, 1],
        at: NOVEMBER_ENDS,
    };
    record(&app, 0, &rating).await;
    sqlx::query("DELETE FROM rating_rollups")
        .execute(app.db.writer())
        .await
        .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_opendoor"))
        .args(["rollups", "rebuild"])
        .env("DATABASE_URL", app.database_url())
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "rollups rebuilt: 1 rating rows, 2 tag rows, 1 case rows"
    );
    let (month,): (String,) = sqlx::query_as("SELECT month FROM rating_rollups")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(
        month, "2026-11",
        "the last millisecond of November in China"
    );
}
