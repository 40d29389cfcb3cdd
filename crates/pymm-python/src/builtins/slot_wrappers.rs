//! The special methods of the built-in types as attributes: CPython's slot wrappers
//! (`typeobject.c`'s `slotdefs` and `add_operators`), so that `int.__add__(1, 2)`,
//! `super().__repr__()`, `dict.__setitem__(self, key, value)` and `object.__eq__(a, b)` work.
//!
//! A wrapper runs its type's own operation on the built-in value it is given (the value
//! inside an instance of a subclass), never a subclass's override: the VM's generic
//! operations already do exactly that for a plain built-in value, so each wrapper checks its
//! receiver and operand types as CPython's slot does and hands the values on. Which names a
//! type has is CPython 3.11's (the `wrapper_descriptor`s of `T.__dict__`, and the
//! `__format__` methods); a method a type's module already defines (`list.__getitem__`,
//! `object.__init__`, ...) is installed after these and wins.

use crate::compile::{BinOp, CmpOp, UnOp};
use crate::objects::{Obj, PyRef};
use crate::rt::Gc;
use crate::vm::builtin::{Args, BuiltinFn, Role};
use crate::vm::{Exc, PyResult, Vm};

/// The built-in types that have wrappers (a const parameter of [`wrapper`]).
mod kind {
    pub const OBJECT: u8 = 0;
    pub const INT: u8 = 1;
    pub const BOOL: u8 = 2;
    pub const FLOAT: u8 = 3;
    pub const COMPLEX: u8 = 4;
    pub const STR: u8 = 5;
    pub const BYTES: u8 = 6;
    pub const BYTEARRAY: u8 = 7;
    pub const LIST: u8 = 8;
    pub const TUPLE: u8 = 9;
    pub const DICT: u8 = 10;
    pub const SET: u8 = 11;
    pub const FROZENSET: u8 = 12;
    pub const RANGE: u8 = 13;
    pub const EXCEPTION: u8 = 14;

    /// The type's name, as CPython's messages spell it.
    pub fn name(kind: u8) -> &'static str {
        [
            "object",
            "int",
            "bool",
            "float",
            "complex",
            "str",
            "bytes",
            "bytearray",
            "list",
            "tuple",
            "dict",
            "set",
            "frozenset",
            "range",
            "BaseException",
        ][kind as usize]
    }
}
use kind::*;

/// What a special method does.
#[derive(Clone, Copy)]
enum Op {
    Repr,
    Str,
    Hash,
    Bool,
    Len,
    Iter,
    Contains,
    GetItem,
    SetItem,
    DelItem,
    Compare(CmpOp),
    /// `a <op> b`.
    Binary(BinOp),
    /// `b <op> a` (`__radd__` and the like).
    Reflected(BinOp),
    /// `a <op>= b`, returning `a`.
    InPlace(BinOp),
    /// `divmod(a, b)`, or `divmod(b, a)` when reflected.
    DivMod {
        reflected: bool,
    },
    Unary(UnOp),
    Abs,
    Int,
    Float,
    Index,
    Format,
}

impl Op {
    /// Arguments after the receiver.
    fn arity(self) -> usize {
        match self {
            Op::Repr
            | Op::Str
            | Op::Hash
            | Op::Bool
            | Op::Len
            | Op::Iter
            | Op::Unary(_)
            | Op::Abs
            | Op::Int
            | Op::Float
            | Op::Index => 0,
            Op::SetItem => 2,
            _ => 1,
        }
    }
}

/// Every special method a wrapper can be, by name (a const parameter of [`wrapper`] is an
/// index here).
const SLOTS: &[(&str, Op)] = &[
    ("__repr__", Op::Repr),
    ("__str__", Op::Str),
    ("__hash__", Op::Hash),
    ("__bool__", Op::Bool),
    ("__len__", Op::Len),
    ("__iter__", Op::Iter),
    ("__contains__", Op::Contains),
    ("__getitem__", Op::GetItem),
    ("__setitem__", Op::SetItem),
    ("__delitem__", Op::DelItem),
    ("__eq__", Op::Compare(CmpOp::Eq)),
    ("__ne__", Op::Compare(CmpOp::Ne)),
    ("__lt__", Op::Compare(CmpOp::Lt)),
    ("__le__", Op::Compare(CmpOp::Le)),
    ("__gt__", Op::Compare(CmpOp::Gt)),
    ("__ge__", Op::Compare(CmpOp::Ge)),
    ("__add__", Op::Binary(BinOp::Add)),
    ("__sub__", Op::Binary(BinOp::Sub)),
    ("__mul__", Op::Binary(BinOp::Mul)),
    ("__truediv__", Op::Binary(BinOp::TrueDiv)),
    ("__floordiv__", Op::Binary(BinOp::FloorDiv)),
    ("__mod__", Op::Binary(BinOp::Mod)),
    ("__divmod__", Op::DivMod { reflected: false }),
    ("__pow__", Op::Binary(BinOp::Pow)),
    ("__lshift__", Op::Binary(BinOp::LShift)),
    ("__rshift__", Op::Binary(BinOp::RShift)),
    ("__and__", Op::Binary(BinOp::And)),
    ("__or__", Op::Binary(BinOp::Or)),
    ("__xor__", Op::Binary(BinOp::Xor)),
    ("__radd__", Op::Reflected(BinOp::Add)),
    ("__rsub__", Op::Reflected(BinOp::Sub)),
    ("__rmul__", Op::Reflected(BinOp::Mul)),
    ("__rtruediv__", Op::Reflected(BinOp::TrueDiv)),
    ("__rfloordiv__", Op::Reflected(BinOp::FloorDiv)),
    ("__rmod__", Op::Reflected(BinOp::Mod)),
    ("__rdivmod__", Op::DivMod { reflected: true }),
    ("__rpow__", Op::Reflected(BinOp::Pow)),
    ("__rlshift__", Op::Reflected(BinOp::LShift)),
    ("__rrshift__", Op::Reflected(BinOp::RShift)),
    ("__rand__", Op::Reflected(BinOp::And)),
    ("__ror__", Op::Reflected(BinOp::Or)),
    ("__rxor__", Op::Reflected(BinOp::Xor)),
    ("__iadd__", Op::InPlace(BinOp::Add)),
    ("__imul__", Op::InPlace(BinOp::Mul)),
    ("__ior__", Op::InPlace(BinOp::Or)),
    ("__iand__", Op::InPlace(BinOp::And)),
    ("__isub__", Op::InPlace(BinOp::Sub)),
    ("__ixor__", Op::InPlace(BinOp::Xor)),
    ("__neg__", Op::Unary(UnOp::Neg)),
    ("__pos__", Op::Unary(UnOp::Pos)),
    ("__invert__", Op::Unary(UnOp::Invert)),
    ("__abs__", Op::Abs),
    ("__int__", Op::Int),
    ("__float__", Op::Float),
    ("__index__", Op::Index),
    ("__format__", Op::Format),
];

/// The index of `name` in [`SLOTS`]; a name missing there fails the build.
const fn slot(name: &str) -> u8 {
    let mut i = 0;
    while i < SLOTS.len() {
        if same(SLOTS[i].0.as_bytes(), name.as_bytes()) {
            return i as u8;
        }
        i += 1;
    }
    panic!("no such special method in SLOTS")
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// One type's wrappers: `wrappers!(KIND: "__name__" ...)`.
macro_rules! wrappers {
    ($kind:expr; $($name:literal)*) => {
        wrappers!($kind, Role::Plain; $($name)*)
    };
    ($kind:expr, $role:expr; $($name:literal)*) => {
        &[$(BuiltinFn::new($name, wrapper::<{ $kind }, { slot($name) }>).role($role)),*]
    };
}

/// `object`'s wrappers; they receive the instance itself, not a built-in value inside it
/// ([`Role::ObjectMethod`]).
static OBJECT_SLOTS: &[BuiltinFn] = wrappers!(OBJECT, Role::ObjectMethod;
    "__repr__" "__str__" "__hash__" "__eq__" "__ne__" "__lt__" "__le__" "__gt__" "__ge__"
    "__format__");

static INT_SLOTS: &[BuiltinFn] = wrappers!(INT;
    "__repr__" "__hash__" "__bool__" "__eq__" "__ne__" "__lt__" "__le__" "__gt__" "__ge__"
    "__add__" "__sub__" "__mul__" "__truediv__" "__floordiv__" "__mod__" "__divmod__" "__pow__"
    "__lshift__" "__rshift__" "__and__" "__or__" "__xor__"
    "__radd__" "__rsub__" "__rmul__" "__rtruediv__" "__rfloordiv__" "__rmod__" "__rdivmod__"
    "__rpow__" "__rlshift__" "__rrshift__" "__rand__" "__ror__" "__rxor__"
    "__neg__" "__pos__" "__invert__" "__abs__" "__int__" "__float__" "__index__" "__format__");

static BOOL_SLOTS: &[BuiltinFn] = wrappers!(BOOL;
    "__repr__" "__and__" "__or__" "__xor__" "__rand__" "__ror__" "__rxor__");

static FLOAT_SLOTS: &[BuiltinFn] = wrappers!(FLOAT;
    "__repr__" "__hash__" "__bool__" "__eq__" "__ne__" "__lt__" "__le__" "__gt__" "__ge__"
    "__add__" "__sub__" "__mul__" "__truediv__" "__floordiv__" "__mod__" "__divmod__" "__pow__"
    "__radd__" "__rsub__" "__rmul__" "__rtruediv__" "__rfloordiv__" "__rmod__" "__rdivmod__"
    "__rpow__" "__neg__" "__pos__" "__abs__" "__int__" "__float__" "__format__");

static COMPLEX_SLOTS: &[BuiltinFn] = wrappers!(COMPLEX;
    "__repr__" "__hash__" "__bool__" "__eq__" "__ne__"
    "__add__" "__sub__" "__mul__" "__truediv__" "__pow__"
    "__radd__" "__rsub__" "__rmul__" "__rtruediv__" "__rpow__" "__neg__" "__pos__" "__abs__"
    "__format__");

static STR_SLOTS: &[BuiltinFn] = wrappers!(STR;
    "__repr__" "__str__" "__hash__" "__len__" "__iter__" "__contains__" "__getitem__"
    "__eq__" "__ne__" "__lt__" "__le__" "__gt__" "__ge__"
    "__add__" "__mul__" "__rmul__" "__mod__" "__rmod__" "__format__");

static BYTES_SLOTS: &[BuiltinFn] = wrappers!(BYTES;
    "__repr__" "__str__" "__hash__" "__len__" "__iter__" "__contains__" "__getitem__"
    "__eq__" "__ne__" "__lt__" "__le__" "__gt__" "__ge__"
    "__add__" "__mul__" "__rmul__" "__mod__" "__rmod__");

static BYTEARRAY_SLOTS: &[BuiltinFn] = wrappers!(BYTEARRAY;
    "__repr__" "__str__" "__len__" "__iter__" "__contains__" "__getitem__" "__setitem__"
    "__delitem__" "__eq__" "__ne__" "__lt__" "__le__" "__gt__" "__ge__"
    "__add__" "__mul__" "__rmul__" "__mod__" "__rmod__" "__iadd__" "__imul__");

static LIST_SLOTS: &[BuiltinFn] = wrappers!(LIST;
    "__repr__" "__len__" "__iter__" "__contains__" "__getitem__" "__setitem__" "__delitem__"
    "__eq__" "__ne__" "__lt__" "__le__" "__gt__" "__ge__"
    "__add__" "__mul__" "__rmul__" "__iadd__" "__imul__");

static TUPLE_SLOTS: &[BuiltinFn] = wrappers!(TUPLE;
    "__repr__" "__hash__" "__len__" "__iter__" "__contains__" "__getitem__"
    "__eq__" "__ne__" "__lt__" "__le__" "__gt__" "__ge__" "__add__" "__mul__" "__rmul__");

static DICT_SLOTS: &[BuiltinFn] = wrappers!(DICT;
    "__repr__" "__len__" "__iter__" "__contains__" "__getitem__" "__setitem__" "__delitem__"
    "__eq__" "__ne__" "__lt__" "__le__" "__gt__" "__ge__" "__or__" "__ror__" "__ior__");

static SET_SLOTS: &[BuiltinFn] = wrappers!(SET;
    "__repr__" "__len__" "__iter__" "__contains__"
    "__eq__" "__ne__" "__lt__" "__le__" "__gt__" "__ge__"
    "__and__" "__or__" "__sub__" "__xor__" "__rand__" "__ror__" "__rsub__" "__rxor__"
    "__iand__" "__ior__" "__isub__" "__ixor__");

static FROZENSET_SLOTS: &[BuiltinFn] = wrappers!(FROZENSET;
    "__repr__" "__hash__" "__len__" "__iter__" "__contains__"
    "__eq__" "__ne__" "__lt__" "__le__" "__gt__" "__ge__"
    "__and__" "__or__" "__sub__" "__xor__" "__rand__" "__ror__" "__rsub__" "__rxor__");

static RANGE_SLOTS: &[BuiltinFn] = wrappers!(RANGE;
    "__repr__" "__hash__" "__bool__" "__len__" "__iter__" "__contains__" "__getitem__"
    "__eq__" "__ne__" "__lt__" "__le__" "__gt__" "__ge__");

static EXCEPTION_SLOTS: &[BuiltinFn] = wrappers!(EXCEPTION; "__repr__" "__str__");

/// Each built-in type with its wrappers, for [`crate::builtins::method_tables`] (first, so
/// that the types' own methods replace a wrapper of the same name).
pub fn tables(t: &crate::vm::Types) -> Vec<(&PyRef, &'static [BuiltinFn])> {
    vec![
        (&t.object, OBJECT_SLOTS),
        (&t.int, INT_SLOTS),
        (&t.bool, BOOL_SLOTS),
        (&t.float, FLOAT_SLOTS),
        (&t.complex, COMPLEX_SLOTS),
        (&t.str, STR_SLOTS),
        (&t.bytes, BYTES_SLOTS),
        (&t.bytearray, BYTEARRAY_SLOTS),
        (&t.list, LIST_SLOTS),
        (&t.tuple, TUPLE_SLOTS),
        (&t.dict, DICT_SLOTS),
        (&t.set, SET_SLOTS),
        (&t.frozenset, FROZENSET_SLOTS),
        (&t.range, RANGE_SLOTS),
        (t.exc(Exc::BaseException), EXCEPTION_SLOTS),
    ]
}

/// The mutable containers set `__hash__ = None`, as CPython's do: `hash()` of them, and of
/// instances of their subclasses, raises "unhashable type", and `collections.abc.Hashable`
/// does not claim them.
pub fn install_unhashable(vm: &Vm) {
    let t = &vm.types;
    for class in [&t.list, &t.dict, &t.set, &t.bytearray, &t.slice] {
        vm.class_set_attr(class, &vm.intern("__hash__"), vm.none());
    }
}

/// The special method `SLOTS[S]` of built-in type `K`.
fn wrapper<const K: u8, const S: u8>(vm: &Vm, a: Args<'_>) -> PyResult {
    let (name, op) = SLOTS[S as usize];
    let Some((receiver, rest)) = a.pos.split_first() else {
        return Err(vm.type_error(format!(
            "descriptor '{name}' of '{}' object needs an argument",
            kind::name(K)
        )));
    };
    if !a.kwnames.is_empty() {
        return Err(vm.type_error(format!("wrapper {name}() takes no keyword arguments")));
    }
    if matches!(op, Op::Binary(BinOp::Pow)) && rest.len() == 2 {
        // `int.__pow__(base, exp, mod)`: the three-argument `pow`
        if let Some(value) = value_of(vm, K, receiver) {
            let args = [value.clone(), rest[0].clone(), rest[1].clone()];
            return super::functions::pow(vm, Args::new(&args));
        }
    }
    if rest.len() != op.arity() {
        let n = op.arity();
        return Err(vm.type_error(format!(
            "expected {n} argument{}, got {}",
            if n == 1 { "" } else { "s" },
            rest.len()
        )));
    }
    let Some(value) = value_of(vm, K, receiver) else {
        return Err(vm.type_error(format!(
            "descriptor '{name}' requires a '{}' object but received a '{}'",
            kind::name(K),
            vm.type_name(receiver)
        )));
    };
    match K {
        OBJECT => object_slot(vm, op, receiver, rest),
        EXCEPTION => exception_slot(vm, op, receiver),
        _ => value_slot(vm, K, op, (receiver, value), rest),
    }
}

/// The built-in value of kind `kind` that `obj` is or holds, if it is one.
fn value_of<'a>(vm: &Vm, kind: u8, obj: &'a PyRef) -> Option<&'a PyRef> {
    match kind {
        OBJECT => Some(obj),
        EXCEPTION => {
            let class = vm.type_of(obj);
            vm.is_subclass(&class, vm.types.exc(Exc::BaseException))
                .then_some(obj)
        }
        _ => {
            let value = vm.builtin_receiver(obj);
            is_kind(kind, value).then_some(value)
        }
    }
}

/// True when the plain built-in `value` is of `kind` (or a built-in subtype of it).
fn is_kind(kind: u8, value: &PyRef) -> bool {
    matches!(
        (kind, &**value),
        (INT, Obj::Int(_) | Obj::BigInt(_) | Obj::Bool(_))
            | (BOOL, Obj::Bool(_))
            | (FLOAT, Obj::Float(_))
            | (COMPLEX, Obj::Complex(_))
            | (STR, Obj::Str(_))
            | (BYTES, Obj::Bytes(_))
            | (BYTEARRAY, Obj::ByteArray(_))
            | (LIST, Obj::List(_))
            | (TUPLE, Obj::Tuple(_))
            | (DICT, Obj::Dict(_))
            | (SET, Obj::Set(_, false))
            | (FROZENSET, Obj::Set(_, true))
            | (RANGE, Obj::Range(_) | Obj::BigRange(_))
    )
}

/// The built-in value of `other` when a binary slot of `kind` computes with it (CPython's
/// number and comparison slots return NotImplemented for anything else).
fn operand<'a>(vm: &Vm, kind: u8, other: &'a PyRef) -> Option<&'a PyRef> {
    let value = vm.builtin_receiver(other);
    let accepted = match kind {
        INT | BOOL => is_kind(INT, value),
        FLOAT => is_kind(INT, value) || is_kind(FLOAT, value),
        COMPLEX => is_kind(INT, value) || is_kind(FLOAT, value) || is_kind(COMPLEX, value),
        BYTES | BYTEARRAY => is_kind(BYTES, value) || is_kind(BYTEARRAY, value),
        SET | FROZENSET => is_kind(SET, value) || is_kind(FROZENSET, value),
        _ => is_kind(kind, value),
    };
    accepted.then_some(value)
}

/// A slot of a value type: `receiver` is what the call received, `value` the built-in
/// value in it.
fn value_slot(
    vm: &Vm,
    kind: u8,
    op: Op,
    (receiver, value): (&PyRef, &PyRef),
    rest: &[PyRef],
) -> PyResult {
    let not_implemented = || Ok(vm.not_implemented());
    match op {
        Op::Repr => vm.str(vm.repr(value)?),
        Op::Str if kind == STR => vm.str(vm.to_str(value)?),
        Op::Str => vm.str(vm.repr(value)?),
        // a NaN hashes by the identity of the object that holds it (`_Py_HashDouble`)
        Op::Hash if matches!(&**value, Obj::Float(f) if f.is_nan()) => {
            vm.new_int(crate::vm::dict::identity_hash(receiver))
        }
        Op::Hash => vm.new_int(vm.hash(value)?),
        Op::Bool => Ok(vm.bool(vm.truthy(value)?)),
        Op::Len => vm.new_int(vm.len(value)? as i64),
        Op::Iter => vm.get_iter(value),
        Op::Contains => Ok(vm.bool(vm.contains(value, &rest[0])?)),
        Op::GetItem => vm.get_item(value, &rest[0]),
        Op::SetItem => {
            vm.set_item(value, rest[0].clone(), rest[1].clone())?;
            Ok(vm.none())
        }
        Op::DelItem => {
            vm.del_item(value, &rest[0])?;
            Ok(vm.none())
        }
        Op::Compare(cmp) => match operand(vm, kind, &rest[0]) {
            // bytes compares with bytes alone; bytearray with any bytes-like
            Some(other) if kind == BYTES && !is_kind(BYTES, other) => not_implemented(),
            Some(other) => vm.compare(value, other, cmp),
            None => not_implemented(),
        },
        Op::Binary(bin) => binary(vm, kind, bin, value, &rest[0]),
        Op::Reflected(bin) => reflected(vm, kind, bin, value, &rest[0]),
        Op::DivMod { reflected } => match operand(vm, kind, &rest[0]) {
            Some(other) if reflected => divmod(vm, other, value),
            Some(other) => divmod(vm, value, other),
            None => not_implemented(),
        },
        Op::InPlace(bin) => {
            let other = match kind {
                SET => match operand(vm, kind, &rest[0]) {
                    Some(other) => other,
                    None => return not_implemented(),
                },
                _ => &rest[0],
            };
            vm.binary_op(value, other, bin, true)?;
            Ok(receiver.clone())
        }
        Op::Unary(un) => vm.unary_op(value, un),
        Op::Abs => vm.abs(value),
        Op::Int | Op::Index => vm.call(&vm.types.int, std::slice::from_ref(value)),
        Op::Float => vm.call(&vm.types.float, std::slice::from_ref(value)),
        Op::Format => vm.str(vm.format(value, format_spec(vm, &rest[0])?)?),
    }
}

/// `a.__op__(b)` of a value type.
fn binary(vm: &Vm, kind: u8, bin: BinOp, value: &PyRef, other: &PyRef) -> PyResult {
    let sequence = matches!(kind, STR | BYTES | BYTEARRAY | LIST | TUPLE);
    match (sequence, bin) {
        // formatting takes any argument, repetition an int
        (true, BinOp::Mul) => vm.binary_op(value, repeat_count(vm, other)?, bin, false),
        (true, BinOp::Mod) => vm.binary_op(value, other, bin, false),
        // the type's own concatenation, whatever `other` defines (`sq_concat`)
        (true, BinOp::Add) => {
            let concat = vm.slots_of(value).and_then(|t| t.concat);
            let other = vm.builtin_receiver(other);
            match concat.map(|concat| concat(vm, value, other)).transpose()? {
                Some(Some(joined)) => Ok(joined),
                _ => Err(vm.concat_error(value, other)),
            }
        }
        _ => match operand(vm, kind, other) {
            Some(other) => vm.binary_op(value, other, bin, false),
            None => Ok(vm.not_implemented()),
        },
    }
}

/// `a.__rop__(b)` = `b <op> a` of a value type.
fn reflected(vm: &Vm, kind: u8, bin: BinOp, value: &PyRef, other: &PyRef) -> PyResult {
    if bin == BinOp::Mul && matches!(kind, STR | BYTES | BYTEARRAY | LIST | TUPLE) {
        // `seq.__rmul__(n)` repeats the sequence, as `n * seq` does
        return vm.binary_op(value, repeat_count(vm, other)?, bin, false);
    }
    match operand(vm, kind, other) {
        Some(other) => vm.binary_op(other, value, bin, false),
        None => Ok(vm.not_implemented()),
    }
}

/// The int a sequence's `__mul__` repeats it by (`sq_repeat` takes an index).
fn repeat_count<'a>(vm: &Vm, n: &'a PyRef) -> PyResult<&'a PyRef> {
    let value = vm.builtin_receiver(n);
    if is_kind(INT, value) {
        return Ok(value);
    }
    Err(vm.not_an_integer(n))
}

/// `divmod(a, b)` of two numbers the slot accepted.
fn divmod(vm: &Vm, a: &PyRef, b: &PyRef) -> PyResult {
    let quotient = vm.binary_op(a, b, BinOp::FloorDiv, false)?;
    let remainder = vm.binary_op(a, b, BinOp::Mod, false)?;
    vm.new_tuple(vec![quotient, remainder])
}

/// The `format_spec` argument of `__format__`, which must be a str.
fn format_spec<'a>(vm: &Vm, spec: &'a PyRef) -> PyResult<&'a str> {
    spec.as_str().ok_or_else(|| {
        vm.type_error(format!(
            "__format__() argument must be str, not {}",
            vm.type_name(spec)
        ))
    })
}

/// `object`'s slots, on any object.
fn object_slot(vm: &Vm, op: Op, obj: &PyRef, rest: &[PyRef]) -> PyResult {
    match op {
        Op::Repr => vm.str(vm.object_repr(obj)),
        // `object.__str__` is `type(obj).__repr__(obj)`, an override included
        Op::Str => vm.str(vm.repr(obj)?),
        Op::Hash => vm.new_int(crate::vm::dict::identity_hash(obj)),
        Op::Compare(CmpOp::Eq) => Ok(if Gc::ptr_eq(obj, &rest[0]) {
            vm.bool(true)
        } else {
            vm.not_implemented()
        }),
        Op::Compare(CmpOp::Ne) => object_ne(vm, obj, &rest[0]),
        Op::Compare(_) => Ok(vm.not_implemented()),
        Op::Format => {
            let spec = format_spec(vm, &rest[0])?;
            if !spec.is_empty() {
                return Err(vm.type_error(format!(
                    "unsupported format string passed to {}.__format__",
                    vm.type_name(obj)
                )));
            }
            vm.str(vm.to_str(obj)?)
        }
        _ => unreachable!("object has no such wrapper"),
    }
}

/// `object.__ne__`: the inverse of the type's `__eq__`, unless that is NotImplemented.
fn object_ne(vm: &Vm, obj: &PyRef, other: &PyRef) -> PyResult {
    let eq = match vm.user_method(obj, "__eq__") {
        Some(eq) => vm.call(&eq, &[obj.clone(), other.clone()])?,
        None if Gc::ptr_eq(obj, other) => vm.bool(true),
        None => vm.not_implemented(),
    };
    if Gc::ptr_eq(&eq, &vm.not_implemented()) {
        return Ok(eq);
    }
    Ok(vm.bool(!vm.truthy(&eq)?))
}

/// `BaseException`'s slots.
fn exception_slot(vm: &Vm, op: Op, exc: &PyRef) -> PyResult {
    match op {
        Op::Repr => vm.str(vm.exception_repr(exc)?),
        Op::Str => vm.str(vm.exception_str(exc)?),
        _ => unreachable!("BaseException has no such wrapper"),
    }
}
