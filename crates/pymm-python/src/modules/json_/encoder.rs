//! The encoder half of `_json`: `make_encoder(markers, default, encoder, indent,
//! key_separator, item_separator, sort_keys, skipkeys, allow_nan)` returns the encoder that
//! `JSONEncoder.encode` calls as `encoder(obj, indent_level)`, writing the whole document
//! into one str as CPython's `c_make_encoder` does (and returning it in a list, as CPython
//! 3.11 returns its chunks). As in CPython 3.11, `indent` is accepted but not applied: the
//! `json` module encodes indented documents in Python.
//!
//! As in CPython: `None`, `True`, `False` first, then str, int, float (by the built-in
//! `float.__repr__` and `int.__repr__`, whatever a subclass defines), list and tuple, dict,
//! and anything else through `default`; `markers` catches a container met inside itself.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt::Write;

use super::escape::escape_into;
use super::fast_encoder;
use crate::objects::float::value::float_repr;
use crate::objects::list::sort_values;
use crate::objects::{Obj, PyRef};
use crate::vm::builtin::{Args, BuiltinFn};
use crate::vm::{PyResult, Vm};

/// The encoder `make_encoder` returns: `encode` bound to its settings.
static ENCODE: BuiltinFn = BuiltinFn::new("encode", encode);

/// What RecursionError adds to its message when a document nests too deep.
const CONTEXT: &str = " while encoding a JSON object";

/// `make_encoder`'s parameters, in order.
const PARAMETERS: [&str; 9] = [
    "markers",
    "default",
    "encoder",
    "indent",
    "key_separator",
    "item_separator",
    "sort_keys",
    "skipkeys",
    "allow_nan",
];

/// `make_encoder(...)`: checks the settings (as CPython's argument parsing does) and binds
/// the encoder to them.
pub fn make_encoder(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "make_encoder", 0, PARAMETERS.len(), &PARAMETERS)?;
    let mut settings = Vec::with_capacity(PARAMETERS.len());
    for (i, name) in PARAMETERS.iter().enumerate() {
        let Some(value) = a.get(i, name) else {
            return Err(vm.type_error(format!(
                "make_encoder() missing required argument '{name}' (pos {})",
                i + 1
            )));
        };
        settings.push(value.clone());
    }
    if !vm.is_none(&settings[0]) && !matches!(&*settings[0], Obj::Dict(_)) {
        return Err(vm.type_error(format!(
            "make_encoder() argument 1 must be dict or None, not {}",
            vm.type_name(&settings[0])
        )));
    }
    if !vm.is_none(&settings[3]) && settings[3].as_str().is_none() {
        return Err(vm.type_error(format!(
            "make_encoder() argument 4 must be str or None, not {}",
            vm.type_name(&settings[3])
        )));
    }
    for (i, separator) in settings.iter().enumerate().take(6).skip(4) {
        if separator.as_str().is_none() {
            return Err(vm.type_error(format!(
                "make_encoder() argument {} must be str, not {}",
                i + 1,
                vm.type_name(separator)
            )));
        }
    }
    let mut bound = settings;
    for flag in &mut bound[6..] {
        *flag = vm.bool(vm.truthy(flag)?);
    }
    let bound = vm.new_tuple(bound)?;
    vm.alloc(Obj::BoundBuiltin(Box::new((bound, &ENCODE))))
}

/// `encoder(obj, indent_level)`: the receiver is the settings tuple.
fn encode(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "encode", 3, 3, &[])?;
    let Obj::Tuple(settings) = &*a.pos[0] else {
        return Err(vm.type_error("encode needs its settings"));
    };
    // the indent level only matters to indented documents, which this encoder never writes
    if !matches!(
        &**vm.builtin_receiver(&a.pos[2]),
        Obj::Int(_) | Obj::Bool(_)
    ) {
        return Err(vm.not_an_integer(&a.pos[2]));
    }
    let mut encoder = Encoder::new(vm, settings);
    encoder.value(&a.pos[1])?;
    let text = vm.str(&encoder.out)?;
    vm.list(vec![text])
}

/// One encoding run: the settings and the text written so far.
struct Encoder<'a> {
    vm: &'a Vm,
    /// Addresses of the containers being encoded, when checking for circular references.
    markers: Option<HashSet<usize>>,
    default: &'a PyRef,
    encoder: &'a PyRef,
    /// Some(ascii) when `encoder` is one of this module's (then strings are escaped here).
    fast: Option<bool>,
    key_separator: &'a str,
    item_separator: &'a str,
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
    out: String,
}

impl<'a> Encoder<'a> {
    fn new(vm: &'a Vm, s: &'a [PyRef]) -> Self {
        let fast = match &*s[2] {
            Obj::Builtin(f) => fast_encoder(f),
            _ => None,
        };
        Encoder {
            vm,
            markers: (!vm.is_none(&s[0])).then(HashSet::new),
            default: &s[1],
            encoder: &s[2],
            fast,
            key_separator: s[4].as_str().unwrap_or(": "),
            item_separator: s[5].as_str().unwrap_or(", "),
            sort_keys: matches!(&*s[6], Obj::Bool(true)),
            skipkeys: matches!(&*s[7], Obj::Bool(true)),
            allow_nan: matches!(&*s[8], Obj::Bool(true)),
            out: String::new(),
        }
    }

    /// Writes any value (`encoder_listencode_obj`).
    fn value(&mut self, obj: &PyRef) -> PyResult<()> {
        let vm = self.vm;
        let base = vm.builtin_receiver(obj);
        match &**base {
            Obj::None => self.out.push_str("null"),
            Obj::Bool(true) => self.out.push_str("true"),
            Obj::Bool(false) => self.out.push_str("false"),
            Obj::Str(s) => self.string(Some(obj), s.as_str())?,
            Obj::Int(_) | Obj::BigInt(_) => self.int(base),
            Obj::Float(f) => {
                let text = self.float(*f)?;
                self.out.push_str(&text);
            }
            Obj::List(_) | Obj::Tuple(_) => vm.nested_call(CONTEXT, || self.list(obj, base))?,
            Obj::Dict(_) => vm.nested_call(CONTEXT, || self.dict(obj, base))?,
            _ => self.via_default(obj)?,
        }
        Ok(())
    }

    /// `int.__repr__` of an int's value.
    fn int(&mut self, value: &PyRef) {
        let _ = match &**value {
            Obj::Int(i) => write!(self.out, "{i}"),
            Obj::BigInt(b) => write!(self.out, "{b}"),
            _ => Ok(()),
        };
    }

    /// `float.__repr__`, or NaN / Infinity / -Infinity when `allow_nan`.
    fn float(&self, f: f64) -> PyResult<Cow<'static, str>> {
        if f.is_finite() {
            return Ok(Cow::Owned(float_repr(f)));
        }
        if !self.allow_nan {
            let msg = "Out of range float values are not JSON compliant";
            return Err(self.vm.value_error(msg));
        }
        Ok(Cow::Borrowed(if f.is_nan() {
            "NaN"
        } else if f > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }))
    }

    /// Writes the str `text` (whose object is `obj`, when there is one) by the encoder.
    fn string(&mut self, obj: Option<&PyRef>, text: &str) -> PyResult<()> {
        if let Some(ascii) = self.fast {
            escape_into(&mut self.out, text, ascii);
            return Ok(());
        }
        let vm = self.vm;
        let arg = match obj {
            Some(obj) => obj.clone(),
            None => vm.str(text)?,
        };
        let encoded = vm.call(self.encoder, &[arg])?;
        match &**vm.builtin_receiver(&encoded) {
            Obj::Str(s) => {
                self.out.push_str(s.as_str());
                Ok(())
            }
            _ => Err(vm.type_error(format!(
                "encoder() must return a string, not {}",
                vm.type_name(&encoded)
            ))),
        }
    }

    /// Records `obj` as being encoded, or raises ValueError if it already is.
    fn enter(&mut self, obj: &PyRef) -> PyResult<()> {
        let id = self.vm.addr(obj);
        if let Some(markers) = &mut self.markers {
            if !markers.insert(id) {
                return Err(self.vm.value_error("Circular reference detected"));
            }
        }
        Ok(())
    }

    fn leave(&mut self, obj: &PyRef) {
        let id = self.vm.addr(obj);
        if let Some(markers) = &mut self.markers {
            markers.remove(&id);
        }
    }

    /// Writes a list or tuple (`obj`, whose built-in value is `base`): its items, or what
    /// iterating it gives for a subclass (CPython's `PySequence_Fast`).
    fn list(&mut self, obj: &PyRef, base: &PyRef) -> PyResult<()> {
        let items = match &**base {
            _ if !crate::rt::Gc::ptr_eq(obj, base) => self.vm.collect(obj)?,
            Obj::List(l) => l.borrow().to_vec(),
            Obj::Tuple(t) => t.to_vec(),
            _ => Vec::new(),
        };
        if items.is_empty() {
            self.out.push_str("[]");
            return Ok(());
        }
        self.enter(obj)?;
        self.out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(self.item_separator);
            }
            self.value(item)?;
        }
        self.out.push(']');
        self.leave(obj);
        Ok(())
    }

    /// Writes a dict (`obj`, whose built-in value is `base`).
    fn dict(&mut self, obj: &PyRef, base: &PyRef) -> PyResult<()> {
        let vm = self.vm;
        let table = vm.table_of(base)?;
        if table.borrow().is_empty() {
            self.out.push_str("{}");
            return Ok(());
        }
        self.enter(obj)?;
        self.out.push('{');
        let mut first = true;
        for (key, value) in self.items(obj, base)? {
            let Some(key_text) = self.key(&key)? else {
                continue;
            };
            if !first {
                self.out.push_str(self.item_separator);
            }
            first = false;
            match key_text {
                Cow::Borrowed(_) => self.string(Some(&key), &key_text)?,
                Cow::Owned(text) => self.string(None, &text)?,
            }
            self.out.push_str(self.key_separator);
            self.value(&value)?;
        }
        self.out.push('}');
        self.leave(obj);
        Ok(())
    }

    /// The (key, value) pairs of a dict: its own entries, or what `items()` gives for a
    /// subclass (CPython's `PyMapping_Items`); sorted when `sort_keys`.
    fn items(&self, obj: &PyRef, base: &PyRef) -> PyResult<Vec<(PyRef, PyRef)>> {
        let vm = self.vm;
        let mut items: Vec<PyRef> = if crate::rt::Gc::ptr_eq(obj, base) {
            let table = vm.table_of(base)?.borrow();
            let pairs: Vec<(PyRef, PyRef)> = table
                .iter()
                .map(|e| (e.key.clone(), e.value.clone()))
                .collect();
            drop(table);
            if !self.sort_keys {
                return Ok(pairs);
            }
            pairs
                .into_iter()
                .map(|(k, v)| vm.new_tuple(vec![k, v]))
                .collect::<PyResult<_>>()?
        } else {
            let method = vm.get_attr(obj, &vm.intern("items"))?;
            vm.collect(&vm.call(&method, &[])?)?
        };
        if self.sort_keys {
            sort_values(vm, &mut items, None, false)?;
        }
        items
            .iter()
            .map(|item| match &**item {
                Obj::Tuple(pair) if pair.len() == 2 => Ok((pair[0].clone(), pair[1].clone())),
                _ => Err(vm.value_error("items must return 2-tuples")),
            })
            .collect()
    }

    /// The text a dict key is written as (borrowed: the key is a str), or None to skip it
    /// (`skipkeys`); TypeError for a key JSON cannot name.
    fn key<'k>(&self, key: &'k PyRef) -> PyResult<Option<Cow<'k, str>>> {
        let vm = self.vm;
        let base = vm.builtin_receiver(key);
        Ok(Some(match &**base {
            Obj::Str(s) => Cow::Borrowed(s.as_str()),
            Obj::Float(f) => Cow::Owned(self.float(*f)?.into_owned()),
            Obj::Bool(b) => Cow::Owned(if *b { "true" } else { "false" }.into()),
            Obj::None => Cow::Owned("null".into()),
            Obj::Int(i) => Cow::Owned(i.to_string()),
            Obj::BigInt(b) => Cow::Owned(b.to_string()),
            _ if self.skipkeys => return Ok(None),
            _ => {
                return Err(vm.type_error(format!(
                    "keys must be str, int, float, bool or None, not {}",
                    vm.type_name(key)
                )))
            }
        }))
    }

    /// Writes `default(obj)` in place of an object JSON has no form for.
    fn via_default(&mut self, obj: &PyRef) -> PyResult<()> {
        self.enter(obj)?;
        let replacement = self.vm.call(self.default, std::slice::from_ref(obj))?;
        self.vm.nested_call(CONTEXT, || self.value(&replacement))?;
        self.leave(obj);
        Ok(())
    }
}
