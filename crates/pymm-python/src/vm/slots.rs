//! The per-type table of slots, as CPython's `PyTypeObject` (`tp_*`, `sq_*`, `mp_*`): what
//! the interpreter's generic operations (`len`, `obj[key]`, `in`, `iter`, `repr`, comparison,
//! `+` and `*` on sequences) call for a built-in type.
//!
//! A type's module (`objects/list`, `objects/tuple`, ...) defines one `static TYPE:
//! TypeSlots` next to its layout and methods, so that adding a type or a method touches that
//! module alone; `builtins::install` registers each table with the VM
//! ([`Vm::set_type_slots`]), which finds a value's table by its layout ([`Slotted`]) without
//! naming the type modules, as CPython's `ob_type` leads to a `PyTypeObject` defined
//! elsewhere. The generic operations ask the table first and keep only the behaviour no
//! type owns (user classes' special methods, subclasses of built-in types). A slot left
//! `None` means the type does not support the operation, and the generic operation raises
//! CPython's `TypeError`.

use crate::compile::CmpOp;
use std::cell::Cell;

use crate::objects::{Obj, PyRef};
use crate::vm::builtin::BuiltinFn;
use crate::vm::{PyResult, Vm};

/// `len(obj)` (`sq_length` / `mp_length`); also `bool(obj)` when the type has no `truth`.
pub type LenFn = fn(&Vm, &PyRef) -> PyResult<usize>;
/// `obj[key]` (`mp_subscript`), slices included.
pub type SubscriptFn = fn(&Vm, &PyRef, &PyRef) -> PyResult;
/// `obj[key] = value`, or `del obj[key]` when the value is `None` (`mp_ass_subscript`).
pub type AssSubscriptFn = fn(&Vm, &PyRef, &PyRef, Option<PyRef>) -> PyResult<()>;
/// `item in obj` (`sq_contains`).
pub type ContainsFn = fn(&Vm, &PyRef, &PyRef) -> PyResult<bool>;
/// `iter(obj)` (`tp_iter`).
pub type IterFn = fn(&Vm, &PyRef) -> PyResult;
/// `repr(obj)` (`tp_repr`); a container guards against itself with [`Vm::repr_guarded`].
pub type ReprFn = fn(&Vm, &PyRef) -> PyResult<String>;
/// `a <op> b` for two values of the type (`tp_richcompare`); `None` when the other operand is
/// not of a type this one compares with (`NotImplemented`).
pub type CompareFn = fn(&Vm, &PyRef, &PyRef, CmpOp) -> PyResult<Option<bool>>;
/// `hash(obj)` (`tp_hash`), for a type whose values hash by what they hold.
pub type HashFn = fn(&Vm, &PyRef) -> PyResult<i64>;
/// `a + b` (`sq_concat`) or `a += b` (`sq_inplace_concat`); `None` for `NotImplemented`.
pub type ConcatFn = fn(&Vm, &PyRef, &PyRef) -> PyResult<Option<PyRef>>;
/// `seq * n` (`sq_repeat`), `n` already checked and clamped at zero.
pub type RepeatFn = fn(&Vm, &PyRef, usize) -> PyResult;

/// A built-in type's slots and methods.
pub struct TypeSlots {
    /// The type's name, as `type(obj).__name__` shows it.
    pub name: &'static str,
    /// `len(obj)`.
    pub len: Option<LenFn>,
    /// `obj[key]`.
    pub subscript: Option<SubscriptFn>,
    /// `obj[key] = value` and `del obj[key]`.
    pub ass_subscript: Option<AssSubscriptFn>,
    /// `item in obj`; without it, `in` iterates.
    pub contains: Option<ContainsFn>,
    /// `iter(obj)`.
    pub iter: Option<IterFn>,
    /// `repr(obj)`.
    pub repr: Option<ReprFn>,
    /// Comparison with a value of the same type.
    pub compare: Option<CompareFn>,
    /// `hash(obj)`; without it, the VM's own rules for the built-in values.
    pub hash: Option<HashFn>,
    /// `a + b`.
    pub concat: Option<ConcatFn>,
    /// `a += b`; without it, `+=` is `+`.
    pub inplace_concat: Option<ConcatFn>,
    /// `seq * n` and `n * seq`.
    pub repeat: Option<RepeatFn>,
    /// `seq *= n`, in place (`sq_inplace_repeat`); without it, `*=` is `*`.
    pub inplace_repeat: Option<RepeatFn>,
    /// The type's methods (`tp_methods`), installed in its class dict.
    pub methods: &'static [BuiltinFn],
}

impl TypeSlots {
    /// A type with no slots and no methods; a type's table starts from it
    /// (`..TypeSlots::EMPTY`).
    pub const EMPTY: TypeSlots = TypeSlots {
        name: "",
        len: None,
        subscript: None,
        ass_subscript: None,
        contains: None,
        iter: None,
        repr: None,
        compare: None,
        hash: None,
        concat: None,
        inplace_concat: None,
        repeat: None,
        inplace_repeat: None,
        methods: &[],
    };
}

/// The built-in types that have a slot table, by their values' layout.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Slotted {
    /// `str`.
    Str,
    /// `bytes`.
    Bytes,
    /// `bytearray`.
    ByteArray,
    /// `memoryview`.
    MemoryView,
    /// `list`.
    List,
    /// `tuple`.
    Tuple,
    /// `dict`.
    Dict,
    /// `set`.
    Set,
    /// `frozenset`.
    FrozenSet,
}

impl Slotted {
    const COUNT: usize = 9;

    /// Which of the types with a slot table `obj` is a value of, if any.
    #[inline]
    pub fn of(obj: &Obj) -> Option<Slotted> {
        Some(match obj {
            Obj::Str(_) => Slotted::Str,
            Obj::Bytes(_) => Slotted::Bytes,
            Obj::ByteArray(_) => Slotted::ByteArray,
            Obj::MemoryView(_) => Slotted::MemoryView,
            Obj::List(_) => Slotted::List,
            Obj::Tuple(_) => Slotted::Tuple,
            Obj::Dict(_) => Slotted::Dict,
            Obj::Set(_, false) => Slotted::Set,
            Obj::Set(_, true) => Slotted::FrozenSet,
            _ => return None,
        })
    }
}

/// The slot tables registered with a VM, by [`Slotted`].
#[derive(Default)]
pub struct SlotTables([Cell<Option<&'static TypeSlots>>; Slotted::COUNT]);

impl Vm {
    /// Registers `table` as the slots of the built-in type `kind`.
    pub fn set_type_slots(&self, kind: Slotted, table: &'static TypeSlots) {
        self.type_slots.0[kind as usize].set(Some(table));
    }

    /// The slot table of `obj`'s built-in type, for the types that have one.
    #[inline]
    pub fn slots_of(&self, obj: &PyRef) -> Option<&'static TypeSlots> {
        self.type_slots.0[Slotted::of(obj)? as usize].get()
    }
}
