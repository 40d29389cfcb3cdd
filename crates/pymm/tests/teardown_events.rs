//! The teardown of garbage whose types have seen edges (`Edges::Barriered`): its members
//! are disarmed when marked (`collector::reach::mark_unreachable`), so the decrements the
//! teardown makes (each member's drop gives back its references to the others) are no
//! events of their generation (`release` takes its fast path). Live objects the teardown
//! releases still note their events, and a member found reachable after all is armed
//! again (the suites `unchanged` and `barrier_model` fail if it is not).

use pymm::{write_field, Config, Edges, Gc, GcRefCell, Heap, Trace, Tracer};
use std::cell::Cell;

thread_local! {
    /// Calls of `Node::trace` on this thread.
    static TRACES: Cell<usize> = const { Cell::new(0) };
}

/// A barriered node whose trace counts its calls.
struct Node {
    next: GcRefCell<Vec<Gc<Node>>>,
}

// SAFETY: the only handles are in `next`, visited by its own impl; the trace only reads.
unsafe impl Trace for Node {
    const EDGES: Edges = Edges::Barriered;

    fn trace(&self, tracer: &mut Tracer<'_>) {
        TRACES.with(|t| t.set(t.get() + 1));
        self.next.trace(tracer);
    }
}

/// A heap whose collections choose their scan by what happened (stress mode scans every
/// set whole, which the trace counts would show), collecting only when asked.
fn heap() -> Heap {
    let heap = Heap::with_config(Config::default().stress(false));
    heap.disable();
    heap
}

fn node(heap: &Heap) -> Gc<Node> {
    heap.alloc(Node {
        next: GcRefCell::default(),
    })
}

/// A handle to `to` stored in `from` (a barriered write of `from`).
fn link(from: &Gc<Node>, to: &Gc<Node>) {
    write_field!(Gc::write(from), Node, next)
        .borrow_mut()
        .push(to.clone());
}

/// A collection of every generation: what it found and how many traces it made.
fn collect_counting(heap: &Heap) -> (usize, usize) {
    let before = TRACES.with(Cell::get);
    let found = heap.collect(2);
    (found, TRACES.with(Cell::get) - before)
}

/// Live nodes beside the garbage: a chain of this many.
const BYSTANDERS: usize = 1000;

/// A chain of [`BYSTANDERS`] nodes, each held by the one before; returns its head.
fn bystanders(heap: &Heap) -> Gc<Node> {
    let head = node(heap);
    let mut last = head.clone();
    for _ in 1..BYSTANDERS {
        let next = node(heap);
        link(&last, &next);
        last = next;
    }
    head
}

#[test]
fn a_live_object_released_by_the_teardown_still_notes_its_events() {
    let heap = heap();
    let live = bystanders(&heap);
    // A live cycle held by a root and by garbage: the teardown's decrement of `c` is an
    // event of a live object (only the garbage is disarmed).
    let (c, d) = (node(&heap), node(&heap));
    link(&c, &d);
    link(&d, &c);
    let root = c.clone();
    drop((c, d));
    assert_eq!(collect_counting(&heap).0, 0);
    for _ in 0..100 {
        let (a, b) = (node(&heap), node(&heap));
        link(&a, &b);
        link(&b, &a);
        link(&a, &root);
    }
    assert_eq!(collect_counting(&heap).0, 200);
    assert_eq!(Gc::ref_count(&root), 2);
    // The root's drop leaves the cycle garbage: a decrement the next collection must see.
    drop(root);
    assert_eq!(collect_counting(&heap).0, 2);
    let (found, traces) = collect_counting(&heap);
    assert_eq!(found, 0);
    assert!(
        traces < BYSTANDERS,
        "{traces} traces: the bystanders were scanned again"
    );
    assert_eq!(live.next.borrow().len(), 1);
}

#[test]
fn a_member_brought_back_is_armed_again() {
    let heap = heap();
    let live = bystanders(&heap);
    assert_eq!(collect_counting(&heap).0, 0);
    // A cycle reachable only from the chain's tail: walked before its root is scanned, it
    // is moved out (marked, disarmed) and brought back.
    let (a, b) = (node(&heap), node(&heap));
    link(&a, &b);
    link(&b, &a);
    let mut tail = live.clone();
    loop {
        let next = tail.next.borrow().first().cloned();
        match next {
            Some(next) => tail = next,
            None => break,
        }
    }
    link(&tail, &a);
    drop((a, b));
    assert_eq!(collect_counting(&heap).0, 0);
    // Armed again: the decrement that leaves the cycle is an event, so the next
    // collection finds it.
    let first = write_field!(Gc::write(&tail), Node, next)
        .borrow_mut()
        .pop()
        .expect("the cycle's handle");
    drop(first);
    drop(tail);
    assert_eq!(collect_counting(&heap).0, 2);
    assert_eq!(live.next.borrow().len(), 1);
}
