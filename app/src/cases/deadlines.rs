//! The deadline clock: cases past their due date (counted in working days when they were
//! opened or reopened) are marked overdue and escalated to the station leader (督办), and
//! cases nobody took up (assigned or answered) within their acknowledgement deadline are
//! flagged and escalated the same way, visibly in the timeline and in the audit log,
//! through the case pipeline. The time comes from the caller, so tests can move it.

use super::decide::Command;
use super::persist::Actor;
use super::pipeline::{Executor, RunError};
use super::record::CaseKey;
use crate::audit::AuditKey;
use crate::calendar::{format_date, local_date};
use crate::db::Db;

/// Marks every open case whose due date has passed; returns how many. Safe to run again
/// and from several instances at once (the pipeline reads each case under its lock and
/// refuses one that is overdue already).
#[tracing::instrument(skip(db, key))]
pub async fn mark_overdue(db: &Db, key: &AuditKey, now: i64) -> Result<u64, sqlx::Error> {
    let marked = run_on(
        db,
        key,
        now,
        "SELECT id FROM cases
         WHERE overdue = 0 AND status NOT IN ('resolved', 'closed') AND due_on < $1
         ORDER BY due_on, id LIMIT 500",
        Command::MarkOverdue,
    )
    .await?;
    if marked > 0 {
        tracing::info!(marked, "cases marked overdue");
    }
    Ok(marked)
}

/// Flags every open case nobody took up by its acknowledgement deadline (one working
/// day); returns how many.
#[tracing::instrument(skip(db, key))]
pub async fn mark_not_taken_up(db: &Db, key: &AuditKey, now: i64) -> Result<u64, sqlx::Error> {
    let marked = run_on(
        db,
        key,
        now,
        "SELECT id FROM cases
         WHERE ack_overdue = 0 AND acknowledged_at IS NULL AND hidden = 0
           AND merged_into_id IS NULL AND status NOT IN ('resolved', 'closed') AND ack_due_on < $1
         ORDER BY ack_due_on, id LIMIT 500",
        Command::MarkAckOverdue,
    )
    .await?;
    if marked > 0 {
        tracing::info!(marked, "cases not taken up in time");
    }
    Ok(marked)
}

/// Runs `command` as the clock on each case `select` (bound to today) finds.
async fn run_on(
    db: &Db,
    key: &AuditKey,
    now: i64,
    select: &str,
    command: Command,
) -> Result<u64, sqlx::Error> {
    let today = format_date(local_date(now));
    let due: Vec<(i64,)> = sqlx::query_as(select)
        .bind(&today)
        .fetch_all(db.reader())
        .await?;
    if due.is_empty() {
        return Ok(0);
    }
    let calendar = crate::calendar::server::load(db.reader()).await?;
    let executor = Executor {
        db,
        key,
        calendar: &calendar,
        now,
    };
    let mut marked = 0;
    for (id,) in due {
        match executor
            .run(Actor::Clock, CaseKey::Id(id), command.clone())
            .await
        {
            Ok(_) => marked += 1,
            // Marked meanwhile by another instance, or finished.
            Err(RunError::Refused(_) | RunError::NotFound | RunError::Forbidden) => {}
            Err(RunError::Database(error)) => return Err(error),
        }
    }
    Ok(marked)
}
