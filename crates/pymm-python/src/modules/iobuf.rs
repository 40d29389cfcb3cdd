//! `_iobuf`: the work of `io.StringIO` and `io.BytesIO` that CPython does in C
//! (`Modules/_io/stringio.c`, `bytesio.c`). `io.py` keeps each stream's state in instance
//! attributes: a BytesIO its bytes in the bytearray `_buffer`, a StringIO its text as `_value`
//! plus the pieces written at the end since (`_pieces`, joined when the text is read), its
//! length `_length` and `newline` argument `_newline`; both their position `_pos`.
//!
//! The calls a program makes per item (`StringIO.write`, which `print(..., file=f)` makes
//! twice per call, `BytesIO.write` and `BytesIO.read`, which pickle makes per opcode) are
//! native methods over that state (no Python frame per call); the rest of each class is
//! Python over the helpers below, which read and write the bytearray in place, so a write
//! costs the bytes written (plus an amortized grow), never a copy of the whole stream.

use std::cell::RefCell;

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{Exc, PyResult, Vm};

static FUNCTIONS: &[BuiltinFn] = &[BuiltinFn::new("write_at", write_at)];

/// The native methods, by the module attribute `io.py` takes each from.
static METHODS: [(&str, BuiltinFn); 7] = [
    (
        "stringio_write",
        BuiltinFn::for_class("write", stringio_write).args(1, 1),
    ),
    (
        "stringio_text",
        BuiltinFn::for_class("_text", stringio_text).args(0, 0),
    ),
    (
        "bytesio_write",
        BuiltinFn::for_class("write", bytesio_write).args(1, 1),
    ),
    (
        "bytesio_read",
        BuiltinFn::for_class("read", bytesio_read).args(0, 1),
    ),
    (
        "bytesio_readline",
        BuiltinFn::for_class("readline", bytesio_readline).args(0, 1),
    ),
    (
        "stringio_tell",
        BuiltinFn::for_class("tell", stringio_tell).args(0, 0),
    ),
    (
        "bytesio_tell",
        BuiltinFn::for_class("tell", bytesio_tell).args(0, 0),
    ),
];

/// The bytearray a BytesIO keeps (always one: `io.py` makes it).
fn buffer<'a>(vm: &Vm, obj: &'a PyRef) -> PyResult<&'a RefCell<Vec<u8>>> {
    match &**obj {
        Obj::ByteArray(b) => Ok(b),
        _ => Err(vm.type_error("a BytesIO buffer must be a bytearray")),
    }
}

/// A non-negative position or size argument (`io.py` passes ints it has checked).
fn position(vm: &Vm, obj: &PyRef) -> PyResult<usize> {
    let i = vm.index_value(obj, "position")?;
    usize::try_from(i).map_err(|_| vm.value_error(format!("negative position {i}")))
}

/// Stores `data` (bytes or bytearray) at `pos` of `buffer`, overwriting what is there and
/// growing the buffer as needed; a gap past the end is filled with zero bytes, as BytesIO
/// does after a seek beyond the end. Returns `len(data)`.
fn store(vm: &Vm, buffer_obj: &PyRef, pos: usize, data: &PyRef) -> PyResult<usize> {
    let copy;
    let data: &[u8] = match &**vm.builtin_receiver(data) {
        Obj::Bytes(b) => b,
        // copied first: the bytearray may be the buffer itself (`f.write(f.getbuffer())`)
        Obj::ByteArray(b) => {
            copy = b.borrow().clone();
            &copy
        }
        _ => {
            return Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(data)
            )))
        }
    };
    if data.is_empty() {
        return Ok(0);
    }
    let mut buf = buffer(vm, buffer_obj)?.borrow_mut();
    let end = pos + data.len();
    if buf.len() < end {
        buf.resize(end, 0);
    }
    buf[pos..end].copy_from_slice(data);
    Ok(data.len())
}

/// Up to `size` bytes of `buffer` from `pos` (to the end when `size` is None).
fn load(vm: &Vm, buffer_obj: &PyRef, pos: usize, size: Option<usize>) -> PyResult {
    let buf = buffer(vm, buffer_obj)?.borrow();
    let start = pos.min(buf.len());
    let end = size.map_or(buf.len(), |size| start.saturating_add(size).min(buf.len()));
    Ok(vm.bytes(&buf[start..end]))
}

/// A size argument: None for a negative one (no limit).
fn limit(vm: &Vm, obj: &PyRef) -> PyResult<Option<usize>> {
    Ok(usize::try_from(vm.index_value(obj, "size")?).ok())
}

/// `write_at(buffer, pos, data) -> len(data)`: [`store`].
fn write_at(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "write_at", 3, 3, &[])?;
    let pos = position(vm, &a.pos[1])?;
    let n = store(vm, &a.pos[0], pos, &a.pos[2])?;
    vm.new_int(n as i64)
}

/// The bytes of `buf` from `pos` through the next `\n` (or to the end), at most `size`.
fn line_at(buf: &[u8], pos: usize, size: Option<usize>) -> &[u8] {
    let start = pos.min(buf.len());
    let mut end = buf[start..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(buf.len(), |i| start + i + 1);
    if let Some(size) = size {
        end = end.min(start.saturating_add(size));
    }
    &buf[start..end]
}

/// The stream a native method was called on: its receiver, with the state `io.py` keeps
/// in its attributes.
struct Stream<'a> {
    vm: &'a Vm,
    obj: &'a PyRef,
    /// "StringIO" or "BytesIO".
    class: &'static str,
    /// The method called, for the error on a receiver of another class.
    method: &'static str,
}

impl<'a> Stream<'a> {
    /// The receiver of `class.method`: an instance, else CPython's descriptor error (an
    /// instance of another class is found out when its state is missing: see
    /// [`Stream::missing`]).
    fn of(vm: &'a Vm, a: &Args<'a>, class: &'static str, method: &'static str) -> PyResult<Self> {
        let obj = a.receiver(vm)?;
        let stream = Stream {
            vm,
            obj,
            class,
            method,
        };
        if !matches!(&**obj, Obj::Instance(_)) {
            return Err(stream.wrong_receiver());
        }
        Ok(stream)
    }

    /// CPython's error for a method of the class called on an object of another.
    fn wrong_receiver(&self) -> crate::vm::PyErr {
        self.vm.type_error(format!(
            "descriptor '{}' for '_io.{}' objects doesn't apply to a '{}' object",
            self.method,
            self.class,
            self.vm.type_name(self.obj)
        ))
    }

    /// The error for state that is not there: the descriptor error when the receiver is
    /// no instance of the class (by name, along its resolution order), else CPython's
    /// error for an instance whose `__init__` did not run.
    fn missing(&self) -> crate::vm::PyErr {
        let class = self.vm.type_of(self.obj);
        let named = |c: &PyRef| matches!(&**c, Obj::Class(c) if &*c.name == self.class);
        let is_instance = match &*class {
            Obj::Class(c) => named(&class) || c.mro.iter().any(named),
            _ => false,
        };
        if is_instance {
            self.vm.value_error("I/O operation on uninitialized object")
        } else {
            self.wrong_receiver()
        }
    }

    fn get(&self, name: &'static str) -> Option<PyRef> {
        self.vm
            .instance_get_name(self.obj, &self.vm.intern_static(name))
    }

    /// The attributes `names`, read with one borrow of the class's keys.
    fn get_all<const N: usize>(&self, names: [&'static str; N]) -> [Option<PyRef>; N] {
        let names = names.map(|name| self.vm.intern_static(name));
        self.vm
            .instance_get_names(self.obj, std::array::from_fn(|i| &names[i]))
    }

    /// The attribute `name`, which `__init__` set (CPython's error when it did not run).
    fn state(&self, name: &'static str) -> PyResult<PyRef> {
        self.set_up(self.get(name))
    }

    /// A state attribute read, or CPython's error when `__init__` did not run.
    fn set_up(&self, value: Option<PyRef>) -> PyResult<PyRef> {
        value.ok_or_else(|| self.missing())
    }

    /// The int attribute `name` (a position or length, never negative).
    fn index(&self, name: &'static str) -> PyResult<usize> {
        self.as_index(self.get(name).as_ref())
    }

    /// An int state attribute read (a position or length, never negative).
    fn as_index(&self, value: Option<&PyRef>) -> PyResult<usize> {
        value
            .and_then(|v| v.as_i64())
            .and_then(|i| usize::try_from(i).ok())
            .ok_or_else(|| self.missing())
    }

    fn set(&self, name: &'static str, value: PyRef) -> PyResult<()> {
        self.vm
            .instance_set(self.obj, &self.vm.intern_static(name), value)
    }

    fn set_index(&self, name: &'static str, value: usize) -> PyResult<()> {
        self.set(name, self.vm.new_int(value as i64)?)
    }

    /// Moves the position from `old` (the `_pos` value read, whose handle the caller
    /// holds) to `pos`: written into the int's box when only the instance and the caller
    /// hold it (pickle's frames move their position per opcode), else stored anew.
    fn advance(&self, old: Option<PyRef>, pos: usize) -> PyResult<()> {
        match (old, i64::try_from(pos)) {
            (Some(old), Ok(new)) if self.vm.rewrite_int(&old, 2, new) => Ok(()),
            _ => self.set_index("_pos", pos),
        }
    }

    /// Fails as CPython does on a closed stream (`close()` sets `closed`); its StringIO
    /// says so without the full stop its BytesIO has.
    fn check_open(&self) -> PyResult<()> {
        self.check_closed(self.get("closed"))
    }

    /// [`Stream::check_open`] on a `closed` attribute already read.
    fn check_closed(&self, closed: Option<PyRef>) -> PyResult<()> {
        match closed {
            Some(closed) if self.vm.truthy(&closed)? => {
                Err(self.vm.value_error(match self.class {
                    "StringIO" => "I/O operation on closed file",
                    _ => "I/O operation on closed file.",
                }))
            }
            _ => Ok(()),
        }
    }

    /// `tell()`: the position.
    fn tell(&self) -> PyResult {
        self.check_open()?;
        self.state("_pos")
    }
}

/// `StringIO.write(s)`: stores `s` at the position, with the newline translation of the
/// stream's `newline` argument, and returns `len(s)` (before translation, as CPython's).
fn stringio_write(vm: &Vm, a: Args<'_>) -> PyResult {
    let stream = Stream::of(vm, &a, "StringIO", "write")?;
    // a str subclass's instance writes its str value
    let arg = vm.builtin_receiver(&a.pos[1]);
    let Obj::Str(text) = &**arg else {
        return Err(vm.type_error(format!(
            "string argument expected, got '{}'",
            vm.type_name(&a.pos[1])
        )));
    };
    let [closed, newline, pos, length] = stream.get_all(["closed", "_newline", "_pos", "_length"]);
    stream.check_closed(closed)?;
    let n = text.char_len();
    if n == 0 {
        return vm.new_int(0);
    }
    if newline
        .as_ref()
        .is_some_and(|nl| matches!(nl.as_str(), None | Some("")))
    {
        note_newlines(&stream, text.as_str())?;
    }
    let (piece, written) = match translate(text.as_str(), newline) {
        Some(t) => (vm.str(&t)?, t.chars().count()),
        None => (arg.clone(), n),
    };
    let pos = stream.as_index(pos.as_ref())?;
    let length = stream.as_index(length.as_ref())?;
    if pos == length {
        append_piece(&stream, piece)?;
    } else {
        splice(&stream, pos, length, &piece, written)?;
    }
    stream.set_index("_pos", pos + written)?;
    stream.set_index("_length", length.max(pos + written))?;
    vm.new_int(n as i64)
}

/// Adds the kinds of line end in `text` to the StringIO's `_seen` (1 `\n`, 2 `\r`, 4
/// `\r\n`, as the flags of CPython's newline decoder, which its `newlines` reports when
/// `newline` is None or ""); each write is taken whole, as CPython decodes it as final.
fn note_newlines(stream: &Stream<'_>, text: &str) -> PyResult<()> {
    let bytes = text.as_bytes();
    let mut seen = 0;
    for (i, &b) in bytes.iter().enumerate() {
        seen |= match b {
            b'\n' if i > 0 && bytes[i - 1] == b'\r' => 4,
            b'\n' => 1,
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => 0,
            b'\r' => 2,
            _ => 0,
        };
    }
    if seen != 0 {
        let old = stream.index("_seen")?;
        stream.set_index("_seen", old | seen)?;
    }
    Ok(())
}

/// What a StringIO with `newline` stores for `text`, when it differs: `newline=None`
/// turns `\r\n` and `\r` into `\n`, `"\r"` and `"\r\n"` turn `\n` into themselves; `"\n"`
/// and `""` store the text as written.
fn translate(text: &str, newline: Option<PyRef>) -> Option<String> {
    match newline?.as_str() {
        None if text.contains('\r') => Some(text.replace("\r\n", "\n").replace('\r', "\n")),
        Some(nl @ ("\r" | "\r\n")) if text.contains('\n') => Some(text.replace('\n', nl)),
        _ => None,
    }
}

/// Appends a piece at the end of the text (the usual way to build one): O(1).
fn append_piece(stream: &Stream<'_>, piece: PyRef) -> PyResult<()> {
    let pieces = stream.state("_pieces")?;
    let Obj::List(list) = &*pieces else {
        return Err(stream.vm.type_error("a StringIO's pieces must be a list"));
    };
    let Ok(mut items) = list.try_borrow_mut() else {
        return Err(in_use(stream.vm));
    };
    items.push(piece);
    Ok(())
}

/// `StringIO._text()`: the whole text, with the pieces written at the end joined in.
fn stringio_text(vm: &Vm, a: Args<'_>) -> PyResult {
    text(&Stream::of(vm, &a, "StringIO", "_text")?)
}

/// The text of a StringIO: `_value` and the pending `_pieces`, joined into `_value` once.
fn text(stream: &Stream<'_>) -> PyResult {
    let vm = stream.vm;
    let value = stream.state("_value")?;
    let pieces = stream.state("_pieces")?;
    let Obj::List(list) = &*pieces else {
        return Err(vm.type_error("a StringIO's pieces must be a list"));
    };
    if list.is_empty() {
        return Ok(value);
    }
    let mut out = String::from(value.as_str().unwrap_or(""));
    {
        let Ok(mut items) = list.try_borrow_mut() else {
            return Err(in_use(vm));
        };
        for piece in items.iter() {
            out.push_str(piece.as_str().unwrap_or(""));
        }
        items.clear();
    }
    let joined = vm.str(&out)?;
    stream.set("_value", joined.clone())?;
    Ok(joined)
}

/// The error for a StringIO whose pieces list is being iterated (only code that reaches
/// into `_pieces` can do that).
fn in_use(vm: &Vm) -> crate::vm::PyErr {
    vm.new_exc(Exc::RuntimeError, "a StringIO's pieces are in use")
}

/// Writes `piece` (`written` characters) over the text at `pos`, past its `length` when
/// the stream was seeked there (the gap filled with NULs, as CPython fills it).
fn splice(
    stream: &Stream<'_>,
    pos: usize,
    length: usize,
    piece: &PyRef,
    written: usize,
) -> PyResult<()> {
    let vm = stream.vm;
    let whole = text(stream)?;
    let (Some(value), Some(piece)) = (whole.as_str(), piece.as_str()) else {
        return Err(vm.type_error("a StringIO's text must be a str"));
    };
    let mut out = String::with_capacity(value.len() + piece.len() + pos.saturating_sub(length));
    out.push_str(&value[..byte_offset(value, pos)]);
    out.extend(std::iter::repeat_n('\0', pos.saturating_sub(length)));
    out.push_str(piece);
    out.push_str(&value[byte_offset(value, pos + written)..]);
    stream.set("_value", vm.str(&out)?)
}

/// The byte offset of character `index` of `text` (its length at or past the end).
fn byte_offset(text: &str, index: usize) -> usize {
    if text.is_ascii() {
        return index.min(text.len());
    }
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(i, _)| i)
}

/// `StringIO.tell()`.
fn stringio_tell(vm: &Vm, a: Args<'_>) -> PyResult {
    Stream::of(vm, &a, "StringIO", "tell")?.tell()
}

/// `BytesIO.tell()`.
fn bytesio_tell(vm: &Vm, a: Args<'_>) -> PyResult {
    Stream::of(vm, &a, "BytesIO", "tell")?.tell()
}

/// `BytesIO.write(b)`: stores `b` at the position and returns `len(b)`.
fn bytesio_write(vm: &Vm, a: Args<'_>) -> PyResult {
    let stream = Stream::of(vm, &a, "BytesIO", "write")?;
    let [closed, pos_obj, buffer] = stream.get_all(["closed", "_pos", "_buffer"]);
    stream.check_closed(closed)?;
    let pos = stream.as_index(pos_obj.as_ref())?;
    let n = store(vm, &stream.set_up(buffer)?, pos, &a.pos[1])?;
    if n > 0 {
        stream.advance(pos_obj, pos + n)?;
    }
    vm.new_int(n as i64)
}

/// `BytesIO.read(size=-1)`: up to `size` bytes from the position (the rest when `size` is
/// negative or None), advancing it.
fn bytesio_read(vm: &Vm, a: Args<'_>) -> PyResult {
    let stream = Stream::of(vm, &a, "BytesIO", "read")?;
    let size = match a.pos.get(1) {
        Some(size) => size_arg(vm, size)?,
        None => None,
    };
    let [closed, pos_obj, buffer] = stream.get_all(["closed", "_pos", "_buffer"]);
    stream.check_closed(closed)?;
    let pos = stream.as_index(pos_obj.as_ref())?;
    let data = load(vm, &stream.set_up(buffer)?, pos, size)?;
    let n = match &*data {
        Obj::Bytes(b) => b.len(),
        _ => 0,
    };
    if n > 0 {
        stream.advance(pos_obj, pos + n)?;
    }
    Ok(data)
}

/// `BytesIO.readline(size=-1)`: the bytes from the position through the next `\n` (or to
/// the end), at most `size` of them when `size` is not negative or None, advancing it.
fn bytesio_readline(vm: &Vm, a: Args<'_>) -> PyResult {
    let stream = Stream::of(vm, &a, "BytesIO", "readline")?;
    let size = match a.pos.get(1) {
        Some(size) => size_arg(vm, size)?,
        None => None,
    };
    let [closed, pos_obj, buffer] = stream.get_all(["closed", "_pos", "_buffer"]);
    stream.check_closed(closed)?;
    let pos = stream.as_index(pos_obj.as_ref())?;
    let buffer = stream.set_up(buffer)?;
    let (line, n) = {
        let buf = self::buffer(vm, &buffer)?.borrow();
        let line = line_at(&buf, pos, size);
        (vm.bytes(line), line.len())
    };
    if n > 0 {
        stream.advance(pos_obj, pos + n)?;
    }
    Ok(line)
}

/// A `read(size)` argument as CPython's `_Py_convert_optional_to_ssize_t` takes it: an int
/// or None; None for no limit (None or negative).
fn size_arg(vm: &Vm, size: &PyRef) -> PyResult<Option<usize>> {
    match &**size {
        Obj::None => Ok(None),
        Obj::Int(_) | Obj::Bool(_) => limit(vm, size),
        Obj::BigInt(_) => Err(vm.new_exc(
            Exc::OverflowError,
            "cannot fit 'int' into an index-sized integer",
        )),
        _ => Err(vm.type_error(format!(
            "argument should be integer or None, not '{}'",
            vm.type_name(size)
        ))),
    }
}

/// Creates the module.
pub fn build(vm: &Vm) -> PyResult<PyRef> {
    let m = vm.new_module("_iobuf")?;
    vm.module_add_functions(&m, FUNCTIONS)?;
    for (name, method) in &METHODS {
        let obj = vm.alloc(Obj::Builtin(method))?;
        vm.module_set(&m, name, obj)?;
    }
    Ok(m)
}
