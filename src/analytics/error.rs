//! The analytics layer's one error enum; its messages are sentences a person can act on.

use crate::domain::SettingIssue;
use std::fmt;

/// Everything that can stop an analytics computation.
///
/// Model fits that cannot be done are *not* errors of the pipeline: `score` falls back and says
/// why in its report. These errors are for inputs nothing sensible can be computed from.
#[derive(Debug, Clone, PartialEq)]
pub enum AnalyticsError {
    /// No order falls inside the analysis window up to the analysis date.
    NoOrders,
    /// The settings or options are not usable; one issue per field.
    InvalidSettings(Vec<SettingIssue>),
    /// A model could not be fitted from these data; the reason is a full sentence.
    CannotFit {
        /// "BG/NBD" or "Gamma-Gamma".
        model: &'static str,
        /// Why, and what to try.
        reason: String,
    },
    /// Columns of a columnar input have different lengths (a programming error in the caller).
    ColumnLengths {
        /// Which input.
        input: &'static str,
    },
    /// A value is outside what the computation accepts.
    InvalidInput(String),
}

impl fmt::Display for AnalyticsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnalyticsError::NoOrders => f.write_str(
                "There are no orders in the analysis window up to the analysis date; import transactions or widen the window.",
            ),
            AnalyticsError::InvalidSettings(issues) => {
                f.write_str("Some settings are not usable: ")?;
                for (i, issue) in issues.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" ")?;
                    }
                    write!(f, "{} ({})", issue.message, issue.field)?;
                }
                Ok(())
            }
            AnalyticsError::CannotFit { model, reason } => write!(f, "The {model} model cannot be fitted: {reason}"),
            AnalyticsError::ColumnLengths { input } => {
                write!(f, "The {input} columns have different lengths; rebuild the input with its builder.")
            }
            AnalyticsError::InvalidInput(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for AnalyticsError {}
