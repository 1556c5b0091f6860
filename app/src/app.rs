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
    path,
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
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/s/:station") view=StationPage ssr=SsrMode::Async />
                    <Route path=path!("/s/:station/reports") view=StationArchivePage ssr=SsrMode::Async />
                    <Route path=path!("/s/:station/reports/:month") view=StationMonthPage ssr=SsrMode::Async />
                    <Route path=path!("/reports") view=BureauReportsPage ssr=SsrMode::Async />
                    <Route path=path!("/o/:badge") view=RateOfficerPage ssr=SsrMode::Async />
                    <Route path=path!("/rated") view=RatedPage ssr=SsrMode::Async />
                    <Route path=path!("/mail/confirm/:token") view=MailConfirmPage />
                    <Route path=path!("/mail/confirmed") view=MailConfirmedPage />
                    <Route path=path!("/mail/unsubscribe/:token") view=MailUnsubscribePage />
                    <Route path=path!("/mail/unsubscribed") view=MailUnsubscribedPage />
                    <Route path=path!("/rate") view=EnterCodePage ssr=SsrMode::Async />
                    <Route path=path!("/rate/:code") view=RateCodePage ssr=SsrMode::Async />
                    <Route path=path!("/request/new") view=RequestNewPage ssr=SsrMode::Async />
                    <Route path=path!("/request/receipt") view=ReceiptPage ssr=SsrMode::Async />
                    <Route path=path!("/track") view=TrackPage ssr=SsrMode::Async />
                    <Route path=path!("/track/:reference") view=TrackedCasePage ssr=SsrMode::Async />
                    <Route path=path!("/staff") view=StaffHomePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/login") view=StaffLoginPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/login/code") view=StaffCodePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/totp") view=StaffTotpPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/intake") view=IntakePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/cases") view=MyCasesPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/cases/:reference") view=StaffCasePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/dashboard") view=StaffDashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/inspector") view=InspectorPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/officers") view=OfficersPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/officers/:badge/card") view=OfficerCardPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/service-codes") view=ServiceCodesPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/visits") view=VisitsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/admin") view=AdminPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/reports") view=StaffReportsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/ratings") view=StaffRatingsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/reports/:station/:month") view=StaffReportDraftPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/campaigns") view=CampaignsPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
