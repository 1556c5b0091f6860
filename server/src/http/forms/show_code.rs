//! POST `/staff/code`: issues one service code for the service just given (or the visit
//! just made) and answers with the code itself (200, `no-store`): it exists in the clear
//! only in this answer, so it is not a redirect.

use crate::http::edge::{Form, Refusal, Shown, Staff};
use app::calendar::format_local_time;
use app::db::now_millis;
use app::i18n::Text;
use app::ratings::show_code::{ShowCodeError, ShowCodeForm, ShowCodeState, ShownCode, issue_one};
use app::state::AppState;
use axum::extract::State;
use axum::http::request::Parts;

pub async fn show(
    State(state): State<AppState>,
    Staff(member): Staff,
    parts: Parts,
    Form(form): Form<ShowCodeForm>,
) -> Result<Shown<ShowCodeState>, Refusal<ShowCodeState>> {
    let page = |error: Text| ShowCodeState {
        form: form.clone(),
        error: Some(error),
        shown: None,
    };
    let service = form
        .validate()
        .map_err(|error| Refusal::invalid(page(error)))?;
    let source = app::signals::source_of(&state.audit_key, state.client_ip(&parts));
    let (code, expires_at) = issue_one(&state.db, &member, service, &source, now_millis())
        .await
        .map_err(|error| match error {
            ShowCodeError::NotAnIssuer => Refusal::forbidden(page(Text::new(
                "只有民警和派出所的窗口终端可以出示服务码：民警出示的服务码记在本人名下，窗口终端出示的记在派出所名下。",
                "Only officers and a station's counter tablet show service codes: an officer's code is tied to the officer, a counter tablet's to the station.",
            ))),
            ShowCodeError::NotAtTheCounter => Refusal::invalid(page(Text::new(
                "窗口终端只出示窗口服务的服务码；社区走访和治安巡查的服务码由民警出示。",
                "A counter tablet shows codes for counter services only; officers show the codes for community visits and patrols.",
            ))),
            ShowCodeError::DailyCap => Refusal::invalid(page(DAILY_CAP)),
            ShowCodeError::TooSoon => Refusal::invalid(page(TOO_SOON)),
            ShowCodeError::Database(error) => Refusal::failed(
                &state,
                &error,
                "issuing a service code",
                page(app::i18n::messages::SAVE_FAILED),
            ),
        })?;
    let url = format!("{}/rate/{}", state.public_base(&parts), code.expose());
    Ok(Shown::once(ShowCodeState {
        form: form.clone(),
        error: None,
        shown: Some(ShownCode {
            code: code.display(),
            qr_svg: app::qr::svg(&url, 240).unwrap_or_default(),
            url,
            service_type: service,
            valid_until: format_local_time(expires_at),
        }),
    }))
}

/// What an officer or a counter tablet over [`app::ratings::show_code::SHOWN_PER_DAY`]
/// is told.
const DAILY_CAP: Text = Text::new(
    "您今天出示的服务码已达上限（每天 200 个）。",
    "You have shown today's limit of 200 codes.",
);

/// What a counter tablet tapped again within
/// [`app::ratings::show_code::TABLET_GAP_SECONDS`] is told.
const TOO_SOON: Text = Text::new(
    "窗口终端每 60 秒最多出示一个服务码，请稍后再试。",
    "A counter tablet shows one code every 60 seconds at most: please try again shortly.",
);

#[cfg(test)]
mod tests {
    #[test]
    fn the_daily_cap_text_says_the_cap() {
        let cap = app::ratings::show_code::SHOWN_PER_DAY.to_string();
        assert!(super::DAILY_CAP.zh.contains(&cap) && super::DAILY_CAP.en.contains(&cap));
    }

    #[test]
    fn the_tablet_is_told_its_gap() {
        let gap = format!("{} ", app::ratings::show_code::TABLET_GAP_SECONDS);
        assert!(super::TOO_SOON.zh.contains(&gap) && super::TOO_SOON.en.contains(&gap));
    }
}
