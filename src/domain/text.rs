//! Columns of text: many strings in one buffer, offset-encoded, so any character (U+001F,
//! tabs, quotes, line breaks) and the empty string are kept exactly, and a column of a
//! million strings is two allocations rather than a million.
//!
//! [`Strings`] holds every row's text; [`Dict`] holds optional, often repeated text (a
//! segment, a manager, a product) as codes into a table of distinct values; [`Interner`]
//! builds such tables, hashing each string once.

use rustc_hash::{FxHashMap, FxHasher};
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;
use std::hash::Hasher;

/// Strings in one buffer: string `i` is `text[ends[i - 1]..ends[i]]` (`ends[-1]` = 0).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Strings {
    text: String,
    ends: Vec<u32>,
}

impl Strings {
    /// An empty column.
    pub fn new() -> Strings {
        Strings::default()
    }

    /// An empty column with room for `count` strings of `bytes` bytes in all.
    pub fn with_capacity(count: usize, bytes: usize) -> Strings {
        Strings {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(count),
        }
    }

    /// Appends a string and returns its index.
    pub fn push(&mut self, s: &str) -> u32 {
        let index = self.ends.len() as u32;
        self.text.push_str(s);
        self.ends.push(self.text.len() as u32);
        index
    }

    /// Number of strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// String `index`, or `""` past the end (or in a column that failed [`Strings::check`]).
    #[inline]
    pub fn get(&self, index: u32) -> &str {
        let i = index as usize;
        let Some(&end) = self.ends.get(i) else {
            return "";
        };
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start as usize..end as usize).unwrap_or("")
    }

    /// Every string, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        (0..self.ends.len() as u32).map(move |i| self.get(i))
    }

    /// Bytes of text held.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Removes every string, keeping the allocations.
    pub fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    /// Keeps string `i` where `keep[i]` (a missing entry counts as false).
    pub fn retain(&mut self, keep: &[bool]) {
        let mut kept = Strings::with_capacity(self.len(), self.text.len());
        for (i, s) in self.iter().enumerate() {
            if keep.get(i).copied().unwrap_or(false) {
                kept.push(s);
            }
        }
        *self = kept;
    }

    /// Gives back unused capacity.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    /// Checks what decoding cannot: the offsets never go back, end at the end of the text,
    /// and fall between characters.
    pub fn check(&self) -> Result<(), TextProblem> {
        let mut previous = 0u32;
        for &end in &self.ends {
            if end < previous || end as usize > self.text.len() {
                return Err(TextProblem::Offsets);
            }
            if !self.text.is_char_boundary(end as usize) {
                return Err(TextProblem::SplitCharacter);
            }
            previous = end;
        }
        if previous as usize != self.text.len() {
            return Err(TextProblem::Offsets);
        }
        Ok(())
    }
}

impl<'a> FromIterator<&'a str> for Strings {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Strings {
        let mut s = Strings::new();
        for item in iter {
            s.push(item);
        }
        s
    }
}

/// What is wrong with a decoded column of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextProblem {
    /// The offsets go back or past the text.
    Offsets,
    /// An offset falls inside a character.
    SplitCharacter,
}

/// Optional text, dictionary-coded: row `i` is `None` when `codes[i]` is 0, else
/// `values[codes[i] - 1]`. Repeated values (segments, managers, products) are stored once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dict {
    /// The distinct values.
    pub values: Strings,
    /// Each row's code: 0 for none, else 1 + an index into `values`.
    pub codes: Vec<u32>,
}

impl Dict {
    /// Row `i`'s value.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&str> {
        match self.codes.get(i).copied() {
            None | Some(0) => None,
            Some(code) => Some(self.values.get(code - 1)),
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Checks the values and that every code names one of them.
    pub fn check(&self) -> Result<(), TextProblem> {
        self.values.check()?;
        let n = self.values.len() as u32;
        if self.codes.iter().any(|&c| c > n) {
            return Err(TextProblem::Offsets);
        }
        Ok(())
    }

    /// Keeps the rows for which `keep[i]` is true (the table keeps every value).
    pub fn retain_rows(&mut self, keep: &[bool]) {
        retain_by(&mut self.codes, keep);
    }
}

/// Keeps `column[i]` where `keep[i]`; `keep` is as long as the column.
pub(crate) fn retain_by<T: Copy>(column: &mut Vec<T>, keep: &[bool]) {
    let mut k = keep.iter();
    column.retain(|_| k.next().copied().unwrap_or(false));
}

/// Builds a [`Dict`] row by row, storing each distinct value once.
#[derive(Debug, Default)]
pub struct DictBuilder {
    values: Interner,
    codes: Vec<u32>,
}

impl DictBuilder {
    /// A builder that continues `dict`.
    pub fn from_dict(dict: Dict) -> DictBuilder {
        DictBuilder {
            values: Interner::from_strings(dict.values),
            codes: dict.codes,
        }
    }

    /// Rows so far.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether no row was pushed.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Appends one row.
    #[inline]
    pub fn push(&mut self, value: Option<&str>) {
        let code = value.map_or(0, |v| self.values.intern(v) + 1);
        self.codes.push(code);
    }

    /// The finished column.
    pub fn finish(self) -> Dict {
        Dict {
            values: self.values.finish(),
            codes: self.codes,
        }
    }
}

/// Interns strings into [`Strings`]: a string seen before gets its first index back.
///
/// Strings are found by a 64-bit hash whose hit is confirmed against the stored text, so
/// interning allocates nothing per string; the rare hash collision goes to a small side map.
#[derive(Debug, Default)]
pub struct Interner {
    map: FxHashMap<u64, u32>,
    collided: FxHashMap<Box<str>, u32>,
    strings: Strings,
}

/// The hash strings are interned by.
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.write_u8(0xff);
    h.finish()
}

impl Interner {
    /// An interner that continues `strings` (whose entries must be distinct).
    pub fn from_strings(strings: Strings) -> Interner {
        let mut interner = Interner {
            strings,
            ..Interner::default()
        };
        interner.map.reserve(interner.strings.len());
        for i in 0..interner.strings.len() as u32 {
            let s = interner.strings.get(i);
            match interner.map.entry(hash_str(s)) {
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
                Entry::Occupied(_) => {
                    interner.collided.insert(s.into(), i);
                }
            }
        }
        interner
    }

    /// The index of `s`, interning it on first sight.
    #[inline]
    pub fn intern(&mut self, s: &str) -> u32 {
        match self.map.entry(hash_str(s)) {
            Entry::Vacant(slot) => *slot.insert(self.strings.push(s)),
            Entry::Occupied(slot) => {
                let i = *slot.get();
                if self.strings.get(i) == s {
                    return i;
                }
                if let Some(&j) = self.collided.get(s) {
                    return j;
                }
                let j = self.strings.push(s);
                self.collided.insert(s.into(), j);
                j
            }
        }
    }

    /// The index of `s`, if it was interned.
    pub fn find(&self, s: &str) -> Option<u32> {
        match self.map.get(&hash_str(s)) {
            Some(&i) if self.strings.get(i) == s => Some(i),
            Some(_) => self.collided.get(s).copied(),
            None => None,
        }
    }

    /// The strings so far, in the order they were first seen.
    pub fn strings(&self) -> &Strings {
        &self.strings
    }

    /// Number of distinct strings.
    pub fn len(&self) -> usize {
        self.strings.len()
    }

    /// Whether nothing was interned.
    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }

    /// Forgets every string, keeping the allocations.
    pub fn clear(&mut self) {
        self.map.clear();
        self.collided.clear();
        self.strings.clear();
    }

    /// The distinct strings, in the order they were first seen.
    pub fn finish(self) -> Strings {
        let mut strings = self.strings;
        strings.shrink_to_fit();
        strings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_keep_any_character_and_the_empty_string() {
        let items = ["", "a\u{1f}b", "tab\there", "\"quoted\"", "", "中文", "\u{0}"];
        let s: Strings = items.iter().copied().collect();
        assert_eq!(s.iter().collect::<Vec<_>>(), items);
        assert_eq!(s.get(99), "");
        s.check().unwrap();
    }

    #[test]
    fn a_damaged_column_is_caught_and_never_panics() {
        let bad = Strings {
            text: "中".into(),
            ends: vec![1],
        };
        assert_eq!(bad.check(), Err(TextProblem::SplitCharacter));
        assert_eq!(bad.get(0), "");
        let short = Strings {
            text: "abc".into(),
            ends: vec![2],
        };
        assert_eq!(short.check(), Err(TextProblem::Offsets));
    }

    #[test]
    fn interning_returns_the_first_index_of_a_repeated_string() {
        let mut i = Interner::default();
        assert_eq!(i.intern("b"), 0);
        assert_eq!(i.intern("a"), 1);
        assert_eq!(i.intern("b"), 0);
        assert_eq!(i.intern(""), 2);
        assert_eq!(i.find("a"), Some(1));
        assert_eq!(i.find("z"), None);
        let again = Interner::from_strings(i.finish());
        assert_eq!(again.find(""), Some(2));
    }

    #[test]
    fn dictionaries_store_repeated_values_once() {
        let mut b = DictBuilder::default();
        for v in [Some("x"), None, Some("y"), Some("x"), Some("")] {
            b.push(v);
        }
        let d = b.finish();
        assert_eq!(d.values.len(), 3);
        assert_eq!(
            (0..5).map(|i| d.get(i)).collect::<Vec<_>>(),
            vec![Some("x"), None, Some("y"), Some("x"), Some("")]
        );
        d.check().unwrap();
    }
}
