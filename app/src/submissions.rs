//! One stored record per submission: per rendered form, per browser, per content. Each
//! form carries a random token; each browser a random HttpOnly cookie. A submission is
//! stored under the hash of both and of what it says, so the same browser sending the
//! same form again (a double tap, Back and resend) finds the first record and is told
//! it was received, while another browser resending a token it found (the Back button
//! on a shared phone or a station kiosk) makes a submission of its own and never sees,
//! or resets, the first resident's code.

use sha2::{Digest, Sha256};

/// A fresh token for a rendered form: 24 random letters and digits.
pub fn new_form_token() -> String {
    use rand::distr::{Alphanumeric, SampleString};
    Alphanumeric.sample_string(&mut rand::rng(), 24)
}

/// The browser's cookie: 128 random bits, hex; a browser session long.
pub const BROWSER_COOKIE: &str = "od_browser";

/// The key a submission is stored under: the form's token, the browser, and every part
/// of what was submitted, each length-prefixed so no two submissions encode alike.
pub fn submission_key(token: &str, browser: Option<&str>, content: &[&str]) -> String {
    let mut hash = Sha256::new();
    for part in [token, browser.unwrap_or("")].iter().chain(content) {
        hash.update((part.len() as u64).to_be_bytes());
        hash.update(part.as_bytes());
    }
    hex::encode(hash.finalize())
}

/// The key of a submission from the browser that sent `headers` ([`submission_key`]).
pub fn browser_submission_key(
    token: &str,
    headers: &http::HeaderMap,
    content: &[String],
) -> String {
    let content: Vec<&str> = content.iter().map(String::as_str).collect();
    submission_key(token, browser_of(headers).as_deref(), &content)
}

/// The browser's cookie from a request, if it holds a well-formed one.
pub fn browser_of(headers: &http::HeaderMap) -> Option<String> {
    crate::cookies::read(headers, BROWSER_COOKIE)
        .filter(|value| value.len() == 32 && value.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `Set-Cookie` giving a browser its cookie.
pub fn browser_cookie(secure: bool) -> String {
    use rand::RngCore;
    let mut random = [0u8; 16];
    rand::rng().fill_bytes(&mut random);
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{BROWSER_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax{secure}",
        hex::encode(random)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_follows_token_browser_and_content() {
        let key = |token, browser, text| submission_key(token, browser, &[text]);
        let first = key("token-0000000000000001", Some("aa"), "楼道灯坏了");
        assert_eq!(
            first,
            key("token-0000000000000001", Some("aa"), "楼道灯坏了")
        );
        assert_ne!(
            first,
            key("token-0000000000000001", Some("bb"), "楼道灯坏了")
        );
        assert_ne!(first, key("token-0000000000000001", Some("aa"), "路灯坏了"));
        assert_ne!(
            first,
            key("token-0000000000000002", Some("aa"), "楼道灯坏了")
        );
        // Parts cannot slide into each other.
        assert_ne!(
            submission_key("t", None, &["ab", "c"]),
            submission_key("t", None, &["a", "bc"])
        );
    }
}
