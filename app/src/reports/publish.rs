//! Publishing a month and reading what was published. A publication freezes the month's
//! figures as JSON, stores the exact bytes with their SHA-256, and never changes them
//! (the database refuses updates and deletes); a correction is the next version, with a
//! public note, and every version stays readable.

use super::Month;
use super::draft::{self, StationRow};
use super::model::*;
use super::publish_form::{PublishError, PublishForm};
use crate::accounts::Role;
use crate::audit::{self, AuditKey};
use crate::db::{Db, is_unique_violation};
use crate::staff::StaffMember;
use sha2::{Digest, Sha256};
use sqlx::AnyPool;

/// What `published_reports.scope` holds for a station (its id, not its slug, so a
/// renamed station keeps its history).
fn scope(station_id: i64) -> String {
    format!("station:{station_id}")
}

#[derive(Debug, thiserror::Error)]
pub enum PublishRefused {
    #[error("no such station")]
    NotFound,
    #[error("only the station's leader publishes its report")]
    Forbidden,
    #[error("refused: {0:?}")]
    Invalid(PublishError),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// A new version, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    pub version: i64,
    pub sha256: String,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// RFC 3339 in China Standard Time, as snapshots carry times.
pub fn rfc3339_local(unix_millis: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix_millis.div_euclid(1000))
        .ok()
        .and_then(|t| {
            t.to_offset(crate::calendar::LOCAL_OFFSET)
                .format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// The leader of `slug` publishes `month` (version 1, or the next version as a
/// correction), in one transaction with its audit entry.
pub async fn publish(
    db: &Db,
    key: &AuditKey,
    member: &StaffMember,
    slug: &str,
    month: Month,
    form: &PublishForm,
    now: i64,
) -> Result<Published, PublishRefused> {
    let mut tx = db.begin_write().await?;
    let station = draft::station_by_slug(&mut tx, slug)
        .await?
        .ok_or(PublishRefused::NotFound)?;
    if !member.holds(Role::Leader, Some(&station.slug)) {
        return Err(PublishRefused::Forbidden);
    }
    if month >= Month::of(now) {
        return Err(PublishRefused::Invalid(PublishError::MonthNotOver));
    }
    // On PostgreSQL, an inspector's decision and this publication take turns on the
    // station's row: the figures below include every exclusion decided before, and none
    // is decided after (SQLite has one writer).
    if db.backend() == crate::db::Backend::Postgres {
        sqlx::query("SELECT id FROM stations WHERE id = $1 FOR UPDATE")
            .bind(station.id)
            .execute(&mut *tx)
            .await?;
    }
    if let Some(blocked) =
        crate::signals::store::publication_blocked(&mut *tx, station.id, month).await?
    {
        return Err(PublishRefused::Invalid(blocked));
    }
    let (latest,): (i64,) = sqlx::query_as(
        "SELECT COALESCE(MAX(version), 0) FROM published_reports WHERE scope = $1 AND month = $2",
    )
    .bind(scope(station.id))
    .bind(month.to_string())
    .fetch_one(&mut *tx)
    .await?;
    let (items, note) = form.parse(latest > 0).map_err(PublishRefused::Invalid)?;
    let mut report = draft::compute(&mut tx, &station, month).await?;
    report.version = latest + 1;
    report.note = note;
    report.published_at = rfc3339_local(now);
    report.you_said_we_did = items;
    let mut snapshot =
        serde_json::to_string_pretty(&report).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    snapshot.push('\n');
    let sha256 = sha256_hex(snapshot.as_bytes());
    let inserted = sqlx::query(
        "INSERT INTO published_reports (scope, station_id, month, version, snapshot, sha256, note, published_by, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(scope(station.id))
    .bind(station.id)
    .bind(month.to_string())
    .bind(report.version)
    .bind(&snapshot)
    .bind(&sha256)
    .bind(&report.note)
    .bind(member.account_id)
    .bind(now)
    .execute(&mut *tx)
    .await;
    match inserted {
        Err(error)
            if is_unique_violation(
                &error,
                "published_reports_version_key",
                "published_reports.scope, published_reports.month, published_reports.version",
            ) =>
        {
            return Err(PublishRefused::Invalid(PublishError::PublishedMeanwhile));
        }
        other => other?,
    };
    let object = format!("{}/{}/v{}", station.slug, month, report.version);
    audit::append(
        &mut tx,
        db.backend(),
        key,
        audit::Entry {
            actor_account_id: Some(member.account_id),
            actor: &member.username,
            action: "report_published",
            object_type: "report",
            object_id: &object,
            detail: &sha256,
            client: "",
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Published {
        version: report.version,
        sha256,
    })
}

/// Every published version of a station's month, oldest first.
pub async fn versions(
    pool: &AnyPool,
    station_id: i64,
    month: Month,
) -> Result<Vec<VersionInfo>, sqlx::Error> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT version, sha256, note, published_at FROM published_reports
         WHERE station_id = $1 AND month = $2 ORDER BY version",
    )
    .bind(station_id)
    .bind(month.to_string())
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(version, sha256, note, at)| VersionInfo {
            version,
            sha256,
            note,
            published_at: rfc3339_local(at),
        })
        .collect())
}

/// The stored snapshot bytes and their hash: `version`, or the latest.
pub async fn snapshot(
    pool: &AnyPool,
    station_id: i64,
    month: Month,
    version: Option<i64>,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT snapshot, sha256 FROM published_reports
         WHERE station_id = $1 AND month = $2 AND ($3 = 0 OR version = $3)
         ORDER BY version DESC LIMIT 1",
    )
    .bind(station_id)
    .bind(month.to_string())
    .bind(version.unwrap_or(0))
    .fetch_optional(pool)
    .await
}

fn parse_snapshot(json: &str) -> Result<MonthReport, sqlx::Error> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// A station's published month as its public page shows it; `None` when unpublished
/// (or no such station or version).
pub async fn published(
    pool: &AnyPool,
    slug: &str,
    month: Month,
    version: Option<i64>,
) -> Result<Option<PublishedReport>, sqlx::Error> {
    let Some(station) = station(pool, slug).await? else {
        return Ok(None);
    };
    let Some((json, sha256)) = snapshot(pool, station.id, month, version).await? else {
        return Ok(None);
    };
    Ok(Some(PublishedReport {
        report: parse_snapshot(&json)?,
        sha256,
        versions: versions(pool, station.id, month).await?,
    }))
}

/// The latest published version of each of a station's months; `None` for no such
/// station.
pub async fn latest_versions(
    pool: &AnyPool,
    slug: &str,
) -> Result<Option<(StationRef, Vec<(String, i64)>)>, sqlx::Error> {
    let Some(station) = station(pool, slug).await? else {
        return Ok(None);
    };
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT month, MAX(version) FROM published_reports WHERE station_id = $1 GROUP BY month",
    )
    .bind(station.id)
    .fetch_all(pool)
    .await?;
    Ok(Some((station.reference(), rows)))
}

/// The station called `slug`.
pub async fn station(pool: &AnyPool, slug: &str) -> Result<Option<StationRow>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    draft::station_by_slug(&mut conn, slug).await
}

/// What `/s/{station}` shows of the station's last three published months (the latest
/// version of each); `None` before its first publication.
pub async fn summary(pool: &AnyPool, slug: &str) -> Result<Option<StationSummary>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT p.snapshot FROM published_reports p JOIN stations s ON s.id = p.station_id
         WHERE s.slug = $1
           AND p.version = (SELECT MAX(q.version) FROM published_reports q WHERE q.scope = p.scope AND q.month = p.month)
         ORDER BY p.month DESC LIMIT 3",
    )
    .bind(slug)
    .fetch_all(pool)
    .await?;
    let reports = rows
        .iter()
        .map(|(json,)| parse_snapshot(json))
        .collect::<Result<Vec<_>, _>>()?;
    let Some(latest) = reports.first() else {
        return Ok(None);
    };
    Ok(Some(StationSummary {
        month: latest.month.clone(),
        verified: latest.verified.clone(),
        unverified: latest.unverified.n,
        said_did: reports
            .iter()
            .flat_map(|r| {
                r.you_said_we_did
                    .iter()
                    .map(|item| (r.month.clone(), item.clone()))
            })
            .collect(),
        // Format 1 named officers without asking: only consented ones from format 2 on.
        commendations: reports
            .iter()
            .filter(|r| r.format >= 2)
            .flat_map(|r| r.commendations.iter().map(|c| (r.month.clone(), c.clone())))
            .collect(),
    }))
}

/// A station's archive: the latest version of each published month, newest first.
pub async fn archive(
    pool: &AnyPool,
    slug: &str,
) -> Result<Option<(StationRef, Vec<ArchiveEntry>)>, sqlx::Error> {
    let Some(station) = station(pool, slug).await? else {
        return Ok(None);
    };
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT p.snapshot FROM published_reports p
         WHERE p.station_id = $1
           AND p.version = (SELECT MAX(q.version) FROM published_reports q WHERE q.scope = p.scope AND q.month = p.month)
         ORDER BY p.month DESC",
    )
    .bind(station.id)
    .fetch_all(pool)
    .await?;
    let entries = rows
        .iter()
        .map(|(json,)| {
            parse_snapshot(json).map(|r| ArchiveEntry {
                month: r.month,
                version: r.version,
                verified: r.verified,
                unverified: r.unverified,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Some((station.reference(), entries)))
}

/// The bureau's month: each active station's latest published figures side by side, and
/// the total over the stations that have published. `month` defaults to the newest
/// month anyone has published.
pub async fn bureau(pool: &AnyPool, month: Option<Month>) -> Result<BureauMonth, sqlx::Error> {
    let months: Vec<(String,)> =
        sqlx::query_as("SELECT DISTINCT month FROM published_reports ORDER BY month DESC")
            .fetch_all(pool)
            .await?;
    let months: Vec<String> = months.into_iter().map(|(m,)| m).collect();
    let month = month
        .map(|m| m.to_string())
        .or_else(|| months.first().cloned())
        .unwrap_or_default();
    let bureau_report = bureau_month(pool, &month).await?;
    let mut columns = Vec::new();
    let mut published = bureau_report.parts.iter();
    for part in &bureau_report.report.stations {
        let report = match part.version {
            Some(_) => published.next(),
            None => None,
        };
        columns.push(StationMonth {
            station: StationRef {
                slug: part.slug.clone(),
                name_zh: part.name_zh.clone(),
                name_en: part.name_en.clone(),
            },
            version: part.version,
            ratings: report.map(|r| r.ratings.clone()),
            verified: report.map(|r| r.verified.clone()),
            unverified: report.map(|r| r.unverified.clone()),
            cases: report.map(|r| r.cases.clone()),
        });
    }
    let total = bureau_report.report.total.ratings.clone();
    let total_verified = bureau_report.report.total.verified.clone();
    let total_unverified = bureau_report.report.total.unverified.clone();
    let summed = bureau_report
        .report
        .stations
        .iter()
        .filter(|p| p.summed)
        .count();
    let full = (summed > 0).then_some(bureau_report.report.total);
    Ok(BureauMonth {
        month,
        months,
        stations: columns,
        total,
        total_verified,
        total_unverified,
        report: full,
        summed,
    })
}

/// The bureau's month, with the station reports it sums (in the order of
/// `report.stations`' published parts).
pub struct BureauMonthParts {
    pub report: super::bureau::BureauReport,
    pub parts: Vec<MonthReport>,
}

/// The bureau's `month`: every active station's latest published version, summed
/// ([`super::bureau::sum_reports`]).
pub async fn bureau_month(pool: &AnyPool, month: &str) -> Result<BureauMonthParts, sqlx::Error> {
    use super::bureau::{BUREAU_SLUG, BureauPart, BureauReport, sum_reports, summable};
    let stations: Vec<StationRow> = sqlx::query_as(
        "SELECT id, slug, name_zh, name_en FROM stations WHERE active = 1 ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    let published: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT p.station_id, p.snapshot, p.sha256 FROM published_reports p
         WHERE p.month = $1
           AND p.version = (SELECT MAX(q.version) FROM published_reports q WHERE q.scope = p.scope AND q.month = p.month)",
    )
    .bind(month)
    .fetch_all(pool)
    .await?;
    let (name_zh, name_en): (String, String) =
        sqlx::query_as("SELECT name_zh, name_en FROM bureau WHERE id = 1")
            .fetch_optional(pool)
            .await?
            .unwrap_or_default();
    let mut parts = Vec::new();
    let mut stations_out = Vec::new();
    for station in stations {
        let found = published.iter().find(|(id, _, _)| *id == station.id);
        let report = found.map(|(_, json, _)| parse_snapshot(json)).transpose()?;
        stations_out.push(BureauPart {
            slug: station.slug.clone(),
            name_zh: station.name_zh.clone(),
            name_en: station.name_en.clone(),
            version: report.as_ref().map(|r| r.version),
            sha256: found.map(|(_, _, sha256)| sha256.clone()),
            summed: report.as_ref().is_some_and(summable),
        });
        parts.extend(report);
    }
    let bureau = StationRef {
        slug: BUREAU_SLUG.to_string(),
        name_zh,
        name_en,
    };
    // `sum_reports` adds the parts counted by today's rules only.
    let total = sum_reports(month, bureau, &parts);
    Ok(BureauMonthParts {
        report: BureauReport {
            month: month.to_string(),
            stations: stations_out,
            total,
        },
        parts,
    })
}

/// The leader's view of a month before (or after) publishing.
pub async fn draft_view(
    pool: &AnyPool,
    slug: &str,
    month: Month,
) -> Result<Option<(MonthReport, Vec<VersionInfo>)>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let Some(station) = draft::station_by_slug(&mut conn, slug).await? else {
        return Ok(None);
    };
    let report = draft::compute(&mut conn, &station, month).await?;
    drop(conn);
    Ok(Some((report, versions(pool, station.id, month).await?)))
}

/// The stored bytes, hash and parsed figures of a station's published month (`version`,
/// or the latest), for the downloads.
pub async fn published_snapshot(
    pool: &AnyPool,
    slug: &str,
    month: Month,
    version: Option<i64>,
) -> Result<Option<(String, String, MonthReport)>, sqlx::Error> {
    let Some(station) = station(pool, slug).await? else {
        return Ok(None);
    };
    let Some((json, sha256)) = snapshot(pool, station.id, month, version).await? else {
        return Ok(None);
    };
    let report = parse_snapshot(&json)?;
    Ok(Some((json, sha256, report)))
}
