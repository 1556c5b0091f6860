//! Case rollups (issue 6): random case histories driven through the real write paths
//! (filing, 差评 reviews, assigning out of the bureau's triage, reclassifying, replies,
//! extensions, resolutions, 回访 answers that close or reopen, merging, hiding as spam),
//! with time crossing month ends; `rollups rebuild` from the cases then gives exactly the
//! rows the transactions kept (property test).

use crate::helpers::{AUDIT_KEY, TestApp, spawn_app};
use app::accounts::Role;
use app::audit::AuditKey;
use app::cases::request_form::RequestForm;
use app::cases::requests::file_request;
use app::cases::tracking_server::record_feedback;
use app::cases::{CaseKind, Outcome, Reference, Satisfaction};
use app::ratings::form::RatingSubmission;
use app::ratings::server::{RatingTarget, record_rating};
use app::ratings::{ProblemTag, RatingLevel, ServiceType};
use app::staff::{RoleGrant, SecondFactor, StaffMember};
use app::stations::BadgeNumber;
use app::workspace::actions::CaseAction;
use app::workspace::store::{ApplyError, Context, apply};
use proptest::prelude::*;

const STATIONS: [&str; 3] = ["qishan", "yuewang", "dadongmen"];
/// 2026-10-20 10:00 CST: histories run into November and December.
const START: i64 = 1_792_461_600_000;
const HOUR: i64 = 3_600_000;

#[derive(Clone, Debug)]
enum Event {
    /// A request of `kind` (index into FILED_BY_RESIDENTS) at a station or, `None`, for
    /// the bureau's triage; a commendation or complaint may name an officer.
    File {
        kind: usize,
        station: Option<usize>,
        named: bool,
    },
    /// A 非常不满意 rating of an officer, which opens a 差评 review.
    BadRating {
        officer: usize,
    },
    Assign {
        case: usize,
        officer: usize,
    },
    Classify {
        case: usize,
        kind: usize,
    },
    Reply {
        case: usize,
    },
    Extend {
        case: usize,
        days: u32,
    },
    Resolve {
        case: usize,
        outcome: usize,
        department: usize,
    },
    Answer {
        case: usize,
        answer: usize,
    },
    Merge {
        case: usize,
        into: usize,
    },
    Hide {
        case: usize,
    },
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        3 => (0usize..6, prop::option::of(0usize..3), any::<bool>())
            .prop_map(|(kind, station, named)| Event::File { kind, station, named }),
        1 => (0usize..24).prop_map(|officer| Event::BadRating { officer }),
        2 => (0usize..12, 0usize..24).prop_map(|(case, officer)| Event::Assign { case, officer }),
        1 => (0usize..12, 0usize..7).prop_map(|(case, kind)| Event::Classify { case, kind }),
        2 => (0usize..12).prop_map(|case| Event::Reply { case }),
        1 => (0usize..12, 1u32..10).prop_map(|(case, days)| Event::Extend { case, days }),
        3 => (0usize..12, 0usize..4, 0usize..2)
            .prop_map(|(case, outcome, department)| Event::Resolve { case, outcome, department }),
        3 => (0usize..12, 0usize..3).prop_map(|(case, answer)| Event::Answer { case, answer }),
        1 => (0usize..12, 0usize..12).prop_map(|(case, into)| Event::Merge { case, into }),
        1 => (0usize..12).prop_map(|case| Event::Hide { case }),
    ]
}

/// A history: events with the hours between them (up to ten days, so months turn).
fn history() -> impl Strategy<Value = Vec<(Event, i64)>> {
    prop::collection::vec((event(), 0i64..240), 1..45)
}

struct World {
    key: AuditKey,
    calendar: app::calendar::WorkCalendar,
    /// Leads every station, is bureau intake and an inspector: may do every action on
    /// every case that anyone may (nobody answers a case before it is placed).
    leader: StaffMember,
    /// Officer accounts with their badge, three stations of eight.
    officers: Vec<(i64, String)>,
    cases: Vec<(i64, Reference)>,
}

async fn world(app: &TestApp) -> World {
    let (account_id,): (i64,) =
        sqlx::query_as("SELECT id FROM staff_accounts WHERE username = 'leader.qishan'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    let officers: Vec<(i64, String)> = sqlx::query_as(
        "SELECT a.id, o.badge FROM staff_accounts a JOIN officers o ON o.id = a.officer_id
         JOIN staff_roles r ON r.account_id = a.id AND r.role = 'officer'
         ORDER BY o.badge",
    )
    .fetch_all(app.db.reader())
    .await
    .unwrap();
    assert!(officers.len() >= 3, "the demo data has officer accounts");
    World {
        key: AuditKey::new(AUDIT_KEY).unwrap(),
        calendar: app::calendar::server::load(app.db.reader()).await.unwrap(),
        leader: StaffMember {
            account_id,
            username: "leader.qishan".into(),
            display_name: "所长".into(),
            officer_id: None,
            roles: [Role::Leader, Role::Intake, Role::Inspector]
                .into_iter()
                .map(|role| RoleGrant {
                    role,
                    station: None,
                })
                .collect(),
            second_factor: SecondFactor::Done,
        },
        officers,
        cases: Vec::new(),
    }
}

/// The demo badges: eight officers at each of the three stations.
fn badge(officer: usize) -> String {
    format!("{}{:05}", officer / 8 % 3 + 1, officer % 8 + 1)
}

async fn newest_case(app: &TestApp) -> (i64, Reference) {
    let (id, reference): (i64, String) =
        sqlx::query_as("SELECT id, reference FROM cases ORDER BY id DESC LIMIT 1")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    (id, Reference::parse(&reference).unwrap())
}

async fn play(app: &TestApp, world: &mut World, n: usize, event: &Event, now: i64) {
    let case = |i: &usize| world.cases.get(*i % world.cases.len().max(1)).cloned();
    let action = match event {
        Event::File {
            kind,
            station,
            named,
        } => {
            let kind = CaseKind::FILED_BY_RESIDENTS[*kind];
            let names = *named && matches!(kind, CaseKind::Commendation | CaseKind::Complaint);
            let station = station.map(|s| STATIONS[s]);
            let form = RequestForm {
                kind: kind.code().into(),
                station: station.unwrap_or_default().into(),
                subject: "一件事".into(),
                description: "具体情况".into(),
                // Naming an officer without a station files at the officer's station.
                badge: if names { badge(n % 24) } else { String::new() },
                token: format!("case-rollup-{n:08}"),
                ..RequestForm::default()
            };
            let submission = form.validate().expect("a valid request");
            file_request(
                &app.cases(&world.calendar, now),
                &submission,
                app::i18n::Lang::Zh,
            )
            .await
            .expect("filed");
            let newest = newest_case(app).await;
            world.cases.push(newest);
            return;
        }
        Event::BadRating { officer } => {
            let submission = RatingSubmission {
                level: RatingLevel::from_score(1).unwrap(),
                service_type: Some(ServiceType::ALL[0]),
                problems: vec![ProblemTag::ALL[0]],
                praise: vec![],
                comment: String::new(),
                contact: None,
                token: format!("case-rollup-rating-{n:08}"),
                source: None,
            };
            let target = RatingTarget::Officer(BadgeNumber::parse(&badge(*officer)).unwrap());
            record_rating(
                &app.cases(&world.calendar, now),
                &target,
                &submission,
                app::i18n::Lang::Zh,
            )
            .await
            .expect("rated");
            let newest = newest_case(app).await;
            if !world.cases.contains(&newest) {
                world.cases.push(newest);
            }
            return;
        }
        Event::Answer { case: i, answer } => {
            let Some((id, _)) = case(i) else { return };
            let answer = Satisfaction::ALL[*answer];
            // Refused unless the case waits for an answer; nothing else may go wrong.
            if let Err(error) =
                record_feedback(&app.db, &world.key, &world.calendar, id, answer, now).await
            {
                assert!(
                    matches!(
                        error,
                        app::cases::tracking_server::FeedbackError::NotAwaitingAnswer
                    ),
                    "{error:?}"
                );
            }
            return;
        }
        Event::Assign { officer, .. } => CaseAction::Assign {
            account_id: world.officers[officer % world.officers.len()].0,
        },
        Event::Classify { kind, .. } => CaseAction::Classify {
            kind: CaseKind::FILED_BY_RESIDENTS
                .into_iter()
                .chain([CaseKind::RatingReview])
                .nth(*kind)
                .unwrap(),
        },
        Event::Reply { .. } => CaseAction::Reply {
            body: "我们正在办理。".into(),
        },
        Event::Extend { days, .. } => CaseAction::RequestExtension {
            days: *days,
            reason: "需要协调".into(),
        },
        Event::Resolve {
            outcome,
            department,
            ..
        } => {
            let outcome = Outcome::ALL[*outcome];
            CaseAction::Resolve {
                outcome,
                summary: "已处理。".into(),
                referral: (outcome == Outcome::Referred).then(|| {
                    (
                        ["市场监管局", "城管局"][*department].to_string(),
                        "12345".to_string(),
                    )
                }),
                finding: Some(app::cases::Finding::Partly),
            }
        }
        Event::Merge { into, .. } => match case(into) {
            Some((_, into)) => CaseAction::Merge { into },
            None => return,
        },
        Event::Hide { .. } => CaseAction::Hide {
            reason: "广告".into(),
        },
    };
    let (Event::Assign { case: i, .. }
    | Event::Classify { case: i, .. }
    | Event::Reply { case: i }
    | Event::Extend { case: i, .. }
    | Event::Resolve { case: i, .. }
    | Event::Merge { case: i, .. }
    | Event::Hide { case: i }) = event
    else {
        unreachable!("handled above")
    };
    let Some((_, reference)) = case(i) else {
        return;
    };
    let cx = Context {
        db: &app.db,
        key: &world.key,
        calendar: &world.calendar,
        member: &world.leader,
        now,
    };
    let outcome = apply(&cx, &reference, action.clone()).await;
    // An extension is decided by the leader right away, so due dates move too.
    if outcome.is_ok() && matches!(action, CaseAction::RequestExtension { .. }) {
        let decide = CaseAction::DecideExtension { approve: true };
        apply(&cx, &reference, decide).await.expect("approved");
    }
    match outcome {
        // Answering a case before bureau intake placed it is nobody's to do.
        Ok(()) | Err(ApplyError::Refused(_) | ApplyError::Forbidden) => {}
        Err(error) => panic!("{action:?} on {reference}: {error:?}"),
    }
}

/// The statements of a migration file that write `case_rollups`, in order.
fn rollup_statements(migration: &str) -> Vec<String> {
    migration
        .split(';')
        .map(|statement| {
            let code: Vec<&str> = statement
                .lines()
                .filter(|line| !line.trim_start().starts_with("--"))
                .collect();
            code.join("\n").trim().to_string()
        })
        .filter(|statement| {
            statement.starts_with("INSERT INTO case_rollups")
                || statement.starts_with("DELETE FROM case_rollups")
        })
        .collect()
}

/// The migrations that counted the cases already filed: the one that added the table, and
/// the one that recounted the 差评 reviews by finding (honest figures).
async fn backfill_as_the_migrations_do(app: &TestApp) {
    let (added, recounted) = match app.db.backend() {
        app::db::Backend::Sqlite => (
            include_str!("../../../migrations/sqlite/20261127000008_case_rollups.sql"),
            include_str!("../../../migrations/sqlite/20261201000003_honest_figures.sql"),
        ),
        app::db::Backend::Postgres => (
            include_str!("../../../migrations/postgres/20261127000008_case_rollups.sql"),
            include_str!("../../../migrations/postgres/20261201000003_honest_figures.sql"),
        ),
    };
    sqlx::query("DELETE FROM case_rollups")
        .execute(app.db.writer())
        .await
        .unwrap();
    let added = rollup_statements(added);
    assert_eq!(added.len(), 8, "one backfill per measure");
    let recounted = rollup_statements(recounted);
    assert_eq!(recounted.len(), 2, "the reviews, deleted and counted again");
    for statement in added.iter().chain(&recounted) {
        sqlx::query(statement)
            .execute(app.db.writer())
            .await
            .unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn rebuilding_gives_exactly_what_the_case_events_added(history in history()) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let app = spawn_app().await;
            let mut world = world(&app).await;
            let mut now = START;
            for (n, (event, hours)) in history.iter().enumerate() {
                now += hours * HOUR + 1_234;
                play(&app, &mut world, n, event, now).await;
            }
            let incremental = app::reports::rollups::dump(&app.db).await.unwrap();
            app::reports::rollups::rebuild(&app.db).await.unwrap();
            let recomputed = app::reports::rollups::dump(&app.db).await.unwrap();
            assert_eq!(incremental, recomputed);
            // The migrations that added the table and recounted the reviews counted the
            // cases already filed: their statements give the same rows too.
            backfill_as_the_migrations_do(&app).await;
            assert_eq!(incremental, app::reports::rollups::dump(&app.db).await.unwrap());
            // Every case placed at a station counts once as filed or as spam.
            let (placed,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM cases WHERE station_id IS NOT NULL")
                .fetch_one(app.db.reader())
                .await
                .unwrap();
            let (counted,): (i64,) = sqlx::query_as(
                "SELECT CAST(COALESCE(SUM(cases), 0) AS BIGINT) FROM case_rollups WHERE measure IN ('filed', 'spam')",
            )
            .fetch_one(app.db.reader())
            .await
            .unwrap();
            assert_eq!(counted, placed);
        });
    }
}

/// A resolution counts under the month it happened in; a 不满意 that reopens the case
/// takes it out of that month again, and the next resolution counts where it falls.
#[tokio::test]
async fn a_reopened_case_leaves_the_month_it_was_resolved_in() {
    let app = spawn_app().await;
    let mut world = world(&app).await;
    let file = Event::File {
        kind: 0,
        station: Some(0),
        named: false,
    };
    // 2026-10-31 09:00 CST, resolved at 18:00 the same day.
    let october_31 = 1_793_408_400_000;
    play(&app, &mut world, 0, &file, october_31).await;
    let resolve = Event::Resolve {
        case: 0,
        outcome: 0,
        department: 0,
    };
    play(&app, &mut world, 1, &resolve, october_31 + 9 * HOUR).await;
    let resolved_in = |month: &'static str| {
        let app = &app;
        async move {
            let (n,): (i64,) = sqlx::query_as(
                "SELECT CAST(COALESCE(SUM(cases), 0) AS BIGINT) FROM case_rollups
                 WHERE measure = 'resolved' AND month = $1",
            )
            .bind(month)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
            n
        }
    };
    assert_eq!(resolved_in("2026-10").await, 1);
    // 不满意 on 1 November reopens it: October no longer counts it resolved.
    let dissatisfied = Event::Answer { case: 0, answer: 2 };
    play(&app, &mut world, 2, &dissatisfied, october_31 + 24 * HOUR).await;
    assert_eq!(resolved_in("2026-10").await, 0);
    play(&app, &mut world, 3, &resolve, october_31 + 48 * HOUR).await;
    assert_eq!(resolved_in("2026-10").await, 0);
    assert_eq!(resolved_in("2026-11").await, 1);
    let (answers,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM case_rollups WHERE measure = 'feedback' AND item = 'none' AND cases = 1",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(answers, 1, "the second resolution waits for its answer");
}

/// Staff answering one case at the same moment (PostgreSQL runs them side by side): the
/// first answer is counted once, and the counts still equal a rebuild.
#[tokio::test]
async fn simultaneous_changes_to_one_case_are_counted_once() {
    let app = spawn_app().await;
    let mut world = world(&app).await;
    let file = Event::File {
        kind: 0,
        station: Some(0),
        named: false,
    };
    play(&app, &mut world, 0, &file, START).await;
    let reference = world.cases[0].1.clone();
    let world = &world;
    let replies = (0..8).map(|n| {
        let reference = reference.clone();
        let app = &app;
        async move {
            let cx = Context {
                db: &app.db,
                key: &world.key,
                calendar: &world.calendar,
                member: &world.leader,
                now: START + n * HOUR,
            };
            let reply = CaseAction::Reply {
                body: format!("答复 {n}"),
            };
            apply(&cx, &reference, reply).await
        }
    });
    for outcome in futures::future::join_all(replies).await {
        outcome.expect("each reply stored");
    }
    let incremental = app::reports::rollups::dump(&app.db).await.unwrap();
    let answered: Vec<&String> = incremental
        .iter()
        .filter(|row| row.contains("first_answer"))
        .collect();
    assert_eq!(answered.len(), 1, "{incremental:?}");
    assert!(answered[0].ends_with(", 1)"), "{incremental:?}");
    app::reports::rollups::rebuild(&app.db).await.unwrap();
    assert_eq!(
        incremental,
        app::reports::rollups::dump(&app.db).await.unwrap()
    );
}
