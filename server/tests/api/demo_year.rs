//! The demo's past year (issue 13, item 9): played into the bare demo through the
//! product's own functions, it leaves the figures a newcomer should see (every past
//! month published by every station, a station page with its verified headline and
//! "you said, we did", the bureau's sum), and nothing a real year would not: the audit
//! chain verifies, the rollups equal a rebuild, every closed 差评核实 and complaint has
//! a finding, no mail waits to go out, and the fraud signal it planted was reviewed
//! before its month was published.

use crate::actors::Page;
use crate::helpers::{browse, count, spawn_app, staff_session};
use crate::reports::figure;
use reqwest::StatusCode;

use app::reports::Month;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

#[tokio::test]
async fn the_demo_year_publishes_every_past_month_from_its_own_rows() {
    let app = spawn_app().await;
    let now = app::db::now_millis();
    let year = opendoor_server::demo_year::generate(&app.db, &app.audit_key, now, 2026)
        .await
        .expect("the demo year plays without a refusal");
    println!("{year}");
    assert!(year.ratings > 3_000, "{year}");
    assert!(year.cases > 300, "{year}");
    assert!(year.visits > 200, "{year}");
    // Each of the twelve past months, by each of the three stations, on the 4th of the
    // next month (in the first days of a month, the last one is still to come).
    let this_month = Month::of(now);
    let published_by_now = |month: Month| month.next().start_millis() + 3 * DAY + 11 * HOUR <= now;
    let past: Vec<Month> =
        std::iter::successors(Some(this_month.previous()), |m| Some(m.previous()))
            .take(12)
            .filter(|m| published_by_now(*m))
            .collect();
    assert_eq!(year.published, 3 * past.len(), "{year}");
    assert!(year.signals >= 1, "{year}");

    // Every rating and case is the product's own: the counts add up to a rebuild, and
    // the audit chain holds every step.
    let incremental = app::reports::rollups::dump(&app.db).await.unwrap();
    app::reports::rollups::rebuild(&app.db).await.unwrap();
    assert_eq!(
        incremental,
        app::reports::rollups::dump(&app.db).await.unwrap()
    );
    let verified = app::audit::verify(app.db.reader(), &app.audit_key)
        .await
        .unwrap();
    assert_eq!(verified.first_broken, None);
    assert!(verified.entries > 1_000, "{} entries", verified.entries);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM ratings").await,
        year.ratings as i64
    );

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
             AND status = 'closed' AND outcome <> 'referred' AND finding IS NULL",
        )
        .await,
        0,
        "a closed complaint or 差评核实 without a finding"
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
    assert!(count(&app, "SELECT COUNT(*) FROM ratings WHERE channel = 'visit'").await > 0);
    assert!(
        count(
            &app,
            "SELECT COUNT(*) FROM ratings WHERE channel = 'service_code'"
        )
        .await
            > 0
    );
    // The year's mail went out at the time: nothing of it waits.
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'held')"
        )
        .await,
        0
    );

    // Every past month is published by every station, once, after its signals were
    // reviewed: the planted burst two months ago was excluded before publication.
    for month in &past {
        let published = count(
            &app,
            &format!(
                "SELECT COUNT(DISTINCT station_id) FROM published_reports WHERE month = '{month}' AND version = 1"
            ),
        )
        .await;
        assert_eq!(published, 3, "{month}");
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

    // What a newcomer sees: the station page's verified headline and "you said, we
    // did", and the bureau's month with every station summed.
    let last = past[0];
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
    let (status, html) = browse(&app, &format!("/reports/{last}"), None).await;
    assert_eq!(status, StatusCode::OK);
    for name in ["祁山派出所", "月望派出所", "大东门派出所"] {
        assert!(
            html.contains(name),
            "{name} missing from the bureau's {last}"
        );
    }
    // Staff find work waiting for them.
    let cookie = staff_session(&app, "leader.dadongmen").await;
    let dashboard = app.get_with_cookie("/staff/dashboard", &cookie).await;
    assert_eq!(dashboard.status(), StatusCode::OK);
}
