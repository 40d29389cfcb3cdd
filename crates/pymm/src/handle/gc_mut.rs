//! [`GcMut`]: exclusive access to the payload of the only handle to an object
//! ([`Gc::get_mut`]).
//!
//! `Rc::get_mut` can hand out a bare `&mut T`; a `Gc` cannot, because the collector reads
//! the payloads of tracked objects (their `Trace`) whenever a collection runs, and one may
//! run while the `&mut T` is held (any allocation can start it). So the object is
//! untracked for as long as the guard lives: the collector reads only the payloads of
//! tracked objects, and every other way to reach the payload needs a second handle or a
//! live weak reference, which `get_mut` has ruled out.

use std::fmt;
use std::ops::{Deref, DerefMut};

use crate::handle::alloc::{track_obj, untrack_obj};
use crate::handle::gc::Gc;
use crate::handle::trace::Trace;
use crate::handle::vtable::payload;
use crate::object::header::{has_flag, header, TRACKED};

/// The guard [`Gc::get_mut`] returns: derefs to `&T` and `&mut T`; when dropped, the object
/// is tracked again (in generation 0) if it was tracked before.
///
/// ```
/// use pymm::{Gc, Heap};
/// let heap = Heap::new();
/// let mut list = heap.alloc(vec![heap.alloc(1)]);
/// {
///     let mut guard = Gc::get_mut(&mut list).unwrap();
///     assert!(heap.objects(None).is_empty(), "untracked while borrowed mutably");
///     guard.push(heap.alloc(2));
/// }
/// assert!(Gc::is_tracked(&list), "tracked again");
/// assert_eq!(list.len(), 2);
/// ```
pub struct GcMut<'a, T> {
    gc: &'a mut Gc<T>,
    /// Tracked before: track it again when the guard goes.
    retrack: bool,
}

impl<'a, T> GcMut<'a, T> {
    /// Untracks the object of `gc`, which the caller checked is the only handle to it (no
    /// other strong one, no live weak one) and not torn down.
    pub(crate) fn new(gc: &'a mut Gc<T>) -> GcMut<'a, T> {
        // SAFETY: a handle keeps its object allocated.
        let retrack = has_flag(unsafe { header(gc.obj()) }, TRACKED);
        // SAFETY: as above.
        unsafe { untrack_obj(gc.obj()) };
        GcMut { gc, retrack }
    }
}

impl<T: Trace> Deref for GcMut<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.gc
    }
}

impl<T: Trace> DerefMut for GcMut<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the payload is live (not torn down, checked by `get_mut`; nothing can
        // tear down an untracked object) and only reachable through this guard: the one
        // strong handle is borrowed by it, no weak handle is alive (and none can be made
        // without a strong one), and the collector skips untracked objects.
        unsafe { &mut *payload::<T>(self.gc.obj()) }
    }
}

impl<T> Drop for GcMut<'_, T> {
    fn drop(&mut self) {
        if self.retrack {
            // SAFETY: a handle keeps its object allocated.
            unsafe { track_obj(self.gc.obj()) };
        }
    }
}

impl<T: Trace + fmt::Debug> fmt::Debug for GcMut<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}
