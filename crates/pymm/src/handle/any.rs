//! [`GcAny`]: a type-erased strong handle, and the `sys`/`gc` helpers built on it.

use std::any::TypeId;
use std::fmt;

use crate::collector::visitor::{Mode, Visitor};
use crate::handle::gc::{torn_down_panic, Gc};
use crate::heap::dealloc::release;
use crate::object::header::{
    block_of, count_of, has_flag, header, payload_addr, retain, round_up, vtable_of, Header, Obj,
    VTable, CONTAINER, FINALIZED, LINKS_SIZE, TORN_DOWN, TRACKED,
};

/// A strong handle to an object of any type (what `gc.get_objects()` and friends return).
///
/// ```
/// use pymm::{Gc, GcAny};
/// let any: GcAny = Gc::into_any(Gc::new(String::from("hi")));
/// assert_eq!(any.downcast_ref::<String>().map(|s| s.as_str()), Some("hi"));
/// let back: Gc<String> = any.downcast::<String>().unwrap();
/// assert_eq!(*back, "hi");
/// ```
pub struct GcAny {
    obj: Obj,
}

impl GcAny {
    pub(crate) fn from_gc<T: ?Sized>(gc: Gc<T>) -> GcAny {
        GcAny {
            obj: Gc::into_obj(gc),
        }
    }

    /// A new strong handle to a live object (increments its count).
    pub(crate) fn from_obj_cloned(obj: Obj) -> GcAny {
        // SAFETY: callers pass objects kept allocated by a handle or a collector list.
        unsafe { retain(obj) };
        GcAny { obj }
    }

    /// The handle that owns a strong count taken before (e.g. one of the heap's saved
    /// garbage).
    ///
    /// # Safety
    /// The caller gives up one strong count it owns of the live object `obj`.
    pub(crate) unsafe fn from_owned_obj(obj: Obj) -> GcAny {
        GcAny { obj }
    }

    #[inline(always)]
    pub(crate) fn obj(&self) -> Obj {
        self.obj
    }

    /// The object's header, for as long as this handle is borrowed (see `Gc::header`).
    #[inline(always)]
    pub(crate) fn header(&self) -> &Header {
        // SAFETY: a handle keeps its object allocated for as long as it lives.
        unsafe { header(self.obj) }
    }

    fn vtable(&self) -> &'static VTable {
        // SAFETY: a handle keeps its object allocated for as long as it lives.
        unsafe { vtable_of(self.obj) }
    }

    fn is<T: ?Sized + 'static>(&self) -> bool {
        (self.vtable().type_id)() == TypeId::of::<T>()
    }

    /// The typed handle, or `Err(self)` if the payload is not a `T`.
    ///
    /// ```
    /// use pymm::Gc;
    /// let any = Gc::into_any(Gc::new(3u8));
    /// let any = any.downcast::<String>().unwrap_err(); // not a String: handle given back
    /// let byte: Gc<u8> = any.downcast().unwrap();
    /// assert_eq!(*byte, 3);
    /// ```
    pub fn downcast<T: ?Sized + crate::handle::slice::Payload + 'static>(
        self,
    ) -> Result<Gc<T>, GcAny> {
        if self.is::<T>() {
            let obj = std::mem::ManuallyDrop::new(self).obj;
            // SAFETY: the payload is a `T`; our strong count moves to the new handle.
            Ok(unsafe { Gc::from_obj(obj) })
        } else {
            Err(self)
        }
    }

    /// A reference to the payload if it is a `T`.
    ///
    /// # Panics
    /// If the object was torn down by the cycle collector.
    ///
    /// ```
    /// use pymm::Gc;
    /// let any = Gc::into_any(Gc::new(vec![1, 2]));
    /// assert_eq!(any.downcast_ref::<Vec<i32>>().map(Vec::len), Some(2));
    /// assert!(any.downcast_ref::<u8>().is_none());
    /// ```
    pub fn downcast_ref<T: ?Sized + crate::handle::slice::Payload + 'static>(&self) -> Option<&T> {
        if !self.is::<T>() {
            return None;
        }
        if self.is_torn_down() {
            torn_down_panic(self.type_name());
        }
        // SAFETY: the payload is a live `T` (not torn down), kept alive by this handle.
        Some(unsafe { &*T::payload_ptr(self.obj.cast()) })
    }

    /// The payload type's name (`std::any::type_name`).
    ///
    /// ```
    /// let any = pymm::Gc::into_any(pymm::Gc::new(1.5f64));
    /// assert_eq!(any.type_name(), "f64");
    /// ```
    pub fn type_name(&self) -> &'static str {
        (self.vtable().type_name)()
    }

    /// Whether both handles point at the same object.
    ///
    /// ```
    /// use pymm::{Gc, GcAny};
    /// let x = Gc::new(1);
    /// assert!(GcAny::ptr_eq(&Gc::to_any(&x), &Gc::to_any(&x)));
    /// assert!(!GcAny::ptr_eq(&Gc::to_any(&x), &Gc::to_any(&Gc::new(1))));
    /// ```
    pub fn ptr_eq(a: &GcAny, b: &GcAny) -> bool {
        a.obj == b.obj
    }

    /// The number of strong handles.
    ///
    /// ```
    /// let x = pymm::Gc::new(1);
    /// let any = pymm::Gc::to_any(&x);
    /// assert_eq!(any.ref_count(), 2); // `x` and `any`
    /// ```
    pub fn ref_count(&self) -> usize {
        count_of(self.header())
    }

    /// The payload's address (Python's `id()`), same as `Gc::as_ptr`.
    ///
    /// ```
    /// let x = pymm::Gc::new(1);
    /// assert_eq!(pymm::Gc::to_any(&x).as_ptr(), pymm::Gc::as_ptr(&x).cast());
    /// ```
    pub fn as_ptr(&self) -> *const () {
        // SAFETY: computing the address reads nothing.
        unsafe { payload_addr(self.obj) }
    }

    /// Whether the object is in one of the collector's lists.
    ///
    /// ```
    /// use pymm::Gc;
    /// assert!(Gc::into_any(Gc::new(vec![Gc::new(1)])).is_tracked());
    /// assert!(!Gc::into_any(Gc::new(1)).is_tracked());
    /// ```
    pub fn is_tracked(&self) -> bool {
        self.flag(TRACKED)
    }

    /// Whether the object's finalizer has run.
    ///
    /// ```
    /// use pymm::{Finalize, Gc, Trace};
    /// #[derive(Trace)]
    /// #[trace(finalize)]
    /// struct Resource;
    /// impl Finalize for Resource {
    ///     fn finalize(this: &Gc<Self>) {
    ///         assert!(Gc::to_any(this).is_finalized(), "flagged before it runs: at most once");
    ///     }
    /// }
    /// let any = Gc::into_any(Gc::new(Resource));
    /// assert!(!any.is_finalized());
    /// ```
    pub fn is_finalized(&self) -> bool {
        self.flag(FINALIZED)
    }

    /// Whether the collector tore the object down (its payload is gone).
    ///
    /// ```
    /// let any = pymm::Gc::into_any(pymm::Gc::new(1));
    /// assert!(!any.is_torn_down()); // only handles kept by a `Drop` during a collection can be
    /// ```
    pub fn is_torn_down(&self) -> bool {
        self.flag(TORN_DOWN)
    }

    fn flag(&self, flag: usize) -> bool {
        has_flag(self.header(), flag)
    }
}

impl Clone for GcAny {
    fn clone(&self) -> GcAny {
        GcAny::from_obj_cloned(self.obj)
    }
}

impl Drop for GcAny {
    fn drop(&mut self) {
        // SAFETY: this handle owns one strong count.
        unsafe { release(self.obj) }
    }
}

impl fmt::Debug for GcAny {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} object at {:p}>", self.type_name(), self.as_ptr())
    }
}

impl PartialEq for GcAny {
    /// Identity (Python's `is`).
    fn eq(&self, other: &Self) -> bool {
        self.obj == other.obj
    }
}

impl Eq for GcAny {}

impl std::hash::Hash for GcAny {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.obj.hash(state)
    }
}

/// The bytes a container carries for the collector beyond the common header: what
/// `sys.getsizeof` adds to `__sizeof__` for a tracked type (CPython's `sizeof(PyGC_Head)`).
///
/// ```
/// use pymm::{getsizeof, Gc, GC_LINKS_SIZE};
/// // two 8-byte payloads: one may hold a handle (a container), the other cannot
/// let holder = Gc::into_any(Gc::new(Some(Gc::new(1u8))));
/// let number = Gc::into_any(Gc::new(0u64));
/// assert_eq!(getsizeof(&holder) - GC_LINKS_SIZE, getsizeof(&number));
/// ```
pub const GC_LINKS_SIZE: usize = LINKS_SIZE;

/// `sys.getsizeof`: header (16, or 32 for containers; 8 less for a compact type, see
/// [`Trace::COMPACT_INDEX`](crate::Trace::COMPACT_INDEX)) + `size_of::<T>()` + the tail +
/// `extra_size()`.
///
/// ```
/// use pymm::{getsizeof, Gc};
/// let s = Gc::into_any(Gc::new(7u64));
/// assert_eq!(getsizeof(&s), 16 + 8);
/// ```
pub fn getsizeof(obj: &GcAny) -> usize {
    // SAFETY: a handle keeps its object allocated.
    let h = unsafe { header(obj.obj) };
    // SAFETY: as above.
    let vtable = unsafe { vtable_of(obj.obj) };
    let links = if has_flag(h, CONTAINER) {
        LINKS_SIZE
    } else {
        0
    };
    let torn_down = has_flag(h, TORN_DOWN);
    let tail = match vtable.tail_size {
        // SAFETY: allocated with a tail; the payload has been dropped iff torn down.
        Some(tail_size) if has_flag(h, crate::object::header::TAILED) => unsafe {
            crate::object::header::tail_bytes(obj.obj, vtable.header_size, tail_size, torn_down)
        },
        _ => 0,
    };
    links + vtable.header_size + vtable.payload_size + tail + extra_size(obj)
}

/// [`getsizeof`] with the object's block counted as the allocator holds it: its layout
/// (alignment padding included) rounded up to its size class, for a block small enough to
/// have one. What the object costs, where `getsizeof` is the sum of its parts.
///
/// ```
/// use pymm::{getsizeof, getsizeof_allocated, Gc};
/// let s = Gc::into_any(Gc::new(7u64));
/// assert_eq!((getsizeof(&s), getsizeof_allocated(&s)), (16 + 8, 32));
/// let v = Gc::into_any(Gc::new(vec![1u8; 100]));
/// assert_eq!(getsizeof_allocated(&v), 48 + 100, "16 + 24 in a 48-byte block, the buffer");
/// ```
pub fn getsizeof_allocated(obj: &GcAny) -> usize {
    // SAFETY: a handle keeps its object allocated, its payload live or torn down.
    let (_, layout) = unsafe { block_of(obj.obj) };
    let block = if pymm_alloc::is_small(layout) {
        round_up(layout.size(), pymm_alloc::ALIGNMENT)
    } else {
        layout.size()
    };
    block + extra_size(obj)
}

/// The payload's bytes outside its block (none for a torn-down object).
fn extra_size(obj: &GcAny) -> usize {
    if obj.is_torn_down() {
        0
    } else {
        // SAFETY: a handle keeps its object allocated; the payload is live (not torn down).
        unsafe { (vtable_of(obj.obj).extra_size)(obj.obj) }
    }
}

/// `gc.get_referents`: handles to the objects `obj` refers to directly (empty for a torn-down
/// object, or when its children cannot be read because a `RefCell` is borrowed).
///
/// ```
/// use pymm::{referents, Gc};
/// let a = Gc::new(1u8);
/// let pair = Gc::new((a.clone(), Gc::new(2u8)));
/// let kids = referents(&Gc::to_any(&pair));
/// assert_eq!(kids.len(), 2);
/// assert_eq!(kids[0].downcast_ref::<u8>(), Some(&1));
/// ```
pub fn referents(obj: &GcAny) -> Vec<GcAny> {
    let mut children = Vec::new();
    children_of(obj, &mut children);
    // The children are alive: `obj` holds them, and a trace drops no handle.
    children.into_iter().map(GcAny::from_obj_cloned).collect()
}

/// Appends the children `obj`'s trace shows to `out` (nothing for a torn-down object).
fn children_of(obj: &GcAny, out: &mut Vec<Obj>) {
    if !obj.is_torn_down() {
        let mut tracer = Visitor::new(Mode::Referents(out));
        // SAFETY: the payload is live; tracing only reads it.
        unsafe { (vtable_of(obj.obj).trace)(obj.obj, tracer.erased()) };
    }
}

thread_local! {
    /// The buffer [`for_each_referent`] gathers children in, kept between calls.
    static REFERENT_BUFFER: std::cell::Cell<Vec<Obj>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Calls `visit` with the address (as [`GcAny::as_ptr`] and [`Address`]) of each object
/// `obj` refers to directly, in the order of [`referents`] (once per handle: an object held
/// twice is shown twice), without making a handle or a `Vec` per call: for tools that read
/// many objects' references and compare them by identity (a graph of a heap's objects).
///
/// The addresses are gathered by the trace first and shown after it, so `visit` may run
/// any code, this function included; an address names the child as long as something
/// keeps it alive (`obj` does while it holds that handle). Nothing is shown for a
/// torn-down object or a `RefCell` borrowed mutably, as with [`referents`].
///
/// [`Address`]: crate::Address
///
/// ```
/// use pymm::{for_each_referent, Address, Gc};
/// let a = Gc::new(1u8);
/// let pair = Gc::new((a.clone(), a.clone()));
/// let mut seen = Vec::new();
/// for_each_referent(&Gc::to_any(&pair), |child| seen.push(child));
/// assert_eq!(seen, [a.address(), a.address()]);
/// assert_eq!(Gc::ref_count(&a), 3, "no handle was made");
/// ```
pub fn for_each_referent(obj: &GcAny, mut visit: impl FnMut(*const ())) {
    // Taken out while in use: a nested call (from `visit`) gathers in a buffer of its own,
    // as does a call from a thread-local destructor once the buffer is gone.
    let mut children = REFERENT_BUFFER
        .try_with(std::cell::Cell::take)
        .unwrap_or_default();
    children.clear();
    children_of(obj, &mut children);
    // The addresses first, while every child is alive (`visit` may free later ones, and an
    // address depends on its object's header): the buffer holds addresses from here on.
    for child in &mut children {
        // SAFETY: `obj` holds a handle to each child, alive until `visit` runs.
        let addr = unsafe { payload_addr(*child) };
        *child = std::ptr::NonNull::new(addr.cast_mut().cast()).unwrap_or(*child);
    }
    for &addr in &children {
        visit(addr.as_ptr().cast_const().cast());
    }
    let _ = REFERENT_BUFFER.try_with(|buffer| buffer.set(children));
}

/// Whether `obj` refers directly to one of `targets` (for `get_referrers`).
pub(crate) fn refers_to(obj: Obj, targets: &[Obj]) -> bool {
    // SAFETY: callers pass objects from the heap's lists, which are allocated.
    let h = unsafe { header(obj) };
    if has_flag(h, TORN_DOWN) {
        return false;
    }
    let mut tracer = Visitor::new(Mode::Refers {
        targets,
        found: false,
    });
    // SAFETY: the payload is live; tracing only reads it.
    unsafe { (vtable_of(obj).trace)(obj, tracer.erased()) };
    matches!(tracer.mode, Mode::Refers { found: true, .. })
}
