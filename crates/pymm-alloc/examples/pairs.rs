//! Times one allocator on the churn shapes of `pymm-bench alloc`, for profiling with
//! `perf stat`, `perf record` or `valgrind --tool=callgrind`: pymm-alloc by default, or
//! mimalloc through the same loop, so that the two compare instruction for instruction.
//!
//! Run with `cargo run --release -p pymm-alloc --example pairs SHAPE [PAIRS [ALLOCATOR]]`,
//! where SHAPE is one of fixed16, fixed64, random, keepers, order and ALLOCATOR one of pymm
//! (the default) and mimalloc.

use pymm_alloc::Heap;
use std::hint::black_box;
use std::ptr::NonNull;
use std::time::Instant;

/// Live blocks in the random-order shape (as in the benchmark suite).
const LIVE: usize = 64 * 1024;

#[path = "support/xorshift.rs"]
mod xorshift;
use xorshift::XorShift;

/// The allocator under test, called directly as `pymm-bench alloc` calls it.
trait Raw {
    fn allocate(&self, size: usize) -> NonNull<u8>;
    /// # Safety
    /// `block` came from `allocate(size)` and is freed once.
    unsafe fn dealloc(&self, block: NonNull<u8>, size: usize);
}

/// Both allocators are called out of line, as `pymm-bench alloc` calls them (mimalloc cannot
/// be inlined into Rust code), so that the loops compare like for like; both take a size
/// alone (`Heap::alloc_size`, `mi_malloc`), so neither builds a layout per call.
impl Raw for Heap {
    #[inline(never)]
    fn allocate(&self, size: usize) -> NonNull<u8> {
        self.alloc_size(size).expect("memory")
    }

    #[inline(never)]
    unsafe fn dealloc(&self, block: NonNull<u8>, size: usize) {
        // SAFETY: forwarded contract.
        unsafe { self.dealloc_size(block, size) }
    }
}

/// mimalloc through its C API (`mi_malloc`, `mi_free`), as in `pymm-bench alloc`.
struct Mimalloc;

impl Raw for Mimalloc {
    #[inline(always)]
    fn allocate(&self, size: usize) -> NonNull<u8> {
        // SAFETY: mi_malloc takes any size and returns null or a block of `size` bytes.
        NonNull::new(unsafe { libmimalloc_sys::mi_malloc(size) }.cast()).expect("memory")
    }

    #[inline(always)]
    unsafe fn dealloc(&self, block: NonNull<u8>, _size: usize) {
        // SAFETY: per the contract, the block came from mi_malloc and is freed once.
        unsafe { libmimalloc_sys::mi_free(block.as_ptr().cast()) }
    }
}

fn alloc(heap: &impl Raw, size: usize) -> NonNull<u8> {
    let block = heap.allocate(size);
    // SAFETY: a fresh block of `size >= 1` bytes.
    unsafe { block.as_ptr().write_volatile(size as u8) };
    block
}

/// Allocates and frees `pairs` blocks of the sizes `size_of(index)`, keeping every `keep`-th
/// one (none for 0) until the end.
fn churn(heap: &impl Raw, size_of: impl Fn(usize) -> usize, pairs: usize, keep: usize) {
    let mut kept = Vec::new();
    for index in 0..pairs {
        let size = size_of(index);
        let block = alloc(heap, size);
        if keep != 0 && index % keep == 0 {
            kept.push((block, size));
        } else {
            // SAFETY: allocated just above with this size.
            unsafe { heap.dealloc(block, size) };
        }
    }
    for (block, size) in kept {
        // SAFETY: each kept block is live with its size.
        unsafe { heap.dealloc(block, size) };
    }
}

/// Passes of LIVE allocations freed in a shuffled order. Each block is kept with its size,
/// as in `pymm-bench alloc`: reading the size from `sizes` at the shuffled index would cost
/// the allocator that takes it (pymm) a cache miss per free that mimalloc's `mi_free`, which
/// ignores the size, never pays.
fn random_order(heap: &impl Raw, sizes: &[usize], pairs: usize, rng: &mut XorShift) {
    let mut order: Vec<usize> = (0..LIVE).collect();
    for i in (1..LIVE).rev() {
        order.swap(i, rng.next() % (i + 1));
    }
    let mut live = Vec::with_capacity(LIVE);
    for _ in 0..(pairs / LIVE).max(1) {
        live.extend(sizes.iter().map(|&size| (alloc(heap, size), size)));
        for &index in &order {
            let (block, size) = live[index];
            // SAFETY: every block is freed once with its size.
            unsafe { heap.dealloc(block, size) };
        }
        live.clear();
    }
}

fn main() {
    let shape = std::env::args().nth(1).unwrap_or_else(|| "fixed16".into());
    let pairs: usize = std::env::args()
        .nth(2)
        .map(|arg| arg.parse().expect("PAIRS is a number"))
        .unwrap_or(20_000_000);
    let mut rng = XorShift(0x5EED_A110C);
    let sizes: Vec<usize> = (0..LIVE).map(|_| 16 + rng.next() % 497).collect();
    let allocator = std::env::args().nth(3).unwrap_or_else(|| "pymm".into());
    let started = Instant::now();
    match allocator.as_str() {
        "pymm" => run(&Heap::new(), &shape, &sizes, pairs, &mut rng),
        "mimalloc" => run(&Mimalloc, &shape, &sizes, pairs, &mut rng),
        other => panic!("unknown allocator {other}: pymm or mimalloc"),
    }
    let ns = started.elapsed().as_nanos() as f64 / pairs as f64;
    println!("{allocator} {shape}: {:.2} ns/pair", black_box(ns));
}

fn run(heap: &impl Raw, shape: &str, sizes: &[usize], pairs: usize, rng: &mut XorShift) {
    match shape {
        "fixed16" => churn(heap, |_| 16, pairs, 0),
        "fixed64" => churn(heap, |_| 64, pairs, 0),
        "random" => churn(heap, |index| sizes[index % LIVE], pairs, 0),
        "keepers" => churn(heap, |index| sizes[index % LIVE], pairs, 16),
        "order" => random_order(heap, sizes, pairs, rng),
        other => panic!("unknown shape {other}: fixed16, fixed64, random, keepers or order"),
    }
}
