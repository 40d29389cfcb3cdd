//! `_iobuf`: the buffer work of `io.BytesIO` (CPython does it in C, `Modules/_io/bytesio.c`).
//! `io.py`'s BytesIO keeps its bytes in a bytearray and its position in an int; these
//! functions read and write that bytearray in place, so a write costs the bytes written (plus
//! an amortized grow), never a copy of the whole stream as a `bytes` value would.

use std::cell::RefCell;

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("write_at", write_at),
    BuiltinFn::new("read_at", read_at),
    BuiltinFn::new("readline_at", readline_at),
];

/// The bytearray a BytesIO keeps (always one: `io.py` makes it).
fn buffer<'a>(vm: &Vm, obj: &'a PyRef) -> PyResult<&'a RefCell<Vec<u8>>> {
    match &**obj {
        Obj::ByteArray(b) => Ok(b),
        _ => Err(vm.type_error("a BytesIO buffer must be a bytearray")),
    }
}

/// A non-negative position or size argument (`io.py` passes ints it has checked).
fn position(vm: &Vm, obj: &PyRef) -> PyResult<usize> {
    let i = vm.index_value(obj, "position")?;
    usize::try_from(i).map_err(|_| vm.value_error(format!("negative position {i}")))
}

/// `write_at(buffer, pos, data) -> len(data)`: stores `data` at `pos`, overwriting what is
/// there and growing the buffer as needed; a gap past the end is filled with zero bytes, as
/// BytesIO does after a seek beyond the end.
fn write_at(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "write_at", 3, 3, &[])?;
    let pos = position(vm, &a.pos[1])?;
    let data = match &*a.pos[2] {
        Obj::Bytes(b) => b.to_vec(),
        Obj::ByteArray(b) => b.borrow().clone(),
        _ => {
            return Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(&a.pos[2])
            )))
        }
    };
    let mut buf = buffer(vm, &a.pos[0])?.borrow_mut();
    let end = pos + data.len();
    if !data.is_empty() {
        if buf.len() < end {
            buf.resize(end, 0);
        }
        buf[pos..end].copy_from_slice(&data);
    }
    vm.new_int(data.len() as i64)
}

/// `read_at(buffer, pos, size) -> bytes`: up to `size` bytes from `pos` (to the end when
/// `size` is negative).
fn read_at(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "read_at", 3, 3, &[])?;
    let pos = position(vm, &a.pos[1])?;
    let size = vm.index_value(&a.pos[2], "size")?;
    let buf = buffer(vm, &a.pos[0])?.borrow();
    let start = pos.min(buf.len());
    let end = match usize::try_from(size) {
        Ok(size) => start.saturating_add(size).min(buf.len()),
        Err(_) => buf.len(),
    };
    Ok(vm.bytes(&buf[start..end]))
}

/// `readline_at(buffer, pos, size) -> bytes`: the bytes from `pos` through the next `\n`
/// (or to the end), at most `size` of them when `size` is not negative.
fn readline_at(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "readline_at", 3, 3, &[])?;
    let pos = position(vm, &a.pos[1])?;
    let size = vm.index_value(&a.pos[2], "size")?;
    let buf = buffer(vm, &a.pos[0])?.borrow();
    let start = pos.min(buf.len());
    let mut end = buf[start..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(buf.len(), |i| start + i + 1);
    if let Ok(size) = usize::try_from(size) {
        end = end.min(start.saturating_add(size));
    }
    Ok(vm.bytes(&buf[start..end]))
}

/// Creates the module.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("_iobuf")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}
