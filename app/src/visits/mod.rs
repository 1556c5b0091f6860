//! Household visits (走访) and 开门评警 campaigns. An officer logs a visit and the
//! opinions heard; each opinion can become a case. The household rates the visit on its
//! own phone with a code the officer shows (`ratings::show_code`, channel `visit`,
//! counted apart); ratings officers once recorded for residents stay stored and are in no
//! figure. A
//! leader runs a campaign — a period and a visit target per officer — and watches each
//! officer's progress.

pub mod api;
#[cfg(feature = "ssr")]
pub mod store;

use crate::cases::CaseKind;
use crate::i18n::Text;
use crate::ratings::RatingLevel;
use serde::{Deserialize, Serialize};

pub const MAX_OPINIONS: usize = 20;
const MAX_OPINION_CHARS: usize = 1000;
const MAX_HOUSEHOLD_CHARS: usize = 200;
const MAX_NOTES_CHARS: usize = 2000;

/// The visit form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitForm {
    #[serde(default)]
    pub visited_on: String,
    #[serde(default)]
    pub household: String,
    #[serde(default)]
    pub notes: String,
    /// One opinion per line.
    #[serde(default)]
    pub opinions: String,
    #[serde(default)]
    pub campaign: String,
}

/// A visit to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewVisit {
    pub visited_on: time::Date,
    pub household: String,
    pub notes: String,
    pub opinions: Vec<String>,
    pub campaign: Option<i64>,
}

fn bounded(value: &str, max: usize, missing: Option<Text>) -> Result<String, Text> {
    let value = value.trim();
    if value.is_empty()
        && let Some(missing) = missing
    {
        return Err(missing);
    }
    if value.chars().count() > max {
        return Err(Text::new("内容过长。", "This is too long."));
    }
    Ok(value.to_string())
}

impl VisitForm {
    /// Checks the form against `today`: a visit is logged on or after the day it happened.
    pub fn validate(&self, today: time::Date) -> Result<NewVisit, Text> {
        let visited_on = crate::calendar::parse_date(self.visited_on.trim())
            .filter(|day| *day <= today)
            .ok_or(Text::new(
                "请填写走访日期（不晚于今天）。",
                "Enter the day of the visit (today or earlier).",
            ))?;
        let household = bounded(
            &self.household,
            MAX_HOUSEHOLD_CHARS,
            Some(Text::new(
                "请填写走访的住户或地址。",
                "Enter the household or address visited.",
            )),
        )?;
        let notes = bounded(&self.notes, MAX_NOTES_CHARS, None)?;
        let opinions: Vec<String> = self
            .opinions
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(|line| bounded(line, MAX_OPINION_CHARS, None))
            .collect::<Result<_, _>>()?;
        if opinions.len() > MAX_OPINIONS {
            return Err(Text::new(
                "每次走访最多记录 20 条意见。",
                "At most 20 opinions per visit.",
            ));
        }
        let campaign = match self.campaign.trim() {
            "" => None,
            id => Some(
                id.parse::<i64>()
                    .map_err(|_| Text::new("请选择活动。", "Choose a campaign."))?,
            ),
        };
        Ok(NewVisit {
            visited_on,
            household,
            notes,
            opinions,
            campaign,
        })
    }
}

/// The campaign form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignForm {
    #[serde(default)]
    pub station: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub starts_on: String,
    #[serde(default)]
    pub ends_on: String,
    #[serde(default)]
    pub target: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCampaign {
    pub station: crate::stations::StationSlug,
    pub title: String,
    pub starts_on: time::Date,
    pub ends_on: time::Date,
    pub target: i64,
}

impl CampaignForm {
    pub fn validate(&self) -> Result<NewCampaign, Text> {
        let station = crate::stations::StationSlug::parse(self.station.trim())
            .ok_or(Text::new("请选择派出所。", "Choose a station."))?;
        let title = bounded(
            &self.title,
            100,
            Some(Text::new("请填写活动名称。", "Enter the campaign's title.")),
        )?;
        let day = |value: &str| crate::calendar::parse_date(value.trim());
        let (Some(starts_on), Some(ends_on)) = (day(&self.starts_on), day(&self.ends_on)) else {
            return Err(Text::new(
                "请填写开始和结束日期。",
                "Enter the first and last day.",
            ));
        };
        if ends_on < starts_on {
            return Err(Text::new(
                "结束日期不能早于开始日期。",
                "The last day comes after the first.",
            ));
        }
        let target = self
            .target
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=1000).contains(n))
            .ok_or(Text::new(
                "每名民警的走访目标为 1 至 1000 户。",
                "The target is 1 to 1,000 visits per officer.",
            ))?;
        Ok(NewCampaign {
            station,
            title,
            starts_on,
            ends_on,
            target,
        })
    }
}

/// A logged visit as the officer's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitView {
    pub id: i64,
    pub visited_on: String,
    pub household: String,
    pub notes: String,
    pub campaign: Option<String>,
    pub opinions: Vec<OpinionView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpinionView {
    pub id: i64,
    pub text: String,
    /// The case it became.
    pub case_reference: Option<String>,
    /// The rating an officer once recorded from it for the resident (no longer possible;
    /// in no figure).
    pub rating: Option<RatingLevel>,
}

/// A campaign and each officer's visits in its period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignProgress {
    pub id: i64,
    pub station: String,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub target: i64,
    /// (officer name, badge, visits)
    pub officers: Vec<(String, String, i64)>,
}

/// What the visits page loads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyVisits {
    pub visits: Vec<VisitView>,
    /// Campaigns running today at the officer's station: (id, title).
    pub campaigns: Vec<(i64, String)>,
    pub today: String,
}

/// What the visits page shows after a refused form, or after an opinion became a case
/// (its reference and access code, once, to hand to the resident).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VisitPageState {
    pub form: VisitForm,
    pub error: Option<Text>,
    pub opened_case: Option<(String, String)>,
}

/// What the campaigns page shows after a refused form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CampaignPageState {
    pub form: CampaignForm,
    pub error: Option<Text>,
}

/// An opinion turned into a case: which kind.
pub fn opinion_case_kind(code: &str) -> Option<CaseKind> {
    CaseKind::parse(code.trim()).filter(|kind| CaseKind::FILED_BY_RESIDENTS.contains(kind))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_visit_has_a_past_day_a_household_and_bounded_opinions() {
        let today = date!(2026 - 11 - 27);
        let mut form = VisitForm {
            visited_on: "2026-11-27".into(),
            household: "东街 3 号 2 单元".into(),
            notes: String::new(),
            opinions: "路灯不亮\n\n  希望多巡逻  \n".into(),
            campaign: String::new(),
        };
        let visit = form.validate(today).unwrap();
        assert_eq!(visit.opinions, ["路灯不亮", "希望多巡逻"]);
        form.visited_on = "2026-11-28".into();
        assert!(form.validate(today).is_err(), "not in the future");
        form.visited_on = "2026-11-20".into();
        form.household = " ".into();
        assert!(form.validate(today).is_err());
        form.household = "x".into();
        form.opinions = "意见\n".repeat(21);
        assert!(form.validate(today).is_err());
    }

    #[test]
    fn a_campaign_has_an_ordered_period_and_a_target() {
        let mut form = CampaignForm {
            station: "qishan".into(),
            title: "开门评警 12 月".into(),
            starts_on: "2026-12-01".into(),
            ends_on: "2026-12-31".into(),
            target: "30".into(),
        };
        assert_eq!(form.validate().unwrap().target, 30);
        form.ends_on = "2026-11-30".into();
        assert!(form.validate().is_err());
        form.ends_on = "2026-12-31".into();
        form.target = "0".into();
        assert!(form.validate().is_err());
        assert_eq!(opinion_case_kind("tip"), Some(CaseKind::Tip));
        assert_eq!(opinion_case_kind("rating_review"), None);
    }
}
