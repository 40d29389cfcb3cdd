//! [`Weak<T>`] and [`TracedWeak<T>`]: weak references, kept in a per-heap side table
//! (`heap::weak_table`) so the header stays small.
//!
//! An object with weak references has the `HAS_WEAK` header bit; only then is the heap's
//! table (object address -> weak slots) consulted, when the object dies.

use std::fmt;
use std::marker::PhantomData;
use std::ptr::NonNull;
use std::rc::{self, Rc};

use crate::handle::gc::Gc;
use crate::handle::trace::{Trace, Tracer};
use crate::heap::weak_table::{TracedCallback, WeakCallback, WeakCell};
use crate::heap::{Heap, HeapState};
use crate::object::header::retain;
use crate::object::header::{count_of, has_flag, header, Obj, COUNT_MASK, HAS_WEAK, TORN_DOWN};
use crate::object::trace_entry::ErasedVisitor;

/// The data and function of a [`TracedWeak`]'s callback.
struct TracedCallbackOf<D> {
    data: D,
    f: fn(&Heap, D),
}

impl<D: Trace> TracedCallback for TracedCallbackOf<D> {
    unsafe fn trace(&self, visitor: NonNull<ErasedVisitor>) {
        // SAFETY: forwarded contract.
        self.data.trace(unsafe { Tracer::from_erased(visitor) });
    }

    fn call(self: Box<Self>, heap: &Heap) {
        (self.f)(heap, self.data)
    }
}

/// A weak handle: does not keep its referent alive; [`Weak::upgrade`] gives `None` once the
/// referent has died.
///
/// ```
/// use pymm::Gc;
/// let strong = Gc::new(5);
/// let weak = Gc::downgrade(&strong);
/// assert_eq!(weak.upgrade().map(|g| *g), Some(5));
/// drop(strong);
/// assert!(weak.upgrade().is_none());
/// ```
pub struct Weak<T> {
    cell: Rc<WeakCell>,
    _referent: PhantomData<*const T>,
}

impl<T> Weak<T> {
    /// A weak handle that was never attached to an object (always dead).
    ///
    /// ```
    /// let never: pymm::Weak<u8> = pymm::Weak::new();
    /// assert!(never.upgrade().is_none());
    /// ```
    pub fn new() -> Weak<T> {
        Weak {
            cell: Rc::new(WeakCell::new(None, None)),
            _referent: PhantomData,
        }
    }

    /// A strong handle if the referent is still alive.
    ///
    /// Aborts the process if the strong count would overflow (2^52 handles), as
    /// `Gc::clone` does.
    ///
    /// ```
    /// use pymm::Gc;
    /// let strong = Gc::new(String::from("referent"));
    /// let weak = Gc::downgrade(&strong);
    /// let again = weak.upgrade().expect("alive");
    /// assert_eq!(Gc::ref_count(&strong), 2);
    /// drop((strong, again));
    /// assert!(weak.upgrade().is_none());
    /// ```
    pub fn upgrade(&self) -> Option<Gc<T>> {
        let obj = self.live_target()?;
        // SAFETY: the referent is live (the cell is cleared before it dies).
        unsafe { retain(obj) };
        // SAFETY: live object of type `T` (a `Weak<T>` is only made from a `Gc<T>`), and we
        // just took a count for the new handle.
        Some(unsafe { Gc::from_obj(obj) })
    }

    /// The referent's strong count (`Gc::ref_count`), 0 once it is dead or while
    /// `Gc::new_cyclic` is still building it.
    ///
    /// ```
    /// use pymm::Gc;
    /// let strong = Gc::new(1u8);
    /// let weak = Gc::downgrade(&strong);
    /// let twin = strong.clone();
    /// assert_eq!(weak.strong_count(), 2);
    /// drop((strong, twin));
    /// assert_eq!(weak.strong_count(), 0);
    /// ```
    pub fn strong_count(&self) -> usize {
        let Some(obj) = self.live_target() else {
            return 0;
        };
        // SAFETY: the referent is live.
        count_of(unsafe { header(obj) })
    }

    /// How many `Weak` handles point at the referent (this one included), 0 once it is
    /// dead (as `std::rc::Weak::weak_count`).
    ///
    /// ```
    /// use pymm::Gc;
    /// let strong = Gc::new(1u8);
    /// let weak = Gc::downgrade(&strong);
    /// let other = weak.clone();
    /// let third = Gc::downgrade(&strong);
    /// assert_eq!(weak.weak_count(), 3);
    /// drop((other, third));
    /// assert_eq!(weak.weak_count(), 1);
    /// drop(strong);
    /// assert_eq!(weak.weak_count(), 0);
    /// ```
    pub fn weak_count(&self) -> usize {
        let Some(obj) = self.live_target() else {
            return 0;
        };
        // SAFETY: the referent is live.
        let state = unsafe { HeapState::of(obj) };
        let table = state.weak_table.borrow();
        table
            .get(&obj.as_ptr().addr())
            .map_or(0, |slots| slots.iter().map(rc::Weak::strong_count).sum())
    }

    /// Whether the referent is still alive.
    ///
    /// ```
    /// let x = pymm::Gc::new(1);
    /// let weak = pymm::Gc::downgrade(&x);
    /// assert!(weak.is_alive());
    /// drop(x);
    /// assert!(!weak.is_alive());
    /// ```
    pub fn is_alive(&self) -> bool {
        self.live_target().is_some()
    }

    /// Whether both refer to the same (live) referent, or are clones of one dead `Weak`.
    ///
    /// ```
    /// use pymm::{Gc, Weak};
    /// let x = Gc::new(1);
    /// let (a, b) = (Gc::downgrade(&x), Gc::downgrade(&x));
    /// assert!(Weak::ptr_eq(&a, &b));
    /// assert!(!Weak::ptr_eq(&a, &Gc::downgrade(&Gc::new(1))));
    /// ```
    pub fn ptr_eq(a: &Weak<T>, b: &Weak<T>) -> bool {
        match (a.cell.target.get(), b.cell.target.get()) {
            (Some(x), Some(y)) => x == y,
            _ => Rc::ptr_eq(&a.cell, &b.cell),
        }
    }

    fn live_target(&self) -> Option<Obj> {
        let obj = self.cell.target.get()?;
        // SAFETY: the target is cleared before its block is freed.
        let word = unsafe { header(obj) }.word.get();
        (word & TORN_DOWN == 0 && word & COUNT_MASK != 0).then_some(obj)
    }
}

impl<T> Default for Weak<T> {
    fn default() -> Weak<T> {
        Weak::new()
    }
}

impl<T> Clone for Weak<T> {
    fn clone(&self) -> Weak<T> {
        Weak {
            cell: self.cell.clone(),
            _referent: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Weak<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.live_target() {
            // SAFETY: computing the payload address reads nothing.
            Some(obj) => write!(f, "<weakref to {:p}>", unsafe {
                crate::object::header::payload_addr(obj)
            }),
            None => f.write_str("<weakref; dead>"),
        }
    }
}

// SAFETY: a weak handle owns no strong handle.
unsafe impl<T> Trace for Weak<T> {
    const MAY_CONTAIN_GC: bool = false;
    fn trace(&self, _tracer: &mut Tracer<'_>) {}
}

/// Makes a weak handle to `obj`, reusing an existing callback-less one when possible.
///
/// # Safety
/// `obj` is live with payload `T`.
pub(crate) unsafe fn downgrade_obj<T>(obj: Obj, callback: Option<WeakCallback>) -> Weak<T> {
    // SAFETY: live object.
    let h = unsafe { header(obj) };
    if has_flag(h, TORN_DOWN) {
        // A zombie is dead already: its block is freed without looking at the weak table
        // when its last handle goes, so no weak reference may point at it.
        return Weak::new();
    }
    // SAFETY: forwarded contract.
    let state = unsafe { HeapState::of(obj) };
    let mut table = state.weak_table.borrow_mut();
    let slots = table.entry(obj.as_ptr().addr()).or_default();
    slots.retain(|w| w.strong_count() > 0);
    if callback.is_none() {
        if let Some(cell) = slots
            .iter()
            .filter_map(rc::Weak::upgrade)
            .find(|c| c.is_plain())
        {
            return Weak {
                cell,
                _referent: PhantomData,
            };
        }
    }
    let cell = Rc::new(WeakCell::new(Some(obj), callback));
    slots.push(Rc::downgrade(&cell));
    h.word.set(h.word.get() | HAS_WEAK);
    Weak {
        cell,
        _referent: PhantomData,
    }
}

/// A weak handle whose callback's data the collector can see, so that a cycle through the
/// callback is collected: e.g. an object that keeps a weak reference to itself whose
/// callback holds a strong handle to it (a closure's captures are invisible to the
/// collector, so with [`Gc::downgrade_with_callback`] such an object would count as
/// referenced from outside forever; CPython collects it).
///
/// Made by [`Gc::downgrade_with_traced_callback`]: the callback is a plain function and its
/// data, owned by this handle and traced with it (so it is not `Clone`: one owner, traced
/// once). The callback runs once when the referent dies, if this handle is still alive
/// then; when the handle itself is part of the garbage that the collector frees (as in the
/// cycle above), the callback is not called and its data is dropped with it, as CPython
/// treats a weak reference that dies with its referent.
///
/// ```
/// use pymm::{Gc, Heap, Trace, TracedWeak};
/// use std::cell::RefCell;
///
/// #[derive(Trace)]
/// struct Node {
///     me: RefCell<Option<TracedWeak<Node>>>,
/// }
///
/// let heap = Heap::new();
/// let node = heap.alloc(Node { me: RefCell::new(None) });
/// let weak = Gc::downgrade_with_traced_callback(&node, node.clone(), |_heap, held| drop(held));
/// *node.me.borrow_mut() = Some(weak);
/// drop(node);
/// assert_eq!(heap.collect(2), 1); // node -> its weak -> callback data -> node: collected
/// ```
pub struct TracedWeak<T> {
    /// The handle proper (never cloned or handed out: a clone would share the callback).
    weak: Weak<T>,
}

impl<T> TracedWeak<T> {
    /// A strong handle if the referent is still alive.
    ///
    /// ```
    /// use pymm::Gc;
    /// let x = Gc::new(1);
    /// let traced = Gc::downgrade_with_traced_callback(&x, (), |_, ()| {});
    /// assert_eq!(traced.upgrade().as_deref(), Some(&1));
    /// ```
    pub fn upgrade(&self) -> Option<Gc<T>> {
        self.weak.upgrade()
    }

    /// Whether the referent is still alive.
    ///
    /// ```
    /// use pymm::Gc;
    /// let x = Gc::new(1);
    /// let traced = Gc::downgrade_with_traced_callback(&x, (), |_, ()| {});
    /// drop(x);
    /// assert!(!traced.is_alive());
    /// ```
    pub fn is_alive(&self) -> bool {
        self.weak.is_alive()
    }

    /// A plain weak handle to the same referent (it does not own the callback).
    ///
    /// ```
    /// use pymm::Gc;
    /// let x = Gc::new(1);
    /// let traced = Gc::downgrade_with_traced_callback(&x, (), |_, ()| {});
    /// let plain = traced.to_weak();
    /// assert!(plain.is_alive());
    /// drop(x);
    /// assert!(!plain.is_alive());
    /// ```
    pub fn to_weak(&self) -> Weak<T> {
        match self.weak.live_target() {
            // SAFETY: a live referent of type `T`.
            Some(obj) => unsafe { downgrade_obj(obj, None) },
            None => Weak::new(),
        }
    }
}

impl<T> fmt::Debug for TracedWeak<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.weak, f)
    }
}

// SAFETY: the callback's data is owned by this handle alone (the cell is shared only with
// the heap's weak table, which holds it weakly and never traces it, and `TracedWeak` is not
// `Clone`), so its handles are visited exactly once; a busy cell is reported.
unsafe impl<T> Trace for TracedWeak<T> {
    fn trace(&self, tracer: &mut Tracer<'_>) {
        match self.weak.cell.traced.try_borrow() {
            Ok(traced) => {
                if let Some(traced) = &*traced {
                    // SAFETY: the tracer is alive and lent for the call.
                    unsafe { traced.trace(tracer.erased()) };
                }
            }
            Err(_) => tracer.mark_busy(),
        }
    }
}

/// Makes a [`TracedWeak`] to `obj`.
///
/// # Safety
/// `obj` is live with payload `T`.
pub(crate) unsafe fn downgrade_traced<T, D: Trace + 'static>(
    obj: Obj,
    data: D,
    f: fn(&Heap, D),
) -> TracedWeak<T> {
    // SAFETY: forwarded contract.
    let weak: Weak<T> = unsafe { downgrade_obj(obj, Some(Box::new(|_: &Heap| {}))) };
    // A fresh cell (a callback was given): swap the placeholder for the traced callback.
    drop(weak.cell.callback.take());
    if weak.cell.target.get().is_some() {
        *weak.cell.traced.borrow_mut() = Some(Box::new(TracedCallbackOf { data, f }));
    }
    TracedWeak { weak }
}

#[cfg(test)]
mod tests {
    use crate::handle::gc::Gc;
    use crate::object::header::{header, COUNT_MASK};

    /// Set in the child process that performs the overflow.
    const CHILD: &str = "PYMM_TEST_UPGRADE_OVERFLOW_CHILD";

    /// `upgrade` at the largest count aborts (as `Gc::clone` does) instead of wrapping
    /// into the flag bits. Checked in a child process, which the abort ends.
    #[test]
    #[cfg_attr(miri, ignore = "spawns a process")]
    fn upgrade_at_the_largest_count_aborts() {
        if std::env::var_os(CHILD).is_some() {
            let strong = Gc::new(1u8);
            let weak = Gc::downgrade(&strong);
            // SAFETY: a handle keeps its object allocated; the count is made the largest
            // one (the process ends before anything relies on it).
            let h = unsafe { header(strong.obj()) };
            h.word.set(h.word.get() | COUNT_MASK);
            std::mem::forget(weak.upgrade());
            unreachable!("upgrade must abort");
        }
        // This test's name as the harness knows it: its module path without the crate.
        let (_, module) = module_path!().split_once("::").unwrap();
        let name = format!("{module}::upgrade_at_the_largest_count_aborts");
        let status = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", &name, "--test-threads=1"])
            .env(CHILD, "1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(status.signal(), Some(6), "SIGABRT, got {status:?}");
        }
        assert!(!status.success());
    }
}
