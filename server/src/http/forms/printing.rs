//! POST `/staff/service-codes`: issues a sheet of one-time service codes and answers with
//! the printable sheet itself (200, `no-store`). The codes exist in the clear only in this
//! answer — the database keeps their hashes — so it is not a redirect.

use crate::http::edge::{Form, Refusal, Shown, Staff};
use app::audit::Entry;
use app::calendar::{format_date, local_date};
use app::db::now_millis;
use app::i18n::Text;
use app::printing::api::may_print_for;
use app::printing::{CodeBatchForm, CodeBatchState, IssuedSheet, Slip};
use app::ratings::server::{CodeBatch, ServiceCodeError, issue_service_codes};
use app::state::AppState;
use axum::extract::State;
use axum::http::request::Parts;

pub async fn issue(
    State(state): State<AppState>,
    Staff(member): Staff,
    parts: Parts,
    Form(form): Form<CodeBatchForm>,
) -> Result<Shown<CodeBatchState>, Refusal<CodeBatchState>> {
    let page = |error: Text| CodeBatchState {
        form: form.clone(),
        error: Some(error),
        issued: None,
    };
    let request = form
        .validate()
        .map_err(|error| Refusal::invalid(page(error)))?;
    if !may_print_for(&member, request.station.as_ref()) {
        return Err(Refusal::forbidden(page(Text::new(
            "您不能为该派出所生成服务码。",
            "You may not issue codes for this station.",
        ))));
    }
    // Nobody prints codes tied to themselves: an officer who also prints (a leader, a
    // clerk with an officer record) shows his own codes one at a time on his phone.
    if let (Some(own), Some(badge)) = (member.officer_id, request.officer.as_ref()) {
        let named: Option<(i64,)> = sqlx::query_as("SELECT id FROM officers WHERE badge = $1")
            .bind(badge.as_ref())
            .fetch_optional(state.db.reader())
            .await
            .map_err(|error| {
                Refusal::failed(
                    &state,
                    &error,
                    "reading an officer",
                    page(app::i18n::messages::SAVE_FAILED),
                )
            })?;
        if named.is_some_and(|(id,)| id == own) {
            return Err(Refusal::forbidden(page(Text::new(
                "不能打印记在自己名下的服务码，请用手机逐次出示。",
                "You cannot print codes tied to yourself: show them one at a time on your phone.",
            ))));
        }
    }
    let source = app::signals::source_of(&state.audit_key, state.client_ip(&parts));
    let batch = CodeBatch {
        station: &request.station,
        officer: request.officer.as_ref(),
        service_type: request.service_type,
        count: request.count,
        valid_days: request.valid_days,
        issued_source: Some(&source),
    };
    let detail = app::printing::audit_detail(
        request.count,
        request.station.as_ref(),
        request.officer.as_ref().map(|b| b.as_ref()),
    );
    let entry = Entry {
        actor_account_id: Some(member.account_id),
        actor: &member.username,
        action: app::printing::AUDIT_ACTION,
        object_type: "station",
        object_id: request.station.as_ref(),
        detail: &detail,
        ..Entry::default()
    };
    let audited = Some((&state.audit_key, entry));
    let codes = issue_service_codes(&state.db, batch, audited, app::db::now_millis())
        .await
        .map_err(|error| match error {
            ServiceCodeError::UnknownOfficer(..) | ServiceCodeError::UnknownStation(_) => {
                Refusal::invalid(page(Text::new(
                    "请选择本所民警。",
                    "Please choose an officer of the station.",
                )))
            }
            ServiceCodeError::Invalid(_) => Refusal::invalid(page(Text::new(
                "请检查数量和有效天数。",
                "Please check the number and the days.",
            ))),
            ServiceCodeError::DailyCap(_) => {
                Refusal::invalid(page(app::printing::DAILY_CAP_REACHED))
            }
            ServiceCodeError::Database(error) => Refusal::failed(
                &state,
                &error,
                "issuing service codes",
                page(app::i18n::messages::SAVE_FAILED),
            ),
        })?;
    let base = state.public_base(&parts);
    let slips = codes
        .iter()
        .map(|code| {
            let url = format!("{base}/rate/{}", code.expose());
            Slip {
                code: code.display(),
                qr_svg: app::qr::svg(&url, 120).unwrap_or_default(),
                url,
            }
        })
        .collect();
    let expires = now_millis() + i64::from(request.valid_days) * 86_400_000;
    Ok(Shown::once(CodeBatchState {
        form: CodeBatchForm::default(),
        error: None,
        issued: Some(IssuedSheet {
            station: request.station.to_string(),
            officer: request.officer.map(|b| b.to_string()),
            service_type: request.service_type,
            expires_on: format_date(local_date(expires)),
            slips,
        }),
    }))
}
