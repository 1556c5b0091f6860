//! The public server function behind `/rate/{code}`.

use super::ServiceType;
use crate::error::AppError;
use crate::stations::Names;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// What a service code is good for. Says nothing about a code but whether it can still
/// be used: the slip's holder sees the station, the officer and the service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CodeStatus {
    Usable {
        station_slug: String,
        station_name: Names,
        /// The officer's name and badge, when the code names one.
        officer: Option<(Names, String)>,
        service_type: ServiceType,
    },
    Used,
    Expired,
    Unknown,
}

#[server(input = GetUrl)]
pub async fn get_service_code(code: String) -> Result<CodeStatus, AppError> {
    let Some(code) = crate::codes::ServiceCode::parse(&code) else {
        return Ok(CodeStatus::Unknown);
    };
    let state = crate::state::AppState::from_context()?;
    super::server::code_status(state.db.reader(), &code, crate::db::now_millis())
        .await
        .map_err(|e| AppError::from(e).with_status())
}
