//! POST `/staff/service-codes`: issues a sheet of one-time service codes and answers with
//! the printable sheet itself (200, `no-store`). The codes exist in the clear only in this
//! answer — the database keeps their hashes — so it is not a redirect.

use super::{failed_status, read_request, render_page, staff_or_answer};
use app::audit::Entry;
use app::calendar::{format_date, local_date};
use app::db::now_millis;
use app::i18n::Text;
use app::printing::api::may_print_for;
use app::printing::{CodeBatchForm, CodeBatchState, IssuedSheet, Slip};
use app::ratings::server::{CodeBatch, ServiceCodeError, issue_service_codes};
use app::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;

pub async fn issue(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form): (_, CodeBatchForm) = read_request(request).await;
    let member = match staff_or_answer(&state, &parts).await {
        Ok(member) => member,
        Err(answer) => return answer,
    };
    let refused = |error: Text, status: StatusCode| {
        let form_state = CodeBatchState {
            form: form.clone(),
            error: Some(error),
            issued: None,
        };
        render_page(&state, &parts, form_state, status)
    };
    let request = match form.validate() {
        Ok(request) => request,
        Err(error) => return refused(error, StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    if !may_print_for(&member, request.station.as_ref()) {
        return refused(
            Text::new(
                "您不能为该派出所生成评价码。",
                "You may not issue codes for this station.",
            ),
            StatusCode::FORBIDDEN,
        )
        .await;
    }
    let batch = CodeBatch {
        station: &request.station,
        officer: request.officer.as_ref(),
        service_type: request.service_type,
        count: request.count,
        valid_days: request.valid_days,
    };
    let detail = format!(
        "{} codes, {}, officer {}",
        request.count,
        request.station,
        request.officer.as_ref().map_or("-", |b| b.as_ref())
    );
    let entry = Entry {
        actor_account_id: Some(member.account_id),
        actor: &member.username,
        action: "service_codes_issued",
        object_type: "station",
        object_id: request.station.as_ref(),
        detail: &detail,
        ..Entry::default()
    };
    let audited = Some((&state.audit_key, entry));
    let codes = match issue_service_codes(&state.db, batch, audited).await {
        Ok(codes) => codes,
        Err(ServiceCodeError::UnknownOfficer(..) | ServiceCodeError::UnknownStation(_)) => {
            let error = Text::new(
                "请选择本所民警。",
                "Please choose an officer of the station.",
            );
            return refused(error, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        Err(ServiceCodeError::Invalid(_)) => {
            let error = Text::new(
                "请检查数量和有效天数。",
                "Please check the number and the days.",
            );
            return refused(error, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        Err(ServiceCodeError::Database(error)) => {
            let status = failed_status(&state, &error, "issuing service codes");
            return refused(app::i18n::messages::SAVE_FAILED, status).await;
        }
    };
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
    let sheet = CodeBatchState {
        form: CodeBatchForm::default(),
        error: None,
        issued: Some(IssuedSheet {
            station: request.station.to_string(),
            officer: request.officer.map(|b| b.to_string()),
            service_type: request.service_type,
            expires_on: format_date(local_date(expires)),
            slips,
        }),
    };
    let mut response = render_page(&state, &parts, sheet, StatusCode::OK).await;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
