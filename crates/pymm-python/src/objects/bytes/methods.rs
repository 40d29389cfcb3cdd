//! The `bytes` methods that read the bytes as ASCII, as CPython's `Objects/bytes_methods.c`:
//! character classes and case changes know only the ASCII letters, digits and whitespace (a
//! byte above 0x7f is none of them), padding and stripping work on bytes, and the two
//! translation helpers build and apply 256-byte tables.

use super::via_str;
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

/// What `bytes.split()`, `strip()` and `isspace()` count as whitespace.
const WHITESPACE: &[u8] = b" \t\n\r\x0b\x0c";

/// `bytes` methods (`bytes_methods`). The searches are done on the bytes ([`super::search`]);
/// the others that only cut run the str method on the bytes read as Latin-1 (one char per
/// byte, so positions and lengths agree).
pub(crate) static METHODS: &[BuiltinFn] = &[
    BuiltinFn::new("decode", super::decode),
    BuiltinFn::new("hex", super::hex),
    BuiltinFn::new("split", |vm, a| via_str(vm, a, "split")),
    BuiltinFn::new("rsplit", |vm, a| via_str(vm, a, "rsplit")),
    BuiltinFn::new("join", super::join).args(1, 1),
    BuiltinFn::new("replace", |vm, a| via_str(vm, a, "replace")),
    BuiltinFn::new("startswith", |vm, a| via_str(vm, a, "startswith")),
    BuiltinFn::new("endswith", |vm, a| via_str(vm, a, "endswith")),
    BuiltinFn::new("find", super::search::find),
    BuiltinFn::new("rfind", super::search::rfind),
    BuiltinFn::new("index", super::search::index),
    BuiltinFn::new("rindex", super::search::rindex),
    BuiltinFn::new("count", super::search::count),
    BuiltinFn::new("removeprefix", |vm, a| via_str(vm, a, "removeprefix")),
    BuiltinFn::new("removesuffix", |vm, a| via_str(vm, a, "removesuffix")),
    BuiltinFn::new("expandtabs", |vm, a| via_str(vm, a, "expandtabs")),
    BuiltinFn::new("isalnum", |vm, a| {
        test_all(vm, a, u8::is_ascii_alphanumeric)
    })
    .args(0, 0),
    BuiltinFn::new("isalpha", |vm, a| test_all(vm, a, u8::is_ascii_alphabetic)).args(0, 0),
    BuiltinFn::new("isdigit", |vm, a| test_all(vm, a, u8::is_ascii_digit)).args(0, 0),
    BuiltinFn::new("isspace", |vm, a| {
        test_all(vm, a, |c| WHITESPACE.contains(c))
    })
    .args(0, 0),
    BuiltinFn::new("isascii", |vm, a| Ok(vm.bool(data(&a)?.is_ascii()))).args(0, 0),
    BuiltinFn::new("islower", |vm, a| cased(vm, a, false)).args(0, 0),
    BuiltinFn::new("isupper", |vm, a| cased(vm, a, true)).args(0, 0),
    BuiltinFn::new("istitle", istitle).args(0, 0),
    BuiltinFn::new("upper", |vm, a| {
        map_bytes(vm, a, |b| b.to_ascii_uppercase())
    })
    .args(0, 0),
    BuiltinFn::new("lower", |vm, a| {
        map_bytes(vm, a, |b| b.to_ascii_lowercase())
    })
    .args(0, 0),
    BuiltinFn::new("swapcase", |vm, a| map_bytes(vm, a, swapcase)).args(0, 0),
    BuiltinFn::new("capitalize", capitalize).args(0, 0),
    BuiltinFn::new("title", title).args(0, 0),
    BuiltinFn::new("strip", |vm, a| strip(vm, a, true, true)).args(0, 1),
    BuiltinFn::new("lstrip", |vm, a| strip(vm, a, true, false)).args(0, 1),
    BuiltinFn::new("rstrip", |vm, a| strip(vm, a, false, true)).args(0, 1),
    BuiltinFn::new("ljust", |vm, a| pad(vm, a, "ljust", Align::Left)).args(1, 2),
    BuiltinFn::new("rjust", |vm, a| pad(vm, a, "rjust", Align::Right)).args(1, 2),
    BuiltinFn::new("center", |vm, a| pad(vm, a, "center", Align::Center)).args(1, 2),
    BuiltinFn::new("zfill", zfill).args(1, 1),
    BuiltinFn::new("partition", |vm, a| partition(vm, a, false)).args(1, 1),
    BuiltinFn::new("rpartition", |vm, a| partition(vm, a, true)).args(1, 1),
    BuiltinFn::new("splitlines", splitlines),
    BuiltinFn::new("translate", translate).args(1, 2),
    BuiltinFn::static_method("maketrans", maketrans),
    BuiltinFn::static_method("fromhex", fromhex),
];

/// The receiver's bytes.
fn data<'a>(a: &Args<'a>) -> PyResult<&'a [u8]> {
    match a.pos.first().map(|v| &**v) {
        Some(Obj::Bytes(b)) => Ok(b),
        _ => unreachable!("a bytes method is bound to a bytes"),
    }
}

/// A bytes-like argument (`bytes` or `bytearray`), copied; CPython's TypeError otherwise.
fn bytes_arg(vm: &Vm, arg: &PyRef) -> PyResult<Vec<u8>> {
    super::bytes_like(arg).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(arg)
        ))
    })
}

fn test_all(vm: &Vm, a: Args<'_>, test: impl Fn(&u8) -> bool) -> PyResult {
    let b = data(&a)?;
    Ok(vm.bool(!b.is_empty() && b.iter().all(test)))
}

/// A test of one byte.
type ByteTest = fn(&u8) -> bool;

/// `islower()` / `isupper()`: some cased byte, and none of the other case.
fn cased(vm: &Vm, a: Args<'_>, upper: bool) -> PyResult {
    let b = data(&a)?;
    let (this, other) = match upper {
        true => (
            u8::is_ascii_uppercase as ByteTest,
            u8::is_ascii_lowercase as ByteTest,
        ),
        false => (
            u8::is_ascii_lowercase as ByteTest,
            u8::is_ascii_uppercase as ByteTest,
        ),
    };
    Ok(vm.bool(b.iter().any(this) && !b.iter().any(other)))
}

/// `istitle()`: uppercase bytes only after uncased ones, lowercase only after cased ones,
/// and at least one cased byte.
fn istitle(vm: &Vm, a: Args<'_>) -> PyResult {
    let (mut previous_cased, mut any_cased) = (false, false);
    for c in data(&a)? {
        if c.is_ascii_uppercase() {
            if previous_cased {
                return Ok(vm.bool(false));
            }
            (previous_cased, any_cased) = (true, true);
        } else if c.is_ascii_lowercase() {
            if !previous_cased {
                return Ok(vm.bool(false));
            }
            (previous_cased, any_cased) = (true, true);
        } else {
            previous_cased = false;
        }
    }
    Ok(vm.bool(any_cased))
}

fn map_bytes(vm: &Vm, a: Args<'_>, f: impl Fn(u8) -> u8) -> PyResult {
    Ok(vm.bytes(data(&a)?.iter().map(|&c| f(c)).collect::<Vec<u8>>()))
}

fn swapcase(c: u8) -> u8 {
    if c.is_ascii_uppercase() {
        c.to_ascii_lowercase()
    } else {
        c.to_ascii_uppercase()
    }
}

fn capitalize(vm: &Vm, a: Args<'_>) -> PyResult {
    let b = data(&a)?;
    let out: Vec<u8> = b
        .iter()
        .enumerate()
        .map(|(i, c)| match i {
            0 => c.to_ascii_uppercase(),
            _ => c.to_ascii_lowercase(),
        })
        .collect();
    Ok(vm.bytes(out))
}

/// `title()`: a letter after a non-letter is uppercased, one after a letter lowercased.
fn title(vm: &Vm, a: Args<'_>) -> PyResult {
    let mut previous_cased = false;
    let out: Vec<u8> = data(&a)?
        .iter()
        .map(|&c| {
            let mapped = if previous_cased {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            };
            previous_cased = c.is_ascii_alphabetic();
            mapped
        })
        .collect();
    Ok(vm.bytes(out))
}

/// `strip([chars])` and its one-sided forms: ASCII whitespace when `chars` is absent or None.
fn strip(vm: &Vm, a: Args<'_>, left: bool, right: bool) -> PyResult {
    let b = data(&a)?;
    let chars = match a.pos.get(1) {
        Some(c) if !vm.is_none(c) => bytes_arg(vm, c)?,
        _ => WHITESPACE.to_vec(),
    };
    let strip_here = |c: &u8| chars.contains(c);
    let start = match left {
        true => b.iter().position(|c| !strip_here(c)).unwrap_or(b.len()),
        false => 0,
    };
    let end = match right {
        true => b
            .iter()
            .rposition(|c| !strip_here(c))
            .map_or(start, |i| i + 1),
        false => b.len(),
    };
    Ok(vm.bytes(&b[start..end.max(start)]))
}

#[derive(Clone, Copy)]
enum Align {
    Left,
    Right,
    Center,
}

/// `ljust` / `rjust` / `center(width[, fillbyte])`.
fn pad(vm: &Vm, a: Args<'_>, name: &str, align: Align) -> PyResult {
    let b = data(&a)?;
    let width = vm.index_value(&a.pos[1], "")?.max(0) as usize;
    let fill = match a.pos.get(2) {
        Some(f) => match bytes_arg(vm, f)?.as_slice() {
            [one] => *one,
            _ => {
                return Err(vm.type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    vm.type_name(f)
                )))
            }
        },
        None => b' ',
    };
    if width <= b.len() {
        return Ok(vm.bytes(b));
    }
    let total = width - b.len();
    let left = match align {
        Align::Left => 0,
        Align::Right => total,
        // CPython's `pad`: the odd byte goes left when the width is odd
        Align::Center => total / 2 + (total & width & 1),
    };
    vm.reserve(width)?;
    let mut out = vec![fill; left];
    out.extend_from_slice(b);
    out.resize(width, fill);
    Ok(vm.bytes(out))
}

/// `zfill(width)`: zeros after a leading sign.
fn zfill(vm: &Vm, a: Args<'_>) -> PyResult {
    let b = data(&a)?;
    let width = vm.index_value(&a.pos[1], "")?.max(0) as usize;
    if width <= b.len() {
        return Ok(vm.bytes(b));
    }
    vm.reserve(width)?;
    let (sign, digits) = match b.first() {
        Some(&c @ (b'+' | b'-')) => (Some(c), &b[1..]),
        _ => (None, b),
    };
    let mut out: Vec<u8> = sign.into_iter().collect();
    out.resize(width - digits.len(), b'0');
    out.extend_from_slice(digits);
    Ok(vm.bytes(out))
}

/// `partition(sep)` / `rpartition(sep)`.
fn partition(vm: &Vm, a: Args<'_>, from_right: bool) -> PyResult {
    let b = data(&a)?;
    let sep = bytes_arg(vm, &a.pos[1])?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let mut starts = b.windows(sep.len());
    let at = match from_right {
        true => starts.rposition(|w| w == sep.as_slice()),
        false => starts.position(|w| w == sep.as_slice()),
    };
    let parts: [&[u8]; 3] = match at {
        Some(i) => [&b[..i], &sep, &b[i + sep.len()..]],
        None if from_right => [b"", b"", b],
        None => [b, b"", b""],
    };
    vm.new_tuple(parts.iter().map(|p| vm.bytes(p)).collect())
}

/// `splitlines(keepends=False)`: lines end at `\n`, `\r` or `\r\n` (no other byte).
fn splitlines(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "splitlines", 1, 2, &["keepends"])?;
    let b = data(&a)?;
    let keepends = match a.get(1, "keepends") {
        Some(k) => vm.truthy(k)?,
        None => false,
    };
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let end_len = match (b[i], b.get(i + 1)) {
            (b'\r', Some(b'\n')) => 2,
            (b'\r' | b'\n', _) => 1,
            _ => 0,
        };
        if end_len == 0 {
            i += 1;
            continue;
        }
        let end = if keepends { i + end_len } else { i };
        lines.push(vm.bytes(&b[start..end]));
        i += end_len;
        start = i;
    }
    if start < b.len() {
        lines.push(vm.bytes(&b[start..]));
    }
    vm.list(lines)
}

/// `translate(table, /, delete=b'')`: deletes the bytes in `delete`, maps the others
/// through the 256-byte `table` (None: unchanged).
fn translate(vm: &Vm, a: Args<'_>) -> PyResult {
    let b = data(&a)?;
    let table = match &a.pos[1] {
        t if vm.is_none(t) => None,
        t => {
            let table = bytes_arg(vm, t)?;
            if table.len() != 256 {
                return Err(vm.value_error("translation table must be 256 characters long"));
            }
            Some(table)
        }
    };
    let delete = match a.get(2, "delete") {
        Some(d) => bytes_arg(vm, d)?,
        None => Vec::new(),
    };
    let out: Vec<u8> = b
        .iter()
        .filter(|c| !delete.contains(c))
        .map(|&c| table.as_ref().map_or(c, |t| t[c as usize]))
        .collect();
    Ok(vm.bytes(out))
}

/// `bytes.maketrans(frm, to)`: the table mapping each byte of `frm` to the one of `to` at
/// the same position, every other byte to itself.
fn maketrans(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "maketrans", 2, 2, &[])?;
    let (from, to) = (bytes_arg(vm, &a.pos[0])?, bytes_arg(vm, &a.pos[1])?);
    if from.len() != to.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (f, t) in from.iter().zip(&to) {
        table[*f as usize] = *t;
    }
    Ok(vm.bytes(table))
}

/// `bytes.fromhex(string)`: pairs of hex digits, ASCII whitespace allowed between pairs.
fn fromhex(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "fromhex", 1, 1, &[])?;
    let Some(text) = a.pos[0].as_str() else {
        return Err(vm.type_error(format!(
            "fromhex() argument must be str, not {}",
            vm.type_name(&a.pos[0])
        )));
    };
    let digits: Vec<char> = text.chars().collect();
    let bad = |at: usize| {
        vm.value_error(format!(
            "non-hexadecimal number found in fromhex() arg at position {at}"
        ))
    };
    let mut out = Vec::with_capacity(digits.len() / 2);
    let mut i = 0;
    while i < digits.len() {
        if digits[i].is_ascii() && WHITESPACE.contains(&(digits[i] as u8)) {
            i += 1;
            continue;
        }
        let high = digits[i].to_digit(16).ok_or_else(|| bad(i))?;
        let low = digits.get(i + 1).and_then(|c| c.to_digit(16));
        let low = low.ok_or_else(|| bad(i + 1))?;
        out.push((high * 16 + low) as u8);
        i += 2;
    }
    Ok(vm.bytes(out))
}
