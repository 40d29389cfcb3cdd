//! Creating classes: the `class` statement's namespace made a class (`__build_class__`'s
//! work: bases resolved, metaclass derived, `__slots__` laid out, `__set_name__` and
//! `__init_subclass__` called), `type(name, bases, ns)` and `type.__new__`.

use std::cell::RefCell;

use crate::objects::class::{ClassObj, TypeKind};
use crate::objects::{is_slot_member, Obj, PyRef, Table};
use crate::rt::Gc;
use crate::vm::attr::table_get_str;
use crate::vm::builtin::Args;
use crate::vm::{Exc, PyResult, Vm};

/// Built-in types a class may derive from (CPython refuses bool, range, slice, ... as bases).
fn extendable(vm: &Vm, class: &PyRef) -> bool {
    let t = &vm.types;
    [
        &t.int,
        &t.float,
        &t.str,
        &t.bytes,
        &t.bytearray,
        &t.tuple,
        &t.list,
        &t.dict,
        &t.set,
        &t.frozenset,
        &t.type_,
        &t.weakref,
        &t.property,
        &t.enumerate,
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
    let mutable = [&t.list, &t.dict, &t.set, &t.bytearray]
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
    let args = if Gc::ptr_eq(base, &t.weakref) {
        // a subclass's own arguments follow (object, callback); its reference is its own
        Args::new(&a.pos[..a.pos.len().min(2)])
    } else {
        args
    };
    match vm.constructor(base) {
        Some(construct) => construct(vm, class, args),
        None => Err(vm.type_error("not a built-in type")),
    }
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
pub fn new_type(vm: &Vm, name: &PyRef, bases: &PyRef, ns: &PyRef) -> PyResult {
    if name.as_str().is_none() {
        return Err(vm.type_error("type.__new__() argument 1 must be str"));
    }
    let Obj::Tuple(bases) = &**bases else {
        return Err(vm.type_error("type.__new__() argument 2 must be tuple"));
    };
    let ns = namespace_dict(vm, ns)?;
    make_class(vm, name, bases.to_vec(), &ns, None, &[])
}

/// PEP 560: a base that is not a class but has `__mro_entries__` (a `typing` generic such as
/// `Generic[T]`) is replaced by the classes that method gives; with them, the bases as
/// written, which the class statement keeps in the namespace as `__orig_bases__`.
pub fn resolve_bases(vm: &Vm, bases: Vec<PyRef>) -> PyResult<(Vec<PyRef>, Option<PyRef>)> {
    if bases.iter().all(|b| matches!(&**b, Obj::Class(_))) {
        return Ok((bases, None));
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
    Ok((resolved, Some(written)))
}

/// A class statement's keywords as (name, value) pairs, in the order written.
pub type ClassKeywords = Vec<(PyRef, PyRef)>;

/// What a class statement's keywords (`class C(Base, metaclass=M, flag=1)`) give
/// `__build_class__`: the explicit metaclass, if any, and the keywords left for it.
pub fn split_keywords(
    vm: &Vm,
    keywords: Option<PyRef>,
) -> PyResult<(Option<PyRef>, ClassKeywords)> {
    let mut keywords = match &keywords {
        Some(k) => vm.table_pairs(k)?,
        None => Vec::new(),
    };
    let explicit = keywords
        .iter()
        .position(|(k, _)| k.as_str() == Some("metaclass"))
        .map(|i| keywords.remove(i).1);
    Ok((explicit, keywords))
}

/// The namespace a class body runs in: what the metaclass's `__prepare__(name, bases,
/// **keywords)` gives (any mapping), or a new dict when it has none, as `type`'s own gives.
pub fn prepare_namespace(
    vm: &Vm,
    metaclass: &PyRef,
    name: &PyRef,
    bases: &[PyRef],
    keywords: &[(PyRef, PyRef)],
) -> PyResult {
    if Gc::ptr_eq(metaclass, &vm.types.type_) {
        return vm.dict();
    }
    let prepare = match vm.get_attr(metaclass, &vm.intern("__prepare__")) {
        Ok(prepare) => prepare,
        Err(e) if vm.exc_matches(&e.0, Exc::AttributeError) => return vm.dict(),
        Err(e) => return Err(e),
    };
    let (kwnames, kwvals): (Vec<PyRef>, Vec<PyRef>) = keywords.iter().cloned().unzip();
    let pos = [name.clone(), vm.new_tuple(bases.to_vec())?];
    let ns = vm.call_args(
        &prepare,
        Args {
            pos: &pos,
            kwnames: &kwnames,
            kwvals: &kwvals,
        },
    )?;
    if vm.class_lookup(&vm.type_of(&ns), "__getitem__").is_none() && !matches!(&*ns, Obj::Dict(_)) {
        return Err(vm.type_error(format!(
            "{}.__prepare__() must return a mapping, not {}",
            vm.class_name(metaclass),
            vm.type_name(&ns)
        )));
    }
    Ok(ns)
}

/// Makes the class of a `class` statement once its body ran in `ns`: `type`'s own way for
/// the plain metaclass, else a call of the metaclass with the keywords.
pub fn create_class(
    vm: &Vm,
    name: &PyRef,
    bases: Vec<PyRef>,
    ns: &PyRef,
    metaclass: &PyRef,
    keywords: ClassKeywords,
) -> PyResult {
    if Gc::ptr_eq(metaclass, &vm.types.type_) {
        return make_class(vm, name, bases, ns, None, &keywords);
    }
    let bases = vm.new_tuple(bases)?;
    let (kwnames, kwvals): (Vec<PyRef>, Vec<PyRef>) = keywords.into_iter().unzip();
    let pos = [name.clone(), bases, ns.clone()];
    vm.call_args(
        metaclass,
        Args {
            pos: &pos,
            kwnames: &kwnames,
            kwvals: &kwvals,
        },
    )
}

/// A class namespace as `type.__new__` takes it: a dict, or an instance of a subclass of
/// dict (a `__prepare__` mapping such as enum's), copied; CPython's TypeError otherwise.
fn namespace_dict(vm: &Vm, ns: &PyRef) -> PyResult {
    if !matches!(&**vm.builtin_receiver(ns), Obj::Dict(_)) {
        return Err(vm.type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            vm.type_name(ns)
        )));
    }
    vm.dict_copy(vm.builtin_receiver(ns))
}

/// The metaclass of a new class: the most derived of the explicit one and the bases' classes;
/// CPython's error when none of them derives from all the others.
pub fn derive_metaclass(vm: &Vm, explicit: Option<PyRef>, bases: &[PyRef]) -> PyResult {
    // a metaclass that is no class (a function) is called as it is
    if let Some(explicit) = explicit
        .as_ref()
        .filter(|m| !matches!(&***m, Obj::Class(_)))
    {
        return Ok(explicit.clone());
    }
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
    let ns = namespace_dict(vm, ns)?;
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
    let mut has_doc = false;
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
            Some("__doc__") => has_doc = true,
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
        slot_keys: std::cell::Cell::new(0),
        kind: TypeKind::Object,
        metaclass: metaclass.filter(|m| !Gc::ptr_eq(m, &vm.types.type_)),
        constructor: std::cell::Cell::new(0),
        flags: std::cell::Cell::new(flags),
        serial: ClassObj::next_serial(),
    })))?;
    // The new class may sit where a dead one was (freed by a collection this allocation
    // ran, perhaps after its finalizers looked attributes up): its cached lookups must go.
    vm.type_cache.invalidate();
    lay_out_slots(vm, &class);
    add_instance_descriptors(vm, &class)?;
    // every class has its own `__doc__` (None without a docstring): it is not inherited
    if !has_doc {
        vm.class_set_attr(&class, &vm.intern("__doc__"), vm.none());
    }
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
    // each slot of its own a member descriptor (`C.x`), which no class variable may shadow
    // (checked before any is made: a name may be listed twice)
    let members: Vec<&PyRef> = cls
        .slots
        .iter()
        .flatten()
        .filter(|slot| crate::objects::is_slot_member(slot))
        .collect();
    for slot in &members {
        if table_get_str(&cls.attrs.borrow(), slot.as_str().unwrap_or("")).is_some() {
            return Err(vm.value_error(format!(
                "'{}' in __slots__ conflicts with class variable",
                slot.as_str().unwrap_or("")
            )));
        }
    }
    for slot in members {
        let descr = vm.alloc(Obj::GetSetDescr(Box::new((class.clone(), slot.clone()))))?;
        vm.class_set_attr(class, slot, descr);
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

/// A class with `__slots__` (its own or a base's) gives its instances one inline value per
/// slot, base classes' slots first, at fixed positions: the first of its shared keys. With
/// `__slots__` all the way up its instances have no `__dict__`; otherwise the names they
/// learn follow the slots.
fn lay_out_slots(vm: &Vm, class: &PyRef) {
    let Obj::Class(cls) = &**class else { return };
    let mut keys: Vec<PyRef> = Vec::new();
    for c in vm.mro(class).iter().rev() {
        let Obj::Class(c) = &**c else { continue };
        // `__dict__` and `__weakref__` among the slots ask for those, and hold no value
        for slot in c.slots.iter().flatten().filter(|s| is_slot_member(s)) {
            if !keys.iter().any(|k| k.as_str() == slot.as_str()) {
                keys.push(slot.clone());
            }
        }
    }
    if keys.is_empty() {
        return;
    }
    let slot_keys = u32::try_from(keys.len()).expect("fewer than 2**32 slots");
    *cls.keys.borrow_mut() = keys;
    cls.slot_keys.set(slot_keys);
    if vm.has_slots(class) {
        cls.flags.set(cls.flags.get() | ClassObj::NO_DICT);
    }
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
        } else if let Some(prop) = crate::objects::property::of(&value) {
            prop.remember_name(name);
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
