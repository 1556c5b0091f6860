//! The public requests as Open311 shows them, read in one place. The filter that keeps
//! private cases out is in one constant, used by every query here.

use app::cases::{CaseKind, CaseStatus, Outcome};
use app::db::decode::code;
use app::reports::publish::rfc3339_local;
use sqlx::AnyPool;

/// What may be published: not spam, not tips, not 差评 reviews (they come from ratings,
/// not from requests), not complaints naming an officer, nor anything that ever was one
/// (a case under oversight stays unpublished whatever it was reclassified to).
const PUBLIC: &str = "c.hidden = 0 AND c.kind NOT IN ('tip', 'rating_review')
     AND NOT (c.kind = 'complaint' AND c.named_officer_id IS NOT NULL)
     AND c.oversight = 0";

/// The specification's default span when no dates are given, and its cap.
pub const DEFAULT_DAYS: i64 = 90;
pub const MAX_RESULTS: i64 = 1000;

#[derive(sqlx::FromRow)]
struct Row {
    reference: String,
    #[sqlx(try_from = "String")]
    kind: CaseKind,
    #[sqlx(try_from = "String")]
    status: CaseStatus,
    outcome: Option<String>,
    referral_department: Option<String>,
    due_on: String,
    created_at: i64,
    updated_at: i64,
    station_zh: Option<String>,
}

/// One request with the specification's fields. `None` fields are published as null
/// (JSON) or an empty element (XML): the portal does not collect them, or they are the
/// resident's own words and stay private.
#[derive(Clone, Debug, serde::Serialize)]
pub struct PublicRequest {
    pub service_request_id: String,
    pub status: &'static str,
    pub status_notes: Option<String>,
    pub service_name: String,
    pub service_code: String,
    pub description: Option<String>,
    pub agency_responsible: String,
    pub service_notice: Option<String>,
    pub requested_datetime: String,
    pub updated_datetime: String,
    pub expected_datetime: String,
    pub address: Option<String>,
    pub address_id: Option<String>,
    pub zipcode: Option<String>,
    pub lat: Option<f64>,
    pub long: Option<f64>,
    pub media_url: Option<String>,
}

fn public_request(row: Row, bureau: &str) -> Result<PublicRequest, sqlx::Error> {
    let closed = matches!(row.status, CaseStatus::Resolved | CaseStatus::Closed);
    let outcome: Option<Outcome> = row
        .outcome
        .clone()
        .map(|outcome| code("outcome", outcome))
        .transpose()?;
    let status_notes = outcome.map(|outcome| match (outcome, &row.referral_department) {
        (Outcome::Referred, Some(department)) => {
            format!("{}：{department}", outcome.label().zh)
        }
        _ => outcome.label().zh.to_string(),
    });
    Ok(PublicRequest {
        service_request_id: row.reference,
        status: if closed { "closed" } else { "open" },
        status_notes: if closed { status_notes } else { None },
        service_name: row.kind.label().zh.to_string(),
        service_code: row.kind.code().to_string(),
        description: None,
        agency_responsible: row.station_zh.unwrap_or_else(|| bureau.to_string()),
        service_notice: None,
        requested_datetime: rfc3339_local(row.created_at),
        updated_datetime: rfc3339_local(row.updated_at),
        expected_datetime: format!("{}T23:59:59+08:00", row.due_on),
        address: None,
        address_id: None,
        zipcode: None,
        lat: None,
        long: None,
        media_url: None,
    })
}

/// The filters of GET `requests`, parsed.
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub station_id: Option<i64>,
    /// When given, the other filters are ignored (the specification says so).
    pub references: Vec<String>,
    pub kinds: Vec<String>,
    pub statuses: Vec<&'static str>,
    pub from: i64,
    pub to: i64,
}

pub async fn bureau_name(pool: &AnyPool) -> Result<String, sqlx::Error> {
    let name: Option<(String,)> = sqlx::query_as("SELECT name_zh FROM bureau")
        .fetch_optional(pool)
        .await?;
    Ok(name.map(|(n,)| n).unwrap_or_default())
}

pub async fn station_id(pool: &AnyPool, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    let id: Option<(i64,)> = sqlx::query_as("SELECT id FROM stations WHERE slug = $1")
        .bind(slug)
        .fetch_optional(pool)
        .await?;
    Ok(id.map(|(id,)| id))
}

const SELECT: &str = "SELECT c.reference, c.kind, c.status, c.outcome, c.referral_department, c.due_on, c.created_at,
        c.updated_at, s.name_zh AS station_zh
     FROM cases c LEFT JOIN stations s ON s.id = c.station_id";

/// Placeholders `$first, $first+1, …` for `n` values.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub async fn requests(pool: &AnyPool, query: &Query) -> Result<Vec<PublicRequest>, sqlx::Error> {
    let mut sql = format!("{SELECT} WHERE {PUBLIC}");
    let mut binds: Vec<String> = Vec::new();
    let mut numbers: Vec<i64> = Vec::new();
    if !query.references.is_empty() {
        sql.push_str(&format!(
            " AND c.reference IN ({})",
            placeholders(1, query.references.len())
        ));
        binds.extend(query.references.iter().cloned());
    } else {
        if !query.kinds.is_empty() {
            sql.push_str(&format!(
                " AND c.kind IN ({})",
                placeholders(binds.len() + 1, query.kinds.len())
            ));
            binds.extend(query.kinds.iter().cloned());
        }
        if !query.statuses.is_empty() {
            let mut codes = Vec::new();
            for status in &query.statuses {
                for s in CaseStatus::ALL {
                    let closed = matches!(s, CaseStatus::Resolved | CaseStatus::Closed);
                    if (*status == "closed") == closed {
                        codes.push(s.code().to_string());
                    }
                }
            }
            sql.push_str(&format!(
                " AND c.status IN ({})",
                placeholders(binds.len() + 1, codes.len())
            ));
            binds.extend(codes);
        }
        let n = binds.len();
        sql.push_str(&format!(
            " AND c.created_at >= ${} AND c.created_at < ${}",
            n + 1,
            n + 2
        ));
        numbers.extend([query.from, query.to]);
        if let Some(station) = query.station_id {
            sql.push_str(&format!(" AND c.station_id = ${}", n + 3));
            numbers.push(station);
        }
    }
    sql.push_str(&format!(" ORDER BY c.created_at DESC LIMIT {MAX_RESULTS}"));
    let mut q = sqlx::query_as::<_, Row>(&sql);
    for value in &binds {
        q = q.bind(value);
    }
    for value in &numbers {
        q = q.bind(*value);
    }
    let rows = q.fetch_all(pool).await?;
    let bureau = bureau_name(pool).await?;
    rows.into_iter()
        .map(|row| public_request(row, &bureau))
        .collect()
}

/// One public request, or `None` (unknown, or not public: the same answer).
pub async fn request(
    pool: &AnyPool,
    reference: &str,
) -> Result<Option<PublicRequest>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE {PUBLIC} AND c.reference = $1"))
        .bind(reference)
        .fetch_optional(pool)
        .await?;
    let bureau = bureau_name(pool).await?;
    row.map(|row| public_request(row, &bureau)).transpose()
}
