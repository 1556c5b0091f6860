//! The deadline clock: cases past their due date (counted in working days when they were
//! opened or reopened) are marked overdue and escalated to the station leader (督办),
//! visibly in the timeline and in the audit log. The time comes from the caller, so tests
//! can move it.

use super::server::add_event;
use super::{CaseKind, EventKind};
use crate::audit::{AuditKey, Entry, append};
use crate::calendar::{format_date, local_date};
use crate::db::Db;
use crate::mail::{Message, outbox, staff_subject};

/// Marks every open case whose due date has passed; returns how many. Safe to run again
/// and from several instances at once (each case is claimed by a guarded UPDATE).
#[tracing::instrument(skip(db, key))]
pub async fn mark_overdue(db: &Db, key: &AuditKey, now: i64) -> Result<u64, sqlx::Error> {
    let today = format_date(local_date(now));
    let due: Vec<(i64, String, Option<i64>, String, String, String)> = sqlx::query_as(
        "SELECT id, reference, assignee_account_id, kind, subject, due_on FROM cases
         WHERE overdue = 0 AND status NOT IN ('resolved', 'closed') AND due_on < $1
         ORDER BY due_on, id LIMIT 500",
    )
    .bind(&today)
    .fetch_all(db.reader())
    .await?;
    let mut marked = 0;
    for (id, reference, assignee, kind, subject, due_on) in due {
        let mut tx = db.writer().begin().await?;
        let claimed = sqlx::query(
            "UPDATE cases SET overdue = 1, escalation_level = CASE WHEN escalation_level < 1 THEN 1 ELSE escalation_level END,
                    updated_at = $1
             WHERE id = $2 AND overdue = 0 AND status NOT IN ('resolved', 'closed')",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() != 1 {
            continue;
        }
        add_event(&mut tx, id, EventKind::Overdue, true, "", now).await?;
        let entry = Entry {
            actor: "system",
            action: "case_overdue",
            object_type: "case",
            object_id: &reference,
            detail: "escalated to the station leader",
            ..Entry::default()
        };
        append(&mut tx, db.backend(), key, entry, now).await?;
        if let Some(assignee) = assignee {
            let message = Message::Overdue {
                reference: reference.clone(),
                subject: staff_subject(CaseKind::parse(&kind).unwrap_or(CaseKind::Tip), subject),
                due_on,
            };
            outbox::to_staff(&mut tx, assignee, &message, None, now).await?;
        }
        tx.commit().await?;
        marked += 1;
    }
    if marked > 0 {
        tracing::info!(marked, "cases marked overdue");
    }
    Ok(marked)
}
