//! Calling a built-in type (`int("3")`, `list(x)`, ...): each type's constructor,
//! registered with the VM as that type's constructor slot (CPython's `tp_new`), which
//! [`Vm::instantiate`] calls.

use num_bigint::BigInt;
use num_traits::{One, Zero};

use crate::objects::range::value as range_value;
use crate::objects::{Obj, PyRef};
use crate::rt::Gc;
use crate::vm::builtin::Args;
use crate::vm::call::Constructor;
use crate::vm::{Exc, PyResult, Vm};

/// Registers every built-in type's constructor with the VM.
pub fn install(vm: &Vm) {
    let t = &vm.types;
    let table: [(&PyRef, Constructor); 28] = [
        (&t.int, |vm, _, a| int(vm, a)),
        (&t.float, |vm, _, a| float(vm, a)),
        (&t.complex, |vm, _, a| complex(vm, a)),
        (&t.bytearray, |vm, _, a| {
            crate::objects::bytearray::new(vm, a)
        }),
        (&t.memoryview, |vm, _, a| {
            crate::objects::memoryview::new(vm, a)
        }),
        (&t.method, |vm, _, a| method(vm, a)),
        (&t.weakref, |vm, cls, a| {
            // a subclass's instance gets a reference of its own (see `new_base_value`)
            let exact = Gc::ptr_eq(cls, &vm.types.weakref);
            crate::builtins::methods_misc::weakref_from_args(vm, a, exact)
        }),
        (&t.str, |vm, _, a| match a.pos.first() {
            None => vm.str(""),
            Some(v) if a.pos.len() > 1 || !a.kwnames.is_empty() => str_decoded(vm, v, &a),
            Some(v) => vm.to_str_obj(v),
        }),
        (&t.bool, |vm, cls, a| {
            at_most_one(vm, cls, &a, "bool")?;
            a.pos
                .first()
                .map_or(Ok(vm.bool(false)), |v| Ok(vm.bool(vm.truthy(v)?)))
        }),
        (&t.list, |vm, cls, a| {
            at_most_one(vm, cls, &a, "list")?;
            a.pos
                .first()
                .map_or_else(|| vm.list(Vec::new()), |v| vm.list(vm.collect(v)?))
        }),
        (&t.tuple, |vm, cls, a| {
            at_most_one(vm, cls, &a, "tuple")?;
            match a.pos.first() {
                Some(v) if matches!(&**v, Obj::Tuple(_)) => Ok(v.clone()),
                Some(v) => vm.collect(v).and_then(|items| vm.new_tuple(items)),
                None => vm.new_tuple(Vec::new()),
            }
        }),
        (&t.dict, |vm, _, a| dict(vm, a)),
        (&t.set, |vm, _, a| set(vm, a, false)),
        (&t.frozenset, |vm, _, a| set(vm, a, true)),
        (&t.range, |vm, _, a| range(vm, a)),
        (&t.enumerate, |vm, _, a| {
            crate::objects::enumerate::new(vm, a)
        }),
        (&t.type_, |vm, _, a| match a.pos {
            [obj] => Ok(vm.type_of(obj)),
            [name, bases, ns] => crate::vm::type_new::new_type(vm, name, bases, ns),
            _ => Err(vm.type_error("type() takes 1 or 3 arguments")),
        }),
        (&t.object, |vm, cls, _| {
            vm.allocate_instance(cls, Args::new(&[]))
        }),
        (&t.property, |vm, _, a| {
            crate::objects::property::new_property(vm, a)
        }),
        (&t.staticmethod, |vm, _, a| {
            one(vm, a, "staticmethod").and_then(|f| vm.alloc(Obj::StaticMethod(f)))
        }),
        (&t.classmethod, |vm, _, a| {
            one(vm, a, "classmethod").and_then(|f| vm.alloc(Obj::ClassMethod(f)))
        }),
        (&t.super_, |vm, _, a| match a.pos {
            [cls, obj] => vm.alloc(Obj::Super(Box::new((cls.clone(), obj.clone())))),
            _ => Err(vm.new_exc(Exc::RuntimeError, "super(): no arguments")),
        }),
        (&t.slice, |vm, _, a| slice(vm, a)),
        (&t.module, |vm, _, a| module(vm, a)),
        (&t.bytes, |vm, _, a| bytes(vm, a)),
        (&t.none_type, |vm, _, a| {
            singleton(vm, a, "NoneType", vm.none())
        }),
        (&t.not_implemented_type, |vm, _, a| {
            singleton(vm, a, "NotImplementedType", vm.not_implemented())
        }),
        (&t.ellipsis_type, |vm, _, a| {
            singleton(vm, a, "EllipsisType", vm.ellipsis())
        }),
    ];
    for (class, constructor) in table {
        vm.set_constructor(class, constructor);
    }
}

/// `list(iterable=(), /)`, `tuple(iterable=(), /)` and `bool(x=False, /)` take one
/// positional argument at most and no keyword (CPython's messages); a subclass `cls` whose
/// own `__init__` takes the keywords may be called with them (as CPython's `tuple_new` and
/// `list.__init__` let it).
fn at_most_one(vm: &Vm, cls: &PyRef, a: &Args<'_>, name: &str) -> PyResult<()> {
    let init_takes_keywords = || {
        vm.class_lookup(cls, "__init__")
            .is_some_and(|init| matches!(&*init, Obj::Function(_)))
    };
    if !a.kwnames.is_empty() && !init_takes_keywords() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let given = a.pos.len();
    if given > 1 {
        return Err(vm.type_error(format!("{name} expected at most 1 argument, got {given}")));
    }
    Ok(())
}

/// `NoneType()`, `NotImplementedType()`, `EllipsisType()`: the one instance.
fn singleton(vm: &Vm, a: Args<'_>, name: &str, instance: PyRef) -> PyResult {
    if a.pos.is_empty() && a.kwnames.is_empty() {
        Ok(instance)
    } else {
        Err(vm.type_error(format!("{name} takes no arguments")))
    }
}

/// `types.ModuleType(name, doc=None)`: a module with a fresh namespace, as the import
/// system makes one before running its code.
fn module(vm: &Vm, a: Args<'_>) -> PyResult {
    let Some(name) = a.get(0, "name") else {
        return Err(vm.type_error("module() missing required argument 'name' (pos 1)"));
    };
    let Some(text) = name.as_str() else {
        return Err(vm.type_error(format!(
            "module() argument 'name' must be str, not {}",
            vm.type_name(name)
        )));
    };
    let module = vm.new_module(text)?;
    if let Some(doc) = a.get(1, "doc") {
        vm.module_set(&module, "__doc__", doc.clone())?;
    }
    Ok(module)
}

/// `slice(stop)`, `slice(start, stop[, step])`.
fn slice(vm: &Vm, a: Args<'_>) -> PyResult {
    let none = vm.none();
    let (start, stop, step) = match a.pos {
        [stop] => (none.clone(), stop.clone(), none),
        [start, stop] => (start.clone(), stop.clone(), none),
        [start, stop, step] => (start.clone(), stop.clone(), step.clone()),
        _ => return Err(vm.type_error("slice expected at least 1 argument")),
    };
    vm.alloc(Obj::Slice(Box::new([start, stop, step])))
}

/// `str(object, encoding, errors)`: the bytes-like `object` decoded, as `object.decode(...)`.
fn str_decoded(vm: &Vm, object: &PyRef, a: &Args<'_>) -> PyResult {
    if matches!(&**object, Obj::Str(_)) {
        return Err(vm.type_error("decoding str is not supported"));
    }
    if !matches!(&**object, Obj::Bytes(_) | Obj::ByteArray(_)) {
        return Err(vm.type_error(format!(
            "decoding to str: need a bytes-like object, {} found",
            vm.type_name(object)
        )));
    }
    let bytes = match &**object {
        Obj::ByteArray(_) => {
            vm.bytes(crate::objects::bytes::bytes_like(object).unwrap_or_default())
        }
        _ => object.clone(),
    };
    // bytes.decode itself, without looking it up and binding it
    let mut pos = Vec::with_capacity(a.pos.len());
    pos.push(bytes);
    pos.extend_from_slice(&a.pos[1..]);
    crate::objects::bytes::decode(
        vm,
        Args {
            pos: &pos,
            kwnames: a.kwnames,
            kwvals: a.kwvals,
        },
    )
}

fn one(vm: &Vm, a: Args<'_>, name: &str) -> PyResult {
    a.check(vm, name, 1, 1, &[])?;
    Ok(a.pos[0].clone())
}

fn int(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "int", 0, 2, &["base"])?;
    let Some(v) = a.pos.first() else {
        if a.kw("base").is_some() {
            return Err(vm.type_error("int() missing string argument"));
        }
        return vm.new_int(0);
    };
    if let Some(base) = a.get(1, "base") {
        let base = int_base(vm, base)?;
        return match v.as_str() {
            Some(s) => vm.int_from_str(s, base),
            None => match numeric_text(v) {
                Some(text) => vm.int_from_text(&text, base, &vm.repr(v)?),
                None => Err(vm.type_error("int() can't convert non-string with explicit base")),
            },
        };
    }
    if let Some(text) = numeric_text(v) {
        return vm.int_from_text(&text, 10, &vm.repr(v)?);
    }
    match &**v {
        Obj::Int(_) | Obj::BigInt(_) => Ok(v.clone()),
        Obj::Bool(b) => vm.new_int(*b as i64),
        Obj::Float(f) => vm.int_from_float(f.trunc()),
        Obj::Str(s) => vm.int_from_str(s.as_str(), 10),
        Obj::Instance(_) => {
            // `__int__` first; an int (or str, bytes, float) subclass's own value next, so
            // that an inherited `__index__` is not called; `__index__` last
            if let Some(m) = vm.user_method(v, "__int__") {
                return exact_int(vm, vm.call(&m, std::slice::from_ref(v))?, "__int__");
            }
            if let Some(value) = vm.base_value(v) {
                return int(vm, Args::new(std::slice::from_ref(value)));
            }
            match vm.user_method(v, "__index__") {
                Some(m) => exact_int(vm, vm.call(&m, std::slice::from_ref(v))?, "__index__"),
                None => Err(int_type_error(vm, v)),
            }
        }
        _ => Err(int_type_error(vm, v)),
    }
}

/// The text of a bytes or bytearray argument of `int()`/`float()` (its bytes as Latin-1,
/// so that anything but ASCII digits is refused as an invalid literal).
/// What `__int__` or `__index__` returned, as an exact int (CPython accepts an int
/// subclass's instance, with a DeprecationWarning, and takes its value).
fn exact_int(vm: &Vm, result: PyRef, method: &str) -> PyResult {
    let value = vm.base_value(&result).unwrap_or(&result);
    match &**value {
        Obj::Int(_) | Obj::BigInt(_) => Ok(value.clone()),
        Obj::Bool(b) => vm.new_int(i64::from(*b)),
        _ => Err(vm.type_error(format!(
            "{method} returned non-int (type {})",
            vm.type_name(&result)
        ))),
    }
}

/// `int()`'s `base` argument: an int (or `__index__`) from 2 to 36, or 0.
fn int_base(vm: &Vm, base: &PyRef) -> PyResult<u32> {
    let out_of_range = || vm.value_error("int() base must be >= 2 and <= 36, or 0");
    if matches!(&**vm.base_value(base).unwrap_or(base), Obj::BigInt(_)) {
        return Err(out_of_range());
    }
    match vm.index_int(base) {
        Ok(Some(b)) if b == 0 || (2..=36).contains(&b) => Ok(b as u32),
        Ok(Some(_)) => Err(out_of_range()),
        Ok(None) => Err(vm.not_an_integer(base)),
        // an `__index__` that returns a big int
        Err(err) if vm.exc_matches(&err.0, Exc::IndexError) => Err(out_of_range()),
        Err(err) => Err(err),
    }
}

fn numeric_text(v: &PyRef) -> Option<String> {
    crate::objects::bytes::bytes_like(v).map(|b| b.iter().map(|&c| char::from(c)).collect())
}

fn int_type_error(vm: &Vm, v: &PyRef) -> crate::vm::PyErr {
    vm.type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        vm.type_name(v)
    ))
}

fn float(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "float", 0, 1, &[])?;
    let Some(v) = a.pos.first() else {
        return Ok(vm.float(0.0));
    };
    if let Some(text) = numeric_text(v) {
        return vm.float_from_str(&text);
    }
    match &**v {
        Obj::Float(_) => Ok(v.clone()),
        Obj::Int(i) => Ok(vm.float(*i as f64)),
        Obj::Bool(b) => Ok(vm.float(*b as i64 as f64)),
        Obj::BigInt(b) => match num_traits::ToPrimitive::to_f64(&**b).filter(|f| f.is_finite()) {
            Some(f) => Ok(vm.float(f)),
            None => Err(vm.new_exc(Exc::OverflowError, "int too large to convert to float")),
        },
        Obj::Str(s) => vm.float_from_str(s.as_str()),
        Obj::Instance(_) => match vm.user_method(v, "__float__") {
            Some(m) => vm.call(&m, std::slice::from_ref(v)),
            None if vm.base_value(v).is_some() => {
                float(vm, Args::new(std::slice::from_ref(vm.builtin_receiver(v))))
            }
            None => Err(vm.type_error(format!(
                "float() argument must be a string or a real number, not '{}'",
                vm.type_name(v)
            ))),
        },
        _ => Err(vm.type_error(format!(
            "float() argument must be a string or a real number, not '{}'",
            vm.type_name(v)
        ))),
    }
}

/// `types.MethodType(function, instance)`: a bound method.
fn method(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "method", 2, 2, &[])?;
    let (func, instance) = (&a.pos[0], &a.pos[1]);
    if !vm.is_callable(func) {
        return Err(vm.type_error("first argument must be callable"));
    }
    if vm.is_none(instance) {
        return Err(vm.type_error("instance must not be None"));
    }
    vm.alloc(Obj::Method(Box::new((func.clone(), instance.clone()))))
}

/// `complex(real=0, imag=0)` or `complex("1+2j")`.
fn complex(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "complex", 0, 2, &["real", "imag"])?;
    let real = a.get(0, "real").cloned();
    let imag = a.get(1, "imag").cloned();
    if let Some(Obj::Str(s)) = real.as_deref() {
        if imag.is_some() {
            return Err(vm.type_error("complex() can't take second arg if first is a string"));
        }
        return crate::objects::complex::value::parse_complex(s.as_str())
            .map(|c| vm.complex(c))
            .ok_or_else(|| vm.value_error("complex() arg is a malformed string"));
    }
    let part = |v: Option<PyRef>, which: &str| -> PyResult<[f64; 2]> {
        let Some(v) = v else { return Ok([0.0, 0.0]) };
        if let Some(c) = crate::vm::ops::as_complex(vm.builtin_receiver(&v)) {
            return Ok(c);
        }
        if let Some(m) = vm.user_method(&v, "__complex__") {
            let r = vm.call(&m, std::slice::from_ref(&v))?;
            if let Obj::Complex(c) = &*r {
                return Ok(**c);
            }
            return Err(vm.type_error("__complex__ returned non-complex"));
        }
        if vm.user_method(&v, "__float__").is_some() {
            let f = float(vm, Args::new(std::slice::from_ref(&v)))?;
            return Ok(crate::vm::ops::as_complex(&f).unwrap_or([0.0, 0.0]));
        }
        Err(vm.type_error(format!(
            "complex() {which} must be a number, not '{}'",
            vm.type_name(&v)
        )))
    };
    let r = part(real, "first argument")?;
    let i = part(imag, "second argument")?;
    Ok(vm.complex([r[0] - i[1], r[1] + i[0]]))
}

fn dict(vm: &Vm, a: Args<'_>) -> PyResult {
    let d = vm.dict()?;
    if let Some(src) = a.pos.first() {
        vm.dict_update(&d, src)?;
    }
    for (k, v) in a.kwnames.iter().zip(a.kwvals) {
        vm.dict_set(&d, k.clone(), v.clone())?;
    }
    Ok(d)
}

fn set(vm: &Vm, a: Args<'_>, frozen: bool) -> PyResult {
    if let Some(src) = a.pos.first().filter(|s| matches!(&***s, Obj::Set(..))) {
        return vm.set_copy(src, frozen);
    }
    let s = vm.set(frozen)?;
    if let Some(src) = a.pos.first() {
        // a dict's keys keep their hashes (CPython's `set_update_internal`)
        vm.set_update(&s, src)?;
    }
    Ok(s)
}

fn range(vm: &Vm, a: Args<'_>) -> PyResult {
    let n = a.pos.len();
    if n == 0 || n > 3 {
        let (bound, plural) = if n == 0 {
            ("least 1", "")
        } else {
            ("most 3", "s")
        };
        return Err(vm.type_error(format!(
            "range expected at {bound} argument{plural}, got {n}"
        )));
    }
    a.check(vm, "range", 1, 3, &[])?;
    // the common case, 64-bit ints, without the arithmetic on ints of any size
    let small = |v: &PyRef| match &**v {
        Obj::Int(i) => Some(*i),
        _ => None,
    };
    let small = match a.pos {
        [stop] => small(stop).map(|stop| [0, stop, 1]),
        [start, stop] => small(start)
            .zip(small(stop))
            .map(|(start, stop)| [start, stop, 1]),
        [start, stop, step] => small(start)
            .zip(small(stop))
            .zip(small(step))
            .map(|((start, stop), step)| [start, stop, step]),
        _ => None,
    };
    if let Some(bounds) = small.filter(|b| b[2] != 0) {
        return vm.alloc(Obj::Range(Box::new(bounds)));
    }
    // an int or an object with `__index__`, of any size
    let int =
        |v: &PyRef| -> PyResult<BigInt> { vm.index_big(v)?.ok_or_else(|| vm.not_an_integer(v)) };
    let (start, stop, step) = match a.pos {
        [stop] => (BigInt::zero(), int(stop)?, BigInt::one()),
        [start, stop] => (int(start)?, int(stop)?, BigInt::one()),
        [start, stop, step] => (int(start)?, int(stop)?, int(step)?),
        _ => (BigInt::zero(), BigInt::zero(), BigInt::one()),
    };
    if step.is_zero() {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    range_value::new_range(vm, [start, stop, step])
}

fn bytes(vm: &Vm, a: Args<'_>) -> PyResult {
    if let Some(convert) = a.pos.first().and_then(|v| vm.user_method(v, "__bytes__")) {
        let result = vm.call(&convert, &a.pos[..1])?;
        if !matches!(&*result, Obj::Bytes(_)) {
            return Err(vm.type_error(format!(
                "__bytes__ returned non-bytes (type {})",
                vm.type_name(&result)
            )));
        }
        return Ok(result);
    }
    if let Some(object) = a.pos.first() {
        if matches!(&**object, Obj::Bytes(_)) {
            // immutable: `bytes(b) is b`, as in CPython
            return Ok(object.clone());
        }
        // a bytearray's or memoryview's bytes, copied once, straight into the new object
        if let Some(made) = crate::objects::bytes::with_bytes_like(object, |b| vm.bytes(b)) {
            return Ok(made);
        }
    }
    let data: Vec<u8> = match a.pos.first().map(|v| &**v) {
        None => Vec::new(),
        Some(Obj::Str(s)) => s.as_str().as_bytes().to_vec(),
        Some(Obj::Int(n)) if *n >= 0 => {
            let mut zeros = vm.vec_with_capacity(*n as usize)?;
            zeros.resize(*n as usize, 0);
            zeros
        }
        Some(_) => {
            let mut out = Vec::new();
            for item in vm.collect(&a.pos[0])? {
                match item.as_i64() {
                    Some(v) if (0..256).contains(&v) => out.push(v as u8),
                    _ => return Err(vm.value_error("bytes must be in range(0, 256)")),
                }
            }
            out
        }
    };
    Ok(vm.bytes(data.into_boxed_slice()))
}
