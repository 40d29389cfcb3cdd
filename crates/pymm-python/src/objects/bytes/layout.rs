//! The bytes' layout: the bytes inline, in the object's own block, after the
//! `Obj`, as CPython's `PyBytesObject` keeps `ob_sval` after its variable-size header.
//!
//! ```text
//!  [ header ][ Obj::Bytes: tag, len, data ptr ][ len bytes ]
//!                                        '-----^ (the block's tail)
//! ```
//!
//! A bytes costs 32 bytes plus its data (CPython: 33 plus the data). It holds no references,
//! so its block has no collector links, and none of it comes from the system allocator. Data
//! of 4 GiB or more is refused (MemoryError), as a tuple of 2**32 items is.
//!
//! Invariants, relied on by every `unsafe` block below:
//! - a `BytesData` exists only inside the `Obj::Bytes` of the block whose tail it points to
//!   (only [`BytesData::alloc`] makes one, and the payload never leaves its block), so the
//!   tail lives exactly as long as the `BytesData`; the pointer carries the block's
//!   provenance;
//! - the tail holds `len` initialised bytes, never written again;
//! - [`BytesData::tail_size`] reports the tail's size from `len`, fixed for life.

use std::alloc::Layout;
use std::ops::Deref;
use std::ptr::NonNull;

use crate::objects::{Obj, PyRef};
use crate::rt::{AllocError, Gc, Heap};

/// A bytes object's payload: its length and a pointer to its bytes in the block's tail.
/// Packed to 12 bytes so that `Obj` stays two words: the enum's tag fits in front of the
/// length.
///
/// ```
/// use pymm_python::objects::{bytes::BytesData, Obj};
/// use pymm_python::rt::Heap;
///
/// let heap = Heap::new();
/// let obj = BytesData::alloc(&heap, b"\x00abc").expect("room");
/// let Obj::Bytes(data) = &*obj else { unreachable!() };
/// assert_eq!(&data[..], b"\x00abc");
/// ```
#[repr(C, packed(4))]
pub struct BytesData {
    len: u32,
    data: NonNull<u8>,
}

impl BytesData {
    /// A bytes object holding a copy of `data`, in one block of `heap`; `Err` when the
    /// heap's limit would be exceeded or memory is exhausted.
    pub fn alloc(heap: &Heap, data: &[u8]) -> Result<PyRef, AllocError> {
        let len = u32::try_from(data.len()).map_err(|_| AllocError)?;
        let tail = Layout::array::<u8>(data.len()).map_err(|_| AllocError)?;
        // SAFETY: `init` copies the bytes into the tail, whose size `BytesData::tail_size`
        // reports from that same length for the object's whole life;
        // the tail holds no handle, so there is nothing to trace or drop in it.
        unsafe {
            Gc::try_new_with_tail_in(heap, tail, false, |tail| {
                std::ptr::copy_nonoverlapping(data.as_ptr(), tail.as_ptr(), data.len());
                Obj::Bytes(BytesData { len, data: tail })
            })
        }
    }

    /// Bytes of the block's tail: the data.
    pub(crate) fn tail_size(&self) -> usize {
        self.len as usize
    }
}

impl Deref for BytesData {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        let (data, len) = (self.data, self.len);
        // SAFETY: the tail holds `len` initialised bytes, never written while self lives; the
        // pointer derives from the block's own allocation, so it may reach them (module
        // invariants); an empty tail's pointer is aligned and non-null.
        unsafe { std::slice::from_raw_parts(data.as_ptr(), len as usize) }
    }
}

/// A bytearray's bytes, and how many memoryviews export them: while one does (it is alive
/// and not released), the size is fixed, as CPython's `ob_exports` fixes it (the bytes may
/// still change in place).
#[derive(Default)]
pub struct ByteArrayObj {
    data: std::cell::RefCell<Vec<u8>>,
    exports: std::cell::Cell<u32>,
}

impl ByteArrayObj {
    /// A bytearray of `data`, not exported.
    pub fn new(data: Vec<u8>) -> Self {
        ByteArrayObj {
            data: std::cell::RefCell::new(data),
            exports: std::cell::Cell::new(0),
        }
    }

    /// A memoryview starts exporting the bytes.
    pub fn export(&self) {
        self.exports.set(self.exports.get() + 1);
    }

    /// A memoryview stops exporting them (released or gone).
    pub fn unexport(&self) {
        self.exports.set(self.exports.get().saturating_sub(1));
    }

    /// True while a memoryview exports the bytes.
    pub fn exported(&self) -> bool {
        self.exports.get() > 0
    }
}

impl std::ops::Deref for ByteArrayObj {
    type Target = std::cell::RefCell<Vec<u8>>;

    fn deref(&self) -> &Self::Target {
        &self.data
    }
}

/// The bytes of a `bytes`, `bytearray` or `memoryview`, or of an instance of a subclass of
/// the first two (a copy): what CPython's buffer
/// protocol reads. [`with_bytes_like`] reads them in place.
pub fn bytes_like(obj: &Obj) -> Option<Vec<u8>> {
    with_bytes_like(obj, <[u8]>::to_vec)
}

/// `f` of the bytes of a `bytes`, `bytearray` or `memoryview`, borrowed where they are (a
/// view of one run of its exporter's bytes included), from a copy only for a strided view;
/// `None` for other objects and released views.
///
/// A bytearray is borrowed while `f` runs: `f` must not change it (a caller that writes
/// into a bytearray checks first that it is not the one read, as `bytearray.extend` does).
pub fn with_bytes_like<T>(obj: &Obj, f: impl FnOnce(&[u8]) -> T) -> Option<T> {
    match obj {
        Obj::Bytes(b) => Some(f(b)),
        Obj::ByteArray(b) => Some(f(&b.borrow())),
        Obj::MemoryView(view) => {
            let mut f = Some(f);
            if let Some(Some(done)) = view.with_contiguous(|data| f.take().map(|f| f(data))) {
                return Some(done);
            }
            // a strided view (or a released one, when `read` answers None) is gathered first
            let gathered = view.read()?;
            f.map(|f| f(&gathered))
        }
        // an instance of a subclass of bytes or bytearray exports its built-in value
        Obj::Instance(inst) => match inst.base_value().map(|v| &**v) {
            Some(value @ (Obj::Bytes(_) | Obj::ByteArray(_))) => with_bytes_like(value, f),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip_in_their_own_block() {
        let heap = Heap::new();
        let before = heap.bytes_in_use();
        for data in [&b""[..], b"a", b"\xff\x00\x80", &[7u8; 10_000]] {
            let obj = BytesData::alloc(&heap, data).expect("room");
            let Obj::Bytes(b) = &*obj else {
                panic!("a bytes")
            };
            assert_eq!(&b[..], data);
            assert_eq!(b.tail_size(), data.len());
            assert!(!Gc::is_tracked(&obj), "a bytes is not a container");
        }
        assert_eq!(heap.bytes_in_use(), before, "every block went back");
    }

    #[test]
    fn a_sixteen_byte_bytes_is_one_48_byte_block() {
        let heap = Heap::new();
        let before = heap.bytes_in_use();
        let obj = BytesData::alloc(&heap, &[1; 16]).expect("room");
        assert_eq!(heap.bytes_in_use() - before, 48, "CPython's takes 64");
        drop(obj);
    }
}
