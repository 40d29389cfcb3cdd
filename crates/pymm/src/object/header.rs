//! The object header, the collector's links and the per-type vtable.
//!
//! Every object is one block from the heap's pymm-alloc heap:
//!
//! ```text
//!  container (tracked):   [ gc_next | gc_prev ][ word | vtable ][ payload T ... ]
//!                           16 bytes (Links)    16 bytes (Header) ^ Gc points at Header
//!  non-container:                             [ word | vtable ][ payload T ... ]
//! ```
//!
//! `word` holds the strong count in its low 33 bits, a compact type index in the next 4
//! (see below) and the flags and the list id (a container's generation, see
//! `heap::gen_ids`) in its top 27 bits, so a clone is one add and a drop one subtract plus a test of the
//! count bits (and, for a count left above zero, a test of [`ARMED`] in the same word).
//!
//! # What a 24-byte container header would take
//! `gc_prev` serves O(1) unlinking (at refcount zero, `untrack`) and moving objects
//! between lists, and lets a collection walk its set while the other link holds the
//! scratch counts (the collection could instead subtract from the strong counts in place and put
//! them back afterwards, a tracing pass over the garbage). Dropping it takes one of:
//! * a singly linked list with lazy unlinking: a dead container stays linked (flagged) until
//!   the next walk of its generation splices it out, so its block cannot be reused at once:
//!   this breaks "zero frees now" for containers;
//! * an out-of-line generation array: the vtable pointer becomes a 32-bit type index (types
//!   registered in a table) plus a 32-bit slot index into a per-generation `Vec` of object
//!   pointers; unlink is `swap_remove` plus fixing the moved object's slot. The header is
//!   then 16 bytes for every object and 24 with the array slot, at the price of a global
//!   type table, an indirection per vtable call, and collections that chase pointers from
//!   the array instead of walking the objects in allocation order.
//!
//! pymm keeps CPython's two-word links: 32 bytes, O(1) everything, no side structures.
//!
//! # Compact types: a header without the vtable word
//! A payload type may declare a compact type index (`Trace::COMPACT_INDEX`, 1..=15): its
//! objects' header is the `word` alone and the payload starts 8 bytes after it. The index
//! sits in [`COMPACT_MASK`], bits taken from the count (which keeps 33); [`vtable_of`], the
//! one type-erased read of a vtable, tests them and takes the vtable from the process-wide
//! registry (`compact`) or from the word after the header. A payload's offset stays a
//! compile-time constant of its type (`handle::vtable::payload`): a dereference is one add.
//! Slices always carry the vtable word.
//!
//! ```text
//!  container, compact:    [ gc_next | gc_prev ][ word ][ payload T ... ]
//! ```
//!
//! pymm-python's objects are all `Gc<Obj>`, one compact type: every Python object is 8
//! bytes smaller. A 48-byte `__slots__` instance with two fields (CPython's `PyGC_Head`,
//! refcount, `ob_type`, two slots) also needs the `Obj`'s tag, the instance's shape and
//! its class in one word: pymm-python keeps the class's 48-bit address above the tag and a
//! shape byte, the first value in the `Obj`'s second word (`objects/instance.rs`), at no
//! more instructions than the unpacked layout (a first packing, with a fallback layout
//! and a decode at every access, was +4-7%). The designs weighed before, and not made: a
//! per-class vtable (the vtable as `ob_type`: not `&'static`, type checks against a family
//! of vtables, one more dependent load to read a class), a tagless payload (every match on
//! an object changes), or a flag meaning "the heap's default vtable" (the tag would still
//! need a home).

use std::alloc::Layout;
use std::any::TypeId;
use std::cell::Cell;
use std::ptr::NonNull;

use crate::object::trace_entry::TraceEntry;

/// The bits of a container's list id (see [`ID_MASK`]).
pub(crate) const ID_BITS: u32 = 16;
/// The low six flags sit below the list id, the five others above it.
const FLAG_SHIFT: u32 = usize::BITS - 11 - ID_BITS;
/// The list id's lowest bit: the id sits right below [`TRACKED`], so that "tracked, with an
/// id at least `b`" is one compare of the word masked with both (`in_collected_set`).
pub(crate) const ID_SHIFT: u32 = FLAG_SHIFT + 6;
/// The list id of a tracked container: which generation it belongs to is the heap's table
/// (`heap::gen_ids`), so that a whole generation changes generation without a write to
/// any of its members. Id 0 is the permanent generation's.
pub(crate) const ID_MASK: usize = ((1 << ID_BITS) - 1) << ID_SHIFT;
/// Linked into one of the heap's generation lists (or a collector list during a collection).
pub(crate) const TRACKED: usize = 1 << (ID_SHIFT + ID_BITS);
/// Allocated with [`Links`] before the header.
pub(crate) const CONTAINER: usize = TRACKED << 1;
/// In the set a collection (or the resurrection check) examines; a link holds the scratch
/// count `gc_refs` meanwhile (see `reach`).
pub(crate) const COLLECTING: usize = 1 << (FLAG_SHIFT + 5);
/// Tentatively unreachable during `move_unreachable`.
pub(crate) const UNREACHABLE: usize = 1 << (FLAG_SHIFT + 4);
/// The finalizer has run (PEP 442: at most once).
pub(crate) const FINALIZED: usize = 1 << (FLAG_SHIFT + 3);
/// The payload has been (or is being) dropped by a cycle teardown: a zombie.
pub(crate) const TORN_DOWN: usize = 1 << (FLAG_SHIFT + 2);
/// The heap's weak table has an entry for this object.
pub(crate) const HAS_WEAK: usize = 1 << (FLAG_SHIFT + 1);
/// Found reachable by `move_unreachable` before the walk reached it (saves touching its
/// scratch count, in the links, from a random place); cleared when it is scanned.
pub(crate) const REACHED: usize = 1 << FLAG_SHIFT;
/// Its finalizer is to run at its death: the type has one and this value said it needs it
/// (`Trace::needs_finalizer`, asked at allocation). Others skip every finalization step.
pub(crate) const FINALIZABLE: usize = CONTAINER << 1;
/// Allocated with a tail (`tail`): its block is larger than the vtable's layout by the
/// payload's `Trace::tail_size`.
pub(crate) const TAILED: usize = FINALIZABLE << 1;
/// The next decrement that leaves its count above zero is to be noted as an event of its
/// generation (which clears this flag: later ones add nothing until a scan, see the
/// collector's `unchanged`). Set at allocation and by every scan for objects whose type's
/// edges are seen ([`VTable::seen_edges`]); objects of other types (pymm-python's, std's
/// cells) pay only the test of this bit in the word the decrement already loaded.
pub(crate) const ARMED: usize = TAILED << 1;
/// The bits of a compact type's index (see `compact`), right below the flags.
pub(crate) const COMPACT_BITS: u32 = 4;
/// The compact type index's lowest bit: the bits between the count and the flags.
pub(crate) const COMPACT_SHIFT: u32 = FLAG_SHIFT - COMPACT_BITS;
/// The compact type index of an object whose header has no vtable word (1..=15, see
/// `compact`); 0 for an object whose vtable word follows its `word`.
pub(crate) const COMPACT_MASK: usize = ((1 << COMPACT_BITS) - 1) << COMPACT_SHIFT;
/// The low bits: the strong count.
pub(crate) const COUNT_MASK: usize = (1 << COMPACT_SHIFT) - 1;

const _: () = assert!(
    ARMED == 1 << (usize::BITS - 1) && COMPACT_SHIFT >= 32,
    "the header word's layout: ARMED its sign bit, at least 32 bits of count"
);

/// The header every object starts with (after its links, for containers): its `word`, then
/// (for an object of a type that is not compact) the `&'static VTable` word, read only by
/// [`vtable_of`]. A `&Header` covers the `word` alone, so that it never overlaps a compact
/// object's payload, which starts where the vtable word would be.
#[repr(C)]
pub(crate) struct Header {
    pub(crate) word: Cell<usize>,
}

/// CPython's `PyGC_Head`: the doubly linked generation list. During a collection, one of
/// the two holds the scratch reference count (`gc_refs`) of objects flagged
/// [`COLLECTING`] (the collector walks its set through the other; see `walk`).
#[repr(C)]
pub(crate) struct Links {
    pub(crate) next: Cell<*const Links>,
    pub(crate) prev: Cell<*const Links>,
}

impl Links {
    /// An unlinked node (a list head must be initialised in place with `list::init`).
    pub(crate) const fn new() -> Links {
        Links {
            next: Cell::new(std::ptr::null()),
            prev: Cell::new(std::ptr::null()),
        }
    }
}

/// A pointer to an object's header: what `Gc`, `GcAny` and the collector pass around.
pub(crate) type Obj = NonNull<Header>;

/// The header of an object of a type that is not compact: the word and the vtable word.
pub(crate) const HEADER_SIZE: usize = 2 * WORD_SIZE;
/// The header of a compact object: the word alone.
pub(crate) const WORD_SIZE: usize = std::mem::size_of::<Header>();
pub(crate) const LINKS_SIZE: usize = std::mem::size_of::<Links>();

/// What the collector and the drop path need to know about a payload type.
pub(crate) struct VTable {
    pub(crate) trace: TraceEntry,
    pub(crate) drop_payload: unsafe fn(Obj),
    /// Destroys an object whose count reached zero (no finalizer due, no weak references),
    /// see [`Destroy`].
    pub(crate) destroy: Destroy,
    /// Drops the payload and frees the block (at refcount zero), see [`DropAndFree`].
    pub(crate) drop_and_free: DropAndFree,
    /// Frees the block of an object whose payload has been dropped, see [`FreeBlock`].
    pub(crate) free_block: FreeBlock,
    /// One step of the cycle collector's teardown of garbage, see [`TeardownStep`].
    pub(crate) teardown_step: TeardownStep,
    pub(crate) finalize: Option<unsafe fn(Obj)>,
    pub(crate) extra_size: unsafe fn(Obj) -> usize,
    pub(crate) type_id: fn() -> TypeId,
    pub(crate) type_name: fn() -> &'static str,
    pub(crate) payload_size: usize,
    /// Where the payload starts after the header word: [`HEADER_SIZE`], or [`WORD_SIZE`]
    /// for a compact type (see [`header_size`]).
    pub(crate) header_size: usize,
    /// The compact type index of the type's objects (1..=15, `compact`), 0 for a type whose
    /// objects carry the vtable word.
    pub(crate) compact: usize,
    /// Block layout and header offset inside the block, indexed by "is a container". For
    /// a slice (`[E]`, `str`) the layout covers the header and the length only, and the
    /// block holds `len * elem_size` more bytes (see `slice`).
    pub(crate) layouts: [Layout; 2],
    pub(crate) header_offsets: [usize; 2],
    /// 0 for a sized payload; the element size of a slice payload (whose length is the
    /// payload's first word).
    pub(crate) elem_size: usize,
    /// For a payload type that may have a tail (`Trace::HAS_TAIL`): the tail's size in
    /// bytes, asked of a live payload allocated with one (`TAILED`; see `tail`).
    pub(crate) tail_size: Option<unsafe fn(Obj) -> usize>,
    /// The payload type's `Trace::FIXED_EDGES`: its handles change only under `&mut`, so
    /// objects of such types never form a cycle among themselves (see the collector's
    /// `unchanged`).
    pub(crate) fixed_edges: bool,
    /// The payload type's `Trace::EDGES` is fixed or barriered: every change of its
    /// handles is seen by the collector, so its objects are [`ARMED`] by scans.
    pub(crate) seen_edges: bool,
}

/// The heap's state, seen from the object layer (the heap layer is above this one): never
/// made, read or written here, only passed on by pointer to a vtable's [`DropAndFree`].
pub(crate) struct ErasedHeapState {
    _opaque: [u8; 0],
}

/// A vtable's fused drop-and-free: drops the payload of `obj` and gives its block back to
/// the heap whose state the pointer erases, even if the drop panics. One indirect call at
/// refcount zero instead of two; for a sized payload without a tail the block's layout is a
/// constant of the entry (no lookup of the layout, size class or tail at run time).
///
/// # Safety (of a call)
/// `obj` is live, untracked, with no handle left and its weak references cleared; its
/// payload is live (not torn down) and dropped by this call; the state is its heap's, live.
pub(crate) type DropAndFree = unsafe fn(NonNull<ErasedHeapState>, Obj);

/// A vtable's destroy entry, called when the last handle of a live object without a due
/// finalizer nor weak references is dropped: unlinks it from its generation, then drops
/// the payload and frees the block (its [`DropAndFree`], a direct call) through the heap's
/// trashcan. Per payload type, so that the whole free path is one function.
///
/// # Safety (of a call)
/// `obj` is live, not torn down, count zero, with no handle left and no weak reference
/// (`HAS_WEAK` clear); the `usize` is its header word.
pub(crate) type Destroy = unsafe fn(Obj, usize);

/// A vtable's block free: gives the block of `obj`, whose payload has been dropped, back to
/// the heap whose state the pointer erases. For a sized payload without a tail the block's
/// layout is a constant of the entry, as for [`DropAndFree`].
///
/// # Safety (of a call)
/// `obj`'s payload has been dropped and nothing refers to its block any more; the state is
/// its heap's, live.
pub(crate) type FreeBlock = unsafe fn(NonNull<ErasedHeapState>, Obj);

/// A vtable's step of the collector's teardown of garbage (`collector::teardown`): drops
/// the payload of `obj`, then releases the teardown's hold on the member torn down before
/// it (if any), freeing that block when no handle is left. The payload drop and the free
/// are fused in one indirect call per member; when the other member has this vtable too
/// (garbage is mostly made of one type) its free is a direct one, its block's layout a
/// constant of the entry.
///
/// # Safety (of a call)
/// `obj` is a held, torn-down member of the garbage whose payload is live and dropped by
/// this call; `previous` is a held, torn-down member whose payload was dropped, the hold
/// the caller's (released by this call unless the drop of `obj` unwinds); both have links;
/// the state is their heap's, live.
pub(crate) type TeardownStep = unsafe fn(NonNull<ErasedHeapState>, Obj, Option<Obj>);

/// Rounds `n` up to a multiple of the power of two `align`.
pub(crate) const fn round_up(n: usize, align: usize) -> usize {
    (n + align - 1) & !(align - 1)
}

/// The bytes between an object's header pointer and its payload: the word and the vtable
/// word, or for a compact type the word alone.
pub(crate) const fn header_size(compact: bool) -> usize {
    if compact {
        WORD_SIZE
    } else {
        HEADER_SIZE
    }
}

/// Offset of the header in a block: the payload right after the header (of `header_size`
/// bytes) must be aligned, and containers need room for their links before the header.
pub(crate) const fn header_offset(container: bool, align: usize, header_size: usize) -> usize {
    let prefix = if container { LINKS_SIZE } else { 0 };
    round_up(prefix + header_size, align) - header_size
}

/// The block layout of a sized `T` object whose header is `header_size` bytes.
pub(crate) const fn block_layout<T>(container: bool, header_size: usize) -> Layout {
    let align = max(std::mem::align_of::<T>(), std::mem::align_of::<Header>());
    let size =
        header_offset(container, align, header_size) + header_size + std::mem::size_of::<T>();
    match Layout::from_size_align(size, align) {
        Ok(layout) => layout,
        Err(_) => panic!("pymm: payload type too large"),
    }
}

pub(crate) const fn max(a: usize, b: usize) -> usize {
    if a > b {
        a
    } else {
        b
    }
}

/// The payload of an object whose header is `header_size` bytes (its vtable's
/// `header_size`, a constant of the payload type).
///
/// # Safety
/// `obj` is a live object whose payload type is `T`, with a header of `header_size` bytes.
#[inline(always)]
pub(crate) unsafe fn payload_at<T>(obj: Obj, header_size: usize) -> *mut T {
    // SAFETY: the payload follows the header in the same block (see `header_offset`).
    unsafe { obj.as_ptr().cast::<u8>().add(header_size).cast::<T>() }
}

/// The payload's address of an object of any type (its identity, Python's `id()`): after
/// the word alone for a compact object, after the vtable word too for others.
///
/// # Safety
/// `obj` is allocated (its header word readable).
#[inline(always)]
pub(crate) unsafe fn payload_addr(obj: Obj) -> *const () {
    // SAFETY: forwarded contract.
    let compact = unsafe { header(obj) }.word.get() & COMPACT_MASK != 0;
    obj.as_ptr()
        .cast::<u8>()
        .wrapping_add(header_size(compact))
        .cast()
}

/// The vtable of an object: the registered vtable of its compact type index, or the word
/// that follows the header word. One test of bits of the word every caller has just loaded
/// or is about to (predictable: a program's hot objects are mostly of one kind).
///
/// # Safety
/// `obj` is allocated (a live object, or one whose payload was dropped but whose block is
/// not freed yet).
#[inline(always)]
pub(crate) unsafe fn vtable_of(obj: Obj) -> &'static VTable {
    // SAFETY: forwarded contract.
    unsafe { vtable_with(obj, header(obj).word.get()) }
}

/// [`vtable_of`] with the object's header word already loaded (not read again: a caller
/// that has just stored it has no load to wait for).
///
/// # Safety
/// As for [`vtable_of`]; `word` is the object's header word.
#[inline(always)]
pub(crate) unsafe fn vtable_with(obj: Obj, word: usize) -> &'static VTable {
    let index = (word & COMPACT_MASK) >> COMPACT_SHIFT;
    if index == 0 {
        // SAFETY: an object whose type is not compact has its vtable word right after its
        // header word, written at allocation and never changed.
        unsafe {
            obj.as_ptr()
                .cast::<u8>()
                .add(WORD_SIZE)
                .cast::<&'static VTable>()
                .read()
        }
    } else {
        // SAFETY: an object with a compact type index was allocated after its type
        // registered it (`alloc_block`).
        unsafe { crate::object::compact::registered(index) }
    }
}

/// Whether two objects have the same vtable, given their header words: one compare of
/// their compact type indexes when either has one, a compare of their vtable words when
/// neither does (no registry lookup, which [`vtable_of`] pays twice). Two objects of
/// types whose vtables were merged may be told apart (a compact and a non-compact one):
/// callers use `true` for a shortcut only.
///
/// # Safety
/// `a` and `b` are allocated; `a_word` and `b_word` are their header words (the count
/// bits may differ from the stored ones, the compact index may not).
#[inline(always)]
pub(crate) unsafe fn same_vtable(a: Obj, a_word: usize, b: Obj, b_word: usize) -> bool {
    let (a_index, b_index) = (a_word & COMPACT_MASK, b_word & COMPACT_MASK);
    if a_index | b_index != 0 {
        return a_index == b_index;
    }
    // SAFETY: neither type is compact, so each has its vtable word right after its header
    // word (see `vtable_with`).
    unsafe {
        let vtable_word = |obj: Obj| {
            obj.as_ptr()
                .cast::<u8>()
                .add(WORD_SIZE)
                .cast::<*const VTable>()
                .read()
        };
        std::ptr::eq(vtable_word(a), vtable_word(b))
    }
}

/// The header of a live object.
///
/// # Safety
/// `obj` points at a header that stays allocated for `'a`.
#[inline(always)]
pub(crate) unsafe fn header<'a>(obj: Obj) -> &'a Header {
    // SAFETY: forwarded contract.
    unsafe { &*obj.as_ptr() }
}

/// The links of a container.
///
/// # Safety
/// `obj` is a container (allocated with links) that stays allocated for `'a`.
#[inline(always)]
pub(crate) unsafe fn links<'a>(obj: Obj) -> &'a Links {
    // SAFETY: a container's links sit right before its header in the same block.
    unsafe { &*obj.as_ptr().cast::<u8>().sub(LINKS_SIZE).cast::<Links>() }
}

/// The object whose links these are.
///
/// # Safety
/// `links` belongs to a container (not a list head).
#[inline(always)]
pub(crate) unsafe fn obj_of_links(links: *const Links) -> Obj {
    // SAFETY: the header follows the links in the same block; non-null as derived from one.
    unsafe { NonNull::new_unchecked(links.cast::<u8>().add(LINKS_SIZE).cast_mut().cast()) }
}

/// The address of a container's links (for initialising them).
///
/// # Safety
/// `obj` is a container's header pointer derived from its block.
#[inline(always)]
pub(crate) unsafe fn links_ptr(obj: Obj) -> *const Links {
    // SAFETY: a container's links sit right before its header in the same block.
    unsafe { obj.as_ptr().cast::<u8>().sub(LINKS_SIZE).cast::<Links>() }
}

/// The start of an object's block and its layout.
///
/// # Safety
/// `obj` is a live object whose payload is live or torn down (dropped by the collector).
pub(crate) unsafe fn block_of(obj: Obj) -> (NonNull<u8>, Layout) {
    // SAFETY: forwarded contract.
    let dropped = has_flag(unsafe { header(obj) }, TORN_DOWN);
    // SAFETY: forwarded contract: a torn-down payload was dropped.
    unsafe { block_with_payload(obj, dropped) }
}

/// The start of an object's block and its layout, once its payload has been dropped (to
/// free the block).
///
/// # Safety
/// `obj`'s block is allocated and its payload has been dropped.
pub(crate) unsafe fn freed_block_of(obj: Obj) -> (NonNull<u8>, Layout) {
    // SAFETY: forwarded contract.
    unsafe { block_with_payload(obj, true) }
}

/// # Safety
/// `obj`'s block is allocated; its payload has been dropped iff `dropped`.
#[inline(always)]
unsafe fn block_with_payload(obj: Obj, dropped: bool) -> (NonNull<u8>, Layout) {
    // SAFETY: forwarded contract.
    let h = unsafe { header(obj) };
    // SAFETY: forwarded contract.
    let vtable = unsafe { vtable_of(obj) };
    let idx = usize::from(h.word.get() & CONTAINER != 0);
    let offset = vtable.header_offsets[idx];
    // SAFETY: the header sits `offset` bytes into its block.
    let start = unsafe { NonNull::new_unchecked(obj.as_ptr().cast::<u8>().sub(offset)) };
    let layout = vtable.layouts[idx];
    let extra = if vtable.elem_size != 0 {
        // SAFETY: a slice payload starts with its length (see `slice`), which its drop
        // leaves in place.
        unsafe { payload_at::<usize>(obj, vtable.header_size).read() * vtable.elem_size }
    } else if let (Some(tail_size), true) = (vtable.tail_size, has_flag(h, TAILED)) {
        // SAFETY: forwarded contract (see `tail` for where a dropped payload keeps it).
        unsafe { tail_bytes(obj, vtable.header_size, tail_size, dropped) }
    } else {
        return (start, layout);
    };
    // Cannot overflow: the same sum was checked when the block was allocated.
    let size = layout.size() + extra;
    // SAFETY: as above, a valid layout at allocation.
    (start, unsafe {
        Layout::from_size_align_unchecked(size, layout.align())
    })
}

/// The tail size of an object, live (`dropped == false`: asked of the payload) or not (read
/// from where `drop_tailed_payload` left it).
///
/// # Safety
/// `obj`'s block is allocated, its vtable's `header_size` and `tail_size` are these, and its payload has
/// been dropped iff `dropped`.
#[inline]
pub(crate) unsafe fn tail_bytes(
    obj: Obj,
    header_size: usize,
    tail_size: unsafe fn(Obj) -> usize,
    dropped: bool,
) -> usize {
    if dropped {
        // SAFETY: `drop_tailed_payload` wrote it over the dead payload's first word.
        unsafe { payload_at::<usize>(obj, header_size).read() }
    } else {
        // SAFETY: forwarded contract: a live payload.
        unsafe { tail_size(obj) }
    }
}

/// Whether the object's finalizer is still to run (finalizable, not finalized yet).
#[inline(always)]
pub(crate) fn finalizer_due(word: usize) -> bool {
    word & (FINALIZABLE | FINALIZED) == FINALIZABLE
}

/// The header word with its list id set to `id` (`id << ID_SHIFT`, see [`ID_MASK`]).
#[inline(always)]
pub(crate) fn with_id(word: usize, id: usize) -> usize {
    (word & !ID_MASK) | id
}

/// Whether a header word belongs to the set a collection examines: tracked, with a list id
/// at least `bound` (`TRACKED | lowest id << ID_SHIFT`, see `heap::gen_ids`): one compare,
/// as the id sits right below TRACKED.
#[inline(always)]
pub(crate) fn in_collected_set(word: usize, bound: usize) -> bool {
    word & (TRACKED | ID_MASK) >= bound
}

/// Sets the list id (`id << ID_SHIFT`) of every object of a list; returns how many there
/// are.
pub(crate) fn retag_list(head: &Links, id: usize) -> usize {
    let mut n = 0;
    crate::object::list::for_each(head, |obj| {
        // SAFETY: list members are live containers.
        let h = unsafe { header(obj) };
        h.word.set(with_id(h.word.get(), id));
        n += 1;
    });
    n
}

/// The strong count of an object.
#[inline(always)]
pub(crate) fn count_of(h: &Header) -> usize {
    h.word.get() & COUNT_MASK
}

/// Whether any of `flag` is set.
#[inline(always)]
pub(crate) fn has_flag(h: &Header, flag: usize) -> bool {
    h.word.get() & flag != 0
}

/// The header word, for a change written back whole: read with a volatile load, which
/// the compiler cannot fold into a one-byte read-modify-write of the flag's byte. A
/// one-byte store followed by an eight-byte load of the same word (the next count change,
/// a free) is not forwarded by the processor: the load waits for the store to retire (in
/// `destroy` that one stall was a third of an acyclic create-and-drop's time).
#[inline(always)]
pub(crate) fn word_whole(h: &Header) -> usize {
    // SAFETY: `h.word` is a live, aligned `usize` cell of this thread's object.
    unsafe { std::ptr::read_volatile(h.word.as_ptr()) }
}

/// Takes one more strong count of `obj` (aborting rather than overflowing into the flags).
///
/// # Safety
/// `obj` is allocated (kept so by a handle or a collector list).
#[inline(always)]
pub(crate) unsafe fn retain(obj: Obj) {
    // SAFETY: forwarded contract.
    let h = unsafe { header(obj) };
    let word = h.word.get();
    if word & COUNT_MASK == COUNT_MASK {
        count_overflow();
    }
    h.word.set(word + 1);
}

/// A strong count would overflow (as `Rc`, the process cannot go on soundly).
#[cold]
#[inline(never)]
pub(crate) fn count_overflow() -> ! {
    eprintln!("pymm: reference count overflow; aborting");
    std::process::abort()
}
