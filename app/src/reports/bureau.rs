//! The bureau's monthly report: every station's latest published figures for the month,
//! summed. Counts are added; every rate and interval is computed again from the sums,
//! never averaged; the one figure that cannot be summed (a median) is left out. Stations
//! that have not published are named, not guessed.

use super::model::*;
use super::wilson::{round4, wilson_95};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One station's part in a bureau month: which version of its report was summed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BureauPart {
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
    /// `None` while the station has not published the month.
    pub version: Option<i64>,
    pub sha256: Option<String>,
    /// False for a report published under counting rules older than the total's
    /// ([`FORMAT`]): shown on its own, never added to figures counted otherwise.
    #[serde(default)]
    pub summed: bool,
}

/// `/reports/{month}.json`: the bureau's month as published so far.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BureauReport {
    pub month: String,
    /// Every active station, and the version of its report summed.
    pub stations: Vec<BureauPart>,
    /// The sum of the published reports (its `version` is 0: it is derived, and changes
    /// when a station publishes or corrects).
    pub total: MonthReport,
}

/// What the bureau's reports are filed under in the downloads.
pub const BUREAU_SLUG: &str = "bureau";

/// Adds each count to its code's, keeping the order the station reports list them in.
fn merge(into: &mut Vec<Count>, counts: &[Count]) {
    for count in counts {
        match into.iter_mut().find(|c| c.code == count.code) {
            Some(known) => known.n += count.n,
            None => into.push(count.clone()),
        }
    }
}

fn by_code(mut list: Vec<Count>) -> Vec<Count> {
    list.sort_by(|a, b| a.code.cmp(&b.code));
    list
}

fn by_size(mut list: Vec<Count>) -> Vec<Count> {
    list.sort_by(|a, b| b.n.cmp(&a.n).then_with(|| a.code.cmp(&b.code)));
    list
}

/// Whether `report` is counted by the rules the bureau's total is counted by.
pub fn summable(report: &MonthReport) -> bool {
    report.format == FORMAT
}

/// The sum of `reports` (each station's latest version of `month`, all [`summable`]) as
/// one report of `bureau`. What residents said and stations did is each station's own,
/// on its own report.
pub fn sum_reports(month: &str, bureau: StationRef, reports: &[MonthReport]) -> MonthReport {
    let figures = |reports: &[&MonthReport], pick: fn(&MonthReport) -> &RatingFigures| {
        sum_figures(reports.iter().map(|r| pick(r)))
    };
    let mut excluded = Vec::new();
    let mut channels = Vec::new();
    let mut problems = Vec::new();
    let mut praise = Vec::new();
    let mut services: BTreeMap<String, (Vec<RatingFigures>, Vec<RatingFigures>)> = BTreeMap::new();
    let mut trend: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    let mut codes = CodeFigures::default();
    let mut cases = CaseFigures::default();
    let mut kinds = Vec::new();
    let mut departments = Vec::new();
    let mut commendations: Vec<Commendation> = Vec::new();
    for report in reports.iter().filter(|r| summable(r)) {
        merge(&mut excluded, &report.excluded);
        merge(&mut channels, &report.by_channel);
        merge(&mut problems, &report.problem_tags);
        merge(&mut praise, &report.praise_tags);
        for service in &report.by_service {
            let entry = services.entry(service.service_type.clone()).or_default();
            entry.0.push(service.figures.clone());
            entry.1.push(service.unverified.clone());
        }
        for point in &report.trend {
            let entry = trend.entry(point.month.clone()).or_default();
            entry.0 += point.n;
            entry.1 += point.good;
        }
        codes.issued += report.codes.issued;
        codes.printed += report.codes.printed;
        codes.redeemed += report.codes.redeemed;
        let c = &report.cases;
        cases.filed += c.filed;
        merge(&mut kinds, &c.by_kind);
        cases.hidden_as_spam += c.hidden_as_spam;
        cases.resolved += c.resolved;
        cases.resolved_on_time += c.resolved_on_time;
        cases.answered += c.answered;
        cases.feedback_satisfied += c.feedback_satisfied;
        cases.feedback_basically_satisfied += c.feedback_basically_satisfied;
        cases.feedback_dissatisfied += c.feedback_dissatisfied;
        cases.feedback_none += c.feedback_none;
        cases.feedback_from_visits += c.feedback_from_visits;
        cases.feedback_from_visits_satisfied += c.feedback_from_visits_satisfied;
        cases.referred += c.referred;
        merge(&mut departments, &c.referral_departments);
        cases.bad_rating_reviews += c.bad_rating_reviews;
        cases.bad_rating_reviews_resolved += c.bad_rating_reviews_resolved;
        cases.reviews_substantiated += c.reviews_substantiated;
        cases.reviews_partly += c.reviews_partly;
        cases.reviews_unsubstantiated += c.reviews_unsubstantiated;
        cases.reviews_no_finding += c.reviews_no_finding;
        cases.reviews_rectified += c.reviews_rectified;
        // Named by consent in format 2; an officer who moved is one line.
        for named in &report.commendations {
            match commendations.iter_mut().find(|c| c.badge == named.badge) {
                Some(known) => known.n += named.n,
                None => commendations.push(named.clone()),
            }
        }
    }
    let reports: Vec<&MonthReport> = reports.iter().filter(|r| summable(r)).collect();
    codes.redemption_rate = share(codes.redeemed, codes.issued);
    cases.by_kind = kinds;
    cases.on_time_rate = share(cases.resolved_on_time, cases.resolved);
    // A median of medians is no median: the bureau's is left out.
    cases.median_hours_to_first_answer = None;
    cases.feedback_satisfied_rate = share(
        cases.feedback_satisfied + cases.feedback_basically_satisfied,
        cases.resolved - cases.feedback_from_visits,
    );
    cases.referral_departments = by_size(departments);
    cases.bad_rating_review_rate =
        share(cases.bad_rating_reviews_resolved, cases.bad_rating_reviews);
    cases.rectification_rate = share(
        cases.reviews_rectified,
        cases.reviews_substantiated + cases.reviews_partly,
    );
    // Counted, never merged into one rate (as each station's report).
    let mut all = figures(&reports, |r| &r.ratings);
    (all.good_rate, all.good_rate_low, all.good_rate_high) = (None, None, None);
    commendations.sort_by(|a, b| b.n.cmp(&a.n).then_with(|| a.badge.cmp(&b.badge)));
    MonthReport {
        format: FORMAT,
        station: bureau,
        month: month.to_string(),
        version: 0,
        note: String::new(),
        published_at: reports
            .iter()
            .map(|r| r.published_at.clone())
            .max()
            .unwrap_or_default(),
        ratings: all,
        verified: figures(&reports, |r| &r.verified),
        unverified: figures(&reports, |r| &r.unverified),
        visits: figures(&reports, |r| &r.visits),
        excluded: by_code(excluded),
        codes,
        by_channel: by_code(channels),
        by_service: services
            .into_iter()
            .map(|(service_type, (verified, unverified))| ServiceFigures {
                service_type,
                figures: sum_figures(&verified),
                unverified: sum_figures(&unverified),
            })
            .collect(),
        problem_tags: problems,
        praise_tags: praise,
        trend: trend
            .into_iter()
            .map(|(month, (n, good))| {
                let rate = wilson_95(good, n);
                TrendPoint {
                    month,
                    n,
                    good,
                    good_rate: rate.map(|p| round4(p.value)),
                    good_rate_low: rate.map(|p| round4(p.low)),
                    good_rate_high: rate.map(|p| round4(p.high)),
                }
            })
            .collect(),
        cases,
        commendations,
        you_said_we_did: Vec::new(),
        method: reports.iter().find_map(|r| r.method.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(levels: [i64; 5]) -> RatingFigures {
        let [very, satisfied, fairly, dissatisfied, very_dis] = levels;
        RatingFigures {
            very_satisfied: very,
            satisfied,
            fairly_satisfied: fairly,
            dissatisfied,
            very_dissatisfied: very_dis,
            ..RatingFigures::default()
        }
        .finish()
    }

    fn station(slug: &str) -> StationRef {
        StationRef {
            slug: slug.into(),
            name_zh: slug.into(),
            name_en: slug.into(),
        }
    }

    fn count(code: &str, n: i64) -> Count {
        Count {
            code: code.into(),
            n,
        }
    }

    fn report(slug: &str, verified: [i64; 5], cases: CaseFigures) -> MonthReport {
        MonthReport {
            format: FORMAT,
            station: station(slug),
            month: "2026-10".into(),
            version: 1,
            note: String::new(),
            published_at: format!("2026-11-0{}T09:00:00+08:00", slug.len()),
            ratings: figures(verified),
            verified: figures(verified),
            unverified: figures([1, 0, 0, 0, 0]),
            visits: RatingFigures::default(),
            excluded: vec![count("burst", slug.len() as i64)],
            codes: CodeFigures {
                issued: 10,
                printed: 0,
                redeemed: slug.len() as i64,
                redemption_rate: None,
            },
            by_channel: vec![count("service_code", 1)],
            by_service: Vec::new(),
            problem_tags: vec![count("rude", 1), count("slow", 0)],
            praise_tags: Vec::new(),
            trend: vec![TrendPoint::of("2026-10".into(), &figures(verified))],
            cases,
            commendations: Vec::new(),
            you_said_we_did: Vec::new(),
            method: None,
        }
    }

    #[test]
    fn the_bureau_adds_counts_and_computes_every_rate_again() {
        // 2 of 2 and 1 of 4 good: the bureau's is 3 of 6 (50 %), not the mean of 100 %
        // and 25 %.
        let a = report(
            "a",
            [2, 0, 0, 0, 0],
            CaseFigures {
                resolved: 1,
                resolved_on_time: 1,
                reviews_substantiated: 1,
                reviews_rectified: 1,
                median_hours_to_first_answer: Some(2.0),
                by_kind: vec![count("help", 2)],
                ..CaseFigures::default()
            },
        );
        let b = report(
            "bb",
            [0, 1, 1, 1, 1],
            CaseFigures {
                resolved: 3,
                reviews_partly: 1,
                reviews_unsubstantiated: 4,
                by_kind: vec![count("help", 1), count("complaint", 1)],
                ..CaseFigures::default()
            },
        );
        let total = sum_reports("2026-10", station(BUREAU_SLUG), &[a, b]);
        assert_eq!((total.verified.n, total.verified.good), (6, 3));
        assert_eq!(total.verified.good_rate, Some(0.5));
        assert_eq!(
            total.verified.good_rate_low,
            figures([3, 0, 3, 0, 0]).good_rate_low
        );
        assert_eq!(total.unverified.n, 2);
        assert_eq!(total.trend[0].good_rate, Some(0.5));
        assert_eq!(total.excluded, [count("burst", 3)]);
        assert_eq!(
            (
                total.codes.issued,
                total.codes.redeemed,
                total.codes.redemption_rate
            ),
            (20, 3, Some(0.15))
        );
        assert_eq!(total.problem_tags, [count("rude", 2), count("slow", 0)]);
        let c = &total.cases;
        assert_eq!(c.by_kind, [count("help", 3), count("complaint", 1)]);
        assert_eq!(c.on_time_rate, Some(0.25));
        // Rectified 1 of (属实 1 + 部分属实 1); 不属实 apart.
        assert_eq!(c.rectification_rate, Some(0.5));
        assert_eq!(c.reviews_unsubstantiated, 4);
        assert_eq!(c.median_hours_to_first_answer, None);
        assert_eq!(total.published_at, "2026-11-02T09:00:00+08:00");
        assert_eq!((total.version, total.station.slug.as_str()), (0, "bureau"));
    }

    #[test]
    fn only_reports_counted_by_todays_rules_are_summed_and_all_ratings_get_no_rate() {
        let named = |badge: &str| Commendation {
            badge: badge.into(),
            name_zh: badge.into(),
            name_en: badge.into(),
            n: 1,
        };
        let mut new = report("a", [2, 0, 0, 0, 0], CaseFigures::default());
        new.commendations = vec![named("100002")];
        let mut moved = report("bb", [1, 0, 0, 0, 0], CaseFigures::default());
        moved.commendations = vec![named("100002")];
        // Format 1 counted every rating in the headline and named officers without
        // asking: none of it is added.
        let mut old = report("ccc", [0, 0, 0, 0, 9], CaseFigures::default());
        old.format = 1;
        old.commendations = vec![named("300001")];
        let total = sum_reports("2026-10", station(BUREAU_SLUG), &[new, moved, old]);
        assert_eq!(total.format, FORMAT);
        assert_eq!((total.verified.n, total.verified.good), (3, 3));
        assert_eq!(total.unverified.n, 2);
        assert_eq!(total.ratings.n, 3);
        assert_eq!(
            (total.ratings.good_rate, total.ratings.good_rate_low),
            (None, None)
        );
        let commended: Vec<(&str, i64)> = total
            .commendations
            .iter()
            .map(|c| (c.badge.as_str(), c.n))
            .collect();
        assert_eq!(commended, [("100002", 2)]);
        assert!(total.you_said_we_did.is_empty());
    }

    #[test]
    fn nothing_published_sums_to_nothing() {
        let total = sum_reports("2026-10", station(BUREAU_SLUG), &[]);
        assert_eq!(total.verified.n, 0);
        assert_eq!(total.verified.good_rate, None);
        assert_eq!(total.cases.on_time_rate, None);
    }
}
