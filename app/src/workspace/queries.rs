//! The workspace's reads: the intake queue, "my cases", the case page, the leader's
//! dashboard and the inspectors' queue. SQL narrows the rows; [`case_rights`] then keeps
//! only what the caller may see, so lists and pages follow the same rules as actions.

use super::access::{CaseFacts, case_rights};
use super::{
    AssignableOfficer, CaseSummary, ContactDetails, Dashboard, ExtensionRequest, HiddenCase,
    InspectorWork, PendingView, StaffCase, StaffTimelineEntry, Workload,
};
use crate::accounts::Role;
use crate::calendar::{format_date, format_local_time, local_date};
use crate::cases::proposal::{Awaiting, Pending, Proposed};
use crate::cases::record::CaseRecord;
use crate::cases::{CaseKind, CaseStatus, EventKind, Outcome, Reference};
use crate::db::decode::{MaybeCode, code};
use crate::staff::StaffMember;
use crate::stations::{Duty, Names};
use crate::workspace::actions::CaseAction;
use sqlx::AnyPool;

/// A list row: the summary plus what the rules need.
#[derive(sqlx::FromRow)]
struct ListRow {
    reference: String,
    #[sqlx(try_from = "String")]
    kind: CaseKind,
    #[sqlx(try_from = "String")]
    status: CaseStatus,
    subject: String,
    station_slug: Option<String>,
    station_zh: Option<String>,
    station_en: Option<String>,
    created_at: i64,
    due_on: String,
    overdue: i64,
    escalation_level: i64,
    named_officer_id: Option<i64>,
    named_badge: Option<String>,
    assignee_account_id: Option<i64>,
    assignee_name: Option<String>,
    assignee_badge: Option<String>,
    extension_days: Option<i64>,
    oversight: i64,
    hidden: i64,
    names_leader: i64,
    ack_overdue: i64,
    #[sqlx(rename = "pending_awaiting", try_from = "Option<String>")]
    awaiting: MaybeCode<Awaiting>,
}

const LIST_SQL: &str = concat!(
    "SELECT c.reference, c.kind, c.status, c.subject, s.slug AS station_slug,
        s.name_zh AS station_zh, s.name_en AS station_en, c.created_at, c.due_on, c.overdue,
        c.escalation_level, c.named_officer_id, n.badge AS named_badge, c.assignee_account_id,
        a.display_name AS assignee_name, ao.badge AS assignee_badge, c.extension_days,
        c.oversight, c.hidden, c.ack_overdue, c.pending_awaiting, ",
    crate::names_leader_sql!(),
    "
     FROM cases c
     LEFT JOIN stations s ON s.id = c.station_id
     LEFT JOIN officers n ON n.id = c.named_officer_id
     LEFT JOIN staff_accounts a ON a.id = c.assignee_account_id
     LEFT JOIN officers ao ON ao.id = a.officer_id"
);

impl ListRow {
    fn facts(&self) -> CaseFacts<'_> {
        CaseFacts {
            station: self.station_slug.as_deref(),
            kind: self.kind,
            named_officer_id: self.named_officer_id,
            assignee_account_id: self.assignee_account_id,
            escalation_level: self.escalation_level,
            oversight: self.oversight == 1,
            names_leader: self.names_leader == 1,
            hidden: self.hidden == 1,
        }
    }

    fn summary(&self, now: i64) -> CaseSummary {
        CaseSummary {
            reference: self.reference.clone(),
            kind: self.kind,
            status: self.status,
            subject: self.subject.clone(),
            station: self.station_zh.clone().map(|zh| Names {
                zh,
                en: self.station_en.clone().unwrap_or_default(),
            }),
            filed_on: format_date(local_date(self.created_at)),
            age_days: (now - self.created_at).max(0) / 86_400_000,
            due_on: self.due_on.clone(),
            overdue: self.overdue == 1,
            escalation_level: self.escalation_level,
            named_badge: self.named_badge.clone(),
            assignee: self.assignee_name.clone(),
            ack_overdue: self.ack_overdue == 1,
            oversight: self.oversight == 1,
            awaiting: self.awaiting.0,
        }
    }
}

/// Rows of `LIST_SQL` + `filter`, kept when `keep` says so for the caller's rights.
async fn list(
    pool: &AnyPool,
    member: &StaffMember,
    filter: &str,
    bind: Option<i64>,
    keep: impl Fn(&ListRow, super::access::CaseRights) -> bool,
) -> Result<Vec<ListRow>, sqlx::Error> {
    let sql = format!("{LIST_SQL} {filter}");
    let mut query = sqlx::query_as::<_, ListRow>(&sql);
    if let Some(value) = bind {
        query = query.bind(value);
    }
    let rows = query.fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .filter(|row| keep(row, case_rights(member, &row.facts())))
        .collect())
}

/// New, unassigned cases the caller may triage, oldest first; optionally of one kind.
pub async fn intake_queue(
    pool: &AnyPool,
    member: &StaffMember,
    kind: Option<CaseKind>,
    now: i64,
) -> Result<Vec<CaseSummary>, sqlx::Error> {
    let rows = list(
        pool,
        member,
        "WHERE c.status = 'new' AND c.assignee_account_id IS NULL AND c.hidden = 0
           AND c.merged_into_id IS NULL
         ORDER BY c.created_at, c.id LIMIT 1000",
        None,
        |row, rights| rights.triage && kind.is_none_or(|k| row.kind == k),
    )
    .await?;
    Ok(rows.iter().map(|row| row.summary(now)).collect())
}

/// The caller's open cases, by deadline.
pub async fn my_cases(
    pool: &AnyPool,
    member: &StaffMember,
    now: i64,
) -> Result<Vec<CaseSummary>, sqlx::Error> {
    let rows = list(
        pool,
        member,
        "WHERE c.assignee_account_id = $1 AND c.status <> 'closed' AND c.hidden = 0
         ORDER BY c.due_on, c.created_at, c.id",
        Some(member.account_id),
        |_, rights| rights.view,
    )
    .await?;
    Ok(rows.iter().map(|row| row.summary(now)).collect())
}

/// The inspectors' queue across stations: what waits for their approval (a resident's
/// objection among it), every case under their oversight until it is closed (whatever
/// its kind or state), cases escalated to them, and every case hidden as not genuine.
pub async fn inspector_queue(
    pool: &AnyPool,
    member: &StaffMember,
    now: i64,
) -> Result<InspectorWork, sqlx::Error> {
    let rows = list(
        pool,
        member,
        "WHERE c.pending_awaiting = 'inspector'
           OR (c.status <> 'closed' AND (c.oversight = 1 OR c.escalation_level >= 2))
         ORDER BY c.due_on, c.id",
        None,
        |_, rights| rights.view,
    )
    .await?;
    let pick = |keep: &dyn Fn(&ListRow) -> bool| -> Vec<CaseSummary> {
        rows.iter()
            .filter(|row| keep(row))
            .map(|row| row.summary(now))
            .collect()
    };
    let to_inspectors = |row: &ListRow| row.awaiting.0 == Some(Awaiting::Inspector);
    let awaiting = pick(&|row| to_inspectors(row));
    let oversight = pick(&|row| !to_inspectors(row) && row.oversight == 1);
    let escalated = pick(&|row| !to_inspectors(row) && row.oversight == 0);
    Ok(InspectorWork {
        awaiting,
        oversight,
        escalated,
        hidden: hidden_cases(pool, member, now).await?,
    })
}

/// Every case hidden as not genuine that the caller may see, newest first: who hid it,
/// when and why, and whether the resident objected.
async fn hidden_cases(
    pool: &AnyPool,
    member: &StaffMember,
    now: i64,
) -> Result<Vec<HiddenCase>, sqlx::Error> {
    let rows = list(
        pool,
        member,
        "WHERE c.hidden = 1 ORDER BY c.hidden_at DESC, c.id DESC LIMIT 500",
        None,
        |_, rights| rights.view,
    )
    .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    #[derive(sqlx::FromRow)]
    struct Hidden {
        reference: String,
        hidden_reason: Option<String>,
        display_name: Option<String>,
        hidden_at: Option<i64>,
        objected_at: Option<i64>,
    }
    let details: Vec<Hidden> = sqlx::query_as(
        "SELECT c.reference, c.hidden_reason, h.display_name, c.hidden_at, c.objected_at
             FROM cases c LEFT JOIN staff_accounts h ON h.id = c.hidden_by
             WHERE c.hidden = 1",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .iter()
        .map(|row| {
            let detail = details.iter().find(|d| d.reference == row.reference);
            HiddenCase {
                summary: row.summary(now),
                reason: detail
                    .and_then(|d| d.hidden_reason.clone())
                    .unwrap_or_default(),
                by: detail.and_then(|d| d.display_name.clone()),
                at: detail
                    .and_then(|d| d.hidden_at)
                    .map(format_local_time)
                    .unwrap_or_default(),
                objected: detail.is_some_and(|d| d.objected_at.is_some()),
            }
        })
        .collect())
}

/// Cases filed without a station that bureau intake has not taken up in time, or that
/// are past their due date: its own overdue view.
pub async fn intake_overdue(
    pool: &AnyPool,
    member: &StaffMember,
    now: i64,
) -> Result<Vec<CaseSummary>, sqlx::Error> {
    let rows = list(
        pool,
        member,
        "WHERE c.station_id IS NULL AND c.status NOT IN ('resolved', 'closed')
           AND (c.ack_overdue = 1 OR c.overdue = 1)
         ORDER BY c.created_at, c.id",
        None,
        |_, rights| rights.view,
    )
    .await?;
    Ok(rows.iter().map(|row| row.summary(now)).collect())
}

/// The dashboard of each station the caller leads.
pub async fn dashboards(
    pool: &AnyPool,
    member: &StaffMember,
    now: i64,
) -> Result<Vec<Dashboard>, sqlx::Error> {
    let mut boards = Vec::new();
    for slug in member.stations_as(Role::Leader) {
        let station: Option<(i64, String, String)> =
            sqlx::query_as("SELECT id, name_zh, name_en FROM stations WHERE slug = $1")
                .bind(&slug)
                .fetch_optional(pool)
                .await?;
        let Some((station_id, zh, en)) = station else {
            continue;
        };
        let rows = list(
            pool,
            member,
            "WHERE c.station_id = $1 AND c.hidden = 0 AND c.merged_into_id IS NULL
               AND c.status NOT IN ('resolved', 'closed')
             ORDER BY c.due_on, c.id",
            Some(station_id),
            |_, rights| rights.view,
        )
        .await?;
        let pick = |keep: &dyn Fn(&ListRow) -> bool| -> Vec<CaseSummary> {
            rows.iter()
                .filter(|row| keep(row))
                .map(|row| row.summary(now))
                .collect()
        };
        let mut workload: Vec<Workload> = Vec::new();
        for row in rows.iter().filter(|row| row.assignee_account_id.is_some()) {
            let name = row.assignee_name.clone().unwrap_or_default();
            match workload.iter_mut().find(|w| w.name == name) {
                Some(w) => {
                    w.open += 1;
                    w.overdue += row.overdue;
                }
                None => workload.push(Workload {
                    name,
                    badge: row.assignee_badge.clone().unwrap_or_default(),
                    open: 1,
                    overdue: row.overdue,
                }),
            }
        }
        workload.sort_by(|a, b| b.open.cmp(&a.open).then(a.badge.cmp(&b.badge)));
        boards.push(Dashboard {
            station: Names { zh, en },
            slug,
            open: rows.len() as i64,
            overdue: rows.iter().filter(|row| row.overdue == 1).count() as i64,
            unassigned: rows
                .iter()
                .filter(|row| row.assignee_account_id.is_none())
                .count() as i64,
            supervised: pick(&|row| row.overdue == 1 || row.escalation_level >= 1),
            bad_ratings: pick(&|row| row.kind == CaseKind::RatingReview),
            complaints_about_officers: pick(&|row| row.facts().about_an_officer()),
            extension_requests: pick(&|row| row.extension_days.is_some()),
            approvals: pick(&|row| row.awaiting.0 == Some(Awaiting::Leader)),
            workload,
        });
    }
    Ok(boards)
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    description: String,
    place: String,
    contact_name: Option<String>,
    contact_phone: Option<String>,
    contact_email: Option<String>,
    outcome: Option<String>,
    outcome_summary: Option<String>,
    merged_into: Option<String>,
    extension_reason: Option<String>,
    anonymous: i64,
    pending_by: Option<String>,
}

/// Shows that something is there without showing it: `张**`, `138****5678`, `a***@example.com`.
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if let Some(at) = value.find('@') {
        let first = value.chars().next().unwrap_or('*');
        return format!("{first}***{}", &value[at..]);
    }
    if chars.len() >= 7
        && chars
            .iter()
            .all(|c| c.is_ascii_digit() || *c == '+' || *c == '-' || *c == ' ')
    {
        let head: String = chars[..3].iter().collect();
        let tail: String = chars[chars.len() - 4..].iter().collect();
        return format!("{head}****{tail}");
    }
    match chars.first() {
        Some(first) => format!(
            "{first}{}",
            "*".repeat(chars.len().saturating_sub(1).max(1))
        ),
        None => String::new(),
    }
}

/// The case page for the caller, or `None` when the case does not exist or is not theirs
/// to see (the same answer).
pub async fn staff_case(
    pool: &AnyPool,
    member: &StaffMember,
    reference: &Reference,
    now: i64,
) -> Result<Option<StaffCase>, sqlx::Error> {
    let sql = format!("{LIST_SQL} WHERE c.reference = $1");
    let Some(row) = sqlx::query_as::<_, ListRow>(&sql)
        .bind(reference.as_ref())
        .fetch_optional(pool)
        .await?
    else {
        return Ok(None);
    };
    let rights = case_rights(member, &row.facts());
    if !rights.view {
        return Ok(None);
    }
    let Some(rules) = crate::cases::record::load(pool, reference).await? else {
        return Ok(None);
    };
    let detail: DetailRow = sqlx::query_as(
        "SELECT c.description, c.place, c.contact_name, c.contact_phone, c.contact_email, c.outcome,
                c.outcome_summary, m.reference AS merged_into, c.extension_reason, c.anonymous,
                p.display_name AS pending_by
         FROM cases c LEFT JOIN cases m ON m.id = c.merged_into_id
         LEFT JOIN staff_accounts p ON p.id = c.pending_by
         WHERE c.id = $1",
    )
    .bind(rules.id)
    .fetch_one(pool)
    .await?;
    let events: Vec<(i64, String, i64, String, Option<String>)> = sqlx::query_as(
        "SELECT e.at, e.event_type, e.public, e.body, a.display_name
         FROM case_events e LEFT JOIN staff_accounts a ON a.id = e.actor_account_id
         WHERE e.case_id = $1 ORDER BY e.at, e.id",
    )
    .bind(rules.id)
    .fetch_all(pool)
    .await?;
    let assignable = if rights.triage {
        assignable(pool, &rules).await?
    } else {
        Vec::new()
    };
    let stations = if rights.triage && rules.station_id.is_none() {
        station_choices(pool).await?
    } else {
        Vec::new()
    };
    let anonymous = detail.anonymous == 1;
    // An anonymous resident's name is not shown to station staff, not even masked.
    let contact = ContactDetails {
        name: detail
            .contact_name
            .as_deref()
            .filter(|_| !anonymous)
            .map(mask),
        phone: detail.contact_phone.as_deref().map(mask),
        email: detail.contact_email.as_deref().map(mask),
        masked: true,
        anonymous,
    };
    let timeline = events
        .into_iter()
        .map(|(at, kind, public, body, by)| {
            Ok(StaffTimelineEntry {
                at: format_local_time(at),
                kind: EventKind::try_from(kind).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                public: public == 1,
                body,
                by,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let pending = rules
        .pending
        .as_ref()
        .map(|pending| pending_view(&rules, pending, &rights, detail.pending_by.clone()));
    let resolve_needs = crate::cases::decide::approval_needed(
        &CaseAction::Resolve {
            outcome: Outcome::Resolved,
            summary: String::new(),
            referral: None,
            finding: None,
        },
        &rules,
        &rights,
    );
    let triage_needs = crate::cases::decide::approval_needed(
        &CaseAction::Hide {
            reason: String::new(),
        },
        &rules,
        &rights,
    );
    Ok(Some(StaffCase {
        summary: row.summary(now),
        description: detail.description,
        place: detail.place,
        contact,
        outcome: detail
            .outcome
            .map(Outcome::try_from)
            .transpose()
            .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        outcome_summary: detail.outcome_summary,
        merged_into: detail.merged_into,
        hidden: rules.hidden,
        extension: rules.extension_days.map(|days| ExtensionRequest {
            days,
            reason: detail.extension_reason.unwrap_or_default(),
        }),
        timeline,
        rights,
        assignable,
        channel: rules.channel,
        ack_due_on: rules.ack_due_on.clone(),
        acknowledged: rules.acknowledged_at.is_some(),
        finding: rules.finding,
        hidden_reason: rules.hidden_reason.clone(),
        objected: rules.objected_at.is_some(),
        pending,
        resolve_needs,
        triage_needs,
        stations,
        details: rules.details.clone(),
    }))
}

/// The change waiting on a case, as its page shows it to `rights`.
fn pending_view(
    case: &CaseRecord,
    pending: &Pending,
    rights: &super::access::CaseRights,
    by: Option<String>,
) -> PendingView {
    let (summary, needs_finding, objection) = match &pending.proposed {
        Proposed::Act { action } => (
            crate::cases::decide::proposal_summary(action),
            matches!(action, CaseAction::Resolve { .. }) && case.kind.accuses(),
            false,
        ),
        Proposed::Restore => (String::new(), false, true),
    };
    PendingView {
        summary,
        awaiting: pending.awaiting,
        by,
        at: format_local_time(pending.at),
        may_decide: match pending.awaiting {
            Awaiting::Leader => rights.approve_as_leader,
            Awaiting::Inspector => rights.approve_as_inspector,
        },
        needs_finding,
        objection,
    }
}

/// The active stations, to place a case at.
async fn station_choices(pool: &AnyPool) -> Result<Vec<(String, Names)>, sqlx::Error> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT slug, name_zh, name_en FROM stations WHERE active = 1 ORDER BY id")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(slug, zh, en)| (slug, Names { zh, en }))
        .collect())
}

/// The officers a case may be assigned to: active officer accounts of its station (of any
/// station while it waits in the bureau's triage), never the officer it names; the
/// community officers of its office (or, without one, of its station) come first as the
/// suggestion.
async fn assignable(
    pool: &AnyPool,
    case: &CaseRecord,
) -> Result<Vec<AssignableOfficer>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        display_name: String,
        officer_id: Option<i64>,
        badge: Option<String>,
        office_id: Option<i64>,
        duty: Option<String>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT a.id, a.display_name, a.officer_id, o.badge, o.office_id, o.duty
             FROM staff_accounts a JOIN staff_roles r ON r.account_id = a.id AND r.role = 'officer'
             LEFT JOIN officers o ON o.id = a.officer_id
             WHERE a.disabled = 0 AND (r.station_id = $1 OR $1 IS NULL)
             ORDER BY o.badge, a.id",
    )
    .bind(case.station_id)
    .fetch_all(pool)
    .await?;
    let facts = case.facts();
    let mut officers: Vec<AssignableOfficer> = Vec::new();
    for row in rows {
        if !super::access::may_be_assigned(&facts, row.officer_id) {
            continue;
        }
        let duty: Option<Duty> = row.duty.map(|duty| code("duty", duty)).transpose()?;
        officers.push(AssignableOfficer {
            account_id: row.id,
            name: row.display_name,
            badge: row.badge.unwrap_or_default(),
            suggested: duty == Some(Duty::Community)
                && (case.office_id.is_none() || row.office_id == case.office_id)
                && case.station_id.is_some(),
        });
    }
    officers.sort_by_key(|officer| !officer.suggested);
    Ok(officers)
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn masks_keep_only_a_hint() {
        assert_eq!(mask("13812345678"), "138****5678");
        assert_eq!(mask("zhang@example.com"), "z***@example.com");
        assert_eq!(mask("张三"), "张*");
        assert_eq!(mask("王"), "王*");
    }
}
