//! Every public page says what it is for in a `<meta name="description">`, once, in the
//! page's language (Lighthouse's SEO audit, and the line a search result or a shared
//! link shows).

use crate::helpers::spawn_app;

const PUBLIC_PAGES: &[&str] = &[
    "/",
    "/s/qishan",
    "/s/qishan/reports",
    "/s/qishan/reports/2026-10",
    "/reports",
    "/o/100001",
    "/rated",
    "/rate",
    "/rate/ABCDE12345",
    "/request/new",
    "/request/receipt",
    "/track",
    "/track/KM-2026-000001",
    "/mail/confirm/not-a-token",
    "/mail/confirmed",
    "/mail/unsubscribe/not-a-token",
    "/mail/unsubscribed",
    "/no/such/page",
];

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[tokio::test]
async fn every_public_page_describes_itself_once_in_its_language() {
    let app = spawn_app().await;
    for lang in ["zh", "en"] {
        let resident = app.resident();
        for path in PUBLIC_PAGES {
            let page = resident.open(path, Some(&format!("od_lang={lang}"))).await;
            let descriptions = page.attrs("meta[name='description']", "content");
            assert_eq!(descriptions.len(), 1, "{path} in {lang}: {descriptions:?}");
            let description = &descriptions[0];
            assert!(description.chars().count() >= 5, "{path}: {description}");
            assert_eq!(
                has_chinese(description),
                lang == "zh",
                "{path} in {lang}: {description}"
            );
        }
    }
}
