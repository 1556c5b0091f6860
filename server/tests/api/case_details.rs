//! Details staff record on a case, through the 12345 work-order number: recorded from the
//! case page by whoever triages or works the case, open or finished, checked, shown among
//! the case's facts and in the internal timeline, audited, never shown to the resident,
//! refused (with nothing saved) to everyone else.

use crate::actors::Page;
use crate::helpers::{enc, spawn_app};
use crate::workspace::{assign, audit_count, case_column};
use app::paths;
use reqwest::StatusCode;

const LABEL: &str = "12345 转办编号";

fn set(value: &str) -> String {
    format!("detail=hotline_order&value={}", enc(value))
}

fn recorded(page: &Page) -> Option<String> {
    page.text("dd[data-detail='hotline_order']")
}

#[tokio::test]
async fn the_clerk_records_a_12345_number_which_staff_see_and_the_resident_does_not() {
    let app = spawn_app().await;
    let resident = app.resident();
    let filed = resident.file("help", "qishan", "楼道灯坏了").await;
    let reference = filed.reference.clone();
    let case_page = paths::STAFF_CASE.to(&[&reference]);
    let clerk = app.staff("clerk.qishan").await;

    let page = clerk.open(&case_page).await;
    assert!(page.has_field_labelled(LABEL), "the clerk may record it");
    assert_eq!(recorded(&page), None, "nothing recorded yet");

    // What does not look like a work-order number is refused, kept in the form, and
    // nothing is saved.
    let response = clerk.act(&reference, "detail", &set("GD 2026/1201")).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = Page::new(response.status(), response.text().await.unwrap());
    assert!(refused.has("#detail-hotline_order[aria-invalid='true']"));
    assert_eq!(refused.field("value").as_deref(), Some("GD 2026/1201"));
    assert!(refused.visible_text().contains("请按说明的格式填写"));
    assert_eq!(recorded(&clerk.open(&case_page).await), None);
    assert_eq!(audit_count(&app, "case_detail_set").await, 0);

    let updated = case_column(&app, &reference, "updated_at").await;
    let response = clerk
        .act(&reference, "detail", &set(" gd-20261201-0042 "))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // Only staff see it, so the public "last updated" time (Open311) stays as it was.
    assert_eq!(case_column(&app, &reference, "updated_at").await, updated);
    let page = clerk.open(&case_page).await;
    assert_eq!(recorded(&page).as_deref(), Some("GD-20261201-0042"));
    assert_eq!(page.field("value").as_deref(), Some("GD-20261201-0042"));
    let entry = page
        .texts(".timeline__entry--internal")
        .into_iter()
        .find(|entry| entry.contains("登记信息"))
        .expect("an internal timeline entry");
    assert!(
        entry.contains("12345 转办编号：GD-20261201-0042"),
        "{entry}"
    );
    assert_eq!(audit_count(&app, "case_detail_set").await, 1);

    // The same number again changes nothing and says so.
    let again = clerk
        .act(&reference, "detail", &set("GD-20261201-0042"))
        .await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(audit_count(&app, "case_detail_set").await, 1);

    // In English the label and the timeline speak English.
    let english = app.staff("clerk.qishan").await;
    let page = Page::new(
        StatusCode::OK,
        app.get_with_cookie(&case_page, &format!("{}; od_lang=en", english.cookie))
            .await
            .text()
            .await
            .unwrap(),
    );
    assert!(page.has_field_labelled("12345 work-order number"));
    assert!(
        page.visible_text()
            .contains("12345 work-order number: GD-20261201-0042")
    );

    // The resident's page shows neither the number nor the entry.
    let track = resident.track(&filed).await;
    let tracked = resident
        .open(&paths::TRACKED.to(&[&reference]), Some(&track))
        .await;
    assert_eq!(tracked.status, StatusCode::OK);
    let text = tracked.visible_text();
    assert!(!text.contains("GD-20261201-0042") && !text.contains(LABEL));

    // Cleared: gone from the facts, and the timeline says it was cleared.
    let cleared = clerk.act(&reference, "detail", &set("  ")).await;
    assert_eq!(cleared.status(), StatusCode::SEE_OTHER);
    let page = clerk.open(&case_page).await;
    assert_eq!(recorded(&page), None);
    assert!(page.visible_text().contains("12345 转办编号：已清除"));
    assert_eq!(audit_count(&app, "case_detail_set").await, 2);
}

#[tokio::test]
async fn a_finished_case_takes_a_late_number_but_only_from_those_who_handle_it() {
    let app = spawn_app().await;
    let resident = app.resident();
    let filed = resident
        .file("question", "qishan", "户口迁移要带什么")
        .await;
    let reference = filed.reference.clone();
    let case_page = paths::STAFF_CASE.to(&[&reference]);
    let clerk = app.staff("clerk.qishan").await;
    assert_eq!(
        assign(&app, &clerk.cookie, &reference, "officer.100001")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let officer = app.staff("officer.100001").await;
    let answer = format!("outcome=explained&summary={}", enc("带户口本和身份证。"));
    assert_eq!(
        officer.act(&reference, "resolve", &answer).await.status(),
        StatusCode::SEE_OTHER
    );

    // The assigned officer records the number that arrived after the answer.
    assert!(officer.open(&case_page).await.has_field_labelled(LABEL));
    assert_eq!(
        officer
            .act(&reference, "detail", &set("20261201000123"))
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        recorded(&clerk.open(&case_page).await).as_deref(),
        Some("20261201000123")
    );

    // Another station's clerk does not learn the case exists; a detail nobody declared
    // is no form at all.
    let other = app.staff("clerk.dadongmen").await;
    let response = other.act(&reference, "detail", &set("X1")).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let unknown = "detail=owner_name&value=1";
    assert_eq!(
        clerk.act(&reference, "detail", unknown).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        recorded(&clerk.open(&case_page).await).as_deref(),
        Some("20261201000123")
    );
}

#[tokio::test]
async fn an_inspector_who_only_watches_a_case_cannot_record_on_it() {
    let app = spawn_app().await;
    let filed = app.resident().file("question", "qishan", "一件事").await;
    let reference = filed.reference.clone();
    let clerk = app.staff("clerk.qishan").await;
    let reason = format!("reason={}", enc("内容与公安工作无关"));
    assert_eq!(
        clerk.act(&reference, "hide", &reason).await.status(),
        StatusCode::SEE_OTHER
    );
    // Inspectors see every case closed as not genuine, and may note on it; they do not
    // handle it.
    let inspector = app.staff("inspector").await;
    let page = inspector.open(&paths::STAFF_CASE.to(&[&reference])).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.has_field_labelled(LABEL));
    let response = inspector.act(&reference, "detail", &set("GD1")).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(audit_count(&app, "case_detail_set").await, 0);
}
