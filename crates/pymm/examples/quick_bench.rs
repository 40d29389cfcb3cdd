//! Quick figures for tuning the collector without the bench crate (release build):
//! ns per object for acyclic churn (vs `Rc`), cyclic garbage found and freed, and a
//! live-heap full collection.
//!
//! `cargo run --release -p pymm --example quick_bench [objects] [churn|cyclic|live]`

use pymm::{Config, Gc, Heap, Trace};
use std::cell::RefCell;
use std::hint::black_box;
use std::rc::Rc;
use std::time::Instant;

#[derive(Trace)]
struct Pair {
    other: RefCell<Option<Gc<Pair>>>,
    value: u64,
}

fn quiet_heap() -> Heap {
    let heap = Heap::with_config(Config {
        stress: false,
        ..Config::default()
    });
    heap.disable();
    heap
}

fn ns_per(start: Instant, n: usize) -> f64 {
    start.elapsed().as_nanos() as f64 / n as f64
}

/// Create and drop `n` small objects, one at a time.
fn acyclic_churn(n: usize) -> (f64, f64) {
    let heap = Heap::with_config(Config {
        stress: false,
        ..Config::default()
    });
    let start = Instant::now();
    for i in 0..n {
        let obj = heap.alloc(Pair {
            other: RefCell::new(None),
            value: i as u64,
        });
        black_box(&obj);
    }
    let pymm = ns_per(start, n);
    let start = Instant::now();
    for i in 0..n {
        let obj = Rc::new(RefCell::new((None::<Rc<u64>>, i as u64)));
        black_box(&obj);
    }
    (pymm, ns_per(start, n))
}

/// `n` two-object cycles, then one full collection: ns per object found and freed.
fn cyclic_garbage(n: usize) -> f64 {
    let heap = quiet_heap();
    for i in 0..n {
        let a = heap.alloc(Pair {
            other: RefCell::new(None),
            value: i as u64,
        });
        let b = heap.alloc(Pair {
            other: RefCell::new(Some(a.clone())),
            value: i as u64,
        });
        *a.other.borrow_mut() = Some(b);
    }
    let start = Instant::now();
    let found = heap.collect(2);
    let ns = ns_per(start, found);
    assert_eq!(found, 2 * n);
    ns
}

/// `n` live tracked objects (chained), one full collection that finds nothing.
fn live_heap(n: usize) -> f64 {
    let heap = quiet_heap();
    let mut keep = Vec::with_capacity(n);
    for i in 0..n {
        keep.push(heap.alloc(Pair {
            other: RefCell::new(keep.last().cloned()),
            value: i as u64,
        }));
    }
    heap.collect(2);
    let start = Instant::now();
    let found = heap.collect(2);
    let ns = ns_per(start, n);
    assert_eq!(found, 0);
    ns
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
}
