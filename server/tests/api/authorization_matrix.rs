//! The authorisation matrix: every server function and every staff POST route, called as
//! every kind of caller, is allowed or denied as listed here, and a server function
//! missing from the list fails the test. The case callers act on one fixture case: a
//! complaint at qishan naming officer 100002, assigned to officer 100003, and so under
//! the inspectors' oversight.

use crate::actors::Page;
use crate::helpers::{TestApp, spawn_app, staff_session};
use crate::workspace::{account_id, file};
use reqwest::StatusCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Caller {
    Anonymous,
    /// An officer of another station than the objects involved (qishan's).
    OtherStationOfficer,
    /// The officer the fixture case names.
    NamedOfficer,
    /// The officer the fixture case is assigned to.
    AssignedOfficer,
    Clerk,
    Leader,
    Inspector,
    Admin,
    /// Bureau intake: owns unplaced cases only.
    Intake,
    /// qishan's counter tablet: shows service codes, nothing else.
    Window,
}

use Caller::*;

const CALLERS: [Caller; 10] = [
    Anonymous,
    OtherStationOfficer,
    NamedOfficer,
    AssignedOfficer,
    Clerk,
    Leader,
    Inspector,
    Admin,
    Intake,
    Window,
];

impl Caller {
    fn username(self) -> Option<&'static str> {
        match self {
            Anonymous => None,
            OtherStationOfficer => Some("officer.200001"),
            NamedOfficer => Some("officer.100002"),
            AssignedOfficer => Some("officer.100003"),
            Clerk => Some("clerk.qishan"),
            Leader => Some("leader.qishan"),
            Inspector => Some("inspector"),
            Admin => Some("admin"),
            Intake => Some("intake"),
            Window => Some("window.qishan"),
        }
    }
}

/// Who may call a server function or route.
#[derive(Clone, Copy, Debug)]
enum Access {
    /// Public data: everyone.
    Everyone,
    /// These callers only.
    Only(&'static [Caller]),
}

impl Access {
    fn allows(self, caller: Caller) -> bool {
        match self {
            Access::Everyone => true,
            Access::Only(callers) => callers.contains(&caller),
        }
    }
}

/// Every server function: its name, the query it is called with (`{case}` is the
/// fixture case's reference), and who may call it.
const MATRIX: &[(&str, &str, Access)] = &[
    ("list_stations", "", Access::Everyone),
    ("get_station", "slug=qishan", Access::Everyone),
    ("get_officer", "badge=100001", Access::Everyone),
    ("get_service_code", "code=ZZZZZZZZZZ", Access::Everyone),
    // Answers `null` without its cookie; the receipt is the cookie holder's own.
    ("take_receipt", "", Access::Everyone),
    // The same for a 差评核实's code after a bad rating.
    ("take_review", "", Access::Everyone),
    // Answers `null` without the tracking cookie.
    ("get_tracked_case", "reference={case}", Access::Everyone),
    // Answers `null` to anonymous callers, and each staff member only themselves.
    ("current_staff", "", Access::Everyone),
    // Not the counter tablet's: a key on someone's phone would make it theirs.
    (
        "totp_enrolment",
        "",
        Access::Only(&[
            OtherStationOfficer,
            NamedOfficer,
            AssignedOfficer,
            Clerk,
            Leader,
            Inspector,
            Admin,
            Intake,
        ]),
    ),
    ("intake_queue", "", Access::Only(&[Clerk, Leader, Intake])),
    (
        "my_cases",
        "",
        Access::Only(&[
            OtherStationOfficer,
            NamedOfficer,
            AssignedOfficer,
            Clerk,
            Leader,
        ]),
    ),
    ("leader_dashboard", "", Access::Only(&[Leader])),
    // Published reports are public; drafts are the station leader's.
    ("bureau_report", "", Access::Everyone),
    ("station_archive", "slug=qishan", Access::Everyone),
    ("get_station_summary", "slug=qishan", Access::Everyone),
    (
        "station_month",
        "slug=qishan&month=2026-10",
        Access::Everyone,
    ),
    ("leader_report_months", "", Access::Only(&[Leader])),
    (
        "report_draft",
        "slug=qishan&month=2026-10",
        Access::Only(&[Leader]),
    ),
    // Per-officer figures: officers their own, leaders their station's.
    (
        "officer_figures",
        "",
        Access::Only(&[OtherStationOfficer, NamedOfficer, AssignedOfficer, Leader]),
    ),
    ("inspector_queue", "", Access::Only(&[Inspector])),
    // Fraud signals: the inspectors', never the station's being judged.
    ("inspector_signals", "", Access::Only(&[Inspector])),
    (
        "get_staff_case",
        "reference={case}",
        Access::Only(&[AssignedOfficer, Leader, Inspector]),
    ),
    (
        "printable_stations",
        "",
        Access::Only(&[Clerk, Leader, Admin]),
    ),
    // The assigned officer's own card (100003).
    (
        "officer_qr_card",
        "badge=100003",
        Access::Only(&[AssignedOfficer, Clerk, Leader, Admin]),
    ),
    ("get_admin_overview", "", Access::Only(&[Admin])),
    // Officers log visits; the demo leader is officer 100007 too.
    (
        "get_my_visits",
        "",
        Access::Only(&[OtherStationOfficer, NamedOfficer, AssignedOfficer, Leader]),
    ),
    (
        "get_campaigns",
        "",
        Access::Only(&[OtherStationOfficer, NamedOfficer, AssignedOfficer, Leader]),
    ),
];

/// Every staff POST route on the fixture case: path after the reference, body, access.
/// Each allowed call changes the case, so the order matters: notes first, the
/// resolution last.
const ROUTES: &[(&str, &str, Access)] = &[
    (
        "note",
        "body=matrix",
        Access::Only(&[AssignedOfficer, Leader, Inspector]),
    ),
    (
        "reply",
        "body=matrix",
        Access::Only(&[AssignedOfficer, Leader, Inspector]),
    ),
    // The leader's reclassification of a case under oversight waits for the inspectors;
    // theirs takes effect.
    (
        "classify",
        "kind=complaint",
        Access::Only(&[Leader, Inspector]),
    ),
    // Only the inspectors decide what waits for them (the leader's proposal above).
    (
        "decide",
        "decision=return&note=matrix",
        Access::Only(&[Inspector]),
    ),
    (
        "extension",
        "days=2&reason=matrix",
        Access::Only(&[AssignedOfficer, Leader, Inspector]),
    ),
    // Under oversight the inspectors decide extensions, not the leader.
    (
        "extension-decision",
        "decision=refuse",
        Access::Only(&[Inspector]),
    ),
    // The assigned officer proposes; the leader finds it waiting; the inspectors close
    // it with their finding.
    (
        "resolve",
        "outcome=explained&summary=matrix&finding=unsubstantiated",
        Access::Only(&[AssignedOfficer, Leader, Inspector]),
    ),
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
    Some(staff_session(app, caller.username()?).await)
}

/// The fixture case: a complaint naming officer 100002, assigned to officer 100003.
async fn fixture(app: &TestApp) -> String {
    let (reference, _) = file(app, "complaint", Some("100002"), "10.9.0.1").await;
    let assigned = account_id(app, "officer.100003").await;
    sqlx::query(
        "UPDATE cases SET assignee_account_id = $1, status = 'assigned' WHERE reference = $2",
    )
    .bind(assigned)
    .bind(&reference)
    .execute(app.db.writer())
    .await
    .unwrap();
    reference
}

#[tokio::test]
async fn every_caller_gets_what_the_matrix_says() {
    let app = spawn_app().await;
    let case = fixture(&app).await;
    let paths = registered();
    let mut sessions = Vec::new();
    for caller in CALLERS {
        let cookie = sign_in(&app, caller).await;
        for (name, query, access) in MATRIX {
            let (_, path) = paths.iter().find(|(n, _)| n == name).expect("registered");
            let query = query.replace("{case}", &case);
            let mut request = app.client.get(app.url(&format!("{path}?{query}")));
            if let Some(cookie) = &cookie {
                request = request.header("cookie", cookie);
            }
            let response = request.send().await.unwrap();
            let status = response.status();
            let body = response.text().await.unwrap();
            if access.allows(caller) {
                assert_eq!(status, StatusCode::OK, "{name} as {caller:?}: {body}");
            } else {
                assert!(
                    status.is_client_error(),
                    "{name} as {caller:?}: {status} {body}"
                );
                assert!(
                    !body.contains("具体情况如下"),
                    "{name} as {caller:?} leaks the case"
                );
            }
            if *name == "current_staff" {
                match caller.username() {
                    None => assert_eq!(body, "null"),
                    Some(username) => assert!(body.contains(&format!("\"{username}\"")), "{body}"),
                }
            }
        }
        sessions.push((caller, cookie));
    }
    // Showing a code now: every officer (the leader is officer 100007) and the counter
    // tablet; nobody else, and nothing is stored for them.
    let showers = Access::Only(&[
        OtherStationOfficer,
        NamedOfficer,
        AssignedOfficer,
        Leader,
        Window,
    ]);
    for (caller, cookie) in &sessions {
        let codes = crate::helpers::count(&app, "SELECT COUNT(*) FROM service_codes").await;
        let response = crate::helpers::post_form(
            &app,
            "/staff/code",
            "service_type=counter".into(),
            cookie.as_deref(),
        )
        .await;
        let status = response.status();
        let after = crate::helpers::count(&app, "SELECT COUNT(*) FROM service_codes").await;
        if showers.allows(*caller) {
            assert_eq!(status, StatusCode::OK, "show a code as {caller:?}");
            assert_eq!(after, codes + 1);
        } else {
            let expected = match caller {
                Anonymous => StatusCode::SEE_OTHER, // to the sign-in page
                _ => StatusCode::FORBIDDEN,
            };
            assert_eq!(status, expected, "show a code as {caller:?}");
            assert_eq!(after, codes, "show a code as {caller:?}");
        }
    }
    // Issuing service codes for qishan: its clerk and leader, and admins.
    let issuers = Access::Only(&[Clerk, Leader, Admin]);
    for (caller, cookie) in &sessions {
        let codes = crate::helpers::count(
            &app,
            "SELECT COUNT(*) FROM service_codes WHERE batch IS NOT NULL",
        )
        .await;
        let response = crate::helpers::post_form(
            &app,
            "/staff/service-codes",
            "station=qishan&officer=&service_type=counter&count=2&valid_days=30".into(),
            cookie.as_deref(),
        )
        .await;
        let status = response.status();
        let after = crate::helpers::count(
            &app,
            "SELECT COUNT(*) FROM service_codes WHERE batch IS NOT NULL",
        )
        .await;
        if issuers.allows(*caller) {
            assert_eq!(status, StatusCode::OK, "service codes as {caller:?}");
            assert_eq!(after, codes + 2);
        } else {
            assert!(
                status.is_client_error() || status == StatusCode::SEE_OTHER,
                "{caller:?}: {status}"
            );
            assert_eq!(after, codes, "service codes as {caller:?}");
        }
    }
    // Contact details of a case that names an officer: the leader and the inspectors,
    // with a reason; not the officer it is assigned to, nor anyone else.
    let readers = Access::Only(&[Leader, Inspector]);
    for (caller, cookie) in &sessions {
        let looks = crate::helpers::count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'contact_viewed'",
        )
        .await;
        let response = crate::helpers::post_form(
            &app,
            &format!("/staff/cases/{case}/contact"),
            "reason=matrix".into(),
            cookie.as_deref(),
        )
        .await;
        let status = response.status();
        let body = response.text().await.unwrap();
        let after = crate::helpers::count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'contact_viewed'",
        )
        .await;
        if readers.allows(*caller) {
            assert_eq!(status, StatusCode::OK, "contact as {caller:?}");
            let shown = Page::new(status, body).texts(".contact__value");
            assert!(
                shown.iter().any(|value| value.contains("139 0000 1111")),
                "contact as {caller:?}: {shown:?}"
            );
            assert_eq!(after, looks + 1);
        } else {
            assert!(
                status.is_client_error() || *caller == Anonymous,
                "contact as {caller:?}: {status}"
            );
            // Raw markup: the number is nowhere in the response.
            assert!(
                !body.contains("0000 1111"),
                "contact as {caller:?} leaks it"
            );
            assert_eq!(after, looks, "contact as {caller:?} was recorded");
        }
    }
    // The routes, each by every caller in turn; the denied leave no trace.
    for (action, body, access) in ROUTES {
        for (caller, cookie) in &sessions {
            let events = crate::helpers::count(&app, "SELECT COUNT(*) FROM case_events").await;
            let response = crate::helpers::post_form(
                &app,
                &format!("/staff/cases/{case}/{action}"),
                body.to_string(),
                cookie.as_deref(),
            )
            .await;
            let status = response.status();
            let after = crate::helpers::count(&app, "SELECT COUNT(*) FROM case_events").await;
            let allowed = access.allows(*caller);
            // The extension and its decision, and the resolution, happen once: the first
            // allowed caller does it, later ones find nothing to do (422).
            let done_already = status == StatusCode::UNPROCESSABLE_ENTITY
                && allowed
                && matches!(
                    *action,
                    "extension" | "extension-decision" | "resolve" | "decide"
                );
            if allowed && !done_already {
                assert_eq!(status, StatusCode::SEE_OTHER, "{action} as {caller:?}");
                assert!(after > events, "{action} as {caller:?} is recorded");
            } else {
                if !allowed {
                    let expected = match caller {
                        Anonymous => StatusCode::SEE_OTHER, // to the sign-in page
                        _ => status,
                    };
                    assert!(
                        status == expected && (status.is_client_error() || *caller == Anonymous),
                        "{action} as {caller:?}: {status}"
                    );
                }
                assert_eq!(after, events, "{action} as {caller:?} changed the case");
            }
        }
    }
}
