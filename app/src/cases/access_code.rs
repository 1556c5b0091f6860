//! The access code that, with the reference, opens a case's tracking page. Shown to the
//! resident once; the database keeps only its hash.

use std::fmt;

/// Crockford's base32 alphabet: no I, L, O or U, so it reads back unambiguously.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Ten characters of five bits: 50 random bits.
const LENGTH: usize = 10;

/// Not `Serialize`, and `Debug` does not show it.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessCode(String);

impl AccessCode {
    /// Builds a code from 10 random values (each reduced to 5 bits).
    pub fn from_random(random: [u8; LENGTH]) -> AccessCode {
        AccessCode(
            random
                .iter()
                .map(|b| ALPHABET[(b & 31) as usize] as char)
                .collect(),
        )
    }

    /// Accepts the code as printed (`ABCDE-FGHJK`) or typed: any case, spaces and
    /// hyphens, and the letters people confuse with digits (O→0, I/L→1).
    pub fn parse(value: &str) -> Option<AccessCode> {
        let mut code = String::with_capacity(LENGTH);
        for c in value.chars().filter(|c| !c.is_whitespace() && *c != '-') {
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
                return None;
            }
            code.push(c);
        }
        (code.len() == LENGTH).then_some(AccessCode(code))
    }

    /// The canonical form, which is what gets hashed.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// As printed on the receipt: two groups of five.
    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..5], &self.0[5..])
    }
}

impl fmt::Debug for AccessCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessCode(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::AccessCode;

    #[test]
    fn carries_fifty_bits_in_ten_characters() {
        let code = AccessCode::from_random([0, 1, 2, 3, 4, 5, 30, 31, 32, 255]);
        assert_eq!(code.expose(), "012345YZ0Z");
        assert_eq!(code.display(), "01234-5YZ0Z");
    }

    #[test]
    fn reads_back_what_was_printed_or_typed() {
        let code = AccessCode::from_random([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
        assert_eq!(code.expose(), "ABCDEFGHJK");
        assert_eq!(AccessCode::parse("abcde-fghjk"), Some(code.clone()));
        assert_eq!(AccessCode::parse(" ABCDE FGHJK "), Some(code));
        assert_eq!(
            AccessCode::parse("O1234-5678I").unwrap().expose(),
            "0123456781"
        );
    }

    #[test]
    fn rejects_anything_else() {
        for bad in [
            "",
            "ABCDE",
            "ABCDE-FGHJKM",
            "ABCDE-FGHJU",
            "ABCDE-FGHJ!",
            "ＡBCDE-FGHJK",
        ] {
            assert!(AccessCode::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn debug_hides_the_code() {
        let code = AccessCode::parse("ABCDE-FGHJK").unwrap();
        assert!(!format!("{code:?}").contains("ABCDE"));
    }
}
