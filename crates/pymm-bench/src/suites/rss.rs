//! Suite `rss`: the survivor sweep, each contender in its own process.
//!
//! A child process (this binary re-run with the hidden `--rss-child NAME` flag) allocates
//! 4M blocks of 32 bytes, frees all but 1 in 64, then all but 1 in 512, then everything,
//! asking its allocator to give memory back after each step (`malloc_trim(0)` for glibc,
//! `mi_collect(true)` for mimalloc, `Heap::trim()` for pymm, whose empty arenas otherwise
//! wait out their purge delay), and prints
//! its resident memory (from `/proc/self/statm`) after each step as one JSON object.
//!
//! The block pointers live in a table mapped straight from the OS, so that no contender's
//! figures include another allocator's bookkeeping; the table is unmapped before the last
//! reading.

use crate::allocators::{Glibc, Mimalloc, PymmPools, RawAllocator};
use crate::harness::{median_of, round_robin, Candidate, FigureSink};
use crate::suites::Settings;
use serde_json::Value;
use std::process::Command;
use std::ptr::NonNull;

/// Bytes per block.
const BLOCK_SIZE: usize = 32;
/// The readings a child reports, in order.
pub const STEPS: [&str; 5] = [
    "rss_start",
    "rss_after_alloc",
    "rss_keep_1_in_64",
    "rss_keep_1_in_512",
    "rss_after_free_all",
];
/// The contenders, each run in a child process of its own.
pub const CONTENDERS: [&str; 3] = [PymmPools::NAME, Glibc::NAME, Mimalloc::NAME];

/// Runs the sweep in one child process per contender and round (contenders interleaved),
/// and records the median of every reading.
pub fn run(settings: &Settings, sink: &mut FigureSink) {
    let blocks = if settings.quick {
        256 * 1024
    } else {
        4 * 1024 * 1024
    };
    let workload = format!("survivor_sweep_{}k_x_{BLOCK_SIZE}B", blocks / 1024);
    let candidates = CONTENDERS
        .iter()
        .map(|&name| Candidate::new(name, move || run_child(name, blocks)))
        .collect();
    let runs = round_robin(settings.rounds.min(3), candidates);
    for (step, metric) in STEPS.iter().enumerate() {
        sink.record(
            &workload,
            metric,
            "bytes",
            median_of(&runs, |readings| readings[step]),
        );
    }
    let retained = median_of(&runs, |readings| readings[STEPS.len() - 1] - readings[0]);
    sink.record(&workload, "rss_retained", "bytes", retained);
}

/// Re-runs this binary as a sweep child and parses its readings.
fn run_child(name: &str, blocks: usize) -> Result<Vec<f64>, String> {
    let exe =
        std::env::current_exe().map_err(|error| format!("cannot find this binary: {error}"))?;
    let output = Command::new(exe)
        .args(["--rss-child", name, "--rss-blocks", &blocks.to_string()])
        .output()
        .map_err(|error| format!("cannot start the sweep child: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "sweep child for {name} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let parsed: Value = serde_json::from_slice(&output.stdout)
        .map_err(|error| format!("sweep child for {name} printed no JSON: {error}"))?;
    STEPS
        .iter()
        .map(|step| {
            parsed[step]
                .as_f64()
                .ok_or_else(|| format!("sweep child for {name} omitted {step}"))
        })
        .collect()
}

/// Body of the child process: runs the sweep with contender `name`, prints the readings.
pub fn child_main(name: &str, blocks: usize) -> Result<(), String> {
    let readings = match name {
        "pymm" => sweep(&mut PymmPools::new(), blocks)?,
        "glibc" => sweep(&mut Glibc, blocks)?,
        "mimalloc" => sweep(&mut Mimalloc, blocks)?,
        other => {
            return Err(format!(
                "unknown rss contender {other:?}; expected one of {CONTENDERS:?}"
            ))
        }
    };
    let object: serde_json::Map<String, Value> = STEPS
        .iter()
        .zip(readings)
        .map(|(step, value)| (step.to_string(), Value::from(value)))
        .collect();
    println!("{}", Value::Object(object));
    Ok(())
}

/// The sweep itself; returns the resident bytes after each of [`STEPS`].
fn sweep<A: RawAllocator>(allocator: &mut A, blocks: usize) -> Result<Vec<u64>, String> {
    let mut readings = vec![resident_bytes()?];
    let mut table = PointerTable::map(blocks)?;
    for index in 0..blocks {
        let block = allocator
            .allocate(BLOCK_SIZE)
            .ok_or_else(|| format!("{} ran out of memory at block {index}", A::NAME))?;
        // SAFETY: a fresh block of BLOCK_SIZE bytes: its first byte is writable.
        unsafe { block.as_ptr().write(index as u8) };
        table.set(index, Some(block));
    }
    readings.push(resident_bytes()?);
    for keep_every in [64, 512, usize::MAX] {
        free_all_but_one_in(allocator, &mut table, keep_every);
        allocator.give_back();
        if keep_every == usize::MAX {
            drop(table);
            readings.push(resident_bytes()?);
            break;
        }
        readings.push(resident_bytes()?);
    }
    Ok(readings)
}

/// Frees every live block whose index is not a multiple of `keep_every` (all blocks but
/// index 0 for `usize::MAX`; index 0 is then freed too, so that nothing is left).
fn free_all_but_one_in<A: RawAllocator>(
    allocator: &mut A,
    table: &mut PointerTable,
    keep_every: usize,
) {
    for index in 0..table.len() {
        let survives = keep_every != usize::MAX && index % keep_every == 0;
        if survives {
            continue;
        }
        if let Some(block) = table.take(index) {
            // SAFETY: every table entry is a live block of BLOCK_SIZE bytes from `allocator`;
            // `take` empties the entry, so it is freed once.
            unsafe { allocator.release(block, BLOCK_SIZE) };
        }
    }
}

/// Resident set size of this process, from `/proc/self/statm`.
pub fn resident_bytes() -> Result<u64, String> {
    let statm = std::fs::read_to_string("/proc/self/statm")
        .map_err(|error| format!("cannot read /proc/self/statm: {error}"))?;
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|field| field.parse().ok())
        .ok_or_else(|| format!("unexpected /proc/self/statm contents: {statm:?}"))?;
    Ok(pages * page_size())
}

fn page_size() -> u64 {
    // SAFETY: sysconf has no preconditions; it returns -1 only for unknown names.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    u64::try_from(size).unwrap_or(4096)
}

/// A table of block pointers in memory mapped directly from the OS, outside every allocator.
struct PointerTable {
    base: NonNull<Option<NonNull<u8>>>,
    len: usize,
}

impl PointerTable {
    fn map(len: usize) -> Result<Self, String> {
        let bytes = len.max(1) * size_of::<Option<NonNull<u8>>>();
        // SAFETY: an anonymous private mapping with no address hint has no preconditions.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                bytes,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return Err(format!("cannot map a pointer table of {bytes} bytes"));
        }
        // Anonymous mappings are zero-filled, and all-zero bytes are `None`.
        let base = NonNull::new(base.cast()).ok_or("mmap returned null")?;
        Ok(PointerTable { base, len })
    }

    fn len(&self) -> usize {
        self.len
    }

    fn set(&mut self, index: usize, block: Option<NonNull<u8>>) {
        assert!(
            index < self.len,
            "pointer table index {index} out of {}",
            self.len
        );
        // SAFETY: `index < len`, and the mapping holds `len` zero-initialised entries.
        unsafe { self.base.as_ptr().add(index).write(block) };
    }

    fn take(&mut self, index: usize) -> Option<NonNull<u8>> {
        assert!(
            index < self.len,
            "pointer table index {index} out of {}",
            self.len
        );
        // SAFETY: `index < len`, and every entry is initialised (zero is `None`).
        unsafe { self.base.as_ptr().add(index).replace(None) }
    }
}

impl Drop for PointerTable {
    fn drop(&mut self) {
        let bytes = self.len.max(1) * size_of::<Option<NonNull<u8>>>();
        // SAFETY: `base` and `bytes` are exactly the mapping made in `map`, unmapped once.
        unsafe { libc::munmap(self.base.as_ptr().cast(), bytes) };
    }
}
