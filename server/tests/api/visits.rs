//! Household visits (走访): logging, turning opinions into cases, the household rating the
//! visit with a code the officer shows, campaigns.

use crate::actors::Page;
use crate::helpers::{browse, count, enc, post_form, spawn_app, staff_session};
use reqwest::StatusCode;

fn today() -> String {
    app::calendar::format_date(app::calendar::local_date(app::db::now_millis()))
}

async fn opinion_ids(app: &crate::helpers::TestApp) -> Vec<i64> {
    let rows: Vec<(i64,)> = sqlx::query_as("SELECT id FROM visit_opinions ORDER BY id")
        .fetch_all(app.db.reader())
        .await
        .unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}

#[tokio::test]
async fn an_officer_logs_a_visit_turns_what_was_heard_into_a_case_and_shows_a_code_to_rate_it() {
    let app = spawn_app().await;
    let officer = staff_session(&app, "officer.100001").await;
    let body = format!(
        "visited_on={}&household={}&opinions={}&notes=",
        today(),
        enc("东街 3 号"),
        enc("楼下路灯坏了\n民警态度不太好")
    );
    let response = post_form(&app, "/staff/visits", body, Some(&officer)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, html) = browse(&app, "/staff/visits", Some(&officer)).await;
    assert_eq!(status, StatusCode::OK);
    let text = Page::new(status, html).visible_text();
    assert!(text.contains("东街 3 号") && text.contains("楼下路灯坏了"));
    let ids = opinion_ids(&app).await;
    assert_eq!(ids.len(), 2);

    // Another officer cannot touch these opinions.
    let other = staff_session(&app, "officer.100002").await;
    let response = post_form(
        &app,
        &format!("/staff/visits/opinions/{}/case", ids[0]),
        "kind=help".into(),
        Some(&other),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    let response = post_form(
        &app,
        &format!("/staff/visits/opinions/{}/case", ids[0]),
        "kind=help".into(),
        Some(&officer),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let page = Page::new(response.status(), response.text().await.unwrap());
    assert!(page.visible_text().contains("诉求已建立"));
    let (reference,): (String,) = sqlx::query_as("SELECT reference FROM cases WHERE kind = 'help'")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    assert_eq!(
        page.text("#slip-reference").as_deref(),
        Some(reference.as_str()),
        "the reference is shown to hand over"
    );
    let clerk = staff_session(&app, "clerk.qishan").await;
    let (status, html) = browse(&app, "/staff/intake", Some(&clerk)).await;
    assert!(
        Page::new(status, html)
            .texts("a.reference")
            .contains(&reference)
    );
    let again = post_form(
        &app,
        &format!("/staff/visits/opinions/{}/case", ids[0]),
        "kind=help".into(),
        Some(&officer),
    )
    .await;
    assert_eq!(
        again.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "one opinion, one case"
    );

    // The officer may no longer type the household's rating: that address is gone.
    let response = post_form(
        &app,
        &format!("/staff/visits/opinions/{}/rating", ids[1]),
        "level=5".into(),
        Some(&officer),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM ratings").await, 0);
    let page = Page::new(
        StatusCode::OK,
        browse(&app, "/staff/visits", Some(&officer)).await.1,
    );
    assert!(
        !page.has("select[name='level']"),
        "no form rates for the resident"
    );

    // He shows the household a visit code instead; the resident rates on their own phone.
    let response = post_form(
        &app,
        "/staff/code",
        "service_type=community_visit".into(),
        Some(&officer),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let shown = Page::new(response.status(), response.text().await.unwrap());
    let code = shown.text("#shown-code").expect("the code is shown");
    assert!(shown.has(".qr svg"), "with its QR code");
    let token = crate::helpers::fresh_token(&app, &format!("/rate/{code}")).await;
    let response = post_form(
        &app,
        &format!("/rate/{code}"),
        format!("level=2&token={token}"),
        None,
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (channel, verified, level, badge): (String, i64, i64, String) = sqlx::query_as(
        "SELECT r.channel, r.verified, r.level, o.badge FROM ratings r JOIN officers o ON o.id = r.officer_id",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(
        (channel.as_str(), verified, level, badge.as_str()),
        ("visit", 1, 2, "100001"),
        "a visit rating, made by the resident, counted apart"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM cases WHERE kind = 'rating_review'"
        )
        .await,
        1,
        "a 差评 is reviewed"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action IN ('visit_logged', 'opinion_to_case')"
        )
        .await,
        2
    );
    // The case was opened through the pipeline, which audits a staff opening by name.
    let (actor, object): (String, String) =
        sqlx::query_as("SELECT actor, object_id FROM audit_log WHERE action = 'opinion_to_case'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(actor, "officer.100001");
    assert!(object.starts_with("KM-"), "the case's reference: {object}");
}

#[tokio::test]
async fn a_visit_needs_a_past_day_and_a_household_and_only_officers_log_them() {
    let app = spawn_app().await;
    let officer = staff_session(&app, "officer.100001").await;
    let response = post_form(
        &app,
        "/staff/visits",
        "visited_on=2999-01-01&household=x".into(),
        Some(&officer),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = post_form(
        &app,
        "/staff/visits",
        format!("visited_on={}&household=", today()),
        Some(&officer),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = Page::new(response.status(), response.text().await.unwrap());
    assert!(refused.visible_text().contains("请填写走访的住户或地址"));
    let clerk = staff_session(&app, "clerk.qishan").await;
    let response = post_form(
        &app,
        "/staff/visits",
        format!("visited_on={}&household=x", today()),
        Some(&clerk),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM visits").await, 0);
}

#[tokio::test]
async fn a_leader_runs_a_campaign_and_sees_each_officers_progress() {
    let app = spawn_app().await;
    let leader = staff_session(&app, "leader.qishan").await;
    let start = today();
    let end = app::calendar::format_date(app::calendar::local_date(
        app::db::now_millis() + 30 * 86_400_000,
    ));
    let body = format!(
        "station=qishan&title={}&starts_on={start}&ends_on={end}&target=2",
        enc("开门评警冬季走访")
    );
    let response = post_form(&app, "/staff/campaigns", body.clone(), Some(&leader)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let clerk = staff_session(&app, "clerk.qishan").await;
    let response = post_form(&app, "/staff/campaigns", body, Some(&clerk)).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let bad = format!("station=qishan&title=x&starts_on={end}&ends_on={start}&target=2");
    let response = post_form(&app, "/staff/campaigns", bad, Some(&leader)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM campaigns").await, 1);

    let (id,): (i64,) = sqlx::query_as("SELECT id FROM campaigns")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let officer = staff_session(&app, "officer.100003").await;
    let (status, html) = browse(&app, "/staff/visits", Some(&officer)).await;
    let offered = Page::new(status, html).texts("select[name='campaign'] option");
    assert!(
        offered.iter().any(|title| title == "开门评警冬季走访"),
        "the running campaign is offered: {offered:?}"
    );
    let visit = format!("visited_on={start}&household=a&campaign={id}");
    assert_eq!(
        post_form(&app, "/staff/visits", visit, Some(&officer))
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let (status, html) = browse(&app, "/staff/campaigns", Some(&leader)).await;
    assert_eq!(status, StatusCode::OK);
    let page = Page::new(status, html);
    assert_eq!(
        page.text("td[data-badge='100003']").as_deref(),
        Some("1 / 2"),
        "progress"
    );
    // Another station's officer cannot log into this campaign.
    let elsewhere = staff_session(&app, "officer.200001").await;
    let visit = format!("visited_on={start}&household=b&campaign={id}");
    assert_eq!(
        post_form(&app, "/staff/visits", visit, Some(&elsewhere))
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn a_visit_opened_request_prints_its_code_once_and_its_feedback_counts_apart() {
    let app = spawn_app().await;
    let officer = staff_session(&app, "officer.100001").await;
    let body = format!(
        "visited_on={}&household={}&opinions={}&notes=",
        today(),
        enc("西街 8 号"),
        enc("巷口没有路灯")
    );
    post_form(&app, "/staff/visits", body, Some(&officer)).await;
    let id = opinion_ids(&app).await[0];
    let response = post_form(
        &app,
        &format!("/staff/visits/opinions/{id}/case"),
        "kind=help".into(),
        Some(&officer),
    )
    .await;
    let page = Page::new(response.status(), response.text().await.unwrap());
    let grab = |id: &str| {
        page.text(&format!("#{id}"))
            .unwrap_or_else(|| panic!("{id}"))
    };
    let (reference, code) = (grab("slip-reference"), grab("slip-code"));
    assert!(page.has(".visit-slip"), "a slip to print for the resident");
    // Never again: the visits page does not show it (raw markup: nowhere in it).
    let (_, html) = browse(&app, "/staff/visits", Some(&officer)).await;
    assert!(!html.contains(&code));

    // Resolved and answered 满意: counted apart from the requests residents filed.
    let key = app::audit::AuditKey::new(crate::helpers::AUDIT_KEY).unwrap();
    let calendar = app::calendar::server::load(app.db.reader()).await.unwrap();
    app::cases::tracking_server::resolve_case(
        &app.db,
        &key,
        &calendar,
        "test",
        &app::cases::Reference::parse(&reference).unwrap(),
        app::cases::tracking_server::Resolution {
            outcome: app::cases::Outcome::Resolved,
            summary: "已装路灯。",
            referral: None,
        },
        app::db::now_millis(),
    )
    .await
    .unwrap();
    let track = crate::tracking::open(&app, &reference, &code).await;
    post_form(
        &app,
        &format!("/track/{reference}/feedback"),
        "answer=satisfied".into(),
        Some(&track),
    )
    .await;
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT measure, item, cases FROM case_rollups WHERE measure LIKE 'feedback%' AND cases <> 0",
    )
    .fetch_all(app.db.reader())
    .await
    .unwrap();
    assert_eq!(
        rows,
        vec![("feedback_visit".to_string(), "satisfied".to_string(), 1)]
    );
    // And the rebuild agrees.
    let before = app::reports::rollups::dump(&app.db).await.unwrap();
    app::reports::rollups::rebuild(&app.db).await.unwrap();
    assert_eq!(app::reports::rollups::dump(&app.db).await.unwrap(), before);
}
