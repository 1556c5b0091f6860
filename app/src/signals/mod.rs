//! Fraud signals for inspectors: patterns in the ratings that a station or an officer
//! inflating (or a resident flooding) its figures would leave. A bounded job
//! ([`detect`]) finds them; an inspector reviews each one at `/staff/inspector/signals`
//! and may take its ratings out of the published figures with a reason ([`store`]),
//! audited and reversible until the month is published. A signal is a flag: it deletes
//! nothing, and a rating it names counts until an inspector decides otherwise.
//!
//! Sources are keyed hashes of the client's address ([`source_of`]): two ratings from
//! one address compare equal, and nobody can read the address back.

pub mod api;
#[cfg(feature = "ssr")]
pub mod detect;
#[cfg(feature = "ssr")]
pub mod store;

use crate::i18n::Text;
use crate::reports::counting::ExclusionReason;
use serde::{Deserialize, Serialize};

coded_enum! {
    /// What a signal found.
    SignalKind {
        BurstFromSource => ("burst_source", "同一来源集中好评", "Good ratings in a burst from one source"),
        BurstInMinutes => ("burst_minutes", "数分钟内集中好评", "Good ratings in a burst within minutes"),
        CodeAtIssuer => ("code_at_issuer", "服务码在发码网络兑换", "Service codes redeemed where they were issued"),
        CodeTooFast => ("code_too_fast", "服务码发出后数秒即兑换", "Service codes redeemed seconds after issue"),
        LowRedemption => ("low_redemption", "民警服务码兑换率远低于本所", "An officer's codes redeemed far less often than the station's"),
        BadFromSource => ("bad_from_source", "同一来源集中差评", "Bad ratings in a burst from one source"),
    }
}

impl SignalKind {
    /// The reason its ratings are excluded under; `None` when the signal is about codes
    /// never redeemed, so there is nothing to exclude.
    pub fn exclusion(self) -> Option<ExclusionReason> {
        match self {
            SignalKind::BurstFromSource | SignalKind::BurstInMinutes => {
                Some(ExclusionReason::Burst)
            }
            SignalKind::CodeAtIssuer | SignalKind::CodeTooFast => Some(ExclusionReason::CodeMisuse),
            SignalKind::BadFromSource => Some(ExclusionReason::BadBurst),
            SignalKind::LowRedemption => None,
        }
    }

    /// What the inspector reads under the signal's title: the rule that fired.
    pub fn rule(self) -> Text {
        match self {
            SignalKind::BurstFromSource => Text::new(
                "同一来源（同一网络地址）24 小时内对同一对象提交 5 条以上未核验好评。",
                "Five or more unverified good ratings of one officer or station from one source (network address) within 24 hours.",
            ),
            SignalKind::BurstInMinutes => Text::new(
                "10 分钟内对同一对象提交 10 条以上未核验好评，且达到该对象前后两天平常速度的 5 倍以上，不论来源。",
                "Ten or more unverified good ratings of one officer or station within 10 minutes, and at least five times its usual pace over the two days around them, from any source.",
            ),
            SignalKind::CodeAtIssuer => Text::new(
                "服务码在本所 30 天内发过码的网络（所内电脑、民警手机所在的网络）上兑换。",
                "Service codes redeemed from a network the station issued codes from in the last 30 days (its computers, its officers' phones).",
            ),
            SignalKind::CodeTooFast => Text::new(
                "服务码发出后 20 秒内即兑换：群众来不及扫码、选择和提交。",
                "Service codes redeemed within 20 seconds of issue: too fast for a resident to scan, choose and submit.",
            ),
            SignalKind::LowRedemption => Text::new(
                "当月发出 20 个以上服务码，兑换率不到本所的一半：服务码可能只发给了满意的群众。",
                "Twenty or more codes issued in the month, redeemed at under half the station's rate: codes may be going only to satisfied residents.",
            ),
            SignalKind::BadFromSource => Text::new(
                "同一来源 24 小时内对同一派出所提交 5 条以上差评。",
                "Five or more bad ratings about one station from one source within 24 hours.",
            ),
        }
    }
}

/// Good ratings from one source for one target, in [`DAY_MILLIS`]: a burst.
pub const BURST_FROM_SOURCE: usize = 5;
/// Good ratings for one target within [`MINUTES_WINDOW_MILLIS`], from anywhere: a burst,
/// if that is also [`PACE_FACTOR`] times the target's usual pace over the days read.
pub const BURST_IN_MINUTES: usize = 10;
pub const PACE_FACTOR: usize = 5;
pub const MINUTES_WINDOW_MILLIS: i64 = 10 * 60_000;
/// A code redeemed this soon after issue was not redeemed by a resident who was served.
pub const TOO_FAST_MILLIS: i64 = 20_000;
/// Bad ratings from one source about one station in a day: a burst.
pub const BAD_FROM_SOURCE: usize = 5;
/// An officer's month is judged for redemption from this many codes issued.
pub const LOW_REDEMPTION_MIN_ISSUED: i64 = 20;
pub const DAY_MILLIS: i64 = 24 * 3_600_000;

/// The longest a review note may be.
pub const NOTE_MAX_CHARS: usize = 300;

/// A signal as the inspector sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalView {
    pub id: i64,
    pub kind: SignalKind,
    pub station_zh: String,
    pub station_en: String,
    /// (name in Chinese, in English, badge)
    pub officer: Option<(String, String, String)>,
    pub month: String,
    /// `YYYY-MM-DD HH:MM`, China Standard Time.
    pub first_at: String,
    pub last_at: String,
    /// The ratings it names, by level (非常不满意 … 非常满意).
    pub levels: [i64; 5],
    /// Of those, how many an inspector excluded through this signal.
    pub excluded: i64,
    /// For [`SignalKind::LowRedemption`]: (officer's codes issued, redeemed; the
    /// station's issued, redeemed).
    pub codes: Option<(i64, i64, i64, i64)>,
    /// The month is published: its figures are frozen, and so are the exclusions.
    pub frozen: bool,
    /// (who, when, note) once an inspector decided.
    pub reviewed: Option<(String, String, String)>,
}

impl SignalView {
    pub fn ratings(&self) -> i64 {
        self.levels.iter().sum()
    }
}

/// `/staff/inspector/signals`: signals not yet reviewed (oldest first), then the latest
/// reviewed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalsPage {
    pub open: Vec<SignalView>,
    /// Every open signal the inspector may review, listed or not (the page lists the
    /// oldest first, up to a bound).
    pub open_total: i64,
    pub reviewed: Vec<SignalView>,
}

/// The note every decision carries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionForm {
    /// `exclude`, `restore` or `leave`: the button pressed.
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub note: String,
}

impl DecisionForm {
    /// The note, trimmed: required, at most [`NOTE_MAX_CHARS`].
    pub fn validate(&self) -> Result<String, Text> {
        let note = self.note.trim();
        if note.is_empty() {
            return Err(Text::new(
                "请写明理由：它记入审计日志。",
                "Please give the reason: it goes into the audit log.",
            ));
        }
        if note.chars().count() > NOTE_MAX_CHARS {
            return Err(Text::new(
                "理由不超过 300 字。",
                "The reason takes at most 300 characters.",
            ));
        }
        Ok(note.to_string())
    }
}

/// What a refused decision shows, above the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignalsPageState {
    pub error: Option<Text>,
}

/// The keyed hash a rating's (or a code's issuer's) address is stored as: 16 hex
/// characters of HMAC-SHA-256 under the audit key, so that an IPv4 address cannot be
/// found by hashing all four billion.
#[cfg(feature = "ssr")]
pub fn source_of(key: &crate::audit::AuditKey, client: std::net::IpAddr) -> String {
    key.tag("rating-source", &client.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_signal_about_ratings_has_a_reason_to_exclude_them() {
        for kind in SignalKind::ALL {
            assert_eq!(
                kind.exclusion().is_none(),
                *kind == SignalKind::LowRedemption,
                "{kind:?}"
            );
        }
    }

    #[test]
    fn the_rules_say_the_thresholds_the_job_applies() {
        let says = |kind: SignalKind, zh: &str, en: &str| {
            let rule = kind.rule();
            assert!(rule.zh.contains(zh) && rule.en.contains(en), "{kind:?}");
        };
        assert_eq!((BURST_FROM_SOURCE, DAY_MILLIS), (5, 24 * 3_600_000));
        says(
            SignalKind::BurstFromSource,
            "24 小时内对同一对象提交 5 条",
            "Five or more",
        );
        assert_eq!((BURST_IN_MINUTES, MINUTES_WINDOW_MILLIS), (10, 600_000));
        says(
            SignalKind::BurstInMinutes,
            "10 分钟内对同一对象提交 10 条",
            "Ten or more",
        );
        assert_eq!(TOO_FAST_MILLIS, 20_000);
        says(SignalKind::CodeTooFast, "20 秒内", "within 20 seconds");
        assert_eq!(LOW_REDEMPTION_MIN_ISSUED, 20);
        says(SignalKind::LowRedemption, "20 个以上", "Twenty or more");
        assert_eq!(BAD_FROM_SOURCE, 5);
        says(
            SignalKind::BadFromSource,
            "5 条以上差评",
            "Five or more bad",
        );
    }

    #[test]
    fn a_decision_needs_a_short_reason() {
        let form = |note: &str| DecisionForm {
            note: note.into(),
            ..DecisionForm::default()
        };
        assert!(form("  ").validate().is_err());
        assert!(form(&"刷".repeat(301)).validate().is_err());
        assert_eq!(form(" 同一网吧 ").validate().unwrap(), "同一网吧");
    }
}
