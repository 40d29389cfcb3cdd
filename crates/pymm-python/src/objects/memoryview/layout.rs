//! A memoryview's layout: its exporter and where its items sit in it, and the read of
//! those bytes that `bytes_like` (the buffer protocol) shares with the type's methods.

use std::cell::RefCell;

use crate::objects::{Obj, PyRef};
use crate::rt::Tracer;

/// A view: where its items are in its exporter's bytes, and how they read.
pub struct MemoryViewObj {
    /// The exporter (a bytes or bytearray); `None` once released.
    pub(super) base: RefCell<Option<PyRef>>,
    /// Offset of the first item, in bytes.
    pub(super) start: usize,
    /// Distance between items, in bytes (negative for a reversed slice).
    pub(super) step: isize,
    /// Number of items.
    pub(super) len: usize,
    /// The item format, one of [`super::format::FORMATS`] (`b'B'` for a new view).
    pub(super) format: u8,
    /// Made by `toreadonly()` or over a bytes: writes fail.
    pub(super) readonly: bool,
}

impl Drop for MemoryViewObj {
    /// A view that goes unreleased stops exporting its bytearray's bytes. The bytearray is
    /// alive (the view holds it until here) and never torn down by the collector (it holds
    /// no references, so it is never tracked).
    fn drop(&mut self) {
        if let Some(Obj::ByteArray(b)) = self.base.get_mut().as_deref() {
            b.unexport();
        }
    }
}

impl MemoryViewObj {
    /// Visits the exporter (a cell being changed is reported busy).
    pub fn trace(&self, tracer: &mut Tracer<'_>) {
        match self.base.try_borrow() {
            Ok(base) => base.iter().for_each(|b| tracer.visit(b)),
            Err(_) => tracer.mark_busy(),
        }
    }

    /// The viewed bytes, in view order (the buffer protocol's read); `None` once released or
    /// when the exporter shrank.
    pub fn read(&self) -> Option<Vec<u8>> {
        if let Some(bytes) = self.with_contiguous(<[u8]>::to_vec) {
            return Some(bytes);
        }
        let base = self.base.borrow().clone()?;
        let size = self.itemsize();
        let pick = |data: &[u8]| -> Option<Vec<u8>> {
            let mut out = Vec::with_capacity(self.len * size);
            for i in 0..self.len {
                let at = self.position(i);
                out.extend_from_slice(data.get(at..at + size)?);
            }
            Some(out)
        };
        match &*base {
            Obj::Bytes(b) => pick(b),
            Obj::ByteArray(b) => pick(&b.borrow()),
            _ => None,
        }
    }

    /// `f` of the viewed bytes borrowed in place, when they are one run of the exporter's
    /// (items next to each other, in order: what a socket sends from without a copy);
    /// `None` otherwise, or once released or when the exporter shrank.
    pub fn with_contiguous<T>(&self, f: impl FnOnce(&[u8]) -> T) -> Option<T> {
        let base = self.base.borrow().clone()?;
        let size = self.itemsize();
        if self.len == 0 || self.step != size as isize {
            return None;
        }
        let run = self.start..self.start + self.len * size;
        match &*base {
            Obj::Bytes(b) => b.get(run).map(f),
            Obj::ByteArray(b) => b.borrow().get(run).map(f),
            _ => None,
        }
    }

    /// The size of an item in bytes.
    pub(super) fn itemsize(&self) -> usize {
        super::format::itemsize(self.format)
    }

    /// Byte offset of item `i` (`i < len`, so the offset is never negative).
    pub(super) fn position(&self, i: usize) -> usize {
        (self.start as isize + i as isize * self.step) as usize
    }
}
