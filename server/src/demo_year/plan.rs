//! The year's steps: what happens when, planned ahead from the calendar, queued in time
//! order; a step played may queue what follows from it.

use super::*;

/// Something that happens at a moment of the year.
pub(super) enum Step {
    /// A resident rates an officer or a station from its QR code (unverified).
    QrRating {
        station: usize,
        officer: Option<usize>,
    },
    /// An officer shows a code on the phone after serving someone (`None`: the station's
    /// counter tablet shows it); `redeemed`: minutes until the resident rates with it, if
    /// they do.
    ShowCode {
        station: usize,
        officer: Option<usize>,
        service: ServiceType,
        redeemed: Option<i64>,
    },
    /// The resident types the code they were given.
    Redeem { station: usize, code: ServiceCode },
    /// The clerk prints a sheet of slips for the household-registration window.
    PrintSlips { station: usize },
    /// A community officer logs a household visit.
    Visit { station: usize, officer: usize },
    /// A resident files a request.
    File { station: usize, kind: CaseKind },
    /// The next stage of a case.
    Case(Box<CaseStep>),
    /// The deadline clock. The server runs it every minute, but its rules go by the date
    /// (due on a day, overdue the next), so a round just after midnight marks what
    /// every minute's would.
    Clock,
    /// The fraud signals job. The server runs it every 10 minutes; once a night reads
    /// the same ratings a little later.
    Signals,
    /// The leader starts the station's campaign.
    Campaign { station: usize },
    /// Someone rates one officer again and again from one network (a fraud signal).
    Burst {
        station: usize,
        officer: usize,
        source: String,
        left: u32,
    },
    /// An inspector reviews the month's open signals, on the 4th before it is published.
    Review { month: Month },
    /// The station's leader publishes the month.
    Publish { month: Month, station: usize },
}

pub(super) struct CaseStep {
    pub(super) reference: Reference,
    pub(super) station: usize,
    pub(super) kind: CaseKind,
    /// The officer the case names (a complaint's, a 差评's), by index at its station.
    pub(super) named: Option<usize>,
    /// Which of its kind's texts (texts.rs) the resident wrote: the replies and the
    /// resolution answer that one.
    pub(super) text: usize,
    pub(super) stage: Stage,
}

#[derive(Clone, Copy)]
pub(super) enum Stage {
    /// Bureau intake sends a case filed without a station to the one it belongs to.
    Place,
    Assign,
    /// The assignee (an officer of the station by index; `None`: the inspectors, whose
    /// own work a case naming the station's leader is) answers, resolves, is answered.
    Reply {
        assignee: Option<usize>,
    },
    Resolve {
        assignee: Option<usize>,
        round: u8,
    },
    /// Whoever must approve the resolution (the leader, then perhaps the inspectors)
    /// does, with the finding proposed; once nothing waits, the resident may answer.
    Approve {
        assignee: Option<usize>,
        round: u8,
        finding: Option<Finding>,
    },
    Answer {
        assignee: Option<usize>,
        round: u8,
    },
}

pub(super) struct Queue {
    pub(super) heap: BinaryHeap<Reverse<(i64, u64)>>,
    pub(super) steps: std::collections::HashMap<u64, Step>,
    pub(super) next: u64,
}

impl Queue {
    pub(super) fn push(&mut self, at: i64, step: Step) {
        self.next += 1;
        self.heap.push(Reverse((at, self.next)));
        self.steps.insert(self.next, step);
    }

    pub(super) fn pop(&mut self) -> Option<(i64, Step)> {
        let Reverse((at, n)) = self.heap.pop()?;
        Some((at, self.steps.remove(&n).expect("queued step")))
    }
}

pub(super) fn plan(
    queue: &mut Queue,
    rng: &mut StdRng,
    people: &People,
    calendar: &WorkCalendar,
    first: Month,
    this_month: Month,
    now: i64,
) {
    let mut month = first;
    let mut index = 0;
    loop {
        let month_start = month.start_millis();
        let days = (month.end_millis() - month_start) / DAY;
        for (s, station) in people.stations.iter().enumerate() {
            for day in 0..days {
                let day_start = month_start + day * DAY;
                let closed = !calendar.is_working_day(local_date(day_start + 12 * HOUR));
                // Residents rate from the QR codes on the wall and on the officers' cards.
                for _ in 0..rng.random_range(0..=3) {
                    let officer = rng
                        .random_bool(0.8)
                        .then(|| rng.random_range(0..station.officers.len()));
                    let at = day_start + 8 * HOUR + rng.random_range(0..(13 * HOUR));
                    queue.push(
                        at,
                        Step::QrRating {
                            station: s,
                            officer,
                        },
                    );
                }
                // Weekends and holidays: only the QR codes on the wall.
                if closed {
                    continue;
                }
                // Officers show a code after serving someone; most are used.
                for _ in 0..rng.random_range(1..=2) {
                    let mut officer = Some(rng.random_range(0..station.officers.len()));
                    let service = match station.officers[officer.unwrap_or(0)].duty.as_str() {
                        // Half the window's codes come from the counter tablet.
                        "window" if rng.random_bool(0.5) => {
                            officer = None;
                            ServiceType::Counter
                        }
                        "window" => ServiceType::Household,
                        "community" => ServiceType::Other,
                        _ => [
                            ServiceType::Emergency,
                            ServiceType::CaseFiling,
                            ServiceType::Patrol,
                        ][rng.random_range(0..3)],
                    };
                    let redeemed = rng.random_bool(0.75).then(|| rng.random_range(3..120));
                    queue.push(
                        working_hours(rng, day_start),
                        Step::ShowCode {
                            station: s,
                            officer,
                            service,
                            redeemed,
                        },
                    );
                }
                // Community officers visit a household or two a week; everyone in a campaign.
                for (o, officer) in station.officers.iter().enumerate() {
                    let campaign = (3..5).contains(&index);
                    let chance = match (officer.duty.as_str(), campaign) {
                        ("community", _) => 0.3,
                        (_, true) => 0.25,
                        _ => 0.0,
                    };
                    if chance > 0.0 && rng.random_bool(chance) {
                        queue.push(
                            working_hours(rng, day_start),
                            Step::Visit {
                                station: s,
                                officer: o,
                            },
                        );
                    }
                }
                // About ten requests a month, of every kind.
                if rng.random_bool(0.5) {
                    let kind = match rng.random_range(0..20) {
                        0..4 => CaseKind::Help,
                        4..6 => CaseKind::Complaint,
                        6..10 => CaseKind::Suggestion,
                        10..15 => CaseKind::Question,
                        15..18 => CaseKind::Commendation,
                        _ => CaseKind::Tip,
                    };
                    queue.push(
                        day_start + 7 * HOUR + rng.random_range(0..(15 * HOUR)),
                        Step::File { station: s, kind },
                    );
                }
            }
            // The household window's sheet of printed slips, on the month's first working day.
            let first_working = (0..days)
                .map(|d| month_start + d * DAY)
                .find(|at| calendar.is_working_day(local_date(at + 12 * HOUR)))
                .unwrap_or(month_start);
            queue.push(first_working + 9 * HOUR, Step::PrintSlips { station: s });
        }
        // The clock and the signals job, every night.
        for day in 0..days {
            queue.push(month_start + day * DAY + 5 * MINUTE, Step::Clock);
            queue.push(month_start + day * DAY + 10 * MINUTE, Step::Signals);
        }
        if month != this_month {
            // Reviewed and published on the 4th, once the signals job has read the month
            // whole (the 2nd): each station at its own time in the morning.
            let fourth = month.next().start_millis() + 3 * DAY;
            queue.push(fourth + 9 * HOUR, Step::Review { month });
            for s in 0..people.stations.len() {
                let at = fourth + 10 * HOUR + s as i64 * 20 * MINUTE;
                queue.push(at, Step::Publish { month, station: s });
            }
        }
        if index == 3 {
            for s in 0..people.stations.len() {
                queue.push(
                    month_start - 5 * DAY + 10 * HOUR,
                    Step::Campaign { station: s },
                );
            }
        }
        if month == this_month {
            break;
        }
        month = month.next();
        index += 1;
    }
    // Two bursts of 好评 for one officer from one network: one two months ago (the
    // inspector excluded it before publishing), one this month (still to review).
    let burst_at = |month: Month| month.start_millis() + DAY + 20 * HOUR;
    let two_ago = this_month.previous().previous();
    queue.push(
        burst_at(two_ago),
        Step::Burst {
            station: 1,
            officer: 2,
            source: "burst-past".into(),
            left: 6,
        },
    );
    if burst_at(this_month) + 2 * HOUR < now {
        queue.push(
            burst_at(this_month),
            Step::Burst {
                station: 2,
                officer: 1,
                source: "burst-now".into(),
                left: 6,
            },
        );
    }
}
