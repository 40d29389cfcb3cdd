//! The paths every free takes and their bookkeeping: generation 0's count (kept as what is
//! left before the automatic collection), the trashcan's word (depth and pending work), and
//! the teardown's holds released one member late.

use pymm::{Config, Gc, Heap, Trace};
use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A container holding nothing (counted in generation 0).
#[derive(Trace)]
struct Cont {
    child: RefCell<Option<Gc<Cont>>>,
}

/// A heap without stress mode whatever the environment says (the counts below are those
/// of a heap that collects only when its counters say so).
fn counted_heap() -> Heap {
    Heap::with_config(Config::default())
}

fn cont(heap: &Heap) -> Gc<Cont> {
    heap.alloc(Cont {
        child: RefCell::new(None),
    })
}

#[test]
fn generation_0_collects_when_its_count_passes_the_threshold() {
    let heap = counted_heap();
    heap.set_threshold(5, 10, 10);
    let kept: Vec<Gc<Cont>> = (0..5).map(|_| cont(&heap)).collect();
    assert_eq!(heap.count(), (5, 0, 0));
    assert_eq!(heap.stats()[0].collections, 0);
    // The sixth passes the threshold: generation 0 is collected first (CPython's
    // `_PyObject_GC_Link`), so the count starts again from zero.
    let sixth = cont(&heap);
    assert_eq!(heap.stats()[0].collections, 1);
    assert_eq!(heap.count(), (0, 1, 0));
    drop((kept, sixth));
}

#[test]
fn a_new_threshold_keeps_the_count() {
    let heap = counted_heap();
    heap.set_threshold(10, 10, 10);
    let kept: Vec<Gc<Cont>> = (0..3).map(|_| cont(&heap)).collect();
    heap.set_threshold(100, 10, 10);
    assert_eq!(heap.count(), (3, 0, 0));
    // Lowered under the count: the next container allocation collects.
    heap.set_threshold(2, 10, 10);
    assert_eq!(heap.count(), (3, 0, 0));
    let next = cont(&heap);
    assert_eq!(heap.stats()[0].collections, 1);
    assert_eq!(heap.count(), (0, 1, 0));
    // A threshold too large for the count's own arithmetic.
    heap.set_threshold(usize::MAX, 10, 10);
    let more: Vec<Gc<Cont>> = (0..4).map(|_| cont(&heap)).collect();
    assert_eq!(heap.count(), (4, 1, 0));
    assert_eq!(heap.threshold(), (usize::MAX, 10, 10));
    drop((kept, next, more));
    assert_eq!(heap.count(), (0, 1, 0));
}

#[test]
fn generation_0_count_stops_at_zero() {
    let heap = counted_heap();
    let old: Vec<Gc<Cont>> = (0..10).map(|_| cont(&heap)).collect();
    heap.collect(0);
    assert_eq!(heap.count(), (0, 1, 0));
    let young = cont(&heap);
    assert_eq!(heap.count(), (1, 1, 0));
    // Frees of containers made before the collection count down to zero, not below.
    drop(old);
    assert_eq!(heap.count(), (0, 1, 0));
    // And the next allocation counts from there.
    let another = cont(&heap);
    assert_eq!(heap.count(), (1, 1, 0));
    drop((young, another));
    assert_eq!(heap.count(), (0, 1, 0));
}

#[test]
fn a_disabled_heap_counts_past_its_threshold() {
    let heap = counted_heap();
    heap.set_threshold(3, 10, 10);
    heap.disable();
    let kept: Vec<Gc<Cont>> = (0..8).map(|_| cont(&heap)).collect();
    assert_eq!(heap.count(), (8, 0, 0));
    assert_eq!(heap.stats()[0].collections, 0);
    heap.enable();
    let next = cont(&heap);
    assert_eq!(heap.stats()[0].collections, 1);
    drop((kept, next));
}

#[test]
fn stress_mode_collects_at_every_container_allocation_whatever_the_threshold() {
    let heap = Heap::with_config(Config::default().stress(true));
    let first = cont(&heap);
    assert_eq!(heap.stats()[0].collections, 1);
    assert_eq!(heap.count().0, 0);
    // A new threshold does not move stress mode's trigger.
    heap.set_threshold(100, 10, 10);
    let more: Vec<Gc<Cont>> = (0..3).map(|_| cont(&heap)).collect();
    assert_eq!(heap.stats()[0].collections, 4);
    assert_eq!(heap.count().0, 0);
    assert_eq!(heap.threshold(), (100, 10, 10));
    drop((first, more));
}

/// A link of a chain: dropping the head of a long one nests payload drops past the
/// trashcan's limit.
#[derive(Trace)]
struct Link {
    next: Option<Gc<Link>>,
}

fn chain(heap: &Heap, len: usize) -> Gc<Link> {
    let mut head = heap.alloc(Link { next: None });
    for _ in 1..len {
        head = heap.alloc(Link { next: Some(head) });
    }
    head
}

#[test]
fn deep_drops_one_after_another_leave_the_trashcan_empty() {
    let heap = counted_heap();
    let len = if cfg!(miri) { 300 } else { 20_000 };
    for _ in 0..3 {
        drop(chain(&heap, len));
        assert_eq!(heap.bytes_in_use(), 0);
        // A leaf dropped afterwards is freed at once (no deferred work left pending).
        let leaf = heap.alloc(Link { next: None });
        drop(leaf);
        assert_eq!(heap.bytes_in_use(), 0);
    }
}

/// One half of a two-object cycle whose drop may panic or keep a handle to its other half.
#[derive(Trace)]
struct Half {
    other: RefCell<Option<Gc<Half>>>,
    #[trace(skip)]
    panics: bool,
}

impl Drop for Half {
    fn drop(&mut self) {
        assert!(!self.panics, "a Drop impl panics in the teardown");
    }
}

fn pairs(heap: &Heap, n: usize, panicking: &[usize]) {
    for i in 0..n {
        let half = |panics| {
            heap.alloc(Half {
                other: RefCell::new(None),
                panics,
            })
        };
        let (a, b) = (half(false), half(panicking.contains(&i)));
        *a.other.borrow_mut() = Some(b.clone());
        *b.other.borrow_mut() = Some(a);
    }
}

#[test]
fn a_teardown_frees_every_block_when_drops_panic_around_the_late_hold() {
    let heap = Heap::new();
    heap.disable();
    let n = if cfg!(miri) { 20 } else { 1000 };
    // A second half panics (its first half's hold is the late one then), and the last
    // object of the list too (the late hold released after the walk).
    pairs(&heap, n, &[0, n / 2, n - 1]);
    let result = catch_unwind(AssertUnwindSafe(|| heap.collect(2)));
    assert!(result.is_err(), "the first panic reaches the caller");
    assert_eq!(heap.collect(2), 0);
    assert_eq!(heap.bytes_in_use(), 0);
}

thread_local! {
    /// Handles kept by [`Keeper`]'s drop.
    static KEPT: RefCell<Vec<Gc<Keeper>>> = const { RefCell::new(Vec::new()) };
}

/// A cycle member whose drop keeps a handle to the other member: a zombie afterwards.
#[derive(Trace)]
struct Keeper {
    other: RefCell<Option<Gc<Keeper>>>,
}

impl Drop for Keeper {
    fn drop(&mut self) {
        if let Some(other) = self.other.borrow_mut().take() {
            KEPT.with(|kept| kept.borrow_mut().push(other.clone()));
        }
    }
}

#[test]
fn a_handle_kept_by_a_drop_in_the_teardown_is_a_zombie_freed_with_its_last_handle() {
    let heap = Heap::new();
    heap.disable();
    for _ in 0..4 {
        let a = heap.alloc(Keeper {
            other: RefCell::new(None),
        });
        let b = heap.alloc(Keeper {
            other: RefCell::new(Some(a.clone())),
        });
        *a.other.borrow_mut() = Some(b);
    }
    assert_eq!(heap.collect(2), 8);
    let kept = KEPT.with(|kept| std::mem::take(&mut *kept.borrow_mut()));
    assert_eq!(kept.len(), 8);
    for zombie in &kept {
        let deref = catch_unwind(AssertUnwindSafe(|| zombie.other.borrow().is_some()));
        assert!(deref.is_err(), "a torn-down object cannot be read");
    }
    assert!(heap.bytes_in_use() > 0);
    drop(kept);
    assert_eq!(heap.bytes_in_use(), 0);
}
