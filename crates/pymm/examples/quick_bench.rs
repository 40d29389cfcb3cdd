//! Quick figures for tuning the collector without the bench crate (release build), on the
//! shapes of pymm-bench's `gc` suite (crates/pymm-bench/src/suites/gc/shapes.rs) and on
//! the thread's default heap, as the bench runs them:
//! * `churn`: create and drop small containers one by one (vs `Rc`), ns per object; with
//!   `KEEPER=1` in the environment one more such object stays alive meanwhile, so that
//!   its pool never empties (the figure is then pymm's own cost, without the allocator
//!   setting the pool up again at every allocation);
//! * `cyclic`: two-object cycles, one full collection, ns per object found and freed;
//! * `live`: rooted chains (each link cloned from the previous head), one full collection
//!   that finds nothing, ns per object;
//! * `stress`: rust-cc-benchmarks' stress test (random graph de-rooted a slice at a time),
//!   ms per run;
//! * `traversal`: pyperformance's gc_traversal (level n holds n references to level n-1,
//!   1000 levels, nothing to collect), us per full collection;
//! * `trees`: binary_trees (depth 11: full trees built bottom-up, counted and dropped),
//!   ms per run;
//! * `lists`: large_linked_lists (30 doubly linked lists of 4096 nodes, the back links in
//!   cells), ms per run.
//!
//! `trees` and `lists` also print the collections of each generation; `GC_STATS=1` in the
//! environment prints CPython's `DEBUG_STATS` lines (generation sizes) at every collection,
//! and `THRESHOLDS=T0,T1,T2` sets the default heap's thresholds first.
//!
//! `cargo run --release -p pymm --example quick_bench [objects] [churn|cyclic|live|stress|traversal|trees|lists]`

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
    if wanted("stress") {
        // The first run also maps the heap's memory; the later ones reuse it.
        let runs: Vec<String> = (0..3).map(|_| format!("{:6.2}", stress_test())).collect();
        println!("stress test     pymm {} ms/run", runs.join(" "));
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
