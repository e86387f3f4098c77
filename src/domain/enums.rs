//! The macro that gives every domain enum its stable snake_case names, `ALL` list and `parse`,
//! and the error of parsing a name that is none of them.

/// A name that is not one of an enum's stable names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// The enum's type name.
    pub kind: &'static str,
    /// The rejected text.
    pub name: String,
}

impl std::fmt::Display for UnknownName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\"{}\" is not a known {} name.", self.name, self.kind)
    }
}

impl std::error::Error for UnknownName {}

/// Declares a fieldless enum that serialises to stable snake_case strings.
///
/// Each generated enum has `ALL` (every variant in declaration order), `as_str()` (the stable
/// name), `parse(&str)` (the inverse, `None` for an unknown name), `Display` (the stable name) and
/// serde support under the same names, so storage, CSV files and the UI all agree, and
/// `code()` / `from_code()`: the variant's position, as columnar blocks store it. Variants
/// are only ever appended, never reordered or removed, because stored blocks hold those codes.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[ $($name::$variant),+ ];

            /// The stable snake_case name used in storage, files and the UI.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The variant's position in declaration order, as blocks store it.
            pub const fn code(self) -> u8 {
                self as u8
            }

            /// The variant at position `code`, or `None`.
            pub fn from_code(code: u8) -> Option<$name> {
                $name::ALL.get(usize::from(code)).copied()
            }

            /// The variant with this stable name (exact match), or `None`.
            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::domain::UnknownName;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                $name::parse(text).ok_or_else(|| crate::domain::UnknownName {
                    kind: stringify!($name),
                    name: text.to_string(),
                })
            }
        }
    };
}

pub(crate) use named_enum;
