//! Suite `alloc`: alloc+free churn, in ns per alloc+free pair, for pymm's pools, glibc and
//! mimalloc, each called directly.
//!
//! Workloads:
//! - `fixed_N`: allocate N bytes, write to the block, free it at once;
//! - `random_16_512`: the same with sizes drawn from 16..=512 (one seeded table for all);
//! - `keepers_random_16_512`: every 16th block is kept until the end, so pools and pages stay
//!   partly used instead of emptying on every free;
//! - `random_order_64k`: 64K blocks of random sizes live at once, freed in a shuffled order.

use crate::allocators::{Glibc, Mimalloc, PymmPools, RawAllocator};
use crate::harness::{measure_round_robin, ns_per, timed, Candidate, FigureSink, Sample};
use crate::suites::Settings;
use rand::rngs::SmallRng;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use std::ptr::NonNull;

/// Seed of every random sequence in this suite, the same for all contenders.
const SEED: u64 = 0x5EED_A110C;
/// Every KEEP_EVERY-th block survives until the end of a keeper run.
const KEEP_EVERY: usize = 16;
/// Live blocks in the random-order workload.
const LIVE_BLOCKS: usize = 64 * 1024;

/// What one sample does.
#[derive(Debug, Clone, Copy)]
enum Shape {
    Fixed(usize),
    Random,
    Keepers,
    RandomOrder,
}

impl Shape {
    fn name(self) -> String {
        match self {
            Shape::Fixed(size) => format!("fixed_{size}"),
            Shape::Random => "random_16_512".to_string(),
            Shape::Keepers => "keepers_random_16_512".to_string(),
            Shape::RandomOrder => "random_order_64k".to_string(),
        }
    }
}

/// The inputs every contender receives, generated once from [`SEED`].
struct Inputs {
    operations: usize,
    sizes: Vec<usize>,
    free_order: Vec<usize>,
}

impl Inputs {
    fn new(operations: usize) -> Self {
        let mut rng = SmallRng::seed_from_u64(SEED);
        let sizes = (0..LIVE_BLOCKS)
            .map(|_| rng.random_range(16..=512))
            .collect();
        let mut free_order: Vec<usize> = (0..LIVE_BLOCKS).collect();
        free_order.shuffle(&mut rng);
        Inputs {
            operations,
            sizes,
            free_order,
        }
    }

    fn size_at(&self, index: usize) -> usize {
        self.sizes[index % LIVE_BLOCKS]
    }
}

/// Runs every workload of the suite, contenders interleaved.
pub fn run(settings: &Settings, sink: &mut FigureSink) {
    let inputs = Inputs::new(if settings.quick { 20_000 } else { 2_000_000 });
    let mut pymm = PymmPools::new();
    let mut glibc = Glibc;
    let mut mimalloc = Mimalloc;
    let shapes = [
        Shape::Fixed(16),
        Shape::Fixed(64),
        Shape::Fixed(256),
        Shape::Fixed(512),
        Shape::Random,
        Shape::Keepers,
        Shape::RandomOrder,
    ];
    for shape in shapes {
        let medians = measure_round_robin(
            settings.rounds,
            vec![
                Candidate::new(PymmPools::NAME, || sample(&mut pymm, shape, &inputs)),
                Candidate::new(Glibc::NAME, || sample(&mut glibc, shape, &inputs)),
                Candidate::new(Mimalloc::NAME, || sample(&mut mimalloc, shape, &inputs)),
            ],
        );
        sink.record(&shape.name(), "time", "ns/pair", medians);
    }
}

/// One timed run of `shape` on `allocator`, in ns per alloc+free pair.
fn sample<A: RawAllocator>(allocator: &mut A, shape: Shape, inputs: &Inputs) -> Sample {
    let (pairs, elapsed) = timed(|| match shape {
        Shape::Fixed(size) => churn(allocator, inputs.operations, |_| size),
        Shape::Random => churn(allocator, inputs.operations, |i| inputs.size_at(i)),
        Shape::Keepers => churn_with_keepers(allocator, inputs),
        Shape::RandomOrder => free_in_random_order(allocator, inputs),
    });
    Ok(ns_per(elapsed, pairs?))
}

fn out_of_memory<A: RawAllocator>(size: usize) -> String {
    format!("{} could not allocate {size} bytes", A::NAME)
}

/// Allocates a block, writes to it (so that it is really used), and returns it.
fn allocate_touched<A: RawAllocator>(
    allocator: &mut A,
    size: usize,
) -> Result<NonNull<u8>, String> {
    let block = allocator
        .allocate(size)
        .ok_or_else(|| out_of_memory::<A>(size))?;
    // SAFETY: `block` is a fresh allocation of `size >= 1` bytes, so its first byte is writable.
    unsafe { block.as_ptr().write_volatile(size as u8) };
    Ok(block)
}

/// `operations` alloc+free pairs, each block freed at once.
fn churn<A: RawAllocator>(
    allocator: &mut A,
    operations: usize,
    size_of: impl Fn(usize) -> usize,
) -> Result<usize, String> {
    for index in 0..operations {
        let size = size_of(index);
        let block = allocate_touched(allocator, size)?;
        // SAFETY: `block` was allocated just above with `size` and is freed once.
        unsafe { allocator.release(block, size) };
    }
    Ok(operations)
}

/// Churn where every [`KEEP_EVERY`]-th block stays alive until the end of the run.
fn churn_with_keepers<A: RawAllocator>(
    allocator: &mut A,
    inputs: &Inputs,
) -> Result<usize, String> {
    let mut keepers = Vec::with_capacity(inputs.operations / KEEP_EVERY + 1);
    let mut outcome = Ok(inputs.operations);
    for index in 0..inputs.operations {
        let size = inputs.size_at(index);
        match allocate_touched(allocator, size) {
            Ok(block) if index % KEEP_EVERY == 0 => keepers.push((block, size)),
            // SAFETY: `block` was allocated just above with `size` and is freed once.
            Ok(block) => unsafe { allocator.release(block, size) },
            Err(message) => {
                outcome = Err(message);
                break;
            }
        }
    }
    for (block, size) in keepers {
        // SAFETY: every keeper was allocated with its recorded size and is freed once here.
        unsafe { allocator.release(block, size) };
    }
    outcome
}

/// Passes of: allocate [`LIVE_BLOCKS`] blocks, then free them in a shuffled order.
///
/// Each block is kept with its size, as a caller of a sized free has the size at hand with
/// the pointer (in the object's type, say): reading it from `inputs.sizes` at the shuffled
/// index instead cost every contender that takes the size (pymm, glibc through
/// `System.dealloc`) one more cache miss per free, which mimalloc's `mi_free`, ignoring the
/// size, never paid (measured with cachegrind: 0.6 more last-level read misses per pair).
fn free_in_random_order<A: RawAllocator>(
    allocator: &mut A,
    inputs: &Inputs,
) -> Result<usize, String> {
    let passes = (inputs.operations / LIVE_BLOCKS).max(1);
    let mut live = Vec::with_capacity(LIVE_BLOCKS);
    for _ in 0..passes {
        for index in 0..LIVE_BLOCKS {
            let size = inputs.size_at(index);
            match allocate_touched(allocator, size) {
                Ok(block) => live.push((block, size)),
                Err(message) => {
                    release_all(allocator, &live);
                    return Err(message);
                }
            }
        }
        for &index in &inputs.free_order {
            let (block, size) = live[index];
            // SAFETY: `block` was allocated with `size`; the shuffled order is a permutation,
            // so each block is freed exactly once.
            unsafe { allocator.release(block, size) };
        }
        live.clear();
    }
    Ok(passes * LIVE_BLOCKS)
}

/// Frees the blocks allocated before a failure, in allocation order.
fn release_all<A: RawAllocator>(allocator: &mut A, live: &[(NonNull<u8>, usize)]) {
    for &(block, size) in live {
        // SAFETY: each block was allocated with its recorded size and is freed once.
        unsafe { allocator.release(block, size) };
    }
}
