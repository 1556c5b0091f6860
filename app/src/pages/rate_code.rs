//! `/rate`: type the code from a service slip; `/rate/{code}`: rate the service the code
//! stands for (verified). A used, expired or unknown code gets a clear message instead.

use super::not_found::Notice;
use super::status::set_status;
use crate::components::description::Description;
use crate::components::rating_form::RatingFormView;
use crate::i18n::{Lang, messages as m, use_lang};
use crate::ratings::CodeStatus;
use crate::ratings::api::get_service_code;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The code entry form: a GET to `/rate/go`, which redirects to `/rate/{code}`.
#[component]
pub fn EnterCodePage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Description text=m::DESC_RATE lang />
        <Title text=m::CODE_TITLE.get(lang) />
        <h1>{m::CODE_TITLE.get(lang)}</h1>
        <p>{m::CODE_INTRO.get(lang)}</p>
        <CodeEntry lang />
    }
}

#[component]
fn CodeEntry(lang: Lang) -> impl IntoView {
    view! {
        <form class="form" method="get" action={crate::paths::RATE_GO.as_str()}>
            <div class="field">
                <label for="code">{m::CODE_LABEL.get(lang)}</label>
                <input id="code" name="code" type="text" autocomplete="off" autocapitalize="characters"
                    spellcheck="false" maxlength="20" />
            </div>
            <button type="submit" class="button">{m::CODE_SUBMIT.get(lang)}</button>
        </form>
    }
}

#[component]
pub fn RateCodePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let status = Resource::new(code, get_service_code);
    view! {
        <Description text=m::DESC_RATE lang />
        <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(CodeStatus::Usable { station_slug, station_name, officer, service_type }) => {
                        let action = crate::paths::RATE_CODE.to(&[&code()]);
                        view! {
                            <Title text=m::CODE_RATE_TITLE.get(lang) />
                            <h1>{m::CODE_RATE_TITLE.get(lang)}</h1>
                            <dl class="facts">
                                <dt>{m::RATE_STATION.get(lang)}</dt>
                                <dd>
                                    <a href=crate::paths::STATION.to(&[&station_slug])>{station_name.get(lang).to_string()}</a>
                                </dd>
                                {officer.map(|(name, badge)| view! {
                                    <dt>{m::CODE_OFFICER.get(lang)}</dt>
                                    <dd>{name.get(lang).to_string()} {lang.bracket(format!("{} {badge}", m::STATION_BADGE.get(lang)))}</dd>
                                })}
                                <dt>{m::RATE_SERVICE_LABEL.get(lang)}</dt>
                                <dd>{service_type.label().get(lang)}</dd>
                            </dl>
                            <p class="verified">{m::CODE_VERIFIED_NOTE.get(lang)}</p>
                            <RatingFormView action lang ask_service=false />
                        }
                        .into_any()
                    }
                    Ok(problem) => view! { <CodeProblem problem lang /> }.into_any(),
                    Err(error) => crate::pages::status::load_failed(&error, lang),
                }
            })}
        </Suspense>
    }
}

/// A used, expired or unknown code: what happened, and what the resident can do instead.
#[component]
fn CodeProblem(problem: CodeStatus, lang: Lang) -> impl IntoView {
    let (title, body, status) = match problem {
        CodeStatus::Used => (m::CODE_USED_TITLE, m::CODE_USED_BODY, 410),
        CodeStatus::Expired => (m::CODE_EXPIRED_TITLE, m::CODE_EXPIRED_BODY, 410),
        _ => (m::CODE_UNKNOWN_TITLE, m::CODE_UNKNOWN_BODY, 404),
    };
    set_status(status);
    view! {
        <Notice title body lang />
        <CodeEntry lang />
        <p>
            <a href={crate::paths::HOME.as_str()}>{m::CODE_RATE_WITHOUT.get(lang)}</a>
        </p>
    }
}
