//! The short-lived cookies of the resident side (server only). Both hold a reference with
//! its access code, are HttpOnly and SameSite=Strict, and are scoped to the one path
//! that reads them:
//! - `od_receipt` carries a new request's access code from the POST to the receipt page,
//!   which shows it once and clears it (the code never appears in a URL or a log);
//! - `od_review` does the same for the 差评核实 a bad rating opened, to the thank-you page;
//! - `od_track` keeps a case open on `/track/{reference}` for half an hour after the
//!   resident typed its reference and code.

use crate::cases::{AccessCode, Reference};

pub const RECEIPT_COOKIE: &str = "od_receipt";
pub const RECEIPT_PATH: &str = crate::paths::RECEIPT.as_str();
pub const RECEIPT_SECONDS: u32 = 10 * 60;
/// Carries a 差评核实's access code from the rating's POST to the thank-you page.
pub const REVIEW_COOKIE: &str = "od_review";
pub const REVIEW_PATH: &str = crate::paths::RATED.as_str();
pub const TRACK_COOKIE: &str = "od_track";
pub const TRACK_PATH: &str = crate::paths::TRACK.as_str();
pub const TRACK_SECONDS: u32 = 30 * 60;

/// A cookie's value from a request's `Cookie` headers.
pub fn read(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
}

/// `Set-Cookie` for a case's reference and access code; `max_age` 0 clears it.
pub fn set_case(
    name: &str,
    path: &str,
    value: Option<(&Reference, &AccessCode)>,
    max_age: u32,
    secure: bool,
) -> String {
    let value = value
        .map(|(reference, code)| format!("{reference}:{}", code.expose()))
        .unwrap_or_default();
    let max_age = if value.is_empty() { 0 } else { max_age };
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}")
}

/// Reads a case cookie back.
pub fn parse_case(value: &str) -> Option<(Reference, AccessCode)> {
    let (reference, code) = value.split_once(':')?;
    Some((Reference::parse(reference)?, AccessCode::parse(code)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_clears() {
        let reference = Reference::parse("KM-2026-000123").unwrap();
        let code = AccessCode::parse("ABCDE-FGHJK").unwrap();
        let header = set_case(
            TRACK_COOKIE,
            TRACK_PATH,
            Some((&reference, &code)),
            60,
            true,
        );
        assert_eq!(
            header,
            "od_track=KM-2026-000123:ABCDEFGHJK; Path=/track; Max-Age=60; HttpOnly; SameSite=Strict; Secure"
        );
        let mut headers = http::HeaderMap::new();
        headers.insert(
            http::header::COOKIE,
            "od_lang=en; od_track=KM-2026-000123:ABCDEFGHJK"
                .parse()
                .unwrap(),
        );
        let (r, c) = parse_case(&read(&headers, TRACK_COOKIE).unwrap()).unwrap();
        assert_eq!((r, c.expose()), (reference, "ABCDEFGHJK"));
        assert!(
            set_case(TRACK_COOKIE, TRACK_PATH, None, 60, false)
                .contains("=; Path=/track; Max-Age=0;")
        );
    }
}
