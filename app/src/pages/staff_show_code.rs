//! `/staff/code`: the officer's phone (or the station's counter tablet) shows the resident
//! a fresh service code (QR code and typed) for the service just given or the visit just
//! made. See
//! [`crate::ratings::show_code`].

use crate::accounts::Role;
use crate::components::form_errors::refusal_summary;
use crate::components::staff_frame::{after_sign_in, staff_page};
use crate::i18n::{Lang, messages as m};
use crate::ratings::ServiceType;
use crate::ratings::show_code::{ShowCodeState, ShownCode};
use leptos::prelude::*;

#[component]
pub fn ShowCodePage() -> impl IntoView {
    let ready = Resource::new(|| (), |_| after_sign_in(async { Ok(()) }));
    let state = use_context::<ShowCodeState>().unwrap_or_default();
    staff_page(m::SHOW_CODE_TITLE, ready, move |member, (), lang| {
        let state = state.clone();
        // A counter tablet shows codes for counter services; an officer for any. (The
        // session admits a tablet's role only alone, on an account of no officer.)
        let tablet = member.holds_anywhere(Role::Window);
        match state.shown.clone() {
            Some(shown) => view! { <Shown shown lang /> }.into_any(),
            None => view! { <CodeForm state tablet lang /> }.into_any(),
        }
    })
}

#[component]
fn CodeForm(state: ShowCodeState, tablet: bool, lang: Lang) -> AnyView {
    let chosen = state.form.service_type.clone();
    let intro = if tablet {
        m::SHOW_CODE_INTRO_TABLET
    } else {
        m::SHOW_CODE_INTRO
    };
    view! {
        <p>{intro.get(lang)}</p>
        <form class="form" method="post" action={crate::paths::STAFF_SHOW_CODE.as_str()} novalidate>
            {refusal_summary(state.error, lang)}
            <div class="field">
                <label for="service_type">{m::RATE_SERVICE_LABEL.get(lang)}</label>
                <select id="service_type" name="service_type">
                    {ServiceType::ALL.iter().filter(|t| !tablet || t.at_the_counter()).map(|t| view! {
                        <option value=t.code() selected=chosen == t.code()>{t.label().get(lang)}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{m::SHOW_CODE_SUBMIT.get(lang)}</button>
        </form>
    }
    .into_any()
}

#[component]
fn Shown(shown: ShownCode, lang: Lang) -> AnyView {
    view! {
        <section class="shown-code" aria-labelledby="shown-code-heading">
            <h2 id="shown-code-heading">{m::SHOW_CODE_SHOWN.get(lang)}</h2>
            <div class="qr" role="img" aria-label=m::PRINT_QR_LABEL.get(lang) inner_html=shown.qr_svg></div>
            <p>{m::SHOW_CODE_TYPED.get(lang)}</p>
            <p><strong class="slip__code" id="shown-code">{shown.code}</strong></p>
            <p class="field__hint">
                {shown.service_type.label().get(lang)} " · " {m::PRINT_VALID_UNTIL.get(lang)} " " {shown.valid_until}
            </p>
        </section>
        <form class="form" method="post" action={crate::paths::STAFF_SHOW_CODE.as_str()}>
            <input type="hidden" name="service_type" value=shown.service_type.code() />
            <button type="submit" class="button button--secondary">{m::SHOW_CODE_ANOTHER.get(lang)}</button>
        </form>
        <p><a href={crate::paths::STAFF_SHOW_CODE.as_str()}>{m::SHOW_CODE_OTHER_SERVICE.get(lang)}</a></p>
    }
    .into_any()
}
