//! Who approves what, and what waits meanwhile.

use super::*;

/// What each kind of caller may do, as the access rules grant it.
fn officer() -> Inputs {
    Inputs {
        rights: CaseRights {
            view: true,
            work: true,
            note: true,
            ..CaseRights::default()
        },
        account_id: Some(30),
        ..Inputs::default()
    }
}

fn leader() -> Inputs {
    Inputs {
        rights: CaseRights {
            view: true,
            triage: true,
            work: true,
            note: true,
            decide_extension: true,
            approve_as_leader: true,
            ..CaseRights::default()
        },
        account_id: Some(10),
        ..Inputs::default()
    }
}

fn inspector() -> Inputs {
    Inputs {
        rights: CaseRights {
            view: true,
            triage: true,
            work: true,
            note: true,
            approve_as_inspector: true,
            ..CaseRights::default()
        },
        account_id: Some(50),
        ..Inputs::default()
    }
}

fn resolution(finding: Option<Finding>) -> CaseAction {
    CaseAction::Resolve {
        outcome: Outcome::Explained,
        summary: "经核实".into(),
        referral: None,
        finding,
    }
}

/// A complaint about officer 9, under oversight.
fn complaint() -> CaseRecord {
    CaseRecord {
        kind: crate::cases::CaseKind::Complaint,
        named_officer_id: Some(9),
        oversight: true,
        ..case()
    }
}

fn pending_of(change: &Change) -> Option<Awaiting> {
    change.set.iter().find_map(|set| match set {
        Set::Pending(Some(pending)) => Some(pending.awaiting),
        _ => None,
    })
}

fn with_pending(case: CaseRecord, action: CaseAction, awaiting: Awaiting) -> CaseRecord {
    CaseRecord {
        pending: Some(Pending {
            proposed: Proposed::Act { action },
            awaiting,
            by: Some(30),
            at: NOW,
        }),
        ..case
    }
}

#[test]
fn an_officer_proposes_the_closing_of_a_complaint_and_the_leader_decides() {
    let station_complaint = CaseRecord {
        kind: crate::cases::CaseKind::Complaint,
        ..case()
    };
    let proposed = run(
        Command::Act(resolution(None)),
        &station_complaint,
        &officer(),
    )
    .unwrap();
    assert_eq!(pending_of(&proposed), Some(Awaiting::Leader));
    assert_eq!(proposed.status(), None, "nothing is resolved yet");
    assert!(proposed.mails.is_empty(), "the resident hears nothing yet");
    // The leader closes it directly, but only with a finding.
    assert_eq!(
        run(
            Command::Act(resolution(None)),
            &station_complaint,
            &leader()
        ),
        Err(Refusal::Action(ActionError::ChooseFinding))
    );
    let closed = run(
        Command::Act(resolution(Some(Finding::Partly))),
        &station_complaint,
        &leader(),
    )
    .unwrap();
    assert_eq!(closed.status(), Some(CaseStatus::Resolved));
    assert!(closed.set.contains(&Set::Finding(Some(Finding::Partly))));
    // A request for help is the officer's to close.
    let help = run(Command::Act(resolution(None)), &case(), &officer()).unwrap();
    assert_eq!(help.status(), Some(CaseStatus::Resolved));
}

#[test]
fn under_oversight_the_leaders_ways_out_all_wait_for_the_inspectors() {
    let actions = [
        CaseAction::Classify {
            kind: crate::cases::CaseKind::Help,
        },
        CaseAction::Hide {
            reason: "重复".into(),
        },
        CaseAction::Merge {
            into: Reference::new(2026, 8),
        },
        resolution(Some(Finding::Unsubstantiated)),
    ];
    let target = CaseRecord {
        id: 8,
        reference: Reference::new(2026, 8),
        ..case()
    };
    for action in actions {
        let inputs = Inputs {
            merge_target: Some(target.clone()),
            deadline_days: Some((1, 5)),
            ..leader()
        };
        let change = run(Command::Act(action.clone()), &complaint(), &inputs).unwrap();
        assert_eq!(pending_of(&change), Some(Awaiting::Inspector), "{action:?}");
        assert!(
            !change.set.iter().any(|s| matches!(
                s,
                Set::Kind(_) | Set::Hidden(_) | Set::MergedInto(_) | Set::Status(_)
            )),
            "{action:?} took effect"
        );
        // The inspectors' own is made at once.
        let inputs = Inputs {
            merge_target: Some(target.clone()),
            deadline_days: Some((1, 5)),
            ..inspector()
        };
        let made = run(Command::Act(action.clone()), &complaint(), &inputs).unwrap();
        assert_eq!(pending_of(&made), None, "{action:?}");
    }
    // A case naming the leader: an officer's resolution goes to the inspectors.
    let about_the_leader = CaseRecord {
        names_leader: true,
        ..complaint()
    };
    let proposed = run(
        Command::Act(resolution(None)),
        &about_the_leader,
        &officer(),
    )
    .unwrap();
    assert_eq!(pending_of(&proposed), Some(Awaiting::Inspector));
}

#[test]
fn one_proposal_at_a_time_decided_only_by_whom_it_waits_for() {
    let waiting = with_pending(complaint(), resolution(None), Awaiting::Leader);
    assert_eq!(
        run(
            Command::Act(CaseAction::Classify {
                kind: crate::cases::CaseKind::Help
            }),
            &waiting,
            &leader()
        ),
        Err(Refusal::Action(ActionError::ProposalPending))
    );
    let decide = |approve: bool, finding| {
        Command::Act(CaseAction::Decide {
            approve,
            note: "意见".into(),
            finding,
        })
    };
    // Waiting for the leader: the inspectors cannot skip them, an officer cannot.
    assert_eq!(
        run(decide(true, None), &waiting, &officer()),
        Err(Refusal::Action(ActionError::NoProposal))
    );
    // The leader's yes on a case under oversight goes on to the inspectors.
    let forwarded = run(
        decide(true, Some(Finding::Substantiated)),
        &waiting,
        &leader(),
    )
    .unwrap();
    assert_eq!(pending_of(&forwarded), Some(Awaiting::Inspector));
    assert_eq!(forwarded.status(), None);
    // The inspectors' yes makes it, with their finding.
    let at_inspectors = with_pending(complaint(), resolution(None), Awaiting::Inspector);
    assert_eq!(
        run(decide(true, None), &at_inspectors, &inspector()),
        Err(Refusal::Action(ActionError::ChooseFinding))
    );
    let made = run(
        decide(true, Some(Finding::Unsubstantiated)),
        &at_inspectors,
        &inspector(),
    )
    .unwrap();
    assert_eq!(made.status(), Some(CaseStatus::Resolved));
    assert!(made.set.contains(&Set::Pending(None)));
    assert!(
        made.set
            .contains(&Set::Finding(Some(Finding::Unsubstantiated)))
    );
    // A no clears it, and says so in the timeline.
    let returned = run(decide(false, None), &at_inspectors, &inspector()).unwrap();
    assert_eq!(returned.set, vec![Set::Pending(None)]);
    assert_eq!(returned.events[0].kind, EventKind::ProposalReturned);
}

#[test]
fn a_hidden_case_takes_one_objection_which_the_inspectors_decide() {
    let hidden = CaseRecord {
        hidden: true,
        status: CaseStatus::Closed,
        hidden_reason: Some("广告".into()),
        ..case()
    };
    let objected = run(Command::Object, &hidden, &Inputs::default()).unwrap();
    assert_eq!(pending_of(&objected), Some(Awaiting::Inspector));
    assert!(objected.set.contains(&Set::EscalationLevel(2)));
    assert!(objected.events[0].public);
    let twice = CaseRecord {
        objected_at: Some(NOW),
        ..hidden.clone()
    };
    assert_eq!(
        run(Command::Object, &twice, &Inputs::default()),
        Err(Refusal::NotObjectable)
    );
    assert_eq!(
        run(Command::Object, &case(), &Inputs::default()),
        Err(Refusal::NotObjectable)
    );
    let waiting = CaseRecord {
        pending: Some(Pending {
            proposed: Proposed::Restore,
            awaiting: Awaiting::Inspector,
            by: None,
            at: NOW,
        }),
        ..twice
    };
    let restore = Command::Act(CaseAction::Decide {
        approve: true,
        note: "确属真实诉求".into(),
        finding: None,
    });
    let restored = run(restore, &waiting, &inspector()).unwrap();
    assert!(restored.set.contains(&Set::Hidden(false)));
    assert_eq!(restored.status(), Some(CaseStatus::Reopened));
    let keep = Command::Act(CaseAction::Decide {
        approve: false,
        note: "确为广告".into(),
        finding: None,
    });
    let kept = run(keep, &waiting, &inspector()).unwrap();
    assert!(
        kept.events
            .iter()
            .any(|e| e.kind == EventKind::ObjectionRefused && e.public)
    );
}

#[test]
fn a_case_not_taken_up_in_time_is_flagged_once_and_a_placed_one_escalated() {
    let flagged = run(Command::MarkAckOverdue, &case(), &Inputs::default()).unwrap();
    assert!(flagged.set.contains(&Set::AckOverdue(true)));
    assert!(flagged.set.contains(&Set::EscalationLevel(1)));
    let unplaced = CaseRecord {
        station_id: None,
        station_slug: None,
        ..case()
    };
    let flagged = run(Command::MarkAckOverdue, &unplaced, &Inputs::default()).unwrap();
    assert!(
        !flagged
            .set
            .iter()
            .any(|s| matches!(s, Set::EscalationLevel(_)))
    );
    let taken = CaseRecord {
        acknowledged_at: Some(NOW),
        ..case()
    };
    assert_eq!(
        run(Command::MarkAckOverdue, &taken, &Inputs::default()),
        Err(Refusal::Nothing)
    );
}

#[test]
fn reclassifying_into_a_complaint_about_the_officer_it_names_puts_it_under_oversight() {
    let commendation = CaseRecord {
        kind: crate::cases::CaseKind::Commendation,
        named_officer_id: Some(9),
        ..case()
    };
    let inputs = Inputs {
        deadline_days: Some((1, 15)),
        ..leader()
    };
    let change = run(
        Command::Act(CaseAction::Classify {
            kind: crate::cases::CaseKind::Complaint,
        }),
        &commendation,
        &inputs,
    )
    .unwrap();
    assert!(change.set.contains(&Set::Oversight));
}

#[test]
fn a_clerk_cannot_close_a_complaint_any_other_way_either() {
    let clerk = Inputs {
        rights: CaseRights {
            view: true,
            triage: true,
            note: true,
            ..CaseRights::default()
        },
        account_id: Some(20),
        deadline_days: Some((1, 3)),
        merge_target: Some(CaseRecord {
            id: 8,
            reference: Reference::new(2026, 8),
            ..case()
        }),
        ..Inputs::default()
    };
    // A complaint about the station itself: not under oversight, still the leader's.
    let complaint = CaseRecord {
        kind: crate::cases::CaseKind::Complaint,
        ..case()
    };
    for action in [
        CaseAction::Classify {
            kind: crate::cases::CaseKind::Question,
        },
        CaseAction::Hide {
            reason: "无效".into(),
        },
        CaseAction::Merge {
            into: Reference::new(2026, 8),
        },
        CaseAction::Resolve {
            outcome: Outcome::Referred,
            summary: "转市场监管".into(),
            referral: Some(("市场监管局".into(), "12315".into())),
            finding: None,
        },
    ] {
        let change = run(Command::Act(action.clone()), &complaint, &clerk).unwrap();
        assert_eq!(pending_of(&change), Some(Awaiting::Leader), "{action:?}");
    }
}

#[test]
fn nobody_approves_their_own_proposal_and_an_approval_brings_its_own_finding() {
    // A leader who also holds the inspectors' right (two roles on one account).
    let both = Inputs {
        rights: CaseRights {
            approve_as_leader: true,
            approve_as_inspector: true,
            ..leader().rights
        },
        account_id: Some(30),
        ..Inputs::default()
    };
    let waiting = with_pending(complaint(), resolution(None), Awaiting::Inspector);
    let approve = |finding| {
        Command::Act(CaseAction::Decide {
            approve: true,
            note: String::new(),
            finding,
        })
    };
    assert_eq!(
        run(approve(Some(Finding::Partly)), &waiting, &both),
        Err(Refusal::Action(ActionError::NoProposal)),
        "proposed by account 30"
    );
    // The proposer's suggested finding is not taken over unseen.
    let suggested = with_pending(
        complaint(),
        resolution(Some(Finding::Unsubstantiated)),
        Awaiting::Inspector,
    );
    assert_eq!(
        run(approve(None), &suggested, &inspector()),
        Err(Refusal::Action(ActionError::ChooseFinding))
    );
}

#[test]
fn merges_stay_out_of_tips_and_cases_under_oversight_and_the_leaders_complaint_stays_with_the_inspectors()
 {
    for target in [
        CaseRecord {
            id: 8,
            kind: crate::cases::CaseKind::Tip,
            ..case()
        },
        CaseRecord {
            id: 8,
            ..complaint()
        },
    ] {
        let inputs = Inputs {
            merge_target: Some(target),
            ..leader()
        };
        assert_eq!(
            run(
                Command::Act(CaseAction::Merge {
                    into: Reference::new(2026, 8)
                }),
                &case(),
                &inputs
            ),
            Err(Refusal::Action(ActionError::MergeTarget))
        );
    }
    let about_the_leader = CaseRecord {
        names_leader: true,
        ..complaint()
    };
    let inputs = Inputs {
        assignee: Some(Assignee {
            station_id: 1,
            officer_id: Some(31),
            office_id: None,
        }),
        ..inspector()
    };
    assert_eq!(
        run(
            Command::Act(CaseAction::Assign { account_id: 31 }),
            &about_the_leader,
            &inputs
        ),
        Err(Refusal::Action(ActionError::NotAssignable))
    );
}

#[test]
fn resolving_directly_clears_a_proposal_left_waiting() {
    let waiting = with_pending(complaint(), resolution(None), Awaiting::Leader);
    let change = run(
        Command::Act(resolution(Some(Finding::Substantiated))),
        &waiting,
        &inspector(),
    )
    .unwrap();
    assert_eq!(change.status(), Some(CaseStatus::Resolved));
    assert!(change.set.contains(&Set::Pending(None)));
}

#[test]
fn a_bad_rating_review_keeps_its_kind_and_nothing_becomes_one() {
    use crate::cases::CaseKind;
    let review = CaseRecord {
        kind: CaseKind::RatingReview,
        ..case()
    };
    let inputs = Inputs {
        deadline_days: Some((1, 15)),
        ..leader()
    };
    let to_help = Command::Act(CaseAction::Classify {
        kind: CaseKind::Help,
    });
    assert_eq!(
        run(to_help, &review, &inputs),
        Err(Refusal::Action(ActionError::ReviewKindFixed)),
        "out of 差评整改率's denominator without a trace"
    );
    let to_review = Command::Act(CaseAction::Classify {
        kind: CaseKind::RatingReview,
    });
    assert_eq!(
        run(to_review, &case(), &inputs),
        Err(Refusal::Action(ActionError::ReviewKindFixed))
    );
}
