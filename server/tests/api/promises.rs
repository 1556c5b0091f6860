//! What the resident is promised, kept: the receipt and the 差评 thank-you page name the
//! answer's deadline in working days and as a date (GLOSSARY.md: 工作日 always with the
//! date), and it is the case's own deadline, under whatever rules the admin has set.

use crate::actors::Page;
use crate::helpers::{browse, enc, fresh_token, post_form_as, set_cookie, spawn_app};
use crate::workspace::case_column;
use app::cases::CaseKind;
use app::i18n::Lang;
use app::i18n::lang::month_day;
use reqwest::StatusCode;

/// `N 个工作日内（M 月 D 日前）`.
fn promise(days: u32, due_on: &str) -> String {
    format!("{days} 个工作日内（{}前）", month_day(due_on, Lang::Zh))
}

#[tokio::test]
async fn the_receipt_promises_the_cases_own_deadline_as_days_and_a_date() {
    let app = spawn_app().await;
    // The admin shortens questions to 7 working days.
    let admin = app.staff("admin").await;
    let rules: Vec<String> = CaseKind::ALL
        .iter()
        .map(|kind| kind.code())
        .map(|kind| {
            let days = if kind == "question" { 7 } else { 15 };
            format!("ack_{kind}=1&resolve_{kind}={days}")
        })
        .collect();
    let response = admin.post("/staff/admin/deadlines", rules.join("&")).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    for (kind, days) in [("question", 7), ("help", 15)] {
        let resident = app.resident();
        let token = fresh_token(&app, app::paths::REQUEST_NEW.as_str()).await;
        let body = format!(
            "kind={kind}&station=qishan&subject={}&description={}&token={token}",
            enc("一件事"),
            enc("具体情况如下。")
        );
        let response = resident
            .post(app::paths::REQUEST_NEW.as_str(), body, None)
            .await;
        let receipt = set_cookie(&response, "od_receipt").expect("a receipt");
        let page = resident
            .open(app::paths::RECEIPT.as_str(), Some(&receipt))
            .await;
        let reference = page.text("#receipt-reference").expect("a reference");
        let due_on = case_column(&app, &reference, "due_on").await.unwrap();
        assert_eq!(page.data("due-on").as_deref(), Some(due_on.as_str()));
        assert!(
            page.visible_text().contains(&promise(days, &due_on)),
            "{kind}: {}",
            page.visible_text()
        );
    }
}

#[tokio::test]
async fn a_bad_rating_is_promised_its_reviews_deadline_in_the_residents_language() {
    let app = spawn_app().await;
    let token = fresh_token(&app, "/o/100001").await;
    let body = format!("token={token}&level=1&service_type=counter&problems=slow");
    let response = post_form_as(&app, "/o/100001", body, None, "10.7.1.1").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let review = set_cookie(&response, "od_review").expect("the review's code");
    let (status, html) = browse(&app, &location, Some(&format!("{review}; od_lang=en"))).await;
    let page = Page::new(status, html);
    let reference = page.text("#review-reference").expect("the review");
    let due_on = case_column(&app, &reference, "due_on").await.unwrap();
    let text = page.visible_text();
    assert!(
        text.contains(&format!(
            "within 15 working days (by {})",
            month_day(&due_on, Lang::En)
        )),
        "{text}"
    );
}
