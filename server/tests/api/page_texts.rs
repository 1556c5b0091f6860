//! What every page says, read as its readers read it: each public page says what it is
//! for in a `<meta name="description">`, once, in the page's language (Lighthouse's SEO
//! audit, and the line a search result or a shared link shows); and no page, public or
//! staff, puts half-width punctuation after Chinese text, composed at run time or not.

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

/// What a reader reads as prose: the visible text without `<code>` (machine formats,
/// hashes, shown as they are).
fn prose(page: &crate::actors::Page) -> String {
    let mut text = page.visible_text();
    for code in page.texts("code") {
        text = text.replace(&code, "");
    }
    text
}

/// Half-width `(`, `:` or `,` after a Chinese character (a space between allowed), with
/// some text around it.
fn half_width_after_chinese(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        if !matches!(c, '(' | ':' | ',') {
            continue;
        }
        let before = match chars[..i].last() {
            Some(' ') if i >= 2 => chars[i - 2],
            Some(previous) => *previous,
            None => continue,
        };
        if has_chinese(&before.to_string()) {
            let from = i.saturating_sub(12);
            let to = (i + 12).min(chars.len());
            found.push(chars[from..to].iter().collect());
        }
    }
    found
}

#[tokio::test]
async fn no_page_puts_half_width_punctuation_after_chinese() {
    let app = spawn_app().await;
    let filed = app
        .resident()
        .file("complaint", "qishan", "窗口排队太久")
        .await;
    let case = app::paths::STAFF_CASE.to(&[&filed.reference]);
    let resident = app.resident();
    let mut wrong = Vec::new();
    for path in PUBLIC_PAGES {
        let page = resident.open(path, None).await;
        for text in half_width_after_chinese(&prose(&page)) {
            wrong.push(format!("{path}: …{text}…"));
        }
    }
    let staff_pages: &[(&str, &[&str])] = &[
        (
            "leader.qishan",
            &[
                "/staff",
                "/staff/intake",
                "/staff/cases",
                "/staff/dashboard",
                "/staff/officers",
                "/staff/officers/100001/card",
                "/staff/service-codes",
                "/staff/reports",
                "/staff/ratings",
                "/staff/reports/qishan/2026-10",
                "/staff/campaigns",
            ],
        ),
        ("inspector", &["/staff/inspector"]),
        ("admin", &["/staff/admin"]),
        ("officer.100001", &["/staff/visits", "/staff/cases"]),
        ("clerk.qishan", &["/staff/intake"]),
        ("intake", &["/staff/intake"]),
    ];
    for (user, paths) in staff_pages {
        let staff = app.staff(user).await;
        let case_page = [case.as_str()];
        let paths = paths
            .iter()
            .chain(case_page.iter().filter(|_| *user == "leader.qishan"));
        for path in paths {
            let page = staff.open(path).await;
            assert_eq!(page.status, reqwest::StatusCode::OK, "{user} {path}");
            for text in half_width_after_chinese(&prose(&page)) {
                wrong.push(format!("{user} {path}: …{text}…"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
