//! [`Trace`] for the standard library's types.
//!
//! Two rules keep these sound (see the trait's safety contract):
//! * only what a value *owns* is traced: a borrowed `Cow` visits nothing,
//!   and `Rc<T>`/`Arc<T>` (shared, so possibly traced by several owners) are `Trace` only
//!   for contents that own no handle;
//! * tracing never mutates: every cell is read in place, without taking its content out.

use std::borrow::{Cow, ToOwned};
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, LinkedList, VecDeque};
use std::mem::size_of;
use std::num::{
    NonZeroI128, NonZeroI16, NonZeroI32, NonZeroI64, NonZeroI8, NonZeroIsize, NonZeroU128,
    NonZeroU16, NonZeroU32, NonZeroU64, NonZeroU8, NonZeroUsize,
};
use std::ops::{Range, RangeFrom, RangeFull, RangeInclusive, RangeTo, RangeToInclusive};
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

use crate::handle::any::GcAny;
use crate::handle::gc::Gc;
use crate::handle::trace::Edges;
use crate::handle::trace::{Trace, Tracer};

/// Types that never own a handle.
macro_rules! leaf {
    ($($t:ty),* $(,)?) => {$(
        // SAFETY: owns no handle, visits none.
        unsafe impl Trace for $t {
            const MAY_CONTAIN_GC: bool = false;
            #[inline]
            fn trace(&self, _tracer: &mut Tracer<'_>) {}
        }
    )*};
}

leaf!(
    (),
    bool,
    char,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    f32,
    f64,
    str,
    &'static str,
    NonZeroU8,
    NonZeroU16,
    NonZeroU32,
    NonZeroU64,
    NonZeroU128,
    NonZeroUsize,
    NonZeroI8,
    NonZeroI16,
    NonZeroI32,
    NonZeroI64,
    NonZeroI128,
    NonZeroIsize,
    RangeFull,
    std::cmp::Ordering,
    std::convert::Infallible,
    std::time::Duration,
    std::time::Instant,
    std::time::SystemTime,
    std::path::Path,
    std::path::PathBuf,
    std::ffi::OsStr,
    std::ffi::OsString,
    std::ffi::CStr,
    std::ffi::CString,
    std::any::TypeId,
    std::net::IpAddr,
    std::net::Ipv4Addr,
    std::net::Ipv6Addr,
    std::net::SocketAddr,
    std::sync::atomic::AtomicBool,
    std::sync::atomic::AtomicU8,
    std::sync::atomic::AtomicU16,
    std::sync::atomic::AtomicU32,
    std::sync::atomic::AtomicU64,
    std::sync::atomic::AtomicUsize,
    std::sync::atomic::AtomicI8,
    std::sync::atomic::AtomicI16,
    std::sync::atomic::AtomicI32,
    std::sync::atomic::AtomicI64,
    std::sync::atomic::AtomicIsize,
);

/// Function pointers: code, no data. (Not the higher-ranked ones such as `fn(&str)`: an
/// impl for those would overlap these, which Rust is phasing out (rust-lang/rust#56105);
/// skip such a field with `#[trace(skip)]`.)
macro_rules! fn_pointer {
    ($($arg:ident)*) => {
        // SAFETY: a function pointer owns no handle.
        unsafe impl<R, $($arg),*> Trace for fn($($arg),*) -> R {
            const MAY_CONTAIN_GC: bool = false;
            #[inline]
            fn trace(&self, _tracer: &mut Tracer<'_>) {}
        }
        // SAFETY: as above.
        unsafe impl<R, $($arg),*> Trace for unsafe fn($($arg),*) -> R {
            const MAY_CONTAIN_GC: bool = false;
            #[inline]
            fn trace(&self, _tracer: &mut Tracer<'_>) {}
        }
    };
}

fn_pointer!();
fn_pointer!(A);
fn_pointer!(A B);
fn_pointer!(A B C);
fn_pointer!(A B C D);
fn_pointer!(A B C D E);
fn_pointer!(A B C D E F);

// SAFETY: owns no handle, visits none.
unsafe impl Trace for String {
    const MAY_CONTAIN_GC: bool = false;
    fn trace(&self, _tracer: &mut Tracer<'_>) {}
    fn extra_size(&self) -> usize {
        self.capacity()
    }
}

// SAFETY: visits the one handle it owns.
unsafe impl<T: ?Sized> Trace for Gc<T> {
    const FIXED_EDGES: bool = true;
    #[inline]
    fn trace(&self, tracer: &mut Tracer<'_>) {
        tracer.visit(self);
    }
}

// SAFETY: visits the one handle it owns.
unsafe impl Trace for GcAny {
    const FIXED_EDGES: bool = true;
    #[inline]
    fn trace(&self, tracer: &mut Tracer<'_>) {
        tracer.visit_any(self);
    }
}

// SAFETY: forwards to the one value it owns (`Box<[T]>`, `Box<str>` included).
unsafe impl<T: ?Sized + Trace> Trace for Box<T> {
    const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
    const FIXED_EDGES: bool = T::FIXED_EDGES;
    const EDGES: Edges = T::EDGES;
    #[inline]
    fn trace(&self, tracer: &mut Tracer<'_>) {
        (**self).trace(tracer);
    }
    fn extra_size(&self) -> usize {
        std::mem::size_of_val(&**self) + (**self).extra_size()
    }
}

/// The compile-time check behind the `Rc`/`Arc` impls: a shared pointer may be owned by
/// several objects, which would each report the handles inside it, so the collector would
/// subtract them more than once and free live objects. Only contents that own no handle
/// (`MAY_CONTAIN_GC == false`: strings, numbers, derived types without handles) qualify.
const fn shared_content_owns_no_handle<T: ?Sized + Trace>() -> bool {
    assert!(
        !T::MAY_CONTAIN_GC,
        "pymm: Rc<T>/Arc<T> is Trace only when T owns no Gc handle (T::MAY_CONTAIN_GC is \
         false): a shared pointer would be traced by each of its owners; put shared \
         state that holds handles in a Gc instead"
    );
    true
}

/// `Rc<T>` and `Arc<T>` of contents that own no handle: `Rc<str>`, `Arc<[u8]>`,
/// `Rc<String>`, ...
macro_rules! shared_atom {
    ($($ptr:ident),*) => {$(
        // SAFETY: visits nothing, which is right only because the content owns no handle
        // (checked at compile time by `shared_content_owns_no_handle`; visiting fewer
        // handles would be safe anyway, it would only leak cycles).
        unsafe impl<T: ?Sized + Trace> Trace for $ptr<T> {
            const MAY_CONTAIN_GC: bool = !shared_content_owns_no_handle::<T>();
            #[inline]
            fn trace(&self, _tracer: &mut Tracer<'_>) {
                const { assert!(shared_content_owns_no_handle::<T>()) };
            }
        }
    )*};
}

shared_atom!(Rc, Arc);

// SAFETY: a std weak pointer owns no value (the content lives only as long as some strong
// `Rc`/`Arc` does), so no handle: whatever `T` is, there is nothing to visit.
unsafe impl<T: ?Sized> Trace for std::rc::Weak<T> {
    const MAY_CONTAIN_GC: bool = false;
    #[inline]
    fn trace(&self, _tracer: &mut Tracer<'_>) {}
}

// SAFETY: as for `std::rc::Weak`.
unsafe impl<T: ?Sized> Trace for std::sync::Weak<T> {
    const MAY_CONTAIN_GC: bool = false;
    #[inline]
    fn trace(&self, _tracer: &mut Tracer<'_>) {}
}

// SAFETY: forwards to the value it owns, if any.
unsafe impl<T: Trace> Trace for Option<T> {
    const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
    const FIXED_EDGES: bool = T::FIXED_EDGES;
    const EDGES: Edges = T::EDGES;
    #[inline]
    fn trace(&self, tracer: &mut Tracer<'_>) {
        if let Some(value) = self {
            value.trace(tracer);
        }
    }
}

// SAFETY: forwards to the value it owns.
unsafe impl<T: Trace, E: Trace> Trace for Result<T, E> {
    const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC || E::MAY_CONTAIN_GC;
    const FIXED_EDGES: bool = T::FIXED_EDGES && E::FIXED_EDGES;
    const EDGES: Edges = T::EDGES.weakest(E::EDGES);
    fn trace(&self, tracer: &mut Tracer<'_>) {
        match self {
            Ok(v) => v.trace(tracer),
            Err(e) => e.trace(tracer),
        }
    }
}

/// Collections of elements: every element once. `extra_size` is what the collection owns
/// outside its own bytes, for `getsizeof` (the buffer of a `Vec`, the nodes of a list).
macro_rules! elements {
    ($(impl[$($params:tt)*] $coll:ty, extra_size($this:ident) = $extra:expr;)*) => {$(
        // SAFETY: each owned element is traced once.
        unsafe impl<$($params)*> Trace for $coll {
            const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
            const FIXED_EDGES: bool = T::FIXED_EDGES;
            const EDGES: Edges = T::EDGES;
            fn trace(&self, tracer: &mut Tracer<'_>) {
                if T::MAY_CONTAIN_GC {
                    self.iter().for_each(|item| item.trace(tracer));
                }
            }
            fn extra_size(&self) -> usize {
                let $this = self;
                $extra
            }
        }
    )*};
}

elements! {
    impl[T: Trace] Vec<T>, extra_size(v) = v.capacity() * size_of::<T>();
    impl[T: Trace] VecDeque<T>, extra_size(v) = v.capacity() * size_of::<T>();
    impl[T: Trace] BinaryHeap<T>, extra_size(h) = h.capacity() * size_of::<T>();
    impl[T: Trace, S] HashSet<T, S>, extra_size(h) = h.capacity() * size_of::<T>();
    impl[T: Trace] BTreeSet<T>, extra_size(b) = b.len() * size_of::<T>();
    // Each node: the element and two links.
    impl[T: Trace] LinkedList<T>, extra_size(l) = l.len() * (size_of::<T>() + 2 * size_of::<usize>());
    impl[T: Trace, const N: usize] [T; N], extra_size(_a) = 0;
    // Reached through an owning pointer (`Box<[T]>`): what the elements own.
    impl[T: Trace] [T], extra_size(s) = s.iter().map(T::extra_size).sum();
}

// SAFETY: an owned value is traced; a borrowed one belongs to its owner and is not.
unsafe impl<B: ?Sized + ToOwned> Trace for Cow<'_, B>
where
    B::Owned: Trace,
{
    const MAY_CONTAIN_GC: bool = <B::Owned as Trace>::MAY_CONTAIN_GC;
    fn trace(&self, tracer: &mut Tracer<'_>) {
        if let Cow::Owned(value) = self {
            value.trace(tracer);
        }
    }
    fn extra_size(&self) -> usize {
        match self {
            Cow::Owned(value) => value.extra_size(),
            Cow::Borrowed(_) => 0,
        }
    }
}

/// Ranges: each bound they own, once.
macro_rules! range {
    ($($range:ident: $($bound:ident)+;)*) => {$(
        // SAFETY: each owned bound is traced once.
        unsafe impl<T: Trace> Trace for $range<T> {
            const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
            const FIXED_EDGES: bool = T::FIXED_EDGES;
            const EDGES: Edges = T::EDGES;
            fn trace(&self, tracer: &mut Tracer<'_>) {
                $(self.$bound.trace(tracer);)+
            }
        }
    )*};
}

range! {
    Range: start end;
    RangeFrom: start;
    RangeTo: end;
    RangeToInclusive: end;
}

// SAFETY: both owned bounds are traced once (read through its accessors).
unsafe impl<T: Trace> Trace for RangeInclusive<T> {
    const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
    const FIXED_EDGES: bool = T::FIXED_EDGES;
    const EDGES: Edges = T::EDGES;
    fn trace(&self, tracer: &mut Tracer<'_>) {
        self.start().trace(tracer);
        self.end().trace(tracer);
    }
}

/// Transparent wrappers: the one value they own.
macro_rules! wrapper {
    ($($wrapper:ty),* $(,)?) => {$(
        // SAFETY: forwards to the one value it owns.
        unsafe impl<T: Trace> Trace for $wrapper {
            const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
            const FIXED_EDGES: bool = T::FIXED_EDGES;
            const EDGES: Edges = T::EDGES;
            #[inline]
            fn trace(&self, tracer: &mut Tracer<'_>) {
                self.0.trace(tracer);
            }
            fn extra_size(&self) -> usize {
                self.0.extra_size()
            }
        }
    )*};
}

wrapper!(
    std::cmp::Reverse<T>,
    std::num::Wrapping<T>,
    std::num::Saturating<T>,
);

// SAFETY: each owned key and value is traced once.
unsafe impl<K: Trace, V: Trace, S> Trace for HashMap<K, V, S> {
    const MAY_CONTAIN_GC: bool = K::MAY_CONTAIN_GC || V::MAY_CONTAIN_GC;
    const FIXED_EDGES: bool = K::FIXED_EDGES && V::FIXED_EDGES;
    const EDGES: Edges = K::EDGES.weakest(V::EDGES);
    fn trace(&self, tracer: &mut Tracer<'_>) {
        if Self::MAY_CONTAIN_GC {
            for (k, v) in self {
                k.trace(tracer);
                v.trace(tracer);
            }
        }
    }
    fn extra_size(&self) -> usize {
        self.capacity() * std::mem::size_of::<(K, V)>()
    }
}

// SAFETY: each owned key and value is traced once.
unsafe impl<K: Trace, V: Trace> Trace for BTreeMap<K, V> {
    const MAY_CONTAIN_GC: bool = K::MAY_CONTAIN_GC || V::MAY_CONTAIN_GC;
    const FIXED_EDGES: bool = K::FIXED_EDGES && V::FIXED_EDGES;
    const EDGES: Edges = K::EDGES.weakest(V::EDGES);
    fn trace(&self, tracer: &mut Tracer<'_>) {
        if Self::MAY_CONTAIN_GC {
            for (k, v) in self {
                k.trace(tracer);
                v.trace(tracer);
            }
        }
    }
    fn extra_size(&self) -> usize {
        self.len() * std::mem::size_of::<(K, V)>()
    }
}

// SAFETY: the content is traced when it can be read; a mutably borrowed cell is reported
// busy, which keeps the traced object (and the content's handles, left unsubtracted) alive.
unsafe impl<T: Trace> Trace for RefCell<T> {
    const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
    #[inline]
    fn trace(&self, tracer: &mut Tracer<'_>) {
        // SAFETY: no mutable borrow can start while the content is traced: tracing runs no
        // code that mutates (the `Trace` contract). Unguarded, so tracing writes nothing.
        match unsafe { self.try_borrow_unguarded() } {
            Ok(value) => value.trace(tracer),
            Err(_) => tracer.mark_busy(),
        }
    }
    fn extra_size(&self) -> usize {
        self.try_borrow().map_or(0, |value| value.extra_size())
    }
}

// SAFETY: the content is traced in place, through a shared reference that lives only for
// the call. A `Cell` never hands out references to its content, so the only code that could
// change it during the call would be code run by the trace itself, and tracing mutates
// nothing (the `Trace` contract). Nor can a trace catch a `Cell` mid-update: `set`,
// `replace`, `swap` and `take` move the old and new values with plain memory moves and run
// user code (a `Default::default`, the old value's `Drop`) only before or after, when the
// content is a whole `T`. A `&mut` to the content (`Cell::get_mut`) requires exclusive
// access to the cell, which a traced payload never grants: it is behind a `RefCell` borrowed
// mutably (reported busy instead of read) or a `Gc::get_mut` guard (untracked meanwhile).
// So `Cell<Option<Gc<T>>>` works as a cheap mutable slot: `take`/`set`/`replace` in code,
// in-place reads in the trace.
unsafe impl<T: Trace> Trace for Cell<T> {
    const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
    #[inline]
    fn trace(&self, tracer: &mut Tracer<'_>) {
        // SAFETY: see above: no mutation of the content can happen while this reference
        // lives.
        unsafe { &*self.as_ptr() }.trace(tracer);
    }
    fn extra_size(&self) -> usize {
        // SAFETY: as in `trace`: `extra_size` only reads.
        unsafe { &*self.as_ptr() }.extra_size()
    }
}

/// Write-once cells: the content, once set.
macro_rules! once_cell {
    ($($cell:ident),*) => {$(
        // SAFETY: the content, once set, is traced; `get` only reads. Taking it out needs
        // `&mut` (exclusive access, see the `Cell` impl); while `get_or_init` runs its
        // closure the cell is still empty and the value being built is held by that code,
        // a root. (A `OnceLock` payload is only ever reached from its heap's thread.)
        unsafe impl<T: Trace> Trace for $cell<T> {
            const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
            fn trace(&self, tracer: &mut Tracer<'_>) {
                if let Some(value) = self.get() {
                    value.trace(tracer);
                }
            }
            fn extra_size(&self) -> usize {
                self.get().map_or(0, T::extra_size)
            }
        }
    )*};
}

once_cell!(OnceCell, OnceLock);

// SAFETY: owns nothing.
unsafe impl<T: ?Sized> Trace for std::marker::PhantomData<T> {
    const MAY_CONTAIN_GC: bool = false;
    fn trace(&self, _tracer: &mut Tracer<'_>) {}
}

/// Tuples: every field once.
macro_rules! tuple {
    ($($name:ident)+) => {
        // SAFETY: each owned field is traced once.
        unsafe impl<$($name: Trace),+> Trace for ($($name,)+) {
            const MAY_CONTAIN_GC: bool = false $(|| $name::MAY_CONTAIN_GC)+;
            const FIXED_EDGES: bool = true $(&& $name::FIXED_EDGES)+;
            const EDGES: Edges = Edges::Fixed $(.weakest($name::EDGES))+;
            #[allow(non_snake_case)]
            fn trace(&self, tracer: &mut Tracer<'_>) {
                let ($($name,)+) = self;
                $($name.trace(tracer);)+
            }
        }
    };
}

tuple!(A);
tuple!(A B);
tuple!(A B C);
tuple!(A B C D);
tuple!(A B C D E);
tuple!(A B C D E F);
tuple!(A B C D E F G);
tuple!(A B C D E F G H);
