//! The per-heap state shared by every handle and object of a heap.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use crate::heap::config::{CallbackId, CallbackInfo, CallbackPhase, DebugFlags, GenerationStats};
use crate::heap::gen_ids::GenIds;
use crate::heap::unraisable::UnraisableHook;
use crate::heap::weak_table::WeakSlots;
use crate::heap::Heap;
use crate::object::header::{
    block_of, links_ptr, Links, Obj, COLLECTING, TORN_DOWN, TRACKED, UNREACHABLE,
};
use crate::object::list;
use crate::object::walk::WalkChoice;

/// [`HeapState::acyclic`] when no generation may hold a cycle (all empty, say).
pub(crate) const ALL_ACYCLIC: u8 = 0b111;
/// [`HeapState::old_len`] when generation 2 must be walked to be counted. Frees count
/// down from it without a test: any value from [`KNOWN_BELOW`] up means unknown (no heap
/// frees 2^62 objects).
pub(crate) const UNKNOWN_LEN: usize = 1 << 63;
/// [`HeapState::old_len`] is a length below this.
const KNOWN_BELOW: usize = 1 << 62;
/// [`HeapState::trash`]'s low bit, set while the outermost payload drop has no work at its
/// end (so that the word is zero exactly when that drop ends with work: the end of every
/// payload drop is one decrement whose flags say it).
pub(crate) const TRASH_IDLE: usize = 1;
/// [`HeapState::trash`]'s unit of nesting depth (the depth is in the bits above the idle
/// bit, so that the depth's limit is one compare of the whole word).
pub(crate) const TRASH_STEP: usize = 2;

/// A registered `gc.callbacks` entry.
pub(crate) type GcCallback = Box<dyn FnMut(&Heap, CallbackPhase, &CallbackInfo)>;

/// One generation: its list, its threshold and its counter (CPython's `gc_generation`),
/// and the direction of its collections' walk.
pub(crate) struct Generation {
    pub(crate) head: Links,
    /// Members that were the object of an event (a barriered write, a decrement to a
    /// non-zero count) since a scan last verified them, kept apart from `head` (see
    /// `collector::suspects`). Members of the generation as much as `head`'s.
    pub(crate) suspects: Links,
    pub(crate) threshold: Cell<usize>,
    /// The counter of generations 1 and 2. Generation 0's holds what is left before the
    /// automatic collection instead: `trigger - count`, negative once the count has passed
    /// the trigger. A container allocation decrements it and tests the sign (one
    /// read-modify-write and a branch, see [`HeapState::note_young_alloc`]). Read and set
    /// all three counters through [`HeapState::count`] and [`HeapState::set_count`].
    count: Cell<isize>,
    pub(crate) walk: Cell<WalkChoice>,
}

/// Everything a heap owns. Boxed, so the addresses of the list heads never change; the
/// allocator's owner tag points here so an object finds its heap from its block alone.
pub(crate) struct HeapState {
    pub(crate) alloc: pymm_alloc::Heap,
    pub(crate) gens: [Generation; 3],
    pub(crate) permanent: Links,
    /// Which generation each list id in the members' header words belongs to.
    pub(crate) ids: GenIds,
    /// Bit `i` set: every member of generation `i` is of a type with `Trace::FIXED_EDGES`,
    /// or has barriered edges and was not written since its birth (`Gc::write`), so a
    /// collection whose generations all have their bit set finds nothing and skips
    /// its scan (see `collector::unchanged`, which keeps it).
    pub(crate) acyclic: Cell<u8>,
    /// Bit `i` set: every member of generation `i` is `ARMED` (its next decrement will be
    /// noted) and none was the object of an event (a decrement that left its count above
    /// zero, a barriered write) since the last scan that verified it held no garbage, nor
    /// has a member come from a generation where one was (see `collector::unchanged`). A collection whose generations all have their bit set
    /// finds nothing and skips its scan, whatever their edges.
    pub(crate) quiet: Cell<u8>,
    /// Bit `i` set: every member of generation `i` outside its suspects list is `ARMED`, so
    /// that any garbage among its members is reachable from a suspect (see
    /// `collector::suspects`): a collection whose generations all have their bit set
    /// scans only the closure of their suspects.
    pub(crate) covered: Cell<u8>,
    /// The user code of a collection that holds unflagged objects in its own lists runs
    /// (finalizers, weak callbacks): events clear `covered` instead of moving objects.
    pub(crate) disposing: Cell<bool>,
    /// Generation 0's main list holds suspects too: an event on a member of generation 0
    /// leaves it in place (in allocation order with the others, see `note_suspect`), and
    /// the whole generation counts as suspects until the next collection starts, which
    /// moves it to the suspects' list (`collector::suspects::young_to_suspects`).
    pub(crate) young_suspects: Cell<bool>,
    /// The number of objects in generation 2 (both lists), or [`UNKNOWN_LEN`] after
    /// something changed it by an amount not counted (a collection's user code,
    /// `unfreeze`). Frees and untracks of its members count down (`note_untracked`).
    pub(crate) old_len: Cell<usize>,
    /// The number of objects in generations 0 and 1 (both lists), trusted only while
    /// `old_len` is known (anything that makes it unknown may have changed them):
    /// generation 0's counts every container tracked into it ([`HeapState::track_young`]),
    /// frees and untracks count down the generation of their list id (`note_untracked`),
    /// and collections move them on (see `collector::unchanged`).
    pub(crate) young_lens: [Cell<usize>; 2],
    pub(crate) long_lived_total: Cell<usize>,
    pub(crate) long_lived_pending: Cell<usize>,
    pub(crate) enabled: Cell<bool>,
    pub(crate) collecting: Cell<bool>,
    pub(crate) stress: Cell<bool>,
    /// The generation-0 count past which a container allocation calls the automatic
    /// collection: generation 0's threshold, or 0 in stress mode (every allocation); kept
    /// by [`HeapState::set_threshold0`].
    trigger: Cell<isize>,
    pub(crate) debug: Cell<DebugFlags>,
    pub(crate) stats: [Cell<GenerationStats>; 3],
    /// `gc.garbage` (`DEBUG_SAVEALL`): each entry owns one strong count of its object (the
    /// handle layer turns them into `GcAny` handles when they are read or dropped). Empty
    /// by the time the state is freed: its objects are live blocks.
    pub(crate) garbage: RefCell<Vec<Obj>>,
    pub(crate) callbacks: RefCell<Vec<(CallbackId, GcCallback)>>,
    pub(crate) next_callback_id: Cell<u64>,
    /// Ids removed while the callbacks were running (taken out of `callbacks`).
    pub(crate) removed_callbacks: RefCell<Vec<CallbackId>>,
    pub(crate) weak_table: RefCell<HashMap<usize, WeakSlots>>,
    /// Trashcan: the nesting depth of payload drops times [`TRASH_STEP`], plus
    /// [`TRASH_IDLE`] while `trash_count` is zero. One word, so that the path of every
    /// free reads it once on entry (one compare for the depth's limit) and decrements it at
    /// its end (zero: the outermost drop ended with work to do; see `dealloc::Nesting`),
    /// and keeps nothing in a register across the payload's drop.
    pub(crate) trash: Cell<usize>,
    /// The deferred objects: containers in a chain through their (unlinked) links, others
    /// in a vector (see `dealloc`).
    pub(crate) trash_chain: Cell<*const Links>,
    pub(crate) trash_plain: RefCell<Vec<Obj>>,
    /// Objects on either deferred list, plus one once the heap has shut down: the outermost
    /// payload drop has work to do at its end iff this is non-zero (mirrored by
    /// [`TRASH_WORK`] in `trash`). Changed through [`HeapState::set_trash_count`] only.
    pub(crate) trash_count: Cell<usize>,
    /// Blocks handed out and not yet freed; the state outlives its last block.
    pub(crate) live_blocks: Cell<usize>,
    /// `Heap` handles alive; at zero the heap shuts down.
    pub(crate) handles: Cell<usize>,
    /// The handle count has reached zero at least once (the state may be freed once it is
    /// zero again and no block is left). Set through [`HeapState::mark_shut_down`] only.
    pub(crate) shut_down: Cell<bool>,
    /// `shut_down` is running (its own handle drops must not start it again).
    pub(crate) shutting_down: Cell<bool>,
    /// [`HeapAllocator`](crate::HeapAllocator) handles alive: the state outlives them.
    pub(crate) pins: Cell<usize>,
    /// Receives the panics no caller can (see `unraisable`); `None`: the default hook.
    pub(crate) unraisable_hook: RefCell<Option<UnraisableHook>>,
    /// The thread's heaps, in a list through their states (see [`sweep_thread_heaps`]).
    thread_prev: Cell<*const HeapState>,
    thread_next: Cell<*const HeapState>,
    /// Swept by the thread's exit already.
    swept: Cell<bool>,
}

impl HeapState {
    /// A new boxed state with `handles == 1`, returned as a raw pointer (freed by
    /// [`HeapState::release_if_unused`]).
    pub(crate) fn new_raw(thresholds: (usize, usize, usize), stress: bool) -> *const HeapState {
        let generation = |t: usize| Generation {
            head: Links::new(),
            suspects: Links::new(),
            threshold: Cell::new(t),
            count: Cell::new(0),
            walk: Cell::new(WalkChoice::new()),
        };
        let state = Box::new(HeapState {
            alloc: pymm_alloc::Heap::new(),
            gens: [
                generation(thresholds.0),
                generation(thresholds.1),
                generation(thresholds.2),
            ],
            permanent: Links::new(),
            ids: GenIds::new(),
            acyclic: Cell::new(ALL_ACYCLIC),
            quiet: Cell::new(ALL_ACYCLIC),
            covered: Cell::new(ALL_ACYCLIC),
            disposing: Cell::new(false),
            young_suspects: Cell::new(false),
            old_len: Cell::new(0),
            young_lens: [Cell::new(0), Cell::new(0)],
            long_lived_total: Cell::new(0),
            long_lived_pending: Cell::new(0),
            enabled: Cell::new(true),
            collecting: Cell::new(false),
            stress: Cell::new(stress),
            trigger: Cell::new(0),
            debug: Cell::new(DebugFlags::empty()),
            stats: Default::default(),
            garbage: RefCell::new(Vec::new()),
            callbacks: RefCell::new(Vec::new()),
            next_callback_id: Cell::new(1),
            removed_callbacks: RefCell::new(Vec::new()),
            weak_table: RefCell::new(HashMap::new()),
            trash: Cell::new(TRASH_IDLE),
            trash_chain: Cell::new(std::ptr::null()),
            trash_plain: RefCell::new(Vec::new()),
            trash_count: Cell::new(0),
            live_blocks: Cell::new(0),
            handles: Cell::new(1),
            shut_down: Cell::new(false),
            shutting_down: Cell::new(false),
            pins: Cell::new(0),
            unraisable_hook: RefCell::new(None),
            thread_prev: Cell::new(std::ptr::null()),
            thread_next: Cell::new(std::ptr::null()),
            swept: Cell::new(false),
        });
        state.set_threshold0(thresholds.0);
        let raw = Box::into_raw(state).cast_const();
        // SAFETY: just allocated; the heads are initialised in place, where they stay.
        let state = unsafe { &*raw };
        for g in &state.gens {
            list::init(&g.head);
            list::init(&g.suspects);
        }
        list::init(&state.permanent);
        state.alloc.set_owner_tag(raw.cast());
        register_on_thread(raw);
        raw
    }

    /// A container joined generation 0: unless its edges cannot make a cycle yet (fixed,
    /// or barriered and not written since its birth), generation 0 may now hold a cycle;
    /// unless it is a newborn `ARMED` (`quiet`), generation 0 is no longer quiet, nor covered
    /// (an unarmed member outside the suspects).
    /// (Constants per type at most call sites: free for fixed and barriered types.)
    #[inline(always)]
    pub(crate) fn note_tracked(&self, acyclic: bool, quiet: bool) {
        if !acyclic {
            self.acyclic.set(self.acyclic.get() & !1);
        }
        if !quiet {
            self.quiet.set(self.quiet.get() & !1);
            self.covered.set(self.covered.get() & !1);
        }
    }

    /// The write barrier (`Gc::write`) ran for an object of generation `gen` (its tag, the
    /// permanent generation's included): that generation may now hold a cycle, and garbage.
    /// The permanent generation needs nothing: `unfreeze` clears generation 2's bits.
    #[inline]
    pub(crate) fn note_written(&self, gen: usize) {
        self.acyclic.set(self.acyclic.get() & !(1 << gen));
        self.note_event(gen);
    }

    /// An event (a write, a decrement to a non-zero count) touched a member of generation
    /// `gen` (its tag: 3, the permanent one, is a bit no collection reads).
    #[inline(always)]
    pub(crate) fn note_event(&self, gen: usize) {
        self.quiet.set(self.quiet.get() & !(1 << gen));
    }

    /// An event touched `obj`, whose header word was `word` and is now disarmed (its next
    /// events add nothing until a scan arms it again): its generation is not quiet, and it
    /// moves to the front of its generation's suspects (keeping its list id: membership does
    /// not change), so that a collection scanning only the suspects' closure sees it. A
    /// member of generation 0 stays in place instead, and its whole generation counts as
    /// suspects (`young_suspects`): the written objects of a generation walked whole stay
    /// in allocation order with the others, rather than in a second run that touches
    /// their neighbours' memory again.
    ///
    /// Left where it is: an untracked object (in no list), a frozen one (`unfreeze` clears
    /// generation 2's bits), one of a collection's own lists (flagged); while a collection's
    /// user code runs on unflagged objects of its lists, the generation is no longer
    /// covered instead (see `collector::suspects`).
    ///
    /// # Safety
    /// `obj` is a live container of this heap; `word` its header word before the disarm.
    #[inline(never)]
    pub(crate) unsafe fn note_suspect(&self, obj: Obj, word: usize) {
        let gen = self.ids.generation_of(word);
        self.note_event(gen);
        if word & TRACKED == 0 || gen == 3 || word & (COLLECTING | UNREACHABLE | TORN_DOWN) != 0 {
            return;
        }
        if self.disposing.get() {
            self.covered.set(self.covered.get() & !(1 << gen));
            return;
        }
        if gen == 0 {
            self.young_suspects.set(true);
            return;
        }
        // SAFETY: a container (forwarded contract).
        let node = unsafe { links_ptr(obj) };
        let suspects = &self.gens[gen].suspects;
        if !std::ptr::eq(suspects.next.get(), node) {
            // SAFETY: a tracked container is in its generation's list (main or suspects).
            unsafe {
                list::unlink_dead(node);
                list::prepend(node, suspects);
            }
        }
    }

    /// Sets generation 0's threshold (`gc.set_threshold`'s first argument), and the
    /// allocation trigger that follows it outside stress mode.
    pub(crate) fn set_threshold0(&self, threshold: usize) {
        let count = self.count(0);
        self.gens[0].threshold.set(threshold);
        let trigger = if self.stress.get() { 0 } else { threshold };
        self.trigger
            .set(isize::try_from(trigger).unwrap_or(isize::MAX));
        self.set_count(0, count);
    }

    /// The counter of generation `gen` (CPython's `generations[gen].count`: for generation
    /// 0, container allocations less deallocations since its last collection).
    #[inline]
    pub(crate) fn count(&self, gen: usize) -> usize {
        let count = if gen == 0 {
            self.trigger.get() - self.gens[0].count.get()
        } else {
            self.gens[gen].count.get()
        };
        // Never negative: generation 0's stops at zero (`note_young_free`).
        count as usize
    }

    /// Sets the counter of generation `gen`.
    #[inline]
    pub(crate) fn set_count(&self, gen: usize, count: usize) {
        let count = isize::try_from(count).unwrap_or(isize::MAX);
        if gen == 0 {
            self.gens[0]
                .count
                .set(self.trigger.get().saturating_sub(count));
        } else {
            self.gens[gen].count.set(count);
        }
    }

    /// Counts a container allocation in generation 0; `true` when the count has passed
    /// the trigger (the automatic collection is due, if enabled and none is running).
    #[inline(always)]
    pub(crate) fn note_young_alloc(&self) -> bool {
        let budget = self.gens[0].count.get() - 1;
        self.gens[0].count.set(budget);
        budget < 0
    }

    /// Uncounts a container from generation 0 (freed, or its allocation failed); the count
    /// stops at zero, as CPython's.
    #[inline(always)]
    pub(crate) fn note_young_free(&self) {
        let budget = self.gens[0].count.get();
        if budget < self.trigger.get() {
            self.gens[0].count.set(budget + 1);
        }
    }

    /// The handle count has reached zero: from now on the state is freed with its last
    /// block. Counted in `trash_count` too, so that the end of every outermost payload drop
    /// checks for it (and for deferred objects) with one test.
    pub(crate) fn mark_shut_down(&self) {
        if !self.shut_down.replace(true) {
            self.set_trash_count(self.trash_count.get() + 1);
        }
    }

    /// Sets `trash_count`, and [`TRASH_IDLE`] in `trash` with it.
    #[inline]
    pub(crate) fn set_trash_count(&self, count: usize) {
        self.trash_count.set(count);
        let depth = self.trash.get() & !TRASH_IDLE;
        self.trash.set(if count == 0 {
            depth | TRASH_IDLE
        } else {
            depth
        });
    }

    /// The nesting depth of payload drops (see `dealloc`).
    #[inline]
    pub(crate) fn trash_depth(&self) -> usize {
        self.trash.get() / TRASH_STEP
    }

    /// A container is being tracked into generation 0: counted there; returns the list id
    /// its header word takes (`gen_ids`). Called after any collection its allocation ran.
    #[inline(always)]
    pub(crate) fn track_young(&self) -> usize {
        let len = &self.young_lens[0];
        len.set(len.get().wrapping_add(1));
        self.ids.young()
    }

    /// A tracked container whose header word was `word` left its generation (freed or
    /// untracked): one member fewer in that generation's length (`young_lens`, `old_len`;
    /// a frozen one is in none). An unknown `old_len` stays unknown (see [`UNKNOWN_LEN`]),
    /// and the young lengths are not read while it is.
    #[inline(always)]
    pub(crate) fn note_untracked(&self, word: usize) {
        let len = match self.ids.generation_of(word) {
            0 => &self.young_lens[0],
            1 => &self.young_lens[1],
            2 => &self.old_len,
            _ => return,
        };
        len.set(len.get().wrapping_sub(1));
    }

    /// Generation 2's length, if known (see `old_len`).
    #[inline]
    pub(crate) fn known_old_len(&self) -> Option<usize> {
        let len = self.old_len.get();
        (len < KNOWN_BELOW).then_some(len)
    }

    /// The state of the heap that owns `obj`.
    ///
    /// # Safety
    /// `obj` is a live object (its block not freed).
    #[inline(always)]
    pub(crate) unsafe fn of<'a>(obj: Obj) -> &'a HeapState {
        // SAFETY: forwarded contract; the state lives as long as any of its blocks.
        unsafe { &*HeapState::raw_of(obj) }
    }

    /// The state of the heap that owns `obj`, as the pointer [`HeapState::raw`] returns
    /// (found in one lookup, for the paths that may free the state).
    ///
    /// # Safety
    /// `obj` is a live object (its block not freed).
    #[inline(always)]
    pub(crate) unsafe fn raw_of(obj: Obj) -> *const HeapState {
        let only = ONLY_HEAP_OF_THREAD.with(Cell::get);
        if !only.is_null() {
            // Objects never leave the thread of their heap (every handle is `!Send`), so
            // the thread's only heap state owns `obj`: no lookup through its block.
            return only;
        }
        // SAFETY: forwarded contract.
        unsafe { owner_of_out_of_line(obj) }
    }

    /// The state of the heap that owns `obj`, always found through its block (never the
    /// thread's only heap: used to tell heaps apart).
    ///
    /// # Safety
    /// `obj` is a live object (its block not freed).
    #[inline]
    pub(crate) unsafe fn owner_of(obj: Obj) -> *const HeapState {
        // SAFETY: as in `raw_of`.
        unsafe {
            let (block, layout) = block_of(obj);
            pymm_alloc::owner_tag(block, layout).cast::<HeapState>()
        }
    }

    /// The state's address with the provenance of its allocation (kept as the allocator's
    /// owner tag): what may free it must not use a pointer derived from a reference.
    #[inline]
    pub(crate) fn raw(&self) -> *const HeapState {
        self.alloc.get_owner_tag().cast()
    }

    /// Frees the state once no handle, no block and no running operation needs it.
    ///
    /// # Safety
    /// `state` must not be used by the caller after this returns (it may be freed).
    pub(crate) unsafe fn release_if_unused(state: *const HeapState) {
        // SAFETY: the caller still has a valid state pointer.
        let s = unsafe { &*state };
        if s.shut_down.get()
            && !s.shutting_down.get()
            && s.handles.get() == 0
            && s.live_blocks.get() == 0
            && s.pins.get() == 0
            && s.trash_depth() == 0
            && !s.collecting.get()
        {
            unregister_from_thread(state);
            // SAFETY: came from Box::into_raw in `new_raw`; nothing refers to it any more.
            drop(unsafe { Box::from_raw(state.cast_mut()) });
        }
    }
}

/// [`HeapState::owner_of`] for [`HeapState::raw_of`] when the thread has several heaps: out
/// of line, so that the free path inlined with `raw_of` keeps no registers for it.
///
/// # Safety
/// `obj` is a live object (its block not freed).
#[cold]
#[inline(never)]
unsafe fn owner_of_out_of_line(obj: Obj) -> *const HeapState {
    // SAFETY: forwarded contract; the tag was set to the state's address (with the
    // provenance of its allocation) when the heap was made.
    unsafe { HeapState::owner_of(obj) }
}

thread_local! {
    /// Heap states alive on this thread (made here, not freed yet).
    static HEAPS_OF_THREAD: Cell<usize> = const { Cell::new(0) };
    /// The state of the thread's heap while there is exactly one (the common case: the
    /// default heap, or one explicit heap), else null. Read by [`HeapState::raw_of`] on
    /// every free; const-initialised without destructor, so readable at any time, even
    /// while the thread's destructors run.
    static ONLY_HEAP_OF_THREAD: Cell<*const HeapState> = const { Cell::new(std::ptr::null()) };
    /// The first of the thread's heap states (a list through `thread_next`); no destructor,
    /// so heaps made or freed while the thread's destructors run can still use it.
    static FIRST_HEAP_OF_THREAD: Cell<*const HeapState> = const { Cell::new(std::ptr::null()) };
    /// The default heap's state, readable without lazy-initialisation checks and even while
    /// thread-local destructors run (no destructor of its own). Null before the first use
    /// and after the default heap is gone (set by `handle::alloc`, which makes that heap;
    /// kept here so that a state forgets itself when it is freed).
    pub(crate) static DEFAULT_STATE: Cell<*const HeapState> = const { Cell::new(std::ptr::null()) };
}

/// Whether more than one heap lives on this thread (so a handle of one may sit in an object
/// of another).
#[inline]
pub(crate) fn several_heaps_on_thread() -> bool {
    HEAPS_OF_THREAD.with(Cell::get) > 1
}

/// Counts a new state on this thread and links it into the thread's list.
fn register_on_thread(state: *const HeapState) {
    let alive = HEAPS_OF_THREAD.with(Cell::get) + 1;
    HEAPS_OF_THREAD.with(|count| count.set(alive));
    let only = if alive == 1 { state } else { std::ptr::null() };
    ONLY_HEAP_OF_THREAD.with(|cell| cell.set(only));
    let first = FIRST_HEAP_OF_THREAD.with(Cell::get);
    // SAFETY: `state` was just made; `first` is a live state of this thread (states unlink
    // themselves before they are freed).
    unsafe {
        (*state).thread_next.set(first);
        if !first.is_null() {
            (*first).thread_prev.set(state);
        }
    }
    FIRST_HEAP_OF_THREAD.with(|cell| cell.set(state));
}

/// Uncounts a state about to be freed and unlinks it. The fast lookup stays off until the
/// thread has no state left (which one remains is not recorded).
fn unregister_from_thread(state: *const HeapState) {
    HEAPS_OF_THREAD.with(|count| count.set(count.get() - 1));
    ONLY_HEAP_OF_THREAD.with(|cell| cell.set(std::ptr::null()));
    // SAFETY: `state` and its neighbours are live states of this thread.
    unsafe {
        let (prev, next) = ((*state).thread_prev.get(), (*state).thread_next.get());
        if prev.is_null() {
            FIRST_HEAP_OF_THREAD.with(|cell| cell.set(next));
        } else {
            (*prev).thread_next.set(next);
        }
        if !next.is_null() {
            (*next).thread_prev.set(prev);
        }
    }
    forget_default_state(state);
}

/// The first heap of this thread not swept yet at its exit, now marked swept (each state is
/// swept once; see `shutdown::sweep_thread_heaps`). Heaps may be made and freed by what a
/// sweep runs: the search starts from the list's head each time.
pub(crate) fn next_heap_to_sweep() -> Option<*const HeapState> {
    let mut state = FIRST_HEAP_OF_THREAD.with(Cell::get);
    // SAFETY: states in the list are live.
    while !state.is_null() && unsafe { (*state).swept.get() } {
        // SAFETY: as above.
        state = unsafe { (*state).thread_next.get() };
    }
    if state.is_null() {
        return None;
    }
    // SAFETY: a live state of this thread.
    unsafe { (*state).swept.set(true) };
    Some(state)
}

/// Forgets `state` as the thread's default heap (it is about to be freed).
fn forget_default_state(state: *const HeapState) {
    let _ = DEFAULT_STATE.try_with(|s| {
        if std::ptr::eq(s.get(), state) {
            s.set(std::ptr::null());
        }
    });
}
