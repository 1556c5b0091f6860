//! The public server function behind `/rate/{code}`.

use super::CodeStatus;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(input = GetUrl)]
pub async fn get_service_code(code: String) -> Result<CodeStatus, AppError> {
    let Some(code) = crate::codes::ServiceCode::parse(&code) else {
        return Ok(CodeStatus::Unknown);
    };
    let state = crate::state::AppState::from_context()?;
    super::server::code_status(state.db.reader(), &code, crate::db::now_millis())
        .await
        .map_err(AppError::from)
}
