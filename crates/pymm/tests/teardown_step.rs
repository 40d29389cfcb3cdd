//! The teardown of cyclic garbage, one member at a time (`collector::teardown`): each
//! member's payload drop and the release of the hold of the member before it in one step
//! of the member's type, whose free is direct when both members share a type and goes
//! through the other member's own entry otherwise; and the questions asked once per set
//! (a finalizer due, weak references) before the teardown starts.

use pymm::{Finalize, Gc, Heap, Trace};
use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

thread_local! {
    /// What the drops and callbacks of a test did, in order.
    static EVENTS: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
    /// Handles kept by drops (zombies once the teardown is over).
    static KEPT_B: RefCell<Vec<Gc<B>>> = const { RefCell::new(Vec::new()) };
}

fn event(what: &'static str) {
    EVENTS.with(|events| events.borrow_mut().push(what));
}

fn take_events() -> Vec<&'static str> {
    EVENTS.with(|events| std::mem::take(&mut *events.borrow_mut()))
}

/// The three payload types of a ring: `A -> B -> [slot of A] -> A`.
#[derive(Trace)]
struct A {
    next: RefCell<Option<Gc<B>>>,
    #[trace(skip)]
    panics: bool,
}

impl Drop for A {
    fn drop(&mut self) {
        event("A");
        assert!(!self.panics, "a Drop impl panics in the teardown");
    }
}

#[derive(Trace)]
struct B {
    next: RefCell<Option<Gc<[Slot]>>>,
}

impl Drop for B {
    fn drop(&mut self) {
        event("B");
    }
}

/// An element of the slice objects of the ring.
#[derive(Trace)]
struct Slot {
    a: RefCell<Option<Gc<A>>>,
}

/// `n` rings of three objects of three types (one a slice), no handle left but the `B`s
/// of the rings in `keeping` (kept in [`KEPT_B`]): the garbage list alternates types, so
/// every hold released after a drop is another type's.
fn rings(heap: &Heap, n: usize, panicking: &[usize], keeping: &[usize]) {
    for i in 0..n {
        let a = heap.alloc(A {
            next: RefCell::new(None),
            panics: panicking.contains(&i),
        });
        let b = heap.alloc(B {
            next: RefCell::new(None),
        });
        let slots: Gc<[Slot]> = Gc::from_vec_in(
            vec![
                Slot {
                    a: RefCell::new(Some(a.clone())),
                },
                Slot {
                    a: RefCell::new(None),
                },
            ],
            heap,
        );
        *b.next.borrow_mut() = Some(slots);
        if keeping.contains(&i) {
            KEPT_B.with(|kept| kept.borrow_mut().push(b.clone()));
        }
        *a.next.borrow_mut() = Some(b);
    }
}

#[test]
fn garbage_of_several_types_is_dropped_once_and_every_block_freed() {
    let heap = Heap::new();
    heap.disable();
    let n = if cfg!(miri) { 10 } else { 500 };
    rings(&heap, n, &[], &[]);
    let before = heap.count().0;
    assert_eq!(heap.collect(2), 3 * n);
    let events = take_events();
    assert_eq!(events.iter().filter(|&&e| e == "A").count(), n);
    assert_eq!(events.iter().filter(|&&e| e == "B").count(), n);
    assert_eq!(heap.bytes_in_use(), 0);
    // Every freed container is taken off generation 0's count as a free at refcount zero
    // would (the count stops at zero).
    assert_eq!(heap.count().0, before.saturating_sub(3 * n));
}

#[test]
fn a_panicking_drop_next_to_members_of_other_types_frees_every_block() {
    let heap = Heap::new();
    heap.disable();
    let n = if cfg!(miri) { 6 } else { 300 };
    // The first member, one in the middle and the last ring's.
    rings(&heap, n, &[0, n / 2, n - 1], &[]);
    let result = catch_unwind(AssertUnwindSafe(|| heap.collect(2)));
    assert!(result.is_err(), "the first panic reaches the caller");
    take_events();
    assert_eq!(heap.collect(2), 0);
    assert_eq!(heap.bytes_in_use(), 0);
}

#[test]
fn a_member_kept_outside_keeps_its_ring_and_the_others_are_freed() {
    let heap = Heap::new();
    heap.disable();
    let n = if cfg!(miri) { 6 } else { 300 };
    rings(&heap, n, &[], &[1, n - 1]);
    // The two kept rings are reachable: only the others are garbage.
    assert_eq!(heap.collect(2), 3 * (n - 2));
    take_events();
    let kept = KEPT_B.with(|kept| std::mem::take(&mut *kept.borrow_mut()));
    for b in &kept {
        let slots = b.next.borrow().clone().expect("a live ring is intact");
        let a = slots[0].a.borrow().clone().expect("a live ring is intact");
        assert!(a.next.borrow().is_some());
    }
    assert!(heap.bytes_in_use() > 0);
    drop(kept);
    assert_eq!(heap.collect(2), 6);
    take_events();
    assert_eq!(heap.bytes_in_use(), 0);
}

/// A cycle member whose drop keeps a handle to a member of another type.
#[derive(Trace)]
struct Keeper {
    other: RefCell<Option<Gc<Other>>>,
}

#[derive(Trace)]
struct Other {
    keeper: RefCell<Option<Gc<Keeper>>>,
}

thread_local! {
    static KEPT_OTHER: RefCell<Vec<Gc<Other>>> = const { RefCell::new(Vec::new()) };
}

impl Drop for Keeper {
    fn drop(&mut self) {
        if let Some(other) = self.other.borrow_mut().take() {
            KEPT_OTHER.with(|kept| kept.borrow_mut().push(other));
        }
    }
}

#[test]
fn a_member_of_another_type_kept_by_a_drop_is_freed_with_its_last_handle() {
    let heap = Heap::new();
    heap.disable();
    for _ in 0..4 {
        let keeper = heap.alloc(Keeper {
            other: RefCell::new(None),
        });
        let other = heap.alloc(Other {
            keeper: RefCell::new(Some(keeper.clone())),
        });
        *keeper.other.borrow_mut() = Some(other);
    }
    assert_eq!(heap.collect(2), 8);
    let kept = KEPT_OTHER.with(|kept| std::mem::take(&mut *kept.borrow_mut()));
    assert_eq!(kept.len(), 4);
    for zombie in &kept {
        let deref = catch_unwind(AssertUnwindSafe(|| zombie.keeper.borrow().is_some()));
        assert!(deref.is_err(), "a torn-down object cannot be read");
    }
    assert!(heap.bytes_in_use() > 0);
    drop(kept);
    assert_eq!(heap.bytes_in_use(), 0);
}

/// A live object with a finalizer, held by a root (a container: it may hold a handle).
#[derive(Trace)]
#[trace(finalize)]
struct Finalizable {
    other: RefCell<Option<Gc<Finalizable>>>,
    #[trace(skip)]
    finalized: Rc<Cell<usize>>,
}

impl Finalize for Finalizable {
    fn finalize(this: &Gc<Self>) {
        this.finalized.set(this.finalized.get() + 1);
    }
}

#[derive(Trace)]
struct Root {
    held: RefCell<Option<Gc<Finalizable>>>,
}

/// Half of a two-object cycle whose drop is recorded.
#[derive(Trace)]
struct Half {
    other: RefCell<Option<Gc<Half>>>,
}

impl Drop for Half {
    fn drop(&mut self) {
        event("drop");
    }
}

#[test]
fn a_live_finalizable_object_met_before_its_root_does_not_hold_up_the_teardown() {
    let heap = Heap::new();
    heap.disable();
    let finalized = Rc::new(Cell::new(0));
    let finalizable = || {
        heap.alloc(Finalizable {
            other: RefCell::new(None),
            finalized: finalized.clone(),
        })
    };
    // Root before its child and child before its root: whichever way the walk goes, one
    // finalizable object is met before its root and moved out for a while.
    let older = finalizable();
    let root_of_older = heap.alloc(Root {
        held: RefCell::new(Some(older)),
    });
    let root_of_newer = heap.alloc(Root {
        held: RefCell::new(None),
    });
    *root_of_newer.held.borrow_mut() = Some(finalizable());
    let a = heap.alloc(Half {
        other: RefCell::new(None),
    });
    let b = heap.alloc(Half {
        other: RefCell::new(Some(a.clone())),
    });
    *a.other.borrow_mut() = Some(b);
    let weak = Gc::downgrade_with_callback(&a, |_| event("callback"));
    drop(a);
    assert_eq!(heap.collect(2), 2);
    assert!(weak.upgrade().is_none());
    // No finalizer is due among the garbage: it is torn down at once, the weak callbacks
    // run after it (no user code runs before the drops).
    assert_eq!(take_events(), ["drop", "drop", "callback"]);
    assert_eq!(finalized.get(), 0);
    drop((root_of_older, root_of_newer));
    take_events();
}
