//! `_pyexpat_scan`: the XML tokenizer under `pyexpat` (`modules/pyexpat.py`), on quick-xml.
//! `scan(data, final)` reads the events of one chunk of a document and hands them back as a
//! flat list; the Python parser keeps the rest of the state (the open elements, namespaces,
//! line numbers, handlers), so this module holds none between calls. Data that may be the
//! start of an event cut by the end of the chunk (a tag, a reference, text, part of a UTF-8
//! sequence) is left unconsumed when `final` is false: the caller feeds it again in front of
//! the next chunk, which is how expat's `Parse(data, isfinal)` reads a document in pieces.

use std::borrow::Cow;

use quick_xml::errors::{Error, IllFormedError, SyntaxError};
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use quick_xml::reader::Reader;
use quick_xml::XmlVersion;

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[BuiltinFn::new("scan", scan)];

/// Event kinds, the first of the four list items of each event (`pyexpat.py` has the same).
const START: i64 = 0;
const END: i64 = 1;
const TEXT: i64 = 2;
const COMMENT: i64 = 3;
const PI: i64 = 4;
const DECL: i64 = 5;
const DOCTYPE: i64 = 6;
const CDATA: i64 = 7;

/// expat's error codes (`xml.parsers.expat.errors`) for what the scanner finds.
const SYNTAX: i64 = 2;
const INVALID_TOKEN: i64 = 4;
const UNCLOSED_TOKEN: i64 = 5;
const PARTIAL_CHAR: i64 = 6;
const DUPLICATE_ATTRIBUTE: i64 = 8;
const UNDEFINED_ENTITY: i64 = 11;
const BAD_CHAR_REF: i64 = 14;
const UNCLOSED_CDATA: i64 = 20;

/// An error found by the scanner: expat's code and the byte offset it points at.
type ScanError = (i64, usize);

pub fn build(vm: &Vm) -> PyResult {
    let m = vm.new_module("_pyexpat_scan")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    Ok(m)
}

/// `scan(data, final)`: `(events, consumed, error)`, where `events` is a flat list of
/// `kind, offset, a, b` per event, `consumed` the number of bytes read (the caller keeps the
/// rest), and `error` `None` or `(code, offset)` for the first error (after the events
/// before it).
fn scan(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "scan", 2, 2, &[])?;
    let Obj::Bytes(data) = &*a.pos[0] else {
        return Err(vm.type_error("scan() argument 1 must be bytes"));
    };
    let last = vm.truthy(&a.pos[1])?;
    let mut scanner = Scanner {
        vm,
        events: Vec::new(),
        text: String::new(),
        text_start: None,
    };
    let (consumed, error) = scanner.run(data, last)?;
    let error = match error {
        Some((code, at)) => vm.tuple(vec![vm.new_int(code)?, vm.new_int(at as i64)?]),
        None => vm.none(),
    };
    let events = vm.list(scanner.events)?;
    Ok(vm.tuple(vec![events, vm.new_int(consumed as i64)?, error]))
}

/// The events read so far, and the character data not yet handed out (adjacent text
/// and references make one `TEXT` event, as expat's `buffer_text` does).
struct Scanner<'v> {
    vm: &'v Vm,
    events: Vec<PyRef>,
    text: String,
    /// Where the pending text starts, if there is any.
    text_start: Option<usize>,
}

impl Scanner<'_> {
    /// Reads `data`: the bytes consumed, and the error that stopped it, if any.
    fn run(&mut self, data: &[u8], last: bool) -> PyResult<(usize, Option<ScanError>)> {
        // the valid UTF-8 prefix; a sequence cut at the end waits for the next chunk
        let (valid, bad_utf8) = match std::str::from_utf8(data) {
            Ok(s) => (s, None),
            Err(e) => {
                let prefix = &data[..e.valid_up_to()];
                let prefix = std::str::from_utf8(prefix).unwrap_or_default();
                let code = if e.error_len().is_some() {
                    Some(INVALID_TOKEN)
                } else if last {
                    Some(PARTIAL_CHAR)
                } else {
                    None
                };
                (prefix, code)
            }
        };
        let whole = bad_utf8.is_none() && last;
        let mut reader = Reader::from_str(valid);
        let config = reader.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = false;
        // the element may have started in an earlier chunk: pyexpat.py checks the nesting
        config.allow_unmatched_ends = true;
        config.check_comments = true;
        loop {
            let at = reader.buffer_position() as usize;
            match reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(event) => {
                    let span = at..reader.buffer_position() as usize;
                    if let Err(error) = self.event(&valid[span], at, event, whole)? {
                        self.flush()?;
                        return Ok((at, Some(error)));
                    }
                }
                Err(error) => {
                    let at = at.max(self.text_start.unwrap_or(at));
                    if !whole && cut_by_end(&error) {
                        // the event goes on in the next chunk
                        let resume = self.text_start.unwrap_or(at);
                        self.text.clear();
                        self.text_start = None;
                        return Ok((resume.min(at), None));
                    }
                    self.flush()?;
                    return Ok((at, Some(error_of(&error, at, valid))));
                }
            }
        }
        if !whole {
            // text running to the end may go on: hand it out with the next chunk
            let resume = self.text_start.unwrap_or(valid.len());
            self.text.clear();
            self.text_start = None;
            if let Some(code) = bad_utf8.filter(|_| last || bad_utf8 == Some(INVALID_TOKEN)) {
                self.flush()?;
                return Ok((valid.len(), Some((code, valid.len()))));
            }
            return Ok((resume, None));
        }
        self.flush()?;
        Ok((valid.len(), None))
    }

    /// Handles one event read at byte `at`; `Ok(Err(..))` for an error in it.
    fn event(
        &mut self,
        raw: &str,
        at: usize,
        event: Event<'_>,
        whole: bool,
    ) -> PyResult<Result<(), ScanError>> {
        let vm = self.vm;
        match event {
            Event::Text(text) => {
                let raw = text.into_inner();
                if let Some(i) = raw.find("]]>") {
                    return Ok(Err((INVALID_TOKEN, at + i + 2)));
                }
                if let Some(i) = raw.find('&') {
                    // a lone `&` (quick-xml reads it as text when no `;` follows)
                    return Ok(Err((
                        if whole { INVALID_TOKEN } else { UNCLOSED_TOKEN },
                        at + i,
                    )));
                }
                self.add_text(at, &normalize_eols(&raw));
            }
            Event::CData(cdata) => {
                // its own event: expat reports the section's start and end around its text
                self.flush()?;
                let text = normalize_eols(&cdata.into_inner()).into_owned();
                self.push(CDATA, at, vm.str(text)?, vm.none())?;
            }
            Event::GeneralRef(reference) => match resolve_reference(&reference.into_inner()) {
                Ok(c) => self.add_text(at, &c),
                Err(code) => return Ok(Err((code, at))),
            },
            Event::Start(start) => {
                let name = match self.tag_name(start.name(), at + 1)? {
                    Ok(name) => name,
                    Err(error) => return Ok(Err(error)),
                };
                let attrs = match attributes(vm, &start, at)? {
                    Ok(attrs) => attrs,
                    Err(error) => return Ok(Err(error)),
                };
                self.push(START, at, name, attrs)?;
            }
            Event::End(end) => {
                let name = match self.tag_name(end.name(), at + 2)? {
                    Ok(name) => name,
                    Err(error) => return Ok(Err(error)),
                };
                self.push(END, at, name, vm.none())?;
            }
            Event::Comment(comment) => {
                self.flush()?;
                let text = normalize_eols(&comment.into_inner()).into_owned();
                self.push(COMMENT, at, vm.str(text)?, vm.none())?;
            }
            Event::PI(pi) => {
                self.flush()?;
                let data = pi.content().trim_start();
                let data = normalize_eols(data).into_owned();
                self.push(PI, at, vm.str(pi.target())?, vm.str(data)?)?;
            }
            Event::Decl(decl) => {
                self.flush()?;
                let field = |value: Option<Result<Cow<'_, str>, AttrError>>| match value {
                    Some(Ok(value)) => vm.str(value),
                    _ => Ok(vm.none()),
                };
                let version = match decl.version() {
                    Ok(version) => vm.str(version)?,
                    Err(_) => return Ok(Err((SYNTAX, at))),
                };
                let rest = vm.tuple(vec![field(decl.encoding())?, field(decl.standalone())?]);
                self.push(DECL, at, version, rest)?;
            }
            Event::DocType(_) => {
                self.flush()?;
                self.push(DOCTYPE, at, vm.str(raw)?, vm.none())?;
            }
            Event::Empty(_) | Event::Eof => {}
        }
        Ok(Ok(()))
    }

    /// A tag's name as a str (the pending text handed out first), or the error at `name_at`
    /// when it is not an XML name.
    fn tag_name(&mut self, name: QName<'_>, name_at: usize) -> PyResult<Result<PyRef, ScanError>> {
        self.flush()?;
        let name: &str = name.as_ref();
        if !is_name(name) {
            return Ok(Err((INVALID_TOKEN, name_at)));
        }
        Ok(Ok(self.vm.str(name)?))
    }

    fn add_text(&mut self, at: usize, text: &str) {
        self.text_start.get_or_insert(at);
        self.text.push_str(text);
    }

    /// Hands out the pending text as one event.
    fn flush(&mut self) -> PyResult<()> {
        if let Some(at) = self.text_start.take() {
            let text = self.vm.str(&self.text)?;
            self.text.clear();
            self.push(TEXT, at, text, self.vm.none())?;
        }
        Ok(())
    }

    fn push(&mut self, kind: i64, at: usize, a: PyRef, b: PyRef) -> PyResult<()> {
        let vm = self.vm;
        self.events
            .extend([vm.new_int(kind)?, vm.new_int(at as i64)?, a, b]);
        Ok(())
    }
}

/// The attributes of the tag read at `at`, as a flat list of names and values (expat's
/// `ordered_attributes`), or the error in them.
fn attributes(vm: &Vm, start: &BytesStart<'_>, at: usize) -> PyResult<Result<PyRef, ScanError>> {
    let mut flat = Vec::new();
    // offsets in quick-xml's attribute errors count from the tag's name
    let tag = at + 1;
    for attr in start.attributes() {
        let attr = match attr {
            Ok(attr) => attr,
            Err(AttrError::Duplicated(pos, _)) => return Ok(Err((DUPLICATE_ATTRIBUTE, tag + pos))),
            Err(
                AttrError::ExpectedEq(pos)
                | AttrError::ExpectedValue(pos)
                | AttrError::UnquotedValue(pos)
                | AttrError::ExpectedQuote(pos, _),
            ) => return Ok(Err((INVALID_TOKEN, tag + pos))),
        };
        let key: &str = attr.key.as_ref();
        if !is_name(key) {
            return Ok(Err((INVALID_TOKEN, tag)));
        }
        if let Some(i) = attr.value.find('<') {
            let value_at = value_offset(start, &attr.value).unwrap_or(0);
            return Ok(Err((INVALID_TOKEN, tag + value_at + i)));
        }
        let value = match attr.normalized_value_with(XmlVersion::Implicit1_0, 1, |name| {
            resolve_predefined_entity(name)
        }) {
            Ok(value) => value,
            // expat points at the tag for a reference in an attribute value
            Err(Error::Escape(quick_xml::escape::EscapeError::InvalidCharRef(_))) => {
                return Ok(Err((BAD_CHAR_REF, at)))
            }
            Err(_) => return Ok(Err((UNDEFINED_ENTITY, at))),
        };
        flat.push(vm.str(key)?);
        flat.push(vm.str(value)?);
    }
    Ok(Ok(vm.list(flat)?))
}

/// Where `value` (a slice of the tag's text) starts in the tag, counting from its name.
fn value_offset(start: &BytesStart<'_>, value: &str) -> Option<usize> {
    let tag: &str = start.as_ref();
    let (base, inner) = (tag.as_ptr() as usize, value.as_ptr() as usize);
    // only addresses are compared: a value copied out of the tag is not inside it
    (base..base + tag.len())
        .contains(&inner)
        .then(|| inner - base)
}

/// The text a reference such as `amp` or `#60` (without `&` and `;`) stands for.
fn resolve_reference(name: &str) -> Result<String, i64> {
    if let Some(number) = name.strip_prefix('#') {
        let value = match number.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16),
            None => number.parse::<u32>(),
        };
        return match value.ok().and_then(char::from_u32) {
            Some(c) if is_xml_char(c) => Ok(c.to_string()),
            _ => Err(BAD_CHAR_REF),
        };
    }
    match resolve_predefined_entity(name) {
        Some(text) => Ok(text.to_string()),
        None if is_name(name) => Err(UNDEFINED_ENTITY),
        None => Err(INVALID_TOKEN),
    }
}

/// The characters XML 1.0 allows in a document (its `Char` production).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// XML's `Name` production (the ASCII part exactly; every non-ASCII letter allowed).
fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':' || !c.is_ascii());
    first_ok
        && chars.all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '.' | '-') || !c.is_ascii()
        })
}

/// Line ends as XML reads them: `\r\n` and a lone `\r` become `\n`.
fn normalize_eols(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// True for an error that only says the input ended inside an event.
fn cut_by_end(error: &Error) -> bool {
    matches!(
        error,
        Error::Syntax(_) | Error::IllFormed(IllFormedError::UnclosedReference)
    )
}

/// expat's code, and the offset it reports, for a quick-xml error at `at` in `src`.
fn error_of(error: &Error, at: usize, src: &str) -> ScanError {
    match error {
        Error::Syntax(SyntaxError::UnclosedCData) => (UNCLOSED_CDATA, at),
        Error::Syntax(SyntaxError::InvalidBangMarkup) => (INVALID_TOKEN, at),
        Error::Syntax(_) => (UNCLOSED_TOKEN, at),
        Error::IllFormed(IllFormedError::DoubleHyphenInComment) => {
            let dashes = src[at..].find("--").map_or(at, |i| {
                // the first `--` inside the comment, after its opening `<!--`
                // expat points past it
                src[at + i + 2..].find("--").map_or(at, |j| at + i + 4 + j)
            });
            (INVALID_TOKEN, dashes)
        }
        Error::IllFormed(IllFormedError::UnclosedReference) => {
            // expat points at the first character that cannot continue the reference
            let rest = &src[at + 1..];
            let name = rest.strip_prefix('#').unwrap_or(rest);
            let skipped = rest.len() - name.len();
            let len = name
                .find(|c: char| !(c.is_ascii_alphanumeric() || "_:.-".contains(c) || !c.is_ascii()))
                .unwrap_or(name.len());
            (INVALID_TOKEN, at + 1 + skipped + len)
        }
        _ => (INVALID_TOKEN, at),
    }
}
