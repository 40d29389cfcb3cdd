//! The [`Trace`] trait (how a value shows the collector its handles) and the [`Tracer`].

use crate::collector::visitor::Visitor;
use crate::handle::any::GcAny;
use crate::handle::gc::Gc;
use crate::object::trace_entry::ErasedVisitor;
use std::ptr::NonNull;

/// How a type shows the cycle collector the [`Gc`] handles it owns.
///
/// Implement it with `#[derive(Trace)]`, or by hand (below); impls exist for primitives,
/// strings, `NonZero*`, ranges, function pointers (not higher-ranked ones such as
/// `fn(&str)`: mark those fields `#[trace(skip)]`), boxes (`Box<[T]>`, `Box<str>`), options,
/// `Cow`, the std collections (`BinaryHeap` and `LinkedList` too), cells (`Cell`,
/// `RefCell`, `OnceCell`), tuples, arrays, `Gc`, `Weak`, `GcAny` and `ByAddress`.
///
/// `Rc<T>` and `Arc<T>` are `Trace` only when `T` owns no handle (`Rc<str>`, `Arc<[u8]>`,
/// `Rc<String>`, a derived type without handles): an `Rc` may be shared by several objects,
/// which would each report the same handles, so the collector would subtract them more than
/// once and free live objects (`std::rc::Weak` and `std::sync::Weak` own nothing and are
/// `Trace` whatever they point at). Put shared state that holds handles in a `Gc` instead;
/// the compiler refuses the rest:
///
/// ```compile_fail
/// use pymm::{Gc, Heap, Trace};
/// use std::{cell::RefCell, rc::Rc};
///
/// #[derive(Trace)]
/// struct Shared {
///     inner: Rc<RefCell<Option<Gc<u32>>>>, // error: Rc<T> where T may own a handle
/// }
/// let heap = Heap::new();
/// let _ = heap.alloc(Shared { inner: Rc::new(RefCell::new(None)) });
/// ```
///
/// `Cell<T>` is traced in place (no `take`/`set`: a trace never mutates), which is sound
/// because a `Cell` never lends out its content; so `Cell<Option<Gc<T>>>` is a cheap mutable
/// slot for one handle.
///
/// # Safety
/// `trace` visits every `Gc` handle the value owns directly (not through another `Gc`), each
/// exactly once per owned handle; it must not create, drop or clone handles, mutate the
/// value (it may run while a `RefCell` inside is shared-borrowed, unguarded), dereference a
/// handle (it may run while objects are being torn down) or panic (it runs while the
/// collector's lists are mid-update). Visiting *fewer*
/// handles is safe (the missed ones count as roots, so cycles through them leak); visiting
/// more (or the same one twice) lets the collector free live objects.
///
/// A type with `HAS_TAIL` must answer [`Trace::tail_size`], for an object allocated with a
/// tail ([`Gc::try_new_with_tail_in`]), with exactly that tail's size for the object's whole
/// life: the block is freed with that size.
///
/// # Example
/// ```
/// use pymm::{Gc, Heap, Trace};
/// use std::cell::RefCell;
///
/// #[derive(Trace)]
/// struct Node {
///     name: String,
///     next: RefCell<Option<Gc<Node>>>,
/// }
///
/// let heap = Heap::new();
/// let a = heap.alloc(Node { name: "a".into(), next: RefCell::new(None) });
/// let b = heap.alloc(Node { name: "b".into(), next: RefCell::new(Some(a.clone())) });
/// *a.next.borrow_mut() = Some(b.clone());
/// drop((a, b));
/// assert_eq!(heap.collect(2), 2); // the two-node cycle is found and freed
/// ```
///
/// # A hand-written impl
/// For a type the derive cannot see through, e.g. one that keeps its handles in an arena
/// of slots and only some of the slots are in use:
/// ```
/// use pymm::{Gc, Heap, Trace, Tracer};
/// use std::cell::RefCell;
///
/// struct Slots {
///     slots: RefCell<Vec<Option<Gc<Slots>>>>,
///     label: String,
/// }
///
/// // SAFETY: every handle the value owns is in `slots` and is visited exactly once; the
/// // trace only reads (an unguarded borrow, no clone, no drop, no dereference).
/// unsafe impl Trace for Slots {
///     // May own handles: allocated as a container, scanned by the collector.
///     const MAY_CONTAIN_GC: bool = true;
///
///     fn trace(&self, tracer: &mut Tracer<'_>) {
///         // SAFETY: nothing mutates `slots` while the trace runs (see the contract).
///         match unsafe { self.slots.try_borrow_unguarded() } {
///             Ok(slots) => slots.iter().flatten().for_each(|gc| tracer.visit(gc)),
///             // Borrowed mutably right now: keep the object alive this time.
///             Err(_) => tracer.mark_busy(),
///         }
///     }
///
///     fn extra_size(&self) -> usize {
///         self.label.capacity() + self.slots.borrow().capacity() * 8
///     }
/// }
///
/// let heap = Heap::new();
/// let a = heap.alloc(Slots { slots: RefCell::new(vec![None, None]), label: "a".into() });
/// a.slots.borrow_mut()[1] = Some(a.clone()); // a cycle through itself
/// assert_eq!(pymm::referents(&Gc::to_any(&a)).len(), 1);
/// assert_eq!(a.label, "a");
/// drop(a);
/// assert_eq!(heap.collect(2), 1);
/// ```
pub unsafe trait Trace {
    /// `false` for types that can never own a `Gc`: allocated untracked (16-byte header,
    /// never scanned).
    const MAY_CONTAIN_GC: bool = true;
    /// `true` if [`Trace::finalize`] does something (Python's `__del__`); checked per type.
    const HAS_FINALIZER: bool = false;

    /// `true` for types whose objects may carry a *tail*: bytes after the payload in the same
    /// block, as CPython's variable-size objects keep their items (see
    /// [`Gc::try_new_with_tail_in`]). Such values are never moved out of their block
    /// ([`Gc::get_mut`] and [`Gc::try_unwrap`] refuse them at compile time).
    const HAS_TAIL: bool = false;

    /// `true` if the handles a value shows to [`Trace::trace`] can only change through
    /// `&mut` access to the value (no cell holds them): once the value sits in an object,
    /// its edges are the ones it was built with (or set under [`Gc::get_mut`], which
    /// needs the only handle). Objects of such types can never form a cycle among
    /// themselves (each points only at objects older than itself), so a collection whose
    /// whole set is made of them finds nothing and is skipped (see the collector's
    /// `unchanged`). The default holds for types that own no handle; the impls for `Gc`,
    /// `Box`, `Option`, tuples, arrays and the std collections pass it through from their
    /// contents; cells answer `false` unless their content owns no handle; the derive
    /// answers for all fields. A hand-written impl for a type holding handles answers
    /// `false` unless it says otherwise; answering `true` for a type whose handles can
    /// change through a shared reference lets collections miss its cycles (a leak).
    const FIXED_EDGES: bool = !Self::MAY_CONTAIN_GC;

    /// How the handles a value shows to [`Trace::trace`] can change once it sits in an
    /// object (see [`Edges`]): [`Edges::Fixed`] exactly when [`Trace::FIXED_EDGES`], else
    /// [`Edges::Barriered`] when every change goes through pymm's cells ([`GcRefCell`](crate::GcRefCell),
    /// [`GcCell`](crate::GcCell)) and so through [`Gc::write`], else [`Edges::Free`]. The default follows
    /// `FIXED_EDGES` (fixed or free); the impls of boxes, options, tuples, arrays and the
    /// std collections pass it through from their contents (the weakest of them), pymm's
    /// cells answer `Barriered` (or their content's kind when weaker), and the derive
    /// answers the weakest of the fields. A hand-written impl answers `Barriered` only if
    /// every handle it shows changes only under `&mut` or inside pymm's cells; answering
    /// it for a type with other interior mutability lets collections miss its cycles.
    ///
    /// ```
    /// use pymm::{Edges, Gc, GcRefCell, Trace};
    /// use std::cell::RefCell;
    ///
    /// #[derive(Trace)]
    /// struct Fixed(Option<Gc<u8>>);
    /// #[derive(Trace)]
    /// struct Barriered(GcRefCell<Option<Gc<u8>>>, Fixed);
    /// #[derive(Trace)]
    /// struct Free(RefCell<Option<Gc<u8>>>, Barriered);
    ///
    /// assert_eq!(Fixed::EDGES, Edges::Fixed);
    /// assert_eq!(Barriered::EDGES, Edges::Barriered);
    /// assert_eq!(Free::EDGES, Edges::Free);
    /// assert_eq!(<Vec<Barriered>>::EDGES, Edges::Barriered);
    /// ```
    const EDGES: Edges = if Self::FIXED_EDGES {
        Edges::Fixed
    } else {
        Edges::Free
    };

    /// `Some(index)` (1..=15) for a *compact* type: its objects carry no vtable word, so the
    /// header is 8 bytes (16 with the collector's links) instead of 16 (32), as CPython's
    /// `PyObject_HEAD` without `ob_type`. Their vtable is found instead from `index`, kept
    /// in the header word, in a process-wide table that the type's first allocation fills
    /// in. An index names one type in the whole process: a second type allocating with the
    /// same index panics, naming both. Values outside 1..=15 fail to compile. Slices
    /// (`Gc<[T]>`, `Gc<str>`) always carry the vtable word, whatever their element type.
    ///
    /// ```
    /// use pymm::{Gc, Trace, Tracer};
    ///
    /// struct Point(f64, f64);
    /// unsafe impl Trace for Point {
    ///     const MAY_CONTAIN_GC: bool = false;
    ///     const COMPACT_INDEX: Option<u8> = Some(15);
    ///     fn trace(&self, _: &mut Tracer<'_>) {}
    /// }
    /// let p = Gc::new(Point(1.0, 2.0));
    /// assert_eq!(pymm::getsizeof(&Gc::to_any(&p)), 8 + 16, "the word and the payload");
    /// assert_eq!(p.1, 2.0);
    /// ```
    const COMPACT_INDEX: Option<u8> = None;

    /// Visits every handle the value owns (see the trait's safety contract).
    fn trace(&self, tracer: &mut Tracer<'_>);

    /// Per value, at allocation: allocate this value as a container (collector links,
    /// tracked)? Only asked when `MAY_CONTAIN_GC`. Python allocates ints and strs with `false`.
    fn is_container(&self) -> bool {
        Self::MAY_CONTAIN_GC
    }

    /// Per value, at allocation: does this value's finalizer need to run at its death? Only
    /// asked when `HAS_FINALIZER`; values that answer `false` skip every finalization step
    /// (reference counting frees them directly, and a collection whose garbage holds no
    /// finalizable object tears it down at once). Python's instances of classes with a
    /// `__del__` and its generators answer `true`; its lists and ints `false`.
    fn needs_finalizer(&self) -> bool {
        Self::HAS_FINALIZER
    }

    /// Bytes this value owns outside its block (`Vec` buffers...), for `getsizeof`.
    fn extra_size(&self) -> usize {
        0
    }

    /// Size in bytes of the tail this object was allocated with by
    /// [`Gc::try_new_with_tail_in`]. Only asked of such objects (see the safety contract).
    fn tail_size(&self) -> usize {
        0
    }

    /// PEP 442 finalizer: runs at most once per object, before any teardown, with all
    /// garbage still intact; may resurrect `this` by storing a clone. Only called when
    /// `HAS_FINALIZER` is `true`.
    fn finalize(this: &Gc<Self>)
    where
        Self: Sized,
    {
        let _ = this;
    }
}

/// How the handles a value owns can change once the value sits in an object
/// ([`Trace::EDGES`]), from the strongest promise to the weakest.
///
/// ```
/// use pymm::{Edges, Gc, GcCell, Trace};
/// use std::cell::Cell;
///
/// assert_eq!(<Gc<u8>>::EDGES, Edges::Fixed);
/// assert_eq!(<GcCell<Option<Gc<u8>>>>::EDGES, Edges::Barriered);
/// assert_eq!(<Cell<Option<Gc<u8>>>>::EDGES, Edges::Free);
/// assert_eq!(<Cell<u32>>::EDGES, Edges::Fixed); // owns no handle
/// assert_eq!(Edges::Fixed.weakest(Edges::Barriered), Edges::Barriered);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Edges {
    /// Only under `&mut` access to the value (the handles it was built with, or set under
    /// [`Gc::get_mut`]): objects of such types never form a cycle among themselves.
    Fixed,
    /// Under `&mut`, or inside pymm's cells ([`GcRefCell`](crate::GcRefCell), [`GcCell`](crate::GcCell)), whose every
    /// mutation needs the [`Write`](crate::Write) capability that [`Gc::write`] hands out after noting
    /// the object as written.
    Barriered,
    /// Through a shared reference too (std's `RefCell`, `Cell`, `OnceCell`, hand-written
    /// impls by default): the collector sees no change and scans such objects every time.
    Free,
}

impl Edges {
    /// The weaker of two kinds: what a value holding both kinds of fields promises.
    ///
    /// ```
    /// use pymm::Edges;
    /// assert_eq!(Edges::Barriered.weakest(Edges::Free), Edges::Free);
    /// assert_eq!(Edges::Fixed.weakest(Edges::Fixed), Edges::Fixed);
    /// ```
    #[must_use]
    pub const fn weakest(self, other: Edges) -> Edges {
        if self as u8 >= other as u8 {
            self
        } else {
            other
        }
    }

    /// Whether objects of this kind can join a cycle only through a change the collector
    /// sees (a barriered write): `Fixed` or `Barriered`.
    ///
    /// ```
    /// use pymm::Edges;
    /// assert!(Edges::Barriered.is_seen());
    /// assert!(!Edges::Free.is_seen());
    /// ```
    #[must_use]
    pub const fn is_seen(self) -> bool {
        !matches!(self, Edges::Free)
    }
}

/// A finalizer for types that derive `Trace` with `#[trace(finalize)]` (Python's
/// `__del__`, PEP 442 semantics: see [`Trace::finalize`]).
///
/// ```
/// use pymm::{Finalize, Gc, Heap, Trace};
/// use std::cell::Cell;
///
/// #[derive(Trace)]
/// #[trace(finalize)]
/// struct Noisy(#[trace(skip)] Cell<u32>);
///
/// impl Finalize for Noisy {
///     fn finalize(this: &Gc<Self>) {
///         this.0.set(this.0.get() + 1);
///     }
/// }
///
/// let heap = Heap::new();
/// let n = heap.alloc(Noisy(Cell::new(0)));
/// let weak = Gc::downgrade(&n);
/// drop(n); // finalizer runs, then the object is freed
/// assert!(weak.upgrade().is_none());
/// ```
pub trait Finalize {
    /// Runs at most once per object, before it is freed; may resurrect `this`.
    fn finalize(this: &Gc<Self>)
    where
        Self: Sized;
}

/// Receives the handles a [`Trace`] impl owns. Created by pymm only.
///
/// ```
/// use pymm::{Gc, Trace, Tracer};
/// struct Two(Gc<u8>, Gc<u8>);
/// // SAFETY: visits both handles it owns, once each, and only reads.
/// unsafe impl Trace for Two {
///     fn trace(&self, tracer: &mut Tracer<'_>) {
///         tracer.visit(&self.0);
///         tracer.visit(&self.1);
///     }
/// }
/// let two = Gc::new(Two(Gc::new(1), Gc::new(2)));
/// assert_eq!(pymm::referents(&Gc::to_any(&two)).len(), 2);
/// ```
#[repr(transparent)]
pub struct Tracer<'a> {
    visitor: Visitor<'a>,
}

impl<'a> Tracer<'a> {
    /// The tracer a trace entry's erased visitor pointer stands for.
    ///
    /// # Safety
    /// `visitor` comes from `Visitor::erased` (or [`Tracer::erased`]) of a visitor that is
    /// alive and not otherwise used while the returned borrow lasts.
    #[inline(always)]
    pub(crate) unsafe fn from_erased<'b>(visitor: NonNull<ErasedVisitor>) -> &'b mut Tracer<'a> {
        // SAFETY: the pointer is a `Visitor`'s (forwarded contract), of which `Tracer` is a
        // `repr(transparent)` wrapper; it carries the provenance of the visitor's borrow.
        unsafe { visitor.cast::<Tracer<'a>>().as_mut() }
    }

    /// This tracer as a trace entry's argument (to pass on to data traced out of line).
    #[inline(always)]
    pub(crate) fn erased(&mut self) -> NonNull<ErasedVisitor> {
        NonNull::from(self).cast()
    }
}

impl Tracer<'_> {
    /// Reports one owned handle.
    ///
    /// ```
    /// use pymm::{Gc, Trace, Tracer};
    /// struct Holder(Option<Gc<String>>);
    /// // SAFETY: visits the one handle it may own.
    /// unsafe impl Trace for Holder {
    ///     fn trace(&self, tracer: &mut Tracer<'_>) {
    ///         if let Some(gc) = &self.0 {
    ///             tracer.visit(gc);
    ///         }
    ///     }
    /// }
    /// let h = Gc::new(Holder(Some(Gc::new("s".into()))));
    /// assert_eq!(pymm::referents(&Gc::to_any(&h)).len(), 1);
    /// ```
    #[inline]
    pub fn visit<T: ?Sized>(&mut self, gc: &Gc<T>) {
        self.visitor.visit_obj(gc.obj());
    }

    /// Reports one owned type-erased handle.
    ///
    /// ```
    /// use pymm::{Gc, GcAny, Trace, Tracer};
    /// struct Bag(Vec<GcAny>);
    /// // SAFETY: visits each handle it owns once.
    /// unsafe impl Trace for Bag {
    ///     fn trace(&self, tracer: &mut Tracer<'_>) {
    ///         self.0.iter().for_each(|any| tracer.visit_any(any));
    ///     }
    /// }
    /// let bag = Gc::new(Bag(vec![Gc::into_any(Gc::new(1u8)), Gc::into_any(Gc::new("x"))]));
    /// assert_eq!(pymm::referents(&Gc::to_any(&bag)).len(), 2);
    /// ```
    #[inline]
    pub fn visit_any(&mut self, gc: &GcAny) {
        self.visitor.visit_obj(gc.obj());
    }

    /// A child could not be read (a `RefCell` mutably borrowed): the object being traced is
    /// kept alive by this collection, conservatively.
    ///
    /// ```
    /// use pymm::{Gc, Trace, Tracer};
    /// use std::cell::RefCell;
    /// struct Guarded(RefCell<Vec<Gc<u8>>>);
    /// // SAFETY: visits every handle when the cell can be read; reports it busy otherwise.
    /// unsafe impl Trace for Guarded {
    ///     fn trace(&self, tracer: &mut Tracer<'_>) {
    ///         match self.0.try_borrow() {
    ///             Ok(items) => items.iter().for_each(|gc| tracer.visit(gc)),
    ///             Err(_) => tracer.mark_busy(), // kept alive by this collection
    ///         }
    ///     }
    /// }
    /// let g = Gc::new(Guarded(RefCell::new(vec![Gc::new(1)])));
    /// let borrow = g.0.borrow_mut();
    /// assert!(pymm::referents(&Gc::to_any(&g)).is_empty());
    /// drop(borrow);
    /// ```
    pub fn mark_busy(&mut self) {
        self.visitor.busy = true;
    }
}
