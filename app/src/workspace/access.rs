//! Who may see and do what with a case. One pure function over the staff member's roles
//! and the case's facts decides it for every list, page and action, so the rules live
//! in one place and are tested here; everything not granted below is denied.
//!
//! - The officer a case names never sees it, whatever roles they hold (conflict rule).
//! - The station's leader sees and handles all of its cases, tips included, and decides
//!   extension requests.
//! - The station's clerk triages its cases, except tips and complaints about an officer,
//!   which go straight to the leader.
//! - The assigned officer works the case (reply, resolve, extension request) and may see
//!   the resident's contact details; so may the leader, and nobody else.
//! - Inspectors see complaints about officers and cases escalated to them, across
//!   stations, and may leave internal notes; tips are not theirs.
//! - Admins configure the bureau; they do not read cases.
//!
//! A case that named no station waits in the bureau's triage, which every station's clerk
//! and leader share; assigning it moves it to the assignee's station.

use crate::accounts::Role;
use crate::cases::CaseKind;
use crate::staff::StaffMember;
use serde::{Deserialize, Serialize};

/// What the rules need to know about a case.
#[derive(Clone, Copy, Debug)]
pub struct CaseFacts<'a> {
    /// The station's slug; `None` while the case waits in the bureau's triage.
    pub station: Option<&'a str>,
    pub kind: CaseKind,
    pub named_officer_id: Option<i64>,
    pub assignee_account_id: Option<i64>,
    pub escalation_level: i64,
}

impl CaseFacts<'_> {
    /// A complaint (or a bad rating) about a named officer.
    pub fn about_an_officer(&self) -> bool {
        self.named_officer_id.is_some()
            && matches!(self.kind, CaseKind::Complaint | CaseKind::RatingReview)
    }
}

/// What a staff member may do with one case.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRights {
    pub view: bool,
    /// Classify, assign, merge, refer, hide as spam.
    pub triage: bool,
    /// Public reply, resolve, request an extension.
    pub work: bool,
    /// Internal notes.
    pub note: bool,
    /// Approve or refuse an extension request.
    pub decide_extension: bool,
    /// See the resident's name, phone and email (each time recorded in the audit log).
    pub unmask_contact: bool,
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
        }
    }
}

/// The rights of `member` on the case described by `facts`.
pub fn case_rights(member: &StaffMember, facts: &CaseFacts<'_>) -> CaseRights {
    if !member.fully_signed_in() {
        return CaseRights::default();
    }
    if facts.named_officer_id.is_some() && member.officer_id == facts.named_officer_id {
        return CaseRights::default();
    }
    let mut rights = CaseRights::default();
    // Station roles; a case in the bureau's triage belongs to every station's intake.
    let at_station = |role: Role| match facts.station {
        Some(station) => member.holds(role, Some(station)),
        None => member.holds_anywhere(role),
    };
    if at_station(Role::Leader) {
        rights = rights.or(CaseRights {
            view: true,
            triage: true,
            work: true,
            note: true,
            decide_extension: true,
            unmask_contact: true,
        });
    }
    if at_station(Role::Clerk) && facts.kind != CaseKind::Tip && !facts.about_an_officer() {
        rights = rights.or(CaseRights {
            view: true,
            triage: true,
            note: true,
            ..CaseRights::default()
        });
    }
    if facts.assignee_account_id == Some(member.account_id) {
        rights = rights.or(CaseRights {
            view: true,
            work: true,
            note: true,
            unmask_contact: true,
            ..CaseRights::default()
        });
    }
    if member.holds_anywhere(Role::Inspector)
        && facts.kind != CaseKind::Tip
        && (facts.about_an_officer() || facts.escalation_level >= 2)
    {
        rights = rights.or(CaseRights {
            view: true,
            note: true,
            ..CaseRights::default()
        });
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
        }
    }

    const NOTHING: CaseRights = CaseRights {
        view: false,
        triage: false,
        work: false,
        note: false,
        decide_extension: false,
        unmask_contact: false,
    };

    #[test]
    fn the_leader_handles_everything_at_their_station_only() {
        let leader = member(1, None, &[(Role::Leader, Some("qishan"))]);
        let rights = case_rights(&leader, &facts(CaseKind::Tip));
        assert!(rights.view && rights.triage && rights.work && rights.decide_extension);
        assert!(rights.unmask_contact);
        let elsewhere = CaseFacts {
            station: Some("yuewang"),
            ..facts(CaseKind::Help)
        };
        assert_eq!(case_rights(&leader, &elsewhere), NOTHING);
    }

    #[test]
    fn the_clerk_triages_but_never_sees_tips_or_complaints_about_officers() {
        let clerk = member(2, None, &[(Role::Clerk, Some("qishan"))]);
        let help = case_rights(&clerk, &facts(CaseKind::Help));
        assert!(help.view && help.triage && help.note);
        assert!(!help.work && !help.unmask_contact && !help.decide_extension);
        assert_eq!(case_rights(&clerk, &facts(CaseKind::Tip)), NOTHING);
        let complaint = CaseFacts {
            named_officer_id: Some(77),
            ..facts(CaseKind::Complaint)
        };
        assert_eq!(case_rights(&clerk, &complaint), NOTHING);
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
        assert!(!rights.triage && !rights.decide_extension);
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
            ..facts(CaseKind::Complaint)
        };
        assert_eq!(case_rights(&named, &about_them), NOTHING);
        assert!(!may_be_assigned(&about_them, Some(40)));
        assert!(may_be_assigned(&about_them, Some(41)));
        assert!(may_be_assigned(&facts(CaseKind::Help), Some(40)));
    }

    #[test]
    fn inspectors_see_complaints_about_officers_and_escalations_but_not_tips() {
        let inspector = member(5, None, &[(Role::Inspector, None)]);
        assert_eq!(case_rights(&inspector, &facts(CaseKind::Help)), NOTHING);
        let complaint = CaseFacts {
            station: Some("dadongmen"),
            named_officer_id: Some(9),
            ..facts(CaseKind::Complaint)
        };
        let rights = case_rights(&inspector, &complaint);
        assert!(rights.view && rights.note && !rights.work && !rights.unmask_contact);
        let escalated = CaseFacts {
            escalation_level: 2,
            ..facts(CaseKind::Help)
        };
        assert!(case_rights(&inspector, &escalated).view);
        let tip = CaseFacts {
            named_officer_id: Some(9),
            escalation_level: 2,
            ..facts(CaseKind::Tip)
        };
        assert_eq!(case_rights(&inspector, &tip), NOTHING);
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
    fn the_bureau_triage_is_shared_by_every_station_intake() {
        let clerk = member(8, None, &[(Role::Clerk, Some("yuewang"))]);
        let unplaced = CaseFacts {
            station: None,
            ..facts(CaseKind::Question)
        };
        assert!(case_rights(&clerk, &unplaced).triage);
        let officer = member(9, Some(90), &[(Role::Officer, Some("yuewang"))]);
        assert_eq!(case_rights(&officer, &unplaced), NOTHING);
    }
}
