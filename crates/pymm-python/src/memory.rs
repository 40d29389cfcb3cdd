//! Counting the memory Python objects own outside the pymm heap.
//!
//! Every Python object is a pymm block, but many also own buffers from the global allocator:
//! a list's item vector, a str's text, a big int's digits. `--max-heap` must count those too,
//! or `[0] * 10**9` would allocate 8 GB under a 64 MB limit. (Dict and set tables come from
//! the heap's pools, and the heap's large blocks from `System` directly: the heap counts
//! them.) The `pymm` binary
//! installs [`CountingAllocator`] as its global allocator; it keeps a per-thread count of live
//! bytes, which [`external_bytes`] reads. The interpreter runs on one thread and its objects
//! never leave it, so that thread's count is exactly what its objects own (plus the compiler's
//! and the VM's own tables, which CPython would also count against its heap).
//!
//! Without the counting allocator (the library used in-process, as in doctests) the count
//! stays 0 and only the pymm heap counts.
//!
//! ```
//! let before = pymm_python::memory::external_bytes();
//! let v = vec![0u8; 1000];
//! // The test harness does not install the counting allocator: nothing is counted here.
//! assert_eq!(pymm_python::memory::external_bytes(), before);
//! drop(v);
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::OnceLock;

thread_local! {
    /// Bytes allocated minus bytes freed by this thread (negative if it frees what another
    /// thread allocated). A const-initialised `Cell` needs no lazy registration, so reading
    /// it never allocates: safe to use from inside the global allocator.
    static LIVE_BYTES: Cell<isize> = const { Cell::new(0) };
}

/// Live bytes this thread has taken from the global allocator (0 unless the program installed
/// [`CountingAllocator`]).
pub fn external_bytes() -> usize {
    LIVE_BYTES.with(|live| live.get().max(0) as usize)
}

/// RAM plus swap of the machine, in bytes (`usize::MAX` if the system will not say): the
/// most a process can be given, which [`crate::vm::Vm::reserve`] uses when no limit is set.
pub fn system_memory() -> usize {
    static TOTAL: OnceLock<usize> = OnceLock::new();
    *TOTAL.get_or_init(query_system_memory)
}

#[cfg(target_os = "linux")]
fn query_system_memory() -> usize {
    // SAFETY: sysinfo only writes the struct we pass, which is plain data (all-zero is a
    // valid value for it).
    let mut info: libc::sysinfo = unsafe { std::mem::zeroed() };
    // SAFETY: `info` is a valid, writable sysinfo struct.
    if unsafe { libc::sysinfo(&mut info) } != 0 {
        return usize::MAX;
    }
    let units = (info.totalram as u128 + info.totalswap as u128) * info.mem_unit.max(1) as u128;
    usize::try_from(units).unwrap_or(usize::MAX)
}

#[cfg(not(target_os = "linux"))]
fn query_system_memory() -> usize {
    usize::MAX
}

fn count(delta: isize) {
    // `try_with` rather than `with`: during thread teardown the slot may be gone, and the
    // allocator must not panic then.
    let _ = LIVE_BYTES.try_with(|live| live.set(live.get().wrapping_add(delta)));
}

/// The system allocator, counting live bytes per thread for [`external_bytes`].
///
/// The `pymm` binary installs it:
/// ```ignore
/// #[global_allocator]
/// static ALLOCATOR: pymm_python::memory::CountingAllocator = pymm_python::memory::CountingAllocator;
/// ```
pub struct CountingAllocator;

// SAFETY: every method forwards to `System` with the caller's arguments unchanged, so
// `System`'s guarantees are ours; the counting touches only a thread-local integer and
// never allocates.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as received (the caller upholds GlobalAlloc::alloc's contract).
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            count(layout.size() as isize);
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in alloc.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            count(layout.size() as isize);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as in alloc; `ptr` came from this allocator, i.e. from System.
        unsafe { System.dealloc(ptr, layout) };
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as in dealloc.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        new
    }
}
