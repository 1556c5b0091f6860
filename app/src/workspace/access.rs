//! Who may see and do what with a case. One pure function over the staff member's roles
//! and the case's facts decides it for every list, page and action, so the rules live
//! in one place and are tested here; everything not granted below is denied.
//!
//! - The officer a case names never sees it, whatever roles they hold (conflict rule).
//! - A case filed without a station belongs to bureau intake until it is placed; station
//!   staff do not see it. Bureau intake never sees contact details.
//! - The station's leader sees and handles all of its cases, tips included, decides
//!   extension requests and approves the closing of complaints and 差评核实, unless the
//!   case names the leader: then the inspectors alone handle it.
//! - The station's clerk triages its cases, except tips and cases under oversight.
//! - The assigned officer works the case (reply, resolve, extension request).
//! - Cases under oversight (a complaint about an officer, the review of a bad rating of
//!   an officer) stay with the inspectors until closed: they may assign, answer,
//!   resolve and approve them, and they decide their extensions. Inspectors also see
//!   cases escalated to them and every case closed as not genuine (deciding objections to
//!   it), and may leave notes; an ordinary tip is not theirs.
//! - Contact details are shown, audited, to the assigned officer; for a case that names
//!   an officer, only to the leader and the inspectors.
//! - Admins configure the bureau; they do not read cases.

use crate::accounts::Role;
use crate::cases::CaseKind;
use crate::staff::StaffMember;
use serde::{Deserialize, Serialize};

/// What the rules need to know about a case.
#[derive(Clone, Copy, Debug)]
pub struct CaseFacts<'a> {
    /// The station's slug; `None` while the case waits for bureau intake to place it.
    pub station: Option<&'a str>,
    pub kind: CaseKind,
    pub named_officer_id: Option<i64>,
    pub assignee_account_id: Option<i64>,
    pub escalation_level: i64,
    /// Under the inspectors' oversight until closed.
    pub oversight: bool,
    /// The officer it names leads the case's station.
    pub names_leader: bool,
    pub hidden: bool,
}

impl CaseFacts<'_> {
    /// A complaint (or a bad rating) about a named officer.
    pub fn about_an_officer(&self) -> bool {
        self.named_officer_id.is_some() && self.kind.accuses()
    }
}

/// What a staff member may do with one case.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRights {
    pub view: bool,
    /// Classify, assign, place, merge, refer, hide.
    pub triage: bool,
    /// Public reply, resolve, request an extension.
    pub work: bool,
    /// Internal notes.
    pub note: bool,
    /// Approve or refuse an extension request.
    pub decide_extension: bool,
    /// See the resident's phone and email (each time, with a reason, in the audit log).
    pub unmask_contact: bool,
    /// Decide what waits for the station leader's approval.
    pub approve_as_leader: bool,
    /// Decide what waits for the inspectors' approval.
    pub approve_as_inspector: bool,
}

impl CaseRights {
    fn or(self, other: CaseRights) -> CaseRights {
        CaseRights {
            view: self.view || other.view,
            triage: self.triage || other.triage,
            work: self.work || other.work,
            note: self.note || other.note,
            decide_extension: self.decide_extension || other.decide_extension,
            unmask_contact: self.unmask_contact || other.unmask_contact,
            approve_as_leader: self.approve_as_leader || other.approve_as_leader,
            approve_as_inspector: self.approve_as_inspector || other.approve_as_inspector,
        }
    }
}

const HANDLE: CaseRights = CaseRights {
    view: true,
    triage: true,
    work: true,
    note: true,
    decide_extension: true,
    unmask_contact: false,
    approve_as_leader: false,
    approve_as_inspector: false,
};

const SEE_AND_NOTE: CaseRights = CaseRights {
    view: true,
    triage: false,
    work: false,
    note: true,
    decide_extension: false,
    unmask_contact: false,
    approve_as_leader: false,
    approve_as_inspector: false,
};

/// The rights of `member` on the case described by `facts`.
pub fn case_rights(member: &StaffMember, facts: &CaseFacts<'_>) -> CaseRights {
    if !member.fully_signed_in() {
        return CaseRights::default();
    }
    if facts.named_officer_id.is_some() && member.officer_id == facts.named_officer_id {
        return CaseRights::default();
    }
    let names_an_officer = facts.named_officer_id.is_some();
    let mut rights = CaseRights::default();
    match facts.station {
        // Unplaced: bureau intake's to place; nobody at a station sees it yet.
        None => {
            if member.holds_anywhere(Role::Intake) {
                rights = rights.or(CaseRights {
                    work: false,
                    decide_extension: false,
                    ..HANDLE
                });
            }
        }
        Some(station) if !facts.names_leader => {
            if member.holds(Role::Leader, Some(station)) {
                rights = rights.or(CaseRights {
                    unmask_contact: names_an_officer,
                    approve_as_leader: true,
                    // Under oversight the inspectors decide extensions: a leader could
                    // otherwise stall a complaint with extension after extension.
                    decide_extension: !facts.oversight,
                    ..HANDLE
                });
            }
            if member.holds(Role::Clerk, Some(station))
                && facts.kind != CaseKind::Tip
                && !facts.oversight
                && !facts.about_an_officer()
            {
                rights = rights.or(CaseRights {
                    triage: true,
                    ..SEE_AND_NOTE
                });
            }
        }
        // It names the station's leader: the station's staff are out of it.
        Some(_) => {}
    }
    if facts.assignee_account_id == Some(member.account_id) {
        rights = rights.or(CaseRights {
            view: true,
            work: true,
            note: true,
            unmask_contact: !names_an_officer,
            ..CaseRights::default()
        });
    }
    if member.holds_anywhere(Role::Inspector) {
        if facts.oversight || facts.names_leader {
            rights = rights.or(CaseRights {
                unmask_contact: names_an_officer,
                approve_as_inspector: true,
                ..HANDLE
            });
        } else if facts.hidden {
            // Every case closed as not genuine, and the residents' objections to it.
            rights = rights.or(CaseRights {
                approve_as_inspector: true,
                ..SEE_AND_NOTE
            });
        } else if facts.escalation_level >= 2 {
            rights = rights.or(SEE_AND_NOTE);
        }
        // An ordinary tip (not hidden, not escalated, no officer's conduct in question)
        // is its station's alone: the branches above do not reach it.
    }
    rights
}

/// Whether `officer` (an account holding the officer role at the case's station, checked
/// by the caller) may be assigned the case: never the officer it names.
pub fn may_be_assigned(facts: &CaseFacts<'_>, officer_id: Option<i64>) -> bool {
    facts.named_officer_id.is_none() || facts.named_officer_id != officer_id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::{RoleGrant, SecondFactor};

    fn member(
        account_id: i64,
        officer_id: Option<i64>,
        roles: &[(Role, Option<&str>)],
    ) -> StaffMember {
        StaffMember {
            account_id,
            username: format!("user{account_id}"),
            display_name: String::new(),
            officer_id,
            roles: roles
                .iter()
                .map(|(role, station)| RoleGrant {
                    role: *role,
                    station: station.map(str::to_string),
                })
                .collect(),
            second_factor: SecondFactor::Done,
        }
    }

    fn facts(kind: CaseKind) -> CaseFacts<'static> {
        CaseFacts {
            station: Some("qishan"),
            kind,
            named_officer_id: None,
            assignee_account_id: None,
            escalation_level: 0,
            oversight: false,
            names_leader: false,
            hidden: false,
        }
    }

    /// A complaint about officer 9 of qishan, under oversight.
    fn complaint() -> CaseFacts<'static> {
        CaseFacts {
            named_officer_id: Some(9),
            oversight: true,
            ..facts(CaseKind::Complaint)
        }
    }

    const NOTHING: CaseRights = CaseRights {
        view: false,
        triage: false,
        work: false,
        note: false,
        decide_extension: false,
        unmask_contact: false,
        approve_as_leader: false,
        approve_as_inspector: false,
    };

    #[test]
    fn the_leader_handles_everything_at_their_station_only() {
        let leader = member(1, Some(10), &[(Role::Leader, Some("qishan"))]);
        let rights = case_rights(&leader, &facts(CaseKind::Tip));
        assert!(rights.view && rights.triage && rights.work && rights.decide_extension);
        assert!(rights.approve_as_leader && !rights.approve_as_inspector);
        // Contact details are the assigned officer's to use, not the leader's.
        assert!(!rights.unmask_contact);
        let elsewhere = CaseFacts {
            station: Some("yuewang"),
            ..facts(CaseKind::Help)
        };
        assert_eq!(case_rights(&leader, &elsewhere), NOTHING);
    }

    #[test]
    fn the_clerk_triages_but_never_sees_tips_or_cases_under_oversight() {
        let clerk = member(2, None, &[(Role::Clerk, Some("qishan"))]);
        let help = case_rights(&clerk, &facts(CaseKind::Help));
        assert!(help.view && help.triage && help.note);
        assert!(!help.work && !help.unmask_contact && !help.decide_extension);
        assert_eq!(case_rights(&clerk, &facts(CaseKind::Tip)), NOTHING);
        assert_eq!(case_rights(&clerk, &complaint()), NOTHING);
        // Reclassified as a request for help, it is still under oversight.
        let reclassified = CaseFacts {
            kind: CaseKind::Help,
            ..complaint()
        };
        assert_eq!(case_rights(&clerk, &reclassified), NOTHING);
        // A complaint about the station itself is the clerk's to triage.
        assert!(case_rights(&clerk, &facts(CaseKind::Complaint)).triage);
    }

    #[test]
    fn an_officer_sees_only_what_is_assigned_to_them() {
        let officer = member(3, Some(30), &[(Role::Officer, Some("qishan"))]);
        assert_eq!(case_rights(&officer, &facts(CaseKind::Help)), NOTHING);
        let assigned = CaseFacts {
            assignee_account_id: Some(3),
            ..facts(CaseKind::Tip)
        };
        let rights = case_rights(&officer, &assigned);
        assert!(rights.view && rights.work && rights.note && rights.unmask_contact);
        assert!(!rights.triage && !rights.decide_extension && !rights.approve_as_leader);
    }

    #[test]
    fn the_named_officer_sees_nothing_even_as_leader_or_assignee() {
        let named = member(
            4,
            Some(40),
            &[
                (Role::Officer, Some("qishan")),
                (Role::Leader, Some("qishan")),
            ],
        );
        let about_them = CaseFacts {
            named_officer_id: Some(40),
            assignee_account_id: Some(4),
            ..complaint()
        };
        assert_eq!(case_rights(&named, &about_them), NOTHING);
        assert!(!may_be_assigned(&about_them, Some(40)));
        assert!(may_be_assigned(&about_them, Some(41)));
        assert!(may_be_assigned(&facts(CaseKind::Help), Some(40)));
    }

    #[test]
    fn inspectors_handle_cases_under_oversight_and_see_escalations_and_hidden_cases() {
        let inspector = member(5, None, &[(Role::Inspector, None)]);
        assert_eq!(case_rights(&inspector, &facts(CaseKind::Help)), NOTHING);
        let rights = case_rights(&inspector, &complaint());
        assert!(rights.view && rights.triage && rights.work && rights.note);
        assert!(rights.approve_as_inspector && rights.unmask_contact && rights.decide_extension);
        // Under oversight the leader works the case but the inspectors decide extensions.
        let leader = member(1, Some(10), &[(Role::Leader, Some("qishan"))]);
        let rights = case_rights(&leader, &complaint());
        assert!(rights.work && !rights.decide_extension);
        let escalated = CaseFacts {
            escalation_level: 2,
            ..facts(CaseKind::Help)
        };
        assert_eq!(case_rights(&inspector, &escalated), SEE_AND_NOTE);
        let hidden = CaseFacts {
            hidden: true,
            ..facts(CaseKind::Question)
        };
        let rights = case_rights(&inspector, &hidden);
        assert!(rights.view && rights.note && rights.approve_as_inspector);
        assert!(!rights.triage && !rights.work && !rights.unmask_contact);
        // An ordinary tip is its station's alone; a complaint reclassified as one stays
        // with the inspectors; a hidden tip's objection reaches them.
        assert_eq!(case_rights(&inspector, &facts(CaseKind::Tip)), NOTHING);
        let reclassified = CaseFacts {
            kind: CaseKind::Tip,
            ..complaint()
        };
        assert!(case_rights(&inspector, &reclassified).approve_as_inspector);
        let hidden_tip = CaseFacts {
            hidden: true,
            ..facts(CaseKind::Tip)
        };
        assert!(case_rights(&inspector, &hidden_tip).approve_as_inspector);
    }

    #[test]
    fn a_case_naming_the_leader_is_for_the_inspectors_alone() {
        let leader = member(1, Some(10), &[(Role::Leader, Some("qishan"))]);
        let clerk = member(2, None, &[(Role::Clerk, Some("qishan"))]);
        let inspector = member(5, None, &[(Role::Inspector, None)]);
        let about_the_leader = CaseFacts {
            named_officer_id: Some(11),
            names_leader: true,
            ..complaint()
        };
        assert_eq!(case_rights(&leader, &about_the_leader), NOTHING);
        assert_eq!(case_rights(&clerk, &about_the_leader), NOTHING);
        assert!(case_rights(&inspector, &about_the_leader).approve_as_inspector);
    }

    #[test]
    fn contact_details_go_to_the_assignee_or_for_a_named_officer_to_leader_and_inspector() {
        let leader = member(1, Some(10), &[(Role::Leader, Some("qishan"))]);
        let officer = member(3, Some(30), &[(Role::Officer, Some("qishan"))]);
        let inspector = member(5, None, &[(Role::Inspector, None)]);
        let assigned_complaint = CaseFacts {
            assignee_account_id: Some(3),
            ..complaint()
        };
        assert!(!case_rights(&officer, &assigned_complaint).unmask_contact);
        assert!(case_rights(&leader, &assigned_complaint).unmask_contact);
        assert!(case_rights(&inspector, &assigned_complaint).unmask_contact);
        let assigned_help = CaseFacts {
            assignee_account_id: Some(3),
            ..facts(CaseKind::Help)
        };
        assert!(case_rights(&officer, &assigned_help).unmask_contact);
        assert!(!case_rights(&leader, &assigned_help).unmask_contact);
    }

    #[test]
    fn admins_and_half_signed_in_members_see_no_cases() {
        let admin = member(6, None, &[(Role::Admin, None)]);
        assert_eq!(case_rights(&admin, &facts(CaseKind::Help)), NOTHING);
        let mut leader = member(7, None, &[(Role::Leader, Some("qishan"))]);
        leader.second_factor = SecondFactor::CodeNeeded;
        assert_eq!(case_rights(&leader, &facts(CaseKind::Help)), NOTHING);
    }

    #[test]
    fn unplaced_cases_are_bureau_intakes_alone_without_contact_details() {
        let unplaced = |kind| CaseFacts {
            station: None,
            ..facts(kind)
        };
        let intake = member(8, None, &[(Role::Intake, None)]);
        let rights = case_rights(&intake, &unplaced(CaseKind::Tip));
        assert!(rights.view && rights.triage && rights.note);
        assert!(!rights.work && !rights.unmask_contact);
        for station_role in [Role::Leader, Role::Clerk, Role::Officer] {
            let staff = member(9, Some(90), &[(station_role, Some("yuewang"))]);
            assert_eq!(case_rights(&staff, &unplaced(CaseKind::Question)), NOTHING);
            assert_eq!(case_rights(&staff, &unplaced(CaseKind::Tip)), NOTHING);
        }
        // Placed, it is the station's, and no longer intake's.
        assert_eq!(case_rights(&intake, &facts(CaseKind::Tip)), NOTHING);
    }
}
