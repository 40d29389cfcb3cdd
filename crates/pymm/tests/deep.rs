//! No recursion that grows with the heap: deep drops, deep cycles and deep traces all run
//! on an explicit 8 MiB stack (the size of the default main thread stack).

use pymm::{Gc, Heap, Trace};
use std::cell::RefCell;

/// Runs `f` on a thread with the default main-thread stack size, making the bound explicit.
fn on_8mib_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("the deep operation panicked (stack overflow aborts instead)");
}

#[derive(Trace)]
struct Link {
    next: Option<Gc<Link>>,
}

#[derive(Trace)]
struct CycleLink {
    next: RefCell<Option<Gc<CycleLink>>>,
}

fn linked_list(heap: &Heap, len: usize) -> Gc<Link> {
    let mut head = heap.alloc(Link { next: None });
    for _ in 1..len {
        head = heap.alloc(Link { next: Some(head) });
    }
    head
}

fn drop_linked_list(len: usize) {
    on_8mib_stack(move || {
        let heap = Heap::new();
        let head = linked_list(&heap, len);
        assert_eq!(heap.alloc_stats().small_blocks_in_use(), len);
        drop(head);
        assert_eq!(heap.alloc_stats().small_blocks_in_use(), 0);
    });
}

fn collect_cyclic_chain(len: usize) {
    on_8mib_stack(move || {
        let heap = Heap::new();
        heap.disable();
        let first = heap.alloc(CycleLink {
            next: RefCell::new(None),
        });
        let mut last = first.clone();
        for _ in 1..len {
            let node = heap.alloc(CycleLink {
                next: RefCell::new(None),
            });
            *last.next.borrow_mut() = Some(node.clone());
            last = node;
        }
        *last.next.borrow_mut() = Some(first.clone());
        drop((first, last));
        assert_eq!(heap.collect(2), len);
        assert_eq!(heap.alloc_stats().small_blocks_in_use(), 0);
    });
}

fn trace_deep_nesting(depth: usize) {
    on_8mib_stack(move || {
        let heap = Heap::new();
        heap.disable();
        let head = linked_list(&heap, depth);
        // A full collection traces every level and finds nothing to free.
        assert_eq!(heap.collect(2), 0);
        assert_eq!(heap.objects(Some(2)).len(), depth);
        assert_eq!(Gc::ref_count(&head), 1);
        drop(head);
        assert!(heap.objects(None).is_empty());
    });
}

#[test]
#[cfg_attr(miri, ignore)]
fn dropping_a_10m_linked_list_does_not_overflow() {
    drop_linked_list(10_000_000);
}

#[test]
#[cfg_attr(miri, ignore)]
fn collecting_a_10m_cyclic_chain_does_not_overflow() {
    collect_cyclic_chain(10_000_000);
}

#[test]
fn tracing_a_deep_nesting_does_not_overflow() {
    trace_deep_nesting(if cfg!(miri) { 2_000 } else { 1_000_000 });
}

#[test]
fn small_deep_structures_under_miri() {
    let n = if cfg!(miri) { 500 } else { 100_000 };
    drop_linked_list(n);
    collect_cyclic_chain(n);
}

/// A link that counts its drops.
#[derive(Trace)]
struct CountedLink {
    next: Option<Gc<CountedLink>>,
    #[trace(skip)]
    drops: std::rc::Rc<std::cell::Cell<usize>>,
}

impl Drop for CountedLink {
    fn drop(&mut self) {
        self.drops.set(self.drops.get() + 1);
    }
}

/// A deep list that outlives its heap's last handle: the heap has shut down, so the end of
/// the outermost drop both drains the links deferred by the trashcan and frees the heap's
/// state with its last block (Miri and valgrind would report it leaked otherwise).
#[test]
fn a_deep_list_dropped_after_its_heap_shut_down_is_drained_and_frees_the_state() {
    let len = if cfg!(miri) { 300 } else { 200_000 };
    on_8mib_stack(move || {
        let drops = std::rc::Rc::new(std::cell::Cell::new(0));
        let heap = Heap::new();
        let mut head = heap.alloc(CountedLink {
            next: None,
            drops: drops.clone(),
        });
        for _ in 1..len {
            head = heap.alloc(CountedLink {
                next: Some(head),
                drops: drops.clone(),
            });
        }
        drop(heap);
        assert_eq!(drops.get(), 0, "the list is still referenced");
        drop(head);
        assert_eq!(drops.get(), len);
    });
}
