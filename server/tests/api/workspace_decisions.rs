//! The staff workspace's decisions over HTTP: extensions waiting for the leader, merging
//! and hiding, referrals from intake, a withdrawn role, and a case becoming overdue.

use crate::helpers::{browse, count, enc, post_form, set_cookie, spawn_app, staff_session};
use crate::workspace::*;
use reqwest::StatusCode;

#[tokio::test]
async fn an_extension_request_waits_for_the_leader() {
    let app = spawn_app().await;
    let (reference, _) = file(&app, "help", None, "10.1.0.7").await;
    let leader = staff_session(&app, "leader.qishan").await;
    assign(&app, &leader, &reference, "officer.100001").await;
    let officer = staff_session(&app, "officer.100001").await;
    let due_before = case_column(&app, &reference, "due_on").await.unwrap();

    let response = act(
        &app,
        &officer,
        &reference,
        "extension",
        &format!("days=5&reason={}", enc("等待监控录像调取")),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = act(
        &app,
        &officer,
        &reference,
        "extension",
        &format!("days=3&reason={}", enc("再等")),
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "one request at a time"
    );
    let response = act(
        &app,
        &officer,
        &reference,
        "extension-decision",
        "decision=approve",
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::FORBIDDEN,
        "officers do not approve their own"
    );

    let (_, board) = browse(&app, "/staff/dashboard", Some(&leader)).await;
    let waiting = &board[board
        .find("待审批的延期申请")
        .unwrap_or_else(|| panic!("{board}"))..];
    assert!(waiting.contains(&reference));
    let response = act(
        &app,
        &leader,
        &reference,
        "extension-decision",
        "decision=approve",
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let due_after = case_column(&app, &reference, "due_on").await.unwrap();
    assert!(due_after > due_before, "{due_before} -> {due_after}");
    assert_eq!(case_column(&app, &reference, "extension_days").await, None);
    let granted = count(
        &app,
        "SELECT COUNT(*) FROM case_events WHERE event_type = 'extension_granted' AND public = 1",
    )
    .await;
    assert_eq!(granted, 1, "the resident sees the new deadline");
    let response = act(
        &app,
        &leader,
        &reference,
        "extension-decision",
        "decision=refuse",
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "nothing left to decide"
    );
}

#[tokio::test]
async fn duplicates_merge_and_spam_is_hidden_but_kept() {
    let app = spawn_app().await;
    let (first, _) = file(&app, "help", None, "10.1.0.8").await;
    let (second, _) = file(&app, "suggestion", None, "10.1.0.9").await;
    let (spam, _) = file(&app, "question", None, "10.1.0.10").await;
    let clerk = staff_session(&app, "clerk.qishan").await;

    let response = act(&app, &clerk, &second, "merge", &format!("into={second}")).await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "not into itself"
    );
    let response = act(&app, &clerk, &second, "merge", &format!("into={first}")).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        case_column(&app, &second, "status").await.as_deref(),
        Some("closed")
    );
    let response = act(&app, &clerk, &second, "note", "body=x").await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "notes may follow a closed case"
    );
    let response = act(&app, &clerk, &second, "hide", "reason=x").await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a merged case does not change"
    );

    let response = act(&app, &clerk, &spam, "hide", "").await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "closing as not genuine needs a reason"
    );
    let response = act(
        &app,
        &clerk,
        &spam,
        "hide",
        &format!("reason={}", enc("广告")),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        case_column(&app, &spam, "hidden").await.as_deref(),
        Some("1")
    );
    let (_, intake) = browse(&app, "/staff/intake", Some(&clerk)).await;
    assert!(intake.contains(&first) && !intake.contains(&second) && !intake.contains(&spam));

    let response = act(&app, &clerk, &first, "classify", "kind=question").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        case_column(&app, &first, "kind").await.as_deref(),
        Some("question")
    );
}

#[tokio::test]
async fn a_referral_from_intake_tells_the_resident_where_to_go() {
    let app = spawn_app().await;
    let (reference, code) = file(&app, "question", None, "10.1.0.11").await;
    let clerk = staff_session(&app, "clerk.qishan").await;
    let body = format!(
        "department={}&contact={}&summary={}",
        enc("区市场监管局"),
        enc("12315"),
        enc("价格问题由市场监管部门处理。")
    );
    let response = act(&app, &clerk, &reference, "refer", &body).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        case_column(&app, &reference, "outcome").await.as_deref(),
        Some("referred")
    );
    let response = post_form(
        &app,
        "/track",
        format!("reference={reference}&code={code}"),
        None,
    )
    .await;
    let track = set_cookie(&response, "od_track").unwrap();
    let html = app
        .get_with_cookie(&format!("/track/{reference}"), &track)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("区市场监管局") && html.contains("12315"));
}

#[tokio::test]
async fn a_withdrawn_role_or_account_is_refused_at_the_next_action() {
    let app = spawn_app().await;
    let (reference, _) = file(&app, "help", None, "10.1.0.12").await;
    let clerk = staff_session(&app, "clerk.qishan").await;
    let clerk_id = account_id(&app, "clerk.qishan").await;
    sqlx::query("DELETE FROM staff_roles WHERE account_id = $1")
        .bind(clerk_id)
        .execute(app.db.writer())
        .await
        .unwrap();
    let response = act(&app, &clerk, &reference, "hide", "").await;
    assert_eq!(response.headers()["location"], "/staff/login");
    assert_eq!(
        case_column(&app, &reference, "hidden").await.as_deref(),
        Some("0")
    );

    let leader = staff_session(&app, "leader.qishan").await;
    sqlx::query("UPDATE staff_accounts SET disabled = 1 WHERE username = 'leader.qishan'")
        .execute(app.db.writer())
        .await
        .unwrap();
    let response = act(&app, &leader, &reference, "hide", "").await;
    assert_eq!(response.headers()["location"], "/staff/login");
    assert_eq!(
        case_column(&app, &reference, "hidden").await.as_deref(),
        Some("0")
    );
}

#[tokio::test]
async fn the_leader_sees_a_case_become_overdue_when_the_clock_moves() {
    let app = spawn_app().await;
    let (reference, _) = file(&app, "help", None, "10.1.0.13").await;
    let leader = staff_session(&app, "leader.qishan").await;
    let (_, board) = browse(&app, "/staff/dashboard", Some(&leader)).await;
    assert_eq!(figure(&board, "overdue"), 0, "nothing overdue yet");
    let key = app::audit::AuditKey::new(crate::helpers::AUDIT_KEY).unwrap();
    let later = app::db::now_millis() + 40 * 86_400_000;
    app::cases::deadlines::mark_overdue(&app.db, &key, later)
        .await
        .unwrap();
    let (_, board) = browse(&app, "/staff/dashboard", Some(&leader)).await;
    assert_eq!(figure(&board, "overdue"), 1, "one overdue case");
    assert_eq!(figure(&board, "open"), 1);
    let supervised = &board[board.find("督办（").unwrap()..];
    assert!(supervised.contains(&reference));
}

/// A figure of the dashboard (`<dd data-figure="NAME">N</dd>`).
fn figure(board: &str, name: &str) -> i64 {
    let at = board
        .find(&format!(r#"data-figure="{name}""#))
        .expect("the figure");
    let rest = &board[at..];
    let start = rest.find('>').unwrap() + 1;
    rest[start..start + rest[start..].find('<').unwrap()]
        .parse()
        .unwrap()
}
