//! OpenDoor's Leptos application: the pages, components and server functions shared by
//! the server (feature `ssr`) and the browser (feature `hydrate`).

/// `AsRef<str>` and `Display` for a validated string newtype (`struct X(String)`).
#[macro_export]
macro_rules! string_newtype {
    ($name:ident) => {
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

/// Defines a closed set of codes with their labels in both languages.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => ($code:literal, $zh:literal, $en:literal),)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name { $($variant,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The stable code stored in the database and sent by forms.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            pub fn parse(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)* _ => None }
            }

            pub fn label(self) -> $crate::i18n::Text {
                match self { $($name::$variant => $crate::i18n::Text::new($zh, $en),)* }
            }
        }

        /// Strict decoding of a stored code: an unknown code is an error, never a
        /// default (`#[sqlx(try_from = "String")]` on a row's field).
        impl TryFrom<String> for $name {
            type Error = $crate::UnknownCode;

            fn try_from(code: String) -> Result<Self, Self::Error> {
                $name::parse(&code).ok_or($crate::UnknownCode {
                    kind: stringify!($name),
                    code,
                })
            }
        }
    };
}

/// A stored code that names no known value: the row is refused rather than read as a
/// default (an unknown case kind once became 咨询 in the rights path, which fails open).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} code {code:?}")]
pub struct UnknownCode {
    pub kind: &'static str,
    pub code: String,
}

// Before the modules that route and link: its `page!` macro is in scope after it.
#[macro_use]
pub mod paths;

pub mod accounts;
pub mod admin;
pub mod app;
pub mod calendar;
pub mod cases;
pub mod codes;
pub mod components;
pub mod error;
pub mod i18n;
pub mod mail;
pub mod pages;
pub mod prefs;
pub mod printing;
pub mod ratings;
pub mod reports;
pub mod signals;
pub mod staff;
pub mod stations;
pub mod visits;
pub mod workspace;

#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod cookies;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod leases;
#[cfg(feature = "ssr")]
pub mod limits;
#[cfg(feature = "ssr")]
pub mod qr;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod submissions;

/// Entry point of the WASM bundle. Leptos runs in islands mode: pages are rendered on
/// the server only and work without JavaScript; the bundle carries just the interactive
/// islands (`#[island]`) that enhance them, which keeps a resident's first load small.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
