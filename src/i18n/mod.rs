//! The message catalogue: every sentence a person reads, in English, Spanish, French and Chinese.
//!
//! A small keyed table of our own rather than `leptos_i18n`: keys are an enum, so a
//! missing or misspelt key is a compile error, the catalogue is plain Rust that tests
//! natively (every key has every language), and it adds no build script or macro crate
//! to a wasm build whose size and compile time we watch. Numbers, money and dates are
//! formatted by locale in [`format`].

pub mod format;

use serde::{Deserialize, Serialize};

/// A language the product speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Locale {
    #[default]
    En,
    Es,
    Fr,
    Zh,
}

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::En, Locale::Es, Locale::Fr, Locale::Zh];

    /// The BCP 47 tag, as used in `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Es => "es",
            Locale::Fr => "fr",
            Locale::Zh => "zh",
        }
    }

    /// The language's own name for itself, for the language picker.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Es => "Español",
            Locale::Fr => "Français",
            Locale::Zh => "中文",
        }
    }

    /// The best match for a browser language tag such as `fr-CA`; English otherwise.
    pub fn from_tag(tag: &str) -> Locale {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        Locale::ALL
            .into_iter()
            .find(|l| l.tag() == primary)
            .unwrap_or_default()
    }
}

macro_rules! catalogue {
    ($( $key:ident => { en: $en:expr, es: $es:expr, fr: $fr:expr, zh: $zh:expr $(,)? } )*) => {
        /// A message in the catalogue.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $( $key, )* }

        impl Msg {
            /// Every message, for completeness tests.
            pub const ALL: &'static [Msg] = &[ $( Msg::$key, )* ];

            /// The message in `locale`.
            pub fn text(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $(
                        (Msg::$key, Locale::En) => $en,
                        (Msg::$key, Locale::Es) => $es,
                        (Msg::$key, Locale::Fr) => $fr,
                        (Msg::$key, Locale::Zh) => $zh,
                    )*
                }
            }
        }
    };
}

/// Fills `{name}` placeholders in a catalogue sentence.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

mod messages;
pub use messages::*;
