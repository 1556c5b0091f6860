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
            ShowCodeError::NotAnOfficer => Refusal::forbidden(page(Text::new(
                "只有民警可以出示服务码，服务码记在出示的民警名下。",
                "Only officers show service codes; a code is tied to the officer who shows it.",
            ))),
            ShowCodeError::DailyCap => Refusal::invalid(page(DAILY_CAP)),
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

/// What an officer over [`app::ratings::show_code::SHOWN_PER_DAY`] is told.
const DAILY_CAP: Text = Text::new(
    "您今天出示的服务码已达上限（每天 200 个）。",
    "You have shown today's limit of 200 codes.",
);

#[cfg(test)]
mod tests {
    #[test]
    fn the_daily_cap_text_says_the_cap() {
        let cap = app::ratings::show_code::SHOWN_PER_DAY.to_string();
        assert!(super::DAILY_CAP.zh.contains(&cap) && super::DAILY_CAP.en.contains(&cap));
    }
}
