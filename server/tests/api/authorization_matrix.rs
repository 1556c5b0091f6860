//! The authorisation matrix: every server function, called as every kind of caller, is
//! allowed or denied as listed here, and a server function missing from the list fails
//! the test. Issue 4 grows it with the case callers (the officer named in a case, the
//! assigned officer) as the staff server functions arrive.

use crate::helpers::{DEMO_PASSWORD, TestApp, enc, post_form, set_cookie, spawn_app};
use reqwest::StatusCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Caller {
    Anonymous,
    /// An officer of another station than the objects involved (qishan's).
    OtherStationOfficer,
    Clerk,
    Leader,
    Inspector,
    Admin,
}

const CALLERS: [Caller; 6] = [
    Caller::Anonymous,
    Caller::OtherStationOfficer,
    Caller::Clerk,
    Caller::Leader,
    Caller::Inspector,
    Caller::Admin,
];

impl Caller {
    fn username(self) -> Option<&'static str> {
        match self {
            Caller::Anonymous => None,
            Caller::OtherStationOfficer => Some("officer.200001"),
            Caller::Clerk => Some("clerk.qishan"),
            Caller::Leader => Some("leader.qishan"),
            Caller::Inspector => Some("inspector"),
            Caller::Admin => Some("admin"),
        }
    }
}

/// Who may call a server function.
#[derive(Clone, Copy, Debug)]
enum Access {
    /// Public data: everyone.
    Everyone,
    /// Anyone past the password (a session), whatever their role.
    SignedIn,
}

/// Every server function: its name, the query it is called with, and who may call it.
const MATRIX: &[(&str, &str, Access)] = &[
    ("list_stations", "", Access::Everyone),
    ("get_station", "slug=qishan", Access::Everyone),
    ("get_officer", "badge=100001", Access::Everyone),
    ("get_service_code", "code=ZZZZZZZZZZ", Access::Everyone),
    // Answers `null` without its cookie; the receipt is the cookie holder's own.
    ("take_receipt", "", Access::Everyone),
    // Answers `null` without the tracking cookie.
    (
        "get_tracked_case",
        "reference=KM-2026-000001",
        Access::Everyone,
    ),
    // Answers `null` to anonymous callers, and each staff member only themselves.
    ("current_staff", "", Access::Everyone),
    ("totp_enrolment", "", Access::SignedIn),
];

/// `/api/get_station1234567890` → `get_station`.
fn function_name(path: &str) -> String {
    path.trim_start_matches("/api/")
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .to_string()
}

fn registered() -> Vec<(String, String)> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| (function_name(path), path.to_string()))
        .collect()
}

#[test]
fn every_server_function_is_in_the_matrix_and_nothing_else() {
    let mut registered: Vec<String> = registered().into_iter().map(|(name, _)| name).collect();
    registered.sort();
    let mut listed: Vec<String> = MATRIX.iter().map(|(name, ..)| name.to_string()).collect();
    listed.sort();
    assert_eq!(
        registered, listed,
        "a server function must be listed in the authorisation matrix"
    );
}

async fn sign_in(app: &TestApp, caller: Caller) -> Option<String> {
    let username = caller.username()?;
    let body = format!("username={username}&password={}", enc(DEMO_PASSWORD));
    let response = post_form(app, "/staff/login", body, None).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{username}");
    set_cookie(&response, "od_staff")
}

#[tokio::test]
async fn every_caller_gets_what_the_matrix_says() {
    let app = spawn_app().await;
    let paths = registered();
    for caller in CALLERS {
        let cookie = sign_in(&app, caller).await;
        for (name, query, access) in MATRIX {
            let (_, path) = paths.iter().find(|(n, _)| n == name).expect("registered");
            let mut request = app.client.get(app.url(&format!("{path}?{query}")));
            if let Some(cookie) = &cookie {
                request = request.header("cookie", cookie);
            }
            let response = request.send().await.unwrap();
            let status = response.status();
            let body = response.text().await.unwrap();
            let allowed = match access {
                Access::Everyone => true,
                Access::SignedIn => caller != Caller::Anonymous,
            };
            if allowed {
                assert_eq!(status, StatusCode::OK, "{name} as {caller:?}: {body}");
            } else {
                assert!(
                    status.is_client_error(),
                    "{name} as {caller:?}: {status} {body}"
                );
            }
            if *name == "current_staff" {
                match caller.username() {
                    None => assert_eq!(body, "null"),
                    Some(username) => assert!(body.contains(&format!("\"{username}\"")), "{body}"),
                }
            }
        }
    }
}
