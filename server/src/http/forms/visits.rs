//! POST `/staff/visits`, `/staff/visits/opinions/{id}/case` and `/staff/campaigns`.

use crate::http::edge::{Accepted, Form, Refusal, Shown, Staff, nothing_here};
use app::calendar::local_date;
use app::db::now_millis;
use app::i18n::Text;
use app::state::AppState;
use app::visits::store::{VisitError, create_campaign, log_visit, opinion_to_case};
use app::visits::{CampaignForm, CampaignPageState, VisitForm, VisitPageState, opinion_case_kind};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

const VISITS: &str = app::paths::STAFF_VISITS.as_str();
const CAMPAIGNS: &str = app::paths::STAFF_CAMPAIGNS.as_str();

/// The refusal of a visit action with `page`; a database failure is logged here.
fn refused<S>(state: &AppState, error: &VisitError, page: S) -> Refusal<S> {
    match error {
        VisitError::NotFound => Refusal::not_found(page),
        VisitError::Forbidden => Refusal::forbidden(page),
        VisitError::Refused(_) => Refusal::invalid(page),
        VisitError::Database(error) => Refusal::failed(state, error, "a visit action", page),
    }
}

fn text_of(error: &VisitError) -> Text {
    match error {
        VisitError::Refused(text) => *text,
        VisitError::NotFound => Text::new("找不到这条记录。", "That record does not exist."),
        VisitError::Forbidden => Text::new(
            "只有民警本人可以记录走访。",
            "Only officers log their visits.",
        ),
        VisitError::Database(_) => app::i18n::messages::SAVE_FAILED,
    }
}

pub async fn log(
    State(state): State<AppState>,
    Staff(member): Staff,
    Form(form): Form<VisitForm>,
) -> Result<Accepted, Refusal<VisitPageState>> {
    let now = now_millis();
    let page = |error: Text| VisitPageState {
        form: form.clone(),
        error: Some(error),
        opened_case: None,
    };
    let visit = form
        .validate(local_date(now))
        .map_err(|error| Refusal::invalid(page(error)).at(VISITS))?;
    log_visit(&state.db, &state.audit_key, &member, &visit, now)
        .await
        .map_err(|error| refused(&state, &error, page(text_of(&error))).at(VISITS))?;
    Ok(Accepted::to(VISITS))
}

#[derive(Debug, Default, Deserialize)]
pub struct OpinionForm {
    #[serde(default)]
    kind: String,
}

pub async fn opinion(
    State(state): State<AppState>,
    Staff(member): Staff,
    Path((id, target)): Path<(String, String)>,
    Form(form): Form<OpinionForm>,
) -> Result<Response, Refusal<VisitPageState>> {
    let Ok(id) = id.parse::<i64>() else {
        return Ok(nothing_here());
    };
    let refuse = |error: VisitError| {
        let page = VisitPageState {
            error: Some(text_of(&error)),
            ..VisitPageState::default()
        };
        refused(&state, &error, page).at(VISITS)
    };
    let calendar = state
        .calendar
        .get(state.db.reader())
        .await
        .map_err(|error| refuse(VisitError::Database(error)))?;
    let now = now_millis();
    match target.as_str() {
        "case" => {
            let Some(kind) = opinion_case_kind(&form.kind) else {
                let error = Text::new("请选择诉求类型。", "Please choose a kind.");
                return Err(refuse(VisitError::Refused(error)));
            };
            let (reference, code) = opinion_to_case(
                &state.db,
                &state.audit_key,
                &calendar,
                &member,
                id,
                kind,
                now,
            )
            .await
            .map_err(refuse)?;
            // The access code exists in the clear only in this answer.
            let page = VisitPageState {
                opened_case: Some((reference.to_string(), code.display())),
                ..VisitPageState::default()
            };
            Ok(Shown::once(page).at(VISITS).into_response())
        }
        // Officers no longer record ratings for residents ("rating" was that address): the
        // household rates the visit on its own phone with a code (`/staff/code`).
        _ => Ok(nothing_here()),
    }
}

pub async fn campaign(
    State(state): State<AppState>,
    Staff(member): Staff,
    Form(form): Form<CampaignForm>,
) -> Result<Accepted, Refusal<CampaignPageState>> {
    let page = |error: Text| CampaignPageState {
        form: form.clone(),
        error: Some(error),
    };
    let campaign = form
        .validate()
        .map_err(|error| Refusal::invalid(page(error)).at(CAMPAIGNS))?;
    create_campaign(
        &state.db,
        &state.audit_key,
        &member,
        &campaign,
        now_millis(),
    )
    .await
    .map_err(|error| {
        let text = match error {
            VisitError::Forbidden => Text::new(
                "只有本所所长可以发起活动。",
                "Only the station's leader starts a campaign.",
            ),
            _ => text_of(&error),
        };
        refused(&state, &error, page(text)).at(CAMPAIGNS)
    })?;
    Ok(Accepted::to(CAMPAIGNS))
}
