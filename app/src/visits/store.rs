//! Visits, opinions and campaigns in the database. Every write checks who makes it
//! (the visiting officer, the station's leader) inside its own transaction.

use super::{CampaignProgress, MyVisits, NewCampaign, NewVisit, OpinionView, VisitView};
use crate::accounts::Role;
use crate::audit::{AuditKey, Entry, append};
use crate::calendar::{WorkCalendar, format_date, local_date};
use crate::cases::opening::{Contact, NewCase};
use crate::cases::persist::Actor;
use crate::cases::pipeline::Executor;
use crate::cases::{AccessCode, CaseKind, Reference};
use crate::db::Db;
use crate::db::decode::scored;
use crate::i18n::Text;
use crate::ratings::RatingLevel;
use crate::staff::StaffMember;
use sqlx::AnyPool;

#[derive(Debug, thiserror::Error)]
pub enum VisitError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("refused")]
    Refused(Text),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// The officer behind a staff account: (officer id, badge, station id).
pub async fn officer_of(
    pool: &AnyPool,
    member: &StaffMember,
) -> Result<Option<(i64, String, i64)>, sqlx::Error> {
    let Some(officer_id) = member.officer_id else {
        return Ok(None);
    };
    if !member.holds_anywhere(Role::Officer) {
        return Ok(None);
    }
    sqlx::query_as("SELECT id, badge, station_id FROM officers WHERE id = $1 AND active = 1")
        .bind(officer_id)
        .fetch_optional(pool)
        .await
}

fn audit_entry<'a>(
    member: &'a StaffMember,
    action: &'a str,
    object_type: &'a str,
    object_id: &'a str,
) -> Entry<'a> {
    Entry {
        actor_account_id: Some(member.account_id),
        actor: &member.username,
        action,
        object_type,
        object_id,
        ..Entry::default()
    }
}

/// Stores a visit and its opinions for the officer behind `member`.
pub async fn log_visit(
    db: &Db,
    key: &AuditKey,
    member: &StaffMember,
    visit: &NewVisit,
    now: i64,
) -> Result<i64, VisitError> {
    let (officer_id, _, station_id) = officer_of(db.reader(), member)
        .await?
        .ok_or(VisitError::Forbidden)?;
    let mut tx = db.begin_write().await?;
    if let Some(campaign) = visit.campaign {
        let day = format_date(visit.visited_on);
        let found: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM campaigns WHERE id = $1 AND station_id = $2 AND starts_on <= $3 AND ends_on >= $3",
        )
        .bind(campaign)
        .bind(station_id)
        .bind(&day)
        .fetch_optional(&mut *tx)
        .await?;
        if found.is_none() {
            return Err(VisitError::Refused(Text::new(
                "该活动不在走访当天进行，或不属于本所。",
                "That campaign does not run at your station on the day of the visit.",
            )));
        }
    }
    let (visit_id,): (i64,) = sqlx::query_as(
        "INSERT INTO visits (officer_id, campaign_id, visited_on, household, notes, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(officer_id)
    .bind(visit.campaign)
    .bind(format_date(visit.visited_on))
    .bind(&visit.household)
    .bind(&visit.notes)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    for opinion in &visit.opinions {
        sqlx::query("INSERT INTO visit_opinions (visit_id, opinion) VALUES ($1, $2)")
            .bind(visit_id)
            .bind(opinion)
            .execute(&mut *tx)
            .await?;
    }
    let id = visit_id.to_string();
    append(
        &mut tx,
        db.backend(),
        key,
        audit_entry(member, "visit_logged", "visit", &id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(visit_id)
}

/// The officer's last 50 visits, and the campaigns running today at their station.
pub async fn my_visits(
    pool: &AnyPool,
    member: &StaffMember,
    now: i64,
) -> Result<Option<MyVisits>, sqlx::Error> {
    let Some((officer_id, _, station_id)) = officer_of(pool, member).await? else {
        return Ok(None);
    };
    let visits: Vec<(i64, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT v.id, v.visited_on, v.household, v.notes, c.title
         FROM visits v LEFT JOIN campaigns c ON c.id = v.campaign_id
         WHERE v.officer_id = $1 ORDER BY v.visited_on DESC, v.id DESC LIMIT 50",
    )
    .bind(officer_id)
    .fetch_all(pool)
    .await?;
    // The opinions of all those visits in one query, grouped below.
    #[derive(sqlx::FromRow)]
    struct OpinionRow {
        visit_id: i64,
        id: i64,
        opinion: String,
        reference: Option<String>,
        level: Option<i64>,
    }
    let opinions: Vec<OpinionRow> = sqlx::query_as(
        "SELECT o.visit_id, o.id, o.opinion, c.reference, r.level
         FROM visit_opinions o JOIN visits v ON v.id = o.visit_id
         LEFT JOIN cases c ON c.id = o.case_id LEFT JOIN ratings r ON r.id = o.rating_id
         WHERE v.officer_id = $1 AND v.id >= $2 ORDER BY o.id",
    )
    .bind(officer_id)
    .bind(visits.iter().map(|v| v.0).min().unwrap_or(i64::MAX))
    .fetch_all(pool)
    .await?;
    let levels: Vec<Option<RatingLevel>> = opinions
        .iter()
        .map(|row| row.level.map(|level| scored("level", level)).transpose())
        .collect::<Result<_, sqlx::Error>>()?;
    let views = visits
        .into_iter()
        .map(|(id, visited_on, household, notes, campaign)| VisitView {
            id,
            visited_on,
            household,
            notes,
            campaign,
            opinions: opinions
                .iter()
                .zip(&levels)
                .filter(|(row, _)| row.visit_id == id)
                .map(|(row, level)| OpinionView {
                    id: row.id,
                    text: row.opinion.clone(),
                    case_reference: row.reference.clone(),
                    rating: *level,
                })
                .collect(),
        })
        .collect();
    let today = format_date(local_date(now));
    let campaigns: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, title FROM campaigns WHERE station_id = $1 AND starts_on <= $2 AND ends_on >= $2 ORDER BY id",
    )
    .bind(station_id)
    .bind(&today)
    .fetch_all(pool)
    .await?;
    Ok(Some(MyVisits {
        visits: views,
        campaigns,
        today,
    }))
}

/// An opinion of one of the caller's own visits, not yet turned into anything.
async fn own_open_opinion(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    officer_id: i64,
    opinion_id: i64,
) -> Result<String, VisitError> {
    let row: Option<(String, i64, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT o.opinion, v.officer_id, o.case_id, o.rating_id
         FROM visit_opinions o JOIN visits v ON v.id = o.visit_id WHERE o.id = $1",
    )
    .bind(opinion_id)
    .fetch_optional(&mut **tx)
    .await?;
    match row {
        None => Err(VisitError::NotFound),
        Some((_, owner, ..)) if owner != officer_id => Err(VisitError::NotFound),
        Some((_, _, case_id, rating_id)) if case_id.is_some() || rating_id.is_some() => {
            Err(VisitError::Refused(Text::new(
                "这条意见已经转为诉求或评价。",
                "This opinion has already become a request or a rating.",
            )))
        }
        Some((opinion, ..)) => Ok(opinion),
    }
}

/// Turns an opinion into a case at the officer's station; returns its reference and
/// access code, for the officer to hand to the resident.
pub async fn opinion_to_case(
    db: &Db,
    key: &AuditKey,
    calendar: &WorkCalendar,
    member: &StaffMember,
    opinion_id: i64,
    kind: CaseKind,
    now: i64,
) -> Result<(Reference, AccessCode), VisitError> {
    let (officer_id, _, station_id) = officer_of(db.reader(), member)
        .await?
        .ok_or(VisitError::Forbidden)?;
    let mut tx = db.begin_write().await?;
    let opinion = own_open_opinion(&mut tx, officer_id, opinion_id).await?;
    let subject: String = opinion.chars().take(40).collect();
    let code = AccessCode::generate();
    let case = NewCase {
        kind,
        channel: crate::cases::proposal::Channel::Visit,
        station_id: Some(station_id),
        named_officer_id: None,
        rating_id: None,
        subject: &subject,
        description: &opinion,
        place: "",
        contact: Contact::default(),
        anonymous: true,
        publish_consent: false,
        lang: "zh",
        access_code: &code,
        idempotency_key: None,
    };
    let cases = Executor {
        db,
        key,
        calendar,
        now,
    };
    // Audited by the pipeline, as a staff opening.
    let opened = cases.open(&mut tx, Actor::Staff(member), case).await?;
    sqlx::query("UPDATE visit_opinions SET case_id = $1 WHERE id = $2")
        .bind(opened.id)
        .bind(opinion_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok((opened.reference, code))
}

/// Creates a campaign at a station the caller leads.
pub async fn create_campaign(
    db: &Db,
    key: &AuditKey,
    member: &StaffMember,
    campaign: &NewCampaign,
    now: i64,
) -> Result<i64, VisitError> {
    if !member.holds(Role::Leader, Some(campaign.station.as_ref())) {
        return Err(VisitError::Forbidden);
    }
    let mut tx = db.begin_write().await?;
    let station: Option<(i64,)> = sqlx::query_as("SELECT id FROM stations WHERE slug = $1")
        .bind(campaign.station.as_ref())
        .fetch_optional(&mut *tx)
        .await?;
    let (station_id,) = station.ok_or(VisitError::NotFound)?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO campaigns (station_id, title, starts_on, ends_on, target_per_officer, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(station_id)
    .bind(&campaign.title)
    .bind(format_date(campaign.starts_on))
    .bind(format_date(campaign.ends_on))
    .bind(campaign.target)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let object = id.to_string();
    append(
        &mut tx,
        db.backend(),
        key,
        audit_entry(member, "campaign_created", "campaign", &object),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The campaigns of the stations the caller leads or serves at, newest first, with each
/// officer's visits in the campaign's period.
pub async fn campaigns(
    pool: &AnyPool,
    member: &StaffMember,
) -> Result<Vec<CampaignProgress>, sqlx::Error> {
    let mut stations = member.stations_as(Role::Leader);
    stations.extend(member.stations_as(Role::Officer));
    stations.sort();
    stations.dedup();
    let mut progress = Vec::new();
    for slug in stations {
        let rows: Vec<(i64, String, String, String, i64, i64, String)> = sqlx::query_as(
            "SELECT c.id, c.title, c.starts_on, c.ends_on, c.target_per_officer, s.id, s.name_zh
             FROM campaigns c JOIN stations s ON s.id = c.station_id
             WHERE s.slug = $1 ORDER BY c.starts_on DESC, c.id DESC LIMIT 20",
        )
        .bind(&slug)
        .fetch_all(pool)
        .await?;
        for (id, title, starts_on, ends_on, target, station_id, station) in rows {
            let officers: Vec<(String, String, i64)> = sqlx::query_as(
                "SELECT o.name_zh, o.badge,
                        (SELECT COUNT(*) FROM visits v
                         WHERE v.officer_id = o.id AND v.visited_on >= $2 AND v.visited_on <= $3)
                 FROM officers o WHERE o.station_id = $1 AND o.active = 1 ORDER BY o.badge",
            )
            .bind(station_id)
            .bind(&starts_on)
            .bind(&ends_on)
            .fetch_all(pool)
            .await?;
            progress.push(CampaignProgress {
                id,
                station,
                title,
                starts_on,
                ends_on,
                target,
                officers,
            });
        }
    }
    Ok(progress)
}
