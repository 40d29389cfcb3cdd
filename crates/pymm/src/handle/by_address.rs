//! [`ByAddress`]: identity as the key, where `Gc`'s own comparisons are by value.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use crate::handle::any::GcAny;
use crate::handle::gc::Gc;
use crate::handle::trace::{Trace, Tracer};

/// A handle compared, hashed and ordered by the address of its object (Python's `is` and
/// `id()`), not by its value as `Gc`'s own `PartialEq`, `Hash` and `Ord` are.
///
/// Use it to key maps and sets by identity (a memo table over a graph, a visited set),
/// and inside types whose `PartialEq`, `Hash` or `Debug` is derived and whose handles may
/// form a cycle: value comparison would follow the cycle forever, identity stops at the
/// handle. Holding a strong handle, the key keeps its object, and so its address, alive.
///
/// ```
/// use pymm::{ByAddress, Gc};
/// use std::collections::HashSet;
///
/// let a = Gc::new(String::from("same text"));
/// let b = Gc::new(String::from("same text"));
/// assert_eq!(a, b, "Gc compares values");
/// assert_ne!(ByAddress(a.clone()), ByAddress(b.clone()), "ByAddress compares identity");
///
/// let seen: HashSet<ByAddress<Gc<String>>> =
///     [a.clone(), b, a.clone()].into_iter().map(ByAddress).collect();
/// assert_eq!(seen.len(), 2);
/// assert!(seen.contains(&ByAddress(a)));
/// ```
///
/// In a cyclic structure with derived comparisons:
/// ```
/// use pymm::{ByAddress, Gc, Trace};
/// use std::cell::RefCell;
///
/// #[derive(Trace, PartialEq, Eq, Debug)]
/// struct Person {
///     name: String,
///     friend: RefCell<Option<ByAddress<Gc<Person>>>>,
/// }
///
/// let ann = Gc::new(Person { name: "Ann".into(), friend: RefCell::new(None) });
/// let bob = Gc::new(Person { name: "Bob".into(), friend: RefCell::new(None) });
/// *ann.friend.borrow_mut() = Some(ByAddress(bob.clone()));
/// *bob.friend.borrow_mut() = Some(ByAddress(ann.clone()));
/// assert!(*ann == *ann); // compares names and friend identities: no endless recursion
/// assert!(format!("{ann:?}").starts_with("Person { name: \"Ann\", friend: RefCell { value: Some(ByAddress(0x"));
/// # bob.friend.take();
/// ```
#[derive(Clone)]
pub struct ByAddress<P>(pub P);

/// A handle with an object address ([`Gc`] or [`GcAny`]).
///
/// ```
/// use pymm::{Address, Gc};
/// let x = Gc::new(1);
/// assert_eq!(x.address(), Gc::to_any(&x).address());
/// ```
pub trait Address {
    /// The object's address (its payload's, as `Gc::as_ptr`).
    fn address(&self) -> *const ();
}

impl<T: ?Sized + crate::handle::slice::Payload> Address for Gc<T> {
    fn address(&self) -> *const () {
        Gc::as_ptr(self).cast()
    }
}

impl Address for GcAny {
    fn address(&self) -> *const () {
        self.as_ptr()
    }
}

impl<P> ByAddress<P> {
    /// The handle.
    ///
    /// ```
    /// use pymm::{ByAddress, Gc};
    /// let key = ByAddress(Gc::new(1));
    /// let gc: Gc<i32> = key.into_inner();
    /// assert_eq!(*gc, 1);
    /// ```
    pub fn into_inner(self) -> P {
        self.0
    }
}

impl<P> Deref for ByAddress<P> {
    type Target = P;

    fn deref(&self) -> &P {
        &self.0
    }
}

impl<P: Address> PartialEq for ByAddress<P> {
    fn eq(&self, other: &Self) -> bool {
        self.0.address() == other.0.address()
    }
}

impl<P: Address> Eq for ByAddress<P> {}

impl<P: Address> Hash for ByAddress<P> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.address().hash(state)
    }
}

impl<P: Address> PartialOrd for ByAddress<P> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<P: Address> Ord for ByAddress<P> {
    /// By address: a total order, stable while both objects live, meaningless otherwise.
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.address().cmp(&other.0.address())
    }
}

impl<P: Address> fmt::Debug for ByAddress<P> {
    /// The address only: never the value (which could lead back here through a cycle).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ByAddress").field(&self.0.address()).finish()
    }
}

// SAFETY: forwards to the one handle it owns.
unsafe impl<P: Trace> Trace for ByAddress<P> {
    const MAY_CONTAIN_GC: bool = P::MAY_CONTAIN_GC;
    const FIXED_EDGES: bool = P::FIXED_EDGES;
    #[inline]
    fn trace(&self, tracer: &mut Tracer<'_>) {
        self.0.trace(tracer);
    }
}
