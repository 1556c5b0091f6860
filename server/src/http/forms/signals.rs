//! POST `/staff/inspector/signals/{id}`: an inspector's decision on a fraud signal
//! (exclude its ratings, restore them, or keep them), with the reason.

use crate::http::edge::{Accepted, Form, Refusal, Staff, nothing_here};
use app::db::now_millis;
use app::i18n::Text;
use app::signals::store::{Decision, DecisionError, decide};
use app::signals::{DecisionForm, SignalsPageState};
use app::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

const SIGNALS: &str = app::paths::STAFF_SIGNALS.as_str();

pub async fn decide_signal(
    State(state): State<AppState>,
    Staff(member): Staff,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, Refusal<SignalsPageState>> {
    let Ok(id) = id.parse::<i64>() else {
        return Ok(nothing_here());
    };
    let page = |error: Text| SignalsPageState { error: Some(error) };
    let decision = match form.decision.as_str() {
        "exclude" => Decision::Exclude,
        "restore" => Decision::Restore,
        "leave" => Decision::Leave,
        _ => {
            let error = Text::new("请选择一项决定。", "Please choose a decision.");
            return Err(Refusal::invalid(page(error)).at(SIGNALS));
        }
    };
    let note = form
        .validate()
        .map_err(|error| Refusal::invalid(page(error)).at(SIGNALS))?;
    decide(
        &state.db,
        &state.audit_key,
        &member,
        id,
        decision,
        &note,
        now_millis(),
    )
    .await
    .map_err(|error| {
        match error {
            DecisionError::NotFound => Refusal::not_found(page(Text::new(
                "找不到这条信号。",
                "That signal does not exist.",
            ))),
            DecisionError::Forbidden => Refusal::forbidden(page(Text::new(
                "只有督察可以审查评价异常信号。",
                "Only inspectors review rating signals.",
            ))),
            DecisionError::Refused(text) => Refusal::invalid(page(text)),
            DecisionError::Database(error) => Refusal::failed(
                &state,
                &error,
                "deciding a rating signal",
                page(app::i18n::messages::SAVE_FAILED),
            ),
        }
        .at(SIGNALS)
    })?;
    Ok(Accepted::to(SIGNALS).into_response())
}
