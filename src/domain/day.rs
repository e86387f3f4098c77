//! Day numbers: the one way every column, block and chart counts days — days since
//! 0001-01-01 of the proleptic Gregorian calendar, that day being day 1 (chrono's
//! `num_days_from_ce`).

use chrono::{Datelike, NaiveDate};

/// A day, as a day number (see the module documentation).
pub type Day = i32;

/// The stand-in for "no day" in an optional day column.
pub const NO_DAY: Day = i32::MIN;

/// The day number of a date.
#[inline]
pub fn day_number(date: NaiveDate) -> Day {
    date.num_days_from_ce()
}

/// The date of a day number, or `None` outside chrono's range.
#[inline]
pub fn date_of_day(day: Day) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day)
}

/// An optional date as an optional-day column holds it.
#[inline]
pub fn day_or_none(date: Option<NaiveDate>) -> Day {
    date.map_or(NO_DAY, day_number)
}

/// The date an optional-day column holds (`None` for [`NO_DAY`] or a day that is no date).
#[inline]
pub fn date_or_none(day: Day) -> Option<NaiveDate> {
    if day == NO_DAY {
        None
    } else {
        date_of_day(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_count_from_the_first_of_january_of_year_one() {
        let d = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
        assert_eq!(day_number(d), 1);
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(date_of_day(day_number(d)), Some(d));
        assert_eq!(date_or_none(NO_DAY), None);
        assert_eq!(day_or_none(None), NO_DAY);
    }
}
