//! Exceptions: the built-in hierarchy, raising helpers, and CPython-style tracebacks.

use std::cell::RefCell;

use super::{PyErr, Types, Vm};
use crate::objects::{Obj, PyRef};
use crate::rt::{Gc, Heap};

macro_rules! exceptions {
    ($($name:ident : $parent:expr),* $(,)?) => {
        /// The built-in exception classes.
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        pub enum Exc { $(#[doc = stringify!($name)] $name),* }
        impl Exc {
            /// Every kind, parents before children.
            pub const ALL: &'static [Exc] = &[$(Exc::$name),*];
            /// The class name.
            pub fn name(self) -> &'static str {
                match self { $(Exc::$name => stringify!($name)),* }
            }
            /// The base class kind (`None` for BaseException, whose base is object).
            pub fn parent(self) -> Option<Exc> {
                match self { $(Exc::$name => $parent),* }
            }
        }
    };
}

exceptions! {
    BaseException: None,
    Exception: Some(Exc::BaseException),
    SystemExit: Some(Exc::BaseException),
    KeyboardInterrupt: Some(Exc::BaseException),
    GeneratorExit: Some(Exc::BaseException),
    BaseExceptionGroup: Some(Exc::BaseException),
    // its second base, Exception, is added by `types::build_exceptions`
    ExceptionGroup: Some(Exc::BaseExceptionGroup),
    ArithmeticError: Some(Exc::Exception),
    ZeroDivisionError: Some(Exc::ArithmeticError),
    OverflowError: Some(Exc::ArithmeticError),
    LookupError: Some(Exc::Exception),
    IndexError: Some(Exc::LookupError),
    KeyError: Some(Exc::LookupError),
    TypeError: Some(Exc::Exception),
    ValueError: Some(Exc::Exception),
    UnicodeError: Some(Exc::ValueError),
    UnicodeDecodeError: Some(Exc::UnicodeError),
    UnicodeEncodeError: Some(Exc::UnicodeError),
    NameError: Some(Exc::Exception),
    UnboundLocalError: Some(Exc::NameError),
    AttributeError: Some(Exc::Exception),
    RuntimeError: Some(Exc::Exception),
    RecursionError: Some(Exc::RuntimeError),
    NotImplementedError: Some(Exc::RuntimeError),
    StopIteration: Some(Exc::Exception),
    StopAsyncIteration: Some(Exc::Exception),
    AssertionError: Some(Exc::Exception),
    BufferError: Some(Exc::Exception),
    ImportError: Some(Exc::Exception),
    ModuleNotFoundError: Some(Exc::ImportError),
    MemoryError: Some(Exc::Exception),
    OSError: Some(Exc::Exception),
    FileNotFoundError: Some(Exc::OSError),
    FileExistsError: Some(Exc::OSError),
    PermissionError: Some(Exc::OSError),
    IsADirectoryError: Some(Exc::OSError),
    NotADirectoryError: Some(Exc::OSError),
    TimeoutError: Some(Exc::OSError),
    BlockingIOError: Some(Exc::OSError),
    ChildProcessError: Some(Exc::OSError),
    InterruptedError: Some(Exc::OSError),
    ProcessLookupError: Some(Exc::OSError),
    ConnectionError: Some(Exc::OSError),
    BrokenPipeError: Some(Exc::ConnectionError),
    ConnectionAbortedError: Some(Exc::ConnectionError),
    ConnectionRefusedError: Some(Exc::ConnectionError),
    ConnectionResetError: Some(Exc::ConnectionError),
    ReferenceError: Some(Exc::Exception),
    SyntaxError: Some(Exc::Exception),
    IndentationError: Some(Exc::SyntaxError),
    TabError: Some(Exc::IndentationError),
    EOFError: Some(Exc::Exception),
    Warning: Some(Exc::Exception),
    UserWarning: Some(Exc::Warning),
    DeprecationWarning: Some(Exc::Warning),
    PendingDeprecationWarning: Some(Exc::Warning),
    SyntaxWarning: Some(Exc::Warning),
    RuntimeWarning: Some(Exc::Warning),
    FutureWarning: Some(Exc::Warning),
    ImportWarning: Some(Exc::Warning),
    UnicodeWarning: Some(Exc::Warning),
    BytesWarning: Some(Exc::Warning),
    ResourceWarning: Some(Exc::Warning),
    EncodingWarning: Some(Exc::Warning),
}

/// Creates the MemoryError instance raised when the heap is full (no allocation then).
pub fn preallocate(heap: &Heap, types: &Types, none: &PyRef) -> PyRef {
    let _ = none;
    let shape = crate::objects::Shape {
        values: 0,
        dict: true,
        base: false,
    };
    let class = types.exc(Exc::MemoryError).clone();
    crate::objects::InstanceData::alloc(heap, class, shape, None)
        .unwrap_or_else(|_| std::alloc::handle_alloc_error(std::alloc::Layout::new::<Obj>()))
}

impl Exc {
    /// The OSError subclass CPython raises for `errno` (`OSError` itself for the others).
    pub fn for_errno(errno: i32) -> Exc {
        match errno {
            libc::ENOENT => Exc::FileNotFoundError,
            libc::EEXIST => Exc::FileExistsError,
            libc::EACCES | libc::EPERM => Exc::PermissionError,
            libc::EISDIR => Exc::IsADirectoryError,
            libc::ENOTDIR => Exc::NotADirectoryError,
            libc::ETIMEDOUT => Exc::TimeoutError,
            libc::EAGAIN | libc::EALREADY | libc::EINPROGRESS => Exc::BlockingIOError,
            libc::ECHILD => Exc::ChildProcessError,
            libc::EINTR => Exc::InterruptedError,
            libc::ESRCH => Exc::ProcessLookupError,
            libc::EPIPE | libc::ESHUTDOWN => Exc::BrokenPipeError,
            libc::ECONNABORTED => Exc::ConnectionAbortedError,
            libc::ECONNREFUSED => Exc::ConnectionRefusedError,
            libc::ECONNRESET => Exc::ConnectionResetError,
            _ => Exc::OSError,
        }
    }
}

impl Vm {
    /// A new exception instance of kind `e` with one message argument.
    pub fn new_exc(&self, e: Exc, msg: impl Into<String>) -> PyErr {
        let class = self.types.exc(e).clone();
        let msg = match self.str(msg.into()) {
            Ok(m) => m,
            Err(err) => return err,
        };
        match self.instantiate_exception(class, vec![msg]) {
            Ok(exc) => PyErr(exc),
            Err(err) => err,
        }
    }

    /// An exception instance of `class` with `args`.
    pub fn instantiate_exception(&self, class: PyRef, args: Vec<PyRef>) -> super::PyResult {
        let args = self.new_tuple(args)?;
        let inst = self.new_instance(&class, None)?;
        self.instance_set(&inst, &self.intern("args"), args)?;
        Ok(inst)
    }

    /// `OSError(errno, strerror[, filename])`'s attributes, as CPython's `OSError.__init__`
    /// sets them (None when the arguments are not that shape; `args` keeps only the first
    /// two).
    pub fn os_error_init(&self, this: &PyRef, args: &[PyRef]) -> super::PyResult<()> {
        let shaped = (2..=5).contains(&args.len());
        let arg = |i: usize| match args.get(i) {
            Some(v) if shaped => v.clone(),
            _ => self.none(),
        };
        for (i, name) in ["errno", "strerror", "filename"].into_iter().enumerate() {
            self.instance_set(this, &self.intern(name), arg(i))?;
        }
        if shaped && args.len() > 2 {
            let two = self.new_tuple(args[..2].to_vec())?;
            self.instance_set(this, &self.intern("args"), two)?;
        }
        Ok(())
    }

    /// TypeError(msg).
    pub fn type_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_exc(Exc::TypeError, msg)
    }

    /// CPython's TypeError for a value that is no integer where one is needed (no `int`,
    /// no `__index__`).
    pub fn not_an_integer(&self, obj: &PyRef) -> PyErr {
        self.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            self.type_name(obj)
        ))
    }

    /// ValueError(msg).
    pub fn value_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_exc(Exc::ValueError, msg)
    }

    /// IndexError(msg).
    pub fn index_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_exc(Exc::IndexError, msg)
    }

    /// KeyError(key).
    pub fn key_error(&self, key: PyRef) -> PyErr {
        match self.instantiate_exception(self.types.exc(Exc::KeyError).clone(), vec![key]) {
            Ok(exc) => PyErr(exc),
            Err(err) => err,
        }
    }

    /// True if `class` is `base` or derives from it.
    pub fn is_subclass(&self, class: &PyRef, base: &PyRef) -> bool {
        Gc::ptr_eq(class, base)
            || matches!(&**class, Obj::Class(cls) if cls.mro.iter().any(|c| Gc::ptr_eq(c, base)))
    }

    /// True if the exception `exc` is an instance of kind `e`.
    pub fn exc_matches(&self, exc: &PyRef, e: Exc) -> bool {
        self.is_subclass(&self.type_of(exc), self.types.exc(e))
    }

    /// The `args` tuple of an exception instance.
    pub fn exc_args(&self, exc: &PyRef) -> Vec<PyRef> {
        match self.instance_get(exc, "args") {
            Some(args) => match &*args {
                Obj::Tuple(items) => items.to_vec(),
                _ => vec![args.clone()],
            },
            None => Vec::new(),
        }
    }

    /// The SyntaxError (or IndentationError, TabError) for `error` in `filename`, with
    /// CPython's `msg`, `filename`, `lineno`, `text`, `offset`, `end_lineno` and `end_offset`
    /// attributes (its report ends with that line of source, and carets under the span).
    pub fn syntax_error_at(
        &self,
        error: &crate::compile::SyntaxError,
        filename: &str,
        text: Option<&str>,
    ) -> PyErr {
        use crate::compile::ErrorKind;
        let (message, line, span) = (error.message.as_str(), error.line, error.span);
        let class = match error.kind {
            ErrorKind::Syntax => Exc::SyntaxError,
            ErrorKind::Indentation => Exc::IndentationError,
            ErrorKind::Tab => Exc::TabError,
        };
        let err = self.new_exc(class, message);
        // a line read back from the source keeps its newline, as CPython's `text`
        let text = text
            .map(str::to_string)
            .or_else(|| self.source_line(filename, line).map(|l| l + "\n"));
        let int_or_none =
            |v: Option<u32>| v.map_or(Ok(self.none()), |v| self.new_int(i64::from(v)));
        let attrs = [
            ("msg", self.str(message)),
            ("filename", self.str(filename)),
            ("lineno", self.new_int(i64::from(line))),
            ("text", text.map_or(Ok(self.none()), |t| self.str(t))),
            ("offset", int_or_none(span.map(|s| s.offset))),
            ("end_lineno", int_or_none(span.map(|s| s.end_line))),
            (
                "end_offset",
                span.map_or(Ok(self.none()), |s| self.new_int(i64::from(s.end_offset))),
            ),
        ];
        for (name, value) in attrs {
            match value {
                Ok(v) => {
                    if let Err(e) = self.instance_set(&err.0, &self.intern(name), v) {
                        return e;
                    }
                }
                Err(e) => return e,
            }
        }
        err
    }

    /// The SyntaxError for source text that could not be decoded.
    pub fn source_error(
        &self,
        error: crate::compile::encoding::SourceError,
        filename: &str,
    ) -> PyErr {
        use crate::compile::encoding::SourceError;
        match error {
            SourceError::Whole(message) => self.new_exc(Exc::SyntaxError, message),
            SourceError::At { error, text } => self.syntax_error_at(&error, filename, Some(&text)),
        }
    }

    /// `str()` of a SyntaxError that knows where it is: `msg (file, line N)`, the file's base
    /// name only, as CPython's `SyntaxError_str`; None for other exceptions and for a
    /// SyntaxError without a `msg`.
    pub fn syntax_error_str(&self, exc: &PyRef) -> Option<String> {
        if !self.exc_matches(exc, Exc::SyntaxError) {
            return None;
        }
        let msg = self.instance_get(exc, "msg")?;
        let msg = msg.as_str()?.to_string();
        let filename = self.instance_get(exc, "filename");
        let file = filename
            .as_ref()
            .and_then(|f| f.as_str())
            .map(|f| f.rsplit('/').next().unwrap_or(f).to_string());
        let line = self.instance_get(exc, "lineno").and_then(|l| l.as_i64());
        Some(match (file, line) {
            (Some(file), Some(line)) => format!("{msg} ({file}, line {line})"),
            (Some(file), None) => format!("{msg} ({file})"),
            (None, Some(line)) => format!("{msg} (line {line})"),
            (None, None) => msg,
        })
    }

    /// `  File "...", line N` and the line's text, for a SyntaxError that has them.
    pub(super) fn format_syntax_location(&self, exc: &PyRef, out: &mut String) {
        if !self.exc_matches(exc, Exc::SyntaxError) {
            return;
        }
        let (Some(filename), Some(line)) = (
            self.instance_get(exc, "filename"),
            self.instance_get(exc, "lineno"),
        ) else {
            return;
        };
        let (Some(filename), Some(line)) = (filename.as_str(), line.as_i64()) else {
            return;
        };
        out.push_str(&format!("  File \"{filename}\", line {line}\n"));
        let Some(text) = self.instance_get(exc, "text") else {
            return;
        };
        let Some(text) = text.as_str() else { return };
        let number = |name: &str| self.instance_get(exc, name).and_then(|v| v.as_i64());
        // an IndentationError (and a TabError) is marked with one caret
        let one_caret = self.exc_matches(exc, Exc::IndentationError);
        let span = number("offset").map(|offset| {
            // an error spanning lines is underlined to the end of its first one
            let same_line = number("end_lineno").is_none_or(|end| end == line);
            let end = if one_caret {
                None
            } else if same_line {
                number("end_offset")
            } else {
                Some(i64::MAX)
            };
            (offset, end)
        });
        out.push_str(&syntax_error_text(text, span));
    }

    /// The type name a traceback ends with: qualified by its module unless that is
    /// `__main__` or `builtins`.
    pub(super) fn exception_type_name(&self, class: &PyRef) -> String {
        let is_builtin = match &**class {
            Obj::Class(c) => matches!(c.kind, crate::objects::class::TypeKind::Builtin),
            _ => true,
        };
        if is_builtin || self.is_builtin_class(class) {
            return self.class_name(class);
        }
        let path = self.class_path(class);
        match path.strip_prefix("__main__.") {
            Some(local) => local.to_string(),
            None => path,
        }
    }

    /// `str(exc)` as CPython prints it after the type name.
    pub fn exc_message(&self, exc: &PyRef) -> String {
        if let Ok(text) = self.to_str(exc) {
            return text;
        }
        String::new()
    }

    /// Appends (frame, line) to the exception's traceback.
    pub fn add_traceback(&self, exc: &PyRef, frame: PyRef, line: u32) -> super::PyResult<()> {
        let key = self.intern("__traceback__");
        if let Some(tb) = self.instance_get(exc, "__traceback__") {
            if let Obj::Traceback(entries) = &*tb {
                let inner = entries.borrow().last().map(|(f, _)| f.clone());
                if let Some(inner) = inner {
                    link_caller(&inner, &frame);
                }
                entries.borrow_mut().push((frame, line));
                return Ok(());
            }
        }
        let tb = self.alloc(Obj::Traceback(Box::new(RefCell::new(vec![(frame, line)]))))?;
        self.instance_set(exc, &key, tb)?;
        Ok(())
    }

    /// Prints `Traceback (most recent call last):` ... `Type: message` to stderr.
    pub fn print_exception(&self, exc: &PyRef) {
        self.flush_stdout();
        eprint!("{}", self.exception_text(exc));
    }

    /// What [`Vm::print_exception`] prints: the chained exceptions' tracebacks and messages.
    pub fn exception_text(&self, exc: &PyRef) -> String {
        self.format_exception_tree(exc)
    }

    /// Prints entries, folding runs of the same line past three as CPython does.
    pub(super) fn format_tb_entries(&self, entries: &[(PyRef, u32)], out: &mut String) {
        const CUTOFF: usize = 3;
        let key = |(frame, line): &(PyRef, u32)| match &**frame {
            Obj::Frame(f) => Some((f.code.filename.clone(), *line, f.code.name.clone())),
            _ => None,
        };
        let repeated = |count: usize, out: &mut String| {
            if count > CUTOFF {
                let n = count - CUTOFF;
                let s = if n > 1 { "s" } else { "" };
                out.push_str(&format!("  [Previous line repeated {n} more time{s}]\n"));
            }
        };
        let mut last = None;
        let mut count = 0;
        for entry in entries {
            let k = key(entry);
            if k != last {
                repeated(count, out);
                last = k;
                count = 0;
            }
            count += 1;
            if count <= CUTOFF {
                self.format_tb_entry(&entry.0, entry.1, out);
            }
        }
        repeated(count, out);
    }

    fn format_tb_entry(&self, frame: &PyRef, line: u32, out: &mut String) {
        let Obj::Frame(f) = &**frame else { return };
        out.push_str(&format!(
            "  File \"{}\", line {}, in {}\n",
            f.code.filename, line, f.code.name
        ));
        if let Some(text) = self.source_line(&f.code.filename, line) {
            out.push_str(&format!("    {}\n", text.trim()));
        }
    }

    /// Line `line` (1-based) of a compiled file.
    pub fn source_line(&self, filename: &str, line: u32) -> Option<String> {
        let sources = self.sources.borrow();
        let src = sources.get(filename)?;
        src.lines()
            .nth(line.checked_sub(1)? as usize)
            .map(str::to_string)
    }
}

/// The exception left frame `inner` for `caller`: `inner.f_back` is `caller`, unless known.
fn link_caller(inner: &PyRef, caller: &PyRef) {
    if Gc::ptr_eq(inner, caller) {
        return;
    }
    if let Obj::Frame(fo) = &**inner {
        let mut back = fo.back.borrow_mut();
        if back.is_none() {
            *back = Some(caller.clone());
        }
    }
}

/// A SyntaxError's line of source as CPython 3.11's report prints it: without its leading
/// blanks, then (for a 1-based `offset` within it) a line of carets from `offset` to
/// `end_offset` (at most to the end of the line), one caret when the end is unknown or not
/// past the start.
fn syntax_error_text(text: &str, span: Option<(i64, Option<i64>)>) -> String {
    let line = text.trim_end_matches('\n');
    let shown = line.trim_start_matches([' ', '\t', '\x0c']);
    let blanks = (line.chars().count() - shown.chars().count()) as i64;
    let mut out = format!("    {shown}\n");
    let Some((offset, end_offset)) = span else {
        return out;
    };
    let len = shown.chars().count() as i64;
    let start = (offset - 1 - blanks).min(len);
    if start < 0 {
        return out;
    }
    let end = match end_offset {
        Some(end) if end > offset => (end - 1 - blanks).min(len.max(start + 1)),
        _ => start + 1,
    };
    let indent: String = shown
        .chars()
        .take(start as usize)
        .map(|c| if c.is_whitespace() { c } else { ' ' })
        .collect();
    out.push_str(&format!(
        "    {indent}{}\n",
        "^".repeat((end - start).max(1) as usize)
    ));
    out
}
