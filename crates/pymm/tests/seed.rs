//! The seed article's two examples (section 3.1 and 3.2).

use pymm::{Gc, Heap, Trace};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

#[test]
fn refcount_of_a_list_held_by_x_then_y() {
    let heap = Heap::new();
    let x = heap.alloc(vec![1, 2, 3]);
    assert_eq!(Gc::ref_count(&x), 1);
    let y = x.clone();
    assert_eq!(Gc::ref_count(&x), 2);
    drop(y);
    assert_eq!(Gc::ref_count(&x), 1);
}

#[derive(Trace)]
struct Node {
    other: RefCell<Option<Gc<Node>>>,
    #[trace(skip)]
    drops: Rc<Cell<usize>>,
}

impl Drop for Node {
    fn drop(&mut self) {
        self.drops.set(self.drops.get() + 1);
    }
}

#[test]
fn two_nodes_pointing_at_each_other_are_collected() {
    let heap = Heap::new();
    heap.disable();
    let drops = Rc::new(Cell::new(0));
    let a = heap.alloc(Node {
        other: RefCell::new(None),
        drops: drops.clone(),
    });
    let b = heap.alloc(Node {
        other: RefCell::new(Some(a.clone())),
        drops: drops.clone(),
    });
    *a.other.borrow_mut() = Some(b.clone());
    drop(a);
    drop(b);
    assert_eq!(
        drops.get(),
        0,
        "reference counting alone cannot free a cycle"
    );
    assert_eq!(heap.collect(2), 2);
    assert_eq!(drops.get(), 2);
    assert_eq!(heap.objects(None).len(), 0);
}
