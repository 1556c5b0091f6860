//! Tests that read as journeys: a helper per actor (`app.resident()`,
//! `app.staff("clerk.qishan")`, `app.mailbox()`), and pages read through an HTML parser
//! by role, label and `data-` hooks rather than by searching the markup as text.

use crate::helpers::{
    TestApp, browse, enc, fresh_token, post_form, post_form_as, set_cookie, staff_session,
};
use app::paths;
use reqwest::StatusCode;
use scraper::{ElementRef, Html, Selector};
use std::sync::atomic::{AtomicU32, Ordering};

/// A page as a browser got it.
pub struct Page {
    pub status: StatusCode,
    pub html: String,
    document: Html,
}

impl Page {
    pub fn new(status: StatusCode, html: String) -> Page {
        let document = Html::parse_document(&html);
        Page {
            status,
            html,
            document,
        }
    }

    fn select(&self, selector: &str) -> Vec<ElementRef<'_>> {
        let selector =
            Selector::parse(selector).unwrap_or_else(|_| panic!("bad selector {selector}"));
        self.document.select(&selector).collect()
    }

    /// Whether anything matches the CSS selector.
    pub fn has(&self, selector: &str) -> bool {
        !self.select(selector).is_empty()
    }

    /// The text of each element the selector matches, whitespace collapsed.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        self.select(selector).into_iter().map(text_of).collect()
    }

    /// The text of the first element the selector matches.
    pub fn text(&self, selector: &str) -> Option<String> {
        self.texts(selector).into_iter().next()
    }

    /// Everything a reader sees on the page (the body's text).
    pub fn visible_text(&self) -> String {
        self.text("body").unwrap_or_default()
    }

    /// The attribute `name` of each element the selector matches that has it.
    pub fn attrs(&self, selector: &str, name: &str) -> Vec<String> {
        self.select(selector)
            .into_iter()
            .filter_map(|e| e.attr(name).map(str::to_string))
            .collect()
    }

    /// The forms: (method, action).
    pub fn forms(&self) -> Vec<(String, String)> {
        self.select("form")
            .into_iter()
            .map(|form| {
                let method = form.attr("method").unwrap_or("get").to_ascii_lowercase();
                (method, form.attr("action").unwrap_or_default().to_string())
            })
            .collect()
    }

    /// Whether a form control is labelled `label` (by `<label for>` or by wrapping).
    pub fn has_field_labelled(&self, label: &str) -> bool {
        self.select("label")
            .into_iter()
            .any(|l| text_of(l).contains(label))
    }

    /// The value of the form field named `name` (an input's value, a textarea's text).
    pub fn field(&self, name: &str) -> Option<String> {
        let input = format!("input[name='{name}']");
        if let Some(input) = self.select(&input).first() {
            return input.attr("value").map(str::to_string);
        }
        let textarea = format!("textarea[name='{name}']");
        self.text(&textarea)
    }

    /// The value of a `data-` hook on the first element that has it.
    pub fn data(&self, hook: &str) -> Option<String> {
        let selector = format!("[data-{hook}]");
        self.select(&selector)
            .first()
            .and_then(|e| e.attr(&format!("data-{hook}")).map(str::to_string))
    }
}

fn text_of(element: ElementRef<'_>) -> String {
    element
        .text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A request a resident filed: what the receipt showed.
#[derive(Clone, Debug)]
pub struct Filed {
    pub reference: String,
    pub code: String,
}

/// A resident on their own phone: an address and a browser of their own.
pub struct Resident<'a> {
    app: &'a TestApp,
    ip: String,
    browser: String,
}

/// A staff member, signed in all the way.
pub struct Staff<'a> {
    app: &'a TestApp,
    pub cookie: String,
}

/// What the outbox holds for an address: the messages a resident or officer would get.
pub struct Mailbox<'a> {
    app: &'a TestApp,
}

/// One message as the outbox keeps it.
#[derive(Debug)]
pub struct Mail {
    pub kind: String,
    pub status: String,
    pub payload: String,
}

static NEXT_RESIDENT: AtomicU32 = AtomicU32::new(1);

impl TestApp {
    /// A new resident: each call is another person, from another address and browser.
    pub fn resident(&self) -> Resident<'_> {
        let n = NEXT_RESIDENT.fetch_add(1, Ordering::Relaxed);
        Resident {
            app: self,
            ip: format!(
                "10.{}.{}.{}",
                100 + n / 62_500 % 100,
                n / 250 % 250,
                n % 250 + 1
            ),
            browser: format!("od_browser={n:032x}"),
        }
    }

    /// `username` signed in (with the second factor where the role needs one).
    pub async fn staff(&self, username: &str) -> Staff<'_> {
        Staff {
            app: self,
            cookie: staff_session(self, username).await,
        }
    }

    pub fn mailbox(&self) -> Mailbox<'_> {
        Mailbox { app: self }
    }
}

impl Resident<'_> {
    /// Opens a page (with the tracking cookie `cookie` if given).
    pub async fn open(&self, path: &str, cookie: Option<&str>) -> Page {
        let cookies = match cookie {
            Some(cookie) => format!("{}; {cookie}", self.browser),
            None => self.browser.clone(),
        };
        let (status, html) = browse(self.app, path, Some(&cookies)).await;
        Page::new(status, html)
    }

    /// Posts a form from this resident's address and browser.
    pub async fn post(&self, path: &str, body: String, cookie: Option<&str>) -> reqwest::Response {
        let cookies = match cookie {
            Some(cookie) => format!("{}; {cookie}", self.browser),
            None => self.browser.clone(),
        };
        post_form_as(self.app, path, body, Some(&cookies), &self.ip).await
    }

    /// Files a request of `kind` at `station` and reads its receipt.
    pub async fn file(&self, kind: &str, station: &str, subject: &str) -> Filed {
        let token = fresh_token(self.app, paths::REQUEST_NEW.as_str()).await;
        let body = format!(
            "kind={kind}&station={station}&subject={}&description={}&contact_phone={}&token={token}",
            enc(subject),
            enc("具体情况如下。"),
            enc("139 0000 1111"),
        );
        let response = self.post(paths::REQUEST_NEW.as_str(), body, None).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "filing a {kind}");
        let receipt = set_cookie(&response, "od_receipt").expect("the receipt's cookie");
        let page = self.open(paths::RECEIPT.as_str(), Some(&receipt)).await;
        Filed {
            reference: page.text("#receipt-reference").expect("a reference"),
            code: page.text("#receipt-code").expect("an access code"),
        }
    }

    /// Opens a filed request with its reference and code: the tracking cookie.
    pub async fn track(&self, filed: &Filed) -> String {
        let body = format!("reference={}&code={}", filed.reference, enc(&filed.code));
        let response = self.post(paths::TRACK.as_str(), body, None).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "tracking {filed:?}"
        );
        set_cookie(&response, "od_track").expect("the tracking cookie")
    }
}

impl Staff<'_> {
    pub async fn open(&self, path: &str) -> Page {
        let (status, html) = browse(self.app, path, Some(&self.cookie)).await;
        Page::new(status, html)
    }

    pub async fn post(&self, path: &str, body: String) -> reqwest::Response {
        post_form(self.app, path, body, Some(&self.cookie)).await
    }

    /// A case page's form `action`, with `body`.
    pub async fn act(&self, reference: &str, action: &str, body: &str) -> reqwest::Response {
        let path = paths::STAFF_CASE_ACTION.to(&[reference, action]);
        self.post(&path, body.to_string()).await
    }
}

impl Mailbox<'_> {
    /// The messages to `address`, oldest first.
    pub async fn to(&self, address: &str) -> Vec<Mail> {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT kind, status, payload FROM outbox WHERE recipient = $1 ORDER BY id",
        )
        .bind(address)
        .fetch_all(self.app.db.reader())
        .await
        .unwrap();
        rows.into_iter()
            .map(|(kind, status, payload)| Mail {
                kind,
                status,
                payload,
            })
            .collect()
    }
}
