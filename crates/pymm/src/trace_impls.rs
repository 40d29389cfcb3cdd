//! [`Trace`] for the standard library's types.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

use crate::any::GcAny;
use crate::gc::Gc;
use crate::trace::{Trace, Tracer};

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
    &'static str,
    std::num::NonZeroUsize,
    std::time::Duration,
    std::path::PathBuf,
    std::ffi::OsString,
    std::any::TypeId,
);

// SAFETY: owns no handle, visits none.
unsafe impl Trace for String {
    const MAY_CONTAIN_GC: bool = false;
    fn trace(&self, _tracer: &mut Tracer<'_>) {}
    fn extra_size(&self) -> usize {
        self.capacity()
    }
}

// SAFETY: visits the one handle it owns.
unsafe impl<T> Trace for Gc<T> {
    #[inline]
    fn trace(&self, tracer: &mut Tracer<'_>) {
        tracer.visit(self);
    }
}

// SAFETY: visits the one handle it owns.
unsafe impl Trace for GcAny {
    #[inline]
    fn trace(&self, tracer: &mut Tracer<'_>) {
        tracer.visit_any(self);
    }
}

// SAFETY: forwards to the one value it owns.
unsafe impl<T: Trace> Trace for Box<T> {
    const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
    #[inline]
    fn trace(&self, tracer: &mut Tracer<'_>) {
        (**self).trace(tracer);
    }
    fn extra_size(&self) -> usize {
        std::mem::size_of::<T>() + (**self).extra_size()
    }
}

// SAFETY: forwards to the value it owns, if any.
unsafe impl<T: Trace> Trace for Option<T> {
    const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
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
    fn trace(&self, tracer: &mut Tracer<'_>) {
        match self {
            Ok(v) => v.trace(tracer),
            Err(e) => e.trace(tracer),
        }
    }
}

/// Sequences: every element once; the buffer counts for `getsizeof`.
macro_rules! sequence {
    ($($coll:ident),*) => {$(
        // SAFETY: each owned element is traced once.
        unsafe impl<T: Trace> Trace for $coll<T> {
            const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
            fn trace(&self, tracer: &mut Tracer<'_>) {
                if T::MAY_CONTAIN_GC {
                    for item in self {
                        item.trace(tracer);
                    }
                }
            }
            fn extra_size(&self) -> usize {
                self.capacity() * std::mem::size_of::<T>()
            }
        }
    )*};
}

sequence!(Vec, VecDeque);

// SAFETY: each owned element is traced once.
unsafe impl<T: Trace, S> Trace for HashSet<T, S> {
    const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
    fn trace(&self, tracer: &mut Tracer<'_>) {
        if T::MAY_CONTAIN_GC {
            self.iter().for_each(|item| item.trace(tracer));
        }
    }
    fn extra_size(&self) -> usize {
        self.capacity() * std::mem::size_of::<T>()
    }
}

// SAFETY: each owned element is traced once.
unsafe impl<T: Trace> Trace for BTreeSet<T> {
    const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
    fn trace(&self, tracer: &mut Tracer<'_>) {
        if T::MAY_CONTAIN_GC {
            self.iter().for_each(|item| item.trace(tracer));
        }
    }
    fn extra_size(&self) -> usize {
        self.len() * std::mem::size_of::<T>()
    }
}

// SAFETY: each owned key and value is traced once.
unsafe impl<K: Trace, V: Trace, S> Trace for HashMap<K, V, S> {
    const MAY_CONTAIN_GC: bool = K::MAY_CONTAIN_GC || V::MAY_CONTAIN_GC;
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

// SAFETY: each owned element is traced once.
unsafe impl<T: Trace, const N: usize> Trace for [T; N] {
    const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
    fn trace(&self, tracer: &mut Tracer<'_>) {
        if T::MAY_CONTAIN_GC {
            self.iter().for_each(|item| item.trace(tracer));
        }
    }
}

// SAFETY: the content is traced when it can be read; a mutably borrowed cell is reported
// busy, which keeps the traced object (and the content's handles, left unsubtracted) alive.
unsafe impl<T: Trace> Trace for RefCell<T> {
    const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
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

// SAFETY: a copy of the content is traced (a `Copy` type owns no handle, as `Gc` is not
// `Copy`; the copy is forgotten by value semantics, not dropped with effects).
unsafe impl<T: Trace + Copy> Trace for Cell<T> {
    const MAY_CONTAIN_GC: bool = T::MAY_CONTAIN_GC;
    fn trace(&self, tracer: &mut Tracer<'_>) {
        self.get().trace(tracer);
    }
}

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
