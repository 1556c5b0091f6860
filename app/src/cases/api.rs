//! Server functions of the resident's case pages. Neither takes a secret as an argument:
//! the access code travels only in the short-lived HttpOnly cookies of [`crate::cookies`].

use super::tracking::TrackedCase;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// A new request's receipt, shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub reference: String,
    /// As printed: `ABCDE-FGHJK`.
    pub access_code: String,
    /// When the answer is due, as promised on the receipt (`None` if it could not be read).
    pub deadline: Option<Deadline>,
}

/// An answer's deadline as a resident is told it: working days and the date they end on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub working_days: u32,
    /// `YYYY-MM-DD`.
    pub due_on: String,
}

impl Deadline {
    /// `15 个工作日内（12 月 21 日前）` / `within 15 working days (by 21 December)`.
    pub fn within(&self, lang: crate::i18n::Lang) -> String {
        let date = crate::i18n::lang::month_day(&self.due_on, lang);
        match lang {
            crate::i18n::Lang::Zh => format!("{} 个工作日内（{date}前）", self.working_days),
            crate::i18n::Lang::En => {
                format!("within {} working days (by {date})", self.working_days)
            }
        }
    }
}

/// The deadline of the case `reference`: its kind's working days and its due date.
/// `None` when it cannot be read: the receipt (its code shown only this once) matters
/// more than the date, and the page then promises an answer without one.
#[cfg(feature = "ssr")]
async fn deadline_of(
    state: &crate::state::AppState,
    reference: &super::Reference,
) -> Option<Deadline> {
    let row: Result<Option<(String, Option<i64>)>, sqlx::Error> = sqlx::query_as(
        "SELECT c.due_on, r.resolve_days FROM cases c
         LEFT JOIN deadline_rules r ON r.kind = c.kind WHERE c.reference = $1",
    )
    .bind(reference.as_ref())
    .fetch_optional(state.db.reader())
    .await;
    let row = match row {
        Ok(row) => row,
        Err(error) => {
            state.db.failed(&error, "reading a receipt's deadline");
            None
        }
    };
    // No rule set: the default the case's due date was computed with.
    row.map(|(due_on, days)| Deadline {
        working_days: days.unwrap_or(15).clamp(0, 365) as u32,
        due_on,
    })
}

/// The receipt of the request just filed, once: the cookie that carried it is cleared.
/// `None` when it was shown already (or never existed).
#[server(input = GetUrl)]
pub async fn take_receipt() -> Result<Option<Receipt>, AppError> {
    use crate::cookies::{RECEIPT_COOKIE, RECEIPT_PATH, parse_case, read, set_case};
    // A receipt must not be cached anywhere.
    let (state, parts) = crate::state::AppState::for_private_answer()?;
    let Some((reference, code)) = read(&parts.headers, RECEIPT_COOKIE).and_then(|v| parse_case(&v))
    else {
        return Ok(None);
    };
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(value) = http::HeaderValue::from_str(&set_case(
            RECEIPT_COOKIE,
            RECEIPT_PATH,
            None,
            0,
            state.https,
        ))
    {
        response.append_header(http::header::SET_COOKIE, value);
    }
    Ok(Some(Receipt {
        deadline: deadline_of(&state, &reference).await,
        reference: reference.to_string(),
        access_code: code.display(),
    }))
}

/// The access code of the 差评核实 that the resident's bad rating just opened, once: the
/// cookie that carried it is cleared. `None` when it was shown already.
#[server(input = GetUrl)]
pub async fn take_review() -> Result<Option<Receipt>, AppError> {
    use crate::cookies::{REVIEW_COOKIE, REVIEW_PATH, parse_case, read, set_case};
    let (state, parts) = crate::state::AppState::for_private_answer()?;
    let Some((reference, code)) = read(&parts.headers, REVIEW_COOKIE).and_then(|v| parse_case(&v))
    else {
        return Ok(None);
    };
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(value) =
            http::HeaderValue::from_str(&set_case(REVIEW_COOKIE, REVIEW_PATH, None, 0, state.https))
    {
        response.append_header(http::header::SET_COOKIE, value);
    }
    Ok(Some(Receipt {
        deadline: deadline_of(&state, &reference).await,
        reference: reference.to_string(),
        access_code: code.display(),
    }))
}

/// The case on `/track/{reference}`, for the holder of the tracking cookie that the
/// `/track` form set. `None` sends the resident back to the form. A cookie that does not
/// match counts against the client's tracking limit, like a wrong code typed in.
#[server(input = GetUrl)]
pub async fn get_tracked_case(reference: String) -> Result<Option<TrackedCase>, AppError> {
    use crate::cookies::{TRACK_COOKIE, parse_case, read};
    let (state, parts) = crate::state::AppState::for_private_answer()?;
    let Some((cookie_reference, code)) =
        read(&parts.headers, TRACK_COOKIE).and_then(|v| parse_case(&v))
    else {
        return Ok(None);
    };
    if cookie_reference.as_ref() != reference.trim() {
        return Ok(None);
    }
    let now = crate::db::now_millis();
    let calendar = state
        .calendar
        .get(state.db.reader())
        .await
        .map_err(AppError::from)?;
    let found = super::tracking_server::tracked_case(
        state.db.reader(),
        &calendar,
        &cookie_reference,
        &code,
        now,
    )
    .await
    .map_err(AppError::from)?;
    if found.is_none() && state.limits.tracking(state.client_ip(&parts)).is_err() {
        return Err(AppError::TooManyRequests);
    }
    Ok(found)
}
