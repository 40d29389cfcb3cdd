//! The methods of `str` (`unicode_methods`).

use crate::compile::codecs::Codec;
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{Exc, PyResult, Vm};

/// `str` methods.
pub(super) static METHODS: &[BuiltinFn] = &[
    BuiltinFn::new("split", split),
    BuiltinFn::new("rsplit", rsplit),
    BuiltinFn::new("join", join),
    BuiltinFn::new("strip", strip),
    BuiltinFn::new("lstrip", lstrip),
    BuiltinFn::new("rstrip", rstrip),
    BuiltinFn::new("replace", replace),
    BuiltinFn::new("upper", upper).args(0, 0),
    BuiltinFn::new("lower", lower).args(0, 0),
    BuiltinFn::new("title", title).args(0, 0),
    BuiltinFn::new("capitalize", capitalize).args(0, 0),
    BuiltinFn::new("startswith", startswith),
    BuiltinFn::new("endswith", endswith),
    BuiltinFn::new("find", find),
    BuiltinFn::new("rfind", rfind),
    BuiltinFn::new("index", index),
    BuiltinFn::new("count", count),
    BuiltinFn::new("format", format),
    BuiltinFn::new("isdigit", isdigit).args(0, 0),
    BuiltinFn::new("isnumeric", isdigit).args(0, 0),
    BuiltinFn::new("isalpha", isalpha).args(0, 0),
    BuiltinFn::new("isalnum", isalnum).args(0, 0),
    BuiltinFn::new("isspace", isspace).args(0, 0),
    BuiltinFn::new("isidentifier", isidentifier).args(0, 0),
    BuiltinFn::new("isupper", isupper).args(0, 0),
    BuiltinFn::new("islower", islower).args(0, 0),
    BuiltinFn::new("center", center),
    BuiltinFn::new("ljust", ljust),
    BuiltinFn::new("rjust", rjust),
    BuiltinFn::new("zfill", zfill),
    BuiltinFn::new("splitlines", splitlines),
    BuiltinFn::new("partition", partition),
    BuiltinFn::new("encode", encode),
    BuiltinFn::new("swapcase", swapcase).args(0, 0),
    BuiltinFn::new("rpartition", rpartition),
    BuiltinFn::new("casefold", lower).args(0, 0),
    BuiltinFn::new("removeprefix", removeprefix),
    BuiltinFn::new("removesuffix", removesuffix),
    BuiltinFn::new("rindex", rindex),
    BuiltinFn::new("isascii", isascii).args(0, 0),
    BuiltinFn::new("isdecimal", isdigit).args(0, 0),
    BuiltinFn::new("isprintable", isprintable).args(0, 0),
    BuiltinFn::new("istitle", istitle).args(0, 0),
    BuiltinFn::new("expandtabs", expandtabs),
    BuiltinFn::new("format_map", format_map),
    BuiltinFn::static_method("maketrans", maketrans),
    BuiltinFn::new("translate", translate),
];

fn swapcase(vm: &Vm, a: Args<'_>) -> PyResult {
    let out: String = this(vm, &a)?
        .chars()
        .flat_map(|c| {
            if c.is_uppercase() {
                c.to_lowercase().collect::<Vec<_>>()
            } else {
                c.to_uppercase().collect()
            }
        })
        .collect();
    vm.str(out)
}

fn rpartition(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(vm, &a)?;
    let sep = str_arg(vm, a.pos.get(1))?.unwrap_or("");
    let parts = match s.rsplit_once(sep) {
        Some((x, y)) => vec![vm.str(x)?, vm.str(sep)?, vm.str(y)?],
        None => vec![vm.str("")?, vm.str("")?, a.pos[0].clone()],
    };
    vm.new_tuple(parts)
}

fn removeprefix(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(vm, &a)?;
    let p = str_arg(vm, a.pos.get(1))?.unwrap_or("");
    vm.str(s.strip_prefix(p).unwrap_or(s))
}

fn removesuffix(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(vm, &a)?;
    let p = str_arg(vm, a.pos.get(1))?.unwrap_or("");
    vm.str(s.strip_suffix(p).unwrap_or(s))
}

/// The str method of the same name, for bytes viewed as Latin-1 text.
pub fn by_name(name: &str) -> Option<&'static BuiltinFn> {
    METHODS.iter().find(|m| m.name == name)
}

fn this<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<&'a str> {
    a.pos
        .first()
        .and_then(|s| vm.builtin_receiver(s).as_str())
        .ok_or_else(|| vm.type_error("descriptor requires a 'str' object"))
}

fn str_arg<'a>(vm: &Vm, v: Option<&'a PyRef>) -> PyResult<Option<&'a str>> {
    match v {
        None => Ok(None),
        Some(v) if vm.is_none(v) => Ok(None),
        Some(v) => v
            .as_str()
            .map(Some)
            .ok_or_else(|| vm.type_error(format!("must be str, not {}", vm.type_name(v)))),
    }
}

fn str_list(vm: &Vm, parts: Vec<&str>) -> PyResult {
    let items: PyResult<Vec<PyRef>> = parts.into_iter().map(|p| vm.str(p)).collect();
    vm.list(items?)
}

fn split(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(vm, &a)?;
    let sep = str_arg(vm, a.get(1, "sep"))?;
    let max = a.get(2, "maxsplit").and_then(|m| m.as_i64()).unwrap_or(-1);
    let parts: Vec<&str> = match (sep, max) {
        (Some(""), _) => return Err(vm.value_error("empty separator")),
        (Some(sep), m) if m >= 0 => s.splitn(m as usize + 1, sep).collect(),
        (Some(sep), _) => s.split(sep).collect(),
        (None, m) if m >= 0 => {
            let mut out = Vec::new();
            let mut rest = s.trim_start();
            while !rest.is_empty() {
                if out.len() as i64 == m {
                    out.push(rest);
                    break;
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                out.push(&rest[..end]);
                rest = rest[end..].trim_start();
            }
            out
        }
        (None, _) => s.split_whitespace().collect(),
    };
    str_list(vm, parts)
}

fn rsplit(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(vm, &a)?;
    let sep = str_arg(vm, a.get(1, "sep"))?;
    let max = a.get(2, "maxsplit").and_then(|m| m.as_i64()).unwrap_or(-1);
    let mut parts: Vec<&str> = match (sep, max) {
        (Some(sep), m) if m >= 0 => s.rsplitn(m as usize + 1, sep).collect(),
        (Some(sep), _) => s.rsplit(sep).collect(),
        (None, m) if m >= 0 => rsplit_whitespace(s, m as usize),
        (None, _) => s.split_whitespace().rev().collect(),
    };
    parts.reverse();
    str_list(vm, parts)
}

/// `s.rsplit(None, max)`, last part first: at most `max` cuts at runs of whitespace from the
/// right; what is left keeps its leading whitespace.
fn rsplit_whitespace(s: &str, max: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = s.trim_end();
    while !rest.is_empty() {
        if parts.len() == max {
            parts.push(rest);
            break;
        }
        match rest.rfind(char::is_whitespace) {
            Some(at) => {
                let width = rest[at..].chars().next().map_or(1, char::len_utf8);
                parts.push(&rest[at + width..]);
                rest = rest[..at].trim_end();
            }
            None => {
                parts.push(rest);
                break;
            }
        }
    }
    parts
}

fn join(vm: &Vm, a: Args<'_>) -> PyResult {
    let sep = this(vm, &a)?;
    a.check(vm, "join", 2, 2, &[])?;
    // a list or tuple is read in place, as CPython's `PyUnicode_Join` reads the sequence's
    // array: no copy of the items, no count taken on each
    let joined = match &*a.pos[1] {
        Obj::List(l) => join_in_place(sep, &l.borrow()),
        Obj::Tuple(t) => join_in_place(sep, &t[..]),
        _ => Joined::Failed,
    };
    match joined {
        Joined::Text(out) => vm.str(out),
        Joined::Single(one) => Ok(one),
        Joined::Failed => join_collected(vm, sep, &vm.collect(&a.pos[1])?),
    }
}

/// What [`join_in_place`] made.
enum Joined {
    Text(String),
    /// The one item of a sequence of one exact str, which is the result itself.
    Single(PyRef),
    /// An item is not a str (or the sequence is read otherwise): [`join_collected`] says so.
    Failed,
}

/// `sep.join(items)` made while the sequence is borrowed: the text only (the str is made
/// after the borrow ends, since allocating may run a collection and Python code).
fn join_in_place(sep: &str, items: &[PyRef]) -> Joined {
    if let [one] = items {
        if matches!(&**one, Obj::Str(_)) {
            return Joined::Single(one.clone());
        }
    }
    let mut len = sep.len() * items.len().saturating_sub(1);
    for item in items {
        match item_text(item) {
            Some(s) => len += s.len(),
            None => return Joined::Failed,
        }
    }
    let mut out = String::with_capacity(len);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item_text(item).unwrap_or_default());
    }
    Joined::Text(out)
}

/// The text of a str, or of a str subclass's instance (whose str value it holds).
fn item_text(item: &PyRef) -> Option<&str> {
    match &**item {
        Obj::Instance(inst) => inst.base_value()?.as_str(),
        _ => item.as_str(),
    }
}

/// `sep.join(items)` of items already taken out of their iterable.
fn join_collected(vm: &Vm, sep: &str, items: &[PyRef]) -> PyResult {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        match item_text(item) {
            Some(s) => out.push_str(s),
            None => {
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    vm.type_name(item)
                )))
            }
        }
    }
    vm.str(out)
}

fn strip_with(vm: &Vm, a: Args<'_>, left: bool, right: bool) -> PyResult {
    let s = this(vm, &a)?;
    let chars = str_arg(vm, a.pos.get(1))?;
    let pred = |c: char| match chars {
        Some(set) => set.contains(c),
        None => c.is_whitespace(),
    };
    let mut r = s;
    if left {
        r = r.trim_start_matches(pred);
    }
    if right {
        r = r.trim_end_matches(pred);
    }
    if r.len() == s.len() {
        return Ok(a.pos[0].clone());
    }
    vm.str(r)
}

fn strip(vm: &Vm, a: Args<'_>) -> PyResult {
    strip_with(vm, a, true, true)
}

fn lstrip(vm: &Vm, a: Args<'_>) -> PyResult {
    strip_with(vm, a, true, false)
}

fn rstrip(vm: &Vm, a: Args<'_>) -> PyResult {
    strip_with(vm, a, false, true)
}

fn replace(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "replace", 3, 4, &[])?;
    let s = this(vm, &a)?;
    let (old, new) = (
        str_arg(vm, a.pos.get(1))?.unwrap_or(""),
        str_arg(vm, a.pos.get(2))?.unwrap_or(""),
    );
    let count = a.pos.get(3).and_then(|c| c.as_i64());
    // an unchanged str is the same object, as in CPython (pickle's memo relies on it)
    let unchanged = old == new || count == Some(0) || (!old.is_empty() && !s.contains(old));
    if unchanged && matches!(&*a.pos[0], Obj::Str(_)) {
        return Ok(a.pos[0].clone());
    }
    let out = match count {
        Some(n) if n >= 0 => s.replacen(old, new, n as usize),
        _ => s.replace(old, new),
    };
    vm.str(out)
}

fn upper(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.str(this(vm, &a)?.to_uppercase())
}

fn lower(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.str(this(vm, &a)?.to_lowercase())
}

fn title(vm: &Vm, a: Args<'_>) -> PyResult {
    let mut out = String::new();
    let mut prev_letter = false;
    for c in this(vm, &a)?.chars() {
        if prev_letter {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_letter = c.is_alphabetic();
    }
    vm.str(out)
}

fn capitalize(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(vm, &a)?;
    let mut chars = s.chars();
    let out = match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + &chars.as_str().to_lowercase(),
        None => String::new(),
    };
    vm.str(out)
}

/// The part of the receiver that `find`, `count`, `startswith` and their kin look at: the
/// optional `start` and `end` arguments (positions 2 and 3) are slice bounds in characters,
/// as in CPython. Gives the part and the character offset where it starts, or None when
/// `start` lies past the end (where not even `''` is found).
fn search_window<'s>(vm: &Vm, a: &Args<'_>, s: &'s str) -> PyResult<Option<(&'s str, usize)>> {
    let given = |i: usize| a.pos.get(i).filter(|v| !vm.is_none(v));
    if given(2).is_none() && given(3).is_none() {
        return Ok(Some((s, 0)));
    }
    let text = match a.pos.first().map(|v| &**v) {
        Some(Obj::Str(text)) => text,
        _ => return Err(vm.type_error("descriptor requires a 'str' object")),
    };
    let len = text.char_len() as i64;
    let bound = |i: usize, default: i64| -> PyResult<i64> {
        match given(i) {
            None => Ok(default),
            Some(v) => match v.as_i64() {
                Some(n) if n < 0 => Ok((n + len).max(0)),
                Some(n) => Ok(n),
                None => Err(vm.type_error(
                    "slice indices must be integers or None or have an __index__ method",
                )),
            },
        }
    };
    let (start, end) = (bound(2, 0)?, bound(3, len)?.min(len));
    if start > len || start > end {
        return Ok(None);
    }
    let byte_at = |chars: i64| text.byte_offset(chars as usize);
    Ok(Some((&s[byte_at(start)..byte_at(end)], start as usize)))
}

fn affix(vm: &Vm, a: Args<'_>, start: bool) -> PyResult {
    let Some((s, _)) = search_window(vm, &a, this(vm, &a)?)? else {
        return Ok(vm.bool(false));
    };
    let Some(p) = a.pos.get(1) else {
        return Err(vm.type_error("startswith() takes at least 1 argument"));
    };
    let candidates: Vec<PyRef> = match &**p {
        Obj::Tuple(t) => t.to_vec(),
        _ => vec![p.clone()],
    };
    for c in candidates {
        let c = str_arg(vm, Some(&c))?.unwrap_or("");
        if (start && s.starts_with(c)) || (!start && s.ends_with(c)) {
            return Ok(vm.bool(true));
        }
    }
    Ok(vm.bool(false))
}

fn startswith(vm: &Vm, a: Args<'_>) -> PyResult {
    affix(vm, a, true)
}

fn endswith(vm: &Vm, a: Args<'_>) -> PyResult {
    affix(vm, a, false)
}

fn char_index(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

fn find_in(vm: &Vm, a: &Args<'_>, reverse: bool) -> PyResult<i64> {
    let sub = str_arg(vm, a.pos.get(1))?.unwrap_or("");
    let Some((s, offset)) = search_window(vm, a, this(vm, a)?)? else {
        return Ok(-1);
    };
    let found = if reverse { s.rfind(sub) } else { s.find(sub) };
    Ok(found.map_or(-1, |b| (offset + char_index(s, b)) as i64))
}

fn rindex(vm: &Vm, a: Args<'_>) -> PyResult {
    match find_in(vm, &a, true)? {
        -1 => Err(vm.value_error("substring not found")),
        i => vm.new_int(i),
    }
}

fn isascii(vm: &Vm, a: Args<'_>) -> PyResult {
    Ok(vm.bool(this(vm, &a)?.is_ascii()))
}

/// `str.isprintable()`: no control characters (the empty string is printable).
fn isprintable(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(vm, &a)?;
    Ok(vm.bool(s.chars().all(super::is_printable)))
}

/// `str.istitle()`: cased runs start upper case and go on lower case, and there is one.
fn istitle(vm: &Vm, a: Args<'_>) -> PyResult {
    let (mut cased, mut previous_cased) = (false, false);
    for c in this(vm, &a)?.chars() {
        if c.is_uppercase() {
            if previous_cased {
                return Ok(vm.bool(false));
            }
            (cased, previous_cased) = (true, true);
        } else if c.is_lowercase() {
            if !previous_cased {
                return Ok(vm.bool(false));
            }
            (cased, previous_cased) = (true, true);
        } else {
            previous_cased = false;
        }
    }
    Ok(vm.bool(cased))
}

/// `str.expandtabs(tabsize=8)`: each tab up to the next multiple of tabsize columns.
fn expandtabs(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(vm, &a)?;
    let size = a
        .get(1, "tabsize")
        .and_then(|t| t.as_i64())
        .unwrap_or(8)
        .max(0) as usize;
    let mut out = String::with_capacity(s.len());
    let mut column = 0;
    for c in s.chars() {
        match c {
            '\t' if size > 0 => {
                let pad = size - column % size;
                out.push_str(&vm.repeat_str(" ", pad)?);
                column += pad;
            }
            '\t' => {}
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    vm.str(out)
}

/// `str.format_map(mapping)`: `format(**mapping)` without copying the mapping.
fn format_map(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "format_map", 2, 2, &[])?;
    let fmt = this(vm, &a)?;
    let (names, values): (Vec<PyRef>, Vec<PyRef>) =
        mapping_items(vm, &a.pos[1])?.into_iter().unzip();
    let args = Args {
        pos: &[],
        kwnames: &names,
        kwvals: &values,
    };
    vm.str(vm.str_format(fmt, args)?)
}

/// The items of a dict (or of an instance extending one).
fn mapping_items(vm: &Vm, mapping: &PyRef) -> PyResult<Vec<(PyRef, PyRef)>> {
    Ok(vm
        .table_of(vm.builtin_receiver(mapping))?
        .borrow()
        .iter()
        .map(|e| (e.key.clone(), e.value.clone()))
        .collect())
}

/// `str.maketrans(x[, y[, z]])` (a static method): a dict from code points to code points,
/// strs or None.
fn maketrans(vm: &Vm, a: Args<'_>) -> PyResult {
    let table = vm.dict()?;
    let code = |c: char| vm.new_int(c as i64);
    match a.pos {
        [mapping] => {
            for (k, v) in mapping_items(vm, mapping)? {
                let key = match k.as_str() {
                    Some(s) if s.chars().count() == 1 => code(s.chars().next().unwrap_or('\0'))?,
                    Some(_) => {
                        return Err(
                            vm.value_error("string keys in translate table must be of length 1")
                        )
                    }
                    None => k,
                };
                vm.dict_set(&table, key, v)?;
            }
        }
        [from, to, rest @ ..] => {
            let (from, to) = (from.as_str().unwrap_or(""), to.as_str().unwrap_or(""));
            if from.chars().count() != to.chars().count() {
                return Err(
                    vm.value_error("the first two maketrans arguments must have equal length")
                );
            }
            for (f, t) in from.chars().zip(to.chars()) {
                vm.dict_set(&table, code(f)?, code(t)?)?;
            }
            for c in rest.first().and_then(|z| z.as_str()).unwrap_or("").chars() {
                vm.dict_set(&table, code(c)?, vm.none())?;
            }
        }
        _ => return Err(vm.type_error("maketrans() takes 1 to 3 arguments")),
    }
    Ok(table)
}

/// `str.translate(table)`: each character looked up by code point; None deletes it, a str
/// or code point replaces it, a missing key keeps it.
fn translate(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "translate", 2, 2, &[])?;
    let s = this(vm, &a)?;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let key = vm.new_int(c as i64)?;
        match vm.get_item(&a.pos[1], &key) {
            Ok(v) if vm.is_none(&v) => {}
            Ok(v) => match (&*v, v.as_str()) {
                (_, Some(text)) => out.push_str(text),
                (Obj::Int(n), _) => out.push(
                    char::from_u32(*n as u32)
                        .ok_or_else(|| vm.value_error("character mapping must be in range"))?,
                ),
                _ => {
                    return Err(vm.type_error("character mapping must return integer, None or str"))
                }
            },
            Err(e) if vm.exc_matches(&e.0, Exc::LookupError) => out.push(c),
            Err(e) => return Err(e),
        }
    }
    vm.str(out)
}

fn find(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.new_int(find_in(vm, &a, false)?)
}

fn rfind(vm: &Vm, a: Args<'_>) -> PyResult {
    vm.new_int(find_in(vm, &a, true)?)
}

fn index(vm: &Vm, a: Args<'_>) -> PyResult {
    match find_in(vm, &a, false)? {
        -1 => Err(vm.value_error("substring not found")),
        i => vm.new_int(i),
    }
}

fn count(vm: &Vm, a: Args<'_>) -> PyResult {
    let sub = str_arg(vm, a.pos.get(1))?.unwrap_or("");
    let Some((s, _)) = search_window(vm, &a, this(vm, &a)?)? else {
        return vm.new_int(0);
    };
    let n = if sub.is_empty() {
        s.chars().count() + 1
    } else {
        s.matches(sub).count()
    };
    vm.new_int(n as i64)
}

fn format(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(vm, &a)?;
    let rest = Args {
        pos: &a.pos[1..],
        ..a
    };
    vm.str(vm.str_format(s, rest)?)
}

fn test_chars(vm: &Vm, a: Args<'_>, pred: fn(char) -> bool) -> PyResult {
    let s = this(vm, &a)?;
    Ok(vm.bool(!s.is_empty() && s.chars().all(pred)))
}

fn isdigit(vm: &Vm, a: Args<'_>) -> PyResult {
    test_chars(vm, a, |c| c.is_ascii_digit())
}

fn isalpha(vm: &Vm, a: Args<'_>) -> PyResult {
    test_chars(vm, a, char::is_alphabetic)
}

fn isalnum(vm: &Vm, a: Args<'_>) -> PyResult {
    test_chars(vm, a, char::is_alphanumeric)
}

fn isspace(vm: &Vm, a: Args<'_>) -> PyResult {
    test_chars(vm, a, char::is_whitespace)
}

/// `str.isidentifier()`: a letter or `_`, then letters, digits or `_` (Unicode-aware, as
/// Python identifiers are).
fn isidentifier(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(vm, &a)?;
    let mut chars = s.chars();
    let valid = chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric());
    Ok(vm.bool(valid))
}

fn isupper(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(vm, &a)?;
    Ok(vm.bool(s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)))
}

fn islower(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(vm, &a)?;
    Ok(vm.bool(s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)))
}

fn justify(vm: &Vm, a: Args<'_>, how: char) -> PyResult {
    let s = this(vm, &a)?;
    let width = a.pos.get(1).and_then(|w| w.as_i64()).unwrap_or(0).max(0) as usize;
    let fill = str_arg(vm, a.pos.get(2))?
        .and_then(|f| f.chars().next())
        .unwrap_or(' ');
    let len = s.chars().count();
    if len >= width {
        return Ok(a.pos[0].clone());
    }
    let n = width - len;
    let left = match how {
        '<' => 0,
        '>' => n,
        // CPython's str.center puts the odd fill on the left when the width is odd
        _ => n / 2 + (n & width & 1),
    };
    vm.str(vm.surround(fill, left, s, n - left)?)
}

fn center(vm: &Vm, a: Args<'_>) -> PyResult {
    justify(vm, a, '^')
}

fn ljust(vm: &Vm, a: Args<'_>) -> PyResult {
    justify(vm, a, '<')
}

fn rjust(vm: &Vm, a: Args<'_>) -> PyResult {
    justify(vm, a, '>')
}

fn zfill(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(vm, &a)?;
    let width = a.pos.get(1).and_then(|w| w.as_i64()).unwrap_or(0).max(0) as usize;
    let len = s.chars().count();
    if len >= width {
        return Ok(a.pos[0].clone());
    }
    let (sign, digits) = match s.strip_prefix(['-', '+']) {
        Some(rest) => (&s[..1], rest),
        None => ("", s),
    };
    vm.str(format!(
        "{sign}{}",
        vm.surround('0', width - len, digits, 0)?
    ))
}

/// `str.splitlines(keepends=False)`: split at every line boundary Python knows (`\n`, `\r`,
/// `\r\n`, `\v`, `\f`, `\x1c`-`\x1e`, `\x85`, `\u2028`, `\u2029`).
fn splitlines(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "splitlines", 1, 2, &["keepends"])?;
    let s = this(vm, &a)?;
    let keepends = match a.get(1, "keepends") {
        Some(k) => vm.truthy(k)?,
        None => false,
    };
    let is_break = |c: char| {
        matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        )
    };
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_break(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
            chars.next();
            end += 1;
        }
        lines.push(&s[start..if keepends { end } else { i }]);
        start = end;
    }
    if start < s.len() {
        lines.push(&s[start..]);
    }
    str_list(vm, lines)
}

fn partition(vm: &Vm, a: Args<'_>) -> PyResult {
    let s = this(vm, &a)?;
    let sep = str_arg(vm, a.pos.get(1))?.unwrap_or("");
    let parts = match s.split_once(sep) {
        Some((x, y)) => vec![vm.str(x)?, vm.str(sep)?, vm.str(y)?],
        None => vec![a.pos[0].clone(), vm.str("")?, vm.str("")?],
    };
    vm.new_tuple(parts)
}

/// `str.encode(encoding='utf-8', errors='strict')`, with the codecs pymm has and the
/// `strict`, `ignore`, `replace`, `backslashreplace` and `xmlcharrefreplace` handlers.
fn encode(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "encode", 1, 3, &["encoding", "errors"])?;
    let text = this(vm, &a)?;
    let codec = codec_arg(vm, a.get(1, "encoding"))?;
    if codec == Codec::Utf8 {
        return Ok(vm.bytes(text.as_bytes()));
    }
    let errors = str_arg(vm, a.get(2, "errors"))?.unwrap_or("strict");
    let mut out = Vec::with_capacity(text.len());
    for (position, c) in text.chars().enumerate() {
        if codec.encode_char(c, &mut out) {
            continue;
        }
        match errors {
            "ignore" => {}
            "replace" => out.push(b'?'),
            "backslashreplace" => out.extend_from_slice(escaped(c).as_bytes()),
            "xmlcharrefreplace" => out.extend_from_slice(format!("&#{};", c as u32).as_bytes()),
            "strict" => {
                return Err(vm.new_exc(
                    Exc::UnicodeEncodeError,
                    format!(
                        "'{}' codec can't encode character '{}' in position {position}: {}",
                        codec.python_name(),
                        escaped(c),
                        codec.range_reason()
                    ),
                ))
            }
            other => {
                return Err(vm.new_exc(
                    Exc::LookupError,
                    format!("unknown error handler name '{other}'"),
                ))
            }
        }
    }
    Ok(vm.bytes(out))
}

/// `\xNN`, `\uNNNN` or `\UNNNNNNNN`: a character as Python's escapes write it.
fn escaped(c: char) -> String {
    match c as u32 {
        code @ 0..=0xff => format!("\\x{code:02x}"),
        code @ 0x100..=0xffff => format!("\\u{code:04x}"),
        code => format!("\\U{code:08x}"),
    }
}

/// The codec an `encoding` argument names (UTF-8 when absent); LookupError for others.
pub fn codec_arg(vm: &Vm, encoding: Option<&PyRef>) -> PyResult<Codec> {
    let Some(name) = str_arg(vm, encoding)? else {
        return Ok(Codec::Utf8);
    };
    Codec::lookup(name)
        .ok_or_else(|| vm.new_exc(Exc::LookupError, format!("unknown encoding: {name}")))
}
