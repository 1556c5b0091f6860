//! Issue 12, nothing silently dropped: a case closed as not genuine says why and may be
//! objected to once (the inspectors review it); a merged case shows the one it goes on
//! in; a bad rating's review can be followed and answered like any request; a case not
//! taken up within a working day is flagged and escalated.

use crate::actors::Page;
use crate::helpers::{
    TestApp, browse, enc, fresh_token, post_form, post_form_as, set_cookie, spawn_app,
    staff_session,
};
use crate::tracking::{case_page, open};
use crate::workspace::{act, assign, case_column, file};
use app::paths;
use reqwest::StatusCode;

async fn post_with(app: &TestApp, path: &str, body: &str, cookie: &str) -> reqwest::Response {
    post_form(app, path, body.to_string(), Some(cookie)).await
}

#[tokio::test]
async fn a_case_closed_as_not_genuine_says_why_and_the_residents_objection_reaches_the_inspectors()
{
    let app = spawn_app().await;
    let resident = app.resident();
    let filed = resident.file("question", "qishan", "一件事").await;
    let reference = filed.reference.clone();
    let clerk = app.staff("clerk.qishan").await;
    let reason = format!("reason={}", enc("内容与公安工作无关"));
    assert_eq!(
        clerk.act(&reference, "hide", &reason).await.status(),
        StatusCode::SEE_OTHER
    );

    let staff_case = paths::STAFF_CASE.to(&[&reference]);
    assert!(clerk.open(&staff_case).await.has("dd.status[data-hidden]"));

    let track = resident.track(&filed).await;
    let case_page = paths::TRACKED.to(&[&reference]);
    let object = paths::TRACK_OBJECT.to(&[&reference]);
    let page = resident.open(&case_page, Some(&track)).await;
    assert_eq!(page.text(".status").as_deref(), Some("已关闭：非有效诉求"));
    assert!(page.visible_text().contains("内容与公安工作无关"));
    assert!(page.forms().contains(&("post".to_string(), object.clone())));
    // Inspectors see every case closed this way: who, when, why.
    let inspector = app.staff("inspector").await;
    let in_section = |page: &Page, id: &str| {
        page.text(&format!("section[aria-labelledby='{id}-heading']"))
            .unwrap_or_default()
    };
    let hidden = in_section(&inspector.open("/staff/inspector").await, "hidden");
    assert!(hidden.contains(&reference) && hidden.contains("内容与公安工作无关"));

    // Objecting needs the tracking cookie, and works once.
    let stranger = app.resident().post(&object, String::new(), None).await;
    assert_eq!(stranger.status(), StatusCode::SEE_OTHER);
    let page = resident.open(&case_page, Some(&track)).await;
    assert!(
        page.forms().contains(&("post".to_string(), object.clone())),
        "not objected yet"
    );
    let objecting = resident.post(&object, String::new(), Some(&track)).await;
    assert_eq!(objecting.status(), StatusCode::SEE_OTHER);
    resident.post(&object, String::new(), Some(&track)).await;
    let objections: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM audit_log WHERE action = 'case_objection'")
            .fetch_all(app.db.reader())
            .await
            .unwrap();
    assert_eq!(objections.len(), 1, "once");
    let page = resident.open(&case_page, Some(&track)).await;
    assert!(page.visible_text().contains("督察将审核"));
    assert!(!page.forms().iter().any(|(_, action)| *action == object));
    let queue = inspector.open("/staff/inspector").await;
    assert!(in_section(&queue, "awaiting").contains(&reference));
    // The clerk may not decide it; the inspectors restore it, and it is worked again.
    let restore = format!("decision=approve&note={}", enc("确属真实诉求"));
    assert!(
        clerk
            .act(&reference, "decide", &restore)
            .await
            .status()
            .is_client_error()
    );
    assert_eq!(
        inspector.act(&reference, "decide", &restore).await.status(),
        StatusCode::SEE_OTHER
    );
    let page = resident.open(&case_page, Some(&track)).await;
    assert_eq!(page.data("status").as_deref(), Some("reopened"));
    assert!(page.visible_text().contains("经督察审核，恢复办理"));
    let staff_page = clerk.open(&staff_case).await;
    assert_eq!(staff_page.status, StatusCode::OK);
    assert!(
        !staff_page.has("dd.status[data-hidden]"),
        "no longer hidden"
    );
}

#[tokio::test]
async fn a_merged_request_shows_the_one_it_continues_in_with_its_replies() {
    let app = spawn_app().await;
    let (kept, _) = file(&app, "help", None, "10.6.1.1").await;
    let (merged, code) = file(&app, "help", None, "10.6.1.2").await;
    let clerk = staff_session(&app, "clerk.qishan").await;
    act(&app, &clerk, &merged, "merge", &format!("into={kept}")).await;
    let leader = staff_session(&app, "leader.qishan").await;
    let reply = format!("body={}", enc("明天派人修灯。"));
    assert_eq!(
        act(&app, &leader, &kept, "reply", &reply).await.status(),
        StatusCode::SEE_OTHER
    );
    let track = open(&app, &merged, &code).await;
    let page = case_page(&app, &merged, &track).await;
    assert_eq!(
        page.data("continues-in").as_deref(),
        Some(kept.as_str()),
        "{}",
        page.visible_text()
    );
    let continued = page
        .text("section[aria-labelledby='continues-heading']")
        .unwrap_or_default();
    assert!(
        continued.contains("明天派人修灯。"),
        "the reply of the case it continues in: {continued}"
    );
}

#[tokio::test]
async fn a_bad_rating_gives_a_code_to_follow_its_review_and_answer_the_outcome() {
    let app = spawn_app().await;
    let token = fresh_token(&app, "/o/100001").await;
    let body = format!(
        "token={token}&level=2&service_type=counter&problems=slow&comment={}",
        enc("等了两小时")
    );
    let response = post_form_as(&app, "/o/100001", body, None, "10.6.2.1").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let review = set_cookie(&response, "od_review").expect("the review's code, once");
    assert!(
        !location.contains(review.split(':').nth(1).unwrap()),
        "never in the URL"
    );
    let (status, html) = browse(&app, &location, Some(&review)).await;
    let page = Page::new(status, html);
    let grab = |id: &str| {
        page.text(&format!("#{id}"))
            .unwrap_or_else(|| panic!("{id} in {}", page.visible_text()))
    };
    let (reference, code) = (grab("review-reference"), grab("review-code"));
    // Once: the page again shows the reference, not the code.
    let again = app.resident().open(&location, None).await;
    assert_eq!(
        again.text("#review-reference").as_deref(),
        Some(reference.as_str())
    );
    assert!(!again.has("#review-code"));
    // Raw markup: the code is nowhere in the response.
    assert!(!again.html.contains(&code));

    // The review, under oversight (it is about officer 100001), resolved by the
    // inspectors with a finding; the resident follows it and answers.
    let track = open(&app, &reference, &code).await;
    let inspector = staff_session(&app, "inspector").await;
    let resolve = format!(
        "outcome=resolved&summary={}&finding=substantiated",
        enc("已批评教育，优化窗口排队。")
    );
    assert_eq!(
        act(&app, &inspector, &reference, "resolve", &resolve)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let page = case_page(&app, &reference, &track).await;
    assert!(page.visible_text().contains("已批评教育"));
    assert!(page.has("button[name='answer']"));
    let feedback = format!("/track/{reference}/feedback");
    assert_eq!(
        post_with(&app, &feedback, "answer=basically_satisfied", &track)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        case_column(&app, &reference, "satisfaction")
            .await
            .as_deref(),
        Some("basically_satisfied")
    );
}

#[tokio::test]
async fn a_case_not_taken_up_within_a_working_day_is_flagged_and_escalated() {
    let app = spawn_app().await;
    let (placed, code) = file(&app, "help", None, "10.6.3.1").await;
    let token = fresh_token(&app, "/request/new").await;
    let body = format!(
        "kind=question&station=&subject={}&description={}&token={token}",
        enc("问路"),
        enc("请问办证地点。")
    );
    let response = post_form_as(&app, "/request/new", body, None, "10.6.3.2").await;
    let receipt = set_cookie(&response, "od_receipt").unwrap();
    let unplaced = receipt.split(['=', ':']).nth(1).unwrap().to_string();
    let (taken, _) = file(&app, "help", None, "10.6.3.3").await;
    let leader = staff_session(&app, "leader.qishan").await;
    assign(&app, &leader, &taken, "officer.100001").await;
    // The resident sees the day it is to be taken up by.
    let track = open(&app, &placed, &code).await;
    let ack_due = case_column(&app, &placed, "ack_due_on").await.unwrap();
    assert_eq!(
        case_page(&app, &placed, &track).await.data("ack-due"),
        Some(ack_due)
    );

    // Four days on, nothing has happened to two of them.
    let key = app::audit::AuditKey::new(crate::helpers::AUDIT_KEY).unwrap();
    let later = app::db::now_millis() + 4 * 24 * 3600 * 1000;
    let flagged = app::cases::deadlines::mark_not_taken_up(&app.db, &key, later)
        .await
        .unwrap();
    assert_eq!(flagged, 2);
    assert_eq!(
        case_column(&app, &placed, "ack_overdue").await.as_deref(),
        Some("1")
    );
    assert_eq!(
        case_column(&app, &placed, "escalation_level")
            .await
            .as_deref(),
        Some("1")
    );
    assert_eq!(
        case_column(&app, &taken, "ack_overdue").await.as_deref(),
        Some("0")
    );
    assert!(
        case_page(&app, &placed, &track)
            .await
            .visible_text()
            .contains("未按时受理")
    );
    // Once only; and bureau intake has its own overdue view.
    assert_eq!(
        app::cases::deadlines::mark_not_taken_up(&app.db, &key, later)
            .await
            .unwrap(),
        0
    );
    let intake = staff_session(&app, "intake").await;
    let (status, html) = browse(&app, "/staff/intake", Some(&intake)).await;
    let overdue = Page::new(status, html)
        .texts("section[aria-labelledby='intake-overdue-heading'] a.reference");
    assert!(overdue.contains(&unplaced), "{overdue:?}");
}
