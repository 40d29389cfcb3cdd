//! The `Rc`-like API of `Gc` and `Weak`: get_mut, try_unwrap, into_raw/from_raw, counts,
//! new_cyclic, try_new, identity keys and cycle-safe `Debug`.

use pymm::{ByAddress, Finalize, Gc, Heap, Trace, Weak};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

#[derive(Trace, Debug)]
struct Node {
    name: String,
    next: RefCell<Option<Gc<Node>>>,
}

fn node(heap: &Heap, name: &str) -> Gc<Node> {
    heap.alloc(Node {
        name: name.into(),
        next: RefCell::new(None),
    })
}

fn quiet_heap() -> Heap {
    let heap = Heap::new();
    heap.disable();
    heap
}

#[test]
fn get_mut_needs_the_only_handle_and_no_live_weak() {
    let heap = quiet_heap();
    let mut a = node(&heap, "a");
    assert!(Gc::get_mut(&mut a).is_some());
    let b = a.clone();
    assert!(Gc::get_mut(&mut a).is_none());
    drop(b);
    let weak = Gc::downgrade(&a);
    assert!(Gc::get_mut(&mut a).is_none());
    let weak2 = weak.clone();
    drop(weak);
    assert!(
        Gc::get_mut(&mut a).is_none(),
        "a clone of the weak handle is alive"
    );
    drop(weak2);
    Gc::get_mut(&mut a).unwrap().name.push('!');
    assert_eq!(a.name, "a!");
}

#[test]
fn get_mut_untracks_while_borrowed_so_collections_never_read_the_payload() {
    let heap = Heap::new();
    let mut a = node(&heap, "a");
    {
        let mut guard = Gc::get_mut(&mut a).unwrap();
        assert!(heap.objects(None).is_empty());
        // One `&mut Node`, used before and after collections (under Miri, a read of the
        // payload by the collector in between is reported as an aliasing violation).
        let payload: &mut Node = &mut guard;
        payload.name.push('-');
        let b = node(&heap, "b");
        *b.next.borrow_mut() = Some(b.clone());
        assert_eq!(heap.collect(2), 0, "b is still held");
        drop(b);
        assert_eq!(heap.collect(2), 1, "b's self-cycle");
        *payload.next.get_mut() = Some(node(&heap, "c"));
        payload.name.push_str("mutated");
    }
    assert!(Gc::is_tracked(&a), "tracked again");
    assert_eq!(a.name, "a-mutated");
    // Back in the collector's care: a cycle through it is found.
    let c = a.next.borrow().clone().unwrap();
    *c.next.borrow_mut() = Some(a.clone());
    drop((a, c));
    assert_eq!(heap.collect(2), 2);
}

#[test]
fn get_mut_of_an_untracked_object_leaves_it_untracked() {
    let heap = quiet_heap();
    let mut a = node(&heap, "a");
    Gc::untrack(&a);
    drop(Gc::get_mut(&mut a).unwrap());
    assert!(!Gc::is_tracked(&a));
    let mut n = heap.alloc(5u64);
    *Gc::get_mut(&mut n).unwrap() += 1;
    assert_eq!(*n, 6);
}

thread_local! {
    static FINALIZED: Cell<usize> = const { Cell::new(0) };
}

#[derive(Trace, Debug)]
#[trace(finalize)]
struct Finalized(String);

impl Finalize for Finalized {
    fn finalize(_: &Gc<Self>) {
        FINALIZED.with(|f| f.set(f.get() + 1));
    }
}

#[test]
fn try_unwrap_moves_the_value_out_without_finalizing_and_frees_the_block() {
    let heap = quiet_heap();
    let before = heap.bytes_in_use();
    let value = heap.alloc(Finalized("payload".into()));
    let fired = Rc::new(Cell::new(false));
    let flag = fired.clone();
    let weak = Gc::downgrade_with_callback(&value, move |_| flag.set(true));
    let twin = value.clone();
    let value = Gc::try_unwrap(value).expect_err("two handles");
    drop(twin);
    let owned: Finalized = Gc::try_unwrap(value).expect("unique");
    assert_eq!(owned.0, "payload");
    assert_eq!(
        FINALIZED.with(Cell::get),
        0,
        "the value lives on: no finalizer"
    );
    assert!(fired.get(), "the object is gone: weak callbacks ran");
    assert!(weak.upgrade().is_none());
    assert_eq!(heap.bytes_in_use(), before, "the block was freed");
    drop(owned);
    assert_eq!(FINALIZED.with(Cell::get), 0);
}

#[test]
fn try_unwrap_of_a_container_unlinks_it_from_its_generation() {
    let heap = quiet_heap();
    let a = node(&heap, "a");
    let b = node(&heap, "b");
    *a.next.borrow_mut() = Some(b.clone());
    assert_eq!(heap.objects(None).len(), 2);
    let owned = Gc::try_unwrap(a).ok().unwrap();
    assert_eq!(heap.objects(None).len(), 1);
    assert_eq!(heap.collect(2), 0);
    assert_eq!(
        Gc::ref_count(&b),
        2,
        "the moved-out value still owns its handle"
    );
    drop(owned);
    assert_eq!(Gc::ref_count(&b), 1);
}

#[test]
fn into_raw_and_from_raw_keep_the_count() {
    let heap = quiet_heap();
    let a = node(&heap, "raw");
    let keep = a.clone();
    let raw = Gc::into_raw(a);
    assert_eq!(raw, Gc::as_ptr(&keep));
    assert_eq!(Gc::ref_count(&keep), 2);
    // SAFETY: from `into_raw`, converted back once, on this thread.
    let back = unsafe { Gc::from_raw(raw) };
    assert!(Gc::ptr_eq(&back, &keep));
    assert_eq!(back.name, "raw");
    drop(back);
    assert_eq!(Gc::ref_count(&keep), 1);
}

#[test]
fn weak_counts_follow_the_handles() {
    let heap = quiet_heap();
    let a = node(&heap, "a");
    let w1 = Gc::downgrade(&a);
    let w2 = Gc::downgrade_with_callback(&a, |_| {});
    let w3 = w1.clone();
    assert_eq!((w1.strong_count(), w1.weak_count()), (1, 3));
    let b = a.clone();
    assert_eq!(w2.strong_count(), 2);
    drop(w3);
    assert_eq!(w2.weak_count(), 2);
    drop((a, b));
    assert_eq!((w1.strong_count(), w1.weak_count()), (0, 0));
    assert_eq!(Weak::<u8>::new().weak_count(), 0);
}

#[test]
fn new_cyclic_gives_a_weak_handle_that_works_once_built() {
    let heap = Heap::new();
    #[derive(Trace)]
    struct Owner {
        me: Weak<Owner>,
        child: Gc<Child>,
    }
    #[derive(Trace)]
    struct Child {
        parent: Weak<Owner>,
    }
    let seen_during_build = Cell::new(usize::MAX);
    let owner = Gc::new_cyclic_in(
        |me: &Weak<Owner>| {
            assert!(me.upgrade().is_none());
            seen_during_build.set(me.strong_count());
            // Allocations (and so collections) while the object is unborn.
            heap.collect(2);
            Owner {
                me: me.clone(),
                child: heap.alloc(Child { parent: me.clone() }),
            }
        },
        &heap,
    );
    assert_eq!(seen_during_build.get(), 0);
    assert!(Gc::ptr_eq(&owner.me.upgrade().unwrap(), &owner));
    assert!(Gc::ptr_eq(&owner.child.parent.upgrade().unwrap(), &owner));
    assert!(Gc::is_tracked(&owner));
    assert_eq!(owner.me.weak_count(), 2);
    let weak = owner.me.clone();
    drop(owner);
    assert!(
        weak.upgrade().is_none(),
        "weak back-references keep nothing alive"
    );
    assert_eq!(heap.collect(2), 0);
}

#[test]
fn new_cyclic_that_panics_frees_its_block_and_kills_its_weak_handles() {
    let heap = quiet_heap();
    let before = heap.bytes_in_use();
    let escaped: RefCell<Option<Weak<Node>>> = RefCell::new(None);
    let result = catch_unwind(AssertUnwindSafe(|| {
        Gc::new_cyclic_in(
            |me: &Weak<Node>| -> Node {
                *escaped.borrow_mut() = Some(me.clone());
                panic!("build failed")
            },
            &heap,
        )
    }));
    assert!(result.is_err());
    let escaped = escaped.take().unwrap();
    assert!(escaped.upgrade().is_none());
    assert_eq!(escaped.strong_count(), 0);
    assert_eq!(heap.bytes_in_use(), before);
    assert_eq!(heap.count().0, 0, "the container allocation was taken back");
    // The heap is fine afterwards.
    let again = Gc::new_cyclic_in(|_: &Weak<u32>| 7, &heap);
    assert_eq!(*again, 7);
}

#[test]
fn new_cyclic_and_try_new_use_the_default_heap() {
    let a = Gc::new_cyclic(|me: &Weak<(Weak<u8>, u8)>| {
        assert!(!me.is_alive());
        (Weak::new(), 3)
    });
    assert!(Heap::ptr_eq(&Gc::heap(&a), &Heap::thread_default()));
    let b = Gc::try_new(String::from("b")).unwrap();
    assert_eq!((a.1, b.as_str()), (3, "b"));
}

#[test]
fn by_address_keys_maps_by_identity() {
    let heap = quiet_heap();
    let a = node(&heap, "same");
    let b = node(&heap, "same");
    let mut visits: HashMap<ByAddress<Gc<Node>>, usize> = HashMap::new();
    for n in [&a, &b, &a] {
        *visits.entry(ByAddress(n.clone())).or_default() += 1;
    }
    assert_eq!(visits[&ByAddress(a.clone())], 2);
    assert_eq!(visits[&ByAddress(b.clone())], 1);
    let any = ByAddress(Gc::to_any(&a));
    assert_eq!(any, ByAddress(Gc::to_any(&a)));
    assert_eq!(
        format!("{any:?}"),
        format!("ByAddress({:p})", Gc::as_ptr(&a))
    );
    let key = ByAddress(a.clone());
    assert_eq!(key.name, "same", "derefs to the handle");
    assert!(ByAddress(a.clone()).cmp(&ByAddress(b.clone())) != std::cmp::Ordering::Equal);
}

#[test]
fn debug_of_a_cycle_prints_a_marker_instead_of_overflowing() {
    let heap = quiet_heap();
    let a = node(&heap, "a");
    let b = node(&heap, "b");
    *a.next.borrow_mut() = Some(b.clone());
    *b.next.borrow_mut() = Some(a.clone());
    assert_eq!(
        format!("{a:?}"),
        "Node { name: \"a\", next: RefCell { value: Some(Node { name: \"b\", next: \
         RefCell { value: Some(Gc(<cycle>)) } }) } }"
    );
    // The same object twice, not in a cycle, is printed twice.
    let shared = node(&heap, "s");
    let pair = heap.alloc((shared.clone(), shared));
    assert_eq!(
        format!("{pair:?}"),
        "(Node { name: \"s\", next: RefCell { value: None } }, \
         Node { name: \"s\", next: RefCell { value: None } })"
    );
    drop((a, b));
    assert_eq!(heap.collect(2), 2);
}

#[test]
fn debug_of_a_long_chain_is_cut_at_the_depth_limit() {
    let heap = quiet_heap();
    let mut head = node(&heap, "0");
    let length = if cfg!(miri) { 200 } else { 100_000 };
    for i in 1..length {
        let next = node(&heap, &i.to_string());
        *next.next.borrow_mut() = Some(head);
        head = next;
    }
    let text = format!("{head:?}");
    assert_eq!(text.matches("Node {").count(), pymm::MAX_DEBUG_DEPTH);
    assert!(text.contains("Some(Gc(..))"));
    // A panic inside a nested format leaves the thread's formatting stack clean.
    struct Boom;
    impl std::fmt::Debug for Boom {
        fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            panic!("boom")
        }
    }
    #[derive(Trace)]
    struct Wrap(#[trace(skip)] Boom);
    impl std::fmt::Debug for Wrap {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            self.0.fmt(f)
        }
    }
    let boom = heap.alloc(Wrap(Boom));
    assert!(catch_unwind(AssertUnwindSafe(|| format!("{boom:?}"))).is_err());
    assert_eq!(
        format!("{head:?}").matches("Node {").count(),
        pymm::MAX_DEBUG_DEPTH
    );
}
