//! A month's report as published: the snapshot whose JSON is frozen, hashed, offered for
//! download and rendered on the public pages. Field names are the open-data contract, so
//! they are spelled out rather than derived from enum positions.

use super::wilson::{round4, wilson_95};
use crate::ratings::RatingLevel;
use serde::{Deserialize, Serialize};

/// The snapshot format; a change of meaning gets a new number.
///
/// - 1: `ratings` held every stored rating and the trend counted them all; visit ratings
///   typed by officers were among the unverified; `bad_rating_review_rate` (dealt with)
///   was the only review figure.
/// - 2: the headline and the trend count verified ratings only ([`super::counting`]);
///   `ratings` is verified + unverified + visits; ratings typed by officers are in
///   `excluded`; reviews are counted by finding, with `rectification_rate`.
pub const FORMAT: u32 = 2;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthReport {
    pub format: u32,
    pub station: StationRef,
    /// `YYYY-MM`, China Standard Time.
    pub month: String,
    /// 1 for the first publication, then one more per correction. 0 in a draft.
    pub version: i64,
    /// The public note of a correction (empty for version 1).
    pub note: String,
    /// RFC 3339, China Standard Time; empty in a draft.
    pub published_at: String,
    /// Every rating counted in the month (verified + unverified + visits): in format 2
    /// its count only, with no rate (a merged rate is no figure of ours).
    pub ratings: RatingFigures,
    /// The headline: service codes redeemed by residents (see [`super::counting`]).
    pub verified: RatingFigures,
    /// From QR codes anyone can scan: shown beside the headline, never merged.
    pub unverified: RatingFigures,
    /// From codes shown on household visits: reported apart.
    #[serde(default)]
    pub visits: RatingFigures,
    /// Ratings stored but in no figure, by reason (an [`super::counting::ExclusionReason`]
    /// code).
    #[serde(default)]
    pub excluded: Vec<Count>,
    /// Service codes issued in the month and how many have made a rating: a station that
    /// hands codes only to happy residents shows a low redemption rate here.
    #[serde(default)]
    pub codes: CodeFigures,
    /// Ratings per channel (`officer_qr`, `station_qr`, `service_code`, `visit`).
    pub by_channel: Vec<Count>,
    pub by_service: Vec<ServiceFigures>,
    pub problem_tags: Vec<Count>,
    pub praise_tags: Vec<Count>,
    /// The twelve months ending with this one, oldest first: verified ratings (every
    /// rating in format 1).
    pub trend: Vec<TrendPoint>,
    pub cases: CaseFigures,
    /// Commendations (表扬) naming an officer: the only per-officer figure made public.
    pub commendations: Vec<Commendation>,
    /// "You said, we did" (群众说、我们改), written by the leader when publishing.
    pub you_said_we_did: Vec<SaidDid>,
    /// Where these figures are explained, and the counting version (absent in format 1).
    #[serde(default)]
    pub method: Option<super::method::MethodRef>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StationRef {
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
}

/// A count of something named by its code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub code: String,
    pub n: i64,
}

/// The five-level distribution and 好评率 (非常满意 + 满意 over all) with its 95 % Wilson
/// interval. Rates are `None` when there are no ratings: no ratings is not 100 %.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RatingFigures {
    pub n: i64,
    pub very_satisfied: i64,
    pub satisfied: i64,
    pub fairly_satisfied: i64,
    pub dissatisfied: i64,
    pub very_dissatisfied: i64,
    pub good: i64,
    pub good_rate: Option<f64>,
    pub good_rate_low: Option<f64>,
    pub good_rate_high: Option<f64>,
}

impl RatingFigures {
    /// Adds `n` ratings at `level`; call [`RatingFigures::finish`] after the last.
    pub fn add(&mut self, level: RatingLevel, n: i64) {
        match level {
            RatingLevel::VerySatisfied => self.very_satisfied += n,
            RatingLevel::Satisfied => self.satisfied += n,
            RatingLevel::Neutral => self.fairly_satisfied += n,
            RatingLevel::Dissatisfied => self.dissatisfied += n,
            RatingLevel::VeryDissatisfied => self.very_dissatisfied += n,
        }
    }

    /// Totals and rates from the level counts.
    pub fn finish(mut self) -> RatingFigures {
        self.n = self.very_satisfied
            + self.satisfied
            + self.fairly_satisfied
            + self.dissatisfied
            + self.very_dissatisfied;
        self.good = self.very_satisfied + self.satisfied;
        let rate = wilson_95(self.good, self.n);
        self.good_rate = rate.map(|p| round4(p.value));
        self.good_rate_low = rate.map(|p| round4(p.low));
        self.good_rate_high = rate.map(|p| round4(p.high));
        self
    }

    /// The count at each level, best first (the order of [`RatingLevel::ALL`]).
    pub fn levels(&self) -> [(RatingLevel, i64); 5] {
        [
            (RatingLevel::VerySatisfied, self.very_satisfied),
            (RatingLevel::Satisfied, self.satisfied),
            (RatingLevel::Neutral, self.fairly_satisfied),
            (RatingLevel::Dissatisfied, self.dissatisfied),
            (RatingLevel::VeryDissatisfied, self.very_dissatisfied),
        ]
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceFigures {
    pub service_type: String,
    /// Verified ratings of the service (every rating in format 1).
    pub figures: RatingFigures,
    /// Unverified ratings of the service, beside them (format 2).
    #[serde(default)]
    pub unverified: RatingFigures,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub month: String,
    pub n: i64,
    pub good: i64,
    pub good_rate: Option<f64>,
    pub good_rate_low: Option<f64>,
    pub good_rate_high: Option<f64>,
}

impl TrendPoint {
    /// A month's point from its (finished) figures.
    pub fn of(month: String, f: &RatingFigures) -> TrendPoint {
        TrendPoint {
            month,
            n: f.n,
            good: f.good,
            good_rate: f.good_rate,
            good_rate_low: f.good_rate_low,
            good_rate_high: f.good_rate_high,
        }
    }
}

/// Service codes issued in a month (shown on an officer's phone or printed), and of those
/// how many were redeemed by the time of publication.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CodeFigures {
    pub issued: i64,
    pub printed: i64,
    pub redeemed: i64,
    pub redemption_rate: Option<f64>,
}

/// What happened to residents' requests and the 差评 reviews.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CaseFigures {
    /// Filed in the month, spam not included.
    pub filed: i64,
    pub by_kind: Vec<Count>,
    /// Filed in the month and hidden as spam (hidden, never deleted).
    pub hidden_as_spam: i64,
    /// Resolved in the month.
    pub resolved: i64,
    /// Of those, resolved on or before their due date.
    pub resolved_on_time: i64,
    pub on_time_rate: Option<f64>,
    /// Filed in the month and answered (a reply or a resolution) by the time of
    /// publication, and the median hours from filing to that first answer.
    pub answered: i64,
    pub median_hours_to_first_answer: Option<f64>,
    /// 回访: the residents' answers about the cases resolved in the month. No answer is
    /// counted as no answer and stays in the denominator: silence is not satisfaction.
    pub feedback_satisfied: i64,
    pub feedback_basically_satisfied: i64,
    pub feedback_dissatisfied: i64,
    pub feedback_none: i64,
    /// (满意 + 基本满意) / resolved, visit-opened cases left out.
    pub feedback_satisfied_rate: Option<f64>,
    /// Cases opened from a visit opinion and resolved in the month, and how many of
    /// their residents answered 满意 or 基本满意: counted apart from the figures above,
    /// since the officer who opened such a case held its access code.
    #[serde(default)]
    pub feedback_from_visits: i64,
    #[serde(default)]
    pub feedback_from_visits_satisfied: i64,
    /// Resolved by referral to another department (转办), and to which.
    pub referred: i64,
    pub referral_departments: Vec<Count>,
    /// 差评核实 reviews opened in the month, how many of them have been dealt with (any
    /// outcome), and that share.
    pub bad_rating_reviews: i64,
    pub bad_rating_reviews_resolved: i64,
    pub bad_rating_review_rate: Option<f64>,
    /// The reviews dealt with, by finding: 属实, 部分属实, 不属实, and none recorded
    /// (reviews closed before findings were required).
    #[serde(default)]
    pub reviews_substantiated: i64,
    #[serde(default)]
    pub reviews_partly: i64,
    #[serde(default)]
    pub reviews_unsubstantiated: i64,
    #[serde(default)]
    pub reviews_no_finding: i64,
    /// Found 属实 or 部分属实 and resolved as 已解决: put right.
    #[serde(default)]
    pub reviews_rectified: i64,
    /// 差评整改率 = rectified ÷ (属实 + 部分属实); `None` in format 1.
    #[serde(default)]
    pub rectification_rate: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commendation {
    pub badge: String,
    pub name_zh: String,
    pub name_en: String,
    pub n: i64,
}

/// One "you said, we did" item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaidDid {
    pub said: String,
    pub did: String,
}

/// A share rounded for the snapshot, `None` over nothing.
pub fn share(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| round4(part as f64 / whole as f64))
}

/// One published version of a month, as the version list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub version: i64,
    pub sha256: String,
    pub note: String,
    pub published_at: String,
}

/// A published month as its page shows it: the snapshot, its hash, every version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishedReport {
    pub report: MonthReport,
    pub sha256: String,
    pub versions: Vec<VersionInfo>,
}

/// What a station's own page shows of its published reports: the latest month's
/// verified headline, and from the last three published months what residents said and
/// the station did, and the commendations residents agreed to publish.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StationSummary {
    pub month: String,
    pub verified: RatingFigures,
    pub unverified: i64,
    /// (month, item), newest month first.
    pub said_did: Vec<(String, SaidDid)>,
    /// (month, commendation), newest month first.
    pub commendations: Vec<(String, Commendation)>,
}

/// One line of a station's archive.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArchiveEntry {
    pub month: String,
    pub version: i64,
    /// The headline: verified ratings.
    pub verified: RatingFigures,
    pub unverified: RatingFigures,
}

/// A station's column on the bureau's page for a month: its latest published figures,
/// or `None` while it has not published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StationMonth {
    pub station: StationRef,
    pub version: Option<i64>,
    pub ratings: Option<RatingFigures>,
    pub verified: Option<RatingFigures>,
    pub unverified: Option<RatingFigures>,
    pub cases: Option<CaseFigures>,
}

/// `/reports` for one month: every active station, and the bureau's total over those
/// that have published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BureauMonth {
    pub month: String,
    /// Months with at least one published report, newest first (the month picker).
    pub months: Vec<String>,
    pub stations: Vec<StationMonth>,
    pub total: RatingFigures,
    /// The bureau's headline.
    pub total_verified: RatingFigures,
    pub total_unverified: RatingFigures,
    /// The full report of the stations that have published, summed
    /// ([`super::bureau::sum_reports`]); `None` before any has.
    #[serde(default)]
    pub report: Option<MonthReport>,
    /// How many stations' reports the full report sums.
    #[serde(default)]
    pub summed: usize,
}

/// Sums figures (the bureau's total): the rates are computed again from the sums, never
/// averaged.
pub fn sum_figures<'a>(figures: impl IntoIterator<Item = &'a RatingFigures>) -> RatingFigures {
    let mut total = RatingFigures::default();
    for f in figures {
        total.very_satisfied += f.very_satisfied;
        total.satisfied += f.satisfied;
        total.fairly_satisfied += f.fairly_satisfied;
        total.dissatisfied += f.dissatisfied;
        total.very_dissatisfied += f.very_dissatisfied;
    }
    total.finish()
}
