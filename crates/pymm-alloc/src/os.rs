//! Getting arenas from the operating system and giving them back.
//!
//! An arena must start on an `ARENA_SIZE` boundary, so that a block's pool is found by
//! masking to a pool boundary and its pool's record (in the arena's first pool, `types.rs`)
//! by masking to an arena boundary. `mmap` only promises page alignment (4 KiB), so we map
//! `2 * ARENA_SIZE - PAGE` bytes, keep the aligned `ARENA_SIZE` bytes inside and unmap the
//! slack on both sides: exactly 1 MiB stays mapped per arena.
//!
//! Pool 0 holds the records: only the page holding this arena's array is ever touched, so it
//! is neither populated nor purged with its arena alone (purging would forget the records of
//! emptied pools, which the heap keeps using); a frame purged whole takes it along, its
//! records then describing no pool.
//!
//! A heap's first arena is mapped on its own and faulted in page by page, so that small heaps
//! stay small. The arenas after it are carved in address order from a [`Reservation`]: one
//! mapping of [`RESERVATION_SIZE`] bytes, 2 MiB-aligned and advised `MADV_HUGEPAGE`, so that
//! each pair of arenas sharing a 2 MiB frame is backed by one transparent huge page (mimalloc's
//! segments come from such a region). A heap of many arenas whose blocks are freed in random
//! order then touches a few dozen pages instead of thousands, within the TLB's reach. What a
//! reservation holds beyond its carved arenas is address space only, except the upper half of
//! the frame of the last arena carved (faulted in with it, at most 1 MiB); `trim` and the heap's
//! drop unmap it. Two empty arenas of a frame are purged together ([`purge_frame`]), and an
//! arena whose partner is in use waits for it (ten purge delays at most, `arena.rs`): purging
//! or unmapping one half splits the frame's huge page and leaves the other half on small
//! pages for good. A heap that asks for small pages (`Heap::set_huge_pages(false)`: pymm's
//! Python front end, measured in bytes per object as CPython's pymalloc) carves the same way
//! from reservations left unadvised, pairing no arenas, and backs no arena at once: every
//! page is faulted in when a pool first touches it (as CPython's arenas are), so that the
//! heap's peak holds no memory it has not used.
//!
//! Under Miri (which cannot run `mmap`) every arena comes from `std::alloc` with 1 MiB
//! alignment.

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

/// Maps one `ARENA_SIZE`-aligned arena of `ARENA_SIZE` bytes (a heap's first: faulted in page
/// by page); `None` if the OS refuses.
#[cfg(not(miri))]
pub(crate) fn map_arena() -> Option<NonNull<u8>> {
    let base = map_aligned(ARENA_SIZE, ARENA_SIZE)?;
    NonNull::new(expose(base))
}

/// Maps `size` bytes at an `align`-aligned address (both multiples of the page size, `align`
/// a power of two): maps `size + align - PAGE` bytes and unmaps the slack on both sides.
#[cfg(not(miri))]
fn map_aligned(size: usize, align: usize) -> Option<*mut u8> {
    let len = size + align - PAGE;
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
    let head = raw.addr().next_multiple_of(align) - raw.addr();
    let tail = len - size - head;
    // SAFETY: `head <= align - PAGE`, so both slack ranges lie inside the mapping just made
    // and nothing else refers to them; munmap of page-aligned subranges is allowed (head and
    // tail are multiples of the page size because `raw`, `size`, `align` and `len` are).
    unsafe {
        if head > 0 {
            libc::munmap(raw.cast(), head);
        }
        if tail > 0 {
            libc::munmap(raw.add(head + size).cast(), tail);
        }
        Some(raw.add(head))
    }
}

/// The bytes of one reservation: 32 arenas, 16 huge pages of address space.
#[cfg_attr(miri, allow(dead_code))] // Miri's arenas come from `std::alloc`
pub(crate) const RESERVATION_SIZE: usize = 32 * ARENA_SIZE;

/// The size and alignment of a transparent huge page (x86-64, and arm64 with 4 KiB pages).
#[cfg(not(miri))]
const HUGE_PAGE: usize = 2 * 1024 * 1024;

/// Where the arenas after a heap's first come from (see the module docs): `next..end` is
/// mapped, advised `MADV_HUGEPAGE` if `huge`, and not carved yet (both null when nothing is
/// reserved).
pub(crate) struct Reservation {
    next: *mut u8,
    end: *mut u8,
    /// Whether reservations are advised `MADV_HUGEPAGE` (see [`Reservation::set_huge`]).
    huge: bool,
}

impl Reservation {
    /// Nothing reserved yet; huge pages asked for.
    pub(crate) const fn new() -> Reservation {
        Reservation {
            next: std::ptr::null_mut(),
            end: std::ptr::null_mut(),
            huge: true,
        }
    }

    /// Whether the arenas carved from now on are backed by huge pages, two per page.
    pub(crate) fn huge(&self) -> bool {
        self.huge
    }

    /// Asks for huge pages, or not, for the arenas carved from now on: what is reserved and
    /// not carved yet, advised otherwise, is given back (arenas carved stay as they are).
    /// Small pages cost no memory beyond the arenas in use; a huge page backs its second
    /// arena from the first touch of its first (up to 1 MiB of a heap's peak, which a
    /// runtime measured in bytes per object, as CPython's pymalloc, may not want).
    pub(crate) fn set_huge(&mut self, huge: bool) {
        if huge != self.huge {
            self.release();
            self.huge = huge;
        }
    }

    /// Carves the next arena, reserving anew when this reservation is used up; `None` if the
    /// OS refuses memory. On huge pages its pools are backed at once (see [`populate_pools`]);
    /// on small pages they are faulted in as they are touched, as the first arena's.
    #[cfg(not(miri))]
    pub(crate) fn take_arena(&mut self) -> Option<NonNull<u8>> {
        if self.next == self.end {
            let base = map_aligned(RESERVATION_SIZE, HUGE_PAGE)?;
            if self.huge {
                advise_huge_pages(base, RESERVATION_SIZE);
            }
            self.next = base;
            // SAFETY: `base..base + RESERVATION_SIZE` was just mapped.
            self.end = unsafe { base.add(RESERVATION_SIZE) };
        }
        let base = self.next;
        // SAFETY: `next < end` and both lie in one mapping; `end - next` is a multiple of
        // ARENA_SIZE, so the arena lies wholly inside it.
        self.next = unsafe { base.add(ARENA_SIZE) };
        if self.huge {
            populate_pools(base);
        }
        NonNull::new(expose(base))
    }

    /// Miri stand-in: one arena from `std::alloc`, as [`map_arena`] gives.
    #[cfg(miri)]
    pub(crate) fn take_arena(&mut self) -> Option<NonNull<u8>> {
        map_arena()
    }

    /// Unmaps what is not carved yet; the arenas carved stay mapped until each is unmapped
    /// with [`unmap_arena`].
    pub(crate) fn release(&mut self) {
        if self.next != self.end {
            #[cfg(not(miri))]
            // SAFETY: `next..end` is mapped, carved into no arena, and used by nothing.
            unsafe {
                libc::munmap(self.next.cast(), self.end.addr() - self.next.addr());
            }
        }
        self.next = std::ptr::null_mut();
        self.end = std::ptr::null_mut();
    }

    /// The bytes reserved and not carved yet.
    #[cfg(test)]
    pub(crate) fn uncarved(&self) -> usize {
        self.end.addr() - self.next.addr()
    }
}

/// Asks for transparent huge pages over a reservation. A kernel without them (or with them
/// off) refuses or ignores the advice: the arenas then get small pages, as the first one.
#[cfg(all(not(miri), any(target_os = "linux", target_os = "android")))]
fn advise_huge_pages(base: *mut u8, len: usize) {
    // SAFETY: the range is a mapping of ours; MADV_HUGEPAGE changes no contents.
    unsafe {
        libc::madvise(base.cast(), len, libc::MADV_HUGEPAGE);
    }
}

/// Elsewhere there is nothing to ask for.
#[cfg(all(not(miri), not(any(target_os = "linux", target_os = "android"))))]
fn advise_huge_pages(_base: *mut u8, _len: usize) {}

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

/// Miri stand-in for mmap: a 1 MiB-aligned allocation from `std::alloc`.
#[cfg(miri)]
pub(crate) fn map_arena() -> Option<NonNull<u8>> {
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

/// Gives the resident memory of a whole 2 MiB frame of two empty arenas back to the OS in one
/// call, their pools 0 included (the records of purged arenas describe no pool): a frame
/// backed by a huge page loses it whole, where purging one arena would split it and leave
/// its partner on small pages for good. The next touch faults a fresh (huge) page in.
///
/// # Safety
/// `base` is the lower arena of a frame carved from a [`Reservation`], both arenas still
/// mapped, and no live data is in either.
#[cfg(not(miri))]
pub(crate) unsafe fn purge_frame(base: NonNull<u8>) {
    // SAFETY: per the contract the frame lies in mappings of ours holding nothing live.
    let rc = unsafe { libc::madvise(base.as_ptr().cast(), 2 * ARENA_SIZE, libc::MADV_DONTNEED) };
    debug_assert_eq!(rc, 0, "madvise of a frame failed");
}

/// Miri stand-in for the frame purge, as for [`purge_arena`].
///
/// # Safety
/// As for the real one.
#[cfg(miri)]
pub(crate) unsafe fn purge_frame(_base: NonNull<u8>) {}

/// Miri stand-in for the purge: the memory stays; the allocator forgets what it held all the
/// same, which is what the purge promises its callers.
///
/// # Safety
/// As for the real one.
#[cfg(miri)]
pub(crate) unsafe fn purge_arena(_base: NonNull<u8>) {}
