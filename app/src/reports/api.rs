//! The reports' server functions. The public ones read published snapshots only; the
//! draft ones are for the station's leader (401 signed out, 403 anyone else).

use super::model::{
    ArchiveEntry, BureauMonth, MonthReport, PublishedReport, StationRef, StationSummary,
    VersionInfo,
};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// A station the caller leads, with its months that have ended (newest first) and the
/// latest published version of each (`None`: still a draft).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaderMonths {
    pub station: StationRef,
    pub months: Vec<(String, Option<i64>)>,
}

/// A month as the leader reviews it: the figures computed now, the versions published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftView {
    pub report: MonthReport,
    pub versions: Vec<VersionInfo>,
    /// The month is over, so it may be published.
    pub publishable: bool,
}

#[cfg(feature = "ssr")]
fn unavailable(error: sqlx::Error) -> AppError {
    AppError::from(error)
}

/// `/reports`: the bureau's stations side by side for `month` (`YYYY-MM`; the newest
/// published month when absent or not a month).
#[server(input = GetUrl)]
pub async fn bureau_report(month: Option<String>) -> Result<BureauMonth, AppError> {
    let state = crate::state::AppState::from_context()?;
    let month = month.as_deref().and_then(super::Month::parse);
    super::publish::bureau(state.db.reader(), month)
        .await
        .map_err(unavailable)
}

/// `/s/{station}`: the station's latest published headline and recent items; `None`
/// before its first publication.
#[server(input = GetUrl)]
pub async fn get_station_summary(slug: String) -> Result<Option<StationSummary>, AppError> {
    let state = crate::state::AppState::from_context()?;
    super::publish::summary(state.db.reader(), slug.trim())
        .await
        .map_err(unavailable)
}

/// `/s/{station}/reports`: the station's published months; `None` for no such station.
#[server(input = GetUrl)]
pub async fn station_archive(
    slug: String,
) -> Result<Option<(StationRef, Vec<ArchiveEntry>)>, AppError> {
    let state = crate::state::AppState::from_context()?;
    super::publish::archive(state.db.reader(), slug.trim())
        .await
        .map_err(unavailable)
}

/// `/s/{station}/reports/{month}`: a published month (`version`, or the latest); `None`
/// when there is no such station, month or version.
#[server(input = GetUrl)]
pub async fn station_month(
    slug: String,
    month: String,
    version: Option<i64>,
) -> Result<Option<PublishedReport>, AppError> {
    let Some(month) = super::Month::parse(month.trim()) else {
        return Ok(None);
    };
    let state = crate::state::AppState::from_context()?;
    super::publish::published(
        state.db.reader(),
        slug.trim(),
        month,
        version.filter(|v| *v > 0),
    )
    .await
    .map_err(unavailable)
}

/// `/staff/reports`: the months of each station the caller leads.
#[server(input = GetUrl)]
pub async fn leader_report_months() -> Result<Vec<LeaderMonths>, AppError> {
    use crate::accounts::Role;
    let (state, member) = crate::workspace::api::require_staff().await?;
    let stations = member.stations_as(Role::Leader);
    if stations.is_empty() {
        return Err(AppError::Forbidden);
    }
    let now = crate::db::now_millis();
    let last_over = super::Month::of(now).previous();
    let months = last_over.last_twelve();
    let pool = state.db.reader();
    let mut answer = Vec::new();
    for slug in stations {
        let Some((station, published)) = super::publish::latest_versions(pool, &slug)
            .await
            .map_err(unavailable)?
        else {
            continue;
        };
        let months = months
            .iter()
            .rev()
            .map(|m| {
                let key = m.to_string();
                let version = published.iter().find(|(p, _)| *p == key).map(|(_, v)| *v);
                (key, version)
            })
            .collect();
        answer.push(LeaderMonths { station, months });
    }
    Ok(answer)
}

/// `/staff/reports/{station}/{month}`: the draft for the station's leader.
#[server(input = GetUrl)]
pub async fn report_draft(slug: String, month: String) -> Result<DraftView, AppError> {
    use crate::accounts::Role;
    let (state, member) = crate::workspace::api::require_staff().await?;
    let slug = slug.trim();
    if !member.holds(Role::Leader, Some(slug)) {
        return Err(AppError::Forbidden);
    }
    let month = super::Month::parse(month.trim()).ok_or(AppError::NotFound)?;
    let (report, versions) = super::publish::draft_view(state.db.reader(), slug, month)
        .await
        .map_err(unavailable)?
        .ok_or(AppError::NotFound)?;
    Ok(DraftView {
        report,
        versions,
        publishable: month < super::Month::of(crate::db::now_millis()),
    })
}

/// `/staff/ratings`: the caller's own ratings (officers) and their station's officers
/// (leaders) in `month` (default: this month so far). Nobody else: 403.
#[server(input = GetUrl)]
pub async fn officer_figures(
    month: Option<String>,
) -> Result<super::officers::OfficerFigures, AppError> {
    use crate::accounts::Role;
    let (state, member) = crate::workspace::api::require_staff().await?;
    let led = member.stations_as(Role::Leader);
    if member.officer_id.is_none() && led.is_empty() {
        return Err(AppError::Forbidden);
    }
    let month = month
        .as_deref()
        .and_then(super::Month::parse)
        .unwrap_or_else(|| super::Month::of(crate::db::now_millis()));
    let pool = state.db.reader();
    let own = match member.officer_id {
        Some(officer) => {
            let mine = super::officers::officers_month(pool, None, Some(officer), month)
                .await
                .map_err(unavailable)?;
            let trend = super::officers::officer_trend(pool, officer, month)
                .await
                .map_err(unavailable)?;
            mine.into_iter().next().map(|m| (m, trend))
        }
        None => None,
    };
    let mut stations = Vec::new();
    for slug in led {
        let found = super::publish::station(pool, &slug)
            .await
            .map_err(unavailable)?;
        if let Some(station) = found {
            let officers = super::officers::officers_month(pool, Some(station.id), None, month)
                .await
                .map_err(unavailable)?;
            stations.push((station.name_zh, station.name_en, officers));
        }
    }
    let now = super::Month::of(crate::db::now_millis());
    Ok(super::officers::OfficerFigures {
        month: month.to_string(),
        months: now
            .last_twelve()
            .into_iter()
            .rev()
            .map(|m| m.to_string())
            .collect(),
        own,
        stations,
    })
}
