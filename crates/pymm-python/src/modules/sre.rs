//! `_sre`: the regular expression engine behind `re` (Python, built in): CPython's pattern
//! syntax translated to `fancy-regex` (backreferences and lookaround included), matching on
//! character positions as Python counts them.
//!
//! A compiled pattern lives in this module's table for the rest of the run (as in CPython's
//! `re` cache, one entry per distinct pattern and flags); the Python `Pattern` object holds its
//! index.

use std::cell::RefCell;
use std::collections::HashMap;

use fancy_regex::Regex;

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[
    BuiltinFn::new("compile", compile),
    BuiltinFn::new("search", search),
    BuiltinFn::new("groupindex", groupindex),
    BuiltinFn::new("groups", groups),
    BuiltinFn::new("subn", subn),
    BuiltinFn::new("findall", findall),
];

/// `re` flag bits, as CPython numbers them.
const IGNORECASE: i64 = 2;
const MULTILINE: i64 = 8;
const DOTALL: i64 = 16;
const VERBOSE: i64 = 64;
const ASCII: i64 = 256;

/// One compiled pattern: for `search`, for `match` (anchored where the search starts) and
/// for `fullmatch` (anchored at both ends).
struct Compiled {
    search: Regex,
    anchored: Regex,
    full: Regex,
}

thread_local! {
    static PATTERNS: RefCell<Vec<Compiled>> = const { RefCell::new(Vec::new()) };
    static CACHE: RefCell<HashMap<(String, i64), usize>> = RefCell::new(HashMap::new());
}

/// Python's pattern syntax in fancy-regex's: `\Z`, `$` without MULTILINE (which also matches
/// before a final newline), `{,n}`, `[` and set operators inside classes, `\0` octal.
fn translate(pattern: &str, flags: i64) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let inline = |f: i64, c: char| if flags & f != 0 { Some(c) } else { None };
    let modes: String = [
        inline(IGNORECASE, 'i'),
        inline(MULTILINE, 'm'),
        inline(DOTALL, 's'),
        inline(VERBOSE, 'x'),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !modes.is_empty() {
        out.push_str(&format!("(?{modes})"));
    }
    let multiline = flags & MULTILINE != 0 || pattern.starts_with("(?m)");
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() => {
                let next = chars[i + 1];
                i += 2;
                match next {
                    'Z' if !in_class => out.push_str("\\z"),
                    'd' | 'w' | 's' | 'D' | 'W' | 'S' if flags & ASCII != 0 => {
                        out.push_str(ascii_class(next))
                    }
                    '0' => out.push_str("\\x00"),
                    _ => {
                        out.push('\\');
                        out.push(next);
                    }
                }
                continue;
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                // a `]` or `^]` right after the opening is a literal
                if chars.get(i + 1) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i + 1) == Some(&']') {
                    out.push_str("\\]");
                    i += 1;
                }
            }
            '[' | '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '$' if !in_class && !multiline => out.push_str("(?=\\n?\\z)"),
            '{' if !in_class => match quantifier(&chars[i..]) {
                Some((text, used)) => {
                    out.push_str(&text);
                    i += used;
                    continue;
                }
                None => out.push_str("\\{"),
            },
            '}' if !in_class => out.push_str("\\}"),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// `\d`, `\w`, `\s` and their negations under `re.ASCII`.
fn ascii_class(c: char) -> &'static str {
    match c {
        'd' => "[0-9]",
        'D' => "[^0-9]",
        'w' => "[A-Za-z0-9_]",
        'W' => "[^A-Za-z0-9_]",
        's' => "[ \\t\\n\\r\\x0b\\x0c]",
        _ => "[^ \\t\\n\\r\\x0b\\x0c]",
    }
}

/// A `{m}`, `{m,}`, `{,n}` or `{m,n}` quantifier at the start of `chars` (Python reads any
/// other `{` as a literal): its fancy-regex text and the characters it used.
fn quantifier(chars: &[char]) -> Option<(String, usize)> {
    let close = chars.iter().position(|&c| c == '}')?;
    let body: String = chars[1..close].iter().collect();
    let (low, high) = match body.split_once(',') {
        Some((low, high)) => (low, Some(high)),
        None => (body.as_str(), None),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !digits(low) || !high.is_none_or(digits) || (low.is_empty() && high.is_none()) {
        return None;
    }
    let low = if low.is_empty() { "0" } else { low };
    let text = match high {
        Some(high) => format!("{{{low},{high}}}"),
        None => format!("{{{low}}}"),
    };
    Some((text, close + 1))
}

fn build_regex(pattern: &str) -> Result<Regex, String> {
    fancy_regex::RegexBuilder::new(pattern)
        .backtrack_limit(10_000_000)
        .build()
        .map_err(|e| e.to_string())
}

/// `compile(pattern, flags)`: the index of the compiled pattern; ValueError(message) when
/// the pattern is invalid (`re` turns it into `re.error`).
fn compile(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "compile", 2, 2, &[])?;
    let pattern = a.pos[0]
        .as_str()
        .ok_or_else(|| vm.type_error("pattern must be a str"))?;
    let flags = a.pos[1].as_i64().unwrap_or(0);
    let key = (pattern.to_string(), flags);
    if let Some(index) = CACHE.with(|c| c.borrow().get(&key).copied()) {
        return vm.new_int(index as i64);
    }
    let translated = translate(pattern, flags);
    let compiled = (|| -> Result<Compiled, String> {
        Ok(Compiled {
            search: build_regex(&translated)?,
            anchored: build_regex(&format!("\\G(?:{translated})"))?,
            full: build_regex(&format!("\\G(?:{translated})\\z"))?,
        })
    })()
    .map_err(|message| vm.value_error(message))?;
    let index = PATTERNS.with(|p| {
        let mut patterns = p.borrow_mut();
        patterns.push(compiled);
        patterns.len() - 1
    });
    CACHE.with(|c| c.borrow_mut().insert(key, index));
    vm.new_int(index as i64)
}

/// Runs `action` on the compiled pattern `index`.
fn with_pattern<T>(vm: &Vm, index: &PyRef, action: impl FnOnce(&Compiled) -> T) -> PyResult<T> {
    let i = index.as_i64().unwrap_or(-1);
    PATTERNS.with(|p| {
        let patterns = p.borrow();
        usize::try_from(i)
            .ok()
            .and_then(|i| patterns.get(i))
            .map(action)
            .ok_or_else(|| vm.value_error("no such compiled pattern"))
    })
}

/// Byte offset of character `chars` in `text` (its length when past the end).
fn byte_of(text: &str, chars: usize, ascii: bool) -> usize {
    if ascii {
        return chars.min(text.len());
    }
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| b)
}

/// The str a pattern runs on (`re` decodes a bytes subject as latin-1 first).
fn subject<'a>(vm: &Vm, obj: &'a PyRef) -> PyResult<&'a str> {
    obj.as_str().ok_or_else(|| vm.type_error("expected string"))
}

/// The part of a subject a search sees: `text` up to `endpos`, and where to start in it.
struct Span<'a> {
    haystack: &'a str,
    start_byte: usize,
    ascii: bool,
}

/// `text` cut to the character positions `pos`..`endpos` (None: its end), clamped as
/// CPython clamps them; None when `pos` is past `endpos` (nothing can match).
fn span<'a>(text: &'a str, pos: &PyRef, endpos: &PyRef) -> Option<Span<'a>> {
    let ascii = text.is_ascii();
    let length = if ascii {
        text.len()
    } else {
        text.chars().count()
    };
    let clamp = |v: &PyRef, default: usize| -> usize {
        match v.as_i64() {
            Some(n) if n < 0 => 0,
            Some(n) => (n as usize).min(length),
            None => default,
        }
    };
    let pos = clamp(pos, 0);
    let endpos = clamp(endpos, length);
    if pos > endpos {
        return None;
    }
    let haystack = &text[..byte_of(text, endpos, ascii)];
    Some(Span {
        start_byte: byte_of(haystack, pos, ascii),
        haystack,
        ascii,
    })
}

/// `search(index, string, pos, endpos, mode)`: mode 0 searches, 1 matches at pos, 2 matches
/// all of string[pos:endpos]. Gives None, or a tuple of (start, end) character positions
/// per group (group 0 first; (-1, -1) for a group that did not take part).
fn search(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "search", 5, 5, &[])?;
    let text = subject(vm, &a.pos[1])?;
    let Some(Span {
        haystack,
        start_byte,
        ascii,
    }) = span(text, &a.pos[2], &a.pos[3])
    else {
        return Ok(vm.none());
    };
    let mode = a.pos[4].as_i64().unwrap_or(0);
    let found = with_pattern(vm, &a.pos[0], |c| {
        let regex = match mode {
            1 => &c.anchored,
            2 => &c.full,
            _ => &c.search,
        };
        regex.captures_from_pos(haystack, start_byte).map(|caps| {
            caps.map(|caps| {
                (0..caps.len())
                    .map(|g| caps.get(g).map(|m| (m.start(), m.end())))
                    .collect::<Vec<_>>()
            })
        })
    })?;
    let spans = match found {
        Ok(Some(spans)) => spans,
        Ok(None) => return Ok(vm.none()),
        Err(e) => return Err(too_complex(vm, e)),
    };
    let char_pos = |b: usize| -> i64 {
        if ascii {
            b as i64
        } else {
            text[..b].chars().count() as i64
        }
    };
    let items = spans
        .into_iter()
        .map(|span| {
            let (start, end) = span.map_or((-1, -1), |(s, e)| (char_pos(s), char_pos(e)));
            vm.new_tuple(vec![vm.new_int(start)?, vm.new_int(end)?])
        })
        .collect::<PyResult<Vec<_>>>()?;
    vm.new_tuple(items)
}

/// One piece of a parsed replacement template: literal text or a group's text.
enum Piece<'a> {
    Text(&'a str),
    Group(usize),
}

/// `subn(index, string, template, count)`: `string` with its first `count` matches (all when
/// 0) replaced by `template` (a list of literal strs and group numbers, as `re` parses a
/// replacement), and the number of replacements. Matches are found as `Pattern.finditer`
/// finds them: left to right, an empty match allowed right after a non-empty one but never
/// twice at one place.
fn subn(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "subn", 4, 4, &[])?;
    let text = a.pos[1]
        .as_str()
        .ok_or_else(|| vm.type_error("expected string"))?;
    let Obj::List(template) = &*a.pos[2] else {
        return Err(vm.type_error("template must be a list"));
    };
    let template = template.borrow().to_vec();
    let pieces = template
        .iter()
        .map(|p| match (p.as_str(), p.as_i64()) {
            (Some(s), _) => Ok(Piece::Text(s)),
            (None, Some(g)) if g >= 0 => Ok(Piece::Group(g as usize)),
            _ => Err(vm.type_error("template pieces must be str or group numbers")),
        })
        .collect::<PyResult<Vec<_>>>()?;
    // a negative count replaces nothing, as the loop of `Pattern.subn` does
    let count = match a.pos[3].as_i64().unwrap_or(0) {
        c if c < 0 => return vm.new_tuple(vec![a.pos[1].clone(), vm.new_int(0)?]),
        c => c as usize,
    };
    let replaced = with_pattern(vm, &a.pos[0], |c| {
        replace_all(&c.search, text, &pieces, count)
    })?;
    match replaced {
        Ok((out, n)) => vm.new_tuple(vec![vm.str(out)?, vm.new_int(n as i64)?]),
        Err(e) => Err(too_complex(vm, e)),
    }
}

/// Walks the matches of `regex` in `text` from byte `pos` as `Pattern.finditer` finds them:
/// left to right, an empty match allowed right after a non-empty one but never twice at one
/// place. `visit` gets each match and says whether to go on.
fn each_match(
    regex: &Regex,
    text: &str,
    mut pos: usize,
    mut visit: impl FnMut(&fancy_regex::Captures<'_, str>) -> bool,
) -> Result<(), fancy_regex::Error> {
    let mut empty_at = None;
    while pos <= text.len() {
        let Some(caps) = regex.captures_from_pos(text, pos)? else {
            break;
        };
        let whole = caps.get(0).map_or(pos..pos, |m| m.range());
        if whole.is_empty() && empty_at == Some(whole.start) {
            // a second empty match where the last one was: retry one character further
            pos += text[pos..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        if !visit(&caps) {
            break;
        }
        pos = whole.end;
        empty_at = whole.is_empty().then_some(pos);
    }
    Ok(())
}

/// The replacement loop of [`subn`], on byte offsets.
fn replace_all(
    regex: &Regex,
    text: &str,
    pieces: &[Piece<'_>],
    count: usize,
) -> Result<(String, usize), fancy_regex::Error> {
    let mut out = String::with_capacity(text.len());
    let (mut last, mut n) = (0, 0);
    each_match(regex, text, 0, |caps| {
        if count != 0 && n >= count {
            return false;
        }
        let whole = caps.get(0).map_or(last..last, |m| m.range());
        out.push_str(&text[last..whole.start]);
        for piece in pieces {
            match piece {
                Piece::Text(s) => out.push_str(s),
                Piece::Group(g) => out.push_str(caps.get(*g).map_or("", |m| m.as_str())),
            }
        }
        last = whole.end;
        n += 1;
        true
    })?;
    out.push_str(&text[last..]);
    Ok((out, n))
}

/// The error a match that gave up (fancy-regex's backtrack limit) raises.
fn too_complex(vm: &Vm, e: fancy_regex::Error) -> crate::vm::PyErr {
    vm.new_exc(
        crate::vm::Exc::RecursionError,
        format!("regular expression too complex: {e}"),
    )
}

/// `findall(index, string, pos, endpos, as_bytes)`: what `Pattern.findall` returns, found in
/// one pass: each match's text with no groups, group 1's with one, a tuple of all groups'
/// with more ('' for a group that did not take part); latin-1 bytes when `as_bytes` (the
/// subject of a bytes pattern, decoded as latin-1 by `re`).
fn findall(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "findall", 5, 5, &[])?;
    let text = subject(vm, &a.pos[1])?;
    let as_bytes = vm.truthy(&a.pos[4])?;
    let Some(Span {
        haystack,
        start_byte,
        ..
    }) = span(text, &a.pos[2], &a.pos[3])
    else {
        return vm.list(Vec::new());
    };
    let mut found: Vec<Vec<(usize, usize)>> = Vec::new();
    let walked = with_pattern(vm, &a.pos[0], |c| {
        let groups = c.search.captures_len() - 1;
        each_match(&c.search, haystack, start_byte, |caps| {
            let wanted = if groups == 0 { 0..1 } else { 1..groups + 1 };
            found.push(
                wanted
                    .map(|g| caps.get(g).map_or((0, 0), |m| (m.start(), m.end())))
                    .collect(),
            );
            true
        })
    })?;
    walked.map_err(|e| too_complex(vm, e))?;
    let piece = |(start, end): (usize, usize)| -> PyResult {
        let part = &haystack[start..end];
        if as_bytes {
            Ok(vm.bytes(part.chars().map(|c| c as u8).collect::<Vec<u8>>()))
        } else {
            vm.str(part)
        }
    };
    let items = found
        .into_iter()
        .map(|spans| match spans.as_slice() {
            [one] => piece(*one),
            many => {
                let parts = many.iter().map(|&s| piece(s)).collect::<PyResult<_>>()?;
                vm.new_tuple(parts)
            }
        })
        .collect::<PyResult<Vec<_>>>()?;
    vm.list(items)
}

/// `groupindex(index)`: {name: group number}.
fn groupindex(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "groupindex", 1, 1, &[])?;
    let names: Vec<(String, usize)> = with_pattern(vm, &a.pos[0], |c| {
        c.search
            .capture_names()
            .enumerate()
            .filter_map(|(i, n)| n.map(|n| (n.to_string(), i)))
            .collect()
    })?;
    let dict = vm.dict()?;
    for (name, i) in names {
        vm.dict_set(&dict, vm.str(name)?, vm.new_int(i as i64)?)?;
    }
    Ok(dict)
}

/// `groups(index)`: the number of capturing groups.
fn groups(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "groups", 1, 1, &[])?;
    let n = with_pattern(vm, &a.pos[0], |c| c.search.captures_len())?;
    vm.new_int(n as i64 - 1)
}

/// Creates the module.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("_sre")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}
