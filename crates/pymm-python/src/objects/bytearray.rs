//! The `bytearray` type, as CPython's `Objects/bytearrayobject.c`: a mutable sequence of
//! bytes. An atom for the collector (it holds no references), as in CPython. Its slots
//! ([`TYPE`]) and mutating methods are here; the methods that only read are `bytes`'s, run
//! on a copy, with bytes results made bytearrays again.

use std::cell::RefCell;

use super::bytes::{
    bytes_like, concat_operand, contains_in, repr_bytes, with_bytes_like, ByteArrayObj,
    METHODS as BYTES,
};
use crate::compile::CmpOp;
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn, Role};
use crate::vm::iter::seq_iter;
use crate::vm::slots::TypeSlots;
use crate::vm::{PyResult, Vm};

/// The bytearray type's slots and methods.
pub static TYPE: TypeSlots = TypeSlots {
    name: "bytearray",
    len: Some(len),
    subscript: Some(subscript),
    ass_subscript: Some(ass_subscript),
    contains: Some(contains),
    iter: Some(seq_iter),
    repr: Some(repr),
    compare: Some(compare),
    hash: None,
    concat: Some(concat),
    inplace_concat: Some(inplace_concat),
    repeat: Some(repeat),
    inplace_repeat: Some(inplace_repeat),
    methods: METHODS,
};

/// The payload; the slots are only ever called with a bytearray.
fn cell(obj: &PyRef) -> &ByteArrayObj {
    match &**obj {
        Obj::ByteArray(b) => b,
        _ => unreachable!("a bytearray slot called with another type"),
    }
}

fn len(_vm: &Vm, obj: &PyRef) -> PyResult<usize> {
    Ok(cell(obj).borrow().len())
}

fn subscript(vm: &Vm, obj: &PyRef, key: &PyRef) -> PyResult {
    // a copy: a slice bound's __index__ may resize the bytearray while its indices are read
    let b = cell(obj).borrow().clone();
    if let Obj::Slice(s) = &**key {
        return vm.bytearray(vm.slice_pick(s, &b)?);
    }
    let i = vm.seq_index(key, b.len(), "bytearray")?;
    vm.new_int(i64::from(b[i]))
}

/// `b[key] = value` and `del b[key]`: an index takes an int in range(256); a slice is done
/// on a list of ints, which has the slice assignment rules, and stored back.
fn ass_subscript(vm: &Vm, obj: &PyRef, key: &PyRef, value: Option<PyRef>) -> PyResult<()> {
    let b = cell(obj);
    if let Obj::Slice(s) = &**key {
        if assign_contiguous(vm, b, s, value.as_ref())? {
            return Ok(());
        }
    }
    match (&**key, value) {
        (Obj::Slice(_), value) | (_, value @ None) => {
            let ints = as_int_list(vm, b)?;
            match value {
                Some(value) => {
                    let items = match bytes_like(&value) {
                        Some(bytes) => {
                            vm.list(bytes.iter().map(|&c| vm.int(i64::from(c))).collect())?
                        }
                        // numbers and str are refused before any conversion, as CPython does
                        None if matches!(
                            &*value,
                            Obj::Int(_)
                                | Obj::BigInt(_)
                                | Obj::Bool(_)
                                | Obj::Float(_)
                                | Obj::Complex(_)
                                | Obj::Str(_)
                        ) =>
                        {
                            return Err(vm.type_error(
                                "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
                            ))
                        }
                        None => value,
                    };
                    vm.set_item(&ints, key.clone(), items)?;
                }
                None => vm.del_item(&ints, key)?,
            }
            store_int_list(vm, b, &ints)
        }
        (_, Some(value)) => {
            let i = vm.seq_index(key, b.borrow().len(), "bytearray")?;
            b.borrow_mut()[i] = byte(vm, &value)?;
            Ok(())
        }
    }
}

/// `b[i:j] = data` (bytes-like) and `del b[i:j]`, no step given: done on the bytes in place,
/// in time linear in the bytes moved (a stream's buffer drops what it has read with `del
/// buf[:n]`); false for the other cases, which go through a list of ints.
fn assign_contiguous(
    vm: &Vm,
    b: &ByteArrayObj,
    s: &[PyRef; 3],
    value: Option<&PyRef>,
) -> PyResult<bool> {
    if !vm.is_none(&s[2]) {
        return Ok(false);
    }
    // copied before the bytearray is borrowed: `value` may be the bytearray itself
    let data = match value.map(|v| bytes_like(v)) {
        Some(None) => return Ok(false),
        Some(Some(data)) => Some(data),
        None => None,
    };
    let (start, stop, _) = vm.slice_indices(s, b.borrow().len())?;
    let (start, stop) = (start as usize, stop.max(start) as usize);
    let len = b.borrow().len();
    check_resize(
        vm,
        b,
        len - (stop - start) + data.as_ref().map_or(0, Vec::len),
    )?;
    let mut buf = b.borrow_mut();
    match data {
        None => drop(buf.drain(start..stop)),
        Some(data) => drop(buf.splice(start..stop, data)),
    }
    Ok(true)
}

/// The bytes as a list of ints (to reuse the list's slice rules).
fn as_int_list(vm: &Vm, b: &RefCell<Vec<u8>>) -> PyResult {
    let ints = b.borrow().iter().map(|&c| vm.int(i64::from(c))).collect();
    vm.list(ints)
}

/// Stores a list of ints back, checking that each is a byte.
fn store_int_list(vm: &Vm, b: &ByteArrayObj, ints: &PyRef) -> PyResult<()> {
    let bytes = vm
        .collect(ints)?
        .iter()
        .map(|v| byte(vm, v))
        .collect::<PyResult<Vec<u8>>>()?;
    check_resize(vm, b, bytes.len())?;
    *b.borrow_mut() = bytes;
    Ok(())
}

fn contains(vm: &Vm, obj: &PyRef, item: &PyRef) -> PyResult<bool> {
    let data = cell(obj).borrow().clone();
    contains_in(vm, &data, item)
}

fn repr(_vm: &Vm, obj: &PyRef) -> PyResult<String> {
    Ok(format!("bytearray({})", repr_bytes(&cell(obj).borrow())))
}

/// Bytearrays compare with bytes and bytearrays, byte by byte.
fn compare(_vm: &Vm, a: &PyRef, b: &PyRef, op: CmpOp) -> PyResult<Option<bool>> {
    let mine = cell(a).borrow().clone();
    Ok(bytes_like(b).map(|other| op.holds(mine.cmp(&other))))
}

fn concat(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult<Option<PyRef>> {
    let more = concat_operand(vm, a, b)?;
    let mut joined = cell(a).borrow().clone();
    joined.extend(more);
    vm.bytearray(joined).map(Some)
}

/// `b += other` extends `b` by a bytes-like `other`.
fn inplace_concat(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult<Option<PyRef>> {
    let more = concat_operand(vm, a, b)?;
    let mine = cell(a);
    check_resize(vm, mine, mine.borrow().len() + more.len())?;
    mine.borrow_mut().extend(more);
    Ok(Some(a.clone()))
}

fn repeat(vm: &Vm, obj: &PyRef, n: usize) -> PyResult {
    let repeated = vm.repeat_slice(&cell(obj).borrow(), n)?;
    vm.bytearray(repeated)
}

/// `b *= n` repeats `b`'s bytes in place.
fn inplace_repeat(vm: &Vm, obj: &PyRef, n: usize) -> PyResult {
    let repeated = vm.repeat_slice(&cell(obj).borrow(), n)?;
    check_resize(vm, cell(obj), repeated.len())?;
    *cell(obj).borrow_mut() = repeated;
    Ok(obj.clone())
}

/// `bytearray` methods.
static METHODS: &[BuiltinFn] = &[
    BuiltinFn::new("__init__", init),
    BuiltinFn::new("append", append).args(1, 1),
    BuiltinFn::new("extend", extend).args(1, 1),
    BuiltinFn::new("insert", insert).args(2, 2),
    BuiltinFn::new("pop", pop).args(0, 1),
    BuiltinFn::new("remove", remove).args(1, 1),
    BuiltinFn::new("clear", clear).args(0, 0),
    BuiltinFn::new("copy", copy).args(0, 0),
    BuiltinFn::new("reverse", reverse).args(0, 0),
    BuiltinFn::class_method("fromhex", fromhex),
    // on the instance itself (its class and attributes are pickled with the contents)
    BuiltinFn::new("__reduce_ex__", reduce_ex)
        .args(1, 1)
        .role(Role::ObjectMethod),
    BuiltinFn::new("__reduce__", |vm, a| {
        reduce_ex(vm, Args::new(&[a.pos[0].clone(), vm.new_int(2)?]))
    })
    .args(0, 0)
    .role(Role::ObjectMethod),
    BuiltinFn::static_method("maketrans", |vm, a| {
        let made = BYTES
            .iter()
            .find(|m| m.name == "maketrans")
            .map(|m| m.invoke(vm, a));
        made.expect("bytes has maketrans")
    }),
    BuiltinFn::new("decode", |vm, a| via_bytes(vm, a, "decode")),
    BuiltinFn::new("hex", |vm, a| via_bytes(vm, a, "hex")),
    BuiltinFn::new("split", |vm, a| via_bytes(vm, a, "split")),
    BuiltinFn::new("rsplit", |vm, a| via_bytes(vm, a, "rsplit")),
    BuiltinFn::new("strip", |vm, a| via_bytes(vm, a, "strip")),
    BuiltinFn::new("lstrip", |vm, a| via_bytes(vm, a, "lstrip")),
    BuiltinFn::new("rstrip", |vm, a| via_bytes(vm, a, "rstrip")),
    BuiltinFn::new("upper", |vm, a| via_bytes(vm, a, "upper")),
    BuiltinFn::new("lower", |vm, a| via_bytes(vm, a, "lower")),
    BuiltinFn::new("swapcase", |vm, a| via_bytes(vm, a, "swapcase")),
    BuiltinFn::new("capitalize", |vm, a| via_bytes(vm, a, "capitalize")),
    BuiltinFn::new("title", |vm, a| via_bytes(vm, a, "title")),
    BuiltinFn::new("isalnum", |vm, a| via_bytes(vm, a, "isalnum")),
    BuiltinFn::new("isalpha", |vm, a| via_bytes(vm, a, "isalpha")),
    BuiltinFn::new("isascii", |vm, a| via_bytes(vm, a, "isascii")),
    BuiltinFn::new("isdigit", |vm, a| via_bytes(vm, a, "isdigit")),
    BuiltinFn::new("islower", |vm, a| via_bytes(vm, a, "islower")),
    BuiltinFn::new("isspace", |vm, a| via_bytes(vm, a, "isspace")),
    BuiltinFn::new("istitle", |vm, a| via_bytes(vm, a, "istitle")),
    BuiltinFn::new("isupper", |vm, a| via_bytes(vm, a, "isupper")),
    BuiltinFn::new("join", |vm, a| via_bytes(vm, a, "join")),
    BuiltinFn::new("replace", |vm, a| via_bytes(vm, a, "replace")),
    BuiltinFn::new("startswith", |vm, a| via_bytes(vm, a, "startswith")),
    BuiltinFn::new("endswith", |vm, a| via_bytes(vm, a, "endswith")),
    BuiltinFn::new("find", |vm, a| via_bytes(vm, a, "find")),
    BuiltinFn::new("rfind", |vm, a| via_bytes(vm, a, "rfind")),
    BuiltinFn::new("index", |vm, a| via_bytes(vm, a, "index")),
    BuiltinFn::new("rindex", |vm, a| via_bytes(vm, a, "rindex")),
    BuiltinFn::new("count", |vm, a| via_bytes(vm, a, "count")),
    BuiltinFn::new("removeprefix", |vm, a| via_bytes(vm, a, "removeprefix")),
    BuiltinFn::new("removesuffix", |vm, a| via_bytes(vm, a, "removesuffix")),
    BuiltinFn::new("expandtabs", |vm, a| via_bytes(vm, a, "expandtabs")),
    BuiltinFn::new("ljust", |vm, a| via_bytes(vm, a, "ljust")),
    BuiltinFn::new("rjust", |vm, a| via_bytes(vm, a, "rjust")),
    BuiltinFn::new("center", |vm, a| via_bytes(vm, a, "center")),
    BuiltinFn::new("zfill", |vm, a| via_bytes(vm, a, "zfill")),
    BuiltinFn::new("partition", |vm, a| via_bytes(vm, a, "partition")),
    BuiltinFn::new("rpartition", |vm, a| via_bytes(vm, a, "rpartition")),
    BuiltinFn::new("splitlines", |vm, a| via_bytes(vm, a, "splitlines")),
    BuiltinFn::new("translate", |vm, a| via_bytes(vm, a, "translate")),
];

impl Vm {
    /// A new bytearray holding `data`.
    pub fn bytearray(&self, data: Vec<u8>) -> PyResult {
        self.alloc(Obj::ByteArray(Box::new(ByteArrayObj::new(data))))
    }
}

/// `bytearray(source)`: empty, zeros, a copy of bytes-like data, an encoded str, or the
/// ints of an iterable.
pub fn new(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "bytearray", 0, 3, &["source", "encoding", "errors"])?;
    let data = match a.get(0, "source") {
        None => Vec::new(),
        Some(source) => match &**source {
            Obj::Str(_) => {
                let Some(encoding) = a.get(1, "encoding") else {
                    return Err(vm.type_error("string argument without an encoding"));
                };
                let encode = vm.get_attr(source, &vm.intern("encode"))?;
                let mut args = vec![encoding.clone()];
                args.extend(a.get(2, "errors").cloned());
                let encoded = vm.call(&encode, &args)?;
                bytes_like(&encoded).unwrap_or_default()
            }
            _ => {
                let bytes = vm.types.bytes.clone();
                let made = vm.call(&bytes, std::slice::from_ref(source))?;
                bytes_like(&made).unwrap_or_default()
            }
        },
    };
    vm.bytearray(data)
}

/// `bytearray.fromhex(string)` (a class method): a subclass gets an instance of its own,
/// made from the bytearray, as CPython's `bytearray_fromhex_impl` does.
fn fromhex(vm: &Vm, a: Args<'_>) -> PyResult {
    let (cls, rest) = a
        .pos
        .split_first()
        .ok_or_else(|| vm.type_error("fromhex needs a class"))?;
    let made = BYTES
        .iter()
        .find(|m| m.name == "fromhex")
        .map(|m| m.invoke(vm, Args { pos: rest, ..a }));
    let made = as_bytearrays(vm, made.expect("bytes has fromhex")?)?;
    if crate::rt::Gc::ptr_eq(cls, &vm.types.bytearray) {
        return Ok(made);
    }
    vm.call(cls, &[made])
}

/// `bytearray.__reduce_ex__(protocol)`: `(type(self), (contents,), __dict__ or None)`, the
/// contents a latin-1 str with its codec below protocol 3 and bytes from it on, as CPython
/// pickles them (a subclass keeps its class and attributes).
fn reduce_ex(vm: &Vm, a: Args<'_>) -> PyResult {
    let this = &a.pos[0];
    let contents = data(vm, &a)?.borrow().clone();
    let protocol = a.pos.get(1).and_then(|p| p.as_i64()).unwrap_or(0);
    let args = if protocol < 3 {
        let text: String = contents.iter().map(|&b| char::from(b)).collect();
        vec![vm.str(text)?, vm.str("latin-1")?]
    } else {
        vec![vm.bytes(contents)]
    };
    let state = match &**this {
        Obj::Instance(_) => vm.instance_dict(this)?,
        _ => vm.none(),
    };
    vm.new_tuple(vec![vm.type_of(this), vm.new_tuple(args)?, state])
}

/// `bytearray.__init__(self, source, encoding, errors)`: the contents made anew from the
/// arguments (what a subclass's `super().__init__(...)` fills its empty value with).
fn init(vm: &Vm, a: Args<'_>) -> PyResult {
    let target = data(vm, &a)?;
    let made = new(
        vm,
        Args {
            pos: &a.pos[1..],
            ..a
        },
    )?;
    if let Obj::ByteArray(contents) = &*made {
        let contents = contents.take();
        // emptied first, as CPython's `bytearray.__init__` resizes to 0
        check_resize(vm, target, 0)?;
        *target.borrow_mut() = contents;
    }
    Ok(vm.none())
}

fn data<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<&'a ByteArrayObj> {
    match a.pos.first().map(|v| &**vm.builtin_receiver(v)) {
        Some(Obj::ByteArray(b)) => Ok(b),
        _ => Err(vm.type_error("descriptor requires a 'bytearray' object")),
    }
}

/// Fails with CPython's BufferError when `b` is to change size (to `new_len`) while a
/// memoryview exports its bytes (`PyByteArray_Resize`'s check).
fn check_resize(vm: &Vm, b: &ByteArrayObj, new_len: usize) -> PyResult<()> {
    if b.exported() && new_len != b.borrow().len() {
        return Err(vm.new_exc(
            crate::vm::Exc::BufferError,
            "Existing exports of data: object cannot be re-sized",
        ));
    }
    Ok(())
}

/// An int in range(0, 256), as a byte.
fn byte(vm: &Vm, v: &PyRef) -> PyResult<u8> {
    match v.as_i64() {
        Some(i) if (0..256).contains(&i) => Ok(i as u8),
        Some(_) => Err(vm.value_error("byte must be in range(0, 256)")),
        None => Err(vm.not_an_integer(v)),
    }
}

fn append(vm: &Vm, a: Args<'_>) -> PyResult {
    let b = byte(vm, &a.pos[1])?;
    let target = data(vm, &a)?;
    check_resize(vm, target, target.borrow().len() + 1)?;
    target.borrow_mut().push(b);
    Ok(vm.none())
}

fn extend(vm: &Vm, a: Args<'_>) -> PyResult {
    let target = data(vm, &a)?;
    // appended from where they are (a stream's buffer takes each chunk received so, and a
    // transport the unsent rest of a memoryview); the bytearray itself, or a view of it, is
    // borrowed for reading and so taken from a copy below
    // (an exported bytearray that would grow takes the checked way below)
    let fixed = target.exported();
    let in_place = with_bytes_like(&a.pos[1], |more| match target.try_borrow_mut() {
        Ok(mut mine) if !fixed || more.is_empty() => {
            mine.extend_from_slice(more);
            true
        }
        _ => false,
    });
    let more = match in_place {
        Some(true) => return Ok(vm.none()),
        Some(false) => bytes_like(&a.pos[1]).unwrap_or_default(),
        None => vm
            .collect(&iterable_to_extend(vm, &a.pos[1])?)?
            .iter()
            .map(|v| byte(vm, v))
            .collect::<PyResult<Vec<u8>>>()?,
    };
    check_resize(vm, target, target.borrow().len() + more.len())?;
    target.borrow_mut().extend(more);
    Ok(vm.none())
}

/// An iterator over what `extend` appends, with CPython's TypeError for an argument that
/// is not iterable.
fn iterable_to_extend(vm: &Vm, iterable: &PyRef) -> PyResult {
    vm.get_iter(iterable).map_err(|err| {
        if vm.exc_matches(&err.0, crate::vm::Exc::TypeError) {
            vm.type_error(format!(
                "can't extend bytearray with {}",
                vm.type_name(iterable)
            ))
        } else {
            err
        }
    })
}

fn insert(vm: &Vm, a: Args<'_>) -> PyResult {
    let b = byte(vm, &a.pos[2])?;
    let d = data(vm, &a)?;
    let len = d.borrow().len() as i64;
    let Some(i) = a.pos[1].as_i64() else {
        return Err(vm.type_error("an integer is required"));
    };
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
    check_resize(vm, d, len as usize + 1)?;
    d.borrow_mut().insert(at as usize, b);
    Ok(vm.none())
}

fn pop(vm: &Vm, a: Args<'_>) -> PyResult {
    let d = data(vm, &a)?;
    let len = d.borrow().len();
    if len == 0 {
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let i = match a.pos.get(1) {
        Some(index) => vm.seq_index(index, len, "pop")?,
        None => len - 1,
    };
    check_resize(vm, d, len - 1)?;
    let b = d.borrow_mut().remove(i);
    vm.new_int(i64::from(b))
}

fn remove(vm: &Vm, a: Args<'_>) -> PyResult {
    let b = byte(vm, &a.pos[1])?;
    let d = data(vm, &a)?;
    let found = d.borrow().iter().position(|&c| c == b);
    match found {
        Some(i) => {
            check_resize(vm, d, d.borrow().len() - 1)?;
            d.borrow_mut().remove(i);
            Ok(vm.none())
        }
        None => Err(vm.value_error("value not found in bytearray")),
    }
}

fn clear(vm: &Vm, a: Args<'_>) -> PyResult {
    let d = data(vm, &a)?;
    check_resize(vm, d, 0)?;
    d.borrow_mut().clear();
    Ok(vm.none())
}

fn copy(vm: &Vm, a: Args<'_>) -> PyResult {
    let copied = data(vm, &a)?.borrow().clone();
    vm.bytearray(copied)
}

fn reverse(vm: &Vm, a: Args<'_>) -> PyResult {
    data(vm, &a)?.borrow_mut().reverse();
    Ok(vm.none())
}

/// Runs the `bytes` method `name` on a copy; bytes in the result become bytearrays.
fn via_bytes(vm: &Vm, a: Args<'_>, name: &str) -> PyResult {
    let copy = vm.bytes(data(vm, &a)?.borrow().clone().into_boxed_slice());
    let Some(method) = BYTES.iter().find(|m| m.name == name) else {
        return Err(vm.type_error(format!("bytearray has no method {name}")));
    };
    let mut args = vec![copy];
    args.extend(a.pos[1..].iter().cloned());
    let result = method.invoke(vm, Args { pos: &args, ..a })?;
    as_bytearrays(vm, result)
}

fn as_bytearrays_each(vm: &Vm, items: Vec<PyRef>) -> PyResult<Vec<PyRef>> {
    items
        .into_iter()
        .map(|item| as_bytearrays(vm, item))
        .collect()
}

fn as_bytearrays(vm: &Vm, v: PyRef) -> PyResult {
    match &*v {
        Obj::Bytes(b) => vm.bytearray(b.to_vec()),
        Obj::List(items) => {
            let items = items.borrow().to_vec();
            vm.list(as_bytearrays_each(vm, items)?)
        }
        // `partition`'s three parts
        Obj::Tuple(items) => vm.new_tuple(as_bytearrays_each(vm, items.to_vec())?),
        _ => Ok(v),
    }
}
