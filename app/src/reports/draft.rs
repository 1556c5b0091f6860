//! A station's month computed from the rollups and the month's cases: the draft a leader
//! reviews, and what publishing freezes. Every query is bounded by the station and the
//! month (rollup keys, case indexes), never by how many ratings exist.

use super::Month;
use super::model::*;
use crate::cases::{CaseKind, Outcome, Satisfaction};
use crate::ratings::{PraiseTag, ProblemTag, RatingLevel, ServiceType};
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
    let rows: Vec<(String, i64, String, i64, i64)> = sqlx::query_as(
        "SELECT channel, verified, service_type, level, CAST(SUM(ratings) AS BIGINT)
         FROM rating_rollups WHERE month = $1 AND station_id = $2
         GROUP BY channel, verified, service_type, level",
    )
    .bind(month.to_string())
    .bind(station.id)
    .fetch_all(&mut *conn)
    .await?;

    let mut all = RatingFigures::default();
    let mut verified = RatingFigures::default();
    let mut unverified = RatingFigures::default();
    let mut channels: BTreeMap<String, i64> = BTreeMap::new();
    let mut services: BTreeMap<String, RatingFigures> = BTreeMap::new();
    for (channel, is_verified, service, level, n) in rows {
        let Some(level) = RatingLevel::from_score(level) else {
            continue;
        };
        all.add(level, n);
        if is_verified == 1 {
            verified.add(level, n);
        } else {
            unverified.add(level, n);
        }
        *channels.entry(channel).or_default() += n;
        services.entry(service).or_default().add(level, n);
    }
    // Services in the form's order, then any code the form no longer offers.
    let known: Vec<(String, RatingFigures)> = ServiceType::ALL
        .iter()
        .filter_map(|s| services.remove(s.code()).map(|f| (s.code().to_string(), f)))
        .collect();
    let mut by_service: Vec<ServiceFigures> = known
        .into_iter()
        .chain(services)
        .map(|(service_type, figures)| ServiceFigures {
            service_type,
            figures: figures.finish(),
        })
        .collect();
    by_service.retain(|s| s.figures.n > 0);

    let tags: Vec<(String, i64)> = sqlx::query_as(
        "SELECT tag, CAST(SUM(ratings) AS BIGINT) FROM rating_tag_rollups
         WHERE month = $1 AND station_id = $2 GROUP BY tag",
    )
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

    Ok(MonthReport {
        format: FORMAT,
        station: station.reference(),
        month: month.to_string(),
        version: 0,
        note: String::new(),
        published_at: String::new(),
        ratings: all.finish(),
        verified: verified.finish(),
        unverified: unverified.finish(),
        by_channel: channels
            .into_iter()
            .map(|(code, n)| Count { code, n })
            .collect(),
        by_service,
        problem_tags,
        praise_tags,
        trend: trend(conn, station.id, month).await?,
        cases: case_figures(conn, station.id, month).await?,
        commendations: commendations(conn, station.id, month).await?,
        you_said_we_did: Vec::new(),
    })
}

/// 好评率 for the twelve months ending with `month`.
async fn trend(
    conn: &mut AnyConnection,
    station_id: i64,
    month: Month,
) -> Result<Vec<TrendPoint>, sqlx::Error> {
    let months = month.last_twelve();
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT month, level, CAST(SUM(ratings) AS BIGINT) FROM rating_rollups
         WHERE month >= $1 AND month <= $2 AND station_id = $3 GROUP BY month, level",
    )
    .bind(months[0].to_string())
    .bind(month.to_string())
    .bind(station_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(months
        .iter()
        .map(|m| {
            let key = m.to_string();
            let mut figures = RatingFigures::default();
            for (_, level, n) in rows.iter().filter(|(row_month, _, _)| *row_month == key) {
                if let Some(level) = RatingLevel::from_score(*level) {
                    figures.add(level, *n);
                }
            }
            let figures = figures.finish();
            TrendPoint::of(key, &figures)
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct FiledRow {
    kind: String,
    hidden: i64,
    outcome: Option<String>,
    created_at: i64,
    first_answer_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ResolvedRow {
    outcome: Option<String>,
    referral_department: Option<String>,
    due_on: String,
    resolved_at: i64,
    satisfaction: Option<String>,
}

async fn case_figures(
    conn: &mut AnyConnection,
    station_id: i64,
    month: Month,
) -> Result<CaseFigures, sqlx::Error> {
    let filed: Vec<FiledRow> = sqlx::query_as(
        "SELECT kind, hidden, outcome, created_at, first_answer_at FROM cases
         WHERE station_id = $1 AND created_at >= $2 AND created_at < $3",
    )
    .bind(station_id)
    .bind(month.start_millis())
    .bind(month.end_millis())
    .fetch_all(&mut *conn)
    .await?;
    let resolved: Vec<ResolvedRow> = sqlx::query_as(
        "SELECT outcome, referral_department, due_on, resolved_at, satisfaction FROM cases
         WHERE station_id = $1 AND resolved_at >= $2 AND resolved_at < $3 AND hidden = 0",
    )
    .bind(station_id)
    .bind(month.start_millis())
    .bind(month.end_millis())
    .fetch_all(&mut *conn)
    .await?;

    let mut figures = CaseFigures::default();
    let (spam, filed): (Vec<FiledRow>, Vec<FiledRow>) =
        filed.into_iter().partition(|c| c.hidden == 1);
    figures.hidden_as_spam = spam.len() as i64;
    figures.filed = filed.len() as i64;
    let kinds = CaseKind::FILED_BY_RESIDENTS
        .into_iter()
        .chain([CaseKind::RatingReview]);
    figures.by_kind = kinds
        .map(|kind| Count {
            code: kind.code().to_string(),
            n: filed.iter().filter(|c| c.kind == kind.code()).count() as i64,
        })
        .collect();
    let mut hours: Vec<f64> = filed
        .iter()
        .filter_map(|c| {
            c.first_answer_at
                .map(|at| (at - c.created_at).max(0) as f64 / 3_600_000.0)
        })
        .collect();
    figures.answered = hours.len() as i64;
    figures.median_hours_to_first_answer = median(&mut hours).map(|h| (h * 10.0).round() / 10.0);
    let reviews: Vec<&FiledRow> = filed
        .iter()
        .filter(|c| c.kind == CaseKind::RatingReview.code())
        .collect();
    figures.bad_rating_reviews = reviews.len() as i64;
    figures.bad_rating_reviews_resolved =
        reviews.iter().filter(|c| c.outcome.is_some()).count() as i64;
    figures.bad_rating_review_rate = share(
        figures.bad_rating_reviews_resolved,
        figures.bad_rating_reviews,
    );

    figures.resolved = resolved.len() as i64;
    figures.resolved_on_time = resolved
        .iter()
        .filter(|c| {
            crate::calendar::format_date(crate::calendar::local_date(c.resolved_at)) <= c.due_on
        })
        .count() as i64;
    figures.on_time_rate = share(figures.resolved_on_time, figures.resolved);
    let answer = |s: Satisfaction| {
        resolved
            .iter()
            .filter(|c| c.satisfaction.as_deref() == Some(s.code()))
            .count() as i64
    };
    figures.feedback_satisfied = answer(Satisfaction::Satisfied);
    figures.feedback_basically_satisfied = answer(Satisfaction::BasicallySatisfied);
    figures.feedback_dissatisfied = answer(Satisfaction::Dissatisfied);
    figures.feedback_none = figures.resolved
        - figures.feedback_satisfied
        - figures.feedback_basically_satisfied
        - figures.feedback_dissatisfied;
    figures.feedback_satisfied_rate = share(
        figures.feedback_satisfied + figures.feedback_basically_satisfied,
        figures.resolved,
    );
    let mut departments: BTreeMap<String, i64> = BTreeMap::new();
    for case in resolved
        .iter()
        .filter(|c| c.outcome.as_deref() == Some(Outcome::Referred.code()))
    {
        figures.referred += 1;
        let department = case
            .referral_department
            .as_deref()
            .unwrap_or_default()
            .trim()
            .to_string();
        *departments.entry(department).or_default() += 1;
    }
    figures.referral_departments = departments
        .into_iter()
        .map(|(code, n)| Count { code, n })
        .collect();
    figures
        .referral_departments
        .sort_by(|a, b| b.n.cmp(&a.n).then_with(|| a.code.cmp(&b.code)));
    Ok(figures)
}

/// The middle value (the mean of the two middle ones for an even count).
fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

async fn commendations(
    conn: &mut AnyConnection,
    station_id: i64,
    month: Month,
) -> Result<Vec<Commendation>, sqlx::Error> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT o.badge, o.name_zh, o.name_en, COUNT(*) FROM cases c
         JOIN officers o ON o.id = c.named_officer_id
         WHERE c.station_id = $1 AND c.created_at >= $2 AND c.created_at < $3
           AND c.kind = 'commendation' AND c.hidden = 0
         GROUP BY o.badge, o.name_zh, o.name_en
         ORDER BY COUNT(*) DESC, o.badge",
    )
    .bind(station_id)
    .bind(month.start_millis())
    .bind(month.end_millis())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(badge, name_zh, name_en, n)| Commendation {
            badge,
            name_zh,
            name_en,
            n,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }
}
