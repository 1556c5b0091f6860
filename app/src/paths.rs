//! Every address of the site, declared once. The application's router takes its pages
//! from here (`<Route path=page!(OFFICER) …>`), the server's router the POST routes of
//! its forms ([`Path::axum`]), and every form's `action=` and every link its address
//! ([`Path::to`]). A test renders every page and checks each form against these.

use std::fmt::Write;

/// An address pattern in the application router's syntax: `/o/:badge`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Path(&'static str);

impl Path {
    /// The pattern as declared (`/o/:badge`): for a page without parameters, its address.
    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// The pattern in the server router's syntax (`/o/{badge}`).
    pub fn axum(self) -> String {
        self.0
            .split('/')
            .map(|segment| match segment.strip_prefix(':') {
                Some(name) => format!("{{{name}}}"),
                None => segment.to_string(),
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The address with `values` for its parameters, in order, each percent-encoded as
    /// a path segment (`OFFICER.to(&["100001"])` is `/o/100001`).
    pub fn to(self, values: &[&str]) -> String {
        let mut values = values.iter();
        let mut address = String::new();
        for segment in self.0.split('/').skip(1) {
            address.push('/');
            if segment.starts_with(':') {
                let value = values.next().copied().unwrap_or_default();
                push_segment(&mut address, value);
            } else {
                address.push_str(segment);
            }
        }
        debug_assert!(values.next().is_none(), "{} takes fewer values", self.0);
        if address.is_empty() {
            address.push('/');
        }
        address
    }

    /// The names of its parameters, in order.
    pub fn params(self) -> impl Iterator<Item = &'static str> {
        self.0
            .split('/')
            .filter_map(|segment| segment.strip_prefix(':'))
    }

    /// Whether `address` (a path, no query) is one of this pattern's addresses.
    pub fn matches(self, address: &str) -> bool {
        let mut pattern = self.0.split('/');
        let mut given = address.split('/');
        loop {
            match (pattern.next(), given.next()) {
                (None, None) => return true,
                (Some(p), Some(g)) if p.starts_with(':') && !g.is_empty() => {}
                (Some(p), Some(g)) if p == g => {}
                _ => return false,
            }
        }
    }
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// Percent-encodes what a path segment may not hold as it is.
fn push_segment(address: &mut String, value: &str) {
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                address.push(byte as char);
            }
            _ => {
                let _ = write!(address, "%{byte:02X}");
            }
        }
    }
}

// The paths are taken as token trees, not literals: a literal fragment reaches the
// router's `path!` inside an invisible group, which it does not read.
macro_rules! addresses {
    (
        pages { $($(#[$page_doc:meta])* $page:ident = $page_path:tt,)* }
        forms { $($(#[$form_doc:meta])* $form:ident = $form_path:tt,)* }
    ) => {
        $( $(#[$page_doc])* pub const $page: Path = Path($page_path); )*
        $( $(#[$form_doc])* pub const $form: Path = Path($form_path); )*

        /// Every page: a route of the application's router.
        pub const PAGES: &[Path] = &[$($page,)*];

        /// The addresses forms post (or, for a search, get) to that are not pages.
        pub const FORMS: &[Path] = &[$($form,)*];

        /// A page's path for the application's router: `<Route path=page!(OFFICER) …>`.
        macro_rules! page {
            $( ($page) => { ::leptos_router::path!($page_path) }; )*
        }
    };
}

addresses! {
    pages {
        HOME = "/",
        /// A station's page: its rating form, its figures.
        STATION = "/s/:station",
        STATION_REPORTS = "/s/:station/reports",
        /// A published month; with `.csv` or `.json` its downloads.
        STATION_MONTH = "/s/:station/reports/:month",
        REPORTS = "/reports",
        /// How every published figure is computed.
        REPORTS_METHOD = "/reports/method",
        /// The bureau's month: every station's published figures summed; with `.csv` or
        /// `.json` its downloads.
        REPORTS_MONTH = "/reports/:month",
        /// An officer's page: the rating form.
        OFFICER = "/o/:badge",
        RATED = "/rated",
        MAIL_CONFIRM = "/mail/confirm/:token",
        MAIL_CONFIRMED = "/mail/confirmed",
        MAIL_UNSUBSCRIBE = "/mail/unsubscribe/:token",
        MAIL_UNSUBSCRIBED = "/mail/unsubscribed",
        RATE = "/rate",
        RATE_CODE = "/rate/:code",
        REQUEST_NEW = "/request/new",
        RECEIPT = "/request/receipt",
        TRACK = "/track",
        TRACKED = "/track/:reference",
        STAFF = "/staff",
        STAFF_LOGIN = "/staff/login",
        STAFF_LOGIN_CODE = "/staff/login/code",
        STAFF_TOTP = "/staff/totp",
        STAFF_INTAKE = "/staff/intake",
        STAFF_CASES = "/staff/cases",
        STAFF_CASE = "/staff/cases/:reference",
        STAFF_DASHBOARD = "/staff/dashboard",
        STAFF_INSPECTOR = "/staff/inspector",
        /// Fraud signals, for inspectors.
        STAFF_SIGNALS = "/staff/inspector/signals",
        STAFF_OFFICERS = "/staff/officers",
        STAFF_OFFICER_CARD = "/staff/officers/:badge/card",
        STAFF_SERVICE_CODES = "/staff/service-codes",
        /// An officer shows one service code on the phone, for the service just given.
        STAFF_SHOW_CODE = "/staff/code",
        STAFF_VISITS = "/staff/visits",
        STAFF_ADMIN = "/staff/admin",
        STAFF_REPORTS = "/staff/reports",
        STAFF_RATINGS = "/staff/ratings",
        STAFF_REPORT_DRAFT = "/staff/reports/:station/:month",
        STAFF_CAMPAIGNS = "/staff/campaigns",
    }
    forms {
        /// The service-code entry form (GET): sends a code to its page.
        RATE_GO = "/rate/go",
        TRACK_FEEDBACK = "/track/:reference/feedback",
        TRACK_OBJECT = "/track/:reference/object",
        STAFF_LOGOUT = "/staff/logout",
        STAFF_LOGOUT_EVERYWHERE = "/staff/logout-everywhere",
        /// A case page's forms, one `action` each.
        STAFF_CASE_ACTION = "/staff/cases/:reference/:action",
        STAFF_VISIT_OPINION = "/staff/visits/opinions/:id/:target",
        /// An inspector's decision on one signal (`decision` and `note` in the body).
        STAFF_SIGNAL = "/staff/inspector/signals/:id",
        /// The admin page's forms, one `action` each.
        STAFF_ADMIN_ACTION = "/staff/admin/:action",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pattern_gives_the_router_path_and_every_address() {
        assert_eq!(OFFICER.axum(), "/o/{badge}");
        assert_eq!(
            STAFF_CASE_ACTION.axum(),
            "/staff/cases/{reference}/{action}"
        );
        assert_eq!(HOME.axum(), "/");
        assert_eq!(OFFICER.to(&["100001"]), "/o/100001");
        assert_eq!(HOME.to(&[]), "/");
        assert_eq!(
            STATION_MONTH.to(&["qishan", "2026-10"]),
            "/s/qishan/reports/2026-10"
        );
        assert_eq!(TRACKED.to(&["a b/c"]), "/track/a%20b%2Fc");
        assert_eq!(
            STAFF_CASE_ACTION.params().collect::<Vec<_>>(),
            ["reference", "action"]
        );
    }

    #[test]
    fn an_address_matches_its_pattern_only() {
        assert!(OFFICER.matches("/o/100001"));
        assert!(!OFFICER.matches("/o/"));
        assert!(!OFFICER.matches("/o/100001/x"));
        assert!(HOME.matches("/"));
        assert!(STAFF_CASE_ACTION.matches("/staff/cases/KM-2026-000001/assign"));
        assert!(!STAFF_CASE.matches("/staff/cases/KM-2026-000001/assign"));
    }

    #[test]
    fn no_address_is_declared_twice() {
        let all: Vec<&str> = PAGES.iter().chain(FORMS).map(|p| p.as_str()).collect();
        let mut unique = all.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), all.len());
    }
}
