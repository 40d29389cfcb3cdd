//! Finalizers (PEP 442), resurrection, weak references, zombies, heap drop, limits.

use pymm::{Config, Finalize, Gc, Heap, Trace, Weak};
use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

thread_local! {
    static RESURRECTED: RefCell<Vec<Gc<Phoenix>>> = const { RefCell::new(Vec::new()) };
    static STASH: RefCell<Vec<Gc<Stasher>>> = const { RefCell::new(Vec::new()) };
}

/// A node whose finalizer counts its calls and, if asked, resurrects itself.
#[derive(Trace)]
#[trace(finalize)]
struct Phoenix {
    other: RefCell<Option<Gc<Phoenix>>>,
    #[trace(skip)]
    finalized: Rc<Cell<usize>>,
    #[trace(skip)]
    resurrect: bool,
}

impl Finalize for Phoenix {
    fn finalize(this: &Gc<Self>) {
        this.finalized.set(this.finalized.get() + 1);
        if this.resurrect {
            RESURRECTED.with(|r| r.borrow_mut().push(this.clone()));
        }
    }
}

fn phoenix(heap: &Heap, finalized: &Rc<Cell<usize>>, resurrect: bool) -> Gc<Phoenix> {
    heap.alloc(Phoenix {
        other: RefCell::new(None),
        finalized: finalized.clone(),
        resurrect,
    })
}

fn quiet_heap() -> Heap {
    let heap = Heap::new();
    heap.disable();
    heap
}

#[test]
fn finalizer_runs_once_at_refcount_zero() {
    let heap = quiet_heap();
    let count = Rc::new(Cell::new(0));
    let p = phoenix(&heap, &count, false);
    drop(p);
    assert_eq!(count.get(), 1);
    assert_eq!(heap.alloc_stats().small_blocks_in_use(), 0);
}

#[test]
fn resurrection_at_refcount_zero_keeps_the_object_and_never_refinalizes() {
    let heap = quiet_heap();
    let count = Rc::new(Cell::new(0));
    drop(phoenix(&heap, &count, true));
    assert_eq!(count.get(), 1);
    let back = RESURRECTED
        .with(|r| r.borrow_mut().pop())
        .expect("resurrected");
    assert!(Gc::is_finalized(&back));
    drop(back); // second death: no second finalizer call
    assert_eq!(count.get(), 1);
    assert_eq!(heap.alloc_stats().small_blocks_in_use(), 0);
}

#[test]
fn cycle_finalizers_run_once_and_resurrection_is_detected() {
    let heap = quiet_heap();
    let count = Rc::new(Cell::new(0));
    let a = phoenix(&heap, &count, true);
    let b = phoenix(&heap, &count, false);
    *a.other.borrow_mut() = Some(b.clone());
    *b.other.borrow_mut() = Some(a.clone());
    drop((a, b));
    // a resurrects itself, and b is reachable from a: nothing is freed.
    assert_eq!(heap.collect(2), 0);
    assert_eq!(count.get(), 2);
    let a = RESURRECTED
        .with(|r| r.borrow_mut().pop())
        .expect("a resurrected");
    assert_eq!(Gc::ref_count(&a), 2); // ours + b's
    drop(a);
    // Unreachable again; finalizers do not run twice, so now the cycle goes.
    assert_eq!(heap.collect(2), 2);
    assert_eq!(count.get(), 2);
    assert_eq!(heap.alloc_stats().small_blocks_in_use(), 0);
}

#[test]
fn weak_refs_clear_and_callbacks_run_only_for_live_weak_handles() {
    let heap = quiet_heap();
    let fired = Rc::new(Cell::new(0));
    let x = heap.alloc(RefCell::new(Vec::<Gc<u8>>::new()));
    let f1 = fired.clone();
    let kept: Weak<_> = Gc::downgrade_with_callback(&x, move |_| f1.set(f1.get() + 1));
    let f2 = fired.clone();
    let dropped_weak = Gc::downgrade_with_callback(&x, move |_| f2.set(f2.get() + 10));
    drop(dropped_weak);
    let plain = Gc::downgrade(&x);
    assert!(plain.is_alive());
    assert!(Weak::ptr_eq(&plain, &kept));
    assert_eq!(
        *plain.upgrade().expect("alive").borrow(),
        Vec::<Gc<u8>>::new()
    );
    drop(x);
    assert_eq!(fired.get(), 1);
    assert!(plain.upgrade().is_none());
    assert!(!kept.is_alive());
}

#[derive(Trace)]
struct Pair {
    other: RefCell<Option<Gc<Pair>>>,
}

#[test]
fn weak_refs_to_cyclic_garbage_are_cleared_by_the_collector() {
    let heap = quiet_heap();
    let a = heap.alloc(Pair {
        other: RefCell::new(None),
    });
    let b = heap.alloc(Pair {
        other: RefCell::new(Some(a.clone())),
    });
    *a.other.borrow_mut() = Some(b.clone());
    let fired = Rc::new(Cell::new(false));
    let f = fired.clone();
    let wa = Gc::downgrade_with_callback(&a, move |_| f.set(true));
    drop((a, b));
    assert!(wa.is_alive(), "a cycle is not freed by reference counting");
    assert_eq!(heap.collect(0), 2);
    assert!(fired.get());
    assert!(wa.upgrade().is_none());
}

/// A node whose `Drop` stashes the handle of its neighbour: the neighbour is torn down by
/// the same collection, so the stashed handle is a zombie.
#[derive(Trace, Debug)]
struct Stasher {
    other: RefCell<Option<Gc<Stasher>>>,
}

impl Drop for Stasher {
    fn drop(&mut self) {
        if let Some(other) = self.other.get_mut().take() {
            STASH.with(|s| s.borrow_mut().push(other));
        }
    }
}

/// A two-object cycle of `Stasher`s, collected: the handles their `Drop` impls kept.
fn two_zombies(heap: &Heap) -> Vec<Gc<Stasher>> {
    let a = heap.alloc(Stasher {
        other: RefCell::new(None),
    });
    let b = heap.alloc(Stasher {
        other: RefCell::new(Some(a.clone())),
    });
    *a.other.borrow_mut() = Some(b.clone());
    drop((a, b));
    assert_eq!(heap.collect(2), 2);
    STASH.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

#[test]
fn zombie_deref_panics_with_a_clear_message_and_is_freed_later() {
    let heap = quiet_heap();
    let zombies = two_zombies(&heap);
    assert_eq!(zombies.len(), 2);
    assert!(Gc::is_torn_down(&zombies[0]));
    let err = catch_unwind(AssertUnwindSafe(|| zombies[0].other.borrow().is_some()))
        .expect_err("deref of a zombie must panic");
    let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(
        msg.starts_with(
            "pymm: dereferenced a `lifecycle::Stasher` that the cycle collector has torn down"
        ),
        "{msg}"
    );
    assert_eq!(heap.alloc_stats().small_blocks_in_use(), 2);
    let weak = Gc::downgrade(&zombies[0]);
    assert!(
        weak.upgrade().is_none(),
        "a zombie is dead to weak references"
    );
    drop(zombies);
    assert_eq!(heap.alloc_stats().small_blocks_in_use(), 0);
    assert!(weak.upgrade().is_none(), "and stays so once freed");
}

#[test]
fn a_zombie_cannot_be_unwrapped_borrowed_mutably_or_debug_printed() {
    let heap = quiet_heap();
    let mut zombies = two_zombies(&heap);
    let mut zombie = zombies.pop().unwrap();
    drop(zombies);
    assert!(Gc::is_torn_down(&zombie) && Gc::ref_count(&zombie) == 1);
    assert!(Gc::get_mut(&mut zombie).is_none());
    assert_eq!(
        format!("{zombie:?}"),
        "Gc(<torn down>)",
        "Debug does not panic"
    );
    assert!(Gc::try_unwrap(zombie).is_err());
    assert_eq!(heap.alloc_stats().small_blocks_in_use(), 0);
}

#[test]
fn heap_drop_frees_garbage_and_keeps_what_is_still_referenced() {
    let heap = quiet_heap();
    let count = Rc::new(Cell::new(0));
    let held = phoenix(&heap, &count, false);
    let a = phoenix(&heap, &count, false);
    *a.other.borrow_mut() = Some(a.clone());
    drop(a);
    let untracked = heap.alloc(String::from("still usable"));
    let borrowed: &RefCell<Option<Gc<Phoenix>>> = &held.other;
    drop(heap);
    assert_eq!(
        count.get(),
        1,
        "the unreachable cycle was finalized and freed"
    );
    // A borrow taken before the heap went is still valid: nothing referenced was torn down.
    assert!(borrowed.borrow().is_none());
    assert!(!Gc::is_torn_down(&held));
    assert_eq!(*untracked, "still usable");
    drop(held); // freed by reference counting, finalizer included
    assert_eq!(count.get(), 2);
    drop(untracked); // the heap's state goes with its last block (Miri/valgrind: no leak)
}

#[test]
fn dropping_the_last_heap_handle_inside_a_borrow_is_sound() {
    #[derive(Trace)]
    struct Holder {
        #[trace(skip)]
        heap: RefCell<Option<Heap>>,
        data: RefCell<Vec<Gc<u8>>>,
    }
    let heap = quiet_heap();
    let holder = heap.alloc(Holder {
        heap: RefCell::new(None),
        data: RefCell::new(vec![heap.alloc(5u8)]),
    });
    *holder.heap.borrow_mut() = Some(heap);
    let data = holder.data.borrow();
    // Drops the last handle while `data` borrows into the object: it must stay intact.
    drop(holder.heap.borrow_mut().take());
    assert_eq!(*data[0], 5);
    drop(data);
    drop(holder);
}

#[test]
fn limit_turns_into_alloc_error() {
    let heap = Heap::with_config(Config::default().limit(Some(1 << 16)));
    let mut kept = Vec::new();
    let err = loop {
        match Gc::try_new_in([0u64; 32], &heap) {
            Ok(gc) => kept.push(gc),
            Err(err) => break err,
        }
        assert!(kept.len() < 10_000, "the limit was never reached");
    };
    assert!(!err.to_string().is_empty());
    assert!(!kept.is_empty());
    drop(kept);
    heap.set_limit(None);
    assert!(Gc::try_new_in([0u64; 32], &heap).is_ok());
}

#[test]
fn finalizer_may_allocate_and_collect_during_collection() {
    #[derive(Trace)]
    #[trace(finalize)]
    struct Busy {
        me: RefCell<Option<Gc<Busy>>>,
    }
    impl Finalize for Busy {
        fn finalize(this: &Gc<Self>) {
            let heap = Gc::heap(this);
            let fresh = heap.alloc(RefCell::new(vec![heap.alloc(1u8)]));
            assert_eq!(heap.collect(2), 0, "re-entrant collect does nothing");
            assert!(heap.is_collecting());
            drop(fresh);
        }
    }
    let heap = quiet_heap();
    let b = heap.alloc(Busy {
        me: RefCell::new(None),
    });
    *b.me.borrow_mut() = Some(b.clone());
    drop(b);
    assert_eq!(heap.collect(2), 1);
    assert_eq!(heap.alloc_stats().small_blocks_in_use(), 0);
}

static EXIT_FINALIZERS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[derive(Trace)]
#[trace(finalize)]
struct AllocatesAtExit {
    me: RefCell<Option<Gc<AllocatesAtExit>>>,
}

impl Finalize for AllocatesAtExit {
    fn finalize(this: &Gc<Self>) {
        // The thread's default heap is shutting down; allocating is still allowed.
        let fresh = Gc::new(vec![1u8, 2, 3]);
        assert_eq!(fresh.len(), 3);
        assert!(this.me.borrow().is_some());
        EXIT_FINALIZERS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}

#[test]
fn thread_exit_finalizes_the_default_heap_and_finalizers_may_allocate() {
    std::thread::spawn(|| {
        let cyclic = Gc::new(AllocatesAtExit {
            me: RefCell::new(None),
        });
        *cyclic.me.borrow_mut() = Some(cyclic.clone());
        Heap::thread_default().disable();
        drop(cyclic); // garbage left for the heap's shutdown at thread exit
    })
    .join()
    .expect("thread exit must not panic");
    assert_eq!(EXIT_FINALIZERS.load(std::sync::atomic::Ordering::SeqCst), 1);
}

/// A ring node whose `Drop` meddles with the garbage it belongs to while the collector
/// tears it down: it allocates (reusing the blocks already freed), untracks and re-tracks
/// its peer (torn down or about to be: both must be no-ops), and the node chosen panics.
#[derive(Trace)]
struct Meddler {
    next: RefCell<Option<Gc<Meddler>>>,
    #[trace(skip)]
    index: usize,
    #[trace(skip)]
    dropped: Rc<Cell<usize>>,
}

impl Drop for Meddler {
    fn drop(&mut self) {
        self.dropped.set(self.dropped.get() + 1);
        let heap = Heap::thread_default();
        let fresh = heap.alloc(RefCell::new(vec![heap.alloc(self.index)]));
        assert_eq!(*fresh.borrow()[0], self.index);
        if let Some(next) = self.next.borrow().as_ref() {
            assert!(Gc::is_torn_down(next), "the whole ring is garbage");
            Gc::untrack(next);
            Gc::track(next);
        }
        if self.index == 3 {
            panic!("meddler 3 refuses");
        }
    }
}

#[test]
fn a_teardown_survives_drops_that_allocate_track_untrack_and_panic() {
    let heap = Heap::thread_default();
    heap.collect(2);
    let live_before = heap.alloc_stats().small_blocks_in_use();
    let dropped = Rc::new(Cell::new(0));
    let ring: Vec<Gc<Meddler>> = (0..8)
        .map(|index| {
            heap.alloc(Meddler {
                next: RefCell::new(None),
                index,
                dropped: dropped.clone(),
            })
        })
        .collect();
    for (i, node) in ring.iter().enumerate() {
        *node.next.borrow_mut() = Some(ring[(i + 1) % ring.len()].clone());
    }
    drop(ring);
    let err = catch_unwind(AssertUnwindSafe(|| heap.collect(2)))
        .expect_err("the Drop panic reaches the caller of collect");
    let msg = err.downcast_ref::<&str>().copied().unwrap_or_default();
    assert_eq!(msg, "meddler 3 refuses");
    assert_eq!(
        dropped.get(),
        8,
        "every payload was dropped despite the panic"
    );
    assert!(heap
        .objects(None)
        .iter()
        .all(|obj| obj.type_name() != std::any::type_name::<Meddler>()));
    heap.collect(2);
    assert_eq!(
        heap.alloc_stats().small_blocks_in_use(),
        live_before,
        "the ring and what its drops allocated are all freed"
    );
}

/// A sized payload's block is freed with its type's constant layout (the vtable's fused
/// drop-and-free and block-free entries): every kind gives back exactly the bytes it took,
/// at refcount zero and from a cycle's teardown (where one of two objects of a cycle is
/// freed as a zombie by the other's payload drop), with and without
/// links, from the pools and (over-aligned) from the system allocator, and also when the
/// payload's `Drop` panics.
#[test]
fn sized_blocks_are_given_back_whole_on_every_path() {
    #[derive(Trace)]
    struct Plain(u64);
    #[derive(Trace)]
    struct Linked {
        next: RefCell<Option<Gc<Linked>>>,
    }
    #[derive(Trace)]
    #[repr(align(64))]
    struct Wide {
        next: RefCell<Option<Gc<Wide>>>,
        _value: u64,
    }
    #[derive(Trace)]
    struct Grumpy {
        next: RefCell<Option<Gc<Grumpy>>>,
    }
    impl Drop for Grumpy {
        fn drop(&mut self) {
            if self.next.borrow().is_none() {
                panic!("grumpy");
            }
        }
    }
    let heap = Heap::new();
    heap.disable();
    let start = heap.bytes_in_use();
    // Refcount zero: no links, links, over-aligned.
    drop(heap.alloc(Plain(7)));
    drop(heap.alloc(Linked {
        next: RefCell::new(None),
    }));
    drop(heap.alloc(Wide {
        next: RefCell::new(None),
        _value: 1,
    }));
    assert_eq!(heap.bytes_in_use(), start, "freed at refcount zero");
    // A two-object cycle and a self-cycle, torn down by a collection.
    let a = heap.alloc(Linked {
        next: RefCell::new(None),
    });
    let b = heap.alloc(Linked {
        next: RefCell::new(Some(a.clone())),
    });
    *a.next.borrow_mut() = Some(b);
    let w = heap.alloc(Wide {
        next: RefCell::new(None),
        _value: 2,
    });
    *w.next.borrow_mut() = Some(w.clone());
    drop((a, w));
    assert_eq!(heap.collect(2), 3);
    assert_eq!(heap.bytes_in_use(), start, "freed by the teardown");
    // A panicking drop still frees its block.
    let grumpy = heap.alloc(Grumpy {
        next: RefCell::new(None),
    });
    assert!(catch_unwind(AssertUnwindSafe(|| drop(grumpy))).is_err());
    assert_eq!(heap.bytes_in_use(), start, "freed despite the panic");
}
