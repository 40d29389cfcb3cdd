//! State of the built-in iterators (and dict views).

use super::PyRef;
use crate::rt::Tracer;

/// What a dict view or dict iterator yields.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DictPart {
    /// Keys.
    Keys,
    /// Values.
    Values,
    /// (key, value) tuples.
    Items,
}

/// What an exhausted iterator pickles as (CPython's: `iter([])` for a list's, `iter("")` for a
/// str's, `iter(())` for the others).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Emptied {
    /// `iter(())`.
    Tuple,
    /// `iter([])`.
    List,
    /// `iter("")`.
    Str,
}

/// A built-in iterator.
pub enum IterState {
    /// Over a list, tuple, bytes or str (by index / byte offset).
    Seq {
        /// The sequence.
        seq: PyRef,
        /// Next index (byte offset for str).
        pos: usize,
    },
    /// Over a list backwards.
    Reversed {
        /// The sequence.
        seq: PyRef,
        /// One past the next index.
        pos: usize,
    },
    /// Over a range whose items fit in 64 bits.
    Range {
        /// The first item (a pickle counts positions from it).
        start: i64,
        /// Next value.
        next: i64,
        /// Bound (excluded).
        stop: i64,
        /// Step (never 0).
        step: i64,
    },
    /// Over a range with items past 64 bits (CPython's `longrange_iterator`).
    BigRange(Box<crate::objects::range::value::BigRangeIter>),
    /// Over a dict or set.
    Table {
        /// The dict or set.
        table: PyRef,
        /// Next entry position.
        pos: usize,
        /// What to yield.
        part: DictPart,
        /// Size at the start (a change is an error).
        len: usize,
    },
    /// A dict view (`keys()`, `values()`, `items()`); iterable, not an iterator.
    View {
        /// The dict.
        dict: PyRef,
        /// What it shows.
        part: DictPart,
    },
    /// `enumerate`.
    Enumerate {
        /// The wrapped iterator.
        inner: PyRef,
        /// Next count (wide enough to count on past the i64 fast path).
        count: i128,
    },
    /// `zip`.
    Zip(Vec<PyRef>),
    /// `map`.
    Map {
        /// The function.
        func: PyRef,
        /// One iterator per argument.
        inners: Vec<PyRef>,
    },
    /// `filter`.
    Filter {
        /// The predicate (None: truthiness).
        func: PyRef,
        /// The wrapped iterator.
        inner: PyRef,
    },
    /// Calls `__getitem__` with 0, 1, 2... until IndexError.
    GetItem {
        /// The object with `__getitem__`.
        obj: PyRef,
        /// Next index.
        pos: i64,
    },
    /// `iter(callable, sentinel)`: calls `func()` until it returns `sentinel`.
    Callable {
        /// The callable.
        func: PyRef,
        /// The value that ends the iteration.
        sentinel: PyRef,
    },
    /// A coroutine's `__await__()` or an async generator's `asend`/`athrow`/`aclose`.
    Await(Box<super::frame::AwaitIter>),
    /// Finished: the iterable let go of, what a pickle rebuilds it from kept.
    Done(Emptied),
}

impl IterState {
    /// Visits what the iterator holds.
    pub fn trace(&self, tracer: &mut Tracer<'_>) {
        match self {
            IterState::Seq { seq, .. } | IterState::Reversed { seq, .. } => tracer.visit(seq),
            IterState::Table { table, .. } => tracer.visit(table),
            IterState::View { dict, .. } => tracer.visit(dict),
            IterState::Enumerate { inner, .. } => tracer.visit(inner),
            IterState::Zip(inners) => inners.iter().for_each(|i| tracer.visit(i)),
            IterState::Map { func, inners } => {
                tracer.visit(func);
                inners.iter().for_each(|i| tracer.visit(i));
            }
            IterState::Filter { func, inner } => {
                tracer.visit(func);
                tracer.visit(inner);
            }
            IterState::GetItem { obj, .. } => tracer.visit(obj),
            IterState::Callable { func, sentinel } => {
                tracer.visit(func);
                tracer.visit(sentinel);
            }
            IterState::Await(a) => {
                tracer.visit(&a.target);
                if let Some(arg) = &a.arg {
                    tracer.visit(arg);
                }
            }
            IterState::Range { .. } | IterState::BigRange(_) | IterState::Done(_) => {}
        }
    }
}
