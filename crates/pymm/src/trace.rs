//! The [`Trace`] trait (how a value shows the collector its handles) and the [`Tracer`].

use crate::any::GcAny;
use crate::gc::Gc;
use crate::header::{Links, Obj};
use crate::heap::HeapState;
use crate::pipeline::Pipeline;
use crate::visit::{subtract_collecting, subtract_in_set, Reach};
use crate::walk::Walk;

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

/// Whether `child` belongs to another heap than `own` (a lookup through its block).
#[cold]
#[inline(never)]
fn is_foreign_slow(child: Obj, own: *const HeapState) -> bool {
    // SAFETY: a handle being traced keeps its object allocated.
    !std::ptr::eq(unsafe { HeapState::owner_of(child) }, own)
}

/// What a traversal does with each handle it is shown.
pub(crate) enum Mode<'a> {
    /// A collection's `subtract_refs`: decrement the scratch `gc_refs` of children in the
    /// collected set (tracked, generation tag `<= gen`), the walk turning what was taken
    /// off before it reached a member into `gc_refs` (see `reach::subtract_refs`).
    Subtract { gen: usize, walk: Walk },
    /// The resurrection check's `subtract_refs`: decrement the scratch `gc_refs` of
    /// children flagged COLLECTING (initialised beforehand by `update_refs`).
    RecheckSubtract { walk: Walk },
    /// `move_unreachable`: children flagged COLLECTING are reachable; those already moved
    /// to the unreachable list come back to `young` (see [`Reach`]).
    Reach(Reach),
    /// `get_referents`: collect a handle to every child.
    Referents(&'a mut Vec<GcAny>),
    /// `get_referrers`: does the value refer to any of the targets?
    Refers { targets: &'a [Obj], found: bool },
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
pub struct Tracer<'a> {
    pub(crate) mode: Mode<'a>,
    pub(crate) busy: bool,
    /// Children of the `Subtract` and `Reach` passes not handled yet (see `pipeline`).
    pending: Pipeline,
    /// The child shown last in those passes, and how many more times it was shown right
    /// after (many handles to one object: a list of references to the same thing).
    /// `Subtract` takes the repeats off in one go; `Reach` ignores them (handling a child
    /// twice changes nothing).
    last: Option<Obj>,
    repeats: usize,
    /// The heap a collection pass works on, when another heap lives on the thread: its
    /// children of other heaps are then skipped (see [`Tracer::for_collection`]).
    own_heap: Option<*const HeapState>,
    /// A collection pass that has not ended yet (see the `Drop` impl), and the object whose
    /// `trace` runs.
    pub(crate) in_pass: bool,
    pub(crate) tracing: Option<Obj>,
}

impl Drop for Tracer<'_> {
    /// A `Trace` impl panicked in the middle of a collection pass (its contract forbids it:
    /// see [`Trace`]): the scratch counts sit in the collector's links and the lists are
    /// mid-update, so the heap cannot be left in a state any later operation could trust.
    /// The process is stopped with a message naming the type, as `Rc` stops on overflow.
    fn drop(&mut self) {
        if self.in_pass {
            let name = self.tracing.map_or("<unknown>", |obj| {
                // SAFETY: the object being traced is live (a member of the collected set).
                (unsafe { crate::header::header(obj) }.vtable.type_name)()
            });
            eprintln!(
                "pymm: the Trace impl of `{name}` panicked during a collection (Trace must not \
                 panic: the collector's lists are mid-update); aborting"
            );
            std::process::abort();
        }
    }
}

impl<'a> Tracer<'a> {
    /// A tracer that shows every child as it is (`get_referents`, `get_referrers`).
    pub(crate) fn new(mode: Mode<'a>) -> Tracer<'a> {
        Tracer {
            mode,
            busy: false,
            pending: Pipeline::new(),
            last: None,
            repeats: 0,
            own_heap: None,
            in_pass: false,
            tracing: None,
        }
    }

    /// A tracer for a collection pass over `state`'s objects.
    ///
    /// A handle of another heap stored in one of them (safe code can do that: `Gc::new`
    /// uses the thread's default heap, `Heap::alloc` another one) is an opaque strong
    /// reference: never subtracted, never followed. The other heap's collector never sees
    /// this reference either, so it counts it as a root: the child lives as long as the
    /// handle does, and a cycle through two heaps is never collected (as with `Rc`). The
    /// check costs a lookup per child only while the thread has more than one heap.
    /// Call [`Tracer::end_pass`] when the pass is over.
    pub(crate) fn for_collection(mode: Mode<'a>, state: &HeapState) -> Tracer<'a> {
        let mut tracer = Tracer::new(mode);
        tracer.in_pass = true;
        if crate::state::several_heaps_on_thread() {
            tracer.own_heap = Some(state.raw());
        }
        tracer
    }

    /// Ends a collection pass (every `trace` it ran returned).
    pub(crate) fn end_pass(mut self) {
        self.in_pass = false;
    }

    /// Whether a child shown to a collection pass belongs to another heap than the one
    /// being collected.
    #[inline(always)]
    fn is_foreign(&self, child: Obj) -> bool {
        match self.own_heap {
            None => false,
            Some(own) => is_foreign_slow(child, own),
        }
    }

    /// Handles every deferred child now. Must be called before the results of a
    /// `Subtract` pass are read, and by `move_unreachable` before it decides that an object
    /// is unreachable or that the walk is over (the children brought back then go next to
    /// `cursor`, see [`Reach`]).
    pub(crate) fn flush(&mut self, cursor: *const Links) {
        self.take_repeats();
        self.last = None;
        let Tracer { mode, pending, .. } = self;
        match mode {
            Mode::Subtract { gen, walk } => {
                pending.drain(|child| subtract_in_set(child, 1, *gen, *walk));
            }
            Mode::Reach(reach) => {
                reach.cursor = cursor;
                pending.drain(|child| reach.visit(child));
            }
            _ => debug_assert!(pending.is_empty()),
        }
    }

    /// `Subtract`: takes off the handles of the last child shown again in a row.
    #[inline(always)]
    fn take_repeats(&mut self) {
        if self.repeats == 0 {
            return;
        }
        if let (Mode::Subtract { gen, walk }, Some(child)) = (&self.mode, self.last) {
            subtract_in_set(child, self.repeats, *gen, *walk);
        }
        self.repeats = 0;
    }

    /// Whether some child waits to be handled.
    pub(crate) fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// The state of a `Reach` pass.
    pub(crate) fn reach_state(&mut self) -> Option<&mut Reach> {
        match &mut self.mode {
            Mode::Reach(reach) => Some(reach),
            _ => None,
        }
    }

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
        self.visit_obj(gc.obj());
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
        self.visit_obj(gc.obj());
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
        self.busy = true;
    }

    /// The order in which children are handled does not matter to `Subtract` (it only
    /// decrements) nor to `Reach` (a child handled late is at worst moved out and brought
    /// back), so both go through the prefetching pipeline.
    #[inline(always)]
    fn visit_obj(&mut self, child: Obj) {
        match &mut self.mode {
            Mode::Subtract { gen, walk } => {
                let (gen, walk) = (*gen, *walk);
                if self.last == Some(child) {
                    self.repeats += 1; // the same as the last one: ours, or it would not be
                    return;
                }
                if self.is_foreign(child) {
                    return;
                }
                self.take_repeats();
                self.last = Some(child);
                if let Some(ready) = self.pending.push(child) {
                    subtract_in_set(ready, 1, gen, walk);
                }
            }
            Mode::RecheckSubtract { walk } => {
                let walk = *walk;
                if !self.is_foreign(child) {
                    subtract_collecting(child, walk);
                }
            }
            Mode::Reach(_) => {
                if self.last == Some(child) || self.is_foreign(child) {
                    return;
                }
                let Mode::Reach(reach) = &mut self.mode else {
                    unreachable!()
                };
                self.last = Some(child);
                if reach.is_next_in_walk(child) {
                    // About to be walked anyway, its memory next to what was just read (a
                    // chain walked from its head): handled now, not deferred.
                    reach.visit(child);
                } else if let Some(ready) = self.pending.push(child) {
                    reach.visit(ready);
                }
            }
            Mode::Referents(out) => out.push(GcAny::from_obj_cloned(child)),
            Mode::Refers { targets, found } => *found |= targets.contains(&child),
        }
    }
}
