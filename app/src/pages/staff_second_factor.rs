//! The TOTP second factor: `/staff/login/code` asks for the code after the password;
//! `/staff/totp` enrols an authenticator app with a QR code.

use crate::components::enhanced_form::EnhancedForm;
use crate::components::form_errors::ErrorSummary;
use crate::i18n::{Lang, messages as m, use_lang};
use crate::staff::LoginFormState;
use crate::staff::api::{Enrolment, totp_enrolment};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::Redirect;

/// The six-digit code field and its form, posting to `action`.
#[component]
fn CodeForm(action: &'static str, submit: crate::i18n::Text, lang: Lang) -> impl IntoView {
    let state = use_context::<LoginFormState>().unwrap_or_default();
    let errors = state
        .error
        .map(|e| vec![("code", e.text())])
        .unwrap_or_default();
    view! {
        <EnhancedForm>
            <form class="form" method="post" action=action novalidate>
                <ErrorSummary problem=state.problem errors lang />
                <div class="field">
                    <label for="code">{m::STAFF_CODE_LABEL.get(lang)}</label>
                    <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                        maxlength="7" />
                </div>
                <button type="submit" class="button">{submit.get(lang)}</button>
            </form>
        </EnhancedForm>
    }
}

#[component]
pub fn StaffCodePage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=m::STAFF_CODE_TITLE.get(lang) />
        <Meta name="robots" content="noindex" />
        <h1>{m::STAFF_CODE_TITLE.get(lang)}</h1>
        <p>{m::STAFF_CODE_INTRO.get(lang)}</p>
        <CodeForm action={crate::paths::STAFF_LOGIN_CODE.as_str()} submit=m::STAFF_SIGN_IN lang />
    }
}

#[component]
pub fn StaffTotpPage() -> impl IntoView {
    let lang = use_lang();
    let enrolment = Resource::new(|| (), |_| totp_enrolment());
    view! {
        <Title text=m::STAFF_TOTP_TITLE.get(lang) />
        <Meta name="robots" content="noindex" />
        <h1>{m::STAFF_TOTP_TITLE.get(lang)}</h1>
        <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
            {move || Suspend::new(async move {
                match enrolment.await {
                    Ok(Some(enrolment)) => view! { <Enrol enrolment lang /> }.into_any(),
                    Ok(None) => view! {
                        <p>{m::STAFF_TOTP_ON.get(lang)}</p>
                        <p><a class="button" href={crate::paths::STAFF.as_str()}>{m::STAFF_HOME_TITLE.get(lang)}</a></p>
                    }
                    .into_any(),
                    Err(_) => view! { <Redirect path={crate::paths::STAFF_LOGIN.as_str()} /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Enrol(enrolment: Enrolment, lang: Lang) -> impl IntoView {
    view! {
        <p>{m::STAFF_TOTP_INTRO.get(lang)}</p>
        // Our own SVG, drawn on the server from the otpauth address.
        <div class="qr" role="img" aria-label=m::STAFF_TOTP_QR_LABEL.get(lang) inner_html=enrolment.qr_svg></div>
        <p>{m::STAFF_TOTP_SECRET.get(lang)} <code class="secret" id="totp-secret">{enrolment.secret}</code></p>
        <CodeForm action={crate::paths::STAFF_TOTP.as_str()} submit=m::STAFF_TOTP_CONFIRM lang />
    }
}
