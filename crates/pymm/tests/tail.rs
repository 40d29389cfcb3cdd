//! Objects with a tail (`Gc::try_new_with_tail_in`): slots after the payload in one block,
//! traced, dropped and freed with the block's true size, also when the collector tears an
//! object down while a handle to it survives. Small tails come from the pools, large ones
//! from the system allocator (where Miri checks the size a block is freed with).

use pymm::{Gc, Heap, Trace, Tracer};
use std::alloc::Layout;
use std::cell::{Cell, RefCell};
use std::ptr::NonNull;
use std::rc::Rc;

type Slot = Cell<Option<Gc<Node>>>;

/// A node with `len` handle slots in its tail, like an instance's attribute values.
struct Node {
    len: usize,
    slots: NonNull<Slot>,
    /// Run by `Drop` before the slots go (to save a handle to a peer, say).
    on_drop: Option<Box<dyn Fn()>>,
}

impl Node {
    fn slots(&self) -> &[Slot] {
        // SAFETY: `len` slots were written into the tail, which lives as long as the node.
        unsafe { std::slice::from_raw_parts(self.slots.as_ptr(), self.len) }
    }

    fn new_in(heap: &Heap, len: usize, on_drop: Option<Box<dyn Fn()>>) -> Gc<Node> {
        let tail = Layout::array::<Slot>(len).unwrap();
        // SAFETY: `len` empty slots are written; `tail_size` reports exactly their size.
        unsafe {
            Gc::try_new_with_tail_in(heap, tail, true, |tail| {
                let slots = tail.cast::<Slot>();
                for i in 0..len {
                    slots.as_ptr().add(i).write(Cell::new(None));
                }
                Node {
                    len,
                    slots,
                    on_drop,
                }
            })
        }
        .expect("room")
    }

    fn set(&self, i: usize, value: &Gc<Node>) {
        drop(self.slots()[i].replace(Some(value.clone())));
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        if let Some(hook) = &self.on_drop {
            hook();
        }
        let slots = std::ptr::slice_from_raw_parts_mut(self.slots.as_ptr(), self.len);
        // SAFETY: the tail's slots are dropped once, here.
        unsafe { std::ptr::drop_in_place(slots) };
    }
}

// SAFETY: every handle of the tail is visited once (a `Cell` is read in place, never moved);
// the tail size is fixed at allocation.
unsafe impl Trace for Node {
    const HAS_TAIL: bool = true;

    fn trace(&self, tracer: &mut Tracer<'_>) {
        for slot in self.slots() {
            // SAFETY: a `Cell` never lends its content out, and the trace does not mutate.
            if let Some(child) = unsafe { &*slot.as_ptr() } {
                tracer.visit(child);
            }
        }
    }

    fn tail_size(&self) -> usize {
        self.len * std::mem::size_of::<Slot>()
    }
}

#[test]
fn a_cycle_through_tails_is_collected_and_every_byte_returned() {
    let heap = Heap::new();
    for len in [1, 2, 7, 100] {
        let a = Node::new_in(&heap, len, None);
        let b = Node::new_in(&heap, len, None);
        a.set(len - 1, &b);
        b.set(0, &a);
        assert_eq!(pymm::referents(&Gc::to_any(&a)).len(), 1);
        assert!(pymm::getsizeof(&Gc::to_any(&a)) >= 8 * len);
        drop((a, b));
        assert_eq!(heap.collect(2), 2);
        assert_eq!(heap.bytes_in_use(), 0, "tail of {len}");
    }
}

#[test]
fn a_torn_down_node_kept_by_a_peer_is_freed_later_with_its_size() {
    let heap = Heap::new();
    let saved: Rc<RefCell<Vec<Gc<Node>>>> = Rc::default();
    // 100 slots: a block too large for the pools, freed by the system allocator.
    let a = Node::new_in(&heap, 100, None);
    let keep = saved.clone();
    let peer = Gc::downgrade(&a);
    let b = Node::new_in(
        &heap,
        3,
        Some(Box::new(move || {
            if let Some(a) = peer.upgrade() {
                keep.borrow_mut().push(a);
            }
        })),
    );
    a.set(99, &b);
    b.set(2, &a);
    drop((a, b));
    assert_eq!(heap.collect(2), 2);
    let zombies = saved.borrow_mut().drain(..).collect::<Vec<_>>();
    drop(zombies);
    assert_eq!(heap.bytes_in_use(), 0);
}

#[test]
fn reference_counting_frees_a_chain_of_tails() {
    let heap = Heap::new();
    let mut head = Node::new_in(&heap, 1, None);
    for len in 1..200 {
        let node = Node::new_in(&heap, len % 9 + 1, None);
        node.set(0, &head);
        head = node;
    }
    drop(head);
    assert_eq!(heap.bytes_in_use(), 0);
}

#[test]
fn a_panic_in_init_frees_the_block() {
    let heap = Heap::new();
    let tail = Layout::array::<Slot>(4).unwrap();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // SAFETY: `init` never returns.
        unsafe { Gc::<Node>::try_new_with_tail_in(&heap, tail, true, |_| panic!("no node today")) }
    }));
    assert!(outcome.is_err());
    assert_eq!(heap.bytes_in_use(), 0);
    assert_eq!(heap.collect(2), 0);
    let fine = Node::new_in(&heap, 4, None);
    fine.set(3, &fine);
    drop(fine);
    assert_eq!(heap.collect(2), 1);
}

/// A payload that claims a tail without having one.
#[derive(Debug)]
struct Liar;

// SAFETY: owns nothing; claims a tail, which no one asks of an object allocated by value.
unsafe impl Trace for Liar {
    const HAS_TAIL: bool = true;
    fn trace(&self, _: &mut Tracer<'_>) {}
    fn tail_size(&self) -> usize {
        1 << 20
    }
}

#[test]
fn a_payload_allocated_by_value_is_freed_with_its_own_size_whatever_it_claims() {
    let heap = Heap::new();
    let liars: Vec<_> = (0..100).map(|_| Gc::new_in(Liar, &heap)).collect();
    assert!(
        pymm::getsizeof(&Gc::to_any(&liars[0])) < 64,
        "no tail counted"
    );
    drop(liars);
    assert_eq!(heap.bytes_in_use(), 0);
}
