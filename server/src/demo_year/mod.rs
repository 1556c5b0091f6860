//! The demo's past year (issue 13, item 9): what `seed-demo` and the first `make run` add
//! to the demo bureau so that a newcomer's first look at `/reports`, a station page and
//! the staff dashboards shows real figures.
//!
//! The year is played as it would have happened, through the same functions the
//! handlers, the scheduler and the command line call, each given the moment it happens: the
//! residents' ratings (officer and station QR codes, codes officers showed on their
//! phones, printed slips, household visits), requests of every kind through triage,
//! replies, resolutions, approvals and 回访 answers (a 不满意 reopens), the 差评核实 that
//! every 差评 opens, each station's 开门评警 campaign, the deadline clock and the fraud
//! signals job every night, an inspector's review, and each station leader publishing
//! the month on the 4th. Only three things are written by hand: the organisation's
//! creation dates (it existed before its year), the signals job's starting point (the
//! year's first day), and the year's staff mail, marked sent when it was written. So
//! every figure on the pages is what the product computes from
//! its own rows, the audit chain verifies, and the rules (who may do what, approvals,
//! deadlines) are the real ones: a rule the demo breaks is a bug it shows.
//!
//! One step at a time from a queue ordered by time; a step may queue what follows from
//! it (a code shown is redeemed half an hour later, a resolved case is answered two days
//! later). Steps that fall after now are not played: the current month has open cases.
//!
//! `seed-demo` plays it into a scratch SQLite database and copies the rows into the
//! real one in one transaction ([`copy`], `demo::load_if_empty`).

use anyhow::{Context, anyhow};
use app::audit::AuditKey;
use app::calendar::{WorkCalendar, local_date};
use app::cases::decide::Command;
use app::cases::persist::Actor;
use app::cases::pipeline::{Executor, RunError};
use app::cases::record::CaseKey;
use app::cases::request_form::RequestSubmission;
use app::cases::requests::file_request;
use app::cases::{CaseKind, Finding, Outcome, Reference, Satisfaction};
use app::codes::ServiceCode;
use app::db::Db;
use app::i18n::Lang;
use app::ratings::form::RatingSubmission;
use app::ratings::server::{CodeBatch, RatingTarget, issue_service_codes, record_rating};
use app::ratings::{PraiseTag, ProblemTag, RatingLevel, ServiceType};
use app::reports::Month;
use app::staff::{SecondFactor, StaffMember};
use app::stations::{BadgeNumber, StationSlug};
use app::visits::{NewCampaign, NewVisit};
use app::workspace::actions::CaseAction;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::Instant;
use texts::{
    BAD_COMMENTS, COMPLAINTS, GOOD_COMMENTS, NAMES, REVIEW_EXPLAINED, REVIEW_RECTIFIED, SAID_DID,
    VISIT_NOTES, VISIT_OPINIONS, requests,
};

mod cases;
pub mod copy;
mod month_end;
mod people;
mod plan;
mod texts;

use people::{People, Station, people};
use plan::{CaseStep, Queue, Stage, Step, plan};

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;
/// China Standard Time, for the hours of the day things happen at.
const UTC_OFFSET: i64 = 8 * HOUR;

/// What the year holds, for the command's report.
#[derive(Debug, Default)]
pub struct History {
    pub ratings: usize,
    pub cases: usize,
    pub visits: usize,
    pub published: usize,
    pub signals: usize,
    pub seconds: f64,
}

impl std::fmt::Display for History {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "demo year: {} ratings, {} cases, {} household visits, {} monthly reports published, {} fraud signals, in {:.1} s",
            self.ratings, self.cases, self.visits, self.published, self.signals, self.seconds
        )
    }
}

/// Plays the twelve months before `now`'s and the current month up to `now`.
pub async fn generate(db: &Db, key: &AuditKey, now: i64, seed: u64) -> anyhow::Result<History> {
    let started = Instant::now();
    let people = people(db).await?;
    let calendar = app::calendar::server::load(db.reader()).await?;
    let this_month = Month::of(now);
    let first = this_month.last_twelve()[0].previous();
    let start = first.start_millis();
    // The organisation existed before its year (it was loaded just now).
    let founded = start - 30 * DAY;
    let mut tx = db.begin_write().await?;
    for table in ["bureau", "stations", "offices", "officers", "staff_roles"] {
        sqlx::query(&format!("UPDATE {table} SET created_at = $1"))
            .bind(founded)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("UPDATE staff_accounts SET created_at = $1, updated_at = $1")
        .bind(founded)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    // The signals job reads the whole year, from its first day.
    sqlx::query(
        "INSERT INTO job_cursors (name, position) VALUES ('signals', $1)
         ON CONFLICT (name) DO UPDATE SET position = excluded.position",
    )
    .bind(start)
    .execute(db.writer())
    .await?;

    let mut rng = StdRng::seed_from_u64(seed);
    let mut queue = Queue {
        heap: BinaryHeap::new(),
        steps: Default::default(),
        next: 0,
    };
    plan(
        &mut queue, &mut rng, &people, &calendar, first, this_month, now,
    );

    let mut year = Year {
        db,
        key,
        calendar: &calendar,
        people: &people,
        rng,
        history: History::default(),
        tokens: 0,
        campaigns: vec![None; people.stations.len()],
        start,
        now,
    };
    while let Some((at, step)) = year.queue_pop(&mut queue) {
        year.play(&mut queue, at, step).await?;
    }
    // Today's signals, for the inspector's page: the planted burst of this month.
    app::signals::detect::run(db, now).await?;
    let (signals,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM rating_signals")
        .fetch_one(db.reader())
        .await?;
    year.history.signals = signals as usize;
    mark_mail_sent(db).await?;
    year.history.seconds = started.elapsed().as_secs_f64();
    Ok(year.history)
}

/// The year's mail (staff notifications; the demo's residents left phone numbers) went
/// out at the time it was written: none of it is sent again now.
async fn mark_mail_sent(db: &Db) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE outbox SET status = 'sent', sent_at = created_at + 60000, payload = ''
         WHERE status = 'pending'",
    )
    .execute(db.writer())
    .await?;
    Ok(())
}

/// The month's share of 好评 at a station, moving from the start of the year to its end.
fn good_share(station: &Station, month_index: usize) -> f64 {
    let (from, to) = station.good;
    from + (to - from) * month_index as f64 / 12.0
}

/// A moment of working hours (08:30–18:00 local) on the day starting at `day_start`.
fn working_hours(rng: &mut StdRng, day_start: i64) -> i64 {
    day_start + 8 * HOUR + 30 * MINUTE + rng.random_range(0..(9 * HOUR + 30 * MINUTE))
}

/// The year being played.
struct Year<'a> {
    db: &'a Db,
    key: &'a AuditKey,
    calendar: &'a WorkCalendar,
    people: &'a People,
    rng: StdRng,
    history: History,
    tokens: u64,
    /// Each station's campaign: its id, first and last day.
    campaigns: Vec<Option<(i64, time::Date, time::Date)>>,
    start: i64,
    now: i64,
}

impl Year<'_> {
    /// The next step that has happened by now.
    fn queue_pop(&self, queue: &mut Queue) -> Option<(i64, Step)> {
        let (at, step) = queue.pop()?;
        (at <= self.now).then_some((at, step))
    }

    fn executor(&self, at: i64) -> Executor<'_> {
        Executor {
            db: self.db,
            key: self.key,
            calendar: self.calendar,
            now: at,
        }
    }

    fn token(&mut self, what: &str) -> String {
        self.tokens += 1;
        format!("demo-{what}-{:012}", self.tokens)
    }

    /// A resident's phone network, keyed as the rating form keys it.
    fn resident_source(&mut self) -> String {
        let address = std::net::IpAddr::V4(std::net::Ipv4Addr::from(self.rng.random::<u32>()));
        app::signals::source_of(self.key, address)
    }

    /// Months since the year's first (0 for it).
    fn month_index(&self, at: i64) -> usize {
        let (first, month) = (Month::of(self.start), Month::of(at));
        let months = |m: Month| m.year() as i64 * 12 + i64::from(m.number());
        (months(month) - months(first)).max(0) as usize
    }

    async fn play(&mut self, queue: &mut Queue, at: i64, step: Step) -> anyhow::Result<()> {
        match step {
            Step::QrRating { station, officer } => {
                let good = good_share(&self.people.stations[station], self.month_index(at));
                let target = match officer {
                    Some(o) => RatingTarget::Officer(
                        self.people.stations[station].officers[o].badge.clone(),
                    ),
                    None => RatingTarget::Station(self.people.stations[station].slug.clone()),
                };
                let service = [
                    ServiceType::Household,
                    ServiceType::Counter,
                    ServiceType::Emergency,
                    ServiceType::Patrol,
                    ServiceType::Other,
                ][self.rng.random_range(0..5)];
                let source = self.resident_source();
                self.rate(queue, at, station, &target, good, Some(service), source)
                    .await?;
            }
            Step::ShowCode {
                station,
                officer,
                service,
                redeemed,
            } => {
                let at_station = &self.people.stations[station];
                let (member, source) = match officer {
                    Some(o) => (
                        &at_station.officers[o].member,
                        &at_station.officers[o].phone,
                    ),
                    None => (&at_station.window, &at_station.counter),
                };
                let shown =
                    app::ratings::show_code::issue_one(self.db, member, service, source, at).await;
                let code = match shown {
                    Ok((code, _)) => code,
                    // The tablet was tapped a moment ago: this resident goes without.
                    Err(app::ratings::show_code::ShowCodeError::TooSoon) => return Ok(()),
                    Err(e) => return Err(anyhow!("showing a code: {e:?}")),
                };
                if let Some(minutes) = redeemed {
                    queue.push(at + minutes * MINUTE, Step::Redeem { station, code });
                }
            }
            Step::Redeem { station, code } => {
                // Residents rating with a code are a little harder to please than those
                // who scan a QR code on the wall.
                let good = good_share(&self.people.stations[station], self.month_index(at)) - 0.05;
                let source = self.resident_source();
                self.rate(
                    queue,
                    at,
                    station,
                    &RatingTarget::Code(code),
                    good,
                    None,
                    source,
                )
                .await?;
            }
            Step::PrintSlips { station } => {
                let clerk = &self.people.stations[station].clerk;
                let slug = &self.people.stations[station].slug;
                let detail = app::printing::audit_detail(20, slug.as_ref(), None);
                let entry = app::audit::Entry {
                    actor_account_id: Some(clerk.account_id),
                    actor: &clerk.username,
                    action: app::printing::AUDIT_ACTION,
                    object_type: "station",
                    object_id: slug.as_ref(),
                    detail: &detail,
                    ..Default::default()
                };
                let source = format!("{:016x}", 0x5eed_0000_u64 + station as u64);
                let codes = issue_service_codes(
                    self.db,
                    CodeBatch {
                        station: slug,
                        officer: None,
                        service_type: ServiceType::Household,
                        count: 20,
                        valid_days: 31,
                        issued_source: Some(&source),
                    },
                    Some((self.key, entry)),
                    at,
                )
                .await
                .map_err(|e| anyhow!("printing slips: {e:?}"))?;
                // About half the slips handed out come back as ratings within three weeks.
                for code in codes {
                    if self.rng.random_bool(0.5) {
                        let when = at + self.rng.random_range(HOUR..21 * DAY);
                        queue.push(when, Step::Redeem { station, code });
                    }
                }
            }
            Step::Visit { station, officer } => self.visit(queue, at, station, officer).await?,
            Step::File { station, kind } => self.file(queue, at, station, kind).await?,
            Step::Case(step) => self.case(queue, at, *step).await?,
            Step::Clock => {
                app::cases::deadlines::mark_not_taken_up(self.db, self.key, at).await?;
                app::cases::deadlines::mark_overdue(self.db, self.key, at).await?;
            }
            Step::Signals => {
                app::signals::detect::run(self.db, at).await?;
            }
            Step::Review { month } => self.review(at, month).await?,
            Step::Campaign { station } => {
                let leader = &self.people.stations[station].leader;
                let starts = Month::of(at).next();
                let campaign = NewCampaign {
                    station: self.people.stations[station].slug.clone(),
                    title: format!("{}年{}“开门评警”走万家", starts.year(), season(starts)),
                    starts_on: local_date(starts.start_millis()),
                    ends_on: local_date(starts.next().end_millis() - HOUR),
                    target: 20,
                };
                let id =
                    app::visits::store::create_campaign(self.db, self.key, leader, &campaign, at)
                        .await
                        .map_err(|e| anyhow!("starting a campaign: {e:?}"))?;
                self.campaigns[station] = Some((id, campaign.starts_on, campaign.ends_on));
            }
            Step::Burst {
                station,
                officer,
                source,
                left,
            } => {
                let target = RatingTarget::Officer(
                    self.people.stations[station].officers[officer]
                        .badge
                        .clone(),
                );
                let keyed = self.key.tag("rating-source", &source);
                self.rate(
                    queue,
                    at,
                    station,
                    &target,
                    1.0,
                    Some(ServiceType::Counter),
                    keyed,
                )
                .await?;
                if left > 1 {
                    queue.push(
                        at + self.rng.random_range(5..20) * MINUTE,
                        Step::Burst {
                            station,
                            officer,
                            source,
                            left: left - 1,
                        },
                    );
                }
            }
            Step::Publish { month, station } => self.publish(at, month, station).await?,
        }
        Ok(())
    }

    /// A resident's rating of `target`: 好评 with probability `good`, and what a resident
    /// would tick with it. A 差评 opens its review, which the station then works through.
    #[allow(clippy::too_many_arguments)]
    async fn rate(
        &mut self,
        queue: &mut Queue,
        at: i64,
        station: usize,
        target: &RatingTarget,
        good: f64,
        service: Option<ServiceType>,
        source: String,
    ) -> anyhow::Result<()> {
        let level = if self.rng.random_bool(good.clamp(0.0, 1.0)) {
            if self.rng.random_bool(0.7) { 5 } else { 4 }
        } else {
            match self.rng.random_range(0..10) {
                0..5 => 3,
                5..8 => 2,
                _ => 1,
            }
        };
        let level = RatingLevel::from_score(level).expect("a level");
        let mut submission = RatingSubmission {
            level,
            service_type: service,
            problems: Vec::new(),
            praise: Vec::new(),
            comment: String::new(),
            contact: None,
            token: self.token("rating"),
            source: Some(source),
        };
        if level.asks_what_went_wrong() {
            let tag = ProblemTag::ALL[self.rng.random_range(0..ProblemTag::ALL.len())];
            submission.problems.push(tag);
            if level <= RatingLevel::Dissatisfied {
                submission.comment = pick(&mut self.rng, BAD_COMMENTS).to_string();
                if self.rng.random_bool(0.4) {
                    submission.contact = Some(phone(&mut self.rng));
                }
            }
        } else if self.rng.random_bool(0.4) {
            let tag = PraiseTag::ALL[self.rng.random_range(0..PraiseTag::ALL.len())];
            submission.praise.push(tag);
            if self.rng.random_bool(0.3) {
                submission.comment = pick(&mut self.rng, GOOD_COMMENTS).to_string();
            }
        }
        let recorded = record_rating(&self.executor(at), target, &submission, Lang::Zh)
            .await
            .map_err(|e| anyhow!("rating: {e:?}"))?;
        self.history.ratings += 1;
        if let Some(reference) = recorded.review_case {
            self.history.cases += 1;
            // The officer rated, whether by their QR code or a code they showed.
            let (officer_id,): (Option<i64>,) =
                sqlx::query_as("SELECT officer_id FROM ratings WHERE id = $1")
                    .bind(recorded.rating_id)
                    .fetch_one(self.db.reader())
                    .await?;
            let named = self.people.stations[station]
                .officers
                .iter()
                .position(|o| Some(o.id) == officer_id);
            queue.push(
                at + self.rng.random_range(HOUR..20 * HOUR),
                Step::Case(Box::new(CaseStep {
                    reference,
                    station,
                    kind: CaseKind::RatingReview,
                    named,
                    text: 0,
                    stage: Stage::Assign,
                })),
            );
        }
        Ok(())
    }

    async fn visit(
        &mut self,
        queue: &mut Queue,
        at: i64,
        station: usize,
        officer: usize,
    ) -> anyhow::Result<()> {
        let place = pick(&mut self.rng, &self.people.stations[station].places).clone();
        let household = format!("{place}{}号", self.rng.random_range(1..120));
        let opinions = if self.rng.random_bool(0.3) {
            vec![pick(&mut self.rng, VISIT_OPINIONS).to_string()]
        } else {
            Vec::new()
        };
        let visited_on = local_date(at);
        let campaign = self.campaigns[station]
            .filter(|(_, from, to)| (*from..=*to).contains(&visited_on))
            .map(|(id, _, _)| id);
        let visit = NewVisit {
            visited_on,
            household,
            notes: pick(&mut self.rng, VISIT_NOTES).to_string(),
            opinions,
            campaign,
        };
        let member = &self.people.stations[station].officers[officer].member;
        app::visits::store::log_visit(self.db, self.key, member, &visit, at)
            .await
            .map_err(|e| anyhow!("logging a visit: {e:?}"))?;
        self.history.visits += 1;
        // Half the households rate the visit with the code shown on the officer's phone.
        if self.rng.random_bool(0.5) {
            let minutes = self.rng.random_range(3..60);
            queue.push(
                at,
                Step::ShowCode {
                    station,
                    officer: Some(officer),
                    service: ServiceType::CommunityVisit,
                    redeemed: Some(minutes),
                },
            );
        }
        Ok(())
    }
}

/// The season a campaign starting in `month` is named for.
fn season(month: Month) -> &'static str {
    match month.number() {
        3..=5 => "春季",
        6..=8 => "夏季",
        9..=11 => "秋季",
        _ => "冬季",
    }
}

fn pick<'t, T>(rng: &mut StdRng, items: &'t [T]) -> &'t T {
    &items[rng.random_range(0..items.len())]
}

/// A mainland mobile number from a range no operator has assigned in the demo's story.
fn phone(rng: &mut StdRng) -> String {
    format!("1390000{:04}", rng.random_range(0..10_000))
}
