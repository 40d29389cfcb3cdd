//! Instances of user classes: the class and the attribute values inline in the object's
//! block, their names kept once per class, as CPython 3.11's key-sharing dictionaries
//! (PEP 412) and `__slots__` member slots do.
//!
//! ```text
//!  [ links | word ][ Obj::Instance: tag, shape, class ][ extra? | base? | values... ]
//!                                                        ^ the block's tail, right after
//!                                                          the 16-byte `Obj`
//! ```
//!
//! - `class`: the instance's class, in the payload beside the shape (CPython's `ob_type`),
//!   replaced by `__class__` assignment, so it is only ever handed out as a counted handle
//!   or a borrow that must not outlive Python code.
//! - `extra` (classes whose instances have a `__dict__`): empty, or a box with the values
//!   past the inline ones (an attribute set after the instance was made, under a name the
//!   class learnt later) and the materialised `__dict__`, once one exists (from then on every
//!   attribute lives in it and the values are empty). A `__slots__` class without
//!   `__dict__` has no such word.
//! - `base` (subclasses of a built-in type): the built-in value the instance extends.
//! - `values`: one slot per name of the class's shared keys ([`ClassObj::keys`]) known when
//!   the instance was made: value `i` is the attribute named `keys[i]`; for a `__slots__`
//!   class, one per slot, at the fixed position its member descriptor names.
//!
//! The tail is not pointed at: it starts where the payload's `Obj` ends (the payload never
//! leaves its block, see `pymm`'s tails), so an instance with two values, `__slots__` or
//! not, is one 64-byte block: 16 + 8 + 16 + 16 = 56 bytes rounded up to the allocator's
//! size class (`Obj` is compact: pymm's header is the count word alone). CPython 3.11: a
//! 48-byte `__slots__` object; a 48-byte object plus a values array for a plain one. The attribute names live in the class. The
//! order the values were set in is, as long as they were set in key order (the usual
//! `__init__`), the key order; an instance that sets them otherwise or deletes one keeps
//! its own order in the `extra` box (CPython 3.11 keeps an insertion-order array before
//! the values), so that `obj.__dict__`, made from the values when first asked for, lists
//! them in the order of assignment. Values past the inline ones live in the `extra` box
//! too: as in CPython, setting attributes never creates an object the collector would
//! count.
//!
//! A `__slots__` instance is 8 bytes over CPython's in its parts (56 against 48 with two
//! slots), 16 in its block: the `Obj` (tag, shape, class) where CPython has `ob_type`
//! alone. Packing the tag, the shape and a 45-bit class address into the `Obj`'s first
//! word, the first value into its second, makes it 48 bytes, at the price of a decode at
//! every attribute access: +4-7% instructions on the pyperformance programs, measured; not
//! made. `pymm`'s `object/header.rs` weighs the other designs.
//!
//! [`ClassObj::keys`]: super::ClassObj::keys

use std::alloc::Layout;
use std::cell::{Cell, UnsafeCell};
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::ptr::{addr_of, NonNull};

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
    order: Option<Vec<u8>>,
}

/// The `extra` word of the tail.
type ExtraSlot = Cell<Option<Box<Extra>>>;

// The tail is an array of words: the extra slot is one too.
const _: () = assert!(std::mem::size_of::<ExtraSlot>() == std::mem::size_of::<ValueSlot>());

/// What an instance's tail holds besides the class and the values.
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

/// Bits of `InstanceData::shape` above the value count.
const HAS_DICT: u32 = 1 << 31;
const HAS_BASE: u32 = 1 << 30;
const VALUES_MASK: u32 = HAS_BASE - 1;

/// An instance's payload (see the module docs). Packed to 12 bytes so that `Obj` stays two
/// words: the enum's tag fits in front of `shape`, and the tail starts where the payload
/// ends (checked by `alloc` in debug builds and by this module's tests).
#[repr(C, packed(4))]
pub struct InstanceData {
    shape: u32,
    /// The class: owned (dropped by `drop_tail`), replaced in place by `set_class`, read
    /// unaligned (the field may sit at any multiple of 4).
    class: UnsafeCell<ManuallyDrop<PyRef>>,
}

const _: () = assert!(std::mem::size_of::<InstanceData>() == 12);

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

impl InstanceData {
    /// A new instance of `class` on `heap`, with `shape.values` empty value slots (and the
    /// `base` slot holding `base_value`: `Some` exactly when `shape.base`).
    pub fn alloc(
        heap: &Heap,
        class: PyRef,
        shape: Shape,
        base_value: Option<PyRef>,
    ) -> Result<PyRef, AllocError> {
        debug_assert_eq!(shape.base, base_value.is_some());
        let values = u32::try_from(shape.values)
            .ok()
            .filter(|&n| n <= VALUES_MASK)
            .ok_or(AllocError)?;
        let bits =
            values | if shape.dict { HAS_DICT } else { 0 } | if shape.base { HAS_BASE } else { 0 };
        let words = usize::from(shape.dict) + usize::from(shape.base) + shape.values;
        let tail = Layout::array::<ValueSlot>(words).map_err(|_| AllocError)?;
        let mut start = None;
        // SAFETY: `init` fills every word of the tail (optional slots, empty values), whose
        // size `tail_size` reports from `shape` (fixed for the object's life); the words are
        // traced and dropped by `Obj`'s `Trace` and `Drop` through this payload.
        let obj = unsafe {
            Gc::try_new_with_tail_in(heap, tail, true, |tail| {
                let words = tail.cast::<ValueSlot>();
                // `tail()` finds the tail again from the payload's address, beyond what a
                // reference to the payload may reach: it takes this pointer's provenance,
                // which covers the whole block.
                let _ = words.as_ptr().expose_provenance();
                start = Some(words);
                let mut next = words.as_ptr();
                if shape.dict {
                    next.cast::<ExtraSlot>().write(Cell::new(None));
                    next = next.add(1);
                }
                if shape.base {
                    next.write(Cell::new(base_value));
                    next = next.add(1);
                }
                for _ in 0..shape.values {
                    next.write(Cell::new(None));
                    next = next.add(1);
                }
                Obj::Instance(InstanceData {
                    shape: bits,
                    class: UnsafeCell::new(ManuallyDrop::new(class)),
                })
            })
        }?;
        if let (Obj::Instance(data), Some(start)) = (&*obj, start) {
            debug_assert_eq!(data.tail(), start, "the tail starts where `Obj` ends");
        }
        Ok(obj)
    }

    /// The tail's first word: right after the payload, which ends where its `Obj` ends.
    ///
    /// A reference to the payload may only reach the payload's 12 bytes, so the pointer is
    /// not derived from `self`: it takes the provenance `alloc` exposed for the whole block
    /// (the address alone comes from `self`).
    #[inline]
    fn tail(&self) -> NonNull<ValueSlot> {
        let start = std::ptr::from_ref(self).addr() + std::mem::size_of::<Self>();
        let tail = std::ptr::with_exposed_provenance_mut::<ValueSlot>(start);
        // SAFETY: the payload lives in its object's block for the object's whole life (a
        // tailed payload never leaves it) and `Obj` puts its tag in front of this 12-byte
        // payload, so one past the payload is one past the `Obj`: the tail's start, which
        // `alloc` exposed with the block's provenance; an address inside a block is not null.
        unsafe { NonNull::new_unchecked(tail) }
    }

    #[inline]
    fn bits(&self) -> u32 {
        self.shape
    }

    /// Number of words in the tail: the optional slots, the inline values.
    fn word_count(&self) -> usize {
        let bits = self.bits();
        usize::from(bits & HAS_DICT != 0)
            + usize::from(bits & HAS_BASE != 0)
            + (bits & VALUES_MASK) as usize
    }

    /// The tail word at `index` (< `word_count`), as the cell type it was written as.
    fn word<T>(&self, index: usize) -> &Cell<T> {
        debug_assert!(index < self.word_count());
        let tail = self.tail();
        // SAFETY: `alloc` wrote `word_count` word-sized cells into the tail, which lives as
        // long as the object (the payload never leaves its block); callers ask for each word
        // as the type it was written as.
        unsafe { &*tail.as_ptr().add(index).cast::<Cell<T>>() }
    }

    /// The shape the instance was made with.
    pub fn shape(&self) -> Shape {
        let bits = self.bits();
        Shape {
            values: (bits & VALUES_MASK) as usize,
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
        // SAFETY: the field holds a class from `alloc` on, replaced only by `set_class`
        // (which the caller promises does not run while the borrow lives) and dropped only
        // by `drop_tail` (which has `&mut self`); the copy is never dropped.
        let class = unsafe { UnsafeCell::raw_get(addr_of!(self.class)).read_unaligned() };
        ClassRef {
            class,
            _instance: std::marker::PhantomData,
        }
    }

    /// The class's address, to compare with a cached one without counting a handle.
    #[inline]
    pub fn class_addr(&self) -> usize {
        // SAFETY: only the pointer is read, and not kept.
        Gc::as_ptr(&*unsafe { self.class_ref() }) as usize
    }

    /// Makes `class` the instance's class (`obj.__class__ = class`, whose caller checked
    /// that the two lay instances out alike); returns the old one, to drop after any borrow.
    pub fn set_class(&self, class: PyRef) -> PyRef {
        let field = UnsafeCell::raw_get(addr_of!(self.class));
        // SAFETY: the field is in an `UnsafeCell`, read and written whole (unaligned, as
        // it may be), on one thread; no borrow of the old class outlives this call (the
        // contract of `class_ref`), and the old one is handed to the caller, not dropped.
        unsafe {
            let old = field.read_unaligned();
            field.write_unaligned(ManuallyDrop::new(class));
            ManuallyDrop::into_inner(old)
        }
    }

    /// The built-in value a subclass of a built-in type extends.
    pub fn base_value(&self) -> Option<&PyRef> {
        if self.bits() & HAS_BASE == 0 {
            return None;
        }
        let word: &ValueSlot = self.word(usize::from(self.bits() & HAS_DICT != 0));
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
        usize::from(self.bits() & HAS_DICT != 0) + usize::from(self.bits() & HAS_BASE != 0)
    }

    #[inline]
    fn inline_count(&self) -> usize {
        (self.bits() & VALUES_MASK) as usize
    }

    /// Number of values the instance holds room for: inline, then in the extra box.
    pub fn value_count(&self) -> usize {
        self.inline_count() + self.peek_extra().map_or(0, |extra| extra.overflow.len())
    }

    /// The value for shared key `index`, if set. Inlined into the attribute caches: the
    /// usual value is inline, one read away.
    #[inline(always)]
    pub fn value(&self, index: usize) -> Option<PyRef> {
        if index < self.inline_count() {
            return slot_get(self.word(self.first_value_word() + index));
        }
        self.overflow_value(index)
    }

    /// [`InstanceData::value`] past the inline values, in the extra box.
    #[inline(never)]
    fn overflow_value(&self, index: usize) -> Option<PyRef> {
        let extra = self.peek_extra()?;
        extra.overflow.get(index - self.inline_count())?.clone()
    }

    /// Whether the value for shared key `index` is set.
    #[inline]
    pub fn has_value(&self, index: usize) -> bool {
        if index < self.inline_count() {
            let word: &ValueSlot = self.word(self.first_value_word() + index);
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
        if index >= self.inline_count() {
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
        let inline = self.inline_count();
        if index < inline {
            let word: &ValueSlot = self.word(self.first_value_word() + index);
            return Ok(word.replace(value));
        }
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
            Some(order) => order.iter().map(|&i| usize::from(i)).collect(),
            None => (0..self.filled_prefix()).collect(),
        }
    }

    /// Number of leading values that are set (all of them while they are in key order).
    fn filled_prefix(&self) -> usize {
        (0..self.value_count())
            .take_while(|&i| self.has_value(i))
            .count()
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
        if new && !(self.in_key_order() && self.filled_prefix() == index) {
            let order = self.set_order();
            self.with_extra(|extra| {
                let mut order: Vec<u8> = order.iter().map(|&i| i as u8).collect();
                order.push(index as u8);
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
                .map(|&i| i as u8)
                .collect();
            extra.order = Some(order);
        });
        self.replace_value(index, None).unwrap_or(None)
    }

    /// Bytes of the block's tail.
    pub(super) fn tail_size(&self) -> usize {
        self.word_count() * std::mem::size_of::<ValueSlot>()
    }

    /// Bytes the instance owns outside its block (the extra box), for `sys.getsizeof`.
    pub(super) fn extra_size(&self) -> usize {
        self.peek_extra().map_or(0, |extra| {
            std::mem::size_of::<Extra>()
                + extra.overflow.capacity() * std::mem::size_of::<Option<PyRef>>()
        })
    }

    /// Visits the class, the base value, every value and the extra box's contents.
    pub(super) fn trace(&self, tracer: &mut Tracer<'_>) {
        // SAFETY: a trace runs no Python code, so the class stays while it is visited.
        tracer.visit(&*unsafe { self.class_ref() });
        let has_extra = self.bits() & HAS_DICT != 0;
        for index in 0..self.word_count() {
            if has_extra && index == 0 {
                continue;
            }
            let word: &ValueSlot = self.word(index);
            // SAFETY: a trace only reads; no cell is being replaced meanwhile (the collector
            // runs between interpreter steps, never inside a `replace`).
            if let Some(value) = unsafe { &*word.as_ptr() } {
                tracer.visit(value);
            }
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

    /// Drops the values (last to first: the extra box's, then the inline ones), the
    /// `__dict__`, the base value and the class, each taken out of the instance first.
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
        for index in (0..self.word_count()).rev() {
            if has_extra && index == 0 {
                let slot: &ExtraSlot = self.word(0);
                drop(slot.take());
            } else {
                let word: &ValueSlot = self.word(index);
                drop(word.take());
            }
        }
        let field = UnsafeCell::raw_get(addr_of!(self.class));
        // SAFETY: the class is dropped once, here, last: nothing reads the field after
        // the payload's drop began (the object is unreachable or torn down).
        drop(ManuallyDrop::into_inner(unsafe { field.read_unaligned() }));
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
        let start = std::ptr::from_ref(data).cast::<u8>();
        assert_eq!(
            data.tail().as_ptr().cast::<u8>().cast_const(),
            start.wrapping_add(std::mem::size_of::<InstanceData>()),
        );
        assert_eq!(
            data.tail().as_ptr().cast::<u8>().cast_const(),
            std::ptr::from_ref(&*inst)
                .cast::<u8>()
                .wrapping_add(std::mem::size_of::<Obj>()),
            "the tail starts where `Obj` ends"
        );
        let slotted = Shape {
            values: 2,
            dict: false,
            base: false,
        };
        let before_slotted = heap.bytes_in_use();
        let two = InstanceData::alloc(&heap, class.clone(), slotted, None).expect("room");
        assert_eq!(
            heap.bytes_in_use() - before_slotted,
            64,
            "two slots: links, header, `Obj`, two values"
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
}
