//! Parsing single CSV values: dates, decimal amounts into minor units, plain numbers.
//!
//! These work on raw bytes so that the reader never allocates a `String` per value. The ISO date
//! and the decimal amount are parsed by hand because they are the two hot paths of a multi-million
//! row import (chrono's `parse_from_str` costs several times more per value); anything that is not
//! in the fast form falls back to chrono or is rejected.

use chrono::NaiveDate;

/// How dates are written in a file.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum DateFormat {
    /// ISO 8601 `YYYY-MM-DD`, optionally followed by a time (`T…` or ` …`) that is ignored;
    /// non-padded months/days (`2024-3-5`) and `YYYY/MM/DD` are accepted through chrono.
    #[default]
    Iso,
    /// A chrono `strftime` pattern, e.g. `%d.%m.%Y` or `%m/%d/%Y`.
    Pattern(String),
}

impl DateFormat {
    /// How a person would describe this format in an error message.
    pub fn describe(&self) -> String {
        match self {
            DateFormat::Iso => "YYYY-MM-DD, e.g. 2024-03-31".to_owned(),
            DateFormat::Pattern(pattern) => {
                let example = NaiveDate::from_ymd_opt(2024, 3, 31)
                    .map(|d| d.format(pattern).to_string())
                    .unwrap_or_default();
                format!("a date written as {pattern}, e.g. {example}")
            }
        }
    }

    /// Parses a (trimmed) value in this format.
    pub fn parse(&self, bytes: &[u8]) -> Option<NaiveDate> {
        match self {
            DateFormat::Iso => parse_iso_date(bytes),
            DateFormat::Pattern(pattern) => {
                let text = std::str::from_utf8(bytes).ok()?;
                NaiveDate::parse_from_str(text, pattern).ok()
            }
        }
    }
}

/// Removes ASCII white space at both ends.
pub fn trim(bytes: &[u8]) -> &[u8] {
    bytes.trim_ascii()
}

#[inline]
fn digit(b: u8) -> Option<u32> {
    let d = b.wrapping_sub(b'0');
    (d < 10).then_some(u32::from(d))
}

/// Parses `YYYY-MM-DD` (the fast path: ten bytes by hand), also with a trailing time
/// (`2024-03-31T10:00:00`, `2024-03-31 10:00`), and otherwise `%Y-%m-%d` / `%Y/%m/%d` through
/// chrono (non-padded `2024-3-5`). Returns `None` for anything else or an impossible date.
pub fn parse_iso_date(bytes: &[u8]) -> Option<NaiveDate> {
    if bytes.len() >= 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && (bytes.len() == 10 || bytes[10] == b'T' || bytes[10] == b' ')
    {
        let y = digit(bytes[0])? * 1000
            + digit(bytes[1])? * 100
            + digit(bytes[2])? * 10
            + digit(bytes[3])?;
        let m = digit(bytes[5])? * 10 + digit(bytes[6])?;
        let d = digit(bytes[8])? * 10 + digit(bytes[9])?;
        return NaiveDate::from_ymd_opt(y as i32, m, d);
    }
    let text = std::str::from_utf8(bytes).ok()?;
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y/%m/%d"))
        .ok()
}

/// Parses a decimal amount (`12.50`, `-3`, `+0.5`, `.75`, `1234.5678`) into minor units
/// (hundredths), rounding half away from zero past the second decimal. `decimal_separator` is
/// `b'.'` for most exports (`b','` for `12,50`). Thousands separators, currency signs and
/// exponents are rejected, as are amounts beyond ±9·10^16 minor units.
pub fn parse_minor_units(bytes: &[u8], decimal_separator: u8) -> Option<i64> {
    let (negative, rest) = match bytes.first()? {
        b'-' => (true, &bytes[1..]),
        b'+' => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let mut units: i64 = 0;
    let mut seen_digit = false;
    let mut i = 0;
    while i < rest.len() {
        let Some(d) = digit(rest[i]) else { break };
        units = units.checked_mul(10)?.checked_add(i64::from(d))?;
        seen_digit = true;
        i += 1;
    }
    let mut cents: i64 = 0;
    if i < rest.len() {
        if rest[i] != decimal_separator {
            return None;
        }
        i += 1;
        let mut scale = 10;
        let mut round_up = false;
        let mut first_dropped = true;
        while i < rest.len() {
            let d = i64::from(digit(rest[i])?);
            seen_digit = true;
            if scale > 0 {
                cents += d * scale;
                scale /= 10;
            } else if first_dropped {
                round_up = d >= 5;
                first_dropped = false;
            }
            i += 1;
        }
        if round_up {
            cents += 1;
        }
    }
    if !seen_digit || units > 90_000_000_000_000_000 / 100 {
        return None;
    }
    let total = units * 100 + cents;
    Some(if negative { -total } else { total })
}

/// The order of day, month and year in a file's dates (the import wizard's date formats).
///
/// Any of `-`, `/` and `.` may separate the three parts (the same one twice), days and months
/// may have one or two digits, and a trailing time (`T10:00`, ` 10:00:00`) is ignored. So
/// `YearMonthDay` reads `2024-03-31` and `2024/03/31`, `DayMonthYear` reads `31/03/2024`,
/// `31.03.2024` and `31-03-24`, `MonthDayYear` reads `03/31/2024`. Two-digit years are read
/// as POSIX `strptime`'s `%y` does: 00–68 → 2000–2068, 69–99 → 1969–1999.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum DateOrder {
    /// ISO 8601 order, `YYYY-MM-DD` (also `YYYY/MM/DD`, `YYYY.MM.DD`); four-digit years only.
    #[default]
    YearMonthDay,
    /// `DD/MM/YYYY`, `DD.MM.YYYY`, `DD-MM-YYYY` (most of Europe, Latin America).
    DayMonthYear,
    /// `MM/DD/YYYY` (the United States).
    MonthDayYear,
}

impl DateOrder {
    /// Every order, in the order the sniffer prefers them when several fit.
    pub const ALL: [DateOrder; 3] = [
        DateOrder::YearMonthDay,
        DateOrder::DayMonthYear,
        DateOrder::MonthDayYear,
    ];

    /// The pattern a person reads, e.g. `DD/MM/YYYY`.
    pub fn pattern(self) -> &'static str {
        match self {
            DateOrder::YearMonthDay => "YYYY-MM-DD",
            DateOrder::DayMonthYear => "DD/MM/YYYY",
            DateOrder::MonthDayYear => "MM/DD/YYYY",
        }
    }

    /// Parses a trimmed value written in this order (see the type's documentation).
    #[inline]
    pub fn parse(self, bytes: &[u8]) -> Option<NaiveDate> {
        parse_date_in_order(bytes, self)
    }
}

/// Reads a run of 1–4 ASCII digits at `at`: (value, digit count, index after the run).
#[inline]
fn digit_group(bytes: &[u8], at: usize) -> Option<(u32, usize, usize)> {
    let mut value = 0u32;
    let mut i = at;
    while i < bytes.len() && i - at < 5 {
        match digit(bytes[i]) {
            Some(d) => value = value * 10 + d,
            None => break,
        }
        i += 1;
    }
    let len = i - at;
    (1..=4).contains(&len).then_some((value, len, i))
}

/// A year from its digits: four digits as written, two digits by the `%y` pivot.
#[inline]
fn full_year(value: u32, len: usize) -> Option<i32> {
    match len {
        4 => Some(value as i32),
        2 if value <= 68 => Some(2000 + value as i32),
        2 => Some(1900 + value as i32),
        _ => None,
    }
}

/// Parses a date written in `order` (see [`DateOrder`]); `None` for anything else or an
/// impossible date. The ISO form `YYYY-MM-DD` takes the ten-byte fast path.
pub fn parse_date_in_order(bytes: &[u8], order: DateOrder) -> Option<NaiveDate> {
    if order == DateOrder::YearMonthDay
        && bytes.len() >= 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && (bytes.len() == 10 || bytes[10] == b'T' || bytes[10] == b' ')
    {
        let y = digit(bytes[0])? * 1000
            + digit(bytes[1])? * 100
            + digit(bytes[2])? * 10
            + digit(bytes[3])?;
        let m = digit(bytes[5])? * 10 + digit(bytes[6])?;
        let d = digit(bytes[8])? * 10 + digit(bytes[9])?;
        return NaiveDate::from_ymd_opt(y as i32, m, d);
    }
    let (a, a_len, i) = digit_group(bytes, 0)?;
    let sep = *bytes.get(i)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let (b, b_len, j) = digit_group(bytes, i + 1)?;
    if bytes.get(j) != Some(&sep) {
        return None;
    }
    let (c, c_len, k) = digit_group(bytes, j + 1)?;
    if k < bytes.len() && bytes[k] != b'T' && bytes[k] != b' ' {
        return None;
    }
    let short = |len: usize| len <= 2;
    let (year, month, day) = match order {
        DateOrder::YearMonthDay if a_len == 4 && short(b_len) && short(c_len) => (a as i32, b, c),
        DateOrder::DayMonthYear if short(a_len) && short(b_len) => (full_year(c, c_len)?, b, a),
        DateOrder::MonthDayYear if short(a_len) && short(b_len) => (full_year(c, c_len)?, a, b),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Whether `c` may stand before or after an amount: white space or a currency sign.
fn is_amount_decoration(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '$' | '€' | '£' | '¥' | '￥' | '元' | '₹' | '₩' | '₽' | '₺' | '₪' | '¢'
        )
}

/// Whether `c` separates thousands, besides the other one of `.`/`,`: spaces (also the
/// no-break and narrow no-break spaces French uses) and the apostrophes of Swiss formats.
fn is_space_group_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'' | '’')
}

/// Parses an amount of money into minor units like [`parse_minor_units`], and also the forms
/// people's exports hold: thousands separators in valid groups of three (`1.234,56` with a
/// decimal comma, `1,234.56` or `1 234.56` with a dot), currency signs before or after
/// (`€ 12,50`, `12.50 $`, `-$5`), and the minus sign `−`. Anything else is `None`.
#[inline]
pub fn parse_amount(bytes: &[u8], decimal_separator: u8) -> Option<i64> {
    parse_minor_units(bytes, decimal_separator)
        .or_else(|| parse_amount_slow(bytes, decimal_separator))
}

fn parse_amount_slow(bytes: &[u8], decimal_separator: u8) -> Option<i64> {
    #[derive(PartialEq)]
    enum State {
        Lead,
        Int,
        Frac,
        Trail,
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let decimal = char::from(decimal_separator);
    let group = if decimal == ',' { '.' } else { ',' };
    let mut clean = [0u8; 40];
    let mut n = 0usize;
    let mut push = |b: u8, n: &mut usize| -> Option<()> {
        *clean.get_mut(*n)? = b;
        *n += 1;
        Some(())
    };
    let mut negative = false;
    let mut signed = false;
    let mut state = State::Lead;
    // Digits in the current thousands group, whether groups are in use, and a separator
    // that has been seen but not yet confirmed by the digits after it.
    let mut group_len = 0usize;
    let mut grouped = false;
    let mut pending: Option<char> = None;
    for c in text.chars() {
        match state {
            State::Lead => {
                if c.is_ascii_digit() {
                    state = State::Int;
                    group_len = 1;
                    push(c as u8, &mut n)?;
                } else if matches!(c, '-' | '+' | '−') && !signed {
                    signed = true;
                    negative = c != '+';
                } else if c == decimal {
                    state = State::Frac;
                    push(b'.', &mut n)?;
                } else if !is_amount_decoration(c) {
                    return None;
                }
            }
            State::Int => {
                if c.is_ascii_digit() {
                    if pending.take().is_some() {
                        grouped = true;
                        group_len = 0;
                    }
                    group_len += 1;
                    if grouped && group_len > 3 {
                        return None;
                    }
                    push(c as u8, &mut n)?;
                    continue;
                }
                if pending.is_some() {
                    // A separator not followed by digits: only white space may end the number.
                    if pending.is_some_and(char::is_whitespace) && is_amount_decoration(c) {
                        pending = None;
                        state = State::Trail;
                        continue;
                    }
                    return None;
                }
                let group_ok = if grouped {
                    group_len == 3
                } else {
                    group_len <= 3
                };
                if c == decimal {
                    if grouped && group_len != 3 {
                        return None;
                    }
                    state = State::Frac;
                    push(b'.', &mut n)?;
                } else if (c == group || is_space_group_separator(c)) && group_ok {
                    pending = Some(c);
                } else if is_amount_decoration(c) {
                    if grouped && group_len != 3 {
                        return None;
                    }
                    state = State::Trail;
                } else {
                    return None;
                }
            }
            State::Frac => {
                if c.is_ascii_digit() {
                    push(c as u8, &mut n)?;
                } else if is_amount_decoration(c) {
                    state = State::Trail;
                } else {
                    return None;
                }
            }
            State::Trail => {
                if !is_amount_decoration(c) {
                    return None;
                }
            }
        }
    }
    match state {
        State::Lead => return None,
        State::Int if pending.is_some_and(|c| !c.is_whitespace()) => return None,
        State::Int if grouped && group_len != 3 => return None,
        _ => {}
    }
    let units = parse_minor_units(&clean[..n], b'.')?;
    Some(if negative { -units } else { units })
}

/// Parses a plain number whose decimal separator is `decimal_separator` (`1,5` with a comma).
pub fn parse_decimal(bytes: &[u8], decimal_separator: u8) -> Option<f64> {
    if decimal_separator == b'.' {
        return parse_number(bytes);
    }
    let mut buf = [0u8; 40];
    let slot = buf.get_mut(..bytes.len())?;
    for (out, &b) in slot.iter_mut().zip(bytes) {
        *out = if b == decimal_separator {
            b'.'
        } else if b == b'.' {
            return None;
        } else {
            b
        };
    }
    parse_number(slot)
}

/// Parses a plain decimal number (`3`, `1.5`, `-2`, `1e3`), finite only.
pub fn parse_number(bytes: &[u8]) -> Option<f64> {
    let text = std::str::from_utf8(bytes).ok()?;
    let value: f64 = text.parse().ok()?;
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_parse_fast_and_with_times_and_fallbacks() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_iso_date(b"2024-03-31"), d(2024, 3, 31));
        assert_eq!(parse_iso_date(b"2024-02-29T10:00:00Z"), d(2024, 2, 29));
        assert_eq!(parse_iso_date(b"2024-02-29 10:00"), d(2024, 2, 29));
        assert_eq!(parse_iso_date(b"2024-3-5"), d(2024, 3, 5));
        assert_eq!(parse_iso_date(b"2024/03/05"), d(2024, 3, 5));
        assert_eq!(parse_iso_date(b"2023-02-29"), None);
        assert_eq!(parse_iso_date(b"2024-13-01"), None);
        assert_eq!(parse_iso_date(b"31.03.2024"), None);
        assert_eq!(parse_iso_date(b""), None);
        assert_eq!(
            DateFormat::Pattern("%d.%m.%Y".into()).parse(b"31.03.2024"),
            d(2024, 3, 31)
        );
    }

    #[test]
    fn amounts_become_minor_units_with_half_away_from_zero_rounding() {
        let p = |s: &str| parse_minor_units(s.as_bytes(), b'.');
        assert_eq!(p("12.50"), Some(1250));
        assert_eq!(p("12.5"), Some(1250));
        assert_eq!(p("12"), Some(1200));
        assert_eq!(p("12."), Some(1200));
        assert_eq!(p(".75"), Some(75));
        assert_eq!(p("-3.2"), Some(-320));
        assert_eq!(p("+0.01"), Some(1));
        assert_eq!(p("1.005"), Some(101));
        assert_eq!(p("-1.005"), Some(-101));
        assert_eq!(p("1.0049"), Some(100));
        assert_eq!(p("0"), Some(0));
        for bad in [
            "",
            "-",
            ".",
            "12,5x",
            "1,234.50",
            "$5",
            "1e3",
            "12.5.1",
            "99999999999999999999",
        ] {
            assert_eq!(p(bad), None, "{bad}");
        }
        assert_eq!(parse_minor_units(b"12,50", b','), Some(1250));
    }

    #[test]
    fn dates_parse_in_each_order_with_any_separator_and_short_years() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        use DateOrder::*;
        assert_eq!(YearMonthDay.parse(b"2024-03-31"), d(2024, 3, 31));
        assert_eq!(YearMonthDay.parse(b"2024/3/5"), d(2024, 3, 5));
        assert_eq!(YearMonthDay.parse(b"2024.03.05 10:00"), d(2024, 3, 5));
        assert_eq!(DayMonthYear.parse(b"31/03/2024"), d(2024, 3, 31));
        assert_eq!(DayMonthYear.parse(b"31.03.2024"), d(2024, 3, 31));
        assert_eq!(DayMonthYear.parse(b"5-3-24"), d(2024, 3, 5));
        assert_eq!(DayMonthYear.parse(b"5/3/99"), d(1999, 3, 5));
        assert_eq!(MonthDayYear.parse(b"03/31/2024"), d(2024, 3, 31));
        assert_eq!(MonthDayYear.parse(b"3/31/2024 11:59 PM"), d(2024, 3, 31));
        assert_eq!(DayMonthYear.parse(b"03/31/2024"), None);
        assert_eq!(MonthDayYear.parse(b"31/03/2024"), None);
        assert_eq!(YearMonthDay.parse(b"31/03/2024"), None);
        assert_eq!(DayMonthYear.parse(b"2024-03-31"), None);
        assert_eq!(DayMonthYear.parse(b"31/03-2024"), None);
        assert_eq!(DayMonthYear.parse(b"31/03/2024x"), None);
        assert_eq!(DayMonthYear.parse(b"29/02/2023"), None);
        assert_eq!(DayMonthYear.parse(b""), None);
    }

    #[test]
    fn amounts_accept_thousands_groups_and_currency_signs() {
        let dot = |s: &str| parse_amount(s.as_bytes(), b'.');
        let comma = |s: &str| parse_amount(s.as_bytes(), b',');
        assert_eq!(dot("1,234.56"), Some(123456));
        assert_eq!(dot("1,234,567"), Some(123456700));
        assert_eq!(dot("1 234.5"), Some(123450));
        assert_eq!(dot("$12.50"), Some(1250));
        assert_eq!(dot("-$5"), Some(-500));
        assert_eq!(dot("12.50 USD"), None);
        assert_eq!(dot("1'234.50"), Some(123450));
        assert_eq!(comma("1.234,56"), Some(123456));
        assert_eq!(comma("1.234.567,8"), Some(123456780));
        assert_eq!(comma("12,5"), Some(1250));
        assert_eq!(comma("1\u{a0}234,56 €"), Some(123456));
        assert_eq!(comma("€ 12,50"), Some(1250));
        assert_eq!(comma("5 €"), Some(500));
        assert_eq!(comma("−3,20"), Some(-320));
        for bad in [
            "1,23.4", "12,34,5", "1.2345,6", "1.23", "abc", "12,5x", "--5",
        ] {
            assert_eq!(comma(bad), None, "{bad}");
        }
        for bad in ["1,23", "1,2345.6", "12.5.1", "1,234.5.6", ""] {
            assert_eq!(dot(bad), None, "{bad}");
        }
    }

    #[test]
    fn decimals_read_with_either_separator() {
        assert_eq!(parse_decimal(b"1,5", b','), Some(1.5));
        assert_eq!(parse_decimal(b"3", b','), Some(3.0));
        assert_eq!(parse_decimal(b"1.5", b'.'), Some(1.5));
        assert_eq!(parse_decimal(b"1.5", b','), None);
    }

    #[test]
    fn plain_numbers_must_be_finite() {
        assert_eq!(parse_number(b"1.5"), Some(1.5));
        assert_eq!(parse_number(b"3"), Some(3.0));
        assert_eq!(parse_number(b"NaN"), None);
        assert_eq!(parse_number(b"inf"), None);
        assert_eq!(parse_number(b"x"), None);
    }
}
