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
    fn plain_numbers_must_be_finite() {
        assert_eq!(parse_number(b"1.5"), Some(1.5));
        assert_eq!(parse_number(b"3"), Some(3.0));
        assert_eq!(parse_number(b"NaN"), None);
        assert_eq!(parse_number(b"inf"), None);
        assert_eq!(parse_number(b"x"), None);
    }
}
