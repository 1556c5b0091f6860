//! Station queries.

use super::{Names, OfficeDetail, OfficerSummary, StationDetail, StationSlug, StationSummary};
use sqlx::AnyPool;

#[derive(sqlx::FromRow)]
struct StationRow {
    id: i64,
    slug: String,
    name_zh: String,
    name_en: String,
    address_zh: String,
    address_en: String,
    phone: String,
}

#[derive(sqlx::FromRow)]
struct OfficeRow {
    id: i64,
    name_zh: String,
    name_en: String,
    area_zh: String,
    area_en: String,
}

#[derive(sqlx::FromRow)]
struct OfficerRow {
    office_id: Option<i64>,
    badge: String,
    name_zh: String,
    name_en: String,
}

#[tracing::instrument(skip_all)]
pub async fn list_stations(pool: &AnyPool) -> Result<Vec<StationSummary>, sqlx::Error> {
    let rows: Vec<StationRow> = sqlx::query_as(
        "SELECT id, slug, name_zh, name_en, address_zh, address_en, phone
         FROM stations WHERE active = 1 ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| StationSummary {
            slug: row.slug,
            name: Names {
                zh: row.name_zh,
                en: row.name_en,
            },
            address: Names {
                zh: row.address_zh,
                en: row.address_en,
            },
        })
        .collect())
}

#[tracing::instrument(skip_all, fields(station = %slug))]
pub async fn station_detail(
    pool: &AnyPool,
    slug: &StationSlug,
) -> Result<Option<StationDetail>, sqlx::Error> {
    let Some(station): Option<StationRow> = sqlx::query_as(
        "SELECT id, slug, name_zh, name_en, address_zh, address_en, phone
         FROM stations WHERE slug = $1 AND active = 1",
    )
    .bind(slug.as_ref())
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let offices: Vec<OfficeRow> = sqlx::query_as(
        "SELECT id, name_zh, name_en, area_zh, area_en FROM offices
         WHERE station_id = $1 ORDER BY id",
    )
    .bind(station.id)
    .fetch_all(pool)
    .await?;
    let officers: Vec<OfficerRow> = sqlx::query_as(
        "SELECT office_id, badge, name_zh, name_en FROM officers
         WHERE station_id = $1 AND active = 1 ORDER BY badge",
    )
    .bind(station.id)
    .fetch_all(pool)
    .await?;

    let summary = |o: &OfficerRow| OfficerSummary {
        badge: o.badge.clone(),
        name: Names {
            zh: o.name_zh.clone(),
            en: o.name_en.clone(),
        },
    };
    let offices = offices
        .into_iter()
        .map(|office| OfficeDetail {
            officers: officers
                .iter()
                .filter(|o| o.office_id == Some(office.id))
                .map(summary)
                .collect(),
            name: Names {
                zh: office.name_zh,
                en: office.name_en,
            },
            area: Names {
                zh: office.area_zh,
                en: office.area_en,
            },
        })
        .collect();
    let headquarters_officers = officers
        .iter()
        .filter(|o| o.office_id.is_none())
        .map(summary)
        .collect();
    Ok(Some(StationDetail {
        slug: station.slug,
        name: Names {
            zh: station.name_zh,
            en: station.name_en,
        },
        address: Names {
            zh: station.address_zh,
            en: station.address_en,
        },
        phone: station.phone,
        offices,
        headquarters_officers,
    }))
}

#[derive(sqlx::FromRow)]
struct OfficerCardRow {
    badge: String,
    name_zh: String,
    name_en: String,
    station_slug: String,
    station_zh: String,
    station_en: String,
    office_zh: Option<String>,
    office_en: Option<String>,
}

#[tracing::instrument(skip_all, fields(badge = %badge))]
pub async fn officer_card(
    pool: &AnyPool,
    badge: &super::BadgeNumber,
) -> Result<Option<super::OfficerCard>, sqlx::Error> {
    let row: Option<OfficerCardRow> = sqlx::query_as(
        "SELECT o.badge, o.name_zh, o.name_en, s.slug AS station_slug, s.name_zh AS station_zh,
                s.name_en AS station_en, f.name_zh AS office_zh, f.name_en AS office_en
         FROM officers o JOIN stations s ON s.id = o.station_id LEFT JOIN offices f ON f.id = o.office_id
         WHERE o.badge = $1 AND o.active = 1 AND s.active = 1",
    )
    .bind(badge.as_ref())
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|row| super::OfficerCard {
        badge: row.badge,
        name: Names {
            zh: row.name_zh,
            en: row.name_en,
        },
        station_slug: row.station_slug,
        station_name: Names {
            zh: row.station_zh,
            en: row.station_en,
        },
        office_name: row
            .office_zh
            .zip(row.office_en)
            .map(|(zh, en)| Names { zh, en }),
    }))
}
