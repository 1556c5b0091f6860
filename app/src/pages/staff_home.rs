//! `/staff`: the staff workspace's start, for the signed-in staff member; everyone else
//! is sent to the sign-in page.

use crate::components::staff_frame::StaffNav;
use crate::i18n::{Lang, messages as m, use_lang};
use crate::staff::StaffMember;
use crate::staff::api::current_staff;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::Redirect;

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let lang = use_lang();
    let staff = Resource::new(|| (), |_| current_staff());
    view! {
        <Meta name="robots" content="noindex" />
        <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
            {move || Suspend::new(async move {
                match staff.await {
                    Ok(Some(member)) if member.fully_signed_in() => {
                        view! { <Workspace member lang /> }.into_any()
                    }
                    // Password given; the second factor comes first.
                    Ok(Some(member)) => view! { <Redirect path=member.next_page() /> }.into_any(),
                    Ok(None) => view! { <Redirect path={crate::paths::STAFF_LOGIN.as_str()} /> }.into_any(),
                    Err(error) => crate::pages::status::load_failed(&error, lang),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Workspace(member: StaffMember, lang: Lang) -> impl IntoView {
    view! {
        <Title text=m::STAFF_HOME_TITLE.get(lang) />
        <StaffNav member=member.clone() lang />
        <h1>{m::STAFF_HOME_TITLE.get(lang)}</h1>
        <p class="signed-in">
            {m::STAFF_SIGNED_IN_AS.get(lang)} <strong>{member.display_name.clone()}</strong>
            {lang.bracket(member.username.clone())}
        </p>
        <h2>{m::STAFF_ROLES.get(lang)}</h2>
        <ul class="roles">
            {member
                .roles
                .iter()
                .map(|grant| {
                    view! {
                        <li>
                            {grant.role.label().get(lang)}
                            {grant.station.clone().map(|station| format!(" · {station}"))}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <div class="sign-out">
            <form method="post" action={crate::paths::STAFF_LOGOUT.as_str()}>
                <button type="submit" class="button">{m::STAFF_SIGN_OUT.get(lang)}</button>
            </form>
            <form method="post" action={crate::paths::STAFF_LOGOUT_EVERYWHERE.as_str()}>
                <button type="submit" class="button button--secondary">
                    {m::STAFF_SIGN_OUT_EVERYWHERE.get(lang)}
                </button>
            </form>
        </div>
    }
}
