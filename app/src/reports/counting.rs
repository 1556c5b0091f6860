//! Which published figure a rating counts in: one rule, used by the draft, the trend and
//! the officers' own figures, so that no page can merge what the others keep apart.
//!
//! - **Verified** (已核验): a one-time service code the resident redeemed on their own
//!   phone after a service at the station. The headline 好评率 and the trend use these
//!   only.
//! - **Unverified** (未核验): scanned from an officer's or a station's QR code; anyone can
//!   submit one. Shown beside the headline, never merged into it.
//! - **Visit** (入户走访): a code the visiting officer showed, redeemed by the resident on
//!   their own phone. The officer chose the household, so these are reported apart and
//!   never enter an officer's own figures.
//! - **Excluded**: stored, counted by reason, and in no rate. Ratings an officer recorded
//!   on a resident's behalf before that was removed are the first reason; the others are
//!   an inspector's, through a fraud signal ([`crate::signals`]), until the month is
//!   published.

use crate::ratings::RatingChannel;

coded_enum! {
    /// Why a stored rating is in no published rate.
    ExclusionReason {
        OnBehalf => ("on_behalf", "民警代录的走访评价", "Recorded by an officer for a resident on a visit"),
        Burst => ("burst", "经督察审查为集中刷评（同一来源或数分钟内的好评）", "Found by an inspector to be a burst of good ratings (one source, or minutes apart)"),
        CodeMisuse => ("code_misuse", "经督察审查为服务码异常兑换（在本所发码的网络兑换或发码后数秒内兑换）", "Found by an inspector to be codes redeemed from a network their station issued codes from, or seconds after issue"),
        BadBurst => ("bad_burst", "经督察审查为同一来源集中差评", "Found by an inspector to be a burst of bad ratings from one source"),
    }
}

/// Where a rating counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    Verified,
    Unverified,
    Visit,
    Excluded(ExclusionReason),
}

impl Counted {
    /// The class of a rating from its rollup keys: `excluded` is an inspector's reason,
    /// `None` when the rating counts.
    pub fn of(
        channel: RatingChannel,
        verified: bool,
        excluded: Option<ExclusionReason>,
    ) -> Counted {
        if let Some(reason) = excluded {
            return Counted::Excluded(reason);
        }
        match (channel, verified) {
            (RatingChannel::Visit, true) => Counted::Visit,
            // Before visit codes, the officer typed the resident's level himself.
            (RatingChannel::Visit, false) => Counted::Excluded(ExclusionReason::OnBehalf),
            (_, true) => Counted::Verified,
            (_, false) => Counted::Unverified,
        }
    }
}

/// SQL over `rating_rollups` that keeps the rows [`Counted::Verified`] selects: what the
/// headline trend reads.
pub const VERIFIED_SQL: &str = "verified = 1 AND channel <> 'visit' AND excluded = ''";

/// SQL keeping the rows that may enter an officer's own figures: no visit ratings, none
/// an inspector excluded.
pub const OFFICER_OWN_SQL: &str = "channel <> 'visit' AND excluded = ''";

/// SQL keeping the tag rollup rows of counted ratings.
pub const COUNTED_TAGS_SQL: &str = "excluded = ''";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visits_are_apart_and_ratings_typed_by_officers_are_excluded() {
        use RatingChannel::*;
        assert_eq!(Counted::of(ServiceCode, true, None), Counted::Verified);
        assert_eq!(Counted::of(OfficerQr, false, None), Counted::Unverified);
        assert_eq!(Counted::of(StationQr, false, None), Counted::Unverified);
        assert_eq!(Counted::of(Visit, true, None), Counted::Visit);
        assert_eq!(
            Counted::of(Visit, false, None),
            Counted::Excluded(ExclusionReason::OnBehalf)
        );
    }

    #[test]
    fn an_inspectors_exclusion_wins_over_every_channel() {
        use RatingChannel::*;
        for channel in [ServiceCode, OfficerQr, StationQr, Visit] {
            for verified in [true, false] {
                assert_eq!(
                    Counted::of(channel, verified, Some(ExclusionReason::Burst)),
                    Counted::Excluded(ExclusionReason::Burst)
                );
            }
        }
    }
}
