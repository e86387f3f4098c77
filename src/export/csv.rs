//! CSV exports: the scores file — exactly the columns and number formatting of
//! `insight score`, which uses this module — and the customers file with every field of the
//! general information (tags joined by `;`), each optionally with a UTF-8 byte-order mark so
//! that spreadsheets read accents right.
//!
//! Numbers are formatted without allocation (`itoa`, `ryu`): the CLI writes a million rows.

use serde::{Deserialize, Serialize};

use crate::analytics::score::CustomerScore;
use crate::analytics::workspace::CustomerRow;
use crate::domain::Customer;

/// The header of the scores file, exactly.
pub const SCORES_HEADER: &str =
    "customer_id,orders,revenue,gross_margin,cost_to_serve,profit,frequency,recency,T,\
monetary_value,p_alive,expected_purchases,expected_order_value,clv,future_profit,current_quadrant,\
future_quadrant,tier,rfm_segment,r_score,f_score,m_score,expected_next_order";

/// The header of the customers file (the field names the import wizard maps back).
pub const CUSTOMERS_HEADER: &str =
    "customer_id,name,company,email,phone,address,segment,acquisition_channel,\
acquisition_date,tags,notes,relationship_level,manager_id";

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How an export is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CsvOptions {
    /// Start with a UTF-8 byte-order mark (Excel then reads accents and CJK correctly).
    pub utf8_bom: bool,
}

/// Appends values to a byte buffer, CSV-style (comma-separated, RFC 4180 quoting).
pub struct CsvLine {
    /// The bytes written so far.
    pub buf: Vec<u8>,
    int: itoa::Buffer,
    float: ryu::Buffer,
}

impl Default for CsvLine {
    fn default() -> Self {
        CsvLine::new()
    }
}

impl CsvLine {
    /// An empty line buffer.
    pub fn new() -> CsvLine {
        CsvLine {
            buf: Vec::with_capacity(512),
            int: itoa::Buffer::new(),
            float: ryu::Buffer::new(),
        }
    }

    /// Raw bytes.
    #[inline]
    pub fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// A text field, quoted when it holds a delimiter, quote or line break.
    #[inline]
    pub fn text(&mut self, text: &str) {
        if text
            .bytes()
            .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
        {
            self.buf.push(b'"');
            for b in text.bytes() {
                if b == b'"' {
                    self.buf.push(b'"');
                }
                self.buf.push(b);
            }
            self.buf.push(b'"');
        } else {
            self.buf.extend_from_slice(text.as_bytes());
        }
    }

    /// An integer.
    #[inline]
    pub fn int(&mut self, value: impl itoa::Integer) {
        let s = self.int.format(value);
        self.buf.extend_from_slice(s.as_bytes());
    }

    /// An amount in minor units with two decimals (`-12.05`).
    #[inline]
    pub fn minor(&mut self, minor: i64) {
        if minor < 0 {
            self.buf.push(b'-');
        }
        let abs = minor.unsigned_abs();
        let s = self.int.format(abs / 100);
        self.buf.extend_from_slice(s.as_bytes());
        let cents = (abs % 100) as u8;
        self.buf
            .extend_from_slice(&[b'.', b'0' + cents / 10, b'0' + cents % 10]);
    }

    /// A money amount in currency units, rounded to two decimals (non-finite values print 0.00).
    #[inline]
    pub fn money(&mut self, value: f64) {
        let cents = (value * 100.0).round();
        let cents = if cents.is_finite() {
            cents.clamp(-9e18, 9e18) as i64
        } else {
            0
        };
        self.minor(cents);
    }

    /// A float with the shortest exact representation; integral values print without a
    /// fraction, non-finite values print 0.
    #[inline]
    pub fn float(&mut self, value: f64) {
        if !value.is_finite() {
            self.buf.push(b'0');
        } else if value == value.trunc() && value.abs() < 1e15 {
            self.int(value as i64);
        } else {
            let s = self.float.format_finite(value);
            self.buf.extend_from_slice(s.as_bytes());
        }
    }

    /// A comma.
    #[inline]
    pub fn comma(&mut self) {
        self.buf.push(b',');
    }

    /// A line break.
    #[inline]
    pub fn end(&mut self) {
        self.buf.push(b'\n');
    }
}

/// Appends one customer's row of the scores file (the columns of [`SCORES_HEADER`]).
pub fn push_score(line: &mut CsvLine, s: &CustomerScore) {
    line.text(&s.customer_id);
    line.comma();
    line.int(s.orders);
    line.comma();
    line.minor(s.revenue.minor());
    line.comma();
    line.minor(s.gross_margin.minor());
    line.comma();
    line.minor(s.cost_to_serve.minor());
    line.comma();
    line.minor(s.profit.minor());
    line.comma();
    line.int(s.frequency);
    line.comma();
    line.float(s.recency);
    line.comma();
    line.float(s.t);
    line.comma();
    line.money(s.monetary_value);
    line.comma();
    line.float(s.p_alive);
    line.comma();
    line.float(s.expected_purchases);
    line.comma();
    line.money(s.expected_order_value);
    line.comma();
    line.money(s.clv);
    line.comma();
    line.money(s.future_profit);
    line.comma();
    line.raw(s.current_quadrant.as_str().as_bytes());
    line.comma();
    line.raw(s.future_quadrant.as_str().as_bytes());
    line.comma();
    line.raw(s.tier.as_str().as_bytes());
    line.comma();
    line.raw(s.rfm_segment.as_str().as_bytes());
    for score in [s.rfm.r, s.rfm.f, s.rfm.m] {
        line.comma();
        line.int(u32::from(score));
    }
    line.comma();
    // ISO 8601; empty when the customer has probably lapsed or exited.
    if let Some(day) = s.expected_next_order {
        line.raw(day.format("%Y-%m-%d").to_string().as_bytes());
    }
    line.end();
}

fn start(header: &str, options: CsvOptions) -> CsvLine {
    let mut line = CsvLine::new();
    if options.utf8_bom {
        line.raw(BOM);
    }
    line.raw(header.as_bytes());
    line.end();
    line
}

/// The scores file: the header and one row per customer, as `insight score` writes it.
pub fn scores_csv(scores: impl IntoIterator<Item = CustomerScore>, options: CsvOptions) -> Vec<u8> {
    let mut line = start(SCORES_HEADER, options);
    for s in scores {
        push_score(&mut line, &s);
    }
    line.buf
}

/// The scores file of analysed customers, in the order given; customers without scores (no
/// order in the analysis window) are left out. Returns the file and the rows written.
pub fn scores_csv_of_rows<'a>(
    rows: impl IntoIterator<Item = &'a CustomerRow>,
    options: CsvOptions,
) -> (Vec<u8>, usize) {
    let mut line = start(SCORES_HEADER, options);
    let mut written = 0;
    for row in rows {
        if let Some(scores) = &row.scores {
            push_score(&mut line, &scores.to_customer_score(&row.id));
            written += 1;
        }
    }
    (line.buf, written)
}

/// Appends one customer's row of the customers file (the columns of [`CUSTOMERS_HEADER`]).
pub fn push_customer(line: &mut CsvLine, c: &Customer) {
    let opt = |line: &mut CsvLine, v: &Option<String>| {
        if let Some(v) = v {
            line.text(v);
        }
        line.comma();
    };
    line.text(&c.id);
    line.comma();
    line.text(&c.name);
    line.comma();
    opt(line, &c.company);
    opt(line, &c.email);
    opt(line, &c.phone);
    opt(line, &c.address);
    opt(line, &c.segment);
    opt(line, &c.acquisition_channel);
    if let Some(d) = c.acquisition_date {
        line.raw(d.format("%Y-%m-%d").to_string().as_bytes());
    }
    line.comma();
    line.text(&c.tags.join(";"));
    line.comma();
    line.text(&c.notes);
    line.comma();
    if let Some(level) = c.relationship_level {
        line.raw(level.as_str().as_bytes());
    }
    line.comma();
    if let Some(m) = &c.manager_id {
        line.text(m);
    }
    line.end();
}

/// The customers file: the header and one row per customer, in the order given.
pub fn customers_csv(customers: &[Customer], options: CsvOptions) -> Vec<u8> {
    let mut line = start(CUSTOMERS_HEADER, options);
    for c in customers {
        push_customer(&mut line, c);
    }
    line.buf
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::RelationshipLevel;

    #[test]
    fn values_are_quoted_only_when_needed() {
        let mut line = CsvLine::new();
        line.text("plain");
        line.comma();
        line.text("a,b");
        line.comma();
        line.text("say \"hi\"");
        line.comma();
        line.minor(-1205);
        line.comma();
        line.money(0.125);
        line.comma();
        line.float(2.0);
        line.comma();
        line.float(0.5);
        line.comma();
        line.float(f64::NAN);
        assert_eq!(
            String::from_utf8(line.buf).unwrap(),
            "plain,\"a,b\",\"say \"\"hi\"\"\",-12.05,0.13,2,0.5,0"
        );
    }

    #[test]
    fn the_customers_file_has_every_field_and_an_optional_bom() {
        let c = Customer {
            id: "C1".into(),
            name: "Zoé, \"la\" cliente".into(),
            company: Some("Épicerie".into()),
            email: Some("zoe@example.com".into()),
            acquisition_date: chrono::NaiveDate::from_ymd_opt(2024, 2, 29),
            tags: vec!["vip".into(), "北".into()],
            notes: "line\nbreak".into(),
            relationship_level: Some(RelationshipLevel::Social),
            manager_id: Some("M1".into()),
            ..Customer::default()
        };
        let text = String::from_utf8(customers_csv(&[c], CsvOptions::default())).unwrap();
        assert_eq!(
            text,
            format!(
                "{CUSTOMERS_HEADER}\nC1,\"Zoé, \"\"la\"\" cliente\",Épicerie,zoe@example.com,,,,,2024-02-29,vip;北,\"line\nbreak\",social,M1\n"
            )
        );
        let with_bom = customers_csv(&[], CsvOptions { utf8_bom: true });
        assert!(with_bom.starts_with(BOM));
        assert_eq!(&with_bom[3..], format!("{CUSTOMERS_HEADER}\n").as_bytes());
        assert!(scores_csv(Vec::new(), CsvOptions { utf8_bom: true }).starts_with(BOM));
    }
}
