//! The HTML shell (server only) and the router shared by server and browser.

use crate::components::layout::Layout;
use crate::pages::{
    home::HomePage,
    mail_links::{MailConfirmPage, MailConfirmedPage, MailUnsubscribePage, MailUnsubscribedPage},
    not_found::NotFound,
    rate_code::{EnterCodePage, RateCodePage},
    rate_officer::RateOfficerPage,
    rated::RatedPage,
    receipt::ReceiptPage,
    reports::{BureauReportsPage, StationArchivePage, StationMonthPage},
    request_new::RequestNewPage,
    staff_admin::AdminPage,
    staff_case::StaffCasePage,
    staff_dashboard::StaffDashboardPage,
    staff_home::StaffHomePage,
    staff_lists::{InspectorPage, IntakePage, MyCasesPage},
    staff_login::StaffLoginPage,
    staff_printing::{OfficerCardPage, OfficersPage, ServiceCodesPage},
    staff_ratings::StaffRatingsPage,
    staff_reports::{StaffReportDraftPage, StaffReportsPage},
    staff_second_factor::{StaffCodePage, StaffTotpPage},
    staff_signals::SignalsListPage,
    staff_visits::{CampaignsPage, VisitsPage},
    station::StationPage,
    track::{TrackPage, TrackedCasePage},
};
use crate::prefs::Prefs;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
};

/// The Content-Security-Policy of an HTML page: only our own files, plus the one inline
/// hydration script that carries this response's nonce.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The document around the app. Rendered on the server only, so it reads the request.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // leptos_axum generates a nonce per response and puts it on its inline scripts; the
    // header must name the same one.
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) && let Ok(value) = http::HeaderValue::from_str(&page_csp(&nonce))
    {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
    let prefs = Prefs::detect();
    let html_class = prefs.large_text.then_some(crate::prefs::LARGE_TEXT_CLASS);
    view! {
        <!DOCTYPE html>
        <html lang=prefs.lang.html_tag() class=html_class>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b3d91" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <leptos_meta::HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: preferences in context, the frame, and the routes.
///
/// Every route renders with `SsrMode::Async`: the server sends the complete page, data
/// included, so it works without JavaScript and answers with the right status (404 for an
/// unknown station) before any byte of the body.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(Prefs::detect());
    let site_name = crate::i18n::tr(crate::i18n::messages::SITE_NAME);

    view! {
        <Title formatter=move |page: String| {
            if page.is_empty() { site_name.to_string() } else { format!("{page} · {site_name}") }
        } />
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=page!(HOME) view=HomePage ssr=SsrMode::Async />
                    <Route path=page!(STATION) view=StationPage ssr=SsrMode::Async />
                    <Route path=page!(STATION_REPORTS) view=StationArchivePage ssr=SsrMode::Async />
                    <Route path=page!(STATION_MONTH) view=StationMonthPage ssr=SsrMode::Async />
                    <Route path=page!(REPORTS) view=BureauReportsPage ssr=SsrMode::Async />
                    <Route path=page!(REPORTS_METHOD) view=crate::pages::report_method::ReportMethodPage />
                    <Route path=page!(REPORTS_MONTH) view=BureauReportsPage ssr=SsrMode::Async />
                    <Route path=page!(OFFICER) view=RateOfficerPage ssr=SsrMode::Async />
                    <Route path=page!(RATED) view=RatedPage ssr=SsrMode::Async />
                    <Route path=page!(MAIL_CONFIRM) view=MailConfirmPage />
                    <Route path=page!(MAIL_CONFIRMED) view=MailConfirmedPage />
                    <Route path=page!(MAIL_UNSUBSCRIBE) view=MailUnsubscribePage />
                    <Route path=page!(MAIL_UNSUBSCRIBED) view=MailUnsubscribedPage />
                    <Route path=page!(RATE) view=EnterCodePage ssr=SsrMode::Async />
                    <Route path=page!(RATE_CODE) view=RateCodePage ssr=SsrMode::Async />
                    <Route path=page!(REQUEST_NEW) view=RequestNewPage ssr=SsrMode::Async />
                    <Route path=page!(RECEIPT) view=ReceiptPage ssr=SsrMode::Async />
                    <Route path=page!(TRACK) view=TrackPage ssr=SsrMode::Async />
                    <Route path=page!(TRACKED) view=TrackedCasePage ssr=SsrMode::Async />
                    <Route path=page!(STAFF) view=StaffHomePage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_LOGIN) view=StaffLoginPage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_LOGIN_CODE) view=StaffCodePage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_TOTP) view=StaffTotpPage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_INTAKE) view=IntakePage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_CASES) view=MyCasesPage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_CASE) view=StaffCasePage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_DASHBOARD) view=StaffDashboardPage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_INSPECTOR) view=InspectorPage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_SIGNALS) view=SignalsListPage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_OFFICERS) view=OfficersPage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_OFFICER_CARD) view=OfficerCardPage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_SERVICE_CODES) view=ServiceCodesPage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_SHOW_CODE) view=crate::pages::staff_show_code::ShowCodePage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_VISITS) view=VisitsPage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_ADMIN) view=AdminPage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_REPORTS) view=StaffReportsPage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_RATINGS) view=StaffRatingsPage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_REPORT_DRAFT) view=StaffReportDraftPage ssr=SsrMode::Async />
                    <Route path=page!(STAFF_CAMPAIGNS) view=CampaignsPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
