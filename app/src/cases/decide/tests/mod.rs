//! The decisions, command by command: each rule as a case, a command and what changes.

use super::*;
use crate::cases::change::{Audited, By};
use crate::cases::{CaseKind, Finding, Reference};

mod approvals;

/// 2026-11-30 10:00 in Beijing, a Monday.
const NOW: i64 = 1_796_004_000_000;

fn case() -> CaseRecord {
    CaseRecord {
        id: 7,
        reference: Reference::new(2026, 7),
        kind: CaseKind::Help,
        status: CaseStatus::New,
        station_id: Some(1),
        station_slug: Some("qishan".into()),
        office_id: None,
        named_officer_id: None,
        assignee_account_id: None,
        rating_id: None,
        merged_into_id: None,
        hidden: false,
        escalation_level: 0,
        reopen_count: 0,
        extension_days: None,
        ack_due_on: "2026-12-01".into(),
        due_on: "2026-12-07".into(),
        overdue: false,
        first_answer_at: None,
        resolved_at: None,
        outcome: None,
        satisfaction: None,
        subject: "楼道灯坏了".into(),
        created_at: NOW,
        oversight: false,
        names_leader: false,
        channel: crate::cases::proposal::Channel::Web,
        acknowledged_at: None,
        ack_overdue: false,
        hidden_reason: None,
        objected_at: None,
        finding: None,
        pending: None,
        details: Default::default(),
    }
}

fn run(command: Command, case: &CaseRecord, inputs: &Inputs) -> Result<Change, Refusal> {
    decide(&command, case, inputs, &WorkCalendar::default(), NOW)
}

fn act(action: CaseAction, case: &CaseRecord) -> Result<Change, Refusal> {
    run(Command::Act(action), case, &Inputs::default())
}

fn assignee(officer_id: i64) -> Inputs {
    Inputs {
        assignee: Some(Assignee {
            station_id: 2,
            officer_id: Some(officer_id),
            office_id: Some(5),
        }),
        ..Inputs::default()
    }
}

#[test]
fn assigning_places_the_case_with_the_officer_and_tells_them() {
    let change = run(
        Command::Act(CaseAction::Assign { account_id: 40 }),
        &case(),
        &assignee(400),
    )
    .unwrap();
    assert_eq!(
        change.set,
        vec![
            Set::Assignee(40),
            Set::Station(2),
            Set::Office(5),
            Set::Status(CaseStatus::Assigned),
            Set::AcknowledgedAt(NOW)
        ]
    );
    assert!(matches!(
        &change.mails[..],
        [Mail::Staff {
            account_id: 40,
            message: Message::Assigned { .. }
        }]
    ));
    assert_eq!(change.events[0].kind, EventKind::Assigned);
}

#[test]
fn the_named_officer_cannot_be_assigned_and_nobody_outside_the_rules_either() {
    let named = CaseRecord {
        kind: CaseKind::Complaint,
        named_officer_id: Some(400),
        ..case()
    };
    let refused = |inputs: &Inputs| {
        run(
            Command::Act(CaseAction::Assign { account_id: 40 }),
            &named,
            inputs,
        )
    };
    assert_eq!(
        refused(&assignee(400)),
        Err(Refusal::Action(ActionError::NotAssignable))
    );
    assert_eq!(
        refused(&Inputs::default()),
        Err(Refusal::Action(ActionError::NotAssignable))
    );
    assert!(refused(&assignee(401)).is_ok());
}

#[test]
fn reclassifying_moves_the_deadlines_from_the_filing_day() {
    let inputs = Inputs {
        deadline_days: Some((1, 3)),
        ..Inputs::default()
    };
    let change = run(
        Command::Act(CaseAction::Classify {
            kind: CaseKind::Question,
        }),
        &case(),
        &inputs,
    )
    .unwrap();
    assert_eq!(
        change.set,
        vec![
            Set::Kind(CaseKind::Question),
            Set::AckDueOn("2026-12-01".into()),
            Set::DueOn("2026-12-03".into()),
        ]
    );
    assert_eq!(
        change.audit,
        Some(Audited {
            action: "case_classified",
            detail: "help -> question".into()
        })
    );
}

#[test]
fn the_first_reply_is_the_first_answer_and_reaches_the_resident() {
    let change = act(
        CaseAction::Reply {
            body: "已派人查看".into(),
        },
        &case(),
    )
    .unwrap();
    assert_eq!(
        change.set,
        vec![
            Set::FirstAnswerAt(NOW),
            Set::Status(CaseStatus::InProgress),
            Set::AcknowledgedAt(NOW)
        ]
    );
    assert!(change.events[0].public);
    assert!(matches!(
        &change.mails[..],
        [Mail::Resident(Message::Reply { .. })]
    ));
    let answered = CaseRecord {
        first_answer_at: Some(1),
        acknowledged_at: Some(1),
        status: CaseStatus::InProgress,
        ..case()
    };
    let again = act(
        CaseAction::Reply {
            body: "又一次".into(),
        },
        &answered,
    )
    .unwrap();
    assert!(again.set.is_empty());
}

#[test]
fn a_note_stays_internal_and_may_follow_the_end() {
    let closed = CaseRecord {
        status: CaseStatus::Closed,
        ..case()
    };
    let change = act(
        CaseAction::Note {
            body: "备注".into(),
        },
        &closed,
    )
    .unwrap();
    assert!(change.set.is_empty() && change.mails.is_empty());
    assert!(!change.events[0].public);
    assert_eq!(
        act(CaseAction::Reply { body: "x".into() }, &closed),
        Err(Refusal::Action(ActionError::NotOpen))
    );
}

#[test]
fn a_detail_is_recorded_on_a_finished_case_too_once_per_value_without_approval() {
    let set = |value: Option<&str>| CaseAction::SetDetail {
        detail: "hotline_order".into(),
        value: value.map(str::to_string),
    };
    // Closed, and a complaint under oversight: nobody's approval is needed to describe it.
    let closed = CaseRecord {
        status: CaseStatus::Closed,
        ..complaint_under_oversight()
    };
    let change = act(set(Some("GD1")), &closed).unwrap();
    assert_eq!(
        change.set,
        [Set::Detail {
            column: "hotline_order_no",
            value: Some("GD1".into())
        }]
    );
    assert_eq!(change.events.len(), 1);
    assert!(!change.events[0].public && change.mails.is_empty());
    assert_eq!(change.events[0].body, "hotline_order=GD1");
    assert_eq!(
        change.audit.map(|a| (a.action, a.detail)),
        Some(("case_detail_set", "hotline_order=GD1".to_string()))
    );
    let recorded = CaseRecord {
        details: [("hotline_order".to_string(), "GD1".to_string())].into(),
        ..closed.clone()
    };
    assert_eq!(
        act(set(Some("GD1")), &recorded),
        Err(Refusal::Action(ActionError::DetailUnchanged))
    );
    assert_eq!(
        act(set(None), &closed),
        Err(Refusal::Action(ActionError::DetailUnchanged)),
        "clearing what is not there changes nothing"
    );
    let cleared = act(set(None), &recorded).unwrap();
    assert_eq!(cleared.events[0].body, "hotline_order=");
    let replaced = act(set(Some("GD2")), &recorded).unwrap();
    assert_eq!(
        replaced.audit.map(|a| a.detail),
        Some("hotline_order=GD2 (was GD1)".to_string())
    );
    // A merged case goes on in another: its details are recorded there.
    let merged = CaseRecord {
        merged_into_id: Some(8),
        ..closed.clone()
    };
    assert_eq!(
        act(set(Some("GD3")), &merged),
        Err(Refusal::Action(ActionError::NotOpen))
    );
    // A detail nobody declared is no action.
    let unknown = CaseAction::SetDetail {
        detail: "owner".into(),
        value: Some("x".into()),
    };
    assert_eq!(
        act(unknown, &recorded),
        Err(Refusal::Action(ActionError::UnknownAction))
    );
}

fn complaint_under_oversight() -> CaseRecord {
    CaseRecord {
        kind: CaseKind::Complaint,
        named_officer_id: Some(9),
        oversight: true,
        ..case()
    }
}

#[test]
fn resolving_needs_a_summary_and_a_department_only_for_a_referral() {
    let resolve = |outcome, summary: &str, referral: Option<(&str, &str)>| {
        act(
            CaseAction::Resolve {
                outcome,
                summary: summary.into(),
                referral: referral.map(|(d, c)| (d.into(), c.into())),
                finding: None,
            },
            &case(),
        )
    };
    assert_eq!(
        resolve(Outcome::Resolved, "  ", None),
        Err(Refusal::Action(ActionError::SummaryRequired))
    );
    assert_eq!(
        resolve(Outcome::Referred, "转供电所", None),
        Err(Refusal::Action(ActionError::DepartmentRequired))
    );
    assert_eq!(
        resolve(Outcome::Resolved, "已修好", Some(("供电所", "0000"))),
        Err(Refusal::Action(ActionError::DepartmentRequired))
    );
    let change = resolve(Outcome::Referred, "转供电所", Some(("供电所", "0000"))).unwrap();
    assert_eq!(change.status(), Some(CaseStatus::Resolved));
    assert!(
        change
            .set
            .contains(&Set::Referral(Some(("供电所".into(), "0000".into()))))
    );
    assert!(change.set.contains(&Set::FirstAnswerAt(NOW)));
    assert!(matches!(
        &change.mails[..],
        [Mail::Resident(Message::Referred { .. })]
    ));
    assert_eq!(change.audit.unwrap().action, "case_resolved");
}

#[test]
fn one_extension_request_at_a_time_and_approval_moves_the_due_date() {
    let asked = act(
        CaseAction::RequestExtension {
            days: 5,
            reason: "等待鉴定".into(),
        },
        &case(),
    )
    .unwrap();
    assert_eq!(
        asked.set,
        vec![Set::Extension(Some((5, "等待鉴定".into())))]
    );
    let pending = CaseRecord {
        extension_days: Some(5),
        overdue: true,
        ..case()
    };
    assert_eq!(
        act(
            CaseAction::RequestExtension {
                days: 2,
                reason: "x".into()
            },
            &pending
        ),
        Err(Refusal::Action(ActionError::ExtensionPending))
    );
    let approved = act(CaseAction::DecideExtension { approve: true }, &pending).unwrap();
    // Due 7 December (a Monday) + 5 working days.
    assert_eq!(
        approved.set,
        vec![
            Set::DueOn("2026-12-14".into()),
            Set::Overdue(false),
            Set::Extension(None)
        ]
    );
    assert_eq!(
        act(CaseAction::DecideExtension { approve: false }, &case()),
        Err(Refusal::Action(ActionError::NoExtensionPending))
    );
}

#[test]
fn a_merge_closes_the_case_and_notes_it_on_the_one_that_continues() {
    let target = CaseRecord {
        id: 8,
        reference: Reference::new(2026, 8),
        ..case()
    };
    let into = target.reference.clone();
    let inputs = Inputs {
        merge_target: Some(target),
        ..Inputs::default()
    };
    let change = run(
        Command::Act(CaseAction::Merge { into: into.clone() }),
        &case(),
        &inputs,
    )
    .unwrap();
    assert!(change.set.contains(&Set::MergedInto(8)));
    assert_eq!(change.status(), Some(CaseStatus::Closed));
    assert_eq!(change.events[1].on, On::Case(8));
    // Into itself, or into nothing the caller may triage: refused.
    let itself = Inputs {
        merge_target: Some(case()),
        ..Inputs::default()
    };
    assert_eq!(
        run(Command::Act(CaseAction::Merge { into }), &case(), &itself),
        Err(Refusal::Action(ActionError::MergeTarget))
    );
}

#[test]
fn hiding_closes_the_case_with_a_reason_the_resident_sees() {
    let change = act(
        CaseAction::Hide {
            reason: "广告".into(),
        },
        &case(),
    )
    .unwrap();
    assert_eq!(change.status(), Some(CaseStatus::Closed));
    assert!(change.set.contains(&Set::Hidden(true)));
    assert!(
        change
            .set
            .contains(&Set::HiddenBecause(Some(("广告".into(), None))))
    );
    assert_eq!(change.events[0].kind, EventKind::Hidden);
    assert!(change.events[0].public && change.events[0].body == "广告");
}

#[test]
fn answers_close_or_reopen_a_resolved_case_and_nothing_else() {
    let resolved = CaseRecord {
        status: CaseStatus::Resolved,
        outcome: Some(Outcome::Resolved),
        resolved_at: Some(NOW),
        ..case()
    };
    let inputs = Inputs {
        deadline_days: Some((1, 5)),
        ..Inputs::default()
    };
    let answer = |a, c: &CaseRecord| run(Command::Answer(a), c, &inputs);
    let closed = answer(Satisfaction::Satisfied, &resolved).unwrap();
    assert_eq!(closed.status(), Some(CaseStatus::Closed));
    assert_eq!(closed.effect, Some(FeedbackEffect::Close));
    assert_eq!(closed.events[1].by, By::System);
    let reopened = answer(Satisfaction::Dissatisfied, &resolved).unwrap();
    assert_eq!(reopened.status(), Some(CaseStatus::Reopened));
    assert!(reopened.set.contains(&Set::EscalationLevel(1)));
    assert!(reopened.set.contains(&Set::DueOn("2026-12-07".into())));
    assert!(reopened.set.contains(&Set::Outcome(None)));
    let twice = CaseRecord {
        reopen_count: 1,
        ..resolved.clone()
    };
    let to_inspectors = answer(Satisfaction::Dissatisfied, &twice).unwrap();
    assert_eq!(
        to_inspectors.events[2].kind,
        EventKind::EscalatedToInspector
    );
    assert_eq!(
        answer(Satisfaction::Satisfied, &case()),
        Err(Refusal::NotAwaitingAnswer)
    );
}

#[test]
fn the_clock_marks_an_open_case_once_and_tells_its_officer() {
    let assigned = CaseRecord {
        assignee_account_id: Some(40),
        ..case()
    };
    let change = run(Command::MarkOverdue, &assigned, &Inputs::default()).unwrap();
    assert_eq!(
        change.set,
        vec![Set::Overdue(true), Set::EscalationLevel(1)]
    );
    assert!(matches!(
        &change.mails[..],
        [Mail::Staff {
            account_id: 40,
            message: Message::Overdue { .. }
        }]
    ));
    let marked = CaseRecord {
        overdue: true,
        ..assigned
    };
    assert_eq!(
        run(Command::MarkOverdue, &marked, &Inputs::default()),
        Err(Refusal::Nothing)
    );
}
