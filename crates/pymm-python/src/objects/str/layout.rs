//! The str's layout: the text and its hash inline, in the object's own block, after the
//! `Obj`, as CPython's compact `PyASCIIObject` keeps its characters after its header.
//!
//! ```text
//!  [ header ][ Obj::Str: tag, len, tail ptr ][ hash: i64 | text: len bytes (UTF-8) ]
//!                                      '-----^ (the block's tail)
//! ```
//!
//! `Obj` is 16 bytes (a tag and one word), so that a pymm object block of an int or a float is
//! 32 bytes with its header, as in CPython; a str's text cannot sit in `Obj` itself, so it
//! sits in the block's tail (pymm's `Gc::try_new_with_tail_in`) and `Obj::Str` holds a
//! [`PyStr`]: the length and a pointer to it, packed into 12 bytes. A str costs 40 bytes
//! plus its text (CPython: 49 plus the text, for ASCII), so a 7-character str is one 48-byte
//! block where CPython takes 64, and no byte of it comes from the system allocator. A text
//! of 4 GiB or more is refused (MemoryError), as a tuple of 2**32 items is. A str is not a container: its block
//! has no collector links.
//!
//! Invariants, relied on by every `unsafe` block below:
//! - a `PyStr` exists only inside the `Obj::Str` of the block whose tail it points to (only
//!   [`PyStr::alloc`] makes one, and the payload never leaves its block), so the tail lives
//!   exactly as long as the `PyStr`; the pointer carries the whole block's provenance;
//! - the tail holds an initialised hash cell and `len` bytes of valid UTF-8 after it, copied
//!   from a `&str` and never written again (the hash is a `Cell`, outside the text);
//! - [`PyStr::tail_size`] reports the tail's size from `len`, fixed for the object's life.

use std::alloc::Layout;
use std::cell::Cell;
use std::ptr::NonNull;

use crate::objects::{Obj, PyRef};
use crate::rt::{AllocError, Gc, Heap};

/// What precedes the text in a str's tail: the hash, or -1 while not yet computed (-1 is
/// never a Python hash).
type HashCell = Cell<i64>;

/// A Python str: immutable UTF-8 text with a cached hash, living in the tail of its object's
/// block. Packed to 12 bytes so that `Obj` stays two words: the enum's tag fits in front of
/// the length.
///
/// ```
/// use pymm_python::objects::{Obj, PyStr};
/// use pymm_python::rt::Heap;
///
/// let heap = Heap::new();
/// let obj = PyStr::alloc(&heap, "héllo").expect("room");
/// let Obj::Str(s) = &*obj else { unreachable!() };
/// assert_eq!(s.as_str(), "héllo");
/// assert_eq!(s.char_len(), 5);
/// assert_eq!(s.hash(), pymm_python::objects::str::hash_text("héllo"));
/// ```
#[repr(C, packed(4))]
pub struct PyStr {
    /// Length of the text in bytes.
    len: u32,
    /// The tail: the hash cell, then the text.
    hash: NonNull<HashCell>,
}

impl PyStr {
    /// A str object holding a copy of `text`, in one block of `heap`; `Err` when the heap's
    /// limit would be exceeded or memory is exhausted.
    pub fn alloc(heap: &Heap, text: &str) -> Result<PyRef, AllocError> {
        let len = u32::try_from(text.len()).map_err(|_| AllocError)?;
        let tail = tail_layout(text.len()).ok_or(AllocError)?;
        // SAFETY: `init` writes the hash cell and the `len` bytes of text into the tail, whose
        // size `PyStr::tail_size` reports from that same `len` for the object's whole life;
        // the tail holds no handle, so there is nothing to trace or drop in it.
        unsafe {
            Gc::try_new_with_tail_in(heap, tail, false, |tail| {
                let hash = tail.cast::<HashCell>();
                hash.as_ptr().write(Cell::new(-1));
                let bytes = tail.as_ptr().add(TEXT_OFFSET);
                std::ptr::copy_nonoverlapping(text.as_ptr(), bytes, text.len());
                Obj::Str(PyStr { len, hash })
            })
        }
    }

    fn hash_cell(&self) -> &HashCell {
        let hash = self.hash;
        // SAFETY: the cell is initialised and lives as long as self (module invariants).
        unsafe { hash.as_ref() }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        let (len, hash) = (self.len as usize, self.hash);
        // SAFETY: the `len` bytes after the hash cell are initialised, valid UTF-8 and never
        // written while self lives (module invariants); the pointer derives from the block's
        // own allocation, so it may reach them.
        unsafe {
            let text = hash.cast::<u8>().as_ptr().add(TEXT_OFFSET);
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(text, len))
        }
    }

    /// The Python hash of the text (FNV-1a, computed on first use).
    pub fn hash(&self) -> i64 {
        let cached = self.hash_cell().get();
        if cached != -1 {
            return cached;
        }
        let h = hash_text(self.as_str());
        self.hash_cell().set(h);
        h
    }

    /// Number of characters (code points), as `len()` reports.
    pub fn char_len(&self) -> usize {
        let text = self.as_str();
        if text.len() >= CURSOR_MIN_LEN {
            return self.cursor().chars;
        }
        if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        }
    }

    /// Byte offset of character `index` (the text's length at or past the end).
    ///
    /// Programs walk a long str by index (parsers: `s[pos]`, `s.find(x, pos)`), so whether
    /// the last long one asked about is ASCII, its length in characters and the last
    /// position asked for are remembered, and the next walk starts from there.
    ///
    /// ```
    /// use pymm_python::objects::{Obj, PyStr};
    /// use pymm_python::rt::Heap;
    ///
    /// let heap = Heap::new();
    /// let obj = PyStr::alloc(&heap, "aé€😀b").expect("room");
    /// let Obj::Str(s) = &*obj else { unreachable!() };
    /// let offsets: Vec<usize> = (0..7).map(|i| s.byte_offset(i)).collect();
    /// assert_eq!(offsets, [0, 1, 3, 6, 10, 11, 11]);
    /// ```
    pub fn byte_offset(&self, index: usize) -> usize {
        let text = self.as_str();
        if text.len() < CURSOR_MIN_LEN {
            if text.is_ascii() {
                return index.min(text.len());
            }
            return text
                .char_indices()
                .nth(index)
                .map_or(text.len(), |(at, _)| at);
        }
        let mut cursor = self.cursor();
        if cursor.ascii {
            return index.min(text.len());
        }
        if index >= cursor.chars {
            return text.len();
        }
        if index < cursor.index / 2 {
            // nearer the start than the remembered position
            (cursor.index, cursor.offset) = (0, 0);
        }
        while cursor.index < index {
            cursor.offset += utf8_width(text.as_bytes()[cursor.offset]);
            cursor.index += 1;
        }
        while cursor.index > index {
            cursor.offset -= 1;
            while !text.is_char_boundary(cursor.offset) {
                cursor.offset -= 1;
            }
            cursor.index -= 1;
        }
        CURSOR.with(|c| c.set(cursor));
        cursor.offset
    }

    /// What is remembered of this (long) str, found out and remembered first if needed.
    fn cursor(&self) -> Cursor {
        let addr = { self.hash }.as_ptr() as usize;
        let remembered = CURSOR.with(|c| c.get());
        if remembered.addr == addr {
            return remembered;
        }
        let text = self.as_str();
        let ascii = text.is_ascii();
        let cursor = Cursor {
            addr,
            ascii,
            chars: if ascii {
                text.len()
            } else {
                text.chars().count()
            },
            index: 0,
            offset: 0,
        };
        CURSOR.with(|c| c.set(cursor));
        cursor
    }

    /// Bytes of the block's tail: the hash and the text.
    pub(crate) fn tail_size(&self) -> usize {
        TEXT_OFFSET + self.len as usize
    }
}

/// Texts shorter than this are scanned again on each use: cheap enough, and they would
/// otherwise take the place of the long text a program is walking.
const CURSOR_MIN_LEN: usize = 256;

/// What is known of the long str whose block is at `addr`: whether it is ASCII, its length
/// in characters, and that character `index` starts at byte `offset`.
#[derive(Clone, Copy)]
struct Cursor {
    addr: usize,
    ascii: bool,
    chars: usize,
    index: usize,
    offset: usize,
}

impl Cursor {
    /// Remembers no str (no block lives at address 0).
    const NONE: Cursor = Cursor {
        addr: 0,
        ascii: false,
        chars: 0,
        index: 0,
        offset: 0,
    };
}

thread_local! {
    /// What [`PyStr::char_len`] and [`PyStr::byte_offset`] found out last; forgotten when
    /// its str is freed, so that a new str at the same address never inherits it.
    static CURSOR: Cell<Cursor> = const { Cell::new(Cursor::NONE) };
}

/// Bytes of the UTF-8 sequence that starts with `lead`.
fn utf8_width(lead: u8) -> usize {
    match lead {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

impl Drop for PyStr {
    fn drop(&mut self) {
        let addr = { self.hash }.as_ptr() as usize;
        CURSOR.with(|c| {
            if c.get().addr == addr {
                c.set(Cursor::NONE);
            }
        });
    }
}

/// Offset of the text from the start of the block.
const TEXT_OFFSET: usize = std::mem::size_of::<HashCell>();

/// Layout of the tail of a text of `len` bytes (`None` past what a layout can describe).
fn tail_layout(len: usize) -> Option<Layout> {
    let size = TEXT_OFFSET.checked_add(len)?;
    Layout::from_size_align(size, std::mem::align_of::<HashCell>()).ok()
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

/// Whether repr shows `c` as itself: not a control or format character, nor a separator
/// other than the space (Python's `str.isprintable`, for the characters programs meet).
pub fn is_printable(c: char) -> bool {
    !(c.is_control()
        || matches!(
            c,
            '\u{a0}' | '\u{ad}' | '\u{2000}'..='\u{200f}' | '\u{2028}'..='\u{202f}'
                | '\u{205f}'..='\u{2064}' | '\u{3000}' | '\u{feff}' | '\u{1680}'
        ))
}

/// Python's repr of a str.
pub fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !is_printable(c) => out.push_str(&match c as u32 {
                code @ 0..=0xff => format!("\\x{code:02x}"),
                code @ 0x100..=0xffff => format!("\\u{code:04x}"),
                code => format!("\\U{code:08x}"),
            }),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(obj: &PyRef) -> &PyStr {
        match &**obj {
            Obj::Str(s) => s,
            _ => panic!("a str"),
        }
    }

    #[test]
    fn texts_round_trip_in_their_own_block() {
        let heap = Heap::new();
        let before = heap.bytes_in_use();
        for text in ["", "a", "héllo wörld", &"x".repeat(10_000)] {
            let obj = PyStr::alloc(&heap, text).expect("room");
            let s = text_of(&obj);
            assert_eq!(s.as_str(), text);
            assert_eq!(s.hash(), hash_text(text));
            assert_eq!(s.hash(), s.hash());
            assert_eq!(s.tail_size(), 8 + text.len());
            assert!(!Gc::is_tracked(&obj), "a str is not a container");
        }
        assert_eq!(heap.bytes_in_use(), before, "every block went back");
    }

    #[test]
    fn a_seven_character_str_is_one_48_byte_block() {
        let heap = Heap::new();
        let before = heap.bytes_in_use();
        let obj = PyStr::alloc(&heap, "1234567").expect("room");
        assert_eq!(heap.bytes_in_use() - before, 48, "CPython's takes 64");
        drop(obj);
    }

    #[test]
    fn fits_beside_the_enum_tag() {
        assert_eq!(std::mem::size_of::<PyStr>(), 12);
    }
}
