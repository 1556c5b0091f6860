//! Issue 21: every address is declared once (`app::paths`). Rendered as the roles that
//! reach them, every page's forms post to a route the server has, and every POST route
//! is the target of a form on some page.

use crate::actors::Page;
use crate::helpers::{TestApp, enc, fresh_token, post_form_as, set_cookie, spawn_app};
use crate::tracking::resolve;
use app::paths::{self, Path};
use std::collections::BTreeSet;

/// The declared address `action` is an address of; as in the router, a fixed segment
/// wins over a parameter (`/rate/go` is not the code "go").
fn declared(action: &str) -> Option<Path> {
    let mut found: Vec<Path> = paths::PAGES
        .iter()
        .chain(paths::FORMS)
        .copied()
        .filter(|p| p.matches(action))
        .collect();
    found.sort_by_key(|p| p.params().count());
    if let [first, second, ..] = found.as_slice() {
        assert!(
            first.params().count() < second.params().count(),
            "{action} matches both {first} and {second}"
        );
    }
    found.first().copied()
}

/// Every page below as the one who works on it sees it.
async fn pages(app: &TestApp) -> Vec<(String, Page)> {
    let mut pages = Vec::new();
    let resident = app.resident();
    for path in [
        "/",
        "/s/qishan",
        "/s/qishan/reports",
        "/reports",
        "/o/100001",
        "/rate",
        "/request/new",
        "/track",
        "/staff/login",
        "/mail/confirm/0123456789abcdef0123456789abcdef",
        "/mail/unsubscribe/0123456789abcdef0123456789abcdef",
    ] {
        pages.push((path.to_string(), resident.open(path, None).await));
    }

    // A service code's page.
    let clerk = app.staff("clerk.qishan").await;
    let body = "station=qishan&officer=100001&service_type=household&count=1&valid_days=10";
    let sheet = clerk.post("/staff/service-codes", body.into()).await;
    let sheet = Page::new(sheet.status(), sheet.text().await.unwrap());
    let code = sheet.text(".slip__code").expect("a code on the sheet");
    let path = paths::RATE_CODE.to(&[&code.replace('-', "")]);
    pages.push((path.clone(), resident.open(&path, None).await));

    // A resident's request, resolved (the 回访 form), and one closed as not genuine (the
    // objection form).
    let resolved = resident.file("question", "qishan", "一件事").await;
    resolve(app, &resolved.reference, "已答复").await;
    let hidden = resident.file("question", "qishan", "另一件事").await;
    let reason = format!("reason={}", enc("内容与公安工作无关"));
    clerk.act(&hidden.reference, "hide", &reason).await;
    for filed in [resolved, hidden] {
        let track = resident.track(&filed).await;
        let path = paths::TRACKED.to(&[&filed.reference]);
        pages.push((path.clone(), resident.open(&path, Some(&track)).await));
    }

    // Staff pages, as the roles that work on them.
    let case = app.resident().file("help", "qishan", "求助").await;
    let leader = app.staff("leader.qishan").await;
    let officer = app.staff("officer.100001").await;
    let admin = app.staff("admin").await;
    let visit = format!(
        "visited_on={}&household={}&opinions={}&notes=",
        app::calendar::format_date(app::calendar::local_date(app::db::now_millis())),
        enc("东街 3 号"),
        enc("楼下路灯坏了")
    );
    officer.post("/staff/visits", visit).await;
    // A burst of good ratings from one network: a signal on the inspectors' page.
    for _ in 0..5 {
        let token = fresh_token(app, "/o/100002").await;
        let body = format!("level=5&service_type=household&token={token}");
        let response = post_form_as(app, "/o/100002", body, None, "10.40.0.1").await;
        assert_eq!(response.status(), reqwest::StatusCode::SEE_OTHER);
    }
    app::signals::detect::run(&app.db, app::db::now_millis() + 120_000)
        .await
        .unwrap();
    let inspector = app.staff("inspector").await;
    let last_month = app::reports::Month::of(app::db::now_millis()).previous();
    for (path, staff) in [
        ("/staff".to_string(), &clerk),
        (paths::STAFF_CASE.to(&[&case.reference]), &leader),
        ("/staff/service-codes".to_string(), &clerk),
        ("/staff/visits".to_string(), &officer),
        ("/staff/campaigns".to_string(), &leader),
        ("/staff/intake".to_string(), &clerk),
        ("/staff/ratings".to_string(), &leader),
        (
            paths::STAFF_REPORT_DRAFT.to(&["qishan", &last_month.to_string()]),
            &leader,
        ),
        ("/staff/admin".to_string(), &admin),
        ("/staff/inspector/signals".to_string(), &inspector),
    ] {
        pages.push((path.clone(), staff.open(&path).await));
    }

    // The second factor's pages, half-way through signing in.
    for (username, page) in [
        ("leader.yuewang", "/staff/totp"),
        ("inspector", "/staff/login/code"),
    ] {
        if page == "/staff/login/code" {
            sqlx::query(
                "UPDATE staff_accounts SET totp_secret = $1, totp_enabled = 1 WHERE username = $2",
            )
            .bind(crate::helpers::TEST_TOTP_SECRET)
            .bind(username)
            .execute(app.db.writer())
            .await
            .unwrap();
        }
        let body = format!(
            "username={username}&password={}",
            enc(crate::helpers::DEMO_PASSWORD)
        );
        let response = post_form_as(app, "/staff/login", body, None, "10.7.1.1").await;
        let cookie = set_cookie(&response, "od_staff").expect("a half-way session");
        pages.push((page.to_string(), resident.open(page, Some(&cookie)).await));
    }
    pages
}

#[tokio::test]
async fn every_form_posts_to_a_route_and_every_route_has_its_form() {
    let app = spawn_app().await;
    let routes: BTreeSet<Path> = opendoor_server::http::post_paths().into_iter().collect();
    let mut posted: BTreeSet<Path> = BTreeSet::new();
    for (page, seen) in pages(&app).await {
        assert_eq!(seen.status, reqwest::StatusCode::OK, "{page}");
        for (method, action) in seen.forms() {
            let action = action.split('?').next().unwrap_or_default();
            let path = declared(action)
                .unwrap_or_else(|| panic!("{page}: a form posts to {action}, declared nowhere"));
            match method.as_str() {
                "post" => {
                    assert!(
                        routes.contains(&path),
                        "{page}: a form posts to {action} ({path}), which has no POST route"
                    );
                    posted.insert(path);
                }
                _ => assert!(
                    !routes.contains(&path) || paths::PAGES.contains(&path),
                    "{page}: a GET form to {action}"
                ),
            }
        }
    }
    let unposted: Vec<&Path> = routes.difference(&posted).collect();
    assert!(
        unposted.is_empty(),
        "POST routes no rendered form posts to: {unposted:?}"
    );
}

#[tokio::test]
async fn the_declared_pages_are_the_routers_pages() {
    // A page declared but not routed answers the not-found page.
    let app = spawn_app().await;
    let resident = app.resident();
    for page in paths::PAGES.iter().filter(|p| p.params().count() == 0) {
        let seen = resident.open(page.as_str(), None).await;
        assert!(
            !seen.has("[data-page='not-found']"),
            "{page} is declared but the router does not know it"
        );
    }
    assert!(
        resident
            .open("/no-such-page", None)
            .await
            .has("[data-page='not-found']")
    );
}
