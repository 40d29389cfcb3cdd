//! `_struct`: packing values into bytes and back by a format string (`struct.pack`,
//! `unpack`, `calcsize`), with CPython's sizes, alignment (`@`, the default) and byte orders
//! (`<`, `>`, `!`, `=`). The `struct` module (Python, built in) wraps it.

use std::cell::RefCell;
use std::rc::Rc;

use hashbrown::HashMap;
use num_bigint::BigInt;

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("calcsize", calcsize),
    BuiltinFn::new("pack", pack),
    BuiltinFn::new("unpack", unpack),
    BuiltinFn::new("unpack_from", unpack_from),
];

/// One format item: its code, repeat count, byte offset and the width of one value.
struct Item {
    code: char,
    count: usize,
    offset: usize,
    width: usize,
}

/// A parsed format: its items, total size, byte order and how many values it packs.
struct Layout {
    items: Vec<Item>,
    size: usize,
    little: bool,
    values: usize,
}

thread_local! {
    /// Parsed formats by their text, as CPython's `_struct` keeps compiled Structs for
    /// `pack`/`unpack` with a format string (pickle packs with a handful of formats, once
    /// per item): up to [`MAX_CACHED`], then emptied, as CPython's cache is.
    static LAYOUTS: RefCell<HashMap<Box<str>, Rc<Layout>>> = RefCell::new(HashMap::new());
}

/// CPython's `MAXCACHE` of `Modules/_struct.c`.
const MAX_CACHED: usize = 100;

/// The parsed `format`, from the cache or parsed now (and cached).
fn cached_layout(format: &str) -> Result<Rc<Layout>, String> {
    LAYOUTS.with(|cache| {
        if let Some(found) = cache.borrow().get(format) {
            return Ok(found.clone());
        }
        let parsed = Rc::new(layout(format)?);
        let mut cache = cache.borrow_mut();
        if cache.len() >= MAX_CACHED {
            cache.clear();
        }
        cache.insert(format.into(), parsed.clone());
        Ok(parsed)
    })
}

/// The layout of the call's format argument (its first), or `struct.error`.
fn layout_arg(vm: &Vm, a: &Args<'_>) -> PyResult<Rc<Layout>> {
    cached_layout(format_arg(vm, a)?).map_err(|e| struct_error(vm, e))
}

/// Size of one value of `code`; `native` selects C sizes and alignment.
fn item_size(code: char, native: bool) -> Option<usize> {
    Some(match code {
        'x' | 'c' | 'b' | 'B' | '?' | 's' | 'p' => 1,
        'h' | 'H' | 'e' => 2,
        'i' | 'I' | 'f' => 4,
        'l' | 'L' => {
            if native {
                8
            } else {
                4
            }
        }
        'q' | 'Q' | 'd' => 8,
        'n' | 'N' | 'P' if native => 8,
        _ => return None,
    })
}

/// Parses `format` (CPython's struct.error messages on bad ones, as Err text).
fn layout(format: &str) -> Result<Layout, String> {
    let mut chars = format.chars().peekable();
    let (native, little) = match chars.peek() {
        Some('@') => (true, cfg!(target_endian = "little")),
        Some('=') => (false, cfg!(target_endian = "little")),
        Some('<') => (false, true),
        Some('>') | Some('!') => (false, false),
        _ => (true, cfg!(target_endian = "little")),
    };
    if matches!(chars.peek(), Some('@' | '=' | '<' | '>' | '!')) {
        chars.next();
    }
    let mut items = Vec::new();
    let mut size = 0usize;
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut count = None;
        let mut code = c;
        if c.is_ascii_digit() {
            let mut n = c.to_digit(10).unwrap_or(0) as usize;
            while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                n = n
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(d as usize))
                    .ok_or("total struct size too long")?;
                chars.next();
            }
            count = Some(n);
            code = chars
                .next()
                .ok_or("repeat count given without format specifier")?;
        }
        let one = item_size(code, native).ok_or("bad char in struct format")?;
        if native && !matches!(code, 's' | 'p' | 'x' | 'c' | 'b' | 'B' | '?') {
            size = size.div_ceil(one) * one;
        }
        let count = count.unwrap_or(1);
        items.push(Item {
            code,
            count,
            offset: size,
            width: one,
        });
        size = size
            .checked_add(one.checked_mul(count).ok_or("total struct size too long")?)
            .ok_or("total struct size too long")?;
    }
    let values = items
        .iter()
        .map(|it| match it.code {
            'x' => 0,
            's' | 'p' => 1,
            _ => it.count,
        })
        .sum();
    Ok(Layout {
        items,
        size,
        little,
        values,
    })
}

/// `struct.error(message)`: the class the `struct` module defines (found through
/// `sys.modules` on this cold path), or ValueError while that module is not imported.
fn struct_error(vm: &Vm, message: impl Into<String>) -> crate::vm::PyErr {
    let message = message.into();
    let class = vm
        .str("struct")
        .and_then(|name| vm.dict_get(&vm.modules, &name))
        .ok()
        .flatten()
        .and_then(|module| vm.get_attr(&module, &vm.intern("error")).ok());
    let raised = class.and_then(|class| {
        let text = vm.str(message.as_str()).ok()?;
        vm.instantiate_exception(class, vec![text]).ok()
    });
    match raised {
        Some(exc) => crate::vm::PyErr(exc),
        None => vm.value_error(message),
    }
}

fn format_arg<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<&'a str> {
    match a.pos.first().map(|f| &**f) {
        Some(Obj::Str(s)) => Ok(s.as_str()),
        Some(Obj::Bytes(b)) => {
            std::str::from_utf8(b).map_err(|_| struct_error(vm, "bad char in struct format"))
        }
        _ => Err(vm.type_error("Struct() argument 1 must be a str or bytes object")),
    }
}

fn calcsize(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "calcsize", 1, 1, &[])?;
    vm.new_int(layout_arg(vm, &a)?.size as i64)
}

/// The integer range of a code, for CPython's "argument out of range" errors.
fn int_bounds(code: char, size: usize) -> (BigInt, BigInt) {
    let bits = size as u32 * 8;
    if code.is_ascii_uppercase() {
        (BigInt::from(0), (BigInt::from(1) << bits) - 1)
    } else {
        (
            -(BigInt::from(1) << (bits - 1)),
            (BigInt::from(1) << (bits - 1)) - 1,
        )
    }
}

fn put_int(vm: &Vm, out: &mut [u8], value: &PyRef, code: char, little: bool) -> PyResult<()> {
    if let Obj::Int(i) = &**value {
        if put_small_int(out, *i, code, little) {
            return Ok(());
        }
    }
    let big = match &**value {
        Obj::Int(i) => BigInt::from(*i),
        Obj::Bool(b) => BigInt::from(*b as i64),
        Obj::BigInt(b) => (**b).clone(),
        _ => return Err(struct_error(vm, "required argument is not an integer")),
    };
    let size = out.len();
    let (low, high) = int_bounds(code, size);
    if big < low || big > high {
        return Err(struct_error(
            vm,
            range_message(code, size, &big, &low, &high),
        ));
    }
    let bytes = big.to_signed_bytes_le();
    let fill = if big < BigInt::from(0) { 0xff } else { 0 };
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = bytes.get(i).copied().unwrap_or(fill);
    }
    if !little {
        out.reverse();
    }
    Ok(())
}

/// Packs a machine-word int that fits `code`'s range without a BigInt (the common case);
/// false when it does not fit, for the caller's checked path and its error message.
fn put_small_int(out: &mut [u8], value: i64, code: char, little: bool) -> bool {
    let bits = out.len() as u32 * 8;
    let (low, high) = if code.is_ascii_uppercase() {
        (0i128, (1i128 << bits) - 1)
    } else {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    };
    let value = i128::from(value);
    if value < low || value > high {
        return false;
    }
    // two's complement, little end first: the low `out.len()` bytes are the value
    let size = out.len();
    out.copy_from_slice(&value.to_le_bytes()[..size]);
    if !little {
        out.reverse();
    }
    true
}

/// CPython's message for an integer that does not fit: beyond a C long, or negative for a
/// wide unsigned code, "argument out of range"; else the range the code allows.
fn range_message(code: char, size: usize, value: &BigInt, low: &BigInt, high: &BigInt) -> String {
    let unsigned = code.is_ascii_uppercase();
    let fits_c_long = *value >= BigInt::from(i64::MIN)
        && (*value <= BigInt::from(i64::MAX) || unsigned && *value <= BigInt::from(u64::MAX));
    if !fits_c_long || size == 8 || (unsigned && size >= 4 && *value < BigInt::from(0)) {
        return "argument out of range".into();
    }
    let kind = match (size, unsigned) {
        (1, false) => "byte format",
        (1, true) => "ubyte format",
        (2, false) => "short format",
        (2, true) => "ushort format",
        _ => return format!("'{code}' format requires {low} <= number <= {high}"),
    };
    format!("{kind} requires {low} <= number <= {high}")
}

fn put_float(vm: &Vm, out: &mut [u8], value: &PyRef, little: bool) -> PyResult<()> {
    let f = match &**value {
        Obj::Float(f) => *f,
        Obj::Int(i) => *i as f64,
        Obj::Bool(b) => *b as i64 as f64,
        _ => return Err(struct_error(vm, "required argument is not a float")),
    };
    let bytes: Vec<u8> = match out.len() {
        4 => {
            let single = f as f32;
            if single.is_infinite() && f.is_finite() {
                return Err(vm.new_exc(
                    crate::vm::Exc::OverflowError,
                    "float too large to pack with f format",
                ));
            }
            single.to_le_bytes().to_vec()
        }
        _ => f.to_le_bytes().to_vec(),
    };
    out.copy_from_slice(&bytes);
    if !little {
        out.reverse();
    }
    Ok(())
}

/// `pack(format, *values)`.
fn pack(vm: &Vm, a: Args<'_>) -> PyResult {
    let layout = layout_arg(vm, &a)?;
    let values = &a.pos[1..];
    let expected = layout.values;
    if values.len() != expected {
        return Err(struct_error(
            vm,
            format!(
                "pack expected {expected} items for packing (got {})",
                values.len()
            ),
        ));
    }
    let mut out = vec![0u8; layout.size];
    let mut next = values.iter();
    for item in &layout.items {
        let one = item.width;
        match item.code {
            'x' => {}
            's' | 'p' => {
                let v = next.next().map(|v| &**v);
                let Some(Obj::Bytes(data)) = v else {
                    return Err(struct_error(
                        vm,
                        format!("argument for '{}' must be a bytes object", item.code),
                    ));
                };
                let field = &mut out[item.offset..item.offset + item.count];
                if item.code == 'p' && item.count > 0 {
                    let n = data.len().min(item.count - 1).min(255);
                    field[0] = n as u8;
                    field[1..1 + n].copy_from_slice(&data[..n]);
                } else {
                    let n = data.len().min(item.count);
                    field[..n].copy_from_slice(&data[..n]);
                }
            }
            code => {
                for k in 0..item.count {
                    let value = next
                        .next()
                        .ok_or_else(|| struct_error(vm, "not enough arguments"))?;
                    let at = item.offset + k * one;
                    let field = &mut out[at..at + one];
                    match code {
                        'c' => match &**value {
                            Obj::Bytes(b) if b.len() == 1 => field[0] = b[0],
                            _ => {
                                return Err(struct_error(
                                    vm,
                                    "char format requires a bytes object of length 1",
                                ))
                            }
                        },
                        '?' => field[0] = vm.truthy(value)? as u8,
                        'e' => {
                            return Err(struct_error(vm, "the 'e' format is not supported by pymm"))
                        }
                        'f' | 'd' => put_float(vm, field, value, layout.little)?,
                        _ => put_int(vm, field, value, code, layout.little)?,
                    }
                }
            }
        }
    }
    Ok(vm.bytes(out))
}

/// The bytes of a bytes or bytearray `buffer` (the bytearray's copied, so that no borrow
/// is held while values are made), or CPython's TypeError.
fn buffer_arg<'a>(vm: &Vm, buffer: &'a PyRef) -> PyResult<std::borrow::Cow<'a, [u8]>> {
    match &**buffer {
        Obj::Bytes(b) => Ok(std::borrow::Cow::Borrowed(&b[..])),
        Obj::ByteArray(b) => Ok(std::borrow::Cow::Owned(b.borrow().clone())),
        _ => Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(buffer)
        ))),
    }
}

/// `unpack(format, buffer)`: the tuple of values of a buffer exactly the format's size.
fn unpack(vm: &Vm, a: Args<'_>) -> PyResult {
    if !a.kwnames.is_empty() {
        return Err(vm.type_error("_struct.unpack() takes no keyword arguments"));
    }
    if a.pos.len() != 2 {
        let given = a.pos.len();
        return Err(vm.type_error(format!("unpack expected 2 arguments, got {given}")));
    }
    let layout = layout_arg(vm, &a)?;
    let data = buffer_arg(vm, &a.pos[1])?;
    if data.len() != layout.size {
        return Err(struct_error(
            vm,
            format!("unpack requires a buffer of {} bytes", layout.size),
        ));
    }
    values(vm, &layout, &data)
}

/// `unpack_from(format, buffer, offset=0)`: the tuple of values at `offset`.
fn unpack_from(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "unpack_from", 2, 3, &["offset"])?;
    let layout = layout_arg(vm, &a)?;
    let data = buffer_arg(vm, &a.pos[1])?;
    let offset = a
        .get(2, "offset")
        .and_then(|o| o.as_i64())
        .unwrap_or(0)
        .max(0) as usize;
    if data.len() < offset + layout.size {
        return Err(struct_error(
            vm,
            format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at \
                 offset {offset} (actual buffer size is {})",
                offset + layout.size,
                layout.size,
                data.len()
            ),
        ));
    }
    values(vm, &layout, &data[offset..])
}

/// The values of `layout` read from `data` (at least its size), as a tuple.
fn values(vm: &Vm, layout: &Layout, data: &[u8]) -> PyResult {
    let mut out = Vec::with_capacity(layout.values);
    for item in &layout.items {
        let one = item.width;
        match item.code {
            'x' => {}
            's' => out.push(vm.bytes(&data[item.offset..item.offset + item.count])),
            'p' => {
                let field = &data[item.offset..item.offset + item.count];
                let n = field
                    .first()
                    .map_or(0, |&n| (n as usize).min(item.count.saturating_sub(1)));
                out.push(vm.bytes(&field[1.min(field.len())..1 + n]));
            }
            code => {
                for k in 0..item.count {
                    let at = item.offset + k * one;
                    // one value is at most 8 bytes: copied to the stack, little end first
                    let mut wide = [0u8; 8];
                    let field = &mut wide[..one];
                    field.copy_from_slice(&data[at..at + one]);
                    if !layout.little {
                        field.reverse();
                    }
                    out.push(match code {
                        'c' => vm.bytes([field[0]]),
                        '?' => vm.bool(field[0] != 0),
                        'f' => vm.float(f64::from(f32::from_le_bytes([
                            field[0], field[1], field[2], field[3],
                        ]))),
                        'd' => vm.float(f64::from_le_bytes(wide)),
                        c => unpack_int(vm, field, c.is_ascii_uppercase())?,
                    });
                }
            }
        }
    }
    vm.new_tuple(out)
}

/// An int from its little-endian bytes: through an i128 (every field is at most 8 bytes),
/// a BigInt only for an unsigned 8-byte value past i64.
fn unpack_int(vm: &Vm, field: &[u8], unsigned: bool) -> PyResult {
    let negative = !unsigned && field.last().is_some_and(|b| b & 0x80 != 0);
    let mut wide = [if negative { 0xff } else { 0 }; 16];
    wide[..field.len()].copy_from_slice(field);
    let value = i128::from_le_bytes(wide);
    match i64::try_from(value) {
        Ok(small) => vm.new_int(small),
        Err(_) => vm.new_bigint(BigInt::from(value)),
    }
}

/// Creates the module.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("_struct")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}
