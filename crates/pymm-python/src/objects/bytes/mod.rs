//! The `bytes` type, as CPython's `Objects/bytesobject.c`: its slots ([`TYPE`]: length,
//! indexing and slicing, `in`, iteration, repr, comparison, `+`, `*`) and its methods. Its
//! layout ([`layout`]): the bytes inline in the object's block; bytes hold no references, so
//! the collector never tracks them.

pub mod layout;
mod methods;
mod search;

pub use layout::{bytes_like, with_bytes_like, ByteArrayObj, BytesData};
pub(crate) use methods::METHODS;

use crate::compile::codecs::Codec;
use crate::compile::CmpOp;
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::Args;
use crate::vm::iter::seq_iter;
use crate::vm::slots::TypeSlots;
use crate::vm::{PyResult, Vm};

/// The bytes type's slots and methods.
pub static TYPE: TypeSlots = TypeSlots {
    name: "bytes",
    len: Some(len),
    subscript: Some(subscript),
    contains: Some(contains),
    iter: Some(seq_iter),
    repr: Some(repr),
    compare: Some(compare),
    concat: Some(concat),
    repeat: Some(repeat),
    methods: METHODS,
    ..TypeSlots::EMPTY
};

/// The payload; the slots are only ever called with a bytes.
fn data(obj: &PyRef) -> &[u8] {
    match &**obj {
        Obj::Bytes(b) => b,
        _ => unreachable!("a bytes slot called with another type"),
    }
}

fn len(_vm: &Vm, obj: &PyRef) -> PyResult<usize> {
    Ok(data(obj).len())
}

fn subscript(vm: &Vm, obj: &PyRef, key: &PyRef) -> PyResult {
    let b = data(obj);
    if let Obj::Slice(s) = &**key {
        let (start, stop, step) = vm.slice_indices(s, b.len())?;
        if step == 1 {
            // the run copied once, straight into the new object
            return Ok(vm.bytes(&b[start as usize..stop.max(start) as usize]));
        }
        return Ok(vm.bytes(vm.slice_pick(s, b)?));
    }
    let i = vm.index_value(key, "byte")?;
    vm.new_int(i64::from(b[vm.seq_position(i, b.len(), "")?]))
}

/// `x in data` for bytes and bytearray: a byte value, or a bytes-like run of bytes.
pub(crate) fn contains_in(vm: &Vm, data: &[u8], item: &PyRef) -> PyResult<bool> {
    match (&**item, bytes_like(item)) {
        (_, Some(sub)) => Ok(sub.is_empty() || data.windows(sub.len()).any(|w| w == &sub[..])),
        (Obj::Int(i), None) => Ok(data.iter().any(|c| i64::from(*c) == *i)),
        _ => Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(item)
        ))),
    }
}

fn contains(vm: &Vm, obj: &PyRef, item: &PyRef) -> PyResult<bool> {
    contains_in(vm, data(obj), item)
}

fn repr(_vm: &Vm, obj: &PyRef) -> PyResult<String> {
    Ok(repr_bytes(data(obj)))
}

/// Bytes compare with bytes and bytearrays, byte by byte.
fn compare(_vm: &Vm, a: &PyRef, b: &PyRef, op: CmpOp) -> PyResult<Option<bool>> {
    Ok(compared_bytes(b).map(|other| op.holds(data(a).cmp(&other[..]))))
}

fn concat(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult<Option<PyRef>> {
    let more = concat_operand(vm, a, b)?;
    Ok(Some(vm.bytes([data(a), &more[..]].concat())))
}

/// The bytes `a + b` appends to `a` (a bytes or bytearray); CPython's error when `b` has none.
pub(crate) fn concat_operand(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult<Vec<u8>> {
    bytes_like(b).ok_or_else(|| {
        vm.type_error(format!(
            "can't concat {} to {}",
            vm.type_name(b),
            vm.type_name(a)
        ))
    })
}

fn repeat(vm: &Vm, obj: &PyRef, n: usize) -> PyResult {
    Ok(vm.bytes(vm.repeat_slice(data(obj), n)?))
}

/// Python's repr of bytes: `b'...'`, printable ASCII as itself, the rest escaped.
pub fn repr_bytes(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = format!("b{quote}");
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

fn latin1(b: &[u8]) -> String {
    b.iter().map(|&c| c as char).collect()
}

fn to_text(vm: &Vm, v: &PyRef) -> PyResult {
    match &**v {
        Obj::Bytes(b) => vm.str(latin1(b)),
        Obj::List(_) | Obj::Tuple(_) => {
            let items: PyResult<Vec<PyRef>> =
                vm.collect(v)?.iter().map(|i| to_text(vm, i)).collect();
            vm.list(items?)
        }
        _ => Ok(v.clone()),
    }
}

fn to_bytes(vm: &Vm, v: PyRef) -> PyResult {
    match &*v {
        Obj::Str(s) => Ok(vm.bytes(
            s.as_str()
                .chars()
                .map(|c| c as u32 as u8)
                .collect::<Vec<u8>>()
                .into_boxed_slice(),
        )),
        Obj::List(l) => {
            let items = l.borrow().to_vec();
            let converted: PyResult<Vec<PyRef>> =
                items.into_iter().map(|i| to_bytes(vm, i)).collect();
            vm.list(converted?)
        }
        _ => Ok(v),
    }
}

/// Runs the str method `name` on bytes (as Latin-1 text) and converts the result back.
pub(crate) fn via_str(vm: &Vm, a: Args<'_>, name: &str) -> PyResult {
    let Some(method) = crate::objects::str::by_name(name) else {
        return Err(vm.type_error(format!("bytes has no method {name}")));
    };
    let args: PyResult<Vec<PyRef>> = a.pos.iter().map(|v| to_text(vm, v)).collect();
    let args = args?;
    let result = method.invoke(vm, Args { pos: &args, ..a })?;
    to_bytes(vm, result)
}

/// `sep.join(iterable)`: the bytes-like items (bytes, bytearray, memoryview) joined.
pub(crate) fn join(vm: &Vm, a: Args<'_>) -> PyResult {
    let sep = data(&a.pos[0]);
    let mut joined = Vec::new();
    for (i, item) in vm.collect(&a.pos[1])?.iter().enumerate() {
        let Some(part) = bytes_like(item) else {
            return Err(vm.type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                vm.type_name(item)
            )));
        };
        if i > 0 {
            joined.extend_from_slice(sep);
        }
        joined.extend(part);
    }
    Ok(vm.bytes(joined))
}

/// `bytes.hex(sep=None, bytes_per_sep=1)`: two hex digits a byte, `sep` between each group
/// of `bytes_per_sep` bytes counted from the right (from the left when negative).
pub(crate) fn hex(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "hex", 1, 3, &["sep", "bytes_per_sep"])?;
    let Some(Obj::Bytes(b)) = a.pos.first().map(|v| &**v) else {
        return Err(vm.type_error("hex() needs bytes"));
    };
    let digits = |c: &u8| format!("{c:02x}");
    let Some(sep) = a.get(1, "sep") else {
        return vm.str(b.iter().map(digits).collect::<String>());
    };
    let sep = match (&**sep, sep.as_str()) {
        (_, Some(s)) => s.to_string(),
        (Obj::Bytes(s), None) => latin1(s),
        _ => {
            return Err(vm.type_error(format!(
                "object of type '{}' has no len()",
                vm.type_name(sep)
            )))
        }
    };
    if sep.chars().count() != 1 {
        return Err(vm.value_error("sep must be length 1."));
    }
    let per = match a.get(2, "bytes_per_sep") {
        Some(n) => vm.index_value(n, "bytes_per_sep")?,
        None => 1,
    };
    let group = per.unsigned_abs().max(1) as usize;
    // the first group is the short one when counting from the right
    let first = if per > 0 && b.len() % group != 0 {
        b.len() % group
    } else {
        group
    };
    let mut out = String::with_capacity(b.len() * 3);
    for (i, c) in b.iter().enumerate() {
        let boundary = i >= first && (i - first) % group == 0;
        if i > 0 && per != 0 && boundary {
            out.push_str(&sep);
        }
        out.push_str(&digits(c));
    }
    vm.str(out)
}

/// The bytes a bytes compares with: not a memoryview's, which compares by its items'
/// format (its own slot answers, reflected; a bytearray compares the raw bytes).
fn compared_bytes(obj: &Obj) -> Option<Vec<u8>> {
    match obj {
        Obj::MemoryView(_) => None,
        _ => bytes_like(obj),
    }
}
/// `bytes.decode(encoding='utf-8', errors='strict')`, with the codecs pymm has and the
/// `strict`, `ignore`, `replace` and `backslashreplace` handlers.
pub(crate) fn decode(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "decode", 1, 3, &["encoding", "errors"])?;
    let Some(Obj::Bytes(data)) = a.pos.first().map(|v| &**v) else {
        return Err(vm.type_error("decode() needs bytes"));
    };
    let codec = crate::objects::str::codec_arg(vm, a.get(1, "encoding"))?;
    let errors = match a.get(2, "errors") {
        Some(e) => e
            .as_str()
            .ok_or_else(|| vm.type_error("errors must be str"))?,
        None => "strict",
    };
    let mut text = String::with_capacity(data.len());
    let mut at = 0;
    while at < data.len() {
        let (piece, bad) = decode_run(codec, &data[at..]);
        text.push_str(&piece);
        at += piece_len(codec, &piece);
        let Some((len, reason)) = bad else { break };
        let position = at;
        match errors {
            "ignore" => {}
            "replace" => text.push('\u{fffd}'),
            "backslashreplace" => {
                for b in &data[at..at + len] {
                    text.push_str(&format!("\\x{b:02x}"));
                }
            }
            "strict" => {
                let what = if len > 1 {
                    format!("bytes in position {position}-{}", position + len - 1)
                } else {
                    format!("byte 0x{:02x} in position {position}", data[at])
                };
                return Err(vm.new_exc(
                    crate::vm::Exc::UnicodeDecodeError,
                    format!(
                        "'{}' codec can't decode {what}: {reason}",
                        codec.python_name()
                    ),
                ));
            }
            other => {
                return Err(vm.new_exc(
                    crate::vm::Exc::LookupError,
                    format!("unknown error handler name '{other}'"),
                ))
            }
        }
        at += len;
    }
    vm.str(text)
}

/// Decodes the longest good prefix of `data`; then, if decoding stopped at a bad sequence, its
/// length and CPython's reason.
fn decode_run(codec: Codec, data: &[u8]) -> (String, Option<(usize, &'static str)>) {
    if codec == Codec::RawUnicodeEscape {
        if let Some(text) = codec.decode(data) {
            return (text, None);
        }
    }
    if codec == Codec::Utf8 {
        return match std::str::from_utf8(data) {
            Ok(s) => (s.to_string(), None),
            Err(e) => {
                let good = std::str::from_utf8(&data[..e.valid_up_to()])
                    .unwrap_or("")
                    .to_string();
                let first = data[e.valid_up_to()];
                let reason = match e.error_len() {
                    None => "unexpected end of data",
                    Some(_) if (0x80..0xc2).contains(&first) || first > 0xf4 => {
                        "invalid start byte"
                    }
                    Some(_) => "invalid continuation byte",
                };
                let len = e.error_len().unwrap_or(data.len() - e.valid_up_to());
                (good, Some((len, reason)))
            }
        };
    }
    let mut text = String::new();
    for &b in data {
        match codec.decode_byte(b) {
            Some(c) => text.push(c),
            None => return (text, Some((1, codec.range_reason()))),
        }
    }
    (text, None)
}

/// How many bytes the decoded `piece` came from.
fn piece_len(codec: Codec, piece: &str) -> usize {
    match codec {
        Codec::Utf8 => piece.len(),
        _ => piece.chars().count(),
    }
}
