//! Where an instance keeps its attributes: inline values named by its class's shared keys
//! (CPython 3.11's key-sharing dictionaries, PEP 412), its slots at fixed places among them,
//! the values past them and the materialised `__dict__` in its extra box (the layout is
//! [`crate::objects::instance`]'s); and what changes that layout: `__dict__` and
//! `__class__` assignment.

use super::attr::{class_flags, table_get_name, table_get_str};
use super::{Exc, PyResult, Vm};
use crate::objects::{ClassObj, InstanceData, Obj, PyRef, Shape};
use crate::rt::Gc;

/// The shared keys of an instance's class.
pub(super) fn class_keys(class: &PyRef) -> Option<&std::cell::RefCell<Vec<PyRef>>> {
    match &**class {
        Obj::Class(cls) => Some(&cls.keys),
        _ => None,
    }
}

/// Where `name` is among a class's shared keys: by identity first (interned names), then by
/// text.
pub(crate) fn key_index(keys: &[PyRef], name: &str, name_ref: Option<&PyRef>) -> Option<usize> {
    name_ref
        .and_then(|n| keys.iter().position(|k| Gc::ptr_eq(k, n)))
        .or_else(|| keys.iter().position(|k| k.as_str() == Some(name)))
}

/// Where `name` is among a class's slots (the first [`ClassObj::slot_keys`] shared keys),
/// whose values an instance keeps inline even once it has a `__dict__`.
fn slot_index(class: &PyRef, name: &str, name_ref: Option<&PyRef>) -> Option<usize> {
    let Obj::Class(cls) = &**class else {
        return None;
    };
    if cls.slot_keys.get() == 0 {
        return None;
    }
    key_index(&cls.slots(), name, name_ref)
}

/// Stores `value` as the instance's value for `name` if the class's shared keys have or
/// can learn the name (up to [`ClassObj::MAX_SHARED_KEYS`], as CPython's shared keys grow);
/// gives the old value, or `value` back when it must go to a dict.
fn store_inline(inst: &InstanceData, name: &PyRef, value: PyRef) -> Result<Option<PyRef>, PyRef> {
    let class = inst.class();
    let Some(keys) = class_keys(&class) else {
        return Err(value);
    };
    let text = name.as_str().unwrap_or("");
    let fixed = !inst.shape().dict;
    let index = {
        let mut keys = keys.borrow_mut();
        match key_index(&keys, text, Some(name)) {
            Some(i) => i,
            None if !fixed && keys.len() < ClassObj::MAX_SHARED_KEYS && name.as_str().is_some() => {
                keys.push(name.clone());
                keys.len() - 1
            }
            None => return Err(value),
        }
    };
    store_at(inst, index, value)
}

/// Stores `value` as the instance's value for shared key `index` (one the class has);
/// gives the old value, or `value` back when an instance without a `__dict__` has no place
/// for it.
pub(super) fn store_at(
    inst: &InstanceData,
    index: usize,
    value: PyRef,
) -> Result<Option<PyRef>, PyRef> {
    // a value replaced (`self.x = x + 1`, the usual store) keeps the order the values were
    // set in: only a new one may need `set_value`'s bookkeeping of that order
    if !inst.shape().dict || inst.has_value(index) {
        return inst
            .replace_value(index, Some(value))
            .map_err(|back| back.expect("the value given back"));
    }
    Ok(inst.set_value(index, value))
}

/// CPython's refusal to change the class of an instance of a built-in type (or to one).
const IMMUTABLE_CLASS_ASSIGNMENT: &str =
    "__class__ assignment only supported for mutable types or ModuleType subclasses";

impl Vm {
    /// Whether `name` is one of `class`'s slots (its own or a base's).
    pub(super) fn is_slot_of(&self, class: &PyRef, name: &str, name_ref: Option<&PyRef>) -> bool {
        slot_index(class, name, name_ref).is_some()
    }

    /// Reads an attribute stored in the instance (`name_ref` speeds up interned names).
    pub(super) fn instance_lookup(
        &self,
        obj: &PyRef,
        name: &str,
        name_ref: Option<&PyRef>,
    ) -> Option<PyRef> {
        let Obj::Instance(inst) = &**obj else {
            return None;
        };
        if let Some(d) = inst.dict() {
            // SAFETY: the class is only read while its slots are searched (no Python code runs).
            if let Some(index) = slot_index(unsafe { &inst.class_ref() }, name, name_ref) {
                return inst.value(index);
            }
            return match (&*d, name_ref) {
                (Obj::Dict(t), Some(name_ref)) => table_get_name(&t.borrow(), name_ref),
                (Obj::Dict(t), None) => table_get_str(&t.borrow(), name),
                _ => None,
            };
        }
        // SAFETY: the class is only read while the keys are searched (no Python code runs).
        let class = unsafe { inst.class_ref() };
        let index = key_index(&class_keys(&class)?.borrow(), name, name_ref)?;
        inst.value(index)
    }

    /// Reads an instance attribute stored in the instance.
    pub fn instance_get(&self, obj: &PyRef, name: &str) -> Option<PyRef> {
        self.instance_lookup(obj, name, None)
    }

    /// [`Vm::instance_get`] for an interned name (found by identity among the class's keys).
    pub fn instance_get_name(&self, obj: &PyRef, name: &PyRef) -> Option<PyRef> {
        self.instance_lookup(obj, name.as_str()?, Some(name))
    }

    /// [`Vm::instance_get_name`] of several interned names at once: the class's shared keys
    /// are borrowed once for all of them (a native method reading a context's five fields).
    pub fn instance_get_names<const N: usize>(
        &self,
        obj: &PyRef,
        names: [&PyRef; N],
    ) -> [Option<PyRef>; N] {
        let Obj::Instance(inst) = &**obj else {
            return [const { None }; N];
        };
        if inst.dict().is_some() {
            return names.map(|name| self.instance_get_name(obj, name));
        }
        // SAFETY: the class is only read while the keys are searched (no Python code runs).
        let class = unsafe { inst.class_ref() };
        let Some(keys) = class_keys(&class) else {
            return [const { None }; N];
        };
        let keys = keys.borrow();
        names.map(|name| {
            let index = key_index(&keys, name.as_str()?, Some(name))?;
            inst.value(index)
        })
    }

    /// Stores an instance attribute: in its inline value when the class's shared keys allow
    /// it (see [`crate::objects::instance`]), else in the instance's `__dict__`, made then.
    pub fn instance_set(&self, obj: &PyRef, name: &PyRef, value: PyRef) -> PyResult<()> {
        let Obj::Instance(inst) = &**obj else {
            return Ok(());
        };
        if let Some(d) = inst.dict() {
            let Some(index) = slot_index(&inst.class(), name.as_str().unwrap_or(""), Some(name))
            else {
                return self.dict_set(&d, name.clone(), value);
            };
            drop(store_at(inst, index, value));
            return Ok(());
        }
        let value = match store_inline(inst, name, value) {
            Ok(old) => {
                drop(old);
                return Ok(());
            }
            Err(value) => value,
        };
        if !inst.shape().dict {
            // `check_slots` lets only slot names through, and every slot has a value.
            return Err(self.no_dict_error(obj, name.as_str().unwrap_or("")));
        }
        let d = self.instance_dict(obj)?;
        self.dict_set(&d, name.clone(), value)
    }

    /// Removes an instance attribute; false if absent.
    pub fn instance_del(&self, obj: &PyRef, name: &str) -> PyResult<bool> {
        let Obj::Instance(inst) = &**obj else {
            return Ok(false);
        };
        if !inst.shape().dict {
            let class = inst.class();
            let Some(keys) = class_keys(&class) else {
                return Ok(false);
            };
            let index = key_index(&keys.borrow(), name, None);
            let old = index.and_then(|i| inst.replace_value(i, None).ok().flatten());
            return Ok(old.is_some());
        }
        if let Some(d) = inst.dict() {
            if let Some(index) = slot_index(&inst.class(), name, None) {
                return Ok(inst.remove_value(index).is_some());
            }
            return Ok(self.table_of(&d).is_ok_and(|t| self.table_del_str(t, name)));
        }
        let class = inst.class();
        let index = class_keys(&class).and_then(|keys| key_index(&keys.borrow(), name, None));
        Ok(index.and_then(|i| inst.remove_value(i)).is_some())
    }

    /// `obj.__dict__` for an instance: moves the inline values into a real dict, in key
    /// order (which is the order they were set in), and keeps it from then on. Slot values
    /// stay inline: the dict never holds them.
    pub fn instance_dict(&self, obj: &PyRef) -> PyResult {
        let Obj::Instance(inst) = &**obj else {
            return self.dict();
        };
        if let Some(d) = inst.dict() {
            return Ok(d);
        }
        let d = self.dict()?;
        if !inst.shape().dict {
            return Ok(d);
        }
        let class = inst.class();
        let keys: Vec<PyRef> = class_keys(&class).map_or_else(Vec::new, |k| k.borrow().clone());
        let slots = match &*class {
            Obj::Class(cls) => cls.slot_keys.get() as usize,
            _ => 0,
        };
        for index in inst.set_order().into_iter().filter(|&i| i >= slots) {
            if let (Some(key), Ok(Some(value))) = (keys.get(index), inst.replace_value(index, None))
            {
                self.dict_set(&d, key.clone(), value)?;
            }
        }
        drop(inst.set_dict(d.clone()));
        Ok(d)
    }

    /// The shape of a new instance of `class`: a value per shared key known now, a dict
    /// slot unless `__slots__` rule it out, a base slot for subclasses of built-in types.
    pub fn instance_shape(&self, class: &PyRef) -> Shape {
        let Obj::Class(cls) = &**class else {
            return Shape {
                values: 0,
                dict: true,
                base: false,
            };
        };
        // a plain `object()` (a sentinel) takes no attributes: no values, no dict
        if Gc::ptr_eq(class, &self.types.object) {
            return Shape {
                values: 0,
                dict: false,
                base: false,
            };
        }
        let flags = cls.flags.get();
        let keys = cls.keys.borrow().len();
        let dict = flags & ClassObj::NO_DICT == 0;
        let growing = cls.keys_at_last_instance.replace(keys as u32) != keys as u32;
        let spare = if dict && growing {
            ClassObj::SPARE_VALUES
        } else {
            0
        };
        Shape {
            values: keys + spare,
            dict,
            base: flags & ClassObj::EXTENDS_BUILTIN != 0,
        }
    }

    /// A new instance of `class` with no attributes (extending `base_value` for a subclass
    /// of a built-in type), raising MemoryError past the `--max-heap` budget.
    pub fn new_instance(&self, class: &PyRef, base_value: Option<PyRef>) -> PyResult {
        self.check_budget()?;
        let mut shape = self.instance_shape(class);
        shape.base = base_value.is_some();
        self.finish_alloc(InstanceData::alloc(
            &self.heap,
            class.clone(),
            shape,
            base_value,
        ))
    }

    /// `obj.__dict__ = value` for an instance with a `__dict__` (CPython's
    /// `PyObject_GenericSetDict`): `value`, a dict, holds the instance's attributes from
    /// now on; the values it had leave with its old dict. The attribute caches check for a
    /// `__dict__` on every use, so their entries for the instance's values no longer hold.
    pub(super) fn assign_dict(&self, obj: &PyRef, value: PyRef) -> PyResult<()> {
        let Obj::Instance(inst) = &**obj else {
            return Err(self.no_attribute(obj, "__dict__"));
        };
        if !matches!(&*value, Obj::Dict(_)) {
            return Err(self.type_error(format!(
                "__dict__ must be set to a dictionary, not a '{}'",
                self.type_name(&value)
            )));
        }
        let old = self.instance_dict(obj)?;
        let replaced = inst.set_dict(value);
        drop((old, replaced));
        Ok(())
    }

    /// `obj.__class__ = value` (CPython's `object_set_class`): only between user classes
    /// that lay their instances out alike. A `__dict__`-capable instance's values move into
    /// its `__dict__` first, since the inline ones are indexed by the old class's keys (all
    /// but the slots', at the same places in both).
    pub(super) fn assign_class(&self, obj: &PyRef, value: PyRef) -> PyResult<()> {
        let Obj::Class(new) = &*value else {
            return Err(self.type_error(format!(
                "__class__ must be set to a class, not '{}' object",
                self.type_name(&value)
            )));
        };
        let old = self.type_of(obj);
        let user_class = |c: &PyRef| {
            !Gc::ptr_eq(c, &self.types.object)
                && matches!(&**c, Obj::Class(c) if c.kind == crate::objects::class::TypeKind::Object)
        };
        let (Obj::Instance(inst), Obj::Class(old_cls)) = (&**obj, &*old) else {
            return Err(self.type_error(IMMUTABLE_CLASS_ASSIGNMENT));
        };
        if !user_class(&value) || !user_class(&old) {
            return Err(self.type_error(IMMUTABLE_CLASS_ASSIGNMENT));
        }
        if !self.same_layout(&old, &value) {
            return Err(self.type_error(format!(
                "__class__ assignment: '{}' object layout differs from '{}'",
                new.name, old_cls.name
            )));
        }
        if inst.shape().dict {
            self.instance_dict(obj)?;
        }
        match inst.set_class(value.clone()) {
            Ok(old) => drop(old),
            // A class whose address the instance's packed head cannot hold (not on x86-64
            // nor aarch64): the instance cannot change its layout.
            Err(_) => {
                return Err(self.type_error(format!(
                    "__class__ assignment: '{}' object layout differs from '{}'",
                    new.name, old_cls.name
                )))
            }
        }
        Ok(())
    }

    /// Whether instances of user classes `a` and `b` have the same layout (CPython's
    /// `compatible_for_assignment`): the same nearest built-in base, both with a `__dict__`
    /// or both without, and the same slots.
    fn same_layout(&self, a: &PyRef, b: &PyRef) -> bool {
        // exceptions all share `BaseException`'s layout here (their arguments in `args`)
        let builtin = |c: &PyRef| {
            Gc::ptr_eq(c, &self.types.object)
                || Gc::ptr_eq(c, self.types.exc(Exc::BaseException))
                || matches!(&**c, Obj::Class(c) if c.kind != crate::objects::class::TypeKind::Object)
        };
        let builtin_base = |class: &PyRef| {
            crate::objects::mro::class_and_mro(class)
                .into_iter()
                .find(builtin)
        };
        let same_base = match (builtin_base(a), builtin_base(b)) {
            (Some(x), Some(y)) => Gc::ptr_eq(&x, &y),
            _ => false,
        };
        let (fa, fb) = (class_flags(a), class_flags(b));
        let layout = ClassObj::SLOTS | ClassObj::NO_DICT;
        if !same_base || fa & layout != fb & layout {
            return false;
        }
        if fa & ClassObj::SLOTS == 0 {
            return true;
        }
        let slot_names = |class: &PyRef| -> Option<Vec<Box<str>>> {
            let Obj::Class(cls) = &**class else {
                return None;
            };
            let slots = cls.slots();
            Some(
                slots
                    .iter()
                    .map(|k| k.as_str().unwrap_or("").into())
                    .collect(),
            )
        };
        slot_names(a) == slot_names(b)
    }
}
