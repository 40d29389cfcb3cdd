//! `bytes.find`, `rfind`, `index`, `rindex` and `count` searched in the bytes themselves, as
//! CPython's `stringlib` does (`bytes_find_internal`): a sub-sequence that is bytes-like or
//! an int standing for one byte, and a window `[start:end]` with slice rules. memchr's
//! searchers do the scanning; nothing is copied but the needle.

use super::layout::bytes_like;
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::Args;
use crate::vm::{Exc, PyResult, Vm};

/// Which search a method does.
#[derive(Clone, Copy)]
enum Search {
    First,
    Last,
}

/// `b.find(sub[, start[, end]])`: the first position, or -1.
pub(crate) fn find(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.new_int(position(vm, &a, "find", Search::First)?.map_or(-1, |p| p as i64))
}

/// `b.rfind(sub[, start[, end]])`: the last position, or -1.
pub(crate) fn rfind(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.new_int(position(vm, &a, "rfind", Search::Last)?.map_or(-1, |p| p as i64))
}

/// `b.index(sub[, start[, end]])`: as `find`, ValueError when absent.
pub(crate) fn index(vm: &Vm, a: Args<'_>) -> PyResult {
    match position(vm, &a, "index", Search::First)? {
        Some(p) => vm.new_int(p as i64),
        None => Err(vm.new_exc(Exc::ValueError, "subsection not found")),
    }
}

/// `b.rindex(sub[, start[, end]])`: as `rfind`, ValueError when absent.
pub(crate) fn rindex(vm: &Vm, a: Args<'_>) -> PyResult {
    match position(vm, &a, "rindex", Search::Last)? {
        Some(p) => vm.new_int(p as i64),
        None => Err(vm.new_exc(Exc::ValueError, "subsection not found")),
    }
}

/// `b.count(sub[, start[, end]])`: non-overlapping occurrences; an empty `sub` is found
/// between every two bytes and at both ends.
pub(crate) fn count(vm: &Vm, a: Args<'_>) -> PyResult {
    let Operands {
        window: haystack,
        needle,
        ..
    } = operands(vm, &a, "count")?;
    let Some(haystack) = haystack else {
        return vm.new_int(0);
    };
    let n = if needle.is_empty() {
        haystack.len() + 1
    } else {
        memchr::memmem::find_iter(haystack, &needle)
            .fold((0, 0), |(n, next), at| {
                // `find_iter` reports overlapping matches: keep those past the last one counted
                if at >= next {
                    (n + 1, at + needle.len())
                } else {
                    (n, next)
                }
            })
            .0
    };
    vm.new_int(n as i64)
}

/// The position in the whole bytes of the first or last `sub` inside the window.
fn position(vm: &Vm, a: &Args<'_>, name: &str, search: Search) -> PyResult<Option<usize>> {
    let Operands {
        window: haystack,
        needle,
        start,
    } = operands(vm, a, name)?;
    let Some(haystack) = haystack else {
        return Ok(None);
    };
    let found = match (search, needle.as_slice()) {
        (Search::First, [byte]) => memchr::memchr(*byte, haystack),
        (Search::Last, [byte]) => memchr::memrchr(*byte, haystack),
        (Search::First, needle) => memchr::memmem::find(haystack, needle),
        (Search::Last, needle) => memchr::memmem::rfind(haystack, needle),
    };
    Ok(found.map(|p| p + start))
}

/// What a search looks in and for.
struct Operands<'a> {
    /// The part of the bytes searched; None when `start` lies past `end`.
    window: Option<&'a [u8]>,
    /// The sub-sequence looked for.
    needle: Vec<u8>,
    /// Where the window starts in the bytes.
    start: usize,
}

/// The window of the bytes to search, the needle, and the window's start.
fn operands<'a>(vm: &Vm, a: &Args<'a>, name: &str) -> PyResult<Operands<'a>> {
    arity(vm, a, name)?;
    let data: &'a [u8] = match &*a.pos[0] {
        Obj::Bytes(b) => b,
        _ => return Err(vm.type_error(format!("descriptor '{name}' requires a 'bytes' object"))),
    };
    let needle = needle(vm, &a.pos[1])?;
    let len = data.len() as i64;
    let start = bound(vm, a.pos.get(2), 0, len)?;
    let end = bound(vm, a.pos.get(3), len, len)?.min(len);
    if start > end {
        return Ok(Operands {
            window: None,
            needle,
            start: 0,
        });
    }
    let (start, end) = (start as usize, end as usize);
    Ok(Operands {
        window: Some(&data[start..end]),
        needle,
        start,
    })
}

/// One to three arguments after the receiver, none by keyword, in CPython's words.
fn arity(vm: &Vm, a: &Args<'_>, name: &str) -> PyResult<()> {
    if !a.kwnames.is_empty() {
        return Err(vm.type_error(format!("bytes.{name}() takes no keyword arguments")));
    }
    match a.pos.len().saturating_sub(1) {
        0 => Err(vm.type_error(format!("{name}() takes at least 1 argument (0 given)"))),
        given @ 4.. => Err(vm.type_error(format!(
            "{name}() takes at most 3 arguments ({given} given)"
        ))),
        _ => Ok(()),
    }
}

/// A bytes-like needle, or an int in range(256) for a single byte.
fn needle(vm: &Vm, arg: &PyRef) -> PyResult<Vec<u8>> {
    if let Some(bytes) = bytes_like(arg) {
        return Ok(bytes);
    }
    let Some(value) = vm.index_int(arg)? else {
        return Err(vm.type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            vm.type_name(arg)
        )));
    };
    match u8::try_from(value) {
        Ok(byte) => Ok(vec![byte]),
        Err(_) => Err(vm.value_error("byte must be in range(0, 256)")),
    }
}

/// A window bound as `ADJUST_INDICES` reads it: None is the default, a negative one counts
/// from the end (0 at least), and an end past the bytes is their length; a start past them
/// stays there, so that even an empty needle is not found.
fn bound(vm: &Vm, arg: Option<&PyRef>, default: i64, len: i64) -> PyResult<i64> {
    let Some(arg) = arg.filter(|v| !vm.is_none(v)) else {
        return Ok(default);
    };
    let Some(i) = vm.index_int(arg)? else {
        return Err(
            vm.type_error("slice indices must be integers or None or have an __index__ method")
        );
    };
    Ok(if i < 0 { (i + len).max(0) } else { i })
}
