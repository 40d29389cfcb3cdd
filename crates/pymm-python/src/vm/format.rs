//! Formatting: f-string fields, `format()`, `str.format`, and `%`-formatting.

use num_bigint::BigInt;

use super::builtin::Args;
use super::{Exc, PyResult, Vm};
use crate::objects::float::value::float_repr;
use crate::objects::{Obj, PyRef};

/// A parsed format spec: `[[fill]align][sign][z][#][0][width][,|_][.precision][type]`.
#[derive(Default, Debug)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    /// `z`: a float that rounds to zero prints without its minus sign.
    no_negative_zero: bool,
    alternate: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    kind: Option<char>,
}

fn parse_spec(spec: &str) -> Option<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == 'z' {
        s.no_negative_zero = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        s.alternate = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        s.width = chars[start..i].iter().collect::<String>().parse().ok()?;
    }
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        s.grouping = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        s.precision = Some(chars[start..i].iter().collect::<String>().parse().ok()?);
    }
    if i < chars.len() {
        s.kind = Some(chars[i]);
        i += 1;
    }
    (i == chars.len()).then_some(s)
}

fn group_digits(digits: &str, sep: char, every: usize) -> String {
    let (int_part, rest) = match digits.find(|c: char| !c.is_ascii_digit()) {
        Some(p) => digits.split_at(p),
        None => (digits, ""),
    };
    let mut out = String::new();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % every == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out + rest
}

impl Vm {
    /// `sign` and `body` padded to the spec's width (MemoryError for a width too big).
    fn pad(&self, body: &str, sign: &str, spec: &Spec, default_align: char) -> PyResult<String> {
        let len = body.chars().count() + sign.chars().count();
        let (fill, align) = if spec.zero && spec.align.is_none() {
            ('0', '=')
        } else {
            (
                spec.fill.unwrap_or(' '),
                spec.align.unwrap_or(default_align),
            )
        };
        if len >= spec.width {
            return Ok(format!("{sign}{body}"));
        }
        let n = spec.width - len;
        match align {
            '<' => self.surround(fill, 0, &format!("{sign}{body}"), n),
            '^' => self.surround(fill, n / 2, &format!("{sign}{body}"), n - n / 2),
            '=' => Ok(format!("{sign}{}", self.surround(fill, n, body, 0)?)),
            _ => self.surround(fill, n, &format!("{sign}{body}"), 0),
        }
    }
}

/// Python's exponent form: mantissa, `e`, sign, at least two digits.
fn sci(v: f64, precision: usize, upper: bool) -> String {
    let s = format!("{:.*e}", precision, v);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = e.parse().unwrap_or(0);
    let out = format!("{m}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    if upper {
        out.to_uppercase()
    } else {
        out
    }
}

fn general(v: f64, precision: usize, alternate: bool, upper: bool) -> String {
    if v == 0.0 {
        return if alternate {
            format!("{:.*}", precision.saturating_sub(1), 0.0)
        } else {
            "0".into()
        };
    }
    let p = precision.max(1);
    let rounded = format!("{:.*e}", p - 1, v);
    let exp: i32 = rounded
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let body = if exp >= -4 && exp < p as i32 {
        format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, v)
    } else {
        sci(v, p - 1, upper)
    };
    if alternate {
        return body;
    }
    strip_zeros(&body)
}

fn strip_zeros(body: &str) -> String {
    let (m, e) = match body.find(['e', 'E']) {
        Some(p) => body.split_at(p),
        None => (body, ""),
    };
    let m = if m.contains('.') {
        m.trim_end_matches('0').trim_end_matches('.')
    } else {
        m
    };
    format!("{m}{e}")
}

impl Vm {
    /// An f-string field: conversion (`!r`, `!s`, `!a`), then the format spec.
    pub fn format_value(&self, v: &PyRef, conv: u8, spec: Option<&PyRef>) -> PyResult {
        let converted = match conv {
            b'r' | b'a' => self.str(self.repr(v)?)?,
            b's' => self.to_str_obj(v)?,
            _ => v.clone(),
        };
        let spec = spec
            .and_then(|s| s.as_str().map(str::to_string))
            .unwrap_or_default();
        if spec.is_empty() && matches!(&*converted, Obj::Str(_)) {
            return Ok(converted);
        }
        let s = self.format(&converted, &spec)?;
        self.str(s)
    }

    /// `format(v, spec)`.
    pub fn format(&self, v: &PyRef, spec: &str) -> PyResult<String> {
        if let Some(m) = self.user_method(v, "__format__") {
            let spec_obj = self.str(spec)?;
            let r = self.call(&m, &[v.clone(), spec_obj])?;
            return self.to_str(&r);
        }
        if spec.is_empty() {
            return self.to_str(v);
        }
        let Some(s) = parse_spec(spec) else {
            return Err(self.value_error("Invalid format specifier"));
        };
        if let Some(precision) = s.precision {
            if precision > i32::MAX as usize {
                return Err(self.value_error("precision too big"));
            }
            self.reserve(precision)?;
        }
        match &**v {
            Obj::Int(_) | Obj::BigInt(_) | Obj::Bool(_) | Obj::Str(_) if s.no_negative_zero => {
                let kind = if v.as_str().is_some() {
                    "string"
                } else {
                    "integer"
                };
                Err(self.value_error(format!(
                    "Negative zero coercion (z) not allowed in {kind} format specifier"
                )))
            }
            Obj::Int(_) | Obj::BigInt(_) | Obj::Bool(_)
                if !matches!(s.kind, Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) =>
            {
                let big = match &**v {
                    Obj::Int(i) => BigInt::from(*i),
                    Obj::Bool(b) => BigInt::from(*b as i64),
                    Obj::BigInt(b) => (**b).clone(),
                    _ => BigInt::default(),
                };
                if s.kind.is_none() && matches!(&**v, Obj::Bool(_)) && s.sign.is_none() {
                    return self.pad(&self.to_str(v)?, "", &s, '<');
                }
                self.format_int(&big, &s)
            }
            Obj::Int(_) | Obj::BigInt(_) | Obj::Bool(_) | Obj::Float(_) => {
                let f = match &**v {
                    Obj::Float(f) => *f,
                    Obj::Int(i) => *i as f64,
                    Obj::Bool(b) => *b as i64 as f64,
                    Obj::BigInt(b) => {
                        num_traits::ToPrimitive::to_f64(&**b).unwrap_or(f64::INFINITY)
                    }
                    _ => 0.0,
                };
                self.format_float(f, &s)
            }
            Obj::Str(text) => {
                if !matches!(s.kind, None | Some('s')) {
                    return Err(self.value_error(format!(
                        "Unknown format code '{}' for object of type 'str'",
                        s.kind.unwrap_or(' ')
                    )));
                }
                let body: String = match s.precision {
                    Some(p) => text.as_str().chars().take(p).collect(),
                    None => text.as_str().to_string(),
                };
                self.pad(&body, "", &s, '<')
            }
            _ => {
                let text = self.to_str(v)?;
                self.pad(&text, "", &s, '<')
            }
        }
    }

    fn format_int(&self, v: &BigInt, s: &Spec) -> PyResult<String> {
        let negative = v.sign() == num_bigint::Sign::Minus;
        let mag = if negative { -v.clone() } else { v.clone() };
        let (digits, prefix) = match s.kind {
            None | Some('d') | Some('n') => (self.int_to_decimal(&mag)?, ""),
            Some('x') => (mag.to_str_radix(16), "0x"),
            Some('X') => (mag.to_str_radix(16).to_uppercase(), "0X"),
            Some('o') => (mag.to_str_radix(8), "0o"),
            Some('b') => (mag.to_str_radix(2), "0b"),
            Some('c') => {
                let Some(c) = num_traits::ToPrimitive::to_u32(v).and_then(char::from_u32) else {
                    return Err(self.new_exc(Exc::OverflowError, "%c arg not in range(0x110000)"));
                };
                return self.pad(&c.to_string(), "", s, '<');
            }
            Some(k) => {
                return Err(self.value_error(format!(
                    "Unknown format code '{k}' for object of type 'int'"
                )))
            }
        };
        let digits = match s.grouping {
            Some(sep) => group_digits(
                &digits,
                sep,
                if matches!(s.kind, None | Some('d')) {
                    3
                } else {
                    4
                },
            ),
            None => digits,
        };
        let sign = match (negative, s.sign) {
            (true, _) => "-",
            (false, Some('+')) => "+",
            (false, Some(' ')) => " ",
            _ => "",
        };
        let prefix = if s.alternate { prefix } else { "" };
        self.pad(&digits, &format!("{sign}{prefix}"), s, '>')
    }

    fn format_float(&self, v: f64, s: &Spec) -> PyResult<String> {
        let negative = v.is_sign_negative() && !v.is_nan();
        let a = v.abs();
        let body = if !a.is_finite() {
            let t = if a.is_nan() { "nan" } else { "inf" };
            if matches!(s.kind, Some('F' | 'E' | 'G')) {
                t.to_uppercase()
            } else {
                t.to_string()
            }
        } else {
            match s.kind {
                Some('f' | 'F') => format!("{:.*}", s.precision.unwrap_or(6), a),
                Some('e' | 'E') => sci(a, s.precision.unwrap_or(6), s.kind == Some('E')),
                Some('g' | 'G') => general(
                    a,
                    s.precision.unwrap_or(6),
                    s.alternate,
                    s.kind == Some('G'),
                ),
                Some('%') => format!("{:.*}%", s.precision.unwrap_or(6), a * 100.0),
                None => match s.precision {
                    Some(p) => {
                        let g = general(a, p, s.alternate, false);
                        if g.contains(['.', 'e', 'n', 'i']) {
                            g
                        } else {
                            format!("{g}.0")
                        }
                    }
                    None => float_repr(a),
                },
                Some(k) => {
                    return Err(self.value_error(format!(
                        "Unknown format code '{k}' for object of type 'float'"
                    )))
                }
            }
        };
        let body = match s.grouping {
            Some(sep) => group_digits(&body, sep, 3),
            None => body,
        };
        let mantissa = body.split(['e', 'E']).next().unwrap_or_default();
        let rounds_to_zero = !mantissa.chars().any(|c| matches!(c, '1'..='9'));
        let negative = negative && !(s.no_negative_zero && rounds_to_zero);
        let sign = match (negative, s.sign) {
            (true, _) => "-",
            (false, Some('+')) => "+",
            (false, Some(' ')) => " ",
            _ => "",
        };
        self.pad(&body, sign, s, '>')
    }

    /// `fmt.format(*args, **kwargs)`.
    pub fn str_format(&self, fmt: &str, args: Args<'_>) -> PyResult<String> {
        let mut out = String::new();
        let mut chars = fmt.chars().peekable();
        let mut auto = 0usize;
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    out.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    out.push('}');
                }
                '{' => {
                    let mut field = String::new();
                    let mut depth = 1;
                    for c in chars.by_ref() {
                        match c {
                            '{' => depth += 1,
                            '}' => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        field.push(c);
                    }
                    out.push_str(&self.format_field(&field, args, &mut auto)?);
                }
                '}' => return Err(self.value_error("Single '}' encountered in format string")),
                c => out.push(c),
            }
        }
        Ok(out)
    }

    fn format_field(&self, field: &str, args: Args<'_>, auto: &mut usize) -> PyResult<String> {
        let (head, spec) = match field.find(':') {
            Some(p) => (&field[..p], &field[p + 1..]),
            None => (field, ""),
        };
        let (name, conv) = match head.find('!') {
            Some(p) => (&head[..p], head[p + 1..].chars().next()),
            None => (head, None),
        };
        let split = name.find(['.', '[']).unwrap_or(name.len());
        let (first, rest) = name.split_at(split);
        let mut value = if first.is_empty() {
            let v = args.pos.get(*auto).cloned();
            *auto += 1;
            v
        } else if let Ok(i) = first.parse::<usize>() {
            args.pos.get(i).cloned()
        } else {
            args.kw(first).cloned()
        }
        .ok_or_else(|| match first.parse::<usize>() {
            Ok(_) | Err(_) if first.is_empty() || first.parse::<usize>().is_ok() => {
                self.index_error("Replacement index out of range for positional args tuple")
            }
            _ => self.key_error(self.intern(first)),
        })?;
        let mut rest = rest;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                value = self.get_attr(&value, &self.intern(&r[..end]))?;
                rest = &r[end..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let end = r.find(']').unwrap_or(r.len());
                let key_text = &r[..end];
                let key = match key_text.parse::<i64>() {
                    Ok(i) => self.new_int(i)?,
                    Err(_) => self.str(key_text)?,
                };
                value = self.get_item(&value, &key)?;
                rest = r.get(end + 1..).unwrap_or("");
            } else {
                break;
            }
        }
        let conv = conv.map(|c| c as u8).unwrap_or(0);
        let spec_obj = self.str(spec)?;
        let formatted = self.format_value(&value, conv, Some(&spec_obj))?;
        Ok(formatted.as_str().unwrap_or("").to_string())
    }

    /// `fmt % args` for a str `fmt`.
    pub fn printf_format(&self, fmt: &str, args: &PyRef) -> PyResult {
        let out = self.printf(fmt, args, false)?;
        self.str(out)
    }

    /// `fmt % args` for a bytes or bytearray `fmt` (PEP 461): as for str, run on the bytes
    /// read as Latin-1 text, with `%s`/`%b` taking bytes-like values (or `__bytes__`), `%r`/`%a`
    /// giving `ascii()`, and `%c` an int in range(256) or one byte.
    pub fn bytes_printf_format(&self, fmt: &[u8], args: &PyRef) -> PyResult<Vec<u8>> {
        let text: String = fmt.iter().map(|&b| char::from(b)).collect();
        let out = self.printf(&text, args, true)?;
        // every character is below 256 by construction: Latin-1 text of bytes, or ASCII
        Ok(out.chars().map(|c| c as u8).collect())
    }

    /// The bytes `%s` or `%b` formats: a bytes-like value's, or what `__bytes__` returns.
    fn percent_b_bytes(&self, value: &PyRef) -> PyResult<Vec<u8>> {
        if let Some(data) = crate::objects::bytes::layout::bytes_like(value) {
            return Ok(data);
        }
        if let Some(convert) = self.user_method(value, "__bytes__") {
            let converted = self.call(&convert, std::slice::from_ref(value))?;
            if let Obj::Bytes(b) = &*converted {
                return Ok(b.to_vec());
            }
        }
        Err(self.type_error(format!(
            "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
            self.type_name(value)
        )))
    }

    /// The character `%c` of a bytes format gives.
    fn percent_c_byte(&self, value: &PyRef) -> PyResult<char> {
        match &**value {
            Obj::Bytes(b) if b.len() == 1 => return Ok(char::from(b[0])),
            Obj::ByteArray(b) if b.borrow().len() == 1 => return Ok(char::from(b.borrow()[0])),
            Obj::Int(_) | Obj::BigInt(_) | Obj::Bool(_) => {}
            _ => {
                return Err(self.type_error("%c requires an integer in range(256) or a single byte"))
            }
        }
        match value.as_i64().and_then(|n| u8::try_from(n).ok()) {
            Some(byte) => Ok(char::from(byte)),
            None => Err(self.new_exc(Exc::OverflowError, "%c arg not in range(256)")),
        }
    }

    /// The mapping `%(key)s` reads, as CPython decides it: a dict, or any other object with
    /// `__getitem__` (a dict subclass, a `UserDict`...) that is no tuple or str.
    fn printf_mapping(&self, args: &PyRef) -> Option<PyRef> {
        match &**args {
            Obj::Dict(_) => Some(args.clone()),
            Obj::Instance(_) => {
                let base = self.builtin_receiver(args);
                let sequence = matches!(&**base, Obj::Tuple(_) | Obj::Str(_));
                let class = self.type_of(args);
                (!sequence && self.class_lookup(&class, "__getitem__").is_some())
                    .then(|| args.clone())
            }
            _ => None,
        }
    }

    /// The printf-style formatting of str and bytes (`bytes` says which).
    fn printf(&self, fmt: &str, args: &PyRef, bytes: bool) -> PyResult<String> {
        // the tuple's items read in place, the format walked by bytes (`%` and what follows
        // it up to the conversion are ASCII), literal runs copied whole
        // (a tuple subclass gives its items, as PyTuple_Check accepts it)
        let items: &[PyRef] = match &**self.builtin_receiver(args) {
            Obj::Tuple(t) => &t[..],
            _ => std::slice::from_ref(args),
        };
        let mapping = self.printf_mapping(args);
        let mut next = 0usize;
        let mut out = String::with_capacity(fmt.len() + 8 * items.len());
        let chars = fmt.as_bytes();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] != b'%' {
                let run = chars[i..]
                    .iter()
                    .position(|&c| c == b'%')
                    .map_or(chars.len(), |p| p + i);
                out.push_str(&fmt[i..run]);
                i = run;
                continue;
            }
            i += 1;
            let mut key = None;
            if chars.get(i) == Some(&b'(') {
                let Some(end) = chars[i..].iter().position(|c| *c == b')').map(|p| p + i) else {
                    return Err(self.value_error("incomplete format key"));
                };
                key = Some(fmt[i + 1..end].to_string());
                i = end + 1;
            }
            let mut flags = String::new();
            while i < chars.len() && b"-+ #0123456789.*".contains(&chars[i]) {
                if chars[i] == b'*' {
                    // a width or precision taken from the arguments
                    let n = items
                        .get(next)
                        .ok_or_else(|| self.type_error("not enough arguments for format string"))?
                        .as_i64()
                        .ok_or_else(|| self.type_error("* wants int"))?;
                    next += 1;
                    if n < 0 && !flags.contains('.') {
                        flags.insert(0, '-');
                    }
                    flags.push_str(&n.unsigned_abs().to_string());
                } else {
                    flags.push(char::from(chars[i]));
                }
                i += 1;
            }
            let Some(kind) = fmt[i..].chars().next() else {
                return Err(self.value_error("incomplete format"));
            };
            i += kind.len_utf8();
            if kind == '%' {
                out.push('%');
                continue;
            }
            let value = match (&key, &mapping) {
                (Some(k), Some(m)) => {
                    let key = if bytes {
                        self.bytes(k.chars().map(|c| c as u8).collect::<Vec<u8>>())
                    } else {
                        self.str(k.as_str())?
                    };
                    // a dict subclass answers through its `__getitem__` or `__missing__`
                    match &**m {
                        Obj::Dict(_)
                            if crate::rt::Gc::ptr_eq(&self.type_of(m), &self.types.dict) =>
                        {
                            self.dict_get_item(m, &key)?
                        }
                        _ => self.get_item(m, &key)?,
                    }
                }
                (Some(_), None) => return Err(self.type_error("format requires a mapping")),
                _ => {
                    let v = items
                        .get(next)
                        .cloned()
                        .ok_or_else(|| self.type_error("not enough arguments for format string"))?;
                    next += 1;
                    v
                }
            };
            let (align, rest) = match flags.strip_prefix('-') {
                Some(r) => ("<", r.to_string()),
                None if matches!(kind, 's' | 'r' | 'a') => (">", flags.clone()),
                None => ("", flags.clone()),
            };
            let spec = match kind {
                's' | 'b' if bytes => {
                    let text: String = self
                        .percent_b_bytes(&value)?
                        .into_iter()
                        .map(char::from)
                        .collect();
                    out.push_str(&self.format(&self.str(text)?, &format!("{align}{rest}"))?);
                    continue;
                }
                'r' | 'a' if bytes => {
                    let text = self.ascii_repr(&value)?;
                    out.push_str(&self.format(&self.str(text)?, &format!("{align}{rest}"))?);
                    continue;
                }
                'c' if bytes => {
                    let c = self.percent_c_byte(&value)?;
                    let text = self.str(c.to_string())?;
                    out.push_str(&self.format(&text, &format!("{align}{rest}"))?);
                    continue;
                }
                // no width or precision (the common `%s`, `%r`, `%d`): the text goes straight
                // in, without a str object made for `format` to pad
                's' if rest.is_empty() => {
                    match &*value {
                        Obj::Str(s) => out.push_str(s.as_str()),
                        _ => out.push_str(&self.to_str(&value)?),
                    }
                    continue;
                }
                'r' if rest.is_empty() => {
                    out.push_str(&self.repr(&value)?);
                    continue;
                }
                'a' if rest.is_empty() => {
                    out.push_str(&self.ascii_repr(&value)?);
                    continue;
                }
                'd' | 'i' | 'u' if rest.is_empty() && matches!(&*value, Obj::Int(_)) => {
                    if let Obj::Int(n) = &*value {
                        out.push_str(&n.to_string());
                    }
                    continue;
                }
                's' => {
                    let s = self.to_str(&value)?;
                    out.push_str(&self.format(&self.str(s)?, &format!("{align}{rest}"))?);
                    continue;
                }
                'r' | 'a' => {
                    let s = if kind == 'a' {
                        self.ascii_repr(&value)?
                    } else {
                        self.repr(&value)?
                    };
                    out.push_str(&self.format(&self.str(s)?, &format!("{align}{rest}"))?);
                    continue;
                }
                'd' | 'i' | 'u' => format!("{align}{rest}d"),
                'x' | 'X' | 'o' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                    format!("{align}{rest}{kind}")
                }
                'c' => format!("{align}{rest}c"),
                other => {
                    return Err(self.value_error(format!("unsupported format character '{other}'")))
                }
            };
            let value = match (&*value, kind) {
                (Obj::Float(f), 'd' | 'i' | 'u' | 'x' | 'X' | 'o') => {
                    self.new_int(f.trunc() as i64)?
                }
                (Obj::Str(s), 'c') if s.char_len() == 1 => {
                    out.push_str(&self.format(&value, &format!("{align}{rest}"))?);
                    continue;
                }
                (Obj::Int(_) | Obj::BigInt(_) | Obj::Bool(_) | Obj::Float(_), _) => value,
                (_, 'c') => return Err(self.type_error("%c requires int or char")),
                (_, 'd' | 'i' | 'u') => {
                    return Err(self.type_error(format!(
                        "%{kind} format: a real number is required, not {}",
                        self.type_name(&value)
                    )))
                }
                (_, 'x' | 'X' | 'o') => {
                    return Err(self.type_error(format!(
                        "%{kind} format: an integer is required, not {}",
                        self.type_name(&value)
                    )))
                }
                _ => {
                    return Err(self.type_error(format!(
                        "must be real number, not {}",
                        self.type_name(&value)
                    )))
                }
            };
            out.push_str(&self.format(&value, &spec)?);
        }
        if next < items.len() && mapping.is_none() {
            let what = if bytes { "bytes" } else { "string" };
            return Err(self.type_error(format!(
                "not all arguments converted during {what} formatting"
            )));
        }
        Ok(out)
    }

    /// `ascii(value)`: the repr with every non-ASCII character escaped.
    pub fn ascii_repr(&self, value: &PyRef) -> PyResult<String> {
        let mut out = String::new();
        for c in self.repr(value)?.chars() {
            match c as u32 {
                0..=0x7f => out.push(c),
                code @ 0x80..=0xff => out.push_str(&format!("\\x{code:02x}")),
                code @ 0x100..=0xffff => out.push_str(&format!("\\u{code:04x}")),
                code => out.push_str(&format!("\\U{code:08x}")),
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::{general, group_digits, parse_spec};

    #[test]
    fn parses_specs() {
        let s = parse_spec(">8").unwrap();
        assert_eq!((s.align, s.width), (Some('>'), 8));
        let s = parse_spec("*^10.2f").unwrap();
        assert_eq!(
            (s.fill, s.align, s.width, s.precision, s.kind),
            (Some('*'), Some('^'), 10, Some(2), Some('f'))
        );
        assert!(parse_spec("10.2fx").is_none());
    }

    #[test]
    fn groups_and_general() {
        assert_eq!(group_digits("1234567", ',', 3), "1,234,567");
        assert_eq!(group_digits("1234.50", ',', 3), "1,234.50");
        assert_eq!(general(0.0001, 6, false, false), "0.0001");
        assert_eq!(general(1234567.0, 6, false, false), "1.23457e+06");
        assert_eq!(general(2.5, 6, false, false), "2.5");
    }
}
