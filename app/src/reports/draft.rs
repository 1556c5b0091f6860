//! A station's month computed from the rating and case rollups: the draft a leader
//! reviews, and what publishing freezes. Every query is bounded by the station and the
//! month's rollup keys, never by how many ratings or cases exist.

use super::Month;
use super::case_rollups::{self, Measure};
use super::counting::{COUNTED_TAGS_SQL, Counted, ExclusionReason};
use super::model::*;
use super::trend::{self, Scope};
use crate::cases::{CaseKind, Finding, Outcome, Satisfaction};
use crate::db::decode::{code, number, scored};
use crate::ratings::{PraiseTag, ProblemTag, RatingChannel, RatingLevel, ServiceType};
use sqlx::AnyConnection;
use std::collections::BTreeMap;

/// A station as reports name it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StationRow {
    pub id: i64,
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
}

impl StationRow {
    pub fn reference(&self) -> StationRef {
        StationRef {
            slug: self.slug.clone(),
            name_zh: self.name_zh.clone(),
            name_en: self.name_en.clone(),
        }
    }
}

pub async fn station_by_slug(
    conn: &mut AnyConnection,
    slug: &str,
) -> Result<Option<StationRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, slug, name_zh, name_en FROM stations WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&mut *conn)
        .await
}

/// The figures of `month` at `station`, unpublished (version 0).
pub async fn compute(
    conn: &mut AnyConnection,
    station: &StationRow,
    month: Month,
) -> Result<MonthReport, sqlx::Error> {
    let rows: Vec<(String, i64, String, i64, String, i64)> = sqlx::query_as(
        "SELECT channel, verified, service_type, level, excluded, CAST(SUM(ratings) AS BIGINT)
         FROM rating_rollups WHERE month = $1 AND station_id = $2
         GROUP BY channel, verified, service_type, level, excluded",
    )
    .bind(month.to_string())
    .bind(station.id)
    .fetch_all(&mut *conn)
    .await?;

    let mut all = RatingFigures::default();
    let mut verified = RatingFigures::default();
    let mut unverified = RatingFigures::default();
    let mut visits = RatingFigures::default();
    let mut excluded: BTreeMap<&'static str, i64> = BTreeMap::new();
    let mut channels: BTreeMap<String, i64> = BTreeMap::new();
    // Per service: (verified, unverified); visit ratings are apart, as in the headline.
    let mut services: BTreeMap<String, (RatingFigures, RatingFigures)> = BTreeMap::new();
    for (channel, is_verified, service, level, excluded_by, n) in rows {
        let level: RatingLevel = scored("level", level)?;
        let channel: RatingChannel = code("channel", channel)?;
        let excluded_by: Option<ExclusionReason> = match excluded_by.as_str() {
            "" => None,
            _ => Some(code("excluded", excluded_by)?),
        };
        match Counted::of(channel, is_verified == 1, excluded_by) {
            Counted::Verified => {
                verified.add(level, n);
                services.entry(service).or_default().0.add(level, n);
            }
            Counted::Unverified => {
                unverified.add(level, n);
                services.entry(service).or_default().1.add(level, n);
            }
            Counted::Visit => visits.add(level, n),
            Counted::Excluded(reason) => {
                *excluded.entry(reason.code()).or_default() += n;
                continue;
            }
        }
        all.add(level, n);
        *channels.entry(channel.code().to_string()).or_default() += n;
    }
    // Services in the form's order, then any code the form no longer offers.
    let known: Vec<(String, (RatingFigures, RatingFigures))> = ServiceType::ALL
        .iter()
        .filter_map(|s| services.remove(s.code()).map(|f| (s.code().to_string(), f)))
        .collect();
    let by_service: Vec<ServiceFigures> = known
        .into_iter()
        .chain(services)
        .map(|(service_type, (verified, unverified))| ServiceFigures {
            service_type,
            figures: verified.finish(),
            unverified: unverified.finish(),
        })
        .collect();
    // The count of every rating counted, and no merged rate: the headline's rate is the
    // verified one, and the others are beside it.
    let mut all = all.finish();
    (all.good_rate, all.good_rate_low, all.good_rate_high) = (None, None, None);

    let tags: Vec<(String, i64)> = sqlx::query_as(&format!(
        "SELECT tag, CAST(SUM(ratings) AS BIGINT) FROM rating_tag_rollups
         WHERE month = $1 AND station_id = $2 AND {COUNTED_TAGS_SQL} GROUP BY tag"
    ))
    .bind(month.to_string())
    .bind(station.id)
    .fetch_all(&mut *conn)
    .await?;
    let tags: BTreeMap<String, i64> = tags.into_iter().collect();
    let counted = |codes: Vec<&str>| -> Vec<Count> {
        codes
            .into_iter()
            .map(|code| Count {
                code: code.to_string(),
                n: tags.get(code).copied().unwrap_or(0),
            })
            .collect()
    };
    let problem_tags = counted(ProblemTag::ALL.iter().map(|t| t.code()).collect());
    let praise_tags = counted(PraiseTag::ALL.iter().map(|t| t.code()).collect());

    let codes = code_figures(conn, station.id, month).await?;
    let (cases, commended) = case_figures(conn, station.id, month).await?;
    let commendations = commendations(conn, commended).await?;
    Ok(MonthReport {
        format: FORMAT,
        station: station.reference(),
        month: month.to_string(),
        version: 0,
        note: String::new(),
        published_at: String::new(),
        ratings: all,
        verified: verified.finish(),
        unverified: unverified.finish(),
        visits: visits.finish(),
        codes,
        // A restored rating leaves its reason's rollup row at zero: no reason to state.
        excluded: excluded
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(reason, n)| Count {
                code: reason.to_string(),
                n,
            })
            .collect(),
        by_channel: channels
            .into_iter()
            .map(|(code, n)| Count { code, n })
            .collect(),
        by_service,
        problem_tags,
        praise_tags,
        trend: trend::last_twelve(conn, Scope::Station(station.id), month).await?,
        cases,
        commendations,
        you_said_we_did: Vec::new(),
        method: Some(super::method::MethodRef::current()),
    })
}

/// The service codes the station issued in the month (index `service_codes_station_created`:
/// bounded by the month's codes), and how many have made a rating.
async fn code_figures(
    conn: &mut AnyConnection,
    station_id: i64,
    month: Month,
) -> Result<CodeFigures, sqlx::Error> {
    let (issued, printed, redeemed): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*),
                CAST(COALESCE(SUM(CASE WHEN batch IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT),
                COUNT(redeemed_at)
         FROM service_codes WHERE station_id = $1 AND created_at >= $2 AND created_at < $3",
    )
    .bind(station_id)
    .bind(month.start_millis())
    .bind(month.end_millis())
    .fetch_one(&mut *conn)
    .await?;
    Ok(CodeFigures {
        issued,
        printed,
        redeemed,
        redemption_rate: share(redeemed, issued),
    })
}

/// The month's case figures, from the case rollups (see [`super::case_rollups`]).
async fn case_figures(
    conn: &mut AnyConnection,
    station_id: i64,
    month: Month,
) -> Result<(CaseFigures, Vec<(i64, i64)>), sqlx::Error> {
    let rows = case_rollups::month_rows(conn, station_id, month).await?;
    let sum = |measure: Measure, item: Option<&str>| -> i64 {
        rows.iter()
            .filter(|(m, i, _)| *m == measure && item.is_none_or(|item| i == item))
            .map(|(_, _, n)| n)
            .sum()
    };

    let mut figures = CaseFigures {
        filed: sum(Measure::Filed, None),
        hidden_as_spam: sum(Measure::Spam, None),
        answered: sum(Measure::FirstAnswer, None),
        ..CaseFigures::default()
    };
    let kinds = CaseKind::FILED_BY_RESIDENTS
        .into_iter()
        .chain([CaseKind::RatingReview]);
    figures.by_kind = kinds
        .map(|kind| Count {
            code: kind.code().to_string(),
            n: sum(Measure::Filed, Some(kind.code())),
        })
        .collect();
    let tenths: Vec<(i64, i64)> = rows
        .iter()
        .filter(|(m, _, _)| *m == Measure::FirstAnswer)
        .map(|(_, tenths, n)| Ok((number("item", tenths)?, *n)))
        .collect::<Result<_, sqlx::Error>>()?;
    figures.median_hours_to_first_answer = case_rollups::median_hours(tenths);
    figures.bad_rating_reviews = sum(Measure::Filed, Some(CaseKind::RatingReview.code()));
    figures.bad_rating_reviews_resolved = sum(Measure::ReviewDealt, None);
    figures.bad_rating_review_rate = share(
        figures.bad_rating_reviews_resolved,
        figures.bad_rating_reviews,
    );
    review_findings(&mut figures, &rows)?;

    figures.resolved = sum(Measure::Resolved, None);
    figures.resolved_on_time = sum(Measure::Resolved, Some(case_rollups::ON_TIME));
    figures.on_time_rate = share(figures.resolved_on_time, figures.resolved);
    let answer = |s: Satisfaction| sum(Measure::Feedback, Some(s.code()));
    figures.feedback_satisfied = answer(Satisfaction::Satisfied);
    figures.feedback_basically_satisfied = answer(Satisfaction::BasicallySatisfied);
    figures.feedback_dissatisfied = answer(Satisfaction::Dissatisfied);
    // Visit-opened cases are counted apart: their officer held the access code.
    figures.feedback_from_visits = sum(Measure::FeedbackVisit, None);
    figures.feedback_from_visits_satisfied =
        sum(Measure::FeedbackVisit, Some(Satisfaction::Satisfied.code()))
            + sum(
                Measure::FeedbackVisit,
                Some(Satisfaction::BasicallySatisfied.code()),
            );
    let asked = figures.resolved - figures.feedback_from_visits;
    // Everything else resolved had no answer: silence stays in the denominator.
    figures.feedback_none = asked
        - figures.feedback_satisfied
        - figures.feedback_basically_satisfied
        - figures.feedback_dissatisfied;
    figures.feedback_satisfied_rate = share(
        figures.feedback_satisfied + figures.feedback_basically_satisfied,
        asked,
    );
    figures.referred = sum(Measure::Referred, None);
    figures.referral_departments = rows
        .iter()
        .filter(|(m, _, _)| *m == Measure::Referred)
        .map(|(_, department, n)| Count {
            code: department.clone(),
            n: *n,
        })
        .collect();
    figures
        .referral_departments
        .sort_by(|a, b| b.n.cmp(&a.n).then_with(|| a.code.cmp(&b.code)));
    let commended: Vec<(i64, i64)> = rows
        .iter()
        .filter(|(m, _, _)| *m == Measure::CommendationPublic)
        .map(|(_, officer, n)| Ok((number("item", officer)?, *n)))
        .collect::<Result<_, sqlx::Error>>()?;
    Ok((figures, commended))
}

/// The reviews dealt with, by finding (item `{finding}:{outcome}`), and 差评整改率:
/// rectified (属实 or 部分属实, and 已解决) over those found 属实 or 部分属实.
fn review_findings(
    figures: &mut CaseFigures,
    rows: &[(Measure, String, i64)],
) -> Result<(), sqlx::Error> {
    for (measure, item, n) in rows {
        if *measure != Measure::ReviewDealt {
            continue;
        }
        // A row written before findings were counted (item '') is a review dealt with and
        // no finding.
        let Some((finding, outcome)) = item.split_once(':') else {
            figures.reviews_no_finding += n;
            continue;
        };
        let outcome: Outcome = code("item", outcome.to_string())?;
        let finding: Option<Finding> = match finding {
            case_rollups::NO_FINDING => None,
            finding => Some(code("item", finding.to_string())?),
        };
        match finding {
            Some(Finding::Substantiated) => figures.reviews_substantiated += n,
            Some(Finding::Partly) => figures.reviews_partly += n,
            Some(Finding::Unsubstantiated) => figures.reviews_unsubstantiated += n,
            None => figures.reviews_no_finding += n,
        }
        if finding.is_some_and(|f| f != Finding::Unsubstantiated) && outcome == Outcome::Resolved {
            figures.reviews_rectified += n;
        }
    }
    figures.rectification_rate = share(
        figures.reviews_rectified,
        figures.reviews_substantiated + figures.reviews_partly,
    );
    Ok(())
}

/// The officers commendations named, most commended first.
async fn commendations(
    conn: &mut AnyConnection,
    commended: Vec<(i64, i64)>,
) -> Result<Vec<Commendation>, sqlx::Error> {
    let mut named = Vec::with_capacity(commended.len());
    for (officer_id, n) in commended {
        let officer: Option<(String, String, String)> =
            sqlx::query_as("SELECT badge, name_zh, name_en FROM officers WHERE id = $1")
                .bind(officer_id)
                .fetch_optional(&mut *conn)
                .await?;
        if let Some((badge, name_zh, name_en)) = officer {
            named.push(Commendation {
                badge,
                name_zh,
                name_en,
                n,
            });
        }
    }
    named.sort_by(|a, b| b.n.cmp(&a.n).then_with(|| a.badge.cmp(&b.badge)));
    Ok(named)
}
