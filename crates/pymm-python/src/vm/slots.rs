//! The per-type table of slots, as CPython's `PyTypeObject` (`tp_*`, `sq_*`, `mp_*`): what
//! the interpreter's generic operations (`len`, `obj[key]`, `in`, `iter`, `repr`, comparison,
//! `+` and `*` on sequences) call for a built-in type.
//!
//! A type's module (`objects/list`, `objects/tuple`, ...) defines one `static TYPE:
//! TypeSlots` next to its layout and methods, so that adding a type or a method touches that
//! module alone; [`of`] maps each value to its type's table. The generic operations ask the
//! table first and keep only the behaviour no type owns (user classes' special methods,
//! subclasses of built-in types). A slot left `None` means the type does not support the
//! operation, and the generic operation raises CPython's `TypeError`.

use crate::compile::CmpOp;
use crate::objects::{bytearray, bytes, dict, list, memoryview, set, str, tuple, Obj, PyRef};
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
        concat: None,
        inplace_concat: None,
        repeat: None,
        inplace_repeat: None,
        methods: &[],
    };
}

/// The slot table of `obj`'s built-in type, for the types that have moved to one.
#[inline]
pub fn of(obj: &Obj) -> Option<&'static TypeSlots> {
    match obj {
        Obj::Str(_) => Some(&str::TYPE),
        Obj::Bytes(_) => Some(&bytes::TYPE),
        Obj::ByteArray(_) => Some(&bytearray::TYPE),
        Obj::MemoryView(_) => Some(&memoryview::TYPE),
        Obj::List(_) => Some(&list::TYPE),
        Obj::Tuple(_) => Some(&tuple::TYPE),
        Obj::Dict(_) => Some(&dict::TYPE),
        Obj::Set(_, false) => Some(&set::SET_TYPE),
        Obj::Set(_, true) => Some(&set::FROZENSET_TYPE),
        _ => None,
    }
}
