//! What a runtime author can do to the crate with safe code, each case a former bug: handles
//! of one heap inside objects of another, panics in every kind of user code, heap handles
//! kept in odd places, drop orders, thread teardown. Each test checks that nothing is
//! leaked (the allocator's blocks in use, drop counters) and that the heap keeps working.
//! Run under Miri too: the cross-heap cases used to read freed memory.

use pymm::{CallbackPhase, Config, DebugFlags, Finalize, Gc, Heap, Trace, Unraisable};
use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// A node that counts its drops in a shared counter.
#[derive(Trace)]
struct Node {
    next: RefCell<Option<Gc<Node>>>,
    #[trace(skip)]
    drops: Rc<Cell<usize>>,
}

impl Drop for Node {
    fn drop(&mut self) {
        self.drops.set(self.drops.get() + 1);
    }
}

fn node(heap: &Heap, drops: &Rc<Cell<usize>>) -> Gc<Node> {
    heap.alloc(Node {
        next: RefCell::new(None),
        drops: drops.clone(),
    })
}

fn link(a: &Gc<Node>, b: &Gc<Node>) {
    *a.next.borrow_mut() = Some(b.clone());
}

fn blocks_in_use(heap: &Heap) -> usize {
    heap.alloc_stats().small_blocks_in_use()
}

/// A heap whose automatic collections report panics into a vector instead of stderr.
fn recording_heap(config: Config) -> (Heap, Rc<RefCell<Vec<Unraisable>>>) {
    let heap = Heap::with_config(config);
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    heap.set_unraisable_hook(move |report| sink.borrow_mut().push(report));
    (heap, seen)
}

// ---- 1. handles of one heap inside objects of another ----

#[test]
fn a_handle_of_another_heap_is_an_opaque_strong_reference() {
    let drops = Rc::new(Cell::new(0));
    let one = Heap::new();
    let two = Heap::new();
    // Cycles in both heaps, each also pointing into the other heap.
    let a1 = node(&one, &drops);
    let a2 = node(&one, &drops);
    let b1 = node(&two, &drops);
    let b2 = node(&two, &drops);
    link(&a1, &a2);
    link(&a2, &b1); // one -> two
    link(&b1, &b2);
    link(&b2, &a1); // two -> one
    let outside_two = node(&two, &drops);
    link(&outside_two, &a2); // two -> one, no cycle
    drop((a1, a2, b1, b2));
    // Neither collector may touch the other heap's objects: the cycle through both heaps
    // is made of references each collector treats as roots.
    for _ in 0..3 {
        assert_eq!(one.collect(2), 0);
        assert_eq!(two.collect(2), 0);
    }
    assert_eq!(drops.get(), 0);
    assert_eq!(blocks_in_use(&one), 2);
    assert_eq!(blocks_in_use(&two), 3);
    drop(outside_two);
    assert_eq!(drops.get(), 1);
    // Break the cross-heap cycle by hand: everything goes by reference counting.
    let objects = one.objects(None);
    for any in &objects {
        if let Some(n) = any.downcast_ref::<Node>() {
            n.next.borrow_mut().take();
        }
    }
    drop(objects);
    assert_eq!(one.collect(2) + two.collect(2), 0);
    assert_eq!(drops.get(), 5);
    assert_eq!(blocks_in_use(&one), 0);
    assert_eq!(blocks_in_use(&two), 0);
}

#[test]
fn collecting_one_heap_never_corrupts_the_lists_of_another() {
    // The default heap's young objects referenced from a stress-mode heap that collects at
    // every allocation: the other heap's members must never be counted as this heap's.
    let drops = Rc::new(Cell::new(0));
    let stressed = Heap::with_config(Config::default().stress(true));
    let mut keep = Vec::new();
    for i in 0..200 {
        let local = Gc::new(Node {
            next: RefCell::new(None),
            drops: drops.clone(),
        });
        let holder = node(&stressed, &drops);
        link(&holder, &local);
        if i % 3 == 0 {
            link(&local, &local.clone()); // a self cycle in the default heap
        }
        keep.push((holder, local));
    }
    keep.truncate(50);
    drop(keep);
    Heap::thread_default().collect(2);
    stressed.collect(2);
    assert_eq!(drops.get(), 400);
    assert_eq!(blocks_in_use(&stressed), 0);
}

#[test]
fn garbage_of_one_heap_torn_down_while_another_collects() {
    // Dropping a garbage cycle of `one` runs Drop impls that allocate in `two` (which
    // collects at every allocation) while `two`'s objects hold handles to that garbage.
    #[derive(Trace)]
    struct Allocating {
        peer: RefCell<Option<Gc<Allocating>>>,
        #[trace(skip)]
        two: Heap,
        #[trace(skip)]
        drops: Rc<Cell<usize>>,
    }
    impl Drop for Allocating {
        fn drop(&mut self) {
            self.drops.set(self.drops.get() + 1);
            let _scratch = self.two.alloc(RefCell::new(Vec::<Gc<u32>>::new()));
        }
    }
    let drops = Rc::new(Cell::new(0));
    let one = Heap::new();
    let two = Heap::with_config(Config::default().stress(true));
    let x = one.alloc(Allocating {
        peer: RefCell::new(None),
        two: two.clone(),
        drops: drops.clone(),
    });
    let y = one.alloc(Allocating {
        peer: RefCell::new(Some(x.clone())),
        two: two.clone(),
        drops: drops.clone(),
    });
    *x.peer.borrow_mut() = Some(y.clone());
    let holder = two.alloc(RefCell::new(vec![Gc::new(0u32)]));
    let watcher = two.alloc(RefCell::new(Some(Gc::downgrade(&x))));
    drop((x, y));
    assert_eq!(one.collect(2), 2);
    assert_eq!(drops.get(), 2);
    assert!(watcher.borrow().as_ref().unwrap().upgrade().is_none());
    drop((holder, watcher));
    two.collect(2);
    assert_eq!(blocks_in_use(&one), 0);
    assert_eq!(blocks_in_use(&two), 0);
}

// ---- 2. a Drop impl that reads a peer of the same garbage cycle ----

#[derive(Trace)]
struct Reader {
    peer: RefCell<Option<Gc<Reader>>>,
    #[trace(skip)]
    value: u32,
}

impl Drop for Reader {
    fn drop(&mut self) {
        if let Some(peer) = self.peer.borrow().as_ref() {
            let _ = peer.value; // the peer may have been torn down already
        }
    }
}

fn reader_cycle(heap: &Heap) {
    let a = heap.alloc(Reader {
        peer: RefCell::new(None),
        value: 1,
    });
    let b = heap.alloc(Reader {
        peer: RefCell::new(Some(a.clone())),
        value: 2,
    });
    *a.peer.borrow_mut() = Some(b);
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

#[test]
fn reading_a_torn_down_peer_names_the_type_and_reaches_collect() {
    let heap = Heap::new();
    heap.disable();
    reader_cycle(&heap);
    let err = catch_unwind(AssertUnwindSafe(|| heap.collect(2))).unwrap_err();
    let message = panic_message(&*err);
    assert!(message.contains("adversarial::Reader"), "{message}");
    assert!(message.contains("torn down"), "{message}");
    // Nothing leaked, and the heap works on.
    assert_eq!(blocks_in_use(&heap), 0);
    reader_cycle(&heap);
    let _ = catch_unwind(AssertUnwindSafe(|| heap.collect(2)));
    assert_eq!(blocks_in_use(&heap), 0);
}

#[test]
fn panics_of_automatic_collections_go_to_the_unraisable_hook_not_to_allocations() {
    let (heap, seen) = recording_heap(Config::default().thresholds(1, 10, 10));
    reader_cycle(&heap);
    // Allocations trigger collections that find the cycle; they must not panic, and
    // try_new_in must not either.
    let mut kept = Vec::new();
    for _ in 0..100 {
        let made = Gc::try_new_in(RefCell::new(Vec::<Gc<u8>>::new()), &heap);
        kept.push(made.expect("an allocation that collects must not fail"));
    }
    drop(kept);
    // Each Reader's Drop read the other, torn down already: two reports.
    let seen = seen.borrow();
    assert_eq!(seen.len(), 2, "{seen:?}");
    for report in seen.iter() {
        assert_eq!(report.type_name(), Some(std::any::type_name::<Reader>()));
        assert!(report.message().contains("torn down"), "{report:?}");
    }
    drop(seen);
    assert_eq!(blocks_in_use(&heap), 0);
}

#[test]
fn a_panic_while_the_thread_exits_does_not_abort() {
    let drops = Arc::new(AtomicUsize::new(0));
    let counted = drops.clone();
    std::thread::spawn(move || {
        #[derive(Trace)]
        struct Counted {
            peer: RefCell<Option<Gc<Counted>>>,
            #[trace(skip)]
            drops: Arc<AtomicUsize>,
        }
        impl Drop for Counted {
            fn drop(&mut self) {
                self.drops.fetch_add(1, Ordering::SeqCst);
                if let Some(peer) = self.peer.borrow().as_ref() {
                    let _ = &peer.drops; // may be torn down: panics
                }
            }
        }
        Heap::thread_default().set_unraisable_hook(|_| {});
        let a = Gc::new(Counted {
            peer: RefCell::new(None),
            drops: counted.clone(),
        });
        let b = Gc::new(Counted {
            peer: RefCell::new(Some(a.clone())),
            drops: counted,
        });
        *a.peer.borrow_mut() = Some(b);
        // The thread exits holding a garbage cycle in its default heap.
    })
    .join()
    .expect("thread teardown must not panic or abort");
    assert_eq!(drops.load(Ordering::SeqCst), 2);
}

// ---- 3. panicking finalizers, weak callbacks and Drop impls ----

#[derive(Trace)]
#[trace(finalize)]
struct Exploding {
    #[trace(skip)]
    drops: Rc<Cell<usize>>,
}

impl Finalize for Exploding {
    fn finalize(_this: &Gc<Self>) {
        panic!("finalizer exploded");
    }
}

impl Drop for Exploding {
    fn drop(&mut self) {
        self.drops.set(self.drops.get() + 1);
    }
}

#[test]
fn a_panicking_finalizer_still_frees_its_object() {
    let heap = Heap::new();
    let drops = Rc::new(Cell::new(0));
    let x = heap.alloc(Exploding {
        drops: drops.clone(),
    });
    let err = catch_unwind(AssertUnwindSafe(|| drop(x))).unwrap_err();
    assert_eq!(panic_message(&*err), "finalizer exploded");
    assert_eq!(drops.get(), 1);
    assert_eq!(blocks_in_use(&heap), 0);
}

#[test]
fn a_panicking_weak_callback_still_frees_its_referent_and_runs_the_others() {
    let heap = Heap::new();
    let drops = Rc::new(Cell::new(0));
    let ran = Rc::new(Cell::new(0));
    let x = node(&heap, &drops);
    let w1 = Gc::downgrade_with_callback(&x, |_| panic!("callback exploded"));
    let r = ran.clone();
    let w2 = Gc::downgrade_with_callback(&x, move |_| r.set(r.get() + 1));
    let err = catch_unwind(AssertUnwindSafe(|| drop(x))).unwrap_err();
    assert_eq!(panic_message(&*err), "callback exploded");
    assert_eq!((drops.get(), ran.get()), (1, 1));
    assert!(w1.upgrade().is_none() && w2.upgrade().is_none());
    assert_eq!(blocks_in_use(&heap), 0);
}

#[test]
fn panicking_drops_do_not_stop_reference_counting() {
    #[derive(Trace)]
    struct Bomb {
        child: Option<Gc<Bomb>>,
    }
    impl Drop for Bomb {
        fn drop(&mut self) {
            if self.child.is_some() {
                panic!("bomb");
            }
        }
    }
    let heap = Heap::new();
    for _ in 0..200 {
        let leaf = heap.alloc(Bomb { child: None });
        let bomb = heap.alloc(Bomb { child: Some(leaf) });
        assert!(catch_unwind(AssertUnwindSafe(|| drop(bomb))).is_err());
    }
    // Every leaf was still released by the unwinding drop glue.
    assert_eq!(blocks_in_use(&heap), 0);
}

#[test]
fn a_panicking_drop_in_a_deep_chain_frees_everything_else() {
    #[derive(Trace)]
    struct Link {
        next: Option<Gc<Link>>,
        #[trace(skip)]
        explode: bool,
        #[trace(skip)]
        drops: Rc<Cell<usize>>,
    }
    impl Drop for Link {
        fn drop(&mut self) {
            self.drops.set(self.drops.get() + 1);
            if self.explode {
                panic!("link exploded");
            }
        }
    }
    let heap = Heap::new();
    let drops = Rc::new(Cell::new(0));
    let mut head = None;
    for i in 0..500 {
        head = Some(heap.alloc(Link {
            next: head.take(),
            explode: i == 100,
            drops: drops.clone(),
        }));
    }
    assert!(catch_unwind(AssertUnwindSafe(|| drop(head))).is_err());
    assert_eq!(drops.get(), 500);
    assert_eq!(blocks_in_use(&heap), 0);
    // Still freeing at once afterwards.
    let x = heap.alloc(7u64);
    drop(x);
    assert_eq!(blocks_in_use(&heap), 0);
}

// ---- 4. a panicking gc callback ----

#[test]
fn a_panicking_gc_callback_keeps_every_callback_registered() {
    let heap = Heap::new();
    let phases = Rc::new(RefCell::new(Vec::new()));
    let p = phases.clone();
    heap.add_callback(move |_heap, phase, _info| p.borrow_mut().push(phase));
    heap.add_callback(|_heap, phase, _info| {
        if phase == CallbackPhase::Start {
            panic!("callback exploded");
        }
    });
    let err = catch_unwind(AssertUnwindSafe(|| heap.collect(0))).unwrap_err();
    assert_eq!(panic_message(&*err), "callback exploded");
    // The Stop phase still ran, and both callbacks are still there.
    assert_eq!(
        *phases.borrow(),
        vec![CallbackPhase::Start, CallbackPhase::Stop]
    );
    let _ = catch_unwind(AssertUnwindSafe(|| heap.collect(0)));
    assert_eq!(phases.borrow().len(), 4);
    assert!(!heap.is_collecting());
}

// ---- 5 and 6. heap handles in odd places, drop orders ----

/// Runs `f` on a fresh thread and returns after the thread has exited.
fn on_thread(f: impl FnOnce() + Send + 'static) {
    std::thread::spawn(f).join().unwrap();
}

#[derive(Trace)]
struct Counted {
    peer: RefCell<Option<Gc<Counted>>>,
    #[trace(skip)]
    _heap: Option<Heap>,
    #[trace(skip)]
    drops: Arc<AtomicUsize>,
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.drops.fetch_add(1, Ordering::SeqCst);
    }
}

fn counted_cycle(heap: &Heap, drops: &Arc<AtomicUsize>, keep_heap: bool) -> Gc<Counted> {
    let a = heap.alloc(Counted {
        peer: RefCell::new(None),
        _heap: keep_heap.then(|| heap.clone()),
        drops: drops.clone(),
    });
    let b = heap.alloc(Counted {
        peer: RefCell::new(Some(a.clone())),
        _heap: None,
        drops: drops.clone(),
    });
    *a.peer.borrow_mut() = Some(b);
    a
}

#[test]
fn a_heap_captured_by_its_own_callback_is_freed_at_thread_exit() {
    let drops = Arc::new(AtomicUsize::new(0));
    let d = drops.clone();
    on_thread(move || {
        let heap = Heap::new();
        let captured = heap.clone();
        heap.add_callback(move |_, _, _| {
            let _ = captured.count();
        });
        drop(counted_cycle(&heap, &d, false));
    });
    assert_eq!(drops.load(Ordering::SeqCst), 2);
}

#[test]
fn a_heap_stored_in_its_own_object_is_freed_when_unreachable() {
    let drops = Arc::new(AtomicUsize::new(0));
    let d = drops.clone();
    on_thread(move || {
        let heap = Heap::new();
        drop(counted_cycle(&heap, &d, true));
        drop(heap);
        // The only handle left is inside the garbage cycle.
    });
    assert_eq!(drops.load(Ordering::SeqCst), 2);
}

#[test]
fn saved_garbage_is_freed_when_the_heap_goes() {
    let drops = Arc::new(AtomicUsize::new(0));
    let heap = Heap::new();
    heap.set_debug(DebugFlags::SAVEALL);
    drop(counted_cycle(&heap, &drops, false));
    assert_eq!(heap.collect(2), 2);
    assert_eq!(heap.garbage().len(), 2);
    drop(counted_cycle(&heap, &drops, false)); // not collected yet
    drop(heap);
    assert_eq!(drops.load(Ordering::SeqCst), 4);
}

#[test]
fn a_struct_dropping_its_heap_before_its_roots_leaks_nothing() {
    struct Runtime {
        _heap: Heap,
        roots: Vec<Gc<Counted>>,
    }
    let drops = Arc::new(AtomicUsize::new(0));
    let d = drops.clone();
    on_thread(move || {
        let heap = Heap::new();
        let roots = (0..10).map(|_| counted_cycle(&heap, &d, false)).collect();
        let runtime = Runtime { _heap: heap, roots };
        assert_eq!(runtime.roots.len(), 10);
        drop(runtime); // the heap first, then the roots
    });
    assert_eq!(drops.load(Ordering::SeqCst), 20);
}

#[test]
fn callbacks_receive_the_heap() {
    let heap = Heap::new();
    let seen = Rc::new(Cell::new(false));
    let s = seen.clone();
    let outer = heap.clone();
    heap.add_callback(move |h, _, _| s.set(Heap::ptr_eq(h, &outer)));
    heap.collect(0);
    assert!(seen.get());
}

// ---- 7. weak callbacks, thread-local destructors, overflow ----

#[test]
fn gc_new_in_a_thread_local_destructor_works() {
    struct Late(Arc<AtomicUsize>);
    impl Drop for Late {
        fn drop(&mut self) {
            let x = Gc::new(RefCell::new(vec![Gc::new(5u32)]));
            let y = x.clone();
            assert_eq!(*x.borrow()[0], 5);
            drop((x, y));
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }
    thread_local! {
        static LATE: RefCell<Option<Late>> = const { RefCell::new(None) };
    }
    let ran = Arc::new(AtomicUsize::new(0));
    let r = ran.clone();
    on_thread(move || {
        // LATE's destructor is registered before the default heap's, so it runs after
        // the default heap is gone.
        LATE.with(|late| assert!(late.borrow().is_none()));
        let _ = Gc::new(1u8);
        LATE.with(|late| *late.borrow_mut() = Some(Late(r)));
    });
    assert_eq!(ran.load(Ordering::SeqCst), 1);
}

#[derive(Trace)]
struct SelfWatcher {
    weak: RefCell<Option<pymm::TracedWeak<SelfWatcher>>>,
    #[trace(skip)]
    drops: Rc<Cell<usize>>,
}

impl Drop for SelfWatcher {
    fn drop(&mut self) {
        self.drops.set(self.drops.get() + 1);
    }
}

thread_local! {
    static CALLED: Cell<usize> = const { Cell::new(0) };
}

fn note_call(_heap: &Heap, held: Gc<SelfWatcher>) {
    CALLED.with(|c| c.set(c.get() + 1));
    drop(held);
}

fn self_watcher(heap: &Heap, drops: &Rc<Cell<usize>>) -> Gc<SelfWatcher> {
    heap.alloc(SelfWatcher {
        weak: RefCell::new(None),
        drops: drops.clone(),
    })
}

#[test]
fn a_weak_callback_holding_its_referent_is_collected_with_it() {
    CALLED.with(|c| c.set(0));
    let heap = Heap::new();
    let drops = Rc::new(Cell::new(0));
    let x = self_watcher(&heap, &drops);
    let weak = Gc::downgrade_with_traced_callback(&x, x.clone(), note_call);
    *x.weak.borrow_mut() = Some(weak);
    drop(x);
    // x -> its weak handle -> the callback's data -> x: a cycle the collector sees.
    assert_eq!(heap.collect(2), 1);
    assert_eq!(drops.get(), 1);
    // The weak handle died with its referent: its callback is not called (as CPython).
    assert_eq!(CALLED.with(Cell::get), 0);
    assert_eq!(blocks_in_use(&heap), 0);
}

#[test]
fn a_traced_callback_held_outside_runs_when_its_referent_dies() {
    CALLED.with(|c| c.set(0));
    let heap = Heap::new();
    let drops = Rc::new(Cell::new(0));
    // By reference counting: the data is another object, alive until the callback.
    let x = self_watcher(&heap, &drops);
    let other = self_watcher(&heap, &drops);
    let weak = Gc::downgrade_with_traced_callback(&x, other.clone(), note_call);
    drop(other);
    assert!(weak.is_alive());
    drop(x);
    assert!(!weak.is_alive() && weak.upgrade().is_none());
    assert_eq!(CALLED.with(Cell::get), 1);
    assert_eq!(drops.get(), 2, "the callback dropped its data");
    // By the collector: a self-cycle whose weak handle is held outside the garbage.
    let y = self_watcher(&heap, &drops);
    let keep = self_watcher(&heap, &drops);
    let weak = Gc::downgrade_with_traced_callback(&y, keep.clone(), note_call);
    let y_again = y.clone();
    *y.weak.borrow_mut() = Some(Gc::downgrade_with_traced_callback(
        &y_again,
        y_again.clone(),
        note_call,
    ));
    drop((y, y_again));
    assert_eq!(heap.collect(2), 1);
    assert_eq!(
        CALLED.with(Cell::get),
        2,
        "only the weak handle held outside calls back"
    );
    assert!(weak.upgrade().is_none());
    drop((weak, keep));
    assert_eq!(blocks_in_use(&heap), 0);
}

#[test]
fn weak_upgrade_checks_for_count_overflow() {
    // Only checks that upgrade goes through the same checked path as clone: counts stay
    // exact across many upgrades.
    let x = Gc::new(3u8);
    let w = Gc::downgrade(&x);
    let handles: Vec<_> = (0..1000).map(|_| w.upgrade().unwrap()).collect();
    assert_eq!(Gc::ref_count(&x), 1001);
    drop(handles);
    assert_eq!(Gc::ref_count(&x), 1);
}

// ---- Trace must not panic ----

/// A type whose (wrong, hand-written) `Trace` impl panics.
struct PanickingTrace(RefCell<Option<Gc<PanickingTrace>>>);

// SAFETY: deliberately breaks the contract (it panics) to check the collector's answer.
unsafe impl Trace for PanickingTrace {
    fn trace(&self, _tracer: &mut pymm::Tracer<'_>) {
        panic!("trace exploded");
    }
}

/// Runs inside a child process (see below): a collection meets a panicking `Trace`.
#[test]
#[ignore = "run by a_panicking_trace_stops_the_process_with_the_type_named"]
fn child_panicking_trace() {
    if std::env::var_os("PYMM_ADVERSARIAL_CHILD").is_none() {
        return;
    }
    let heap = Heap::new();
    let x = heap.alloc(PanickingTrace(RefCell::new(None)));
    *x.0.borrow_mut() = Some(x.clone());
    drop(x);
    heap.collect(2);
}

#[test]
#[cfg_attr(miri, ignore = "spawns a process")]
fn a_panicking_trace_stops_the_process_with_the_type_named() {
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "child_panicking_trace",
            "--nocapture",
        ])
        .env("PYMM_ADVERSARIAL_CHILD", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "the child must not succeed: {stderr}"
    );
    assert!(
        stderr.contains("the Trace impl of `adversarial::PanickingTrace` panicked"),
        "{stderr}"
    );
}
