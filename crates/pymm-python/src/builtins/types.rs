//! Calling a built-in type (`int("3")`, `list(x)`, ...) and creating user classes.

use std::cell::RefCell;

use crate::objects::class::{ClassObj, TypeKind};
use crate::objects::{Obj, PyRef, Table};
use crate::rt::Gc;
use crate::vm::attr::table_get_str;
use crate::vm::builtin::Args;
use crate::vm::{Exc, PyResult, Vm};

/// Builds an instance of a built-in type; None when `cls` is not one.
pub fn construct(vm: &Vm, cls: &PyRef, a: Args<'_>) -> Option<PyResult> {
    let t = &vm.types;
    let is = |c: &PyRef| Gc::ptr_eq(cls, c);
    let result = if is(&t.int) {
        int(vm, a)
    } else if is(&t.float) {
        float(vm, a)
    } else if is(&t.complex) {
        complex(vm, a)
    } else if is(&t.bytearray) {
        crate::objects::bytearray::new(vm, a)
    } else if is(&t.method) {
        method(vm, a)
    } else if is(&t.weakref) {
        crate::builtins::methods_misc::weakref_from_args(vm, a, true)
    } else if is(&t.str) {
        match a.pos.first() {
            None => vm.str(""),
            Some(v) if a.pos.len() > 1 || !a.kwnames.is_empty() => str_decoded(vm, v, &a),
            Some(v) => vm.to_str_obj(v),
        }
    } else if is(&t.bool) {
        a.pos
            .first()
            .map_or(Ok(vm.bool(false)), |v| Ok(vm.bool(vm.truthy(v)?)))
    } else if is(&t.list) {
        a.pos
            .first()
            .map_or_else(|| vm.list(Vec::new()), |v| vm.list(vm.collect(v)?))
    } else if is(&t.tuple) {
        match a.pos.first() {
            Some(v) if matches!(&**v, Obj::Tuple(_)) => Ok(v.clone()),
            Some(v) => vm.collect(v).and_then(|items| vm.new_tuple(items)),
            None => vm.new_tuple(Vec::new()),
        }
    } else if is(&t.dict) {
        dict(vm, a)
    } else if is(&t.set) || is(&t.frozenset) {
        set(vm, a, is(&t.frozenset))
    } else if is(&t.range) {
        range(vm, a)
    } else if is(&t.type_) {
        match a.pos {
            [obj] => Ok(vm.type_of(obj)),
            [name, bases, ns] => new_type(vm, name, bases, ns),
            _ => Err(vm.type_error("type() takes 1 or 3 arguments")),
        }
    } else if is(&t.object) {
        vm.allocate_instance(cls, Args::new(&[]))
    } else if is(&t.property) {
        let get = |i: usize, name: &str| a.get(i, name).filter(|v| !vm.is_none(v)).cloned();
        vm.alloc(Obj::Property(Box::new([get(0, "fget"), get(1, "fset")])))
    } else if is(&t.staticmethod) {
        one(vm, a, "staticmethod").and_then(|f| vm.alloc(Obj::StaticMethod(f)))
    } else if is(&t.classmethod) {
        one(vm, a, "classmethod").and_then(|f| vm.alloc(Obj::ClassMethod(f)))
    } else if is(&t.super_) {
        match a.pos {
            [cls, obj] => vm.alloc(Obj::Super(Box::new((cls.clone(), obj.clone())))),
            _ => Err(vm.new_exc(Exc::RuntimeError, "super(): no arguments")),
        }
    } else if is(&t.slice) {
        let none = vm.none();
        let (start, stop, step) = match a.pos {
            [stop] => (none.clone(), stop.clone(), none),
            [start, stop] => (start.clone(), stop.clone(), none),
            [start, stop, step] => (start.clone(), stop.clone(), step.clone()),
            _ => return Some(Err(vm.type_error("slice expected at least 1 argument"))),
        };
        vm.alloc(Obj::Slice(Box::new([start, stop, step])))
    } else if is(&t.bytes) {
        bytes(vm, a)
    } else if matches!(&**cls, Obj::Class(c) if c.kind == TypeKind::Builtin) {
        Err(vm.type_error(format!("cannot create '{}' instances", vm.class_name(cls))))
    } else {
        return None;
    };
    Some(result)
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
        return vm.new_int(0);
    };
    if let Some(base) = a.get(1, "base") {
        let base = base.as_i64().unwrap_or(10) as u32;
        return match v.as_str() {
            Some(s) => vm.int_from_str(s, base),
            None => match numeric_text(v) {
                Some(text) => vm.int_from_str(&text, base),
                None => Err(vm.type_error("int() can't convert non-string with explicit base")),
            },
        };
    }
    if let Some(text) = numeric_text(v) {
        return vm.int_from_str(&text, 10);
    }
    match &**v {
        Obj::Int(_) | Obj::BigInt(_) => Ok(v.clone()),
        Obj::Bool(b) => vm.new_int(*b as i64),
        Obj::Float(f) => vm.int_from_float(f.trunc()),
        Obj::Str(s) => vm.int_from_str(s.as_str(), 10),
        Obj::Instance(_) => match vm
            .user_method(v, "__int__")
            .or_else(|| vm.user_method(v, "__index__"))
        {
            Some(m) => vm.call(&m, std::slice::from_ref(v)),
            None => match vm.base_value(v) {
                Some(value) => int(vm, Args::new(std::slice::from_ref(value))),
                None => Err(int_type_error(vm, v)),
            },
        },
        _ => Err(int_type_error(vm, v)),
    }
}

/// The text of a bytes or bytearray argument of `int()`/`float()` (its bytes as Latin-1,
/// so that anything but ASCII digits is refused as an invalid literal).
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
        return crate::objects::complex::parse_complex(s.as_str())
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
        if let Obj::Dict(d) = &**src {
            let n = d.borrow().len();
            vm.table_of(&s)?.borrow_mut().reserve_for_merge(n);
        }
        for item in vm.collect(src)? {
            vm.set_add(&s, item)?;
        }
    }
    Ok(s)
}

fn range(vm: &Vm, a: Args<'_>) -> PyResult {
    a.check(vm, "range", 1, 3, &[])?;
    let int = |v: &PyRef| -> PyResult<i64> {
        match &**v {
            Obj::Int(i) => Ok(*i),
            Obj::Bool(b) => Ok(*b as i64),
            _ => Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(v)
            ))),
        }
    };
    let (start, stop, step) = match a.pos {
        [stop] => (0, int(stop)?, 1),
        [start, stop] => (int(start)?, int(stop)?, 1),
        [start, stop, step] => (int(start)?, int(stop)?, int(step)?),
        _ => (0, 0, 1),
    };
    if step == 0 {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    vm.alloc(Obj::Range(Box::new([start, stop, step])))
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
    let data: Vec<u8> = match a.pos.first().map(|v| &**v) {
        None => Vec::new(),
        Some(Obj::Str(s)) => s.as_str().as_bytes().to_vec(),
        Some(Obj::Int(n)) if *n >= 0 => {
            let mut zeros = vm.vec_with_capacity(*n as usize)?;
            zeros.resize(*n as usize, 0);
            zeros
        }
        Some(Obj::Bytes(b)) => b.to_vec(),
        Some(Obj::ByteArray(b)) => b.borrow().clone(),
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

/// Built-in types a class may derive from (CPython refuses bool, range, slice, ... as bases).
fn extendable(vm: &Vm, class: &PyRef) -> bool {
    let t = &vm.types;
    [
        &t.int,
        &t.float,
        &t.str,
        &t.bytes,
        &t.tuple,
        &t.list,
        &t.dict,
        &t.set,
        &t.frozenset,
        &t.type_,
        &t.weakref,
    ]
    .into_iter()
    .any(|c| Gc::ptr_eq(c, class))
}

/// The built-in type a subclass of one derives from.
pub fn builtin_ancestor(class: &PyRef) -> Option<PyRef> {
    crate::objects::mro::class_and_mro(class)
        .into_iter()
        .find(|c| matches!(&**c, Obj::Class(cls) if cls.kind == TypeKind::Builtin))
}

/// The built-in value of a new instance of `class`, a subclass of the built-in type `base`:
/// mutable containers start empty when the class has its own `__init__` (which fills them
/// through `super().__init__`, as in CPython); otherwise the arguments build the value, as
/// the built-in type's `__new__` does.
pub fn new_base_value(vm: &Vm, class: &PyRef, base: &PyRef, a: Args<'_>) -> PyResult {
    let t = &vm.types;
    let mutable = [&t.list, &t.dict, &t.set]
        .into_iter()
        .any(|c| Gc::ptr_eq(c, base));
    let own_init = vm
        .class_lookup(class, "__init__")
        .is_some_and(|init| matches!(&*init, Obj::Function(_)));
    let args = if mutable && own_init {
        Args::new(&[])
    } else {
        a
    };
    if Gc::ptr_eq(base, &t.weakref) {
        // a subclass's own arguments follow (object, callback); its reference is its own
        let object_and_callback = Args::new(&a.pos[..a.pos.len().min(2)]);
        return crate::builtins::methods_misc::weakref_from_args(vm, object_and_callback, false);
    }
    construct(vm, base, args).unwrap_or_else(|| Err(vm.type_error("not a built-in type")))
}

/// The flags a new class inherits from its bases, refusing bases that cannot be derived
/// from (a non-class, a repeated base, a built-in type CPython does not accept as a base).
fn inherited_flags(vm: &Vm, bases: &[PyRef]) -> PyResult<u16> {
    let mut flags = 0;
    for (i, base) in bases.iter().enumerate() {
        let Obj::Class(b) = &**base else {
            return Err(vm.type_error("bases must be types"));
        };
        if bases[..i].iter().any(|earlier| Gc::ptr_eq(earlier, base)) {
            return Err(vm.type_error(format!("duplicate base class {}", b.name)));
        }
        if b.kind == TypeKind::Builtin {
            if !extendable(vm, base) {
                return Err(
                    vm.type_error(format!("type '{}' is not an acceptable base type", b.name))
                );
            }
            flags |= ClassObj::EXTENDS_BUILTIN;
        }
        flags |= b.flags.get();
    }
    // Whether instances lose their `__dict__` depends on the new class's own `__slots__`.
    Ok(flags & !ClassObj::NO_DICT)
}

/// `type(name, bases, namespace)`: a class made without a class statement.
fn new_type(vm: &Vm, name: &PyRef, bases: &PyRef, ns: &PyRef) -> PyResult {
    if name.as_str().is_none() {
        return Err(vm.type_error("type.__new__() argument 1 must be str"));
    }
    let Obj::Tuple(bases) = &**bases else {
        return Err(vm.type_error("type.__new__() argument 2 must be tuple"));
    };
    if !matches!(&**ns, Obj::Dict(_)) {
        return Err(vm.type_error("type.__new__() argument 3 must be dict"));
    }
    let ns = vm.dict_copy(ns)?;
    make_class(vm, name, bases.to_vec(), &ns, None, &[])
}

/// PEP 560: a base that is not a class but has `__mro_entries__` (a `typing` generic such as
/// `Generic[T]`) is replaced by the classes that method gives; the bases as written are kept
/// in the namespace as `__orig_bases__`.
pub fn resolve_bases(vm: &Vm, bases: Vec<PyRef>, ns: &PyRef) -> PyResult<Vec<PyRef>> {
    if bases.iter().all(|b| matches!(&**b, Obj::Class(_))) {
        return Ok(bases);
    }
    let written = vm.new_tuple(bases.clone())?;
    let mut resolved = Vec::new();
    for base in &bases {
        let entries = match &**base {
            Obj::Class(_) => None,
            _ => vm.get_attr(base, &vm.intern("__mro_entries__")).ok(),
        };
        match entries {
            Some(method) => {
                let given = vm.call(&method, std::slice::from_ref(&written))?;
                resolved.extend(vm.collect(&given)?);
            }
            None => resolved.push(base.clone()),
        }
    }
    vm.dict_set(ns, vm.intern("__orig_bases__"), written)?;
    Ok(resolved)
}

/// A class statement's class: its metaclass (given with `metaclass=`, else the most derived
/// of its bases' classes) makes it. `type` makes it directly; a user metaclass is called with
/// (name, bases, namespace) and the other keywords, as in CPython.
pub fn create_class(
    vm: &Vm,
    name: &PyRef,
    bases: Vec<PyRef>,
    ns: &PyRef,
    keywords: Option<PyRef>,
) -> PyResult {
    let mut keywords: Vec<(PyRef, PyRef)> = match &keywords {
        Some(k) => vm
            .table_of(k)?
            .borrow()
            .iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect(),
        None => Vec::new(),
    };
    let explicit = keywords
        .iter()
        .position(|(k, _)| k.as_str() == Some("metaclass"))
        .map(|i| keywords.remove(i).1);
    let metaclass = derive_metaclass(vm, explicit, &bases)?;
    if Gc::ptr_eq(&metaclass, &vm.types.type_) {
        return make_class(vm, name, bases, ns, None, &keywords);
    }
    let bases = vm.new_tuple(bases)?;
    let (kwnames, kwvals): (Vec<PyRef>, Vec<PyRef>) = keywords.into_iter().unzip();
    let pos = [name.clone(), bases, ns.clone()];
    vm.call_args(
        &metaclass,
        Args {
            pos: &pos,
            kwnames: &kwnames,
            kwvals: &kwvals,
        },
    )
}

/// The metaclass of a new class: the most derived of the explicit one and the bases' classes;
/// CPython's error when none of them derives from all the others.
fn derive_metaclass(vm: &Vm, explicit: Option<PyRef>, bases: &[PyRef]) -> PyResult {
    let mut winner = explicit.unwrap_or_else(|| vm.types.type_.clone());
    for base in bases {
        let candidate = vm.type_of(base);
        if vm.is_subclass(&winner, &candidate) {
            continue;
        }
        if vm.is_subclass(&candidate, &winner) {
            winner = candidate;
            continue;
        }
        return Err(vm.type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) \
             subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

/// `type` methods: what a metaclass's `super()` reaches.
pub static TYPE_METHODS: &[crate::vm::builtin::BuiltinFn] = &[
    crate::vm::builtin::BuiltinFn::static_method("__new__", type_new),
    crate::vm::builtin::BuiltinFn::new("__call__", type_call),
    crate::vm::builtin::BuiltinFn::new("__init__", |vm, _| Ok(vm.none())),
];

/// `type.__new__(metaclass, name, bases, namespace, **keywords)`: a new class whose class is
/// `metaclass`.
pub fn type_new(vm: &Vm, a: Args<'_>) -> PyResult {
    let [metaclass, name, bases, ns] = a.pos else {
        return Err(vm.type_error("type.__new__() takes exactly 3 arguments"));
    };
    let Obj::Tuple(bases) = &**bases else {
        return Err(vm.type_error("type.__new__() argument 2 must be tuple"));
    };
    let ns = vm.dict_copy(ns)?;
    let keywords: Vec<(PyRef, PyRef)> = a
        .kwnames
        .iter()
        .cloned()
        .zip(a.kwvals.iter().cloned())
        .collect();
    make_class(
        vm,
        name,
        bases.to_vec(),
        &ns,
        Some(metaclass.clone()),
        &keywords,
    )
}

/// `type.__call__(cls, *args, **kwargs)`: makes and initialises an instance, whatever
/// `__call__` the metaclass defines (that is how a metaclass's `__call__` calls on).
fn type_call(vm: &Vm, a: Args<'_>) -> PyResult {
    let Some((cls, rest)) = a.pos.split_first() else {
        return Err(vm.type_error("type.__call__() needs a class"));
    };
    vm.instantiate(cls, Args { pos: rest, ..a })
}

/// Makes a user class from its namespace dict (after the body ran).
pub fn make_class(
    vm: &Vm,
    name: &PyRef,
    bases: Vec<PyRef>,
    ns: &PyRef,
    metaclass: Option<PyRef>,
    class_keywords: &[(PyRef, PyRef)],
) -> PyResult {
    let bases = if bases.is_empty() {
        vec![vm.types.object.clone()]
    } else {
        bases
    };
    let inherited = inherited_flags(vm, &bases)?;
    let mro = crate::objects::mro::linearize(&bases).map_err(|heads| {
        let names: Vec<String> = heads.iter().map(|b| vm.class_name(b)).collect();
        vm.type_error(format!(
            "Cannot create a consistent method resolution\norder (MRO) for bases {}",
            names.join(", ")
        ))
    })?;
    let builtin_layouts = mro
        .iter()
        .filter(|c| matches!(&***c, Obj::Class(cls) if cls.kind == TypeKind::Builtin))
        .count();
    if builtin_layouts > 1 {
        return Err(vm.type_error("multiple bases have instance lay-out conflict"));
    }
    let mut attrs = Table::new();
    let entries: Vec<(PyRef, PyRef)> = vm
        .table_of(ns)?
        .borrow()
        .iter()
        .map(|e| (e.key.clone(), e.value.clone()))
        .collect();
    let mut slots = None;
    let mut has_eq = false;
    let mut has_hash = false;
    for (k, v) in entries {
        match k.as_str() {
            Some("__slots__") => {
                let names = match &*v {
                    Obj::Str(_) => vec![v.clone()],
                    _ => vm.collect(&v)?,
                };
                // a private slot name is mangled, as the class body's code spells it
                let class_name = name.as_str().unwrap_or("");
                let slot_name = |n: &PyRef| {
                    let text = n.as_str().unwrap_or("");
                    let private = crate::compile::mangled(class_name, text);
                    vm.intern(private.as_deref().unwrap_or(text))
                };
                slots = Some(names.iter().map(slot_name).collect::<Box<[PyRef]>>());
            }
            Some("__eq__") => has_eq = true,
            Some("__hash__") => has_hash = true,
            _ => {}
        }
        let v = implicit_method_kind(vm, k.as_str().unwrap_or(""), v)?;
        attrs.push(vm.hash(&k)?, k, v);
    }
    if has_eq && !has_hash {
        let key = vm.intern("__hash__");
        attrs.push(vm.hash(&key)?, key, vm.none());
    }
    let mut flags = inherited;
    for e in attrs.iter() {
        flags |= ClassObj::flag_for(e.key.as_str().unwrap_or(""), e.value);
    }
    if slots.is_some() || flags & ClassObj::SLOTS != 0 {
        flags |= ClassObj::SLOTS;
    }
    let class = vm.alloc(Obj::Class(Box::new(ClassObj {
        name: name.as_str().unwrap_or("?").into(),
        bases: bases.into(),
        mro: mro.into(),
        attrs: RefCell::new(attrs),
        slots,
        keys: RefCell::new(Vec::new()),
        keys_at_last_instance: std::cell::Cell::new(u32::MAX),
        kind: TypeKind::Object,
        metaclass: metaclass.filter(|m| !Gc::ptr_eq(m, &vm.types.type_)),
        flags: std::cell::Cell::new(flags),
    })))?;
    // The new class may sit where a dead one was (freed by a collection this allocation
    // ran, perhaps after its finalizers looked attributes up): its cached lookups must go.
    vm.type_cache.invalidate();
    lay_out_slots(vm, &class);
    add_instance_descriptors(vm, &class)?;
    notify_descriptors(vm, &class)?;
    init_subclass(vm, &class, class_keywords)?;
    Ok(class)
}

/// Gives a new class the `__dict__` and `__weakref__` attributes of CPython's `type_new`:
/// each one unless a base already provides it, or `__slots__` leaves it out.
fn add_instance_descriptors(vm: &Vm, class: &PyRef) -> PyResult<()> {
    let Obj::Class(cls) = &**class else {
        return Ok(());
    };
    let is_exception = |c: &PyRef| vm.types.exceptions.iter().any(|e| Gc::ptr_eq(e, c));
    // a user class without __slots__ already gives its instances both; a built-in
    // exception class gives them a __dict__ only
    let user_without_slots = |c: &PyRef| match &**c {
        Obj::Class(b) => b.kind == TypeKind::Object && !b.bases.is_empty() && b.slots.is_none(),
        _ => false,
    };
    let inherited_dict = cls.mro.iter().any(user_without_slots);
    let inherited_weakref = cls
        .mro
        .iter()
        .any(|c| user_without_slots(c) && !is_exception(c));
    for (name, inherited) in [
        ("__dict__", inherited_dict),
        ("__weakref__", inherited_weakref),
    ] {
        let wanted = match &cls.slots {
            None => !inherited,
            Some(slots) => !inherited && slots.iter().any(|s| s.as_str() == Some(name)),
        };
        let declared = table_get_str(&cls.attrs.borrow(), name).is_some();
        if wanted && !declared {
            let name = vm.intern(name);
            let descr = vm.alloc(Obj::GetSetDescr(Box::new((class.clone(), name.clone()))))?;
            vm.class_set_attr(class, &name, descr);
        }
    }
    Ok(())
}

/// CPython makes `__new__` a static method and `__init_subclass__` and `__class_getitem__`
/// class methods without a decorator.
fn implicit_method_kind(vm: &Vm, name: &str, value: PyRef) -> PyResult {
    if !matches!(&*value, Obj::Function(_)) {
        return Ok(value);
    }
    match name {
        "__new__" => vm.alloc(Obj::StaticMethod(value)),
        "__init_subclass__" | "__class_getitem__" => vm.alloc(Obj::ClassMethod(value)),
        _ => Ok(value),
    }
}

/// A class with `__slots__` all the way up gives its instances no `__dict__`: one inline
/// value per slot, base classes' slots first, at fixed positions (its shared keys).
fn lay_out_slots(vm: &Vm, class: &PyRef) {
    let Obj::Class(cls) = &**class else { return };
    if !vm.has_slots(class) {
        return;
    }
    let mut keys: Vec<PyRef> = Vec::new();
    for c in vm.mro(class).iter().rev() {
        let Obj::Class(c) = &**c else { continue };
        for slot in c.slots.iter().flatten() {
            if !keys.iter().any(|k| k.as_str() == slot.as_str()) {
                keys.push(slot.clone());
            }
        }
    }
    *cls.keys.borrow_mut() = keys;
    cls.flags.set(cls.flags.get() | ClassObj::NO_DICT);
}

/// Calls `__set_name__(class, name)` on every attribute of the new class that defines it
/// (descriptors learn the name they are stored under).
fn notify_descriptors(vm: &Vm, class: &PyRef) -> PyResult<()> {
    let Obj::Class(cls) = &**class else {
        return Ok(());
    };
    let entries: Vec<(PyRef, PyRef)> = cls
        .attrs
        .borrow()
        .iter()
        .map(|e| (e.key.clone(), e.value.clone()))
        .collect();
    for (name, value) in entries {
        if let Some(set_name) = vm.user_method(&value, "__set_name__") {
            vm.call(&set_name, &[value, class.clone(), name])?;
        }
    }
    Ok(())
}

/// Runs the nearest base's `__init_subclass__` for the new class (object's does nothing),
/// with the keywords of the class statement.
fn init_subclass(vm: &Vm, class: &PyRef, keywords: &[(PyRef, PyRef)]) -> PyResult<()> {
    let Obj::Class(cls) = &**class else {
        return Ok(());
    };
    let hook = vm.lookup_in(&cls.mro, "__init_subclass__");
    // object's hook (a built-in) refuses keywords, as CPython's does
    let Some(Obj::ClassMethod(f)) = hook.as_deref() else {
        return Ok(());
    };
    let (kwnames, kwvals): (Vec<PyRef>, Vec<PyRef>) = keywords.iter().cloned().unzip();
    let args = Args {
        pos: std::slice::from_ref(class),
        kwnames: &kwnames,
        kwvals: &kwvals,
    };
    vm.call_args(f, args).map(drop)
}
