//! Requests and 差评核实 through their whole life: triage, replies, resolutions,
//! approvals and 回访 answers, as the staff and residents of the demo give them.

use super::*;

impl super::Year<'_> {
    pub(super) async fn file(
        &mut self,
        queue: &mut Queue,
        at: i64,
        station: usize,
        kind: CaseKind,
    ) -> anyhow::Result<()> {
        let people = self.people;
        let here = &people.stations[station];
        let place = pick(&mut self.rng, &here.places).clone();
        let text = match kind {
            CaseKind::Complaint => self.rng.random_range(0..COMPLAINTS.len()),
            _ => self.rng.random_range(0..requests(kind).len()),
        };
        let (subject, description) = match kind {
            CaseKind::Complaint => (COMPLAINTS[text].subject, COMPLAINTS[text].description),
            _ => (
                requests(kind)[text].subject,
                requests(kind)[text].description,
            ),
        };
        let named = match kind {
            CaseKind::Complaint if self.rng.random_bool(0.5) => {
                // Never the leader: a complaint about a leader goes to the inspectors,
                // which the demo shows through the 差评 of leaders instead.
                Some(self.rng.random_range(0..here.officers.len() - 2))
            }
            CaseKind::Commendation => Some(self.rng.random_range(0..here.officers.len())),
            _ => None,
        };
        // One request in ten comes from someone who did not know their station.
        let unsure = kind != CaseKind::Commendation && named.is_none() && self.rng.random_bool(0.1);
        let anonymous = kind == CaseKind::Tip || self.rng.random_bool(0.1);
        let name = (!anonymous).then(|| pick(&mut self.rng, NAMES).to_string());
        let submission = RequestSubmission {
            kind,
            station: (!unsure).then(|| here.slug.clone()),
            place: place.clone(),
            subject: subject.replace("{place}", &place),
            description: description.replace("{place}", &place),
            badge: named.map(|o| here.officers[o].badge.clone()),
            contact_name: name,
            contact_phone: Some(phone(&mut self.rng)),
            contact_email: None,
            anonymous,
            publish_name: kind == CaseKind::Commendation && self.rng.random_bool(0.6),
            token: self.token("request"),
        };
        let filed = file_request(&self.executor(at), &submission, Lang::Zh)
            .await
            .map_err(|e| anyhow!("filing a request: {e:?}"))?;
        self.history.cases += 1;
        queue.push(
            at + self
                .rng
                .random_range(HOUR..(if unsure { 30 } else { 20 }) * HOUR),
            Step::Case(Box::new(CaseStep {
                reference: filed.reference,
                station,
                kind,
                named,
                text,
                stage: if unsure { Stage::Place } else { Stage::Assign },
            })),
        );
        Ok(())
    }

    /// Runs `command` as the first of `actors` allowed to.
    async fn run_as(
        &self,
        at: i64,
        actors: &[&StaffMember],
        reference: &Reference,
        command: Command,
    ) -> anyhow::Result<()> {
        let executor = self.executor(at);
        let mut tried = Vec::new();
        for member in actors {
            let key = CaseKey::Reference(reference);
            match executor
                .run(Actor::Staff(member), key, command.clone())
                .await
            {
                Ok(_) => return Ok(()),
                Err(error @ (RunError::Forbidden | RunError::NotFound)) => {
                    tried.push(format!("{}: {error}", member.username));
                }
                Err(error) => {
                    tried.push(format!("{}: {error}", member.username));
                    break;
                }
            }
        }
        Err(anyhow!("{reference} {command:?}: {}", tried.join("; ")))
    }

    pub(super) async fn case(
        &mut self,
        queue: &mut Queue,
        at: i64,
        step: CaseStep,
    ) -> anyhow::Result<()> {
        let people = self.people;
        let here = &people.stations[step.station];
        let officers = &here.officers;
        let reference = &step.reference;
        let worker = |assignee: Option<usize>| match assignee {
            Some(n) => &officers[n].member,
            None => &people.inspector,
        };
        let next = |stage| CaseStep {
            reference: step.reference.clone(),
            station: step.station,
            kind: step.kind,
            named: step.named,
            text: step.text,
            stage,
        };
        match step.stage {
            Stage::Place => {
                let command = Command::Act(CaseAction::Place {
                    station: here.slug.clone(),
                });
                self.run_as(at, &[&people.intake], reference, command)
                    .await?;
                let when = at + self.rng.random_range(HOUR..8 * HOUR);
                queue.push(when, Step::Case(Box::new(next(Stage::Assign))));
            }
            Stage::Assign => {
                // The community officer of the area for most things, a patrol officer
                // for help; never the officer the case names.
                let mut assignee = match step.kind {
                    CaseKind::Help | CaseKind::Tip => 1 + self.rng.random_range(0..2),
                    _ => [0, 3][self.rng.random_range(0..2)],
                };
                if Some(assignee) == step.named {
                    assignee = (assignee + 1) % (officers.len() - 2);
                }
                // A case naming the leader is the inspectors' to work, unassigned.
                let names_leader = step.named.map(|n| officers[n].member.account_id)
                    == Some(here.leader.account_id);
                let assignee = if names_leader {
                    None
                } else {
                    let command = Command::Act(CaseAction::Assign {
                        account_id: officers[assignee].member.account_id,
                    });
                    let actors = [&here.clerk, &here.leader, &people.inspector];
                    self.run_as(at, &actors, reference, command).await?;
                    Some(assignee)
                };
                let reply = step.kind != CaseKind::RatingReview && self.rng.random_bool(0.4);
                let (when, stage) = if reply {
                    (
                        at + self.rng.random_range(2 * HOUR..DAY),
                        Stage::Reply { assignee },
                    )
                } else {
                    (
                        self.later_working(at, step.kind),
                        Stage::Resolve { assignee, round: 1 },
                    )
                };
                queue.push(when, Step::Case(Box::new(next(stage))));
            }
            Stage::Reply { assignee } => {
                let body = requests(step.kind)
                    .get(step.text)
                    .map_or("您好，已收到，正在办理。", |r| r.reply)
                    .to_string();
                let command = Command::Act(CaseAction::Reply { body });
                self.run_as(at, &[worker(assignee)], reference, command)
                    .await?;
                let when = self.later_working(at, step.kind);
                queue.push(
                    when,
                    Step::Case(Box::new(next(Stage::Resolve { assignee, round: 1 }))),
                );
            }
            Stage::Resolve { assignee, round } => {
                let (outcome, summary, referral, finding) =
                    self.resolution(step.kind, step.text, round);
                let command = Command::Act(CaseAction::Resolve {
                    outcome,
                    summary,
                    referral,
                    finding,
                });
                self.run_as(at, &[worker(assignee)], reference, command)
                    .await?;
                let when = at + self.rng.random_range(HOUR..6 * HOUR);
                let stage = Stage::Approve {
                    assignee,
                    round,
                    finding,
                };
                queue.push(when, Step::Case(Box::new(next(stage))));
            }
            Stage::Approve {
                assignee,
                round,
                finding,
            } => {
                let (awaiting,): (Option<String>,) =
                    sqlx::query_as("SELECT pending_awaiting FROM cases WHERE reference = $1")
                        .bind(reference.as_ref())
                        .fetch_one(self.db.reader())
                        .await?;
                let approver = match awaiting.as_deref() {
                    Some("leader") => Some(&here.leader),
                    Some("inspector") => Some(&people.inspector),
                    _ => None,
                };
                if let Some(approver) = approver {
                    let command = Command::Act(CaseAction::Decide {
                        approve: true,
                        note: String::new(),
                        finding,
                    });
                    self.run_as(at, &[approver], reference, command).await?;
                    // The leader's approval may send it on to the inspectors.
                    let when = at + self.rng.random_range(HOUR..6 * HOUR);
                    let stage = Stage::Approve {
                        assignee,
                        round,
                        finding,
                    };
                    queue.push(when, Step::Case(Box::new(next(stage))));
                } else {
                    let answers = if step.kind == CaseKind::RatingReview {
                        0.5
                    } else {
                        0.75
                    };
                    if self.rng.random_bool(answers) {
                        let when = at + self.rng.random_range(2 * HOUR..3 * DAY);
                        let stage = Stage::Answer { assignee, round };
                        queue.push(when, Step::Case(Box::new(next(stage))));
                    }
                }
            }
            Stage::Answer { assignee, round } => {
                let answer = match (round, self.rng.random_range(0..20)) {
                    (_, 0..13) => Satisfaction::Satisfied,
                    (_, 13..18) => Satisfaction::BasicallySatisfied,
                    (1, _) => Satisfaction::Dissatisfied,
                    _ => Satisfaction::BasicallySatisfied,
                };
                let executor = self.executor(at);
                executor
                    .run(
                        Actor::Resident,
                        CaseKey::Reference(reference),
                        Command::Answer(answer),
                    )
                    .await
                    .map_err(|e| anyhow!("{reference} 回访: {e}"))?;
                // 不满意 reopens the case: the officer tries again.
                if answer == Satisfaction::Dissatisfied {
                    let when = self.later_working(at, step.kind);
                    queue.push(
                        when,
                        Step::Case(Box::new(next(Stage::Resolve {
                            assignee,
                            round: round + 1,
                        }))),
                    );
                }
            }
        }
        Ok(())
    }

    /// A few working days later, in working hours, well within the time `kind` is due in
    /// (3 working days for a question, 5 for help, 15 for the rest); one case in
    /// twenty-five runs late.
    fn later_working(&mut self, at: i64, kind: CaseKind) -> i64 {
        let due = match kind {
            CaseKind::Question => 3,
            CaseKind::Help => 5,
            _ => 15,
        };
        let days = if self.rng.random_bool(0.04) {
            due + self.rng.random_range(1..5)
        } else {
            self.rng.random_range(1..=(due / 2).max(1))
        };
        let day = self.calendar.add_working_days(local_date(at), days);
        // The day's local midnight: its UTC midnight, eight hours earlier.
        let day_start = day.midnight().assume_utc().unix_timestamp() * 1000 - UTC_OFFSET;
        working_hours(&mut self.rng, day_start)
    }

    /// How the assignee closes a case of `kind` whose resident wrote its `text`: a
    /// complaint or a 差评核实 with what checking it found; help that belongs to another
    /// department referred there the first time; a question answered.
    fn resolution(
        &mut self,
        kind: CaseKind,
        text: usize,
        round: u8,
    ) -> (Outcome, String, Option<(String, String)>, Option<Finding>) {
        let rng = &mut self.rng;
        if matches!(kind, CaseKind::Complaint | CaseKind::RatingReview) {
            let finding = match rng.random_range(0..10) {
                0..4 => Finding::Substantiated,
                4..6 => Finding::Partly,
                _ => Finding::Unsubstantiated,
            };
            let rectified = finding != Finding::Unsubstantiated;
            let summary = match (kind, rectified) {
                (CaseKind::Complaint, true) => COMPLAINTS[text].rectified,
                (CaseKind::Complaint, false) => COMPLAINTS[text].explained,
                (_, true) => pick(rng, REVIEW_RECTIFIED),
                (_, false) => pick(rng, REVIEW_EXPLAINED),
            };
            let outcome = if rectified {
                Outcome::Resolved
            } else {
                Outcome::Explained
            };
            return (outcome, summary.to_string(), None, Some(finding));
        }
        let request = &requests(kind)[text];
        match request.referral {
            Some((department, contact, summary)) if round == 1 => (
                Outcome::Referred,
                summary.to_string(),
                Some((department.to_string(), contact.to_string())),
                None,
            ),
            _ if kind == CaseKind::Question => {
                (Outcome::Explained, request.done.to_string(), None, None)
            }
            _ => (Outcome::Resolved, request.done.to_string(), None, None),
        }
    }
}
