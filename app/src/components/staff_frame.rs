//! What every workspace page shares: sending callers who are not (fully) signed in to the
//! sign-in page, the navigation for the member's roles, and the answers to a refused or
//! failed load.

use crate::accounts::Role;
use crate::error::AppError;
use crate::i18n::{Lang, Text, messages as m, use_lang};
use crate::pages::not_found::Notice;
use crate::pages::status::set_status;
use crate::staff::StaffMember;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::Redirect;

/// The signed-in member, or the view to show instead: a redirect to the sign-in page or
/// the second factor, or an error.
pub fn signed_in(
    result: Result<Option<StaffMember>, AppError>,
    lang: Lang,
) -> Result<StaffMember, AnyView> {
    match result {
        Ok(Some(member)) if member.fully_signed_in() => Ok(member),
        Ok(Some(member)) => Err(view! { <Redirect path=member.next_page() /> }.into_any()),
        Ok(None) => {
            Err(view! { <Redirect path={crate::paths::STAFF_LOGIN.as_str()} /> }.into_any())
        }
        // The sign-in check itself failed: the status of what failed (503 for an outage).
        Err(error) => Err(crate::pages::status::load_failed(&error, lang)),
    }
}

/// Runs a page's data load only for a fully signed-in caller. Without it the page's
/// data server function would run beside the sign-in check and answer 401 for a
/// signed-out visitor, and whichever finished last would set the response status: the
/// redirect to the sign-in page must win.
pub async fn after_sign_in<T>(
    load: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    match crate::staff::api::current_staff().await {
        Ok(Some(member)) if member.fully_signed_in() => load.await,
        Ok(_) => Err(AppError::Unauthorized),
        Err(error) => Err(error),
    }
}

/// The answer to a workspace load that was refused or failed.
pub fn load_error(error: AppError, lang: Lang) -> AnyView {
    match error {
        AppError::NotFound => {
            set_status(404);
            view! { <Notice title=m::STAFF_NOT_FOUND_TITLE body=m::STAFF_NOT_FOUND_BODY lang /> }
                .into_any()
        }
        AppError::Forbidden => {
            set_status(403);
            view! { <Notice title=m::STAFF_FORBIDDEN_TITLE body=m::STAFF_FORBIDDEN_BODY lang /> }
                .into_any()
        }
        AppError::Unauthorized => {
            view! { <Redirect path={crate::paths::STAFF_LOGIN.as_str()} /> }.into_any()
        }
        error => crate::pages::status::load_failed(&error, lang),
    }
}

/// The workspace navigation: the pages the member's roles open.
#[component]
pub fn StaffNav(member: StaffMember, lang: Lang) -> impl IntoView {
    let any = |roles: &[Role]| roles.iter().any(|role| member.holds_anywhere(*role));
    let links = [
        (true, crate::paths::STAFF.as_str(), m::STAFF_HOME_TITLE),
        (
            any(&[Role::Clerk, Role::Leader, Role::Intake]),
            crate::paths::STAFF_INTAKE.as_str(),
            m::STAFF_INTAKE_TITLE,
        ),
        (
            any(&[Role::Officer, Role::Clerk, Role::Leader]),
            crate::paths::STAFF_CASES.as_str(),
            m::STAFF_MY_CASES_TITLE,
        ),
        (
            any(&[Role::Leader]),
            crate::paths::STAFF_DASHBOARD.as_str(),
            m::STAFF_DASHBOARD_TITLE,
        ),
        (
            (member.officer_id.is_some() && any(&[Role::Officer])) || any(&[Role::Window]),
            crate::paths::STAFF_SHOW_CODE.as_str(),
            m::SHOW_CODE_TITLE,
        ),
        (
            member.officer_id.is_some() || any(&[Role::Leader]),
            crate::paths::STAFF_RATINGS.as_str(),
            m::STAFF_RATINGS_TITLE,
        ),
        (
            any(&[Role::Leader]),
            crate::paths::STAFF_REPORTS.as_str(),
            m::STAFF_REPORTS_TITLE,
        ),
        (
            any(&[Role::Inspector]),
            crate::paths::STAFF_INSPECTOR.as_str(),
            m::STAFF_INSPECTOR_TITLE,
        ),
        (
            any(&[Role::Inspector]),
            crate::paths::STAFF_SIGNALS.as_str(),
            m::SIGNALS_TITLE,
        ),
        (
            any(&[Role::Clerk, Role::Leader, Role::Admin]),
            crate::paths::STAFF_OFFICERS.as_str(),
            m::STAFF_PRINTING,
        ),
    ];
    view! {
        <nav class="staff-nav" aria-label=m::STAFF_NAV.get(lang)>
            <ul>
                {links
                    .into_iter()
                    .filter(|(shown, ..)| *shown)
                    .map(|(_, href, text)| view! { <li><a href=href>{text.get(lang)}</a></li> })
                    .collect_view()}
            </ul>
            <span class="staff-nav__who">{member.display_name.clone()}</span>
        </nav>
    }
}

/// A workspace page: kept out of search engines, titled, behind the sign-in check, with
/// the navigation and the heading, then `render` over what `data` loaded (or the answer
/// to a refused load). `data` should load through [`after_sign_in`].
pub fn staff_page<T, R>(
    title: Text,
    data: Resource<Result<T, AppError>>,
    render: R,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    R: Fn(StaffMember, T, Lang) -> AnyView + Clone + Send + Sync + 'static,
{
    let lang = use_lang();
    let staff = Resource::new(|| (), |_| crate::staff::api::current_staff());
    view! {
        <Meta name="robots" content="noindex" />
        <Title text=title.get(lang) />
        <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    let member = match signed_in(staff.await, lang) {
                        Ok(member) => member,
                        Err(view) => return view,
                    };
                    let body = match data.await {
                        Ok(data) => render(member.clone(), data, lang),
                        Err(error) => load_error(error, lang),
                    };
                    view! {
                        <StaffNav member lang />
                        <h1>{title.get(lang)}</h1>
                        {body}
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}
