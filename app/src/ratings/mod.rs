//! Ratings (评警): the five-level scale, the service types and the what-went-wrong and
//! what-went-well tags, exactly as PRODUCT.md names them.

pub mod api;
pub mod form;
#[cfg(feature = "ssr")]
pub mod server;
pub mod show_code;

use crate::i18n::Text;
use crate::stations::Names;
use serde::{Deserialize, Serialize};

/// The five levels, from 非常满意 (5) down to 非常不满意 (1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RatingLevel {
    VeryDissatisfied = 1,
    Dissatisfied = 2,
    Neutral = 3,
    Satisfied = 4,
    VerySatisfied = 5,
}

/// 好评 (the top two), 中评 (the middle) or 差评 (the bottom two).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verdict {
    Good,
    Middle,
    Bad,
}

impl RatingLevel {
    /// Best first, as the form shows them.
    pub const ALL: [RatingLevel; 5] = [
        RatingLevel::VerySatisfied,
        RatingLevel::Satisfied,
        RatingLevel::Neutral,
        RatingLevel::Dissatisfied,
        RatingLevel::VeryDissatisfied,
    ];

    pub fn from_score(score: i64) -> Option<RatingLevel> {
        RatingLevel::ALL
            .into_iter()
            .find(|level| level.score() == score)
    }

    pub fn score(self) -> i64 {
        self as i64
    }

    pub fn label(self) -> Text {
        match self {
            RatingLevel::VerySatisfied => Text::new("非常满意", "Very satisfied"),
            RatingLevel::Satisfied => Text::new("满意", "Satisfied"),
            RatingLevel::Neutral => Text::new("基本满意", "Fairly satisfied"),
            RatingLevel::Dissatisfied => Text::new("不满意", "Dissatisfied"),
            RatingLevel::VeryDissatisfied => Text::new("非常不满意", "Very dissatisfied"),
        }
    }

    pub fn verdict(self) -> Verdict {
        match self {
            RatingLevel::VerySatisfied | RatingLevel::Satisfied => Verdict::Good,
            RatingLevel::Neutral => Verdict::Middle,
            RatingLevel::Dissatisfied | RatingLevel::VeryDissatisfied => Verdict::Bad,
        }
    }

    /// What-went-wrong tags are offered from 基本满意 down.
    pub fn asks_what_went_wrong(self) -> bool {
        self <= RatingLevel::Neutral
    }

    /// What-went-well tags are offered for 好评.
    pub fn asks_what_went_well(self) -> bool {
        self.verdict() == Verdict::Good
    }
}

/// Strict decoding of a stored level: a score outside 1–5 is an error.
impl TryFrom<i64> for RatingLevel {
    type Error = crate::UnknownCode;

    fn try_from(score: i64) -> Result<Self, Self::Error> {
        RatingLevel::from_score(score).ok_or(crate::UnknownCode {
            kind: "RatingLevel",
            code: score.to_string(),
        })
    }
}

coded_enum! {
    /// How a rating reached us: an officer's or a station's QR code, a service code
    /// (verified), or a household visit (counted apart).
    RatingChannel {
        OfficerQr => ("officer_qr", "民警二维码", "Officer's QR code"),
        StationQr => ("station_qr", "派出所二维码", "Station's QR code"),
        ServiceCode => ("service_code", "服务码（已核验）", "Service code (verified)"),
        Visit => ("visit", "入户走访", "Household visit"),
    }
}

coded_enum! {
    /// What service the resident received.
    ServiceType {
        Household => ("household", "户籍/身份证", "Household registration / ID card"),
        Emergency => ("emergency", "报警求助", "Emergency call / help"),
        CaseFiling => ("case_filing", "案件受理", "Filing a case"),
        Counter => ("counter", "窗口接待", "Counter service"),
        CommunityVisit => ("community_visit", "社区走访", "Community visit"),
        Patrol => ("patrol", "治安巡查", "Patrol"),
        Other => ("other", "其他", "Other"),
    }
}

impl ServiceType {
    /// Services given at a station's counter, which a counter tablet shows codes for;
    /// visits and patrols happen elsewhere, with an officer.
    pub fn at_the_counter(self) -> bool {
        !matches!(self, ServiceType::CommunityVisit | ServiceType::Patrol)
    }
}

coded_enum! {
    /// What went wrong: the "four difficulties" and two more.
    ProblemTag {
        HardToReach => ("hard_to_reach", "门难进", "Hard to reach, long wait"),
        Unfriendly => ("unfriendly", "脸难看", "Unfriendly"),
        Rude => ("rude", "话难听", "Rude"),
        Runaround => ("runaround", "事难办", "Runaround, not resolved"),
        NotByTheRules => ("not_by_the_rules", "不规范", "Not by the rules"),
        Unfair => ("unfair", "不公正", "Unfair"),
    }
}

coded_enum! {
    /// What went well.
    PraiseTag {
        Attitude => ("attitude", "态度好", "Attitude"),
        Efficiency => ("efficiency", "效率高", "Efficiency"),
        Professionalism => ("professionalism", "业务精", "Professionalism"),
        Fairness => ("fairness", "公正", "Fairness"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_carries_exactly_the_brief_labels() {
        let labels: Vec<&str> = RatingLevel::ALL.iter().map(|l| l.label().zh).collect();
        assert_eq!(
            labels,
            ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
        );
        assert_eq!(RatingLevel::VerySatisfied.label().en, "Very satisfied");
        assert_eq!(
            RatingLevel::VeryDissatisfied.label().en,
            "Very dissatisfied"
        );
    }

    #[test]
    fn verdicts_split_two_one_two() {
        use Verdict::*;
        let verdicts: Vec<Verdict> = RatingLevel::ALL.iter().map(|l| l.verdict()).collect();
        assert_eq!(verdicts, [Good, Good, Middle, Bad, Bad]);
    }

    #[test]
    fn tags_are_asked_where_the_brief_says() {
        let wrong: Vec<bool> = RatingLevel::ALL
            .iter()
            .map(|l| l.asks_what_went_wrong())
            .collect();
        assert_eq!(wrong, [false, false, true, true, true]);
        let well: Vec<bool> = RatingLevel::ALL
            .iter()
            .map(|l| l.asks_what_went_well())
            .collect();
        assert_eq!(well, [true, true, false, false, false]);
    }

    #[test]
    fn scores_round_trip_and_reject_the_rest() {
        for level in RatingLevel::ALL {
            assert_eq!(RatingLevel::from_score(level.score()), Some(level));
        }
        assert_eq!(RatingLevel::from_score(0), None);
        assert_eq!(RatingLevel::from_score(6), None);
    }

    #[test]
    fn codes_round_trip() {
        for service in ServiceType::ALL {
            assert_eq!(ServiceType::parse(service.code()), Some(*service));
        }
        for tag in ProblemTag::ALL {
            assert_eq!(ProblemTag::parse(tag.code()), Some(*tag));
        }
        for tag in PraiseTag::ALL {
            assert_eq!(PraiseTag::parse(tag.code()), Some(*tag));
        }
        assert_eq!(ServiceType::parse("Household"), None);
    }

    #[test]
    fn service_types_match_the_brief() {
        let labels: Vec<&str> = ServiceType::ALL.iter().map(|s| s.label().zh).collect();
        assert_eq!(
            labels,
            [
                "户籍/身份证",
                "报警求助",
                "案件受理",
                "窗口接待",
                "社区走访",
                "治安巡查",
                "其他"
            ]
        );
        let problems: Vec<&str> = ProblemTag::ALL.iter().map(|t| t.label().zh).collect();
        assert_eq!(
            problems,
            ["门难进", "脸难看", "话难听", "事难办", "不规范", "不公正"]
        );
    }
}

/// What a service code is good for. Says nothing about a code but whether it can still
/// be used: the slip's holder sees the station, the officer and the service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CodeStatus {
    Usable {
        station_slug: String,
        station_name: Names,
        /// The officer's name and badge, when the code names one.
        officer: Option<(Names, String)>,
        service_type: ServiceType,
    },
    Used,
    Expired,
    Unknown,
}
