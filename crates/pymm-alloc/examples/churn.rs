//! Drives a heap through a churn workload and prints the statistics table after each step:
//! allocate ~2M blocks of mixed sizes, free 90% of them in random order, free the rest.
//!
//! Run with `cargo run --release -p pymm-alloc --example churn [BLOCKS]`.

use pymm_alloc::Heap;
use std::alloc::Layout;
use std::ptr::NonNull;
use std::time::Instant;

#[path = "support/xorshift.rs"]
mod xorshift;
use xorshift::XorShift;

/// Mostly small objects (like a Python heap), some up to 512 bytes, a few large.
fn random_size(rng: &mut XorShift) -> usize {
    match rng.next() % 100 {
        0 => 513 + rng.next() % 4000,
        1..=20 => 1 + rng.next() % 512,
        _ => 16 + rng.next() % 112,
    }
}

fn report(step: &str, heap: &Heap, started: Instant) {
    println!(
        "==== {step} ({:.1} ms)\n{}",
        started.elapsed().as_secs_f64() * 1e3,
        heap.stats()
    );
}

/// Frees the blocks of `live` at the end of the vector, leaving `keep` of them.
fn free_down_to(heap: &Heap, live: &mut Vec<(NonNull<u8>, Layout)>, keep: usize) {
    while live.len() > keep {
        let (ptr, layout) = live.pop().expect("non-empty");
        // SAFETY: every entry is a live block of `heap` with its layout, freed once.
        unsafe { heap.dealloc(ptr, layout) };
    }
}

fn main() {
    let blocks: usize = match std::env::args().nth(1).map(|arg| arg.parse()) {
        None => 2_000_000,
        Some(Ok(n)) => n,
        Some(Err(err)) => {
            eprintln!("churn: BLOCKS must be a number of blocks ({err})");
            std::process::exit(2);
        }
    };
    let heap = Heap::new();
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let mut live = Vec::with_capacity(blocks);

    let started = Instant::now();
    for _ in 0..blocks {
        let layout = Layout::from_size_align(random_size(&mut rng), 8).expect("valid layout");
        match heap.alloc(layout) {
            Ok(ptr) => live.push((ptr, layout)),
            Err(err) => {
                eprintln!("churn: {err}");
                break;
            }
        }
    }
    report(&format!("allocated {} blocks", live.len()), &heap, started);

    // Shuffle (Fisher-Yates) so the frees hit pools and arenas in random order.
    for i in (1..live.len()).rev() {
        live.swap(i, rng.next() % (i + 1));
    }
    let started = Instant::now();
    let keep = live.len() / 10;
    free_down_to(&heap, &mut live, keep);
    report(
        &format!("freed all but {keep} in random order"),
        &heap,
        started,
    );

    let started = Instant::now();
    free_down_to(&heap, &mut live, 0);
    report("freed the rest", &heap, started);
}
