//! Printed material: an officer's card with a QR code to their rating page, and sheets
//! of one-time service codes, each with a QR code to `/rate/{code}`. Codes are stored
//! only as hashes, so a sheet is shown once, when it is issued.

pub mod api;

use crate::i18n::Text;
use crate::ratings::ServiceType;
use crate::stations::{Names, OfficerCard};
use serde::{Deserialize, Serialize};

/// An officer's printable card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintedCard {
    pub officer: OfficerCard,
    /// The absolute address the QR code holds.
    pub url: String,
    pub qr_svg: String,
}

/// A station the caller may print for, with its officers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintableStation {
    pub slug: String,
    pub name: Names,
    /// (badge, name)
    pub officers: Vec<(String, Names)>,
}

/// The batch form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeBatchForm {
    #[serde(default)]
    pub station: String,
    #[serde(default)]
    pub officer: String,
    #[serde(default)]
    pub service_type: String,
    #[serde(default)]
    pub count: String,
    #[serde(default)]
    pub valid_days: String,
}

/// The most codes staff may print for one station in one day (China Standard Time): a
/// sheet for offices without phones, not a stock to hand to the satisfied. Codes shown on
/// an officer's phone are not printed and not capped.
pub const PRINTED_PER_DAY: i64 = 400;

/// The refusal when a sheet would pass [`PRINTED_PER_DAY`] (which it names; a test holds
/// the two together).
pub const DAILY_CAP_REACHED: Text = Text::new(
    "本所今天打印的服务码将超过上限（每天 400 张）。请减少张数，或请民警用手机出示服务码。",
    "This sheet would take the station past its limit of 400 printed codes a day. Print fewer, or have officers show codes on their phones.",
);

/// The longest a printed code stays valid: a sheet for this month's services, not a
/// stock to keep for the satisfied (the month it is printed in is the month its
/// redemption rate is counted in).
pub const MAX_PRINTED_DAYS: u32 = 31;

/// The most codes on one printed sheet.
pub const MAX_SHEET: u32 = 200;

/// The audit log's action for a printed sheet.
pub const AUDIT_ACTION: &str = "service_codes_issued";

/// The audit log's detail for a printed sheet: who printed how many is what the
/// inspectors read there.
pub fn audit_detail(count: u32, station: &str, officer: Option<&str>) -> String {
    format!(
        "{count} codes, {station}, officer {}",
        officer.unwrap_or("-")
    )
}

/// A validated batch request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeBatchRequest {
    pub station: crate::stations::StationSlug,
    pub officer: Option<crate::stations::BadgeNumber>,
    pub service_type: ServiceType,
    pub count: u32,
    pub valid_days: u32,
}

impl CodeBatchForm {
    pub fn validate(&self) -> Result<CodeBatchRequest, Text> {
        let station = crate::stations::StationSlug::parse(self.station.trim())
            .ok_or(Text::new("请选择派出所。", "Please choose a station."))?;
        let officer = match self.officer.trim() {
            "" => None,
            badge => Some(crate::stations::BadgeNumber::parse(badge).ok_or(Text::new(
                "请选择本所民警。",
                "Please choose an officer of the station.",
            ))?),
        };
        let service_type = ServiceType::parse(self.service_type.trim())
            .ok_or(Text::new("请选择服务类型。", "Please choose a service."))?;
        let count = self
            .count
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_SHEET).contains(n))
            .ok_or(Text::new(
                "每批 1 至 200 张。",
                "A sheet holds 1 to 200 codes.",
            ))?;
        let valid_days = self
            .valid_days
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_PRINTED_DAYS).contains(n))
            .ok_or(Text::new(
                "有效期为 1 至 31 天。",
                "Codes are valid for 1 to 31 days.",
            ))?;
        Ok(CodeBatchRequest {
            station,
            officer,
            service_type,
            count,
            valid_days,
        })
    }
}

/// One slip of a printed sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slip {
    /// As printed: `ABCDE-FGHJK`.
    pub code: String,
    pub url: String,
    pub qr_svg: String,
}

/// What `/staff/service-codes` shows: the form (after a refusal, with its error), or
/// the sheet just issued.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodeBatchState {
    pub form: CodeBatchForm,
    pub error: Option<Text>,
    pub issued: Option<IssuedSheet>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedSheet {
    pub station: String,
    pub officer: Option<String>,
    pub service_type: ServiceType,
    pub expires_on: String,
    pub slips: Vec<Slip>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_daily_cap_refusal_names_the_cap() {
        let cap = PRINTED_PER_DAY.to_string();
        assert!(DAILY_CAP_REACHED.zh.contains(&cap) && DAILY_CAP_REACHED.en.contains(&cap));
    }

    #[test]
    fn a_batch_is_bounded_and_needs_a_station_and_service() {
        let mut form = CodeBatchForm {
            station: "qishan".into(),
            officer: "".into(),
            service_type: "counter".into(),
            count: "20".into(),
            valid_days: "30".into(),
        };
        assert_eq!(form.validate().unwrap().count, 20);
        form.count = "201".into();
        assert!(form.validate().is_err());
        form.count = "20".into();
        form.valid_days = "32".into();
        assert!(form.validate().is_err(), "a month at most");
        form.valid_days = "31".into();
        assert!(form.validate().is_ok());
        form.count = "1".into();
        form.officer = "12".into();
        assert!(form.validate().is_err());
        form.officer = "100001".into();
        assert!(form.validate().unwrap().officer.is_some());
        form.station = "".into();
        assert!(form.validate().is_err());
    }
}
