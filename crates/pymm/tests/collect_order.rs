//! The collector on heaps whose links run against its walk (objects filled after they were
//! made) or along it (objects built from existing ones), wide and deep enough for children
//! to be deferred by its prefetching pipeline and brought back from the unreachable list.

use pymm::{Config, Gc, Heap, Trace};
use std::cell::RefCell;

#[derive(Trace)]
struct Node {
    #[trace(skip)]
    id: usize,
    edges: RefCell<Vec<Gc<Node>>>,
}

fn quiet_heap() -> Heap {
    let heap = Heap::with_config(Config::default());
    heap.disable();
    heap
}

/// `full` normally, fewer under Miri (still more than the pipeline holds).
fn size(full: usize) -> usize {
    if cfg!(miri) {
        full.min(40)
    } else {
        full
    }
}

fn node(heap: &Heap, id: usize) -> Gc<Node> {
    heap.alloc(Node {
        id,
        edges: RefCell::new(Vec::new()),
    })
}

/// A root made first, then `width` children (each in a cycle with a grandchild) appended
/// to it: every child is younger than the root that keeps it alive.
fn fan_out(heap: &Heap, width: usize) -> Gc<Node> {
    let root = node(heap, 0);
    for i in 0..width {
        let child = node(heap, 1 + 2 * i);
        let grandchild = node(heap, 2 + 2 * i);
        grandchild.edges.borrow_mut().push(child.clone());
        child.edges.borrow_mut().push(grandchild);
        root.edges.borrow_mut().push(child);
    }
    root
}

#[test]
fn children_filled_in_after_their_root_survive_and_go_with_it() {
    let heap = quiet_heap();
    let width = size(500);
    let root = fan_out(&heap, width);
    // The first walk (youngest first) brings every child back, so the second one goes
    // the other way; the third both ways again if it keeps flipping: all find nothing.
    for _ in 0..3 {
        assert_eq!(heap.collect(2), 0);
    }
    for (i, child) in root.edges.borrow().iter().enumerate() {
        assert_eq!(child.id, 1 + 2 * i);
        assert_eq!(Gc::ref_count(child), 2, "the root and the grandchild");
        assert_eq!(child.edges.borrow()[0].id, 2 + 2 * i);
    }
    drop(root);
    // The root went by reference counting; the child/grandchild cycles are left.
    assert_eq!(heap.collect(2), 2 * width);
    assert_eq!(heap.alloc_stats().small_blocks_in_use(), 0);
}

#[test]
fn chains_built_from_their_tail_survive_next_to_garbage() {
    let heap = quiet_heap();
    let (chains, length) = (size(20), size(300));
    let mut heads = Vec::new();
    for chain in 0..chains {
        let mut head = node(&heap, chain * 1000);
        for link in 1..length {
            let next = node(&heap, chain * 1000 + link);
            next.edges.borrow_mut().push(head);
            head = next;
        }
        // A garbage cycle allocated between the chains.
        let a = node(&heap, usize::MAX);
        a.edges.borrow_mut().push(a.clone());
        heads.push(head);
    }
    assert_eq!(heap.collect(2), chains);
    for (chain, head) in heads.iter().enumerate() {
        let mut walked = 1;
        let mut link = head.clone();
        while let Some(next) = link.clone().edges.borrow().first().cloned() {
            assert_eq!(next.id, link.id - 1);
            link = next;
            walked += 1;
        }
        assert_eq!((link.id, walked), (chain * 1000, length));
    }
    assert_eq!(heap.collect(2), 0);
    let last = heads[0].clone();
    drop(heads);
    // Links refer to older ones only: reference counting frees all but the held chain.
    assert_eq!(heap.collect(2), 0);
    assert_eq!(heap.alloc_stats().small_blocks_in_use(), length);
    drop(last);
    assert_eq!(heap.alloc_stats().small_blocks_in_use(), 0);
}

/// Garbage made without any count changing: the handle to `b` is moved out of the
/// reachable `a` into `b` itself (no clone, no drop). A collector that skipped objects
/// whose counts did not change since its last run (or skipped the collection altogether)
/// would never free `b`; pymm's full collection must, even right after collections that
/// found the heap unchanged.
#[test]
fn garbage_made_by_moving_a_handle_without_a_count_change_is_found() {
    let heap = quiet_heap();
    let a = node(&heap, 0);
    a.edges.borrow_mut().push(node(&heap, 1));
    for _ in 0..3 {
        assert_eq!(heap.collect(2), 0, "an unchanged heap: nothing to find");
    }
    let b = a.edges.borrow_mut().pop().expect("b"); // a move: the count stays 1
    assert_eq!(Gc::ref_count(&b), 1);
    let cell: *const RefCell<Vec<Gc<Node>>> = &b.edges;
    // SAFETY: the cell belongs to `b`'s object, which the handle moved into it keeps
    // alive; the move copies the handle, not the object.
    unsafe { (*cell).borrow_mut().push(b) };
    assert_eq!(
        heap.collect(2),
        1,
        "b is an unreachable self-cycle: found though no count was decremented"
    );
    assert_eq!(heap.objects(None).len(), 1);
    assert_eq!(a.id, 0);
}
