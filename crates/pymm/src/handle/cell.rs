//! pymm's own cells, [`GcRefCell`] and [`GcCell`], and the [`Write`] capability every
//! mutation of them needs: the write barrier (gc-arena's `Lock`, `RefLock` and
//! `Gc::write`).
//!
//! Std's `RefCell` and `Cell` can change the handles of an object through a shared
//! reference with nothing the collector could see, so a type holding handles in them has
//! [`Edges::Free`](crate::Edges) and its objects are scanned at every collection. pymm's
//! cells read for free (`borrow`, `get`), but their mutators are methods of
//! `Write<GcRefCell<T>>` and `Write<GcCell<T>>`, and safe code gets a `&Write<T>` in
//! four ways only:
//!
//! * [`Gc::write`] on a handle to the object, which first notes the object as written
//!   (the barrier);
//! * [`write_field!`](crate::write_field) from a `&Write` of the struct the field sits in
//!   directly (a pattern, never a `Deref`, so the field is inside the same object);
//! * `as_deref`, `as_write`, `as_slice`, `get` and `iter` from a `&Write` of a box, an
//!   option, an array or a vector the object owns;
//! * [`Write::from_mut`] from a `&mut`: exclusive access, which for an object means
//!   [`Gc::get_mut`], under which no cycle can be made (see the collector's `unchanged`).
//!
//! So a barriered cell cannot change without the barrier having run for the object that
//! owns it, and types whose handles sit only in pymm's cells (or never change) have
//! [`Edges::Barriered`](crate::Edges): until written, their objects count as having
//! fixed edges, and a collection of a set made only of such objects skips its scan.
//!
//! ```
//! use pymm::{write_field, Gc, GcRefCell, Heap, Trace};
//!
//! #[derive(Trace)]
//! struct Node {
//!     name: String,
//!     next: GcRefCell<Option<Gc<Node>>>,
//! }
//!
//! let heap = Heap::new();
//! let a = heap.alloc(Node { name: "a".into(), next: GcRefCell::new(None) });
//! let b = heap.alloc(Node { name: "b".into(), next: GcRefCell::new(Some(a.clone())) });
//! // Reads need nothing:
//! assert_eq!(b.next.borrow().as_ref().unwrap().name, "a");
//! // A mutation goes through the object's write capability:
//! *write_field!(Gc::write(&a), Node, next).borrow_mut() = Some(b.clone());
//! drop((a, b));
//! assert_eq!(heap.collect(2), 2); // the two-node cycle is found and freed
//! ```

use std::cell::{BorrowError, BorrowMutError, Cell, Ref, RefCell, RefMut};
use std::fmt;

use crate::handle::gc::Gc;
use crate::handle::trace::{Edges, Trace, Tracer};
use crate::heap::HeapState;
use crate::object::header::{header, Obj, ARMED, TRACKED};

/// The capability to mutate the pymm cells inside a `T` that sits in an object whose
/// write has been noted (see the module docs): handed out by [`Gc::write`], projected to
/// a field by [`write_field!`](crate::write_field), or made from `&mut` access. Derefs to
/// `&T` for reading.
///
/// ```
/// use pymm::{Gc, GcCell, Write};
///
/// let counter = Gc::new(GcCell::new(0u32));
/// let write: &Write<GcCell<u32>> = Gc::write(&counter);
/// write.set(write.get() + 1);
/// assert_eq!(counter.get(), 1);
/// ```
#[repr(transparent)]
pub struct Write<T: ?Sized> {
    value: T,
}

impl<T: ?Sized> Write<T> {
    /// Asserts that the write of the object `value` sits in has been noted for as long as
    /// the returned reference lives.
    ///
    /// # Safety
    /// `value` is not inside an object (a local, a field of one), or inside the object
    /// of a [`Gc::write`] (or another `Write`) whose borrow outlives the returned one, or
    /// reached through `&mut` access.
    ///
    /// ```
    /// use pymm::{Gc, GcCell, Write};
    /// #[derive(pymm::Trace)]
    /// struct Pair(GcCell<u8>, GcCell<u8>);
    /// let pair = Gc::new(Pair(GcCell::new(1), GcCell::new(2)));
    /// let write = Gc::write(&pair);
    /// // SAFETY: the second cell sits inline in the payload `write` was noted for.
    /// let second = unsafe { Write::assume(&write.1) };
    /// second.set(3);
    /// assert_eq!(pair.1.get(), 3);
    /// ```
    #[inline(always)]
    pub unsafe fn assume(value: &T) -> &Write<T> {
        // SAFETY: `Write<T>` is a `repr(transparent)` wrapper of `T`.
        unsafe { &*(value as *const T as *const Write<T>) }
    }

    /// The capability from exclusive access: nobody else can see the mutation, and an
    /// object is reached mutably only through [`Gc::get_mut`] (the only handle, no weak
    /// one), under which no cycle can be made.
    ///
    /// ```
    /// use pymm::{GcRefCell, Write};
    /// let mut cell = GcRefCell::new(vec![1]);
    /// Write::from_mut(&mut cell).borrow_mut().push(2);
    /// assert_eq!(*cell.borrow(), [1, 2]);
    /// ```
    #[inline(always)]
    pub fn from_mut(value: &mut T) -> &Write<T> {
        // SAFETY: exclusive access is the third way the module docs allow.
        unsafe { Write::assume(value) }
    }

    /// What [`write_field!`](crate::write_field) expands to: the capability of the part
    /// of the value `part` returns.
    ///
    /// # Safety
    /// `part` returns something that lies inline in its argument.
    #[doc(hidden)]
    #[inline(always)]
    pub unsafe fn __project<'a, U: ?Sized>(
        &'a self,
        part: impl FnOnce(&'a T) -> &'a U,
    ) -> &'a Write<U> {
        // SAFETY: forwarded contract: the part lies in the same object as the value.
        unsafe { Write::assume(part(&self.value)) }
    }

    /// The value, for reading (also what `Deref` gives).
    ///
    /// ```
    /// use pymm::{Gc, GcCell};
    /// let cell = Gc::new(GcCell::new(7u8));
    /// assert_eq!(Gc::write(&cell).get_ref().get(), 7);
    /// ```
    #[inline(always)]
    pub fn get_ref(&self) -> &T {
        &self.value
    }
}

/// Projections into what a value owns: the owner's barrier covers its boxes, options and
/// buffers too (they belong to the same object), so a cell kept there can be reached.
impl<T: ?Sized> Write<Box<T>> {
    /// The boxed value's capability.
    ///
    /// ```
    /// use pymm::{Gc, GcCell};
    /// let boxed = Gc::new(Box::new(GcCell::new(1)));
    /// Gc::write(&boxed).as_deref().set(2);
    /// assert_eq!(boxed.get(), 2);
    /// ```
    #[inline(always)]
    pub fn as_deref(&self) -> &Write<T> {
        // SAFETY: a box's content is owned by the box, so it lies in the same object.
        unsafe { Write::assume(&*self.value) }
    }
}

impl<T> Write<Option<T>> {
    /// The capability of the value inside, if any.
    ///
    /// ```
    /// use pymm::{Gc, GcCell};
    /// let slot = Gc::new(Some(GcCell::new(1)));
    /// Gc::write(&slot).as_write().unwrap().set(5);
    /// assert_eq!(slot.as_ref().unwrap().get(), 5);
    /// ```
    #[inline(always)]
    pub fn as_write(&self) -> Option<&Write<T>> {
        // SAFETY: an option's content lies inline in the option.
        self.value
            .as_ref()
            .map(|value| unsafe { Write::assume(value) })
    }
}

impl<T> Write<[T]> {
    /// The capability of the element at `index`, if there is one.
    ///
    /// ```
    /// use pymm::{Gc, GcCell};
    /// let cells = Gc::new([GcCell::new(1), GcCell::new(2)]);
    /// let write = Gc::write(&cells);
    /// write.as_slice().get(1).unwrap().set(7);
    /// assert_eq!(cells[1].get(), 7);
    /// ```
    #[inline(always)]
    pub fn get(&self, index: usize) -> Option<&Write<T>> {
        // SAFETY: an element lies inside the slice.
        self.value
            .get(index)
            .map(|value| unsafe { Write::assume(value) })
    }

    /// The capabilities of the elements, in order.
    ///
    /// ```
    /// use pymm::{Gc, GcCell};
    /// let cells = Gc::new(vec![GcCell::new(1), GcCell::new(2)]);
    /// for cell in Gc::write(&cells).as_slice().iter() {
    ///     cell.set(cell.get() * 10);
    /// }
    /// assert_eq!((cells[0].get(), cells[1].get()), (10, 20));
    /// ```
    #[inline]
    pub fn iter(&self) -> impl Iterator<Item = &Write<T>> {
        // SAFETY: each element lies inside the slice.
        self.value
            .iter()
            .map(|value| unsafe { Write::assume(value) })
    }
}

impl<T, const N: usize> Write<[T; N]> {
    /// The array's capability as a slice's.
    ///
    /// ```
    /// use pymm::{Gc, GcCell};
    /// let cells = Gc::new([GcCell::new(0u8), GcCell::new(1), GcCell::new(2)]);
    /// assert_eq!(Gc::write(&cells).as_slice().iter().count(), 3);
    /// ```
    #[inline(always)]
    pub fn as_slice(&self) -> &Write<[T]> {
        // SAFETY: the slice is the array itself.
        unsafe { Write::assume(&self.value[..]) }
    }
}

impl<T> Write<Vec<T>> {
    /// The capability of the vector's elements (its buffer belongs to the same object).
    ///
    /// ```
    /// use pymm::{Gc, GcRefCell};
    /// let cells = Gc::new(vec![GcRefCell::new(String::new())]);
    /// Gc::write(&cells).as_slice().get(0).unwrap().borrow_mut().push('x');
    /// assert_eq!(*cells[0].borrow(), "x");
    /// ```
    #[inline(always)]
    pub fn as_slice(&self) -> &Write<[T]> {
        // SAFETY: the vector owns its buffer, so its elements belong to the same object.
        unsafe { Write::assume(self.value.as_slice()) }
    }
}

impl<T: ?Sized> std::ops::Deref for Write<T> {
    type Target = T;

    #[inline(always)]
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for Write<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Write").field(&&self.value).finish()
    }
}

/// Projects a `&Write<Struct>` to a `&Write` of one of the struct's own fields (named,
/// or a tuple index): the field sits inside the same object, so the barrier noted for
/// the struct covers it. The field is found by a pattern, which never goes through
/// `Deref`, so a field of something the struct points at cannot be reached this way.
///
/// ```
/// use pymm::{write_field, Gc, GcCell, GcRefCell, Trace};
///
/// #[derive(Trace)]
/// struct Account {
///     owner: GcRefCell<String>,
///     balance: GcCell<i64>,
/// }
/// #[derive(Trace)]
/// struct Wrapped(Account);
///
/// let account = Gc::new(Wrapped(Account {
///     owner: GcRefCell::new("ann".into()),
///     balance: GcCell::new(10),
/// }));
/// let write = Gc::write(&account);
/// let inner = write_field!(write, Wrapped, 0);
/// write_field!(inner, Account, balance).set(15);
/// write_field!(inner, Account, owner).borrow_mut().push_str("ie");
/// assert_eq!(account.0.balance.get(), 15);
/// assert_eq!(*account.0.owner.borrow(), "annie");
/// ```
#[macro_export]
macro_rules! write_field {
    ($write:expr, $type:path, $field:tt) => {{
        // SAFETY: a field matched by a pattern lies inline in the value the `Write` was
        // given for, so that value's barrier covers it.
        #[allow(unused_unsafe)]
        let field = unsafe {
            ($write).__project(|value| match value {
                $type { $field: field, .. } => field,
            })
        };
        field
    }};
}

impl<T: Trace> Gc<T> {
    /// The capability to mutate the pymm cells inside the object: notes the object as
    /// written (the write barrier), then lends its payload as a [`Write`]. Panics, as a
    /// dereference does, if the collector has torn the object down.
    ///
    /// ```
    /// use pymm::{Gc, GcRefCell, Heap};
    ///
    /// let heap = Heap::new();
    /// let list = heap.alloc(GcRefCell::new(Vec::<Gc<u32>>::new()));
    /// Gc::write(&list).borrow_mut().push(heap.alloc(1));
    /// assert_eq!(list.borrow().len(), 1);
    /// ```
    #[inline]
    pub fn write(this: &Self) -> &Write<T> {
        let value: &T = this;
        if matches!(T::EDGES, Edges::Barriered) {
            note_written(this.obj());
        }
        // SAFETY: the write of the object `value` is the payload of has just been noted.
        unsafe { Write::assume(value) }
    }
}

/// The barrier: a tracked object's generation may now hold a cycle. An armed one is
/// disarmed and becomes a suspect (`HeapState::note_suspect`); one that is not armed is a
/// suspect already, or in a generation that is scanned whole.
#[inline]
fn note_written(obj: Obj) {
    // SAFETY: the caller's handle keeps the object allocated.
    let h = unsafe { header(obj) };
    let word = h.word.get();
    if word & TRACKED != 0 {
        // SAFETY: a live object (see above).
        let state = unsafe { HeapState::of(obj) };
        state.note_written(state.ids.generation_of(word));
        if word & ARMED != 0 {
            h.word.set(word & !ARMED);
            // SAFETY: live and tracked, hence a container of this heap; `word` as read.
            unsafe { state.note_suspect(obj, word) };
        }
    }
}

/// A `RefCell` whose mutable borrows need the object's [`Write`] capability: reads are
/// `borrow`, mutations go through [`Gc::write`] (see the module docs). Types holding their
/// handles in it have [`Edges::Barriered`](crate::Edges).
///
/// ```
/// use pymm::{Gc, GcRefCell, Heap, Trace};
///
/// #[derive(Trace)]
/// struct Node(GcRefCell<Option<Gc<Node>>>);
///
/// let heap = Heap::new();
/// let node = heap.alloc(Node(GcRefCell::new(None)));
/// let write = Gc::write(&node);
/// *pymm::write_field!(write, Node, 0).borrow_mut() = Some(node.clone()); // a self-cycle
/// assert!(node.0.borrow().is_some());
/// drop(node);
/// assert_eq!(heap.collect(2), 1);
/// ```
pub struct GcRefCell<T: ?Sized> {
    cell: RefCell<T>,
}

impl<T> GcRefCell<T> {
    /// A cell holding `value`.
    ///
    /// ```
    /// let cell = pymm::GcRefCell::new(3);
    /// assert_eq!(*cell.borrow(), 3);
    /// ```
    #[inline]
    pub const fn new(value: T) -> GcRefCell<T> {
        GcRefCell {
            cell: RefCell::new(value),
        }
    }

    /// The content, consuming the cell.
    ///
    /// ```
    /// assert_eq!(pymm::GcRefCell::new(5).into_inner(), 5);
    /// ```
    #[inline]
    pub fn into_inner(self) -> T {
        self.cell.into_inner()
    }
}

impl<T: ?Sized> GcRefCell<T> {
    /// Borrows the content for reading (panics while it is mutably borrowed).
    ///
    /// ```
    /// let cell = pymm::GcRefCell::new(String::from("x"));
    /// assert_eq!(cell.borrow().as_str(), "x");
    /// ```
    #[inline]
    pub fn borrow(&self) -> Ref<'_, T> {
        self.cell.borrow()
    }

    /// Borrows the content for reading, or fails while it is mutably borrowed.
    ///
    /// ```
    /// use pymm::{Gc, GcRefCell};
    /// let cell = Gc::new(GcRefCell::new(1));
    /// let guard = Gc::write(&cell).borrow_mut();
    /// assert!(cell.try_borrow().is_err());
    /// drop(guard);
    /// assert!(cell.try_borrow().is_ok());
    /// ```
    #[inline]
    pub fn try_borrow(&self) -> Result<Ref<'_, T>, BorrowError> {
        self.cell.try_borrow()
    }

    /// The content through exclusive access to the cell (no borrow, no barrier needed).
    ///
    /// ```
    /// let mut cell = pymm::GcRefCell::new(1);
    /// *cell.get_mut() += 1;
    /// assert_eq!(*cell.borrow(), 2);
    /// ```
    #[inline]
    pub fn get_mut(&mut self) -> &mut T {
        self.cell.get_mut()
    }
}

impl<T: ?Sized> Write<GcRefCell<T>> {
    /// Borrows the content mutably (panics while it is borrowed).
    ///
    /// ```
    /// use pymm::{Gc, GcRefCell};
    /// let cell = Gc::new(GcRefCell::new(vec![1]));
    /// Gc::write(&cell).borrow_mut().push(2);
    /// assert_eq!(*cell.borrow(), [1, 2]);
    /// ```
    #[inline]
    pub fn borrow_mut(&self) -> RefMut<'_, T> {
        self.value.cell.borrow_mut()
    }

    /// Borrows the content mutably, or fails while it is borrowed.
    ///
    /// ```
    /// use pymm::{Gc, GcRefCell};
    /// let cell = Gc::new(GcRefCell::new(0));
    /// let read = cell.borrow();
    /// assert!(Gc::write(&cell).try_borrow_mut().is_err());
    /// drop(read);
    /// assert!(Gc::write(&cell).try_borrow_mut().is_ok());
    /// ```
    #[inline]
    pub fn try_borrow_mut(&self) -> Result<RefMut<'_, T>, BorrowMutError> {
        self.value.cell.try_borrow_mut()
    }

    /// The std `RefCell` inside, for the rest of its API (`replace_with`, ...): the
    /// barrier has run for the object.
    ///
    /// ```
    /// use pymm::{Gc, GcRefCell};
    /// let cell = Gc::new(GcRefCell::new(2));
    /// Gc::write(&cell).unlock().replace_with(|n| *n * 10);
    /// assert_eq!(*cell.borrow(), 20);
    /// ```
    #[inline]
    pub fn unlock(&self) -> &RefCell<T> {
        &self.value.cell
    }
}

impl<T> Write<GcRefCell<T>> {
    /// Puts `value` in and returns the old content (panics while borrowed).
    ///
    /// ```
    /// use pymm::{Gc, GcRefCell};
    /// let cell = Gc::new(GcRefCell::new(1));
    /// assert_eq!(Gc::write(&cell).replace(2), 1);
    /// assert_eq!(*cell.borrow(), 2);
    /// ```
    #[inline]
    pub fn replace(&self, value: T) -> T {
        self.value.cell.replace(value)
    }

    /// Takes the content out, leaving `T::default()` (panics while borrowed).
    ///
    /// ```
    /// use pymm::{Gc, GcRefCell};
    /// let cell = Gc::new(GcRefCell::new(Some(1)));
    /// assert_eq!(Gc::write(&cell).take(), Some(1));
    /// assert_eq!(*cell.borrow(), None);
    /// ```
    #[inline]
    pub fn take(&self) -> T
    where
        T: Default,
    {
        self.value.cell.take()
    }

    /// Puts `value` in, dropping the old content after the borrow ends (panics while
    /// borrowed).
    ///
    /// ```
    /// use pymm::{Gc, GcRefCell};
    /// let cell = Gc::new(GcRefCell::new(1));
    /// Gc::write(&cell).set(5);
    /// assert_eq!(*cell.borrow(), 5);
    /// ```
    #[inline]
    pub fn set(&self, value: T) {
        drop(self.replace(value));
    }

    /// Swaps the contents of two cells, each written through its object's capability
    /// (panics while either is borrowed).
    ///
    /// ```
    /// use pymm::{Gc, GcRefCell};
    /// let a = Gc::new(GcRefCell::new(1));
    /// let b = Gc::new(GcRefCell::new(2));
    /// Gc::write(&a).swap(Gc::write(&b));
    /// assert_eq!((*a.borrow(), *b.borrow()), (2, 1));
    /// ```
    #[inline]
    pub fn swap(&self, other: &Write<GcRefCell<T>>) {
        self.value.cell.swap(&other.value.cell);
    }
}

impl<T: Default> Default for GcRefCell<T> {
    fn default() -> GcRefCell<T> {
        GcRefCell::new(T::default())
    }
}

impl<T: Clone> Clone for GcRefCell<T> {
    fn clone(&self) -> GcRefCell<T> {
        GcRefCell::new(self.borrow().clone())
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for GcRefCell<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.try_borrow() {
            Ok(value) => f.debug_tuple("GcRefCell").field(&&*value).finish(),
            Err(_) => f.write_str("GcRefCell(<borrowed>)"),
        }
    }
}

// SAFETY: as std's `RefCell` (traced when it can be read; a mutably borrowed cell is
// reported busy, which keeps the traced object and the content's handles alive). Every
// mutable borrow needs a `Write`, whose making noted the owning object as written, so the
// content's handles change only under the barrier (or `&mut`): barriered edges, unless
// the content's own are weaker.
unsafe impl<T: Trace> Trace for GcRefCell<T> {
    const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
    const EDGES: Edges = if T::MAY_CONTAIN_GC {
        Edges::Barriered.weakest(T::EDGES)
    } else {
        Edges::Fixed
    };

    #[inline]
    fn trace(&self, tracer: &mut Tracer<'_>) {
        self.cell.trace(tracer);
    }

    fn extra_size(&self) -> usize {
        self.cell.extra_size()
    }
}

/// A `Cell` whose `set`, `replace`, `take` and `swap` need the object's [`Write`]
/// capability (see the module docs); `get` (for `Copy` contents) is free. A cheap slot
/// for one handle: `GcCell<Option<Gc<T>>>`.
///
/// ```
/// use pymm::{Gc, GcCell, Heap, Trace};
///
/// #[derive(Trace)]
/// struct Link(GcCell<Option<Gc<Link>>>);
///
/// let heap = Heap::new();
/// let a = heap.alloc(Link(GcCell::new(None)));
/// let b = heap.alloc(Link(GcCell::new(Some(a.clone()))));
/// pymm::write_field!(Gc::write(&a), Link, 0).set(Some(b.clone()));
/// drop((a, b));
/// assert_eq!(heap.collect(2), 2);
/// ```
pub struct GcCell<T> {
    cell: Cell<T>,
}

impl<T> GcCell<T> {
    /// A cell holding `value`.
    ///
    /// ```
    /// assert_eq!(pymm::GcCell::new(4).get(), 4);
    /// ```
    #[inline]
    pub const fn new(value: T) -> GcCell<T> {
        GcCell {
            cell: Cell::new(value),
        }
    }

    /// A copy of the content.
    ///
    /// ```
    /// assert_eq!(pymm::GcCell::new('x').get(), 'x');
    /// ```
    #[inline]
    pub fn get(&self) -> T
    where
        T: Copy,
    {
        self.cell.get()
    }

    /// The content through exclusive access to the cell.
    ///
    /// ```
    /// let mut cell = pymm::GcCell::new(1);
    /// *cell.get_mut() = 9;
    /// assert_eq!(cell.get(), 9);
    /// ```
    #[inline]
    pub fn get_mut(&mut self) -> &mut T {
        self.cell.get_mut()
    }

    /// The content, consuming the cell.
    ///
    /// ```
    /// assert_eq!(pymm::GcCell::new("s").into_inner(), "s");
    /// ```
    #[inline]
    pub fn into_inner(self) -> T {
        self.cell.into_inner()
    }
}

impl<T> Write<GcCell<T>> {
    /// Puts `value` in, dropping the old content.
    ///
    /// ```
    /// use pymm::{Gc, GcCell};
    /// let cell = Gc::new(GcCell::new(1));
    /// Gc::write(&cell).set(2);
    /// assert_eq!(cell.get(), 2);
    /// ```
    #[inline]
    pub fn set(&self, value: T) {
        self.value.cell.set(value);
    }

    /// Puts `value` in and returns the old content.
    ///
    /// ```
    /// use pymm::{Gc, GcCell};
    /// let cell = Gc::new(GcCell::new(1));
    /// assert_eq!(Gc::write(&cell).replace(3), 1);
    /// ```
    #[inline]
    pub fn replace(&self, value: T) -> T {
        self.value.cell.replace(value)
    }

    /// Takes the content out, leaving `T::default()`.
    ///
    /// ```
    /// use pymm::{Gc, GcCell};
    /// let slot = Gc::new(GcCell::new(Some(Gc::new(5))));
    /// assert_eq!(*Gc::write(&slot).take().unwrap(), 5);
    /// ```
    #[inline]
    pub fn take(&self) -> T
    where
        T: Default,
    {
        self.value.cell.take()
    }

    /// Swaps the contents of two cells, each written through its object's capability.
    ///
    /// ```
    /// use pymm::{Gc, GcCell};
    /// let a = Gc::new(GcCell::new(1));
    /// let b = Gc::new(GcCell::new(2));
    /// Gc::write(&a).swap(Gc::write(&b));
    /// assert_eq!((a.get(), b.get()), (2, 1));
    /// ```
    #[inline]
    pub fn swap(&self, other: &Write<GcCell<T>>) {
        self.value.cell.swap(&other.value.cell);
    }

    /// The std `Cell` inside, for the rest of its API: the barrier has run for the object.
    ///
    /// ```
    /// use pymm::{Gc, GcCell};
    /// let cell = Gc::new(GcCell::new(1));
    /// Gc::write(&cell).unlock().update(|n| n + 1);
    /// assert_eq!(cell.get(), 2);
    /// ```
    #[inline]
    pub fn unlock(&self) -> &Cell<T> {
        &self.value.cell
    }
}

impl<T: Default> Default for GcCell<T> {
    fn default() -> GcCell<T> {
        GcCell::new(T::default())
    }
}

impl<T: Copy> Clone for GcCell<T> {
    fn clone(&self) -> GcCell<T> {
        GcCell::new(self.get())
    }
}

impl<T: Copy + fmt::Debug> fmt::Debug for GcCell<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("GcCell").field(&self.get()).finish()
    }
}

// SAFETY: as std's `Cell` (the content traced in place: a `Cell` lends no reference to it,
// and no mutation can run during a trace). Every mutation needs a `Write` (or `&mut`), so
// the content's handles change only under the barrier: barriered edges, unless the
// content's own are weaker.
unsafe impl<T: Trace> Trace for GcCell<T> {
    const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
    const EDGES: Edges = if T::MAY_CONTAIN_GC {
        Edges::Barriered.weakest(T::EDGES)
    } else {
        Edges::Fixed
    };

    #[inline]
    fn trace(&self, tracer: &mut Tracer<'_>) {
        self.cell.trace(tracer);
    }

    fn extra_size(&self) -> usize {
        self.cell.extra_size()
    }
}
