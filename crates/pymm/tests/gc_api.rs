//! Python's `gc` module API on a `Heap`.

use pymm::{
    for_each_referent, getsizeof, referents, Address, CallbackPhase, Config, DebugFlags, Gc, GcAny,
    Heap, Trace, TRACKED_HEADER_SIZE, UNTRACKED_HEADER_SIZE,
};
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Trace)]
struct Node {
    next: RefCell<Option<Gc<Node>>>,
}

fn node(heap: &Heap) -> Gc<Node> {
    heap.alloc(Node {
        next: RefCell::new(None),
    })
}

fn cycle(heap: &Heap) {
    let a = node(heap);
    let b = node(heap);
    *a.next.borrow_mut() = Some(b.clone());
    *b.next.borrow_mut() = Some(a);
}

/// A heap with explicit settings, ignoring PYMM_GC_STRESS (these tests count collections).
fn heap_with(thresholds: (usize, usize, usize)) -> Heap {
    let (t0, t1, t2) = thresholds;
    Heap::with_config(Config::default().thresholds(t0, t1, t2))
}

#[test]
fn count_tracks_container_allocations_minus_deallocations() {
    let heap = heap_with((700, 10, 10));
    let kept: Vec<_> = (0..5).map(|_| node(&heap)).collect();
    let _plain = heap.alloc(5u32); // not a container: not counted
    assert_eq!(heap.count(), (5, 0, 0));
    drop(kept);
    assert_eq!(heap.count(), (0, 0, 0));
}

#[test]
fn thresholds_trigger_generations_like_cpython() {
    let heap = heap_with((10, 2, 2));
    assert_eq!(heap.threshold(), (10, 2, 2));
    let mut kept = Vec::new();
    for _ in 0..11 {
        kept.push(node(&heap));
    }
    // The 11th allocation pushed count[0] over 10 before it was linked.
    assert_eq!(heap.stats()[0].collections, 1);
    // As in CPython, the allocation that triggers a collection is not counted afterwards.
    assert_eq!(heap.count(), (0, 1, 0));
    for _ in 0..40 {
        kept.push(node(&heap));
    }
    let stats = heap.stats();
    assert!(stats[0].collections >= 3, "{stats:?}");
    assert!(stats[1].collections >= 1, "{stats:?}");
    assert_eq!(heap.objects(None).len(), kept.len());
    heap.set_threshold(0, 2, 2);
    let before = heap.stats();
    for _ in 0..50 {
        kept.push(node(&heap));
    }
    assert_eq!(
        heap.stats(),
        before,
        "threshold 0 disables automatic collection"
    );
}

#[test]
fn disable_stops_automatic_collection_but_not_collect() {
    let heap = heap_with((5, 10, 10));
    heap.disable();
    assert!(!heap.is_enabled());
    for _ in 0..20 {
        cycle(&heap);
    }
    assert_eq!(heap.stats()[0].collections, 0);
    assert_eq!(heap.collect(0), 40);
    heap.enable();
    assert!(heap.is_enabled());
}

#[test]
fn automatic_collection_frees_cycles() {
    let heap = heap_with((100, 10, 10));
    for _ in 0..1000 {
        cycle(&heap);
    }
    let collected: usize = heap.stats().iter().map(|s| s.collected).sum();
    assert!(collected >= 1800, "collected {collected}");
}

#[test]
fn objects_per_generation_and_promotion() {
    let heap = heap_with((700, 10, 10));
    let a = node(&heap);
    assert_eq!(heap.objects(Some(0)).len(), 1);
    heap.collect(0);
    assert_eq!(heap.objects(Some(0)).len(), 0);
    assert_eq!(heap.objects(Some(1)).len(), 1);
    heap.collect(1);
    assert_eq!(heap.objects(Some(2)).len(), 1);
    assert!(heap.objects(Some(7)).is_empty());
    let all = heap.objects(None);
    assert!(GcAny::ptr_eq(&all[0], &Gc::to_any(&a)));
}

#[test]
fn stats_count_collections_and_collected() {
    let heap = heap_with((700, 10, 10));
    cycle(&heap);
    assert_eq!(heap.collect(1), 2);
    let stats = heap.stats();
    assert_eq!(stats[1].collections, 1);
    assert_eq!(stats[1].collected, 2);
    assert_eq!(stats[0].collections, 0);
    assert_eq!(stats[2].uncollectable, 0);
}

#[test]
fn freeze_hides_objects_from_collections() {
    let heap = heap_with((700, 10, 10));
    cycle(&heap);
    let _live = node(&heap);
    heap.freeze();
    assert_eq!(heap.freeze_count(), 3);
    assert_eq!(heap.count().0, 0);
    assert_eq!(heap.collect(2), 0);
    assert!(heap.objects(None).is_empty());
    heap.unfreeze();
    assert_eq!(heap.freeze_count(), 0);
    assert_eq!(heap.objects(Some(2)).len(), 3);
    assert_eq!(heap.collect(2), 2);
}

#[test]
fn callbacks_see_start_and_stop_and_can_be_removed() {
    let heap = heap_with((700, 10, 10));
    let log = Rc::new(RefCell::new(Vec::new()));
    let l = log.clone();
    let id = heap.add_callback(move |_, phase, info| {
        l.borrow_mut()
            .push((phase, info.generation, info.collected, info.uncollectable));
    });
    cycle(&heap);
    heap.collect(1);
    assert_eq!(
        *log.borrow(),
        vec![
            (CallbackPhase::Start, 1, 0, 0),
            (CallbackPhase::Stop, 1, 2, 0)
        ]
    );
    heap.remove_callback(id);
    heap.collect(2);
    assert_eq!(log.borrow().len(), 2);
}

#[test]
fn a_callback_may_remove_itself() {
    let heap = heap_with((700, 10, 10));
    let calls = Rc::new(RefCell::new(0));
    let id_cell = Rc::new(RefCell::new(None));
    let (c, i, h) = (calls.clone(), id_cell.clone(), heap.clone());
    let id = heap.add_callback(move |_, _, _| {
        *c.borrow_mut() += 1;
        if let Some(id) = i.borrow_mut().take() {
            h.remove_callback(id);
        }
    });
    *id_cell.borrow_mut() = Some(id);
    heap.collect(0);
    heap.collect(0);
    // Removed during the first "start" phase: not called again, not even for "stop".
    assert_eq!(*calls.borrow(), 1);
}

#[test]
fn saveall_keeps_garbage() {
    let heap = heap_with((700, 10, 10));
    heap.set_debug(DebugFlags::SAVEALL);
    assert_eq!(heap.debug(), DebugFlags::SAVEALL);
    cycle(&heap);
    assert_eq!(heap.collect(2), 2);
    let garbage = heap.garbage();
    assert_eq!(garbage.len(), 2);
    assert!(garbage[0].downcast_ref::<Node>().is_some());
    drop(garbage);
    heap.set_debug(DebugFlags::empty());
    heap.clear_garbage();
    assert_eq!(heap.collect(2), 2);
}

#[test]
fn debug_stats_and_collectable_do_not_disturb_collection() {
    let heap = heap_with((700, 10, 10));
    heap.set_debug(DebugFlags::STATS | DebugFlags::COLLECTABLE);
    assert!(heap.debug().contains(DebugFlags::STATS));
    cycle(&heap);
    assert_eq!(heap.collect(2), 2);
    assert!(heap.garbage().is_empty(), "only SAVEALL keeps garbage");
    assert_eq!(heap.stats()[2].collected, 2);
}

#[test]
fn referrers_and_referents() {
    let heap = heap_with((700, 10, 10));
    let a = node(&heap);
    let b = node(&heap);
    *a.next.borrow_mut() = Some(b.clone());
    let kids = referents(&Gc::to_any(&a));
    assert_eq!(kids.len(), 1);
    assert!(GcAny::ptr_eq(&kids[0], &Gc::to_any(&b)));
    let refs = heap.referrers(&[Gc::to_any(&b)]);
    assert_eq!(refs.len(), 1);
    assert!(Gc::ptr_eq(&refs[0].clone().downcast::<Node>().unwrap(), &a));
    assert!(heap.referrers(&[Gc::to_any(&a)]).is_empty());
}

#[test]
fn for_each_referent_shows_what_referents_returns_and_lets_visit_run_any_code() {
    let heap = heap_with((700, 10, 10));
    let a = node(&heap);
    let b = node(&heap);
    *a.next.borrow_mut() = Some(b.clone());
    *b.next.borrow_mut() = Some(a.clone());
    let mut seen = Vec::new();
    for_each_referent(&Gc::to_any(&a), |child| {
        // Code run by the visit: a nested call, and a write to the cell just read.
        for_each_referent(&Gc::to_any(&b), |grandchild| seen.push(grandchild));
        seen.push(child);
        *a.next.borrow_mut() = None;
    });
    assert_eq!(seen, [a.address(), b.address()]);
    assert!(a.next.borrow().is_none(), "the visit wrote to the cell");
    assert_eq!(Gc::ref_count(&a), 2, "no handle made: ours and b's");
    assert_eq!(Gc::ref_count(&b), 1, "no handle made: ours");
    // A cell borrowed mutably shows nothing, as with `referents`.
    let c = node(&heap);
    *c.next.borrow_mut() = Some(a.clone());
    let guard = c.next.borrow_mut();
    let mut count = 0;
    for_each_referent(&Gc::to_any(&c), |_| count += 1);
    assert_eq!(count, 0);
    assert!(referents(&Gc::to_any(&c)).is_empty());
    drop(guard);
    for_each_referent(&Gc::to_any(&c), |_| count += 1);
    assert_eq!(count, 1);
}

/// Reads a node's references when the thread's locals are destroyed.
struct ReferentsAtExit {
    node: Gc<Node>,
    seen: std::sync::mpsc::Sender<usize>,
}

impl Drop for ReferentsAtExit {
    fn drop(&mut self) {
        let mut count = 0;
        for_each_referent(&Gc::to_any(&self.node), |_| count += 1);
        let _ = self.seen.send(count);
    }
}

thread_local! {
    static AT_EXIT: RefCell<Option<ReferentsAtExit>> = const { RefCell::new(None) };
}

#[test]
fn for_each_referent_works_in_a_thread_local_destructor() {
    let (seen, count) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let a = Gc::new(Node {
            next: RefCell::new(None),
        });
        *a.next.borrow_mut() = Some(a.clone());
        let node = a.clone();
        AT_EXIT.with(|slot| *slot.borrow_mut() = Some(ReferentsAtExit { node, seen }));
        // The buffer's own destructor is registered now, after AT_EXIT's: it runs first.
        for_each_referent(&Gc::to_any(&a), |_| {});
    })
    .join()
    .unwrap();
    assert_eq!(count.recv().unwrap(), 1, "the node's handle to itself");
}

#[test]
fn tracking_and_sizes() {
    let heap = heap_with((700, 10, 10));
    let n = node(&heap);
    let s = heap.alloc(String::from("abc"));
    assert!(Gc::is_tracked(&n));
    assert!(!Gc::is_tracked(&s));
    Gc::untrack(&n);
    assert!(!Gc::is_tracked(&n));
    assert!(heap.objects(None).is_empty());
    Gc::track(&n);
    assert_eq!(heap.objects(Some(0)).len(), 1);
    assert_eq!(UNTRACKED_HEADER_SIZE, 16);
    assert_eq!(TRACKED_HEADER_SIZE, 32);
    assert_eq!(getsizeof(&Gc::to_any(&n)), 32 + std::mem::size_of::<Node>());
    assert_eq!(getsizeof(&Gc::to_any(&s)), 16 + 24 + s.capacity());
}

/// A value that answers `is_container() == false` although its type may hold handles:
/// allocated untracked, like Python's ints.
#[derive(Debug)]
struct Int(i64);

// SAFETY: owns no handle.
unsafe impl Trace for Int {
    fn trace(&self, _tracer: &mut pymm::Tracer<'_>) {}
    fn is_container(&self) -> bool {
        false
    }
}

#[test]
fn per_value_is_container() {
    let heap = heap_with((700, 10, 10));
    let i = heap.alloc(Int(3));
    assert!(!Gc::is_tracked(&i));
    assert_eq!(getsizeof(&Gc::to_any(&i)), 16 + 8);
    assert_eq!(i.0, 3);
}

#[test]
fn busy_refcell_during_automatic_collection_counts_as_alive() {
    let heap = heap_with((1, 1, 1));
    let root = node(&heap);
    *root.next.borrow_mut() = Some(node(&heap));
    let child = root.next.borrow().clone().unwrap();
    // The child only refers to root's list through a borrowed cell while collections run.
    *child.next.borrow_mut() = Some(root.clone());
    drop(child);
    {
        let mut guard = root.next.borrow_mut();
        for i in 0..50 {
            cycle(&heap); // each allocation may collect while root's cell is borrowed
            assert_eq!(Gc::ref_count(&root), 2, "round {i}");
        }
        let kept = guard.take().expect("child still there");
        assert!(kept.next.borrow().is_some());
        *guard = Some(kept);
    }
    heap.collect(2); // the cycles allocated meanwhile
    assert_eq!(Gc::ref_count(&root), 2);
    drop(root);
    assert_eq!(heap.collect(2), 2);
}
