//! A service code issued on demand (`/staff/code`): after a service, or at the end of a
//! household visit, the officer taps once and the phone shows the resident a fresh
//! one-time code, as a QR code and typed. The resident rates on their own phone; the code
//! makes the rating verified (channel `service_code`) or, for a visit, channel `visit`,
//! counted apart. Nobody rates for a resident.
//!
//! The code is tied to the officer who showed it and the service, and expires after
//! [`VALID_HOURS`]: a code printed in a batch can be kept for the happy residents, a code
//! shown now is for the resident standing there. A station's counter tablet (role
//! `window`) shows codes the same way for counter services; its codes name no officer
//! and rate the station.

use super::ServiceType;
use crate::i18n::Text;
use serde::{Deserialize, Serialize};

/// How long a code shown on the phone stays valid.
pub const VALID_HOURS: i64 = 4;

/// The most codes one account (an officer's, a counter tablet's) shows in a day (China
/// Standard Time): more than a busy counter serves, fewer than a stock to farm.
pub const SHOWN_PER_DAY: i64 = 200;

/// A counter tablet shows one code a minute at most: it stands unattended at the
/// counter, where anyone could tap it for codes to rate with.
pub const TABLET_GAP_SECONDS: i64 = 60;

/// The one-tap form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowCodeForm {
    #[serde(default)]
    pub service_type: String,
}

impl ShowCodeForm {
    pub fn validate(&self) -> Result<ServiceType, Text> {
        ServiceType::parse(self.service_type.trim())
            .ok_or(Text::new("请选择服务类型。", "Please choose a service."))
    }
}

/// The code just issued, shown once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownCode {
    /// As typed: `ABCDE-FGHJK`.
    pub code: String,
    /// The address the QR code holds.
    pub url: String,
    pub qr_svg: String,
    pub service_type: ServiceType,
    /// `HH:MM`, China Standard Time.
    pub valid_until: String,
}

/// What `/staff/code` shows: the form (after a refusal, with its error), or the code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShowCodeState {
    pub form: ShowCodeForm,
    pub error: Option<Text>,
    pub shown: Option<ShownCode>,
}

/// The channel a code for `service` makes its rating in.
pub fn channel_of(service: ServiceType) -> super::RatingChannel {
    if service == ServiceType::CommunityVisit {
        super::RatingChannel::Visit
    } else {
        super::RatingChannel::ServiceCode
    }
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::accounts::Role;
    use crate::codes::ServiceCode;
    use crate::db::Db;
    use crate::staff::StaffMember;

    #[derive(Debug, thiserror::Error)]
    pub enum ShowCodeError {
        /// 403: only an active officer, or the counter tablet, of an active station shows
        /// codes.
        #[error("only an officer or a counter tablet shows service codes")]
        NotAnIssuer,
        /// 422: a counter tablet shows codes for counter services only.
        #[error("not a counter service")]
        NotAtTheCounter,
        /// 422: the account has shown [`SHOWN_PER_DAY`] codes today.
        #[error("the account has shown today's codes")]
        DailyCap,
        /// 422: a counter tablet's last code is less than [`TABLET_GAP_SECONDS`] old.
        #[error("the tablet showed a code a moment ago")]
        TooSoon,
        #[error(transparent)]
        Database(#[from] sqlx::Error),
    }

    /// Who a code shown now is tied to: `(officer, station)`. An officer's code is the
    /// officer's own; a counter tablet's names no officer and rates its station.
    async fn issuer_of(
        db: &Db,
        member: &StaffMember,
    ) -> Result<Option<(Option<i64>, i64)>, sqlx::Error> {
        if let Some((officer_id, _, station_id)) =
            crate::visits::store::officer_of(db.reader(), member).await?
        {
            return Ok(Some((Some(officer_id), station_id)));
        }
        if !member.holds_anywhere(Role::Window) {
            return Ok(None);
        }
        // The session admits a tablet's role only alone, so there is one station.
        let stations: Vec<(i64,)> = sqlx::query_as(
            "SELECT station_id FROM staff_roles WHERE account_id = $1 AND role = $2",
        )
        .bind(member.account_id)
        .bind(Role::Window.as_str())
        .fetch_all(db.reader())
        .await?;
        Ok(match stations.as_slice() {
            [(station_id,)] => Some((None, *station_id)),
            _ => None,
        })
    }

    /// Issues one code for `service`, tied to the caller's own officer record (or, for a
    /// counter tablet, to its station alone), in one statement. Returns the code and
    /// when it expires.
    pub async fn issue_one(
        db: &Db,
        member: &StaffMember,
        service: ServiceType,
        issued_source: &str,
        now: i64,
    ) -> Result<(ServiceCode, i64), ShowCodeError> {
        let (officer_id, station_id) = issuer_of(db, member)
            .await?
            .ok_or(ShowCodeError::NotAnIssuer)?;
        if officer_id.is_none() && !service.at_the_counter() {
            return Err(ShowCodeError::NotAtTheCounter);
        }
        // The cap counts what this account showed (printed batches have their own).
        let (active, shown_today, last): (i64, i64, Option<i64>) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM stations WHERE id = $1 AND active = 1),
                    COUNT(*), MAX(created_at)
             FROM service_codes WHERE issued_by = $2 AND created_at >= $3 AND batch IS NULL",
        )
        .bind(station_id)
        .bind(member.account_id)
        .bind(crate::calendar::start_of_local_day(now))
        .fetch_one(db.reader())
        .await?;
        if active == 0 {
            return Err(ShowCodeError::NotAnIssuer);
        }
        if shown_today >= SHOWN_PER_DAY {
            return Err(ShowCodeError::DailyCap);
        }
        if officer_id.is_none() && last.is_some_and(|last| now - last < TABLET_GAP_SECONDS * 1000) {
            return Err(ShowCodeError::TooSoon);
        }
        let expires_at = now + VALID_HOURS * 3_600_000;
        loop {
            let code = ServiceCode::generate();
            // 50 random bits: a collision is astronomically unlikely, but never fatal.
            let inserted = sqlx::query(
                "INSERT INTO service_codes (code_hash, station_id, officer_id, service_type, channel,
                                            issued_by, created_at, expires_at, issued_source)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (code_hash) DO NOTHING",
            )
            .bind(code.hash())
            .bind(station_id)
            .bind(officer_id)
            .bind(service.code())
            .bind(channel_of(service).code())
            .bind(member.account_id)
            .bind(now)
            .bind(expires_at)
            .bind(issued_source)
            .execute(db.writer())
            .await?;
            if inserted.rows_affected() == 1 {
                return Ok((code, expires_at));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ratings::RatingChannel;

    #[test]
    fn a_visit_code_rates_the_visit_and_any_other_the_service() {
        assert_eq!(
            channel_of(ServiceType::CommunityVisit),
            RatingChannel::Visit
        );
        for service in ServiceType::ALL {
            if *service != ServiceType::CommunityVisit {
                assert_eq!(channel_of(*service), RatingChannel::ServiceCode);
            }
        }
        let form = ShowCodeForm {
            service_type: "nonsense".into(),
        };
        assert!(form.validate().is_err());
    }

    #[test]
    fn a_counter_tablet_shows_codes_for_counter_services_only() {
        let at_the_counter: Vec<ServiceType> = ServiceType::ALL
            .iter()
            .copied()
            .filter(|service| service.at_the_counter())
            .collect();
        assert_eq!(
            at_the_counter,
            [
                ServiceType::Household,
                ServiceType::Emergency,
                ServiceType::CaseFiling,
                ServiceType::Counter,
                ServiceType::Other,
            ]
        );
    }

    #[test]
    fn the_code_pages_say_how_long_a_code_lasts() {
        use crate::i18n::messages as m;
        for intro in [m::SHOW_CODE_INTRO, m::SHOW_CODE_INTRO_TABLET] {
            assert!(
                intro.zh.contains(&format!("{VALID_HOURS} 小时")),
                "{}",
                intro.zh
            );
            assert!(
                intro.en.contains(&format!("{VALID_HOURS} hours")),
                "{}",
                intro.en
            );
        }
    }
}
