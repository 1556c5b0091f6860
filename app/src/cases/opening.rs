//! Opening a case, the pipeline's first command: what a new case is (deadlines in
//! working days, oversight, its first timeline entry, its audit line), decided pure as
//! every other command is; the persist step writes it with the monthly counts.

use super::change::{Audited, NewEvent};
use super::proposal::Channel;
use super::{AccessCode, CaseKind, EventKind, Reference};
use crate::calendar::{WorkCalendar, local_date};

/// A case to open, inside the caller's transaction.
pub struct NewCase<'a> {
    pub kind: CaseKind,
    pub channel: Channel,
    pub station_id: Option<i64>,
    pub named_officer_id: Option<i64>,
    pub rating_id: Option<i64>,
    pub subject: &'a str,
    pub description: &'a str,
    pub place: &'a str,
    pub contact: Contact<'a>,
    pub anonymous: bool,
    /// A commendation the resident agreed to publish with the officer's name.
    pub publish_consent: bool,
    pub lang: &'a str,
    pub access_code: &'a AccessCode,
    /// The form token: a repeat of the same submission finds this case.
    pub idempotency_key: Option<&'a str>,
}

/// How to reach the resident, each part optional.
#[derive(Clone, Copy, Debug, Default)]
pub struct Contact<'a> {
    pub name: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
}

/// Who opens a case: the resident (online, through Open311, by a bad rating) or a
/// staff member (a visit opinion turned into a case), whose opening is audited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opener {
    Resident,
    Staff,
}

/// What opening a case sets besides what the resident gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opening {
    /// Taken up (assigned or answered) by then.
    pub ack_due_on: time::Date,
    /// Resolved by then.
    pub due_on: time::Date,
    /// A complaint about an officer, or the review of a bad rating of one, stays under
    /// the inspectors' oversight until it is closed.
    pub oversight: bool,
    pub events: Vec<NewEvent>,
    pub audit: Option<Audited>,
}

/// Working days to the first answer and to the resolution, for the case's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeadlineDays {
    pub ack: u32,
    pub resolve: u32,
}

/// What the database gave the opened case.
pub struct OpenedCase {
    pub id: i64,
    pub reference: Reference,
    pub due_on: time::Date,
}

/// Decides a new case's deadlines, oversight, first entry and audit line.
pub fn decide_opening(
    case: &NewCase<'_>,
    opener: Opener,
    days: DeadlineDays,
    calendar: &WorkCalendar,
    now: i64,
) -> Opening {
    let today = local_date(now);
    Opening {
        ack_due_on: calendar.add_working_days(today, days.ack),
        due_on: calendar.add_working_days(today, days.resolve),
        oversight: case.named_officer_id.is_some() && case.kind.accuses(),
        events: vec![NewEvent::public(EventKind::Opened, "").by_system()],
        audit: match opener {
            Opener::Resident => None,
            Opener::Staff => Some(Audited {
                action: match case.channel {
                    Channel::Visit => "opinion_to_case",
                    Channel::Web | Channel::Rating => "open_case",
                },
                detail: case.kind.code().to_string(),
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// Friday 2026-11-27, 10:00 in Beijing.
    const FRIDAY: i64 = 1_795_744_800_000;

    fn case(kind: CaseKind, named_officer_id: Option<i64>, code: &AccessCode) -> NewCase<'_> {
        NewCase {
            kind,
            channel: Channel::Web,
            station_id: Some(1),
            named_officer_id,
            rating_id: None,
            subject: "",
            description: "",
            place: "",
            contact: Contact::default(),
            anonymous: false,
            publish_consent: false,
            lang: "zh",
            access_code: code,
            idempotency_key: None,
        }
    }

    fn open(case: &NewCase<'_>, opener: Opener) -> Opening {
        let days = DeadlineDays { ack: 1, resolve: 5 };
        decide_opening(case, opener, days, &WorkCalendar::default(), FRIDAY)
    }

    #[test]
    fn deadlines_are_counted_in_working_days_from_the_day_it_is_filed() {
        let code = AccessCode::generate();
        let opening = open(&case(CaseKind::Help, None, &code), Opener::Resident);
        assert_eq!(
            opening.ack_due_on,
            date!(2026 - 11 - 30),
            "Friday + 1 is Monday"
        );
        assert_eq!(opening.due_on, date!(2026 - 12 - 04));
    }

    #[test]
    fn only_a_complaint_or_review_naming_an_officer_starts_under_oversight() {
        let code = AccessCode::generate();
        for kind in CaseKind::ALL {
            for named in [None, Some(7)] {
                let opening = open(&case(*kind, named, &code), Opener::Resident);
                let expected =
                    named.is_some() && matches!(kind, CaseKind::Complaint | CaseKind::RatingReview);
                assert_eq!(opening.oversight, expected, "{kind:?} naming {named:?}");
            }
        }
    }

    #[test]
    fn every_case_opens_with_one_public_entry_and_staff_openings_are_audited() {
        let code = AccessCode::generate();
        let resident = open(&case(CaseKind::Complaint, Some(7), &code), Opener::Resident);
        assert_eq!(resident.events.len(), 1);
        assert!(resident.events[0].public);
        assert_eq!(resident.events[0].kind, EventKind::Opened);
        assert_eq!(
            resident.audit, None,
            "a resident's filing is not a staff action"
        );

        let visit = NewCase {
            channel: Channel::Visit,
            ..case(CaseKind::Suggestion, None, &code)
        };
        let audited = open(&visit, Opener::Staff).audit.expect("audited");
        assert_eq!(audited.action, "opinion_to_case");
        assert_eq!(audited.detail, "suggestion");
    }
}
