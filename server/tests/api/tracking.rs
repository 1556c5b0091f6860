//! Following a request at `/track`, and the resident's answer after its resolution.

use crate::actors::Page;
use crate::helpers::{TestApp, post_form, post_form_as, set_cookie, spawn_app};
use crate::requests::file_one;
use app::calendar::{format_date, local_date};
use app::cases::tracking_server::{Resolution, resolve_case};
use app::cases::{Outcome, Reference};
use app::paths;
use reqwest::StatusCode;

/// Opens the case through the form: the tracking cookie.
pub async fn open(app: &TestApp, reference: &str, code: &str) -> String {
    let response = post_form(
        app,
        "/track",
        format!("reference={reference}&code={code}"),
        None,
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()["location"],
        format!("/track/{reference}").as_str()
    );
    set_cookie(&response, "od_track").expect("the tracking cookie")
}

/// The case's tracking page, as its holder sees it.
pub async fn case_page(app: &TestApp, reference: &str, cookie: &str) -> Page {
    let response = app
        .get_with_cookie(&format!("/track/{reference}"), cookie)
        .await;
    Page::new(response.status(), response.text().await.unwrap())
}

pub async fn resolve(app: &TestApp, reference: &str, summary: &str) {
    let resolution = Resolution {
        outcome: Outcome::Resolved,
        summary,
        referral: None,
    };
    let key = app::audit::AuditKey::new(crate::helpers::AUDIT_KEY).unwrap();
    let calendar = app::calendar::server::load(app.db.reader()).await.unwrap();
    resolve_case(
        &app.db,
        &key,
        &calendar,
        "test",
        &Reference::parse(reference).unwrap(),
        resolution,
        app::db::now_millis(),
    )
    .await
    .unwrap();
}

async fn answer(app: &TestApp, reference: &str, cookie: &str, answer: &str) -> reqwest::Response {
    post_form(
        app,
        &format!("/track/{reference}/feedback"),
        format!("answer={answer}"),
        Some(cookie),
    )
    .await
}

async fn state(app: &TestApp, reference: &str) -> (String, Option<String>, i64, i64) {
    sqlx::query_as("SELECT status, satisfaction, reopen_count, escalation_level FROM cases WHERE reference = $1")
        .bind(reference)
        .fetch_one(app.db.reader())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_receipt_opens_the_timeline_with_the_due_date_in_working_days() {
    let app = spawn_app().await;
    let (reference, code) = file_one(&app, "10.4.0.1").await;
    let cookie = open(&app, &reference, &code.to_lowercase()).await;
    let response = app
        .get_with_cookie(&format!("/track/{reference}"), &cookie)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let page = Page::new(response.status(), response.text().await.unwrap());
    let text = page.visible_text();
    for expected in [
        reference.as_str(),
        "求助",
        "楼道灯坏了",
        "祁山派出所",
        // Filed, not yet taken up: said so, with the day it is to be taken up by.
        "已提交，待受理",
        "受理时限",
        "答复期限",
        "个工作日",
    ] {
        assert!(text.contains(expected), "{expected} missing");
    }
    // 求助 is due 5 working days after filing, by the holiday calendar.
    let calendar = app::calendar::server::load(app.db.reader()).await.unwrap();
    let due = calendar.add_working_days(local_date(app::db::now_millis()), 5);
    assert!(text.contains(&format_date(due)), "due {due}");
    // Never the contact details (raw markup: nowhere in the response).
    assert!(!page.html.contains("138 0013 8000"));

    // Without the cookie, the page asks for the code and shows nothing of the case.
    let page = app
        .resident()
        .open(&format!("/track/{reference}"), None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.forms()
            .contains(&("post".to_string(), "/track".to_string()))
    );
    // Raw markup: nothing of the case anywhere in the response.
    assert!(!page.html.contains("楼道灯坏了"));
}

#[tokio::test]
async fn a_wrong_code_and_an_unknown_reference_get_the_same_answer() {
    let app = spawn_app().await;
    let (reference, _) = file_one(&app, "10.4.0.2").await;
    let unknown = "KM-2026-999999";
    let wrong_code = post_form(
        &app,
        "/track",
        format!("reference={reference}&code=ABCDEFGHJK"),
        None,
    )
    .await;
    let no_such = post_form(
        &app,
        "/track",
        format!("reference={unknown}&code=ABCDEFGHJK"),
        None,
    )
    .await;
    let malformed = post_form(&app, "/track", format!("reference={unknown}&code=x"), None).await;
    assert_eq!(wrong_code.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(no_such.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(malformed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(set_cookie(&wrong_code, "od_track").is_none());
    let normalise = |html: String, reference: &str| {
        let html = html.replace(reference, "REF");
        // The nonce differs per response (leptos also puts it in `crossorigin`).
        let nonce = html
            .split("nonce=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap()
            .to_string();
        html.replace(&nonce, "NONCE")
    };
    let a = normalise(wrong_code.text().await.unwrap(), &reference);
    let b = normalise(no_such.text().await.unwrap(), unknown);
    assert_eq!(a, b);
    let refused = Page::new(StatusCode::UNPROCESSABLE_ENTITY, a.clone());
    assert!(refused.visible_text().contains("编号或查询码不正确"));
    // Raw markup: the code is nowhere in the response, not even in a field.
    assert!(!a.contains("ABCDEFGHJK"), "the code is not echoed");
}

#[tokio::test]
async fn tracking_attempts_are_rate_limited() {
    let app = spawn_app().await;
    let (reference, code) = file_one(&app, "10.4.0.3").await;
    for n in 0..20 {
        let response = post_form_as(
            &app,
            "/track",
            format!("reference={reference}&code=0000000{n:03}"),
            None,
            "10.4.9.9",
        )
        .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "attempt {n}"
        );
    }
    let response = post_form_as(
        &app,
        "/track",
        format!("reference={reference}&code={code}"),
        None,
        "10.4.9.9",
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right code waits"
    );
    assert!(response.headers().contains_key("retry-after"));
    let response = post_form_as(
        &app,
        "/track",
        format!("reference={reference}&code={code}"),
        None,
        "10.4.9.8",
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_satisfied_answer_closes_the_case() {
    let app = spawn_app().await;
    let resident = app.resident();
    let filed = resident.file("help", "qishan", "路灯坏了").await;
    let track = resident.track(&filed).await;
    let case_page = paths::TRACKED.to(&[&filed.reference]);
    let feedback = paths::TRACK_FEEDBACK.to(&[&filed.reference]);
    let answer = |answer: &str| resident.post(&feedback, format!("answer={answer}"), Some(&track));
    let status = |page: &Page| (page.data("status"), page.data("answer"));

    // Not resolved yet: an answer changes nothing.
    assert_eq!(answer("satisfied").await.status(), StatusCode::SEE_OTHER);
    let page = resident.open(&case_page, Some(&track)).await;
    assert_eq!(status(&page), (Some("new".into()), None));

    resolve(&app, &filed.reference, "灯已换好。").await;
    let page = resident.open(&case_page, Some(&track)).await;
    assert!(page.visible_text().contains("灯已换好。"));
    assert!(page.has("form button[name='answer'][value='satisfied']"));
    assert_eq!(answer("satisfied").await.status(), StatusCode::SEE_OTHER);
    let page = resident.open(&case_page, Some(&track)).await;
    assert_eq!(
        status(&page),
        (Some("closed".into()), Some("satisfied".into()))
    );
    assert_eq!(page.text(".status").as_deref(), Some("已办结"));
    assert!(!page.has("[name='answer']"));

    // A second tap changes nothing; without the tracking cookie nobody can answer.
    answer("dissatisfied").await;
    let stranger = app.resident();
    stranger
        .post(&feedback, "answer=dissatisfied".into(), None)
        .await;
    let page = resident.open(&case_page, Some(&track)).await;
    assert_eq!(
        status(&page),
        (Some("closed".into()), Some("satisfied".into()))
    );
}

#[tokio::test]
async fn dissatisfied_reopens_once_for_the_leader_then_goes_to_the_inspector() {
    let app = spawn_app().await;
    let (reference, code) = file_one(&app, "10.4.0.5").await;
    let cookie = open(&app, &reference, &code).await;

    resolve(&app, &reference, "已联系物业。").await;
    answer(&app, &reference, &cookie, "dissatisfied").await;
    assert_eq!(
        state(&app, &reference).await,
        ("reopened".into(), None, 1, 1)
    );
    let page = case_page(&app, &reference, &cookie).await;
    let text = page.visible_text();
    assert!(text.contains("已提交所长督办"));
    assert!(
        !text.contains("办理结果"),
        "no outcome until resolved again"
    );
    let timeline = page
        .text("section[aria-labelledby='timeline-heading']")
        .unwrap_or_default();
    assert!(
        timeline.contains("已联系物业。"),
        "the earlier answer stays in the timeline: {timeline}"
    );

    resolve(&app, &reference, "所长已督促物业修复。").await;
    answer(&app, &reference, &cookie, "dissatisfied").await;
    assert_eq!(
        state(&app, &reference).await,
        ("reopened".into(), None, 2, 2)
    );
    let page = case_page(&app, &reference, &cookie).await;
    assert!(page.visible_text().contains("已提交督察部门"));

    resolve(&app, &reference, "督察核实后答复。").await;
    answer(&app, &reference, &cookie, "dissatisfied").await;
    assert_eq!(
        state(&app, &reference).await,
        ("closed".into(), Some("dissatisfied".into()), 2, 2)
    );
}

#[tokio::test]
async fn an_answer_needs_the_tracking_cookie_and_a_known_answer() {
    let app = spawn_app().await;
    let (reference, code) = file_one(&app, "10.4.0.6").await;
    resolve(&app, &reference, "已处理。").await;
    let response = post_form(
        &app,
        &format!("/track/{reference}/feedback"),
        "answer=satisfied".into(),
        None,
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let forged = format!("od_track={reference}:ABCDEFGHJK");
    answer(&app, &reference, &forged, "satisfied").await;
    assert_eq!(state(&app, &reference).await.0, "resolved");

    let cookie = open(&app, &reference, &code).await;
    let response = answer(&app, &reference, &cookie, "delighted").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(state(&app, &reference).await.0, "resolved");
}
