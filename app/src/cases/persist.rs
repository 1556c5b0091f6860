//! The one place a decided [`Change`] (or a new case's [`Opening`]) is written: the case's columns, its timeline, the
//! outbox, the audit log and the monthly counts, all in the caller's transaction. No
//! change can forget one of them.

use super::Reference;
use super::change::{Audited, By, Change, Mail, NewEvent, On, Set};
use super::opening::{NewCase, OpenedCase, Opening};
use super::record::CaseRecord;
use crate::audit::{AuditKey, Entry};
use crate::calendar::{format_date, local_date};
use crate::db::Backend;
use crate::reports::case_rollups::Tally;
use crate::staff::StaffMember;
use sqlx::{Any, Transaction};

/// Who gives a command.
#[derive(Clone, Copy, Debug)]
pub enum Actor<'a> {
    Staff(&'a StaffMember),
    /// The resident, proven by the case's access code.
    Resident,
    /// The deadline clock.
    Clock,
    /// A command-line operator (`opendoor resolve-case`), named.
    Operator(&'a str),
}

impl Actor<'_> {
    /// `case_events.actor_kind` and `actor_account_id` for entries by this actor.
    fn event_actor(&self) -> (&'static str, Option<i64>) {
        match self {
            Actor::Staff(member) => ("staff", Some(member.account_id)),
            Actor::Resident => ("resident", None),
            Actor::Clock | Actor::Operator(_) => ("system", None),
        }
    }

    /// The audit log's actor.
    fn audit_actor(&self) -> (Option<i64>, &str) {
        match self {
            Actor::Staff(member) => (Some(member.account_id), member.username.as_str()),
            Actor::Resident => (None, "resident"),
            Actor::Clock => (None, "system"),
            Actor::Operator(name) => (None, name),
        }
    }
}

/// Writes `change` to `case`.
pub async fn persist(
    tx: &mut Transaction<'_, Any>,
    backend: Backend,
    key: &AuditKey,
    actor: Actor<'_>,
    case: &CaseRecord,
    change: &Change,
    now: i64,
) -> Result<(), sqlx::Error> {
    // Whatever the change moves (station, kind, first answer, resolution, due date,
    // hidden), the monthly case counts follow.
    let tally = Tally::read(tx, backend, case.id).await?;
    if !change.set.is_empty() {
        update(tx, case.id, &change.set, now).await?;
    }
    tally.settle(tx).await?;
    write_events(tx, actor, case.id, &change.events, now).await?;
    for mail in &change.mails {
        match mail {
            Mail::Resident(message) => {
                crate::mail::outbox::to_resident(tx, case.id, message, now).await?
            }
            Mail::Staff {
                account_id,
                message,
            } => crate::mail::outbox::to_staff(tx, *account_id, message, None, now).await?,
        }
    }
    if let Some(audited) = &change.audit {
        write_audit(tx, backend, key, actor, &case.reference, audited, now).await?;
    }
    Ok(())
}

/// Writes a new case: its row, its first timeline entry, the monthly counts and, for a
/// staff opening, the audit line.
#[allow(clippy::too_many_arguments)]
pub async fn persist_opening(
    tx: &mut Transaction<'_, Any>,
    backend: Backend,
    key: &AuditKey,
    actor: Actor<'_>,
    case: &NewCase<'_>,
    opening: &Opening,
    now: i64,
) -> Result<OpenedCase, sqlx::Error> {
    let reference = next_reference(tx, local_date(now).year()).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO cases (reference, access_code_hash, kind, status, station_id, named_officer_id, rating_id,
                            subject, description, place, contact_name, contact_phone, contact_email, anonymous,
                            lang, ack_due_on, due_on, idempotency_key, created_at, updated_at, channel, oversight,
                            publish_consent)
         VALUES ($1, $2, $3, 'new', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18, $19, $20, $21)
         RETURNING id",
    )
    .bind(reference.as_ref())
    .bind(case.access_code.hash())
    .bind(case.kind.code())
    .bind(case.station_id)
    .bind(case.named_officer_id)
    .bind(case.rating_id)
    .bind(case.subject)
    .bind(case.description)
    .bind(case.place)
    .bind(case.contact.name)
    .bind(case.contact.phone)
    .bind(case.contact.email)
    .bind(i64::from(case.anonymous))
    .bind(case.lang)
    .bind(format_date(opening.ack_due_on))
    .bind(format_date(opening.due_on))
    .bind(case.idempotency_key)
    .bind(now)
    .bind(case.channel.code())
    .bind(i64::from(opening.oversight))
    .bind(i64::from(case.publish_consent))
    .fetch_one(&mut **tx)
    .await?;
    write_events(tx, actor, id, &opening.events, now).await?;
    Tally::new_case(id).settle(tx).await?;
    if let Some(audited) = &opening.audit {
        write_audit(tx, backend, key, actor, &reference, audited, now).await?;
    }
    Ok(OpenedCase {
        id,
        reference,
        due_on: opening.due_on,
    })
}

/// The next reference of the year: a counter row per year, incremented in the caller's
/// transaction, so references never repeat and gaps mean nothing was committed.
async fn next_reference(
    tx: &mut Transaction<'_, Any>,
    year: i32,
) -> Result<Reference, sqlx::Error> {
    let (number,): (i64,) = sqlx::query_as(
        "INSERT INTO reference_counters (year, last) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last = reference_counters.last + 1
         RETURNING last",
    )
    .bind(i64::from(year))
    .fetch_one(&mut **tx)
    .await?;
    Ok(Reference::new(year, number))
}

async fn write_events(
    tx: &mut Transaction<'_, Any>,
    actor: Actor<'_>,
    case_id: i64,
    events: &[NewEvent],
    now: i64,
) -> Result<(), sqlx::Error> {
    for event in events {
        let case_id = match event.on {
            On::This => case_id,
            On::Case(id) => id,
        };
        let by = match event.by {
            By::Actor => actor.event_actor(),
            By::System => ("system", None),
        };
        super::server::insert_event(tx, case_id, event.kind, event.public, &event.body, by, now)
            .await?;
    }
    Ok(())
}

async fn write_audit(
    tx: &mut Transaction<'_, Any>,
    backend: Backend,
    key: &AuditKey,
    actor: Actor<'_>,
    reference: &Reference,
    audited: &Audited,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (actor_account_id, name) = actor.audit_actor();
    let entry = Entry {
        actor_account_id,
        actor: name,
        action: audited.action,
        object_type: "case",
        object_id: reference.as_ref(),
        detail: &audited.detail,
        client: "",
    };
    crate::audit::append(tx, backend, key, entry, now).await
}

/// A value to bind.
enum Value {
    Int(Option<i64>),
    Text(Option<String>),
}

/// `UPDATE cases SET … WHERE id = …` for the columns a change sets. The placeholders are
/// numbered by hand: sqlx's query builder writes `?` for the `Any` driver, which
/// PostgreSQL does not take.
async fn update(
    tx: &mut Transaction<'_, Any>,
    case_id: i64,
    sets: &[Set],
    now: i64,
) -> Result<(), sqlx::Error> {
    // A change only staff see (a recorded detail) leaves the case's public "last updated"
    // time (Open311's updated_datetime) alone.
    let internal = sets.iter().all(|set| matches!(set, Set::Detail { .. }));
    let mut columns: Vec<(&str, Value)> = Vec::new();
    if !internal {
        columns.push(("updated_at", Value::Int(Some(now))));
    }
    let int = |v: i64| Value::Int(Some(v));
    let text = |v: &str| Value::Text(Some(v.to_string()));
    for set in sets {
        match set {
            Set::Status(status) => columns.push(("status", text(status.code()))),
            Set::Kind(kind) => columns.push(("kind", text(kind.code()))),
            Set::Station(id) => columns.push(("station_id", int(*id))),
            Set::Office(id) => columns.push(("office_id", int(*id))),
            Set::Assignee(id) => columns.push(("assignee_account_id", int(*id))),
            Set::AckDueOn(date) => columns.push(("ack_due_on", text(date))),
            Set::DueOn(date) => columns.push(("due_on", text(date))),
            Set::Overdue(overdue) => columns.push(("overdue", int(i64::from(*overdue)))),
            Set::FirstAnswerAt(at) => columns.push(("first_answer_at", int(*at))),
            Set::ResolvedAt(at) => columns.push(("resolved_at", Value::Int(*at))),
            Set::ClosedAt(at) => columns.push(("closed_at", Value::Int(*at))),
            Set::Outcome(outcome) => columns.push((
                "outcome",
                Value::Text(outcome.map(|o| o.code().to_string())),
            )),
            Set::OutcomeSummary(summary) => {
                columns.push(("outcome_summary", Value::Text(summary.clone())))
            }
            Set::Referral(referral) => {
                let (department, contact) = referral.clone().unzip();
                columns.push(("referral_department", Value::Text(department)));
                columns.push(("referral_contact", Value::Text(contact)));
            }
            Set::Extension(extension) => {
                let (days, reason) = extension.clone().unzip();
                columns.push(("extension_days", Value::Int(days)));
                columns.push(("extension_reason", Value::Text(reason)));
            }
            Set::MergedInto(id) => columns.push(("merged_into_id", int(*id))),
            Set::Hidden(hidden) => columns.push(("hidden", int(i64::from(*hidden)))),
            Set::Satisfaction(answer) => columns.push((
                "satisfaction",
                Value::Text(answer.map(|a| a.code().to_string())),
            )),
            Set::ReopenCount(n) => columns.push(("reopen_count", int(*n))),
            Set::EscalationLevel(level) => columns.push(("escalation_level", int(*level))),
            Set::Oversight => columns.push(("oversight", int(1))),
            Set::AcknowledgedAt(at) => columns.push(("acknowledged_at", int(*at))),
            Set::AckOverdue(late) => columns.push(("ack_overdue", int(i64::from(*late)))),
            Set::HiddenBecause(hidden) => {
                let (reason, by) = hidden.clone().unzip();
                let at = reason.as_ref().map(|_| now);
                columns.push(("hidden_reason", Value::Text(reason)));
                columns.push(("hidden_by", Value::Int(by.flatten())));
                columns.push(("hidden_at", Value::Int(at)));
            }
            Set::ObjectedAt(at) => columns.push(("objected_at", int(*at))),
            Set::Finding(finding) => columns.push((
                "finding",
                Value::Text(finding.map(|f| f.code().to_string())),
            )),
            Set::Pending(pending) => {
                let action = match pending {
                    Some(pending) => Some(
                        serde_json::to_string(&pending.proposed)
                            .map_err(|error| sqlx::Error::Encode(error.into()))?,
                    ),
                    None => None,
                };
                columns.push(("pending_action", Value::Text(action)));
                columns.push((
                    "pending_awaiting",
                    Value::Text(pending.as_ref().map(|p| p.awaiting.code().to_string())),
                ));
                columns.push((
                    "pending_by",
                    Value::Int(pending.as_ref().and_then(|p| p.by)),
                ));
                columns.push(("pending_at", Value::Int(pending.as_ref().map(|p| p.at))));
            }
            Set::Detail { column, value } => columns.push((column, Value::Text(value.clone()))),
        }
    }
    // A column set twice (a resolution approved from a proposal clears the proposal
    // twice) is set once, to the last value: PostgreSQL refuses a repeated assignment.
    let mut deduplicated: Vec<(&str, Value)> = Vec::with_capacity(columns.len());
    for (column, value) in columns {
        match deduplicated.iter_mut().find(|(c, _)| *c == column) {
            Some(existing) => existing.1 = value,
            None => deduplicated.push((column, value)),
        }
    }
    let columns = deduplicated;
    let assignments: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, (column, _))| format!("{column} = ${}", i + 1))
        .collect();
    let sql = format!(
        "UPDATE cases SET {} WHERE id = ${}",
        assignments.join(", "),
        columns.len() + 1
    );
    let mut query = sqlx::query(&sql);
    for (_, value) in columns {
        query = match value {
            Value::Int(v) => query.bind(v),
            Value::Text(v) => query.bind(v),
        };
    }
    query.bind(case_id).execute(&mut **tx).await?;
    Ok(())
}
