//! The `str` type, as CPython's `Objects/unicodeobject.c`: its layout ([`layout`]: text and
//! hash behind one pointer), its slots ([`TYPE`]: length, indexing and slicing by code point,
//! `in`, iteration, repr, comparison, `+`, `*`) and its methods ([`methods`]).

pub mod layout;
mod methods;

pub use layout::{hash_text, is_printable, repr_str, PyStr};
pub use methods::{by_name, codec_arg};

use crate::compile::CmpOp;
use crate::objects::{Obj, PyRef};
use crate::vm::iter::seq_iter;
use crate::vm::slots::TypeSlots;
use crate::vm::{PyResult, Vm};

/// The str type's slots and methods.
pub static TYPE: TypeSlots = TypeSlots {
    name: "str",
    len: Some(len),
    subscript: Some(subscript),
    contains: Some(contains),
    iter: Some(seq_iter),
    repr: Some(repr),
    compare: Some(compare),
    concat: Some(concat),
    repeat: Some(repeat),
    methods: methods::METHODS,
    ..TypeSlots::EMPTY
};

/// The str's text; the slots are only ever called with a str.
fn text(obj: &PyRef) -> &PyStr {
    match &**obj {
        Obj::Str(s) => s,
        _ => unreachable!("a str slot called with another type"),
    }
}

fn len(_vm: &Vm, obj: &PyRef) -> PyResult<usize> {
    Ok(text(obj).char_len())
}

/// `s[i]` and `s[i:j:k]`, by code point.
fn subscript(vm: &Vm, obj: &PyRef, key: &PyRef) -> PyResult {
    let s = text(obj).as_str();
    if let Obj::Slice(slice) = &**key {
        let (start, stop, step) = vm.slice_indices(slice, text(obj).char_len())?;
        if step == 1 {
            // a plain `s[i:j]`: one copy of the bytes between the two boundaries
            let (start, stop) = (start as usize, (stop.max(start)) as usize);
            let at = |i: usize| text(obj).byte_offset(i);
            return vm.str(&s[at(start)..at(stop)]);
        }
        let chars: Vec<char> = s.chars().collect();
        let picked: String = vm
            .slice_positions(slice, chars.len())?
            .into_iter()
            .map(|i| chars[i])
            .collect();
        return vm.str(picked);
    }
    let Some(i) = vm.index_int(key)? else {
        return Err(vm.type_error(format!(
            "string indices must be integers, not '{}'",
            vm.type_name(key)
        )));
    };
    let i = vm.seq_position(i, text(obj).char_len(), "string")?;
    let at = text(obj).byte_offset(i);
    let width = s[at..].chars().next().map_or(0, char::len_utf8);
    vm.str(&s[at..at + width])
}

fn contains(vm: &Vm, obj: &PyRef, item: &PyRef) -> PyResult<bool> {
    match &**item {
        Obj::Str(sub) => Ok(text(obj).as_str().contains(sub.as_str())),
        _ => Err(vm.type_error(format!(
            "'in <string>' requires string as left operand, not {}",
            vm.type_name(item)
        ))),
    }
}

fn repr(_vm: &Vm, obj: &PyRef) -> PyResult<String> {
    Ok(repr_str(text(obj).as_str()))
}

fn compare(_vm: &Vm, a: &PyRef, b: &PyRef, op: CmpOp) -> PyResult<Option<bool>> {
    let Obj::Str(other) = &**b else {
        return Ok(None);
    };
    let order = text(a).as_str().cmp(other.as_str());
    Ok(Some(op.holds(order)))
}

fn concat(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult<Option<PyRef>> {
    let Obj::Str(other) = &**b else {
        return Ok(None);
    };
    let (x, y) = (text(a).as_str(), other.as_str());
    let mut joined = vm.string_with_capacity(x.len() + y.len())?;
    joined.push_str(x);
    joined.push_str(y);
    vm.str(joined).map(Some)
}

fn repeat(vm: &Vm, obj: &PyRef, n: usize) -> PyResult {
    vm.str(vm.repeat_str(text(obj).as_str(), n)?)
}
