//! Sets of distinct strings in one buffer, and dictionary columns built on them, as the demo
//! fills its blocks: the same values and codes as [`crate::domain::text::Interner`] and
//! [`crate::domain::text::DictBuilder`] give (each distinct text once, in the order first seen),
//! with room reserved up front and, for text the demo has as a `&'static str` or an index,
//! the hashing of the text skipped when the same key comes again.

use crate::domain::text::{hash_str, Dict, Strings};
use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;

/// Distinct strings, each with its index (the order first added): a string is found by a
/// 64-bit hash confirmed against the stored text, the rare hash collision kept in a side map.
#[derive(Debug, Default)]
pub(crate) struct TextSet {
    map: FxHashMap<u64, u32>,
    collided: FxHashMap<Box<str>, u32>,
    strings: Strings,
}

impl TextSet {
    /// An empty set with room for `n` strings (for look-ups) of about `bytes` bytes in all.
    pub fn with_capacity(n: usize, bytes: usize) -> TextSet {
        let mut map = FxHashMap::default();
        map.reserve(n);
        TextSet {
            map,
            collided: FxHashMap::default(),
            strings: Strings::with_capacity(n.max(bytes / 32), bytes),
        }
    }

    /// String `index`.
    #[inline]
    pub fn get(&self, index: u32) -> &str {
        self.strings.get(index)
    }

    /// Adds `s` unless it is there: `Ok(index)` of the new string, or `Err(index)` of the one
    /// there.
    pub fn insert(&mut self, s: &str) -> Result<u32, u32> {
        match self.map.entry(hash_str(s)) {
            Entry::Vacant(slot) => Ok(*slot.insert(self.strings.push(s))),
            Entry::Occupied(slot) => {
                let i = *slot.get();
                if self.strings.get(i) == s {
                    return Err(i);
                }
                if let Some(&j) = self.collided.get(s) {
                    return Err(j);
                }
                let j = self.strings.push(s);
                self.collided.insert(s.into(), j);
                Ok(j)
            }
        }
    }

    /// The index of `s`, adding it on first sight.
    #[inline]
    pub fn intern(&mut self, s: &str) -> u32 {
        match self.insert(s) {
            Ok(i) | Err(i) => i,
        }
    }

    /// The strings, by index.
    pub fn finish(self) -> Strings {
        let mut strings = self.strings;
        strings.shrink_to_fit();
        strings
    }
}

/// What tells a `&'static str` apart from the others: its address and length (two literals
/// may share an address, one being the other's start); the same key is always the same text.
#[inline]
fn static_key(s: &'static str) -> (usize, usize) {
    (s.as_ptr() as usize, s.len())
}

/// A dictionary column ([`Dict`]) being filled: row by row, `None` or a text.
#[derive(Debug, Default)]
pub(crate) struct DictCol {
    values: TextSet,
    codes: Vec<u32>,
    /// Code (1 + index) by key, for values pushed with a key (see [`DictCol::push_keyed`]).
    keyed: FxHashMap<(usize, usize), u32>,
    /// Code by table index (0: not seen yet), for values pushed by index.
    indexed: Vec<u32>,
}

impl DictCol {
    /// An empty column with room for `rows` rows of about `distinct` distinct values.
    pub fn with_capacity(rows: usize, distinct: usize, bytes: usize) -> DictCol {
        DictCol {
            values: TextSet::with_capacity(distinct, bytes),
            codes: Vec::with_capacity(rows),
            keyed: FxHashMap::default(),
            indexed: Vec::new(),
        }
    }

    /// Appends a row.
    #[inline]
    pub fn push(&mut self, value: Option<&str>) {
        let code = value.map_or(0, |v| self.values.intern(v) + 1);
        self.codes.push(code);
    }

    /// Appends a row whose value is told apart by `key`: the same key always comes with the
    /// same text (a `&'static str`'s address, a table index), so the text is looked up only
    /// the first time a key comes (different keys may still carry the same text).
    #[inline]
    pub fn push_keyed(&mut self, key: (usize, usize), value: &str) {
        let code = match self.keyed.entry(key) {
            Entry::Occupied(slot) => *slot.get(),
            Entry::Vacant(slot) => *slot.insert(self.values.intern(value) + 1),
        };
        self.codes.push(code);
    }

    /// Appends a row holding entry `index` of a table of texts, `value` (the same index always
    /// comes with the same text; different indices may carry the same text).
    #[inline]
    pub fn push_indexed(&mut self, index: usize, value: &str) {
        if index >= self.indexed.len() {
            self.indexed.resize(index + 1, 0);
        }
        let code = match self.indexed[index] {
            0 => {
                let code = self.values.intern(value) + 1;
                self.indexed[index] = code;
                code
            }
            code => code,
        };
        self.codes.push(code);
    }

    /// Appends a row holding a `&'static str` (or none).
    #[inline]
    pub fn push_static(&mut self, value: Option<&'static str>) {
        match value {
            Some(v) => self.push_keyed(static_key(v), v),
            None => self.codes.push(0),
        }
    }

    /// Appends a row holding a value no earlier row of the column holds (the caller knows the
    /// values are distinct), without looking it up.
    #[inline]
    pub fn push_new(&mut self, value: &str) {
        let code = self.values.strings.push(value) + 1;
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

/// Interns `&'static str`s (tags, campaign ids) keyed by address as [`DictCol::push_static`]
/// does, giving each distinct text's index.
#[derive(Debug, Default)]
pub(crate) struct StaticSet {
    values: TextSet,
    keyed: FxHashMap<(usize, usize), u32>,
}

impl StaticSet {
    /// The index of `value`, whose text `key` always comes with.
    #[inline]
    pub fn intern_keyed(&mut self, key: (usize, usize), value: &str) -> u32 {
        match self.keyed.entry(key) {
            Entry::Occupied(slot) => *slot.get(),
            Entry::Vacant(slot) => *slot.insert(self.values.intern(value)),
        }
    }

    /// The index of a `&'static str`.
    #[inline]
    pub fn intern_static(&mut self, value: &'static str) -> u32 {
        self.intern_keyed(static_key(value), value)
    }

    /// The distinct texts, by index.
    pub fn finish(self) -> Strings {
        self.values.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::text::{DictBuilder, Interner};

    #[test]
    fn columns_are_what_the_domain_builders_give() {
        let texts: [&'static str; 6] = ["b", "a", "", "ab", "a", "b"];
        let whole = "ab"; // "a" as a prefix of another literal's bytes, maybe
        let mut reference = DictBuilder::default();
        let mut col = DictCol::with_capacity(4, 2, 8);
        let mut keyed = DictCol::default();
        let mut interner = Interner::default();
        let mut set = StaticSet::default();
        let mut indices = (Vec::new(), Vec::new());
        for (i, t) in texts.iter().chain([&&whole[..1], &whole]).enumerate() {
            let value = (i % 4 != 3).then_some(*t);
            reference.push(value);
            col.push(value);
            match value {
                Some(v) => keyed.push_keyed(static_key(v), v),
                None => keyed.push_static(None),
            }
            indices.0.push(interner.intern(t));
            indices.1.push(set.intern_static(t));
        }
        let want = reference.finish();
        assert_eq!(col.finish(), want);
        assert_eq!(keyed.finish(), want);
        assert_eq!(indices.0, indices.1);
        assert_eq!(set.finish(), interner.finish());
        let mut indexed = DictCol::default();
        let mut reference = DictBuilder::default();
        for (i, v) in [(3, "c"), (0, "a"), (3, "c"), (1, "a"), (0, "a")] {
            indexed.push_indexed(i, v);
            reference.push(Some(v));
        }
        assert_eq!(indexed.finish(), reference.finish());
        let mut fresh = DictCol::default();
        let mut reference = DictBuilder::default();
        for v in ["x", "y", "z"] {
            fresh.push_new(v);
            reference.push(Some(v));
        }
        assert_eq!(fresh.finish(), reference.finish());
    }
}
