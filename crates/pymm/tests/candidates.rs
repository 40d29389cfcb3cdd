//! Quiet generations (`collector::unchanged`): a collection whose generations hold only
//! objects with seen edges (fixed or barriered) and saw no event since a full scan found
//! nothing skips its scan, even when the objects were written and form cycles. Each event
//! (a barriered write, a decrement that leaves a count above zero) makes the next
//! collection of its generation scan again, and finds the garbage it made. A type whose
//! trace counts its calls tells a scanned collection from a skipped one.

use pymm::{write_field, Config, Edges, Gc, GcCell, Heap, Trace, Tracer, Write};
use std::cell::Cell;

thread_local! {
    /// Calls of `Counted::trace` on this thread.
    static TRACES: Cell<usize> = const { Cell::new(0) };
}

/// A barriered node whose trace counts its calls.
struct Counted {
    slot: GcCell<Option<Gc<Counted>>>,
}

// SAFETY: the only handle is in `slot`, visited by its own impl; the trace only reads.
unsafe impl Trace for Counted {
    const EDGES: Edges = Edges::Barriered;

    fn trace(&self, tracer: &mut Tracer<'_>) {
        TRACES.with(|t| t.set(t.get() + 1));
        self.slot.trace(tracer);
    }
}

/// A heap that skips what it may (stress mode scans every collection, whatever the bits
/// say, so the skips could not be seen).
fn skipping_heap() -> Heap {
    Heap::with_config(Config::default().stress(false))
}

fn counted(heap: &Heap) -> Gc<Counted> {
    heap.alloc(Counted {
        slot: GcCell::new(None),
    })
}

fn slot(n: &Gc<Counted>) -> &Write<GcCell<Option<Gc<Counted>>>> {
    write_field!(Gc::write(n), Counted, slot)
}

/// Runs a collection of `generation`: what it found, and whether it traced a `Counted`
/// (scanned its set).
fn collect_counting(heap: &Heap, generation: usize) -> (usize, bool) {
    let before = TRACES.with(Cell::get);
    let found = heap.collect(generation);
    (found, TRACES.with(Cell::get) != before)
}

/// A written two-cycle held from the stack: scanned until a full collection finds
/// nothing, then skipped by every collection until an event touches it.
#[test]
fn a_written_heap_is_skipped_until_an_event() {
    let heap = skipping_heap();
    let (a, b) = (counted(&heap), counted(&heap));
    slot(&a).set(Some(b.clone()));
    slot(&b).set(Some(a.clone()));
    drop(b); // a decrement that leaves b's count at 1 (a's slot)
    assert_eq!(collect_counting(&heap, 2), (0, true), "written: scanned");
    for generation in [2, 0, 1, 2] {
        assert_eq!(
            collect_counting(&heap, generation),
            (0, false),
            "quiet: skipped"
        );
    }
    // A decrement to a non-zero count: scanned once, found alive, quiet again.
    drop(a.clone());
    assert_eq!(collect_counting(&heap, 2), (0, true));
    assert_eq!(collect_counting(&heap, 2), (0, false));
    // A barriered write (of nothing new): the same.
    let same = slot(&a).take();
    slot(&a).set(same);
    assert_eq!(collect_counting(&heap, 2), (0, true));
    assert_eq!(collect_counting(&heap, 2), (0, false));
    // A birth with seen edges keeps generation 0 quiet.
    let young = counted(&heap);
    assert_eq!(collect_counting(&heap, 0), (0, false));
    drop(young);
    // The last outside handle dropped (a decrement to 1): the cycle is found.
    drop(a);
    assert_eq!(collect_counting(&heap, 2).0, 2);
}

/// A handle moved out of an old object's cell into a young object's own cell: no count
/// changes, the only event in generation 0 is the write of the young object, and a
/// collection of generation 0 alone must find the self-cycle.
#[test]
fn a_write_in_generation_0_alone_makes_it_scanned() {
    let heap = skipping_heap();
    let keeper = counted(&heap);
    let helper = counted(&heap);
    slot(&keeper).set(Some(helper)); // written: keeper's generation scanned once
    assert_eq!(collect_counting(&heap, 2), (0, true));
    assert_eq!(collect_counting(&heap, 2), (0, false));
    let young = counted(&heap);
    slot(&keeper).set(Some(young)); // a write in generation 2; helper freed
    let moved = slot(&keeper).take().expect("the young object");
    let target = Gc::downgrade(&moved);
    // `moved` is the only handle: it moves into its own object's cell, with no clone and
    // no decrement, so the write of that object is generation 0's only event.
    let cell: *const Write<GcCell<Option<Gc<Counted>>>> = slot(&moved);
    // SAFETY: the cell lies in the payload of `moved`'s object, which the handle keeps
    // alive once it sits in that very cell.
    unsafe { (*cell).set(Some(moved)) };
    assert_eq!(heap.collect(0), 1, "the self-cycle in generation 0");
    assert!(target.upgrade().is_none());
    drop(keeper);
}

/// Objects without seen edges (std's cells) keep their generation scanned, and a young
/// collection's survivors take their events with them: a full collection after a
/// young one that scanned is not skipped.
#[test]
fn free_objects_and_promoted_events_keep_generations_scanned() {
    #[derive(Trace)]
    struct Free {
        cell: std::cell::RefCell<Option<Gc<Counted>>>,
    }
    let heap = skipping_heap();
    let a = counted(&heap);
    slot(&a).set(Some(a.clone()));
    assert_eq!(collect_counting(&heap, 2), (0, true));
    let free = heap.alloc(Free {
        cell: std::cell::RefCell::new(Some(a.clone())),
    });
    // generation 0 holds a free object: a young collection scans it (it traces no
    // `Counted`, whose decrement above put an event in generation 2 anyway).
    assert_eq!(collect_counting(&heap, 2), (0, true));
    drop(free);
    assert_eq!(collect_counting(&heap, 2), (0, true), "a decrement of a");
    assert_eq!(collect_counting(&heap, 2), (0, false));
    // An event in generation 0 (a decrement of a young object) carried into generation 1
    // by a scanning young collection, then into generation 2.
    let b = counted(&heap);
    slot(&b).set(Some(a.clone())); // b -> a, a -> a
    assert_eq!(collect_counting(&heap, 0), (0, true));
    assert_eq!(collect_counting(&heap, 1), (0, true));
    assert_eq!(collect_counting(&heap, 2), (0, true));
    assert_eq!(collect_counting(&heap, 2), (0, false));
    drop((a, b)); // b is freed, a is left holding itself
    assert_eq!(heap.collect(2), 1);
}

/// Stress mode scans every collection and asserts that one the bits would skip finds
/// nothing: self-cycles verified by a full collection, then made garbage by a decrement
/// alone (a young collection first, which must carry the event along), each found.
#[test]
fn stress_mode_checks_the_skips() {
    let heap = Heap::with_config(Config::default().stress(true));
    let mut live = Vec::new();
    for round in 0..12usize {
        let n = counted(&heap);
        slot(&n).set(Some(n.clone()));
        live.push(n);
        assert_eq!(heap.collect(2), 0);
        if round % 2 == 1 {
            drop(live.remove(0)); // a decrement to 1: garbage
            assert_eq!(heap.collect(round % 2), 0, "its generation is older");
            assert_eq!(heap.collect(2), 1);
        }
    }
    drop(live);
    assert_eq!(heap.collect(2), 6);
    assert!(heap.objects(None).is_empty());
}
