//! The message catalogue: every sentence a person reads, in English, Spanish, French and Chinese.
//!
//! A small keyed table of our own rather than an i18n macro crate: keys are an enum, so a
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
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Locale::ALL
            .into_iter()
            .find(|l| l.tag() == primary)
            .unwrap_or_default()
    }
}

/// A catalogue entry: a key with a text in every language.
pub trait Text: Copy + 'static {
    /// The text in `locale`.
    fn text(self, locale: Locale) -> &'static str;
}

/// Declares one section of the catalogue: an enum of keys and their texts in every
/// language. Sections keep each page's words together (and apart from other pages').
macro_rules! catalogue {
    ($(#[$meta:meta])* $name:ident { $( $key:ident => { en: $en:expr, es: $es:expr, fr: $fr:expr, zh: $zh:expr $(,)? } )* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $( $key, )* }

        impl $name {
            /// Every message, for completeness tests.
            pub const ALL: &'static [$name] = &[ $( $name::$key, )* ];
        }

        impl $crate::i18n::Text for $name {
            fn text(self, locale: $crate::i18n::Locale) -> &'static str {
                match (self, locale) {
                    $(
                        ($name::$key, $crate::i18n::Locale::En) => $en,
                        ($name::$key, $crate::i18n::Locale::Es) => $es,
                        ($name::$key, $crate::i18n::Locale::Fr) => $fr,
                        ($name::$key, $crate::i18n::Locale::Zh) => $zh,
                    )*
                }
            }
        }

        #[cfg(test)]
        mod catalogue_tests {
            use super::$name;
            use $crate::i18n::{Locale, Text};

            #[test]
            fn every_message_has_a_text_in_every_language_with_the_same_placeholders() {
                let names = |s: &str| {
                    let mut v: Vec<String> = s
                        .split('{')
                        .skip(1)
                        .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                        .collect();
                    v.sort();
                    v
                };
                for msg in $name::ALL {
                    let en = names(msg.text(Locale::En));
                    for locale in Locale::ALL {
                        assert!(!msg.text(locale).trim().is_empty(), "{msg:?} is empty in {locale:?}");
                        assert_eq!(names(msg.text(locale)), en, "{msg:?} in {locale:?}");
                    }
                }
            }
        }
    };
}

/// An engine's typed error or problem as the sentence a person reads, in their language. The
/// engines return data; the sentences live here (this module depends on them, never the
/// reverse), and so does their `Display` (the English sentence).
pub trait Sentence {
    /// The sentence in `locale`.
    fn sentence(&self, locale: Locale) -> String;
}

/// Fills `{name}` placeholders in a catalogue sentence.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

pub mod backup;
pub mod campaigns;
pub mod charts;
pub mod churn;
pub mod cohorts;
pub mod customers;
pub mod dashboard;
pub mod import;
pub mod import_problems;
pub mod labels;
pub mod managers;
mod messages;
pub mod planning;
pub mod models;
pub mod profile;
pub mod settings;
pub mod storage;
pub use backup::BackupText;
pub use campaigns::CampaignText;
pub use charts::ChartText;
pub use churn::ChurnText;
pub use cohorts::CohortText;
pub use customers::CustomerText;
pub use dashboard::DashboardText;
pub use import::ImportText;
pub use import_problems::ImportProblemText;
pub use labels::Label;
pub use managers::ManagerText;
pub use messages::*;
pub use planning::PlanningText;
pub use models::ModelText;
pub use profile::ProfileText;
pub use settings::SettingsText;
pub use storage::StorageText;
