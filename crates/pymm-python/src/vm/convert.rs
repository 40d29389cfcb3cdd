//! `repr()`, `str()`, and conversions from text to numbers.

use num_bigint::BigInt;
use num_traits::Num;

use super::{Exc, PyResult, Vm};
use crate::objects::float::value::float_repr;
use crate::objects::int::value::{decimal_within_limit, parse_within_limit};
use crate::objects::iter::{DictPart, IterState};
use crate::objects::{Obj, PyRef};
use crate::rt::Gc;

impl Vm {
    /// The address Python shows for an object (`id()`).
    pub fn addr(&self, obj: &PyRef) -> usize {
        Gc::as_ptr(obj) as usize
    }

    /// `repr(obj)`.
    pub fn repr(&self, obj: &PyRef) -> PyResult<String> {
        if let Some(repr) = self.slots_of(obj).and_then(|t| t.repr) {
            return repr(self, obj);
        }
        Ok(match &**obj {
            Obj::None => "None".into(),
            Obj::NotImplemented => "NotImplemented".into(),
            Obj::Ellipsis => "Ellipsis".into(),
            Obj::Null => "<NULL>".into(),
            Obj::Bool(b) => if *b { "True" } else { "False" }.into(),
            Obj::Int(i) => i.to_string(),
            Obj::BigInt(b) => self.int_to_decimal(b)?,
            Obj::Float(f) => float_repr(*f),
            Obj::Complex(c) => crate::objects::complex::value::complex_repr(**c),
            Obj::Range(r) if r[2] == 1 => format!("range({}, {})", r[0], r[1]),
            Obj::Range(r) => format!("range({}, {}, {})", r[0], r[1], r[2]),
            Obj::BigRange(r) => {
                let [start, stop, step] = &**r;
                let (start, stop) = (self.int_to_decimal(start)?, self.int_to_decimal(stop)?);
                if num_traits::One::is_one(step) {
                    format!("range({start}, {stop})")
                } else {
                    format!("range({start}, {stop}, {})", self.int_to_decimal(step)?)
                }
            }
            Obj::Slice(s) => format!(
                "slice({}, {}, {})",
                self.repr(&s[0])?,
                self.repr(&s[1])?,
                self.repr(&s[2])?
            ),
            // types with a slot table printed above
            Obj::Str(_)
            | Obj::Bytes(_)
            | Obj::ByteArray(_)
            | Obj::MemoryView(_)
            | Obj::List(_)
            | Obj::Tuple(_)
            | Obj::Dict(_)
            | Obj::Set(..) => {
                unreachable!("repr has a slot")
            }
            Obj::Instance(_) => return self.instance_repr(obj),
            Obj::Class(_) if self.meta_defines(obj, "__repr__") => return self.instance_repr(obj),
            Obj::Class(c) => {
                if matches!(c.kind, crate::objects::class::TypeKind::Builtin)
                    || self.is_builtin_class(obj)
                {
                    format!("<class '{}'>", c.name)
                } else {
                    format!("<class '{}'>", self.class_path(obj))
                }
            }
            Obj::Function(f) => {
                format!(
                    "<function {} at {:#x}>",
                    f.defined_code().qualname,
                    self.addr(obj)
                )
            }
            Obj::Method(m) => {
                let name = match &*m.0 {
                    Obj::Function(f) => f.defined_code().qualname.to_string(),
                    _ => "?".into(),
                };
                format!("<bound method {} of {}>", name, self.repr(&m.1)?)
            }
            Obj::Builtin(b) => format!("<built-in function {}>", b.name),
            Obj::BoundBuiltin(b) => format!(
                "<built-in method {} of {} object at {:#x}>",
                b.1.name,
                self.type_name(&b.0),
                self.addr(&b.0)
            ),
            Obj::Cell(_) => format!("<cell at {:#x}>", self.addr(obj)),
            Obj::Frame(f) => format!("<frame at {:#x}, code {}>", self.addr(obj), f.code.name),
            Obj::Generator(g) => format!(
                "<{} object {} at {:#x}>",
                g.kind.type_name(),
                g.code.qualname,
                self.addr(obj)
            ),
            Obj::Traceback(_) => format!("<traceback object at {:#x}>", self.addr(obj)),
            Obj::Iter(state) => {
                let view = match &*state.borrow() {
                    IterState::View { dict, part } => Some((dict.clone(), *part)),
                    _ => None,
                };
                match view {
                    Some((dict, part)) => {
                        let name = match part {
                            DictPart::Keys => "dict_keys",
                            DictPart::Values => "dict_values",
                            DictPart::Items => "dict_items",
                        };
                        let items = self.collect(obj)?;
                        let _ = dict;
                        let list = self.list(items)?;
                        format!("{name}({})", self.repr(&list)?)
                    }
                    None => format!("<iterator object at {:#x}>", self.addr(obj)),
                }
            }
            Obj::Module(m) => {
                let name = m.0.as_str().unwrap_or("?");
                match self.module_attr(obj, "__file__") {
                    Some(file) if self.is_none(&file) => format!("<module '{name}' (namespace)>"),
                    Some(file) => format!("<module '{name}' from '{}'>", self.to_str(&file)?),
                    None => format!("<module '{name}' (built-in)>"),
                }
            }
            Obj::Property(_) => format!("<property object at {:#x}>", self.addr(obj)),
            Obj::StaticMethod(f) => format!("<staticmethod({})>", self.repr(f)?),
            Obj::ClassMethod(f) => format!("<classmethod({})>", self.repr(f)?),
            Obj::WeakRef(w) => {
                let target = w.target.borrow().as_ref().and_then(|t| t.upgrade());
                match target {
                    Some(t) => format!(
                        "<weakref at {:#x}; to '{}' at {:#x}>",
                        self.addr(obj),
                        self.type_name(&t),
                        self.addr(&t)
                    ),
                    None => format!("<weakref at {:#x}; dead>", self.addr(obj)),
                }
            }
            Obj::Super(s) => {
                let (class, of) = &**s;
                // `super(C, D)` with a class D names D; `super(C, d)` names d's class
                let of_type = match &**of {
                    Obj::Class(_) if self.is_subclass(of, class) => of.clone(),
                    _ => self.type_of(of),
                };
                format!(
                    "<super: <class '{}'>, <{} object>>",
                    self.class_name(class),
                    self.class_name(&of_type)
                )
            }
            Obj::Code(c) => format!(
                "<code object {} at {:#x}, file \"{}\", line {}>",
                c.name,
                self.addr(obj),
                c.filename,
                c.first_line
            ),
            Obj::GetSetDescr(d) if crate::objects::is_slot_member(&d.1) => format!(
                "<member '{}' of '{}' objects>",
                d.1.as_str().unwrap_or("?"),
                self.class_name(&d.0)
            ),
            Obj::GetSetDescr(d) => format!(
                "<attribute '{}' of '{}' objects>",
                d.1.as_str().unwrap_or("?"),
                self.class_name(&d.0)
            ),
        })
    }

    /// True for `object` and the built-in exception classes.
    pub fn is_builtin_class(&self, class: &PyRef) -> bool {
        self.types.exceptions.iter().any(|e| Gc::ptr_eq(e, class))
            || Gc::ptr_eq(class, &self.types.object)
    }

    /// The repr of a container, made by `body`; a container met again inside its own repr
    /// prints as `placeholder` (`[...]`), as CPython's `Py_ReprEnter` makes it.
    pub fn repr_guarded(
        &self,
        obj: &PyRef,
        placeholder: &str,
        body: impl FnOnce() -> PyResult<String>,
    ) -> PyResult<String> {
        let addr = self.addr(obj);
        if self.repr_stack.borrow().contains(&addr) {
            return Ok(placeholder.into());
        }
        self.enter_frame()?;
        self.repr_stack.borrow_mut().push(addr);
        let result = body();
        self.repr_stack.borrow_mut().pop();
        self.leave_frame();
        result
    }

    fn instance_repr(&self, obj: &PyRef) -> PyResult<String> {
        if let Some(m) = self.user_method(obj, "__repr__") {
            let r = self.call(&m, std::slice::from_ref(obj))?;
            return match r.as_str() {
                Some(s) => Ok(s.to_string()),
                None => Err(self.type_error(format!(
                    "__repr__ returned non-string (type {})",
                    self.type_name(&r)
                ))),
            };
        }
        if let Some(value) = self.base_value(obj) {
            if let Obj::Set(..) = &**value {
                // a set's repr names the subclass (`S({1})`): its slot takes the instance
                if let Some(repr) = self.slots_of(value).and_then(|t| t.repr) {
                    return repr(self, obj);
                }
            }
            let repr = self.repr(value)?;
            // a bytearray's repr names the subclass (`B(b'...')`), as CPython's does
            return Ok(match (&**value, repr.strip_prefix("bytearray")) {
                (Obj::ByteArray(_), Some(rest)) => format!("{}{rest}", self.type_name(obj)),
                _ => repr,
            });
        }
        let class = self.type_of(obj);
        if self.is_subclass(&class, self.types.exc(Exc::BaseException)) {
            return self.exception_repr(obj);
        }
        Ok(self.object_repr(obj))
    }

    /// `BaseException.__repr__`: `Name(arg, ...)`.
    pub fn exception_repr(&self, exc: &PyRef) -> PyResult<String> {
        let args = self.exc_args(exc);
        let inner = match args.len() {
            1 => self.repr(&args[0])?,
            _ => {
                let parts: PyResult<Vec<String>> = args.iter().map(|a| self.repr(a)).collect();
                parts?.join(", ")
            }
        };
        Ok(format!("{}({inner})", self.type_name(exc)))
    }

    /// `BaseException.__str__`: nothing, the one argument, or the arguments' tuple.
    pub fn exception_str(&self, exc: &PyRef) -> PyResult<String> {
        if let Some(text) = self.syntax_error_str(exc) {
            return Ok(text);
        }
        if let Some(text) = self.os_error_str(exc)? {
            return Ok(text);
        }
        let args = self.exc_args(exc);
        match args.len() {
            0 => Ok(String::new()),
            1 => self.to_str(&args[0]),
            _ => {
                let t = self.new_tuple(args)?;
                self.repr(&t)
            }
        }
    }

    /// `OSError.__str__` of one made with an errno and a strerror: `[Errno N] text`, then
    /// `: 'filename'` when it has one; `None` for any other exception.
    fn os_error_str(&self, exc: &PyRef) -> PyResult<Option<String>> {
        if !self.is_subclass(&self.type_of(exc), self.types.exc(Exc::OSError)) {
            return Ok(None);
        }
        let attr = |name: &str| {
            self.instance_get_name(exc, &self.intern(name))
                .filter(|v| !self.is_none(v))
        };
        let (Some(errno), Some(strerror)) = (attr("errno"), attr("strerror")) else {
            return Ok(None);
        };
        let mut text = format!(
            "[Errno {}] {}",
            self.to_str(&errno)?,
            self.to_str(&strerror)?
        );
        if let Some(filename) = attr("filename") {
            text.push_str(&format!(": {}", self.repr(&filename)?));
        }
        Ok(Some(text))
    }

    /// `object.__repr__`: `<module.Class object at 0x...>`, whatever the class defines.
    pub fn object_repr(&self, obj: &PyRef) -> String {
        let class = self.type_of(obj);
        // built-in classes (a bare `object()`) are named without their module
        let name = match &*class {
            Obj::Class(c) if matches!(c.kind, crate::objects::class::TypeKind::Builtin) => {
                self.class_name(&class)
            }
            _ if self.is_builtin_class(&class) => self.class_name(&class),
            _ => self.class_path(&class),
        };
        format!("<{name} object at {:#x}>", self.addr(obj))
    }

    /// `module.qualname` of a class made by a class statement (its own `__module__` and
    /// `__qualname__`), as its repr and its instances' show it.
    pub fn class_path(&self, class: &PyRef) -> String {
        let Obj::Class(c) = &**class else {
            return "?".into();
        };
        let own = |key: &str| {
            let attrs = c.attrs.borrow();
            super::attr::table_get_str(&attrs, key).and_then(|v| v.as_str().map(str::to_string))
        };
        let module = own("__module__").unwrap_or_else(|| "__main__".into());
        let qualname = own("__qualname__").unwrap_or_else(|| c.name.to_string());
        format!("{module}.{qualname}")
    }

    /// `str(obj)`.
    pub fn to_str(&self, obj: &PyRef) -> PyResult<String> {
        match &**obj {
            Obj::Str(s) => Ok(s.as_str().to_string()),
            Obj::Class(_) if self.meta_defines(obj, "__str__") => {
                let m = self
                    .user_method(obj, "__str__")
                    .unwrap_or_else(|| self.none());
                let r = self.call(&m, std::slice::from_ref(obj))?;
                match r.as_str() {
                    Some(s) => Ok(s.to_string()),
                    None => Err(self.type_error(format!(
                        "__str__ returned non-string (type {})",
                        self.type_name(&r)
                    ))),
                }
            }
            Obj::Instance(_) => {
                if let Some(m) = self.user_method(obj, "__str__") {
                    let r = self.call(&m, std::slice::from_ref(obj))?;
                    return match r.as_str() {
                        Some(s) => Ok(s.to_string()),
                        None => Err(self.type_error(format!(
                            "__str__ returned non-string (type {})",
                            self.type_name(&r)
                        ))),
                    };
                }
                if let (Some(value), None) =
                    (self.base_value(obj), self.user_method(obj, "__repr__"))
                {
                    if matches!(&**value, Obj::ByteArray(_)) {
                        // its str is its repr, which names the subclass
                        return self.repr(obj);
                    }
                    return self.to_str(value);
                }
                let class = self.type_of(obj);
                if self.user_method(obj, "__repr__").is_none()
                    && self.is_subclass(&class, self.types.exc(Exc::BaseException))
                {
                    let args = self.exc_args(obj);
                    if args.len() == 1 && self.is_subclass(&class, self.types.exc(Exc::KeyError)) {
                        // `KeyError.__str__` shows the missing key as its repr
                        return self.repr(&args[0]);
                    }
                    return self.exception_str(obj);
                }
                self.repr(obj)
            }
            _ => self.repr(obj),
        }
    }

    /// A str object for `str(obj)` (the same object when it already is a str).
    pub fn to_str_obj(&self, obj: &PyRef) -> PyResult {
        if matches!(&**obj, Obj::Str(_)) {
            return Ok(obj.clone());
        }
        let s = self.to_str(obj)?;
        self.str(s)
    }

    /// The int equal to an integral float (`int(f)` after truncation, `math.floor`, ...);
    /// NaN and infinities raise as in CPython.
    pub fn int_from_float(&self, integral: f64) -> PyResult {
        if integral.is_nan() {
            return Err(self.value_error("cannot convert float NaN to integer"));
        }
        if integral.is_infinite() {
            return Err(self.new_exc(
                Exc::OverflowError,
                "cannot convert float infinity to integer",
            ));
        }
        match num_traits::FromPrimitive::from_f64(integral) {
            Some(big) => self.new_bigint(big),
            None => Err(self.value_error("cannot convert float to integer")),
        }
    }

    /// The decimal digits of a big int, under `sys.get_int_max_str_digits()`.
    pub fn int_to_decimal(&self, value: &BigInt) -> PyResult<String> {
        decimal_within_limit(value, self.int_max_str_digits.get())
            .map_err(|message| self.value_error(message))
    }

    /// `int(text, base)`: CPython's literal rules (a sign, a prefix matching the base, single
    /// underscores between digits, no leading zeros under base 0) and its digit limit.
    pub fn int_from_str(&self, text: &str, base: u32) -> PyResult {
        self.int_from_text(text, base, &crate::objects::str::layout::repr_str(text))
    }

    /// [`Vm::int_from_str`] of the text of an object shown as `shown` in the error (the
    /// repr of the bytes it was read from).
    pub fn int_from_text(&self, text: &str, base: u32, shown: &str) -> PyResult {
        if base != 0 && !(2..=36).contains(&base) {
            return Err(self.value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        let invalid = || {
            self.value_error(format!(
                "invalid literal for int() with base {base}: {shown}"
            ))
        };
        let trimmed = text.trim();
        let (neg, body) = match trimmed.as_bytes().first() {
            Some(b'-') => (true, &trimmed[1..]),
            Some(b'+') => (false, &trimmed[1..]),
            _ => (false, trimmed),
        };
        let prefix = body.get(..2).map(str::to_ascii_lowercase);
        let (body, radix, prefixed) = match (base, prefix.as_deref()) {
            (0 | 16, Some("0x")) => (&body[2..], 16, true),
            (0 | 8, Some("0o")) => (&body[2..], 8, true),
            (0 | 2, Some("0b")) => (&body[2..], 2, true),
            (0, _) => (body, 10, false),
            (b, _) => (body, b, false),
        };
        let mut digits = String::with_capacity(body.len());
        // an underscore may follow a prefix, or a digit
        let mut after_underscore = !prefixed;
        for c in body.chars() {
            if c == '_' {
                if after_underscore {
                    return Err(invalid());
                }
                after_underscore = true;
            } else if c.is_digit(radix) {
                digits.push(c);
                after_underscore = false;
            } else {
                return Err(invalid());
            }
        }
        if digits.is_empty() || after_underscore {
            return Err(invalid());
        }
        if base == 0 && !prefixed && digits.starts_with('0') && digits.bytes().any(|d| d != b'0') {
            return Err(invalid());
        }
        parse_within_limit(digits.len(), radix, self.int_max_str_digits.get())
            .map_err(|message| self.value_error(message))?;
        match BigInt::from_str_radix(&digits, radix) {
            Ok(v) => self.new_bigint(if neg { -v } else { v }),
            Err(_) => Err(invalid()),
        }
    }

    /// `float(text)`.
    pub fn float_from_str(&self, text: &str) -> PyResult {
        match crate::objects::float::value::parse_float_text(text) {
            Some(v) => Ok(self.float(v)),
            None => Err(self.value_error(format!(
                "could not convert string to float: {}",
                crate::objects::str::layout::repr_str(text)
            ))),
        }
    }
}
