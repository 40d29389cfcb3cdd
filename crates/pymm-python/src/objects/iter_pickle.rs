//! Pickling the built-in iterators: `__reduce__` and `__setstate__` of the `iterator` type,
//! as CPython's `listiter_reduce`, `tupleiter_reduce`, `unicodeiter_reduce`,
//! `rangeiter_reduce`, `iter_reduce` (the `__getitem__` iterator), `calliter_reduce` and
//! `dictiter_reduce`: a call of a built-in that makes an iterator over the same items, and
//! the position `__setstate__` restores.

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

use crate::objects::iter::{DictPart, Emptied, IterState};
use crate::objects::range::value::new_range;
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::compare::{range_item, range_len};
use crate::vm::{Exc, PyResult, Vm};

/// The `iterator` type's pickling methods.
pub static METHODS: &[BuiltinFn] = &[
    BuiltinFn::new("__reduce__", reduce).args(0, 0),
    BuiltinFn::new("__setstate__", setstate).args(1, 1),
];

/// The iterator's state cell (the receiver may be an instance of a subclass).
fn state_of<'a>(vm: &Vm, it: &'a PyRef) -> PyResult<&'a std::cell::RefCell<IterState>> {
    match &**vm.builtin_receiver(it) {
        Obj::Iter(state) => Ok(state),
        _ => Err(vm.type_error("descriptor requires an 'iterator' object")),
    }
}

/// The function `builtins.name`, read when the reduction is made (as CPython, which reads it
/// before the iterator's state: the lookup may run code that advances the iterator).
fn builtin(vm: &Vm, name: &str) -> PyResult {
    match vm.get_item(&vm.builtins, &vm.intern(name)) {
        Err(err) if vm.exc_matches(&err.0, Exc::KeyError) => {
            Err(vm.new_exc(Exc::AttributeError, name))
        }
        found => found,
    }
}

/// `(func, args)` or `(func, args, index)`.
fn reduction(vm: &Vm, func: PyRef, args: Vec<PyRef>, index: Option<i64>) -> PyResult {
    let mut parts = vec![func, vm.new_tuple(args)?];
    if let Some(index) = index {
        parts.push(vm.new_int(index)?);
    }
    vm.new_tuple(parts)
}

fn reduce(vm: &Vm, a: Args<'_>) -> PyResult {
    let state = state_of(vm, &a.pos[0])?;
    let name = match &*state.borrow() {
        IterState::Reversed { .. } => "reversed",
        IterState::Zip(_) => "zip",
        IterState::Map { .. } => "map",
        IterState::Filter { .. } => "filter",
        _ => "iter",
    };
    let func = builtin(vm, name)?;
    let s = state.borrow();
    match &*s {
        IterState::Seq { seq, pos } => {
            let index = match &**seq {
                // a str iterator keeps a byte offset; pickles count characters
                Obj::Str(text) => text.as_str()[..*pos].chars().count(),
                _ => *pos,
            };
            let seq = seq.clone();
            drop(s);
            reduction(vm, func, vec![seq], Some(index as i64))
        }
        IterState::Reversed { seq, pos } => {
            let (seq, index) = (seq.clone(), *pos as i64 - 1);
            drop(s);
            reduction(vm, func, vec![seq], Some(index))
        }
        // the range from the first item, and how many items were given (all of them once
        // exhausted: the next value may have stopped at the 64-bit limits)
        IterState::Range {
            start,
            next,
            stop,
            step,
        } => {
            let (start, stop, step) = (*start, *stop, *step);
            let len = range_len(start, stop, step);
            let given = if range_len(*next, stop, step) == 0 {
                len
            } else {
                ((*next as i128 - start as i128) / step as i128) as u128
            };
            drop(s);
            let range = vm.alloc(Obj::Range(Box::new([start, stop, step])))?;
            let args = vm.new_tuple(vec![range])?;
            vm.new_tuple(vec![func, args, vm.new_bigint(BigInt::from(given))?])
        }
        IterState::BigRange(r) => {
            let (bounds, index) = (r.bounds(), r.index.clone());
            drop(s);
            let args = vm.new_tuple(vec![new_range(vm, bounds)?])?;
            vm.new_tuple(vec![func, args, vm.new_bigint(index)?])
        }
        IterState::Table {
            table, pos, part, ..
        } => {
            // the items still to come, in a list (CPython's dict and set iterators too)
            let (table, pos, part) = (table.clone(), *pos, *part);
            drop(s);
            let remaining = remaining_items(vm, &table, pos, part)?;
            reduction(vm, func, vec![vm.list(remaining)?], None)
        }
        IterState::GetItem { obj, pos } => {
            let (obj, pos) = (obj.clone(), *pos);
            drop(s);
            reduction(vm, func, vec![obj], Some(pos))
        }
        IterState::Callable { func: f, sentinel } => {
            let args = vec![f.clone(), sentinel.clone()];
            drop(s);
            reduction(vm, func, args, None)
        }
        IterState::Zip(inners) => {
            let args = inners.clone();
            drop(s);
            reduction(vm, func, args, None)
        }
        IterState::Map { func: f, inners } => {
            let mut args = vec![f.clone()];
            args.extend(inners.iter().cloned());
            drop(s);
            reduction(vm, func, args, None)
        }
        IterState::Filter { func: f, inner } => {
            let args = vec![f.clone(), inner.clone()];
            drop(s);
            reduction(vm, func, args, None)
        }
        // exhausted: an iterator over nothing
        IterState::Done(emptied) => {
            let emptied = *emptied;
            drop(s);
            let func = builtin(vm, "iter")?;
            let empty = match emptied {
                Emptied::Tuple => vm.new_tuple(Vec::new())?,
                Emptied::List => vm.list(Vec::new())?,
                Emptied::Str => vm.str("")?,
            };
            reduction(vm, func, vec![empty], None)
        }
        IterState::Enumerate { .. } | IterState::View { .. } | IterState::Await(_) => {
            let name = vm.type_name(&a.pos[0]);
            Err(vm.type_error(format!("cannot pickle '{name}' object")))
        }
    }
}

/// The dict's or set's entries from `pos` on, as `part` shows them.
fn remaining_items(vm: &Vm, table: &PyRef, pos: usize, part: DictPart) -> PyResult<Vec<PyRef>> {
    let mut entries = Vec::new();
    {
        let tbl = vm.table_of(table)?.borrow();
        let mut at = pos;
        while let Some((found, entry)) = tbl.next_from(at) {
            entries.push((entry.key.clone(), entry.value.clone()));
            at = found + 1;
        }
    }
    entries
        .into_iter()
        .map(|(k, v)| match part {
            DictPart::Keys => Ok(k),
            DictPart::Values => Ok(v),
            DictPart::Items => vm.new_tuple(vec![k, v]),
        })
        .collect()
}

/// `__setstate__(index)`: the position a pickle saved, clamped to the sequence.
fn setstate(vm: &Vm, a: Args<'_>) -> PyResult {
    let state = state_of(vm, &a.pos[0])?;
    let Some(big_index) = vm.index_big(&a.pos[1])? else {
        return Err(vm.not_an_integer(&a.pos[1]));
    };
    let mut s = state.borrow_mut();
    // the ranges' positions are of any size; the sequences' fit in 64 bits
    match &mut *s {
        IterState::BigRange(r) => {
            r.set_index(big_index);
            return Ok(vm.none());
        }
        IterState::Range {
            start,
            next,
            stop,
            step,
        } => {
            let len = range_len(*start, *stop, *step);
            let index = big_index.clamp(BigInt::zero(), BigInt::from(len));
            *next = match index.to_u128().filter(|i| *i < len) {
                Some(i) => range_item(*start, *step, i),
                None => *stop,
            };
            return Ok(vm.none());
        }
        _ => {}
    }
    let Some(index) = big_index.to_i64() else {
        return Err(vm.new_exc(
            Exc::OverflowError,
            "Python int too large to convert to C ssize_t",
        ));
    };
    match &mut *s {
        IterState::Seq { seq, pos } => {
            let index = index.max(0) as usize;
            *pos = match &**seq {
                Obj::Str(text) => {
                    let text = text.as_str();
                    text.char_indices()
                        .nth(index)
                        .map_or(text.len(), |(at, _)| at)
                }
                other => index.min(seq_len(other)),
            };
        }
        IterState::Reversed { seq, pos } => {
            let len = seq_len(seq) as i64;
            *pos = (index.clamp(-1, len - 1) + 1) as usize;
        }
        IterState::GetItem { pos, .. } => *pos = index.max(0),
        IterState::Done(_) => {}
        _ => {
            drop(s);
            // CPython's dict, set, zip, map and filter iterators have no `__setstate__`
            return Err(vm.new_exc(
                Exc::AttributeError,
                format!(
                    "'{}' object has no attribute '__setstate__'",
                    vm.type_name(&a.pos[0])
                ),
            ));
        }
    }
    Ok(vm.none())
}

/// The length of a sequence a built-in iterator walks by index.
fn seq_len(seq: &Obj) -> usize {
    match seq {
        Obj::List(l) => l.borrow().len(),
        Obj::Tuple(t) => t.len(),
        Obj::Bytes(b) => b.len(),
        Obj::ByteArray(b) => b.borrow().len(),
        _ => 0,
    }
}
