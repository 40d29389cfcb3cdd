//! [`Weak<T>`]: weak references, kept in a per-heap side table so the header stays small.
//!
//! An object with weak references has the `HAS_WEAK` header bit; only then is the heap's
//! table (object address -> weak slots) consulted, when the object dies.

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;
use std::rc::{self, Rc};

use crate::gc::{count_overflow, Gc};
use crate::header::{count_of, has_flag, header, Obj, COUNT_MASK, HAS_WEAK, TORN_DOWN};
use crate::heap::{Heap, HeapState};
use crate::trace::{Trace, Tracer};
use crate::unraisable::{PanicSlot, UserCode};

/// The weak references to one object: the shared cells of its live `Weak` families.
pub(crate) type WeakSlots = Vec<rc::Weak<WeakCell>>;

/// A weak reference callback; it receives the heap of the referent that died.
pub(crate) type WeakCallback = Box<dyn FnOnce(&Heap)>;

/// Shared by the clones of one `Weak`: the referent (cleared when it dies) and the callback.
pub(crate) struct WeakCell {
    target: Cell<Option<Obj>>,
    callback: Cell<Option<WeakCallback>>,
}

/// A callback due to run: its referent died (and was of type `type_name`).
pub(crate) struct PendingCallback {
    type_name: &'static str,
    callback: WeakCallback,
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
            cell: Rc::new(WeakCell {
                target: Cell::new(None),
                callback: Cell::new(None),
            }),
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
        let h = unsafe { header(obj) };
        let word = h.word.get();
        if word & COUNT_MASK == COUNT_MASK {
            count_overflow();
        }
        h.word.set(word + 1);
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
                crate::header::payload::<()>(obj)
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
        if let Some(cell) = slots.iter().filter_map(rc::Weak::upgrade).find(|c| {
            let cb = c.callback.take();
            let plain = cb.is_none();
            c.callback.set(cb);
            plain
        }) {
            return Weak {
                cell,
                _referent: PhantomData,
            };
        }
    }
    let cell = Rc::new(WeakCell {
        target: Cell::new(Some(obj)),
        callback: Cell::new(callback),
    });
    slots.push(Rc::downgrade(&cell));
    h.word.set(h.word.get() | HAS_WEAK);
    Weak {
        cell,
        _referent: PhantomData,
    }
}

/// Whether some `Weak` handle to `obj` is alive.
///
/// # Safety
/// `obj` is live.
pub(crate) unsafe fn has_live_weak(obj: Obj) -> bool {
    // SAFETY: forwarded contract.
    if !has_flag(unsafe { header(obj) }, HAS_WEAK) {
        return false;
    }
    // SAFETY: forwarded contract.
    let state = unsafe { HeapState::of(obj) };
    let table = state.weak_table.borrow();
    table
        .get(&obj.as_ptr().addr())
        .is_some_and(|slots| slots.iter().any(|w| w.strong_count() > 0))
}

/// Clears every weak reference to `obj` and collects the callbacks of those still alive.
///
/// # Safety
/// `obj` is live and flagged `HAS_WEAK`.
pub(crate) unsafe fn clear_weak_refs(
    state: &HeapState,
    obj: Obj,
    callbacks: &mut Vec<PendingCallback>,
) {
    // SAFETY: forwarded contract.
    let h = unsafe { header(obj) };
    if !has_flag(h, HAS_WEAK) {
        return;
    }
    h.word.set(h.word.get() & !HAS_WEAK);
    let slots = state.weak_table.borrow_mut().remove(&(obj.as_ptr().addr()));
    for cell in slots.into_iter().flatten().filter_map(|w| w.upgrade()) {
        cell.target.set(None);
        if let Some(callback) = cell.callback.take() {
            callbacks.push(PendingCallback {
                type_name: (h.vtable.type_name)(),
                callback,
            });
        }
        // Dropping `cell` here cannot free it: some `Weak` handle still owns it.
    }
}

/// Runs weak reference callbacks, in registration order; each one runs even if an earlier
/// one panicked.
pub(crate) fn run_weak_callbacks(
    state: &HeapState,
    callbacks: Vec<PendingCallback>,
    panics: &mut PanicSlot,
) {
    if callbacks.is_empty() {
        return;
    }
    // SAFETY: the caller keeps the state alive; the handle is what callbacks receive.
    let heap = unsafe { Heap::from_state(state) };
    for PendingCallback {
        type_name,
        callback,
    } in callbacks
    {
        panics.guard(UserCode::WeakCallback, Some(type_name), || callback(&heap));
    }
    panics.guard(UserCode::Drop, None, || drop(heap));
}

#[cfg(test)]
mod tests {
    use crate::header::{header, COUNT_MASK};
    use crate::Gc;

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
        let status = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "weak::tests::upgrade_at_the_largest_count_aborts",
                "--test-threads=1",
            ])
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
