//! Source files are bytes: PEP 263 decoding, as CPython 3.11's tokenizer does it.
//!
//! A UTF-8 BOM is skipped and means UTF-8. A coding cookie (`# -*- coding: latin-1 -*-`) is
//! read from line 1, or from line 2 when line 1 holds nothing but a comment. Without either,
//! the source must be valid UTF-8, line by line. The errors and their wording are CPython's:
//! see [`SourceError`].

use super::codecs::Codec;
use super::unicode_error::first_token_error;
use super::SyntaxError;

const BOM: &[u8] = b"\xef\xbb\xbf";

/// Why a source file could not be decoded (CPython reports every case as a SyntaxError).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    /// A file-wide problem, shown as the single line `SyntaxError: {message}`.
    Whole(String),
    /// A bad token, shown like a parse error: file, line, the line's text, message.
    At {
        /// Message and line.
        error: SyntaxError,
        /// The line's text (undecodable bytes replaced).
        text: String,
    },
}

/// Decodes the bytes of the file `filename` into source text.
pub fn decode_source(bytes: &[u8], filename: &str) -> Result<String, SourceError> {
    let (body, bom) = match bytes.strip_prefix(BOM) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    match declared_encoding(body, bom, filename)? {
        None if bom => Ok(decode_declared_utf8(body)?),
        None => match std::str::from_utf8(body) {
            Ok(text) => Ok(text.to_string()),
            Err(e) => Err(non_utf8(body, e.valid_up_to(), filename)),
        },
        Some(name) if name == "utf-8" => decode_declared_utf8(body),
        Some(name) => Codec::lookup(&name)
            .and_then(|codec| codec.decode(body))
            .ok_or_else(|| SourceError::Whole(format!("encoding problem: {name}"))),
    }
}

/// The cookie's encoding (normalized as CPython's `get_normal_name` does), if any.
///
/// Without a BOM, line 1 is checked to be UTF-8 before line 2 is looked at, as CPython's
/// line-by-line reader does.
fn declared_encoding(
    body: &[u8],
    bom: bool,
    filename: &str,
) -> Result<Option<String>, SourceError> {
    let mut lines = body.split_inclusive(|b| *b == b'\n');
    let first = lines.next().unwrap_or_default();
    let spec = match coding_spec(first) {
        Some(spec) => Some(spec),
        None => {
            if let (false, Err(e)) = (bom, std::str::from_utf8(first)) {
                return Err(non_utf8(body, e.valid_up_to(), filename));
            }
            if has_code(first) {
                None
            } else {
                lines.next().and_then(coding_spec)
            }
        }
    };
    match spec {
        Some(spec) if bom && spec != "utf-8" => Err(SourceError::Whole(format!(
            "encoding problem: {spec} with BOM"
        ))),
        other => Ok(other),
    }
}

/// UTF-8 declared by a cookie or a BOM: CPython checks it token by token, so undecodable
/// bytes in comments pass, and one in a string or a name is a `(unicode error)`.
fn decode_declared_utf8(body: &[u8]) -> Result<String, SourceError> {
    if let Ok(text) = std::str::from_utf8(body) {
        return Ok(text.to_string());
    }
    match first_token_error(body) {
        Some((line, message)) => Err(SourceError::At {
            text: line_text(body, line),
            error: SyntaxError {
                kind: crate::compile::ErrorKind::Syntax,
                message,
                line,
                span: None,
            },
        }),
        None => Ok(String::from_utf8_lossy(body).into_owned()),
    }
}

/// Text of the 1-based `line`, undecodable bytes replaced.
fn line_text(body: &[u8], line: u32) -> String {
    let bytes = body
        .split(|b| *b == b'\n')
        .nth(line.saturating_sub(1) as usize)
        .unwrap_or_default();
    String::from_utf8_lossy(bytes).into_owned()
}

/// CPython's error for undecodable bytes when no encoding is declared.
fn non_utf8(body: &[u8], at: usize, filename: &str) -> SourceError {
    let line = body[..at].iter().filter(|b| **b == b'\n').count() + 1;
    SourceError::Whole(format!(
        "Non-UTF-8 code starting with '\\x{:02x}' in file {filename} on line {line}, but no \
         encoding declared; see https://peps.python.org/pep-0263/ for details",
        body[at]
    ))
}

/// True when a line holds something other than blanks and a comment (CPython then stops
/// looking for a cookie).
fn has_code(line: &[u8]) -> bool {
    line.iter()
        .take_while(|b| !matches!(b, b'#' | b'\n' | b'\r'))
        .any(|b| !matches!(b, b' ' | b'\t' | b'\x0c'))
}

/// The encoding named by a `coding[:=]` cookie, if the line is a comment carrying one
/// (CPython's `get_coding_spec`).
fn coding_spec(line: &[u8]) -> Option<String> {
    let hash = line
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\x0c'))?;
    if line[hash] != b'#' {
        return None;
    }
    // CPython only looks for "coding" where at least 6 more bytes follow it.
    let last_start = line.len().checked_sub(7)?;
    (hash..=last_start).find_map(|i| {
        let rest = line[i..].strip_prefix(b"coding")?;
        let rest = rest
            .strip_prefix(b":")
            .or_else(|| rest.strip_prefix(b"="))?;
        let start = rest.iter().position(|b| !matches!(b, b' ' | b'\t'))?;
        let name: Vec<u8> = rest[start..]
            .iter()
            .copied()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
            .collect();
        (!name.is_empty()).then(|| normal_name(&String::from_utf8_lossy(&name)))
    })
}

/// CPython's `get_normal_name`: the spellings of UTF-8 and Latin-1 it knows become `utf-8`
/// and `iso-8859-1`; any other name is kept as written.
fn normal_name(name: &str) -> String {
    let folded: String = name
        .chars()
        .take(12)
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    let is = |exact: &str| folded == exact || folded.starts_with(&format!("{exact}-"));
    if is("utf-8") {
        "utf-8".into()
    } else if is("latin-1") || is("iso-8859-1") || is("iso-latin-1") {
        "iso-8859-1".into()
    } else {
        name.into()
    }
}

#[cfg(test)]
mod tests {
    use super::{decode_source, SourceError};

    fn whole(bytes: &[u8]) -> String {
        match decode_source(bytes, "f.py") {
            Err(SourceError::Whole(message)) => message,
            other => panic!("expected a file-wide error, got {other:?}"),
        }
    }

    #[test]
    fn plain_utf8_and_the_bom() {
        assert_eq!(
            decode_source(b"x = '\xc3\xa9'\n", "f.py").unwrap(),
            "x = 'é'\n"
        );
        assert_eq!(
            decode_source(b"\xef\xbb\xbfx = 1\n", "f.py").unwrap(),
            "x = 1\n"
        );
    }

    #[test]
    fn undeclared_bytes_name_their_line() {
        let message = whole(b"print(1)\r\nx = '\xff'\n");
        assert!(message.starts_with("Non-UTF-8 code starting with '\\xff' in file f.py on line 2"));
        // a cookie on line 2 comes too late for a bad line 1
        assert!(whole(b"# \xe9\n# coding: latin-1\n").contains("on line 1"));
    }

    #[test]
    fn cookies_on_line_one_or_two() {
        let latin = decode_source(b"#!/bin/python\n# -*- coding: latin-1 -*-\nx='\xe9'\n", "f");
        assert_eq!(
            latin.unwrap(),
            "#!/bin/python\n# -*- coding: latin-1 -*-\nx='é'\n"
        );
        assert_eq!(
            decode_source(b"# coding=cp1252\n'\x80'", "f").unwrap(),
            "# coding=cp1252\n'€'"
        );
        // after a line of code, or on line 3, a cookie is only a comment
        assert!(whole(b"x = 1\n# coding: latin-1\n'\xe9'\n").contains("on line 3"));
        assert!(whole(b"\n\n# coding: latin-1\n'\xe9'\n").contains("on line 4"));
    }

    #[test]
    fn encoding_problems() {
        assert_eq!(whole(b"# coding: klingon\n"), "encoding problem: klingon");
        assert_eq!(
            whole(b"# coding: ascii\n'\xe9'\n"),
            "encoding problem: ascii"
        );
        assert_eq!(
            whole(b"\xef\xbb\xbf# coding: latin-1\n"),
            "encoding problem: iso-8859-1 with BOM"
        );
    }

    #[test]
    fn declared_utf8_tolerates_bad_comments_only() {
        assert!(decode_source(b"# coding=utf-8\nx = 1 # \xff\n", "f").is_ok());
        match decode_source(b"# coding=utf-8\nx = 'ab\xff'\n", "f") {
            Err(SourceError::At { error, .. }) => {
                assert_eq!(error.line, 2);
                assert_eq!(
                    error.message,
                    "(unicode error) 'utf-8' codec can't decode byte 0xff in position 2: \
                     invalid start byte"
                );
            }
            other => panic!("expected a located error, got {other:?}"),
        }
    }
}
