//! The pages behind the links in residents' mail. Following a link only shows a button:
//! mail scanners open links on their own, so the change itself is a POST (which is also
//! what RFC 8058 one-click unsubscribe sends). No sign-in: the token is the proof.

use crate::components::description::Description;
use crate::i18n::{Text, messages as m, use_lang};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Put in context by the POST handler when the token is unknown.
#[derive(Clone, Copy, Debug)]
pub struct MailLinkInvalid;

/// Put in context by the POST handler when the change could not be stored just now.
#[derive(Clone, Copy, Debug)]
pub struct MailLinkFailed;

#[derive(Clone, Copy)]
enum LinkKind {
    Confirm,
    Unsubscribe,
}

#[component]
pub fn MailConfirmPage() -> impl IntoView {
    link_page(LinkKind::Confirm)
}

#[component]
pub fn MailUnsubscribePage() -> impl IntoView {
    link_page(LinkKind::Unsubscribe)
}

fn link_page(kind: LinkKind) -> impl IntoView {
    let lang = use_lang();
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let invalid = use_context::<MailLinkInvalid>().is_some();
    let failed = use_context::<MailLinkFailed>().is_some();
    let (title, body, button, action) = match kind {
        LinkKind::Confirm => (
            m::MAIL_CONFIRM_TITLE,
            m::MAIL_CONFIRM_BODY,
            m::MAIL_CONFIRM_BUTTON,
            crate::paths::MAIL_CONFIRM.to(&[&token]),
        ),
        LinkKind::Unsubscribe => (
            m::MAIL_UNSUBSCRIBE_TITLE,
            m::MAIL_UNSUBSCRIBE_BODY,
            m::MAIL_UNSUBSCRIBE_BUTTON,
            crate::paths::MAIL_UNSUBSCRIBE.to(&[&token]),
        ),
    };
    view! {
        <Description text=m::DESC_MAIL lang />
        <Title text=title.get(lang) />
        <h1>{title.get(lang)}</h1>
        {if invalid {
            view! { <p class="error" role="alert">{m::MAIL_LINK_INVALID.get(lang)}</p> }.into_any()
        } else {
            view! {
                {failed.then(|| view! { <p class="error" role="alert">{m::SAVE_FAILED.get(lang)}</p> })}
                <p>{body.get(lang)}</p>
                <form class="form" method="post" action=action>
                    <button class="button" type="submit">{button.get(lang)}</button>
                </form>
            }
                .into_any()
        }}
    }
}

fn done_page(title: Text, body: Text) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Description text=m::DESC_MAIL lang />
        <Title text=title.get(lang) />
        <section class="notice notice--success">
            <h1>{title.get(lang)}</h1>
            <p>{body.get(lang)}</p>
        </section>
        <p>
            <a class="button" href={crate::paths::HOME.as_str()}>{m::NOT_FOUND_HOME.get(lang)}</a>
        </p>
    }
}

#[component]
pub fn MailConfirmedPage() -> impl IntoView {
    done_page(m::MAIL_CONFIRMED_TITLE, m::MAIL_CONFIRMED_BODY)
}

#[component]
pub fn MailUnsubscribedPage() -> impl IntoView {
    done_page(m::MAIL_UNSUBSCRIBED_TITLE, m::MAIL_UNSUBSCRIBED_BODY)
}
