//! pymm's barriered cells (`GcRefCell`, `GcCell`, `Gc::write`): one test per way to make
//! garbage among barriered objects (each must be found by the next full collection), a
//! heap of unwritten barriered objects skipped as a fixed one is (the property test
//! against the reachability model is `barrier_model`).

use pymm::{write_field, Config, Edges, Gc, GcCell, GcRefCell, Heap, Trace, Weak};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

/// Ids of the payloads dropped so far.
type Dropped = Rc<RefCell<BTreeSet<usize>>>;

/// A barriered node: its handles live in pymm's cells.
#[derive(Trace)]
struct Node {
    #[trace(skip)]
    id: usize,
    next: GcRefCell<Vec<Gc<Node>>>,
    slot: GcCell<Option<Gc<Node>>>,
    #[trace(skip)]
    dropped: Dropped,
}

impl Drop for Node {
    fn drop(&mut self) {
        self.dropped.borrow_mut().insert(self.id);
    }
}

fn node(heap: &Heap, id: usize, dropped: &Dropped) -> Gc<Node> {
    heap.alloc(Node {
        id,
        next: GcRefCell::default(),
        slot: GcCell::default(),
        dropped: dropped.clone(),
    })
}

/// The capability to mutate `n`'s list of handles.
fn next(n: &Gc<Node>) -> &pymm::Write<GcRefCell<Vec<Gc<Node>>>> {
    write_field!(Gc::write(n), Node, next)
}

/// The capability to mutate `n`'s one-handle slot.
fn slot(n: &Gc<Node>) -> &pymm::Write<GcCell<Option<Gc<Node>>>> {
    write_field!(Gc::write(n), Node, slot)
}

fn dropped_ids(dropped: &Dropped) -> Vec<usize> {
    dropped.borrow().iter().copied().collect()
}

#[test]
fn kinds_of_edges() {
    assert_eq!(Node::EDGES, Edges::Barriered);
    const { assert!(!Node::FIXED_EDGES) };
    assert_eq!(<GcRefCell<u32>>::EDGES, Edges::Fixed);
    assert_eq!(<GcRefCell<RefCell<Gc<u8>>>>::EDGES, Edges::Free);
    assert_eq!(<(Gc<u8>, GcCell<Option<Gc<u8>>>)>::EDGES, Edges::Barriered);
    assert_eq!(<Option<Box<[Node; 2]>>>::EDGES, Edges::Barriered);
    assert_eq!(<HashMap<u8, RefCell<Gc<u8>>>>::EDGES, Edges::Free);
}

/// A handle moved into an object's own cell: an unreachable self-cycle, no count changed.
#[test]
fn garbage_made_by_moving_a_handle_into_a_cell_is_found() {
    let heap = Heap::new();
    let dropped = Dropped::default();
    let root = node(&heap, 0, &dropped);
    next(&root).borrow_mut().push(node(&heap, 1, &dropped));
    heap.collect(2);
    let moved = next(&root).borrow_mut().pop().unwrap();
    let own = Gc::clone(&moved);
    next(&own).borrow_mut().push(moved); // the handle moved: no count changed
    drop(own); // a decrement, but the count stays 1 (the cycle's own)
    assert_eq!(heap.collect(2), 1);
    assert_eq!(dropped_ids(&dropped), [1]);
    drop(root);
}

/// The handle of a two-cycle's only outside reference moved out of its cell onto the
/// stack and dropped there.
#[test]
fn garbage_made_by_moving_a_handle_out_of_a_cell_is_found() {
    let heap = Heap::new();
    let dropped = Dropped::default();
    let root = node(&heap, 0, &dropped);
    let (a, b) = (node(&heap, 1, &dropped), node(&heap, 2, &dropped));
    slot(&a).set(Some(b.clone()));
    slot(&b).set(Some(a.clone()));
    next(&root).borrow_mut().push(a);
    drop(b);
    heap.collect(2);
    assert_eq!(heap.collect(2), 0);
    let out = next(&root).take();
    drop(out);
    assert_eq!(heap.collect(2), 2);
    assert_eq!(dropped_ids(&dropped), [1, 2]);
    drop(root);
}

/// Two cells swap contents: each object now holds itself.
#[test]
fn garbage_made_by_swapping_two_cells_is_found() {
    let heap = Heap::new();
    let dropped = Dropped::default();
    let (a, b) = (node(&heap, 0, &dropped), node(&heap, 1, &dropped));
    slot(&a).set(Some(b.clone()));
    slot(&b).set(Some(a.clone()));
    heap.collect(2);
    slot(&a).swap(slot(&b)); // a -> a, b -> b
    let (wa, wb) = (Gc::downgrade(&a), Gc::downgrade(&b));
    drop((a, b));
    assert_eq!(heap.collect(2), 2);
    assert!(wa.upgrade().is_none() && wb.upgrade().is_none());
}

/// `set`, `replace` and `take` each make a self-cycle unreachable or reachable.
#[test]
fn garbage_made_by_take_set_and_replace_is_found() {
    let heap = Heap::new();
    let dropped = Dropped::default();
    let keeper = node(&heap, 0, &dropped);
    let a = node(&heap, 1, &dropped);
    // set: a holds itself; keeper holds a.
    slot(&a).set(Some(a.clone()));
    slot(&keeper).set(Some(a.clone()));
    drop(a);
    heap.collect(2);
    assert_eq!(heap.collect(2), 0);
    // replace: keeper lets a go (the old handle comes back and is dropped here).
    let old = slot(&keeper).replace(None);
    drop(old);
    assert_eq!(heap.collect(2), 1);
    // take: a new self-cycle whose only outside handle is taken out of keeper's list.
    let b = node(&heap, 2, &dropped);
    next(&b).borrow_mut().push(b.clone());
    next(&keeper).borrow_mut().push(b);
    heap.collect(2);
    drop(next(&keeper).take());
    assert_eq!(heap.collect(2), 1);
    assert_eq!(dropped_ids(&dropped), [1, 2]);
    drop(keeper);
}

/// A cycle made at birth through `Gc::new_cyclic` (a weak handle lent to the object being
/// built, upgraded later and stored through the barrier).
#[test]
fn garbage_made_by_a_new_cyclic_object_is_found() {
    #[derive(Trace)]
    struct SelfRef {
        me: Weak<SelfRef>,
        strong: GcRefCell<Option<Gc<SelfRef>>>,
    }
    let heap = Heap::new();
    let x = Gc::new_cyclic_in(
        |me| SelfRef {
            me: me.clone(),
            strong: GcRefCell::new(None),
        },
        &heap,
    );
    let me = x.me.upgrade().unwrap();
    write_field!(Gc::write(&x), SelfRef, strong).set(Some(me));
    let weak = Gc::downgrade(&x);
    drop(x);
    assert_eq!(heap.collect(2), 1);
    assert!(weak.upgrade().is_none());
}

/// A live cycle (written long ago, collected since) becomes garbage when its last
/// outside handle is dropped: a decrement to a non-zero count, with no write.
#[test]
fn garbage_made_by_a_decrement_to_a_non_zero_count_is_found() {
    let heap = Heap::new();
    let dropped = Dropped::default();
    let (a, b) = (node(&heap, 0, &dropped), node(&heap, 1, &dropped));
    slot(&a).set(Some(b.clone()));
    slot(&b).set(Some(a.clone()));
    drop(b);
    for generation in 0..3 {
        assert_eq!(heap.collect(generation), 0);
    }
    assert_eq!(heap.collect(2), 0);
    drop(a);
    assert_eq!(heap.collect(2), 2);
    assert_eq!(dropped_ids(&dropped), [0, 1]);
}

/// Under `Gc::get_mut` (the only handle): the cell is mutated through `Write::from_mut`,
/// with no barrier; the object is tracked again afterwards, and the cycle it then joins
/// through a barriered write is found.
#[test]
fn garbage_made_under_get_mut_is_found() {
    let heap = Heap::new();
    let dropped = Dropped::default();
    let other = node(&heap, 0, &dropped);
    let mut fresh = node(&heap, 1, &dropped);
    heap.collect(2);
    {
        let mut guard = Gc::get_mut(&mut fresh).expect("the only handle");
        guard.next.get_mut().push(other.clone());
        pymm::Write::from_mut(&mut guard.slot).set(Some(other.clone()));
    }
    assert_eq!(heap.collect(2), 0);
    slot(&other).set(Some(fresh.clone())); // other <-> fresh
    drop((fresh, other));
    assert_eq!(heap.collect(2), 2);
    assert_eq!(dropped_ids(&dropped), [0, 1]);
}

/// Barriered objects never written after their birth are acyclic: collections of a heap
/// made of them skip their scan (stress mode scans anyway and asserts it finds nothing);
/// the first write makes its generation scanned again, and a cycle it makes is found.
#[test]
fn unwritten_barriered_objects_are_skipped_until_written() {
    for stress in [false, true] {
        let heap = Heap::with_config(Config::default().stress(stress));
        let dropped = Dropped::default();
        let leaf = node(&heap, 0, &dropped);
        let top = heap.alloc(Node {
            id: 1,
            next: GcRefCell::new(vec![leaf.clone(), leaf.clone()]),
            slot: GcCell::new(Some(leaf)),
            dropped: dropped.clone(),
        });
        for generation in [0, 1, 2, 2] {
            assert_eq!(heap.collect(generation), 0);
        }
        assert_eq!(heap.generation_sizes().generations, [0, 0, 2]);
        let leaf = top.next.borrow()[0].clone();
        slot(&leaf).set(Some(top.clone()));
        drop((top, leaf));
        assert_eq!(heap.collect(2), 2);
        assert_eq!(dropped_ids(&dropped), [0, 1]);
    }
}

/// Cells kept in a box, an option and a vector the object owns are reached through the
/// object's capability (`as_deref`, `as_write`, `as_slice`); a cycle made through them is
/// found, and a type keeping them there is still barriered.
#[test]
fn cells_in_owned_buffers_are_written_through_the_owner() {
    #[derive(Trace)]
    struct Holder {
        boxed: Box<GcCell<Option<Gc<Holder>>>>,
        maybe: Option<GcCell<Option<Gc<Holder>>>>,
        many: Vec<GcRefCell<Option<Gc<Holder>>>>,
    }
    assert_eq!(Holder::EDGES, Edges::Barriered);
    let heap = Heap::new();
    let new = || {
        heap.alloc(Holder {
            boxed: Box::default(),
            maybe: Some(GcCell::default()),
            many: vec![GcRefCell::default(), GcRefCell::default()],
        })
    };
    let (a, b, c) = (new(), new(), new());
    assert_eq!(heap.collect(2), 0);
    write_field!(Gc::write(&a), Holder, boxed)
        .as_deref()
        .set(Some(b.clone()));
    let maybe = write_field!(Gc::write(&b), Holder, maybe);
    maybe.as_write().unwrap().set(Some(c.clone()));
    let many = write_field!(Gc::write(&c), Holder, many);
    many.as_slice().get(1).unwrap().set(Some(a.clone())); // a -> b -> c -> a
    let weak = Gc::downgrade(&a);
    drop((a, b, c));
    assert_eq!(heap.collect(2), 3);
    assert!(weak.upgrade().is_none());
}
