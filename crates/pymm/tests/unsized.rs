//! `Gc<[T]>` and `Gc<str>`: one block holding header, length and elements.

use pymm::{getsizeof, Gc, Heap, Trace};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

#[test]
fn str_and_slices_hold_their_contents() {
    let heap = Heap::new();
    let text = Gc::from_str_in("héllo, pymm", &heap);
    assert_eq!(&*text, "héllo, pymm");
    assert!(!Gc::is_tracked(&text), "text owns no handle");
    let empty = Gc::from_str_in("", &heap);
    assert_eq!(&*empty, "");
    let numbers: Gc<[u64]> = Gc::from_vec_in((0..1000).collect(), &heap);
    assert_eq!(numbers.len(), 1000);
    assert_eq!(numbers[999], 999);
    let none: Gc<[u64]> = Gc::from_vec_in(Vec::new(), &heap);
    assert!(none.is_empty());
    let units: Gc<[()]> = Gc::from_vec_in(vec![(); 5], &heap);
    assert_eq!(units.len(), 5);
    let clone = numbers.clone();
    assert_eq!(Gc::ref_count(&numbers), 2);
    assert!(Gc::ptr_eq(&clone, &numbers));
    drop((text, empty, numbers, none, units, clone));
    assert_eq!(heap.bytes_in_use(), 0);
}

#[test]
fn over_aligned_elements_are_aligned() {
    #[derive(Clone, Copy, Debug, PartialEq)]
    #[repr(align(64))]
    struct Wide(u8);
    // SAFETY: owns no handle.
    unsafe impl Trace for Wide {
        const MAY_CONTAIN_GC: bool = false;
        fn trace(&self, _tracer: &mut pymm::Tracer<'_>) {}
    }
    let heap = Heap::new();
    for n in [0, 1, 3, 20] {
        let items: Gc<[Wide]> = Gc::from_vec_in(vec![Wide(7); n], &heap);
        assert_eq!(items.as_ptr().addr() % 64, 0);
        assert!(items.iter().all(|w| *w == Wide(7)));
    }
    assert_eq!(heap.bytes_in_use(), 0);
}

/// A node that counts its drops.
#[derive(Trace)]
struct Node {
    children: RefCell<Option<Gc<[Gc<Node>]>>>,
    #[trace(skip)]
    drops: Rc<Cell<usize>>,
}

impl Drop for Node {
    fn drop(&mut self) {
        self.drops.set(self.drops.get() + 1);
    }
}

#[test]
fn a_cycle_through_a_slice_of_handles_is_collected() {
    let heap = Heap::new();
    let drops = Rc::new(Cell::new(0));
    let node = |heap: &Heap| {
        heap.alloc(Node {
            children: RefCell::new(None),
            drops: drops.clone(),
        })
    };
    let a = node(&heap);
    let b = node(&heap);
    let kids: Gc<[Gc<Node>]> = Gc::from_vec_in(vec![a.clone(), b.clone(), a.clone()], &heap);
    assert!(Gc::is_tracked(&kids));
    *a.children.borrow_mut() = Some(kids.clone());
    *b.children.borrow_mut() = Some(kids);
    assert_eq!(Gc::ref_count(&a), 3);
    drop((a, b));
    assert_eq!(heap.collect(2), 3, "two nodes and the slice");
    assert_eq!(drops.get(), 2);
    assert_eq!(heap.bytes_in_use(), 0);
}

#[test]
fn elements_are_dropped_with_the_slice_and_sizes_are_reported() {
    let heap = Heap::new();
    let drops = Rc::new(Cell::new(0));
    let nodes: Vec<_> = (0..4)
        .map(|_| {
            heap.alloc(Node {
                children: RefCell::new(None),
                drops: drops.clone(),
            })
        })
        .collect();
    let slice: Gc<[Gc<Node>]> = Gc::from_vec_in(nodes, &heap);
    // links + header + length + 4 handles
    assert_eq!(getsizeof(&Gc::to_any(&slice)), 16 + 16 + 8 + 4 * 8);
    let text = Gc::from_str_in("abc", &heap);
    assert_eq!(getsizeof(&Gc::to_any(&text)), 16 + 8 + 3);
    drop(slice);
    assert_eq!(drops.get(), 4);
}

#[test]
fn type_erased_handles_downcast_to_slices() {
    let any = Gc::into_any(Gc::<str>::from("typed"));
    assert_eq!(any.type_name(), "str");
    assert!(any.downcast_ref::<[u8]>().is_none());
    assert_eq!(any.downcast_ref::<str>(), Some("typed"));
    let back: Gc<str> = any.downcast().unwrap();
    assert_eq!(back.to_uppercase(), "TYPED");
    let numbers = Gc::<[i32]>::from(&[3, 1, 2][..]);
    assert_eq!(format!("{numbers:?}"), "[3, 1, 2]");
    assert!(numbers == Gc::from(vec![3, 1, 2]));
}

#[test]
fn the_limit_refuses_a_slice_and_gives_the_vector_back() {
    let heap = Heap::with_config(pymm::Config::default().limit(Some(1024)));
    let (_, back) = Gc::try_from_vec_in(vec![1u8; 4096], &heap).unwrap_err();
    assert_eq!(back.len(), 4096);
    assert!(Gc::try_from_str_in(&"x".repeat(4096), &heap).is_err());
    assert_eq!(heap.bytes_in_use(), 0);
}
