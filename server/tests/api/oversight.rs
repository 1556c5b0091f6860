//! Issue 12, "nobody can bury a complaint": what a leader would try against a complaint
//! about one of their own officers, the approvals that closing a complaint needs, and a
//! complaint about the leader, which only the inspectors handle. Each attempt is made
//! over HTTP as the person who wants it, and checked through what staff and the
//! resident then see.

use crate::actors::Page;
use crate::helpers::{TestApp, browse, enc, spawn_app, staff_session};
use crate::tracking::{case_page, open};
use crate::workspace::{act, assign, case_column, file};
use reqwest::StatusCode;

/// Whose approval the case's pending change waits for, if any.
async fn awaiting(app: &TestApp, reference: &str) -> Option<String> {
    case_column(app, reference, "pending_awaiting").await
}

async fn in_inspector_queue(app: &TestApp, inspector: &str, reference: &str) -> bool {
    let (status, html) = browse(app, "/staff/inspector", Some(inspector)).await;
    assert_eq!(status, StatusCode::OK);
    Page::new(status, html)
        .texts("a.reference")
        .iter()
        .any(|listed| listed == reference)
}

/// Sends the pending change back, as the inspectors.
async fn send_back(app: &TestApp, inspector: &str, reference: &str) {
    let response = act(
        app,
        inspector,
        reference,
        "decide",
        "decision=return&note=no",
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(awaiting(app, reference).await, None);
}

#[tokio::test]
async fn a_leader_cannot_bury_a_complaint_about_their_own_officer() {
    let app = spawn_app().await;
    let (complaint, _) = file(&app, "complaint", Some("100002"), "10.7.0.1").await;
    let (other, _) = file(&app, "help", None, "10.7.0.2").await;
    let leader = staff_session(&app, "leader.qishan").await;
    let inspector = staff_session(&app, "inspector").await;
    assert!(in_inspector_queue(&app, &inspector, &complaint).await);

    // Each way out of the inspectors' sight is held for their approval.
    let attempts = [
        ("classify", "kind=help".to_string()),
        ("hide", format!("reason={}", enc("重复投诉"))),
        ("merge", format!("into={other}")),
        (
            "resolve",
            format!(
                "outcome=explained&summary={}&finding=unsubstantiated",
                enc("经核实不属实。")
            ),
        ),
    ];
    for (action, body) in &attempts {
        let response = act(&app, &leader, &complaint, action, body).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{action}");
        assert_eq!(
            awaiting(&app, &complaint).await.as_deref(),
            Some("inspector"),
            "{action} waits for the inspectors"
        );
        assert_eq!(
            case_column(&app, &complaint, "kind").await.as_deref(),
            Some("complaint")
        );
        assert_eq!(
            case_column(&app, &complaint, "hidden").await.as_deref(),
            Some("0")
        );
        assert_eq!(case_column(&app, &complaint, "merged_into_id").await, None);
        assert_ne!(
            case_column(&app, &complaint, "status").await.as_deref(),
            Some("resolved"),
            "{action}"
        );
        assert!(
            in_inspector_queue(&app, &inspector, &complaint).await,
            "{action}"
        );
        // One proposal at a time: another attempt meanwhile is refused.
        let again = act(&app, &leader, &complaint, "classify", "kind=suggestion").await;
        assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY, "{action}");
        // The leader cannot approve their own proposal.
        let decided = act(&app, &leader, &complaint, "decide", "decision=approve").await;
        assert_eq!(
            decided.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{action}"
        );
        send_back(&app, &inspector, &complaint).await;
    }
    // Nor does anyone else at the station get near it.
    let clerk = staff_session(&app, "clerk.qishan").await;
    let named = staff_session(&app, "officer.100002").await;
    for cookie in [&clerk, &named] {
        let (status, _) = browse(&app, &format!("/staff/cases/{complaint}"), Some(cookie)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    // Approved, a reclassification still leaves it under oversight: in the inspectors'
    // queue and out of the open data.
    act(&app, &leader, &complaint, "classify", "kind=help").await;
    let response = act(&app, &inspector, &complaint, "decide", "decision=approve").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        case_column(&app, &complaint, "kind").await.as_deref(),
        Some("help")
    );
    assert!(in_inspector_queue(&app, &inspector, &complaint).await);
    let (_, open_data) = app.get_page("/open311/v2/requests.json").await;
    assert!(!open_data.contains(&complaint), "{open_data}");
    assert_eq!(
        browse(&app, &format!("/staff/cases/{complaint}"), Some(&clerk))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    // The timeline keeps every proposal and decision, internal to staff.
    let (status, html) = browse(&app, &format!("/staff/cases/{complaint}"), Some(&inspector)).await;
    let kinds = Page::new(status, html)
        .texts("section[aria-labelledby='timeline-heading'] .timeline__kind");
    assert!(
        kinds.iter().filter(|kind| *kind == "提请审批").count() >= 5,
        "{kinds:?}"
    );
    assert!(
        kinds.iter().any(|kind| kind == "审批退回") && kinds.iter().any(|kind| kind == "审批同意"),
        "{kinds:?}"
    );
}

#[tokio::test]
async fn an_officers_resolution_of_a_complaint_waits_for_the_leader_and_a_finding() {
    let app = spawn_app().await;
    // A complaint about the station itself: no officer named, the leader's to approve.
    let (reference, code) = file(&app, "complaint", None, "10.7.1.1").await;
    let leader = staff_session(&app, "leader.qishan").await;
    assign(&app, &leader, &reference, "officer.100003").await;
    let officer = staff_session(&app, "officer.100003").await;
    let resolve = format!("outcome=resolved&summary={}", enc("已整改窗口排队问题。"));
    let response = act(&app, &officer, &reference, "resolve", &resolve).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(awaiting(&app, &reference).await.as_deref(), Some("leader"));
    // The resident hears nothing yet: not resolved, no outcome, no answer asked.
    let cookie = open(&app, &reference, &code).await;
    let page = case_page(&app, &reference, &cookie).await;
    // Raw markup: the proposed outcome is nowhere in the resident's response.
    assert!(!page.html.contains("已整改窗口排队问题"));
    assert!(!page.has("[name='answer']"));
    let (status, html) = browse(&app, "/staff/dashboard", Some(&leader)).await;
    let approvals =
        Page::new(status, html).texts("section[aria-labelledby='qishan-approvals'] a.reference");
    assert!(approvals.contains(&reference), "{approvals:?}");

    // Sent back with a note; proposed again; approved only with a finding.
    let response = act(&app, &leader, &reference, "decide", "decision=return").await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a note is required"
    );
    let note = format!("decision=return&note={}", enc("请补充整改照片"));
    act(&app, &leader, &reference, "decide", &note).await;
    assert_eq!(awaiting(&app, &reference).await, None);
    act(&app, &officer, &reference, "resolve", &resolve).await;
    let response = act(&app, &leader, &reference, "decide", "decision=approve").await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a finding is required"
    );
    let approve = "decision=approve&finding=substantiated";
    let response = act(&app, &leader, &reference, "decide", approve).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        case_column(&app, &reference, "status").await.as_deref(),
        Some("resolved")
    );
    assert_eq!(
        case_column(&app, &reference, "finding").await.as_deref(),
        Some("substantiated")
    );
    let page = case_page(&app, &reference, &cookie).await;
    assert!(page.visible_text().contains("已整改窗口排队问题"));
    assert!(page.has("button[name='answer']"));
}

#[tokio::test]
async fn a_complaint_naming_the_leader_is_handled_by_the_inspectors_end_to_end() {
    let app = spawn_app().await;
    // 100007 is the demo leader of qishan's own badge.
    let (reference, code) = file(&app, "complaint", Some("100007"), "10.7.2.1").await;
    let leader = staff_session(&app, "leader.qishan").await;
    let clerk = staff_session(&app, "clerk.qishan").await;
    for cookie in [&leader, &clerk] {
        let (status, _) = browse(&app, &format!("/staff/cases/{reference}"), Some(cookie)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, board) = browse(&app, "/staff/intake", Some(cookie)).await;
        // Raw markup: the case is nowhere in their queue's response.
        assert!(!board.contains(&reference));
    }
    let inspector = staff_session(&app, "inspector").await;
    assert!(in_inspector_queue(&app, &inspector, &reference).await);
    let reply = format!("body={}", enc("督察已受理，将约谈当事人。"));
    let response = act(&app, &inspector, &reference, "reply", &reply).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let resolve = format!(
        "outcome=resolved&summary={}&finding=partly",
        enc("经核实部分属实，已批评教育。")
    );
    let response = act(&app, &inspector, &reference, "resolve", &resolve).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        case_column(&app, &reference, "status").await.as_deref(),
        Some("resolved")
    );
    let cookie = open(&app, &reference, &code).await;
    let response = crate::helpers::post_form(
        &app,
        &format!("/track/{reference}/feedback"),
        "answer=satisfied".into(),
        Some(&cookie),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        case_column(&app, &reference, "status").await.as_deref(),
        Some("closed")
    );
}
