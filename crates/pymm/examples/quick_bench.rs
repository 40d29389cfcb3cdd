//! Quick figures for tuning the collector without the bench crate (release build), on the
//! shapes of pymm-bench's `gc` suite (crates/pymm-bench/src/suites/gc/shapes.rs) and on
//! the thread's default heap, as the bench runs them:
//! * `churn`: create and drop small containers one by one (vs `Rc` on the global allocator,
//!   glibc's malloc here, and vs `Rc`'s steps over pymm-alloc and over mimalloc, the
//!   global allocator of `pymm-bench`, whose `rc` contender is thus `Rc` on mimalloc), ns
//!   per object (`churn_pymm`, `churn_rc`, `churn_rc_pymm_alloc`, `churn_rc_mimalloc`: one
//!   contender alone, for instruction counts); with
//!   `KEEPER=1` in the environment one more such object stays alive meanwhile, so that
//!   its pool never empties (the figure is then pymm's own cost, without the allocator
//!   setting the pool up again at every allocation);
//! * `cyclic`: two-object cycles, one full collection, ns per object found and freed;
//! * `cyclic_barriered`: the same with each cycle closed through the write barrier
//!   (`GcRefCell`, `Gc::write`), as the `gc` suite's pymm contender closes it: the written
//!   half are events on generation 0's members, left in place (the whole generation counts
//!   as suspects, see `collector::suspects`), so the collected list stays in allocation
//!   order;
//! * `live`: rooted chains (each link cloned from the previous head), one full collection
//!   that finds nothing, ns per object (`Chain` has fixed edges: the collection is
//!   skipped, see `collector/unchanged.rs`);
//! * `livecells`: the same chains with each link in a `RefCell`, so the collection scans
//!   the whole heap (subtraction and reach) and finds nothing, ns per object;
//! * `stress`: rust-cc-benchmarks' stress test (random graph de-rooted a slice at a time),
//!   ms per run;
//! * `traversal`: pyperformance's gc_traversal (level n holds n references to level n-1,
//!   1000 levels, nothing to collect), us per full collection;
//! * `skips`: the traversal heap collected `objects` times (all but the first skipped), ns per
//!   collection: two runs under callgrind give a skipped collection's instructions;
//! * `trees`: binary_trees (depth 11: full trees built bottom-up, counted and dropped),
//!   ms per run;
//! * `lists`: large_linked_lists (30 doubly linked lists of 4096 nodes, the back links in
//!   cells), ms per run.
//!
//! `trees` and `lists` also print the collections of each generation; `GC_STATS=1` in the
//! environment prints CPython's `DEBUG_STATS` lines (generation sizes) at every collection,
//! and `THRESHOLDS=T0,T1,T2` sets the default heap's thresholds first.
//!
//! `cargo run --release -p pymm --example quick_bench [objects] [churn|churn_pymm|churn_rc|churn_rc_pymm_alloc|churn_rc_mimalloc|cyclic|cyclic_barriered|live|livecells|stress|traversal|skips|trees|lists]`

use pymm::{Gc, GcRefCell, Heap, Trace};
use std::cell::RefCell;
use std::hint::black_box;
use std::rc::Rc;
use std::time::Instant;

/// The bench's churn object: a container holding nothing.
#[derive(Trace)]
struct Churn {
    value: u64,
    child: Option<Gc<Churn>>,
}

/// `Rc`'s version of [`Churn`].
struct RcChurn {
    value: u64,
    child: Option<Rc<RcChurn>>,
}

/// One half of a two-object cycle.
#[derive(Trace)]
struct Pair {
    other: RefCell<Option<Gc<Pair>>>,
}

/// [`Pair`] with its handle in a barriered cell.
#[derive(Trace)]
struct BarrieredPair {
    other: GcRefCell<Option<Gc<BarrieredPair>>>,
}

/// A link of a live chain.
#[derive(Trace)]
struct Chain {
    next: Option<Gc<Chain>>,
}

/// A link of a live chain held in a cell: the collector must scan it.
#[derive(Trace)]
struct CellChain {
    next: RefCell<Option<Gc<CellChain>>>,
}

/// A node of the stress test's random graph.
#[derive(Trace)]
struct GraphNode {
    label: String,
    edges: RefCell<Vec<Gc<GraphNode>>>,
}

fn heap() -> Heap {
    Heap::thread_default()
}

fn ns_per(start: Instant, n: usize) -> f64 {
    start.elapsed().as_nanos() as f64 / n as f64
}

/// Create and drop `n` small containers, one at a time, with `contender`: ns per object.
fn acyclic_churn(n: usize, contender: Churner) -> f64 {
    match contender {
        Churner::Pymm => {
            let keeper = std::env::var_os("KEEPER").map(|_| {
                Gc::new(Churn {
                    value: 0,
                    child: None,
                })
            });
            let start = Instant::now();
            for value in 0..n as u64 {
                let object = Gc::new(Churn { value, child: None });
                black_box(object.value + u64::from(object.child.is_some()));
            }
            heap().collect(2);
            let ns = ns_per(start, n);
            drop(keeper);
            ns
        }
        Churner::Rc => {
            let start = Instant::now();
            for value in 0..n as u64 {
                let object = Rc::new(RcChurn { value, child: None });
                black_box(object.value + u64::from(object.child.is_some()));
            }
            ns_per(start, n)
        }
        Churner::RcOnPymmAlloc => rc_in_churn(n, &pymm_alloc::Heap::new()),
        Churner::RcOnMimalloc => rc_in_churn(n, &mimalloc::MiMalloc),
    }
}

/// [`acyclic_churn`] with [`RcIn`] over `alloc`.
fn rc_in_churn<A: RcAlloc>(n: usize, alloc: &A) -> f64 {
    let keeper = std::env::var_os("KEEPER").map(|_| {
        RcIn::new_in(
            RcInChurn::<A> {
                value: 0,
                child: None,
            },
            alloc,
        )
    });
    let start = Instant::now();
    for value in 0..n as u64 {
        let object = RcIn::new_in(RcInChurn::<A> { value, child: None }, alloc);
        black_box(object.value + u64::from(object.child.is_some()));
    }
    let ns = ns_per(start, n);
    drop(keeper);
    ns
}

/// The contenders of the churn shape.
#[derive(Clone, Copy)]
enum Churner {
    Pymm,
    /// `std::rc::Rc` on the global allocator (glibc here; `pymm-bench gc` runs it on
    /// mimalloc, see [`Churner::RcOnMimalloc`]).
    Rc,
    /// [`RcIn`]: `Rc`'s counts and free path over pymm-alloc, the allocator pymm's
    /// objects use, so that the difference is the count and free paths alone.
    RcOnPymmAlloc,
    /// [`RcIn`] over mimalloc: what `pymm-bench gc`'s `rc` contender runs on (its global
    /// allocator is mimalloc), without `__rust_alloc`'s shim.
    RcOnMimalloc,
}

/// The allocator under [`RcIn`].
trait RcAlloc {
    fn alloc(&self, layout: std::alloc::Layout) -> std::ptr::NonNull<u8>;
    /// # Safety
    /// `block` came from [`RcAlloc::alloc`] of this allocator with `layout`.
    unsafe fn dealloc(&self, block: std::ptr::NonNull<u8>, layout: std::alloc::Layout);
}

impl RcAlloc for pymm_alloc::Heap {
    #[inline(always)]
    fn alloc(&self, layout: std::alloc::Layout) -> std::ptr::NonNull<u8> {
        match pymm_alloc::Heap::alloc(self, layout) {
            Ok(block) => block.cast(),
            Err(_) => std::alloc::handle_alloc_error(layout),
        }
    }

    #[inline(always)]
    unsafe fn dealloc(&self, block: std::ptr::NonNull<u8>, layout: std::alloc::Layout) {
        // SAFETY: forwarded contract.
        unsafe { pymm_alloc::Heap::dealloc(self, block, layout) }
    }
}

impl RcAlloc for mimalloc::MiMalloc {
    #[inline(always)]
    fn alloc(&self, layout: std::alloc::Layout) -> std::ptr::NonNull<u8> {
        // SAFETY: `RcInBox`'s layout is never zero-sized.
        let block = unsafe { std::alloc::GlobalAlloc::alloc(self, layout) };
        std::ptr::NonNull::new(block).unwrap_or_else(|| std::alloc::handle_alloc_error(layout))
    }

    #[inline(always)]
    unsafe fn dealloc(&self, block: std::ptr::NonNull<u8>, layout: std::alloc::Layout) {
        // SAFETY: forwarded contract.
        unsafe { std::alloc::GlobalAlloc::dealloc(self, block.as_ptr(), layout) }
    }
}

/// `RcIn`'s version of [`Churn`].
struct RcInChurn<'h, A: RcAlloc> {
    value: u64,
    child: Option<RcIn<'h, RcInChurn<'h, A>, A>>,
}

/// What `std::rc::Rc<T, &A>` would be (`Rc::new_in` is unstable): the same block (strong
/// count, weak count, value), the same steps at drop (strong count down; at zero the value
/// dropped out of line, the implicit weak count down, the block freed), the allocator held
/// by the handle as `Rc<T, A>` holds its `A`.
struct RcIn<'h, T, A: RcAlloc> {
    block: std::ptr::NonNull<RcInBox<T>>,
    heap: &'h A,
}

struct RcInBox<T> {
    strong: std::cell::Cell<usize>,
    weak: std::cell::Cell<usize>,
    value: T,
}

impl<'h, T, A: RcAlloc> RcIn<'h, T, A> {
    #[inline]
    fn new_in(value: T, heap: &'h A) -> Self {
        let layout = std::alloc::Layout::new::<RcInBox<T>>();
        let block = heap.alloc(layout).cast::<RcInBox<T>>();
        // SAFETY: a fresh block of `RcInBox<T>`'s layout.
        unsafe {
            block.as_ptr().write(RcInBox {
                strong: std::cell::Cell::new(1),
                weak: std::cell::Cell::new(1),
                value,
            })
        };
        RcIn { block, heap }
    }

    #[inline(never)]
    fn drop_slow(&mut self) {
        // SAFETY: the last strong handle: the value is dropped once, then the block freed
        // once the implicit weak count is gone, with the layout it was allocated with.
        unsafe {
            std::ptr::drop_in_place(&raw mut (*self.block.as_ptr()).value);
            let inner = self.block.as_ref();
            inner.weak.set(inner.weak.get() - 1);
            if inner.weak.get() == 0 {
                self.heap
                    .dealloc(self.block.cast(), std::alloc::Layout::new::<RcInBox<T>>());
            }
        }
    }
}

impl<T, A: RcAlloc> std::ops::Deref for RcIn<'_, T, A> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: a handle keeps its block and value alive.
        unsafe { &self.block.as_ref().value }
    }
}

impl<T, A: RcAlloc> Drop for RcIn<'_, T, A> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: a handle keeps its block alive.
        let inner = unsafe { self.block.as_ref() };
        inner.strong.set(inner.strong.get() - 1);
        if inner.strong.get() == 0 {
            self.drop_slow();
        }
    }
}

/// `n` two-object cycles, then one full collection: ns per object found and freed.
fn cyclic_garbage(n: usize) -> f64 {
    collect_cycles(n, || {
        let first = Gc::new(Pair {
            other: RefCell::new(None),
        });
        let second = Gc::new(Pair {
            other: RefCell::new(Some(first.clone())),
        });
        *first.other.borrow_mut() = Some(second);
    })
}

/// [`cyclic_garbage`] with each cycle closed through the write barrier.
fn cyclic_garbage_barriered(n: usize) -> f64 {
    collect_cycles(n, || {
        let first = Gc::new(BarrieredPair {
            other: GcRefCell::new(None),
        });
        let second = Gc::new(BarrieredPair {
            other: GcRefCell::new(Some(first.clone())),
        });
        *pymm::write_field!(Gc::write(&first), BarrieredPair, other).borrow_mut() = Some(second);
    })
}

/// `n` two-object cycles left by `make_cycle`, then one full collection: ns per object
/// found and freed.
fn collect_cycles(n: usize, mut make_cycle: impl FnMut()) -> f64 {
    heap().disable();
    for _ in 0..n {
        make_cycle();
    }
    let start = Instant::now();
    let found = heap().collect(2);
    let ns = ns_per(start, found);
    heap().enable();
    assert_eq!(found, 2 * n);
    ns
}

/// Rooted chains of 1000 links, `n` objects in all; one full collection that finds nothing.
fn live_heap(n: usize) -> f64 {
    live_chains(n, |next| Chain { next })
}

/// [`live_heap`] with [`CellChain`] links: a full collection that scans and finds nothing.
fn live_heap_cells(n: usize) -> f64 {
    live_chains(n, |next| CellChain {
        next: RefCell::new(next),
    })
}

/// Rooted chains of 1000 links made by `link` (given the next link), `n` objects in all;
/// the ns per object of one full collection, which must find nothing.
fn live_chains<T: Trace + 'static>(n: usize, link: impl Fn(Option<Gc<T>>) -> T) -> f64 {
    const LENGTH: usize = 1000;
    heap().disable();
    let roots: Vec<Gc<T>> = (0..n.div_ceil(LENGTH))
        .map(|_| {
            let mut head = Gc::new(link(None));
            for _ in 1..LENGTH {
                head = Gc::new(link(Some(head.clone())));
            }
            head
        })
        .collect();
    let start = Instant::now();
    let found = heap().collect(2);
    let ns = ns_per(start, roots.len() * LENGTH);
    assert_eq!(found, 0);
    drop(roots);
    heap().collect(2);
    heap().enable();
    ns
}

/// A container of gc_traversal: references to the level below.
#[derive(Trace)]
struct Nest {
    items: Vec<Gc<Nest>>,
}

/// pyperformance gc_traversal: us per full collection over 1000 nested levels.
fn traversal() -> f64 {
    traversal_collections(20)
}

/// [`traversal`] with `collections` timed collections: each one over the unchanged heap is
/// skipped, so the difference of two runs' instructions over the difference of their
/// counts is a skipped collection's cost.
fn traversal_collections(collections: u32) -> f64 {
    let mut top = Gc::new(Nest { items: Vec::new() });
    for width in 0..1000 {
        let items = (0..width).map(|_| top.clone()).collect();
        top = Gc::new(Nest { items });
    }
    heap().collect(2);
    let start = Instant::now();
    for _ in 0..collections {
        assert_eq!(heap().collect(2), 0);
    }
    let us = start.elapsed().as_secs_f64() * 1e6 / f64::from(collections);
    drop(top);
    heap().collect(2);
    us
}

/// A binary tree node (a leaf has no children).
#[derive(Trace)]
struct Tree {
    left: Option<Gc<Tree>>,
    right: Option<Gc<Tree>>,
}

/// A full tree of `depth` levels below the root, built bottom-up as the bench does.
fn build_tree(depth: usize) -> Gc<Tree> {
    let mut level: Vec<Gc<Tree>> = (0..1usize << depth)
        .map(|_| {
            Gc::new(Tree {
                left: None,
                right: None,
            })
        })
        .collect();
    while level.len() > 1 {
        let mut nodes = level.into_iter();
        let mut parents = Vec::with_capacity(nodes.len() / 2);
        while let (Some(left), Some(right)) = (nodes.next(), nodes.next()) {
            parents.push(Gc::new(Tree {
                left: Some(left),
                right: Some(right),
            }));
        }
        level = parents;
    }
    level.pop().expect("a tree has a root")
}

/// Nodes in a tree, with an explicit stack.
fn count_tree(root: &Gc<Tree>) -> usize {
    let mut stack: Vec<&Tree> = vec![root];
    let mut count = 0;
    while let Some(node) = stack.pop() {
        count += 1;
        stack.extend(
            [node.left.as_deref(), node.right.as_deref()]
                .into_iter()
                .flatten(),
        );
    }
    count
}

/// The bench's binary_trees at depth 11: ms per run.
fn binary_trees() -> f64 {
    const DEPTH: usize = 11;
    let start = Instant::now();
    for depth in (4..DEPTH).step_by(2) {
        let iterations = 1usize << (DEPTH - depth + 4);
        let check: usize = (0..iterations)
            .map(|_| count_tree(&build_tree(depth)))
            .sum();
        black_box(check);
    }
    heap().collect(2);
    start.elapsed().as_secs_f64() * 1e3
}

/// A doubly linked list node (`next: None` is the list's end).
#[derive(Trace)]
struct ListNode {
    next: Option<Gc<ListNode>>,
    previous: RefCell<Option<Gc<ListNode>>>,
}

/// The bench's large_linked_lists: 30 lists of 4096 nodes, ms per run.
fn linked_lists() -> f64 {
    let start = Instant::now();
    for _ in 0..30 {
        let mut head = Gc::new(ListNode {
            next: None,
            previous: RefCell::new(None),
        });
        for _ in 0..4096 {
            let cons = Gc::new(ListNode {
                next: Some(head.clone()),
                previous: RefCell::new(None),
            });
            if head.next.is_some() {
                *head.previous.borrow_mut() = Some(cons.clone());
            }
            head = cons;
        }
        let mut node: &ListNode = &head;
        let mut length = 0;
        while let Some(next) = node.next.as_deref() {
            node = next;
            length += 1;
        }
        black_box(length);
    }
    heap().collect(2);
    start.elapsed().as_secs_f64() * 1e3
}

/// Small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n as u64) as usize
    }
}

/// rust-cc-benchmarks' stress test with 2^15 nodes: ms per run.
fn stress_test() -> f64 {
    const LOG2: u32 = 15;
    let node_count = 1usize << LOG2;
    let shrink_every = (node_count >> 5).max(1);
    let mut rng = Rng(0xCAFE);
    let start = Instant::now();
    let mut nodes: Vec<Gc<GraphNode>> = (0..=node_count)
        .map(|index| {
            Gc::new(GraphNode {
                label: format!("Node {index}"),
                edges: RefCell::new(Vec::new()),
            })
        })
        .collect();
    for _ in 0..=node_count {
        let from = rng.below(nodes.len());
        let to = rng.below(nodes.len());
        let edge = nodes[to].clone();
        nodes[from].edges.borrow_mut().push(edge);
    }
    for index in (0..node_count).step_by(shrink_every) {
        nodes.truncate(node_count - index);
        heap().collect(2);
        black_box(nodes.len());
    }
    black_box(nodes.first().map(|node| node.label.len()));
    drop(nodes);
    heap().collect(2);
    start.elapsed().as_secs_f64() * 1e3
}

/// Collections of each generation so far, and the objects they found.
fn print_collections() {
    let stats = heap().stats();
    let line: Vec<String> = stats
        .iter()
        .map(|s| format!("{} ({} found)", s.collections, s.collected))
        .collect();
    println!(
        "                collections of generations 0, 1, 2: {}",
        line.join(", ")
    );
}

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let only = std::env::args().nth(2).unwrap_or_default();
    let wanted = |shape: &str| only.is_empty() || only == shape;
    if let Ok(t) = std::env::var("THRESHOLDS") {
        let t: Vec<usize> = t.split(',').map(|x| x.parse().unwrap()).collect();
        heap().set_threshold(t[0], t[1], t[2]);
    }
    if std::env::var_os("GC_STATS").is_some() {
        heap().set_debug(pymm::DebugFlags::STATS);
    }
    if wanted("churn") {
        let pymm = acyclic_churn(n, Churner::Pymm);
        let rc = acyclic_churn(n, Churner::Rc);
        let rc_pa = acyclic_churn(n, Churner::RcOnPymmAlloc);
        let rc_mi = acyclic_churn(n, Churner::RcOnMimalloc);
        println!(
            "acyclic churn   pymm {pymm:6.2} ns/object   Rc {rc:6.2} ns/object   ratio {:.2}   \
             Rc on pymm-alloc {rc_pa:6.2} ns/object   ratio {:.2}   \
             Rc on mimalloc {rc_mi:6.2} ns/object   ratio {:.2}",
            pymm / rc,
            pymm / rc_pa,
            pymm / rc_mi
        );
    }
    // One contender alone, for instruction counts (`callgrind`): its ns per object.
    for (shape, contender) in [
        ("churn_pymm", Churner::Pymm),
        ("churn_rc", Churner::Rc),
        ("churn_rc_pymm_alloc", Churner::RcOnPymmAlloc),
        ("churn_rc_mimalloc", Churner::RcOnMimalloc),
    ] {
        if only == shape {
            let ns = acyclic_churn(n, contender);
            println!("{shape} {ns:6.2} ns/object");
        }
    }
    if wanted("cyclic") {
        let ns = cyclic_garbage(n / 2);
        println!("cyclic garbage  pymm {ns:6.2} ns/object (found and freed)");
    }
    if only == "cyclic_barriered" {
        let ns = cyclic_garbage_barriered(n / 2);
        println!("cyclic garbage, barriered  pymm {ns:6.2} ns/object (found and freed)");
    }
    if wanted("live") {
        let ns = live_heap(n);
        println!("live heap       pymm {ns:6.2} ns/object (full collection)");
    }
    if wanted("livecells") {
        let ns = live_heap_cells(n);
        println!("live heap/cells pymm {ns:6.2} ns/object (full collection, scanned)");
    }
    if wanted("stress") {
        // The first run also maps the heap's memory; the later ones reuse it.
        let runs: Vec<String> = (0..3).map(|_| format!("{:6.2}", stress_test())).collect();
        println!("stress test     pymm {} ms/run", runs.join(" "));
    }
    if only == "skips" {
        let us = traversal_collections(n as u32);
        println!("skipped collections pymm {:8.1} ns/collection", us * 1e3);
    }
    if wanted("traversal") {
        let us = traversal();
        println!("gc traversal    pymm {us:8.1} us/collection");
    }
    if wanted("trees") {
        let runs: Vec<String> = (0..3).map(|_| format!("{:6.2}", binary_trees())).collect();
        println!("binary trees    pymm {} ms/run", runs.join(" "));
        print_collections();
    }
    if wanted("lists") {
        let runs: Vec<String> = (0..3).map(|_| format!("{:6.2}", linked_lists())).collect();
        println!("linked lists    pymm {} ms/run", runs.join(" "));
        print_collections();
    }
}
