//! The type attribute cache: what a class attribute lookup along the resolution order found,
//! by (class, name), as CPython's `_PyType_Lookup` cache does. Instance attribute access
//! asks the class first (for descriptors) and method calls always do, so the walk over the
//! resolution order's dicts would otherwise run on every `obj.attr`.
//!
//! Validity is one version number for all classes: it changes before any class dict
//! changes ([`Vm::class_set_attr`], `del C.attr`) and whenever a class is made. An entry of
//! the current version therefore describes dicts that have not changed since it was
//! stored, and a class at the entry's address is the class it was stored for (another one
//! at that address would have been made since). Entries hold no count on what they found:
//! those objects are alive because the unchanged dicts hold them.
//!
//! [`Vm::class_set_attr`]: super::Vm::class_set_attr

use std::cell::{Cell, RefCell};

use crate::objects::{Obj, PyRef};
use crate::rt::Gc;

/// Entries (a power of two).
const ENTRIES: usize = 1 << 10;

#[derive(Default)]
struct Entry {
    version: u64,
    class: usize,
    /// The name looked up, held so that its address is not reused while the entry lives.
    name: Option<PyRef>,
    /// What was found (null: nothing), not counted (see the module docs).
    found: usize,
}

/// See the module docs.
pub struct TypeCache {
    version: Cell<u64>,
    entries: RefCell<Box<[Entry]>>,
}

impl Default for TypeCache {
    fn default() -> Self {
        TypeCache {
            // Entries start at version 0, which is never current.
            version: Cell::new(1),
            entries: RefCell::new((0..ENTRIES).map(|_| Entry::default()).collect()),
        }
    }
}

fn slot(class: &PyRef, name: &PyRef) -> usize {
    mix((Gc::as_ptr(class) as usize >> 4) ^ (Gc::as_ptr(name) as usize >> 3))
}

/// The slot of a lookup by text (special methods looked up by a `&str` name), from the
/// text's hash: text lookups and lookups by interned name use different slots, and an entry
/// either kind stored answers the other kind correctly if found (same class, same name).
fn text_slot(class: &PyRef, text_hash: i64) -> usize {
    mix((Gc::as_ptr(class) as usize >> 4) ^ text_hash as usize)
}

fn mix(key: usize) -> usize {
    key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (usize::BITS - ENTRIES.trailing_zeros())
}

impl TypeCache {
    /// Forgets every entry: a class dict is about to change, or a class was made.
    pub fn invalidate(&self) {
        self.version.set(self.version.get() + 1);
    }

    /// The current version: every class dict and every class's identity is as it was when
    /// it was last this number (see the module docs). Never 0.
    pub fn version(&self) -> u64 {
        self.version.get()
    }

    /// What a lookup of `name` on `class` found last time, if that is still valid:
    /// `Some(None)` for "nothing".
    pub fn get(&self, class: &PyRef, name: &PyRef) -> Option<Option<PyRef>> {
        self.get_at(class, slot(class, name), |n| Gc::ptr_eq(n, name))
    }

    /// [`TypeCache::get`] for a name given as text, whose hash is `text_hash`.
    pub fn get_text(&self, class: &PyRef, text: &str, text_hash: i64) -> Option<Option<PyRef>> {
        self.get_at(class, text_slot(class, text_hash), |n| {
            n.as_str() == Some(text)
        })
    }

    fn get_at(
        &self,
        class: &PyRef,
        at: usize,
        same_name: impl FnOnce(&PyRef) -> bool,
    ) -> Option<Option<PyRef>> {
        if !matches!(&**class, Obj::Class(_)) {
            return None;
        }
        let entries = self.entries.borrow();
        let entry = &entries[at];
        let hit = entry.version == self.version.get()
            && entry.class == Gc::as_ptr(class) as usize
            && entry.name.as_ref().is_some_and(same_name);
        if !hit {
            return None;
        }
        if entry.found == 0 {
            return Some(None);
        }
        // SAFETY: a current entry's object is held by a class dict that has not changed
        // since the entry was stored (see the module docs), so it is alive; the borrowed
        // handle is never dropped, and the clone takes its own count.
        let found = std::mem::ManuallyDrop::new(unsafe { Gc::from_raw(entry.found as *const Obj) });
        Some(Some(PyRef::clone(&found)))
    }

    /// Remembers what a lookup of `name` on `class` found.
    pub fn put(&self, class: &PyRef, name: &PyRef, found: Option<&PyRef>) {
        self.put_at(slot(class, name), class, name, found);
    }

    /// Remembers what a lookup of `name` (a str whose text hashes to `text_hash`) on
    /// `class` found, for [`TypeCache::get_text`].
    pub fn put_text(&self, class: &PyRef, name: &PyRef, text_hash: i64, found: Option<&PyRef>) {
        self.put_at(text_slot(class, text_hash), class, name, found);
    }

    fn put_at(&self, at: usize, class: &PyRef, name: &PyRef, found: Option<&PyRef>) {
        if !matches!(&**class, Obj::Class(_)) {
            return;
        }
        let new = Entry {
            version: self.version.get(),
            class: Gc::as_ptr(class) as usize,
            name: Some(name.clone()),
            found: found.map_or(0, |f| Gc::as_ptr(f) as usize),
        };
        let old = std::mem::replace(&mut self.entries.borrow_mut()[at], new);
        drop(old);
    }
}
