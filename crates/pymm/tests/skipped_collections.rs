//! Full collections of a heap nothing changed since one verified it (`collect_unchanged_heap`
//! in `collector::collect`, decided before anything else): what the `gc` API shows of them
//! is what a collection that runs its phases shows. The counts reset, generation 2's
//! statistics count one more collection, callbacks see "start" and "stop" (a heap with a
//! callback takes the full path), a collection from a callback returns 0 without counting,
//! and a property test runs the same operations on two heaps, one with a callback that does
//! nothing (so none of its collections takes the short path), comparing everything the API
//! shows after each.

use proptest::prelude::*;
use pymm::{CallbackPhase, Config, Gc, GenerationStats, Heap, Trace};
use std::cell::RefCell;
use std::rc::Rc;

mod support;

/// Handles fixed at birth (`FIXED_EDGES`): a heap of these is skipped.
#[derive(Trace)]
struct Leaf {
    kids: Vec<Gc<Leaf>>,
}

/// Handles in a std cell: a generation holding one is scanned.
#[derive(Trace)]
struct Node {
    next: RefCell<Option<Gc<Node>>>,
}

/// A heap that skips what it may, whatever `PYMM_GC_STRESS` says (stress mode scans every
/// collection).
fn skipping_heap(thresholds: (usize, usize, usize)) -> Heap {
    let (t0, t1, t2) = thresholds;
    Heap::with_config(Config::default().thresholds(t0, t1, t2).stress(false))
}

/// Fixed objects, all in generation 2 after a full collection: the heap is unchanged from
/// then on.
fn settled_heap() -> (Heap, Vec<Gc<Leaf>>) {
    let heap = skipping_heap((700, 10, 10));
    let a = heap.alloc(Leaf { kids: Vec::new() });
    let b = heap.alloc(Leaf {
        kids: vec![a.clone(), a.clone()],
    });
    assert_eq!(heap.collect(2), 0);
    assert_eq!(heap.objects(Some(2)).len(), 2);
    (heap, vec![a, b])
}

fn collections(stats: [GenerationStats; 3]) -> [usize; 3] {
    stats.map(|s| s.collections)
}

#[test]
fn an_unchanged_heap_counts_the_collection_and_resets_the_counts() {
    let (heap, _roots) = settled_heap();
    // Collections of the empty generation 0 count up generation 1's counter.
    heap.collect(0);
    heap.collect(0);
    assert_eq!(heap.count(), (0, 2, 0));
    heap.collect(1);
    assert_eq!(heap.count(), (0, 0, 1));
    let before = collections(heap.stats());
    assert_eq!(heap.collect(2), 0);
    assert_eq!(heap.count(), (0, 0, 0));
    let after = collections(heap.stats());
    assert_eq!(after, [before[0], before[1], before[2] + 1]);
    assert_eq!(heap.stats()[2].collected, 0);
    assert_eq!(heap.objects(Some(2)).len(), 2);
    assert!(heap.objects(Some(0)).is_empty() && heap.objects(Some(1)).is_empty());
}

#[test]
fn callbacks_see_every_collection_of_an_unchanged_heap() {
    let (heap, _roots) = settled_heap();
    let log = Rc::new(RefCell::new(Vec::new()));
    let l = log.clone();
    let id = heap.add_callback(move |_, phase, info| {
        l.borrow_mut()
            .push((phase, info.generation, info.collected, info.uncollectable));
    });
    assert_eq!(heap.collect(2), 0);
    assert_eq!(heap.collect(2), 0);
    let one = [
        (CallbackPhase::Start, 2, 0, 0),
        (CallbackPhase::Stop, 2, 0, 0),
    ];
    assert_eq!(*log.borrow(), [one, one].concat());
    heap.remove_callback(id);
    let before = heap.stats()[2].collections;
    assert_eq!(heap.collect(2), 0);
    assert_eq!(log.borrow().len(), 4, "a removed callback is not called");
    assert_eq!(heap.stats()[2].collections, before + 1);
}

#[test]
fn a_collection_from_a_callback_returns_nothing_and_is_not_counted() {
    let (heap, _roots) = settled_heap();
    let inner = Rc::new(RefCell::new(Vec::new()));
    let i = inner.clone();
    heap.add_callback(move |heap, _, _| {
        let before = heap.stats()[2].collections;
        let found = heap.collect(2);
        i.borrow_mut()
            .push((found, heap.stats()[2].collections - before));
    });
    let before = heap.stats()[2].collections;
    assert_eq!(heap.collect(2), 0);
    assert_eq!(heap.stats()[2].collections, before + 1);
    assert_eq!(*inner.borrow(), vec![(0, 0), (0, 0)]);
}

#[test]
fn an_event_or_a_new_object_makes_the_next_collection_run() {
    let (heap, roots) = settled_heap();
    // A cycle through a std cell, made in generation 2 (no count changes, no event the
    // collector could see but the type's edges): found by the next full collection.
    let n = heap.alloc(Node {
        next: RefCell::new(None),
    });
    assert_eq!(heap.collect(2), 0);
    *n.next.borrow_mut() = Some(n.clone());
    drop(n);
    assert_eq!(heap.collect(2), 1);
    // A new fixed object in generation 0: merged into generation 2.
    let c = heap.alloc(Leaf {
        kids: vec![roots[0].clone()],
    });
    assert_eq!(heap.objects(Some(0)).len(), 1);
    assert_eq!(heap.collect(2), 0);
    assert_eq!(heap.objects(Some(0)).len(), 0);
    assert_eq!(heap.objects(Some(2)).len(), 3);
    drop(c);
    assert_eq!(heap.objects(Some(2)).len(), 2);
    assert_eq!(heap.collect(2), 0);
}

/// CPython's 25% rule: an automatic full collection runs only when the objects promoted
/// into generation 2 since the last full collection are at least a quarter of those that
/// survived it. A collection of an unchanged heap is a full one: it sets both counts.
#[test]
fn an_unchanged_heap_sets_the_long_lived_counts() {
    let heap = skipping_heap((2, 100, 0));
    let leaf = || heap.alloc(Leaf { kids: Vec::new() });
    heap.disable();
    let mut leaves: Vec<_> = (0..40).map(|_| leaf()).collect();
    assert_eq!(heap.collect(2), 0);
    leaves.truncate(4);
    // Unchanged but for frees: 4 long-lived objects now.
    assert_eq!(heap.collect(2), 0);
    leaves.push(leaf());
    heap.collect(1);
    assert_eq!(heap.count(), (0, 0, 1));
    let full = heap.stats()[2].collections;
    heap.enable();
    leaves.extend((0..3).map(|_| leaf()));
    assert_eq!(
        heap.stats()[2].collections,
        full + 1,
        "1 promoted against 4 long-lived: the automatic collection is a full one"
    );
    heap.disable();
    // Promoted again, then a collection of the unchanged heap: nothing pending since.
    heap.collect(1);
    assert_eq!(heap.collect(2), 0);
    leaves.push(leaf());
    heap.collect(0);
    heap.collect(1);
    assert_eq!(heap.count(), (0, 0, 1));
    let (young, full) = (heap.stats()[0].collections, heap.stats()[2].collections);
    heap.enable();
    leaves.extend((0..3).map(|_| leaf()));
    assert_eq!(
        heap.stats()[2].collections,
        full,
        "1 promoted since against 8 long-lived: a young collection"
    );
    assert_eq!(heap.stats()[0].collections, young + 1);
}

#[derive(Clone, Debug)]
enum Op {
    /// A fixed object holding handles to up to two roots.
    Leaf(Vec<usize>),
    /// A cellular object kept as a root.
    Node,
    /// A two-object cycle through cells, dropped at once (garbage).
    Cycle,
    /// A clone of a root dropped at once (a decrement to a non-zero count).
    Touch(usize),
    DropRoot(usize),
    Collect(usize),
    Freeze,
    Unfreeze,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => prop::collection::vec(any::<usize>(), 0..3).prop_map(Op::Leaf),
        1 => Just(Op::Node),
        1 => Just(Op::Cycle),
        1 => any::<usize>().prop_map(Op::Touch),
        2 => any::<usize>().prop_map(Op::DropRoot),
        4 => (0usize..3).prop_map(Op::Collect),
        1 => Just(Op::Freeze),
        1 => Just(Op::Unfreeze),
    ]
}

#[derive(Clone)]
enum Root {
    Leaf(Gc<Leaf>),
    Node(#[allow(dead_code)] Gc<Node>),
}

/// A heap and its roots.
struct World {
    heap: Heap,
    roots: Vec<Root>,
}

impl World {
    fn new(with_callback: bool) -> World {
        // Small thresholds: automatic collections of every generation (the 25% rule
        // included) run among the explicit ones.
        let heap = skipping_heap((3, 2, 2));
        if with_callback {
            heap.add_callback(|_, _, _| {});
        }
        World {
            heap,
            roots: Vec::new(),
        }
    }

    /// Applies `op`; returns what an explicit collection found.
    fn apply(&mut self, op: &Op) -> Option<usize> {
        let heap = &self.heap;
        match op {
            Op::Leaf(picks) => {
                let kids = picks
                    .iter()
                    .filter_map(|&p| match self.roots.get(p % self.roots.len().max(1)) {
                        Some(Root::Leaf(leaf)) => Some(leaf.clone()),
                        _ => None,
                    })
                    .collect();
                self.roots.push(Root::Leaf(heap.alloc(Leaf { kids })));
            }
            Op::Node => self.roots.push(Root::Node(heap.alloc(Node {
                next: RefCell::new(None),
            }))),
            Op::Cycle => {
                let a = heap.alloc(Node {
                    next: RefCell::new(None),
                });
                let b = heap.alloc(Node {
                    next: RefCell::new(Some(a.clone())),
                });
                *a.next.borrow_mut() = Some(b);
            }
            Op::Touch(i) => {
                if !self.roots.is_empty() {
                    drop(self.roots[i % self.roots.len()].clone());
                }
            }
            Op::DropRoot(i) => {
                if !self.roots.is_empty() {
                    let i = i % self.roots.len();
                    self.roots.swap_remove(i);
                }
            }
            Op::Collect(generation) => return Some(heap.collect(*generation)),
            Op::Freeze => heap.freeze(),
            Op::Unfreeze => heap.unfreeze(),
        }
        None
    }

    /// Everything the API shows of the collections: counts, statistics, generation sizes.
    fn shown(&self) -> impl PartialEq + std::fmt::Debug {
        let heap = &self.heap;
        (
            heap.count(),
            heap.stats()
                .map(|s| (s.collections, s.collected, s.uncollectable)),
            [0, 1, 2].map(|g| heap.objects(Some(g)).len()),
            heap.freeze_count(),
        )
    }
}

proptest! {
    #![proptest_config(support::proptest_config())]

    #[test]
    fn a_heap_shows_the_same_with_or_without_the_short_path(
        ops in prop::collection::vec(op(), 0..if cfg!(miri) { 30 } else { 150 })
    ) {
        let mut short = World::new(false);
        let mut full = World::new(true);
        for op in &ops {
            let found = (short.apply(op), full.apply(op));
            prop_assert_eq!(found.0, found.1, "{:?}", op);
            prop_assert_eq!(short.shown(), full.shown(), "after {:?}", op);
        }
        short.roots.clear();
        full.roots.clear();
        short.heap.unfreeze();
        full.heap.unfreeze();
        prop_assert_eq!(short.heap.collect(2), full.heap.collect(2));
        prop_assert_eq!(short.shown(), full.shown());
        prop_assert_eq!(short.heap.objects(None).len(), 0);
    }
}
