//! [`Gc<T>`]: the strong, reference-counted handle.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ops::Deref;

use crate::alloc::{alloc_in, thread_default_state};
use crate::any::GcAny;
use crate::dealloc::drop_slow;
use crate::header::{
    count_of, has_flag, header, payload, Obj, CONTAINER, COUNT_MASK, FINALIZED, TORN_DOWN, TRACKED,
};
use crate::heap::{Heap, HeapState};
use crate::trace::Trace;
use crate::weak::{downgrade_obj, Weak};
use crate::AllocError;

/// A strong handle to an object on a pymm [`Heap`]: clone increments the count, drop
/// decrements it and frees the object at once when it reaches zero (running its finalizer
/// first). Cycles are freed by the heap's collector.
///
/// `!Send` and `!Sync`: a heap belongs to one thread.
///
/// ```
/// use pymm::Gc;
/// let x = Gc::new(vec![1, 2, 3]);
/// assert_eq!(Gc::ref_count(&x), 1);
/// let y = x.clone();
/// assert_eq!(Gc::ref_count(&x), 2);
/// drop(y);
/// assert_eq!(Gc::ref_count(&x), 1);
/// assert_eq!(x[1], 2);
/// ```
pub struct Gc<T> {
    obj: Obj,
    _owns: PhantomData<T>,
}

impl<T> Gc<T> {
    /// Wraps an object pointer without touching its count.
    ///
    /// # Safety
    /// `obj` is a live object whose payload is a `T`, and the caller hands one strong count
    /// to the new handle.
    #[inline(always)]
    pub(crate) unsafe fn from_obj(obj: Obj) -> Gc<T> {
        Gc {
            obj,
            _owns: PhantomData,
        }
    }

    #[inline(always)]
    pub(crate) fn obj(&self) -> Obj {
        self.obj
    }

    /// Whether both handles point at the same object.
    #[inline]
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        a.obj == b.obj
    }

    /// The number of strong handles (what `sys.getrefcount` reports, less its argument).
    #[inline]
    pub fn ref_count(this: &Self) -> usize {
        // SAFETY: a handle keeps its object allocated.
        count_of(unsafe { header(this.obj) })
    }

    /// The payload's address: stable for the object's lifetime (Python's `id()`).
    #[inline]
    pub fn as_ptr(this: &Self) -> *const T {
        // SAFETY: computing the address reads nothing.
        unsafe { payload::<T>(this.obj) }
    }

    /// Whether the object is in one of the collector's lists.
    pub fn is_tracked(this: &Self) -> bool {
        // SAFETY: a handle keeps its object allocated.
        has_flag(unsafe { header(this.obj) }, TRACKED)
    }

    /// Whether the object's finalizer has run.
    pub fn is_finalized(this: &Self) -> bool {
        // SAFETY: a handle keeps its object allocated.
        has_flag(unsafe { header(this.obj) }, FINALIZED)
    }

    /// Whether the cycle collector has dropped this object's payload (dereferencing panics).
    pub fn is_torn_down(this: &Self) -> bool {
        // SAFETY: a handle keeps its object allocated.
        has_flag(unsafe { header(this.obj) }, TORN_DOWN)
    }

    /// Whether the object was allocated with collector links.
    pub fn is_container(this: &Self) -> bool {
        // SAFETY: a handle keeps its object allocated.
        has_flag(unsafe { header(this.obj) }, CONTAINER)
    }

    /// Starts tracking a container (it joins generation 0). No-op for non-containers, for
    /// objects already tracked and for torn-down ones.
    pub fn track(this: &Self) {
        // SAFETY: a handle keeps its object allocated.
        unsafe { crate::alloc::track_obj(this.obj) }
    }

    /// Stops tracking a container: the collector will never scan or free it (its handles
    /// then count as roots). No-op otherwise.
    pub fn untrack(this: &Self) {
        // SAFETY: a handle keeps its object allocated.
        unsafe { crate::alloc::untrack_obj(this.obj) }
    }

    /// A handle to the heap that owns the object.
    pub fn heap(this: &Self) -> Heap {
        // SAFETY: a handle keeps its object (and so its heap's state) allocated.
        unsafe { Heap::from_state(HeapState::of(this.obj)) }
    }

    /// A type-erased handle to the same object.
    pub fn to_any(this: &Self) -> GcAny {
        GcAny::from_gc(this.clone())
    }

    /// Converts into a type-erased handle (no count change).
    pub fn into_any(this: Self) -> GcAny {
        GcAny::from_gc(this)
    }

    /// Gives up the handle without decrementing the count.
    pub(crate) fn into_obj(this: Self) -> Obj {
        ManuallyDrop::new(this).obj
    }
}

impl<T: Trace + 'static> Gc<T> {
    /// Allocates on the thread's default heap.
    ///
    /// # Panics
    /// If the heap's limit is reached or memory is exhausted ("pymm: out of memory ...").
    pub fn new(value: T) -> Gc<T> {
        let state = thread_default_state();
        // SAFETY: the thread's default heap state lives as long as the thread.
        match unsafe { alloc_in(state, value) } {
            Ok(gc) => gc,
            Err((err, _)) => out_of_memory::<T>(err),
        }
    }

    /// Allocates on `heap`.
    ///
    /// # Panics
    /// If the heap's limit is reached or memory is exhausted.
    pub fn new_in(value: T, heap: &Heap) -> Gc<T> {
        match Gc::try_new_in(value, heap) {
            Ok(gc) => gc,
            Err(err) => out_of_memory::<T>(err),
        }
    }

    /// Allocates on `heap`; `Err` when the heap's limit would be exceeded (Python's
    /// `MemoryError`) or memory is exhausted.
    pub fn try_new_in(value: T, heap: &Heap) -> Result<Gc<T>, AllocError> {
        // SAFETY: `heap` keeps its state alive during the call.
        unsafe { alloc_in(heap.state(), value) }.map_err(|(err, _)| err)
    }

    /// A weak handle: does not keep the object alive.
    pub fn downgrade(this: &Self) -> Weak<T> {
        // SAFETY: a handle keeps its object allocated.
        unsafe { downgrade_obj(this.obj, None) }
    }

    /// A weak handle whose callback runs once when the referent dies, provided at least one
    /// clone of this `Weak` is still alive then.
    ///
    /// The callback receives the heap of the referent.
    pub fn downgrade_with_callback(this: &Self, callback: impl FnOnce(&Heap) + 'static) -> Weak<T> {
        // SAFETY: a handle keeps its object allocated.
        unsafe { downgrade_obj(this.obj, Some(Box::new(callback))) }
    }
}

#[cold]
#[inline(never)]
fn out_of_memory<T>(err: AllocError) -> ! {
    panic!(
        "pymm: out of memory allocating a {} ({err})",
        std::any::type_name::<T>()
    )
}

/// Panics for a dereference of a zombie whose payload was a `type_name`.
#[cold]
#[inline(never)]
pub(crate) fn torn_down_panic(type_name: &str) -> ! {
    panic!(
        "pymm: dereferenced a `{type_name}` that the cycle collector has torn down (a Drop impl \
         of cyclic garbage reached another object of the same garbage; check Gc::is_torn_down)"
    )
}

impl<T> Deref for Gc<T> {
    type Target = T;

    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: a handle keeps its object allocated.
        let h = unsafe { header(self.obj) };
        if h.word.get() & TORN_DOWN != 0 {
            torn_down_panic(std::any::type_name::<T>());
        }
        // SAFETY: not torn down, so the payload is a live `T`; it is only dropped once no
        // handle can reach it (or after TORN_DOWN is set, which is checked above).
        unsafe { &*payload::<T>(self.obj) }
    }
}

impl<T> Clone for Gc<T> {
    #[inline(always)]
    fn clone(&self) -> Gc<T> {
        // SAFETY: a handle keeps its object allocated.
        let h = unsafe { header(self.obj) };
        let word = h.word.get();
        if word & COUNT_MASK == COUNT_MASK {
            count_overflow();
        }
        h.word.set(word + 1);
        Gc {
            obj: self.obj,
            _owns: PhantomData,
        }
    }
}

/// A strong count would overflow (as `Rc`, the process cannot go on soundly).
#[cold]
#[inline(never)]
pub(crate) fn count_overflow() -> ! {
    eprintln!("pymm: reference count overflow; aborting");
    std::process::abort()
}

impl<T> Drop for Gc<T> {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: a handle keeps its object allocated.
        unsafe { release(self.obj) }
    }
}

/// Gives back one strong count; frees the object when it was the last.
///
/// # Safety
/// The caller owns one strong count of the live object `obj`.
#[inline(always)]
pub(crate) unsafe fn release(obj: Obj) {
    // SAFETY: forwarded contract.
    let h = unsafe { header(obj) };
    let word = h.word.get() - 1;
    h.word.set(word);
    if word & COUNT_MASK == 0 {
        // SAFETY: that was the last strong count.
        unsafe { drop_slow(obj) }
    }
}

impl<T: fmt::Debug> fmt::Debug for Gc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: fmt::Display> fmt::Display for Gc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl<T: PartialEq> PartialEq for Gc<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: Eq> Eq for Gc<T> {}

impl<T: PartialOrd> PartialOrd for Gc<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        (**self).partial_cmp(&**other)
    }
}

impl<T: Ord> Ord for Gc<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (**self).cmp(&**other)
    }
}

impl<T: Hash> Hash for Gc<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state)
    }
}

impl<T> fmt::Pointer for Gc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Pointer::fmt(&Gc::as_ptr(self), f)
    }
}
