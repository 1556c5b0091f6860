//! Administration: stations, offices, officers, accounts and roles, deadlines, holidays.

use crate::actors::Page;
use crate::helpers::{DEMO_PASSWORD, browse, count, enc, post_form, spawn_app, staff_session};
use reqwest::StatusCode;

pub(crate) async fn admin_post(
    app: &crate::helpers::TestApp,
    cookie: &str,
    action: &str,
    body: String,
) -> reqwest::Response {
    post_form(app, &format!("/staff/admin/{action}"), body, Some(cookie)).await
}

/// What a refused form's page says to its reader.
pub(crate) async fn refusal(response: reqwest::Response) -> String {
    let status = response.status();
    Page::new(status, response.text().await.unwrap()).visible_text()
}

#[tokio::test]
async fn an_admin_adds_a_station_an_office_an_officer_and_their_account() {
    let app = spawn_app().await;
    let admin = staff_session(&app, "admin").await;
    let (status, html) = browse(&app, "/staff/admin", Some(&admin)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        Page::new(status, html)
            .visible_text()
            .contains("leader.qishan")
    );

    let r = admin_post(
        &app,
        &admin,
        "station",
        format!(
            "slug=xishan&name_zh={}&name_en=Xishan+Station",
            enc("西山派出所")
        ),
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = admin_post(
        &app,
        &admin,
        "station",
        format!("slug=xishan&name_zh={}&name_en=Again", enc("又一个")),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refusal(r).await.contains("该派出所代码已被使用"));
    let r = admin_post(
        &app,
        &admin,
        "office",
        format!(
            "station=xishan&name_zh={}&name_en=North+Office",
            enc("北区警务室")
        ),
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (office,): (i64,) = sqlx::query_as("SELECT id FROM offices WHERE name_en = 'North Office'")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let r = admin_post(
        &app,
        &admin,
        "officer",
        format!(
            "badge=400001&name_zh={}&name_en=Zhao+Yi&station=xishan&office={office}&duty=community",
            enc("赵一")
        ),
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = admin_post(
        &app,
        &admin,
        "officer",
        format!(
            "badge=100001&name_zh={}&name_en=Dup&station=xishan&duty=patrol",
            enc("重复")
        ),
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "badges are unique"
    );
    assert_eq!(
        app.get("/o/400001").await.status(),
        StatusCode::OK,
        "the new officer can be rated"
    );

    let password = "a-long-first-password";
    let body = format!(
        "username=officer.400001&display_name={}&password={password}&badge=400001&role=officer&station=xishan",
        enc("赵一")
    );
    assert_eq!(
        admin_post(&app, &admin, "account", body.clone())
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        admin_post(&app, &admin, "account", body).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "usernames are unique"
    );
    let login = post_form(
        &app,
        "/staff/login",
        format!("username=officer.400001&password={password}"),
        None,
    )
    .await;
    assert_eq!(
        login.headers()["location"],
        "/staff",
        "the new account signs in"
    );
    assert!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action IN ('station_created', 'office_created', 'officer_created', 'account_created')").await >= 4);
}

#[tokio::test]
async fn roles_are_granted_and_withdrawn_and_withdrawal_bites_at_the_next_action() {
    let app = spawn_app().await;
    let admin = staff_session(&app, "admin").await;
    let clerk = staff_session(&app, "clerk.qishan").await;
    let (clerk_id,): (i64,) =
        sqlx::query_as("SELECT id FROM staff_accounts WHERE username = 'clerk.qishan'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    let r = admin_post(
        &app,
        &admin,
        "role-add",
        format!("account={clerk_id}&role=clerk&station=yuewang"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = admin_post(
        &app,
        &admin,
        "role-add",
        format!("account={clerk_id}&role=clerk&station=yuewang"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "held already");
    assert_eq!(
        browse(&app, "/staff/intake", Some(&clerk)).await.0,
        StatusCode::OK
    );
    for station in ["yuewang", "qishan"] {
        let r = admin_post(
            &app,
            &admin,
            "role-remove",
            format!("account={clerk_id}&role=clerk&station={station}"),
        )
        .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let (status, _) = browse(&app, "/staff/intake", Some(&clerk)).await;
    assert!(
        status.is_redirection(),
        "no roles left: back to sign-in ({status})"
    );

    let (leader_id,): (i64,) =
        sqlx::query_as("SELECT id FROM staff_accounts WHERE username = 'leader.yuewang'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    let leader = staff_session(&app, "leader.yuewang").await;
    assert_eq!(
        admin_post(
            &app,
            &admin,
            "account-disable",
            format!("account={leader_id}")
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM staff_sessions WHERE account_id = {leader_id}")
        )
        .await,
        0
    );
    assert!(
        browse(&app, "/staff/dashboard", Some(&leader))
            .await
            .0
            .is_redirection()
    );
    let login = post_form(
        &app,
        "/staff/login",
        format!("username=leader.yuewang&password={}", enc(DEMO_PASSWORD)),
        None,
    )
    .await;
    assert_eq!(
        login.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a disabled account cannot sign in"
    );
}

#[tokio::test]
async fn deadlines_and_holidays_change_the_clock() {
    let app = spawn_app().await;
    let admin = staff_session(&app, "admin").await;
    let mut body = Vec::new();
    for kind in [
        "rating_review",
        "help",
        "complaint",
        "suggestion",
        "question",
        "commendation",
        "tip",
    ] {
        let resolve = if kind == "question" { 7 } else { 15 };
        body.push(format!("ack_{kind}=1&resolve_{kind}={resolve}"));
    }
    let r = admin_post(&app, &admin, "deadlines", body.join("&")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (days,): (i64,) =
        sqlx::query_as("SELECT resolve_days FROM deadline_rules WHERE kind = 'question'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(days, 7);
    let r = admin_post(&app, &admin, "deadlines", "ack_help=1".into()).await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "every kind at once"
    );

    let csv = "2027-01-01,holiday,元旦,New Year's Day\n2027-02-06,workday,春节调休,Spring Festival make-up day\n";
    let r = admin_post(&app, &admin, "holidays", format!("csv={}", enc(csv))).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM holidays WHERE day >= '2027-01-01'"
        )
        .await,
        2
    );
    let r = admin_post(
        &app,
        &admin,
        "holidays",
        format!("csv={}", enc("2027-13-01,holiday,x,y")),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM holidays WHERE day >= '2027-01-01'"
        )
        .await,
        2,
        "nothing half-loaded"
    );
    let (status, html) = browse(&app, "/staff/admin", Some(&admin)).await;
    assert!(Page::new(status, html).visible_text().contains("2027 (2)"));
}

#[tokio::test]
async fn only_admins_administer() {
    let app = spawn_app().await;
    let leader = staff_session(&app, "leader.qishan").await;
    assert_eq!(
        browse(&app, "/staff/admin", Some(&leader)).await.0,
        StatusCode::FORBIDDEN
    );
    let r = admin_post(
        &app,
        &leader,
        "station",
        format!("slug=xishan&name_zh={}&name_en=X", enc("西山")),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM stations WHERE slug = 'xishan'").await,
        0
    );
    let r = post_form(&app, "/staff/admin/station", "slug=xishan".into(), None).await;
    assert_eq!(r.headers()["location"], "/staff/login");
}

#[tokio::test]
async fn every_station_account_is_its_officers_or_marked_not_sworn_and_one_officer_has_one() {
    let app = spawn_app().await;
    let admin = staff_session(&app, "admin").await;
    let account = |username: &str, extra: &str| {
        format!(
            "username={username}&display_name={}&password=a-long-first-password&role=officer&station=qishan{extra}",
            enc("新账号")
        )
    };
    // Neither linked nor marked: refused, and nothing stored.
    let r = admin_post(&app, &admin, "account", account("officer.new", "")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refusal(r).await.contains("非民警"));
    // A second account for officer 100001, who has one: refused.
    let r = admin_post(
        &app,
        &admin,
        "account",
        account("officer.twin", "&badge=100001"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refusal(r).await.contains("一名民警只能有一个账号"));
    // Both at once: refused.
    let r = admin_post(
        &app,
        &admin,
        "account",
        account("officer.both", "&badge=100008&not_sworn=1"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM staff_accounts WHERE username IN ('officer.new', 'officer.twin', 'officer.both')").await,
        0
    );
    // A sworn role on an account marked as not sworn: refused.
    let r = admin_post(
        &app,
        &admin,
        "account",
        account("helper.qishan", "&not_sworn=1"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A civilian clerk, linked later to an officer without an account, audited.
    let clerk = account("helper.qishan", "&not_sworn=1").replace("role=officer", "role=clerk");
    let r = admin_post(&app, &admin, "account", clerk).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    sqlx::query("INSERT INTO officers (badge, name_zh, name_en, station_id, duty, created_at) SELECT '100009', '新警', 'New', id, 'patrol', 0 FROM stations WHERE slug = 'qishan'")
        .execute(app.db.writer())
        .await
        .unwrap();
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM staff_accounts WHERE username = 'helper.qishan'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    let r = admin_post(
        &app,
        &admin,
        "account-officer",
        format!("account={id}&badge=100001"),
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "100001 has an account"
    );
    let r = admin_post(
        &app,
        &admin,
        "account-officer",
        format!("account={id}&badge=100009"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        count(&app, &format!("SELECT COUNT(*) FROM staff_accounts a JOIN officers o ON o.id = a.officer_id WHERE a.id = {id} AND o.badge = '100009' AND a.not_sworn = 0")).await,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'account_officer_changed'"
        )
        .await,
        1
    );
    // Now an officer too; the link is what keeps a complaint about them from them.
    let r = admin_post(
        &app,
        &admin,
        "role-add",
        format!("account={id}&role=officer&station=qishan"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (complaint, _) =
        crate::workspace::file(&app, "complaint", Some("100009"), "10.5.0.1").await;
    let leader = staff_session(&app, "leader.qishan").await;
    let r = crate::workspace::act(
        &app,
        &leader,
        &complaint,
        "assign",
        &format!("assignee={id}"),
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "not to the officer it names"
    );
    // Unlinked without a mark: refused.
    let r = admin_post(&app, &admin, "account-officer", format!("account={id}")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn nobody_oversees_a_station_they_work_at_and_an_unlinked_account_works_nowhere() {
    let app = spawn_app().await;
    let admin = staff_session(&app, "admin").await;
    let id = |username: &'static str| {
        let app = &app;
        async move {
            let (id,): (i64,) = sqlx::query_as("SELECT id FROM staff_accounts WHERE username = $1")
                .bind(username)
                .fetch_one(app.db.reader())
                .await
                .unwrap();
            id
        }
    };
    // The leader may not also be an inspector, nor the inspector a leader.
    let leader = id("leader.qishan").await;
    let r = admin_post(
        &app,
        &admin,
        "role-add",
        format!("account={leader}&role=inspector"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let inspector = id("inspector").await;
    let r = admin_post(
        &app,
        &admin,
        "role-add",
        format!("account={inspector}&role=clerk&station=qishan"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A sworn role on an account marked as not sworn: refused; unmarking a leader too.
    let clerk = id("clerk.qishan").await;
    let r = admin_post(
        &app,
        &admin,
        "role-add",
        format!("account={clerk}&role=leader&station=qishan"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = admin_post(
        &app,
        &admin,
        "account-officer",
        format!("account={leader}&not_sworn=1"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log WHERE action IN ('role_granted', 'account_officer_changed')").await,
        0
    );
    // An account from before the rule, neither linked nor marked, works nowhere: its
    // station roles count for nothing, so it cannot see a complaint about itself.
    sqlx::query("UPDATE staff_accounts SET officer_id = NULL WHERE id = $1")
        .bind(leader)
        .execute(app.db.writer())
        .await
        .unwrap();
    let (complaint, _) =
        crate::workspace::file(&app, "complaint", Some("100007"), "10.5.1.1").await;
    let session = staff_session(&app, "leader.qishan").await;
    let (status, _) = browse(&app, &format!("/staff/cases/{complaint}"), Some(&session)).await;
    assert!(
        status.is_redirection(),
        "no role left to work with: {status}"
    );
}
