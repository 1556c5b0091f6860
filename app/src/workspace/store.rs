//! The workspace's writes: case actions go through the case pipeline (one transaction
//! that reads the case, checks the caller's rights on it as it is now, decides, and
//! writes the change with its timeline, mail, audit entry and counts); looking at a
//! resident's contact details is recorded in the audit log first.

use super::ContactDetails;
use super::actions::{ActionError, CaseAction};
use crate::audit::{AuditKey, Entry, append};
use crate::calendar::WorkCalendar;
use crate::cases::Reference;
use crate::cases::decide::{Command, Refusal};
use crate::cases::persist::Actor;
use crate::cases::pipeline::{Executor, RunError};
use crate::cases::record::{CaseKey, load_for_change};
use crate::db::Db;
use crate::staff::StaffMember;
use crate::workspace::access::case_rights;

#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    /// No such case, or the caller may not know it exists.
    #[error("not found")]
    NotFound,
    /// The caller sees the case but may not do this.
    #[error("forbidden")]
    Forbidden,
    #[error("refused: {0:?}")]
    Refused(ActionError),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl From<RunError> for ApplyError {
    fn from(error: RunError) -> Self {
        match error {
            RunError::NotFound => ApplyError::NotFound,
            RunError::Forbidden => ApplyError::Forbidden,
            RunError::Refused(Refusal::Action(error)) => ApplyError::Refused(error),
            RunError::Refused(_) => ApplyError::Refused(ActionError::NotOpen),
            RunError::Database(error) => ApplyError::Database(error),
        }
    }
}

/// What the deadline clock and the page need from the caller's request.
pub struct Context<'a> {
    pub db: &'a Db,
    pub key: &'a AuditKey,
    pub calendar: &'a WorkCalendar,
    pub member: &'a StaffMember,
    pub now: i64,
}

/// Applies `action` to the case `reference` for `cx.member`, through the case pipeline.
#[tracing::instrument(skip_all, fields(reference = %reference, action = action.audit_name()))]
pub async fn apply(
    cx: &Context<'_>,
    reference: &Reference,
    action: CaseAction,
) -> Result<(), ApplyError> {
    let executor = Executor {
        db: cx.db,
        key: cx.key,
        calendar: cx.calendar,
        now: cx.now,
    };
    executor
        .run(
            Actor::Staff(cx.member),
            CaseKey::Reference(reference),
            Command::Act(action),
        )
        .await?;
    Ok(())
}

/// The resident's phone and email (and name, unless they asked to stay anonymous), for
/// a caller who may see them and says why; the look and its reason are recorded in the
/// audit log before the details are returned.
pub async fn reveal_contact(
    cx: &Context<'_>,
    reference: &Reference,
    reason: &str,
) -> Result<ContactDetails, ApplyError> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 200 {
        return Err(ApplyError::Refused(ActionError::ReasonRequired));
    }
    let mut tx = cx.db.begin_write().await?;
    let case = load_for_change(&mut tx, cx.db.backend(), CaseKey::Reference(reference))
        .await?
        .ok_or(ApplyError::NotFound)?;
    let rights = case_rights(cx.member, &case.facts());
    if !rights.view {
        return Err(ApplyError::NotFound);
    }
    if !rights.unmask_contact {
        return Err(ApplyError::Forbidden);
    }
    let (name, phone, email, anonymous): (Option<String>, Option<String>, Option<String>, i64) =
        sqlx::query_as(
            "SELECT contact_name, contact_phone, contact_email, anonymous FROM cases WHERE id = $1",
        )
        .bind(case.id)
        .fetch_one(&mut *tx)
        .await?;
    let entry = Entry {
        actor_account_id: Some(cx.member.account_id),
        actor: &cx.member.username,
        action: "contact_viewed",
        object_type: "case",
        object_id: reference.as_ref(),
        detail: reason,
        ..Entry::default()
    };
    append(&mut tx, cx.db.backend(), cx.key, entry, cx.now).await?;
    tx.commit().await?;
    let anonymous = anonymous == 1;
    Ok(ContactDetails {
        name: name.filter(|_| !anonymous),
        phone,
        email,
        masked: false,
        anonymous,
    })
}
