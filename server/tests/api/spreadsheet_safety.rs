//! Every CSV we write shows what staff typed as text (issue 14, item 7): a cell that
//! begins with `=`, `+`, `-`, `@`, a tab or a carriage return would start a formula when a
//! county clerk opens the download in a spreadsheet.

use crate::helpers::{enc, spawn_app, staff_session};
use crate::reports::{download, hand_made_month, publish};
use reqwest::StatusCode;

#[tokio::test]
async fn a_published_month_s_csv_never_starts_a_formula() {
    let app = spawn_app().await;
    hand_made_month(&app).await;
    let leader = staff_session(&app, "leader.qishan").await;
    let said = "=HYPERLINK(\"http://example.invalid/\",\"查看\")";
    let did = "@SUM(1+1)";
    let items = format!("said={}&did={}", enc(said), enc(did));
    let response = publish(&app, &leader, "qishan", "2026-10", &items).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    for path in ["/s/qishan/reports/2026-10.csv", "/reports/2026-10.csv"] {
        let (status, _, bytes) = download(&app, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let mut cells = Vec::new();
        for record in reader.records() {
            cells.extend(record.unwrap().iter().map(str::to_string));
        }
        assert!(cells.len() > 50, "{path}: {} cells", cells.len());
        for cell in &cells {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{path}: a cell starts a formula: {cell:?}"
            );
        }
        if path.starts_with("/s/") {
            assert!(cells.contains(&format!("'{said}")), "{path}: {cells:?}");
            assert!(cells.contains(&format!("'{did}")), "{path}");
        }
    }
}
