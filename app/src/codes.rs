//! Short random codes that people read off paper and type: access codes (with a case's
//! reference they open its tracking page) and one-time service codes (printed on a slip
//! after a counter service; they make a rating verified). Ten characters of Crockford's
//! base32, 50 random bits; the database keeps only a SHA-256 hash.

use std::fmt;

/// Crockford's base32 alphabet: no I, L, O or U, so it reads back unambiguously.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH: usize = 10;

/// Builds a code from 10 random bytes, 5 bits each (256 is a multiple of 32: no bias).
fn encode(random: [u8; LENGTH]) -> String {
    random
        .iter()
        .map(|b| ALPHABET[(b & 31) as usize] as char)
        .collect()
}

/// The canonical form of what was printed (`ABCDE-FGHJK`) or typed: any case, spaces and
/// hyphens, and the letters people confuse with digits (O→0, I/L→1).
fn normalize(value: &str) -> Option<String> {
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
    (code.len() == LENGTH).then_some(code)
}

macro_rules! random_code {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        /// Not `Serialize`, and `Debug` does not show it.
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            pub fn from_random(random: [u8; LENGTH]) -> $name {
                $name(encode(random))
            }

            /// A fresh code from the operating system's random source.
            #[cfg(feature = "ssr")]
            pub fn generate() -> $name {
                use rand::RngCore;
                let mut random = [0u8; LENGTH];
                rand::rng().fill_bytes(&mut random);
                $name::from_random(random)
            }

            pub fn parse(value: &str) -> Option<$name> {
                normalize(value).map($name)
            }

            /// The canonical form.
            pub fn expose(&self) -> &str {
                &self.0
            }

            /// As printed: two groups of five.
            pub fn display(&self) -> String {
                format!("{}-{}", &self.0[..5], &self.0[5..])
            }

            /// What the database stores: SHA-256 of the canonical form, in hex. A plain
            /// hash is enough: 50 random bits, and guessing is rate-limited.
            #[cfg(feature = "ssr")]
            pub fn hash(&self) -> String {
                use sha2::{Digest, Sha256};
                hex::encode(Sha256::digest(self.0.as_bytes()))
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}(***)", stringify!($name))
            }
        }
    };
}

random_code!(
    /// Opens a case's tracking page together with its reference.
    AccessCode
);

random_code!(
    /// A one-time code that makes one rating verified.
    ServiceCode
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carries_fifty_bits_in_ten_characters() {
        let code = AccessCode::from_random([0, 1, 2, 3, 4, 5, 30, 31, 32, 255]);
        assert_eq!(code.expose(), "012345YZ0Z");
        assert_eq!(code.display(), "01234-5YZ0Z");
    }

    #[test]
    fn reads_back_what_was_printed_or_typed() {
        let code = ServiceCode::from_random([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
        assert_eq!(code.expose(), "ABCDEFGHJK");
        assert_eq!(ServiceCode::parse("abcde-fghjk"), Some(code.clone()));
        assert_eq!(ServiceCode::parse(" ABCDE FGHJK "), Some(code));
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

    #[cfg(feature = "ssr")]
    #[test]
    fn generated_codes_differ_and_hash_to_hex() {
        let (a, b) = (ServiceCode::generate(), ServiceCode::generate());
        assert_ne!(a, b);
        assert_eq!(a.hash().len(), 64);
        assert_eq!(a.hash(), ServiceCode::parse(&a.display()).unwrap().hash());
    }
}
