//! `/staff/login`: staff sign in with their username and password.

use crate::components::enhanced_form::EnhancedForm;
use crate::components::form_errors::ErrorSummary;
use crate::i18n::{messages as m, use_lang};
use crate::staff::LoginFormState;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn StaffLoginPage() -> impl IntoView {
    let lang = use_lang();
    let state = use_context::<LoginFormState>().unwrap_or_default();
    let errors = state
        .error
        .map(|e| vec![("username", e.text())])
        .unwrap_or_default();
    view! {
        <Title text=m::STAFF_LOGIN_TITLE.get(lang) />
        <Meta name="robots" content="noindex" />
        <h1>{m::STAFF_LOGIN_TITLE.get(lang)}</h1>
        <EnhancedForm>
            <form class="form" method="post" action={crate::paths::STAFF_LOGIN.as_str()} novalidate>
                <ErrorSummary problem=state.problem errors lang />
                <div class="field">
                    <label for="username">{m::STAFF_USERNAME.get(lang)}</label>
                    <input id="username" name="username" type="text" autocomplete="username"
                        autocapitalize="none" spellcheck="false" maxlength="32" value=state.username />
                </div>
                <div class="field">
                    <label for="password">{m::STAFF_PASSWORD.get(lang)}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password"
                        maxlength="256" />
                </div>
                <button type="submit" class="button">{m::STAFF_SIGN_IN.get(lang)}</button>
            </form>
        </EnhancedForm>
    }
}
