//! The decoder half of `_json`: `scanstring(s, end, strict=True)` and the scanner
//! `make_scanner(context)` returns, which reads one JSON value of `s` at a position as
//! CPython's `scan_once_unicode` does (same grammar, hooks, positions and errors).
//!
//! Python positions count characters; the scanner walks the UTF-8 bytes (every JSON token
//! is ASCII) and converts positions only where Python sees them: at the call's start and
//! end, and in errors.

use std::borrow::Cow;
use std::collections::HashMap;

use num_bigint::BigInt;
use num_traits::Num;

use super::str_arg;
use crate::objects::{Obj, PyRef};
use crate::rt::Gc;
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyErr, PyResult, Vm};

/// The scanner `make_scanner` returns: `scan_once` bound to the decoder's settings.
static SCAN_ONCE: BuiltinFn = BuiltinFn::new("scan_once", scan_once);

/// The settings tuple the scanner is bound to, in this order.
const SETTINGS: [&str; 6] = [
    "strict",
    "object_hook",
    "object_pairs_hook",
    "parse_float",
    "parse_int",
    "parse_constant",
];

/// `make_scanner(context)`: a scanner reading the settings of `context` (a JSONDecoder)
/// once, as CPython's `scanner_new`; calling it as `scanner(s, idx)` returns
/// `(value, end)` or raises StopIteration(idx) when no value starts at `idx`.
pub fn make_scanner(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "make_scanner", 1, 1, &[])?;
    let context = &a.pos[0];
    let mut settings = Vec::with_capacity(SETTINGS.len());
    for name in SETTINGS {
        settings.push(vm.get_attr(context, &vm.intern(name))?);
    }
    settings[0] = vm.bool(vm.truthy(&settings[0])?);
    let settings = vm.new_tuple(settings)?;
    vm.alloc(Obj::BoundBuiltin(Box::new((settings, &SCAN_ONCE))))
}

/// `scanner(s, idx)`: the receiver is the settings tuple.
fn scan_once(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "scan_once", 3, 3, &[])?;
    let Obj::Tuple(settings) = &*a.pos[0] else {
        return Err(vm.type_error("scan_once needs its settings"));
    };
    let doc = &a.pos[1];
    let text = str_arg(vm, doc, "first argument must be a string")?;
    let idx = position_arg(vm, &a.pos[2])?;
    if idx < 0 {
        return Err(vm.value_error("idx cannot be negative"));
    }
    let mut scanner = Scanner::new(vm, doc, text, settings.to_vec());
    let Some(start) = scanner.byte_of(idx as usize) else {
        return Err(vm.stop_iteration(vm.new_int(idx)?));
    };
    let (value, end) = scanner.scan(start)?;
    vm.new_tuple(vec![value, vm.new_int(scanner.char_of(end) as i64)?])
}

/// `scanstring(s, end, strict=True)`: the str whose opening quote is at `end - 1`, and the
/// position after its closing quote.
pub fn scanstring(vm: &Vm, a: Args<'_>) -> PyResult {
    if !a.kwnames.is_empty() {
        return Err(vm.type_error("scanstring() takes no keyword arguments"));
    }
    a.check(vm, "scanstring", 2, 3, &[])?;
    let doc = &a.pos[0];
    let text = str_arg(vm, doc, "first argument must be a string")?;
    let end = position_arg(vm, &a.pos[1])?;
    let strict = match a.pos.get(2) {
        Some(flag) => vm.truthy(flag)?,
        None => true,
    };
    let settings = vec![
        vm.bool(strict),
        vm.none(),
        vm.none(),
        vm.none(),
        vm.none(),
        vm.none(),
    ];
    let scanner = Scanner::new(vm, doc, text, settings);
    let start = (end >= 0)
        .then(|| scanner.byte_of(end as usize))
        .flatten()
        .or_else(|| (end >= 0 && end as usize == scanner.char_len()).then_some(text.len()))
        .ok_or_else(|| vm.value_error("end is out of bounds"))?;
    let (value, after) = scanner.string(start)?;
    vm.new_tuple(vec![value, vm.new_int(scanner.char_of(after) as i64)?])
}

/// A position argument (an int).
fn position_arg(vm: &Vm, obj: &PyRef) -> PyResult<i64> {
    match &**vm.builtin_receiver(obj) {
        Obj::Int(i) => Ok(*i),
        Obj::Bool(b) => Ok(*b as i64),
        Obj::BigInt(_) => Err(vm.new_exc(
            crate::vm::Exc::OverflowError,
            "Python int too large to convert to C ssize_t",
        )),
        _ => Err(vm.not_an_integer(obj)),
    }
}

/// One scan of a document.
struct Scanner<'a> {
    vm: &'a Vm,
    doc: &'a PyRef,
    text: &'a str,
    bytes: &'a [u8],
    /// The text is ASCII: character and byte positions agree.
    ascii: bool,
    strict: bool,
    object_hook: Option<PyRef>,
    object_pairs_hook: Option<PyRef>,
    /// None: the built-in float (parsed here).
    parse_float: Option<PyRef>,
    /// None: the built-in int (parsed here).
    parse_int: Option<PyRef>,
    parse_constant: PyRef,
    /// Object keys met so far, so that equal keys share one str (CPython's memo, which it
    /// clears after every call).
    memo: HashMap<Box<str>, PyRef>,
}

/// JSON whitespace.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The value of a hex digit.
fn hex_value(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

impl<'a> Scanner<'a> {
    fn new(vm: &'a Vm, doc: &'a PyRef, text: &'a str, settings: Vec<PyRef>) -> Self {
        let hook = |obj: &PyRef| (!vm.is_none(obj)).then(|| obj.clone());
        let unless =
            |obj: &PyRef, builtin: &PyRef| (!Gc::ptr_eq(obj, builtin)).then(|| obj.clone());
        Scanner {
            vm,
            doc,
            text,
            bytes: text.as_bytes(),
            ascii: text.is_ascii(),
            strict: matches!(&*settings[0], Obj::Bool(true)),
            object_hook: hook(&settings[1]),
            object_pairs_hook: hook(&settings[2]),
            parse_float: hook(&settings[3]).and_then(|f| unless(&f, &vm.types.float)),
            parse_int: hook(&settings[4]).and_then(|f| unless(&f, &vm.types.int)),
            parse_constant: settings[5].clone(),
            memo: HashMap::new(),
        }
    }

    /// The byte offset of character `index`, if it is inside the text.
    fn byte_of(&self, index: usize) -> Option<usize> {
        if self.ascii {
            return (index < self.bytes.len()).then_some(index);
        }
        self.text.char_indices().nth(index).map(|(at, _)| at)
    }

    /// The character index of byte offset `at` (a character boundary).
    fn char_of(&self, at: usize) -> usize {
        if self.ascii {
            at
        } else {
            self.text[..at].chars().count()
        }
    }

    fn char_len(&self) -> usize {
        self.char_of(self.bytes.len())
    }

    /// `json.JSONDecodeError(msg, doc, pos)` at byte offset `at`.
    fn error(&self, msg: &str, at: usize) -> PyErr {
        self.error_at_char(msg, self.char_of(at) as i64)
    }

    /// "Unterminated string starting at" the quote just before byte offset `start` (at -1
    /// when `scanstring` was asked to start at 0, as CPython reports it).
    fn unterminated(&self, start: usize) -> PyErr {
        self.error_at_char(
            "Unterminated string starting at",
            self.char_of(start) as i64 - 1,
        )
    }

    /// `json.JSONDecodeError(msg, doc, pos)` at character `pos`.
    fn error_at_char(&self, msg: &str, pos: i64) -> PyErr {
        let vm = self.vm;
        let raised = (|| {
            let json = vm.import_absolute("json")?;
            let class = vm.get_attr(&json, &vm.intern("JSONDecodeError"))?;
            vm.call(&class, &[vm.str(msg)?, self.doc.clone(), vm.new_int(pos)?])
        })();
        match raised {
            Ok(exc) => PyErr(exc),
            Err(err) => err,
        }
    }

    /// StopIteration(pos): no value starts at byte offset `at`.
    fn no_value(&self, at: usize) -> PyErr {
        match self.vm.new_int(self.char_of(at) as i64) {
            Ok(pos) => self.vm.stop_iteration(pos),
            Err(err) => err,
        }
    }

    fn skip_space(&self, mut at: usize) -> usize {
        while at < self.bytes.len() && is_space(self.bytes[at]) {
            at += 1;
        }
        at
    }

    /// One value at byte offset `at`: (value, offset after it).
    fn scan(&mut self, at: usize) -> PyResult<(PyRef, usize)> {
        let vm = self.vm;
        let rest = &self.bytes[at.min(self.bytes.len())..];
        let Some(&first) = rest.first() else {
            return Err(self.no_value(at));
        };
        match first {
            b'"' => return self.string(at + 1),
            b'{' => {
                let context = " while decoding a JSON object from a unicode string";
                return vm.nested_call(context, || self.object(at + 1));
            }
            b'[' => {
                let context = " while decoding a JSON array from a unicode string";
                return vm.nested_call(context, || self.array(at + 1));
            }
            b'n' if rest.starts_with(b"null") => return Ok((vm.none(), at + 4)),
            b't' if rest.starts_with(b"true") => return Ok((vm.bool(true), at + 4)),
            b'f' if rest.starts_with(b"false") => return Ok((vm.bool(false), at + 5)),
            b'N' if rest.starts_with(b"NaN") => return self.constant("NaN", at),
            b'I' if rest.starts_with(b"Infinity") => return self.constant("Infinity", at),
            b'-' if rest.starts_with(b"-Infinity") => return self.constant("-Infinity", at),
            _ => {}
        }
        self.number(at)
    }

    /// `parse_constant(name)` for NaN, Infinity and -Infinity.
    fn constant(&self, name: &str, at: usize) -> PyResult<(PyRef, usize)> {
        let value = self.vm.call(&self.parse_constant, &[self.vm.str(name)?])?;
        Ok((value, at + name.len()))
    }

    /// A number at `start`, matched as CPython's `_match_number_unicode` does.
    fn number(&self, start: usize) -> PyResult<(PyRef, usize)> {
        let b = self.bytes;
        let digit = |at: usize| at < b.len() && b[at].is_ascii_digit();
        let digits_from = |mut at: usize| {
            while digit(at) {
                at += 1;
            }
            at
        };
        let mut at = start;
        if b[at] == b'-' {
            at += 1;
        }
        match b.get(at) {
            Some(b'1'..=b'9') => at = digits_from(at + 1),
            Some(b'0') => at += 1,
            _ => return Err(self.no_value(start)),
        }
        let mut is_float = false;
        if at + 1 < b.len() && b[at] == b'.' && digit(at + 1) {
            is_float = true;
            at = digits_from(at + 2);
        }
        if at + 1 < b.len() && matches!(b[at], b'e' | b'E') {
            let mut exp = at + 1;
            if exp + 1 < b.len() && matches!(b[exp], b'-' | b'+') {
                exp += 1;
            }
            let end = digits_from(exp);
            // no digit after the 'e' (and sign): the number ends before the 'e'
            if end > exp {
                is_float = true;
                at = end;
            }
        }
        let literal = &self.text[start..at];
        let vm = self.vm;
        let value = match (is_float, &self.parse_float, &self.parse_int) {
            (true, Some(hook), _) | (false, _, Some(hook)) => vm.call(hook, &[vm.str(literal)?])?,
            (true, None, _) => vm.float(literal.parse::<f64>().unwrap_or(f64::NAN)),
            (false, _, None) => match literal.parse::<i64>() {
                Ok(i) => vm.new_int(i)?,
                Err(_) => vm.new_bigint(BigInt::from_str_radix(literal, 10).unwrap_or_default())?,
            },
        };
        Ok((value, at))
    }

    /// The str whose opening quote is just before `start`: (str, offset after the
    /// closing quote).
    fn string(&self, start: usize) -> PyResult<(PyRef, usize)> {
        let (text, end) = self.string_text(start)?;
        Ok((self.vm.str(text)?, end))
    }

    /// The text of the str whose opening quote is just before `start`, borrowed from the
    /// document when it has no escapes.
    fn string_text(&self, start: usize) -> PyResult<(Cow<'a, str>, usize)> {
        let (b, len) = (self.bytes, self.bytes.len());
        let mut decoded: Option<String> = None;
        let mut end = start;
        loop {
            let mut next = end;
            while next < len && b[next] != b'"' && b[next] != b'\\' {
                if b[next] <= 0x1f && self.strict {
                    return Err(self.error("Invalid control character at", next));
                }
                next += 1;
            }
            if next == len {
                return Err(self.unterminated(start));
            }
            let chunk = &self.text[end..next];
            if b[next] == b'"' {
                return Ok(match decoded {
                    None => (Cow::Borrowed(chunk), next + 1),
                    Some(mut text) => {
                        text.push_str(chunk);
                        (Cow::Owned(text), next + 1)
                    }
                });
            }
            let text = decoded.get_or_insert_with(String::new);
            text.push_str(chunk);
            let (c, after) = self.escape(next, start)?;
            text.push(c);
            end = after;
        }
    }

    /// The character the escape at `backslash` stands for, and the offset after it (in
    /// the str whose text starts at `start`).
    fn escape(&self, backslash: usize, start: usize) -> PyResult<(char, usize)> {
        let b = self.bytes;
        let Some(&kind) = b.get(backslash + 1) else {
            return Err(self.unterminated(start));
        };
        let simple = match kind {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(backslash + 1),
            _ => return Err(self.error("Invalid \\escape", backslash)),
        };
        Ok((simple, backslash + 2))
    }

    /// A `\uXXXX` escape whose `u` is at `u`, joined with a following low surrogate escape
    /// when it is a high one.
    fn unicode_escape(&self, u: usize) -> PyResult<(char, usize)> {
        let b = self.bytes;
        let mut end = u + 5;
        if end >= b.len() {
            return Err(self.error("Invalid \\uXXXX escape", u));
        }
        let mut unit = self.hex4(u)?;
        if (0xd800..=0xdbff).contains(&unit) && end + 6 < b.len() && &b[end..end + 2] == b"\\u" {
            let low = self.hex4(end + 1)?;
            if (0xdc00..=0xdfff).contains(&low) {
                unit = 0x10000 + (((unit - 0xd800) << 10) | (low - 0xdc00));
                end += 6;
            }
        }
        Ok((lone_surrogate_free(unit), end))
    }

    /// The four hex digits after the `u` at `u`.
    fn hex4(&self, u: usize) -> PyResult<u32> {
        let mut unit = 0;
        for &d in &self.bytes[u + 1..u + 5] {
            let Some(v) = hex_value(d) else {
                return Err(self.error("Invalid \\uXXXX escape", u));
            };
            unit = unit << 4 | v;
        }
        Ok(unit)
    }

    /// An object whose `{` is just before `start`.
    fn object(&mut self, start: usize) -> PyResult<(PyRef, usize)> {
        let vm = self.vm;
        let b = self.bytes;
        let mut pairs: Vec<(PyRef, PyRef)> = Vec::new();
        let mut at = self.skip_space(start);
        if b.get(at) != Some(&b'}') {
            loop {
                if b.get(at) != Some(&b'"') {
                    let msg = "Expecting property name enclosed in double quotes";
                    return Err(self.error(msg, at));
                }
                let (key, after) = self.string_text(at + 1)?;
                let key = self.memo_key(key)?;
                at = self.skip_space(after);
                if b.get(at) != Some(&b':') {
                    return Err(self.error("Expecting ':' delimiter", at));
                }
                at = self.skip_space(at + 1);
                let (value, after) = self.scan(at)?;
                pairs.push((key, value));
                at = self.skip_space(after);
                match b.get(at) {
                    Some(b'}') => break,
                    Some(b',') => at = self.skip_space(at + 1),
                    _ => return Err(self.error("Expecting ',' delimiter", at)),
                }
            }
        }
        let end = at + 1;
        if let Some(hook) = &self.object_pairs_hook {
            let items = pairs
                .into_iter()
                .map(|(k, v)| vm.new_tuple(vec![k, v]))
                .collect::<PyResult<Vec<_>>>()?;
            return Ok((vm.call(hook, &[vm.list(items)?])?, end));
        }
        let dict = vm.dict()?;
        for (key, value) in pairs {
            vm.dict_set(&dict, key, value)?;
        }
        match &self.object_hook {
            Some(hook) => Ok((vm.call(hook, &[dict])?, end)),
            None => Ok((dict, end)),
        }
    }

    /// The shared str for an object key.
    fn memo_key(&mut self, key: Cow<'a, str>) -> PyResult {
        if let Some(found) = self.memo.get(&*key) {
            return Ok(found.clone());
        }
        let obj = self.vm.str(&key)?;
        self.memo.insert(key.into(), obj.clone());
        Ok(obj)
    }

    /// An array whose `[` is just before `start`.
    fn array(&mut self, start: usize) -> PyResult<(PyRef, usize)> {
        let b = self.bytes;
        let mut values = Vec::new();
        let mut at = self.skip_space(start);
        if b.get(at) != Some(&b']') {
            loop {
                let (value, after) = self.scan(at)?;
                values.push(value);
                at = self.skip_space(after);
                match b.get(at) {
                    Some(b']') => break,
                    Some(b',') => at = self.skip_space(at + 1),
                    _ => return Err(self.error("Expecting ',' delimiter", at)),
                }
            }
        }
        Ok((self.vm.list(values)?, at + 1))
    }
}

/// The character of UTF-16 unit or code point `unit`. pymm's str holds UTF-8 text, which
/// has no room for a lone surrogate (CPython keeps one in the str): it becomes U+FFFD, the
/// replacement character, as a UTF-8 decoder reads one.
fn lone_surrogate_free(unit: u32) -> char {
    char::from_u32(unit).unwrap_or('\u{fffd}')
}
