//! The str's layout: the text and its hash in one allocation behind one pointer.
//!
//! `Obj` is 16 bytes (a tag and one word), so that a pymm object block of an int or a float is
//! 32 bytes with its header, as in CPython. A `Box<str>` is two words, so the text cannot sit in
//! `Obj` directly; a `Box<PyStr>` holding it would cost a second allocation and a second pointer
//! hop on every hash lookup. A [`PyStr`] is therefore a thin pointer to one block laid out as
//!
//! ```text
//! +----------------+----------------+-------------------------+
//! | hash: i64      | len: usize     | text: len bytes (UTF-8) |
//! +----------------+----------------+-------------------------+
//! ^ PyStr.header
//! ```
//!
//! Invariants, relied on by every `unsafe` block below:
//! - `header` points to a live block allocated by the global allocator with
//!   `block_layout(len)`, owned by this `PyStr` alone (no `Clone`; dropped exactly once);
//! - the `len` bytes after the header are initialised and are valid UTF-8 (they were copied
//!   from a `&str`), and are never written again.

use std::alloc::{self, Layout};
use std::cell::Cell;
use std::ptr::NonNull;

/// What precedes the text in a [`PyStr`]'s block.
#[repr(C)]
struct Header {
    /// The hash, or -1 while not yet computed (-1 is never a Python hash).
    hash: Cell<i64>,
    /// Length of the text in bytes.
    len: usize,
}

/// A Python str: immutable UTF-8 text with a cached hash, one word wide.
///
/// ```
/// use pymm_python::objects::PyStr;
/// let s = PyStr::new("héllo");
/// assert_eq!(s.as_str(), "héllo");
/// assert_eq!(s.char_len(), 5);
/// assert_eq!(s.hash(), PyStr::new("héllo").hash());
/// ```
pub struct PyStr {
    header: NonNull<Header>,
}

impl PyStr {
    /// Copies `text` into a new str block.
    ///
    /// # Panics
    /// If the system allocator refuses the block (see [`PyStr::try_new`]).
    pub fn new(text: &str) -> Self {
        Self::try_new(text).unwrap_or_else(|| alloc::handle_alloc_error(block_layout(text.len())))
    }

    /// Copies `text` into a new str block; `None` if the system allocator refuses it.
    pub fn try_new(text: &str) -> Option<Self> {
        let len = text.len();
        let layout = block_layout(len);
        // SAFETY: the layout is never zero-sized (the header alone is 16 bytes).
        let block = NonNull::new(unsafe { alloc::alloc(layout) })?;
        let header = block.cast::<Header>();
        // SAFETY: `block` is fresh, sized and aligned for a Header followed by `len` bytes
        // (block_layout); the source and the text area do not overlap.
        unsafe {
            header.as_ptr().write(Header {
                hash: Cell::new(-1),
                len,
            });
            std::ptr::copy_nonoverlapping(text.as_ptr(), block.as_ptr().add(TEXT_OFFSET), len);
        }
        Some(PyStr { header })
    }

    fn header(&self) -> &Header {
        // SAFETY: the header is initialised and lives as long as self (module invariants).
        unsafe { self.header.as_ref() }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        let len = self.header().len;
        // SAFETY: the `len` bytes after the header are initialised, valid UTF-8 and never
        // written while self lives (module invariants); the pointer derives from the block's
        // own allocation, so it may reach them.
        unsafe {
            let text = self.header.cast::<u8>().as_ptr().add(TEXT_OFFSET);
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(text, len))
        }
    }

    /// The Python hash of the text (FNV-1a, computed on first use).
    pub fn hash(&self) -> i64 {
        let cached = self.header().hash.get();
        if cached != -1 {
            return cached;
        }
        let h = hash_text(self.as_str());
        self.header().hash.set(h);
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
    /// use pymm_python::objects::PyStr;
    /// let s = PyStr::new("aé€😀b");
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
        let addr = self.header.as_ptr() as usize;
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

    /// Bytes of the block behind this str (for `sys.getsizeof`-style accounting).
    pub fn block_bytes(&self) -> usize {
        block_layout(self.header().len).size()
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

thread_local! {
    /// What [`PyStr::char_len`] and [`PyStr::byte_offset`] found out last; forgotten when
    /// its str is freed, so that a new str at the same address never inherits it.
    static CURSOR: Cell<Cursor> = const {
        Cell::new(Cursor { addr: 0, ascii: false, chars: 0, index: 0, offset: 0 })
    };
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
        let addr = self.header.as_ptr() as usize;
        CURSOR.with(|c| {
            if c.get().addr == addr {
                c.set(Cursor {
                    addr: 0,
                    ascii: false,
                    chars: 0,
                    index: 0,
                    offset: 0,
                });
            }
        });
        let layout = block_layout(self.header().len);
        // SAFETY: the block was allocated with this very layout and is dropped once.
        unsafe { alloc::dealloc(self.header.cast::<u8>().as_ptr(), layout) }
    }
}

/// Offset of the text from the start of the block.
const TEXT_OFFSET: usize = std::mem::size_of::<Header>();

/// Layout of the block of a text of `len` bytes.
fn block_layout(len: usize) -> Layout {
    let size = TEXT_OFFSET
        .checked_add(len)
        .expect("a str's length fits in memory");
    Layout::from_size_align(size, std::mem::align_of::<Header>())
        .expect("a str's block layout is valid")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_long_texts_round_trip() {
        for text in ["", "a", "héllo wörld", &"x".repeat(10_000)] {
            let s = PyStr::new(text);
            assert_eq!(s.as_str(), text);
            assert_eq!(s.hash(), hash_text(text));
            assert_eq!(s.hash(), s.hash());
            assert_eq!(s.block_bytes(), 16 + text.len());
        }
    }

    #[test]
    fn is_one_word() {
        assert_eq!(std::mem::size_of::<PyStr>(), 8);
    }
}
