//! Arenas: handing out whole pools, taking emptied ones back, returning arenas to the OS.
//!
//! An arena whose last pool comes back stays mapped, *empty*, for reuse: freeing a heap's
//! blocks in any order and allocating again needs no system call (mimalloc's purge delay).
//! Its memory goes back to the OS in two steps, each after the purge delay has passed since
//! the last (checked when an arena empties and every [`CHECK_EVERY`] pools taken while one is
//! empty): first `madvise(MADV_DONTNEED)` (the *purge*: the resident pages are dropped, the
//! mapping stays, and its pools count as untouched again; as many empty arenas as the heap
//! recently had in use are spared while it keeps drawing on them, see `purge_due`), then, `UNMAP_DELAY_FACTOR` times
//! the delay later, `munmap`, except for one purged arena kept mapped as the spare (CPython's
//! one spare, without the resident memory). [`Arenas::trim`] unmaps every empty arena at once.
//!
//! Invariants:
//! - the usable list holds exactly the arenas with `free_count > 0`, sorted by `free_count`
//!   ascending (fullest first, CPython's `usable_arenas`), so new pools come from the arena
//!   closest to full and nearly empty arenas drain;
//! - `last_with[n]` is the rightmost usable arena with `free_count == n`, or null if none
//!   (CPython's `nfp2lasta`): it lets an arena move to its new place in O(1);
//! - pools are only ever taken from the list head, which has the smallest `free_count`;
//! - wholly free arenas (`free_count == POOLS_PER_ARENA`) are the list's tail; `empty` counts
//!   them and `purged` those of them whose memory was given back; `Arena::empty_since` is set
//!   exactly on them (the time they emptied, or were purged).

use crate::os;
use crate::size_class::{ARENA_SIZE, POOLS_PER_ARENA};
use crate::types::{Arena, OwnerCell, PoolHeader};
use std::ptr::{self, NonNull};
use std::time::{Duration, Instant};

/// How long an empty arena keeps its memory by default (mimalloc's `purge_delay` is 10 ms).
pub(crate) const DEFAULT_PURGE_DELAY: Duration = Duration::from_millis(10);

/// A purged arena is unmapped this many purge delays after its purge.
const UNMAP_DELAY_FACTOR: u32 = 10;

/// While an arena is empty, the purge deadlines are checked every this many pools taken.
pub(crate) const CHECK_EVERY: u32 = 64;

/// A pool just taken from an arena by [`Arenas::take_pool`].
pub(crate) struct TakenPool {
    /// The pool; its header is valid only if `formatted`.
    pub pool: *mut PoolHeader,
    /// Its arena record.
    pub arena: *mut Arena,
    /// It served blocks before (emptied, with its header, class and free list intact), as
    /// opposed to memory never touched.
    pub formatted: bool,
}

/// Every arena of one heap, with the usable list and the counters for statistics.
pub(crate) struct Arenas {
    /// Head of the usable list (fewest free pools first).
    usable: *mut Arena,
    /// `last_with[n]`: rightmost usable arena with `n` free pools.
    last_with: [*mut Arena; POOLS_PER_ARENA + 1],
    /// Head of the list of every mapped arena.
    all: *mut Arena,
    /// The heap's owner cell, copied into each arena record.
    owner: *const OwnerCell,
    /// The last arena found holding nothing but free and kept pools, standing in for the
    /// spare (see `kept.rs`); a hint, to be checked before use. Never a dangling pointer:
    /// cleared when that arena is unmapped.
    pub standing_spare: *mut Arena,
    /// Arenas mapped since the heap was made.
    pub allocated_total: usize,
    /// Arenas returned to the OS since the heap was made.
    pub reclaimed_total: usize,
    /// Most arenas mapped at once.
    pub high_water: usize,
    /// Arenas mapped now.
    pub current: usize,
    /// Wholly free arenas mapped now.
    pub empty: usize,
    /// Of those, the purged ones.
    pub purged: usize,
    /// Pools taken and not given back (used, full or kept): what the limit charges for small
    /// blocks (`budget.rs`).
    pub pools_held: usize,
    /// Kept pools over every arena: the sum of the arenas' `kept` counters, kept up with them
    /// (while more than one arena is mapped, `kept.rs`), so that settling can tell at once
    /// that there is nothing to settle.
    pub kept: usize,
    /// How long an empty arena keeps its memory.
    purge_delay: Duration,
    /// Pools taken since the purge deadlines were last checked.
    takes_since_check: u32,
    /// When a pool was last taken from an empty arena: while the heap keeps drawing on its
    /// empty arenas, none of them is purged (see `purge_due`).
    last_reuse: Option<Instant>,
    /// The lower arena of the frame carved last, while mapped: the next arena carved is its
    /// partner if it lies right above it (`Arena::partner`).
    last_lower: *mut Arena,
    /// The most arenas in use (not empty) at once since the heap started drawing on its empty
    /// arenas again after `UNMAP_DELAY_FACTOR` delays or more without (or for the first
    /// time): while it keeps drawing on them, as many stay resident (see `purge_due`).
    demand: usize,
    /// Where the arenas after the first come from (huge pages, `os.rs`).
    pub reservation: os::Reservation,
    /// Mapped arenas by base address, to reject foreign pointers in debug builds.
    #[cfg(debug_assertions)]
    by_base: std::collections::BTreeMap<usize, *mut Arena>,
}

impl Arenas {
    /// An empty set; arenas are mapped on first use.
    pub fn new(owner: *const OwnerCell) -> Arenas {
        Arenas {
            usable: ptr::null_mut(),
            last_with: [ptr::null_mut(); POOLS_PER_ARENA + 1],
            all: ptr::null_mut(),
            owner,
            standing_spare: ptr::null_mut(),
            allocated_total: 0,
            reclaimed_total: 0,
            high_water: 0,
            current: 0,
            empty: 0,
            purged: 0,
            pools_held: 0,
            kept: 0,
            purge_delay: DEFAULT_PURGE_DELAY,
            takes_since_check: 0,
            last_reuse: None,
            demand: 0,
            last_lower: ptr::null_mut(),
            reservation: os::Reservation::new(),
            #[cfg(debug_assertions)]
            by_base: Default::default(),
        }
    }

    /// Takes a free pool from the fullest usable arena, mapping a new arena if none has one.
    /// Returns `None` if the OS refuses memory.
    pub fn take_pool(&mut self) -> Option<TakenPool> {
        if self.usable.is_null() {
            self.map_new_arena()?;
        }
        // SAFETY: the head of the usable list is a live record.
        if unsafe { (*self.usable).empty_since.is_some() } {
            // The pool comes from an empty arena: the heap draws on its empty arenas again,
            // so the deadlines checked below see a reuse now (not at the previous one), and
            // do not purge the arenas about to be taken from. After a long pause, the demand
            // is counted afresh.
            let now = Instant::now();
            if !self.drawn_lately(now) {
                self.demand = 0;
            }
            self.last_reuse = Some(now);
        }
        if self.empty > 0 {
            self.count_take();
        }
        // Read after the check, which may have unmapped the old head.
        let arena = self.usable;
        // SAFETY: `arena` is a live record on the usable list, so it has a free pool: either
        // an emptied one on `free_pools`, or an untouched one inside its mapping.
        let taken = unsafe {
            if (*arena).empty_since.is_some() {
                self.leave_empty(arena);
            }
            let emptied = (*arena).free_pools;
            if emptied.is_null() {
                let index = (*arena).untouched as usize;
                (*arena).untouched += 1;
                TakenPool {
                    pool: (*arena).pool(index),
                    arena,
                    formatted: false,
                }
            } else {
                (*arena).free_pools = (*emptied).next;
                TakenPool {
                    pool: emptied,
                    arena,
                    formatted: true,
                }
            }
        };
        self.head_lost_pool();
        self.pools_held += 1;
        self.demand = self.demand.max(self.current - self.empty);
        Some(taken)
    }

    /// Gives an emptied pool back to its arena. If the arena is now wholly free it stays mapped,
    /// empty, and the purge deadlines of the empty arenas are checked (other arenas may be
    /// unmapped, never this one). Returns whether the arena is now wholly free.
    ///
    /// # Safety
    /// `pool` is a pool of one of these arenas, holding no live block and on no list.
    pub unsafe fn give_back(&mut self, pool: *mut PoolHeader) -> bool {
        // SAFETY: the pool header is initialised and names its live arena record.
        let arena = unsafe {
            let arena = (*pool).arena;
            (*pool).next = (*arena).free_pools;
            (*arena).free_pools = pool;
            arena
        };
        self.pools_held -= 1;
        // SAFETY: `arena` is live and not yet counted with the returned pool.
        let free_now = unsafe { self.gained_pool(arena) };
        if free_now == POOLS_PER_ARENA {
            let now = Instant::now();
            // SAFETY: the arena is live and has just become wholly free.
            unsafe {
                (*arena).empty_since = Some(now);
            }
            self.empty += 1;
            self.purge_due(now, Some(arena));
        }
        free_now == POOLS_PER_ARENA
    }

    /// Asks for huge pages, or not, for the arenas mapped from now on (`os.rs`).
    pub fn set_huge_pages(&mut self, huge: bool) {
        self.reservation.set_huge(huge);
        // A lower half carved before waits for no partner from another reservation.
        self.last_lower = ptr::null_mut();
    }

    /// Whether arenas mapped from now on are backed by huge pages.
    pub fn huge_pages(&self) -> bool {
        self.reservation.huge()
    }

    /// Sets how long an empty arena keeps its memory (see the module docs).
    pub fn set_purge_delay(&mut self, delay: Duration) {
        self.purge_delay = delay;
    }

    /// How long an empty arena keeps its memory.
    pub fn purge_delay(&self) -> Duration {
        self.purge_delay
    }

    /// Counts a pool taken while an arena is empty; every [`CHECK_EVERY`] takes, checks the
    /// purge deadlines (so that empty arenas are purged while the heap keeps allocating
    /// elsewhere).
    fn count_take(&mut self) {
        self.takes_since_check += 1;
        if self.takes_since_check >= CHECK_EVERY {
            self.takes_since_check = 0;
            self.purge_due(Instant::now(), None);
        }
    }

    /// `arena`, empty, is about to give a pool or be unmapped: it is no longer empty.
    ///
    /// # Safety
    /// `arena` is a live, empty record (`empty_since` set).
    unsafe fn leave_empty(&mut self, arena: *mut Arena) {
        // SAFETY: per the contract.
        unsafe {
            (*arena).empty_since = None;
            if (*arena).purged {
                (*arena).purged = false;
                self.purged -= 1;
            }
        }
        self.empty -= 1;
    }

    /// Purges the empty arenas whose delay has passed at `now`, and unmaps the purged ones
    /// whose unmap delay has passed, keeping one mapped. `keep` (an arena that just emptied)
    /// is never unmapped here, so the caller may still use its record.
    ///
    /// The purge delay runs from when an arena emptied, or from when the heap last took a
    /// pool from an empty arena, whichever is later: a heap that frees everything and then
    /// allocates again after a pause (a benchmark's rounds, a program's phases) draws on its
    /// empty arenas one after the other, and purging the ones it has not reached yet would
    /// only make it fault their pages in again (mimalloc postpones a pending purge while
    /// memory is being reused, for the same reason). Once the demand stops for a delay, the
    /// arenas still empty are purged, except as many as the heap had in use at its recent
    /// peak (`demand`): a heap that cycles (fills arenas, frees them all, fills them again)
    /// finds its arenas resident in the next cycle even when a cycle outlasts the delay (a
    /// loaded machine), where it used to purge the one arena a cycle had not needed and fault
    /// it in again in the next one (and a purge splits a huge page for good, `os.rs`). The
    /// peak counts from when the heap began drawing on its empty arenas again; once it has
    /// drawn on none for `UNMAP_DELAY_FACTOR` delays (or never did), everything empty past
    /// the delay is purged.
    fn purge_due(&mut self, now: Instant, keep: Option<*mut Arena>) {
        let unmap_delay = self.purge_delay * UNMAP_DELAY_FACTOR;
        let spared = if self.drawn_lately(now) {
            self.demand
        } else {
            0
        };
        let mut resident = self.current - self.purged;
        let mut arena = self.last_with[POOLS_PER_ARENA];
        // SAFETY: the wholly free arenas are the usable list's tail, each a live record with
        // `empty_since` set; `prev` is read before an arena may be unmapped.
        unsafe {
            while !arena.is_null() && (*arena).free_count as usize == POOLS_PER_ARENA {
                let prev = (*arena).prev;
                let delay = self.purge_delay;
                if !(*arena).purged && self.waited(arena, now) >= delay && resident > spared {
                    let partner = (*arena).partner;
                    let both = 1 + (!partner.is_null() && !(*partner).purged) as usize;
                    let partner_due = !partner.is_null()
                        && (*partner).empty_since.is_some()
                        && self.waited(partner, now) >= delay;
                    if partner_due && resident >= spared + both {
                        // Both halves of the frame at once: a purge of one would split the
                        // frame's huge page (`os.rs`).
                        self.purge_frame(arena, partner, now);
                        resident -= both;
                    } else if partner.is_null() || self.waited(arena, now) >= unmap_delay {
                        // No partner, or one in use for ten delays: purged alone after all,
                        // so that memory still goes back in a heap that stays fragmented.
                        self.purge(arena, now);
                        resident -= 1;
                    }
                }
                let unmap = (*arena).purged
                    && now.saturating_duration_since((*arena).empty_since.unwrap_or(now))
                        >= unmap_delay;
                if unmap && self.empty > 1 && keep != Some(arena) {
                    self.release(arena);
                }
                arena = prev;
            }
        }
    }

    /// How long `arena` has waited for its purge at `now`: since it emptied or since the heap
    /// last drew on an empty arena, whichever is later.
    ///
    /// # Safety
    /// `arena` is a live, empty record.
    unsafe fn waited(&self, arena: *mut Arena, now: Instant) -> Duration {
        // SAFETY: per the contract.
        let since = unsafe { (*arena).empty_since }.expect("an empty arena records when");
        let idle_since = self.last_reuse.map_or(since, |reuse| reuse.max(since));
        now.saturating_duration_since(idle_since)
    }

    /// Gives the memory of a frame's two empty arenas back at once (`os::purge_frame`).
    ///
    /// # Safety
    /// `arena` and `partner` are live, empty records of one frame, no pointer used into them.
    unsafe fn purge_frame(&mut self, arena: *mut Arena, partner: *mut Arena, now: Instant) {
        // SAFETY: per the contract; the lower of the two bases starts the frame.
        unsafe {
            let lower = (*arena).base.min((*partner).base);
            os::purge_frame(NonNull::new_unchecked(lower));
            for half in [arena, partner] {
                if !(*half).purged {
                    (*half).purged = true;
                    self.purged += 1;
                }
                (*half).free_pools = ptr::null_mut();
                (*half).untouched = 0;
                (*half).empty_since = Some(now);
            }
        }
    }

    /// Whether the heap took a pool from an empty arena less than `UNMAP_DELAY_FACTOR` delays
    /// before `now`.
    fn drawn_lately(&self, now: Instant) -> bool {
        let unmap_delay = self.purge_delay * UNMAP_DELAY_FACTOR;
        self.last_reuse
            .is_some_and(|reuse| now.saturating_duration_since(reuse) < unmap_delay)
    }

    /// Gives an empty arena's memory back to the OS, keeping it mapped; its pools count as
    /// untouched again.
    ///
    /// # Safety
    /// `arena` is a live, wholly free record whose memory no pointer is used into.
    unsafe fn purge(&mut self, arena: *mut Arena, now: Instant) {
        // SAFETY: per the contract; the emptied pools' headers go with the pages, and their
        // records (kept in pool 0) are forgotten with them: every pool counts as untouched.
        unsafe {
            os::purge_arena(NonNull::new_unchecked((*arena).base));
            (*arena).free_pools = ptr::null_mut();
            (*arena).untouched = 0;
            (*arena).purged = true;
            (*arena).empty_since = Some(now);
        }
        self.purged += 1;
    }

    /// Unmaps every empty arena now, and what the reservation holds beyond its arenas.
    /// Returns the bytes of the arenas unmapped.
    pub fn trim(&mut self) -> usize {
        let before = self.current;
        while self.empty > 0 {
            let arena = self.last_with[POOLS_PER_ARENA];
            // SAFETY: while an arena is empty, the rightmost one is a live, wholly free record.
            unsafe { self.release(arena) };
        }
        self.reservation.release();
        (before - self.current) * ARENA_SIZE
    }

    /// The mapped arena if it is the only one, else null.
    pub fn only_arena(&self) -> *mut Arena {
        if self.current == 1 {
            self.all
        } else {
            ptr::null_mut()
        }
    }

    /// Whether a wholly free arena is mapped.
    #[inline(always)]
    pub fn empty_exists(&self) -> bool {
        self.empty > 0
    }

    /// The arena `addr` lies in, if it is one of these (debug builds only; reads no memory).
    #[cfg(debug_assertions)]
    pub fn find(&self, addr: usize) -> Option<*mut Arena> {
        let (&base, &arena) = self.by_base.range(..=addr).next_back()?;
        (addr < base + crate::size_class::ARENA_SIZE).then_some(arena)
    }

    /// Calls `visit` with every mapped arena record.
    pub fn for_each(&self, mut visit: impl FnMut(&Arena)) {
        let mut arena = self.all;
        while !arena.is_null() {
            // SAFETY: records on the all-list are live until released.
            unsafe {
                visit(&*arena);
                arena = (*arena).all_next;
            }
        }
    }

    /// Maps a new arena and puts it on the usable list (it has the most free pools: tail). It is
    /// not counted as empty: a pool is taken from it at once.
    /// A heap's only arena is faulted in page by page, so that small heaps stay small; once a
    /// heap needs more arenas they fill up, and backing each at once is cheaper: they are
    /// carved from the reservation, on huge pages (`os.rs`).
    #[cold]
    fn map_new_arena(&mut self) -> Option<()> {
        let carved = self.current > 0;
        let base = if carved {
            self.reservation.take_arena()?
        } else {
            os::map_arena()?
        };
        let arena = Box::into_raw(Box::new(Arena {
            base: base.as_ptr(),
            owner: self.owner,
            free_pools: ptr::null_mut(),
            untouched: 0,
            free_count: POOLS_PER_ARENA as u32,
            kept: 0,
            prev: ptr::null_mut(),
            next: ptr::null_mut(),
            all_prev: ptr::null_mut(),
            all_next: self.all,
            empty_since: None,
            purged: false,
            partner: ptr::null_mut(),
            #[cfg(debug_assertions)]
            live: crate::live_bits::LiveBits::new(),
        }));
        // SAFETY: `arena` was just allocated; the old all-list head is live.
        unsafe {
            if !self.all.is_null() {
                (*self.all).all_prev = arena;
            }
        }
        self.all = arena;
        if carved && self.reservation.huge() {
            // SAFETY: `arena` was just allocated; `last_lower` is live while non-null.
            unsafe { self.pair_in_frame(arena) };
        }
        // The usable list is empty (we only map when it is), so the new arena is all of it.
        debug_assert!(self.usable.is_null());
        self.usable = arena;
        self.last_with[POOLS_PER_ARENA] = arena;
        self.allocated_total += 1;
        self.current += 1;
        self.high_water = self.high_water.max(self.current);
        #[cfg(debug_assertions)]
        self.by_base.insert(base.as_ptr().addr(), arena);
        Some(())
    }

    /// Links an arena carved from the reservation with the other arena of its 2 MiB frame:
    /// a lower half waits for its partner, an upper half right above the last lower half
    /// carved is its partner.
    ///
    /// # Safety
    /// `arena` is a live record just carved; `last_lower` is null or live.
    unsafe fn pair_in_frame(&mut self, arena: *mut Arena) {
        // SAFETY: per the contract.
        unsafe {
            let base = (*arena).base.addr();
            if base.is_multiple_of(2 * ARENA_SIZE) {
                self.last_lower = arena;
            } else if !self.last_lower.is_null()
                && (*self.last_lower).base.addr() + ARENA_SIZE == base
            {
                (*arena).partner = self.last_lower;
                (*self.last_lower).partner = arena;
                self.last_lower = ptr::null_mut();
            }
        }
    }

    /// Book-keeping after a pool was taken from the head arena. The head has the fewest free
    /// pools, so after losing one it is still first: only `last_with` changes, or the arena
    /// leaves the list when it became full.
    fn head_lost_pool(&mut self) {
        let arena = self.usable;
        // SAFETY: the head is a live record.
        unsafe {
            let old = (*arena).free_count as usize;
            let new = old - 1;
            (*arena).free_count = new as u32;
            if self.last_with[old] == arena {
                self.last_with[old] = ptr::null_mut();
            }
            if new == 0 {
                self.usable = (*arena).next;
                if !self.usable.is_null() {
                    (*self.usable).prev = ptr::null_mut();
                }
                (*arena).next = ptr::null_mut();
            } else {
                self.last_with[new] = arena;
            }
        }
    }

    /// Book-keeping after `arena` got a pool back: moves it right past the other arenas
    /// with its old count, in O(1) thanks to `last_with`. Returns the new free count.
    ///
    /// # Safety
    /// `arena` is a live record of this set.
    unsafe fn gained_pool(&mut self, arena: *mut Arena) -> usize {
        // SAFETY: all records touched are live members of the usable list.
        unsafe {
            let old = (*arena).free_count as usize;
            let new = old + 1;
            (*arena).free_count = new as u32;
            if old == 0 {
                // It was full, hence off the list; one free pool is the least possible.
                self.link_after(ptr::null_mut(), arena);
            } else {
                let rightmost_old = self.last_with[old];
                if rightmost_old == arena {
                    let prev = (*arena).prev;
                    let prev_has_old = !prev.is_null() && (*prev).free_count as usize == old;
                    self.last_with[old] = if prev_has_old { prev } else { ptr::null_mut() };
                } else {
                    self.unlink(arena);
                    self.link_after(rightmost_old, arena);
                }
            }
            if self.last_with[new].is_null() {
                self.last_with[new] = arena;
            }
            new
        }
    }

    /// Unmaps an empty arena and frees its record.
    ///
    /// # Safety
    /// `arena` is an empty member of the usable list; no pointer into it is used again.
    unsafe fn release(&mut self, arena: *mut Arena) {
        // SAFETY: the record is live; after unlinking nothing refers to it or its memory.
        unsafe {
            self.leave_empty(arena);
            let full = POOLS_PER_ARENA;
            if self.last_with[full] == arena {
                let prev = (*arena).prev;
                let prev_is_free = !prev.is_null() && (*prev).free_count as usize == full;
                self.last_with[full] = if prev_is_free { prev } else { ptr::null_mut() };
            }
            self.unlink(arena);
            self.unlink_all(arena);
            let partner = (*arena).partner;
            if !partner.is_null() {
                (*partner).partner = ptr::null_mut();
            }
            if self.last_lower == arena {
                self.last_lower = ptr::null_mut();
            }
            self.unmap(arena);
        }
        if self.standing_spare == arena {
            self.standing_spare = ptr::null_mut();
        }
        self.reclaimed_total += 1;
    }

    /// Returns the arena's memory to the OS and frees its record.
    ///
    /// # Safety
    /// `arena` is on no list and is never used again.
    unsafe fn unmap(&mut self, arena: *mut Arena) {
        // SAFETY: per the contract; the record came from Box::into_raw in map_new_arena.
        unsafe {
            let record = Box::from_raw(arena);
            #[cfg(debug_assertions)]
            self.by_base.remove(&record.base.addr());
            os::unmap_arena(NonNull::new_unchecked(record.base));
        }
        self.current -= 1;
    }

    /// Inserts `arena` into the usable list after `prev` (null = at the head).
    ///
    /// # Safety
    /// `arena` is off the list; `prev` is null or on it.
    unsafe fn link_after(&mut self, prev: *mut Arena, arena: *mut Arena) {
        // SAFETY: all records are live.
        unsafe {
            let next = if prev.is_null() {
                self.usable
            } else {
                (*prev).next
            };
            (*arena).prev = prev;
            (*arena).next = next;
            if prev.is_null() {
                self.usable = arena;
            } else {
                (*prev).next = arena;
            }
            if !next.is_null() {
                (*next).prev = arena;
            }
        }
    }

    /// Removes `arena` from the usable list.
    ///
    /// # Safety
    /// `arena` is on the list.
    unsafe fn unlink(&mut self, arena: *mut Arena) {
        // SAFETY: the record and its neighbours are live list members.
        unsafe {
            let (prev, next) = ((*arena).prev, (*arena).next);
            if prev.is_null() {
                self.usable = next;
            } else {
                (*prev).next = next;
            }
            if !next.is_null() {
                (*next).prev = prev;
            }
            (*arena).prev = ptr::null_mut();
            (*arena).next = ptr::null_mut();
        }
    }

    /// Removes `arena` from the list of all arenas.
    ///
    /// # Safety
    /// `arena` is on that list.
    unsafe fn unlink_all(&mut self, arena: *mut Arena) {
        // SAFETY: the record and its neighbours are live.
        unsafe {
            let (prev, next) = ((*arena).all_prev, (*arena).all_next);
            if prev.is_null() {
                self.all = next;
            } else {
                (*prev).all_next = next;
            }
            if !next.is_null() {
                (*next).all_prev = prev;
            }
        }
    }

    /// Free counts of the usable list, head first (for tests of the ordering).
    #[cfg(test)]
    pub fn usable_free_counts(&self) -> Vec<u32> {
        let mut counts = Vec::new();
        let mut arena = self.usable;
        while !arena.is_null() {
            // SAFETY: list members are live.
            unsafe {
                counts.push((*arena).free_count);
                arena = (*arena).next;
            }
        }
        counts
    }
}

impl Drop for Arenas {
    fn drop(&mut self) {
        while !self.all.is_null() {
            let arena = self.all;
            // SAFETY: the heap is going away, so no block of any arena is used again.
            unsafe {
                self.all = (*arena).all_next;
                self.unmap(arena);
            }
        }
        self.reservation.release();
    }
}
