//! The `memoryview` type, as CPython's `Objects/memoryobject.c` for the one-dimensional
//! views of a `bytes` or `bytearray` in the native `struct` formats ([`format`]): indexing,
//! slicing (a slice is a view of the same memory), writing through a view of a bytearray,
//! `tobytes`/`tolist`/`hex`, `cast` from or to a one-byte format, `release` and the context
//! manager, comparison and (for read-only views of one-byte formats) hashing.
//!
//! A view holds its exporter (so it is a container for the collector) and where its items
//! sit in it: first byte, step and count. CPython forbids resizing a bytearray while a view
//! of it exists; pymm's bytearray has no export count, so a view that finds its items past
//! a shrunk bytearray's end raises instead of reading them.

mod format;
pub mod layout;

use std::cell::RefCell;

use super::bytes::bytes_like;
use crate::compile::CmpOp;
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::slots::TypeSlots;
use crate::vm::{Exc, PyResult, Vm};
pub use layout::MemoryViewObj;

/// The memoryview type's slots and methods.
pub static TYPE: TypeSlots = TypeSlots {
    name: "memoryview",
    len: Some(len),
    subscript: Some(subscript),
    ass_subscript: Some(ass_subscript),
    iter: Some(iter),
    repr: Some(repr),
    compare: Some(compare),
    hash: Some(hash),
    methods: METHODS,
    ..TypeSlots::EMPTY
};

/// The payload; the slots are only ever called with a memoryview.
fn view(obj: &PyRef) -> &MemoryViewObj {
    match &**obj {
        Obj::MemoryView(v) => v,
        _ => unreachable!("a memoryview slot called with another type"),
    }
}

fn released(vm: &Vm) -> crate::vm::PyErr {
    vm.value_error("operation forbidden on released memoryview object")
}

/// The viewed bytes, or CPython's error for a released view.
fn contents(vm: &Vm, v: &MemoryViewObj) -> PyResult<Vec<u8>> {
    live(vm, v)?;
    v.read()
        .ok_or_else(|| vm.value_error("memoryview: the bytearray it views was resized"))
}

/// The exporter, or CPython's error for a released view (every operation but `release`
/// and comparison checks it; asked again after any call that may run Python code).
fn exporter(vm: &Vm, v: &MemoryViewObj) -> PyResult<PyRef> {
    v.base.borrow().clone().ok_or_else(|| released(vm))
}

fn live(vm: &Vm, v: &MemoryViewObj) -> PyResult<()> {
    exporter(vm, v).map(drop)
}

/// Item `i` of a view's bytes (as [`contents`] reads them) as Python sees it.
fn item(vm: &Vm, v: &MemoryViewObj, data: &[u8], i: usize) -> PyResult {
    format::unpack(v.format, item_bytes(v, data, i)).to_object(vm)
}

/// The bytes of item `i` among a view's bytes in view order.
fn item_bytes<'a>(v: &MemoryViewObj, data: &'a [u8], i: usize) -> &'a [u8] {
    let size = v.itemsize();
    &data[i * size..(i + 1) * size]
}

impl Vm {
    /// A new view of `base` (a bytes or bytearray).
    fn memoryview(&self, base: PyRef, view: MemoryViewObj) -> PyResult {
        if let Obj::ByteArray(b) = &*base {
            // undone by `release` or the view's drop (`MemoryViewObj`'s `Drop`)
            b.export();
        }
        let view = MemoryViewObj {
            base: RefCell::new(Some(base)),
            ..view
        };
        self.alloc(Obj::MemoryView(Box::new(view)))
    }
}

/// `memoryview(object)`: a view of a bytes, a bytearray or (sharing its exporter) another
/// view.
pub fn new(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "memoryview", 0, 1, &["object"])?;
    let Some(object) = a.get(0, "object") else {
        return Err(vm.type_error("memoryview() missing required argument 'object' (pos 1)"));
    };
    let value = vm.builtin_receiver(object);
    let (len, readonly) = match &**value {
        Obj::Bytes(b) => (b.len(), true),
        Obj::ByteArray(b) => (b.borrow().len(), false),
        Obj::MemoryView(v) => {
            let base = exporter(vm, v)?;
            return vm.memoryview(base, copy_of(v));
        }
        _ => {
            return Err(vm.type_error(format!(
                "memoryview: a bytes-like object is required, not '{}'",
                vm.type_name(object)
            )))
        }
    };
    let whole = MemoryViewObj {
        base: RefCell::new(None),
        start: 0,
        step: 1,
        len,
        format: b'B',
        readonly,
    };
    vm.memoryview(value.clone(), whole)
}

/// The geometry of `v`, without its exporter (filled in by [`Vm::memoryview`]).
fn copy_of(v: &MemoryViewObj) -> MemoryViewObj {
    MemoryViewObj {
        base: RefCell::new(None),
        start: v.start,
        step: v.step,
        len: v.len,
        format: v.format,
        readonly: v.readonly,
    }
}

fn len(vm: &Vm, obj: &PyRef) -> PyResult<usize> {
    let v = view(obj);
    live(vm, v)?;
    Ok(v.len)
}

fn subscript(vm: &Vm, obj: &PyRef, key: &PyRef) -> PyResult {
    let v = view(obj);
    live(vm, v)?;
    match &**key {
        Obj::Slice(s) => {
            let (start, _, step) = vm.slice_indices(s, v.len)?;
            let count = vm.slice_count(s, v.len)?;
            let first = if count == 0 {
                0
            } else {
                v.position(start as usize)
            };
            let mut sliced = copy_of(v);
            sliced.start = first;
            sliced.step = v.step * step as isize;
            sliced.len = count;
            let base = exporter(vm, v)?;
            vm.memoryview(base, sliced)
        }
        Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_) => {
            let i = item_index(vm, v, key)?;
            let data = contents(vm, v)?;
            item(vm, v, &data, i)
        }
        Obj::Tuple(t) => Err(vm.type_error(format!(
            "cannot index 1-dimension view with {}-element tuple",
            t.len()
        ))),
        _ => Err(vm.type_error("memoryview: invalid slice key")),
    }
}

/// An int key as an item number, with CPython's error past either end.
fn item_index(vm: &Vm, v: &MemoryViewObj, key: &PyRef) -> PyResult<usize> {
    let i = match key.as_i64() {
        Some(i) => i,
        None => return Err(vm.index_error("cannot fit 'int' into an index-sized integer")),
    };
    let j = if i < 0 { i + v.len as i64 } else { i };
    if j < 0 || j >= v.len as i64 {
        return Err(vm.index_error("index out of bounds on dimension 1"));
    }
    Ok(j as usize)
}

/// `view[key] = value`: an item, or a slice from a buffer of the same format and length.
fn ass_subscript(vm: &Vm, obj: &PyRef, key: &PyRef, value: Option<PyRef>) -> PyResult<()> {
    let v = view(obj);
    live(vm, v)?;
    if v.readonly {
        return Err(vm.type_error("cannot modify read-only memory"));
    }
    let Some(value) = value else {
        return Err(vm.type_error("cannot delete memory"));
    };
    let (positions, bytes) = match &**key {
        Obj::Slice(s) => {
            let positions = vm.slice_positions(s, v.len)?;
            (positions, slice_source(vm, v, &value)?)
        }
        Obj::Int(_) | Obj::Bool(_) | Obj::BigInt(_) => {
            let i = item_index(vm, v, key)?;
            (vec![i], format::pack(vm, v.format, &value)?)
        }
        _ => return Err(vm.type_error("memoryview: invalid slice key")),
    };
    let size = v.itemsize();
    if positions.len() * size != bytes.len() {
        return Err(different_structures(vm));
    }
    contents(vm, v)?; // released or resized: raise before writing
    let base = exporter(vm, v)?;
    let Obj::ByteArray(data) = &*base else {
        return Err(vm.type_error("cannot modify read-only memory"));
    };
    let mut data = data.borrow_mut();
    for (i, item) in positions.into_iter().zip(bytes.chunks(size)) {
        let at = v.position(i);
        data[at..at + size].copy_from_slice(item);
    }
    Ok(())
}

fn different_structures(vm: &Vm) -> crate::vm::PyErr {
    vm.value_error("memoryview assignment: lvalue and rvalue have different structures")
}

/// The bytes a slice assignment stores: a buffer whose format is the view's.
fn slice_source(vm: &Vm, v: &MemoryViewObj, value: &PyRef) -> PyResult<Vec<u8>> {
    let format = match &**value {
        Obj::MemoryView(other) => other.format,
        Obj::Bytes(_) | Obj::ByteArray(_) => b'B',
        _ => {
            return Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(value)
            )))
        }
    };
    if format != v.format {
        return Err(different_structures(vm));
    }
    match &**value {
        Obj::MemoryView(other) => contents(vm, other),
        _ => Ok(bytes_like(value).unwrap_or_default()),
    }
}

/// The items, as `tolist()` gives them.
fn items(vm: &Vm, v: &MemoryViewObj) -> PyResult<Vec<PyRef>> {
    let data = contents(vm, v)?;
    (0..v.len).map(|i| item(vm, v, &data, i)).collect()
}

fn iter(vm: &Vm, obj: &PyRef) -> PyResult {
    let list = vm.list(items(vm, view(obj))?)?;
    vm.get_iter(&list)
}

fn repr(vm: &Vm, obj: &PyRef) -> PyResult<String> {
    let state = if view(obj).base.borrow().is_some() {
        ""
    } else {
        "released "
    };
    Ok(format!("<{state}memory at {:#x}>", vm.addr(obj)))
}

/// `==` and `!=` only: equal when both unpack to the same items (a released view equals
/// itself alone); a bytes or bytearray reads as format `B`.
fn compare(vm: &Vm, a: &PyRef, b: &PyRef, op: CmpOp) -> PyResult<Option<bool>> {
    if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(None);
    }
    let Some(other) = unpacked(vm, b)? else {
        return Ok(None);
    };
    let Some(mine) = unpacked(vm, a)? else {
        return Ok(None);
    };
    let equal = match (mine, other) {
        (Some(x), Some(y)) => x == y,
        _ => crate::rt::Gc::ptr_eq(a, b),
    };
    Ok(Some(equal == matches!(op, CmpOp::Eq)))
}

/// The items of a buffer (`None` inside for a released view); `None` for other objects.
fn unpacked(vm: &Vm, obj: &PyRef) -> PyResult<Option<Option<Vec<format::Item>>>> {
    let (format, size, data) = match &**vm.builtin_receiver(obj) {
        Obj::MemoryView(v) if v.base.borrow().is_none() => return Ok(Some(None)),
        Obj::MemoryView(v) => (v.format, v.itemsize(), contents(vm, v)?),
        other => match bytes_like(other) {
            Some(data) => (b'B', 1, data),
            None => return Ok(None),
        },
    };
    let items = data.chunks(size).map(|b| format::unpack(format, b));
    Ok(Some(Some(items.collect())))
}

/// `hash(view)`: a read-only view hashes as the bytes it shows.
fn hash(vm: &Vm, obj: &PyRef) -> PyResult<i64> {
    let v = view(obj);
    live(vm, v)?;
    if !format::is_byte_format(v.format) {
        return Err(vm.value_error("memoryview: hashing is restricted to formats 'B', 'b' or 'c'"));
    }
    if v.readonly {
        let bytes = vm.bytes(contents(vm, v)?);
        return vm.hash(&bytes);
    }
    Err(vm.value_error("cannot hash writable memoryview object"))
}

/// The receiver of a method (an instance of a subclass cannot exist: memoryview is final).
fn receiver<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<&'a MemoryViewObj> {
    match a.pos.first().map(|v| &**v) {
        Some(Obj::MemoryView(v)) => Ok(v),
        _ => Err(vm.type_error("descriptor requires a 'memoryview' object")),
    }
}

fn tobytes(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "tobytes", 1, 2, &["order"])?;
    Ok(vm.bytes(contents(vm, receiver(vm, &a)?)?))
}

fn tolist(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.list(items(vm, receiver(vm, &a)?)?)
}

/// `view.hex(sep, bytes_per_sep)`: as `bytes.hex` on the viewed bytes.
fn hex(vm: &Vm, a: Args<'_>) -> PyResult {
    let bytes = vm.bytes(contents(vm, receiver(vm, &a)?)?);
    let method = vm.get_attr(&bytes, &vm.intern("hex"))?;
    vm.call_args(
        &method,
        Args {
            pos: &a.pos[1..],
            ..a
        },
    )
}

fn release(vm: &Vm, a: Args<'_>) -> PyResult {
    let base = receiver(vm, &a)?.base.borrow_mut().take();
    if let Some(Obj::ByteArray(b)) = base.as_deref() {
        b.unexport();
    }
    Ok(vm.none())
}

fn enter(vm: &Vm, a: Args<'_>) -> PyResult {
    live(vm, receiver(vm, &a)?)?;
    Ok(a.pos[0].clone())
}

fn toreadonly(vm: &Vm, a: Args<'_>) -> PyResult {
    let v = receiver(vm, &a)?;
    let base = exporter(vm, v)?;
    let mut readonly = copy_of(v);
    readonly.readonly = true;
    vm.memoryview(base, readonly)
}

/// `view.cast(format, shape)`: of a contiguous view, from or to a one-byte format; a
/// shape, when given, must be the new view's own one dimension.
fn cast(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "cast", 2, 3, &["format", "shape"])?;
    let v = receiver(vm, &a)?;
    live(vm, v)?;
    let Some(format) = a.get(1, "format").and_then(|f| f.as_str()) else {
        return Err(vm.type_error("memoryview: format argument must be a string"));
    };
    if v.step != v.itemsize() as isize && v.len > 1 {
        return Err(vm.type_error("memoryview: casts are restricted to C-contiguous views"));
    }
    let format = match format.strip_prefix('@').unwrap_or(format).as_bytes() {
        [f] if format::FORMATS.as_bytes().contains(f) => *f,
        _ => {
            return Err(vm.value_error(
                "memoryview: destination format must be a native single character format \
                 prefixed with an optional '@'",
            ))
        }
    };
    if !format::is_byte_format(format) && !format::is_byte_format(v.format) {
        return Err(vm.type_error("memoryview: cannot cast between two non-byte formats"));
    }
    let nbytes = v.len * v.itemsize();
    let size = format::itemsize(format);
    if nbytes % size != 0 {
        return Err(vm.type_error("memoryview: length is not a multiple of itemsize"));
    }
    if let Some(shape) = a.get(2, "shape") {
        if !matches!(&**shape, Obj::List(_) | Obj::Tuple(_)) {
            return Err(vm.type_error("shape must be a list or a tuple"));
        }
        let dims = vm.collect(shape)?;
        if dims.len() != 1 || dims[0].as_i64() != Some((nbytes / size) as i64) {
            return Err(vm.new_exc(
                Exc::NotImplementedError,
                "memoryview: pymm casts only to a one-dimensional shape of the same length",
            ));
        }
    }
    let base = exporter(vm, v)?;
    let mut cast = copy_of(v);
    cast.format = format;
    cast.step = size as isize;
    cast.len = nbytes / size;
    vm.memoryview(base, cast)
}

/// The view's methods; its special methods as attributes run the slots.
static METHODS: &[BuiltinFn] = &[
    BuiltinFn::new("tobytes", tobytes),
    BuiltinFn::new("tolist", tolist).args(0, 0),
    BuiltinFn::new("hex", hex),
    BuiltinFn::new("release", release).args(0, 0),
    BuiltinFn::new("cast", cast),
    BuiltinFn::new("toreadonly", toreadonly).args(0, 0),
    BuiltinFn::new("__enter__", enter).args(0, 0),
    BuiltinFn::new("__exit__", release),
    BuiltinFn::new("__len__", |vm, a| vm.new_int(len(vm, &a.pos[0])? as i64)).args(0, 0),
    BuiltinFn::new("__getitem__", |vm, a| subscript(vm, &a.pos[0], &a.pos[1])).args(1, 1),
    BuiltinFn::new("__setitem__", |vm, a| {
        ass_subscript(vm, &a.pos[0], &a.pos[1], Some(a.pos[2].clone()))?;
        Ok(vm.none())
    })
    .args(2, 2),
    BuiltinFn::new("__delitem__", |vm, a| {
        ass_subscript(vm, &a.pos[0], &a.pos[1], None)?;
        Ok(vm.none())
    })
    .args(1, 1),
    BuiltinFn::new("__iter__", |vm, a| iter(vm, &a.pos[0])).args(0, 0),
];

/// The read-only attributes (`format`, `nbytes`, ...): getters installed as properties.
pub static ATTRIBUTES: &[BuiltinFn] = &[
    BuiltinFn::new("obj", |vm, a| attribute(vm, a, exporter)),
    BuiltinFn::new("nbytes", |vm, a| {
        attribute(vm, a, |vm, v| vm.new_int((v.len * v.itemsize()) as i64))
    }),
    BuiltinFn::new("readonly", |vm, a| {
        attribute(vm, a, |vm, v| Ok(vm.bool(v.readonly)))
    }),
    BuiltinFn::new("itemsize", |vm, a| {
        attribute(vm, a, |vm, v| vm.new_int(v.itemsize() as i64))
    }),
    BuiltinFn::new("format", |vm, a| {
        attribute(vm, a, |vm, v| vm.str(char::from(v.format).to_string()))
    }),
    BuiltinFn::new("ndim", |vm, a| attribute(vm, a, |vm, _| vm.new_int(1))),
    BuiltinFn::new("shape", |vm, a| {
        attribute(vm, a, |vm, v| vm.new_tuple(vec![vm.new_int(v.len as i64)?]))
    }),
    BuiltinFn::new("strides", |vm, a| {
        attribute(vm, a, |vm, v| {
            vm.new_tuple(vec![vm.new_int(v.step as i64)?])
        })
    }),
    BuiltinFn::new("suboffsets", |vm, a| {
        attribute(vm, a, |vm, _| vm.new_tuple(Vec::new()))
    }),
    BuiltinFn::new("c_contiguous", |vm, a| attribute(vm, a, contiguous)),
    BuiltinFn::new("f_contiguous", |vm, a| attribute(vm, a, contiguous)),
    BuiltinFn::new("contiguous", |vm, a| attribute(vm, a, contiguous)),
];

/// One-dimensional: contiguous in either order when its items are adjacent.
fn contiguous(vm: &Vm, v: &MemoryViewObj) -> PyResult {
    Ok(vm.bool(v.step == v.itemsize() as isize || v.len <= 1))
}

/// Runs an attribute's getter on a live view.
fn attribute(vm: &Vm, a: Args<'_>, get: impl Fn(&Vm, &MemoryViewObj) -> PyResult) -> PyResult {
    let v = receiver(vm, &a)?;
    live(vm, v)?;
    get(vm, v)
}
