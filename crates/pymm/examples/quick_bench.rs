//! Quick figures for tuning the collector without the bench crate (release build), on the
//! shapes of pymm-bench's `gc` suite (crates/pymm-bench/src/suites/gc/shapes.rs) and on
//! the thread's default heap, as the bench runs them:
//! * `churn`: create and drop small containers one by one (vs `Rc`), ns per object; with
//!   `KEEPER=1` in the environment one more such object stays alive meanwhile, so that
//!   its pool never empties (the figure is then pymm's own cost, without the allocator
//!   setting the pool up again at every allocation);
//! * `cyclic`: two-object cycles, one full collection, ns per object found and freed;
//! * `live`: rooted chains (each link cloned from the previous head), one full collection
//!   that finds nothing, ns per object (`Chain` has fixed edges: the collection is
//!   skipped, see `collector/unchanged.rs`);
//! * `livecells`: the same chains with each link in a `RefCell`, so the collection scans
//!   the whole heap (subtraction and reach) and finds nothing, ns per object;
//! * `stress`: rust-cc-benchmarks' stress test (random graph de-rooted a slice at a time),
//!   ms per run;
//! * `traversal`: pyperformance's gc_traversal (level n holds n references to level n-1,
//!   1000 levels, nothing to collect), us per full collection.
//!
//! `cargo run --release -p pymm --example quick_bench [objects] [churn|cyclic|live|livecells|stress|traversal]`

use pymm::{Gc, Heap, Trace};
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

/// Create and drop `n` small containers, one at a time: (pymm, Rc) ns per object.
fn acyclic_churn(n: usize) -> (f64, f64) {
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
    let pymm = ns_per(start, n);
    drop(keeper);
    let start = Instant::now();
    for value in 0..n as u64 {
        let object = Rc::new(RcChurn { value, child: None });
        black_box(object.value + u64::from(object.child.is_some()));
    }
    (pymm, ns_per(start, n))
}

/// `n` two-object cycles, then one full collection: ns per object found and freed.
fn cyclic_garbage(n: usize) -> f64 {
    heap().disable();
    for _ in 0..n {
        let first = Gc::new(Pair {
            other: RefCell::new(None),
        });
        let second = Gc::new(Pair {
            other: RefCell::new(Some(first.clone())),
        });
        *first.other.borrow_mut() = Some(second);
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
    const LENGTH: usize = 1000;
    heap().disable();
    let roots: Vec<Gc<Chain>> = (0..n.div_ceil(LENGTH))
        .map(|_| {
            let mut head = Gc::new(Chain { next: None });
            for _ in 1..LENGTH {
                head = Gc::new(Chain {
                    next: Some(head.clone()),
                });
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

/// [`live_heap`] with [`CellChain`] links: a full collection that scans and finds nothing.
fn live_heap_cells(n: usize) -> f64 {
    const LENGTH: usize = 1000;
    heap().disable();
    let roots: Vec<Gc<CellChain>> = (0..n.div_ceil(LENGTH))
        .map(|_| {
            let mut head = Gc::new(CellChain {
                next: RefCell::new(None),
            });
            for _ in 1..LENGTH {
                head = Gc::new(CellChain {
                    next: RefCell::new(Some(head.clone())),
                });
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
    const COLLECTIONS: u32 = 20;
    let mut top = Gc::new(Nest { items: Vec::new() });
    for width in 0..1000 {
        let items = (0..width).map(|_| top.clone()).collect();
        top = Gc::new(Nest { items });
    }
    heap().collect(2);
    let start = Instant::now();
    for _ in 0..COLLECTIONS {
        assert_eq!(heap().collect(2), 0);
    }
    let us = start.elapsed().as_secs_f64() * 1e6 / f64::from(COLLECTIONS);
    drop(top);
    heap().collect(2);
    us
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

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let only = std::env::args().nth(2).unwrap_or_default();
    let wanted = |shape: &str| only.is_empty() || only == shape;
    if wanted("churn") {
        let (pymm, rc) = acyclic_churn(n);
        println!(
            "acyclic churn   pymm {pymm:6.2} ns/object   Rc {rc:6.2} ns/object   ratio {:.2}",
            pymm / rc
        );
    }
    if wanted("cyclic") {
        let ns = cyclic_garbage(n / 2);
        println!("cyclic garbage  pymm {ns:6.2} ns/object (found and freed)");
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
    if wanted("traversal") {
        let us = traversal();
        println!("gc traversal    pymm {us:8.1} us/collection");
    }
}
