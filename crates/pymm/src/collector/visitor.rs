//! The collector's visitor behind [`Tracer`]: what each pass (a collection's subtraction
//! and reach, the resurrection check, `get_referents`, `get_referrers`) does with each
//! child a `Trace` impl shows it.

use crate::collector::pipeline::Pipeline;
use crate::collector::suspects::Gather;
use crate::collector::visit::{subtract_collecting, subtract_in_set, Reach};
use crate::heap::HeapState;
use crate::object::header::{Links, Obj};
use crate::object::trace_entry::ErasedVisitor;
use crate::object::walk::Walk;
use std::ptr::NonNull;

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
    /// collected set (tracked, list id at least `bound`'s, see `gen_ids`), the walk turning what was taken
    /// off before it reached a member into `gc_refs` (see `reach::subtract_refs`).
    Subtract { bound: usize, walk: Walk },
    /// The resurrection check's `subtract_refs`: decrement the scratch `gc_refs` of
    /// children flagged COLLECTING (initialised beforehand by `update_refs`).
    RecheckSubtract { walk: Walk },
    /// `move_unreachable`: children flagged COLLECTING are reachable; those already moved
    /// to the unreachable list come back to `young` (see [`Reach`]).
    Reach(Reach),
    /// `suspects::gather_subtracting`: move children of the collected set not in the
    /// closure yet to its tail, and subtract every child of the set (see [`Gather`]).
    Gather(&'a mut Gather),
    /// `get_referents`: collect every child (its caller takes the counts afterwards).
    Referents(&'a mut Vec<Obj>),
    /// `get_referrers`: does the value refer to any of the targets?
    Refers { targets: &'a [Obj], found: bool },
}

/// The collector's visitor: what a pass does with each child a `Trace` impl shows (the
/// public [`Tracer`] is a transparent view of it).
pub(crate) struct Visitor<'a> {
    pub(crate) mode: Mode<'a>,
    pub(crate) busy: bool,
    /// Children of the `Subtract`, `Reach` and `Gather` passes not handled yet (see `pipeline`).
    pending: Pipeline,
    /// The child shown last in those passes (many handles to one object: a list of
    /// references to the same thing). `Subtract` takes a repeat off at once, without the
    /// pipeline (the child's memory was asked for already); `Reach` ignores repeats
    /// (handling a child twice changes nothing).
    last: Option<Obj>,
    /// The heap a collection pass works on, when another heap lives on the thread: its
    /// children of other heaps are then skipped (see [`Visitor::for_collection`]).
    own_heap: Option<*const HeapState>,
    /// A collection pass that has not ended yet (see the `Drop` impl), and the object whose
    /// `trace` runs.
    pub(crate) in_pass: bool,
    pub(crate) tracing: Option<Obj>,
}

impl Drop for Visitor<'_> {
    /// A `Trace` impl panicked in the middle of a collection pass (its contract forbids it:
    /// see [`Trace`]): the scratch counts sit in the collector's links and the lists are
    /// mid-update, so the heap cannot be left in a state any later operation could trust.
    /// The process is stopped with a message naming the type, as `Rc` stops on overflow.
    fn drop(&mut self) {
        if self.in_pass {
            let name = self.tracing.map_or("<unknown>", |obj| {
                // SAFETY: the object being traced is live (a member of the collected set).
                (unsafe { crate::object::header::vtable_of(obj) }.type_name)()
            });
            eprintln!(
                "pymm: the Trace impl of `{name}` panicked during a collection (Trace must not \
                 panic: the collector's lists are mid-update); aborting"
            );
            std::process::abort();
        }
    }
}

impl<'a> Visitor<'a> {
    /// A tracer that shows every child as it is (`get_referents`, `get_referrers`).
    pub(crate) fn new(mode: Mode<'a>) -> Visitor<'a> {
        Visitor {
            mode,
            busy: false,
            pending: Pipeline::new(),
            last: None,
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
    /// Call [`Visitor::end_pass`] when the pass is over.
    pub(crate) fn for_collection(mode: Mode<'a>, state: &HeapState) -> Visitor<'a> {
        let mut tracer = Visitor::new(mode);
        tracer.in_pass = true;
        if crate::heap::state::several_heaps_on_thread() {
            tracer.own_heap = Some(state.raw());
        }
        tracer
    }

    /// This visitor as a trace entry's argument (the vtable's `trace`; the entry shows it to
    /// the payload's `Trace` impl as the public `Tracer`, a transparent view of it).
    #[inline(always)]
    pub(crate) fn erased(&mut self) -> NonNull<ErasedVisitor> {
        NonNull::from(self).cast()
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
        self.last = None;
        let Visitor { mode, pending, .. } = self;
        match mode {
            Mode::Subtract { bound, walk } => {
                pending.drain(|child| subtract_in_set(child, 1, *bound, *walk));
            }
            Mode::Reach(reach) => {
                reach.cursor = cursor;
                pending.drain(|child| reach.visit(child));
            }
            Mode::Gather(gather) => pending.drain(|child| gather.visit(child)),
            _ => debug_assert!(pending.is_empty()),
        }
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

    /// The order in which children are handled does not matter to `Subtract` (it only
    /// decrements), to `Reach` (a child handled late is at worst moved out and brought
    /// back) nor to `Gather` (a child taken in late is filed at the end of the walk, which
    /// drains the pipeline before it ends), so all three go through the prefetching pipeline;
    /// `Subtract` and `Reach` handle a child at once when it lies near the object being
    /// traced ([`is_near`]: a chain or list built in allocation order, whose whole scans
    /// spent ~10 instructions per child on a ring and two prefetches of memory in the cache
    /// already). `Gather` walks a closure, whose children are near by chance only.
    #[inline(always)]
    pub(crate) fn visit_obj(&mut self, child: Obj) {
        match &mut self.mode {
            Mode::Subtract { bound, walk } => {
                let (bound, walk) = (*bound, *walk);
                if self.last == Some(child) {
                    // The same as the last one (ours, or it would not be the last): its
                    // memory was asked for already, so it is taken off now, not pushed
                    // again.
                    subtract_in_set(child, 1, bound, walk);
                    return;
                }
                if self.is_foreign(child) {
                    return;
                }
                self.last = Some(child);
                if is_near(child, self.tracing) {
                    subtract_in_set(child, 1, bound, walk);
                } else if let Some(ready) = self.pending.push(child) {
                    subtract_in_set(ready, 1, bound, walk);
                }
            }
            Mode::RecheckSubtract { walk } => {
                let walk = *walk;
                if !self.is_foreign(child) {
                    recheck_subtract(child, walk);
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
                if is_near(child, self.tracing) {
                    // Near the object being scanned (its memory most likely in the cache):
                    // handled now, not deferred. This replaced a test of whether the child
                    // is the member the walk visits next, which cost a load of the cursor's
                    // step link per child and, on the gc suite's shapes, saved nothing the
                    // test of its address does not.
                    reach.visit(child);
                } else if let Some(ready) = self.pending.push(child) {
                    reach.visit(ready);
                }
            }
            Mode::Gather(_) => {
                if self.is_foreign(child) {
                    return;
                }
                if let Some(ready) = self.pending.push(child) {
                    if let Mode::Gather(gather) = &mut self.mode {
                        gather.visit(ready);
                    }
                }
            }
            Mode::Referents(out) => push_referent(out, child),
            Mode::Refers { targets, found } => *found |= refers_to(targets, child),
        }
    }
}

/// Bytes on either side of the object being traced within which a child is handled at
/// once rather than through the prefetching pipeline: its memory is most likely in the
/// cache already (a chain or a list built in allocation order).
const NEAR: usize = 256;

/// Whether `child` lies within [`NEAR`] bytes of the object being traced.
#[inline(always)]
fn is_near(child: Obj, tracing: Option<Obj>) -> bool {
    let base = tracing.map_or(0, |obj| obj.as_ptr().addr());
    child.as_ptr().addr().wrapping_sub(base).wrapping_add(NEAR) < 2 * NEAR
}

// The passes that run at most once per collection (the resurrection check), or outside
// collections: out of line and given only the fields they use (not the mode, whose
// variant the compiler can then trust to stay put across a `Trace` impl's loop), so that
// the code inlined into every `Trace` impl for the two passes over the whole set is small.

#[cold]
#[inline(never)]
fn recheck_subtract(child: Obj, walk: Walk) {
    subtract_collecting(child, walk);
}

#[cold]
#[inline(never)]
fn push_referent(out: &mut Vec<Obj>, child: Obj) {
    out.push(child);
}

#[cold]
#[inline(never)]
fn refers_to(targets: &[Obj], child: Obj) -> bool {
    targets.contains(&child)
}
