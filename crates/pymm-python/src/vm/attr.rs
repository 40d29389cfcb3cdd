//! Attribute access: `type(x)`, class lookups along the base chain, the instance attribute
//! protocol (data descriptors, the instance's own values, non-data descriptors,
//! `__getattr__`), bound methods, properties. Where an instance keeps its values is
//! [`super::instance_storage`]'s.

use super::{Exc, PyResult, Vm};
use crate::objects::frame::{AwaitKind, GenKind};
use crate::objects::iter::IterState;
use crate::objects::property::{self, Accessor};
use crate::objects::str::layout::hash_text;
use crate::objects::{ClassObj, Obj, PyRef, Table};
use crate::rt::Gc;

/// The attribute-access flags of a class (0 for non-classes).
pub(super) fn class_flags(class: &PyRef) -> u16 {
    match &**class {
        Obj::Class(c) => c.flags.get(),
        _ => 0,
    }
}

/// Finds a str key in a table without running Python code.
pub fn table_get_str(table: &Table, name: &str) -> Option<PyRef> {
    let pos = table.find_by(hash_text(name), |k| k.as_str() == Some(name))?;
    table.entry(pos).map(|e| e.value.clone())
}

/// [`table_get_str`] for a str object (an interned name of the code, mostly): its cached hash
/// instead of hashing the text again, and identity before comparing text.
pub fn table_get_name(table: &Table, name: &PyRef) -> Option<PyRef> {
    let pos = table_find_name(table, name)?;
    table.entry(pos).map(|e| e.value.clone())
}

/// The position of a str object's entry in a table (as [`table_get_name`] finds it).
pub fn table_find_name(table: &Table, name: &PyRef) -> Option<usize> {
    let Obj::Str(text) = &**name else {
        return None;
    };
    table.find_by(text.hash(), |k| {
        Gc::ptr_eq(k, name) || k.as_str() == Some(text.as_str())
    })
}

/// False when `key` is none of the names [`Vm::special_attr`] computes, by its length and
/// third byte (true may still be another name: the match decides): a quick "no" for the
/// dunder names it does not compute (`__repr__`, `__init__`, `__eq__`...), which were
/// compared with each of its names on every class attribute load (`int.__repr__`) and
/// `getattr(cls, "__repr__")`. The test below checks its names against its source.
#[inline]
fn may_be_special(key: &str) -> bool {
    let b = key.as_bytes();
    if b.len() < 7 || b[0] != b'_' || b[1] != b'_' {
        return false;
    }
    matches!(
        (b.len(), b[2]),
        (7, b'd' | b'm')
            | (8, b'b' | b'c' | b'd' | b'f' | b'n' | b's')
            | (9, b'b' | b'c' | b'f')
            | (10, b'm')
            | (11, b'c' | b'g')
            | (12, b'c' | b'd' | b'q')
            | (13, b't')
    )
}

impl Vm {
    /// `type(obj)`.
    pub fn type_of(&self, obj: &PyRef) -> PyRef {
        match &**obj {
            Obj::Instance(inst) => inst.class(),
            Obj::Class(c) => match &c.metaclass {
                Some(meta) => meta.clone(),
                None => self.types.type_.clone(),
            },
            _ => self.builtin_type(obj).clone(),
        }
    }

    /// `type(obj)` for a value of a built-in type, borrowed from the VM's table of types
    /// (no count taken: the inline caches compare its address). An instance or a class
    /// (whose type may be a user class) gives `object`'s entry: callers rule them out.
    #[inline]
    pub fn builtin_type(&self, obj: &PyRef) -> &PyRef {
        let t = &self.types;
        match &**obj {
            Obj::Instance(_) | Obj::Class(_) => &t.object,
            Obj::None => &t.none_type,
            Obj::NotImplemented => &t.not_implemented_type,
            Obj::Ellipsis => &t.ellipsis_type,
            Obj::Null => &t.object,
            Obj::Bool(_) => &t.bool,
            Obj::Int(_) | Obj::BigInt(_) => &t.int,
            Obj::Float(_) => &t.float,
            Obj::Complex(_) => &t.complex,
            Obj::GetSetDescr(d) if crate::objects::is_slot_member(&d.1) => &t.member_descriptor,
            Obj::GetSetDescr(_) => &t.getset_descriptor,
            Obj::Code(_) => &t.code,
            Obj::ByteArray(_) => &t.bytearray,
            Obj::MemoryView(_) => &t.memoryview,
            Obj::Str(_) => &t.str,
            Obj::Bytes(_) => &t.bytes,
            Obj::Range(_) | Obj::BigRange(_) => &t.range,
            Obj::Slice(_) => &t.slice,
            Obj::Tuple(_) => &t.tuple,
            Obj::List(_) => &t.list,
            Obj::Dict(_) => &t.dict,
            Obj::Set(_, false) => &t.set,
            Obj::Set(_, true) => &t.frozenset,
            Obj::Function(_) => &t.function,
            Obj::Method(_) => &t.method,
            Obj::Builtin(_) | Obj::BoundBuiltin(_) => &t.builtin_function,
            Obj::Cell(_) => &t.cell,
            Obj::Frame(_) => &t.frame,
            Obj::Generator(g) => match g.kind {
                GenKind::Generator => &t.generator,
                GenKind::Coroutine => &t.coroutine,
                GenKind::AsyncGenerator => &t.async_generator,
            },
            Obj::Traceback(_) => &t.traceback,
            Obj::Iter(state) => match &*state.borrow() {
                IterState::View { .. } => &t.dict_view,
                IterState::Await(a) => match a.kind {
                    AwaitKind::CoroWrapper => &t.coroutine_wrapper,
                    AwaitKind::ASend => &t.async_generator_asend,
                    AwaitKind::AThrow | AwaitKind::AClose => &t.async_generator_athrow,
                },
                IterState::Enumerate { .. } => &t.enumerate,
                _ => &t.iterator,
            },
            Obj::Module(_) => &t.module,
            Obj::Property(_) => &t.property,
            Obj::StaticMethod(_) => &t.staticmethod,
            Obj::ClassMethod(_) => &t.classmethod,
            Obj::WeakRef(_) => &t.weakref,
            Obj::Super(_) => &t.super_,
        }
    }

    /// A class's `__name__`.
    pub fn class_name(&self, class: &PyRef) -> String {
        match &**class {
            Obj::Class(c) => c.name.to_string(),
            _ => "?".into(),
        }
    }

    /// The name of `type(obj)`.
    pub fn type_name(&self, obj: &PyRef) -> String {
        self.class_name(&self.type_of(obj))
    }

    /// Like [`Vm::class_lookup`] for an interned name: uses its cached hash and identity.
    pub fn class_lookup_name(&self, class: &PyRef, name: &PyRef) -> Option<PyRef> {
        if let Some(found) = self.type_cache.get(class, name) {
            return found;
        }
        let found = self.class_lookup_name_uncached(class, name);
        self.type_cache.put(class, name, found.as_ref());
        found
    }

    fn class_lookup_name_uncached(&self, class: &PyRef, name: &PyRef) -> Option<PyRef> {
        let Obj::Str(s) = &**name else { return None };
        let hash = s.hash();
        resolution_order(class).find_map(|cls| {
            let attrs = cls.attrs.borrow();
            let pos = attrs.find_by(hash, |k| {
                Gc::ptr_eq(k, name) || k.as_str() == Some(s.as_str())
            });
            pos.and_then(|p| attrs.entry(p)).map(|e| e.value.clone())
        })
    }

    /// Looks `name` up in `class` and its bases, in method resolution order (through the
    /// type attribute cache: special methods are looked up this way on every operator).
    pub fn class_lookup(&self, class: &PyRef, name: &str) -> Option<PyRef> {
        let hash = hash_text(name);
        if let Some(found) = self.type_cache.get_text(class, name, hash) {
            return found;
        }
        if !matches!(&**class, Obj::Class(_)) {
            return find_in(resolution_order(class), name, hash);
        }
        // Interned before the walk: making the str may collect, and finalizers may change
        // class dicts; nothing may run between the walk and storing what it found.
        let interned = self.intern(name);
        let found = find_in(resolution_order(class), name, hash);
        self.type_cache
            .put_text(class, &interned, hash, found.as_ref());
        found
    }

    /// Looks `name` up in `classes` (a part of a resolution order), first holder first.
    pub fn lookup_in(&self, classes: &[PyRef], name: &str) -> Option<PyRef> {
        find_in(class_objs(classes), name, hash_text(name))
    }

    /// Looks up a special method on `type(obj)`, only if user code defined it: on an
    /// instance's class, or on the metaclass of a class that has one (so that `len(C)`,
    /// `iter(C)`, `C == D`, `repr(C)`... use what the metaclass defines, as in CPython).
    pub fn user_method(&self, obj: &PyRef, name: &str) -> Option<PyRef> {
        let class = match &**obj {
            Obj::Instance(inst) => inst.class(),
            Obj::Class(c) => c.metaclass.clone()?,
            _ => return None,
        };
        self.class_lookup(&class, name).filter(|m| match &**m {
            Obj::Function(_) | Obj::StaticMethod(_) | Obj::ClassMethod(_) => true,
            Obj::Builtin(def) => def.role == crate::vm::builtin::Role::ForClass,
            _ => false,
        })
    }

    /// True for a class whose metaclass defines the special method `name`.
    pub fn meta_defines(&self, obj: &PyRef, name: &str) -> bool {
        matches!(&**obj, Obj::Class(_)) && self.user_method(obj, name).is_some()
    }

    /// Sets an attribute of a class.
    pub fn class_set_attr(&self, class: &PyRef, name: &PyRef, value: PyRef) {
        if let Obj::Class(cls) = &**class {
            let flag = crate::objects::ClassObj::flag_for(name.as_str().unwrap_or(""), &value);
            cls.flags.set(cls.flags.get() | flag);
            if flag & crate::objects::ClassObj::GETATTRIBUTE != 0 {
                self.late_getattribute.set(true);
            }
            // Before the old value can go (its drop may run code that looks attributes up).
            self.type_cache.invalidate();
            let _ = self.table_set_str(&cls.attrs, name, value);
        }
    }

    /// `getattr(obj, name)`.
    pub fn get_attr(&self, obj: &PyRef, name: &PyRef) -> PyResult {
        if let Some(hook) = self.getattribute_hook(obj) {
            return self.call_getattribute(obj, hook, name);
        }
        let key = name.as_str().unwrap_or("");
        if let Obj::Function(f) = &**obj {
            if let Some(found) = super::function_attr::attribute(self, f, key) {
                return found;
            }
            // attributes set on a function win, even over `__name__` and `__doc__`
            let dict = f.dict.borrow().clone();
            if let Some(found) = dict.and_then(|d| self.dict_get(&d, name).ok().flatten()) {
                return Ok(found);
            }
        }
        if let Some(found) = self.special_attr(obj, key)? {
            return Ok(found);
        }
        match &**obj {
            Obj::Instance(inst) => self.instance_getattr(obj, &inst.class(), name, key, true),
            Obj::Class(_) => self.class_getattr(obj, name, key),
            Obj::Cell(c) if key == "cell_contents" => {
                c.get().ok_or_else(|| self.value_error("Cell is empty"))
            }
            Obj::Module(m) => {
                let found = match &*m.1 {
                    Obj::Dict(t) => table_get_name(&t.borrow(), name),
                    _ => None,
                };
                match found {
                    Some(found) => Ok(found),
                    None => self.module_getattr_hook(m.0.as_str().unwrap_or("?"), &m.1, name),
                }
            }
            Obj::Super(pair) => self.super_getattr(&pair.0, &pair.1, key),
            // a bound method reads what its type lacks from its function (method_getattro)
            Obj::Method(m) if self.class_lookup(&self.types.method, key).is_none() => {
                self.get_attr(&m.0, name)
            }
            _ => {
                if let Some(found) = self
                    .frame_attr(obj, key)
                    .or_else(|| self.code_attr(obj, key))
                    .or_else(|| self.gen_attr(obj, key))
                    .or_else(|| self.traceback_attr(obj, key))
                    .or_else(|| self.property_attr(obj, key))
                {
                    return found;
                }
                let class = self.type_of(obj);
                match self.class_lookup(&class, key) {
                    Some(attr) => self.bind(attr, obj, &class),
                    None => self
                        .number_attr(obj, key)
                        .unwrap_or_else(|| Err(self.no_attribute(obj, key))),
                }
            }
        }
    }

    /// The `__getattribute__` user code defined for an instance's class, if any (the flag
    /// spares classes without one the lookup).
    fn getattribute_hook(&self, obj: &PyRef) -> Option<PyRef> {
        let Obj::Instance(inst) = &**obj else {
            return None;
        };
        // SAFETY: the class is only read for its flags.
        let flags = class_flags(&*unsafe { inst.class_ref() });
        let flagged = flags & crate::objects::ClassObj::GETATTRIBUTE != 0;
        if !flagged && !self.late_getattribute.get() {
            return None;
        }
        self.user_method(obj, "__getattribute__")
    }

    /// `obj.name` through a user `__getattribute__`; an AttributeError it raises falls back
    /// to `__getattr__` when the class has one (CPython's `slot_tp_getattr_hook`).
    fn call_getattribute(&self, obj: &PyRef, hook: PyRef, name: &PyRef) -> PyResult {
        let found = self.call(&hook, &[obj.clone(), name.clone()]);
        let err = match found {
            Err(err) if self.exc_matches(&err.0, Exc::AttributeError) => err,
            other => return other,
        };
        let Some(getattr) = self.user_method(obj, "__getattr__") else {
            return Err(err);
        };
        drop(err);
        self.call(&getattr, &[obj.clone(), name.clone()])
    }

    /// A property's own attributes (see [`crate::objects::property`]).
    fn property_attr(&self, obj: &PyRef, key: &str) -> Option<PyResult> {
        let Obj::Property(p) = &**obj else {
            return None;
        };
        property::property_attr(self, p, key)
    }

    /// A module attribute its namespace lacks: the module's own `__getattr__(name)` when it
    /// defines one (PEP 562), else CPython's AttributeError naming the module.
    fn module_getattr_hook(&self, module_name: &str, ns: &PyRef, name: &PyRef) -> PyResult {
        let hook = match &**ns {
            Obj::Dict(t) => table_get_name(&t.borrow(), &self.intern("__getattr__")),
            _ => None,
        };
        match hook {
            Some(hook) => self.call(&hook, std::slice::from_ref(name)),
            None => Err(self.new_exc(
                Exc::AttributeError,
                format!(
                    "module '{module_name}' has no attribute '{}'",
                    name.as_str().unwrap_or("?")
                ),
            )),
        }
    }

    pub(super) fn no_attribute(&self, obj: &PyRef, key: &str) -> super::PyErr {
        self.new_exc(
            Exc::AttributeError,
            format!("'{}' object has no attribute '{key}'", self.type_name(obj)),
        )
    }

    /// `object.__getattribute__(obj, name)`: the lookup without a class's `__getattr__`.
    pub fn generic_get_attr(&self, obj: &PyRef, name: &PyRef) -> PyResult {
        match &**obj {
            Obj::Instance(inst) => {
                let key = name.as_str().unwrap_or("");
                if let Some(found) = self.special_attr(obj, key)? {
                    return Ok(found);
                }
                self.instance_getattr(obj, &inst.class(), name, key, false)
            }
            _ => self.get_attr(obj, name),
        }
    }

    /// `getattr(obj, name, default)`'s lookup: None when `obj` has no such attribute, an
    /// AttributeError raised on the way swallowed (CPython's `_PyObject_LookupAttr`). An
    /// instance without `__getattribute__` is searched without making the error at all
    /// (pickle asks every object it saves for a `reducer_override` it rarely has).
    pub fn lookup_attr(&self, obj: &PyRef, name: &PyRef) -> PyResult<Option<PyRef>> {
        let found = match &**obj {
            Obj::Instance(inst) if self.getattribute_hook(obj).is_none() => {
                let key = name.as_str().unwrap_or("");
                match self.special_attr(obj, key) {
                    Ok(Some(found)) => return Ok(Some(found)),
                    Ok(None) => self.instance_find(obj, &inst.class(), name, key, true),
                    Err(e) => Err(e),
                }
            }
            _ => self.get_attr(obj, name).map(Some),
        };
        match found {
            Err(e) if self.exc_matches(&e.0, Exc::AttributeError) => Ok(None),
            other => other,
        }
    }

    fn instance_getattr(
        &self,
        obj: &PyRef,
        class: &PyRef,
        name: &PyRef,
        key: &str,
        getattr_hook: bool,
    ) -> PyResult {
        self.instance_find(obj, class, name, key, getattr_hook)?
            .ok_or_else(|| self.no_attribute(obj, key))
    }

    /// An instance's attribute `name` as `instance_getattr` finds it, None when it has none.
    fn instance_find(
        &self,
        obj: &PyRef,
        class: &PyRef,
        name: &PyRef,
        key: &str,
        getattr_hook: bool,
    ) -> PyResult<Option<PyRef>> {
        if class_flags(class) & crate::objects::ClassObj::PROPERTY == 0 {
            if let Some(v) = self.instance_lookup(obj, key, Some(name)) {
                return Ok(Some(v));
            }
        }
        let class_attr = self.class_lookup_name(class, name);
        if let Some(attr) = &class_attr {
            if let Some(p) = property::of(attr) {
                return property::access(self, p, obj, Accessor::Get, &[]).map(Some);
            }
            if let Some((get, true)) = self.descriptor_get(attr) {
                return self
                    .call(&get, &[attr.clone(), obj.clone(), class.clone()])
                    .map(Some);
            }
        }
        if let Some(v) = self.instance_lookup(obj, key, Some(name)) {
            return Ok(Some(v));
        }
        // an empty slot is no attribute (`__getattr__` is asked next)
        let class_attr = class_attr.filter(
            |a| !matches!(&**a, Obj::GetSetDescr(d) if crate::objects::is_slot_member(&d.1)),
        );
        match class_attr {
            Some(attr) => match self.descriptor_get(&attr) {
                Some((get, _)) => self
                    .call(&get, &[attr.clone(), obj.clone(), class.clone()])
                    .map(Some),
                None => self.bind(attr, obj, class).map(Some),
            },
            None => {
                if key == "value" && self.is_subclass(class, self.types.exc(Exc::StopIteration)) {
                    return Ok(Some(
                        self.exc_args(obj)
                            .into_iter()
                            .next()
                            .unwrap_or_else(|| self.none()),
                    ));
                }
                // an int or float subclass's instance: its value's `real`, `imag`, ...
                if let Some(found) = self
                    .base_value(obj)
                    .and_then(|value| self.number_attr(value, key))
                {
                    return found.map(Some);
                }
                if let Some(getattr) = self
                    .class_lookup(class, "__getattr__")
                    .filter(|_| getattr_hook)
                {
                    return self.call(&getattr, &[obj.clone(), name.clone()]).map(Some);
                }
                Ok(None)
            }
        }
    }

    /// The `__get__` of a descriptor stored in a class, and whether it is a data descriptor
    /// (one that also defines `__set__` or `__delete__`, and so wins over the instance's own
    /// attributes).
    fn descriptor_get(&self, attr: &PyRef) -> Option<(PyRef, bool)> {
        if !matches!(&**attr, Obj::Instance(_)) {
            return None;
        }
        let get = self.user_method(attr, "__get__")?;
        let is_data = self.user_method(attr, "__set__").is_some()
            || self.user_method(attr, "__delete__").is_some();
        Some((get, is_data))
    }

    fn class_getattr(&self, class: &PyRef, name: &PyRef, key: &str) -> PyResult {
        // by the name object: its identity and cached hash, not the text hashed again
        match self.class_lookup_name(class, name) {
            Some(attr) => {
                if let Some((get, _)) = self.descriptor_get(&attr) {
                    return self.call(&get, &[attr.clone(), self.none(), class.clone()]);
                }
                match &*attr {
                    Obj::ClassMethod(f) => {
                        self.alloc(Obj::Method(Box::new((f.clone(), class.clone()))))
                    }
                    Obj::StaticMethod(f) => Ok(f.clone()),
                    _ => Ok(attr),
                }
            }
            // then the metaclass's attributes (`type`'s `mro`, ...), bound to the class
            None => {
                let meta = self.type_of(class);
                match self.class_lookup(&meta, key) {
                    Some(attr) => self.bind(attr, class, &meta),
                    None => Err(self.new_exc(
                        Exc::AttributeError,
                        format!(
                            "type object '{}' has no attribute '{key}'",
                            self.class_name(class)
                        ),
                    )),
                }
            }
        }
    }

    /// `super(start, obj).key`: the classes after `start` in the resolution order of `obj`'s
    /// class (of `obj` itself when it is a class, as in a classmethod).
    fn super_getattr(&self, start: &PyRef, obj: &PyRef, key: &str) -> PyResult {
        let (attr, owner, _) = self.super_find(start, obj, key)?;
        self.bind(attr, obj, &owner)
    }

    /// What `super(start, obj).key` finds before binding: the attribute, the class whose
    /// resolution order was searched, and the place of `start` in that order (the class
    /// itself at 0).
    pub(super) fn super_find(
        &self,
        start: &PyRef,
        obj: &PyRef,
        key: &str,
    ) -> PyResult<(PyRef, PyRef, usize)> {
        // super(start, obj): obj's class's order, or obj's own when obj is a subclass of
        // start (a classmethod); a metaclass's method has a class as obj, not a subclass
        let owner = match &**obj {
            Obj::Class(_) if self.is_subclass(obj, start) => obj.clone(),
            _ => self.type_of(obj),
        };
        let order = crate::objects::mro::class_and_mro(&owner);
        let at = order.iter().position(|c| Gc::ptr_eq(c, start));
        let after = at.map_or(&[][..], |i| &order[i + 1..]);
        match (self.lookup_in(after, key), at) {
            (Some(attr), Some(at)) => Ok((attr, owner, at)),
            _ => Err(self.new_exc(
                Exc::AttributeError,
                format!("'super' object has no attribute '{key}'"),
            )),
        }
    }

    /// What a class's `__dict__`, `__weakref__` or slot attribute gives for `obj`.
    pub fn getset_value(&self, obj: &PyRef, name: &PyRef) -> PyResult {
        match name.as_str() {
            Some("__dict__" | "__class__") => self.get_attr(obj, name),
            // the first weak reference to obj (the plain one, if any), or None
            Some("__weakref__") => Ok(self
                .getweakrefs(obj)
                .into_iter()
                .next()
                .unwrap_or_else(|| self.none())),
            // a slot: its value, an empty one as CPython's member descriptor says it
            key => {
                let key = key.unwrap_or("");
                self.instance_lookup(obj, key, Some(name))
                    .ok_or_else(|| self.no_attribute(obj, key))
            }
        }
    }

    /// Binds a class attribute found for `obj`: functions become bound methods.
    pub fn bind(&self, attr: PyRef, obj: &PyRef, class: &PyRef) -> PyResult {
        match &*attr {
            Obj::Function(_) => self.alloc(Obj::Method(Box::new((attr.clone(), obj.clone())))),
            Obj::Builtin(def) => {
                let receiver = self.receiver_of(def, obj).clone();
                self.alloc(Obj::BoundBuiltin(Box::new((receiver, *def))))
            }
            Obj::ClassMethod(f) => self.alloc(Obj::Method(Box::new((f.clone(), class.clone())))),
            Obj::StaticMethod(f) => Ok(f.clone()),
            Obj::GetSetDescr(d) => self.getset_value(obj, &d.1),
            Obj::Property(p) => property::access(self, p, obj, Accessor::Get, &[]),
            _ => Ok(attr),
        }
    }

    /// The built-in value an instance of a subclass of a built-in type extends.
    pub fn base_value<'a>(&self, obj: &'a PyRef) -> Option<&'a PyRef> {
        match &**obj {
            Obj::Instance(inst) => inst.base_value(),
            _ => None,
        }
    }

    /// What the built-in method `def` acts on when looked up on `obj`: `obj` itself for a
    /// method of `object` (such as `__reduce_ex__`, which needs the instance and its class),
    /// else [`Vm::builtin_receiver`].
    pub fn receiver_of<'a>(
        &self,
        def: &crate::vm::builtin::BuiltinFn,
        obj: &'a PyRef,
    ) -> &'a PyRef {
        if def.role == crate::vm::builtin::Role::ObjectMethod {
            obj
        } else {
            self.builtin_receiver(obj)
        }
    }

    /// What a built-in method found on `obj`'s class acts on: the built-in value of an
    /// instance of a subclass of a built-in type, else `obj` itself.
    pub fn builtin_receiver<'a>(&self, obj: &'a PyRef) -> &'a PyRef {
        self.base_value(obj).unwrap_or(obj)
    }

    /// For `LOAD_METHOD`: (callable, Some(self)) when the attribute is a plain method, else
    /// (attribute, None), without allocating a bound method.
    pub fn load_method(&self, obj: &PyRef, name: &PyRef) -> PyResult<(PyRef, Option<PyRef>)> {
        let key = name.as_str().unwrap_or("");
        let class = match &**obj {
            Obj::Instance(_) if self.getattribute_hook(obj).is_some() => {
                return Ok((self.get_attr(obj, name)?, None))
            }
            Obj::Instance(inst) => {
                if let Some(v) = self.instance_lookup(obj, key, Some(name)) {
                    return Ok((v, None));
                }
                inst.class()
            }
            Obj::Class(_) | Obj::Module(_) | Obj::Super(_) => {
                return Ok((self.get_attr(obj, name)?, None))
            }
            _ => self.type_of(obj),
        };
        let _ = key;
        match self.class_lookup_name(&class, name) {
            Some(attr) if matches!(&*attr, Obj::Function(_)) => Ok((attr, Some(obj.clone()))),
            Some(attr) if matches!(&*attr, Obj::Builtin(_)) => {
                let receiver = match &*attr {
                    Obj::Builtin(def) => self.receiver_of(def, obj).clone(),
                    _ => obj.clone(),
                };
                Ok((attr, Some(receiver)))
            }
            _ => Ok((self.get_attr(obj, name)?, None)),
        }
    }

    /// Attributes every object (or a family) has, computed rather than stored. A name added
    /// here goes into [`may_be_special`] too.
    fn special_attr(&self, obj: &PyRef, key: &str) -> PyResult<Option<PyRef>> {
        if !may_be_special(key) {
            return Ok(None);
        }
        Ok(Some(match (key, &**obj) {
            ("__class__", _) => self.type_of(obj),
            ("__name__" | "__qualname__" | "__module__", Obj::Class(c))
                if c.kind == crate::objects::class::TypeKind::Builtin && c.name.contains('.') =>
            {
                // a built-in type of a module, such as weakref.ReferenceType
                let (module, name) = c.name.rsplit_once('.').unwrap_or(("builtins", &c.name));
                self.str(if key == "__module__" { module } else { name })?
            }
            ("__name__", Obj::Class(c)) => self.str(&*c.name)?,
            // a class's own, else its name (type(name, bases, ns) sets none): never a base's
            ("__qualname__", Obj::Class(c))
                if table_get_str(&c.attrs.borrow(), "__qualname__").is_none() =>
            {
                self.str(&*c.name)?
            }
            ("__name__", Obj::Function(f)) => self.str(&*f.defined_code().name)?,
            ("__qualname__", Obj::Function(f)) => self.str(&*f.defined_code().qualname)?,
            // CPython copies it from the globals when the function is made; they rarely change
            ("__module__", Obj::Function(f)) => self
                .dict_get(&f.globals, &self.intern("__name__"))?
                .unwrap_or_else(|| self.none()),
            ("__globals__", Obj::Function(f)) => f.globals.clone(),
            // the type flags that Python code tests: HEAPTYPE (classes made by a class
            // statement or type()) and BASETYPE (1 << 9, 1 << 10 as in CPython)
            ("__flags__", Obj::Class(c)) => {
                let heap = c.kind != crate::objects::class::TypeKind::Builtin;
                self.new_int(if heap { (1 << 9) | (1 << 10) } else { 1 << 10 })?
            }
            ("__name__", Obj::Builtin(b)) => self.str(b.name)?,
            ("__qualname__", Obj::Builtin(b)) => self.str(b.name)?,
            ("__name__" | "__qualname__", Obj::BoundBuiltin(b)) => self.str(b.1.name)?,
            ("__self__", Obj::BoundBuiltin(b)) => b.0.clone(),
            // the built-in functions know their module only when it is builtins
            ("__module__", Obj::Builtin(b)) if b.in_builtins() => self.intern("builtins"),
            ("__module__", Obj::Builtin(_) | Obj::BoundBuiltin(_)) => self.none(),
            ("__name__", Obj::Module(m)) => m.0.clone(),
            ("__func__", Obj::Method(m)) => m.0.clone(),
            ("__callback__", _) if crate::vm::weakref::weakref_payload(obj).is_some() => {
                let w = crate::vm::weakref::weakref_payload(obj).expect("checked above");
                let callback = w.callback.borrow().clone();
                callback.unwrap_or_else(|| self.none())
            }
            ("__module__" | "__qualname__", Obj::Class(c))
                if matches!(c.kind, crate::objects::class::TypeKind::Builtin)
                    || self.is_builtin_class(obj) =>
            {
                match key {
                    "__module__" => self.intern("builtins"),
                    _ => self.str(&*c.name)?,
                }
            }
            ("__func__", Obj::StaticMethod(f) | Obj::ClassMethod(f)) => f.clone(),
            ("__self__", Obj::Method(m)) => m.1.clone(),
            ("__base__", Obj::Class(c)) => c.base().cloned().unwrap_or_else(|| self.none()),
            ("__bases__", Obj::Class(c)) => self.new_tuple(c.bases.to_vec())?,
            ("__mro__", Obj::Class(_)) => self.new_tuple(self.mro(obj))?,
            ("__dict__", Obj::Instance(inst)) if !self.has_slots(&inst.class()) => {
                self.instance_dict(obj)?
            }
            ("__dict__", Obj::Module(m)) => m.1.clone(),
            ("__doc__", Obj::Function(f)) => match &f.defined_code().doc {
                Some(doc) => self.str(&**doc)?,
                None => self.none(),
            },
            ("__doc__", Obj::Method(m)) => self.get_attr(&m.0, &self.intern("__doc__"))?,
            ("__doc__", Obj::Class(_)) => self
                .class_lookup(obj, "__doc__")
                .unwrap_or_else(|| self.none()),
            // an instance's own `__doc__` (a property subclass's instance has one) wins
            ("__doc__", Obj::Instance(inst)) if self.instance_lookup(obj, key, None).is_none() => {
                self.class_lookup(&inst.class(), "__doc__")
                    .unwrap_or_else(|| self.none())
            }
            ("__doc__", _)
                if !matches!(&**obj, Obj::Module(_) | Obj::Property(_) | Obj::Instance(_)) =>
            {
                self.none()
            }
            ("__closure__", Obj::Function(f)) => f.closure.clone().unwrap_or_else(|| self.none()),
            ("__dict__", Obj::Class(c)) => {
                let d = self.dict()?;
                let entries: Vec<(PyRef, PyRef)> = c
                    .attrs
                    .borrow()
                    .iter()
                    .map(|e| (e.key.clone(), e.value.clone()))
                    .collect();
                for (k, v) in entries {
                    self.dict_set(&d, k, v)?;
                }
                d
            }
            ("__traceback__", Obj::Instance(_)) => {
                self.instance_get(obj, key).unwrap_or_else(|| self.none())
            }
            ("__context__" | "__cause__", Obj::Instance(_)) => {
                self.instance_get(obj, key).unwrap_or_else(|| self.none())
            }
            _ => return Ok(None),
        }))
    }

    /// True when the class (or a base below `object`) declares `__slots__` all the way up,
    /// none of them `__dict__` (whose instances keep every attribute, slots too, in one).
    pub fn has_slots(&self, class: &PyRef) -> bool {
        self.mro(class).iter().all(|c| match &**c {
            Obj::Class(cls) => {
                cls.slots
                    .as_ref()
                    .is_some_and(|s| !s.iter().any(|n| n.as_str() == Some("__dict__")))
                    || cls.bases.is_empty()
                    || cls.kind == crate::objects::class::TypeKind::Builtin
            }
            _ => true,
        })
    }

    /// The class and its bases, nearest first.
    pub fn mro(&self, class: &PyRef) -> Vec<PyRef> {
        crate::objects::mro::class_and_mro(class)
    }

    /// `setattr(obj, name, value)`.
    pub fn set_attr(&self, obj: &PyRef, name: &PyRef, value: PyRef) -> PyResult<()> {
        let key = name.as_str().unwrap_or("");
        match &**obj {
            Obj::Instance(inst) => {
                let class = inst.class();
                let flags = class_flags(&class);
                if flags & crate::objects::ClassObj::PROPERTY != 0 {
                    if let Some(attr) = self.class_lookup_name(&class, name) {
                        if let Some(set) = self.user_method(&attr, "__set__") {
                            return self.call(&set, &[attr, obj.clone(), value]).map(drop);
                        }
                        if let Some(p) = property::of(&attr) {
                            return property::access(self, p, obj, Accessor::Set, &[value])
                                .map(drop);
                        }
                    }
                }
                if flags & crate::objects::ClassObj::SETATTR != 0 {
                    if let Some(setattr) = self.user_method(obj, "__setattr__") {
                        return self
                            .call(&setattr, &[obj.clone(), name.clone(), value])
                            .map(drop);
                    }
                }
                if key == "__class__" {
                    return self.assign_class(obj, value);
                }
                if key == "__dict__" && inst.shape().dict {
                    return self.assign_dict(obj, value);
                }
                if flags & crate::objects::ClassObj::SLOTS != 0
                    || Gc::ptr_eq(&class, &self.types.object)
                {
                    self.check_slots(obj, &class, key)?;
                }
                self.instance_set(obj, name, value)?;
                Ok(())
            }
            Obj::Class(_) => match self.user_method(obj, "__setattr__") {
                // a metaclass's __setattr__ decides (object.__setattr__ ends it)
                Some(setattr) => self
                    .call(&setattr, &[obj.clone(), name.clone(), value])
                    .map(drop),
                None => {
                    self.class_set_attr(obj, name, value);
                    Ok(())
                }
            },
            Obj::Module(m) => self.dict_set(&m.1, name.clone(), value),
            Obj::Function(f)
                if super::function_attr::set_attribute(self, f, key, Some(value.clone()))? =>
            {
                Ok(())
            }
            Obj::Function(f) => {
                let dict = super::function_attr::own_dict(self, f)?;
                self.dict_set(&dict, name.clone(), value)
            }
            Obj::Property(p) if property::set_property_attr(p, key, Some(value.clone())) => Ok(()),
            _ if key == "__class__" => self.assign_class(obj, value),
            _ => Err(self.no_attribute(obj, key)),
        }
    }

    /// `object.__setattr__`: stores without consulting user `__setattr__`.
    pub fn generic_set_attr(&self, obj: &PyRef, name: &PyRef, value: PyRef) -> PyResult<()> {
        match &**obj {
            Obj::Instance(_) if name.as_str() == Some("__class__") => self.assign_class(obj, value),
            Obj::Instance(inst) => {
                self.check_slots(obj, &inst.class(), name.as_str().unwrap_or(""))?;
                self.instance_set(obj, name, value)?;
                Ok(())
            }
            Obj::Class(_) => {
                self.class_set_attr(obj, name, value);
                Ok(())
            }
            _ => self.set_attr(obj, name, value),
        }
    }

    fn check_slots(&self, obj: &PyRef, class: &PyRef, key: &str) -> PyResult<()> {
        let mut restricted = false;
        for cls in resolution_order(class) {
            match &cls.slots {
                Some(slots) => {
                    restricted = true;
                    // `__dict__` among the slots lets any name through
                    if slots
                        .iter()
                        .any(|s| s.as_str() == Some(key) || s.as_str() == Some("__dict__"))
                    {
                        return Ok(());
                    }
                }
                // a user class without `__slots__` gives instances a `__dict__` (`object` and
                // the built-in types do not)
                None if cls.kind == crate::objects::class::TypeKind::Object
                    && !cls.bases.is_empty() =>
                {
                    return Ok(())
                }
                None => {}
            }
        }
        // an instance of `object` itself has no `__dict__` either
        if restricted || Gc::ptr_eq(class, &self.types.object) {
            return Err(self.no_dict_error(obj, key));
        }
        Ok(())
    }

    /// `delattr(obj, name)`.
    pub fn del_attr(&self, obj: &PyRef, name: &PyRef) -> PyResult<()> {
        if let Obj::Instance(_) = &**obj {
            if let Some(delattr) = self.user_method(obj, "__delattr__") {
                return self.call(&delattr, &[obj.clone(), name.clone()]).map(drop);
            }
        }
        self.generic_del_attr(obj, name)
    }

    /// `del obj.name` where `name` is a property of the instance's class: its deleter runs
    /// (a property is a data descriptor: it comes before the instance's own attributes).
    /// None when `name` is no property there.
    fn property_delete(&self, obj: &PyRef, name: &PyRef) -> PyResult<Option<()>> {
        let Obj::Instance(inst) = &**obj else {
            return Ok(None);
        };
        let class = inst.class();
        if class_flags(&class) & ClassObj::PROPERTY == 0 {
            return Ok(None);
        }
        let Some(attr) = self.class_lookup_name(&class, name) else {
            return Ok(None);
        };
        match property::of(&attr) {
            Some(p) => property::access(self, p, obj, Accessor::Delete, &[]).map(|_| Some(())),
            None => Ok(None),
        }
    }

    /// `object.__delattr__`: removes without consulting a user `__delattr__`.
    pub fn generic_del_attr(&self, obj: &PyRef, name: &PyRef) -> PyResult<()> {
        let key = name.as_str().unwrap_or("");
        if let Some(deleted) = self.property_delete(obj, name)? {
            return Ok(deleted);
        }
        let removed = match &**obj {
            Obj::Instance(_) => self.instance_del(obj, key)?,
            Obj::Property(p) => property::set_property_attr(p, key, None),
            Obj::Class(c) => {
                self.type_cache.invalidate();
                self.table_del_str(&c.attrs, key)
            }
            Obj::Module(m) => match &*m.1 {
                Obj::Dict(t) => self.table_del_str(t, key),
                _ => false,
            },
            Obj::Function(f) => {
                if super::function_attr::set_attribute(self, f, key, None)? {
                    return Ok(());
                }
                let dict = f.dict.borrow().clone();
                let removed = match dict {
                    Some(d) => self.dict_remove(&d, name)?.is_some(),
                    None => false,
                };
                if !removed && key == "__doc__" {
                    // `del f.__doc__` leaves None, as CPython's member does
                    return super::function_attr::set_doc_none(self, f);
                }
                removed
            }
            _ => false,
        };
        if removed {
            return Ok(());
        }
        if let Obj::Instance(inst) = &**obj {
            let class = inst.class();
            if self.is_slot_of(&class, key, Some(name)) {
                // an empty slot's member descriptor names only the slot (CPython 3.11)
                return Err(self.new_exc(super::Exc::AttributeError, key));
            }
            if !inst.shape().dict {
                return Err(self.no_dict_error(obj, key));
            }
        }
        if let Obj::Class(c) = &**obj {
            return Err(self.new_exc(
                super::Exc::AttributeError,
                format!("type object '{}' has no attribute '{key}'", c.name),
            ));
        }
        Err(self.no_attribute(obj, key))
    }

    /// Setting or deleting `name` on an instance without a `__dict__`: its class's
    /// attribute of that name is read-only there (CPython's `PyObject_GenericSetAttr`).
    pub(super) fn no_dict_error(&self, obj: &PyRef, key: &str) -> super::PyErr {
        if self.class_lookup(&self.type_of(obj), key).is_some() {
            return self.new_exc(
                Exc::AttributeError,
                format!(
                    "'{}' object attribute '{key}' is read-only",
                    self.type_name(obj)
                ),
            );
        }
        self.no_attribute(obj, key)
    }
}

/// The classes `class` searches for an attribute: itself, then its resolution order.
fn resolution_order(class: &PyRef) -> impl Iterator<Item = &crate::objects::ClassObj> {
    let (own, rest) = match &**class {
        Obj::Class(cls) => (Some(&**cls), &cls.mro[..]),
        _ => (None, &[][..]),
    };
    own.into_iter().chain(class_objs(rest))
}

/// The class objects among `classes`.
fn class_objs(classes: &[PyRef]) -> impl Iterator<Item = &crate::objects::ClassObj> {
    classes.iter().filter_map(|c| match &**c {
        Obj::Class(cls) => Some(&**cls),
        _ => None,
    })
}

/// `name`, whose hash is `hash`, in the first of `classes` that holds it.
fn find_in<'a>(
    mut classes: impl Iterator<Item = &'a crate::objects::ClassObj>,
    name: &str,
    hash: i64,
) -> Option<PyRef> {
    classes.find_map(|cls| {
        let attrs = cls.attrs.borrow();
        let pos = attrs.find_by(hash, |k| k.as_str() == Some(name))?;
        attrs.entry(pos).map(|e| e.value.clone())
    })
}

impl Vm {
    /// `real`, `imag`, `numerator` and `denominator` of ints and floats.
    fn number_attr(&self, obj: &PyRef, key: &str) -> Option<PyResult> {
        let vm = self;
        let value = vm.builtin_receiver(obj);
        let is_int = matches!(&**value, Obj::Int(_) | Obj::BigInt(_) | Obj::Bool(_));
        let is_float = matches!(&**value, Obj::Float(_));
        if let Obj::Complex(c) = &**value {
            return match key {
                "real" => Some(Ok(vm.float(c[0]))),
                "imag" => Some(Ok(vm.float(c[1]))),
                _ => None,
            };
        }
        match key {
            "real" if is_float => Some(Ok(value.clone())),
            "real" | "numerator" if is_int => Some(match &**value {
                Obj::Bool(b) => vm.new_int(i64::from(*b)),
                _ => Ok(value.clone()),
            }),
            "imag" if is_int => Some(vm.new_int(0)),
            "imag" if is_float => Some(Ok(vm.float(0.0))),
            "denominator" if is_int => Some(vm.new_int(1)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::may_be_special;

    /// The names `special_attr` computes.
    const SPECIAL_NAMES: [&str; 18] = [
        "__base__",
        "__bases__",
        "__callback__",
        "__cause__",
        "__class__",
        "__closure__",
        "__context__",
        "__dict__",
        "__doc__",
        "__flags__",
        "__func__",
        "__globals__",
        "__module__",
        "__mro__",
        "__name__",
        "__qualname__",
        "__self__",
        "__traceback__",
    ];

    /// Every name `special_attr`'s match tests (read from its source) is in `SPECIAL_NAMES`
    /// and passes the filter; the common dunder names that are not computed do not.
    #[test]
    fn special_names_filter() {
        let source = include_str!("attr.rs");
        let start = source.find("fn special_attr(").expect("special_attr");
        let body = &source[start..];
        let body = &body[..body.find("\n    }\n").expect("end of special_attr")];
        let mut seen = 0;
        for literal in body.split('"').skip(1).step_by(2) {
            if literal.starts_with("__") && literal.ends_with("__") && literal.len() > 4 {
                assert!(
                    SPECIAL_NAMES.contains(&literal),
                    "{literal} not in SPECIAL_NAMES"
                );
                seen += 1;
            }
        }
        assert!(seen >= SPECIAL_NAMES.len());
        for name in SPECIAL_NAMES {
            assert!(may_be_special(name), "{name}");
        }
        for name in [
            "__repr__", "__init__", "__eq__", "__hash__", "__str__", "__x", "name",
        ] {
            assert!(!may_be_special(name), "{name}");
        }
    }
}
