//! The workspace's server functions. Each is a public endpoint: it first finds the
//! signed-in staff member (401 without one), then checks their role (403), then, for one
//! case, their rights on it (404 when they may not know it exists).

use super::{CaseSummary, Dashboard, InspectorWork, IntakeWork, StaffCase};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The signed-in staff member past any second factor, with the request's state.
#[cfg(feature = "ssr")]
pub async fn require_staff() -> Result<(crate::state::AppState, crate::staff::StaffMember), AppError>
{
    let (state, parts) = crate::state::AppState::for_private_answer()?;
    let member = state
        .staff_member(&parts)
        .await
        .map_err(AppError::from)?
        .filter(|member| member.fully_signed_in())
        .ok_or(AppError::Unauthorized)?;
    Ok((state, member))
}

/// Refuses (403) unless the member holds one of `roles` somewhere.
#[cfg(feature = "ssr")]
fn require_role(
    member: &crate::staff::StaffMember,
    roles: &[crate::accounts::Role],
) -> Result<(), AppError> {
    if roles.iter().any(|role| member.holds_anywhere(*role)) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[cfg(feature = "ssr")]
fn parse_reference(reference: &str) -> Result<crate::cases::Reference, AppError> {
    crate::cases::Reference::parse(reference.trim()).ok_or(AppError::NotFound)
}

/// The intake queue: new, unassigned cases the caller may triage (a station's clerks and
/// leaders; bureau intake for the cases filed without a station, with its own overdue
/// view: those not taken up in time or past due).
#[server(input = GetUrl)]
pub async fn intake_queue(kind: Option<String>) -> Result<IntakeWork, AppError> {
    use crate::accounts::Role;
    let (state, member) = require_staff().await?;
    require_role(&member, &[Role::Clerk, Role::Leader, Role::Intake])?;
    let kind = kind
        .filter(|k| !k.is_empty())
        .map(|k| crate::cases::CaseKind::parse(&k).ok_or_else(|| AppError::Invalid("kind".into())))
        .transpose()?;
    let now = crate::db::now_millis();
    let pool = state.db.reader();
    let queue = super::queries::intake_queue(pool, &member, kind, now)
        .await
        .map_err(AppError::from)?;
    let overdue = if member.holds_anywhere(Role::Intake) {
        super::queries::intake_overdue(pool, &member, now)
            .await
            .map_err(AppError::from)?
    } else {
        Vec::new()
    };
    Ok(IntakeWork { queue, overdue })
}

/// The caller's own open cases, by deadline (anyone who works at a station).
#[server(input = GetUrl)]
pub async fn my_cases() -> Result<Vec<CaseSummary>, AppError> {
    use crate::accounts::Role;
    let (state, member) = require_staff().await?;
    require_role(&member, &[Role::Officer, Role::Clerk, Role::Leader])?;
    super::queries::my_cases(state.db.reader(), &member, crate::db::now_millis())
        .await
        .map_err(AppError::from)
}

/// One case as the caller may see it; 404 for a case that is not theirs to see.
#[server(input = GetUrl)]
pub async fn get_staff_case(reference: String) -> Result<StaffCase, AppError> {
    let (state, member) = require_staff().await?;
    let reference = parse_reference(&reference)?;
    super::queries::staff_case(
        state.db.reader(),
        &member,
        &reference,
        crate::db::now_millis(),
    )
    .await
    .map_err(AppError::from)?
    .ok_or(AppError::NotFound)
}

/// The dashboards of the stations the caller leads.
#[server(input = GetUrl)]
pub async fn leader_dashboard() -> Result<Vec<Dashboard>, AppError> {
    use crate::accounts::Role;
    let (state, member) = require_staff().await?;
    require_role(&member, &[Role::Leader])?;
    super::queries::dashboards(state.db.reader(), &member, crate::db::now_millis())
        .await
        .map_err(AppError::from)
}

/// The inspectors' queue across stations: what waits for their approval, cases under
/// their oversight, escalations, and every hidden case.
#[server(input = GetUrl)]
pub async fn inspector_queue() -> Result<InspectorWork, AppError> {
    use crate::accounts::Role;
    let (state, member) = require_staff().await?;
    require_role(&member, &[Role::Inspector])?;
    super::queries::inspector_queue(state.db.reader(), &member, crate::db::now_millis())
        .await
        .map_err(AppError::from)
}
