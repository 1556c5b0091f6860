//! A case as every change and every staff view reads it: one column list, decoded
//! strictly (an unknown kind, status or outcome is an error, never a default).

use super::Finding;
use super::details::{self, Details};
use super::proposal::{Awaiting, Channel, Pending, Proposed};
use super::{CaseKind, CaseStatus, Outcome, Reference, Satisfaction};
use crate::db::decode::{coded, coded_opt, column_error};
use crate::workspace::access::CaseFacts;
use sqlx::any::AnyRow;
use sqlx::{Any, FromRow, Row, Transaction};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRecord {
    pub id: i64,
    pub reference: Reference,
    pub kind: CaseKind,
    pub status: CaseStatus,
    pub station_id: Option<i64>,
    /// `None` while the case waits in the bureau's triage.
    pub station_slug: Option<String>,
    pub office_id: Option<i64>,
    pub named_officer_id: Option<i64>,
    pub assignee_account_id: Option<i64>,
    pub rating_id: Option<i64>,
    pub merged_into_id: Option<i64>,
    pub hidden: bool,
    pub escalation_level: i64,
    pub reopen_count: i64,
    /// Working days asked for in a pending extension request.
    pub extension_days: Option<i64>,
    pub ack_due_on: String,
    pub due_on: String,
    pub overdue: bool,
    pub first_answer_at: Option<i64>,
    pub resolved_at: Option<i64>,
    pub outcome: Option<Outcome>,
    pub satisfaction: Option<Satisfaction>,
    pub subject: String,
    pub created_at: i64,
    /// Under the inspectors' oversight until closed.
    pub oversight: bool,
    /// The officer it names leads the case's station.
    pub names_leader: bool,
    pub channel: Channel,
    pub acknowledged_at: Option<i64>,
    pub ack_overdue: bool,
    pub hidden_reason: Option<String>,
    pub objected_at: Option<i64>,
    pub finding: Option<Finding>,
    /// A change waiting for someone's approval.
    pub pending: Option<Pending>,
    /// What staff recorded beside the resident's words (see [`details`]).
    pub details: Details,
}

/// 1 when the officer a case (`c`) names holds the leader role at its station, else 0.
#[macro_export]
macro_rules! names_leader_sql {
    () => {
        "CAST(CASE WHEN EXISTS (
            SELECT 1 FROM staff_accounts na
            JOIN staff_roles nr ON nr.account_id = na.id AND nr.role = 'leader'
            WHERE na.officer_id = c.named_officer_id AND nr.station_id = c.station_id
        ) THEN 1 ELSE 0 END AS BIGINT) AS names_leader"
    };
}

/// The columns [`CaseRecord`] reads, before the details' (see [`select`]).
const CASE_COLUMNS: &str = concat!(
    "c.id, c.reference, c.kind, c.status, c.station_id, s.slug AS station_slug,
    c.office_id, c.named_officer_id, c.assignee_account_id, c.rating_id, c.merged_into_id,
    c.hidden, c.escalation_level, c.reopen_count, c.extension_days, c.ack_due_on, c.due_on,
    c.overdue, c.first_answer_at, c.resolved_at, c.outcome, c.satisfaction, c.subject,
    c.created_at, c.oversight, c.channel, c.acknowledged_at, c.ack_overdue, c.hidden_reason,
    c.objected_at, c.finding, c.pending_action, c.pending_awaiting, c.pending_by, c.pending_at, ",
    crate::names_leader_sql!()
);

const CASE_FROM: &str = "cases c LEFT JOIN stations s ON s.id = c.station_id";

/// `SELECT … FROM …` reading a [`CaseRecord`], for a `WHERE` to follow.
fn select() -> &'static str {
    static SELECT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "SELECT {CASE_COLUMNS}{} FROM {CASE_FROM}",
            details::select_columns()
        )
    });
    &SELECT
}

impl CaseRecord {
    /// What the access rules need.
    pub fn facts(&self) -> CaseFacts<'_> {
        CaseFacts {
            station: self.station_slug.as_deref(),
            kind: self.kind,
            named_officer_id: self.named_officer_id,
            assignee_account_id: self.assignee_account_id,
            escalation_level: self.escalation_level,
            oversight: self.oversight,
            names_leader: self.names_leader,
            hidden: self.hidden,
        }
    }

    /// Still being worked: not resolved, closed, merged away or hidden.
    pub fn is_open(&self) -> bool {
        !matches!(self.status, CaseStatus::Resolved | CaseStatus::Closed)
            && self.merged_into_id.is_none()
            && !self.hidden
    }
}

impl FromRow<'_, AnyRow> for CaseRecord {
    fn from_row(row: &AnyRow) -> Result<Self, sqlx::Error> {
        Ok(CaseRecord {
            id: row.try_get("id")?,
            reference: coded(row, "reference")?,
            kind: coded(row, "kind")?,
            status: coded(row, "status")?,
            station_id: row.try_get("station_id")?,
            station_slug: row.try_get("station_slug")?,
            office_id: row.try_get("office_id")?,
            named_officer_id: row.try_get("named_officer_id")?,
            assignee_account_id: row.try_get("assignee_account_id")?,
            rating_id: row.try_get("rating_id")?,
            merged_into_id: row.try_get("merged_into_id")?,
            hidden: row.try_get::<i64, _>("hidden")? == 1,
            escalation_level: row.try_get("escalation_level")?,
            reopen_count: row.try_get("reopen_count")?,
            extension_days: row.try_get("extension_days")?,
            ack_due_on: row.try_get("ack_due_on")?,
            due_on: row.try_get("due_on")?,
            overdue: row.try_get::<i64, _>("overdue")? == 1,
            first_answer_at: row.try_get("first_answer_at")?,
            resolved_at: row.try_get("resolved_at")?,
            outcome: coded_opt(row, "outcome")?,
            satisfaction: coded_opt(row, "satisfaction")?,
            subject: row.try_get("subject")?,
            created_at: row.try_get("created_at")?,
            oversight: row.try_get::<i64, _>("oversight")? == 1,
            names_leader: row.try_get::<i64, _>("names_leader")? == 1,
            channel: coded(row, "channel")?,
            acknowledged_at: row.try_get("acknowledged_at")?,
            ack_overdue: row.try_get::<i64, _>("ack_overdue")? == 1,
            hidden_reason: row.try_get("hidden_reason")?,
            objected_at: row.try_get("objected_at")?,
            finding: coded_opt(row, "finding")?,
            pending: pending(row)?,
            details: details::read(row)?,
        })
    }
}

/// The proposal a case carries: all four columns or none.
fn pending(row: &AnyRow) -> Result<Option<Pending>, sqlx::Error> {
    let action: Option<String> = row.try_get("pending_action")?;
    let Some(action) = action else {
        return Ok(None);
    };
    let proposed: Proposed =
        serde_json::from_str(&action).map_err(|error| column_error("pending_action", error))?;
    let awaiting: Awaiting = coded(row, "pending_awaiting")?;
    Ok(Some(Pending {
        proposed,
        awaiting,
        by: row.try_get("pending_by")?,
        at: row.try_get("pending_at")?,
    }))
}

/// Which case to load.
#[derive(Clone, Copy, Debug)]
pub enum CaseKey<'a> {
    Id(i64),
    Reference(&'a Reference),
}

/// Loads a case inside a write transaction, its row locked on PostgreSQL until commit
/// (SQLite has one writer): two staff members changing one case at once take turns, the
/// second seeing the first's change.
pub async fn load_for_change(
    tx: &mut Transaction<'_, Any>,
    backend: crate::db::Backend,
    key: CaseKey<'_>,
) -> Result<Option<CaseRecord>, sqlx::Error> {
    let lock = match backend {
        crate::db::Backend::Postgres => " FOR UPDATE OF c",
        crate::db::Backend::Sqlite => "",
    };
    fetch(tx, key, lock).await
}

/// Loads a case inside a transaction without locking it (a case another command only
/// mentions, such as the one a merge continues in).
pub async fn load_in(
    tx: &mut Transaction<'_, Any>,
    key: CaseKey<'_>,
) -> Result<Option<CaseRecord>, sqlx::Error> {
    fetch(tx, key, "").await
}

async fn fetch(
    tx: &mut Transaction<'_, Any>,
    key: CaseKey<'_>,
    lock: &str,
) -> Result<Option<CaseRecord>, sqlx::Error> {
    let filter = match key {
        CaseKey::Id(_) => "c.id = $1",
        CaseKey::Reference(_) => "c.reference = $1",
    };
    let sql = format!("{} WHERE {filter}{lock}", select());
    let query = sqlx::query_as::<_, CaseRecord>(&sql);
    let query = match key {
        CaseKey::Id(id) => query.bind(id),
        CaseKey::Reference(reference) => query.bind(reference.to_string()),
    };
    query.fetch_optional(&mut **tx).await
}

/// Loads a case for reading (a staff page).
pub async fn load(
    pool: &sqlx::AnyPool,
    reference: &Reference,
) -> Result<Option<CaseRecord>, sqlx::Error> {
    let sql = format!("{} WHERE c.reference = $1", select());
    sqlx::query_as::<_, CaseRecord>(&sql)
        .bind(reference.as_ref())
        .fetch_optional(pool)
        .await
}
