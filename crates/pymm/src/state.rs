//! The per-heap state shared by every handle and object of a heap.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use crate::api::{CallbackId, CallbackPhase, DebugFlags, GenerationStats};
use crate::header::{block_of, Links, Obj};
use crate::list;
use crate::walk::WalkChoice;
use crate::weak::WeakSlots;
use crate::{CallbackInfo, GcAny};

/// A registered `gc.callbacks` entry.
pub(crate) type GcCallback = Box<dyn FnMut(CallbackPhase, &CallbackInfo)>;

/// One generation: its list, its threshold and its counter (CPython's `gc_generation`),
/// and the direction of its collections' walk.
pub(crate) struct Generation {
    pub(crate) head: Links,
    pub(crate) threshold: Cell<usize>,
    pub(crate) count: Cell<usize>,
    pub(crate) walk: Cell<WalkChoice>,
}

/// Everything a heap owns. Boxed, so the addresses of the list heads never change; the
/// allocator's owner tag points here so an object finds its heap from its block alone.
pub(crate) struct HeapState {
    pub(crate) alloc: pymm_alloc::Heap,
    pub(crate) gens: [Generation; 3],
    pub(crate) permanent: Links,
    pub(crate) long_lived_total: Cell<usize>,
    pub(crate) long_lived_pending: Cell<usize>,
    pub(crate) enabled: Cell<bool>,
    pub(crate) collecting: Cell<bool>,
    pub(crate) stress: Cell<bool>,
    pub(crate) debug: Cell<DebugFlags>,
    pub(crate) stats: [Cell<GenerationStats>; 3],
    pub(crate) garbage: RefCell<Vec<GcAny>>,
    pub(crate) callbacks: RefCell<Vec<(CallbackId, GcCallback)>>,
    pub(crate) next_callback_id: Cell<u64>,
    /// Ids removed while the callbacks were running (taken out of `callbacks`).
    pub(crate) removed_callbacks: RefCell<Vec<CallbackId>>,
    pub(crate) weak_table: RefCell<HashMap<usize, WeakSlots>>,
    /// Trashcan: nesting depth of payload drops, and the deferred objects: containers in a
    /// chain through their (unlinked) links, others in a vector (see `dealloc`).
    pub(crate) trash_depth: Cell<usize>,
    pub(crate) trash_chain: Cell<*const Links>,
    pub(crate) trash_plain: RefCell<Vec<Obj>>,
    /// Objects on either deferred list.
    pub(crate) trash_count: Cell<usize>,
    /// Blocks handed out and not yet freed; the state outlives its last block.
    pub(crate) live_blocks: Cell<usize>,
    /// `Heap` handles alive; at zero the heap shuts down.
    pub(crate) handles: Cell<usize>,
    /// The handle count has reached zero at least once (the state may be freed once it is
    /// zero again and no block is left).
    pub(crate) shut_down: Cell<bool>,
    /// `shut_down` is running (its own handle drops must not start it again).
    pub(crate) shutting_down: Cell<bool>,
}

impl HeapState {
    /// A new boxed state with `handles == 1`, returned as a raw pointer (freed by
    /// [`HeapState::release_if_unused`]).
    pub(crate) fn new_raw(thresholds: (usize, usize, usize), stress: bool) -> *const HeapState {
        let generation = |t: usize| Generation {
            head: Links::new(),
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
            long_lived_total: Cell::new(0),
            long_lived_pending: Cell::new(0),
            enabled: Cell::new(true),
            collecting: Cell::new(false),
            stress: Cell::new(stress),
            debug: Cell::new(DebugFlags::empty()),
            stats: Default::default(),
            garbage: RefCell::new(Vec::new()),
            callbacks: RefCell::new(Vec::new()),
            next_callback_id: Cell::new(1),
            removed_callbacks: RefCell::new(Vec::new()),
            weak_table: RefCell::new(HashMap::new()),
            trash_depth: Cell::new(0),
            trash_chain: Cell::new(std::ptr::null()),
            trash_plain: RefCell::new(Vec::new()),
            trash_count: Cell::new(0),
            live_blocks: Cell::new(0),
            handles: Cell::new(1),
            shut_down: Cell::new(false),
            shutting_down: Cell::new(false),
        });
        let raw = Box::into_raw(state).cast_const();
        // SAFETY: just allocated; the heads are initialised in place, where they stay.
        let state = unsafe { &*raw };
        for g in &state.gens {
            list::init(&g.head);
        }
        list::init(&state.permanent);
        state.alloc.set_owner_tag(raw.cast());
        register_on_thread(raw);
        raw
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
        // SAFETY: forwarded contract; the tag was set to the state's address (with the
        // provenance of its allocation) when the heap was made.
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
            && s.trash_depth.get() == 0
            && !s.collecting.get()
        {
            unregister_from_thread();
            // SAFETY: came from Box::into_raw in `new_raw`; nothing refers to it any more.
            drop(unsafe { Box::from_raw(state.cast_mut()) });
        }
    }
}

thread_local! {
    /// Heap states alive on this thread (made here, not freed yet).
    static HEAPS_OF_THREAD: Cell<usize> = const { Cell::new(0) };
    /// The state of the thread's heap while there is exactly one (the common case: the
    /// default heap, or one explicit heap), else null. Read by [`HeapState::raw_of`] on
    /// every free; const-initialised without destructor, so readable at any time, even
    /// while the thread's destructors run.
    static ONLY_HEAP_OF_THREAD: Cell<*const HeapState> = const { Cell::new(std::ptr::null()) };
}

/// Counts a new state on this thread.
fn register_on_thread(state: *const HeapState) {
    let alive = HEAPS_OF_THREAD.with(Cell::get) + 1;
    HEAPS_OF_THREAD.with(|count| count.set(alive));
    let only = if alive == 1 { state } else { std::ptr::null() };
    ONLY_HEAP_OF_THREAD.with(|cell| cell.set(only));
}

/// Uncounts a state about to be freed. The fast lookup stays off until the thread has no
/// state left (which one remains is not recorded).
fn unregister_from_thread() {
    HEAPS_OF_THREAD.with(|count| count.set(count.get() - 1));
    ONLY_HEAP_OF_THREAD.with(|cell| cell.set(std::ptr::null()));
}
