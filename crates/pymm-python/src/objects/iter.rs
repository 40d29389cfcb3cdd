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

/// A built-in iterator.
pub enum IterState {
    /// Over a list, tuple, bytes or str (by index / byte offset).
    Seq { seq: PyRef, pos: usize },
    /// Over a list backwards.
    Reversed { seq: PyRef, pos: usize },
    /// Over a range.
    Range { next: i64, stop: i64, step: i64 },
    /// Over a dict or set.
    Table {
        table: PyRef,
        pos: usize,
        part: DictPart,
        len: usize,
    },
    /// A dict view (`keys()`, `values()`, `items()`); iterable, not an iterator.
    View { dict: PyRef, part: DictPart },
    /// `enumerate`.
    Enumerate { inner: PyRef, count: i64 },
    /// `zip`.
    Zip(Vec<PyRef>),
    /// `map`.
    Map { func: PyRef, inners: Vec<PyRef> },
    /// `filter`.
    Filter { func: PyRef, inner: PyRef },
    /// Calls `__getitem__` with 0, 1, 2... until IndexError.
    GetItem { obj: PyRef, pos: i64 },
    /// Finished.
    Done,
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
            IterState::Range { .. } | IterState::Done => {}
        }
    }
}
