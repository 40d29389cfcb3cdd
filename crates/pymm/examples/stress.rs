//! A larger stress program for valgrind: random graph churn with cycles, weak references
//! and resurrecting finalizers, the collector in stress mode (a collection at every
//! container allocation). It checks its own invariants and ends with every block freed.
//!
//! `cargo run --release --example stress [operations]`

use pymm::{Config, Finalize, Gc, Heap, Trace, Weak};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Small deterministic generator (xorshift64*), so runs are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[derive(Default)]
struct Counters {
    finalized: Cell<usize>,
    dropped: Cell<usize>,
    weak_callbacks: Rc<Cell<usize>>,
}

thread_local! {
    static RESURRECTED: RefCell<Vec<Gc<Node>>> = const { RefCell::new(Vec::new()) };
}

#[derive(Trace)]
#[trace(finalize)]
struct Node {
    edges: RefCell<Vec<Gc<Node>>>,
    label: String,
    #[trace(skip)]
    resurrect: Cell<bool>,
    #[trace(skip)]
    counters: Rc<Counters>,
}

impl Finalize for Node {
    fn finalize(this: &Gc<Self>) {
        this.counters
            .finalized
            .set(this.counters.finalized.get() + 1);
        if this.resurrect.replace(false) {
            RESURRECTED.with(|r| r.borrow_mut().push(this.clone()));
        }
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.counters.dropped.set(self.counters.dropped.get() + 1);
    }
}

fn main() {
    let ops: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let heap = Heap::with_config(Config::default().thresholds(50, 5, 5).stress(true));
    let counters = Rc::new(Counters::default());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut roots: Vec<Gc<Node>> = Vec::new();
    let mut weaks: Vec<Weak<Node>> = Vec::new();
    let mut allocated = 0usize;
    for _ in 0..ops {
        step(
            &heap,
            &mut rng,
            &mut roots,
            &mut weaks,
            &counters,
            &mut allocated,
        );
        roots.extend(RESURRECTED.with(|r| std::mem::take(&mut *r.borrow_mut())));
    }
    // Finalizers may resurrect objects during the final collections too: repeat until
    // nothing comes back (each object resurrects at most once, so this ends).
    loop {
        roots.clear();
        heap.collect(2);
        let back = RESURRECTED.with(|r| std::mem::take(&mut *r.borrow_mut()));
        if back.is_empty() {
            break;
        }
        roots.extend(back);
    }
    let live = weaks.iter().filter(|w| w.is_alive()).count();
    assert_eq!(live, 0, "every object is unreachable at the end");
    assert!(heap.objects(None).is_empty());
    assert_eq!(heap.alloc_stats().small_blocks_in_use(), 0);
    assert_eq!(counters.dropped.get(), allocated);
    let stats = heap.stats();
    println!(
        "stress: {ops} operations, {allocated} objects, {} finalized, {} weak callbacks, \
         collections {}/{}/{}, collected {}",
        counters.finalized.get(),
        counters.weak_callbacks.get(),
        stats[0].collections,
        stats[1].collections,
        stats[2].collections,
        stats.iter().map(|s| s.collected).sum::<usize>(),
    );
}

fn step(
    heap: &Heap,
    rng: &mut Rng,
    roots: &mut Vec<Gc<Node>>,
    weaks: &mut Vec<Weak<Node>>,
    counters: &Rc<Counters>,
    allocated: &mut usize,
) {
    match rng.below(10) {
        0..=3 => {
            let node = heap.alloc(Node {
                edges: RefCell::new(Vec::new()),
                label: format!("node {allocated}"),
                resurrect: Cell::new(rng.below(8) == 0),
                counters: counters.clone(),
            });
            *allocated += 1;
            if rng.below(4) == 0 {
                let fired = counters.weak_callbacks.clone();
                weaks.push(Gc::downgrade_with_callback(&node, move |_| {
                    fired.set(fired.get() + 1)
                }));
            } else {
                weaks.push(Gc::downgrade(&node));
            }
            roots.push(node);
        }
        4..=6 if !roots.is_empty() => {
            let a = roots[rng.below(roots.len())].clone();
            let b = roots[rng.below(roots.len())].clone();
            a.edges.borrow_mut().push(b);
        }
        7 if !roots.is_empty() => {
            let a = &roots[rng.below(roots.len())];
            let len = a.edges.borrow().len();
            if len > 0 {
                let removed = a.edges.borrow_mut().swap_remove(rng.below(len));
                assert!(!removed.label.is_empty());
            }
        }
        8 if !roots.is_empty() => {
            let i = rng.below(roots.len());
            roots.swap_remove(i);
        }
        _ => {
            if let Some(w) = weaks.get(rng.below(weaks.len().max(1))) {
                if let Some(strong) = w.upgrade() {
                    assert!(strong.label.starts_with("node "));
                }
            }
            weaks.retain(|w| w.is_alive());
        }
    }
}
