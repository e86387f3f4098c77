//! The days of the demo company's history, each with its date, day number and calendar month.

use crate::domain::day::{day_number, Day};
use chrono::{Datelike, NaiveDate};

/// The days of the history: day offset 0 is the first day.
pub(crate) struct Timeline {
    dates: Vec<NaiveDate>,
    numbers: Vec<Day>,
    months: Vec<u8>,
}

impl Timeline {
    pub(super) fn new(start: NaiveDate, end: NaiveDate) -> Timeline {
        let dates: Vec<NaiveDate> = start.iter_days().take_while(|d| *d <= end).collect();
        let numbers = dates.iter().map(|d| day_number(*d)).collect();
        let months = dates.iter().map(|d| d.month0() as u8).collect();
        Timeline {
            dates,
            numbers,
            months,
        }
    }

    /// Offset of the last day.
    pub fn last_day(&self) -> i32 {
        (self.dates.len() as i32 - 1).max(0)
    }

    /// Number of days (at least 1).
    pub fn len(&self) -> usize {
        self.dates.len().max(1)
    }

    /// The day a day offset stands for, clamped to the history: an index below [`Timeline::len`]
    /// that orders like the dates.
    #[inline]
    pub fn index(&self, day: i32) -> usize {
        (day.max(0) as usize).min(self.dates.len().saturating_sub(1))
    }

    /// The date of a day offset (clamped to the history).
    #[inline]
    pub fn date(&self, day: i32) -> NaiveDate {
        self.dates.get(self.index(day)).copied().unwrap_or_default()
    }

    /// The day number ([`crate::domain::day`]) of a day offset (clamped to the history).
    #[inline]
    pub fn day_number(&self, day: i32) -> Day {
        match self.numbers.get(self.index(day)) {
            Some(&d) => d,
            None => day_number(NaiveDate::default()),
        }
    }

    /// The calendar month (0 = January) of a day offset.
    pub fn month0(&self, day: i32) -> usize {
        let i = (day.max(0) as usize).min(self.months.len().saturating_sub(1));
        self.months.get(i).map_or(0, |m| usize::from(*m).min(11))
    }
}
