//! The TOTP second factor (RFC 6238 as authenticator apps expect it: SHA-1, six digits,
//! 30-second steps, one step of clock skew either way), and the QR code that enrols it.

use totp_rs::{Algorithm, Secret, TOTP};

const ISSUER: &str = "OpenDoor";

fn totp(secret: &str, username: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret.to_string()).to_bytes().ok()?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        30,
        bytes,
        Some(ISSUER.to_string()),
        username.to_string(),
    )
    .ok()
}

/// A fresh 160-bit secret, base32 as apps show it.
pub fn new_secret() -> String {
    Secret::generate_secret().to_encoded().to_string()
}

/// True when `code` (spaces allowed) is the current code, or the one before or after.
pub fn check(secret: &str, username: &str, code: &str, unix_seconds: u64) -> bool {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    code.len() == 6
        && code.bytes().all(|b| b.is_ascii_digit())
        && totp(secret, username).is_some_and(|totp| totp.check(&code, unix_seconds))
}

/// The code for a moment (tests and the enrolment check use it).
pub fn code_at(secret: &str, username: &str, unix_seconds: u64) -> Option<String> {
    totp(secret, username).map(|totp| totp.generate(unix_seconds))
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn enrolment_url(secret: &str, username: &str) -> Option<String> {
    totp(secret, username).map(|totp| totp.get_url())
}

/// The enrolment QR code as an SVG document.
pub fn qr_svg(text: &str) -> Option<String> {
    crate::qr::svg(text, 200)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_accepted_in_its_window_only() {
        let secret = new_secret();
        let now = 1_790_000_000;
        let code = code_at(&secret, "leader.qishan", now).unwrap();
        assert!(check(&secret, "leader.qishan", &code, now));
        assert!(
            check(&secret, "leader.qishan", &code, now + 30),
            "one step of skew"
        );
        assert!(!check(&secret, "leader.qishan", &code, now + 120));
        assert!(!check(&secret, "leader.qishan", "12345", now));
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert!(check(&secret, "leader.qishan", &spaced, now));
    }

    #[test]
    fn the_qr_code_is_svg_for_the_otpauth_address() {
        let url = enrolment_url(&new_secret(), "admin").unwrap();
        assert!(url.starts_with("otpauth://totp/OpenDoor:admin?"), "{url}");
        let svg = qr_svg(&url).unwrap();
        assert!(svg.contains("<svg") && svg.contains("</svg>"));
    }
}
