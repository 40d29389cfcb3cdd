//! Compact payload types (`Trace::COMPACT_INDEX`): objects without the header's vtable
//! word, side by side with objects that have it, in one heap: sizes, cycles across both
//! kinds, tails, weak references, `GcAny` downcasts, teardown with a panicking drop,
//! freeze/unfreeze, stress mode, and a property test against a reachability model.
//!
//! Compact type indices are process-wide: each type here has its own.

use proptest::prelude::*;
use pymm::{Config, Finalize, Gc, GcAny, Heap, Trace, Tracer, Weak};
use std::alloc::Layout;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeSet, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::NonNull;
use std::rc::Rc;

mod support;

/// Two words, no handle, compact.
#[derive(Debug, PartialEq)]
struct Point(u64, u64);

// SAFETY: owns no handle.
unsafe impl Trace for Point {
    const MAY_CONTAIN_GC: bool = false;
    const COMPACT_INDEX: Option<u8> = Some(2);
    fn trace(&self, _: &mut Tracer<'_>) {}
}

/// The same payload, with the vtable word.
struct WidePoint(u64, u64);

// SAFETY: owns no handle.
unsafe impl Trace for WidePoint {
    const MAY_CONTAIN_GC: bool = false;
    fn trace(&self, _: &mut Tracer<'_>) {}
}

/// A handle to either kind of node.
#[derive(Clone)]
enum Edge {
    Compact(Gc<CNode>),
    Wide(Gc<WNode>),
}

impl Edge {
    fn id(&self) -> usize {
        match self {
            Edge::Compact(node) => node.id,
            Edge::Wide(node) => node.id,
        }
    }
}

/// What nodes report: per id, whether the payload was dropped and its finalizer calls.
#[derive(Default)]
struct Log {
    dropped: RefCell<BTreeSet<usize>>,
    finalized: RefCell<HashMap<usize, usize>>,
    /// Ids whose `Drop` panics.
    panicking: RefCell<BTreeSet<usize>>,
}

/// The node of the graphs, in a compact payload type ([`CNode`]) and a wide one ([`WNode`]).
struct Node {
    id: usize,
    edges: RefCell<Vec<Edge>>,
    log: Rc<Log>,
    finalizable: bool,
}

impl Node {
    fn new(id: usize, log: &Rc<Log>) -> Node {
        Node::with_finalizer(id, log, false)
    }

    fn with_finalizer(id: usize, log: &Rc<Log>, finalizable: bool) -> Node {
        Node {
            id,
            edges: RefCell::new(Vec::new()),
            log: log.clone(),
            finalizable,
        }
    }

    fn trace(&self, tracer: &mut Tracer<'_>) {
        for edge in self.edges.borrow().iter() {
            match edge {
                Edge::Compact(node) => tracer.visit(node),
                Edge::Wide(node) => tracer.visit(node),
            }
        }
    }

    fn finalized(&self) {
        *self.log.finalized.borrow_mut().entry(self.id).or_default() += 1;
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.log.dropped.borrow_mut().insert(self.id);
        let panics = self.log.panicking.borrow().contains(&self.id);
        assert!(!panics, "node {} panics in its drop", self.id);
    }
}

struct CNode(Node);
struct WNode(Node);

impl std::ops::Deref for CNode {
    type Target = Node;
    fn deref(&self) -> &Node {
        &self.0
    }
}

impl std::ops::Deref for WNode {
    type Target = Node;
    fn deref(&self) -> &Node {
        &self.0
    }
}

// SAFETY: the trace visits every handle of the node's edges.
unsafe impl Trace for CNode {
    const HAS_FINALIZER: bool = true;
    const COMPACT_INDEX: Option<u8> = Some(3);
    fn trace(&self, tracer: &mut Tracer<'_>) {
        self.0.trace(tracer);
    }
    fn needs_finalizer(&self) -> bool {
        self.finalizable
    }
    fn finalize(this: &Gc<Self>) {
        this.finalized();
    }
}

// SAFETY: as for `CNode`.
unsafe impl Trace for WNode {
    const HAS_FINALIZER: bool = true;
    fn trace(&self, tracer: &mut Tracer<'_>) {
        self.0.trace(tracer);
    }
    fn needs_finalizer(&self) -> bool {
        self.finalizable
    }
    fn finalize(this: &Gc<Self>) {
        this.finalized();
    }
}

fn link(from: &Node, to: Edge) {
    from.edges.borrow_mut().push(to);
}

#[test]
fn a_compact_object_has_no_vtable_word() {
    let heap = Heap::new();
    let before = heap.bytes_in_use();
    let p = heap.alloc(Point(1, 2));
    let compact = heap.bytes_in_use() - before;
    let w = heap.alloc(WidePoint(3, 4));
    let wide = heap.bytes_in_use() - before - compact;
    // 8 + 16 -> a 32-byte block; 16 + 16 -> 32 as well: the size classes are 16 apart.
    assert_eq!(pymm::getsizeof(&Gc::to_any(&p)), 8 + 16);
    assert_eq!(pymm::getsizeof(&Gc::to_any(&w)), 16 + 16);
    assert_eq!((compact, wide), (32, 32));
    assert_eq!(*p, Point(1, 2));
    assert_eq!((w.0, w.1), (3, 4));

    // A compact container one word short of a size class: links 16 + word 8 + 56.
    let log = Rc::new(Log::default());
    let before = heap.bytes_in_use();
    let c = heap.alloc(CNode(Node::new(0, &log)));
    let compact = heap.bytes_in_use() - before;
    let n = heap.alloc(WNode(Node::new(1, &log)));
    let wide = heap.bytes_in_use() - before - compact;
    assert_eq!(std::mem::size_of::<CNode>(), 56);
    assert_eq!(compact, 80, "16 + 8 + 56");
    assert_eq!(wide, 96, "16 + 16 + 56, rounded up");
    assert_eq!(pymm::getsizeof(&Gc::to_any(&c)), 16 + 8 + 56);
    assert_eq!(pymm::getsizeof(&Gc::to_any(&n)), 16 + 16 + 56);
    assert!(Gc::is_tracked(&c) && Gc::is_tracked(&n));
}

#[test]
fn the_payload_address_is_the_handles_and_comes_back_from_raw() {
    let heap = Heap::new();
    let p = heap.alloc(Point(5, 6));
    let addr = Gc::as_ptr(&p);
    assert_eq!(Gc::to_any(&p).as_ptr(), addr.cast());
    let raw = Gc::into_raw(p);
    assert_eq!(raw, addr);
    // SAFETY: from `into_raw` of a `Gc<Point>`, taken back once on this thread.
    let mut back = unsafe { Gc::<Point>::from_raw(raw) };
    assert_eq!(*back, Point(5, 6));
    Gc::get_mut(&mut back).expect("the only handle").0 = 7;
    assert_eq!(Gc::try_unwrap(back).ok(), Some(Point(7, 6)));

    let log = Rc::new(Log::default());
    let holder = heap.alloc(WNode(Node::new(0, &log)));
    let child = heap.alloc(CNode(Node::new(1, &log)));
    link(&holder, Edge::Compact(child.clone()));
    let mut seen = Vec::new();
    pymm::for_each_referent(&Gc::to_any(&holder), |a| seen.push(a));
    assert_eq!(seen, [Gc::as_ptr(&child).cast::<()>()]);
}

#[test]
fn cycles_across_both_kinds_are_collected() {
    let heap = Heap::new();
    // Collected by the call below only, also in stress mode.
    heap.disable();
    let log = Rc::new(Log::default());
    for ring in 0..10 {
        let first = heap.alloc(CNode(Node::new(ring * 3, &log)));
        let second = heap.alloc(WNode(Node::new(ring * 3 + 1, &log)));
        let third = heap.alloc(CNode(Node::with_finalizer(
            ring * 3 + 2,
            &log,
            ring % 2 == 0,
        )));
        link(&first, Edge::Wide(second.clone()));
        link(&second, Edge::Compact(third.clone()));
        link(&third, Edge::Compact(first.clone()));
        link(
            &first,
            Edge::Compact(heap.alloc(CNode(Node::new(1000 + ring, &log)))),
        );
    }
    assert!(log.dropped.borrow().is_empty());
    assert_eq!(heap.collect(2), 40);
    assert_eq!(log.dropped.borrow().len(), 40);
    assert_eq!(log.finalized.borrow().len(), 5);
    assert_eq!(heap.alloc_stats().small_blocks_in_use(), 0);
}

#[test]
fn weak_references_and_new_cyclic_work_on_compact_objects() {
    let heap = Heap::new();
    let log = Rc::new(Log::default());
    let node = heap.alloc(CNode(Node::new(0, &log)));
    let weak: Weak<CNode> = Gc::downgrade(&node);
    assert_eq!(weak.upgrade().map(|n| n.id), Some(0));
    link(&node, Edge::Compact(node.clone()));
    drop(node);
    assert!(weak.is_alive());
    heap.collect(2);
    assert!(weak.upgrade().is_none());
    assert!(log.dropped.borrow().contains(&0));

    /// A compact type that keeps a weak handle to itself.
    struct SelfRef(Weak<SelfRef>, u64);
    // SAFETY: a weak handle is not an edge.
    unsafe impl Trace for SelfRef {
        const MAY_CONTAIN_GC: bool = false;
        const COMPACT_INDEX: Option<u8> = Some(5);
        fn trace(&self, _: &mut Tracer<'_>) {}
    }
    let me = Gc::new_cyclic_in(|weak| SelfRef(weak.clone(), 9), &heap);
    assert!(Gc::ptr_eq(&me.0.upgrade().expect("alive"), &me));
    assert_eq!(me.1, 9);
}

#[test]
fn gc_any_downcasts_tell_the_kinds_apart() {
    let heap = Heap::new();
    let log = Rc::new(Log::default());
    let c: GcAny = Gc::to_any(&heap.alloc(CNode(Node::new(0, &log))));
    let w: GcAny = Gc::to_any(&heap.alloc(WNode(Node::new(1, &log))));
    let p: GcAny = Gc::to_any(&heap.alloc(Point(1, 1)));
    assert!(
        c.downcast_ref::<CNode>().is_some()
            && c.downcast_ref::<WNode>().is_none()
            && c.downcast_ref::<Point>().is_none()
    );
    assert!(w.downcast_ref::<WNode>().is_some() && w.downcast_ref::<CNode>().is_none());
    assert!(p.downcast_ref::<Point>().is_some() && p.downcast_ref::<WidePoint>().is_none());
    assert!(c.type_name().ends_with("CNode"));
    assert!(p.type_name().ends_with("Point"));
    assert_eq!(c.downcast_ref::<CNode>().map(|n| n.id), Some(0));
    assert_eq!(w.downcast_ref::<WNode>().map(|n| n.id), Some(1));
    let Err(c) = c.downcast::<WNode>() else {
        panic!("a CNode downcast to a WNode");
    };
    let Ok(c) = c.downcast::<CNode>() else {
        panic!("a CNode not downcast to its type");
    };
    assert_eq!(c.id, 0);
    assert_eq!(
        heap.objects(None)
            .iter()
            .filter(|o| o.downcast_ref::<CNode>().is_some() || o.downcast_ref::<WNode>().is_some())
            .count(),
        2
    );
}

#[test]
fn a_panicking_drop_in_a_mixed_cycle_frees_every_block() {
    let heap = Heap::new();
    let log = Rc::new(Log::default());
    log.panicking.borrow_mut().insert(1);
    {
        let a = heap.alloc(CNode(Node::new(0, &log)));
        let b = heap.alloc(CNode(Node::new(1, &log)));
        let c = heap.alloc(WNode(Node::new(2, &log)));
        link(&a, Edge::Compact(b.clone()));
        link(&b, Edge::Wide(c.clone()));
        link(&c, Edge::Compact(a.clone()));
    }
    let result = catch_unwind(AssertUnwindSafe(|| heap.collect(2)));
    assert!(
        result.is_err(),
        "the panic of node 1's drop reaches the caller"
    );
    assert_eq!(log.dropped.borrow().len(), 3);
    assert_eq!(heap.alloc_stats().small_blocks_in_use(), 0);
}

#[test]
fn frozen_compact_objects_are_skipped_until_unfrozen() {
    let heap = Heap::new();
    let log = Rc::new(Log::default());
    {
        let a = heap.alloc(CNode(Node::new(0, &log)));
        let b = heap.alloc(WNode(Node::new(1, &log)));
        link(&a, Edge::Wide(b.clone()));
        link(&b, Edge::Compact(a.clone()));
    }
    heap.freeze();
    assert_eq!(heap.freeze_count(), 2);
    assert_eq!(heap.collect(2), 0);
    heap.unfreeze();
    assert_eq!(heap.collect(2), 2);
    assert_eq!(log.dropped.borrow().len(), 2);
}

/// A compact payload with a tail of counted handles.
struct Row {
    len: usize,
    items: NonNull<Gc<Point>>,
}

impl Row {
    fn items(&self) -> &[Gc<Point>] {
        // SAFETY: `len` handles were written into the tail, which lives with the object.
        unsafe { std::slice::from_raw_parts(self.items.as_ptr(), self.len) }
    }
}

impl Drop for Row {
    fn drop(&mut self) {
        let items = std::ptr::slice_from_raw_parts_mut(self.items.as_ptr(), self.len);
        // SAFETY: the tail's handles are dropped once, here.
        unsafe { std::ptr::drop_in_place(items) };
    }
}

// SAFETY: the trace visits each handle of the tail; `tail_size` is the allocated size.
unsafe impl Trace for Row {
    const HAS_TAIL: bool = true;
    const COMPACT_INDEX: Option<u8> = Some(4);
    fn trace(&self, tracer: &mut Tracer<'_>) {
        self.items().iter().for_each(|item| tracer.visit(item));
    }
    fn tail_size(&self) -> usize {
        self.len * std::mem::size_of::<Gc<Point>>()
    }
}

fn row(heap: &Heap, values: Vec<Gc<Point>>) -> Gc<Row> {
    let tail = Layout::array::<Gc<Point>>(values.len()).unwrap();
    // SAFETY: `init` writes `len` handles and `Row::tail_size` reports their size.
    unsafe {
        Gc::try_new_with_tail_in(heap, tail, true, |tail: NonNull<u8>| {
            let items = tail.cast::<Gc<Point>>();
            let len = values.len();
            for (i, value) in values.into_iter().enumerate() {
                items.as_ptr().add(i).write(value);
            }
            Row { len, items }
        })
    }
    .expect("room")
}

#[test]
fn compact_objects_with_tails_are_sized_and_freed_by_their_tail() {
    let heap = Heap::new();
    let one = heap.alloc(Point(1, 0));
    let before = heap.bytes_in_use();
    let r = row(
        &heap,
        vec![one.clone(), one.clone(), heap.alloc(Point(2, 0))],
    );
    // links 16 + word 8 + Row 16 + 3 handles 24 = 64; and the new point's 32.
    assert_eq!(heap.bytes_in_use() - before, 64 + 32);
    assert_eq!(pymm::getsizeof(&Gc::to_any(&r)), 16 + 8 + 16 + 24);
    assert_eq!(r.items().iter().map(|p| p.0).sum::<u64>(), 4);
    assert_eq!(Gc::ref_count(&one), 3);
    assert_eq!(pymm::referents(&Gc::to_any(&r)).len(), 3);
    drop(r);
    assert_eq!(Gc::ref_count(&one), 1);
    assert_eq!(heap.bytes_in_use(), before);

    // A row in garbage torn down by the collector: a cycle through a node.
    let log = Rc::new(Log::default());
    let node = heap.alloc(CNode(Node::new(0, &log)));
    let r = row(&heap, vec![one.clone()]);
    let keeper = heap.alloc(WNode(Node::new(1, &log)));
    link(&node, Edge::Wide(keeper.clone()));
    link(&keeper, Edge::Compact(node.clone()));
    drop((node, keeper, r));
    assert_eq!(heap.collect(2), 2);
    assert_eq!(heap.bytes_in_use(), before);
}

#[test]
fn stress_mode_collects_at_every_container_allocation() {
    let heap = Heap::with_config(Config::default().stress(true));
    let log = Rc::new(Log::default());
    let mut keep = Vec::new();
    for i in 0..200 {
        let c = heap.alloc(CNode(Node::new(2 * i, &log)));
        let w = heap.alloc(WNode(Node::new(2 * i + 1, &log)));
        link(&c, Edge::Wide(w.clone()));
        if i % 3 == 0 {
            link(&w, Edge::Compact(c.clone()));
        }
        if i % 5 == 0 {
            keep.push(Edge::Compact(c));
        }
    }
    let kept: BTreeSet<usize> = keep.iter().map(Edge::id).collect();
    heap.collect(2);
    let dropped = log.dropped.borrow().clone();
    for i in 0..400 {
        let alive = kept.contains(&i) || (i % 2 == 1 && kept.contains(&(i - 1)));
        assert_eq!(!dropped.contains(&i), alive, "node {i}");
    }
    drop(keep);
    heap.collect(2);
    assert_eq!(heap.alloc_stats().small_blocks_in_use(), 0);
}

#[test]
fn two_types_claiming_one_index_panic_naming_both() {
    struct First(#[allow(dead_code)] u8);
    struct Second(#[allow(dead_code)] u8);
    // SAFETY: owns no handle.
    unsafe impl Trace for First {
        const MAY_CONTAIN_GC: bool = false;
        const COMPACT_INDEX: Option<u8> = Some(15);
        fn trace(&self, _: &mut Tracer<'_>) {}
    }
    // SAFETY: owns no handle.
    unsafe impl Trace for Second {
        const MAY_CONTAIN_GC: bool = false;
        const COMPACT_INDEX: Option<u8> = Some(15);
        fn trace(&self, _: &mut Tracer<'_>) {}
    }
    let heap = Heap::new();
    let first = heap.alloc(First(1));
    let Err(err) = catch_unwind(AssertUnwindSafe(|| heap.alloc(Second(2)))) else {
        panic!("two types allocated with one compact index");
    };
    let message = err.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(
        message.contains("compact type index 15")
            && message.contains("First")
            && message.contains("Second"),
        "{message}"
    );
    // The first type keeps its index; nothing was allocated for the second.
    drop(heap.alloc(First(3)));
    drop(first);
    assert_eq!(heap.alloc_stats().small_blocks_in_use(), 0);
}

#[test]
fn an_over_aligned_compact_payload_stays_aligned() {
    #[repr(align(32))]
    struct Wide(u64);
    // SAFETY: owns no handle.
    unsafe impl Trace for Wide {
        const MAY_CONTAIN_GC: bool = false;
        const COMPACT_INDEX: Option<u8> = Some(6);
        fn trace(&self, _: &mut Tracer<'_>) {}
    }
    let heap = Heap::new();
    let all: Vec<Gc<Wide>> = (0..8).map(|i| heap.alloc(Wide(i))).collect();
    for (i, w) in all.iter().enumerate() {
        assert_eq!(Gc::as_ptr(w).addr() % 32, 0);
        assert_eq!(w.0, i as u64);
    }
    drop(all);
    assert_eq!(heap.alloc_stats().small_blocks_in_use(), 0);
}

/// The mixed graph of the property test: every operation on the heap and on a model.
#[derive(Clone, Debug)]
enum Op {
    Alloc { compact: bool, finalizable: bool },
    Link(usize, usize),
    Unlink(usize, usize),
    DropRoot(usize),
    Weak(usize),
    Collect(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (any::<bool>(), any::<bool>())
            .prop_map(|(compact, finalizable)| Op::Alloc { compact, finalizable }),
        4 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::Link(a, b)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::Unlink(a, b)),
        2 => any::<usize>().prop_map(Op::DropRoot),
        1 => any::<usize>().prop_map(Op::Weak),
        1 => (0usize..3).prop_map(Op::Collect),
    ]
}

/// A weak handle to either kind.
enum WeakEdge {
    Compact(Weak<CNode>),
    Wide(Weak<WNode>),
}

impl WeakEdge {
    fn of(edge: &Edge) -> WeakEdge {
        match edge {
            Edge::Compact(node) => WeakEdge::Compact(Gc::downgrade(node)),
            Edge::Wide(node) => WeakEdge::Wide(Gc::downgrade(node)),
        }
    }

    fn upgrade(&self) -> Option<Edge> {
        match self {
            WeakEdge::Compact(weak) => weak.upgrade().map(Edge::Compact),
            WeakEdge::Wide(weak) => weak.upgrade().map(Edge::Wide),
        }
    }
}

fn node_of(edge: &Edge) -> &Node {
    match edge {
        Edge::Compact(node) => node,
        Edge::Wide(node) => node,
    }
}

fn ref_count(edge: &Edge) -> usize {
    match edge {
        Edge::Compact(node) => Gc::ref_count(node),
        Edge::Wide(node) => Gc::ref_count(node),
    }
}

/// The heap, its objects and the model: ids, edges, roots.
struct World {
    heap: Heap,
    log: Rc<Log>,
    roots: Vec<Edge>,
    all: Vec<WeakEdge>,
    weaks: Vec<(usize, WeakEdge)>,
    edges: HashMap<usize, Vec<usize>>,
    alive: BTreeSet<usize>,
    root_ids: Vec<usize>,
}

impl World {
    fn new(stress: bool) -> World {
        World {
            heap: Heap::with_config(Config::default().thresholds(7, 3, 3).stress(stress)),
            log: Rc::default(),
            roots: Vec::new(),
            all: Vec::new(),
            weaks: Vec::new(),
            edges: HashMap::new(),
            alive: BTreeSet::new(),
            root_ids: Vec::new(),
        }
    }

    fn reachable(&self) -> BTreeSet<usize> {
        let mut seen = BTreeSet::new();
        let mut stack = self.root_ids.clone();
        while let Some(id) = stack.pop() {
            if seen.insert(id) {
                stack.extend(self.edges.get(&id).into_iter().flatten());
            }
        }
        seen
    }

    fn pick_alive(&self, n: usize) -> Option<usize> {
        let alive: Vec<usize> = self.alive.iter().copied().collect();
        (!alive.is_empty()).then(|| alive[n % alive.len()])
    }

    fn apply(&mut self, op: &Op) {
        match *op {
            Op::Alloc {
                compact,
                finalizable,
            } => {
                let id = self.all.len();
                let node = Node::with_finalizer(id, &self.log, finalizable);
                let edge = if compact {
                    Edge::Compact(self.heap.alloc(CNode(node)))
                } else {
                    Edge::Wide(self.heap.alloc(WNode(node)))
                };
                self.all.push(WeakEdge::of(&edge));
                self.roots.push(edge);
                self.root_ids.push(id);
                self.alive.insert(id);
            }
            Op::Link(a, b) => {
                let (Some(from), Some(to)) = (self.pick_alive(a), self.pick_alive(b)) else {
                    return;
                };
                if let (Some(f), Some(t)) = (self.all[from].upgrade(), self.all[to].upgrade()) {
                    link(node_of(&f), t);
                    self.edges.entry(from).or_default().push(to);
                }
            }
            Op::Unlink(a, b) => {
                let Some(from) = self.pick_alive(a) else {
                    return;
                };
                let Some(f) = self.all[from].upgrade() else {
                    return;
                };
                let len = node_of(&f).edges.borrow().len();
                if len > 0 {
                    let removed = node_of(&f).edges.borrow_mut().remove(b % len);
                    drop(removed);
                    self.edges.get_mut(&from).unwrap().remove(b % len);
                }
            }
            Op::DropRoot(n) => {
                if !self.roots.is_empty() {
                    let i = n % self.roots.len();
                    self.roots.swap_remove(i);
                    self.root_ids.swap_remove(i);
                }
            }
            Op::Weak(n) => {
                if !self.roots.is_empty() {
                    let i = n % self.roots.len();
                    self.weaks
                        .push((self.root_ids[i], WeakEdge::of(&self.roots[i])));
                }
            }
            Op::Collect(g) => {
                self.heap.collect(g);
            }
        }
        self.sync();
    }

    /// Adopts the heap's view of what died, checking that only unreachable objects did.
    fn sync(&mut self) {
        let reachable = self.reachable();
        let dead: Vec<usize> = self
            .alive
            .iter()
            .copied()
            .filter(|id| self.log.dropped.borrow().contains(id))
            .collect();
        for id in dead {
            assert!(!reachable.contains(&id), "object {id} died while reachable");
            self.alive.remove(&id);
        }
    }

    fn check_after_full_collection(&mut self) {
        self.heap.collect(2);
        self.sync();
        let reachable = self.reachable();
        for id in 0..self.all.len() {
            let alive = !self.log.dropped.borrow().contains(&id);
            assert_eq!(alive, reachable.contains(&id), "object {id}");
            assert_eq!(self.all[id].upgrade().is_some(), alive, "weak of {id}");
        }
        for (id, weak) in &self.weaks {
            assert_eq!(
                weak.upgrade().is_some(),
                reachable.contains(id),
                "weak to {id}"
            );
        }
        let mut expected: HashMap<usize, usize> = HashMap::new();
        for id in self.root_ids.iter().chain(
            self.edges
                .iter()
                .filter(|(from, _)| self.alive.contains(from))
                .flat_map(|(_, tos)| tos),
        ) {
            *expected.entry(*id).or_default() += 1;
        }
        for root in &self.roots {
            let id = root.id();
            assert_eq!(ref_count(root), expected[&id], "count of {id}");
        }
        for (id, n) in self.log.finalized.borrow().iter() {
            assert!(*n <= 1, "finalizer of {id} ran {n} times");
        }
    }
}

fn run(ops: &[Op], stress: bool) {
    let mut world = World::new(stress);
    for op in ops {
        world.apply(op);
    }
    world.check_after_full_collection();
    world.roots.clear();
    world.root_ids.clear();
    world.check_after_full_collection();
    assert_eq!(world.heap.alloc_stats().small_blocks_in_use(), 0);
}

proptest! {
    #![proptest_config(support::proptest_config())]

    #[test]
    fn mixed_kinds_match_the_reachability_model(ops in prop::collection::vec(op(), 0..if cfg!(miri) { 40 } else { 200 })) {
        run(&ops, pymm::stress_from_env());
    }

    #[test]
    fn mixed_kinds_match_the_model_in_stress_mode(ops in prop::collection::vec(op(), 0..if cfg!(miri) { 20 } else { 120 })) {
        run(&ops, true);
    }
}

/// Counts drops, to tell a finalizer's `Finalize` impl apart from the trait's default.
#[derive(Default)]
struct Counter(Cell<usize>);

/// A compact payload whose finalizer comes from a `Finalize` impl (the derive's path).
struct Fin(Rc<Counter>);

impl Finalize for Fin {
    fn finalize(this: &Gc<Self>) {
        this.0 .0.set(this.0 .0.get() + 1);
    }
}

// SAFETY: owns no handle.
unsafe impl Trace for Fin {
    const HAS_FINALIZER: bool = true;
    const COMPACT_INDEX: Option<u8> = Some(7);
    fn trace(&self, _: &mut Tracer<'_>) {}
    fn finalize(this: &Gc<Self>) {
        <Fin as Finalize>::finalize(this);
    }
}

#[test]
fn a_compact_objects_finalizer_runs_once_at_refcount_zero() {
    let counter = Rc::new(Counter::default());
    let heap = Heap::new();
    let fin = heap.alloc(Fin(counter.clone()));
    let other = fin.clone();
    drop(fin);
    assert_eq!(counter.0.get(), 0);
    drop(other);
    assert_eq!(counter.0.get(), 1);
    assert_eq!(heap.alloc_stats().small_blocks_in_use(), 0);
}
