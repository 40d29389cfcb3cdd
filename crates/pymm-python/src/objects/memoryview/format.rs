//! A memoryview's item formats (the native ones of the `struct` module, CPython's
//! `Objects/memoryobject.c` `unpack_single`/`pack_single`): the size of an item, its value
//! as Python sees it, and the bytes that store a value, in the machine's byte order
//! (little-endian on every target pymm builds for).

use crate::objects::{Obj, PyRef};
use crate::vm::{Exc, PyResult, Vm};

/// The native formats a view may have, one character each.
pub const FORMATS: &str = "BbchHiIlLqQnNPfd?";

/// True for the formats of one-byte items that are no numbers' halves: a cast must start
/// or end at one of them (CPython's "cannot cast between two non-byte formats").
pub fn is_byte_format(format: u8) -> bool {
    matches!(format, b'B' | b'b' | b'c')
}

/// The size of an item in bytes (`struct.calcsize` of the native format).
pub fn itemsize(format: u8) -> usize {
    match format {
        b'h' | b'H' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' | b'q' | b'Q' | b'n' | b'N' | b'P' | b'd' => 8,
        _ => 1,
    }
}

/// An item unpacked, as compared across views (`c` items are bytes, never equal to
/// numbers; ints and floats compare by value, as `==` of the unpacked objects).
#[derive(Clone, Copy)]
pub enum Item {
    Int(i128),
    Float(f64),
    Char(u8),
    Bool(bool),
}

impl PartialEq for Item {
    fn eq(&self, other: &Item) -> bool {
        match (self.number(), other.number()) {
            (Some(Ok(a)), Some(Ok(b))) => a == b,
            (Some(Err(a)), Some(Err(b))) => a == b,
            (Some(Ok(i)), Some(Err(f))) | (Some(Err(f)), Some(Ok(i))) => i as f64 == f,
            (None, None) => matches!((self, other), (Item::Char(a), Item::Char(b)) if a == b),
            _ => false,
        }
    }
}

impl Item {
    /// The item as an int (`Ok`) or a float (`Err`); `None` for a `c` item.
    fn number(self) -> Option<Result<i128, f64>> {
        match self {
            Item::Int(i) => Some(Ok(i)),
            Item::Bool(b) => Some(Ok(i128::from(b))),
            Item::Float(f) => Some(Err(f)),
            Item::Char(_) => None,
        }
    }

    /// The Python object for the item.
    pub fn to_object(self, vm: &Vm) -> PyResult {
        match self {
            Item::Int(i) => match i64::try_from(i) {
                Ok(i) => vm.new_int(i),
                Err(_) => vm.new_bigint(i.into()),
            },
            Item::Float(f) => Ok(vm.float(f)),
            Item::Char(c) => Ok(vm.bytes([c])),
            Item::Bool(b) => Ok(vm.bool(b)),
        }
    }
}

/// The item stored in `bytes` (exactly [`itemsize`] of them) in format `format`.
pub fn unpack(format: u8, bytes: &[u8]) -> Item {
    let mut word = [0u8; 8];
    word[..bytes.len()].copy_from_slice(bytes);
    // pymm's targets are little-endian: the item's bytes are the low ones of the word
    let unsigned = u64::from_le_bytes(word);
    // a signed item: its bits moved to the top and back, so that the sign spreads
    let signed = |n: usize| i128::from((unsigned << (64 - 8 * n)) as i64 >> (64 - 8 * n));
    match format {
        b'c' => Item::Char(bytes[0]),
        b'?' => Item::Bool(bytes[0] != 0),
        b'b' | b'h' | b'i' | b'l' | b'q' | b'n' => Item::Int(signed(bytes.len())),
        b'f' => Item::Float(f64::from(f32::from_le_bytes([
            bytes[0], bytes[1], bytes[2], bytes[3],
        ]))),
        b'd' => Item::Float(f64::from_le_bytes(word)),
        _ => Item::Int(i128::from(unsigned)),
    }
}

/// The bytes that store `value` as an item of format `format`, with CPython's errors.
pub fn pack(vm: &Vm, format: u8, value: &PyRef) -> PyResult<Vec<u8>> {
    let invalid = |kind: &str, exc: Exc| {
        vm.new_exc(
            exc,
            format!(
                "memoryview: invalid {kind} for format '{}'",
                char::from(format)
            ),
        )
    };
    let size = itemsize(format);
    match format {
        b'c' => match &**value {
            Obj::Bytes(b) if b.len() == 1 => Ok(vec![b[0]]),
            Obj::Bytes(_) => Err(invalid("value", Exc::ValueError)),
            _ => Err(invalid("type", Exc::TypeError)),
        },
        b'?' => Ok(vec![u8::from(vm.truthy(value)?)]),
        b'f' | b'd' => {
            let f = match &**value {
                Obj::Float(f) => *f,
                Obj::Int(i) => *i as f64,
                Obj::Bool(b) => f64::from(u8::from(*b)),
                _ => return Err(invalid("type", Exc::TypeError)),
            };
            Ok(match format {
                b'f' => (f as f32).to_le_bytes().to_vec(),
                _ => f.to_le_bytes().to_vec(),
            })
        }
        _ => {
            let signed = matches!(format, b'b' | b'h' | b'i' | b'l' | b'q' | b'n');
            let bits = 8 * size as u32;
            let range = if signed {
                -(1i128 << (bits - 1))..(1i128 << (bits - 1))
            } else {
                0..(1i128 << bits)
            };
            let int = match &**value {
                Obj::Int(i) => i128::from(*i),
                Obj::Bool(b) => i128::from(*b),
                Obj::BigInt(b) => i128::try_from(&**b).unwrap_or(i128::MAX),
                _ => return Err(invalid("type", Exc::TypeError)),
            };
            if !range.contains(&int) {
                return Err(invalid("value", Exc::ValueError));
            }
            Ok((int as u64).to_le_bytes()[..size].to_vec())
        }
    }
}
