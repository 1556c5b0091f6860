//! Case rollups: what each case adds to its station's monthly figures, kept in the
//! transaction of every change to the case, so that a month's case figures read these
//! rows and never the cases.
//!
//! A case is counted as a set of keys (month, station, measure, item), derived from the
//! case row alone by [`keys`]. Every write to a counted column reads the keys before the
//! change ([`Tally::read`]) and settles the difference after it ([`Tally::settle`]):
//! reclassifying, placing a triaged case at a station, hiding, resolving, reopening (the
//! resolution's counts leave the month they were in) are all the same operation.
//! [`super::rollups::rebuild`] computes the same rows in SQL from the cases; a property
//! test drives random case histories and asserts both agree.

use super::Month;
use crate::calendar::{format_date, local_date};
use crate::cases::proposal::Channel;
use crate::cases::{CaseKind, Finding, Outcome, Satisfaction};
use crate::db::Backend;
use crate::db::decode::{MaybeCode, code};
use sqlx::{Any, AnyConnection, Transaction};
use std::collections::BTreeMap;

/// What a row of `case_rollups` counts. Filed-month measures count under the month the
/// case was filed in; resolution measures under the month it was (last) resolved in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Measure {
    /// Filed and not hidden; item: the kind.
    Filed,
    /// Filed and hidden as spam.
    Spam,
    /// Filed, not hidden and answered; item: tenths of an hour from filing to the first
    /// answer (rounded down), so that a median can be read from the counts.
    FirstAnswer,
    /// A 差评 review filed in the month and dealt with (it has an outcome); item:
    /// `{finding}:{outcome}`, the finding `none` when none was recorded.
    ReviewDealt,
    /// A commendation naming an officer; item: the officer's id. Internal: the officer's
    /// own figures.
    Commendation,
    /// The same, when the resident agreed to its publication with the officer's name:
    /// the only commendations a published report names.
    CommendationPublic,
    /// Resolved; item: `on_time` or `late` against the due date.
    Resolved,
    /// Resolved; item: the resident's answer (回访) or `none`.
    Feedback,
    /// The same for cases opened from a visit opinion, counted apart: the officer who
    /// opened one held its access code.
    FeedbackVisit,
    /// Resolved by referral; item: the department.
    Referred,
}

impl Measure {
    pub const ALL: [Measure; 10] = [
        Measure::Filed,
        Measure::Spam,
        Measure::FirstAnswer,
        Measure::ReviewDealt,
        Measure::Commendation,
        Measure::CommendationPublic,
        Measure::Resolved,
        Measure::Feedback,
        Measure::FeedbackVisit,
        Measure::Referred,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Measure::Filed => "filed",
            Measure::Spam => "spam",
            Measure::FirstAnswer => "first_answer",
            Measure::ReviewDealt => "review_dealt",
            Measure::Commendation => "commendation",
            Measure::CommendationPublic => "commendation_public",
            Measure::Resolved => "resolved",
            Measure::Feedback => "feedback",
            Measure::FeedbackVisit => "feedback_visit",
            Measure::Referred => "referred",
        }
    }

    pub fn parse(code: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.code() == code)
    }
}

impl TryFrom<String> for Measure {
    type Error = crate::UnknownCode;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        Measure::parse(&code).ok_or(crate::UnknownCode {
            kind: "Measure",
            code,
        })
    }
}

pub const ON_TIME: &str = "on_time";
pub const LATE: &str = "late";
pub const NO_ANSWER: &str = "none";
pub const NO_FINDING: &str = "none";

/// Milliseconds in a tenth of an hour.
const TENTH_OF_AN_HOUR: i64 = 360_000;

/// The columns a case is counted by.
#[derive(Debug, sqlx::FromRow)]
struct CountedCase {
    station_id: Option<i64>,
    #[sqlx(try_from = "String")]
    kind: CaseKind,
    hidden: i64,
    #[sqlx(try_from = "Option<String>")]
    outcome: MaybeCode<Outcome>,
    #[sqlx(try_from = "Option<String>")]
    finding: MaybeCode<Finding>,
    created_at: i64,
    first_answer_at: Option<i64>,
    resolved_at: Option<i64>,
    due_on: String,
    #[sqlx(try_from = "Option<String>")]
    satisfaction: MaybeCode<Satisfaction>,
    referral_department: Option<String>,
    named_officer_id: Option<i64>,
    publish_consent: i64,
    #[sqlx(try_from = "String")]
    channel: Channel,
}

/// (month, station, measure, item)
type Key = (String, i64, Measure, String);

/// The counts one case adds. A case waiting in the bureau's triage (no station yet)
/// adds none; placing it at a station adds them.
fn keys(case: &CountedCase) -> Vec<Key> {
    let Some(station) = case.station_id else {
        return Vec::new();
    };
    let filed = Month::of(case.created_at).to_string();
    let key = |month: &str, measure, item: String| (month.to_string(), station, measure, item);
    if case.hidden != 0 {
        return vec![key(&filed, Measure::Spam, String::new())];
    }
    let mut keys = vec![key(&filed, Measure::Filed, case.kind.code().to_string())];
    if let Some(answered) = case.first_answer_at {
        let tenths = (answered - case.created_at).max(0) / TENTH_OF_AN_HOUR;
        keys.push(key(&filed, Measure::FirstAnswer, tenths.to_string()));
    }
    if let (CaseKind::RatingReview, Some(outcome)) = (case.kind, case.outcome.0) {
        let finding = case.finding.0.map_or(NO_FINDING, |f| f.code());
        let item = format!("{finding}:{}", outcome.code());
        keys.push(key(&filed, Measure::ReviewDealt, item));
    }
    if let (true, Some(officer)) = (case.kind == CaseKind::Commendation, case.named_officer_id) {
        keys.push(key(&filed, Measure::Commendation, officer.to_string()));
        if case.publish_consent != 0 {
            keys.push(key(
                &filed,
                Measure::CommendationPublic,
                officer.to_string(),
            ));
        }
    }
    if let Some(resolved_at) = case.resolved_at {
        let resolved = Month::of(resolved_at).to_string();
        let on_time = format_date(local_date(resolved_at)) <= case.due_on;
        let timeliness = if on_time { ON_TIME } else { LATE };
        keys.push(key(&resolved, Measure::Resolved, timeliness.to_string()));
        let answer = case.satisfaction.0.map_or(NO_ANSWER, |s| s.code());
        let feedback = if case.channel == Channel::Visit {
            Measure::FeedbackVisit
        } else {
            Measure::Feedback
        };
        keys.push(key(&resolved, feedback, answer.to_string()));
        if case.outcome.0 == Some(Outcome::Referred) {
            let department = case.referral_department.clone().unwrap_or_default();
            keys.push(key(&resolved, Measure::Referred, department));
        }
    }
    keys
}

const COUNTED_CASE_SQL: &str =
    "SELECT station_id, kind, hidden, outcome, finding, created_at, first_answer_at, resolved_at, due_on,
            satisfaction, referral_department, named_officer_id, publish_consent, channel
     FROM cases WHERE id = $1";

async fn counted_keys(
    tx: &mut Transaction<'_, Any>,
    case_id: i64,
    lock: bool,
) -> Result<Vec<Key>, sqlx::Error> {
    let sql = if lock {
        format!("{COUNTED_CASE_SQL} FOR UPDATE")
    } else {
        COUNTED_CASE_SQL.to_string()
    };
    let case: Option<CountedCase> = sqlx::query_as(&sql)
        .bind(case_id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(case.as_ref().map(keys).unwrap_or_default())
}

/// A case's counts before a change, to be settled once the change is written.
#[must_use = "a change to a case must be settled in the rollups"]
pub struct Tally {
    case_id: i64,
    before: Vec<Key>,
}

impl Tally {
    /// Reads what the case counts now, in the transaction that will change it. On
    /// PostgreSQL the row is locked until the transaction ends: two staff members
    /// changing one case at once would otherwise both start from the same "before" and
    /// count a change twice. (SQLite has one writer at a time.)
    pub async fn read(
        tx: &mut Transaction<'_, Any>,
        backend: Backend,
        case_id: i64,
    ) -> Result<Tally, sqlx::Error> {
        Ok(Tally {
            case_id,
            before: counted_keys(tx, case_id, backend == Backend::Postgres).await?,
        })
    }

    /// A case inserted in this transaction: it counted nothing before.
    pub fn new_case(case_id: i64) -> Tally {
        Tally {
            case_id,
            before: Vec::new(),
        }
    }

    /// Moves the counts from what the case counted before to what it counts now.
    pub async fn settle(self, tx: &mut Transaction<'_, Any>) -> Result<(), sqlx::Error> {
        let after = counted_keys(tx, self.case_id, false).await?;
        let mut changes: BTreeMap<Key, i64> = BTreeMap::new();
        for key in self.before {
            *changes.entry(key).or_default() -= 1;
        }
        for key in after {
            *changes.entry(key).or_default() += 1;
        }
        // In key order, so that two transactions on PostgreSQL take row locks in the
        // same order and cannot deadlock each other.
        for ((month, station_id, measure, item), change) in changes {
            if change == 0 {
                continue;
            }
            sqlx::query(
                "INSERT INTO case_rollups (month, station_id, measure, item, cases)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (month, station_id, measure, item)
                 DO UPDATE SET cases = case_rollups.cases + excluded.cases",
            )
            .bind(&month)
            .bind(station_id)
            .bind(measure.code())
            .bind(&item)
            .bind(change)
            .execute(&mut **tx)
            .await?;
            if change < 0 {
                sqlx::query(
                    "DELETE FROM case_rollups
                     WHERE month = $1 AND station_id = $2 AND measure = $3 AND item = $4 AND cases = 0",
                )
                .bind(&month)
                .bind(station_id)
                .bind(measure.code())
                .bind(&item)
                .execute(&mut **tx)
                .await?;
            }
        }
        Ok(())
    }
}

/// One station's case rollups for one month: (measure, item, cases).
pub async fn month_rows(
    conn: &mut AnyConnection,
    station_id: i64,
    month: Month,
) -> Result<Vec<(Measure, String, i64)>, sqlx::Error> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT measure, item, cases FROM case_rollups
         WHERE month = $1 AND station_id = $2 AND cases <> 0",
    )
    .bind(month.to_string())
    .bind(station_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(measure, item, n)| Ok((code("measure", measure)?, item, n)))
        .collect()
}

/// The median of counted tenths of an hour, in hours to one decimal (the mean of the
/// two middle values for an even count, halves rounded up).
pub fn median_hours(mut counts: Vec<(i64, i64)>) -> Option<f64> {
    counts.retain(|(_, n)| *n > 0);
    counts.sort_unstable();
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return None;
    }
    // The values at 0-based positions (total - 1) / 2 and total / 2 of the sorted list.
    let at = |position: i64| {
        let mut seen = 0;
        counts
            .iter()
            .find(|(_, n)| {
                seen += n;
                seen > position
            })
            .map(|(tenths, _)| *tenths)
            .unwrap_or_default()
    };
    let sum = at((total - 1) / 2) + at(total / 2);
    Some(((sum + 1) / 2) as f64 / 10.0)
}

/// The rebuild's sources, one per measure: (measure, item, which cases, month column).
/// These restate [`keys`] in SQL on purpose; the property test holds the two together.
pub(super) fn rebuild_sources(
    date_of: &dyn Fn(&str) -> String,
) -> Vec<(Measure, String, String, &'static str)> {
    let shown = "c.station_id IS NOT NULL AND c.hidden = 0";
    let resolved = format!("{shown} AND c.resolved_at IS NOT NULL");
    vec![
        (Measure::Filed, "c.kind".into(), shown.into(), "c.created_at"),
        (
            Measure::Spam,
            "''".into(),
            "c.station_id IS NOT NULL AND c.hidden = 1".into(),
            "c.created_at",
        ),
        (
            Measure::FirstAnswer,
            format!(
                "CAST(CASE WHEN c.first_answer_at > c.created_at
                      THEN (c.first_answer_at - c.created_at) / {TENTH_OF_AN_HOUR} ELSE 0 END AS TEXT)"
            ),
            format!("{shown} AND c.first_answer_at IS NOT NULL"),
            "c.created_at",
        ),
        (
            Measure::ReviewDealt,
            format!("COALESCE(c.finding, '{NO_FINDING}') || ':' || c.outcome"),
            format!("{shown} AND c.kind = 'rating_review' AND c.outcome IS NOT NULL"),
            "c.created_at",
        ),
        (
            Measure::Commendation,
            "CAST(c.named_officer_id AS TEXT)".into(),
            format!("{shown} AND c.kind = 'commendation' AND c.named_officer_id IS NOT NULL"),
            "c.created_at",
        ),
        (
            Measure::CommendationPublic,
            "CAST(c.named_officer_id AS TEXT)".into(),
            format!(
                "{shown} AND c.kind = 'commendation' AND c.named_officer_id IS NOT NULL AND c.publish_consent = 1"
            ),
            "c.created_at",
        ),
        (
            Measure::Resolved,
            format!(
                "CASE WHEN {} <= c.due_on THEN '{ON_TIME}' ELSE '{LATE}' END",
                date_of("c.resolved_at")
            ),
            resolved.clone(),
            "c.resolved_at",
        ),
        (
            Measure::Feedback,
            format!("COALESCE(c.satisfaction, '{NO_ANSWER}')"),
            format!("{resolved} AND c.channel <> 'visit'"),
            "c.resolved_at",
        ),
        (
            Measure::FeedbackVisit,
            format!("COALESCE(c.satisfaction, '{NO_ANSWER}')"),
            format!("{resolved} AND c.channel = 'visit'"),
            "c.resolved_at",
        ),
        (
            Measure::Referred,
            "COALESCE(c.referral_department, '')".into(),
            format!("{resolved} AND c.outcome = 'referred'"),
            "c.resolved_at",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case() -> CountedCase {
        CountedCase {
            station_id: Some(1),
            kind: CaseKind::Help,
            hidden: 0,
            outcome: MaybeCode(None),
            finding: MaybeCode(None),
            // 2026-10-31 23:30 CST
            created_at: 1_793_460_600_000,
            first_answer_at: None,
            resolved_at: None,
            due_on: "2026-11-02".into(),
            satisfaction: MaybeCode(None),
            referral_department: None,
            named_officer_id: None,
            publish_consent: 0,
            channel: Channel::Web,
        }
    }

    fn key(month: &str, measure: Measure, item: &str) -> Key {
        (month.into(), 1, measure, item.into())
    }

    #[test]
    fn a_case_counts_where_it_was_filed_and_where_it_was_resolved() {
        let mut case = case();
        assert_eq!(keys(&case), vec![key("2026-10", Measure::Filed, "help")]);
        case.first_answer_at = Some(case.created_at + 3 * 3_600_000 + 359_999);
        case.resolved_at = Some(case.created_at + 2 * 86_400_000 + 1_800_000);
        case.outcome = MaybeCode(Some(Outcome::Referred));
        case.referral_department = Some("市场监管局".into());
        assert_eq!(
            keys(&case),
            vec![
                key("2026-10", Measure::Filed, "help"),
                key("2026-10", Measure::FirstAnswer, "30"),
                key("2026-11", Measure::Resolved, "late"),
                key("2026-11", Measure::Feedback, "none"),
                key("2026-11", Measure::Referred, "市场监管局"),
            ]
        );
    }

    #[test]
    fn a_review_counts_by_its_finding_and_outcome() {
        let mut case = case();
        case.kind = CaseKind::RatingReview;
        assert!(!keys(&case).iter().any(|k| k.2 == Measure::ReviewDealt));
        case.outcome = MaybeCode(Some(Outcome::Explained));
        assert!(keys(&case).contains(&key("2026-10", Measure::ReviewDealt, "none:explained")));
        case.finding = MaybeCode(Some(Finding::Partly));
        case.outcome = MaybeCode(Some(Outcome::Resolved));
        assert!(keys(&case).contains(&key("2026-10", Measure::ReviewDealt, "partly:resolved")));
    }

    #[test]
    fn spam_counts_only_as_spam_and_triage_not_at_all() {
        let mut case = case();
        case.kind = CaseKind::Commendation;
        case.named_officer_id = Some(7);
        assert!(keys(&case).contains(&key("2026-10", Measure::Commendation, "7")));
        assert!(
            !keys(&case).contains(&key("2026-10", Measure::CommendationPublic, "7")),
            "public only by consent"
        );
        case.publish_consent = 1;
        assert!(keys(&case).contains(&key("2026-10", Measure::CommendationPublic, "7")));
        case.hidden = 1;
        assert_eq!(keys(&case), vec![key("2026-10", Measure::Spam, "")]);
        case.station_id = None;
        assert_eq!(keys(&case), vec![]);
    }

    #[test]
    fn the_median_of_counted_tenths() {
        assert_eq!(median_hours(vec![]), None);
        assert_eq!(median_hours(vec![(20, 0)]), None);
        // 2, 4, 10 and 20 hours: (4 + 10) / 2.
        assert_eq!(
            median_hours(vec![(200, 1), (40, 1), (100, 1), (20, 1)]),
            Some(7.0)
        );
        assert_eq!(median_hours(vec![(15, 3), (90, 1)]), Some(1.5));
        // 1.0 and 1.5 hours: 1.25 rounds up to 1.3.
        assert_eq!(median_hours(vec![(10, 1), (15, 1)]), Some(1.3));
    }
}
