//! [`Gc<T>`]: the strong, reference-counted handle.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ops::Deref;

use crate::handle::alloc::{alloc_cyclic_in, alloc_in, thread_default_state, untrack_obj};
use crate::handle::any::GcAny;
use crate::handle::gc_mut::GcMut;
use crate::handle::slice::Payload;
use crate::handle::trace::Trace;
use crate::handle::vtable::{header_size_of, payload};
use crate::handle::weak::{downgrade_obj, TracedWeak, Weak};
use crate::heap::dealloc::{free_block, release};
use crate::heap::unraisable::PanicSlot;
use crate::heap::weak_table::{clear_weak_refs, has_live_weak, run_weak_callbacks};
use crate::heap::{Heap, HeapState};
use crate::object::header::retain;
use crate::object::header::{
    count_of, has_flag, header, Header, Obj, CONTAINER, FINALIZED, TORN_DOWN, TRACKED,
};
use pymm_alloc::AllocError;

/// A strong handle to an object on a pymm [`Heap`]: clone increments the count, drop
/// decrements it and frees the object at once when it reaches zero (running its finalizer
/// first). Cycles are freed by the heap's collector.
///
/// `!Send` and `!Sync`: a heap belongs to one thread.
///
/// The API follows `Rc`'s: [`Gc::get_mut`], [`Gc::try_unwrap`], [`Gc::new_cyclic`],
/// [`Gc::into_raw`]/[`Gc::from_raw`], [`Gc::ptr_eq`], [`Gc::downgrade`]. `PartialEq`,
/// `Ord` and `Hash` compare the values, as `Rc`'s do; for identity (Python's `is`), use
/// [`Gc::ptr_eq`] or key by [`ByAddress`](crate::ByAddress), which also keeps derived
/// comparisons from following a cycle forever. `Debug` prints the value and stops at
/// cycles (see [`MAX_DEBUG_DEPTH`](crate::MAX_DEBUG_DEPTH)).
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
pub struct Gc<T: ?Sized> {
    obj: Obj,
    _owns: PhantomData<T>,
}

impl<T: ?Sized> Gc<T> {
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

    /// The object's header, for as long as this handle is borrowed: the one safe way in
    /// from a handle (a handle keeps its object's block allocated, torn down or not).
    #[inline(always)]
    pub(crate) fn header(&self) -> &Header {
        // SAFETY: a handle keeps its object allocated for as long as it lives.
        unsafe { header(self.obj) }
    }

    /// Whether both handles point at the same object.
    ///
    /// ```
    /// use pymm::Gc;
    /// let a = Gc::new(String::from("x"));
    /// let b = Gc::new(String::from("x"));
    /// assert!(a == b, "equal values");
    /// assert!(!Gc::ptr_eq(&a, &b), "different objects");
    /// assert!(Gc::ptr_eq(&a, &a.clone()));
    /// ```
    #[inline]
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        a.obj == b.obj
    }

    /// The number of strong handles (what `sys.getrefcount` reports, less its argument).
    ///
    /// ```
    /// let x = pymm::Gc::new(0);
    /// let y = x.clone();
    /// assert_eq!(pymm::Gc::ref_count(&x), 2);
    /// drop(y);
    /// assert_eq!(pymm::Gc::ref_count(&x), 1);
    /// ```
    #[inline]
    pub fn ref_count(this: &Self) -> usize {
        count_of(this.header())
    }

    /// Whether the object is in one of the collector's lists.
    ///
    /// ```
    /// use pymm::Gc;
    /// assert!(Gc::is_tracked(&Gc::new(vec![Gc::new(1)])), "may own handles: tracked");
    /// assert!(!Gc::is_tracked(&Gc::new(String::new())), "cannot: never tracked");
    /// ```
    pub fn is_tracked(this: &Self) -> bool {
        has_flag(this.header(), TRACKED)
    }

    /// Whether the object's finalizer has run.
    ///
    /// ```
    /// use pymm::{Finalize, Gc, Trace};
    /// #[derive(Trace)]
    /// #[trace(finalize)]
    /// struct Once;
    /// impl Finalize for Once {
    ///     fn finalize(this: &Gc<Self>) {
    ///         assert!(Gc::is_finalized(this));
    ///     }
    /// }
    /// assert!(!Gc::is_finalized(&Gc::new(Once)));
    /// ```
    pub fn is_finalized(this: &Self) -> bool {
        has_flag(this.header(), FINALIZED)
    }

    /// Whether the cycle collector has dropped this object's payload (dereferencing panics).
    ///
    /// ```
    /// // Only a handle that a `Drop` impl kept while the collector freed its cycle can be.
    /// assert!(!pymm::Gc::is_torn_down(&pymm::Gc::new(1)));
    /// ```
    pub fn is_torn_down(this: &Self) -> bool {
        has_flag(this.header(), TORN_DOWN)
    }

    /// Whether the object was allocated with collector links.
    ///
    /// ```
    /// use pymm::Gc;
    /// let list = Gc::new(vec![Gc::new(1)]);
    /// Gc::untrack(&list);
    /// assert!(Gc::is_container(&list) && !Gc::is_tracked(&list));
    /// assert!(!Gc::is_container(&Gc::new(1)));
    /// ```
    pub fn is_container(this: &Self) -> bool {
        has_flag(this.header(), CONTAINER)
    }

    /// Starts tracking a container (it joins generation 0). No-op for non-containers, for
    /// objects already tracked and for torn-down ones.
    ///
    /// ```
    /// use pymm::Gc;
    /// let list = Gc::new(vec![Gc::new(1)]);
    /// Gc::untrack(&list);
    /// Gc::track(&list);
    /// assert!(Gc::is_tracked(&list));
    /// ```
    pub fn track(this: &Self) {
        // SAFETY: a handle keeps its object allocated.
        unsafe { crate::handle::alloc::track_obj(this.obj) }
    }

    /// Stops tracking a container: the collector will never scan or free it (its handles
    /// then count as roots). No-op otherwise.
    ///
    /// ```
    /// use pymm::{Gc, Heap};
    /// let heap = Heap::new();
    /// let list = heap.alloc(Vec::<Gc<u8>>::new()); // will never hold a handle: skip it
    /// Gc::untrack(&list);
    /// assert!(heap.objects(None).is_empty());
    /// ```
    pub fn untrack(this: &Self) {
        // SAFETY: a handle keeps its object allocated.
        unsafe { crate::handle::alloc::untrack_obj(this.obj) }
    }

    /// A handle to the heap that owns the object.
    ///
    /// ```
    /// use pymm::{Gc, Heap};
    /// let heap = Heap::new();
    /// let x = heap.alloc(1);
    /// assert!(Heap::ptr_eq(&Gc::heap(&x), &heap));
    /// ```
    pub fn heap(this: &Self) -> Heap {
        // SAFETY: a handle keeps its object (and so its heap's state) allocated.
        unsafe { Heap::from_state(HeapState::of(this.obj)) }
    }

    /// A type-erased handle to the same object.
    ///
    /// ```
    /// use pymm::Gc;
    /// let x = Gc::new(1u8);
    /// let any = Gc::to_any(&x);
    /// assert_eq!(any.type_name(), "u8");
    /// assert_eq!(Gc::ref_count(&x), 2);
    /// ```
    pub fn to_any(this: &Self) -> GcAny {
        GcAny::from_gc(this.clone())
    }

    /// Converts into a type-erased handle (no count change).
    ///
    /// ```
    /// use pymm::Gc;
    /// let any = Gc::into_any(Gc::new(1u8));
    /// assert_eq!(any.ref_count(), 1);
    /// ```
    pub fn into_any(this: Self) -> GcAny {
        GcAny::from_gc(this)
    }

    /// Gives up the handle without decrementing the count.
    pub(crate) fn into_obj(this: Self) -> Obj {
        ManuallyDrop::new(this).obj
    }
}

impl<T: ?Sized + Payload> Gc<T> {
    /// The payload's address: stable for the object's lifetime (Python's `id()`).
    ///
    /// ```
    /// let x = pymm::Gc::new(7u32);
    /// assert_eq!(pymm::Gc::as_ptr(&x), &*x as *const u32);
    /// ```
    #[inline]
    pub fn as_ptr(this: &Self) -> *const T {
        // SAFETY: a handle keeps its object allocated; for a slice, the length read is
        // there even once the elements were torn down.
        unsafe { T::payload_ptr(this.obj.cast()) }
    }
}

impl<T: Trace> Gc<T> {
    /// Exclusive access to the payload when this is the only handle: no other `Gc`, no
    /// live `Weak` (which could be upgraded meanwhile), not torn down. `None` otherwise.
    ///
    /// Unlike `Rc::get_mut` this gives a guard, not a bare `&mut T`: while it lives the
    /// object is untracked, so a collection that runs meanwhile (an allocation in the
    /// caller's code may start one) never reads the payload being mutated. Dropping the
    /// guard tracks the object again, in generation 0.
    ///
    /// ```
    /// use pymm::Gc;
    /// let mut numbers = Gc::new(vec![1, 2]);
    /// Gc::get_mut(&mut numbers).expect("only handle").push(3);
    /// assert_eq!(*numbers, [1, 2, 3]);
    ///
    /// let other = numbers.clone();
    /// assert!(Gc::get_mut(&mut numbers).is_none(), "shared");
    /// drop(other);
    /// let weak = Gc::downgrade(&numbers);
    /// assert!(Gc::get_mut(&mut numbers).is_none(), "a weak handle could upgrade");
    /// drop(weak);
    /// assert!(Gc::get_mut(&mut numbers).is_some());
    /// ```
    pub fn get_mut(this: &mut Self) -> Option<GcMut<'_, T>>
    where
        T: Trace,
    {
        const {
            assert!(
                !T::HAS_TAIL,
                "pymm: a payload with a tail never leaves its block"
            )
        };
        let h = this.header();
        // SAFETY: as above.
        if count_of(h) != 1 || has_flag(h, TORN_DOWN) || unsafe { has_live_weak(this.obj) } {
            return None;
        }
        Some(GcMut::new(this))
    }

    /// The payload, if this is the only strong handle; `Err(this)` otherwise (or when the
    /// object was torn down by the cycle collector).
    ///
    /// The object's block is freed and the value moved out, alive: its finalizer does not
    /// run (the value is not dying, its `Drop` runs whenever the caller drops it). Weak
    /// references to the object are cleared and their callbacks run, as when an object
    /// dies: the object is gone from the heap.
    ///
    /// ```
    /// use pymm::Gc;
    /// let text = Gc::new(String::from("owned again"));
    /// let weak = Gc::downgrade(&text);
    /// let twin = text.clone();
    /// let text = Gc::try_unwrap(text).unwrap_err(); // two handles
    /// drop(twin);
    /// let owned: String = Gc::try_unwrap(text).unwrap();
    /// assert_eq!(owned, "owned again");
    /// assert!(weak.upgrade().is_none());
    /// ```
    pub fn try_unwrap(this: Self) -> Result<T, Self>
    where
        T: Trace,
    {
        const {
            assert!(
                !T::HAS_TAIL,
                "pymm: a payload with a tail never leaves its block"
            )
        };
        let h = this.header();
        if count_of(h) != 1 || has_flag(h, TORN_DOWN) {
            return Err(this);
        }
        let obj = Gc::into_obj(this);
        // SAFETY: our count keeps the object (and so its heap's state) allocated; this
        // handle keeps the state alive until the callbacks have run.
        let hold = unsafe { Heap::from_state(HeapState::of(obj)) };
        let state = hold.state();
        let mut callbacks = Vec::new();
        // SAFETY: the object is live and ours alone: out of the collector's lists first,
        // then no weak reference can reach it, then the payload is moved out (read once,
        // never dropped in place) and the block freed.
        let value = unsafe {
            untrack_obj(obj);
            clear_weak_refs(state, obj, &mut callbacks);
            let value = payload::<T>(obj).read();
            free_block(state, obj);
            value
        };
        let mut panics = PanicSlot::default();
        run_weak_callbacks(state, callbacks, &mut panics);
        // Dropping the hold frees the state if it was shut down and this was its last block.
        panics.resume_releasing(hold);
        Ok(value)
    }

    /// Gives up the handle, keeping its count: the payload's address, to be turned back
    /// into a handle with [`Gc::from_raw`] (for passing through C or an untyped slot).
    ///
    /// ```
    /// use pymm::Gc;
    /// let raw = Gc::into_raw(Gc::new(42u32));
    /// // SAFETY: from `into_raw`, converted back once.
    /// let back = unsafe { Gc::from_raw(raw) };
    /// assert_eq!(*back, 42);
    /// ```
    pub fn into_raw(this: Self) -> *const T {
        let ptr = Gc::as_ptr(&this);
        std::mem::forget(this);
        ptr
    }

    /// Takes back a handle given up by [`Gc::into_raw`].
    ///
    /// # Safety
    /// `ptr` was returned by `Gc::<T>::into_raw` (the same `T`), each such pointer is
    /// passed here at most once (it carries one count), and the call is made on the thread
    /// that owns the object's heap.
    ///
    /// ```
    /// use pymm::Gc;
    /// let slot: *const String = Gc::into_raw(Gc::new(String::from("through C")));
    /// // ... `slot` goes through an untyped API and comes back ...
    /// // SAFETY: made by `Gc::<String>::into_raw` on this thread, taken back once.
    /// let back: Gc<String> = unsafe { Gc::from_raw(slot) };
    /// assert_eq!(*back, "through C");
    /// ```
    pub unsafe fn from_raw(ptr: *const T) -> Gc<T> {
        // SAFETY: by contract `ptr` is a payload address, which `T`'s header size after its
        // header in the same block (see `vtable::payload`).
        let obj = unsafe { ptr.cast::<u8>().sub(header_size_of::<T>()) };
        // SAFETY: derived from a non-null payload pointer of a live object; the count it
        // carries moves to the new handle.
        unsafe { Gc::from_obj(std::ptr::NonNull::new_unchecked(obj.cast_mut().cast())) }
    }
}

impl<T: Trace + 'static> Gc<T> {
    /// Allocates on the thread's default heap.
    ///
    /// # Panics
    /// If the heap's limit is reached or memory is exhausted ("pymm: out of memory ...").
    ///
    /// ```
    /// use pymm::{Gc, Heap};
    /// let x = Gc::new([1, 2, 3]);
    /// assert_eq!(x[2], 3);
    /// assert!(Heap::ptr_eq(&Gc::heap(&x), &Heap::thread_default()));
    /// ```
    #[inline]
    pub fn new(value: T) -> Gc<T> {
        let state = thread_default_state();
        // SAFETY: the thread's default heap state lives as long as the thread.
        match unsafe { alloc_in(state, value) } {
            Ok(gc) => gc,
            Err((err, _)) => out_of_memory::<T>(err),
        }
    }

    /// Allocates on the thread's default heap; `Err` when its limit would be exceeded or
    /// memory is exhausted.
    ///
    /// ```
    /// use pymm::{Gc, Heap};
    /// let small = Gc::try_new(5u8).expect("room for a byte");
    /// assert_eq!(*small, 5);
    /// ```
    pub fn try_new(value: T) -> Result<Gc<T>, AllocError> {
        // SAFETY: the thread's default heap state lives as long as the thread.
        unsafe { alloc_in(thread_default_state(), value) }.map_err(|(err, _)| err)
    }

    /// Allocates an object that refers to itself: `build` receives a weak handle to the
    /// object being made and returns its payload. Until `build` returns the object does
    /// not exist yet: the weak handle cannot be upgraded (`upgrade` gives `None`); once
    /// the `Gc` is returned, it works. If `build` panics, the block is freed and the weak
    /// handles are dead.
    ///
    /// ```
    /// use pymm::{Gc, Trace, Weak};
    ///
    /// #[derive(Trace)]
    /// struct Window {
    ///     me: Weak<Window>, // a back-reference that does not keep it alive
    ///     title: String,
    /// }
    ///
    /// let window = Gc::new_cyclic(|me: &Weak<Window>| {
    ///     assert!(me.upgrade().is_none(), "not built yet");
    ///     Window { me: me.clone(), title: "main".into() }
    /// });
    /// let again = window.me.upgrade().expect("alive now");
    /// assert!(Gc::ptr_eq(&window, &again));
    /// assert_eq!(again.title, "main");
    /// ```
    ///
    /// # Panics
    /// If the heap's limit is reached or memory is exhausted (before `build` runs).
    pub fn new_cyclic(build: impl FnOnce(&Weak<T>) -> T) -> Gc<T> {
        Gc::new_cyclic_in(build, &Heap::thread_default())
    }

    /// [`Gc::new_cyclic`]; `Err` (without calling `build`) when the thread's default heap
    /// is at its limit or memory is exhausted.
    ///
    /// ```
    /// use pymm::{Gc, Trace, Weak};
    ///
    /// #[derive(Trace)]
    /// struct Me(Weak<Me>);
    ///
    /// let me = Gc::try_new_cyclic(|weak: &Weak<Me>| Me(weak.clone())).expect("room for it");
    /// assert!(Gc::ptr_eq(&me.0.upgrade().unwrap(), &me));
    /// ```
    pub fn try_new_cyclic(build: impl FnOnce(&Weak<T>) -> T) -> Result<Gc<T>, AllocError> {
        Gc::try_new_cyclic_in(build, &Heap::thread_default())
    }

    /// [`Gc::new_cyclic`] on `heap`.
    ///
    /// ```
    /// use pymm::{Gc, Heap, Weak};
    /// let heap = Heap::new();
    /// let node = Gc::new_cyclic_in(|me: &Weak<(Weak<u8>, u8)>| (Weak::new(), 1), &heap);
    /// assert!(Heap::ptr_eq(&Gc::heap(&node), &heap));
    /// ```
    ///
    /// # Panics
    /// If the heap's limit is reached or memory is exhausted (before `build` runs).
    pub fn new_cyclic_in(build: impl FnOnce(&Weak<T>) -> T, heap: &Heap) -> Gc<T> {
        Gc::try_new_cyclic_in(build, heap).unwrap_or_else(|err| out_of_memory::<T>(err))
    }

    /// [`Gc::new_cyclic`] on `heap`; `Err` (without calling `build`) when the heap's limit
    /// would be exceeded or memory is exhausted.
    ///
    /// ```
    /// use pymm::{Config, Gc, Heap, Weak};
    /// let heap = Heap::with_config(Config::default().limit(Some(0)));
    /// let full = Gc::try_new_cyclic_in(|_: &Weak<u64>| unreachable!(), &heap);
    /// assert!(full.is_err());
    /// ```
    pub fn try_new_cyclic_in(
        build: impl FnOnce(&Weak<T>) -> T,
        heap: &Heap,
    ) -> Result<Gc<T>, AllocError> {
        // SAFETY: `heap` keeps its state alive during the call.
        unsafe { alloc_cyclic_in(heap.state(), build) }
    }

    /// Allocates on `heap`.
    ///
    /// # Panics
    /// If the heap's limit is reached or memory is exhausted.
    ///
    /// ```
    /// use pymm::{Gc, Heap};
    /// let heap = Heap::new();
    /// let x = Gc::new_in(String::from("on my heap"), &heap);
    /// assert!(Heap::ptr_eq(&Gc::heap(&x), &heap));
    /// ```
    pub fn new_in(value: T, heap: &Heap) -> Gc<T> {
        match Gc::try_new_in(value, heap) {
            Ok(gc) => gc,
            Err(err) => out_of_memory::<T>(err),
        }
    }

    /// Allocates on `heap`; `Err` when the heap's limit would be exceeded (Python's
    /// `MemoryError`) or memory is exhausted.
    ///
    /// ```
    /// use pymm::{Config, Gc, Heap};
    /// let mut config = Config::default();
    /// config.limit = Some(16 * 1024); // the allocator charges 16 KiB per pool it takes
    /// let heap = Heap::with_config(config);
    /// let small = Gc::try_new_in([0u8; 16], &heap);
    /// assert!(small.is_ok());
    /// assert!(Gc::try_new_in([0u8; 256], &heap).is_err(), "over the limit: MemoryError");
    /// ```
    pub fn try_new_in(value: T, heap: &Heap) -> Result<Gc<T>, AllocError> {
        // SAFETY: `heap` keeps its state alive during the call.
        unsafe { alloc_in(heap.state(), value) }.map_err(|(err, _)| err)
    }

    /// A weak handle: does not keep the object alive.
    ///
    /// ```
    /// use pymm::Gc;
    /// let x = Gc::new(1);
    /// let weak = Gc::downgrade(&x);
    /// assert_eq!(Gc::ref_count(&x), 1, "a weak handle is not counted");
    /// assert_eq!(weak.upgrade().as_deref(), Some(&1));
    /// ```
    pub fn downgrade(this: &Self) -> Weak<T> {
        // SAFETY: a handle keeps its object allocated.
        unsafe { downgrade_obj(this.obj, None) }
    }

    /// A weak handle whose callback runs once when the referent dies, provided at least one
    /// clone of this `Weak` is still alive then.
    ///
    /// The callback receives the heap of the referent.
    ///
    /// ```
    /// use pymm::Gc;
    /// use std::{cell::Cell, rc::Rc};
    /// let x = Gc::new(1);
    /// let died = Rc::new(Cell::new(false));
    /// let flag = died.clone();
    /// let weak = Gc::downgrade_with_callback(&x, move |_heap| flag.set(true));
    /// drop(x);
    /// assert!(died.get() && weak.upgrade().is_none());
    /// ```
    pub fn downgrade_with_callback(this: &Self, callback: impl FnOnce(&Heap) + 'static) -> Weak<T> {
        // SAFETY: a handle keeps its object allocated.
        unsafe { downgrade_obj(this.obj, Some(Box::new(callback))) }
    }

    /// A weak handle whose callback `f(heap, data)` runs once when the referent dies, with
    /// `data` traced by the collector (see [`TracedWeak`]): a cycle through the callback's
    /// data is collected.
    ///
    /// ```
    /// use pymm::Gc;
    /// use std::{cell::Cell, rc::Rc};
    /// let x = Gc::new(5);
    /// let seen = Rc::new(Cell::new(0));
    /// // The data (here an `Rc`, which owns no handle) is handed to the callback at death.
    /// let weak = Gc::downgrade_with_traced_callback(&x, seen.clone(), |_heap, seen| seen.set(1));
    /// drop(x);
    /// assert_eq!(seen.get(), 1);
    /// assert!(!weak.is_alive());
    /// ```
    pub fn downgrade_with_traced_callback<D: Trace + 'static>(
        this: &Self,
        data: D,
        f: fn(&Heap, D),
    ) -> TracedWeak<T> {
        // SAFETY: a handle keeps its object allocated.
        unsafe { crate::handle::weak::downgrade_traced(this.obj, data, f) }
    }
}

#[cold]
#[inline(never)]
pub(crate) fn out_of_memory<T: ?Sized>(err: AllocError) -> ! {
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

impl<T: ?Sized + Payload> Deref for Gc<T> {
    type Target = T;

    #[inline(always)]
    fn deref(&self) -> &T {
        let h = self.header();
        if h.word.get() & TORN_DOWN != 0 {
            torn_down_panic(std::any::type_name::<T>());
        }
        // SAFETY: not torn down, so the payload is a live `T`; it is only dropped once no
        // handle can reach it (or after TORN_DOWN is set, which is checked above).
        unsafe { &*T::payload_ptr(self.obj.cast()) }
    }
}

impl<T: ?Sized> Clone for Gc<T> {
    #[inline(always)]
    fn clone(&self) -> Gc<T> {
        // SAFETY: a handle keeps its object allocated.
        unsafe { retain(self.obj) };
        Gc {
            obj: self.obj,
            _owns: PhantomData,
        }
    }
}

impl<T: ?Sized> Drop for Gc<T> {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: a handle keeps its object allocated.
        unsafe { release(self.obj) }
    }
}

impl<T: ?Sized + Payload + fmt::Display> fmt::Display for Gc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl<T: ?Sized + Payload + PartialEq> PartialEq for Gc<T> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl<T: ?Sized + Payload + Eq> Eq for Gc<T> {}

impl<T: ?Sized + Payload + PartialOrd> PartialOrd for Gc<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        (**self).partial_cmp(&**other)
    }
}

impl<T: ?Sized + Payload + Ord> Ord for Gc<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (**self).cmp(&**other)
    }
}

impl<T: ?Sized + Payload + Hash> Hash for Gc<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state)
    }
}

impl<T: ?Sized + Payload> fmt::Pointer for Gc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Pointer::fmt(&Gc::as_ptr(self), f)
    }
}
