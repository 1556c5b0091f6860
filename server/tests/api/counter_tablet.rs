//! The counter tablet (issue 13, item 3: "or a counter tablet signed in as the window"):
//! an account of the station's window, a device and not a person, signs in without a
//! second factor, lands on `/staff/code`, shows codes for counter services that rate its
//! station and no officer, and opens nothing else. An admin cannot give the device a
//! person's role, nor a person the device's.

use crate::actors::Page;
use crate::admin::{admin_post, refusal};
use crate::helpers::{
    DEMO_PASSWORD, browse, count, enc, fresh_token, post_form, post_form_as, set_cookie, spawn_app,
    staff_session,
};
use crate::workspace::account_id;
use reqwest::StatusCode;

/// Shows a code for `service` as `cookie`: (status, the page's visible text, the code).
async fn show(
    app: &crate::helpers::TestApp,
    cookie: &str,
    service: &str,
) -> (StatusCode, String, Option<String>) {
    let response = post_form(
        app,
        "/staff/code",
        format!("service_type={service}"),
        Some(cookie),
    )
    .await;
    let status = response.status();
    // The next person at the counter pressing Back gets no code from the cache.
    if status == StatusCode::OK {
        assert_eq!(response.headers()["cache-control"], "no-store");
    }
    let page = Page::new(status, response.text().await.unwrap());
    (status, page.visible_text(), page.text("#shown-code"))
}

#[tokio::test]
async fn the_tablet_signs_in_to_its_code_page_and_its_codes_rate_the_station() {
    let app = spawn_app().await;
    // A password alone, and the tablet's one page next.
    let response = post_form_as(
        &app,
        "/staff/login",
        format!("username=window.qishan&password={}", enc(DEMO_PASSWORD)),
        None,
        "10.77.0.1",
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/staff/code");
    let tablet = set_cookie(&response, "od_staff").expect("a session");

    let (status, html) = browse(&app, "/staff/code", Some(&tablet)).await;
    assert_eq!(status, StatusCode::OK);
    let page = Page::new(status, html.clone());
    assert!(page.visible_text().contains("记在派出所名下"), "{html}");
    // Counter services only: no visit, no patrol.
    assert!(html.contains(r#"value="counter""#) && html.contains(r#"value="household""#));
    assert!(!html.contains(r#"value="community_visit""#), "{html}");
    assert!(!html.contains(r#"value="patrol""#), "{html}");
    // Its navigation: the start and this page.
    let links: Vec<String> = page.texts(".staff-nav a");
    assert_eq!(links, ["工作台", "出示服务码"], "{links:?}");

    for service in ["community_visit", "patrol"] {
        let (status, text, code) = show(&app, &tablet, service).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{service}");
        assert!(text.contains("窗口终端只出示窗口服务的服务码"), "{text}");
        assert!(code.is_none());
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM service_codes").await, 0);

    let (status, _, code) = show(&app, &tablet, "household").await;
    assert_eq!(status, StatusCode::OK);
    let code = code.expect("the code");
    // Unattended at the counter, it shows one code a minute at most.
    let (status, text, again) = show(&app, &tablet, "counter").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text.contains("每 60 秒最多出示一个服务码"), "{text}");
    assert!(again.is_none());
    let (station, officer, channel, issuer): (String, Option<i64>, String, String) =
        sqlx::query_as(
            "SELECT s.slug, c.officer_id, c.channel, a.username
             FROM service_codes c JOIN stations s ON s.id = c.station_id
             JOIN staff_accounts a ON a.id = c.issued_by",
        )
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(
        (station.as_str(), officer, channel.as_str(), issuer.as_str()),
        ("qishan", None, "service_code", "window.qishan")
    );

    // The tablet itself is signed in as staff: nobody rates on it.
    let target = format!("/rate/{code}");
    let token = fresh_token(&app, &target).await;
    let refused = post_form(
        &app,
        &target,
        format!("level=5&token={token}"),
        Some(&tablet),
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    // The resident, on their own phone: a verified rating of the station, no officer's.
    let token = fresh_token(&app, &target).await;
    let rated = post_form(&app, &target, format!("level=5&token={token}"), None).await;
    assert_eq!(rated.status(), StatusCode::SEE_OTHER);
    let (station, officer, verified, channel): (String, Option<i64>, i64, String) = sqlx::query_as(
        "SELECT s.slug, r.officer_id, r.verified, r.channel
             FROM ratings r JOIN stations s ON s.id = r.station_id",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(
        (station.as_str(), officer, verified, channel.as_str()),
        ("qishan", None, 1, "service_code")
    );
}

#[tokio::test]
async fn the_tablet_opens_nothing_but_its_code_page() {
    let app = spawn_app().await;
    let (reference, _) = crate::workspace::file(&app, "complaint", None, "10.9.0.7").await;
    let tablet = staff_session(&app, "window.qishan").await;
    let pages = [
        "/staff/intake".to_string(),
        "/staff/cases".into(),
        format!("/staff/cases/{reference}"),
        "/staff/dashboard".into(),
        "/staff/inspector".into(),
        "/staff/inspector/signals".into(),
        "/staff/officers".into(),
        "/staff/officers/100001/card".into(),
        "/staff/service-codes".into(),
        "/staff/visits".into(),
        "/staff/campaigns".into(),
        "/staff/admin".into(),
        "/staff/reports".into(),
        "/staff/reports/qishan/2026-10".into(),
        "/staff/ratings".into(),
    ];
    for path in &pages {
        let (status, html) = browse(&app, path, Some(&tablet)).await;
        assert!(
            status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND,
            "{path}: {status}"
        );
        assert!(!html.contains("具体情况如下"), "{path} shows the case");
    }
    // No case action, no printed codes, no visit.
    let events = count(&app, "SELECT COUNT(*) FROM case_events").await;
    for action in ["note", "reply", "classify"] {
        let response = post_form(
            &app,
            &format!("/staff/cases/{reference}/{action}"),
            "body=tablet&kind=help".into(),
            Some(&tablet),
        )
        .await;
        assert!(response.status().is_client_error(), "{action}");
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM case_events").await,
        events
    );
    let response = post_form(
        &app,
        "/staff/service-codes",
        "station=qishan&officer=&service_type=counter&count=2&valid_days=30".into(),
        Some(&tablet),
    )
    .await;
    assert!(response.status().is_client_error());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM service_codes").await, 0);
    // Nobody at the counter makes the tablet theirs with a second factor of their own.
    let (status, html) = browse(&app, "/staff/totp", Some(&tablet)).await;
    assert!(status.is_redirection(), "{status}");
    assert!(!html.contains("totp-secret"));
    let now = (app::db::now_millis() / 1000) as u64;
    let guess =
        app::staff::totp::code_at(crate::helpers::TEST_TOTP_SECRET, "window.qishan", now).unwrap();
    let response = post_form(&app, "/staff/totp", format!("code={guess}"), Some(&tablet)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (secret, enabled): (Option<String>, i64) = sqlx::query_as(
        "SELECT totp_secret, totp_enabled FROM staff_accounts WHERE username = 'window.qishan'",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!((secret, enabled), (None, 0));
}

#[tokio::test]
async fn the_tablet_shows_at_most_its_daily_codes() {
    let app = spawn_app().await;
    let tablet = staff_session(&app, "window.qishan").await;
    crate::self_rating::shown_today(&app, "window.qishan", "qishan", None).await;
    let (status, text, _) = show(&app, &tablet, "counter").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text.contains("已达上限"), "{text}");
    // Another station's tablet is not held by this one's count.
    let other = staff_session(&app, "window.yuewang").await;
    let (status, _, code) = show(&app, &other, "counter").await;
    assert_eq!(status, StatusCode::OK);
    assert!(code.is_some());
}

#[tokio::test]
async fn a_tablet_role_counts_only_alone_on_an_account_of_no_officer() {
    let app = spawn_app().await;
    // Given a person's role by hand, beside the tablet's: the account works as the
    // person (a clerk, who shows no codes), not as a tablet.
    sqlx::query(
        "INSERT INTO staff_roles (account_id, role, station_id, created_at)
         SELECT a.id, 'clerk', s.id, 0 FROM staff_accounts a, stations s
         WHERE a.username = 'window.qishan' AND s.slug = 'qishan'",
    )
    .execute(app.db.writer())
    .await
    .unwrap();
    let both = staff_session(&app, "window.qishan").await;
    let (status, _, _) = show(&app, &both, "counter").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The tablet's role on an officer's account: the officer's own codes, never the
    // station's; on a leader's, the leader's.
    for username in ["officer.100001", "leader.qishan"] {
        sqlx::query(
            "INSERT INTO staff_roles (account_id, role, station_id, created_at)
             SELECT a.id, 'window', s.id, 0 FROM staff_accounts a, stations s
             WHERE a.username = $1 AND s.slug = 'qishan'",
        )
        .bind(username)
        .execute(app.db.writer())
        .await
        .unwrap();
        let cookie = staff_session(&app, username).await;
        let (status, _, _) = show(&app, &cookie, "counter").await;
        assert_eq!(status, StatusCode::OK, "{username}");
    }
    let (untied,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM service_codes WHERE officer_id IS NULL")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(untied, 0, "every code names the officer who showed it");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM service_codes").await, 2);
}

#[tokio::test]
async fn an_admin_keeps_the_tablet_a_device() {
    let app = spawn_app().await;
    let admin = staff_session(&app, "admin").await;
    // The admin's form as posted: (status, what the page says).
    let post = |action: &'static str, body: String| {
        let (app, admin) = (&app, admin.clone());
        async move {
            let response = admin_post(app, &admin, action, body).await;
            (response.status(), refusal(response).await)
        }
    };
    let password = enc("a long first password");
    // A tablet with a badge, or not marked as no officer's: refused.
    for extra in ["&badge=100008", ""] {
        let (status, text) = post(
            "account",
            format!(
                "username=window.two&display_name=Window&password={password}&role=window&station=qishan{extra}"
            ),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{extra}");
        assert!(
            text.contains("窗口终端的账号只担任窗口终端这一个角色"),
            "{text}"
        );
    }
    let (status, _) = post(
        "account",
        format!(
            "username=window.two&display_name=Window&password={password}&role=window&station=qishan&not_sworn=1"
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let tablet = account_id(&app, "window.qishan").await;
    let clerk = account_id(&app, "clerk.qishan").await;
    let leader = account_id(&app, "leader.qishan").await;
    let refusals = [
        // A person's role on the tablet.
        (
            "role-add",
            format!("account={tablet}&role=clerk&station=qishan"),
        ),
        // A second station's tablet on the same account.
        (
            "role-add",
            format!("account={tablet}&role=window&station=yuewang"),
        ),
        // The tablet's role on a person's account, civilian or sworn.
        (
            "role-add",
            format!("account={clerk}&role=window&station=qishan"),
        ),
        (
            "role-add",
            format!("account={leader}&role=window&station=qishan"),
        ),
        // The tablet linked to an officer.
        ("account-officer", format!("account={tablet}&badge=100008")),
    ];
    let roles = count(&app, "SELECT COUNT(*) FROM staff_roles").await;
    for (action, body) in refusals {
        let (status, text) = post(action, body.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{action} {body}");
        assert!(
            text.contains("窗口终端的账号只担任窗口终端这一个角色"),
            "{action} {body}: {text}"
        );
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM staff_roles").await, roles);
    let (linked,): (Option<i64>,) =
        sqlx::query_as("SELECT officer_id FROM staff_accounts WHERE id = $1")
            .bind(tablet)
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(linked, None);
}
