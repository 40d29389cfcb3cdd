//! A collection's teardown and the allocator's purges: no memory is given back while the
//! garbage is freed (`collector/teardown.rs`, `PurgesHeld`), and the purge delay is put back
//! whatever the `Drop` impls do.

use pymm::{Gc, Heap, Trace};
use std::cell::{Cell, RefCell};
use std::time::Duration;

/// One half of a two-object cycle; its drop may panic.
#[derive(Trace)]
struct Half {
    other: RefCell<Option<Gc<Half>>>,
    #[trace(skip)]
    panics: bool,
}

impl Drop for Half {
    fn drop(&mut self) {
        assert!(!self.panics, "a Drop impl panics in the teardown");
    }
}

/// `pairs` two-object cycles, unreachable, one of them panicking when dropped if asked.
fn cycles(heap: &Heap, pairs: usize, one_panics: bool) {
    for i in 0..pairs {
        let half = |panics| {
            heap.alloc(Half {
                other: RefCell::new(None),
                panics,
            })
        };
        let (a, b) = (half(one_panics && i == pairs / 2), half(false));
        *a.other.borrow_mut() = Some(b.clone());
        *b.other.borrow_mut() = Some(a);
    }
}

#[test]
#[cfg_attr(miri, ignore = "fills several arenas")]
fn a_teardown_gives_no_memory_back_while_it_frees() {
    let heap = Heap::new();
    heap.disable();
    heap.set_purge_delay(Duration::ZERO);
    // Enough garbage to fill several arenas (1 MiB each).
    let pairs = 100_000;
    cycles(&heap, pairs, false);
    let before = heap.alloc_stats();
    assert!(before.arenas_current >= 3, "{before:?}");
    assert_eq!(heap.collect(2), 2 * pairs);
    // With a zero delay, every arena that emptied would have purged the ones emptied
    // before it: none was purged during the teardown, and the delay is back.
    let after = heap.alloc_stats();
    assert!(after.arenas_empty >= 2, "{after:?}");
    assert_eq!(after.arenas_purged, 0, "{after:?}");
    assert_eq!(heap.purge_delay(), Duration::ZERO);
    // The next deadline check (an arena emptied outside a collection) purges them.
    let blocks: Vec<Gc<[u64; 16]>> = (0..20_000).map(|_| heap.alloc([0; 16])).collect();
    drop(blocks);
    assert!(
        heap.alloc_stats().arenas_purged > 0,
        "{:?}",
        heap.alloc_stats()
    );
}

#[test]
fn the_purge_delay_comes_back_when_a_drop_panics() {
    let heap = Heap::new();
    heap.disable();
    let delay = Duration::from_millis(3);
    heap.set_purge_delay(delay);
    cycles(&heap, 100, true);
    let dropped = Cell::new(false);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        heap.collect(2);
        dropped.set(true);
    }));
    assert!(result.is_err() && !dropped.get());
    assert_eq!(heap.purge_delay(), delay);
}

/// Sets its heap's purge delay when dropped.
#[derive(Trace)]
struct Setter {
    other: RefCell<Option<Gc<Setter>>>,
    #[trace(skip)]
    heap: Heap,
}

impl Drop for Setter {
    fn drop(&mut self) {
        self.heap.set_purge_delay(Duration::from_millis(7));
    }
}

#[test]
fn a_delay_set_by_a_drop_in_the_teardown_stays() {
    let heap = Heap::new();
    heap.disable();
    heap.set_purge_delay(Duration::from_millis(2));
    let a = heap.alloc(Setter {
        other: RefCell::new(None),
        heap: heap.clone(),
    });
    let b = heap.alloc(Setter {
        other: RefCell::new(Some(a.clone())),
        heap: heap.clone(),
    });
    *a.other.borrow_mut() = Some(b);
    drop(a);
    assert_eq!(heap.collect(2), 2);
    assert_eq!(heap.purge_delay(), Duration::from_millis(7));
}
