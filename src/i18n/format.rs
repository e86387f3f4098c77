//! Numbers, money, percentages and dates formatted by locale, in one place.
//!
//! Written by hand rather than through `Intl` so that the same formatting runs in
//! native tests and exports; the rules needed are few (digit grouping, decimal mark,
//! currency placement) and are tested below.

use super::Locale;
use chrono::NaiveDate;

/// The separators a locale writes numbers with.
fn separators(locale: Locale) -> (&'static str, &'static str) {
    match locale {
        Locale::En | Locale::Zh => (",", "."),
        Locale::Es => (".", ","),
        // French groups with a narrow no-break space.
        Locale::Fr => ("\u{202f}", ","),
    }
}

/// Groups the integer digits of a non-negative decimal string by thousands.
fn group(int_digits: &str, sep: &str) -> String {
    let bytes = int_digits.as_bytes();
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 3 * sep.len());
    for (i, ch) in int_digits.chars().enumerate() {
        if i > 0 && (bytes.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

/// Formats `value` with `decimals` decimals and locale grouping; a non-finite value
/// (which the engine never produces) is shown as an em dash rather than "NaN".
pub fn number(value: f64, decimals: usize, locale: Locale) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let (group_sep, dec_sep) = separators(locale);
    let text = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::new();
    if negative {
        out.push('\u{2212}');
    }
    out.push_str(&group(int_part, group_sep));
    if let Some(frac) = frac_part {
        out.push_str(dec_sep);
        out.push_str(frac);
    }
    out
}

/// A whole count with grouping: `12,345`.
pub fn count(value: u64, locale: Locale) -> String {
    group(&value.to_string(), separators(locale).0)
}

/// A fraction as a percentage with `decimals` decimals: `0.253` → `25.3%` (`25,3 %` in French).
pub fn percent(fraction: f64, decimals: usize, locale: Locale) -> String {
    let n = number(fraction * 100.0, decimals, locale);
    match locale {
        Locale::Fr => format!("{n}\u{202f}%"),
        _ => format!("{n}%"),
    }
}

/// The symbol written for an ISO 4217 currency code (the code itself when unknown).
pub fn currency_symbol(code: &str) -> &str {
    match code {
        "USD" | "MXN" | "CAD" | "AUD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "CNY" | "JPY" => "¥",
        "CHF" => "CHF",
        _ => code,
    }
}

/// Money given in currency units, with the symbol placed as the locale expects:
/// `$1,234.56`, `1.234,56 €`, `1 234,56 €`, `¥1,234.56`.
pub fn money(units: f64, currency: &str, decimals: usize, locale: Locale) -> String {
    let symbol = currency_symbol(currency);
    let n = number(units, decimals, locale);
    let (sign, digits) = match n.strip_prefix('\u{2212}') {
        Some(rest) => ("\u{2212}", rest),
        None => ("", n.as_str()),
    };
    match locale {
        Locale::En | Locale::Zh => format!("{sign}{symbol}{digits}"),
        Locale::Es | Locale::Fr => format!("{sign}{digits}\u{a0}{symbol}"),
    }
}

/// Money in minor units (cents) with two decimals.
pub fn money_minor(minor: i64, currency: &str, locale: Locale) -> String {
    money(minor as f64 / 100.0, currency, 2, locale)
}

/// A short form for chart axes and cards: `$1.2M`, `$35.4k`, `−$900`.
pub fn money_compact(units: f64, currency: &str, locale: Locale) -> String {
    let abs = units.abs();
    let (scaled, suffix) = if abs >= 1e9 {
        (units / 1e9, "B")
    } else if abs >= 1e6 {
        (units / 1e6, "M")
    } else if abs >= 1e4 {
        (units / 1e3, "k")
    } else {
        (units, "")
    };
    let decimals = if suffix.is_empty() { 0 } else { 1 };
    let text = money(scaled, currency, decimals, locale);
    if suffix.is_empty() {
        return text;
    }
    match locale {
        Locale::En | Locale::Zh => format!("{text}{suffix}"),
        // "1,2 M €": the suffix goes before the trailing symbol.
        Locale::Es | Locale::Fr => match text.rsplit_once('\u{a0}') {
            Some((digits, symbol)) => format!("{digits}\u{a0}{suffix}\u{a0}{symbol}"),
            None => format!("{text}{suffix}"),
        },
    }
}

/// A date the way the locale writes it: `Nov 23, 2026`, `23 nov 2026`, `2026年11月23日`.
pub fn date(day: NaiveDate, locale: Locale) -> String {
    use chrono::Datelike;
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const ES: [&str; 12] = [
        "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
    ];
    const FR: [&str; 12] = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ];
    let m = day.month0() as usize;
    match locale {
        Locale::En => format!("{} {}, {}", EN[m], day.day(), day.year()),
        Locale::Es => format!("{} {} {}", day.day(), ES[m], day.year()),
        Locale::Fr => format!("{} {} {}", day.day(), FR[m], day.year()),
        Locale::Zh => format!("{}年{}月{}日", day.year(), day.month(), day.day()),
    }
}

/// A byte size for storage figures: `12.3 MB`.
pub fn bytes(n: f64, locale: Locale) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = n.max(0.0);
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    let decimals = if unit == 0 { 0 } else { 1 };
    format!("{}\u{a0}{}", number(value, decimals, locale), UNITS[unit])
}

/// Reads a number as a person types it, with a dot or a comma as the decimal mark and
/// optional thousands separators: `6,600`, `6.600`, `0,05`, `1.234,56`, `1 234,56`.
/// A single separator followed by exactly three digits (and not after a lone 0) is read
/// as thousands. `None` for text that is not a number.
pub fn parse_number(text: &str) -> Option<f64> {
    let t: String = text.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'')).collect();
    let (commas, dots) = (t.matches(',').count(), t.matches('.').count());
    let thousands = |sep: char| {
        let mut parts = t.split(sep);
        let head = parts.next().unwrap_or("");
        let tail: Vec<&str> = parts.collect();
        !head.is_empty() && head != "0" && head != "-0" && tail.iter().all(|p| p.len() == 3)
    };
    let normalised = match (commas, dots) {
        (0, 0) => t.clone(),
        (c, 0) if thousands(',') && (c > 1 || t.len() > 4) => t.replace(',', ""),
        (1, 0) => t.replace(',', "."),
        (0, d) if thousands('.') && (d > 1 || t.len() > 4) => t.replace('.', ""),
        (0, 1) => t.clone(),
        // Both marks: the last one is the decimal mark.
        _ => {
            let last_comma = t.rfind(',').unwrap_or(0);
            let last_dot = t.rfind('.').unwrap_or(0);
            if last_comma > last_dot {
                t.replace('.', "").replace(',', ".")
            } else {
                t.replace(',', "")
            }
        }
    };
    normalised.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_are_read_with_either_decimal_mark() {
        assert_eq!(parse_number("6,600"), Some(6600.0));
        assert_eq!(parse_number("6.600"), Some(6600.0));
        assert_eq!(parse_number("1,234,567"), Some(1234567.0));
        assert_eq!(parse_number("10000"), Some(10000.0));
        assert_eq!(parse_number(" 5 "), Some(5.0));
        assert_eq!(parse_number("0,05"), Some(0.05));
        assert_eq!(parse_number("12,5"), Some(12.5));
        assert_eq!(parse_number("1.5"), Some(1.5));
        assert_eq!(parse_number("1.234,56"), Some(1234.56));
        assert_eq!(parse_number("1,234.56"), Some(1234.56));
        assert_eq!(parse_number("1\u{202f}234,56"), Some(1234.56));
        assert_eq!(parse_number("-2,5"), Some(-2.5));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number(""), None);
    }

    use super::*;

    #[test]
    fn numbers_group_by_thousands_with_the_locale_marks() {
        assert_eq!(number(1234567.891, 2, Locale::En), "1,234,567.89");
        assert_eq!(number(1234567.891, 2, Locale::Es), "1.234.567,89");
        assert_eq!(
            number(1234567.891, 2, Locale::Fr),
            "1\u{202f}234\u{202f}567,89"
        );
        assert_eq!(number(999.0, 0, Locale::En), "999");
        assert_eq!(number(-1000.0, 0, Locale::En), "\u{2212}1,000");
    }

    #[test]
    fn negative_zero_after_rounding_has_no_sign() {
        assert_eq!(number(-0.001, 2, Locale::En), "0.00");
    }

    #[test]
    fn non_finite_values_never_show_nan() {
        assert_eq!(number(f64::NAN, 2, Locale::En), "—");
        assert_eq!(money(f64::INFINITY, "USD", 2, Locale::En), "$—");
    }

    #[test]
    fn money_places_the_symbol_as_the_locale_expects() {
        assert_eq!(money(1234.5, "USD", 2, Locale::En), "$1,234.50");
        assert_eq!(money(-1234.5, "USD", 2, Locale::En), "\u{2212}$1,234.50");
        assert_eq!(money(1234.5, "EUR", 2, Locale::Es), "1.234,50\u{a0}€");
        assert_eq!(money(1234.5, "CNY", 2, Locale::Zh), "¥1,234.50");
        assert_eq!(money_minor(123456, "GBP", Locale::En), "£1,234.56");
    }

    #[test]
    fn compact_money_uses_k_m_b() {
        assert_eq!(money_compact(1_234_000.0, "USD", Locale::En), "$1.2M");
        assert_eq!(money_compact(35_400.0, "USD", Locale::En), "$35.4k");
        assert_eq!(money_compact(900.0, "USD", Locale::En), "$900");
        assert_eq!(
            money_compact(1_234_000.0, "EUR", Locale::Fr),
            "1,2\u{a0}M\u{a0}€"
        );
    }

    #[test]
    fn percentages_and_counts() {
        assert_eq!(percent(0.253, 1, Locale::En), "25.3%");
        assert_eq!(percent(0.253, 1, Locale::Fr), "25,3\u{202f}%");
        assert_eq!(count(6600, Locale::En), "6,600");
    }

    #[test]
    fn dates_by_locale() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date");
        assert_eq!(date(d, Locale::En), "Nov 23, 2026");
        assert_eq!(date(d, Locale::Fr), "23 nov. 2026");
        assert_eq!(date(d, Locale::Zh), "2026年11月23日");
    }
}
