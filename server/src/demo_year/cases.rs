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
        let (subject, description) = *pick(&mut self.rng, texts_for(kind));
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
            subject: subject.to_string(),
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
                let body = pick(&mut self.rng, REPLIES).to_string();
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
                let (outcome, summary, referral, finding) = self.resolution(step.kind, round);
                let command = Command::Act(CaseAction::Resolve {
                    outcome,
                    summary,
                    referral,
                    finding,
                });
                self.run_as(at, &[worker(assignee)], reference, command)
                    .await?;
                // Whatever waits for approval, the leader and then the inspectors give it.
                let mut when = at;
                for _ in 0..2 {
                    let (awaiting,): (Option<String>,) =
                        sqlx::query_as("SELECT pending_awaiting FROM cases WHERE reference = $1")
                            .bind(reference.as_ref())
                            .fetch_one(self.db.reader())
                            .await?;
                    let approver = match awaiting.as_deref() {
                        Some("leader") => &here.leader,
                        Some("inspector") => &people.inspector,
                        _ => break,
                    };
                    when += self.rng.random_range(HOUR..6 * HOUR);
                    let command = Command::Act(CaseAction::Decide {
                        approve: true,
                        note: String::new(),
                        finding,
                    });
                    self.run_as(when, &[approver], reference, command).await?;
                }
                if self
                    .rng
                    .random_bool(if step.kind == CaseKind::RatingReview {
                        0.5
                    } else {
                        0.75
                    })
                {
                    let answer_at = when + self.rng.random_range(2 * HOUR..3 * DAY);
                    queue.push(
                        answer_at,
                        Step::Case(Box::new(next(Stage::Answer { assignee, round }))),
                    );
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

    /// How the assignee closes a case of `kind`.
    fn resolution(
        &mut self,
        kind: CaseKind,
        round: u8,
    ) -> (Outcome, String, Option<(String, String)>, Option<Finding>) {
        let rng = &mut self.rng;
        match kind {
            CaseKind::Complaint | CaseKind::RatingReview => {
                let finding = match rng.random_range(0..10) {
                    0..4 => Finding::Substantiated,
                    4..6 => Finding::Partly,
                    _ => Finding::Unsubstantiated,
                };
                let summary = match finding {
                    Finding::Substantiated | Finding::Partly => pick(rng, RECTIFIED),
                    Finding::Unsubstantiated => pick(rng, NOT_SUBSTANTIATED),
                };
                let outcome = if finding == Finding::Unsubstantiated {
                    Outcome::Explained
                } else {
                    Outcome::Resolved
                };
                (outcome, summary.to_string(), None, Some(finding))
            }
            CaseKind::Help if round == 1 && rng.random_bool(0.15) => {
                let (department, contact, summary) = *pick(rng, REFERRALS);
                (
                    Outcome::Referred,
                    summary.to_string(),
                    Some((department.to_string(), contact.to_string())),
                    None,
                )
            }
            CaseKind::Question => (
                Outcome::Explained,
                pick(rng, ANSWERS).to_string(),
                None,
                None,
            ),
            _ => {
                let summary = match kind {
                    CaseKind::Commendation => pick(rng, COMMENDED),
                    CaseKind::Suggestion => pick(rng, SUGGESTION_DONE),
                    CaseKind::Tip => pick(rng, TIP_DONE),
                    _ => pick(rng, HELPED),
                };
                (Outcome::Resolved, summary.to_string(), None, None)
            }
        }
    }
}
