//! The days of the demo company's history, each with its date and calendar month.

use chrono::{Datelike, NaiveDate};

/// The days of the history: day offset 0 is the first day.
pub(crate) struct Timeline {
    dates: Vec<NaiveDate>,
    months: Vec<u8>,
}

impl Timeline {
    pub(super) fn new(start: NaiveDate, end: NaiveDate) -> Timeline {
        let dates: Vec<NaiveDate> = start.iter_days().take_while(|d| *d <= end).collect();
        let months = dates.iter().map(|d| d.month0() as u8).collect();
        Timeline { dates, months }
    }

    /// Offset of the last day.
    pub fn last_day(&self) -> i32 {
        (self.dates.len() as i32 - 1).max(0)
    }

    /// The date of a day offset (clamped to the history).
    pub fn date(&self, day: i32) -> NaiveDate {
        let i = (day.max(0) as usize).min(self.dates.len().saturating_sub(1));
        self.dates.get(i).copied().unwrap_or_default()
    }

    /// The calendar month (0 = January) of a day offset.
    pub fn month0(&self, day: i32) -> usize {
        let i = (day.max(0) as usize).min(self.months.len().saturating_sub(1));
        self.months.get(i).map_or(0, |m| usize::from(*m).min(11))
    }
}
