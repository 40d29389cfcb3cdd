//! Allocation of objects: header and links initialisation, and the allocation-triggered
//! collection (CPython's `_PyObject_GC_Link`).

use std::cell::Cell;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;

use crate::collector::collect::{collect_generations, collect_with_callback, Caller};
use crate::handle::gc::Gc;
use crate::handle::shutdown::new_heap_state;
use crate::handle::trace::Trace;
use crate::handle::vtable::{payload, VTableOf};
use crate::handle::weak::{downgrade_obj, Weak};
use crate::heap::config::Config;
use crate::heap::dealloc::free_block;
use crate::heap::state::DEFAULT_STATE;
use crate::heap::weak_table::clear_weak_refs;
use crate::heap::{Heap, HeapState};
use crate::object::compact;
use crate::object::header::{
    header, links_ptr, vtable_of, with_id, word_whole, Header, Links, Obj, VTable, ARMED,
    CONTAINER, FINALIZABLE, TORN_DOWN, TRACKED, WORD_SIZE,
};
use crate::object::list;
use pymm_alloc::AllocError;

/// The thread's default heap. Its destructor (at thread exit) shuts the heap down, which
/// runs finalizers; those may still allocate through [`DEFAULT_STATE`] until it is done.
struct DefaultHeap(ManuallyDrop<Heap>);

impl Drop for DefaultHeap {
    fn drop(&mut self) {
        // The heap is shut down with its panics going to its unraisable hook (a thread's
        // destructors must not unwind); then the handle goes.
        // SAFETY: this handle keeps the state alive.
        unsafe { crate::handle::shutdown::shut_down_at_thread_exit(self.0.state().raw()) };
        DEFAULT_STATE.with(|s| s.set(std::ptr::null()));
        // SAFETY: dropped once, here; `self.0` is not used afterwards.
        let drop_handle = || unsafe { ManuallyDrop::drop(&mut self.0) };
        if std::panic::catch_unwind(std::panic::AssertUnwindSafe(drop_handle)).is_err() {
            eprintln!("pymm: ignored a panic while the thread's default heap shut down");
        }
    }
}

thread_local! {
    static DEFAULT_HEAP: DefaultHeap = {
        let heap = Heap::new();
        DEFAULT_STATE.with(|s| s.set(heap.state().raw()));
        DefaultHeap(ManuallyDrop::new(heap))
    };
}

/// The state of the thread's default heap.
///
/// # Panics
/// If the thread's default heap was already dropped (thread teardown).
#[inline]
pub(crate) fn thread_default_state<'a>() -> &'a HeapState {
    let state = DEFAULT_STATE.with(Cell::get);
    if state.is_null() {
        return init_thread_default();
    }
    // SAFETY: non-null only while the default heap's handle is alive or its shutdown (which
    // keeps the state allocated) is running.
    unsafe { &*state }
}

#[cold]
fn init_thread_default<'a>() -> &'a HeapState {
    let state = DEFAULT_HEAP
        .try_with(|heap| heap.0.state().raw())
        .unwrap_or_else(|_| late_heap());
    // SAFETY: the thread-local handle keeps the state alive until the thread's destructors
    // run, and `try_with` fails from then on; a late heap lives while it has blocks (and
    // `DEFAULT_STATE` forgets it before it is freed).
    unsafe { &*state }
}

/// A heap for objects made while the thread's destructors run, after the default heap is
/// gone (a thread-local value whose `Drop` allocates). It has no handle: like a heap whose
/// last handle was dropped, it lives while it has objects and is freed with the last one
/// (its automatic collections still run). `DEFAULT_STATE` points at it until then.
fn late_heap() -> *const HeapState {
    let config = Config::from_env();
    let raw = new_heap_state(&config);
    // SAFETY: just made.
    let state = unsafe { &*raw };
    state.handles.set(0);
    state.mark_shut_down();
    DEFAULT_STATE.with(|s| s.set(raw));
    raw
}

/// The [`ARMED`] flag of a newborn tracked `T` object: set when the collector sees every
/// change of its edges (fixed or barriered), so that its decrements are noted too.
#[inline(always)]
const fn armed<T: Trace>() -> usize {
    if T::EDGES.is_seen() {
        ARMED
    } else {
        0
    }
}

/// Allocates `value` as an object of `state`'s heap.
///
/// # Safety
/// `state` is live for the whole call (the caller holds a handle to it).
#[inline]
pub(crate) unsafe fn alloc_in<T: Trace + 'static>(
    state: &HeapState,
    value: T,
) -> Result<Gc<T>, (AllocError, T)> {
    let container = T::MAY_CONTAIN_GC && value.is_container();
    let mut flags = if container {
        CONTAINER | TRACKED | armed::<T>()
    } else {
        0
    };
    if T::HAS_FINALIZER && value.needs_finalizer() {
        flags |= FINALIZABLE;
    }
    // SAFETY: forwarded contract.
    let obj = match unsafe { alloc_object::<T>(state, container, 1 | flags) } {
        Ok(obj) => obj,
        Err(err) => return Err((err, value)),
    };
    // SAFETY: the payload slot of the fresh block, suitably aligned.
    unsafe { payload::<T>(obj).write(value) };
    if container {
        state.note_tracked(T::EDGES.is_seen(), T::EDGES.is_seen());
        // SAFETY: a fresh container's links, left unwritten by `alloc_object` (TRACKED).
        unsafe { list::append_fresh(links_ptr(obj), &state.gens[0].head) };
    }
    // SAFETY: a fresh object with count 1, payload `T`.
    Ok(unsafe { Gc::from_obj(obj) })
}

/// Allocates the block of a `T` object (with links if `container`, counting it as a
/// container allocation, which may run a collection first) and writes its header with
/// `word`, and its links as [`alloc_block`] does. The payload is left to the caller.
///
/// # Safety
/// `state` is live for the whole call.
#[inline(always)]
unsafe fn alloc_object<T: Trace + 'static>(
    state: &HeapState,
    container: bool,
    word: usize,
) -> Result<Obj, AllocError> {
    let vtable = &VTableOf::<T>::VTABLE;
    // SAFETY: forwarded contract; a sized payload's block is the vtable's layout.
    unsafe { alloc_block(state, vtable, vtable.layouts[usize::from(container)], word) }
}

/// Allocates a block of `layout` for an object of `vtable`'s type (`layout` is the
/// vtable's, or for a slice that one extended by its elements), counting it as a container
/// allocation if `word` says so (which may run a collection first), and writes its header
/// with `word`, and its links, unlinked, unless `word` has `TRACKED`: then the caller links
/// the block with `list::append_fresh` before anything else can see it (the links are left
/// unwritten). The payload is left to the caller.
///
/// # Safety
/// `state` is live for the whole call; `layout` is the vtable's for this kind of block,
/// or a slice's extension of it.
#[inline(always)]
pub(crate) unsafe fn alloc_block(
    state: &HeapState,
    vtable: &'static VTable,
    layout: std::alloc::Layout,
    word: usize,
) -> Result<Obj, AllocError> {
    // A compact type's index, registered before anything is allocated (a clash panics).
    let compact = if vtable.compact == 0 {
        0
    } else {
        compact::register(vtable)
    };
    let container = word & CONTAINER != 0;
    if container {
        note_container_alloc(state);
    }
    // Generation 0's id, read after the collection the allocation may have run (which
    // gave generation 0 a fresh one).
    let word = if word & TRACKED != 0 {
        word | state.track_young()
    } else {
        word
    };
    let idx = usize::from(container);
    let block = match state.alloc.alloc(layout) {
        Ok(block) => block,
        Err(err) => {
            if container {
                state.note_young_free();
            }
            return Err(err);
        }
    };
    // SAFETY: the block is valid for the layout, whose header offset keeps header and
    // payload inside it and aligned.
    let obj: Obj = unsafe {
        NonNull::new_unchecked(
            block
                .as_ptr()
                .add(vtable.header_offsets[idx])
                .cast::<Header>(),
        )
    };
    // SAFETY: `obj` is in the fresh block, suitably aligned, with room for the vtable word
    // after the header word unless the type is compact; a container's block has room for
    // its links right before the header.
    unsafe {
        if vtable.compact == 0 {
            obj.as_ptr().write(Header {
                word: Cell::new(word),
            });
            obj.as_ptr()
                .cast::<u8>()
                .add(WORD_SIZE)
                .cast::<&'static VTable>()
                .write(vtable);
        } else {
            obj.as_ptr().write(Header {
                word: Cell::new(word | compact),
            });
        }
        // A block that is tracked at once is linked by its caller (`list::append_fresh`
        // writes the links whole); others get unlinked links, which `list::append` reads
        // later (through `Cell::set`).
        if container && word & TRACKED == 0 {
            links_ptr(obj).cast_mut().write(Links::new());
        }
    }
    state.live_blocks.set(state.live_blocks.get() + 1);
    Ok(obj)
}

/// Counts a container allocation and runs the collection it triggers, if any.
#[inline(always)]
fn note_container_alloc(state: &HeapState) {
    if state.note_young_alloc() && !state.collecting.get() {
        automatic_collection(state);
    }
}

/// The budget of generation 0 ran out: collects if automatic collections are enabled.
/// The test comes before any frame (a disabled heap allocating many containers calls this at
/// every allocation): the collection is a call of its own.
#[cold]
#[inline(never)]
fn automatic_collection(state: &HeapState) {
    if state.enabled.get() {
        run_automatic_collection(state);
    }
}

#[cold]
#[inline(never)]
fn run_automatic_collection(state: &HeapState) {
    // SAFETY: the caller's handle keeps the state alive; our own handle keeps it alive
    // across user code run by the collection (which may drop the caller's).
    let _hold = unsafe { Heap::from_state(state) };
    let due = state.gens[0].threshold.get() != 0 || state.stress.get();
    // In stress mode, collect generation 0 at least, older ones when their counters say so.
    if due && collect_generations(state).is_none() && state.stress.get() {
        collect_with_callback(state, 0, Caller::Automatic);
    }
}

/// Links a container into generation 0 (`gc.track`-like; `PyObject_GC_Track`).
///
/// # Safety
/// `obj` is live.
pub(crate) unsafe fn track_obj(obj: Obj) {
    // SAFETY: forwarded contract.
    let h = unsafe { header(obj) };
    // Read whole and written whole (a flag set in memory would be a one-byte store that
    // the next whole read of the word waits for, see `word_whole`).
    let word = word_whole(h);
    if word & CONTAINER == 0 || word & (TRACKED | TORN_DOWN) != 0 {
        return;
    }
    // SAFETY: live object.
    let state = unsafe { HeapState::of(obj) };
    // Generation 0.
    h.word.set(with_id(word | TRACKED, state.track_young()));
    // SAFETY: live object.
    let vtable = unsafe { vtable_of(obj) };
    // Events may have touched it while untracked (unnoted): generation 0 is not quiet.
    state.note_tracked(vtable.fixed_edges, false);
    // SAFETY: a container has links; untracked, so in no list.
    unsafe { list::append(links_ptr(obj), &state.gens[0].head) };
}

/// Unlinks a container from its generation (`PyObject_GC_UnTrack`).
///
/// # Safety
/// `obj` is live.
pub(crate) unsafe fn untrack_obj(obj: Obj) {
    // SAFETY: forwarded contract.
    let h = unsafe { header(obj) };
    // Read whole and written whole, as in `track_obj`.
    let word = word_whole(h);
    if word & TRACKED == 0 || word & TORN_DOWN != 0 {
        return;
    }
    // Also fine during a collection: user code only runs while the collector's lists are
    // well formed, and the collector never holds on to a list member across user code.
    h.word.set(word & !TRACKED);
    // SAFETY: TRACKED: a container in a well-formed list.
    unsafe { list::remove(links_ptr(obj)) };
    // SAFETY: live object.
    unsafe { HeapState::of(obj) }.note_untracked(word);
}

/// Allocates an object whose payload `build` makes from a weak handle to the object itself
/// (`Gc::new_cyclic`). The block is allocated first, with a header whose count is 0, so the
/// weak handle cannot be upgraded (nor the object reached any other way) until the payload
/// is written; it is tracked only then. If `build` panics, the weak references are cleared
/// and the block freed before the panic goes on.
///
/// # Safety
/// `state` is live for the whole call (the caller holds a handle to it).
pub(crate) unsafe fn alloc_cyclic_in<T: Trace + 'static>(
    state: &HeapState,
    build: impl FnOnce(&Weak<T>) -> T,
) -> Result<Gc<T>, AllocError> {
    /// Frees the unborn object if `build` unwinds.
    struct Unborn<'s>(&'s HeapState, Obj);
    impl Drop for Unborn<'_> {
        fn drop(&mut self) {
            let Unborn(state, obj) = *self;
            let mut callbacks = Vec::new();
            // SAFETY: allocated, count 0, reachable by no handle; its weak references (none
            // with a callback: those need a strong handle) are cleared before the block goes.
            unsafe {
                clear_weak_refs(state, obj, &mut callbacks);
                free_block(state, obj);
            }
        }
    }

    // Links if the type may own handles; whether this value is tracked is decided once it
    // exists (`is_container`). Count 0: not alive yet.
    let container = T::MAY_CONTAIN_GC;
    let flags = if container { CONTAINER } else { 0 };
    // SAFETY: forwarded contract.
    let obj = unsafe { alloc_object::<T>(state, container, flags) }?;
    // SAFETY: allocated, not torn down; the payload type is `T`.
    let weak = unsafe { downgrade_obj::<T>(obj, None) };
    let unborn = Unborn(state, obj);
    let value = build(&weak);
    std::mem::forget(unborn);
    let track = container && value.is_container();
    let finalizable = T::HAS_FINALIZER && value.needs_finalizer();
    // SAFETY: the payload slot of our block; nothing read it (count 0: no upgrade).
    unsafe { payload::<T>(obj).write(value) };
    // SAFETY: allocated.
    let h = unsafe { header(obj) };
    let flag = if finalizable { FINALIZABLE } else { 0 };
    let tracked = if track {
        TRACKED | armed::<T>() | state.track_young()
    } else {
        0
    };
    // One whole store (see `track_obj`).
    h.word.set((word_whole(h) | flag | tracked) + 1);
    if track {
        state.note_tracked(T::EDGES.is_seen(), T::EDGES.is_seen());
        // SAFETY: a container's links, initialised and unlinked.
        unsafe { list::append(links_ptr(obj), &state.gens[0].head) };
    }
    // SAFETY: a live object with count 1 (ours), payload `T`.
    Ok(unsafe { Gc::from_obj(obj) })
}
