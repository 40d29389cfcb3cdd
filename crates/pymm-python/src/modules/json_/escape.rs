//! JSON string literals: `encode_basestring_ascii` (every non-ASCII character as `\uXXXX`,
//! astral ones as a surrogate pair) and `encode_basestring` (only `"`, `\` and control
//! characters escaped), as CPython's `Modules/_json.c` writes them.

use super::str_arg;
use crate::vm::builtin::Args;
use crate::vm::{PyResult, Vm};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The two-character escape of `c`, for the characters JSON names.
fn short_escape(c: char) -> Option<&'static str> {
    Some(match c {
        '\\' => "\\\\",
        '"' => "\\\"",
        '\u{8}' => "\\b",
        '\u{c}' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ => return None,
    })
}

/// Appends `\uXXXX` for the UTF-16 unit `unit`, in lowercase hex as CPython.
fn push_unit(out: &mut String, unit: u32) {
    out.push_str("\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[((unit >> shift) & 0xf) as usize] as char);
    }
}

/// Appends the JSON literal of `s` (quotes included) to `out`, escaping every character
/// outside printable ASCII when `ascii`, else only quotes, backslashes and control characters.
///
/// ```
/// use pymm_python::modules::json_escape;
/// let mut out = String::new();
/// json_escape(&mut out, "a\"é\u{1f600}\n", true);
/// assert_eq!(out, r#""a\"\u00e9\ud83d\ude00\n""#);
/// out.clear();
/// json_escape(&mut out, "é\u{1}", false);
/// assert_eq!(out, "\"é\\u0001\"");
/// ```
pub fn escape_into(out: &mut String, s: &str, ascii: bool) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut plain_from = 0;
    for (at, c) in s.char_indices() {
        let plain = if ascii {
            (' '..='~').contains(&c) && c != '\\' && c != '"'
        } else {
            c >= ' ' && c != '\\' && c != '"'
        };
        if plain {
            continue;
        }
        out.push_str(&s[plain_from..at]);
        plain_from = at + c.len_utf8();
        if let Some(escape) = short_escape(c) {
            out.push_str(escape);
        } else if (c as u32) < 0x10000 {
            push_unit(out, c as u32);
        } else {
            let n = c as u32 - 0x10000;
            push_unit(out, 0xd800 | (n >> 10));
            push_unit(out, 0xdc00 | (n & 0x3ff));
        }
    }
    out.push_str(&s[plain_from..]);
    out.push('"');
}

/// `_json.encode_basestring_ascii(s)`.
pub fn encode_basestring_ascii(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "encode_basestring_ascii", 1, 1, &[])?;
    encode(vm, a, true)
}

/// `_json.encode_basestring(s)`.
pub fn encode_basestring(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "encode_basestring", 1, 1, &[])?;
    encode(vm, a, false)
}

fn encode(vm: &Vm, a: Args<'_>, ascii: bool) -> PyResult {
    let s = str_arg(vm, &a.pos[0], "first argument must be a string")?;
    let mut out = String::new();
    escape_into(&mut out, s, ascii);
    vm.str(out)
}
