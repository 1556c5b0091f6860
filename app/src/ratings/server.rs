//! Rating storage: one-time service codes for now; ratings themselves follow.

use super::{RatingChannel, ServiceType};
use crate::cases::opening::{Contact, NewCase};
use crate::cases::persist::Actor;
use crate::cases::pipeline::Executor;
use crate::codes::ServiceCode;
use crate::db::Db;
use crate::db::decode;
use crate::stations::{BadgeNumber, Names, StationSlug};

const DAY_MILLIS: i64 = 24 * 3600 * 1000;

#[derive(Debug, thiserror::Error)]
pub enum ServiceCodeError {
    #[error("there is no station {0}")]
    UnknownStation(String),
    #[error("there is no officer with badge {0} at station {1}")]
    UnknownOfficer(String, String),
    #[error("{0}")]
    Invalid(String),
    /// The station's printing for today would pass [`PRINTED_PER_DAY`]; this many remain.
    #[error("the station may print {0} more codes today")]
    DailyCap(i64),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

pub use crate::printing::PRINTED_PER_DAY;

/// What a batch of service codes is for.
pub struct CodeBatch<'a> {
    pub station: &'a StationSlug,
    pub officer: Option<&'a BadgeNumber>,
    pub service_type: ServiceType,
    pub count: u32,
    pub valid_days: u32,
    /// Where the sheet was printed, keyed as [`crate::signals::source_of`] keys it.
    pub issued_source: Option<&'a str>,
}

/// The most codes one batch may hold: a printed sheet, not a database dump.
pub const MAX_BATCH: u32 = 1000;

/// Issues `count` fresh codes at `now`, stored only as hashes, all in one transaction,
/// with the audit entry `audited` (the staff member who printed them) when given.
#[tracing::instrument(skip_all, fields(station = %batch.station, count = batch.count))]
pub async fn issue_service_codes(
    db: &Db,
    batch: CodeBatch<'_>,
    audited: Option<(&crate::audit::AuditKey, crate::audit::Entry<'_>)>,
    now: i64,
) -> Result<Vec<ServiceCode>, ServiceCodeError> {
    if !(1..=MAX_BATCH).contains(&batch.count) {
        return Err(ServiceCodeError::Invalid(format!(
            "a batch holds 1 to {MAX_BATCH} codes"
        )));
    }
    if !(1..=366).contains(&batch.valid_days) {
        return Err(ServiceCodeError::Invalid(
            "codes are valid for 1 to 366 days".into(),
        ));
    }
    let Some((station_id,)): Option<(i64,)> =
        sqlx::query_as("SELECT id FROM stations WHERE slug = $1 AND active = 1")
            .bind(batch.station.as_ref())
            .fetch_optional(db.reader())
            .await?
    else {
        return Err(ServiceCodeError::UnknownStation(batch.station.to_string()));
    };
    let officer_id = match batch.officer {
        None => None,
        Some(badge) => {
            let row: Option<(i64,)> = sqlx::query_as(
                "SELECT id FROM officers WHERE badge = $1 AND station_id = $2 AND active = 1",
            )
            .bind(badge.as_ref())
            .bind(station_id)
            .fetch_optional(db.reader())
            .await?;
            Some(
                row.ok_or_else(|| {
                    ServiceCodeError::UnknownOfficer(badge.to_string(), batch.station.to_string())
                })?
                .0,
            )
        }
    };
    let expires_at = now + i64::from(batch.valid_days) * DAY_MILLIS;
    let batch_id = batch_name(now);
    let mut codes = Vec::with_capacity(batch.count as usize);
    let mut tx = db.begin_write().await?;
    // Printed from the workspace (audited): capped per station and day. The command line
    // is the operator's and is not.
    if audited.is_some() {
        if db.backend() == crate::db::Backend::Postgres {
            // Two sheets printed at once would both count the day's codes before either
            // is stored: they take turns on the station's row.
            sqlx::query("SELECT id FROM stations WHERE id = $1 FOR UPDATE")
                .bind(station_id)
                .execute(&mut *tx)
                .await?;
        }
        let day_start = crate::calendar::start_of_local_day(now);
        let (printed,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM service_codes
             WHERE station_id = $1 AND batch IS NOT NULL AND created_at >= $2",
        )
        .bind(station_id)
        .bind(day_start)
        .fetch_one(&mut *tx)
        .await?;
        if printed + i64::from(batch.count) > PRINTED_PER_DAY {
            return Err(ServiceCodeError::DailyCap(
                (PRINTED_PER_DAY - printed).max(0),
            ));
        }
    }
    while codes.len() < batch.count as usize {
        let code = ServiceCode::generate();
        // 50 random bits: a collision is astronomically unlikely, but never fatal.
        let inserted = sqlx::query(
            "INSERT INTO service_codes (code_hash, station_id, officer_id, service_type, channel, batch, created_at, expires_at,
                                        issued_source)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (code_hash) DO NOTHING",
        )
        .bind(code.hash())
        .bind(station_id)
        .bind(officer_id)
        .bind(batch.service_type.code())
        // A printed slip for a household visit makes a visit rating, counted apart.
        .bind(super::show_code::channel_of(batch.service_type).code())
        .bind(&batch_id)
        .bind(now)
        .bind(expires_at)
        .bind(batch.issued_source)
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 1 {
            codes.push(code);
        }
    }
    if let Some((key, entry)) = audited {
        crate::audit::append(&mut tx, db.backend(), key, entry, now).await?;
    }
    tx.commit().await?;
    Ok(codes)
}

/// Batches are named by when they were issued, for the admin's list of printed sheets.
fn batch_name(now: i64) -> String {
    format!("batch-{now}")
}

/// Whether a service code can still make a rating, and what for.
pub async fn code_status(
    pool: &sqlx::AnyPool,
    code: &ServiceCode,
    now: i64,
) -> Result<super::CodeStatus, sqlx::Error> {
    use super::CodeStatus;
    #[derive(sqlx::FromRow)]
    struct Row {
        service_type: String,
        expires_at: i64,
        redeemed_at: Option<i64>,
        slug: String,
        station_zh: String,
        station_en: String,
        officer_zh: Option<String>,
        officer_en: Option<String>,
        badge: Option<String>,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT c.service_type, c.expires_at, c.redeemed_at, s.slug, s.name_zh AS station_zh,
                s.name_en AS station_en, o.name_zh AS officer_zh, o.name_en AS officer_en, o.badge
         FROM service_codes c JOIN stations s ON s.id = c.station_id
         LEFT JOIN officers o ON o.id = c.officer_id
         WHERE c.code_hash = $1",
    )
    .bind(code.hash())
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(CodeStatus::Unknown);
    };
    Ok(if row.redeemed_at.is_some() {
        CodeStatus::Used
    } else if row.expires_at <= now {
        CodeStatus::Expired
    } else {
        CodeStatus::Usable {
            station_slug: row.slug,
            station_name: Names {
                zh: row.station_zh,
                en: row.station_en,
            },
            officer: row.officer_zh.zip(row.badge).map(|(zh, badge)| {
                (
                    Names {
                        zh,
                        en: row.officer_en.unwrap_or_default(),
                    },
                    badge,
                )
            }),
            service_type: decode::code("service_type", row.service_type)?,
        }
    })
}

/// Who or what is being rated.
pub enum RatingTarget {
    /// From an officer's QR code (`/o/{badge}`).
    Officer(BadgeNumber),
    /// From a station's QR code (`/s/{station}`).
    Station(StationSlug),
    /// From a one-time service code (`/rate/{code}`): verified. A code an officer showed
    /// on a household visit makes a rating of channel `visit`, counted apart. (Officers
    /// no longer record ratings for residents: nobody rates as staff.)
    Code(ServiceCode),
}

#[derive(Debug, thiserror::Error)]
pub enum RatingError {
    /// 404: no such officer, station or code.
    #[error("nothing to rate here")]
    UnknownTarget,
    /// 409: the code made its rating already.
    #[error("this service code has been used")]
    CodeUsed,
    /// 410: the code's time ran out.
    #[error("this service code has expired")]
    CodeExpired,
    /// 422: the rating needs a service type and the code does not give one.
    #[error("a rating needs a service type")]
    MissingServiceType,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// What storing a rating did.
#[derive(Debug)]
pub struct Recorded {
    pub rating_id: i64,
    pub verified: bool,
    /// The 差评核实 case a bad rating opened.
    pub review_case: Option<crate::cases::Reference>,
    /// Its access code, for the resident to track it: only when it was opened now (a
    /// repeated submission never gets a code).
    pub review_code: Option<crate::codes::AccessCode>,
}

#[derive(sqlx::FromRow)]
struct ServiceCodeRow {
    id: i64,
    station_id: i64,
    officer_id: Option<i64>,
    service_type: String,
    /// `service_code`, or `visit` for a code shown on a household visit.
    #[sqlx(try_from = "String")]
    channel: RatingChannel,
    expires_at: i64,
    redeemed_at: Option<i64>,
}

struct Resolved {
    station_id: i64,
    officer_id: Option<i64>,
    channel: RatingChannel,
    service_code_id: Option<i64>,
    service_type: Option<ServiceType>,
}

/// Stores a rating, in one transaction: redeems its service code, stores its tags and,
/// for a 差评, opens the station's 差评核实 case. The form's token makes a repeat of the
/// same submission return the first rating instead of storing a second.
#[tracing::instrument(skip_all, fields(level = submission.level.score()))]
pub async fn record_rating(
    cases: &Executor<'_>,
    target: &RatingTarget,
    submission: &super::form::RatingSubmission,
    lang: crate::i18n::Lang,
) -> Result<Recorded, RatingError> {
    match record_once(cases, target, submission, lang).await {
        // Two taps racing on PostgreSQL: the loser finds the winner's rating.
        Err(RatingError::Database(error))
            if crate::db::is_unique_violation(
                &error,
                "ratings_idempotency_key",
                "ratings.idempotency_key",
            ) =>
        {
            record_once(cases, target, submission, lang).await
        }
        outcome => outcome,
    }
}

async fn record_once(
    cases: &Executor<'_>,
    target: &RatingTarget,
    submission: &super::form::RatingSubmission,
    lang: crate::i18n::Lang,
) -> Result<Recorded, RatingError> {
    let now = cases.now;
    let mut tx = cases.db.begin_write().await?;
    if let Some(existing) = find_by_token(&mut tx, &submission.token).await? {
        return Ok(existing);
    }
    let resolved = resolve_target(&mut tx, target, now).await?;
    // A service code carries the service it was issued for; only without one does the
    // resident's choice count.
    let service_type = resolved
        .service_type
        .or(submission.service_type)
        .ok_or(RatingError::MissingServiceType)?;
    let (rating_id,): (i64,) = sqlx::query_as(
        "INSERT INTO ratings (station_id, officer_id, level, service_type, channel, verified, service_code_id,
                              comment, contact, lang, idempotency_key, created_at, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(resolved.station_id)
    .bind(resolved.officer_id)
    .bind(submission.level.score())
    .bind(service_type.code())
    .bind(resolved.channel.code())
    .bind(i64::from(resolved.service_code_id.is_some()))
    .bind(resolved.service_code_id)
    .bind(&submission.comment)
    // A call-back contact serves a 差评's review and is kept there, once; a good rating
    // needs none.
    .bind(None::<String>)
    .bind(lang.code())
    .bind(&submission.token)
    .bind(now)
    .bind(&submission.source)
    .fetch_one(&mut *tx)
    .await?;
    let tags: Vec<&str> = submission
        .problems
        .iter()
        .map(|t| t.code())
        .chain(submission.praise.iter().map(|t| t.code()))
        .collect();
    for tag in &tags {
        sqlx::query("INSERT INTO rating_tags (rating_id, tag) VALUES ($1, $2)")
            .bind(rating_id)
            .bind(tag)
            .execute(&mut *tx)
            .await?;
    }
    let key = crate::reports::rollups::RatingKey {
        station_id: resolved.station_id,
        officer_id: resolved.officer_id,
        channel: resolved.channel,
        verified: resolved.service_code_id.is_some(),
        service_type: service_type.code(),
        level: submission.level.score(),
        created_at: now,
    };
    crate::reports::rollups::add_rating(&mut tx, key, &tags).await?;
    let (review_case, review_code) = if submission.level.verdict() == super::Verdict::Bad {
        let access_code = crate::codes::AccessCode::generate();
        let contact = submission.contact.as_deref();
        let by_mail = contact.filter(|c| crate::cases::request_form::valid_email(c));
        let subject = format!(
            "差评核实：{} {}",
            submission.level.label().zh,
            service_type.label().zh
        );
        let opened = cases
            .open(
                &mut tx,
                Actor::Resident,
                NewCase {
                    channel: crate::cases::proposal::Channel::Rating,
                    kind: crate::cases::CaseKind::RatingReview,
                    station_id: Some(resolved.station_id),
                    named_officer_id: resolved.officer_id,
                    rating_id: Some(rating_id),
                    subject: &subject,
                    description: &submission.comment,
                    place: "",
                    // The call-back contact, under the same rules as a request's; a rating
                    // never carries a name.
                    contact: Contact {
                        name: None,
                        phone: contact.filter(|_| by_mail.is_none()),
                        email: by_mail,
                    },
                    anonymous: true,
                    publish_consent: false,
                    lang: lang.code(),
                    access_code: &access_code,
                    // The rating carries the token; the case is found through it.
                    idempotency_key: None,
                },
            )
            .await?;
        (Some(opened.reference), Some(access_code))
    } else {
        (None, None)
    };
    tx.commit().await?;
    Ok(Recorded {
        rating_id,
        verified: resolved.service_code_id.is_some(),
        review_case,
        review_code,
    })
}

async fn find_by_token(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    token: &str,
) -> Result<Option<Recorded>, sqlx::Error> {
    let row: Option<(i64, i64, Option<String>)> = sqlx::query_as(
        "SELECT r.id, r.verified, c.reference FROM ratings r LEFT JOIN cases c ON c.rating_id = r.id
         WHERE r.idempotency_key = $1",
    )
    .bind(token)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|(rating_id, verified, reference)| {
        Ok(Recorded {
            rating_id,
            verified: verified == 1,
            review_case: reference
                .map(|r| decode::code("reference", r))
                .transpose()?,
            review_code: None,
        })
    })
    .transpose()
}

async fn resolve_target(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    target: &RatingTarget,
    now: i64,
) -> Result<Resolved, RatingError> {
    match target {
        RatingTarget::Officer(badge) => {
            let row: Option<(i64, i64)> = sqlx::query_as(
                "SELECT o.id, o.station_id FROM officers o JOIN stations s ON s.id = o.station_id
                 WHERE o.badge = $1 AND o.active = 1 AND s.active = 1",
            )
            .bind(badge.as_ref())
            .fetch_optional(&mut **tx)
            .await?;
            let (officer_id, station_id) = row.ok_or(RatingError::UnknownTarget)?;
            Ok(Resolved {
                station_id,
                officer_id: Some(officer_id),
                channel: RatingChannel::OfficerQr,
                service_code_id: None,
                service_type: None,
            })
        }
        RatingTarget::Station(slug) => {
            let row: Option<(i64,)> =
                sqlx::query_as("SELECT id FROM stations WHERE slug = $1 AND active = 1")
                    .bind(slug.as_ref())
                    .fetch_optional(&mut **tx)
                    .await?;
            let (station_id,) = row.ok_or(RatingError::UnknownTarget)?;
            Ok(Resolved {
                station_id,
                officer_id: None,
                channel: RatingChannel::StationQr,
                service_code_id: None,
                service_type: None,
            })
        }
        RatingTarget::Code(code) => {
            let code: ServiceCodeRow = sqlx::query_as(
                "SELECT id, station_id, officer_id, service_type, channel, expires_at, redeemed_at
                 FROM service_codes WHERE code_hash = $1",
            )
            .bind(code.hash())
            .fetch_optional(&mut **tx)
            .await?
            .ok_or(RatingError::UnknownTarget)?;
            let ServiceCodeRow {
                id,
                station_id,
                officer_id,
                service_type,
                channel,
                expires_at,
                redeemed_at,
            } = code;
            if redeemed_at.is_some() {
                return Err(RatingError::CodeUsed);
            }
            if expires_at <= now {
                return Err(RatingError::CodeExpired);
            }
            // Guarded by `redeemed_at IS NULL`: of two racing submissions, one wins.
            let redeemed = sqlx::query(
                "UPDATE service_codes SET redeemed_at = $1 WHERE id = $2 AND redeemed_at IS NULL",
            )
            .bind(now)
            .bind(id)
            .execute(&mut **tx)
            .await?;
            if redeemed.rows_affected() != 1 {
                return Err(RatingError::CodeUsed);
            }
            Ok(Resolved {
                station_id,
                officer_id,
                channel,
                service_code_id: Some(id),
                service_type: Some(decode::code("service_type", service_type)?),
            })
        }
    }
}
