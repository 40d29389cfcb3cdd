//! The str payload: the text and its hash, computed once.

use std::cell::Cell;

/// A Python str: immutable text with a cached hash.
pub struct PyStr {
    text: Box<str>,
    /// The hash, or -1 while not yet computed (-1 is never a Python hash).
    hash: Cell<i64>,
}

impl PyStr {
    /// Wraps a text.
    pub fn new(text: impl Into<Box<str>>) -> Self {
        PyStr {
            text: text.into(),
            hash: Cell::new(-1),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The Python hash of the text (FNV-1a, computed on first use).
    pub fn hash(&self) -> i64 {
        let cached = self.hash.get();
        if cached != -1 {
            return cached;
        }
        let h = hash_text(&self.text);
        self.hash.set(h);
        h
    }

    /// Number of characters (code points), as `len()` reports.
    pub fn char_len(&self) -> usize {
        if self.text.is_ascii() {
            self.text.len()
        } else {
            self.text.chars().count()
        }
    }
}

/// The Python hash of a text (FNV-1a; never -1).
pub fn hash_text(text: &str) -> i64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    let h = h as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}
