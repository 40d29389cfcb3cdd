//! Collections that scan only the closure of their suspects (`collector::suspects`): the
//! objects of events (barriered writes, decrements to a non-zero count) move to their
//! generation's suspects (generation 0's stay in place, the whole generation counting as
//! suspects), and a collection of generations whose other members are all
//! armed scans only what the suspects reach. Each test makes garbage a whole scan would
//! find and checks the closure's scan finds it too, and that it traced only the closure
//! (a type whose trace counts its calls: a heap of untouched objects beside it is not
//! traced). Stress mode (`PYMM_GC_STRESS=1`) scans every set whole besides, and asserts
//! both found the same.

use pymm::{
    write_field, CallbackPhase, Config, Edges, Finalize, Gc, GcAny, GcRefCell, Heap, Trace, Tracer,
};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

thread_local! {
    /// Calls of `Node::trace` on this thread.
    static TRACES: Cell<usize> = const { Cell::new(0) };
}

/// A barriered node whose trace counts its calls; its drop counts in `dropped`.
struct Node {
    next: GcRefCell<Vec<Gc<Node>>>,
    dropped: Rc<Cell<usize>>,
}

impl Drop for Node {
    fn drop(&mut self) {
        self.dropped.set(self.dropped.get() + 1);
    }
}

// SAFETY: the only handles are in `next`, visited by its own impl; the trace only reads.
unsafe impl Trace for Node {
    const EDGES: Edges = Edges::Barriered;

    fn trace(&self, tracer: &mut Tracer<'_>) {
        TRACES.with(|t| t.set(t.get() + 1));
        self.next.trace(tracer);
    }
}

/// A heap whose collections choose their scan by the bits (stress mode would also scan
/// every set whole, which the trace counts would show).
fn heap() -> Heap {
    Heap::with_config(Config::default().stress(false))
}

fn node(heap: &Heap, dropped: &Rc<Cell<usize>>) -> Gc<Node> {
    heap.alloc(Node {
        next: GcRefCell::default(),
        dropped: dropped.clone(),
    })
}

/// A handle to `to` stored in `from` (a barriered write of `from`).
fn link(from: &Gc<Node>, to: &Gc<Node>) {
    write_field!(Gc::write(from), Node, next)
        .borrow_mut()
        .push(to.clone());
}

/// A chain of `n` nodes, each held by the previous one; returns its head.
fn chain(heap: &Heap, n: usize, dropped: &Rc<Cell<usize>>) -> Gc<Node> {
    let head = node(heap, dropped);
    let mut last = head.clone();
    for _ in 1..n {
        let next = node(heap, dropped);
        link(&last, &next);
        last = next;
    }
    head
}

/// Runs a collection of `generation`: what it found and how many traces it made.
fn collect_counting(heap: &Heap, generation: usize) -> (usize, usize) {
    let before = TRACES.with(Cell::get);
    let found = heap.collect(generation);
    (found, TRACES.with(Cell::get) - before)
}

/// The untouched heap beside the garbage: this many nodes, verified by a full scan.
const BYSTANDERS: usize = 1000;

/// At most this many traces for a closure of a few objects (each traced twice: gathered
/// while subtracted, then reached): far fewer than the bystanders.
const FEW_TRACES: usize = 40;

/// Runs a full collection that must scan only a closure of a few objects (fewer than
/// [`FEW_TRACES`] traces, so not the bystanders): what it found.
#[track_caller]
fn collect_closure_only(heap: &Heap) -> usize {
    let (found, traces) = collect_counting(heap, 2);
    assert!(
        traces < FEW_TRACES,
        "{traces} traces: the bystanders were scanned"
    );
    found
}

/// A two-cycle `a <-> b` with a chain of 5 hanging off `b`: 7 objects.
fn cycle_with_chain(heap: &Heap, dropped: &Rc<Cell<usize>>) -> (Gc<Node>, Gc<Node>) {
    let (a, b) = (node(heap, dropped), node(heap, dropped));
    link(&a, &b);
    link(&b, &a);
    link(&b, &chain(heap, 5, dropped));
    (a, b)
}

/// A two-cycle with a chain hanging off it: the chain is garbage no event touched since
/// the last full scan, found only through the closure of the cycle's suspects.
#[test]
fn garbage_reachable_only_through_a_suspects_closure_is_found() {
    let heap = heap();
    let dropped = Rc::new(Cell::new(0));
    let bystanders = chain(&heap, BYSTANDERS, &dropped);
    let (a, b) = cycle_with_chain(&heap, &dropped);
    assert_eq!(heap.collect(2), 0, "all held from the stack");
    assert_eq!(
        collect_counting(&heap, 2),
        (0, 0),
        "no event since: skipped"
    );
    drop(b); // an event on b (count 2 -> 1)
    drop(a); // an event on a: the cycle and its chain are garbage
    let found = collect_closure_only(&heap);
    assert_eq!(found, 7);
    assert_eq!(dropped.get(), 7);
    assert_eq!(heap.objects(None).len(), BYSTANDERS);
    drop(bystanders);
}

/// The closure is gathered by the subtraction's own walk: each member is traced twice
/// (subtracted, reached), as a whole set's scan traces its members, not three times (a
/// walk that gathers it first).
#[test]
fn a_closure_is_traced_twice_per_member() {
    let heap = heap();
    let dropped = Rc::new(Cell::new(0));
    let bystanders = chain(&heap, BYSTANDERS, &dropped);
    let (a, b) = cycle_with_chain(&heap, &dropped);
    assert_eq!(heap.collect(2), 0, "all held from the stack");
    drop(b.clone()); // an event on b (count 3 -> 2): its closure is the cycle and the chain
    assert_eq!(
        collect_counting(&heap, 2),
        (0, 2 * 7),
        "7 live members, traced twice"
    );
    assert_eq!(
        collect_counting(&heap, 2),
        (0, 0),
        "no event since: skipped"
    );
    assert_eq!(dropped.get(), 0);
    drop((a, b, bystanders));
}

/// Suspects freed by their count before the collection leave their lists: the collection
/// neither reads them nor misses the garbage the others lead to.
#[test]
fn suspects_freed_before_the_collection_are_gone_from_the_lists() {
    let heap = heap();
    let dropped = Rc::new(Cell::new(0));
    let bystanders = chain(&heap, BYSTANDERS, &dropped);
    let holders: Vec<Gc<Node>> = (0..10).map(|_| node(&heap, &dropped)).collect();
    let held: Vec<Gc<Node>> = holders
        .iter()
        .map(|h| {
            let n = node(&heap, &dropped);
            link(h, &n);
            n
        })
        .collect();
    let (a, b) = (node(&heap, &dropped), node(&heap, &dropped));
    link(&a, &b);
    link(&b, &a);
    assert_eq!(heap.collect(2), 0);
    drop(held); // ten events (counts 2 -> 1)
    drop(holders); // the holders freed, and with them the ten suspects
    assert_eq!(dropped.get(), 20);
    drop(b); // an event: with the next drop the cycle is garbage
    drop(a);
    let found = collect_closure_only(&heap);
    assert_eq!(found, 2);
    assert_eq!(heap.objects(None).len(), BYSTANDERS);
    drop(bystanders);
}

/// A cycle between generation 2 and generation 0: young collections cannot find it (the
/// older member is their root) and keep its young member a suspect as it is promoted; the
/// full collection finds the cycle.
#[test]
fn young_collections_keep_their_surviving_suspects() {
    let heap = heap();
    let dropped = Rc::new(Cell::new(0));
    let bystanders = chain(&heap, BYSTANDERS, &dropped);
    let old = node(&heap, &dropped);
    assert_eq!(heap.collect(2), 0);
    let young = node(&heap, &dropped);
    link(&young, &old);
    link(&old, &young);
    drop(old); // an event in generation 2 (count 2 -> 1)
    assert_eq!(heap.collect(0), 0, "old, in generation 2, holds young");
    assert_eq!(heap.collect(1), 0);
    drop(young); // an event (young re-armed by the scans): the cycle is garbage
    assert_eq!(heap.collect(0), 0);
    assert_eq!(heap.collect(1), 0, "young is in generation 2 by now");
    let found = collect_closure_only(&heap);
    assert_eq!(found, 2);
    assert_eq!(dropped.get(), 2);
    drop(bystanders);
}

/// Events on members of generation 0 leave them in place (allocation order), the whole
/// generation counting as suspects: a full collection's closure starts from every young
/// member, written or not, and leaves the verified bystanders of generation 2 untraced.
#[test]
fn written_young_members_stay_in_place_and_their_generation_counts_as_suspects() {
    let heap = heap();
    let dropped = Rc::new(Cell::new(0));
    let bystanders = chain(&heap, BYSTANDERS, &dropped);
    assert_eq!(heap.collect(2), 0);
    let untouched: Vec<Gc<Node>> = (0..3).map(|_| node(&heap, &dropped)).collect();
    let (a, b) = (node(&heap, &dropped), node(&heap, &dropped));
    link(&a, &b); // events on young members
    link(&b, &a);
    let born: Vec<GcAny> = untouched.iter().chain([&a, &b]).map(Gc::to_any).collect();
    let listed = heap.objects(Some(0));
    assert_eq!(listed.len(), born.len());
    for (listed, born) in listed.iter().zip(&born) {
        assert!(
            GcAny::ptr_eq(listed, born),
            "generation 0 in allocation order"
        );
    }
    drop((listed, born));
    drop((a, b)); // the cycle is garbage
    let (found, traces) = collect_counting(&heap, 2);
    assert_eq!(found, 2);
    assert_eq!(
        traces,
        3 * 2 + 2,
        "generation 0's members only: the untouched traced twice (subtracted, reached), the \
         garbage once"
    );
    assert_eq!(dropped.get(), 2);
    assert_eq!(heap.objects(None).len(), BYSTANDERS + 3);
    drop((untouched, bystanders));
}

/// A ring of objects whose finalizers write them (an event on an object of the
/// collection's own unreachable list, unflagged while finalizers run: it must stay there)
/// and close a new cycle among two other nodes: the collection finds the ring, and the next
/// one the finalizer's cycle.
#[derive(Trace)]
#[trace(finalize)]
struct Maker {
    next: GcRefCell<Vec<Gc<Maker>>>,
    #[trace(skip)]
    spare: RefCell<Option<(Gc<Node>, Gc<Node>)>>,
}

impl Finalize for Maker {
    fn finalize(this: &Gc<Self>) {
        let own = write_field!(Gc::write(this), Maker, next)
            .borrow_mut()
            .len();
        assert_eq!(own, 1, "the ring is whole while finalizers run");
        if let Some((a, b)) = this.spare.borrow_mut().take() {
            link(&a, &b);
            link(&b, &a);
        }
    }
}

#[test]
fn events_during_finalizers_leave_the_collections_lists_alone() {
    let heap = heap();
    let dropped = Rc::new(Cell::new(0));
    let bystanders = chain(&heap, BYSTANDERS, &dropped);
    let spare = (node(&heap, &dropped), node(&heap, &dropped));
    let makers: Vec<Gc<Maker>> = (0..3)
        .map(|_| {
            heap.alloc(Maker {
                next: GcRefCell::default(),
                spare: RefCell::new(None),
            })
        })
        .collect();
    for (i, maker) in makers.iter().enumerate() {
        let next = makers[(i + 1) % makers.len()].clone();
        write_field!(Gc::write(maker), Maker, next)
            .borrow_mut()
            .push(next);
    }
    assert_eq!(heap.collect(2), 0);
    *makers[1].spare.borrow_mut() = Some(spare);
    drop(makers); // events: a ring with finalizers, garbage
    assert_eq!(heap.collect(2), 3);
    assert_eq!(heap.objects(None).len(), BYSTANDERS + 2);
    assert_eq!(
        dropped.get(),
        0,
        "the finalizer's cycle is garbage now, not found yet"
    );
    assert_eq!(heap.collect(2), 2);
    assert_eq!(dropped.get(), 2);
    assert_eq!(heap.objects(None).len(), BYSTANDERS);
    drop(bystanders);
}

/// A `gc.callbacks` entry that makes a garbage cycle at the start of each collection and
/// at its stop: the start's is found by that collection, the stop's by the next.
#[test]
fn garbage_made_by_callbacks_is_found() {
    let heap = heap();
    let dropped = Rc::new(Cell::new(0));
    let bystanders = chain(&heap, BYSTANDERS, &dropped);
    assert_eq!(heap.collect(2), 0);
    let made = dropped.clone();
    heap.add_callback(move |heap, _: CallbackPhase, _| {
        let (a, b) = (node(heap, &made), node(heap, &made));
        link(&a, &b);
        link(&b, &a);
    });
    let found = collect_closure_only(&heap);
    assert_eq!(found, 2, "the start's cycle");
    assert_eq!(dropped.get(), 2);
    assert_eq!(heap.collect(2), 4, "the last stop's and this start's");
    assert_eq!(dropped.get(), 6);
    drop(bystanders);
}

/// rust-cc's stress test in small, in stress mode: every allocation collects, and every
/// collection that could scan only the suspects' closure scans it without acting on it,
/// then scans the whole set and asserts both found the same unreachable objects.
#[test]
fn stress_mode_checks_every_closure_scan_against_a_whole_scan() {
    let heap = Heap::with_config(Config::default().stress(true));
    let dropped = Rc::new(Cell::new(0));
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut random = |below: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % below as u64) as usize
    };
    let count = 120;
    let mut nodes: Vec<Gc<Node>> = (0..count).map(|_| node(&heap, &dropped)).collect();
    for _ in 0..count {
        let (from, to) = (random(count), random(count));
        link(&nodes[from], &nodes[to]);
    }
    while !nodes.is_empty() {
        nodes.truncate(nodes.len().saturating_sub(8));
        heap.collect(random(3));
    }
    heap.collect(2);
    assert_eq!(dropped.get(), count);
    assert!(heap.objects(None).is_empty());
}
