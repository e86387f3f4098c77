//! Money as whole minor units (cents), with exact arithmetic and conversions to and from text.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};

/// An amount of money in minor units (cents), exact and signed.
///
/// Stored as `i64`: sums of millions of transactions stay exact, unlike `f64`.
/// Conversions to `f64` currency units exist for the models, which work in floating point.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub i64);

/// Why a text could not be read as an amount of money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyParseError {
    /// The text that was rejected.
    pub text: String,
}

impl fmt::Display for MoneyParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not an amount of money; write it like 1234.56 (a dot for decimals, at most two decimals).",
            self.text
        )
    }
}

impl std::error::Error for MoneyParseError {}

/// The stand-in for "no amount given" (a cost or a revenue left empty) wherever money is
/// held as a column of minor units: blocks, the engine's ledger and its inputs. No real amount
/// takes this value ([`Money::to_column`] keeps them off it).
pub const NO_MONEY: i64 = i64::MIN;

impl Money {
    /// An optional amount as a column holds it ([`NO_MONEY`] for none).
    #[inline]
    pub fn to_column(amount: Option<Money>) -> i64 {
        amount.map_or(NO_MONEY, |m| m.0.max(NO_MONEY + 1))
    }

    /// The optional amount a column holds.
    #[inline]
    pub fn from_column(minor: i64) -> Option<Money> {
        (minor != NO_MONEY).then_some(Money(minor))
    }

    /// Zero.
    pub const ZERO: Money = Money(0);

    /// From minor units (cents).
    pub const fn from_minor(minor: i64) -> Money {
        Money(minor)
    }

    /// The amount in minor units (cents).
    pub const fn minor(self) -> i64 {
        self.0
    }

    /// From currency units, rounded half away from zero to the nearest cent.
    /// Non-finite input gives `None`, as does an amount beyond ±9·10^16 units.
    pub fn from_major(major: f64) -> Option<Money> {
        if !major.is_finite() {
            return None;
        }
        let minor = (major * 100.0).round();
        if minor.abs() > 9.0e18 {
            return None;
        }
        Some(Money(minor as i64))
    }

    /// The amount in currency units as `f64` (exact up to 2^53 cents).
    pub fn to_major(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Parses "1234.5", "-12.30", "+7", "0.05" (a dot as the decimal separator, at most two
    /// decimals, no thousands separators). Locale-aware parsing belongs to the import layer.
    pub fn parse(text: &str) -> Result<Money, MoneyParseError> {
        let err = || MoneyParseError {
            text: text.to_string(),
        };
        let t = text.trim();
        let (negative, digits) = match t.as_bytes().first() {
            Some(b'-') => (true, &t[1..]),
            Some(b'+') => (false, &t[1..]),
            _ => (false, t),
        };
        let (whole, frac) = match digits.split_once('.') {
            Some((w, f)) => (w, f),
            None => (digits, ""),
        };
        if (whole.is_empty() && frac.is_empty())
            || frac.len() > 2
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(err());
        }
        let whole_value: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| err())?
        };
        let mut frac_value: i64 = if frac.is_empty() {
            0
        } else {
            frac.parse().map_err(|_| err())?
        };
        if frac.len() == 1 {
            frac_value *= 10;
        }
        let minor = whole_value
            .checked_mul(100)
            .and_then(|v| v.checked_add(frac_value))
            .ok_or_else(err)?;
        Ok(Money(if negative { -minor } else { minor }))
    }

    /// Saturating addition (never overflows).
    pub fn saturating_add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }

    /// The absolute amount.
    pub fn abs(self) -> Money {
        Money(self.0.saturating_abs())
    }
}

impl fmt::Display for Money {
    /// Plain, locale-neutral form: `-1234.50`. Locale formatting lives in the UI layer.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 = self.0.saturating_add(rhs.0);
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0.saturating_sub(rhs.0))
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 = self.0.saturating_sub(rhs.0);
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(self.0.saturating_neg())
    }
}

impl Mul<i64> for Money {
    type Output = Money;
    fn mul(self, rhs: i64) -> Money {
        Money(self.0.saturating_mul(rhs))
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_parses_and_prints_round_trip() {
        for (text, minor, printed) in [
            ("1234.56", 123456, "1234.56"),
            ("-12.3", -1230, "-12.30"),
            ("+7", 700, "7.00"),
            (".05", 5, "0.05"),
            ("0", 0, "0.00"),
        ] {
            let m = Money::parse(text).unwrap();
            assert_eq!(m.minor(), minor, "{text}");
            assert_eq!(m.to_string(), printed);
        }
    }

    #[test]
    fn money_rejects_malformed_text() {
        for text in ["", "-", "1,5", "1.234", "abc", "1e3", "."] {
            assert!(Money::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn money_from_major_rounds_to_cents_and_rejects_non_finite() {
        assert_eq!(Money::from_major(0.125).unwrap().minor(), 13);
        assert_eq!(Money::from_major(-0.375).unwrap().minor(), -38);
        assert_eq!(Money::from_major(19.99).unwrap().minor(), 1999);
        assert!(Money::from_major(f64::NAN).is_none());
        assert!(Money::from_major(f64::INFINITY).is_none());
    }
}
