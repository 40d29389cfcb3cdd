//! What the compiler asks of the runtime: its constants (numbers, strings, bytes, `None`,
//! tuples of them) made as the runtime's own values. The compiler knows no object model;
//! the VM implements [`Constants`] and gets code objects holding its values.

use num_bigint::BigInt;
use num_traits::Num;

/// Makes the runtime's values for a code object's constants and names.
pub trait Constants {
    /// A runtime value (for pymm-python, a handle to a Python object).
    type Value: Clone;

    /// `None`.
    fn none(&self) -> Self::Value;
    /// `True` or `False`.
    fn bool(&self, b: bool) -> Self::Value;
    /// An int literal that fits in 64 bits.
    fn int(&self, i: i64) -> Self::Value;
    /// An int literal that does not.
    fn big_int(&self, i: BigInt) -> Self::Value;
    /// A float literal.
    fn float(&self, f: f64) -> Self::Value;
    /// An imaginary literal: (real, imaginary).
    fn complex(&self, c: [f64; 2]) -> Self::Value;
    /// A str, interned: names and string literals.
    fn interned(&self, s: &str) -> Self::Value;
    /// A bytes literal.
    fn bytes(&self, b: Vec<u8>) -> Self::Value;
    /// `...`.
    fn ellipsis(&self) -> Self::Value;
    /// A tuple of constants (immutable: the collector need not track it).
    fn tuple(&self, items: Vec<Self::Value>) -> Self::Value;
    /// The repr of a str, as `repr()` writes it (a string annotation under
    /// `from __future__ import annotations` keeps its quotes).
    fn str_repr(&self, s: &str) -> String;
}

/// Parses a Python int literal (with 0x/0o/0b prefixes, no underscores).
pub fn parse_int_literal(text: &str) -> Option<BigInt> {
    let lower = text.to_ascii_lowercase();
    let (digits, radix) = match lower.get(..2) {
        Some("0x") => (&lower[2..], 16),
        Some("0o") => (&lower[2..], 8),
        Some("0b") => (&lower[2..], 2),
        _ => (&lower[..], 10),
    };
    BigInt::from_str_radix(digits, radix).ok()
}
