//! Classes: user-defined ones and the built-in types, which share one representation.

use std::cell::{Cell, RefCell};

use super::{PyRef, Table};
use crate::rt::Tracer;

/// Which built-in type a class is (or derives from), deciding how instances are laid out.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TypeKind {
    /// A user class deriving from `object` (instances are `Obj::Instance`).
    Object,
    /// A built-in type whose instances are not `Obj::Instance`.
    Builtin,
}

/// A class object.
pub struct ClassObj {
    /// `__name__`.
    pub name: Box<str>,
    /// The bases as written (`__bases__`); empty only for `object`.
    pub bases: Box<[PyRef]>,
    /// The method resolution order after the class itself (`__mro__[1:]`): the C3
    /// linearization of the bases ([`super::mro`]). Attribute lookup walks it in order.
    pub mro: Box<[PyRef]>,
    /// The attributes (`__dict__`), keyed by str.
    pub attrs: RefCell<Table>,
    /// `__slots__` names when the class declares them.
    pub slots: Option<Box<[PyRef]>>,
    /// The names of its instances' inline attribute values, in order (CPython's shared
    /// keys, see [`super::instance`]): for a class with `__slots__`, every slot along the
    /// resolution order, fixed; otherwise the attributes its instances set, in the order
    /// they set them, grown by the VM up to [`ClassObj::MAX_SHARED_KEYS`].
    pub keys: RefCell<Vec<PyRef>>,
    /// How many of the shared keys come first as `__slots__` names (of the class and its
    /// bases; all of them for a class with `__slots__` all the way up). An instance keeps
    /// their values inline even once it has a `__dict__`, which never holds them: a slot is
    /// CPython's member descriptor, stored in the object, whatever its `__dict__` says.
    pub slot_keys: Cell<u32>,
    /// How many shared keys there were when the last instance was made (`u32::MAX`: none
    /// made yet): while they keep growing, new instances get spare values (see
    /// [`ClassObj::SPARE_VALUES`]).
    pub keys_at_last_instance: Cell<u32>,
    /// Layout of instances.
    pub kind: TypeKind,
    /// The class's own class when it is not `type` (`class A(metaclass=Meta)`, or inherited
    /// from a base): `type(A)`, where class attribute lookup ends and what calling A runs.
    pub metaclass: Option<PyRef>,
    /// For a built-in type made by a native constructor (`int(...)`, `list(...)`): its
    /// 1-based index in the VM's table of constructors, CPython's `tp_new` slot kept as an
    /// index so that this layout names nothing of the VM; 0 for every other class.
    pub constructor: Cell<u8>,
    /// What the class or its bases define that attribute access must consult
    /// ([`ClassObj::PROPERTY`], ...): lets plain attribute reads and writes skip the lookups.
    pub flags: Cell<u16>,
    /// The order of the class's making ([`ClassObj::next_serial`]): `__subclasses__()`
    /// lists the subclasses it finds in that order, as CPython's does.
    pub serial: u64,
}

impl ClassObj {
    /// A property, or an instance that may be a descriptor, is a class attribute: attribute
    /// access must look at the class before the instance.
    pub const PROPERTY: u16 = 1;
    /// `__setattr__` is defined.
    pub const SETATTR: u16 = 2;
    /// `__getattr__` is defined.
    pub const GETATTR: u16 = 4;
    /// `__slots__` restricts attributes.
    pub const SLOTS: u16 = 8;
    /// A built-in type other than `object` is among the bases: instances carry a
    /// built-in value ([`super::Instance::base_value`]).
    pub const EXTENDS_BUILTIN: u16 = 16;
    /// A `__new__` of user code is defined: instantiation must call it (without one, the
    /// default only allocates, so the lookup is skipped).
    pub const USER_NEW: u16 = 32;
    /// `__del__` is defined: dying instances must look it up (most classes have none, and
    /// every instance's death would pay for the lookup).
    pub const DEL: u16 = 64;
    /// `__slots__` all the way up: instances have no `__dict__`, only their slots' values.
    pub const NO_DICT: u16 = 128;
    /// `__getattribute__` is defined by user code: every attribute read on an instance
    /// calls it (CPython's `slot_tp_getattr_hook`).
    pub const GETATTRIBUTE: u16 = 256;

    /// Most names a class shares with its instances' inline values (CPython's
    /// `SHARED_KEYS_MAX_SIZE`); an instance with more keeps them in a dict.
    pub const MAX_SHARED_KEYS: usize = 30;
    /// Spare inline values of an instance made while its class's keys are still growing
    /// (its first instances, whose `__init__` teaches the class its attribute names), so
    /// that they need no dict; once the keys stop growing instances get exactly as many
    /// values as there are keys.
    pub const SPARE_VALUES: usize = 4;

    /// The shared keys that name slots: the first [`ClassObj::slot_keys`] of them.
    pub fn slots(&self) -> std::cell::Ref<'_, [PyRef]> {
        let count = self.slot_keys.get() as usize;
        std::cell::Ref::map(self.keys.borrow(), |keys| &keys[..count])
    }

    /// The flag an attribute named `name` with `value` contributes.
    pub fn flag_for(name: &str, value: &super::Obj) -> u16 {
        match (name, value) {
            // an instance stored in a class may be a descriptor (`__get__`/`__set__`)
            (_, super::Obj::Property(_) | super::Obj::Instance(_)) => Self::PROPERTY,
            ("__setattr__", _) => Self::SETATTR,
            ("__getattr__", _) => Self::GETATTR,
            ("__getattribute__", super::Obj::Function(_)) => Self::GETATTRIBUTE,
            ("__new__", super::Obj::Function(_) | super::Obj::StaticMethod(_)) => Self::USER_NEW,
            ("__del__", _) => Self::DEL,
            _ => 0,
        }
    }

    /// A number for a new class, greater than every earlier class's.
    pub fn next_serial() -> u64 {
        thread_local! {
            static MADE: Cell<u64> = const { Cell::new(0) };
        }
        MADE.with(|made| {
            made.set(made.get() + 1);
            made.get()
        })
    }

    /// The first base (`__base__`), if any.
    pub fn base(&self) -> Option<&PyRef> {
        self.bases.first()
    }

    /// Visits the bases, the resolution order and every attribute.
    pub fn trace(&self, tracer: &mut Tracer<'_>) {
        self.bases.iter().for_each(|b| tracer.visit(b));
        if let Some(meta) = &self.metaclass {
            tracer.visit(meta);
        }
        self.mro.iter().for_each(|c| tracer.visit(c));
        match self.keys.try_borrow() {
            Ok(keys) => keys.iter().for_each(|k| tracer.visit(k)),
            Err(_) => tracer.mark_busy(),
        }
        match self.attrs.try_borrow() {
            Ok(attrs) => attrs.trace(tracer),
            Err(_) => tracer.mark_busy(),
        }
    }
}
