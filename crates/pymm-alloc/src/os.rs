//! Getting arenas from the operating system and giving them back.
//!
//! An arena must start on an `ARENA_SIZE` boundary, so that a block's pool is found by
//! masking to a pool boundary and its pool's record (in the arena's first pool, `types.rs`)
//! by masking to an arena boundary. `mmap` only promises page alignment (4 KiB), so we map
//! `2 * ARENA_SIZE - PAGE` bytes, keep the aligned `ARENA_SIZE` bytes inside and unmap the
//! slack on both sides: exactly 1 MiB stays mapped per arena.
//!
//! Pool 0 holds the records: only the page holding this arena's array is ever touched, so it
//! is neither populated nor purged (purging would forget the records of emptied pools,
//! which the heap keeps using).
//!
//! Under Miri (which cannot run `mmap`) the arena comes from `std::alloc` with 1 MiB alignment.

use crate::size_class::ARENA_SIZE;
#[cfg(not(miri))]
use crate::size_class::POOL_SIZE;
use std::ptr::NonNull;

/// The smallest page size of the platforms served (the slack of an aligned mapping).
#[cfg(not(miri))]
const PAGE: usize = 4096;

/// Asks for the pools that serve blocks to be backed by memory at once. One system call
/// that fills 252 pages costs far less than 252 page faults (measured: `random_order_64k`,
/// which mapped and unmapped ~16 arenas per pass, spent ~30% less CPU).
#[cfg(all(not(miri), any(target_os = "linux", target_os = "android")))]
fn populate_pools(base: *mut u8) {
    // SAFETY: the range is inside the arena just mapped; MADV_POPULATE_WRITE only faults the
    // pages in (zeroed, as they are). An old kernel refuses it (EINVAL): the pages are then
    // faulted in on first touch, as elsewhere.
    unsafe {
        libc::madvise(
            base.add(POOL_SIZE).cast(),
            ARENA_SIZE - POOL_SIZE,
            libc::MADV_POPULATE_WRITE,
        );
    }
}

/// Elsewhere pages are faulted in on first touch.
#[cfg(all(not(miri), not(any(target_os = "linux", target_os = "android"))))]
fn populate_pools(_base: *mut u8) {}

/// Maps one `ARENA_SIZE`-aligned arena of `ARENA_SIZE` bytes; `None` if the OS refuses. With
/// `populate`, the pools' memory is backed at once (see [`populate_pools`]) instead of page by
/// page.
#[cfg(not(miri))]
pub(crate) fn map_arena(populate: bool) -> Option<NonNull<u8>> {
    let len = 2 * ARENA_SIZE - PAGE;
    // SAFETY: an anonymous private mapping with no address hint touches no existing memory.
    let raw = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if raw == libc::MAP_FAILED {
        return None;
    }
    let raw = raw.cast::<u8>();
    let head = raw.addr().next_multiple_of(ARENA_SIZE) - raw.addr();
    let tail = len - ARENA_SIZE - head;
    // SAFETY: `head <= ARENA_SIZE - PAGE`, so both slack ranges lie inside the mapping just
    // made and nothing else refers to them; munmap of page-aligned subranges is allowed (head
    // and tail are multiples of the page size because `raw`, ARENA_SIZE and `len` are).
    let base = unsafe {
        if head > 0 {
            libc::munmap(raw.cast(), head);
        }
        if tail > 0 {
            libc::munmap(raw.add(head + ARENA_SIZE).cast(), tail);
        }
        raw.add(head)
    };
    if populate {
        populate_pools(base);
    }
    NonNull::new(expose(base))
}

/// Exposes the provenance of a fresh arena (or large block), whose headers are later
/// reached from block addresses (`pool::pool_of`, `large::header_of`).
pub(crate) fn expose(base: *mut u8) -> *mut u8 {
    let _ = base.expose_provenance();
    base
}

/// Returns an arena obtained from [`map_arena`] to the OS.
///
/// # Safety
/// `base` came from `map_arena` and is not used afterwards.
#[cfg(not(miri))]
pub(crate) unsafe fn unmap_arena(base: NonNull<u8>) {
    // SAFETY: per the contract, `base..base+ARENA_SIZE` is exactly what map_arena kept mapped.
    let rc = unsafe { libc::munmap(base.as_ptr().cast(), ARENA_SIZE) };
    debug_assert_eq!(rc, 0, "munmap of an arena failed");
}

#[cfg(miri)]
fn arena_layout() -> std::alloc::Layout {
    std::alloc::Layout::from_size_align(ARENA_SIZE, ARENA_SIZE).expect("arena layout is valid")
}

/// Miri stand-in for mmap: a 1 MiB-aligned allocation from `std::alloc` (`populate` has no
/// meaning there).
#[cfg(miri)]
pub(crate) fn map_arena(_populate: bool) -> Option<NonNull<u8>> {
    // SAFETY: the layout has a non-zero size.
    NonNull::new(expose(unsafe { std::alloc::alloc(arena_layout()) }))
}

/// Miri stand-in for munmap.
///
/// # Safety
/// `base` came from `map_arena` and is not used afterwards.
#[cfg(miri)]
pub(crate) unsafe fn unmap_arena(base: NonNull<u8>) {
    // SAFETY: allocated by map_arena with the same layout.
    unsafe { std::alloc::dealloc(base.as_ptr(), arena_layout()) }
}

/// Gives the resident memory of an arena's pools back to the OS, keeping the mapping and
/// pool 0 (the records): the next touch of a page gets a fresh zero page. `MADV_DONTNEED`
/// rather than `MADV_FREE`, so that the resident set shrinks at once (`MADV_FREE` pages stay
/// counted until the kernel needs them).
///
/// # Safety
/// `base` came from [`map_arena`], and no live data is in the arena.
#[cfg(not(miri))]
pub(crate) unsafe fn purge_arena(base: NonNull<u8>) {
    // SAFETY: per the contract the range is inside one mapping of ours holding nothing live.
    let rc = unsafe {
        libc::madvise(
            base.as_ptr().add(POOL_SIZE).cast(),
            ARENA_SIZE - POOL_SIZE,
            libc::MADV_DONTNEED,
        )
    };
    debug_assert_eq!(rc, 0, "madvise of an arena failed");
}

/// Miri stand-in for the purge: the memory stays; the allocator forgets what it held all the
/// same, which is what the purge promises its callers.
///
/// # Safety
/// As for the real one.
#[cfg(miri)]
pub(crate) unsafe fn purge_arena(_base: NonNull<u8>) {}
