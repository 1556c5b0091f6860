//! Filing a request at `/request/new` and its receipt, without JavaScript.

use crate::actors::Page;
use crate::helpers::{
    TestApp, browse, count, enc, fresh_token, post_form, post_form_as, set_cookie, spawn_app,
};
use reqwest::StatusCode;

pub fn request_body(kind: &str, station: &str, token: &str) -> String {
    format!(
        "kind={kind}&station={station}&place={}&subject={}&description={}&contact_phone={}&anonymous=on&token={token}",
        enc("东街 12 号"),
        enc("楼道灯坏了"),
        enc("楼道里的灯坏了一个星期，晚上老人上下楼看不见。"),
        enc("138 0013 8000"),
    )
}

/// Files a request through the form and reads its receipt: (reference, access code).
pub async fn file_one(app: &TestApp, ip: &str) -> (String, String) {
    let token = fresh_token(app, "/request/new").await;
    let response = post_form_as(
        app,
        "/request/new",
        request_body("help", "qishan", &token),
        None,
        ip,
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let cookie = set_cookie(&response, "od_receipt").expect("the receipt cookie");
    let (status, html) = browse(app, "/request/receipt", Some(&cookie)).await;
    let page = Page::new(status, html);
    (
        page.text("#receipt-reference").expect("a reference"),
        page.text("#receipt-code").expect("an access code"),
    )
}

#[tokio::test]
async fn the_form_offers_every_kind_and_station() {
    let app = spawn_app().await;
    let page = app
        .resident()
        .open("/request/new?station=yuewang", None)
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let text = page.visible_text();
    for expected in [
        "求助",
        "投诉",
        "建议",
        "咨询",
        "表扬",
        "线索",
        "祁山派出所",
        "不确定，由公安局受理中心分送",
    ] {
        assert!(text.contains(expected), "{expected} missing");
    }
    assert!(
        page.has("select[name='station'] option[value='yuewang'][selected]"),
        "the station from the link is chosen"
    );
}

#[tokio::test]
async fn a_request_gets_a_reference_and_an_access_code_shown_once() {
    let app = spawn_app().await;
    let token = fresh_token(&app, "/request/new").await;
    let response = post_form(
        &app,
        "/request/new",
        request_body("help", "qishan", &token),
        None,
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/request/receipt");
    let raw_cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(raw_cookie.contains("HttpOnly") && raw_cookie.contains("SameSite=Strict"));
    assert!(raw_cookie.contains("Path=/request/receipt"));
    let cookie = set_cookie(&response, "od_receipt").unwrap();

    let receipt = app.get_with_cookie("/request/receipt", &cookie).await;
    assert_eq!(receipt.status(), StatusCode::OK);
    assert_eq!(receipt.headers()["cache-control"], "no-store");
    assert_eq!(
        set_cookie(&receipt, "od_receipt").as_deref(),
        Some("od_receipt="),
        "cleared"
    );
    let page = Page::new(receipt.status(), receipt.text().await.unwrap());
    let shown = page.text("#receipt-reference").unwrap_or_default();
    assert!(shown.starts_with("KM-20"), "a reference: {shown}");
    assert!(
        page.visible_text().contains("只显示这一次"),
        "the save-this hint"
    );

    // The database keeps a hash of the code, never the code.
    let (reference, code_hash, kind, contact, anonymous): (
        String,
        String,
        String,
        Option<String>,
        i64,
    ) = sqlx::query_as(
        "SELECT reference, access_code_hash, kind, contact_phone, anonymous FROM cases",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(shown, reference);
    assert_eq!(
        (kind.as_str(), contact.as_deref(), anonymous),
        ("help", Some("138 0013 8000"), 1)
    );
    assert_eq!(code_hash.len(), 64);
    // Raw markup: the hash is nowhere in the response, not only out of sight.
    assert!(!page.html.contains(&code_hash));

    // Shown once: a reload without the cookie says so.
    let page = app.resident().open("/request/receipt", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.visible_text().contains("回执已显示过"));
    // Raw markup: nothing of the receipt is left anywhere in the page.
    assert!(!page.html.contains(&reference));
}

#[tokio::test]
async fn a_refused_request_keeps_the_input_and_stores_nothing() {
    let app = spawn_app().await;
    let token = fresh_token(&app, "/request/new").await;
    let body = format!(
        "kind=&station=qishan&subject=&description={}&contact_email=not-an-address&token={token}",
        enc("</textarea><script>alert(1)</script>")
    );
    let response = post_form(&app, "/request/new", body, None).await;
    let page = Page::new(response.status(), response.text().await.unwrap());
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Each error is in the summary and beside its field; what was typed stays, escaped.
    let errors = page.texts(".error-summary li");
    for text in ["请选择诉求类型", "请填写标题", "邮箱地址格式不正确"] {
        assert!(
            errors.iter().any(|e| e.contains(text)),
            "{text} not in {errors:?}"
        );
    }
    assert!(page.has_field_labelled("标题"));
    assert_eq!(
        page.field("contact_email").as_deref(),
        Some("not-an-address")
    );
    assert_eq!(
        page.field("description").as_deref(),
        Some("</textarea><script>alert(1)</script>"),
        "kept as typed"
    );
    assert!(
        page.html.contains("&lt;/textarea&gt;&lt;script&gt;")
            && !page.html.contains("<script>alert(1)"),
        "and escaped"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 0);

    // Overlong, unknown station or officer: 422 each, never 500.
    let long = format!(
        "kind=help&subject=a&description={}&token={token}",
        "a".repeat(4001)
    );
    let unknown_station = request_body("help", "nowhere", &token);
    let unknown_badge = format!(
        "{}&badge=999999",
        request_body("complaint", "qishan", &token)
    );
    for body in [long, unknown_station, unknown_badge] {
        let response = post_form(&app, "/request/new", body.clone(), None).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}"
        );
    }
    let response = app
        .client
        .post(app.url("/request/new"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'k', b'i', b'n', b'd', b'=', 0xff, 0xfe])
        .send()
        .await
        .unwrap();
    // Unreadable, not wrong: 400 (never an empty form refused field by field).
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 0);
}

/// A browser's own cookie, as the first page it loaded set it.
const BROWSER_A: &str = "od_browser=0123456789abcdef0123456789abcdef";
const BROWSER_B: &str = "od_browser=fedcba9876543210fedcba9876543210";

async fn track_status(app: &TestApp, receipt: &str) -> StatusCode {
    let value = receipt.split_once('=').unwrap().1;
    let (reference, code) = value.split_once(':').unwrap();
    post_form(
        app,
        "/track",
        format!("reference={reference}&code={code}"),
        None,
    )
    .await
    .status()
}

#[tokio::test]
async fn a_double_tap_files_one_request_and_never_issues_a_second_code() {
    let app = spawn_app().await;
    let token = fresh_token(&app, "/request/new").await;
    let send = || {
        post_form(
            &app,
            "/request/new",
            request_body("question", "qishan", &token),
            Some(BROWSER_A),
        )
    };
    let first = send().await;
    let second = send().await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    assert_eq!(second.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 1);
    let receipt = set_cookie(&first, "od_receipt").expect("the first receipt");
    assert!(
        set_cookie(&second, "od_receipt").is_none(),
        "a repeat got a code"
    );
    let reference = receipt.split(['=', ':']).nth(1).unwrap().to_string();
    let location = second.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(location, format!("/request/receipt?already={reference}"));
    let page = app.resident().open(&location, None).await;
    assert_eq!(
        page.text("#receipt-reference").as_deref(),
        Some(reference.as_str())
    );
    assert!(
        page.visible_text().contains("已经提交过"),
        "{}",
        page.visible_text()
    );
    // The first code is the one, and it still works.
    assert_eq!(track_status(&app, &receipt).await, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_token_resent_from_another_browser_files_its_own_request() {
    // A shared phone or a station kiosk: the next resident presses Back and sends the
    // page again, token and all, with what they typed.
    let app = spawn_app().await;
    let token = fresh_token(&app, "/request/new").await;
    let first = post_form(
        &app,
        "/request/new",
        request_body("question", "qishan", &token),
        Some(BROWSER_A),
    )
    .await;
    let second = post_form(
        &app,
        "/request/new",
        request_body("question", "qishan", &token),
        Some(BROWSER_B),
    )
    .await;
    let first_receipt = set_cookie(&first, "od_receipt").unwrap();
    let second_receipt = set_cookie(&second, "od_receipt").expect("a receipt of its own");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 2);
    assert_ne!(
        first_receipt.split(':').next(),
        second_receipt.split(':').next()
    );
    // Neither resident's code was touched by the other's submission.
    assert_eq!(
        track_status(&app, &first_receipt).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        track_status(&app, &second_receipt).await,
        StatusCode::SEE_OTHER
    );
    // The same browser sending other words with the same token is a new request too.
    let edited = request_body("help", "qishan", &token);
    let third = post_form(&app, "/request/new", edited, Some(BROWSER_A)).await;
    assert!(set_cookie(&third, "od_receipt").is_some());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 3);
}

#[tokio::test]
async fn form_pages_are_never_stored_and_browsers_get_their_cookie() {
    let app = spawn_app().await;
    for path in ["/request/new", "/o/100001", "/s/qishan"] {
        let response = app.get(path).await;
        assert_eq!(
            response.headers()["cache-control"],
            "no-store",
            "{path} carries a form token"
        );
        let browser = set_cookie(&response, "od_browser").expect("a browser cookie");
        assert_eq!(browser.len(), "od_browser=".len() + 32);
    }
    // A browser that has one keeps it.
    let response = app.get_with_cookie("/request/new", BROWSER_A).await;
    assert!(set_cookie(&response, "od_browser").is_none());
}

#[tokio::test]
async fn naming_an_officer_without_a_station_sends_it_to_the_officers_station() {
    let app = spawn_app().await;
    let token = fresh_token(&app, "/request/new").await;
    let body = format!(
        "{}&badge=200003",
        request_body("complaint", "unsure", &token)
    );
    let response = post_form(&app, "/request/new", body, None).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (station, officer): (String, String) = sqlx::query_as(
        "SELECT s.slug, o.badge FROM cases c JOIN stations s ON s.id = c.station_id
         JOIN officers o ON o.id = c.named_officer_id",
    )
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!((station.as_str(), officer.as_str()), ("yuewang", "200003"));

    // Not sure and no officer: the bureau triages it.
    let token = fresh_token(&app, "/request/new").await;
    post_form(
        &app,
        "/request/new",
        request_body("suggestion", "unsure", &token),
        None,
    )
    .await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM cases WHERE station_id IS NULL").await,
        1
    );
}

#[tokio::test]
async fn requests_are_rate_limited_per_client() {
    let app = spawn_app().await;
    for n in 0..5 {
        let body = request_body("question", "qishan", &format!("request-limit-{n:08}"));
        let response = post_form_as(&app, "/request/new", body, None, "10.3.0.1").await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "request {n}");
    }
    let body = request_body("question", "qishan", "request-limit-99999999");
    let response = post_form_as(&app, "/request/new", body.clone(), None, "10.3.0.1").await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let page = Page::new(response.status(), response.text().await.unwrap());
    assert_eq!(
        page.field("subject").as_deref(),
        Some("楼道灯坏了"),
        "what was typed stays"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 5);
    let response = post_form_as(&app, "/request/new", body, None, "10.3.0.2").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn requests_to_one_station_are_rate_limited_from_everywhere() {
    let app = spawn_app().await;
    // Sixty from sixty addresses (each well under its own limit) fill the station's.
    for n in 0..60 {
        let body = request_body("question", "qishan", &format!("station-limit-{n:08}"));
        let ip = format!("10.4.{}.{}", n / 200, n % 200 + 1);
        let response = post_form_as(&app, "/request/new", body, None, &ip).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "request {n}");
    }
    let body = request_body("question", "qishan", "station-limit-99999999");
    let response = post_form_as(&app, "/request/new", body, None, "10.5.0.1").await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 60);
    // Another station is not affected.
    let body = request_body("question", "yuewang", "station-limit-88888888");
    let response = post_form_as(&app, "/request/new", body, None, "10.5.0.1").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_enhanced_form_is_told_where_to_go_instead_of_redirected() {
    let app = spawn_app().await;
    let token = fresh_token(&app, "/request/new").await;
    let response = app
        .client
        .post(app.url("/request/new"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("x-opendoor-enhanced", "1")
        .body(request_body("help", "qishan", &token))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        response.headers()["x-opendoor-redirect"],
        "/request/receipt"
    );
    assert!(set_cookie(&response, "od_receipt").is_some());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 1);
}
