//! The staff workspace's case work over HTTP: intake, assignment, replies and notes,
//! resolution, the conflict rule, tip confidentiality, contact unmasking. Its helpers
//! (file, act, case_column) serve the other suites too.

use crate::actors::Page;
use crate::helpers::{
    TestApp, browse, count, enc, fresh_token, post_form, post_form_as, set_cookie, spawn_app,
    staff_session,
};
use crate::requests::file_one;
use app::paths;
use reqwest::StatusCode;

/// Files a request of `kind` at qishan, naming the officer with `badge` if given:
/// (reference, access code).
pub async fn file(app: &TestApp, kind: &str, badge: Option<&str>, ip: &str) -> (String, String) {
    if kind == "help" && badge.is_none() {
        return file_one(app, ip).await;
    }
    let token = fresh_token(app, "/request/new").await;
    let body = format!(
        "kind={kind}&station=qishan&subject={}&description={}&contact_phone={}&badge={}&token={token}",
        enc("一件事"),
        enc("具体情况如下。"),
        enc("139 0000 1111"),
        badge.unwrap_or(""),
    );
    let response = post_form_as(app, "/request/new", body, None, ip).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "filing a {kind}");
    let cookie = set_cookie(&response, "od_receipt").unwrap();
    let (status, html) = browse(app, "/request/receipt", Some(&cookie)).await;
    let receipt = Page::new(status, html);
    (
        receipt.text("#receipt-reference").expect("a reference"),
        receipt.text("#receipt-code").expect("an access code"),
    )
}

pub async fn account_id(app: &TestApp, username: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM staff_accounts WHERE username = $1")
        .bind(username)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    id
}

/// POSTs a case action as the holder of `cookie`.
pub async fn act(
    app: &TestApp,
    cookie: &str,
    reference: &str,
    action: &str,
    body: &str,
) -> reqwest::Response {
    post_form(
        app,
        &format!("/staff/cases/{reference}/{action}"),
        body.to_string(),
        Some(cookie),
    )
    .await
}

/// The holder of the staff cookie `by` assigns `reference` to the officer signed in as
/// `officer`.
pub async fn assign(app: &TestApp, by: &str, reference: &str, officer: &str) -> reqwest::Response {
    let assignee = account_id(app, officer).await;
    act(
        app,
        by,
        reference,
        "assign",
        &format!("assignee={assignee}"),
    )
    .await
}

pub async fn case_column(app: &TestApp, reference: &str, column: &str) -> Option<String> {
    let sql = format!("SELECT CAST({column} AS TEXT) FROM cases WHERE reference = $1");
    let (value,): (Option<String>,) = sqlx::query_as(&sql)
        .bind(reference)
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    value
}

pub(crate) async fn audit_count(app: &TestApp, action: &str) -> i64 {
    count(
        app,
        &format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'"),
    )
    .await
}

#[tokio::test]
async fn the_clerk_assigns_the_officer_answers_and_the_resident_sees_the_reply() {
    let app = spawn_app().await;
    let resident = app.resident();
    let filed = resident.file("help", "qishan", "楼道灯坏了").await;
    let reference = filed.reference.clone();
    let clerk = app.staff("clerk.qishan").await;
    let queue = |page: &Page| page.texts("a.reference");

    let intake = clerk.open("/staff/intake").await;
    assert_eq!(intake.status, StatusCode::OK);
    assert!(
        queue(&intake).contains(&reference),
        "the new request waits in the intake queue"
    );
    let filtered = clerk.open("/staff/intake?kind=tip").await;
    assert!(
        !queue(&filtered).contains(&reference),
        "the kind filter applies"
    );

    // The case page offers the office's community officer first.
    let case_page = paths::STAFF_CASE.to(&[&reference]);
    let page = clerk.open(&case_page).await;
    assert_eq!(page.status, StatusCode::OK);
    let officers = page.texts("select[name='assignee'] option");
    assert!(
        officers[1].contains("建议"),
        "the suggestion comes first: {officers:?}"
    );
    let text = page.visible_text();
    assert!(
        !text.contains("139 0000 1111") && !text.contains("0013 8000"),
        "a clerk sees no contact"
    );

    let officer_id = account_id(&app, "officer.100002").await;
    let response = clerk
        .act(&reference, "assign", &format!("assignee={officer_id}"))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], case_page.as_str());
    let page = clerk.open(&case_page).await;
    assert_eq!(page.data("status").as_deref(), Some("assigned"));
    let intake = clerk.open("/staff/intake").await;
    assert!(
        !queue(&intake).contains(&reference),
        "assigned cases leave the queue"
    );

    let officer = app.staff("officer.100002").await;
    assert!(queue(&officer.open("/staff/cases").await).contains(&reference));
    let reply = "已联系物业，今天下午修好。";
    let note = "物业电话 5550123";
    for (action, body) in [
        ("reply", format!("body={}", enc(reply))),
        ("note", format!("body={}", enc(note))),
        (
            "resolve",
            format!("outcome=resolved&summary={}", enc("灯已修好。")),
        ),
    ] {
        let response = officer.act(&reference, action, &body).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{action}");
    }
    let page = officer.open(&case_page).await;
    assert_eq!(page.data("status").as_deref(), Some("resolved"));

    // The resident sees the reply and the answer, not the internal note, and confirms.
    let track = resident.track(&filed).await;
    let tracked = paths::TRACKED.to(&[&reference]);
    let page = resident.open(&tracked, Some(&track)).await;
    let text = page.visible_text();
    assert!(text.contains(reply) && text.contains("灯已修好。"));
    assert!(!text.contains("5550123"), "internal notes stay internal");
    let feedback = paths::TRACK_FEEDBACK.to(&[&reference]);
    let response = resident
        .post(&feedback, "answer=satisfied".into(), Some(&track))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = resident.open(&tracked, Some(&track)).await;
    assert_eq!(page.data("status").as_deref(), Some("closed"));

    for action in [
        "case_assigned",
        "case_replied",
        "case_noted",
        "case_resolved",
    ] {
        assert_eq!(
            audit_count(&app, action).await,
            1,
            "{action} is in the audit log"
        );
    }
    let staff_events = count(
        &app,
        "SELECT COUNT(*) FROM case_events WHERE actor_kind = 'staff' AND actor_account_id IS NOT NULL",
    )
    .await;
    assert_eq!(
        staff_events, 4,
        "assignment, reply, note and resolution name who did them"
    );
}

#[tokio::test]
async fn an_officer_sees_and_changes_only_what_is_assigned_to_them() {
    let app = spawn_app().await;
    let (reference, _) = file(&app, "help", None, "10.1.0.2").await;
    let officer = staff_session(&app, "officer.100003").await;
    let other_station = staff_session(&app, "officer.200001").await;
    for cookie in [&officer, &other_station] {
        let (status, page) = browse(&app, &format!("/staff/cases/{reference}"), Some(cookie)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // Raw markup: nothing of the case anywhere in the response.
        assert!(!page.contains("楼道里的灯"), "nothing of the case shows");
        let response = act(&app, cookie, &reference, "reply", "body=hello").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let (status, _) = browse(&app, "/staff/intake", Some(cookie)).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "officers have no intake queue"
        );
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM case_events WHERE event_type = 'reply'"
        )
        .await,
        0
    );
    // Without a session, a case action leads to the sign-in page.
    let response = post_form(
        &app,
        &format!("/staff/cases/{reference}/reply"),
        "body=x".into(),
        None,
    )
    .await;
    assert_eq!(response.headers()["location"], "/staff/login");
    // The clerk triages but may not answer.
    let clerk = staff_session(&app, "clerk.qishan").await;
    let response = act(&app, &clerk, &reference, "reply", "body=hello").await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_tip_is_seen_only_by_the_leader_and_the_assigned_officer() {
    let app = spawn_app().await;
    let (reference, _) = file(&app, "tip", None, "10.1.0.3").await;
    let clerk = staff_session(&app, "clerk.qishan").await;
    let (_, intake) = browse(&app, "/staff/intake", Some(&clerk)).await;
    // Raw markup: the tip is nowhere in the clerk's queue.
    assert!(!intake.contains(&reference), "tips skip the clerk");
    assert_eq!(
        browse(&app, &format!("/staff/cases/{reference}"), Some(&clerk))
            .await
            .0,
        StatusCode::NOT_FOUND
    );

    let leader = staff_session(&app, "leader.qishan").await;
    let (status, intake) = browse(&app, "/staff/intake", Some(&leader)).await;
    assert!(
        Page::new(status, intake)
            .texts("a.reference")
            .contains(&reference),
        "the leader triages tips"
    );
    let response = assign(&app, &leader, &reference, "officer.100004").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let assigned = staff_session(&app, "officer.100004").await;
    assert_eq!(
        browse(&app, &format!("/staff/cases/{reference}"), Some(&assigned))
            .await
            .0,
        StatusCode::OK
    );
    let unrelated = staff_session(&app, "officer.100005").await;
    assert_eq!(
        browse(&app, &format!("/staff/cases/{reference}"), Some(&unrelated))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let (_, mine) = browse(&app, "/staff/cases", Some(&unrelated)).await;
    // Raw markup: the tip is nowhere in their list.
    assert!(!mine.contains(&reference));
    let inspector = staff_session(&app, "inspector").await;
    assert_eq!(
        browse(&app, &format!("/staff/cases/{reference}"), Some(&inspector))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_complaint_about_an_officer_is_never_assigned_to_or_seen_by_them() {
    let app = spawn_app().await;
    let (reference, _) = file(&app, "complaint", Some("100002"), "10.1.0.4").await;
    let leader = staff_session(&app, "leader.qishan").await;
    let named = account_id(&app, "officer.100002").await;
    let (status, html) = browse(&app, &format!("/staff/cases/{reference}"), Some(&leader)).await;
    assert!(
        !Page::new(status, html).has(&format!("option[value='{named}']")),
        "the named officer is not offered"
    );
    let response = act(
        &app,
        &leader,
        &reference,
        "assign",
        &format!("assignee={named}"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = Page::new(response.status(), response.text().await.unwrap());
    assert!(refused.visible_text().contains("不得是诉求所涉及的民警"));
    assert_eq!(
        case_column(&app, &reference, "assignee_account_id").await,
        None
    );

    // Even assigned behind the rules' back, the named officer does not see it.
    sqlx::query("UPDATE cases SET assignee_account_id = $1 WHERE reference = $2")
        .bind(named)
        .bind(&reference)
        .execute(app.db.writer())
        .await
        .unwrap();
    let officer = staff_session(&app, "officer.100002").await;
    assert_eq!(
        browse(&app, &format!("/staff/cases/{reference}"), Some(&officer))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let (_, mine) = browse(&app, "/staff/cases", Some(&officer)).await;
    // Raw markup: the case is nowhere in their list.
    assert!(!mine.contains(&reference));

    // It goes to the leader's and the inspectors' queues, not the clerk's.
    let clerk = staff_session(&app, "clerk.qishan").await;
    assert_eq!(
        browse(&app, &format!("/staff/cases/{reference}"), Some(&clerk))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let inspector = staff_session(&app, "inspector").await;
    let (status, queue) = browse(&app, "/staff/inspector", Some(&inspector)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        Page::new(status, queue)
            .texts("a.reference")
            .contains(&reference)
    );
    let (status, board) = browse(&app, "/staff/dashboard", Some(&leader)).await;
    let complaints =
        Page::new(status, board).texts("section[aria-labelledby='qishan-complaints'] a.reference");
    assert!(complaints.contains(&reference), "{complaints:?}");
}

#[tokio::test]
async fn contact_details_are_masked_and_every_unmasking_is_audited() {
    let app = spawn_app().await;
    let (reference, _) = file(&app, "help", None, "10.1.0.5").await;
    let leader = staff_session(&app, "leader.qishan").await;
    assign(&app, &leader, &reference, "officer.100001").await;
    let officer = staff_session(&app, "officer.100001").await;
    let (status, html) = browse(&app, &format!("/staff/cases/{reference}"), Some(&officer)).await;
    let page = Page::new(status, html);
    assert!(
        page.texts(".contact__value")
            .iter()
            .any(|value| value.contains("138****8000")),
        "masked by default"
    );
    // Raw markup: the number is nowhere in the response.
    assert!(!page.html.contains("0013"), "masked by default");
    assert_eq!(audit_count(&app, "contact_viewed").await, 0);
    let reveal = |cookie: String, reason: &str| {
        let body = format!("reason={}", enc(reason));
        let (app, reference) = (&app, &reference);
        async move { act(app, &cookie, reference, "contact", &body).await }
    };
    // A reason is required, and nothing is shown or recorded without one.
    let response = reveal(officer.clone(), "").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Raw markup, here and below: the number is nowhere in the response.
    assert!(!response.text().await.unwrap().contains("0013"));
    assert_eq!(audit_count(&app, "contact_viewed").await, 0);
    let response = reveal(officer.clone(), "回电核实灯的位置").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let page = Page::new(response.status(), response.text().await.unwrap());
    assert!(
        page.texts(".contact__value")
            .iter()
            .any(|value| value.contains("138 0013 8000")),
        "shown on request"
    );
    assert_eq!(audit_count(&app, "contact_viewed").await, 1);
    let (detail,): (String,) =
        sqlx::query_as("SELECT detail FROM audit_log WHERE action = 'contact_viewed'")
            .fetch_one(app.db.reader())
            .await
            .unwrap();
    assert_eq!(detail, "回电核实灯的位置", "the reason is in the audit log");

    // Nobody else: the leader (the case names no officer), the clerk: refused, not
    // recorded.
    let clerk = staff_session(&app, "clerk.qishan").await;
    for (cookie, who) in [(&leader, "leader"), (&clerk, "clerk")] {
        let response = reveal(cookie.clone(), "看看").await;
        assert!(
            response.status().is_client_error(),
            "{who}: {}",
            response.status()
        );
        assert!(!response.text().await.unwrap().contains("0013"), "{who}");
    }
    assert_eq!(audit_count(&app, "contact_viewed").await, 1);
}

#[tokio::test]
async fn refused_actions_keep_the_typing_and_change_nothing() {
    let app = spawn_app().await;
    let (reference, _) = file(&app, "help", None, "10.1.0.6").await;
    let leader = staff_session(&app, "leader.qishan").await;
    let events = count(&app, "SELECT COUNT(*) FROM case_events").await;

    let response = act(&app, &leader, &reference, "reply", "body=%20%20").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = Page::new(response.status(), response.text().await.unwrap());
    assert!(refused.visible_text().contains("请填写内容"));

    let summary = "经核实，<script>alert(1)</script> 该路段不属我所辖区。";
    let body = format!("outcome=unresolvable&summary={}", enc(summary));
    let response = act(&app, &leader, &reference, "resolve", &body).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = Page::new(response.status(), response.text().await.unwrap());
    assert!(refused.visible_text().contains("请说明原因"));
    // Raw markup: the typed text comes back escaped.
    assert!(
        refused
            .html
            .contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "typed text comes back, escaped"
    );
    assert!(!refused.html.contains("<script>alert(1)"));

    let response = act(&app, &leader, &reference, "assign", "assignee=999999").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = act(&app, &leader, &reference, "delete", "").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = act(&app, &leader, "KM-2026-999999", "note", "body=x").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = act(&app, &leader, "not-a-reference", "note", "body=x").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = post_form(
        &app,
        &format!("/staff/cases/{reference}/note"),
        "body=%FF%FE".into(),
        Some(&leader),
    )
    .await;
    assert!(
        response.status().is_client_error(),
        "invalid UTF-8: {}",
        response.status()
    );

    assert_eq!(
        case_column(&app, &reference, "status").await.as_deref(),
        Some("new")
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM case_events").await,
        events
    );
}
