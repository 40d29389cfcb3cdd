//! Instances of user classes: the class and the attribute values inline in the object's
//! block, their names kept once per class, as CPython 3.11's key-sharing dictionaries
//! (PEP 412) and `__slots__` member slots do.
//!
//! ```text
//!  [ links | word ][ Obj::Instance ][ the block's tail: the other words ]
//!                   |
//!                   +- first word:  tag (byte 0) | shape (byte 1) | class (bits 16..64)
//!                   +- second word: the instance's first word
//!
//!  the words, in order: [ extra? | values... | far? | base? ]
//! ```
//!
//! - `tag`: the enum's; `shape`: `HAS_DICT` (bit 0), `HAS_BASE` (bit 1), the number of
//!   inline values (bits 2..8: at most 62; 63 for a shape of 63 or more, see `far`).
//! - `class`: the instance's class (CPython's `ob_type`): the 48-bit address of its
//!   payload, owned (the handle's count is the head's), so the comparison of the attribute
//!   caches is one load and one shift. x86-64's and aarch64's user addresses are below
//!   2**48; a class above cannot be an instance's (`alloc` fails, `__class__` assignment
//!   raises). Replaced by `__class__` assignment, so it is only ever handed out as a
//!   counted handle or a borrow that must not outlive Python code.
//! - `extra` (classes whose instances have a `__dict__`): empty, or a box with the values
//!   past the inline ones (an attribute set after the instance was made, under a name the
//!   class learnt later) and the materialised `__dict__`, once one exists (from then on every
//!   attribute lives in it and the values are empty). A `__slots__` class without
//!   `__dict__` has no such word. First, so that value `i` is word `i + HAS_DICT`: the
//!   attribute caches' read is a bit, an add and a load.
//! - `values`: one slot per name of the class's shared keys ([`ClassObj::keys`]) known when
//!   the instance was made: value `i` is the attribute named `keys[i]`; for a `__slots__`
//!   class, one per slot, at the fixed position its member descriptor names.
//! - `far` (shapes of 63 values or more: a `__slots__` class of that many names): the
//!   first 63 values are inline, this word boxes the others.
//! - `base` (subclasses of a built-in type): the built-in value the instance extends.
//!
//! No word is pointed at: the words start at the `Obj`'s second word and go on into the
//! block's tail (the payload never leaves its block, see `pymm`'s tails), so an instance
//! with two values is one 48-byte block: links 16, count word 8, `Obj` 16 (the class and
//! the first value), a value 8 (`Obj` is compact: pymm's header is the count word alone),
//! CPython 3.11's size for a `__slots__` object with two slots (a plain instance has spare
//! values while its class still learns names). The attribute names live in the class. The
//! order the values were set in is, as long as they were set in key order (the usual
//! `__init__`), the key order; an instance that sets them otherwise or deletes one keeps
//! its own order in the `extra` box (CPython 3.11 keeps an insertion-order array before
//! the values), so that `obj.__dict__`, made from the values when first asked for, lists
//! them in the order of assignment. Values past the inline ones live in the `extra` box
//! too: as in CPython, setting attributes never creates an object the collector would
//! count.
//!
//! The hot paths read what they read before the class moved into the head: the class
//! address (a shift more), the shape byte (the value count and the extra slot's bit) and
//! one word. An earlier packing (a 45-bit class address beside a 10-bit shape, a fallback
//! layout for what did not fit, the extra and base slots before the values) cost +4-7%
//! instructions on the pyperformance programs: the select between the two layouts and the
//! shifts and masks of the decode, at every access (BENCHMARKS.md, issue 10).
//!
//! [`ClassObj::keys`]: super::ClassObj::keys

use std::alloc::Layout;
use std::cell::{Cell, UnsafeCell};
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::ptr::addr_of;

use super::{Obj, PyRef};
use crate::rt::{AllocError, Gc, Heap, Tracer};

/// One attribute value (or `None`: not set).
pub type ValueSlot = Cell<Option<PyRef>>;

/// What a `__dict__`-capable instance keeps out of line (boxed: most instances need none).
#[derive(Default)]
struct Extra {
    /// The materialised `__dict__`.
    dict: Option<PyRef>,
    /// Values `inline..` (by shared-key index minus the inline count).
    overflow: Vec<Option<PyRef>>,
    /// The order the values were set in, by shared-key index, once it is not simply the
    /// key order (see [`InstanceData::set_order`]).
    order: Option<Vec<u32>>,
}

/// A shared-key index as the order of assignment keeps it (a class has fewer than 2**32
/// keys: its slots are counted in `u32`).
fn key_number(index: usize) -> u32 {
    u32::try_from(index).expect("a shared-key index fits in u32")
}

/// The `extra` word.
type ExtraSlot = Cell<Option<Box<Extra>>>;

// The words are all word-sized cells: the extra slot is one too.
const _: () = assert!(std::mem::size_of::<ExtraSlot>() == std::mem::size_of::<ValueSlot>());

/// What an instance's words hold: its values, and which optional slots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    /// Number of inline value slots.
    pub values: usize,
    /// Has an `extra` slot (its class gives instances a `__dict__`, and values beyond the
    /// inline ones).
    pub dict: bool,
    /// Has a `base` slot (its class extends a built-in type).
    pub base: bool,
}

/// Bits of the shape byte ([`InstanceData::bits`]): the flags, then the value count.
const HAS_DICT: u8 = 1;
const HAS_BASE: u8 = 2;
const COUNT_SHIFT: u32 = 2;
/// The shape byte's count of a shape of `MANY` values or more: `MANY` values inline, then
/// a word with the box of the others (see the module docs).
const MANY: usize = 63;
/// Where the `Obj`'s first word keeps the class's address: its bits 16..64 (the tag's
/// byte and the shape byte below).
const CLASS_SHIFT: u32 = 16;
/// Bytes of the class's address in the head.
const CLASS_BYTES: usize = 6;

/// The box of a shape's values past its `MANY` inline ones.
type FarValues = Vec<ValueSlot>;
/// The word after a many-valued shape's inline values.
type FarSlot = Cell<Option<Box<FarValues>>>;

const _: () = assert!(std::mem::size_of::<FarSlot>() == std::mem::size_of::<ValueSlot>());

/// The number of value words a shape byte's count stands for (`MANY`: the inline ones and
/// the box's word).
#[inline(always)]
const fn value_words(count: usize) -> usize {
    count + (count == MANY) as usize
}

/// An instance's payload (see the module docs): 15 bytes after the enum's one-byte tag, so
/// that `Obj` stays two words, its first the tag, the shape and the class, its second the
/// instance's first word (checked by `alloc` in debug builds and by this module's tests).
#[repr(C, packed(1))]
pub struct InstanceData {
    /// `HAS_DICT`, `HAS_BASE` and the value count (at most `MANY`), fixed at `alloc`.
    shape: u8,
    /// The class's address, 48 bits little-endian: the class is owned through it (given
    /// back by `drop_tail`), replaced by `set_class`.
    class: UnsafeCell<[u8; CLASS_BYTES]>,
    /// The instance's first word (see `alloc`); the others follow it, in the tail.
    first: UnsafeCell<FirstWord>,
}

/// The `Obj`'s second word: an instance's first word, as the type that word has (nothing
/// for an instance without words).
#[repr(C)]
union FirstWord {
    extra: ManuallyDrop<ExtraSlot>,
    value: ManuallyDrop<ValueSlot>,
    none: (),
}

const _: () = assert!(std::mem::size_of::<InstanceData>() == 15);

/// The class of an instance, borrowed without a count (see [`InstanceData::class_ref`]).
pub struct ClassRef<'a> {
    class: ManuallyDrop<PyRef>,
    _instance: std::marker::PhantomData<&'a InstanceData>,
}

impl Deref for ClassRef<'_> {
    type Target = PyRef;

    #[inline]
    fn deref(&self) -> &PyRef {
        &self.class
    }
}

/// Whether the head can hold the class at `addr`: an address below 2**48 (x86-64's and
/// aarch64's user space).
fn fits(addr: usize) -> bool {
    (addr as u64) >> (8 * CLASS_BYTES) == 0
}

/// The head's bytes of `class` (an address that `fits`), which owns it from here on: the
/// handle's count is kept, its provenance exposed for `class_ref`.
fn own_class(class: PyRef) -> [u8; CLASS_BYTES] {
    let addr = Gc::into_raw(class).expose_provenance();
    debug_assert!(fits(addr));
    let mut bytes = [0; CLASS_BYTES];
    bytes.copy_from_slice(&(addr as u64).to_le_bytes()[..CLASS_BYTES]);
    bytes
}

/// A box of `len` empty values (out of line: a many-valued shape is rare).
#[cold]
#[inline(never)]
fn far_box(len: usize) -> Option<Box<FarValues>> {
    Some(Box::new((0..len).map(|_| Cell::new(None)).collect()))
}

/// The words of each shape byte (see `InstanceData::word_count`): one load where the
/// block's size is needed (every free).
static WORDS: [u8; 256] = {
    let mut words = [0; 256];
    let mut bits = 0;
    while bits < 256 {
        let (dict, base) = (bits & HAS_DICT as usize, (bits & HAS_BASE as usize) >> 1);
        words[bits] = (dict + value_words(bits >> COUNT_SHIFT) + base) as u8;
        bits += 1;
    }
    words
};

impl InstanceData {
    /// A new instance of `class` on `heap`, with `shape.values` empty value slots (and the
    /// `base` slot holding `base_value`: `Some` exactly when `shape.base`). `AllocError`
    /// also for a class whose address the head cannot hold (see [`CLASS_SHIFT`]).
    pub fn alloc(
        heap: &Heap,
        class: PyRef,
        shape: Shape,
        base_value: Option<PyRef>,
    ) -> Result<PyRef, AllocError> {
        debug_assert_eq!(shape.base, base_value.is_some());
        let count = shape.values.min(MANY);
        let bits = (count as u8) << COUNT_SHIFT
            | if shape.dict { HAS_DICT } else { 0 }
            | if shape.base { HAS_BASE } else { 0 };
        let first_value = usize::from(shape.dict);
        let base_at = first_value + value_words(count);
        let words = base_at + usize::from(shape.base);
        // The `Obj`'s second word is the first: the block's tail holds the others.
        let tail = Layout::array::<ValueSlot>(words.saturating_sub(1)).map_err(|_| AllocError)?;
        if !fits(Gc::as_ptr(&class).addr()) {
            return Err(AllocError);
        }
        let mut far = if count == MANY {
            far_box(shape.values - MANY)
        } else {
            None
        };
        let (mut class, mut base_value) = (Some(class), base_value);
        // SAFETY: `init` writes every word once: the first into the payload (`first`), the
        // others into the tail (`after(index)` for `1 <= index < words`: inside it), whose
        // size `tail_size` reports from the shape byte (fixed for the object's life); they
        // are traced and dropped by `Obj`'s `Trace` and `Drop` through this payload.
        unsafe {
            Gc::try_new_with_tail_in(heap, tail, true, |tail| {
                // The words are found again from the payload's address, beyond what a
                // reference to the payload may reach: from this pointer's provenance, which
                // covers the whole block.
                let _ = tail.as_ptr().expose_provenance();
                // Word `index` (from 1 on) is the tail's word `index - 1`.
                let after = |index: usize| tail.cast::<ValueSlot>().as_ptr().add(index - 1);
                let first = if shape.dict {
                    FirstWord {
                        extra: ManuallyDrop::new(Cell::new(None)),
                    }
                } else if words > 0 {
                    // the first value, or the base slot of a shape without values
                    FirstWord {
                        value: ManuallyDrop::new(Cell::new(if count > 0 {
                            None
                        } else {
                            base_value.take()
                        })),
                    }
                } else {
                    FirstWord { none: () }
                };
                for index in 1..first_value + count {
                    after(index).write(Cell::new(None));
                }
                if let Some(far) = far.take() {
                    after(first_value + MANY)
                        .cast::<FarSlot>()
                        .write(Cell::new(Some(far)));
                }
                if shape.base && base_at > 0 {
                    after(base_at).write(Cell::new(base_value.take()));
                }
                Obj::Instance(InstanceData {
                    shape: bits,
                    class: UnsafeCell::new(own_class(class.take().expect("taken once"))),
                    first: UnsafeCell::new(first),
                })
            })
        }
        .inspect(|obj| {
            debug_assert!(
                matches!(&**obj, Obj::Instance(data)
                    if std::ptr::from_ref(data).addr() == std::ptr::from_ref(&**obj).addr() + 1),
                "`Obj` puts its tag right before the payload"
            );
        })
    }

    /// The `Obj`'s first word: the enum's tag, the shape byte, the class's address, in one
    /// aligned load (the attribute caches compare the class on every access).
    #[inline(always)]
    fn head(&self) -> u64 {
        let at = std::ptr::from_ref(self).addr() - 1;
        // SAFETY: `Obj` puts its one-byte tag right before this payload (checked by
        // `alloc`), so `at` is the `Obj`'s address, 8-aligned in its block, whose
        // provenance `alloc` exposed; the word is the tag, `shape` and `class`, all
        // initialised, and `class` is only written whole by `set_class` on this thread.
        // Only through `&self`: a read through the exposed address while a `&mut self`
        // lives would take that reference's uniqueness (see `own_class_addr`).
        u64::from_le(unsafe { std::ptr::with_exposed_provenance::<u64>(at).read() })
    }

    /// [`InstanceData::class_addr`] read through `self` alone, for `drop`, which holds
    /// `&mut self`: the 8 bytes from the payload's start (`shape`, `class`, the first
    /// word's lowest byte), the class's 6 in bits 8..56.
    fn own_class_addr(&mut self) -> usize {
        // SAFETY: the payload spans 15 bytes, all initialised; the read stays within them
        // (unaligned).
        let raw = unsafe { std::ptr::from_mut(self).cast::<u64>().read_unaligned() };
        ((u64::from_le(raw) << 8) >> CLASS_SHIFT) as usize
    }

    /// The address of word `index` (< `word_count`): from the `Obj`'s second word on.
    /// Not derived from `self` (a reference to the payload may only reach its 15 bytes): it
    /// takes the provenance `alloc` exposed for the whole block (the address alone comes
    /// from `self`).
    #[inline(always)]
    fn word_ptr(&self, index: usize) -> *mut ValueSlot {
        let first = std::ptr::from_ref(self).addr() + std::mem::offset_of!(InstanceData, first);
        std::ptr::with_exposed_provenance_mut(first + index * std::mem::size_of::<ValueSlot>())
    }

    /// The shape byte: `HAS_DICT`, `HAS_BASE`, the value count.
    #[inline(always)]
    fn bits(&self) -> u8 {
        self.shape
    }

    /// The shape byte's value count: the number of inline values, or `MANY`.
    #[inline(always)]
    fn count(&self) -> usize {
        usize::from(self.bits() >> COUNT_SHIFT)
    }

    /// Number of words: the optional slots, the inline values, a many-valued shape's box.
    #[inline]
    fn word_count(&self) -> usize {
        usize::from(WORDS[usize::from(self.bits())])
    }

    /// The word at `index` (< `word_count`), as the cell type it was written as.
    #[inline(always)]
    fn word<T>(&self, index: usize) -> &Cell<T> {
        debug_assert!(index < self.word_count());
        // SAFETY: `alloc` wrote `word_count` word-sized cells, which live as long as the
        // object (the payload never leaves its block); callers ask for each word as the
        // type it was written as.
        unsafe { &*self.word_ptr(index).cast::<Cell<T>>() }
    }

    /// The box of a many-valued shape's values past the inline ones.
    #[inline]
    fn far(&self) -> Option<&FarValues> {
        if self.count() != MANY {
            return None;
        }
        self.far_box()
    }

    /// [`InstanceData::far`] of a many-valued shape (inlined: a call would make its callers
    /// save registers on every path).
    #[inline]
    fn far_box(&self) -> Option<&FarValues> {
        let slot: &FarSlot = self.word(self.first_value_word() + MANY);
        // SAFETY: the box is written by `alloc` and taken only by `drop_tail` (which has
        // `&mut self`): a shared reference into it never sees it change.
        unsafe { (*slot.as_ptr()).as_deref() }
    }

    /// The slot of value `index` if it is one of the shape's (inline or, past `MANY`, in
    /// its box).
    #[inline(always)]
    fn value_slot(&self, index: usize) -> Option<&ValueSlot> {
        let count = self.count();
        if index < count {
            return Some(self.word(self.first_value_word() + index));
        }
        if count == MANY {
            return self.far_slot(index);
        }
        None
    }

    /// [`InstanceData::value_slot`] past the inline values of a many-valued shape.
    #[inline]
    fn far_slot(&self, index: usize) -> Option<&ValueSlot> {
        self.far_box()?.get(index.checked_sub(MANY)?)
    }

    /// The shape the instance was made with.
    #[inline]
    pub fn shape(&self) -> Shape {
        let bits = self.bits();
        Shape {
            values: self.inline_count(),
            dict: bits & HAS_DICT != 0,
            base: bits & HAS_BASE != 0,
        }
    }

    /// The class, as a counted handle: `__class__` assignment may replace it while the
    /// caller still uses it (a borrow would then see the class it points to go).
    #[inline]
    pub fn class(&self) -> PyRef {
        // SAFETY: the borrow is cloned at once.
        PyRef::clone(&*unsafe { self.class_ref() })
    }

    /// The class, borrowed from the payload, for lookups that must not pay for a count.
    ///
    /// # Safety
    /// The borrow must not live across anything that may run Python code: that code may
    /// assign `__class__`, dropping the class the borrow points to.
    #[inline]
    pub unsafe fn class_ref(&self) -> ClassRef<'_> {
        let addr = self.class_addr();
        // SAFETY: the head holds the address of a class handle's payload from `alloc` on
        // (its provenance exposed by `own_class`), replaced only by `set_class` (which the
        // caller promises does not run while the borrow lives) and given back only by
        // `drop_tail` (which has `&mut self`); the copy is never dropped.
        let class =
            ManuallyDrop::new(unsafe { Gc::from_raw(std::ptr::with_exposed_provenance(addr)) });
        ClassRef {
            class,
            _instance: std::marker::PhantomData,
        }
    }

    /// The class's address, to compare with a cached one without counting a handle.
    #[inline(always)]
    pub fn class_addr(&self) -> usize {
        (self.head() >> CLASS_SHIFT) as usize
    }

    /// Makes `class` the instance's class (`obj.__class__ = class`, whose caller checked
    /// that the two lay instances out alike); returns the old one, to drop after any borrow.
    /// `Err(class)` for a class whose address the head cannot hold (above 2**48: not on
    /// x86-64 nor aarch64).
    pub fn set_class(&self, class: PyRef) -> Result<PyRef, PyRef> {
        if !fits(Gc::as_ptr(&class).addr()) {
            return Err(class);
        }
        let bytes = own_class(class);
        // SAFETY: the old class is handed to the caller (no borrow of it outlives this
        // call: the contract of `class_ref`); the new one is owned by the head from here on.
        let old = ManuallyDrop::into_inner(unsafe { self.class_ref() }.class);
        // SAFETY: `class` is interior mutable, written whole, on one thread.
        unsafe { UnsafeCell::raw_get(addr_of!(self.class)).write_unaligned(bytes) };
        Ok(old)
    }

    /// The built-in value a subclass of a built-in type extends.
    pub fn base_value(&self) -> Option<&PyRef> {
        if self.bits() & HAS_BASE == 0 {
            return None;
        }
        let word: &ValueSlot = self.word(self.base_word());
        // SAFETY: the base slot is written by `alloc` only and emptied by `drop_tail` (which
        // has `&mut self`), so a shared reference into the cell never sees it change.
        unsafe { (*word.as_ptr()).as_ref() }
    }

    /// Runs `f` on the extra box (made empty if absent); `None` for instances without one.
    /// `f` must not run Python code: the box is out of the instance meanwhile.
    fn with_extra<R>(&self, f: impl FnOnce(&mut Extra) -> R) -> Option<R> {
        if self.bits() & HAS_DICT == 0 {
            return None;
        }
        let slot: &ExtraSlot = self.word(0);
        let mut extra = slot.take().unwrap_or_default();
        let result = f(&mut extra);
        slot.set(Some(extra));
        Some(result)
    }

    /// Reads the extra box without taking it out, if there is one.
    #[inline]
    fn peek_extra(&self) -> Option<&Extra> {
        if self.bits() & HAS_DICT == 0 {
            return None;
        }
        let slot: &ExtraSlot = self.word(0);
        // SAFETY: the box is only replaced by `with_extra` and `drop_tail`, which never run
        // while a reference from here is alive (single thread; callers clone out at once).
        unsafe { (*slot.as_ptr()).as_deref() }
    }

    /// Whether the instance has a materialised `__dict__` ([`InstanceData::dict`] without
    /// a counted handle: what the attribute caches check on every use).
    #[inline]
    pub fn has_dict(&self) -> bool {
        self.peek_extra().is_some_and(|extra| extra.dict.is_some())
    }

    /// The materialised `__dict__`, if the instance has one.
    pub fn dict(&self) -> Option<PyRef> {
        self.peek_extra().and_then(|extra| extra.dict.clone())
    }

    /// Makes `dict` the instance's `__dict__` (the caller has moved the values into it and
    /// emptied them); returns the old one, to drop after any borrow ends.
    pub fn set_dict(&self, dict: PyRef) -> Option<PyRef> {
        self.with_extra(|extra| extra.dict.replace(dict))
            .expect("only instances with an extra slot get a __dict__")
    }

    #[inline]
    fn first_value_word(&self) -> usize {
        usize::from(self.bits() & HAS_DICT)
    }

    /// The base slot's word (of a shape with one): after the values.
    fn base_word(&self) -> usize {
        self.first_value_word() + value_words(self.count())
    }

    /// Number of values of the shape: inline, and in a many-valued shape's box.
    #[inline]
    fn inline_count(&self) -> usize {
        match self.far() {
            Some(far) => MANY + far.len(),
            None => self.count(),
        }
    }

    /// Number of values the instance holds room for: inline, then in the extra box.
    pub fn value_count(&self) -> usize {
        self.inline_count() + self.peek_extra().map_or(0, |extra| extra.overflow.len())
    }

    /// The value for shared key `index`, if set. Inlined into the attribute caches: the
    /// usual value is inline, one read away.
    #[inline(always)]
    pub fn value(&self, index: usize) -> Option<PyRef> {
        if index < self.count() {
            return slot_get(self.word(self.first_value_word() + index));
        }
        self.overflow_value(index)
    }

    /// [`InstanceData::value`] past the inline values: in a many-valued shape's box or in
    /// the extra box.
    #[inline(never)]
    fn overflow_value(&self, index: usize) -> Option<PyRef> {
        if self.count() == MANY {
            if let Some(slot) = self.far_slot(index) {
                return slot_get(slot);
            }
        }
        let extra = self.peek_extra()?;
        extra.overflow.get(index - self.inline_count())?.clone()
    }

    /// Whether the value for shared key `index` is set.
    #[inline]
    pub fn has_value(&self, index: usize) -> bool {
        if let Some(word) = self.value_slot(index) {
            // SAFETY: only looked at (never kept), on a single thread.
            return unsafe { (*word.as_ptr()).is_some() };
        }
        self.peek_extra()
            .and_then(|extra| extra.overflow.get(index - self.inline_count()))
            .is_some_and(Option::is_some)
    }

    /// Replaces the inline value at `index` if it is set, giving the old one (to drop after
    /// any borrow ends): the attribute caches' store (`self.x = x + 1`), which keeps the
    /// order the values were set in. `Err(value)` when the value is not inline or not set.
    #[inline(always)]
    pub fn replace_set_inline(&self, index: usize, value: PyRef) -> Result<PyRef, PyRef> {
        if index >= self.count() {
            return Err(value);
        }
        let word: &ValueSlot = self.word(self.first_value_word() + index);
        // SAFETY: the slot is only looked at, to know whether it is set; nothing else runs
        // meanwhile (single thread).
        if unsafe { (*word.as_ptr()).is_none() } {
            return Err(value);
        }
        Ok(word.replace(Some(value)).expect("the value was set"))
    }

    /// Sets (`Some`) or clears the value for shared key `index`; returns the old value (drop
    /// it after any borrow ends). Past the inline values it goes to the extra box, which
    /// only `__dict__`-capable instances have: `Err(value)` for the others.
    pub fn replace_value(
        &self,
        index: usize,
        value: Option<PyRef>,
    ) -> Result<Option<PyRef>, Option<PyRef>> {
        if let Some(word) = self.value_slot(index) {
            return Ok(word.replace(value));
        }
        let inline = self.inline_count();
        let mut value = Some(value);
        self.with_extra(|extra| {
            let at = index - inline;
            if extra.overflow.len() <= at {
                extra.overflow.resize_with(at + 1, || None);
            }
            std::mem::replace(&mut extra.overflow[at], value.take().flatten())
        })
        .ok_or_else(|| value.flatten())
    }

    /// The shared-key indices of the set values, in the order they were set.
    pub fn set_order(&self) -> Vec<usize> {
        match self.peek_extra().and_then(|extra| extra.order.as_ref()) {
            Some(order) => order.iter().map(|&i| i as usize).collect(),
            None => (0..self.filled_prefix()).collect(),
        }
    }

    /// Number of leading values that are set (all of them while they are in key order).
    fn filled_prefix(&self) -> usize {
        (0..self.value_count())
            .take_while(|&i| self.has_value(i))
            .count()
    }

    /// Whether values `0..index` are all set (with value `index` unset: whether
    /// `filled_prefix` is `index`), the inline ones read in one loop.
    fn set_before(&self, index: usize) -> bool {
        let (first, inline) = (self.first_value_word(), index.min(self.count().min(MANY)));
        // SAFETY: only looked at (never kept), on a single thread.
        let set = |word: &ValueSlot| unsafe { (*word.as_ptr()).is_some() };
        (first..first + inline).all(|at| set(self.word(at)))
            && (inline..index).all(|i| self.has_value(i))
    }

    /// Whether the set values are exactly the first ones in key order (no order of its own).
    fn in_key_order(&self) -> bool {
        self.peek_extra().is_none_or(|extra| extra.order.is_none())
    }

    /// Sets the value for shared key `index` (< [`ClassObj::MAX_SHARED_KEYS`]) of a
    /// `__dict__`-capable instance, keeping the order of assignment; returns the old value.
    ///
    /// [`ClassObj::MAX_SHARED_KEYS`]: super::ClassObj::MAX_SHARED_KEYS
    pub fn set_value(&self, index: usize, value: PyRef) -> Option<PyRef> {
        let new = !self.has_value(index);
        // The usual case (the next key in order) needs no order of its own, nor a vector.
        if new && !(self.in_key_order() && self.set_before(index)) {
            let order = self.set_order();
            self.with_extra(|extra| {
                let mut order: Vec<u32> = order.iter().map(|&i| key_number(i)).collect();
                order.push(key_number(index));
                extra.order = Some(order);
            });
        }
        self.replace_value(index, Some(value)).unwrap_or(None)
    }

    /// Clears the value for shared key `index` of a `__dict__`-capable instance, keeping
    /// the order of the others; returns it.
    pub fn remove_value(&self, index: usize) -> Option<PyRef> {
        if !self.has_value(index) {
            return None;
        }
        let order = self.set_order();
        self.with_extra(|extra| {
            let order = order
                .iter()
                .filter(|&&i| i != index)
                .map(|&i| key_number(i))
                .collect();
            extra.order = Some(order);
        });
        self.replace_value(index, None).unwrap_or(None)
    }

    /// Bytes of the block's tail.
    pub(super) fn tail_size(&self) -> usize {
        self.word_count().saturating_sub(1) * std::mem::size_of::<ValueSlot>()
    }

    /// Bytes the instance owns outside its block (the extra box, a many-valued shape's
    /// box), for `sys.getsizeof`.
    pub(super) fn extra_size(&self) -> usize {
        let extra = self.peek_extra().map_or(0, |extra| {
            std::mem::size_of::<Extra>()
                + extra.overflow.capacity() * std::mem::size_of::<Option<PyRef>>()
        });
        let far = self.far().map_or(0, |far| {
            std::mem::size_of::<FarValues>() + far.capacity() * std::mem::size_of::<ValueSlot>()
        });
        extra + far
    }

    /// Visits the class, the base value, every value and the extra box's contents.
    pub(super) fn trace(&self, tracer: &mut Tracer<'_>) {
        // SAFETY: a trace runs no Python code, so the class stays while it is visited.
        tracer.visit(&*unsafe { self.class_ref() });
        let visit = |tracer: &mut Tracer<'_>, word: &ValueSlot| {
            // SAFETY: a trace only reads; no cell is being replaced meanwhile (the
            // collector runs between interpreter steps, never inside a `replace`).
            if let Some(value) = unsafe { &*word.as_ptr() } {
                tracer.visit(value);
            }
        };
        let first = self.first_value_word();
        if self.bits() & HAS_BASE != 0 {
            visit(tracer, self.word(self.base_word()));
        }
        for index in first..first + self.count().min(MANY) {
            visit(tracer, self.word(index));
        }
        for word in self.far().into_iter().flatten() {
            visit(tracer, word);
        }
        if let Some(extra) = self.peek_extra() {
            extra.dict.iter().for_each(|d| tracer.visit(d));
            extra
                .overflow
                .iter()
                .flatten()
                .for_each(|v| tracer.visit(v));
        }
    }

    /// Drops a many-valued shape's box and the values in it, last to first.
    #[cold]
    #[inline(never)]
    fn drop_far(&self) {
        let slot: &FarSlot = self.word(self.first_value_word() + MANY);
        if let Some(far) = slot.take() {
            far.iter().rev().for_each(|word| drop(word.take()));
        }
    }

    /// Drops the values (last to first: the extra box's, a many-valued shape's box, then
    /// the inline ones), the `__dict__`, the base value and the class, each taken out of
    /// the instance first.
    fn drop_tail(&mut self) {
        let has_extra = self.bits() & HAS_DICT != 0;
        // taken out as it is (`with_extra` would make an empty box for an instance that
        // has none, the usual case: an allocation and a release per instance dropped)
        let extra = match has_extra {
            true => self.word::<Option<Box<Extra>>>(0).take(),
            false => None,
        };
        if let Some(mut extra) = extra {
            while let Some(value) = extra.overflow.pop() {
                drop(value);
            }
        }
        let first = self.first_value_word();
        if self.count() == MANY {
            self.drop_far();
        }
        for index in (first..first + self.count().min(MANY)).rev() {
            let word: &ValueSlot = self.word(index);
            drop(word.take());
        }
        if self.bits() & HAS_BASE != 0 {
            let word: &ValueSlot = self.word(self.base_word());
            drop(word.take());
        }
        let class = self.own_class_addr();
        // SAFETY: the class's address is that of a handle's payload the head owns (see
        // `class_ref`), given back once, here, last: nothing reads the head after the
        // payload's drop began (the object is unreachable or torn down).
        drop(unsafe { Gc::<Obj>::from_raw(std::ptr::with_exposed_provenance(class)) });
    }
}

impl Drop for InstanceData {
    fn drop(&mut self) {
        self.drop_tail();
    }
}

/// The value of a slot, cloned (the slot keeps its own).
#[inline]
pub fn slot_get(slot: &ValueSlot) -> Option<PyRef> {
    // SAFETY: the reference lives only for the clone, a count increment that runs no other
    // code, on the single thread that owns the slot: nothing replaces the value meanwhile.
    // (`take` then `set` of the clone wrote the slot twice and checked for an old value to
    // drop: about ten instructions on every cached attribute read.)
    unsafe { (*slot.as_ptr()).clone() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_inline_past_them_ordered_and_dropped() {
        let heap = Heap::new();
        let before = heap.bytes_in_use();
        let class = Gc::new_in(Obj::None, &heap);
        let base = Gc::new_in(Obj::Int(7), &heap);
        let shape = Shape {
            values: 2,
            dict: true,
            base: true,
        };
        let inst = InstanceData::alloc(&heap, class.clone(), shape, Some(base)).expect("room");
        let Obj::Instance(data) = &*inst else {
            panic!("an instance")
        };
        assert!(Gc::ptr_eq(&data.class(), &class));
        assert_eq!(data.base_value().and_then(|b| b.as_i64()), Some(7));
        assert_eq!(data.shape(), shape);
        let start = std::ptr::from_ref(&*inst).addr();
        assert_eq!(
            data.word_ptr(0).addr(),
            start + 8,
            "the words start at the `Obj`'s second"
        );
        assert_eq!(data.class_addr(), Gc::as_ptr(&class).addr());
        let slotted = Shape {
            values: 2,
            dict: false,
            base: false,
        };
        let before_slotted = heap.bytes_in_use();
        let two = InstanceData::alloc(&heap, class.clone(), slotted, None).expect("room");
        assert_eq!(
            heap.bytes_in_use() - before_slotted,
            48,
            "two slots: links, header, `Obj` (its second word the first value), a value"
        );
        drop(two);
        let int = |i| Gc::new_in(Obj::Int(i), &heap);
        assert!(data.set_value(0, int(10)).is_none());
        assert_eq!(data.set_order(), [0]);
        assert!(
            data.set_value(4, int(14)).is_none(),
            "past the inline values"
        );
        assert_eq!(data.value_count(), 5);
        assert_eq!(data.set_order(), [0, 4]);
        assert!(
            data.set_value(1, inst.clone()).is_none(),
            "a cycle through a value"
        );
        assert_eq!(data.set_order(), [0, 4, 1]);
        assert_eq!(data.remove_value(0).and_then(|v| v.as_i64()), Some(10));
        assert_eq!(data.set_order(), [4, 1]);
        assert_eq!(data.value(4).and_then(|v| v.as_i64()), Some(14));
        assert!(data.dict().is_none());
        assert!(data.set_dict(int(0)).is_none());
        assert!(data.dict().is_some());
        assert_eq!(pymm::referents(&Gc::to_any(&inst)).len(), 5);
        drop(inst);
        assert_eq!(heap.collect(2), 1);
        drop(class);
        assert_eq!(heap.bytes_in_use(), before);
    }

    #[test]
    fn many_values_past_the_shape_byte() {
        let heap = Heap::new();
        let before = heap.bytes_in_use();
        let class = Gc::new_in(Obj::None, &heap);
        let int = |i| Gc::new_in(Obj::Int(i), &heap);
        for (values, dict) in [(62, false), (63, false), (64, true), (70, false)] {
            let shape = Shape {
                values,
                dict,
                base: false,
            };
            let inst = InstanceData::alloc(&heap, class.clone(), shape, None).expect("room");
            let Obj::Instance(data) = &*inst else {
                panic!("an instance")
            };
            assert_eq!(data.shape(), shape);
            assert_eq!(data.value_count(), values);
            for index in [0, 60, values - 1] {
                assert!(!data.has_value(index));
                assert!(data.replace_value(index, Some(int(index as i64))).is_ok());
                assert_eq!(
                    data.value(index).and_then(|v| v.as_i64()),
                    Some(index as i64)
                );
                assert!(data.has_value(index));
            }
            let replaced = data.replace_set_inline(values - 1, int(-1));
            assert_eq!(
                replaced.is_ok(),
                values - 1 < MANY,
                "past them: the slow path"
            );
            assert!(data.value(values).is_none());
            assert_eq!(data.replace_value(values, Some(int(0))).is_ok(), dict);
            assert!(data.value(1).is_none());
            let set = 3 + usize::from(dict);
            assert_eq!(pymm::referents(&Gc::to_any(&inst)).len(), 1 + set);
            drop(inst);
        }
        drop(class);
        assert_eq!(heap.bytes_in_use(), before);
    }
}
