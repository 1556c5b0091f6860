//! The staff pages' server functions.

use super::StaffMember;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Who is signed in, or `None`. Pages that need a staff member send everyone else to
/// the sign-in page.
#[server(input = GetUrl)]
pub async fn current_staff() -> Result<Option<StaffMember>, AppError> {
    let (state, parts) = crate::state::AppState::for_private_answer()?;
    state.staff_member(&parts).await.map_err(AppError::from)
}

/// What the enrolment page shows: the secret as text and as a QR code.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Enrolment {
    /// Base32, in groups of four for typing.
    pub secret: String,
    pub qr_svg: String,
}

/// TOTP enrolment for the signed-in staff member: `None` when TOTP is on already.
/// Refused (404) without a session that got past the password.
#[server(input = GetUrl)]
pub async fn totp_enrolment() -> Result<Option<Enrolment>, AppError> {
    let (state, parts) = crate::state::AppState::for_private_answer()?;
    let member = state
        .staff_member(&parts)
        .await
        .map_err(AppError::from)?
        .filter(|m| m.second_factor != super::SecondFactor::CodeNeeded)
        .filter(|m| m.may_enrol_second_factor())
        .ok_or(AppError::NotFound)?;
    let Some(secret) = super::auth::enrolment_secret(&state.db, member.account_id)
        .await
        .map_err(AppError::from)?
    else {
        return Ok(None);
    };
    let url = super::totp::enrolment_url(&secret, &member.username).ok_or(AppError::Internal)?;
    let qr_svg = super::totp::qr_svg(&url).ok_or(AppError::Internal)?;
    let grouped = secret
        .as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(Some(Enrolment {
        secret: grouped,
        qr_svg,
    }))
}
