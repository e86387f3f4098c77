//! Sniffing a data file from its first bytes: text encoding, delimiter, header row, decimal
//! separator and date format, so that the import wizard can propose a plan for the person to
//! confirm — and ask where the bytes cannot tell (dates such as `03/04/2024`).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::mapping::{fold_name, Field, RecordKind};
use super::values::DateOrder;

/// How many bytes of a file the sniffer looks at.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// Rows (besides the header) whose values the sniffer examines.
const SAMPLE_ROWS: usize = 200;

/// Rows kept in [`Sniffed::sample`] for the wizard to show.
const SHOWN_ROWS: usize = 5;

/// A file's text encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    #[default]
    Utf8,
    /// UTF-8 with a byte-order mark (`EF BB BF`), as spreadsheets write it.
    Utf8Bom,
    /// Windows-1252, the superset of Latin-1 (ISO 8859-1) that older Western exports use.
    Windows1252,
    /// UTF-16, little-endian (with its byte-order mark, `FF FE`, or detected without).
    Utf16Le,
    /// UTF-16, big-endian (`FE FF`).
    Utf16Be,
}

impl TextEncoding {
    /// Every encoding.
    pub const ALL: [TextEncoding; 5] = [
        TextEncoding::Utf8,
        TextEncoding::Utf8Bom,
        TextEncoding::Windows1252,
        TextEncoding::Utf16Le,
        TextEncoding::Utf16Be,
    ];

    /// The encoding's usual name (`UTF-8`, `Windows-1252`…).
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (BOM)",
            TextEncoding::Windows1252 => "Windows-1252 / Latin-1",
            TextEncoding::Utf16Le => "UTF-16 LE",
            TextEncoding::Utf16Be => "UTF-16 BE",
        }
    }

    /// Detects the encoding of a file's first bytes: a byte-order mark decides; otherwise bytes
    /// that are valid UTF-8 (allowing a character cut at the end of the sample) are UTF-8,
    /// text with a zero byte after most ASCII characters is UTF-16, and anything else is read
    /// as Windows-1252, which can decode every byte.
    pub fn detect(bytes: &[u8]) -> TextEncoding {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            return TextEncoding::Utf8Bom;
        }
        if bytes.starts_with(b"\xFF\xFE") {
            return TextEncoding::Utf16Le;
        }
        if bytes.starts_with(b"\xFE\xFF") {
            return TextEncoding::Utf16Be;
        }
        let probe = &bytes[..bytes.len().min(1024)];
        let pairs = probe.len() / 2;
        if pairs >= 2 {
            let zero_odd = probe
                .chunks_exact(2)
                .filter(|p| p[1] == 0 && p[0] != 0)
                .count();
            let zero_even = probe
                .chunks_exact(2)
                .filter(|p| p[0] == 0 && p[1] != 0)
                .count();
            if zero_odd * 10 >= pairs * 6 {
                return TextEncoding::Utf16Le;
            }
            if zero_even * 10 >= pairs * 6 {
                return TextEncoding::Utf16Be;
            }
        }
        match std::str::from_utf8(bytes) {
            Ok(_) => TextEncoding::Utf8,
            // A multi-byte character cut by the end of the sample is still UTF-8.
            Err(e) if e.error_len().is_none() => TextEncoding::Utf8,
            Err(_) => TextEncoding::Windows1252,
        }
    }

    /// The text of `bytes` as UTF-8 bytes, without a byte-order mark. UTF-8 input is borrowed
    /// as it is (invalid sequences are reported per value by the parser); other encodings are
    /// decoded (characters that cannot be decoded become U+FFFD).
    pub fn decode(self, bytes: &[u8]) -> Cow<'_, [u8]> {
        fn bytes_of(text: Cow<'_, str>) -> Cow<'_, [u8]> {
            match text {
                Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
                Cow::Owned(s) => Cow::Owned(s.into_bytes()),
            }
        }
        match self {
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => {
                Cow::Borrowed(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
            }
            TextEncoding::Windows1252 => bytes_of(
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0,
            ),
            TextEncoding::Utf16Le => {
                let body = bytes.strip_prefix(b"\xFF\xFE").unwrap_or(bytes);
                bytes_of(encoding_rs::UTF_16LE.decode_without_bom_handling(body).0)
            }
            TextEncoding::Utf16Be => {
                let body = bytes.strip_prefix(b"\xFE\xFF").unwrap_or(bytes);
                bytes_of(encoding_rs::UTF_16BE.decode_without_bom_handling(body).0)
            }
        }
    }
}

/// The character between fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Delimiter {
    /// `,`
    #[default]
    Comma,
    /// `;` (common where the comma is the decimal separator)
    Semicolon,
    /// A tab.
    Tab,
    /// `|`
    Pipe,
}

impl Delimiter {
    /// Every delimiter, in the order preferred on a tie.
    pub const ALL: [Delimiter; 4] = [
        Delimiter::Comma,
        Delimiter::Semicolon,
        Delimiter::Tab,
        Delimiter::Pipe,
    ];

    /// The delimiter's byte.
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
            Delimiter::Pipe => b'|',
        }
    }
}

/// The character before the decimals of a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum DecimalSeparator {
    /// `1234.56` (thousands may be grouped with `,`: `1,234.56`).
    #[default]
    Dot,
    /// `1234,56` (thousands may be grouped with `.`: `1.234,56`).
    Comma,
}

impl DecimalSeparator {
    /// The separator's byte.
    pub fn byte(self) -> u8 {
        match self {
            DecimalSeparator::Dot => b'.',
            DecimalSeparator::Comma => b',',
        }
    }
}

/// Which date orders fit a column's values.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DateGuess {
    /// The orders that read every date value seen, most likely first (year-month-day, then
    /// day-month-year, then month-day-year). Empty when no value looked like a date.
    pub candidates: Vec<DateOrder>,
    /// Whether more than one order fits every value (e.g. only `03/04/2024`-like dates were
    /// seen): the wizard must ask the person which is meant.
    pub ambiguous: bool,
}

impl DateGuess {
    /// The most likely order, or ISO when nothing looked like a date.
    pub fn best(&self) -> DateOrder {
        self.candidates.first().copied().unwrap_or_default()
    }

    /// Guesses from a column's values (trimmed, non-empty).
    fn from_values<'a>(values: impl Iterator<Item = &'a str>) -> DateGuess {
        let mut fits = [0usize; 3];
        let mut dated = 0usize;
        let mut total = 0usize;
        for value in values {
            total += 1;
            let mut any = false;
            for (i, order) in DateOrder::ALL.iter().enumerate() {
                if order.parse(value.as_bytes()).is_some() {
                    fits[i] += 1;
                    any = true;
                }
            }
            dated += usize::from(any);
        }
        // A date column: at least nine values in ten read as dates.
        if dated == 0 || dated * 10 < total * 9 {
            return DateGuess::default();
        }
        let mut candidates: Vec<DateOrder> = DateOrder::ALL
            .iter()
            .zip(fits)
            .filter(|(_, n)| *n == dated)
            .map(|(o, _)| *o)
            .collect();
        if candidates.is_empty() {
            // Mixed formats: the order that reads the most values.
            let best = (0..3)
                .max_by_key(|&i| (fits[i], std::cmp::Reverse(i)))
                .unwrap_or(0);
            candidates.push(DateOrder::ALL[best]);
        }
        let ambiguous = candidates.len() > 1;
        DateGuess {
            candidates,
            ambiguous,
        }
    }
}

/// What the sniffer learnt about one column.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ColumnSniff {
    /// The header cell (or the spreadsheet letter `A`, `B`… when the file has no header).
    pub name: String,
    /// Date orders that fit the column's values (empty candidates: not a date column).
    pub dates: DateGuess,
    /// Whether most values are numbers.
    pub numeric: bool,
    /// Whether every value seen is empty.
    pub empty: bool,
}

/// Everything the sniffer found, for the wizard's first screen.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Sniffed {
    /// The text encoding.
    pub encoding: TextEncoding,
    /// The delimiter.
    pub delimiter: Delimiter,
    /// Whether the first row names the columns.
    pub has_header: bool,
    /// The decimal separator of numbers.
    pub decimal_separator: DecimalSeparator,
    /// Whether the numbers seen decided the decimal separator (false: only integers or values
    /// such as `1,234` that read both ways were seen, and the separator is a default).
    pub decimal_certain: bool,
    /// The date orders of the file's date columns taken together.
    pub date: DateGuess,
    /// One entry per column.
    pub columns: Vec<ColumnSniff>,
    /// The first data rows as text, for the wizard to show.
    pub sample: Vec<Vec<String>>,
    /// Data rows examined.
    pub rows_examined: usize,
}

impl Sniffed {
    /// The column names (header cells, or letters).
    pub fn header(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.name.clone()).collect()
    }

    /// The date guess of `column` (no candidates when it is not a date column).
    pub fn date_guess(&self, column: usize) -> DateGuess {
        self.columns
            .get(column)
            .map(|c| c.dates.clone())
            .unwrap_or_default()
    }
}

/// The spreadsheet name of a 0-based column: `A`…`Z`, `AA`…
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Reads up to `limit` records of `text` with `delimiter`.
fn records(text: &[u8], delimiter: u8, limit: usize) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text);
    let mut record = csv::ByteRecord::new();
    let mut out = Vec::new();
    while out.len() < limit {
        match reader.read_byte_record(&mut record) {
            Ok(true) => out.push(
                record
                    .iter()
                    .map(|f| String::from_utf8_lossy(f.trim_ascii()).into_owned())
                    .collect(),
            ),
            _ => break,
        }
    }
    out
}

/// Field counts per record for `delimiter`: (most common count, share of records with it).
fn consistency(text: &[u8], delimiter: u8) -> (usize, f64) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text);
    let mut record = csv::ByteRecord::new();
    let mut counts: Vec<usize> = Vec::new();
    while counts.len() <= SAMPLE_ROWS {
        match reader.read_byte_record(&mut record) {
            Ok(true) => counts.push(record.len()),
            _ => break,
        }
    }
    if counts.is_empty() {
        return (0, 0.0);
    }
    let mut sorted = counts.clone();
    sorted.sort_unstable();
    let mut best = (0usize, 0usize);
    let mut i = 0;
    while i < sorted.len() {
        let j = sorted[i..]
            .iter()
            .position(|&c| c != sorted[i])
            .map_or(sorted.len(), |p| i + p);
        if j - i > best.1 || (j - i == best.1 && sorted[i] > best.0) {
            best = (sorted[i], j - i);
        }
        i = j;
    }
    (best.0, best.1 as f64 / counts.len() as f64)
}

/// The delimiter whose records have the most consistent field counts (more than one field);
/// on a tie the one giving more fields, then the order of [`Delimiter::ALL`].
fn detect_delimiter(text: &[u8]) -> Delimiter {
    let mut best: Option<(Delimiter, usize, f64)> = None;
    for delimiter in Delimiter::ALL {
        if !text.contains(&delimiter.byte()) {
            continue;
        }
        let (fields, share) = consistency(text, delimiter.byte());
        if fields < 2 {
            continue;
        }
        let better = match best {
            None => true,
            Some((_, f, s)) => share > s + 1e-9 || ((share - s).abs() <= 1e-9 && fields > f),
        };
        if better {
            best = Some((delimiter, fields, share));
        }
    }
    best.map_or(Delimiter::Comma, |(d, _, _)| d)
}

/// Whether a value looks like a number (digits with optional sign, separators and currency).
fn looks_numeric(value: &str) -> bool {
    let mut digits = 0;
    for c in value.chars() {
        if c.is_ascii_digit() {
            digits += 1;
        } else if !matches!(
            c,
            '.' | ','
                | '-'
                | '+'
                | ' '
                | '\''
                | '\u{a0}'
                | '\u{202f}'
                | '$'
                | '€'
                | '£'
                | '¥'
                | '−'
        ) {
            return false;
        }
    }
    digits > 0
}

/// Whether a value looks like a date in any order.
fn looks_like_date(value: &str) -> bool {
    DateOrder::ALL
        .iter()
        .any(|o| o.parse(value.as_bytes()).is_some())
}

/// What one number says about the decimal separator: `Some((separator, decisive))`.
fn decimal_vote(value: &str) -> Option<(DecimalSeparator, bool)> {
    if !looks_numeric(value) {
        return None;
    }
    let core: String = value
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    let dots = core.matches('.').count();
    let commas = core.matches(',').count();
    let after = |sep: char| core.rsplit(sep).next().map_or(0, str::len);
    let before_is_zero = |sep: char| core.split(sep).next() == Some("0");
    match (dots, commas) {
        (0, 0) => None,
        (d, c) if d > 0 && c > 0 => {
            let last_dot = core.rfind('.');
            let last_comma = core.rfind(',');
            Some(if last_comma > last_dot {
                (DecimalSeparator::Comma, true)
            } else {
                (DecimalSeparator::Dot, true)
            })
        }
        (1, 0) => Some((
            DecimalSeparator::Dot,
            after('.') != 3 || before_is_zero('.'),
        )),
        (0, 1) => Some((
            DecimalSeparator::Comma,
            after(',') != 3 || before_is_zero(','),
        )),
        // Several of one separator: those group thousands, so the other is the decimal one.
        (_, 0) => Some((DecimalSeparator::Comma, true)),
        (0, _) => Some((DecimalSeparator::Dot, true)),
        _ => None,
    }
}

/// Whether a first row is a header: none of its cells is a number, a date or an e-mail.
fn is_header(first: &[String]) -> bool {
    !first.is_empty()
        && first.iter().any(|c| !c.is_empty())
        && !first
            .iter()
            .any(|c| (looks_numeric(c) && !c.is_empty()) || looks_like_date(c) || c.contains('@'))
}

/// Whether a header cell is a name the wizard knows for some field.
pub fn is_known_header(cell: &str) -> bool {
    let header = [cell.to_owned()];
    let folded = fold_name(cell);
    !folded.is_empty()
        && RecordKind::ALL.iter().any(|&kind| {
            super::mapping::guess_mapping(kind, &header)
                .fields
                .iter()
                .any(|g| g.confidence >= 1.0)
        })
}

/// Sniffs the first bytes of a file (at most [`SNIFF_BYTES`] are examined; pass the whole
/// file or its beginning). Never fails: an empty file gives the defaults and no columns.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    let cut = bytes.len() >= SNIFF_BYTES;
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let encoding = TextEncoding::detect(head);
    let text = encoding.decode(head);
    // A sample cut mid-file ends with a partial row: leave it out.
    let text: &[u8] = match (cut, text.iter().rposition(|&b| b == b'\n')) {
        (true, Some(end)) => &text[..=end],
        _ => &text,
    };
    let delimiter = detect_delimiter(text);
    let rows = records(text, delimiter.byte(), SAMPLE_ROWS + 1);
    let has_header = rows
        .first()
        .is_some_and(|first| is_header(first) || first.iter().any(|c| is_known_header(c)));
    let data: &[Vec<String>] = if has_header { &rows[1..] } else { &rows[..] };
    let width = rows
        .first()
        .map_or(0, Vec::len)
        .max(data.iter().map(Vec::len).max().unwrap_or(0));
    let mut columns = Vec::with_capacity(width);
    let mut votes = [0usize; 2];
    let mut weak = false;
    let mut date_sets: Vec<DateGuess> = Vec::new();
    for c in 0..width {
        let name = match (has_header, rows.first().and_then(|r| r.get(c))) {
            (true, Some(cell)) if !cell.is_empty() => cell.clone(),
            _ => column_letter(c),
        };
        let values: Vec<&str> = data
            .iter()
            .filter_map(|r| r.get(c))
            .map(String::as_str)
            .filter(|v| !v.is_empty())
            .collect();
        let dates = DateGuess::from_values(values.iter().copied());
        let numeric_count = values.iter().filter(|v| looks_numeric(v)).count();
        let numeric = !values.is_empty() && numeric_count * 10 >= values.len() * 9;
        if dates.candidates.is_empty() {
            for value in &values {
                match decimal_vote(value) {
                    Some((sep, true)) => votes[usize::from(sep == DecimalSeparator::Comma)] += 1,
                    Some((_, false)) => weak = true,
                    None => {}
                }
            }
        } else {
            date_sets.push(dates.clone());
        }
        columns.push(ColumnSniff {
            name,
            dates,
            numeric,
            empty: values.is_empty(),
        });
    }
    let (decimal_separator, decimal_certain) = match votes {
        [0, 0] => (DecimalSeparator::Dot, !weak),
        [dot, comma] if comma > dot => (DecimalSeparator::Comma, true),
        _ => (DecimalSeparator::Dot, true),
    };
    let date = combine_dates(&date_sets);
    Sniffed {
        encoding,
        delimiter,
        has_header,
        decimal_separator,
        decimal_certain,
        date,
        columns,
        sample: data.iter().take(SHOWN_ROWS).cloned().collect(),
        rows_examined: data.len(),
    }
}

/// The orders that fit every date column (a file writes its dates one way), or the first
/// column's when they disagree.
fn combine_dates(sets: &[DateGuess]) -> DateGuess {
    let Some(first) = sets.first() else {
        return DateGuess::default();
    };
    let common: Vec<DateOrder> = first
        .candidates
        .iter()
        .copied()
        .filter(|o| sets.iter().all(|s| s.candidates.contains(o)))
        .collect();
    if common.is_empty() {
        return first.clone();
    }
    let ambiguous = common.len() > 1;
    DateGuess {
        candidates: common,
        ambiguous,
    }
}

/// The date guess for the column a mapping gives `field`, falling back to the whole file's.
pub fn date_guess_for(sniffed: &Sniffed, column: Option<usize>) -> DateGuess {
    match column.map(|c| sniffed.date_guess(c)) {
        Some(guess) if !guess.candidates.is_empty() => guess,
        _ => sniffed.date.clone(),
    }
}

/// The field whose column the date format is read from, for each kind.
pub fn date_field(kind: RecordKind) -> Field {
    match kind {
        RecordKind::Customers => Field::AcquisitionDate,
        _ => Field::Date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_detected_from_marks_and_bytes() {
        assert_eq!(
            TextEncoding::detect(b"\xEF\xBB\xBFa,b\n"),
            TextEncoding::Utf8Bom
        );
        assert_eq!(
            TextEncoding::detect("id,nom\n1,Zoé\n".as_bytes()),
            TextEncoding::Utf8
        );
        assert_eq!(
            TextEncoding::detect(b"id,nom\n1,Zo\xE9\n"),
            TextEncoding::Windows1252
        );
        assert_eq!(
            TextEncoding::detect(b"\xFF\xFEa\x00,\x00b\x00"),
            TextEncoding::Utf16Le
        );
        assert_eq!(
            TextEncoding::detect(b"a\x00,\x00b\x00\n\x00"),
            TextEncoding::Utf16Le
        );
        assert_eq!(
            TextEncoding::detect(b"\xFE\xFF\x00a\x00,"),
            TextEncoding::Utf16Be
        );
        // A character cut at the end of a sample is still UTF-8.
        let cut = "a,é".as_bytes();
        assert_eq!(
            TextEncoding::detect(&cut[..cut.len() - 1]),
            TextEncoding::Utf8
        );
    }

    #[test]
    fn decoding_gives_utf8_without_a_bom() {
        assert_eq!(&*TextEncoding::Utf8Bom.decode(b"\xEF\xBB\xBFx"), b"x");
        assert_eq!(
            &*TextEncoding::Windows1252.decode(b"Zo\xE9 \x80"),
            "Zoé €".as_bytes()
        );
        assert_eq!(
            &*TextEncoding::Utf16Le.decode(b"\xFF\xFEh\x00\xE9\x00"),
            "hé".as_bytes()
        );
        assert_eq!(
            &*TextEncoding::Utf16Be.decode(b"\xFE\xFF\x00h\x00\xE9"),
            "hé".as_bytes()
        );
    }

    #[test]
    fn column_letters_follow_spreadsheets() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn decimal_votes_read_thousands_groups() {
        assert_eq!(
            decimal_vote("1.234,56"),
            Some((DecimalSeparator::Comma, true))
        );
        assert_eq!(
            decimal_vote("1,234.56"),
            Some((DecimalSeparator::Dot, true))
        );
        assert_eq!(decimal_vote("12,5"), Some((DecimalSeparator::Comma, true)));
        assert_eq!(decimal_vote("12.50"), Some((DecimalSeparator::Dot, true)));
        assert_eq!(
            decimal_vote("1.234.567"),
            Some((DecimalSeparator::Comma, true))
        );
        assert_eq!(
            decimal_vote("1,234"),
            Some((DecimalSeparator::Comma, false))
        );
        assert_eq!(decimal_vote("0,125"), Some((DecimalSeparator::Comma, true)));
        assert_eq!(decimal_vote("42"), None);
        assert_eq!(decimal_vote("C001"), None);
    }
}
