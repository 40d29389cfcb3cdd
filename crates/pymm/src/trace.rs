//! The [`Trace`] trait (how a value shows the collector its handles) and the [`Tracer`].

use crate::any::GcAny;
use crate::gc::Gc;
use crate::header::{
    header, in_collected_set, links, links_ptr, Links, Obj, COLLECTING, COUNT_MASK, LINKS_SIZE,
    UNREACHABLE,
};
use crate::list;
use crate::pipeline::Pipeline;
use crate::reach::unmark_unreachable;

/// How a type shows the cycle collector the [`Gc`] handles it owns.
///
/// Implement it with `#[derive(Trace)]`; impls exist for primitives, strings, boxes, options,
/// the std collections, cells, tuples, arrays, `Gc`, `Weak` and `GcAny`.
///
/// Not implemented for `Rc<T>`: an `Rc` may be shared by several objects, which would each
/// report the same handles, so the collector would subtract them more than once and free
/// live objects. Put shared state in a `Gc` instead.
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

/// What a traversal does with each handle it is shown.
pub(crate) enum Mode<'a> {
    /// A collection's `subtract_refs`: decrement the scratch `gc_refs` of children in the
    /// collected set (tracked, generation tag `<= gen`), initialising it from the strong
    /// count (and flagging COLLECTING) on first touch.
    Subtract { gen: usize },
    /// The resurrection check's `subtract_refs`: decrement the scratch `gc_refs` of
    /// children flagged COLLECTING (initialised beforehand by `update_refs`).
    RecheckSubtract,
    /// `move_unreachable`: children flagged COLLECTING are reachable; those already moved
    /// to the unreachable list come back to `young`, next to `cursor` (the object being
    /// scanned or the last one brought back), so that they are scanned next.
    Reach { cursor: *const Links },
    /// `get_referents`: collect a handle to every child.
    Referents(&'a mut Vec<GcAny>),
    /// `get_referrers`: does the value refer to any of the targets?
    Refers { targets: &'a [Obj], found: bool },
}

/// Receives the handles a [`Trace`] impl owns. Created by pymm only.
pub struct Tracer<'a> {
    pub(crate) mode: Mode<'a>,
    pub(crate) busy: bool,
    /// Children of the `Subtract` and `Reach` passes not handled yet (see `pipeline`).
    pending: Pipeline,
}

impl<'a> Tracer<'a> {
    pub(crate) fn new(mode: Mode<'a>) -> Tracer<'a> {
        Tracer {
            mode,
            busy: false,
            pending: Pipeline::new(),
        }
    }

    /// Handles every deferred child now. Must be called before the results of a
    /// `Subtract` pass are read, and by `move_unreachable` before it decides that an object
    /// is unreachable or that the walk is over. In `Reach` mode, the children brought back
    /// go next to `cursor`.
    pub(crate) fn flush(&mut self, cursor: *const Links) {
        let Tracer { mode, pending, .. } = self;
        match mode {
            Mode::Subtract { gen } => pending.drain(|child| subtract_in_set(child, *gen)),
            Mode::Reach { cursor: at } => {
                *at = cursor;
                pending.drain(|child| reach(child, at));
            }
            _ => debug_assert!(pending.is_empty()),
        }
    }

    /// Whether some child waits to be handled.
    pub(crate) fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// In `Reach` mode: the object about to be scanned, next to which the children
    /// brought back go.
    pub(crate) fn set_cursor(&mut self, node: *const Links) {
        if let Mode::Reach { cursor } = &mut self.mode {
            *cursor = node;
        }
    }

    /// Reports one owned handle.
    #[inline]
    pub fn visit<T>(&mut self, gc: &Gc<T>) {
        self.visit_obj(gc.obj());
    }

    /// Reports one owned type-erased handle.
    #[inline]
    pub fn visit_any(&mut self, gc: &GcAny) {
        self.visit_obj(gc.obj());
    }

    /// A child could not be read (a `RefCell` mutably borrowed): the object being traced is
    /// kept alive by this collection, conservatively.
    pub fn mark_busy(&mut self) {
        self.busy = true;
    }

    /// The order in which children are handled does not matter to `Subtract` (it only
    /// decrements) nor to `Reach` (a child handled late is at worst moved out and brought
    /// back), so both go through the prefetching pipeline.
    #[inline(always)]
    fn visit_obj(&mut self, child: Obj) {
        match &mut self.mode {
            Mode::Subtract { gen } => {
                if let Some(ready) = self.pending.push(child) {
                    subtract_in_set(ready, *gen);
                }
            }
            Mode::RecheckSubtract => subtract_collecting(child),
            Mode::Reach { cursor } => {
                if is_next_in_walk(child, *cursor) {
                    // About to be walked anyway, its memory next to what was just read (a
                    // chain walked from its head): handled now, not deferred.
                    reach(child, cursor);
                } else if let Some(ready) = self.pending.push(child) {
                    reach(ready, cursor);
                }
            }
            Mode::Referents(out) => out.push(GcAny::from_obj_cloned(child)),
            Mode::Refers { targets, found } => *found |= targets.contains(&child),
        }
    }
}

/// Whether `child` is the member `move_unreachable` walks to after `cursor`.
#[inline(always)]
fn is_next_in_walk(child: Obj, cursor: *const Links) -> bool {
    // The address a container's links would have (compared, never dereferenced).
    let child_links = child.as_ptr().cast::<u8>().wrapping_sub(LINKS_SIZE);
    // SAFETY: the cursor is a live member of `young`; its `prev` field is a real pointer.
    std::ptr::eq(unsafe { (*cursor).prev.get() }.cast::<u8>(), child_links)
}

/// `visit_decref` with `update_refs` folded in: a reference from inside the collected set
/// explains one count. The first touch of a member (here or by the walk of the set, see
/// `reach::subtract_refs`) copies its strong count into its scratch `gc_refs` and flags it
/// COLLECTING; the strong count itself is never changed.
#[inline(always)]
fn subtract_in_set(child: Obj, gen: usize) {
    // SAFETY: a handle being traced keeps its object allocated.
    let h = unsafe { header(child) };
    let word = h.word.get();
    if word & COLLECTING != 0 {
        // SAFETY: COLLECTING is only ever set on containers.
        let l = unsafe { links(child) };
        l.set_refs(l.refs().wrapping_sub(1));
    } else if in_collected_set(word, gen) {
        h.word.set(word | COLLECTING);
        // SAFETY: members of the collected set are tracked, hence containers.
        unsafe { links(child) }.set_refs((word & COUNT_MASK).wrapping_sub(1));
    }
}

/// `visit_decref` of the resurrection check: members are flagged COLLECTING already.
#[inline(always)]
fn subtract_collecting(child: Obj) {
    // SAFETY: a handle being traced keeps its object allocated.
    let h = unsafe { header(child) };
    if h.word.get() & COLLECTING != 0 {
        // SAFETY: COLLECTING is only ever set on containers.
        let l = unsafe { links(child) };
        l.set_refs(l.refs().wrapping_sub(1));
    }
}

/// `visit_reachable`: the child of a reachable object is reachable.
#[inline(always)]
fn reach(child: Obj, cursor: &mut *const Links) {
    // SAFETY: a handle being traced keeps its object allocated.
    let h = unsafe { header(child) };
    let word = h.word.get();
    if word & COLLECTING == 0 {
        return; // not in the set, or already scanned by move_unreachable
    }
    // SAFETY: COLLECTING is only ever set on containers.
    let l = unsafe { links_ptr(child) };
    if word & UNREACHABLE != 0 {
        // Tentatively unreachable after all: back to `young`, to be scanned there.
        // SAFETY: members of the unreachable list have real links; `cursor` is a member of
        // `young` (whose `prev` pointers are real).
        unsafe { bring_back(l, cursor) };
        h.word.set(unmark_unreachable(word));
        // SAFETY: live container (the reference is not kept).
        unsafe { &*l }.set_refs(1);
        return;
    }
    // SAFETY: live container (the reference is not kept).
    let node = unsafe { &*l };
    if node.refs() == 0 {
        // Not scanned yet: tell move_unreachable it is reachable.
        node.set_refs(1);
    }
}

/// Unlinks `node` from the unreachable list and inserts it in `young` right before
/// `*cursor` (the walk goes backwards), which it then becomes: the objects brought back by
/// one scan keep their order and are scanned next, while their neighbours are still in
/// cache.
///
/// # Safety
/// `node` is in the (doubly linked) unreachable list; `*cursor` is in `young`.
#[inline(always)]
unsafe fn bring_back(node: *const Links, cursor: &mut *const Links) {
    // SAFETY: forwarded contract. `young`'s `next` fields hold scratch counts: only `prev`
    // is written there.
    unsafe {
        list::remove(node);
        (*node).prev.set((**cursor).prev.get());
        (**cursor).prev.set(node);
    }
    *cursor = node;
}
